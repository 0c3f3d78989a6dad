"""The organisation chart (``struktur_organisasi``, Gambar 1.1) drawn from ``ctx["struktur"]``.

The head on top; the sekretariat to its right with its subbagian in a row under it; the
kelompok jabatan fungsional to its left (dashed: a coordination line); the other units
(bidang, UPTD, ...) in a row of columns, each with its seksi stacked and indented below it.
Layout is computed in inches (y downwards) and drawn on one Figure.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextToPath

from ..blocks import ChartSpec
from ..registry import CannotBuild
from .style import COLOR_CAPAIAN, COLOR_PAGU, DPI, STYLE, png

#: Box look per jenis: (fill, edge, text colour, bold, dashed edge).
BOX_STYLE = {
    "pimpinan": (COLOR_CAPAIAN, COLOR_CAPAIAN, "white", True, False),
    "sekretariat": (COLOR_PAGU, COLOR_CAPAIAN, "black", True, False),
    "bidang": (COLOR_PAGU, COLOR_CAPAIAN, "black", True, False),
    "uptd": ("#dde8f0", COLOR_CAPAIAN, "black", True, False),
    "fungsional": ("#f2f2f2", "#555555", "black", False, True),
    "": ("white", COLOR_CAPAIAN, "black", False, False),  # subbagian, seksi and the rest
}
FONT_PT = 7.5  # text size in the boxes (points)
WIDTH_IN = 7.0  # figure width for up to COLUMNS columns; wider beyond
COLUMNS = 6
_MARGIN = 0.08  # figure margin (in)
_PAD = 0.06  # text padding inside a box (in)
_GAP = 0.12  # vertical gap between boxes of a stack / horizontal gap between columns (in)
_INDENT = 0.14  # indent of the boxes stacked under a unit (their connector runs in it)
_MAX_COLUMN = 1.6  # widest column (in): a few units are not stretched over the page


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str  # the ``jenis`` column: pimpinan, sekretariat, bidang, uptd, fungsional or ""
    children: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class OrgChart:
    """The chart's parts: the head, the unit drawn to its right (sekretariat), the one drawn to
    its left (kelompok jabatan fungsional) and the row of columns (bidang, UPTD, ...)."""

    head: Unit | None
    right: Unit | None
    left: Unit | None
    columns: tuple[Unit, ...]


@dataclass(frozen=True)
class Box:
    x: float  # left (in)
    y: float  # top (in, downwards)
    width: float
    height: float
    text: str  # wrapped lines
    kind: str


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    dashed: bool = False  # the coordination line of the fungsional group


def _unit(node: Mapping[str, Any]) -> Unit:
    return Unit(node["unit"], node.get("jenis") or "",
                tuple(_unit(child) for child in node.get("anak", ())))


def data_struktur_organisasi(ctx: Mapping[str, Any]) -> OrgChart:
    """The head (first root of ``ctx["struktur"]``; further roots are treated as its children),
    its first sekretariat (right), first fungsional (left) and the other children as columns."""
    roots = [_unit(node) for node in ctx.get("struktur", [])]
    if not roots:
        return OrgChart(None, None, None, ())
    head, children = roots[0], list(roots[0].children) + roots[1:]
    right = next((c for c in children if c.kind == "sekretariat"), None)
    left = next((c for c in children if c.kind == "fungsional"), None)
    columns = tuple(c for c in children if c is not right and c is not left)
    return OrgChart(head, right, left, columns)


# --------------------------------------------------------------------------- boxes


@functools.lru_cache(maxsize=4096)
def _text_width_in(text: str, bold: bool) -> float:
    """Width in inches of ``text`` in DejaVu Sans at :data:`FONT_PT` points, plus 6 % for
    the Agg renderer's hinting (it draws a little wider than the outline)."""
    font = FontProperties(family="DejaVu Sans", size=FONT_PT, weight="bold" if bold else "normal")
    width, _, _ = TextToPath().get_text_width_height_descent(text, font, ismath=False)
    return width / 72 * 1.06


