"""Merged table cells: where each cell of a :class:`TableSpec` lands on the column grid.

A TableSpec row lists only the cells that start in it: a cell with ``rowspan`` 3 is left out
of the two rows below, a cell with ``colspan`` 2 takes two grid columns. Word writes every
grid position: the covered positions of a vertical merge are empty cells marked
``<w:vMerge/>`` (continue), the first one ``<w:vMerge w:val="restart"/>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from .xml import W, qn

RESTART, CONTINUE = "restart", "continue"


@dataclass(frozen=True)
class Placed:
    """One Word cell: grid columns ``column .. column + span - 1``.

    ``cell``: the spec's Cell, or None for a position covered by a vertical merge.
    ``merge``: None, RESTART (first cell of a vertical merge) or CONTINUE (covered).
    """

    column: int
    span: int
    cell: object | None
    merge: str | None


def place_rows(rows: Iterable[list], columns: int) -> Iterator[list[Placed]]:
    """Per spec row, its Word cells from left to right on a grid of ``columns`` columns.

    A colspan is cut at the last column; a row with fewer cells than columns ends early.
    """
    covered: dict[int, tuple[int, int]] = {}  # start column -> (rows still covered, span)
    for row in rows:
        placed: list[Placed] = []
        cells = iter(row)
        column = 0
        while column < columns:
            if column in covered:
                left, span = covered[column]
                placed.append(Placed(column, span, None, CONTINUE))
                if left <= 1:
                    del covered[column]
                else:
                    covered[column] = (left - 1, span)
                column += span
                continue
            cell = next(cells, None)
            if cell is None:
                break
            span = max(1, min(cell.colspan, columns - column))
            merge = None
            if cell.rowspan > 1:
                merge = RESTART
                covered[column] = (cell.rowspan - 1, span)
            placed.append(Placed(column, span, cell, merge))
            column += span
        yield placed


def vertical_merge(tc) -> str | None:
    """How a written ``<w:tc>`` takes part in a vertical merge: RESTART, CONTINUE (also for
    ``<w:vMerge/>`` without a value) or None."""
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return None if merge is None else merge.get(W + "val", CONTINUE)
