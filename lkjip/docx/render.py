"""Write the report: the Word template filled by docxtpl, chapters inserted as subdocuments.

Every paragraph, table and caption uses a style of ``templates/lkjip.docx``; nothing here
hard-codes a font or a size (except ``TableSpec.font_size`` when a table asks for it).
Subdocuments work like docxtpl's ``tpl.new_subdoc()`` without a file (which needs the
optional docxcompose package, not installed here): a blank python-docx Document whose part is
the template's own, so style ids, numbering and image relationships are the template's; its body
XML is inserted where the ``{{p key }}`` paragraph was.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import re

import jinja2
from docx import Document
from docx.document import Document as WordDocument
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from ..errors import TemplateError
from ..present.blocks import CHAPTERS, Block, ChartSpec, Run, TableSpec

CHAPTER_KEYS = CHAPTERS  # the template's {{p kata_pengantar }} ... {{p lampiran }}

DEFAULT_TABLE_STYLE = "Tabel LKjIP"

LIST_NUMBERINGS = {  # Block.list_style -> name of the abstract numbering in the template
    "bullet": "LKjIP Bullet",
    "decimal": "LKjIP Angka",
    "lower_letter": "LKjIP Huruf",
    "upper_letter": "LKjIP Huruf Besar",
}

ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}

LOGO_HEIGHT = Cm(5)

LEAD_BLOCKS = 6  # short blocks kept on the page of the landscape table they introduce
LEAD_CHARS = 200

TWIPS_PER_EMU = 1 / 635

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _add(parent, tag: str, **attrs: str):
    """Append a new ``<w:tag w:attr="..."/>`` to ``parent`` and return it.

    The fast path for the many small elements of tables and runs: plain lxml, no python-docx
    helpers. Children are appended, so the caller writes them in the order the schema wants.
    The element still gets python-docx's class (it lives in a python-docx document).
    """
    if not attrs:
        return etree.SubElement(parent, _W + tag)
    return etree.SubElement(parent, _W + tag, {_W + k: v for k, v in attrs.items()})


# Advance widths (1/1000 em) of Arial (= Helvetica, Liberation Sans) for " " .. "~"; other
# characters count as an "n". Used to give every table column room for its longest word.
_ARIAL = (
    "278 278 355 556 556 889 667 222 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 222 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584"
)
_ARIAL_BOLD = (
    "278 333 474 556 556 889 722 278 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 "
    "611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 278 556 "
    "611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 "
    "556 556 500 389 280 389 584"
)
_WIDTHS = {
    bold: {chr(32 + i): int(w) for i, w in enumerate(table.split())}
    for bold, table in ((False, _ARIAL), (True, _ARIAL_BOLD))
}
_BREAK = re.compile(r"\s+|(?<=-)(?=[A-Za-z])")  # where a line may wrap: spaces, after a hyphen
CELL_PADDING = 2 * 85 + 40  # twips: the table style's left and right cell margins, and a little air


@functools.lru_cache(maxsize=8192)  # the same words and numbers recur in every table
def word_width(word: str, size_pt: float, bold: bool = False) -> int:
    """Width in twips of ``word`` set in Arial at ``size_pt``."""
    widths = _WIDTHS[bold]
    units = sum(widths.get(ch, widths["n"]) for ch in word)
    return round(units * size_pt * 20 / 1000)


def min_text_width(text: str, size_pt: float, bold: bool = False) -> int:
    """Width in twips of the longest part of ``text`` that cannot be wrapped."""
    return max((word_width(w, size_pt, bold) for w in _BREAK.split(text) if w), default=0)


def column_widths(weights: list[float], minimums: list[int], total: int) -> list[int]:
    """Column widths (twips) summing to ``total``.

    Every column gets at least its minimum (room for its longest number or word); the rest of
    the width is shared among the other columns by their weights. Columns whose share would be
    below their minimum get the minimum and the rest is shared again. If even the minimums do
    not fit, they are scaled down together.
    """
    n = len(weights)
    weights = [max(w, 1e-6) for w in weights]
    if sum(minimums) >= total:
        scale = total / (sum(minimums) or 1)
        cols = [int(m * scale) for m in minimums]
    else:
        fixed: dict[int, int] = {}
        while True:
            free = [i for i in range(n) if i not in fixed]
            rest = total - sum(fixed.values())
            share = sum(weights[i] for i in free)
            short = [i for i in free if rest * weights[i] / share < minimums[i]]
            if not short:
                break
            fixed.update({i: minimums[i] for i in short})
        cols = [fixed[i] if i in fixed else int(rest * weights[i] / share) for i in range(n)]
    cols[-1] += total - sum(cols)
    return cols


def _shown(path: Path) -> str:
    """The template path as the user typed it, relative to the working folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


