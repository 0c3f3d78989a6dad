"""Lampiran: the kertas kerja (urusan indicators with their formulas) and the asset list."""

from __future__ import annotations

import datetime as dt

from ..inputs.notation import EMPTY
from . import compute
from .rows import table_rows, text


def kertas_kerja_section(dataset) -> list[dict]:
    """``[{urusan, baris: [{no, jenis, indikator, rumus, uraian_rumus, masukan, bobot, target,
    capaian, capaian_tertulis, capaian_tahun_lalu, keterangan}]}]``.

    ``capaian`` (a number or None) is :func:`compute.evaluate_formula` of the masukan, or, for
    rumus ``teks``, the number of the typed capaian, which is kept as ``capaian_tertulis``
    (a Value; None for the other rumus).
    """
    urusan_list: list[dict] = []
    for r in table_rows(dataset, "kertas_kerja"):
        urusan = text(r.get("urusan"))
        if not urusan_list or urusan_list[-1]["urusan"] != urusan:
            urusan_list.append({"urusan": urusan, "baris": []})
        rumus = r.get("rumus") or "teks"
        masukan = list(r.get("masukan") or ())  # a NumberList: every part read at load
        typed = r.get("capaian") or EMPTY
        if rumus == "teks":
            capaian, written = compute.number_of(typed), typed
        else:
            capaian, written = compute.evaluate_formula(rumus, masukan), None
        urusan_list[-1]["baris"].append({
            "no": text(r.get("no")),
            "jenis": r.get("jenis"),
            "indikator": text(r.get("indikator")),
            "rumus": rumus,
            "uraian_rumus": text(r.get("uraian_rumus")),
            "masukan": masukan,
            "bobot": r.get("bobot"),
            "target": r.get("target") or EMPTY,
            "capaian": capaian,
            "capaian_tertulis": written,
            "capaian_tahun_lalu": r.get("capaian_tahun_lalu") or EMPTY,
            "keterangan": text(r.get("keterangan")),
        })
    return urusan_list


def aset_section(dataset, profil: dict, year: int) -> dict:
    """The asset list as of 31 December of ``year``: ``{judul, tanggal_iso, bidang, sumber,
    baris: [{kode, nama, nilai, tingkat, daun, akar}], per_kode, total}``.

    A group code's ``nilai`` is the sum of the leaves below it (:func:`compute.subtotal_kode`);
    ``akar`` is the top-level code the row belongs to (itself for a top-level row);
    ``total`` sums the top-level codes.
    """
    rows = table_rows(dataset, "aset")
    values = {text(r["kode"]): r.get("nilai") for r in rows}
    subtotals = compute.subtotal_kode(values)
    leaves = compute.daun_kode(values)
    roots = compute.akar_kode(values)
    baris = []
    for r in rows:
        kode = text(r["kode"])
        baris.append({
            "kode": kode,
            "nama": text(r.get("nama")),
            "nilai": subtotals[kode],
            "tingkat": compute.tingkat_kode(kode),
            "daun": kode in leaves,
            "akar": next((root for root in roots if kode == root or kode.startswith(root + ".")), kode),
        })
    return {
        "judul": "REKAPITULASI BARANG KE NERACA",
        "tanggal_iso": dt.date(year, 12, 31),
        "bidang": text(profil.get("aset_bidang")),
        "sumber": text(profil.get("aset_sumber")),
        "baris": baris,
        "per_kode": {b["kode"]: b for b in baris},
        "total": compute.jumlah(subtotals[k] for k in roots),
    }
