"""The Word template as the chapter writers see it: styles, list numbering, sections, and
subdocuments sharing the template's part.

Subdocuments work like docxtpl's ``tpl.new_subdoc()`` without a file (which needs the
optional docxcompose package, not installed here): a blank python-docx Document whose part is
the template's own, so style ids, numbering and image relationships are the template's; its body
XML is inserted where the ``{{p key }}`` paragraph was.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from lxml import etree

from ..errors import TemplateError
from .sections import placeholder_sectpr
from .styles import StyleMap
from .xml import W, add

LIST_NUMBERINGS = {  # Block.list_style -> name of the abstract numbering in the template
    "bullet": "LKjIP Bullet",
    "decimal": "LKjIP Angka",
    "lower_letter": "LKjIP Huruf",
    "upper_letter": "LKjIP Huruf Besar",
}


def shown_path(path: Path) -> str:
    """A path as the user typed it, relative to the working folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


class Template:
    """An opened template: the DocxTemplate, its styles, list numbering and sections.

    ``split_sections``: template sections a chapter cut into portrait/landscape parts (their
    page-number restart moves to the first part, see ``document.render_document``).
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.shown = shown_path(self.path)
        if not self.path.is_file():
            raise TemplateError(
                f"Templat {self.shown} tidak ditemukan. Saran: pulihkan berkas itu dari "
                "repositori atau buat ulang dengan scripts/make_template.py."
            )
        self.tpl = DocxTemplate(str(self.path))
        try:
            self.docx = self.tpl.get_docx()
        except (PackageNotFoundError, KeyError, ValueError, OSError):  # English reasons
            raise TemplateError(
                f"Templat {self.shown} bukan berkas Word (.docx) yang valid. "
                "Saran: simpan ulang dari Word sebagai .docx."
            ) from None
        self._styles: StyleMap | None = None
        self.split_sections: list = []

    @property
    def styles(self) -> StyleMap:
        """The template's styles, read once (rendering adds numbering, never styles)."""
        if self._styles is None:
            self._styles = StyleMap(self.docx.styles.element, self.shown)
        return self._styles

    def new_list(self, list_style: str | None) -> int:
        """A new ``w:num`` for one list, restarting at 1 on every level; returns its numId."""
        name = LIST_NUMBERINGS.get(list_style or "bullet", "LKjIP Bullet")
        numbering = self.docx.part.numbering_part.element
        for abstract in numbering.findall(W + "abstractNum"):
            name_element = abstract.find(W + "name")
            if name_element is not None and name_element.get(W + "val") == name:
                num = numbering.add_num(int(abstract.get(W + "abstractNumId")))
                for level in range(9):
                    add(add(num, "lvlOverride", ilvl=level), "startOverride", val=1)
                return num.numId
        raise TemplateError(
            f'Templat {self.shown} tidak memiliki penomoran daftar "{name}". '
            "Saran: buat ulang templat dengan scripts/make_template.py."
        )

    def placeholder_sectpr(self, key: str):
        """The ``<w:sectPr>`` of the section holding the ``{{p key }}`` paragraph."""
        return placeholder_sectpr(self.docx.element.body, key)

    def new_subdoc(self) -> "Subdoc":
        return Subdoc(self.tpl)


@functools.cache
def _blank_document():
    """The ``<w:document>`` of python-docx's default .docx, read once; only copies are used."""
    return Document().element


class Subdoc:
    """docxtpl's Subdoc for the no-file case: an empty body sharing the template's part."""

    def __init__(self, tpl: DocxTemplate):
        # what Document() with its part replaced gives, without opening python-docx's
        # default .docx for every chapter
        self.subdocx = WordDocument(copy.deepcopy(_blank_document()), tpl.get_docx()._part)
        body = self.subdocx.element.body
        for child in list(body):
            body.remove(child)

    @property
    def body(self):
        return self.subdocx.element.body

    def _get_xml(self) -> str:
        body = self.body
        sect_pr = body.find(W + "sectPr")
        if sect_pr is not None:
            body.remove(sect_pr)
        xml = etree.tostring(body, encoding="unicode", pretty_print=False)
        return re.sub(r"</?w:body[^>]*>", "", xml)

    __html__ = __str__ = _get_xml
