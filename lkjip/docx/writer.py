"""One chapter's blocks written as Word XML into a subdocument of the template.

Every paragraph, table and caption uses a style of the template; nothing here hard-codes a
font or a size (except ``TableSpec.font_size`` when a table asks for it). The chapter's rules
(caption numbers "Tabel 3.2", attachment titles, the signature block) come from
:func:`lkjip.chapters.chapter_spec`.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from docx.shared import Cm, Emu

from ..chapters import chapter_spec
from ..errors import ChapterError, Location
from ..present.blocks import Block, ChartSpec, Run, TableSpec
from .measure import fit_table
from .pictures import fit_size
from .sections import SectionBreaks, text_height, text_width
from .table import JUSTIFICATION, build_table
from .template import Subdoc, Template
from .xml import W, add, add_run, add_text, styled_paragraph

LEAD_IN_CHARS = 200  # a bold paragraph up to this long acts as a sub-heading
EMU_PER_TWIP = 635
CAPTION_ROOM = 1134  # twips (2 cm) kept under a picture for its caption, on the same page


def is_lead_in(block: Block) -> bool:
    """A short all-bold paragraph ("**Sasaran 1: ...**", "**I. PENDAHULUAN**") acts as a
    sub-heading: it is kept on the page of what follows it."""
    text = block.text.strip()
    return bool(text) and len(text) <= LEAD_IN_CHARS and all(
        run.bold for run in block.runs if run.text.strip()
    )


class ChapterWriter:
    """Writes the blocks of chapter ``key`` (``"bab_3"``) into a new subdocument."""

    def __init__(self, template: Template, key: str):
        self.template = template
        self.styles = template.styles
        self.spec = chapter_spec(key)
        self.subdoc: Subdoc = template.new_subdoc()
        self.doc = self.subdoc.subdocx
        self.body = self.subdoc.body
        self.sect_pr = template.placeholder_sectpr(key)
        self.sections = SectionBreaks(self.body, self.sect_pr, template.split_sections, self.styles)
        self.counters = {"Tabel": 0, "Gambar": 0}  # caption numbers within the chapter
        self.lists: dict[tuple, int] = {}  # (list_id, list_style) -> numId

    def write(self, blocks: list[Block]) -> Subdoc:
        """Write every block in order; returns the subdocument for the template."""
        handlers = {
            "heading": self.heading, "paragraph": self.paragraph_block,
            "list_item": self.list_item, "chart": self.chart, "image": self.image,
            "page_break": lambda _block: self.sections.page_break(),
        }
        for block in blocks:
            kind = block.kind
            if kind not in handlers and kind != "table":
                raise ValueError(f"unknown block kind {kind!r}")
            minimums = None
            if kind == "table":
                fitted, minimums = fit_table(block.table, self.styles, self.sect_pr)
                block = dataclasses.replace(block, table=fitted)
            self.sections.place(kind, block.text, kind == "table" and block.table.landscape)
            if kind not in ("heading", "page_break"):
                self.space_after_table()
            if kind == "table":
                self.table(block.table, minimums)
            else:
                handlers[kind](block)
        self.sections.finish()
        if self.spec.signed:
            # the signature block that follows in the template stays with the last paragraph
            paragraphs = self.body.findall(W + "p")
            if paragraphs:
                paragraphs[-1].get_or_add_pPr().get_or_add_keepNext()
        return self.subdoc

    # --- paragraphs and runs
    def paragraph(self, style: str, align: str | None = None):
        """A new body paragraph in template style ``style``."""
        return styled_paragraph(self.body, self.styles.require(style),
                                JUSTIFICATION.get(align, "left") if align else None)

    @staticmethod
    def runs(p, runs: list[Run], upper=False):
        for run in runs:
            text = run.text.upper() if upper else run.text
            add_run(p, text, run.bold, run.italic, break_before=run.line_break)

    @staticmethod
    def field(p, instruction: str, cached: str):
        """A complex field (begin, instruction, separate, cached result, end) as five runs."""
        for kind in ("begin", None, "separate", "result", "end"):
            r = add(p, "r")
            if kind == "result":
                add(r, "t").text = cached
            elif kind is None:
                add_text(r, f" {instruction} ", tag="instrText")
            else:
                add(r, "fldChar", fldCharType=kind)

    def caption(self, label: str, title: str):
        """Caption "Tabel 3.2 title" with a SEQ field in chapters, the title alone elsewhere."""
        if not self.spec.numbered:
            if title:
                add_run(self.paragraph("Caption"), title)
            return
        self.counters[label] += 1
        number = self.counters[label]
        p = self.paragraph("Caption")
        add_run(p, f"{label} {self.spec.number}.")
        restart = " \\r 1" if number == 1 else ""
        self.field(p, f"SEQ {label} \\* ARABIC{restart}", str(number))
        if title:
            add_run(p, f" {title}")

    # --- blocks
    def heading(self, block: Block):
        level = min(max(block.level, 1), 4)
        if self.spec.attachments and level >= 3:
            # the title of an attached document (PK, kertas kerja): centred, not in the TOC
            self.runs(self.paragraph("Judul Lampiran"), block.runs)
            return
        p = self.paragraph(f"Heading {level}")
        if block.number and level == 1 and self.spec.numbered:
            add_run(p, block.number)
            add_run(p, "", break_before=True)
            self.runs(p, block.runs, upper=True)
        else:
            if block.number:
                add_run(p, block.number + " ")
            self.runs(p, block.runs)

    def paragraph_block(self, block: Block):
        # a paragraph inside a list item lines up with the item's text
        indent = min(block.indent, 3)
        style = "Normal" if indent == 0 else "List Continue" + (f" {indent}" if indent > 1 else "")
        p = self.paragraph(style)
        self.runs(p, block.runs)
        if is_lead_in(block):
            add(p[0], "keepNext")  # after the pPr's only child, pStyle, as the schema wants

    def list_item(self, block: Block):
        key = (block.list_id, block.list_style)
        if key not in self.lists:
            self.lists[key] = self.template.new_list(block.list_style)
        p = self.paragraph("List Paragraph")
        num_pr = add(p[0], "numPr")  # after the pPr's only child, pStyle, as the schema wants
        add(num_pr, "ilvl", val=min(max(block.level, 0), 8))
        add(num_pr, "numId", val=self.lists[key])
        self.runs(p, block.runs)

    def space_after_table(self):
        """An empty "Jarak Setelah Tabel" paragraph between a table and what follows it."""
        if len(self.body) and self.body[-1].tag == W + "tbl":
            self.paragraph("Jarak Setelah Tabel")

    def table(self, spec: TableSpec, minimums: list[int] | None = None):
        if spec.numbered:
            self.caption("Tabel", spec.title)
        elif spec.title:
            add_run(self.paragraph("Caption"), spec.title)
        width = text_width(self.sect_pr, spec.landscape)
        self.body.append(build_table(spec, self.styles, width, minimums))
        if spec.source:
            add_run(self.paragraph("Sumber Tabel"), spec.source)

    # --- pictures
    def picture(self, stream, width_emu: int | None, title: str):
        """A picture paragraph and its caption. ``width_emu``: the width asked (None: the
        picture's own size); either way it is made to fit the text area, aspect kept."""
        p = self.doc.add_paragraph()
        p._p.style = self.styles.require("Gambar")
        box_width = text_width(self.sect_pr) * EMU_PER_TWIP
        box_height = (text_height(self.sect_pr) - CAPTION_ROOM) * EMU_PER_TWIP
        run = p.add_run()
        if width_emu is not None:
            shape = run.add_picture(stream, width=Emu(min(width_emu, box_width)))
        else:
            shape = run.add_picture(stream)
        width, height = fit_size(shape.width, shape.height, box_width, box_height)
        if (width, height) != (shape.width, shape.height):
            shape.width, shape.height = Emu(width), Emu(height)
        self.caption("Gambar", title)

    def chart(self, block: Block):
        chart: ChartSpec = block.chart
        self.picture(io.BytesIO(chart.png), int(Cm(chart.width_cm)), chart.title)

    def image(self, block: Block):
        """A picture file of the chapter (``![Judul](gambar.png)``); formats other than PNG
        and JPEG are converted to PNG; ChapterError (at the block's line) when it cannot be."""
        from .pictures import PictureError, read_picture_file

        try:
            picture = read_picture_file(Path(block.image_path))
        except PictureError as exc:
            where = block.location or Location(file=Path(block.image_path).as_posix())
            raise ChapterError(where, exc.message, exc.hint) from None
        self.picture(io.BytesIO(picture.data), None, block.caption or "")
