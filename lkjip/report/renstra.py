"""Renstra (tujuan, sasaran and their five yearly targets), strategi and RPJMD."""

from __future__ import annotations

from typing import Any

from ..inputs.notation import EMPTY, Value
from .rows import table_rows, text

YEARS = 5  # a Renstra covers five years: target_1 … target_5


def yearly_targets(row: dict) -> list[Value]:
    """The five targets ``target_1`` … ``target_5`` of a row (an absent one is an empty Value)."""
    return [row.get(f"target_{i}") or EMPTY for i in range(1, YEARS + 1)]


def _with_targets(entry: dict, targets: list[Value]) -> dict:
    entry["target"] = targets
    entry.update({f"target_{i}": t for i, t in enumerate(targets, start=1)})
    return entry


def renstra_section(dataset, first_year: int | None) -> dict:
    """``{tujuan: [...], sasaran: [...], tahun: [first_year … first_year + 4]}``.

    Each row: ``{versi, no, tujuan|sasaran, indikator, target: [Value × 5], target_1 … target_5}``;
    sasaran rows also have ``kode_iku``.
    """

    def row(r: dict, name: str) -> dict:
        entry = {"versi": r.get("versi"), "no": text(r.get("no")), name: text(r.get(name)),
                 "indikator": text(r.get("indikator"))}
        return _with_targets(entry, yearly_targets(r))

    sasaran = []
    for r in table_rows(dataset, "sasaran_renstra"):
        item = row(r, "sasaran")
        item["kode_iku"] = text(r.get("kode_iku"))
        sasaran.append(item)
    return {
        "tujuan": [row(r, "tujuan") for r in table_rows(dataset, "tujuan")],
        "sasaran": sasaran,
        "tahun": [first_year + i for i in range(YEARS)] if first_year else [],
    }


def strategi_section(dataset) -> list[dict]:
    """Misi → strategi → arah kebijakan: ``[{misi, butir: [{no, strategi, arah: [str]}]}]``."""
    misi_list: list[dict] = []
    for r in table_rows(dataset, "strategi"):
        misi = text(r.get("misi"))
        if not misi_list or misi_list[-1]["misi"] != misi:
            misi_list.append({"misi": misi, "butir": []})
        butir = misi_list[-1]["butir"]
        no, strategi = text(r.get("no")), text(r.get("strategi"))
        if not butir or (butir[-1]["no"], butir[-1]["strategi"]) != (no, strategi):
            butir.append({"no": no, "strategi": strategi, "arah": []})
        butir[-1]["arah"].append(text(r.get("arah_kebijakan")))
    return misi_list


def rpjmd_section(dataset, years: list[int]) -> dict:
    """``{awal: [...], perubahan: [...], tahun}``; each row ``{tujuan, sasaran, indikator_rpjmd,
    indikator_perangkat_daerah, kondisi_awal, target, target_1 … target_5, kondisi_akhir}``."""
    out: dict[str, Any] = {"awal": [], "perubahan": [], "tahun": years}
    for r in table_rows(dataset, "rpjmd"):
        row = {
            "tujuan": text(r.get("tujuan")),
            "sasaran": text(r.get("sasaran")),
            "indikator_rpjmd": text(r.get("indikator_rpjmd")),
            "indikator_perangkat_daerah": text(r.get("indikator_perangkat_daerah")),
            "kondisi_awal": r.get("kondisi_awal") or EMPTY,
            "target": yearly_targets(r),
            "kondisi_akhir": r.get("kondisi_akhir") or EMPTY,
        }
        row.update({f"target_{i}": t for i, t in enumerate(row["target"], start=1)})
        out.setdefault(r.get("versi") or "awal", []).append(row)
    return out


def renstra_year_targets(dataset, year: int, first_year: int | None) -> dict[str, Value]:
    """kode_iku → the Renstra target of ``year`` (versi "perubahan" preferred over "awal");
    {} when ``year`` is outside the Renstra period."""
    if not first_year:
        return {}
    column = year - first_year + 1
    if not 1 <= column <= YEARS:
        return {}
    return renstra_column(dataset, column)


def renstra_column(dataset, column: int) -> dict[str, Value]:
    """kode_iku → ``target_<column>`` of ``sasaran_renstra`` ("perubahan" over "awal")."""
    found: dict[str, tuple[int, Value]] = {}
    for r in table_rows(dataset, "sasaran_renstra"):
        kode = text(r.get("kode_iku"))
        if not kode:
            continue
        rank = 1 if r.get("versi") == "perubahan" else 0
        if kode not in found or rank > found[kode][0]:
            found[kode] = (rank, r.get(f"target_{column}") or EMPTY)
    return {kode: value for kode, (_, value) in found.items()}


def latest_versi(rows: list[dict]) -> str | None:
    """"perubahan" when some row has it, else "awal" when some row has it, else None."""
    versi = {r["versi"] for r in rows}
    return "perubahan" if "perubahan" in versi else ("awal" if "awal" in versi else None)
