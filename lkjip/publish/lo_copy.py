"""The copy of the report that LibreOffice loads: table styles written out as direct formatting.

LibreOffice spends about half of its load time on our report (0.45 of 0.85 s for the 130 tables
of the 2020 example) applying table styles, whatever a style holds; tables without a style
load fast. :func:`for_libreoffice` makes the copy of the .docx that only LibreOffice sees
(``libreoffice.in_job_folder``): each top-level table of the body gets, as direct formatting,
what LibreOffice 7.4 takes from its style (writerfilter, ``DomainMapperTableHandler``), and
loses the style reference:

* the table: the style's ``tblPr`` (with its ``basedOn`` chain) — ``tblInd`` and each side of
  ``tblBorders`` and ``tblCellMar`` — where the table does not set them itself;
* each cell: the shading (``tcPr/shd``) of the style's conditional formats (``tblStylePr``)
  that apply to it, where the cell has none;
* each paragraph and run: every property of the style's ``pPr``/``rPr`` (the chain's, then the
  cell's conditional formats') that the paragraph's style chain does not set, where the
  paragraph's ``pPr`` (paragraph properties) or the run's ``rPr`` (run properties) does not
  set it either. The document defaults and character styles do not count: LibreOffice's
  table style wins over them. (Writer's own quirks with run values that change nothing are
  avoided, see :func:`_run_targets`.)

Which conditional formats apply follows LibreOffice, not Word (:func:`_conditions`): the
``tblLook`` is the legacy ``w:val`` number (LibreOffice keeps the ``firstRow``… attributes for
export only); a row marked ``tblHeader`` takes the first-row format; the conditional formats
of a ``basedOn`` parent are ignored (such a style is left alone here).

A table whose style holds anything else keeps its style (LibreOffice formats it, only slower),
and so does a table with content not handled here (nested tables, fields or hyperlinks in a
paragraph that gets character formatting, …). The user's .docx is never changed; when
anything is unexpected, the input comes back as it is.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import partial

from lxml import etree

from ..docx.xml import W, to_bytes

DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"


class Unsupported(Exception):
    """Something not resolved here: the table keeps its style."""


def for_libreoffice(docx: bytes) -> bytes:
    """The .docx to hand to LibreOffice: ``docx`` with the table styles of its body's tables
    written out as direct formatting (a table whose style is not resolved here keeps it).

    Returns ``docx`` itself when no table changes or when anything is unexpected (not a zip,
    bad XML, …); never raises.
    """
    try:
        return _copy(docx)
    except Exception:  # whatever went wrong, LibreOffice can still load the original
        return docx


def _copy(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zin:
        styles = Styles(etree.fromstring(zin.read(STYLES)))
        root = etree.fromstring(zin.read(DOCUMENT))
        if not resolve_tables(root, styles):
            return docx
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                data = to_bytes(root) if info.filename == DOCUMENT else zin.read(info)
                zout.writestr(info, data, compresslevel=1)  # only LibreOffice reads it
    return out.getvalue()


def resolve_tables(root, styles: Styles) -> int:
    """Write out the table style of each top-level table of the document part ``root`` (an
    lxml element, changed in place); returns how many tables changed. A table this module
    does not resolve is left as it is."""
    changed = 0
    for table in root.iter(W + "tbl"):
        if table.getparent().tag != W + "body":
            continue
        try:
            edits = _table_edits(table, styles)
        except Unsupported:
            continue
        for edit in edits:
            edit()
        changed += bool(edits)
    return changed


# --- names and keys ---------------------------------------------------------------------

def _name(element) -> str:
    """The local name of a w: element; anything else (another namespace, a comment) gets a
    name no w: element has."""
    tag = element.tag
    return tag[len(W):] if isinstance(tag, str) and tag.startswith(W) else f"?{tag}"


def _on(element) -> bool:
    """An on/off element (``<w:tblHeader/>``, ``w:val="0"``…) that is on."""
    return element.get(W + "val", "1") not in ("0", "false", "off")


# The properties as LibreOffice keys them: one per property it sets, so that what a
# paragraph style or a run sets is compared with what the table style would set.
SPACING_KEYS = {"before": "spacing.before", "beforeLines": "spacing.before",
                "beforeAutospacing": "spacing.before", "after": "spacing.after",
                "afterLines": "spacing.after", "afterAutospacing": "spacing.after",
                "line": "spacing.line", "lineRule": "spacing.line"}
RUN_KEYS = {"smallCaps": "r.caps", "dstrike": "r.strike", "strike": "r.strike"}


def _paragraph_keys(ppr) -> set[str]:
    """What a ``w:pPr`` sets (its ``w:rPr``, the paragraph mark's, aside)."""
    keys: set[str] = set()
    for child in ppr:
        name = _name(child)
        if name == "spacing":
            keys.update(SPACING_KEYS.get(etree.QName(attr).localname, "spacing.?")
                        for attr in child.attrib)
        elif name != "rPr":
            keys.add(name)
    return keys


def _run_keys(rpr) -> set[str]:
    """What a ``w:rPr`` (or a list of its children; None: nothing) sets."""
    if rpr is None:
        return set()
    return {RUN_KEYS.get(_name(child), "r." + _name(child)) for child in rpr}


# --- what a table style may hold ------------------------------------------------------------

STYLE_META = {"name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
              "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
              "personalCompose", "personalReply", "rsid"}
BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
MARGIN_SIDES = ("top", "left", "bottom", "right")
STYLE_RUN_PROPERTIES = {"b": "r.b", "bCs": "r.bCs", "i": "r.i", "iCs": "r.iCs",
                        "color": "r.color", "caps": "r.caps", "smallCaps": "r.caps"}
# LibreOffice applies the conditional formats of a cell in this order (later ones win)
CONDITIONAL_ORDER = ("band2Horz", "band1Horz", "band2Vert", "band1Vert", "lastCol",
                     "firstCol", "lastRow", "firstRow", "swCell", "seCell", "nwCell", "neCell")


@dataclass
class Conditional:
    """One ``w:tblStylePr``: paragraph/run properties (key → element) and cell shading."""

    properties: dict
    shading: object = None


@dataclass
class TableStyle:
    """A table style as LibreOffice applies it.

    ``table``: key ("tblInd", "tblBorders/top", …) → the ``tblPr`` element or border/margin
    side to copy; ``text``: key → a ``w:pPr`` child (``w:spacing`` holding only that key's
    attributes) or ``w:rPr`` child, for every paragraph; ``conditional``: type → format.
    """

    table: dict
    text: dict
    conditional: dict


def _text_properties(container) -> dict:
    """The supported properties of a table style's ``w:pPr`` or ``w:rPr``: key → element."""
    found: dict = {}
    for child in container:
        name = _name(child)
        if _name(container) == "rPr" and name in STYLE_RUN_PROPERTIES:
            key = STYLE_RUN_PROPERTIES[name]
        elif _name(container) == "pPr" and name in ("keepNext", "keepLines"):
            key = name
        elif _name(container) == "pPr" and name == "spacing":
            attrs = {etree.QName(a).localname: a for a in child.attrib}
            if (set(attrs) - {"before", "after", "line", "lineRule"}
                    or any(etree.QName(a).namespace != W[1:-1] for a in child.attrib)
                    or ("lineRule" in attrs and "line" not in attrs)):
                raise Unsupported
            for key, names in (("spacing.before", ("before",)), ("spacing.after", ("after",)),
                               ("spacing.line", ("line", "lineRule"))):
                if any(n in attrs for n in names):
                    part = etree.Element(W + "spacing")
                    for n in names:
                        if n in attrs:
                            part.set(attrs[n], child.get(attrs[n]))
                    found[key] = part
            continue
        else:
            raise Unsupported
        if key in found:
            raise Unsupported
        found[key] = child
    return found


def _table_properties(tblpr) -> dict:
    """The supported properties of a table style's ``w:tblPr``: key → element."""
    found: dict = {}
    for child in tblpr:
        name = _name(child)
        if name in ("tblStyleRowBandSize", "tblStyleColBandSize") and child.get(W + "val") == "1":
            continue  # bands of one row/column: what LibreOffice does anyway
        if name == "tblInd":
            found[name] = child
        elif name in ("tblBorders", "tblCellMar"):
            sides = BORDER_SIDES if name == "tblBorders" else MARGIN_SIDES
            for side in child:
                if _name(side) not in sides:
                    raise Unsupported
                found[f"{name}/{_name(side)}"] = side
        else:
            raise Unsupported
    return found


def _conditional(element) -> Conditional:
    """A table style's ``w:tblStylePr``; Unsupported when it holds more than paragraph/run
    properties and cell shading."""
    found = Conditional({})
    for child in element:
        name = _name(child)
        if name in ("pPr", "rPr"):
            found.properties.update(_text_properties(child))
        elif name in ("tblPr", "trPr"):
            if len(child):
                raise Unsupported
        elif name == "tcPr":
            for part in child:
                if _name(part) != "shd":
                    raise Unsupported
                found.shading = part
        else:
            raise Unsupported
    return found


class Styles:
    """The styles part (``root``: its lxml element): chains of styles and what they set, as
    the tables need them. Raises nothing itself; its methods raise Unsupported."""

    def __init__(self, root):
        self.by_id = {}
        for style in root.iterfind(W + "style"):
            self.by_id.setdefault((style.get(W + "type", "paragraph"), style.get(W + "styleId")),
                                  style)
        defaults = [key[1] for key, style in self.by_id.items()
                    if key[0] == "paragraph" and style.get(W + "default") in ("1", "true", "on")]
        self.default_paragraph = defaults[0] if defaults else "Normal"
        self._tables: dict = {}
        self._keys: dict = {}
        # run properties that the document defaults or the default paragraph style set
        self.default_keys = set()
        for rpr in root.iterfind(f"{W}docDefaults/{W}rPrDefault/{W}rPr"):
            self.default_keys |= _run_keys(rpr)
        try:
            self.default_keys |= {key for key in self.keys("paragraph", self.default_paragraph)
                                  if key.startswith("r.")}
        except Unsupported:  # no such style, or a broken chain: could set anything
            self.default_keys |= set(STYLE_RUN_PROPERTIES.values())

    def chain(self, kind: str, style_id: str | None) -> list:
        """The style ``style_id`` of ``kind`` and its ``basedOn`` ancestors, nearest first.

        Raises Unsupported when one is missing or the chain is circular.
        """
        found: list = []
        while style_id is not None:
            style = self.by_id.get((kind, style_id))
            if style is None or any(style is seen for seen in found):
                raise Unsupported
            found.append(style)
            based = style.find(W + "basedOn")
            style_id = None if based is None else based.get(W + "val")
        return found

    def keys(self, kind: str, style_id: str | None) -> frozenset:
        """The keys ("spacing.before", "keepNext", "r.b", …) of what the style ``style_id``
        of ``kind`` sets through its chain; Unsupported as :meth:`chain`."""
        if (kind, style_id) not in self._keys:
            keys: set = set()
            for style in self.chain(kind, style_id):
                for ppr in style.iterfind(W + "pPr"):
                    keys |= _paragraph_keys(ppr)
                for rpr in style.iterfind(W + "rPr"):
                    keys |= _run_keys(rpr)
            self._keys[kind, style_id] = frozenset(keys)
        return self._keys[kind, style_id]

    def table_style(self, style_id: str) -> TableStyle:
        """The table style ``style_id`` resolved; Unsupported when it holds what this
        module does not write out."""
        if style_id not in self._tables:
            try:
                self._tables[style_id] = self._table_style(style_id)
            except Unsupported:
                self._tables[style_id] = None
        if self._tables[style_id] is None:
            raise Unsupported
        return self._tables[style_id]

    def _table_style(self, style_id: str) -> TableStyle:
        chain = self.chain("table", style_id)
        resolved = TableStyle({}, {}, {})
        for style in reversed(chain):  # the farthest ancestor first: nearer ones win
            for child in style:
                name = _name(child)
                if name in STYLE_META:
                    continue
                if name == "tblPr":
                    resolved.table.update(_table_properties(child))
                elif name in ("pPr", "rPr"):
                    resolved.text.update(_text_properties(child))
                elif name in ("trPr", "tcPr"):
                    if len(child):
                        raise Unsupported
                elif name == "tblStylePr" and style is chain[0]:
                    kind = child.get(W + "type")
                    if kind not in CONDITIONAL_ORDER or kind in resolved.conditional:
                        raise Unsupported
                    resolved.conditional[kind] = _conditional(child)
                else:  # also a parent's conditional formats, which LibreOffice ignores
                    raise Unsupported
        return resolved


# --- which conditional formats a cell gets ------------------------------------------------

DEFAULT_LOOK = 0x04A0  # LibreOffice's tblLook when the table has no w:val


def _look(tblpr) -> int:
    """The table's ``tblLook`` as LibreOffice 7.4 reads it: the ``w:val`` hex number."""
    look = tblpr.find(W + "tblLook")
    if look is None or look.get(W + "val") is None:
        return DEFAULT_LOOK
    return int(look.get(W + "val"), 16)


def _conditions(look: int, row: int, rows: int, header: bool, cell: int, cells: int) -> list:
    """The conditional formats LibreOffice applies to cell ``cell`` (of ``cells``) of row
    ``row`` (of ``rows``; ``header``: marked ``tblHeader``), in the order it applies them."""
    row_kind = None
    if row == 0:
        row_kind = "firstRow" if look & 0x20 else None
    elif row == rows - 1:
        row_kind = "lastRow" if look & 0x40 else None
    elif header:
        row_kind = "firstRow"
    column_kind = None
    if cell == 0:
        column_kind = "firstCol" if look & 0x80 else None
    elif cell == cells - 1:
        column_kind = "lastCol" if look & 0x100 else None
    kinds = {row_kind, column_kind} - {None}
    if row_kind is None and not look & 0x200:
        kinds.add("band1Horz" if (row + 1 + bool(look & 0x20)) % 2 else "band2Horz")
    if column_kind is None and not look & 0x400:
        kinds.add("band1Vert" if (cell + 1 + bool(look & 0x80)) % 2 else "band2Vert")
    corner = {("firstRow", "firstCol"): "nwCell", ("lastRow", "firstCol"): "swCell",
              ("firstRow", "lastCol"): "neCell", ("lastRow", "lastCol"): "seCell"}
    if (row_kind, column_kind) in corner:
        kinds.add(corner[row_kind, column_kind])
    return [kind for kind in CONDITIONAL_ORDER if kind in kinds]


# --- the edits of one table ---------------------------------------------------------------

def _ranks(*names: str) -> dict:
    """The schema's order of an element's children: tag → rank."""
    return {W + name: rank for rank, name in enumerate(names)}


TBLPR_ORDER = _ranks("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                     "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd",
                     "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
                     "tblDescription")
TCPR_ORDER = _ranks("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd",
                    "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
PPR_ORDER = _ranks("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
                   "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
                   "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
                   "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
                   "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                   "suppressOverlap", "jc", "textDirection", "textAlignment",
                   "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
                   "pPrChange")
RPR_ORDER = _ranks("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
                   "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
                   "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
                   "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
                   "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
                   "specVanish", "oMath")
BORDERS_ORDER = _ranks(*BORDER_SIDES)


def _tags(*names: str) -> frozenset:
    return frozenset(W + name for name in names)


TABLE_CHILDREN = _tags("tblPr", "tblGrid", "tr")
ROW_CHILDREN = _tags("trPr", "tc")
ROW_PROPERTIES = _tags("cantSplit", "tblHeader", "trHeight", "jc", "hidden")
CELL_CHILDREN = _tags("tcPr", "p", "bookmarkStart", "bookmarkEnd")
CELL_PROPERTIES = _tags("tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
                        "tcMar", "vAlign", "hideMark")
# what a paragraph that gets run properties may hold, and its runs
PARAGRAPH_CHILDREN = _tags("pPr", "r", "bookmarkStart", "bookmarkEnd", "proofErr")
RUN_CHILDREN = _tags("rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen",
                     "lastRenderedPageBreak")
TEXT_TAGS = RUN_CHILDREN - _tags("rPr", "lastRenderedPageBreak")


def _only(element, tags: frozenset) -> None:
    """Unsupported unless every child of ``element`` is one of ``tags`` (comments are not)."""
    if not {child.tag for child in element} <= tags:
        raise Unsupported


def _table_edits(table, styles: Styles) -> list:
    """The edits (functions to call) that write out ``table``'s style; [] when it has none.

    Raises Unsupported (nothing changed yet) when the table or its style holds what this
    module does not resolve.
    """
    tblpr = table.find(W + "tblPr")
    reference = None if tblpr is None else tblpr.find(W + "tblStyle")
    if reference is None:
        return []
    style = styles.table_style(reference.get(W + "val"))
    _only(table, TABLE_CHILDREN)
    edits = [partial(tblpr.remove, reference)]
    edits += _table_level_edits(tblpr, style)
    look = _look(tblpr)
    rows = table.findall(W + "tr")
    for row_index, row in enumerate(rows):
        _only(row, ROW_CHILDREN)
        header = False
        for trpr in row.iterfind(W + "trPr"):
            _only(trpr, ROW_PROPERTIES)
            header = any(_on(mark) for mark in trpr.iterfind(W + "tblHeader"))
        cells = row.findall(W + "tc")
        for cell_index, cell in enumerate(cells):
            kinds = _conditions(look, row_index, len(rows), header, cell_index, len(cells))
            formats = [style.conditional[kind] for kind in kinds if kind in style.conditional]
            edits += _cell_edits(cell, style, formats, styles)
    return edits


def _table_level_edits(tblpr, style: TableStyle) -> list:
    """The style's table properties the table's own ``tblPr`` lacks, added to it."""
    own = {_name(child) for child in tblpr}
    for group in ("tblBorders", "tblCellMar"):
        for element in tblpr.iterfind(W + group):
            sides = BORDER_SIDES if group == "tblBorders" else MARGIN_SIDES
            if {_name(side) for side in element} - set(sides):
                raise Unsupported
            own |= {f"{group}/{_name(side)}" for side in element}
    if "tblPrChange" in own:
        raise Unsupported
    missing = [(key, element) for key, element in style.table.items() if key not in own]
    return [partial(_add_table_property, tblpr, key, element) for key, element in missing]


def _add_table_property(tblpr, key: str, element) -> None:
    if "/" not in key:
        _add(tblpr, element, TBLPR_ORDER)
        return
    group, _side = key.split("/")
    holder = tblpr.find(W + group)
    if holder is None:
        holder = _add(tblpr, etree.Element(W + group), TBLPR_ORDER)
    _add(holder, element, BORDERS_ORDER)


def _cell_edits(cell, style: TableStyle, formats: list, styles: Styles) -> list:
    _only(cell, CELL_CHILDREN)
    tcpr = cell.find(W + "tcPr")
    if tcpr is not None:
        _only(tcpr, CELL_PROPERTIES)
    edits = []
    shading = next((c.shading for c in reversed(formats) if c.shading is not None), None)
    if shading is not None:
        own = None if tcpr is None else tcpr.find(W + "shd")
        if own is None:
            edits.append(partial(_add_cell_shading, cell, shading))
        elif own.get(W + "fill", "auto") == "auto":
            raise Unsupported  # how LibreOffice mixes such a cell shading with the style's
    text = dict(style.text)
    for conditional in formats:
        text.update(conditional.properties)
    if text:
        for paragraph in cell.iterfind(W + "p"):
            edits += _paragraph_edits(paragraph, text, styles)
    return edits


def _properties(element, tag: str):
    """``element``'s properties child (``tcPr``, ``pPr``, ``rPr``), made as its first child
    when missing."""
    found = element.find(W + tag)
    if found is None:
        found = etree.SubElement(element, W + tag)
        element.insert(0, found)
    return found


def _add_cell_shading(cell, shading) -> None:
    _add(_properties(cell, "tcPr"), shading, TCPR_ORDER)


def _paragraph_edits(paragraph, text: dict, styles: Styles) -> list:
    """The table style's properties (key → element) that LibreOffice gives ``paragraph``,
    added to it or its runs.

    A property the paragraph's style chain sets is not applied (the document defaults do not
    count). A paragraph property is applied unless the paragraph's ``pPr`` sets it. A run
    property goes to the runs that do not set it themselves (a character style does not
    count: LibreOffice's table style wins over it) — with LibreOffice's quirks, see
    :func:`_run_targets`.
    """
    ppr = paragraph.find(W + "pPr")
    reference = None if ppr is None else ppr.find(W + "pStyle")
    style_id = styles.default_paragraph if reference is None else reference.get(W + "val")
    inherited = styles.keys("paragraph", style_id)
    pending = [(key, element) for key, element in text.items() if key not in inherited]
    if not pending:
        return []
    own = set() if ppr is None else _paragraph_keys(ppr)
    edits = []
    runs = None
    for key, element in pending:
        if not key.startswith("r."):
            if key not in own:
                edits.append(partial(_add_paragraph_property, paragraph, element))
            continue
        if runs is None:
            runs = _text_runs(paragraph)
        numbered = "numPr" in own or "numPr" in inherited
        edits += [partial(_add_run_property, run, element)
                  for run in _run_targets(runs, key, numbered, styles)]
    return edits


def _run_targets(runs: list, key: str, numbered: bool, styles: Styles) -> list:
    """The runs that get the table style's run property ``key`` in LibreOffice.

    When no run sets it, LibreOffice sets it on the paragraph: every run gets it (but the
    label of a numbered paragraph would too: Unsupported). A lone run's own formatting is
    the paragraph's: it keeps it. Among several runs, Writer drops a run's value that equals
    the paragraph's (``<w:b w:val="0"/>`` where nothing makes the text bold), and the table
    style then applies to that run as well: such values are Unsupported, and so are all values
    where the document defaults or the default paragraph style set the property.
    """
    setting = [run for run in runs if key in _run_keys(run.find(W + "rPr"))]
    if not setting:
        if numbered:
            raise Unsupported
        return runs
    if len(runs) == 1:
        return []
    for run in setting:
        value = next(child for child in run.find(W + "rPr") if _run_keys([child]) == {key})
        if key in styles.default_keys or _default_value(value, key):
            raise Unsupported
    return [run for run in runs if run not in setting]


def _default_value(element, key: str) -> bool:
    """Whether a run property element holds the value text has by default (not bold, …;
    the automatic colour)."""
    if key == "r.color":
        return element.get(W + "val", "auto") == "auto"
    return not _on(element)


def _text_runs(paragraph) -> list:
    """The runs with text (or tabs, breaks) of a paragraph that holds only plain text runs;
    Unsupported otherwise, and for a paragraph without text (LibreOffice formats its mark)
    or with a formatted mark."""
    _only(paragraph, PARAGRAPH_CHILDREN)
    ppr = paragraph.find(W + "pPr")
    if ppr is not None and ppr.find(W + "rPr") is not None:
        raise Unsupported
    runs = []
    for run in paragraph.iterfind(W + "r"):
        _only(run, RUN_CHILDREN)
        rpr = run.find(W + "rPr")
        if rpr is not None and rpr.find(W + "rPrChange") is not None:
            raise Unsupported
        if any(child.tag in TEXT_TAGS and (child.tag != W + "t" or child.text)
               for child in run):
            runs.append(run)
    if not runs:
        raise Unsupported
    return runs


def _add_paragraph_property(paragraph, element) -> None:
    ppr = _properties(paragraph, "pPr")
    spacing = ppr.find(W + "spacing") if _name(element) == "spacing" else None
    if spacing is None:
        _add(ppr, element, PPR_ORDER)
    else:
        for name, value in element.attrib.items():
            spacing.set(name, value)


def _add_run_property(run, element) -> None:
    _add(_properties(run, "rPr"), element, RPR_ORDER)


def _add(parent, source, order: dict):
    """A copy of ``source`` (a property element) put into ``parent`` where the schema's
    ``order`` of its children wants it; returns the copy."""
    copy = etree.SubElement(parent, source.tag, dict(source.attrib))  # parent's w: prefix
    for child in source:
        _add(copy, child, {})
    rank = order.get(source.tag)
    if rank is not None:
        for index, sibling in enumerate(parent):
            if order.get(sibling.tag, -1) > rank:
                parent.insert(index, copy)
                break
    return copy
