"""Pegawai: staff per unit by sex, position, education and rank (Bab I)."""

from __future__ import annotations

from . import compute
from .rows import table_rows, text

PENDIDIKAN = ("s3", "s2", "s1", "d4", "d3", "d2", "d1", "slta", "sltp", "sd")
GOLONGAN = (
    "iv_e", "iv_d", "iv_c", "iv_b", "iv_a", "iii_d", "iii_c", "iii_b", "iii_a",
    "ii_d", "ii_c", "ii_b", "ii_a", "i_d", "i_c", "i_b", "i_a",
)
JABATAN = ("laki_laki", "perempuan", "jumlah", "struktural", "jfu", "jft")


def _count(row: dict, key: str) -> int:
    return row.get(key) or 0


def pegawai_section(dataset, profil: dict) -> dict:
    """``{unit: [...], total, tanggal_iso, sumber}``.

    Each unit: ``{no, unit, laki_laki, perempuan, struktural, jfu, jft, jumlah, keterangan,
    pendidikan: {s3..sd}, golongan: {iv_e..i_a}}`` (int; jumlah = laki_laki + perempuan);
    ``total`` the same counts summed over the units. ``tanggal_iso`` is the date of the data
    (profil ``tanggal_data_pegawai``, a date or None).
    """
    pendidikan = {r["unit"]: r for r in table_rows(dataset, "pegawai_pendidikan")}
    golongan = {r["unit"]: r for r in table_rows(dataset, "pegawai_golongan")}
    units = []
    for no, r in enumerate(table_rows(dataset, "pegawai_jabatan"), start=1):
        unit = {"no": no, "unit": r["unit"]}
        for key in ("laki_laki", "perempuan", "struktural", "jfu", "jft"):
            unit[key] = _count(r, key)
        unit["jumlah"] = unit["laki_laki"] + unit["perempuan"]
        unit["keterangan"] = text(r.get("keterangan"))
        unit["pendidikan"] = {k: _count(pendidikan.get(r["unit"], {}), k) for k in PENDIDIKAN}
        unit["golongan"] = {k: _count(golongan.get(r["unit"], {}), k) for k in GOLONGAN}
        units.append(unit)
    total = _totals(units, JABATAN)
    total["pendidikan"] = _totals([u["pendidikan"] for u in units], PENDIDIKAN)
    total["golongan"] = _totals([u["golongan"] for u in units], GOLONGAN)
    return {
        "unit": units,
        "total": total,
        "tanggal_iso": profil.get("tanggal_data_pegawai"),
        "sumber": text(profil.get("sumber_data_pegawai")),
    }


def _totals(rows: list[dict], keys: tuple[str, ...]) -> dict[str, int]:
    return {k: int(v) for k, v in compute.jumlah_kolom(rows, keys).items()}
