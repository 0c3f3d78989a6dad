"""Charts of the report as PNG bytes (:class:`lkjip.model.ChartSpec`).

Each chart has a *data* function (plain values from the context, unit-tested) and a *drawing*
function. Drawing uses matplotlib's Agg canvas on a private Figure (no pyplot global state),
a fixed size and dpi, DejaVu Sans and no "Software" metadata, so the same context always gives
the same PNG bytes. Numbers on the charts are written by :mod:`lkjip.fmt` (Indonesian notation).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from . import fmt  # noqa: E402
from .model import ChartSpec  # noqa: E402

DPI = 150
WIDTH_IN = 8.0
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 10,
    "svg.hashsalt": "lkjip",
    "path.simplify": False,
}
WARNA_CAPAIAN = "#2f6f9f"
WARNA_PAGU = "#b9cfe0"
WARNA_REALISASI = "#2f6f9f"
WARNA_ACUAN = "#c0392b"

#: Capaian above this would squash the other bars: the axis is then cut (see ``batas_sumbu``).
BATAS_POTONG = 300.0


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _tight(fig: Figure) -> None:
    """Tight layout, computed once: ``tight_layout()`` leaves a placeholder layout engine
    that makes ``savefig`` draw the figure a second time (same PNG bytes without it)."""
    fig.tight_layout()
    fig.set_layout_engine(None)


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


# --------------------------------------------------------------------------- capaian IKU


@dataclass(frozen=True)
class Batang:
    label: str
    nilai: float | None  # capaian in percent; None = n/a


def data_capaian_iku(ctx: Mapping[str, Any]) -> list[Batang]:
    """One bar per IKU: its indikator and capaian (%), in IKU order."""
    return [Batang(k["indikator"], k.get("capaian")) for k in ctx["iku"]]


def batas_sumbu(nilai: list[float | None]) -> tuple[float, bool]:
    """The right end of the capaian axis and whether some bars are cut.

    Normally the largest capaian (at least 100 %) plus room for its label. When a capaian
    exceeds :data:`BATAS_POTONG` %, the axis ends a little after the largest of the others
    (at least 150 %) and the larger bars are cut there, their value written on the bar.
    """
    ada = [x for x in nilai if x is not None]
    terbesar = max(ada, default=100.0)
    if terbesar <= BATAS_POTONG:
        return max(terbesar, 100.0) * 1.2, False
    lain = [x for x in ada if x <= BATAS_POTONG]
    return max(max(lain, default=100.0) * 1.25, 150.0), True


def gambar_capaian_iku(batang: list[Batang], judul_sumbu: str = "Capaian (%)") -> bytes:
    n = max(len(batang), 1)
    fig = Figure(figsize=(WIDTH_IN, 1.0 + 0.55 * n), dpi=DPI)
    ax = fig.add_subplot(1, 1, 1)
    batas, dipotong = batas_sumbu([b.nilai for b in batang])
    y = list(range(len(batang)))[::-1]  # first IKU on top
    for yi, b in zip(y, batang):
        if b.nilai is None:
            ax.text(1, yi, "n/a", va="center", ha="left", color="#555555")
            continue
        lebar = min(max(b.nilai, 0.0), batas)
        ax.barh(yi, lebar, height=0.6, color=WARNA_CAPAIAN)
        teks = fmt.persen(b.nilai, 2)
        if b.nilai > batas:
            # the bar is cut: a white zigzag near its end and the true value on the bar
            x0 = batas * 0.9
            ax.plot([x0 - batas * 0.012, x0 + batas * 0.012], [yi - 0.38, yi + 0.38],
                    color="white", linewidth=3)
            ax.plot([x0 + batas * 0.018, x0 + batas * 0.042], [yi - 0.38, yi + 0.38],
                    color="white", linewidth=3)
            ax.text(x0 - batas * 0.03, yi, teks, va="center", ha="right", color="white",
                    fontweight="bold")
        else:
            ax.text(lebar + batas * 0.01, yi, teks, va="center", ha="left", zorder=3,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.axvline(100, color=WARNA_ACUAN, linestyle="--", linewidth=1)
    ax.text(100 + batas * 0.01, len(batang) - 0.45, "target 100%", color=WARNA_ACUAN,
            ha="left", va="bottom")
    ax.set_xlim(0, batas)
    ax.set_ylim(-0.6, len(batang) - 0.1)
    ax.set_yticks(y)
    ax.set_yticklabels([_wrap(b.label, 38) for b in batang])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.angka(x)))
    ax.set_xlabel(judul_sumbu + (" — batang terpotong, nilai tertulis pada batang" if dipotong else ""))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _tight(fig)
    return _png(fig)


def capaian_iku(ctx: Mapping[str, Any]) -> ChartSpec:
    with matplotlib.rc_context(STYLE):
        png = gambar_capaian_iku(data_capaian_iku(ctx))
    return ChartSpec(key="capaian_iku", title=f"Capaian Indikator Kinerja Utama Tahun {ctx['tahun']}",
                     png=png, width_cm=15.0)


# --------------------------------------------------------------------------- program budget


@dataclass(frozen=True)
class Program:
    label: str
    pagu: float
    realisasi: float
    persen: float | None


def data_realisasi_program(ctx: Mapping[str, Any]) -> list[Program]:
    """Pagu, realisasi and % per program, in program order."""
    return [
        Program(p["nama"], p["pagu"] or 0.0, p["realisasi"] or 0.0, p.get("persen"))
        for p in ctx["anggaran"]["program"]
    ]


def skala_rupiah(terbesar: float) -> tuple[float, str]:
    """Divisor and axis unit for money: miliar, juta or rupiah."""
    if terbesar >= 1e9:
        return 1e9, "miliar rupiah"
    if terbesar >= 1e6:
        return 1e6, "juta rupiah"
    return 1.0, "rupiah"


def gambar_realisasi_program(program: list[Program]) -> bytes:
    n = max(len(program), 1)
    fig = Figure(figsize=(WIDTH_IN, 1.2 + 0.75 * n), dpi=DPI)
    ax = fig.add_subplot(1, 1, 1)
    terbesar = max([max(p.pagu, p.realisasi) for p in program], default=1.0) or 1.0
    bagi, satuan = skala_rupiah(terbesar)
    y = list(range(len(program)))[::-1]
    h = 0.36
    for yi, p in zip(y, program):
        ax.barh(yi + h / 2, p.pagu / bagi, height=h, color=WARNA_PAGU,
                label="Pagu" if yi == y[0] else None)
        ax.barh(yi - h / 2, p.realisasi / bagi, height=h, color=WARNA_REALISASI,
                label="Realisasi" if yi == y[0] else None)
        ax.text(p.realisasi / bagi + terbesar / bagi * 0.01, yi - h / 2, fmt.persen(p.persen, 2),
                va="center", ha="left")
    ax.set_xlim(0, terbesar / bagi * 1.15)
    ax.set_yticks(y)
    ax.set_yticklabels([_wrap(p.label, 38) for p in program])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.angka(x, 1 if bagi > 1 else 0)))
    ax.set_xlabel(f"Anggaran ({satuan}); angka pada batang: realisasi terhadap pagu")
    if program:
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _tight(fig)
    return _png(fig)


def realisasi_program(ctx: Mapping[str, Any]) -> ChartSpec:
    with matplotlib.rc_context(STYLE):
        png = gambar_realisasi_program(data_realisasi_program(ctx))
    return ChartSpec(key="realisasi_program",
                     title=f"Pagu dan Realisasi Anggaran per Program Tahun {ctx['tahun']}",
                     png=png, width_cm=15.0)


# --------------------------------------------------------------------------- registry

CHARTS: dict[str, Callable[[Mapping[str, Any]], ChartSpec]] = {
    "capaian_iku": capaian_iku,
    "realisasi_program": realisasi_program,
}


def build_chart(name: str, context: Mapping[str, Any]) -> ChartSpec:
    """The chart ``name`` drawn from ``context``; ValueError (Indonesian) for an unknown name."""
    builder = CHARTS.get(name)
    if builder is None:
        ada = ", ".join(sorted(CHARTS))
        raise ValueError(f'Grafik "{name}" tidak dikenal. Nama grafik yang tersedia: {ada}.')
    return builder(context)
