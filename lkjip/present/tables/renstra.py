"""BAB II tables: Renstra tujuan and sasaran, strategi, RPJMD, IKU and efisiensi (Tabel 2.1–2.6)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..blocks import TableSpec
from .cells import (
    agency_full_name,
    centered_cell,
    header_cell,
    merge_down,
    money_cell,
    number_cell,
    percent_cell,
    percent_sign_cell,
    row_number,
    text_cell,
    value_percent_text,
    value_text,
    yearly_targets,
)


def _grouped(rows: Iterable[Mapping[str, Any]], group: str) -> list[dict]:
    """Renstra rows as groups ``{versi, no, <group>, indikator: [rows]}``.

    Accepts flat rows (one per indikator, the group columns repeated) or rows already nested
    (``indikator`` a list of ``{indikator, target...}``).
    """
    out: list[dict] = []
    for r in rows:
        if isinstance(r.get("indikator"), list):
            out.append({**r, "indikator": list(r["indikator"])})
            continue
        key = (r.get("versi"), r.get("no"), r.get(group))
        if out and out[-1]["_key"] == key:
            out[-1]["indikator"].append(r)
        else:
            out.append({"_key": key, "versi": r.get("versi"), "no": r.get("no"),
                        group: r.get(group), "indikator": [r]})
    return out


def _renstra(ctx: Mapping[str, Any], key: str, group: str, label: str, title: str) -> TableSpec:
    """Tabel 2.1 (tujuan) and 2.2 (sasaran): awal rows then perubahan rows, as in the reference."""
    header = [
        [
            header_cell("No.", rowspan=2),
            header_cell(label, rowspan=2),
            header_cell(f"Indikator {label}", rowspan=2),
            header_cell(f"Target Kinerja {label} Tahun ke-", colspan=5),
        ],
        [header_cell(str(i)) for i in range(1, 6)],
    ]
    keyed = []
    for index, g in enumerate(_grouped(ctx["renstra"][key], group)):
        for indikator in g["indikator"]:
            cells = [centered_cell(row_number(g["no"])), text_cell(g[group]),
                     text_cell(indikator.get("indikator"))]
            cells += [number_cell(value_text(t)) for t in yearly_targets(indikator)]
            keyed.append((((g.get("versi"), g["no"]), index), cells))
    return TableSpec(
        key="tujuan" if key == "tujuan" else "sasaran_renstra",
        title=title,
        header=header,
        rows=merge_down(keyed, [[0], [1]]),
        widths=[0.6, 3.5, 3.5] + [1.2] * 5,
    )


def tujuan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.1: tujuan jangka menengah (Renstra awal and perubahan)."""
    return _renstra(ctx, "tujuan", "tujuan", "Tujuan",
                    "Tujuan Jangka Menengah Pelayanan Perangkat Daerah")