def _wrapped(text: str, width: float, bold: bool) -> str:
    """``text`` wrapped word by word to fit a box ``width`` inches wide (a word longer than
    the box stays whole on its own line)."""
    room = width - 2 * _PAD
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width_in(f"{lines[-1]} {word}", bold) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _is_bold(unit: Unit) -> bool:
    return BOX_STYLE.get(unit.kind, BOX_STYLE[""])[3]


def _text_height(text: str) -> float:
    return (text.count("\n") + 1) * FONT_PT / 72 * 1.25 + 2 * _PAD


def _box(unit: Unit, x: float, y: float, width: float, height: float = 0.0) -> Box:
    """``unit``'s box, at least ``height`` high (boxes side by side get the same height)."""
    text = _wrapped(unit.name, width, _is_bold(unit))
    return Box(x, y, width, max(_text_height(text), height), text, unit.kind)


def _level_heights(units: Sequence[Unit], width: float) -> list[float]:
    """Per level of the stacks of ``units`` (each ``width`` wide): the height of the highest box
    (the unit itself, its 1st child, 2nd child, ...), so boxes side by side line up."""
    heights: list[float] = []
    for unit in units:
        stack = [(unit, width)] + [(child, width - _INDENT) for child in unit.children]
        for i, (member, member_width) in enumerate(stack):
            h = _text_height(_wrapped(member.name, member_width, _is_bold(member)))
            if i == len(heights):
                heights.append(h)
            heights[i] = max(heights[i], h)
    return heights


def _stack(unit: Unit, x: float, y: float, width: float, boxes: list, lines: list,
           heights: Sequence[float] = ()) -> float:
    """``unit``'s box at (x, y) and its descendants stacked below it, indented, joined by a
    line running down the indent; returns the bottom of the stack. ``heights``: the least
    height of the unit's box and of each child's (see :func:`_level_heights`)."""
    heights = list(heights) + [0.0] * (len(unit.children) + 1 - len(heights))
    top = _box(unit, x, y, width, heights[0])
    boxes.append(top)
    bottom = y + top.height
    connector_x = x + _INDENT / 2
    for child, height in zip(unit.children, heights[1:]):
        child_y = bottom + _GAP
        child_box = _box(child, x + _INDENT, child_y, width - _INDENT, height)
        middle = child_y + child_box.height / 2
        lines.append(Line(((connector_x, y + top.height), (connector_x, middle),
                           (x + _INDENT, middle))))
        bottom = _stack(child, x + _INDENT, child_y, width - _INDENT, boxes, lines, [height])
    return bottom


# --------------------------------------------------------------------------- layout


def _row_of_stacks(units: Sequence[Unit], centres: Sequence[float], y: float, pitch: float,
                   boxes: list, lines: list, heights: Sequence[float]) -> float:
    """Stacks of ``units`` hanging from a horizontal bus just above ``y``, one per centre;
    returns the lowest bottom."""
    bus_y = y - 0.12
    bottom = y
    for unit, cx in zip(units, centres):
        lines.append(Line(((cx, bus_y), (cx, y))))
        bottom = max(bottom, _stack(unit, cx - (pitch - _GAP) / 2, y, pitch - _GAP, boxes, lines,
                                    heights))
    return bottom


def _right_unit(chart: OrgChart, centre: float, y: float, side_width: float, page_width: float,
                boxes: list, lines: list) -> float:
    """The sekretariat right of the trunk, its children in a row under it; returns the bottom."""
    unit = chart.right
    box = _box(unit, centre + 0.35, y, side_width)
    boxes.append(box)
    lines.append(Line(((centre, y + box.height / 2), (box.x, y + box.height / 2))))
    bottom = y + box.height
    if not unit.children:
        return bottom
    count = len(unit.children)
    x0, x1 = centre + 0.2, page_width - _MARGIN
    pitch = min((x1 - x0) / count, _MAX_COLUMN)
    x0 = min(max(box.x + box.width / 2 - pitch * count / 2, x0), x1 - pitch * count)  # under it
    child_y = y + box.height + 0.25
    centres = [x0 + pitch * (i + 0.5) for i in range(count)]
    bus_y = child_y - 0.12
    lines.append(Line(((box.x + box.width / 2, y + box.height), (box.x + box.width / 2, bus_y))))
    lines.append(Line(((min(centres), bus_y), (max(centres), bus_y))))
    heights = _level_heights(unit.children, pitch - _GAP)[:1]
    return max(bottom, _row_of_stacks(unit.children, centres, child_y, pitch, boxes, lines, heights))


