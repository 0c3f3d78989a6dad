"""Charts of the report as PNG bytes (:class:`lkjip.model.ChartSpec`).

Each chart has a *data* function (plain values from the context, unit-tested) and a *drawing*
function. Drawing uses matplotlib's Agg canvas on a private Figure (no pyplot global state),
a fixed size and dpi, DejaVu Sans and no "Software" metadata, so the same context always gives
the same PNG bytes. Numbers on the charts are written by :mod:`lkjip.fmt` (Indonesian notation).
"""

from __future__ import annotations

import functools
import io
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.textpath import TextToPath  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from . import fmt  # noqa: E402
from .blocks import ChartSpec  # noqa: E402

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


# --------------------------------------------------------------------------- struktur organisasi

#: Box look per jenis: (fill, edge, text colour, bold, dashed edge).
GAYA_KOTAK = {
    "pimpinan": (WARNA_CAPAIAN, WARNA_CAPAIAN, "white", True, False),
    "sekretariat": (WARNA_PAGU, WARNA_CAPAIAN, "black", True, False),
    "bidang": (WARNA_PAGU, WARNA_CAPAIAN, "black", True, False),
    "uptd": ("#dde8f0", WARNA_CAPAIAN, "black", True, False),
    "fungsional": ("#f2f2f2", "#555555", "black", False, True),
    "": ("white", WARNA_CAPAIAN, "black", False, False),  # subbagian, seksi and the rest
}
BAGAN_HURUF = 7.5  # points
BAGAN_LEBAR_IN = 7.0  # figure width for up to BAGAN_KOLOM columns; wider beyond
BAGAN_KOLOM = 6
_TEPI = 0.08  # figure margin (in)
_PAD = 0.06  # text padding inside a box (in)
_JARAK = 0.12  # vertical gap between boxes of a stack / horizontal gap between columns (in)
_INDEN = 0.14  # indent of the boxes stacked under a unit (their connector runs in it)
_KOLOM_MAKS = 1.6  # widest column (in): a few units are not stretched over the page


@dataclass(frozen=True)
class Unit:
    nama: str
    jenis: str
    anak: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Bagan:
    """The chart's parts: the head, the unit drawn to its right (sekretariat), the one drawn to
    its left (kelompok jabatan fungsional) and the row of columns (bidang, UPTD, ...)."""

    pimpinan: Unit | None
    kanan: Unit | None
    kiri: Unit | None
    kolom: tuple[Unit, ...]


@dataclass(frozen=True)
class Kotak:
    x: float  # left (in)
    y: float  # top (in, downwards)
    w: float
    h: float
    teks: str  # wrapped lines
    jenis: str


@dataclass(frozen=True)
class Garis:
    titik: tuple[tuple[float, float], ...]
    putus: bool = False  # dashed (coordination line of the fungsional group)


def _unit(node: Mapping[str, Any]) -> Unit:
    return Unit(node["unit"], node.get("jenis") or "", tuple(_unit(a) for a in node.get("anak", ())))


def data_struktur_organisasi(ctx: Mapping[str, Any]) -> Bagan:
    """The head (first root of ``ctx["struktur"]``; further roots are treated as its children),
    its first sekretariat (right), first fungsional (left) and the other children as columns."""
    akar = [_unit(n) for n in ctx.get("struktur", [])]
    if not akar:
        return Bagan(None, None, None, ())
    pimpinan, anak = akar[0], list(akar[0].anak) + akar[1:]
    kanan = next((a for a in anak if a.jenis == "sekretariat"), None)
    kiri = next((a for a in anak if a.jenis == "fungsional"), None)
    kolom = tuple(a for a in anak if a is not kanan and a is not kiri)
    return Bagan(pimpinan, kanan, kiri, kolom)


@functools.lru_cache(maxsize=4096)
def _lebar_teks(teks: str, tebal: bool) -> float:
    """Width in inches of ``teks`` in DejaVu Sans at :data:`BAGAN_HURUF` points, plus 6 % for
    the Agg renderer's hinting (it draws a little wider than the outline)."""
    huruf = FontProperties(family="DejaVu Sans", size=BAGAN_HURUF, weight="bold" if tebal else "normal")
    lebar, _, _ = TextToPath().get_text_width_height_descent(teks, huruf, ismath=False)
    return lebar / 72 * 1.06


def _baris(teks: str, lebar: float, tebal: bool) -> str:
    """``teks`` wrapped word by word to fit a box ``lebar`` inches wide (a word longer than
    the box stays whole on its own line)."""
    ruang = lebar - 2 * _PAD
    baris: list[str] = []
    for kata in teks.split():
        if baris and _lebar_teks(f"{baris[-1]} {kata}", tebal) <= ruang:
            baris[-1] = f"{baris[-1]} {kata}"
        else:
            baris.append(kata)
    return "\n".join(baris)


