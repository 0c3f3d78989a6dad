"""BAB I tables: the agency's ASN (pegawai) per unit — Tabel 1.1 to 1.3."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .. import fmt
from ..blocks import TableSpec
from .cells import agency_full_name, centered_cell, date_text, header_cell, number_cell, text_cell

PENDIDIKAN = (
    ("s3", "S-3"),
    ("s2", "S-2"),
    ("s1", "S-1"),
    ("d4", "D-4"),
    ("d3", "D-3"),
    ("d2", "D-2"),
    ("d1", "D-1"),
    ("slta", "SLTA / Sederajat"),
    ("sltp", "SLTP"),
    ("sd", "SD"),
)

GOLONGAN = tuple(
    (f"{g.lower()}_{r}", f"{g}/{r}")
    for g, ruang in (("IV", "edcba"), ("III", "dcba"), ("II", "dcba"), ("I", "dcba"))
    for r in ruang
)


def _source_line(ctx: Mapping[str, Any]) -> str | None:
    """"Sumber: <pegawai.sumber> Tahun <tahun>" (the year only when the source lacks it)."""
    sumber = ctx["pegawai"].get("sumber")
    if not sumber:
        return None
    tahun = str(ctx["tahun"])
    return f"Sumber: {sumber}" + ("" if tahun in sumber else f" Tahun {tahun}")


def _title(ctx: Mapping[str, Any], basis: str) -> str:
    return (
        f"Jumlah ASN {agency_full_name(ctx)} Berdasarkan {basis} "
        f"Pertanggal {date_text(ctx['pegawai'].get('tanggal'))}"
    )


def _persons(n: Any) -> str:
    """A head count as the reference prints it: "12 Orang"."""
    return f"{fmt.angka(n)} Orang"


def pegawai_jabatan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 1.1: ASN per unit by jabatan and jenis kelamin, with a total row."""
    pegawai = ctx["pegawai"]
    header = [
        [
            header_cell("NO", rowspan=2),
            header_cell("OPD", rowspan=2),
            header_cell("JUMLAH PEGAWAI", rowspan=2),
            header_cell("JENIS KELAMIN", colspan=2),
            header_cell("JABATAN", colspan=3),
            header_cell("KET", rowspan=2),
        ],
        [header_cell(label) for label in ("L", "P", "STRUKTURAL", "JFU", "JFT")],
    ]
    counts = ("laki_laki", "perempuan", "struktural", "jfu", "jft")
    rows = []
    for unit in pegawai["unit"]:
        rows.append(
            [centered_cell(unit["no"]), text_cell(unit["unit"]), number_cell(_persons(unit["jumlah"]))]
            + [number_cell(fmt.angka(unit[k])) for k in counts]
            + [text_cell(unit.get("keterangan"))]
        )
    total = pegawai["total"]
    rows.append(
        [text_cell("JUMLAH", bold=True, colspan=2, align="center"),
         number_cell(_persons(total["jumlah"]), bold=True)]
        + [number_cell(fmt.angka(total[k]), bold=True) for k in counts]
        + [text_cell("")]
    )
    return TableSpec(
        key="pegawai_jabatan",
        title=_title(ctx, "Jabatan dan Jenis Kelamin"),
        header=header,
        rows=rows,
        widths=[0.6, 4.0, 1.6, 0.8, 0.8, 1.6, 0.9, 0.9, 1.0],
        source=_source_line(ctx),
    )


def _count_per_column(
    ctx: Mapping[str, Any], key: str, columns: Sequence[tuple[str, str]], heading: str, basis: str
) -> TableSpec:
    """Tabel 1.2 and 1.3: one count column per category of ``basis``, with a total row."""
    pegawai = ctx["pegawai"]
    header = [
        [header_cell("NO", rowspan=2), header_cell("OPD", rowspan=2),
         header_cell(heading, colspan=len(columns))],
        [header_cell(label) for _, label in columns],
    ]
    rows = []
    for unit in pegawai["unit"]:
        counts = unit[basis]
        rows.append([centered_cell(unit["no"]), text_cell(unit["unit"])]
                    + [number_cell(fmt.angka(counts.get(k, 0))) for k, _ in columns])
    total = pegawai["total"][basis]
    rows.append(
        [text_cell("JUMLAH", bold=True, colspan=2, align="center")]
        + [number_cell(fmt.angka(total.get(k, 0)), bold=True) for k, _ in columns]
    )
    return TableSpec(
        key=key,
        title=_title(ctx, "Tingkat Pendidikan" if basis == "pendidikan" else "Golongan"),
        header=header,
        rows=rows,
        widths=[0.6, 4.0] + [0.8] * len(columns),
        source=_source_line(ctx),
        font_size=8.0 if len(columns) > 10 else None,
    )


def pegawai_pendidikan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 1.2: ASN per unit by tingkat pendidikan."""
    return _count_per_column(ctx, "pegawai_pendidikan", PENDIDIKAN, "PENDIDIKAN", "pendidikan")


def pegawai_golongan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 1.3: ASN per unit by golongan (golongan I only when someone has it)."""
    pegawai = ctx["pegawai"]
    units = list(pegawai["unit"]) + [pegawai["total"]]
    columns = [
        (k, label)
        for k, label in GOLONGAN
        if not k.startswith("i_") or any((u["golongan"].get(k) or 0) > 0 for u in units)
    ]
    return _count_per_column(ctx, "pegawai_golongan", columns, "GOLONGAN", "golongan")
