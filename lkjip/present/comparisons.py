"""The comparison tables of Bab III and the Ikhtisar Eksekutif (PermenPAN-RB 53/2014, annex:
realisasi against the Renstra end-of-period target, over the years, against a national
standard; the IKU per predikat). Registered in :data:`lkjip.present.tables.TABLES`.

Builders only read the model's figures (:mod:`lkjip.report.comparisons`) and format them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import fmt
from .blocks import Cell, TableSpec


def _head(text: str) -> Cell:
    return Cell(text, align="center", bold=True)


def _text(text: Any) -> Cell:
    return Cell("" if text is None else str(text))


def _centre(text: Any) -> Cell:
    return Cell("" if text is None else str(text), align="center")


def _number(text: str) -> Cell:
    return Cell(text, align="right")


def _value(v: Any, satuan: str | None, empty: str = "") -> str:
    """A target/realisasi as typed, "%" added for an indicator in percent; ``empty`` for none."""
    if v is None or getattr(v, "kind", "empty") == "empty":
        return empty
    text = fmt.nilai(v)
    if (satuan or "").strip() == "%" and v.kind != "text" and not v.percent:
        text += "%"
    return text


def number_cell_of_row(i: int) -> Cell:
    return _centre(f"{i}.")


def capaian_renstra_akhir(ctx: Mapping[str, Any]) -> TableSpec:
    """Realisasi of the year against the target of the Renstra's last year (progres, %)."""
    akhir = ctx["renstra"].get("tahun_akhir") or ""
    rows = [
        [number_cell_of_row(n), _text(i["indikator"]), _centre(i["satuan"]),
         _number(_value(i["target_renstra_akhir"], i["satuan"], "n/a")),
         _number(_value(i["realisasi"], i["satuan"], "n/a")),
         _number(fmt.persen(i["progres_renstra"]))]
        for n, i in enumerate(ctx["iku"], start=1)
    ]
    periode = ctx["profil"].get("periode_renstra", "")
    return TableSpec(
        key="capaian_renstra_akhir",
        title=f"Realisasi Tahun {ctx['tahun']} Dibandingkan dengan Target Akhir Renstra {periode}".strip(),
        header=[[_head("No."), _head("Indikator Kinerja"), _head("Satuan"),
                 _head(f"Target Akhir Renstra ({akhir})"), _head(f"Realisasi {ctx['tahun']}"),
                 _head("Progres (%)")]],
        rows=rows,
        widths=[0.6, 4.5, 1.0, 2.0, 2.0, 1.3],
    )


def tren_iku(ctx: Mapping[str, Any]) -> TableSpec:
    """Realisasi and capaian of each IKU in every year found in data/ (oldest first); the
    capaian of last year is the one Tabel "Capaian Kinerja ... Dengan Tahun ..." compares."""
    years = ctx["tahun_riwayat"]
    rows = [
        [number_cell_of_row(n), _text(i["indikator"]), _centre(i["satuan"])]
        + [cell for r in i["riwayat"] for cell in (
            _number(_value(r["realisasi"], i["satuan"], "n/a")),
            _number(fmt.persen(r.get("capaian"))))]
        for n, i in enumerate(ctx["iku"], start=1)
    ]
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    first = [Cell("No.", align="center", bold=True, rowspan=2),
             Cell("Indikator Kinerja", align="center", bold=True, rowspan=2),
             Cell("Satuan", align="center", bold=True, rowspan=2)]
    return TableSpec(
        key="tren_iku",
        title=f"Realisasi dan Capaian Indikator Kinerja Utama Tahun {span}",
        header=[first + [Cell(str(y), align="center", bold=True, colspan=2) for y in years],
                [cell for _ in years for cell in (_head("Realisasi"), _head("Capaian"))]],
        rows=rows,
        widths=[0.6, 4.0, 1.0] + [1.7, 1.3] * len(years),
    )


def standar_nasional(ctx: Mapping[str, Any]) -> TableSpec:
    """Realisasi against the national standard, for the IKU that have one."""
    with_standard = [i for i in ctx["iku"] if i.get("standar_nasional") is not None]
    rows = [
        [number_cell_of_row(n), _text(i["indikator"]), _centre(i["satuan"]),
         _number(_value(i["standar_nasional"], i["satuan"])),
         _number(_value(i["realisasi"], i["satuan"], "n/a")),
         _number(fmt.persen(i["capaian_standar"]))]
        for n, i in enumerate(with_standard, start=1)
    ]
    if not rows:
        rows = [[Cell("Belum ada IKU dengan standar nasional (kolom standar_nasional tabel iku).",
                      align="center", colspan=6)]]
    return TableSpec(
        key="standar_nasional",
        title=f"Realisasi Tahun {ctx['tahun']} Dibandingkan dengan Standar Nasional",
        header=[[_head("No."), _head("Indikator Kinerja"), _head("Satuan"), _head("Standar Nasional"),
                 _head(f"Realisasi {ctx['tahun']}"), _head("Capaian (%)")]],
        rows=rows,
        widths=[0.6, 4.5, 1.0, 2.0, 2.0, 1.3],
    )


def _band_range(bands: list[dict], index: int) -> str:
    low = bands[index]["batas_bawah"]
    high = bands[index - 1]["batas_bawah"] if index > 0 else None
    if low is None:
        return f"< {fmt.angka(high, 0)}%" if high is not None else "semua"
    return f"≥ {fmt.angka(low, 0)}%" if high is None else f"{fmt.angka(low, 0)}% – < {fmt.angka(high, 0)}%"


def ringkasan_predikat(ctx: Mapping[str, Any]) -> TableSpec:
    """How many IKU fall in each predikat band (Permendagri 86/2017 or the kategori table)."""
    summary = ctx["ringkasan"]
    bands = summary["per_predikat"]
    rows = [[_text(b["predikat"]), _centre(_band_range(bands, n)), _centre(b["jumlah"])]
            for n, b in enumerate(bands)]
    if summary["tanpa_capaian"]:
        rows.append([_text("Belum dapat dinilai (realisasi belum diisi)"), _centre(""),
                     _centre(summary["tanpa_capaian"])])
    rows.append([Cell("Jumlah IKU", bold=True, colspan=2, align="center"),
                 Cell(str(summary["jumlah_iku"]), bold=True, align="center")])
    return TableSpec(
        key="ringkasan_predikat",
        title=f"Jumlah Indikator Kinerja Utama per Predikat Capaian Tahun {ctx['tahun']}",
        header=[[_head("Predikat"), _head("Rentang Capaian"), _head("Jumlah IKU")]],
        rows=rows,
        widths=[3.0, 3.0, 1.5],
    )
