"""How wide text is, and how a table's columns share the width of the page.

Widths are in twips (1/20 pt, 1/1440 inch), Word's unit for column widths; fonts are measured
with Arial's advance widths (the template's table styles use Arial).
"""

from __future__ import annotations

import dataclasses
import functools
import re

from ..present.blocks import TableSpec
from .sections import text_width
from .spans import place_rows
from .styles import StyleMap

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
ADVANCE_WIDTHS = {  # bold -> character -> advance width in 1/1000 em
    bold: {chr(32 + i): int(width) for i, width in enumerate(table.split())}
    for bold, table in ((False, _ARIAL), (True, _ARIAL_BOLD))
}
WRAP_POINTS = re.compile(r"\s+|(?<=-)(?=[A-Za-z])")  # where a line may wrap: spaces, after a hyphen
CELL_PADDING = 2 * 85 + 40  # twips: the table style's left and right cell margins, and a little air
SMALLEST_TABLE_FONT = 8  # points: a table is not shrunk below this to fit


@functools.lru_cache(maxsize=8192)  # the same words and numbers recur in every table
def word_width(word: str, size_pt: float, bold: bool = False) -> int:
    """Width in twips of ``word`` set in Arial at ``size_pt``."""
    widths = ADVANCE_WIDTHS[bold]
    units = sum(widths.get(ch, widths["n"]) for ch in word)
    return round(units * size_pt * 20 / 1000)


def min_text_width(text: str, size_pt: float, bold: bool = False) -> int:
    """Width in twips of the longest part of ``text`` that cannot be wrapped."""
    return max((word_width(w, size_pt, bold) for w in WRAP_POINTS.split(text) if w), default=0)


def column_widths(weights: list[float], minimums: list[int], total: int) -> list[int]:
    """Column widths (twips) summing to ``total``.

    Every column gets at least its minimum (room for its longest number or word); the rest of
    the width is shared among the other columns by their weights. Columns whose share would be
    below their minimum get the minimum and the rest is shared again. If even the minimums do
    not fit, they are scaled down together.
    """
    count = len(weights)
    weights = [max(weight, 1e-6) for weight in weights]
    if sum(minimums) >= total:
        scale = total / (sum(minimums) or 1)
        widths = [int(minimum * scale) for minimum in minimums]
    else:
        fixed: dict[int, int] = {}
        while True:
            free = [i for i in range(count) if i not in fixed]
            rest = total - sum(fixed.values())
            share = sum(weights[i] for i in free)
            short = [i for i in free if rest * weights[i] / share < minimums[i]]
            if not short:
                break
            fixed.update({i: minimums[i] for i in short})
        widths = [fixed[i] if i in fixed else int(rest * weights[i] / share) for i in range(count)]
    widths[-1] += total - sum(widths)
    return widths


def table_rows(spec: TableSpec) -> list[tuple[list, bool]]:
    """``(row, is_header)`` for the header rows, then the body rows."""
    return [(row, True) for row in spec.header] + [(row, False) for row in spec.rows]


def column_count(spec: TableSpec) -> int:
    """Grid columns: the number of relative widths, else the widest row's colspans."""
    return len(spec.widths) or max(
        (sum(cell.colspan for cell in row) for row, _ in table_rows(spec)), default=1
    )


def min_widths(spec: TableSpec, styles: StyleMap, size: float | None = None):
    """Per column, the room its longest unbreakable words need: ``(hard, soft)`` in twips.

    ``hard`` counts what must never wrap: words with a digit (numbers, years, codes), short
    words and every word of a header cell; ``soft`` counts every word. Merged cells share
    what their columns lack evenly. ``size`` overrides the table's font size (points).
    """
    text_size = size or spec.font_size or styles.font_size("Teks Tabel")
    head_size = size or spec.font_size or styles.font_size("Judul Kolom")
    head_bold = styles.is_bold("Judul Kolom")
    columns = column_count(spec)
    hard, soft = [0] * columns, [0] * columns
    spanned = []  # (first column, span, width needed) of words in merged cells
    rows = table_rows(spec)
    for (_, is_header), placed in zip(rows, place_rows((row for row, _ in rows), columns)):
        for where in placed:
            cell = where.cell
            if cell is None:
                continue
            size_pt, bold = (head_size, head_bold or cell.bold) if is_header else (text_size, cell.bold)
            for word in WRAP_POINTS.split(cell.text):
                if not word:
                    continue
                need = word_width(word, size_pt, bold) + CELL_PADDING
                if where.span > 1:
                    spanned.append((where.column, where.span, need))
                    continue
                soft[where.column] = max(soft[where.column], need)
                if is_header or len(word) <= 6 or any(ch.isdigit() for ch in word):
                    hard[where.column] = max(hard[where.column], need)
    for minimums in (hard, soft):
        for column, span, need in spanned:
            missing = need - sum(minimums[column : column + span])
            if missing > 0:
                for c in range(column, column + span):
                    minimums[c] += -(-missing // span)
    return hard, soft


def fit_table(spec: TableSpec, styles: StyleMap, sect_pr) -> tuple[TableSpec, list[int]]:
    """The table as it will be written (font size, orientation) and its column minimums.

    In order: every word fits at the table's size, or up to 1.5 pt smaller (not below 8 pt,
    only when the TableSpec leaves the size to the template), on the page as asked, else
    on a landscape page; else the numbers and header words fit and long text words may wrap.
    """
    base = styles.font_size("Teks Tabel")
    sizes = [None] if spec.font_size else [None] + [
        size for size in (base - 1, base - 1.5) if size >= SMALLEST_TABLE_FONT
    ]
    orientations = [spec.landscape] if spec.landscape else [False, True]

    def fitted(size, landscape, minimums):
        return dataclasses.replace(spec, font_size=size or spec.font_size, landscape=landscape), minimums

    for landscape in orientations:  # every word fits
        width = text_width(sect_pr, landscape)
        for size in sizes:
            hard, soft = min_widths(spec, styles, size)
            if sum(soft) <= width:
                return fitted(size, landscape, soft)
    for landscape in orientations:  # numbers and header words fit, long text words may wrap
        width = text_width(sect_pr, landscape)
        hard, soft = min_widths(spec, styles, sizes[-1])
        if sum(hard) <= width:
            extra = [s - h for h, s in zip(hard, soft)]
            ratio = (width - sum(hard)) / (sum(extra) or 1)
            return fitted(sizes[-1], landscape, [h + int(e * ratio) for h, e in zip(hard, extra)])
    return fitted(sizes[-1], orientations[-1], hard)