def sasaran_renstra(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.2: sasaran jangka menengah (Renstra awal and perubahan)."""
    return _renstra(ctx, "sasaran", "sasaran", "Sasaran",
                    "Sasaran Jangka Menengah Pelayanan Perangkat Daerah")


def strategi(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.3: per misi a full-width row, then strategi with their arah kebijakan."""
    keyed = []
    for misi_index, misi in enumerate(ctx["strategi"]):
        keyed.append(((("misi", misi_index),), [text_cell(misi["misi"], bold=True, colspan=3)]))
        for item_index, item in enumerate(misi["butir"]):
            for arah in item["arah"]:
                cells = [centered_cell(row_number(item["no"])), text_cell(item["strategi"]),
                         text_cell(arah)]
                keyed.append((((misi_index, item_index),), cells))
    return TableSpec(
        key="strategi",
        title="Strategi dan Arah Kebijakan",
        header=[[header_cell("No."), header_cell("Strategi"), header_cell("Arah Kebijakan")]],
        rows=merge_down(keyed, [[0, 1]]),
        widths=[0.6, 4.5, 5.5],
    )


def _rpjmd_header(ctx: Mapping[str, Any], versi: str, years: list[str]) -> list[list]:
    suffix = "RPJMD PERUBAHAN" if versi == "perubahan" else "RPJMD"
    short_name = (ctx["profil"].get("nama_singkat") or "PERANGKAT DAERAH").upper()
    return [
        [
            header_cell("No", rowspan=2),
            header_cell(f"TUJUAN {suffix}", rowspan=2),
            header_cell(f"SASARAN {suffix}", rowspan=2),
            header_cell("INDIKATOR TUJUAN/SASARAN RPJMD" if versi == "perubahan"
                        else "INDIKATOR SASARAN RPJMD", rowspan=2),
            header_cell(f"INDIKATOR KINERJA {short_name}", rowspan=2),
            header_cell("KONDISI KINERJA PADA AWAL PERIODE RPJMD", rowspan=2),
            header_cell("TARGET CAPAIAN SETIAP TAHUN", colspan=len(years)),
            header_cell("KONDISI KINERJA PADA AKHIR PERIODE RPJMD", rowspan=2),
        ],
        [header_cell(t) for t in years],
    ]


def _rpjmd(ctx: Mapping[str, Any], versi: str) -> TableSpec:
    """Tabel 2.4 / 2.5: indikator kinerja perangkat daerah against the RPJMD."""
    rpjmd = ctx["rpjmd"]
    years = [str(t) for t in rpjmd["tahun"]]
    keyed = []
    no, last_tujuan = 0, object()
    for r in rpjmd[versi]:
        tujuan_text = r.get("tujuan")
        if tujuan_text != last_tujuan:
            no, last_tujuan = no + 1, tujuan_text
        cells = [
            centered_cell(row_number(no) if tujuan_text else ""),
            text_cell(tujuan_text),
            text_cell(r.get("sasaran")),
            text_cell(r.get("indikator_rpjmd")),
            text_cell(r.get("indikator_perangkat_daerah")),
            number_cell(value_text(r.get("kondisi_awal"))),
        ]
        cells += [number_cell(value_text(t)) for t in yearly_targets(r, len(years))]
        cells.append(number_cell(value_text(r.get("kondisi_akhir"))))
        keys = (
            (no, tujuan_text) if tujuan_text else None,
            r.get("sasaran") or None,
            r.get("indikator_rpjmd") or None,
        )
        keyed.append((keys, cells))
    if versi == "perubahan":
        title = (f"Indikator Kinerja {agency_full_name(ctx)} yang Mengacu pada Tujuan dan "
                 "Sasaran RPJMD Perubahan")
    else:
        title = "Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD"
    return TableSpec(
        key=f"rpjmd_{versi}",
        title=title,
        header=_rpjmd_header(ctx, versi, years),
        rows=merge_down(keyed, [[0, 1], [2], [3]]),
        widths=[0.5, 2.4, 2.4, 2.4, 2.6, 1.4] + [1.3] * len(years) + [1.4],
        landscape=True,
        font_size=8.0,
    )


def rpjmd_awal(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.4."""
    return _rpjmd(ctx, "awal")


def rpjmd_perubahan(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.5."""
    return _rpjmd(ctx, "perubahan")


def iku(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 2.6: IKU with one row per program behind it (pagu of its kegiatan)."""
    keyed = []
    for index, k in enumerate(ctx["iku"]):
        programs = k.get("program") or [{}]
        for program in programs:
            cells = [
                centered_cell(row_number(k["no_sasaran"])),
                text_cell(k["sasaran"]),
                text_cell(k["indikator"]),
                centered_cell(k.get("satuan")),
                number_cell(value_text(k["target"])),
                text_cell(program.get("nama")),
                money_cell(program["anggaran"]) if "anggaran" in program else text_cell(""),
            ]
            keyed.append(((k["no_sasaran"], index), cells))
    return TableSpec(
        key="iku",
        title=f"Indikator Kinerja Utama {agency_full_name(ctx)}",
        header=[[header_cell(label) for label in (
            "No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Program",
            "Anggaran/ Perubahan")]],
        rows=merge_down(keyed, [[0, 1], [2, 3, 4]]),
        widths=[0.5, 2.6, 2.6, 0.9, 1.7, 2.8, 1.7],
    )


def _efisiensi_label(hasil: str | None) -> str:
    return {"efisiensi": "Efisien", "inefisiensi": "Inefisien"}.get((hasil or "").lower(), hasil or "")


def efisiensi(ctx: Mapping[str, Any]) -> TableSpec:
    """Summary of section 2.3: E/I = (anggaran ÷ target × realisasi kinerja) − realisasi anggaran."""
    rows = []
    for e in ctx["efisiensi"]:
        k = e["iku"] if isinstance(e.get("iku"), Mapping) else ctx["iku_per_kode"][e["iku"]]
        rows.append([
            text_cell(k["indikator"]),
            money_cell(e["anggaran"]),
            money_cell(e["realisasi_anggaran"]),
            percent_cell(e["persen_anggaran"]),
            # as typed (a range, a grade, n/a); E/I itself uses the numbers of compute.efisiensi
            number_cell(value_percent_text(k["target"], k.get("satuan"), "n/a")),
            number_cell(value_percent_text(k["realisasi"], k.get("satuan"), "n/a")),
            percent_sign_cell(e["capaian"]),
            money_cell(e["nilai"]),
            centered_cell(_efisiensi_label(e.get("hasil"))),
        ])
    return TableSpec(
        key="efisiensi",
        title=f"Analisis Efisiensi Penggunaan Sumber Daya Tahun {ctx['tahun']}",
        header=[[header_cell(label) for label in (
            "Indikator", "Anggaran", "Realisasi Anggaran", "%", "Target", "Realisasi Kinerja",
            "Capaian", "E/I", "Keterangan")]],
        rows=rows,
        widths=[3.0, 1.8, 1.8, 0.9, 1.5, 1.5, 1.1, 1.8, 1.2],
        landscape=True,
    )
