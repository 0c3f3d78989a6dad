"""The report model: every figure of the LKjIP, computed from one year's loaded tables.

``build_report(dataset, previous=None)`` returns plain Python structures (dicts, lists, str,
int, float, :class:`~lkjip.inputs.notation.Value`, date) with the Indonesian names listed in
docs/design.md ("Context"). It reads no file and parses nothing: values arrive typed from
:mod:`lkjip.inputs`, and the wording of dates and other figures is added afterwards by
:func:`lkjip.present.words.chapter_names`. Each part of the report has its builder module:
:mod:`.profile`, :mod:`.staff`, :mod:`.renstra`, :mod:`.iku`, :mod:`.budget`, :mod:`.appendices`.
"""

from __future__ import annotations

import math

from . import compute
from .comparisons import add_history, add_national_standard, add_renstra_end, realisasi_history, summary
from .appendices import aset_section, kertas_kerja_section
from .budget import budget_section
from .iku import bands_of, indicator_groups, iku_section, pk_section, sasaran_section
from .profile import kepala_section, profil_section, struktur_counts, struktur_tree
from .renstra import (
    YEARS, latest_versi, renstra_column, renstra_section, renstra_year_targets, rpjmd_section, strategi_section,
)
from .rows import settings
from ..inputs.notation import Value
from .staff import pegawai_section

__all__ = ["build_report", "previous_capaian", "realisasi_history"]


def previous_capaian(previous_dataset) -> dict[str, float | None]:
    """Capaian (percent, None when n/a) of each IKU by kode, computed from the dataset of the
    year before (``data/<N-1>/`` as loaded by :func:`lkjip.inputs.load_dataset`)."""
    return {i["kode"]: i["capaian"] for i in build_report(previous_dataset)["iku"]}


def build_report(dataset, previous: dict[str, float | None] | None = None,
                 history: dict[int, dict[str, Value]] | None = None) -> dict:
    """The report model of one year's validated :class:`~lkjip.inputs.Dataset`.

    ``previous``: {kode: capaian} of year − 1 (:func:`previous_capaian`), used as each IKU's
    ``capaian_tahun_lalu``; None → the typed ``iku.capaian_tahun_lalu`` column is used.
    ``history``: {tahun: {kode: realisasi}} of earlier years (:func:`realisasi_history`), for
    each IKU's ``riwayat`` (multi-year trend).
    """
    year = int(dataset.year)
    profil = settings(dataset, "profil")
    pengaturan = settings(dataset, "pengaturan")
    cap = pengaturan.get("batas_capaian")
    bands = bands_of(dataset)
    first_year = profil.get("renstra_tahun_pertama")
    budget = budget_section(dataset)
    iku = iku_section(dataset, bands, cap, renstra_year_targets(dataset, year, first_year), previous, budget)
    history_years = _compare(dataset, iku, year, first_year, history)
    sasaran = sasaran_section(iku)
    renstra = renstra_section(dataset, first_year)
    renstra["tahun_akhir"] = renstra["tahun"][-1] if renstra["tahun"] else None
    kategori = [{"batas_bawah": None if math.isinf(b) else b, "predikat": p}
                for b, p in (bands or compute.KATEGORI_BAWAAN)]
    struktur = struktur_tree(dataset)
    program_per_kode, kegiatan_per_kode = budget.program_per_kode, budget.kegiatan_per_kode
    return {
        "tahun": year,
        "tahun_lalu": year - 1,
        "profil": profil_section(profil),
        "kepala": kepala_section(profil),
        "tanggal_penandatanganan_iso": profil.get("tanggal_penandatanganan"),
        "pegawai": pegawai_section(dataset, profil),
        "struktur": struktur,
        "struktur_jumlah": struktur_counts(struktur),
        "renstra": renstra,
        "strategi": strategi_section(dataset),
        "rpjmd": rpjmd_section(dataset, renstra["tahun"]),
        "iku": iku,
        "iku_per_kode": {i["kode"]: i for i in iku},
        "sasaran": sasaran,
        "capaian_rata_rata": compute.rata_rata(i["capaian"] for i in iku),
        "capaian_tahun_lalu_dari_data": previous,
        "efisiensi": [i["efisiensi"] for i in iku if i["efisiensi"] is not None],
        "anggaran": budget.anggaran,
        "program_per_kode": program_per_kode,
        "kegiatan_per_kode": kegiatan_per_kode,
        "indikator_program": indicator_groups(
            dataset, "indikator_program", "kode_program", program_per_kode, "program", bands, cap),
        "indikator_kegiatan": indicator_groups(
            dataset, "indikator_kegiatan", "kode_kegiatan", kegiatan_per_kode, "kegiatan", bands, cap),
        "kertas_kerja": kertas_kerja_section(dataset),
        "pk": pk_section(dataset, year, iku),
        "aset": aset_section(dataset, profil, year),
        "jumlah": _counts(sasaran, iku, budget, renstra),
        "pengaturan": {"batas_capaian": cap, "kategori": kategori},
        "tahun_riwayat": history_years,
        "ringkasan": summary(iku, kategori, budget.anggaran["belanja"]),
    }


def _compare(dataset, iku: list[dict], year: int, first_year: int | None, history) -> list[int]:
    """The comparisons of :mod:`.comparisons` added to each IKU; returns the trend's years."""
    add_renstra_end(iku, renstra_column(dataset, YEARS) if first_year else {})
    add_national_standard(iku)
    return add_history(iku, year, history)


def _counts(sasaran: list, iku: list, budget, renstra: dict) -> dict[str, int]:
    """Counts for prose: sasaran, iku, program, kegiatan and tujuan (of the latest Renstra versi)."""
    latest = latest_versi(renstra["tujuan"])
    return {
        "sasaran": len(sasaran),
        "iku": len(iku),
        "program": len(budget.program_per_kode),
        "kegiatan": len(budget.kegiatan_per_kode),
        "tujuan": len({(t["versi"], t["no"]) for t in renstra["tujuan"] if t["versi"] == latest}),
    }
