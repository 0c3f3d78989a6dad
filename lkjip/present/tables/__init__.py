"""Every table of the report as data (:class:`lkjip.present.blocks.TableSpec`).

Each builder takes the context (see docs/design.md, "Context") and returns one table.
Builders never compute report figures themselves (the context holds them) and format numbers
only through the filters of :mod:`lkjip.present.fmt`; headers and captions follow the 2020
reference report, with the agency name and the years taken from the context.

Conventions: money without "Rp" and without decimals (assets: 2 decimals), percentages with
2 decimals, numbers right-aligned, vertical merges (rowspan) for grouped columns.

The registry names (``tabel("capaian_iku")`` in a chapter) are a public API.

A table whose data is empty (an optional table left out of ``data/<tahun>/``, or with only its
header) keeps its title and header and gets one row "Tidak ada data." across all columns.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from .. import comparisons
from ..blocks import Cell, TableSpec
from ..registry import CannotBuild, UnknownName, look_up
from .appendices import aset, formula_text, kertas_kerja, pk, pk_ttd
from .budget import apbn, belanja, realisasi_kegiatan
from .capaian import (
    capaian_banding,
    capaian_iku,
    capaian_renstra,
    capaian_sasaran,
    indikator_kegiatan,
    indikator_program,
    target_pk,
)
from .renstra import efisiensi, iku, rpjmd_awal, rpjmd_perubahan, sasaran_renstra, strategi, tujuan
from .staff import pegawai_golongan, pegawai_jabatan, pegawai_pendidikan

__all__ = ["TABLES", "build_table", "formula_text", "CannotBuild", "UnknownName", "NO_DATA"]

NO_DATA = "Tidak ada data."  # the one row of a table without data

TABLES: dict[str, Callable[..., TableSpec]] = {
    "pegawai_jabatan": pegawai_jabatan,
    "pegawai_pendidikan": pegawai_pendidikan,
    "pegawai_golongan": pegawai_golongan,
    "tujuan": tujuan,
    "sasaran_renstra": sasaran_renstra,
    "strategi": strategi,
    "rpjmd_awal": rpjmd_awal,
    "rpjmd_perubahan": rpjmd_perubahan,
    "iku": iku,
    "efisiensi": efisiensi,
    "target_pk": target_pk,
    "capaian_iku": capaian_iku,
    "capaian_banding": capaian_banding,
    "capaian_renstra": capaian_renstra,
    "capaian_sasaran": capaian_sasaran,
    "indikator_program": indikator_program,
    "indikator_kegiatan": indikator_kegiatan,
    "belanja": belanja,
    "realisasi_kegiatan": realisasi_kegiatan,
    "apbn": apbn,
    "kertas_kerja": kertas_kerja,
    "pk": pk,
    "pk_ttd": pk_ttd,
    "aset": aset,
    "capaian_renstra_akhir": comparisons.capaian_renstra_akhir,
    "tren_iku": comparisons.tren_iku,
    "standar_nasional": comparisons.standar_nasional,
    "ringkasan_predikat": comparisons.ringkasan_predikat,
}


def build_table(name: str, context: Mapping[str, Any], **args: Any) -> TableSpec:
    """The table ``name`` built from ``context``.

    :class:`UnknownName` for a name not in :data:`TABLES`; :class:`CannotBuild` (Indonesian
    message) for arguments the table does not take or values it cannot find.
    """
    builder = look_up(TABLES, "tabel", name)
    try:
        inspect.signature(builder).bind(context, **args)
    except TypeError:
        params = [p for p in inspect.signature(builder).parameters if p != "ctx"]
        expected = ", ".join(f"{p}=..." for p in params) or "tanpa argumen"
        given = ", ".join(f"{k}={v!r}" for k, v in args.items()) or "tanpa argumen"
        raise CannotBuild(
            f'Argumen untuk tabel "{name}" tidak sesuai (diberikan: {given}). '
            f"Yang diharapkan: {expected}."
        ) from None
    spec = builder(context, **args)
    if not spec.rows:
        spec.rows = [[Cell(NO_DATA, align="center", colspan=len(spec.widths))]]
    return spec
