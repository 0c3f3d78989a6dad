"""BAB III tables of the anggaran: belanja, realisasi per program and kegiatan, APBN."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..blocks import TableSpec
from .cells import centered_cell, header_cell, money_cell, percent_cell, text_cell, agency_full_name


def belanja(ctx: Mapping[str, Any]) -> TableSpec:
    """3.3: belanja tidak langsung and langsung, APBD, APBD-P, realisasi, with the total."""
    belanja_ = ctx["anggaran"]["belanja"]
    rows = []
    for key, label in (("tidak_langsung", "Belanja Tidak Langsung"), ("langsung", "Belanja Langsung"),
                       ("total", "Total Belanja")):
        bold = key == "total"
        x = belanja_[key]
        rows.append([text_cell(label, bold=bold), money_cell(x["apbd"], bold),
                     money_cell(x["apbd_p"], bold), money_cell(x["realisasi"], bold),
                     percent_cell(x["persen"], bold)])
    return TableSpec(
        key="belanja",
        title=f"Anggaran dan Realisasi Belanja APBD {agency_full_name(ctx)} Tahun {ctx['tahun']}",
        header=[[header_cell(t) for t in ("Belanja", "APBD", "APBD-P", "Realisasi", "%")]],
        rows=rows,
        widths=[3.2, 2.0, 2.0, 2.0, 0.9],
    )


def realisasi_kegiatan(ctx: Mapping[str, Any]) -> TableSpec:
    """3.3: pagu and realisasi per program (bold) and kegiatan, then the three total rows."""
    anggaran = ctx["anggaran"]
    rows = []
    no = 0
    for program in anggaran["program"]:
        rows.append([text_cell(""), text_cell(program["kode"], bold=True),
                     text_cell(program["nama"], bold=True), money_cell(program["pagu"], True),
                     money_cell(program["realisasi"], True), percent_cell(program["persen"], True)])
        for kegiatan in program["kegiatan"]:
            no += 1
            rows.append([centered_cell(no), text_cell(kegiatan["kode"]), text_cell(kegiatan["nama"]),
                         money_cell(kegiatan["pagu"]), money_cell(kegiatan["realisasi"]),
                         percent_cell(kegiatan["persen"])])
    for key, label in (("langsung", "Total Nilai Belanja Langsung"),
                       ("tidak_langsung", "Total Nilai Belanja Tidak Langsung"),
                       ("total", "Total Nilai Belanja SKPD")):
        x = anggaran["belanja"][key]
        rows.append([text_cell(label, bold=True, colspan=3), money_cell(x["apbd_p"], True),
                     money_cell(x["realisasi"], True), percent_cell(x["persen"], True)])
    return TableSpec(
        key="realisasi_kegiatan",
        title=f"Anggaran dan Realisasi Program dan Kegiatan APBD Tahun {ctx['tahun']}",
        header=[[header_cell(t) for t in (
            "No.", "Kode", "Program/Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%")]],
        rows=rows,
        widths=[0.5, 0.9, 4.6, 1.8, 1.8, 0.8],
    )


def apbn(ctx: Mapping[str, Any]) -> TableSpec:
    """3.3: APBN dekonsentrasi per satker, with the total row."""
    apbn_ = ctx["anggaran"]["apbn"]
    rows = []
    for i, r in enumerate(apbn_["baris"], start=1):
        rows.append([centered_cell(i), text_cell(r["kementerian"]), centered_cell(r["kode_satker"]),
                     text_cell(r["kegiatan"]), money_cell(r["anggaran"]), money_cell(r["realisasi"]),
                     percent_cell(r["persen"])])
    if rows:  # no APBN funds: no total either (the table shows "Tidak ada data.")
        rows.append([text_cell("Total", bold=True, colspan=4), money_cell(apbn_["anggaran"], True),
                     money_cell(apbn_["realisasi"], True), percent_cell(apbn_["persen"], True)])
    return TableSpec(
        key="apbn",
        title=f"Anggaran dan Realisasi Belanja APBN Dekonsentrasi Tahun {ctx['tahun']}",
        header=[[header_cell(t) for t in (
            "No", "Kementerian", "Kode Satker", "Kegiatan", "Anggaran", "Realisasi", "%")]],
        rows=rows,
        widths=[0.5, 1.6, 1.2, 3.6, 1.8, 1.8, 0.8],
    )