def _tinggi(teks: str) -> float:
    return (teks.count("\n") + 1) * BAGAN_HURUF / 72 * 1.25 + 2 * _PAD


def _kotak(unit: Unit, x: float, y: float, w: float, h: float = 0.0) -> Kotak:
    """``unit``'s box, at least ``h`` high (boxes side by side get the same height)."""
    tebal = GAYA_KOTAK.get(unit.jenis, GAYA_KOTAK[""])[3]
    teks = _baris(unit.nama, w, tebal)
    return Kotak(x, y, w, max(_tinggi(teks), h), teks, unit.jenis)


def _tinggi_tumpukan(units, w: float) -> list[float]:
    """Per level of the stacks of ``units`` (each ``w`` wide): the height of the highest box
    (the unit itself, its 1st child, 2nd child, ...), so boxes side by side line up."""
    tinggi: list[float] = []
    for unit in units:
        for i, (u, lebar) in enumerate([(unit, w)] + [(a, w - _INDEN) for a in unit.anak]):
            h = _tinggi(_baris(u.nama, lebar, GAYA_KOTAK.get(u.jenis, GAYA_KOTAK[""])[3]))
            if i == len(tinggi):
                tinggi.append(h)
            tinggi[i] = max(tinggi[i], h)
    return tinggi


def _tumpuk(unit: Unit, x: float, y: float, w: float, kotak: list, garis: list,
            tinggi: list[float] = ()) -> float:
    """``unit``'s box at (x, y) and its descendants stacked below it, indented, joined by a
    line running down the indent; returns the bottom of the stack. ``tinggi``: the least
    height of the unit's box and of each child's (see :func:`_tinggi_tumpukan`)."""
    tinggi = list(tinggi) + [0.0] * (len(unit.anak) + 1 - len(tinggi))
    atas = _kotak(unit, x, y, w, tinggi[0])
    kotak.append(atas)
    bawah = y + atas.h
    xg = x + _INDEN / 2
    for anak, h in zip(unit.anak, tinggi[1:]):
        y_anak = bawah + _JARAK
        kotak_anak = _kotak(anak, x + _INDEN, y_anak, w - _INDEN, h)
        tengah = y_anak + kotak_anak.h / 2
        garis.append(Garis(((xg, y + atas.h), (xg, tengah), (x + _INDEN, tengah))))
        bawah = _tumpuk(anak, x + _INDEN, y_anak, w - _INDEN, kotak, garis, [h])
    return bawah


