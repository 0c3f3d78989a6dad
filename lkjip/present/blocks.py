"""Plain data passed between the pipeline's stages.

``present.tables`` and ``present.charts`` produce :class:`TableSpec` and :class:`ChartSpec` from
the context; ``present.narrative`` turns a Markdown chapter into a list of :class:`Block`;
``docx.render`` writes blocks into the Word template. Nothing here knows about Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..chapters import CHAPTER_NAMES
from ..errors import Location

# The chapter files of chapters/<tahun>/, in document order (see chapters.py).
CHAPTERS = CHAPTER_NAMES


@dataclass
class Cell:
    text: str
    align: str = "left"  # "left" | "center" | "right"
    bold: bool = False
    colspan: int = 1  # horizontal merge
    rowspan: int = 1  # vertical merge (the cells it covers are left out of the following rows)


@dataclass
class TableSpec:
    key: str  # registry name, e.g. "capaian_iku"
    title: str  # caption text after "Tabel 3.2 "
    header: list[list[Cell]]  # header rows, repeated on every page
    rows: list[list[Cell]]
    widths: list[float]  # relative column widths (any unit; scaled to the text width)
    landscape: bool = False
    source: str | None = None  # "Sumber: ..." line under the table
    numbered: bool = True  # "Tabel X.Y" caption (False: title only, or no caption if title == "")
    style: str | None = None  # table style name in the template; None = the default table style
    font_size: float | None = None  # None = template's table text size; smaller for very wide tables


@dataclass
class ChartSpec:
    key: str
    title: str  # caption text after "Gambar 3.1 "
    png: bytes
    width_cm: float = 15.0


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False  # a line break before this run's text


@dataclass
class Block:
    """One paragraph-level element of a chapter."""

    kind: str  # "heading" | "paragraph" | "list_item" | "table" | "chart" | "image" | "page_break"
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # heading level (1-4) or list nesting level (0-based)
    indent: int = 0  # paragraphs: how many list items enclose it (0 = not inside a list)
    number: str | None = None  # heading number text: "BAB I", "1.1.", "1.3.2.1" (None: unnumbered)
    list_id: int | None = None  # list items: one id per list; numbering restarts for each id
    list_style: str | None = None  # "bullet" | "decimal" | "lower_letter" | "upper_letter"
    table: TableSpec | None = None
    chart: ChartSpec | None = None
    image_path: Path | None = None
    caption: str | None = None  # image caption text after "Gambar X.Y "
    location: Location | None = None  # chapter file and line it came from

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)