def layout(chart: OrgChart) -> tuple[list[Box], list[Line], float, float]:
    """Boxes and connector lines of the chart (inches, y downwards), the figure width and height."""
    page_width = max(WIDTH_IN, 2 * _MARGIN + max(len(chart.columns), 1) * WIDTH_IN / COLUMNS)
    boxes: list[Box] = []
    lines: list[Line] = []
    if chart.head is None:
        return boxes, lines, page_width, 1.0
    centre = page_width / 2
    side_width = min(2.2, page_width / 2 - 0.45)
    head = _box(chart.head, centre - 0.9, _MARGIN, 1.8)
    boxes.append(head)
    y = head.y + head.height + 0.25  # the level of the side units
    bottom = y
    if chart.right is not None:
        bottom = max(bottom, _right_unit(chart, centre, y, side_width, page_width, boxes, lines))
    if chart.left is not None:
        x = centre - 0.35 - side_width
        left_bottom = _stack(chart.left, x, y, side_width, boxes, lines)
        left_box = next(b for b in boxes if b.y == y and b.x == x)
        lines.append(Line(((x + side_width, y + left_box.height / 2),
                           (centre, y + left_box.height / 2)), dashed=True))
        bottom = max(bottom, left_bottom)
    trunk_end = bottom
    if chart.columns:
        pitch = min((page_width - 2 * _MARGIN) / len(chart.columns), _MAX_COLUMN)
        columns_y = bottom + 0.3
        trunk_end = columns_y - 0.12
        x0 = centre - pitch * len(chart.columns) / 2
        centres = [x0 + pitch * (i + 0.5) for i in range(len(chart.columns))]
        lines.append(Line(((min(centres), trunk_end), (max(centres), trunk_end))))
        heights = _level_heights(chart.columns, pitch - _GAP)
        bottom = max(bottom, _row_of_stacks(chart.columns, centres, columns_y, pitch, boxes, lines,
                                            heights))
    lines.insert(0, Line(((centre, head.y + head.height), (centre, trunk_end))))  # the trunk
    return boxes, lines, page_width, bottom + _MARGIN


def draw_struktur_organisasi(chart: OrgChart) -> bytes:
    """The laid-out chart as PNG bytes."""
    boxes, lines, width, height = layout(chart)
    fig = Figure(figsize=(width, height), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.set_axis_off()
    for line in lines:
        xs, ys = zip(*line.points)
        ax.plot(xs, ys, color="#333333", linewidth=0.9,
                linestyle=(0, (4, 2)) if line.dashed else "-", solid_capstyle="butt", zorder=1)
    for box in boxes:
        fill, edge, color, bold, dashed = BOX_STYLE.get(box.kind, BOX_STYLE[""])
        ax.add_patch(Rectangle((box.x, box.y), box.width, box.height, facecolor=fill,
                               edgecolor=edge, linewidth=0.9,
                               linestyle=(0, (4, 2)) if dashed else "-", zorder=2))
        ax.text(box.x + box.width / 2, box.y + box.height / 2, box.text, ha="center", va="center",
                color=color, fontsize=FONT_PT, fontweight="bold" if bold else "normal",
                linespacing=1.25, zorder=3)
    return png(fig)


def struktur_organisasi(ctx: Mapping[str, Any]) -> ChartSpec:
    """Gambar: the organisation chart; :class:`CannotBuild` when ``struktur`` has no unit."""
    chart = data_struktur_organisasi(ctx)
    if chart.head is None:
        raise CannotBuild(
            'Grafik "struktur_organisasi" memerlukan tabel struktur (data/<tahun>/struktur.csv '
            "atau sheet struktur) yang berisi paling sedikit satu unit."
        )
    with matplotlib.rc_context(STYLE):
        image = draw_struktur_organisasi(chart)
    nama = ctx.get("profil", {}).get("nama_lengkap", "")
    return ChartSpec(key="struktur_organisasi", title=f"Struktur Organisasi {nama}".strip(),
                     png=image, width_cm=15.0)
