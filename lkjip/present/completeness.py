"""Does the report hold every standard table its data calls for?

PermenPAN-RB No. 53/2014 (Lampiran II, sistematika LKjIP) asks Bab II for the Renstra and the
Perjanjian Kinerja, Bab III for the capaian per indicator with comparisons and the realisasi
anggaran, and the appendices for the PK. A chapter set that leaves one out (say, chapters copied
from another agency, or emptied) still builds; this module names what is missing so the build
can warn.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from ..errors import Issue, Location
from .blocks import Block

Context = Mapping[str, Any]


def _always(_: Context) -> bool:
    return True


def _has(key: str) -> Callable[[Context], bool]:
    return lambda ctx: bool(ctx.get(key))


# table -> (what it shows, in words; the chapter it belongs in; when the data calls for it)
STANDARD_TABLES: dict[str, tuple[str, str, Callable[[Context], bool]]] = {
    "pegawai_jabatan": ("jumlah pegawai per jabatan", "bab_1", _always),
    "tujuan": ("tujuan Renstra", "bab_2", _always),
    "sasaran_renstra": ("sasaran dan target Renstra", "bab_2", _always),
    "iku": ("Indikator Kinerja Utama / Perjanjian Kinerja", "bab_2", _always),
    "efisiensi": ("analisis efisiensi", "bab_2", _has("efisiensi")),
    "capaian_iku": ("capaian IKU", "bab_3", _always),
    "capaian_banding": ("perbandingan dengan tahun lalu", "bab_3", _always),
    "capaian_renstra": ("perbandingan dengan target Renstra", "bab_3", _always),
    "capaian_renstra_akhir": ("perbandingan dengan target akhir periode Renstra", "bab_3",
                              _always),
    "tren_iku": ("realisasi IKU dari tahun ke tahun", "bab_3", _always),
    "indikator_program": ("capaian indikator program", "bab_3", _has("indikator_program")),
    "indikator_kegiatan": ("capaian indikator kegiatan", "bab_3", _has("indikator_kegiatan")),
    "belanja": ("realisasi belanja", "bab_3", _always),
    "realisasi_kegiatan": ("realisasi anggaran per kegiatan", "bab_3", _always),
    "apbn": ("realisasi dana APBN", "bab_3",
             lambda ctx: bool(ctx.get("anggaran", {}).get("apbn", {}).get("baris"))),
    "pk": ("dokumen Perjanjian Kinerja", "lampiran", _has("pk")),
}


def inserted_tables(chapters: Mapping[str, Iterable[Block]]) -> set[str]:
    """Registry names of the tables the rendered chapters hold."""
    return {b.table.key for blocks in chapters.values() for b in blocks
            if b.kind == "table" and b.table is not None}


def missing_standard_tables(chapters: Mapping[str, Iterable[Block]], context: Context,
                            chapters_dir: str) -> list[Issue]:
    """A warning per standard table the data calls for but no chapter inserts.

    ``chapters``: chapter name → its blocks; ``chapters_dir``: e.g. ``"chapters/2021"``.
    """
    present = inserted_tables(chapters)
    issues = []
    for name, (what, chapter, wanted) in STANDARD_TABLES.items():
        if name in present or not wanted(context):
            continue
        issues.append(Issue(
            f'laporan tidak memuat tabel standar "{name}" ({what}).',
            Location(f"{chapters_dir}/{chapter}.md"),
            hint=f'tambahkan baris {{{{ tabel("{name}") }}}} di bab ini, atau salin bab bawaan '
                 "dari lkjip/templates/chapters/.",
            level="warning",
        ))
    return issues