# --- template facts -------------------------------------------------------------------------


@dataclass
class _Template:
    """What render needs to know about the template (style ids, numbering, sections)."""

    docx: object
    shown: str
    style_ids: dict[str, str] = field(default_factory=dict)  # lower-case name -> id
    split_sections: list = field(default_factory=list)  # sectPr elements split by landscape breaks
    by_id: dict[str, object] = field(default_factory=dict)  # styleId -> w:style element

    @classmethod
    def read(cls, docx, shown: str) -> "_Template":
        # the styles part is read once; rendering adds numbering, never styles
        info = cls(docx=docx, shown=shown)
        for style in docx.styles.element.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            info.by_id.setdefault(style_id, style)
            name = style.find(qn("w:name"))
            if name is not None:
                info.style_ids[name.get(qn("w:val")).lower()] = style_id
        return info

    def style(self, name: str) -> str:
        try:
            return self.style_ids[name.lower()]
        except KeyError:
            raise TemplateError(
                f'Templat {self.shown} tidak memiliki gaya (style) "{name}". '
                "Saran: kembalikan gaya itu di Word atau buat ulang templat dengan "
                "scripts/make_template.py."
            ) from None

    def style_element(self, name: str):
        return self.by_id.get(self.style(name))

    def _style_chain(self, name: str):
        """The style element of ``name`` and those it is based on, nearest first."""
        by_id = self.by_id
        style = by_id.get(self.style(name))
        seen = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            yield style
            based = style.find(qn("w:basedOn"))
            style = by_id.get(based.get(qn("w:val"))) if based is not None else None

    def font_size(self, name: str) -> float:
        """Font size in points of a paragraph style (document default 12 pt otherwise)."""
        for style in self._style_chain(name):
            sz = style.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if sz is not None:
                return int(sz.get(qn("w:val"))) / 2
        sz = self.docx.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"
        )
        return int(sz.get(qn("w:val"))) / 2 if sz is not None else 12.0

    def is_bold(self, name: str) -> bool:
        for style in self._style_chain(name):
            b = style.find(f"{qn('w:rPr')}/{qn('w:b')}")
            if b is not None:
                return b.get(qn("w:val"), "true") not in ("0", "false")
        return False

    def header_fill(self, table_style: str) -> str | None:
        """The shading of the first row in a table style (copied to every header row)."""
        style = self.style_element(table_style)
        if style is None:
            return None
        shd = style.find(f"{qn('w:tblStylePr')}[@{qn('w:type')}='firstRow']/{qn('w:tcPr')}/{qn('w:shd')}")
        return None if shd is None else shd.get(qn("w:fill"))

    def new_list(self, list_style: str) -> int:
        """A new w:num for one list, restarting at 1 on every level; returns its numId."""
        name = LIST_NUMBERINGS.get(list_style or "bullet", "LKjIP Bullet")
        numbering = self.docx.part.numbering_part.element
        for abstract in numbering.findall(qn("w:abstractNum")):
            name_el = abstract.find(qn("w:name"))
            if name_el is not None and name_el.get(qn("w:val")) == name:
                num = numbering.add_num(int(abstract.get(qn("w:abstractNumId"))))
                for ilvl in range(9):
                    num.add_lvlOverride(ilvl).add_startOverride(1)
                return num.numId
        raise TemplateError(
            f'Templat {self.shown} tidak memiliki penomoran daftar "{name}". '
            "Saran: buat ulang templat dengan scripts/make_template.py."
        )

    def governing_sectpr(self, key: str):
        """The sectPr of the template section that holds the ``{{p key }}`` paragraph."""
        body = self.docx.element.body
        found = False
        for element in body.iterchildren():
            if not found:
                texts = "".join(element.itertext()) if element.tag == qn("w:p") else ""
                found = "{{p " + key in texts.replace("{{p  ", "{{p ")
                if not found:
                    continue
            sect = element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if sect is not None:
                return sect
        return body.find(qn("w:sectPr"))


# --- sections -------------------------------------------------------------------------------