def tata_letak(bagan: Bagan) -> tuple[list[Kotak], list[Garis], float, float]:
    """Boxes and connector lines of the chart (inches, y downwards) and the figure size."""
    n = max(len(bagan.kolom), 1)
    lebar = max(BAGAN_LEBAR_IN, 2 * _TEPI + n * BAGAN_LEBAR_IN / BAGAN_KOLOM)
    kotak: list[Kotak] = []
    garis: list[Garis] = []
    if bagan.pimpinan is None:
        return kotak, garis, lebar, 1.0
    tengah = lebar / 2
    w_samping = min(2.2, lebar / 2 - 0.45)
    kepala = _kotak(bagan.pimpinan, tengah - 0.9, _TEPI, 1.8)
    kotak.append(kepala)
    y = kepala.y + kepala.h + 0.25  # the level of the side units
    bawah = y
    if bagan.kanan is not None:
        sek = _kotak(bagan.kanan, tengah + 0.35, y, w_samping)
        kotak.append(sek)
        garis.append(Garis(((tengah, y + sek.h / 2), (sek.x, y + sek.h / 2))))
        bawah = max(bawah, y + sek.h)
        if bagan.kanan.anak:
            k = len(bagan.kanan.anak)
            x0, x1 = tengah + 0.2, lebar - _TEPI
            jarak = min((x1 - x0) / k, _KOLOM_MAKS)
            x0 = min(max(sek.x + sek.w / 2 - jarak * k / 2, x0), x1 - jarak * k)  # under it
            y_anak = y + sek.h + 0.25
            pusat = [x0 + jarak * (i + 0.5) for i in range(k)]
            y_bus = y_anak - 0.12
            garis.append(Garis(((sek.x + sek.w / 2, y + sek.h), (sek.x + sek.w / 2, y_bus))))
            garis.append(Garis(((min(pusat), y_bus), (max(pusat), y_bus))))
            tinggi = _tinggi_tumpukan(bagan.kanan.anak, jarak - _JARAK)[:1]
            for anak, cx in zip(bagan.kanan.anak, pusat):
                garis.append(Garis(((cx, y_bus), (cx, y_anak))))
                bawah = max(bawah, _tumpuk(anak, cx - (jarak - _JARAK) / 2, y_anak,
                                           jarak - _JARAK, kotak, garis, tinggi))
    if bagan.kiri is not None:
        x = tengah - 0.35 - w_samping
        b = _tumpuk(bagan.kiri, x, y, w_samping, kotak, garis)
        fung = next(k for k in kotak if k.y == y and k.x == x)
        garis.append(Garis(((x + w_samping, y + fung.h / 2), (tengah, y + fung.h / 2)), putus=True))
        bawah = max(bawah, b)
    if bagan.kolom:
        jarak = min((lebar - 2 * _TEPI) / len(bagan.kolom), _KOLOM_MAKS)
        y_kolom = bawah + 0.3
        y_bus = y_kolom - 0.12
        x0 = tengah - jarak * len(bagan.kolom) / 2
        pusat = [x0 + jarak * (i + 0.5) for i in range(len(bagan.kolom))]
        garis.append(Garis(((min(pusat), y_bus), (max(pusat), y_bus))))
        tinggi = _tinggi_tumpukan(bagan.kolom, jarak - _JARAK)
        for unit, cx in zip(bagan.kolom, pusat):
            garis.append(Garis(((cx, y_bus), (cx, y_kolom))))
            bawah = max(bawah, _tumpuk(unit, cx - (jarak - _JARAK) / 2, y_kolom,
                                       jarak - _JARAK, kotak, garis, tinggi))
        ujung = y_bus
    else:
        ujung = bawah
    garis.insert(0, Garis(((tengah, kepala.y + kepala.h), (tengah, ujung))))  # the trunk
    return kotak, garis, lebar, bawah + _TEPI


def gambar_struktur_organisasi(bagan: Bagan) -> bytes:
    kotak, garis, lebar, tinggi = tata_letak(bagan)
    fig = Figure(figsize=(lebar, tinggi), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, lebar)
    ax.set_ylim(tinggi, 0)
    ax.set_axis_off()
    for g in garis:
        xs, ys = zip(*g.titik)
        ax.plot(xs, ys, color="#333333", linewidth=0.9, linestyle=(0, (4, 2)) if g.putus else "-",
                solid_capstyle="butt", zorder=1)
    for k in kotak:
        isi, tepi, warna, tebal, putus = GAYA_KOTAK.get(k.jenis, GAYA_KOTAK[""])
        ax.add_patch(Rectangle((k.x, k.y), k.w, k.h, facecolor=isi, edgecolor=tepi, linewidth=0.9,
                               linestyle=(0, (4, 2)) if putus else "-", zorder=2))
        ax.text(k.x + k.w / 2, k.y + k.h / 2, k.teks, ha="center", va="center", color=warna,
                fontsize=BAGAN_HURUF, fontweight="bold" if tebal else "normal",
                linespacing=1.25, zorder=3)
    return _png(fig)


def struktur_organisasi(ctx: Mapping[str, Any]) -> ChartSpec:
    bagan = data_struktur_organisasi(ctx)
    if bagan.pimpinan is None:
        raise ValueError(
            'Grafik "struktur_organisasi" memerlukan tabel struktur (data/<tahun>/struktur.csv '
            "atau sheet struktur) yang berisi paling sedikit satu unit."
        )
    with matplotlib.rc_context(STYLE):
        png = gambar_struktur_organisasi(bagan)
    nama = ctx.get("profil", {}).get("nama_lengkap", "")
    return ChartSpec(key="struktur_organisasi", title=f"Struktur Organisasi {nama}".strip(),
                     png=png, width_cm=15.0)


# --------------------------------------------------------------------------- registry

CHARTS: dict[str, Callable[[Mapping[str, Any]], ChartSpec]] = {
    "capaian_iku": capaian_iku,
    "realisasi_program": realisasi_program,
    "struktur_organisasi": struktur_organisasi,
}


def build_chart(name: str, context: Mapping[str, Any]) -> ChartSpec:
    """The chart ``name`` drawn from ``context``; ValueError (Indonesian) for an unknown name."""
    builder = CHARTS.get(name)
    if builder is None:
        ada = ", ".join(sorted(CHARTS))
        raise ValueError(f'Grafik "{name}" tidak dikenal. Nama grafik yang tersedia: {ada}.')
    return builder(context)
