"""Bar charts: capaian per IKU (Gambar 3.x) and pagu against realisasi per program.

Each chart has a *data* function (plain values from the context, unit-tested) and a *drawing*
function. Numbers on the charts are written by :mod:`lkjip.present.fmt` (Indonesian notation).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .. import fmt
from ..blocks import ChartSpec
from .style import (
    COLOR_CAPAIAN,
    COLOR_PAGU,
    COLOR_REALISASI,
    COLOR_TARGET_LINE,
    DPI,
    STYLE,
    WIDTH_IN,
    png,
    tight,
    wrap,
)

#: Capaian (%) above this would squash the other bars: the axis is then cut (see ``axis_end``).
CUT_ABOVE = 300.0


# --------------------------------------------------------------------------- capaian IKU


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # capaian in percent; None = n/a


def data_capaian_iku(ctx: Mapping[str, Any]) -> list[Bar]:
    """One bar per IKU: its indikator and capaian (%), in IKU order."""
    return [Bar(k["indikator"], k.get("capaian")) for k in ctx["iku"]]


def axis_end(values: list[float | None]) -> tuple[float, bool]:
    """The right end of the capaian axis (%) and whether some bars are cut.

    Normally the largest capaian (at least 100 %) plus room for its label. When a capaian
    exceeds :data:`CUT_ABOVE` %, the axis ends a little after the largest of the others
    (at least 150 %) and the larger bars are cut there, their value written on the bar.
    """
    present = [x for x in values if x is not None]
    largest = max(present, default=100.0)
    if largest <= CUT_ABOVE:
        return max(largest, 100.0) * 1.2, False
    others = [x for x in present if x <= CUT_ABOVE]
    return max(max(others, default=100.0) * 1.25, 150.0), True


def _cut_bar(ax, y: float, end: float, label: str) -> None:
    """A bar cut at the axis end: a white zigzag near its end and the true value on the bar."""
    x0 = end * 0.9
    ax.plot([x0 - end * 0.012, x0 + end * 0.012], [y - 0.38, y + 0.38], color="white", linewidth=3)
    ax.plot([x0 + end * 0.018, x0 + end * 0.042], [y - 0.38, y + 0.38], color="white", linewidth=3)
    ax.text(x0 - end * 0.03, y, label, va="center", ha="right", color="white", fontweight="bold")


def draw_capaian_iku(bars: list[Bar], axis_title: str = "Capaian (%)") -> bytes:
    """Horizontal bars, first IKU on top, a dashed line at 100 %; PNG bytes."""
    fig = Figure(figsize=(WIDTH_IN, 1.0 + 0.55 * max(len(bars), 1)), dpi=DPI)
    ax = fig.add_subplot(1, 1, 1)
    end, cut = axis_end([b.value for b in bars])
    ys = list(range(len(bars)))[::-1]  # first IKU on top
    for y, bar in zip(ys, bars):
        if bar.value is None:
            ax.text(1, y, "n/a", va="center", ha="left", color="#555555")
            continue
        length = min(max(bar.value, 0.0), end)
        ax.barh(y, length, height=0.6, color=COLOR_CAPAIAN)
        label = fmt.persen(bar.value, 2)
        if bar.value > end:
            _cut_bar(ax, y, end, label)
        else:
            ax.text(length + end * 0.01, y, label, va="center", ha="left", zorder=3,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.axvline(100, color=COLOR_TARGET_LINE, linestyle="--", linewidth=1)
    ax.text(100 + end * 0.01, len(bars) - 0.45, "target 100%", color=COLOR_TARGET_LINE,
            ha="left", va="bottom")
    ax.set_xlim(0, end)
    ax.set_ylim(-0.6, len(bars) - 0.1)
    ax.set_yticks(ys)
    ax.set_yticklabels([wrap(b.label, 38) for b in bars])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.angka(x)))
    ax.set_xlabel(axis_title + (" — batang terpotong, nilai tertulis pada batang" if cut else ""))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    tight(fig)
    return png(fig)


def capaian_iku(ctx: Mapping[str, Any]) -> ChartSpec:
    with matplotlib.rc_context(STYLE):
        image = draw_capaian_iku(data_capaian_iku(ctx))
    return ChartSpec(key="capaian_iku", title=f"Capaian Indikator Kinerja Utama Tahun {ctx['tahun']}",
                     png=image, width_cm=15.0)


# --------------------------------------------------------------------------- program budget


@dataclass(frozen=True)
class Program:
    label: str
    pagu: float  # rupiah
    realisasi: float  # rupiah
    percent: float | None  # realisasi ÷ pagu × 100


def data_realisasi_program(ctx: Mapping[str, Any]) -> list[Program]:
    """Pagu, realisasi and % per program, in program order (rupiah as floats: a chart needs no
    more digits)."""
    return [
        Program(p["nama"], float(p["pagu"] or 0), float(p["realisasi"] or 0), p.get("persen"))
        for p in ctx["anggaran"]["program"]
    ]


def rupiah_scale(largest: float) -> tuple[float, str]:
    """Divisor and axis unit for money: miliar, juta or rupiah."""
    if largest >= 1e9:
        return 1e9, "miliar rupiah"
    if largest >= 1e6:
        return 1e6, "juta rupiah"
    return 1.0, "rupiah"


def draw_realisasi_program(programs: list[Program]) -> bytes:
    """Two bars per program (pagu, realisasi) with the realisasi % written; PNG bytes."""
    fig = Figure(figsize=(WIDTH_IN, 1.2 + 0.75 * max(len(programs), 1)), dpi=DPI)
    ax = fig.add_subplot(1, 1, 1)
    largest = max([max(p.pagu, p.realisasi) for p in programs], default=1.0) or 1.0
    divisor, unit = rupiah_scale(largest)
    ys = list(range(len(programs)))[::-1]
    height = 0.36
    for y, p in zip(ys, programs):
        ax.barh(y + height / 2, p.pagu / divisor, height=height, color=COLOR_PAGU,
                label="Pagu" if y == ys[0] else None)
        ax.barh(y - height / 2, p.realisasi / divisor, height=height, color=COLOR_REALISASI,
                label="Realisasi" if y == ys[0] else None)
        ax.text(p.realisasi / divisor + largest / divisor * 0.01, y - height / 2,
                fmt.persen(p.percent, 2), va="center", ha="left")
    ax.set_xlim(0, largest / divisor * 1.15)
    ax.set_yticks(ys)
    ax.set_yticklabels([wrap(p.label, 38) for p in programs])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.angka(x, 1 if divisor > 1 else 0)))
    ax.set_xlabel(f"Anggaran ({unit}); angka pada batang: realisasi terhadap pagu")
    if programs:
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    tight(fig)
    return png(fig)


def realisasi_program(ctx: Mapping[str, Any]) -> ChartSpec:
    with matplotlib.rc_context(STYLE):
        image = draw_realisasi_program(data_realisasi_program(ctx))
    return ChartSpec(key="realisasi_program",
                     title=f"Pagu dan Realisasi Anggaran per Program Tahun {ctx['tahun']}",
                     png=image, width_cm=15.0)