def _page(sect_pr) -> tuple[int, int, dict[str, int]]:
    size = sect_pr.find(qn("w:pgSz"))
    margins = sect_pr.find(qn("w:pgMar"))
    width = int(size.get(qn("w:w"), 11906))
    height = int(size.get(qn("w:h"), 16838))
    mar = {
        side: int(margins.get(qn(f"w:{side}"), 1418)) if margins is not None else 1418
        for side in ("top", "right", "bottom", "left")
    }
    return width, height, mar


def text_width(sect_pr, landscape: bool = False) -> int:
    """Usable text width in twips of the portrait section, or of its landscape version."""
    width, height, mar = _page(sect_pr)
    if landscape:
        return max(width, height) - mar["top"] - mar["bottom"]
    return min(width, height) - mar["left"] - mar["right"]


def _continuation(sect_pr):
    """A copy of sect_pr for a section that continues the page numbering of the previous one."""
    copy_ = copy.deepcopy(sect_pr)
    for pg in copy_.findall(qn("w:pgNumType")):
        pg.attrib.pop(qn("w:start"), None)
    for title_pg in copy_.findall(qn("w:titlePg")):
        copy_.remove(title_pg)
    for kind in copy_.findall(qn("w:type")):
        copy_.remove(kind)
    return copy_


def _landscape(sect_pr):
    """The landscape version: page turned, binding margin (left) becomes the top margin."""
    land = _continuation(sect_pr)
    width, height, mar = _page(sect_pr)
    size = land.find(qn("w:pgSz"))
    size.set(qn("w:w"), str(max(width, height)))
    size.set(qn("w:h"), str(min(width, height)))
    size.set(qn("w:orient"), "landscape")
    margins = land.find(qn("w:pgMar"))
    if margins is not None:
        margins.set(qn("w:top"), str(mar["left"]))
        margins.set(qn("w:left"), str(mar["bottom"]))
        margins.set(qn("w:bottom"), str(mar["right"]))
        margins.set(qn("w:right"), str(mar["top"]))
    return land


def _is_section_break(p) -> bool:
    return p.tag == qn("w:p") and p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def _is_page_break(p) -> bool:
    """A paragraph holding nothing but a page break (what a page_break block writes)."""
    if p.tag != qn("w:p") or p.xpath("./w:r/w:t"):
        return False
    return bool(p.xpath("./w:r/w:br[@w:type='page']"))


# --- chapter writer -------------------------------------------------------------------------


@functools.cache
def _blank_document():
    """The ``<w:document>`` of python-docx's default .docx, read once; only copies are used."""
    return Document().element


class _Subdoc:
    """docxtpl's Subdoc for the no-file case: a body sharing the template's document part."""

    def __init__(self, tpl: DocxTemplate):
        # what Document() with its part replaced gives, without opening python-docx's
        # default .docx for every chapter
        self.subdocx = WordDocument(copy.deepcopy(_blank_document()), tpl.get_docx()._part)

    def _get_xml(self) -> str:
        body = self.subdocx.element.body
        sect_pr = body.find(qn("w:sectPr"))
        if sect_pr is not None:
            body.remove(sect_pr)
        xml = etree.tostring(body, encoding="unicode", pretty_print=False)
        return re.sub(r"</?w:body[^>]*>", "", xml)

    __html__ = __str__ = _get_xml


