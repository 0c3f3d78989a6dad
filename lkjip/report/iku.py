"""Performance: IKU (capaian, last year, efisiensi), sasaran, program and kegiatan indicators
and the Perjanjian Kinerja.

Capaian, kategori and E/I follow :mod:`lkjip.report.compute` (PermenPAN-RB 53/2014 for the
capaian, Permendagri 86/2017 for the predikat bands).
"""

from __future__ import annotations

from ..inputs.notation import EMPTY, Value
from . import compute
from .rows import table_rows, text

Bands = list[tuple[float, str]] | None


def bands_of(dataset) -> Bands:
    """(batas_bawah, predikat) of the ``kategori`` table, or None (the default bands)."""
    rows = table_rows(dataset, "kategori")
    if not rows:
        return None
    return [(float(r["batas_bawah"]), text(r["predikat"])) for r in rows]


def measurement(r: dict, bands: Bands, cap: float | None) -> dict:
    """What every measured indicator (IKU, program, kegiatan) has: ``{indikator, satuan, arah,
    target, realisasi, capaian, kategori}`` (capaian in percent, None when n/a)."""
    arah = r.get("arah") or compute.NAIK
    target, realisasi = r.get("target") or EMPTY, r.get("realisasi") or EMPTY
    capaian = compute.capaian(target, realisasi, arah, cap)
    return {
        "indikator": text(r.get("indikator")),
        "satuan": text(r.get("satuan")),
        "arah": arah,
        "target": target,
        "realisasi": realisasi,
        "capaian": capaian,
        "kategori": compute.kategori(capaian, bands),
    }


def _typed_or_none(value: Value | None) -> Value | None:
    return None if value is None or value.is_empty else value


def _supporting_programs(kegiatan: list[dict], program_per_kode: dict) -> list[dict]:
    """The kegiatan of an IKU grouped by program: ``[{kode, nama, kegiatan, anggaran,
    realisasi, persen}]``."""
    per_program: dict[str, dict] = {}
    for k in kegiatan:
        p = program_per_kode.get(k["kode_program"], {"kode": k["kode_program"], "nama": ""})
        entry = per_program.setdefault(p["kode"], {"kode": p["kode"], "nama": p["nama"], "kegiatan": []})
        entry["kegiatan"].append(k)
    for entry in per_program.values():
        entry["anggaran"] = compute.jumlah(k["pagu"] for k in entry["kegiatan"])
        entry["realisasi"] = compute.jumlah_lengkap(k["realisasi"] for k in entry["kegiatan"])
        entry["persen"] = compute.persen(entry["realisasi"], entry["anggaran"])
    return list(per_program.values())


def _efisiensi(item: dict) -> dict:
    """E/I of one IKU (``compute.efisiensi``; through the capaian for a range or grade target)."""
    target, arah = item["target"], item["arah"]
    target_number = compute.number_of(target)
    realisasi_number = compute.realisasi_setara(target, item["realisasi"], arah)
    nilai = compute.efisiensi(item["anggaran"], target_number, realisasi_number, item["realisasi_anggaran"])
    if nilai is None and target_number is None:
        nilai = compute.efisiensi_dari_capaian(item["anggaran"], item["capaian"], item["realisasi_anggaran"])
    return {
        "iku": item,
        "anggaran": item["anggaran"],
        "realisasi_anggaran": item["realisasi_anggaran"],
        "persen_anggaran": item["persen_anggaran"],
        "target": target_number,
        "realisasi": realisasi_number,
        "nilai": nilai,
        "hasil": None if nilai is None else ("efisiensi" if nilai >= 0 else "inefisiensi"),
        "capaian": item["capaian"],
        "kegiatan": item["kegiatan"],
        "program": item["program"],
    }


def iku_section(dataset, bands: Bands, cap: float | None, renstra_targets: dict[str, Value],
                previous: dict | None, budget) -> list[dict]:
    """One dict per IKU, in table order (keys listed in docs/design.md, "Context").

    ``capaian_tahun_lalu`` is ``previous[kode]`` when ``previous`` (capaian computed from
    last year's data) is given, else the typed column. ``efisiensi`` is None for an IKU
    without kegiatan in the ``efisiensi`` table.
    """
    supporting: dict[str, list[str]] = {}
    for r in table_rows(dataset, "efisiensi"):
        supporting.setdefault(text(r["kode_iku"]), []).append(text(r["kode_kegiatan"]))
    items = []
    for no, r in enumerate(table_rows(dataset, "iku"), start=1):
        kode = text(r["kode"])
        measured = measurement(r, bands, cap)
        last_year = previous.get(kode) if previous is not None else r.get("capaian_tahun_lalu")
        kegiatan = [budget.kegiatan_per_kode[k] for k in supporting.get(kode, []) if k in budget.kegiatan_per_kode]
        anggaran = compute.jumlah(k["pagu"] for k in kegiatan) if kegiatan else None
        realisasi_anggaran = compute.jumlah_lengkap(k["realisasi"] for k in kegiatan) if kegiatan else None
        realisasi_last_year = r.get("realisasi_tahun_lalu") or EMPTY
        item = {
            "no": no,
            "kode": kode,
            "no_sasaran": text(r.get("no_sasaran")),
            "sasaran": text(r.get("sasaran")),
            **measured,
            "target_renstra": renstra_targets.get(kode),
            "capaian_tahun_lalu": last_year,
            "selisih": compute.selisih(measured["capaian"], last_year),
            "realisasi_tahun_lalu": _typed_or_none(realisasi_last_year),
            # growth of the realisasi against last year's, in % (negative = a fall)
            "pertumbuhan": compute.pertumbuhan(
                compute.number_of(measured["realisasi"]), compute.number_of(realisasi_last_year)
            ),
            "keterangan": text(r.get("keterangan")),
            "standar_nasional": _typed_or_none(r.get("standar_nasional")),
            "program": _supporting_programs(kegiatan, budget.program_per_kode),
            "anggaran": anggaran,
            "realisasi_anggaran": realisasi_anggaran,
            "persen_anggaran": compute.persen(realisasi_anggaran, anggaran),
            "kegiatan": kegiatan,
            "efisiensi": None,
        }
        if kegiatan:
            item["efisiensi"] = _efisiensi(item)
        items.append(item)
    return items


