"""The comparisons PermenPAN-RB 53/2014 asks of Bab III and the Ikhtisar Eksekutif.

Its annex (format LKjIP, Bab III "Akuntabilitas Kinerja", a. Capaian Kinerja Organisasi) asks
to compare realisasi with the target, with last year and earlier years, with the target at
the end of the Renstra period and with a national standard where there is one, and the
Ikhtisar Eksekutif to summarise the capaian of the IKU. Everything here is a number or a
typed value; the wording is the chapters' (present/words.py filters).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..inputs.notation import Value
from . import compute
from .rows import table_rows, text


def realisasi_history(datasets: dict) -> dict[int, dict[str, Value]]:
    """{tahun: {kode IKU: realisasi}} of the loaded datasets of earlier years ({tahun: Dataset})."""
    return {
        int(year): {text(r["kode"]): r.get("realisasi") for r in table_rows(dataset, "iku")}
        for year, dataset in sorted(datasets.items())
    }


def add_renstra_end(iku: list[dict], end_targets: dict[str, Value]) -> None:
    """Each IKU gets ``target_renstra_akhir`` (the Renstra target of its last year, a Value or
    None) and ``progres_renstra``: realisasi against it in percent (the capaian formula, no
    cap), None when either is missing."""
    for item in iku:
        target = end_targets.get(item["kode"])
        item["target_renstra_akhir"] = target
        item["progres_renstra"] = compute.capaian(target, item["realisasi"], item["arah"])


def add_national_standard(iku: list[dict]) -> None:
    """``capaian_standar``: realisasi against ``standar_nasional`` (percent), None without one."""
    for item in iku:
        item["capaian_standar"] = compute.capaian(item["standar_nasional"], item["realisasi"], item["arah"])


def add_history(iku: list[dict], year: int, history: dict[int, dict[str, Value]] | None) -> list[int]:
    """Each IKU gets ``riwayat``: ``[{tahun, realisasi, capaian}]`` for every year of
    ``history`` and this year, oldest first (a realisasi missing for a year is None). Without
    last year in ``history``, the typed ``realisasi_tahun_lalu`` stands for it when some IKU
    has one. The capaian is this year's and last year's (``capaian_tahun_lalu``, the same
    figure as the comparison with last year); None for earlier years. Returns the years."""
    history = {y: dict(v) for y, v in (history or {}).items() if y < year}
    if year - 1 not in history and any(i["realisasi_tahun_lalu"] is not None for i in iku):
        history[year - 1] = {i["kode"]: i["realisasi_tahun_lalu"] for i in iku}
    if not history and any(i["capaian_tahun_lalu"] is not None for i in iku):
        history[year - 1] = {}  # last year is known by its capaian only
    years = sorted(history) + [year]
    for item in iku:
        realisasi = [history[y].get(item["kode"]) for y in years[:-1]] + [item["realisasi"]]
        capaian = {year: item["capaian"], year - 1: item["capaian_tahun_lalu"]}
        item["riwayat"] = [
            {"tahun": y, "realisasi": None if v is None or v.is_empty else v,
             "capaian": capaian.get(y)}
            for y, v in zip(years, realisasi, strict=True)
        ]
    return years


def target_met(capaian: float | None) -> bool | None:
    """Whether a capaian reaches 100 % as printed (rounded half-up to 2 decimals); None for n/a."""
    if capaian is None:
        return None
    return Decimal(str(float(capaian))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) >= 100


def summary(iku: list[dict], kategori: list[dict], belanja: dict) -> dict:
    """The Ikhtisar Eksekutif in numbers.

    ``{jumlah_iku, per_predikat: [{predikat, batas_bawah, jumlah}] (bands highest first),
    tercapai, belum_tercapai, tanpa_capaian (counts), capaian_rata_rata, terbaik, terlemah
    (the IKU with the highest and lowest capaian, first in table order on a tie; None when
    no IKU has one), renstra_akhir_terukur / renstra_akhir_tercapai (IKU with a progress
    against the Renstra end target / of them at 100 % or more), jumlah_standar_nasional, penyerapan_anggaran (realisasi ÷ APBD-P of all
    belanja, percent), penyerapan_belanja_langsung}``.
    """
    measured = [i for i in iku if i["capaian"] is not None]
    bands = sorted(kategori, key=lambda b: float("-inf") if b["batas_bawah"] is None else b["batas_bawah"], reverse=True)
    met = [target_met(i["capaian"]) for i in measured]
    progress = [i["progres_renstra"] for i in iku if i["progres_renstra"] is not None]
    return {
        "jumlah_iku": len(iku),
        "per_predikat": [
            {**band, "jumlah": sum(1 for i in measured if i["kategori"] == band["predikat"])}
            for band in bands
        ],
        "tercapai": met.count(True),
        "belum_tercapai": met.count(False),
        "tanpa_capaian": len(iku) - len(measured),
        "capaian_rata_rata": compute.rata_rata(i["capaian"] for i in iku),
        "terbaik": max(measured, key=lambda i: i["capaian"], default=None),
        "terlemah": min(measured, key=lambda i: i["capaian"], default=None),
        "renstra_akhir_terukur": len(progress),
        "renstra_akhir_tercapai": [target_met(p) for p in progress].count(True),
        "jumlah_standar_nasional": sum(1 for i in iku if i["standar_nasional"] is not None),
        "penyerapan_anggaran": belanja["total"]["persen"],
        "penyerapan_belanja_langsung": belanja["langsung"]["persen"],
    }