class _ChapterWriter:
    def __init__(self, tpl: DocxTemplate, info: _Template, key: str):
        self.tpl = tpl
        self.info = info
        self.key = key
        self.subdoc = _Subdoc(tpl)
        self.doc = self.subdoc.subdocx
        body = self.doc.element.body
        for child in list(body):
            body.remove(child)
        self.chapter = int(key.split("_")[1]) if key.startswith("bab_") else None
        self.sect_pr = info.governing_sectpr(key)
        self.counters = {"Tabel": 0, "Gambar": 0}
        self.in_landscape = False  # consecutive landscape tables share one landscape section
        self.lead_start: int | None = None  # body index of the short blocks before a table
        self.lead_count = 0
        self.lists: dict[tuple, int] = {}
        self.minimums: dict[int, list[int]] = {}  # id(fitted TableSpec) -> column minimums

    # paragraphs

    def paragraph(self, style: str, align: str | None = None):
        """A new body paragraph: ``<w:p><w:pPr><w:pStyle/><w:jc/>?</w:pPr></w:p>``."""
        return self._styled_p(self.doc.element.body, style, align)

    def _styled_p(self, parent, style: str, align: str | None = None):
        p = _add(parent, "p")
        p_pr = _add(p, "pPr")
        _add(p_pr, "pStyle", val=self.info.style(style))
        if align:
            _add(p_pr, "jc", val=ALIGN.get(align, "left"))
        return p

    @staticmethod
    def text_run(p, text: str, bold=False, italic=False, size_pt=None, break_before=False):
        """``<w:r><w:rPr>b? i? sz? szCs?</w:rPr>? <w:br/>? (w:t | w:tab | w:br)*</w:r>``"""
        r = _add(p, "r")
        if bold or italic or size_pt:
            rpr = _add(r, "rPr")
            if bold:
                _add(rpr, "b")
            if italic:
                _add(rpr, "i")
            if size_pt:
                half_points = str(round(size_pt * 2))
                _add(rpr, "sz", val=half_points)
                _add(rpr, "szCs", val=half_points)
        if break_before:
            _add(r, "br")
        for i, line in enumerate(text.split("\n")):
            if i:
                _add(r, "br")
            for j, part in enumerate(line.split("\t")):
                if j:
                    _add(r, "tab")
                if part:
                    t = etree.SubElement(r, _W + "t", {_XML_SPACE: "preserve"})
                    t.text = part
        return r

    def runs(self, p, runs: list[Run], upper=False):
        for run in runs:
            text = run.text.upper() if upper else run.text
            self.text_run(p, text, run.bold, run.italic, break_before=run.line_break)

    def field(self, p, instr: str, cached: str):
        for kind in ("begin", None, "separate", "result", "end"):
            r = _add(p, "r")
            if kind == "result":
                _add(r, "t").text = cached
            elif kind is None:
                instr_el = etree.SubElement(r, _W + "instrText", {_XML_SPACE: "preserve"})
                instr_el.text = f" {instr} "
            else:
                _add(r, "fldChar", fldCharType=kind)

    def caption(self, label: str, title: str):
        """Caption "Tabel 3.2 title" with a SEQ field in chapters, the title alone elsewhere."""
        if self.chapter is None:
            if title:
                p = self.paragraph("Caption")
                self.text_run(p, title)
            return
        self.counters[label] += 1
        number = self.counters[label]
        p = self.paragraph("Caption")
        self.text_run(p, f"{label} {self.chapter}.")
        restart = " \\r 1" if number == 1 else ""
        self.field(p, f"SEQ {label} \\* ARABIC{restart}", str(number))
        if title:
            self.text_run(p, f" {title}")

    # blocks

    def heading(self, block: Block):
        level = min(max(block.level, 1), 4)
        if self.key == "lampiran" and level >= 3:
            # the title of an attached document (PK, kertas kerja): centred, not in the TOC
            p = self.paragraph("Judul Lampiran")
            self.runs(p, block.runs)
            return
        p = self.paragraph(f"Heading {level}")
        if block.number and level == 1 and self.chapter is not None:
            self.text_run(p, block.number)
            self.text_run(p, "", break_before=True)
            self.runs(p, block.runs, upper=True)
        else:
            if block.number:
                self.text_run(p, block.number + " ")
            self.runs(p, block.runs)

    def list_item(self, block: Block):
        key = (block.list_id, block.list_style)
        if key not in self.lists:
            self.lists[key] = self.info.new_list(block.list_style)
        p = self.paragraph("List Paragraph")
        num_pr = p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = min(max(block.level, 0), 8)
        num_pr.get_or_add_numId().val = self.lists[key]
        self.runs(p, block.runs)

    def page_break(self):
        body = self.doc.element.body
        if len(body) and _is_section_break(body[-1]):
            return  # a section break already starts a new page
        p = self.paragraph("Normal")
        _add(_add(p, "r"), "br", type="page")

    def section_break(self, sect_pr, at: int | None = None):
        """A paragraph ending a section with sect_pr, appended or inserted at body index ``at``."""
        body = self.doc.element.body
        if at is not None and at < len(body) and body[at].tag == qn("w:p"):
            if body[at].style == self.info.style("Jarak Setelah Tabel"):
                body.remove(body[at])  # the section break itself ends the page after the table
        p = self.paragraph("Normal")
        if at is not None:
            body.insert(at, p)
        p.get_or_add_pPr().append(sect_pr)
        spacing = parse_xml(
            '<w:spacing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        )
        p.get_or_add_pPr().insert(1, spacing)

    def open_landscape(self, at: int | None):
        body = self.doc.element.body
        before = body[at - 1] if at else (body[-1] if at is None and len(body) else None)
        if before is not None and _is_page_break(before):
            # the section break starts a new page: a page break just before it would leave
            # an empty page
            body.remove(before)
            at = None if at is None else at - 1
            before = body[at - 1] if at else (body[-1] if at is None and len(body) else None)
        if before is not None and _is_section_break(before):
            size = before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}/{qn('w:pgSz')}")
            if size is not None and size.get(qn("w:orient")) == "landscape":
                # nothing portrait between two landscape parts: stay landscape, new page
                index = body.index(before)
                body.remove(before)
                self.page_break()
                body.insert(index, body[-1])
                self.in_landscape = True
                return
        if not any(s is self.sect_pr for s in self.info.split_sections):
            # the first break keeps the section's own numbering start (page 1 of Bab I)
            self.info.split_sections.append(self.sect_pr)
            self.section_break(copy.deepcopy(self.sect_pr), at)
        else:
            self.section_break(_continuation(self.sect_pr), at)
        self.in_landscape = True

    def close_landscape(self, at: int | None):
        if self.in_landscape:
            self.section_break(_landscape(self.sect_pr), at)
            self.in_landscape = False

    def table(self, spec: TableSpec):
        if spec.numbered:
            self.caption("Tabel", spec.title)
        elif spec.title:
            self.text_run(self.paragraph("Caption"), spec.title)
        self.doc.element.body.append(self.build_table(spec))
        if spec.source:
            self.text_run(self.paragraph("Sumber Tabel"), spec.source)

    def build_table(self, spec: TableSpec):
        style_name = spec.style or DEFAULT_TABLE_STYLE
        style_id = self.info.style(style_name)
        fill = self.info.header_fill(style_name)
        width = text_width(self.sect_pr, spec.landscape)
        all_rows = [(row, True) for row in spec.header] + [(row, False) for row in spec.rows]
        ncols = len(spec.widths) or max(
            (sum(c.colspan for c in row) for row, _ in all_rows), default=1
        )
        rel = list(spec.widths) or [1.0] * ncols
        rel = (rel + [1.0] * ncols)[:ncols]
        mins = self.minimums.get(id(spec)) or self.min_widths(spec, all_rows, ncols)[1]
        cols = column_widths(rel, (list(mins) + [0] * ncols)[:ncols], width)

        tbl = OxmlElement("w:tbl")
        tbl_pr = _add(tbl, "tblPr")  # children in schema order
        _add(tbl_pr, "tblStyle", val=style_id)
        _add(tbl_pr, "tblW", w=str(width), type="dxa")
        _add(tbl_pr, "jc", val="center")
        _add(tbl_pr, "tblLayout", type="fixed")
        _add(tbl_pr, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0",
             lastColumn="0", noHBand="1", noVBand="1")
        grid = _add(tbl, "tblGrid")
        for w in cols:
            _add(grid, "gridCol", w=str(w))

        pending: dict[int, tuple[int, int]] = {}  # column -> (rows still covered, colspan)
        for row, is_header in all_rows:
            tr = _add(tbl, "tr")
            tr_pr = _add(tr, "trPr")
            _add(tr_pr, "cantSplit")
            if is_header:
                _add(tr_pr, "tblHeader")
            cells = iter(row)
            col = 0
            while col < ncols:
                if col in pending:
                    left, span = pending[col]
                    self.cell(tr, None, cols[col : col + span], is_header, fill, spec, "continue")
                    if left <= 1:
                        del pending[col]
                    else:
                        pending[col] = (left - 1, span)
                    col += span
                    continue
                cell = next(cells, None)
                if cell is None:
                    break
                span = max(1, min(cell.colspan, ncols - col))
                merge = None
                if cell.rowspan > 1:
                    merge = "restart"
                    pending[col] = (cell.rowspan - 1, span)
                self.cell(tr, cell, cols[col : col + span], is_header, fill, spec, merge)
                col += span
        return tbl

    def min_widths(self, spec: TableSpec, all_rows, ncols: int, size: float | None = None):
        """Per column, the room its longest unbreakable words need: ``(hard, soft)``.

        ``hard`` counts what must never wrap: words with a digit (numbers, years, codes), short
        words and every word of a header cell; ``soft`` counts every word. Merged cells share
        what their columns lack evenly. ``size`` overrides the table's font size (points).
        """
        text_size = size or spec.font_size or self.info.font_size("Teks Tabel")
        head_size = size or spec.font_size or self.info.font_size("Judul Kolom")
        head_bold = self.info.is_bold("Judul Kolom")
        hard, soft = [0] * ncols, [0] * ncols
        spanned = []
        pending: dict[int, int] = {}  # column -> rows still covered by a vertical merge
        for row, is_header in all_rows:
            col, cells = 0, iter(row)
            while col < ncols:
                if pending.get(col, 0) > 0:
                    pending[col] -= 1
                    col += 1
                    continue
                cell = next(cells, None)
                if cell is None:
                    break
                span = max(1, min(cell.colspan, ncols - col))
                if cell.rowspan > 1:
                    for c in range(col, col + span):
                        pending[c] = cell.rowspan - 1
                size_, bold = (head_size, head_bold or cell.bold) if is_header else (text_size, cell.bold)
                for word in _BREAK.split(cell.text):
                    if not word:
                        continue
                    need = word_width(word, size_, bold) + CELL_PADDING
                    must = is_header or len(word) <= 6 or any(ch.isdigit() for ch in word)
                    if span > 1:
                        spanned.append((col, span, need))
                        continue
                    soft[col] = max(soft[col], need)
                    if must:
                        hard[col] = max(hard[col], need)
                col += span
        for mins in (hard, soft):
            for col, span, need in spanned:
                missing = need - sum(mins[col : col + span])
                if missing > 0:
                    for c in range(col, col + span):
                        mins[c] += -(-missing // span)
        return hard, soft

    def fit(self, spec: TableSpec) -> TableSpec:
        """The table as it will be written: font size, orientation and column minimums.

        In order: every word fits at the table's size, or up to 1.5 pt smaller (not below 8 pt,
        only when the TableSpec leaves the size to the template), on the page as asked, else
        on a landscape page; else the numbers and header words fit and long text words may wrap.
        """
        all_rows = [(row, True) for row in spec.header] + [(row, False) for row in spec.rows]
        ncols = len(spec.widths) or max((sum(c.colspan for c in r) for r, _ in all_rows), default=1)
        base = self.info.font_size("Teks Tabel")
        sizes = [None] if spec.font_size else [None] + [x for x in (base - 1, base - 1.5) if x >= 8]
        orientations = [spec.landscape] if spec.landscape else [False, True]
        for landscape in orientations:  # every word fits
            width = text_width(self.sect_pr, landscape)
            for size in sizes:
                hard, soft = self.min_widths(spec, all_rows, ncols, size)
                if sum(soft) <= width:
                    return self._fitted(spec, size, landscape, soft)
        for landscape in orientations:  # numbers and header words fit, long text words may wrap
            width = text_width(self.sect_pr, landscape)
            hard, soft = self.min_widths(spec, all_rows, ncols, sizes[-1])
            if sum(hard) <= width:
                extra = [s - h for h, s in zip(hard, soft)]
                ratio = (width - sum(hard)) / (sum(extra) or 1)
                mins = [h + int(e * ratio) for h, e in zip(hard, extra)]
                return self._fitted(spec, sizes[-1], landscape, mins)
        return self._fitted(spec, sizes[-1], orientations[-1], hard)

    def _fitted(self, spec, size, landscape, mins):
        spec = dataclasses.replace(spec, font_size=size or spec.font_size, landscape=landscape)
        self.minimums[id(spec)] = mins
        return spec

    def cell(self, tr, cell, widths, is_header, fill, spec, merge):
        """Append one ``<w:tc>`` to ``tr``: ``<w:tcPr>`` (tcW, gridSpan?, vMerge?, shd?, vAlign),
        then one paragraph with its style, alignment and a run. ``cell`` None: an empty cell
        (continuing a vertical merge)."""
        tc = _add(tr, "tc")
        tc_pr = _add(tc, "tcPr")
        _add(tc_pr, "tcW", w=str(sum(widths)), type="dxa")
        if len(widths) > 1:
            _add(tc_pr, "gridSpan", val=str(len(widths)))
        if merge == "restart":
            _add(tc_pr, "vMerge", val="restart")
        elif merge:
            _add(tc_pr, "vMerge")
        if is_header and fill:
            _add(tc_pr, "shd", val="clear", color="auto", fill=fill)
        _add(tc_pr, "vAlign", val="center" if is_header else "top")

        p = self._styled_p(tc, "Judul Kolom" if is_header else "Teks Tabel")
        if cell is None:
            return tc
        # header cells take the alignment of "Judul Kolom" (centred) unless told otherwise
        if not is_header or cell.align != "left":
            p_pr = p[0]
            _add(p_pr, "jc", val=ALIGN.get(cell.align, "left"))
        self.text_run(p, cell.text, bold=cell.bold, size_pt=spec.font_size)
        return tc

    def picture(self, stream, width_emu: int | None, label_title: str):
        p = self.doc.add_paragraph()
        p._p.style = self.info.style("Gambar")
        limit = Emu(text_width(self.sect_pr) * 635)
        run = p.add_run()
        if width_emu is not None:
            shape = run.add_picture(stream, width=Emu(min(width_emu, limit)))
        else:
            shape = run.add_picture(stream)
            if shape.width > limit:
                ratio = limit / shape.width
                shape.width, shape.height = Emu(int(limit)), Emu(int(shape.height * ratio))
        self.caption("Gambar", label_title)

    def chart(self, chart: ChartSpec):
        self.picture(io.BytesIO(chart.png), int(Cm(chart.width_cm)), chart.title)

    def image(self, block: Block):
        path = block.image_path
        try:
            data = Path(path).read_bytes()
        except OSError:
            raise TemplateError(f"Gambar {path} tidak dapat dibaca.") from None
        self.picture(io.BytesIO(data), None, block.caption or "")

    def place(self, block: Block):
        """Section breaks around landscape tables.

        Up to LEAD_BLOCKS short headings/paragraphs/list items just before a table ("b. Target
        dan capaian kinerja kegiatan") go on the table's page: a landscape section starts before
        them, and after a landscape table they are kept with the portrait text that follows.
        Consecutive landscape tables (with only such short blocks between) share one section.
        """
        body_len = len(self.doc.element.body)
        if block.kind == "table" and block.table.landscape:
            if not self.in_landscape:
                self.open_landscape(self.lead_start)
            self.lead_start, self.lead_count = None, 0
            return
        short = block.kind in ("heading", "paragraph", "list_item") and len(block.text) <= LEAD_CHARS
        if short and self.lead_count < LEAD_BLOCKS:
            if self.lead_start is None:
                self.lead_start = body_len
            self.lead_count += 1
            return
        self.close_landscape(self.lead_start)
        if short:
            self.lead_start, self.lead_count = len(self.doc.element.body), 1
        else:
            self.lead_start, self.lead_count = None, 0

    def space_after_table(self):
        """An empty "Jarak Setelah Tabel" paragraph between a table and what follows it."""
        body = self.doc.element.body
        if len(body) and body[-1].tag == qn("w:tbl"):
            self.paragraph("Jarak Setelah Tabel")

    def write(self, blocks: list[Block]):
        for block in blocks:
            kind = block.kind
            if kind == "table":
                block = dataclasses.replace(block, table=self.fit(block.table))
            self.place(block)
            if kind not in ("heading", "page_break"):
                self.space_after_table()
            if kind == "heading":
                self.heading(block)
            elif kind == "paragraph":
                # a paragraph inside a list item lines up with the item's text
                indent = min(block.indent, 3)
                style = "Normal" if indent == 0 else "List Continue" + (f" {indent}" if indent > 1 else "")
                p = self.paragraph(style)
                self.runs(p, block.runs)
                if _is_lead_in(block):
                    p.get_or_add_pPr().get_or_add_keepNext()
            elif kind == "list_item":
                self.list_item(block)
            elif kind == "table":
                self.table(block.table)
            elif kind == "chart":
                self.chart(block.chart)
            elif kind == "image":
                self.image(block)
            elif kind == "page_break":
                self.page_break()
            else:
                raise ValueError(f"unknown block kind {kind!r}")
        self.close_landscape(self.lead_start)
        if self.key == "kata_pengantar":
            # the signature block that follows in the template stays with the last paragraph
            last = self.doc.element.body.findall(qn("w:p"))
            if last:
                last[-1].get_or_add_pPr().get_or_add_keepNext()
        return self.subdoc


def _is_lead_in(block: Block) -> bool:
    """A short all-bold paragraph ("**Sasaran 1: ...**", "**I. PENDAHULUAN**") acts as a
    sub-heading: it is kept on the page of what follows it."""
    text = block.text.strip()
    return bool(text) and len(text) <= 200 and all(r.bold for r in block.runs if r.text.strip())


# --- public API -----------------------------------------------------------------------------


def _open(template_path: Path) -> tuple[DocxTemplate, object]:
    shown = _shown(Path(template_path))
    if not Path(template_path).is_file():
        raise TemplateError(
            f"Templat {shown} tidak ditemukan. Saran: pulihkan berkas itu dari repositori "
            "atau buat ulang dengan scripts/make_template.py."
        )
    tpl = DocxTemplate(str(template_path))
    try:
        docx = tpl.get_docx()
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise TemplateError(
            f"Templat {shown} bukan berkas Word (.docx) yang valid ({exc}). "
            "Saran: simpan ulang dari Word sebagai .docx."
        ) from None
    return tpl, docx


def _logo(tpl: DocxTemplate, template_path: Path, context: dict):
    """The cover logo as an InlineImage, or '' for none.

    ``context["logo"]`` may be image bytes or a path. Without it, ``profil.logo`` (a file name
    in ``data/<tahun>/``, next to the template's ``templates/`` folder) is used when filled.
    """
    value = context.get("logo")
    if isinstance(value, (bytes, bytearray)):
        return InlineImage(tpl, io.BytesIO(value), height=LOGO_HEIGHT)
    if value is None and "logo" not in context:
        name = (context.get("profil") or {}).get("logo")
        if isinstance(name, str) and name.strip() and "tahun" in context:
            root = Path(template_path).resolve().parent.parent
            value = root / "data" / str(context["tahun"]) / name.strip()
            if not value.is_file():
                raise TemplateError(
                    f"Berkas logo data/{context['tahun']}/{name.strip()} (kolom logo pada "
                    "tabel profil) tidak ditemukan. Saran: letakkan gambar logo di folder itu "
                    "atau kosongkan kolom logo."
                )
    if isinstance(value, (str, Path)) and str(value) and Path(value).is_file():
        try:
            return InlineImage(tpl, str(value), height=LOGO_HEIGHT)
        except Exception as exc:  # python-docx: unrecognised image format
            raise TemplateError(f"Berkas logo {value} bukan gambar PNG/JPEG yang valid ({exc}).") from None
    return ""


def _word_env(jinja_env: jinja2.Environment | None) -> jinja2.Environment:
    """The caller's environment (filters, undefined, sandbox) set up for Word XML.

    An overlay, so the caller's environment is left untouched: XML autoescaping on, and no
    ``finalize`` (the chapters' environment escapes Markdown there) or whitespace trimming.
    """
    if jinja_env is None:
        return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    return jinja_env.overlay(
        finalize=None, autoescape=True, trim_blocks=False, lstrip_blocks=False
    )


def render_document(
    template_path: Path,
    context: dict,
    chapters: dict[str, list[Block]],
    jinja_env: jinja2.Environment | None = None,
) -> bytes:
    """Fill the template with the context and the chapters; return the .docx as bytes.

    ``chapters`` maps the keys of CHAPTER_KEYS to blocks (a missing key is an empty chapter).
    ``context["logo"]`` may be a path or image bytes (or absent/None: no logo).
    Raises TemplateError (Indonesian message naming the template) for any template problem.
    """
    shown = _shown(Path(template_path))
    tpl, docx = _open(template_path)
    info = _Template.read(docx, shown)

    values = dict(context)
    values["logo"] = _logo(tpl, template_path, context)
    for key in CHAPTER_KEYS:
        values[key] = _ChapterWriter(tpl, info, key).write(chapters.get(key, []))
    for sect_pr in info.split_sections:
        # the numbering restart now sits on the first part of the split section
        for pg in sect_pr.findall(qn("w:pgNumType")):
            pg.attrib.pop(qn("w:start"), None)
        for title_pg in sect_pr.findall(qn("w:titlePg")):
            sect_pr.remove(title_pg)

    env = _word_env(jinja_env)
    try:
        tpl.render(values, env, autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"Templat {shown} memakai nama yang tidak dikenal: {exc.message}. "
            "Saran: periksa ejaan tag {{ ... }} di templat; daftar nama yang tersedia: "
            "uv run build.py vars <tahun>."
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"Templat {shown} memiliki tag yang salah tulis: {exc.message}. "
            "Saran: setiap tag harus berbentuk {{ nama }} atau {%p ... %}."
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Templat {shown} tidak dapat diisi: {exc}.") from None
    except UnrecognizedImageError:
        raise TemplateError(
            "Berkas logo bukan gambar yang dikenali Word. Saran: simpan logo sebagai PNG atau JPEG."
        ) from None
    return out.getvalue()


def template_variables(template_path: Path) -> set[str]:
    """Every top-level name the template uses (chapter keys and ``logo`` included)."""
    tpl, _ = _open(template_path)
    return set(tpl.get_undeclared_template_variables())
