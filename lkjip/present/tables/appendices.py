"""Lampiran tables: kertas kerja evaluasi, Perjanjian Kinerja (table and signatures), Daftar Aset."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...report.compute import akar_kode
from .. import fmt
from ..blocks import TableSpec
from ..registry import CannotBuild
from .cells import (
    centered_cell,
    header_cell,
    merge_down,
    number_cell,
    row_number,
    text_cell,
    value_text,
)


def _number_as_needed(x: Any) -> str:
    """A number with only the decimals it needs (at most 2): 9 → "9", 0.5 → "0,5"."""
    if fmt.is_missing(x):
        return fmt.angka(None)
    x = float(x)
    for decimals in (0, 1, 2):
        if abs(round(x, decimals) - x) < 1e-9:
            return fmt.angka(x, decimals)
    return fmt.angka(x, 2)


def _formula_inputs(masukan: Any) -> list[str]:
    """The inputs of a kertas-kerja formula as text (typed text kept as typed)."""
    if fmt.is_missing(masukan):
        return []
    if isinstance(masukan, str):
        return [p.strip() for p in masukan.split(";") if p.strip()]
    out = []
    for x in masukan:
        if isinstance(x, str):
            out.append(x.strip())
        elif isinstance(x, (int, float)):
            out.append(_number_as_needed(x))
        else:
            out.append(value_text(x))
    return out


def formula_text(rumus: str | None, masukan: Any, uraian: str | None = None) -> str:
    """The formula of a kertas-kerja row, written with its inputs.

    ``rasio`` → "9 / 45 × 100%", ``pertumbuhan`` → "(a − b) / b × 100%", ``jumlah`` →
    "108 + 0"; ``teks`` (or too few inputs) → the typed ``uraian_rumus``.
    """
    xs = _formula_inputs(masukan)
    if rumus == "rasio" and len(xs) >= 2:
        return f"{xs[0]} / {xs[1]} × 100%"
    if rumus == "pertumbuhan" and len(xs) >= 2:
        return f"({xs[0]} − {xs[1]}) / {xs[1]} × 100%"
    if rumus == "jumlah" and xs:
        return " + ".join(xs)
    return uraian or (xs[0] if len(xs) == 1 else "")


def _capaian_text(row: Mapping[str, Any]) -> str:
    """Column (7) of the kertas kerja: typed text, else the computed capaian."""
    if row.get("capaian_teks"):
        return str(row["capaian_teks"])
    capaian = row.get("capaian")
    if fmt.is_missing(capaian):
        return ""
    if row.get("rumus") in ("rasio", "pertumbuhan"):
        return fmt.persen(capaian, 2)
    return _number_as_needed(capaian)


_KERTAS_KERJA_COLUMNS = (
    "NO.", "IKK OUTPUT", "IKK OUTCOME", "RUMUS", "BOBOT", "TARGET KINERJA", "CAPAIAN KINERJA",
    "CAPAIAN KINERJA TAHUN SEBELUMNYA", "RASIO", "Ket",
)


def kertas_kerja(ctx: Mapping[str, Any], urusan: str) -> TableSpec:
    """Lampiran: Kertas Kerja Evaluasi Capaian Kinerja of one urusan, columns (1)..(10).

    :class:`CannotBuild` when the kertas kerja has no such urusan.
    """
    everything = ctx["kertas_kerja"]
    wanted = str(urusan).strip().lower()
    matches = [u for u in everything if str(u["urusan"]).strip().lower() == wanted]
    if not everything:
        raise CannotBuild('Kertas kerja kosong: tabel "kertas_kerja" tidak ada atau tanpa baris. '
                          "Tulis tabel ini di dalam {% for kk in kertas_kerja %} … {% endfor %}.")
    if not matches:
        known = ", ".join(f'"{u["urusan"]}"' for u in everything)
        raise CannotBuild(f'Urusan "{urusan}" tidak ada di kertas kerja. Urusan yang ada: {known}.')
    rows = []
    previous_no = None
    for r in matches[0]["baris"]:
        outcome = (r.get("jenis") or "").lower() == "outcome"
        no = r.get("no") or None
        rows.append([
            centered_cell(row_number(no) if no != previous_no else ""),  # the number once per group
            text_cell("" if outcome else r["indikator"]),
            text_cell(r["indikator"] if outcome else ""),
            centered_cell(formula_text(r.get("rumus"), r.get("masukan"), r.get("uraian_rumus"))),
            number_cell(value_text(r.get("bobot"))),
            number_cell(value_text(r.get("target"))),
            number_cell(_capaian_text(r)),
            number_cell(value_text(r.get("capaian_tahun_lalu"))),
            number_cell(value_text(r.get("rasio"))),
            text_cell(r.get("keterangan")),
        ])
        previous_no = no
    return TableSpec(
        key="kertas_kerja",
        title="",
        header=[[header_cell(t) for t in _KERTAS_KERJA_COLUMNS],
                [header_cell(f"({i})") for i in range(1, 11)]],
        rows=rows,
        widths=[0.6, 3.0, 3.0, 3.2, 0.9, 1.1, 1.3, 1.5, 0.9, 2.4],
        landscape=True,
        numbered=False,
        font_size=8.0,
    )


def _pk_document(ctx: Mapping[str, Any], indeks: int) -> Mapping[str, Any]:
    """PK document number ``indeks`` (0-based); :class:`CannotBuild` when there is none."""
    documents = ctx["pk"]
    if not documents:
        raise CannotBuild('Tidak ada dokumen Perjanjian Kinerja: tabel "pk" tidak ada atau tanpa '
                          "baris. Tulis tabel ini di dalam {% for d in pk %} … {% endfor %}.")
    try:
        i = int(indeks)
        if i < 0:
            raise IndexError
        return documents[i]
    except (IndexError, ValueError, TypeError):
        raise CannotBuild(
            f"Dokumen Perjanjian Kinerja indeks {indeks} tidak ada; indeks yang ada: "
            f"0 sampai {len(documents) - 1}."
        ) from None


def pk(ctx: Mapping[str, Any], indeks: int) -> TableSpec:
    """Lampiran: the table of one Perjanjian Kinerja document."""
    document = _pk_document(ctx, indeks)
    keyed = []
    for row in document["baris"]:
        cells = [
            centered_cell(row_number(row.get("no"))),
            text_cell(row.get("sasaran")),
            text_cell(row.get("indikator")),
            number_cell(value_text(row.get("target"))),
            number_cell(value_text(row.get("realisasi"))),
            text_cell(row.get("definisi_operasional")),
        ]
        keyed.append((((row.get("no"), row.get("sasaran")),), cells))
    return TableSpec(
        key="pk",
        title="",
        header=[[header_cell(t) for t in (
            "No.", "Sasaran Strategis", "Indikator Sasaran", "Target", "Realisasi",
            "Definisi Operasional")]],
        rows=merge_down(keyed, [[0, 1]]),
        widths=[0.6, 3.2, 3.2, 1.5, 1.5, 3.2],
        numbered=False,
    )


def _head_of_region(ctx: Mapping[str, Any]) -> str:
    """Title of the head of the region (the superior of the agency head)."""
    daerah = ctx["profil"].get("daerah", "")
    for prefix, title in (("Provinsi ", "GUBERNUR "), ("Kabupaten ", "BUPATI "),
                          ("Kota ", "WALI KOTA ")):
        if daerah.startswith(prefix):
            return title + daerah[len(prefix):].upper()
    return "KEPALA DAERAH"


def _same_person(a: str, b: str) -> bool:
    """Same person, loosely: "Sunardi" matches "Drs. H. SUNARDI, M.AP"."""
    a, b = a.strip().lower(), b.strip().lower()
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def pk_ttd(ctx: Mapping[str, Any], indeks: int) -> TableSpec:
    """Lampiran: the signature block of one PK document (borderless, two columns).

    PIHAK PERTAMA (right) is the signatory of the document. PIHAK KEDUA (left) is the agency
    head (``kepala``) when the signatory is someone else; when the signatory is the head
    himself, PIHAK KEDUA is the head of the region (Gubernur/Bupati/Wali Kota, from
    ``profil.daerah``) with an empty name line.
    """
    document = _pk_document(ctx, indeks)
    kepala = ctx["kepala"]
    first_name = document.get("penandatangan") or ""
    first_title = document.get("jabatan") or ""
    if _same_person(first_name, kepala.get("nama", "")):
        second_title, second_name, second_nip = _head_of_region(ctx), "", ""
        first_title = first_title or kepala.get("jabatan_lengkap") or kepala.get("jabatan", "")
        first_nip = kepala.get("nip") or ""
        first_name = kepala.get("nama") or first_name
    else:
        second_title = kepala.get("jabatan_lengkap") or kepala.get("jabatan", "")
        second_name, second_nip = kepala.get("nama", ""), kepala.get("nip") or ""
        first_nip = ""
    rows = [
        [centered_cell("PIHAK KEDUA", bold=True), centered_cell("PIHAK PERTAMA", bold=True)],
        [centered_cell(second_title), centered_cell(first_title)],
        [centered_cell("\n\n\n"), centered_cell("\n\n\n")],
        [centered_cell(second_name or "…………………………", bold=True), centered_cell(first_name, bold=True)],
        [centered_cell(f"NIP. {second_nip}" if second_nip else ""),
         centered_cell(f"NIP. {first_nip}" if first_nip else "")],
    ]
    return TableSpec(
        key="pk_ttd",
        title="",
        header=[],
        rows=rows,
        widths=[1.0, 1.0],
        numbered=False,
        style="Tabel Tanpa Garis",
    )


def aset(ctx: Mapping[str, Any]) -> TableSpec:
    """Lampiran: Daftar Aset (Rekapitulasi Barang ke Neraca), group rows bold, subtotals computed.

    A code under a top-level code (:func:`lkjip.report.compute.akar_kode`) is shown without
    that root's prefix ("1.3.2.01" under "1.3" → "2.01").
    """
    aset_ = ctx["aset"]
    roots = set(akar_kode(str(row["kode"]) for row in aset_["baris"]))
    rows = []
    root = None
    for row in aset_["baris"]:
        kode = str(row["kode"])
        if kode in roots:
            root = shown = kode
        elif root and kode.startswith(root + "."):
            shown = kode[len(root) + 1:]
        else:
            shown = kode
        bold = not row.get("daun", True)
        rows.append([text_cell(shown, bold=bold), text_cell(row["nama"], bold=bold),
                     number_cell(fmt.angka(row["nilai"], 2), bold=bold)])
    if rows:  # no asset list: no total either (the table shows "Tidak ada data.")
        rows.append([text_cell("JUMLAH", bold=True, colspan=2, align="center"),
                     number_cell(fmt.angka(aset_["total"], 2), bold=True)])
    sumber = aset_.get("sumber") or ctx["profil"].get("aset_sumber")
    return TableSpec(
        key="aset",
        title=aset_.get("judul") or "",
        header=[[header_cell(t) for t in ("KODE", "NAMA BARANG", "NILAI (Rp.)")]],
        rows=rows,
        widths=[1.0, 5.0, 2.2],
        numbered=False,
        source=f"Sumber: {sumber}" if sumber else None,
    )
