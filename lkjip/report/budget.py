"""Anggaran: programs and kegiatan (pagu, realisasi), belanja, refocusing and APBN funds.

Money is in rupiah (exact ``Decimal``), percentages in percent units (float); an empty
realisasi is None (n/a) and makes every total it belongs to None (:func:`compute.jumlah_lengkap`).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import compute
from .rows import table_rows, text


@dataclass
class Budget:
    anggaran: dict  # the ``anggaran`` section of the model
    program_per_kode: dict[str, dict]  # program kode → program (with its kegiatan)
    kegiatan_per_kode: dict[str, dict]  # kegiatan kode → kegiatan, in table order


def _kegiatan(no: int, r: dict) -> dict:
    pagu, realisasi, murni = r.get("pagu"), r.get("realisasi"), r.get("pagu_murni")
    return {
        "no": no,
        "kode": text(r["kode"]),
        "kode_program": text(r.get("kode_program")),
        "nama": text(r.get("nama")),
        "pagu": pagu,
        "pagu_murni": murni,
        "perubahan": compute.selisih(murni, pagu),
        "jenis_perubahan": text(r.get("jenis_perubahan")),
        "catatan": text(r.get("catatan")),
        "pelaksana": text(r.get("pelaksana")),
        "realisasi": realisasi,
        "persen": compute.persen(realisasi, pagu),
        "sisa": compute.selisih(pagu, realisasi),
    }


def _programs(dataset) -> tuple[dict[str, dict], dict[str, dict]]:
    """(program per kode, kegiatan per kode): each program ``{kode, nama, kegiatan, pagu,
    realisasi, persen, sisa}``; each kegiatan also gets ``program: {kode, nama}``."""
    program_per_kode = {}
    for r in table_rows(dataset, "program"):
        kode = text(r["kode"])
        program_per_kode[kode] = {"kode": kode, "nama": text(r.get("nama")), "kegiatan": []}
    kegiatan_per_kode = {}
    for no, r in enumerate(table_rows(dataset, "kegiatan"), start=1):
        kegiatan = _kegiatan(no, r)
        kegiatan_per_kode[kegiatan["kode"]] = kegiatan
        if kegiatan["kode_program"] in program_per_kode:
            program_per_kode[kegiatan["kode_program"]]["kegiatan"].append(kegiatan)
    for program in program_per_kode.values():
        program["pagu"] = compute.jumlah(k["pagu"] for k in program["kegiatan"])
        program["realisasi"] = compute.jumlah_lengkap(k["realisasi"] for k in program["kegiatan"])
        program["persen"] = compute.persen(program["realisasi"], program["pagu"])
        program["sisa"] = compute.selisih(program["pagu"], program["realisasi"])
        for kegiatan in program["kegiatan"]:
            kegiatan["program"] = {"kode": program["kode"], "nama": program["nama"]}
    return program_per_kode, kegiatan_per_kode


def _belanja(dataset, kegiatan: list[dict]) -> dict:
    """``{tidak_langsung, langsung, total}``, each :func:`compute.ringkasan_anggaran`.

    Belanja langsung APBD-P and realisasi are the sums over the kegiatan (the typed ones are
    only compared, by the audit); belanja tidak langsung is as typed.
    """
    typed = {r["jenis"]: r for r in table_rows(dataset, "belanja")}
    tidak_langsung_row, langsung_row = typed.get("tidak_langsung", {}), typed.get("langsung", {})
    tidak_langsung = compute.ringkasan_anggaran(
        tidak_langsung_row.get("apbd"), tidak_langsung_row.get("apbd_p"), tidak_langsung_row.get("realisasi")
    )
    langsung = compute.ringkasan_anggaran(
        langsung_row.get("apbd"),
        compute.jumlah(k["pagu"] for k in kegiatan),
        compute.jumlah_lengkap(k["realisasi"] for k in kegiatan),
    )
    total = compute.ringkasan_anggaran(
        compute.jumlah([tidak_langsung["apbd"], langsung["apbd"]]),
        compute.jumlah([tidak_langsung["apbd_p"], langsung["apbd_p"]]),
        # a realisasi not filled in yet (a draft) makes the total n/a, not a partial sum
        compute.jumlah_lengkap([tidak_langsung["realisasi"], langsung["realisasi"]]),
    )
    return {"tidak_langsung": tidak_langsung, "langsung": langsung, "total": total}


def _apbn(dataset) -> dict:
    """``{baris: [{no, kementerian, kode_satker, kegiatan, anggaran, realisasi, persen, sisa}],
    anggaran, realisasi, persen}``."""
    rows = []
    for no, r in enumerate(table_rows(dataset, "apbn"), start=1):
        anggaran, realisasi = r.get("anggaran"), r.get("realisasi")
        rows.append({
            "no": no,
            "kementerian": text(r.get("kementerian")),
            "kode_satker": text(r.get("kode_satker")),
            "kegiatan": text(r.get("kegiatan")),
            "anggaran": anggaran,
            "realisasi": realisasi,
            "persen": compute.persen(realisasi, anggaran),
            "sisa": compute.selisih(anggaran, realisasi),
        })
    anggaran = compute.jumlah(r["anggaran"] for r in rows)
    realisasi = compute.jumlah_lengkap(r["realisasi"] for r in rows)
    return {"baris": rows, "anggaran": anggaran, "realisasi": realisasi,
            "persen": compute.persen(realisasi, anggaran)}


def budget_section(dataset) -> Budget:
    """The ``anggaran`` section ``{belanja, refocusing, program, apbn}`` and the lookups by kode.

    refocusing = APBD − APBD-P of the total (:func:`compute.refocusing`).
    """
    program_per_kode, kegiatan_per_kode = _programs(dataset)
    belanja = _belanja(dataset, list(kegiatan_per_kode.values()))
    anggaran = {
        "belanja": belanja,
        "refocusing": compute.refocusing(belanja["total"]["apbd"], belanja["total"]["apbd_p"]),
        "program": list(program_per_kode.values()),
        "apbn": _apbn(dataset),
    }
    return Budget(anggaran, program_per_kode, kegiatan_per_kode)
