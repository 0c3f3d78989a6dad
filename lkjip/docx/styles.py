"""The one reader of a document's styles (``word/styles.xml``).

Word refers to a style by its id (``<w:pStyle w:val="Heading1"/>``) and shows its name
("heading 1"); the template's styles are looked up by name. :class:`StyleMap` answers both
ways and follows ``w:basedOn`` for what a style inherits (font size, bold, list numbering).
Used by the chapter writer, the TOC write-back and the golden-text reader.
"""

from __future__ import annotations

from lxml import etree

from ..errors import TemplateError
from .xml import W, qn

DEFAULT_FONT_SIZE = 12.0  # points, when neither the style chain nor docDefaults says


class StyleMap:
    """Styles of one document, read once.

    ``root``: the ``<w:styles>`` element (None: no styles part). ``source``: the template as
    messages name it (for :meth:`require`).
    """

    def __init__(self, root=None, source: str = "dokumen"):
        self.root = root
        self.source = source
        self.ids: dict[str, str] = {}  # lower-case name -> styleId
        self.by_id: dict[str, object] = {}  # styleId -> <w:style> (the first of that id)
        self.default_paragraph: str | None = None  # styleId of the default paragraph style
        for style in root.findall(W + "style") if root is not None else ():
            style_id = style.get(W + "styleId")
            self.by_id.setdefault(style_id, style)
            name = style.find(W + "name")
            if name is not None and style_id:
                self.ids[name.get(W + "val", "").lower()] = style_id
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default_paragraph = style_id

    @classmethod
    def from_xml(cls, styles_xml: bytes | None, source: str = "dokumen") -> "StyleMap":
        return cls(etree.fromstring(styles_xml) if styles_xml else None, source)

    # --- names and ids
    def id_of(self, name: str) -> str | None:
        """The styleId of the style called ``name`` (any case), or None."""
        return self.ids.get(name.lower())

    def require(self, name: str) -> str:
        """The styleId of ``name``; TemplateError (Indonesian) when the template lacks it."""
        style_id = self.id_of(name)
        if style_id is None:
            raise TemplateError(
                f'Templat {self.source} tidak memiliki gaya (style) "{name}". '
                "Saran: kembalikan gaya itu di Word atau buat ulang templat dengan "
                "scripts/make_template.py."
            )
        return style_id

    def name_of(self, style_id: str | None) -> str | None:
        """The stored name of a styleId ("heading 1"), or None when unknown."""
        style = self.by_id.get(style_id or "")
        name = style.find(W + "name") if style is not None else None
        return None if name is None else name.get(W + "val")

    def element(self, name: str):
        """The ``<w:style>`` of the style called ``name``, or None."""
        return self.by_id.get(self.id_of(name) or "")

    # --- inherited properties
    def chain(self, style_id: str | None):
        """The ``<w:style>`` of ``style_id`` and those it is based on, nearest first."""
        style = self.by_id.get(style_id or "")
        seen = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            yield style
            based = style.find(W + "basedOn")
            style = self.by_id.get(based.get(W + "val")) if based is not None else None

    def font_size(self, name: str) -> float:
        """Font size in points of paragraph style ``name`` (docDefaults, else 12 pt)."""
        for style in self.chain(self.require(name)):
            size = style.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if size is not None:
                return int(size.get(W + "val")) / 2
        size = None
        if self.root is not None:
            size = self.root.find(
                f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"
            )
        return int(size.get(W + "val")) / 2 if size is not None else DEFAULT_FONT_SIZE

    def is_bold(self, name: str) -> bool:
        """Whether paragraph style ``name`` (or one it is based on) sets bold."""
        for style in self.chain(self.require(name)):
            bold = style.find(f"{qn('w:rPr')}/{qn('w:b')}")
            if bold is not None:
                return bold.get(W + "val", "true") not in ("0", "false")
        return False

    def header_fill(self, table_style: str) -> str | None:
        """The shading (hex colour) of the first row in table style ``table_style``."""
        style = self.by_id.get(self.require(table_style))
        if style is None:
            return None
        shading = style.find(
            f"{qn('w:tblStylePr')}[@{qn('w:type')}='firstRow']/{qn('w:tcPr')}/{qn('w:shd')}"
        )
        return None if shading is None else shading.get(W + "fill")

    def num_pr(self, style_id: str | None):
        """The ``<w:numPr>`` a paragraph of ``style_id`` inherits from its style chain, or None."""
        for style in self.chain(style_id):
            found = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if found is not None:
                return found
        return None