def sasaran_section(iku: list[dict]) -> list[dict]:
    """IKU grouped by sasaran: ``[{no, nama, indikator: [iku], capaian: mean or None}]``."""
    groups: dict[str, dict] = {}
    for i in iku:
        group = groups.setdefault(i["no_sasaran"], {"no": i["no_sasaran"], "nama": i["sasaran"], "indikator": []})
        group["indikator"].append(i)
    for group in groups.values():
        group["capaian"] = compute.rata_rata(i["capaian"] for i in group["indikator"])
    return list(groups.values())


def indicator_groups(dataset, name: str, key: str, lookup: dict, group_name: str, bands: Bands,
                     cap: float | None) -> list[dict]:
    """``indikator_program`` / ``indikator_kegiatan`` grouped by consecutive kode:
    ``[{kode, program|kegiatan: lookup[kode], indikator: [{no, ...measurement, keterangan,
    keterangan_paragraf}]}]``."""
    groups: list[dict] = []
    for no, r in enumerate(table_rows(dataset, name), start=1):
        kode = text(r.get(key))
        if not groups or groups[-1]["kode"] != kode:
            groups.append({"kode": kode, group_name: lookup.get(kode), "indikator": []})
        keterangan = text(r.get("keterangan"))
        groups[-1]["indikator"].append({
            "no": no,
            **measurement(r, bands, cap),
            "keterangan": keterangan,
            "keterangan_paragraf": [p.strip() for p in keterangan.splitlines() if p.strip()],
        })
    return groups


def pk_iku(row: dict, iku_per_kode: dict[str, dict], iku_per_indikator: dict[str, dict]) -> dict | None:
    """The IKU a PK row measures: by ``kode_iku``, else by the same indicator name (case and
    spaces ignored); None for a PK indicator that is not an IKU."""
    if text(row.get("kode_iku")):
        return iku_per_kode.get(text(row["kode_iku"]))
    return iku_per_indikator.get(_name_key(text(row.get("indikator"))))


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def pk_section(dataset, year: int, iku: list[dict]) -> list[dict]:
    """The Perjanjian Kinerja documents: ``[{no, jenis, judul, penandatangan, jabatan,
    baris: [{no, sasaran, indikator, target, realisasi, definisi_operasional, kode_iku, iku}]}]``.

    One source: a row that measures an IKU (:func:`pk_iku`; ``iku`` is that IKU's dict, else
    None) shows the IKU's realisasi, and the IKU's target unless the row has its own (a PK
    awal target before the PK Perubahan). A row of no IKU keeps what is typed in it.
    """
    iku_per_kode = {i["kode"]: i for i in iku}
    iku_per_indikator = {_name_key(i["indikator"]): i for i in iku}
    documents: list[dict] = []
    for r in table_rows(dataset, "pk"):
        no, jenis = text(r.get("pk")), text(r.get("jenis"))
        if not documents or (documents[-1]["no"], documents[-1]["jenis"]) != (no, jenis):
            judul = "PERJANJIAN KINERJA PERUBAHAN" if jenis == "PK Perubahan" else "PERJANJIAN KINERJA"
            documents.append({
                "no": no,
                "jenis": jenis,
                "judul": f"{judul} TAHUN {year}",
                "penandatangan": text(r.get("penandatangan")),
                "jabatan": text(r.get("jabatan")),
                "baris": [],
            })
        measured = pk_iku(r, iku_per_kode, iku_per_indikator)
        target, realisasi = r.get("target") or EMPTY, r.get("realisasi") or EMPTY
        if measured is not None:
            target = measured["target"] if target.is_empty else target
            realisasi = measured["realisasi"]
        documents[-1]["baris"].append({
            "no": text(r.get("no")),
            "sasaran": text(r.get("sasaran")),
            "indikator": text(r.get("indikator")),
            "target": target,
            "realisasi": realisasi,
            "definisi_operasional": text(r.get("definisi_operasional")),
            "kode_iku": text(r.get("kode_iku")),
            "iku": measured,
        })
    return documents
