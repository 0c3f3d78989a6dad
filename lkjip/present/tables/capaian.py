"""BAB III tables: targets and capaian of the IKU (Tabel 3.1–3.4), of each sasaran and of the
program and kegiatan indicators (section 3.2)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..blocks import Cell, TableSpec
from ..registry import CannotBuild
from .cells import (
    Row,
    centered_cell,
    field,
    header_cell,
    merge_down,
    number_cell,
    percent_cell,
    percent_sign_cell,
    row_number,
    text_cell,
    value_percent_text,
    value_text,
)


def _indikator_with_unit(k: Mapping[str, Any]) -> str:
    """Indicator text as Tabel 3.1–3.4 print it: the currency unit in brackets."""
    satuan = (k.get("satuan") or "").strip().strip("()")
    text = k["indikator"]
    if satuan and satuan not in ("%", "Nilai") and f"({satuan})" not in text:
        if any(c in satuan for c in ("Rp", "$")):
            return f"{text} ({satuan})"
    return text


def _iku_table(
    ctx: Mapping[str, Any], key: str, title: str, column_titles: Sequence[str],
    columns: Callable[[Mapping[str, Any]], list[Cell]], widths: Sequence[float],
) -> tuple[list[Row], TableSpec]:
    """Tabel 3.1–3.4: No., Sasaran Kinerja, Indikator Kinerja, then ``columns(iku)``.
    Returns the spec and its rows (to append a total row)."""
    keyed = []
    for k in ctx["iku"]:
        cells = [centered_cell(row_number(k["no_sasaran"])), text_cell(k["sasaran"]),
                 text_cell(_indikator_with_unit(k))] + columns(k)
        keyed.append(((k["no_sasaran"],), cells))
    header = [[header_cell("No."), header_cell("Sasaran Kinerja"), header_cell("Indikator Kinerja")]
              + [header_cell(t) for t in column_titles]]
    rows = merge_down(keyed, [[0, 1]])
    return rows, TableSpec(key=key, title=title, header=header, rows=rows,
                           widths=[0.6, 3.5, 3.5] + list(widths))


def target_pk(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 3.1: targets of the head's Perjanjian Kinerja."""
    _, spec = _iku_table(
        ctx, "target_pk",
        f"Target kinerja dalam perjanjian kinerja Perangkat Daerah {ctx['tahun']} (eselon II)",
        ["Target"],
        lambda k: [number_cell(value_percent_text(k["target"], k.get("satuan")))],
        [2.0],
    )
    return spec


def capaian_iku(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 3.2: target, realisasi and capaian per IKU, with the average row."""
    rows, spec = _iku_table(
        ctx, "capaian_iku",
        f"Pengukuran capaian kinerja dibandingkan dengan target perjanjian kinerja tahun {ctx['tahun']}",
        ["Target", "Realisasi", "Capaian (%)"],
        lambda k: [
            number_cell(value_percent_text(k["target"], k.get("satuan"))),
            number_cell(value_percent_text(k["realisasi"], k.get("satuan"), "n/a")),
            percent_sign_cell(k["capaian"]),
        ],
        [1.8, 1.8, 1.3],
    )
    rows.append([text_cell("Total Rata-rata capaian sasaran", bold=True, colspan=5),
                 percent_sign_cell(ctx["capaian_rata_rata"], bold=True)])
    return spec


def capaian_banding(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 3.3: capaian this year against last year."""
    _, spec = _iku_table(
        ctx, "capaian_banding",
        f"Capaian Kinerja Tahun {ctx['tahun']} Dengan Tahun {ctx['tahun_lalu']}",
        [f"Capaian (%) {ctx['tahun_lalu']}", f"Capaian (%) {ctx['tahun']}", "+/− (%)"],
        lambda k: [percent_sign_cell(k.get("capaian_tahun_lalu")), percent_sign_cell(k["capaian"]),
                   percent_sign_cell(k.get("selisih"))],
        [1.4, 1.4, 1.4],
    )
    return spec


def capaian_renstra(ctx: Mapping[str, Any]) -> TableSpec:
    """Tabel 3.4: realisasi against the Renstra target of the year."""
    periode = ctx["profil"].get("periode_renstra", "")
    _, spec = _iku_table(
        ctx, "capaian_renstra",
        f"Capaian Kinerja Tahun {ctx['tahun']} Dibandingkan dengan Target Renstra {periode}".strip(),
        [f"Target Renstra {ctx['tahun']}", f"Realisasi {ctx['tahun']}"],
        lambda k: [number_cell(value_percent_text(k.get("target_renstra"), k.get("satuan"))),
                   number_cell(value_percent_text(k["realisasi"], k.get("satuan"), "n/a"))],
        [2.0, 2.0],
    )
    return spec


def capaian_sasaran(ctx: Mapping[str, Any], no: Any) -> TableSpec:
    """The small unnumbered table under each "Sasaran k" of section 3.1.

    :class:`CannotBuild` when no sasaran has number ``no``.
    """
    matches = [s for s in ctx["sasaran"] if str(s["no"]) == str(no)]
    if not matches:
        known = ", ".join(str(s["no"]) for s in ctx["sasaran"])
        raise CannotBuild(f'Sasaran nomor "{no}" tidak ada. Nomor sasaran yang ada: {known}.')
    sasaran = matches[0]
    keyed = []
    for k in sasaran["indikator"]:
        keyed.append(((sasaran["no"],), [
            text_cell(sasaran["nama"]),
            text_cell(k["indikator"]),
            centered_cell(k.get("satuan")),
            number_cell(value_text(k["target"])),
            number_cell(value_text(k["realisasi"], "n/a")),
            percent_cell(k["capaian"]),
        ]))
    return TableSpec(
        key="capaian_sasaran",
        title="",
        header=[[header_cell(label) for label in (
            "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)")]],
        rows=merge_down(keyed, [[0]]),
        widths=[3.0, 3.0, 1.0, 1.8, 1.8, 1.2],
        numbered=False,
    )


def _unit_indicators(ctx: Mapping[str, Any], key: str, label: str) -> TableSpec:
    """Section 3.2 a/b: target and capaian of every program/kegiatan indicator."""
    tahun = ctx["tahun"]
    keyed = []
    for index, group in enumerate(ctx[key]):
        unit = group.get("program") if key == "indikator_program" else group.get("kegiatan")
        name = unit if isinstance(unit, str) else field(unit, "nama") or group.get("kode", "")
        for indikator in group["indikator"]:
            keyed.append(((index,), [
                centered_cell(index + 1),
                text_cell(name),
                text_cell(indikator["indikator"]),
                centered_cell(indikator.get("satuan")),
                number_cell(value_text(indikator.get("target"))),
                number_cell(value_text(indikator.get("realisasi"))),
                percent_cell(indikator.get("capaian")),
                text_cell(indikator.get("keterangan")),
            ]))
    return TableSpec(
        key=key,
        title=(f"Target dan Capaian Kinerja {label} Tahun {tahun}"),
        header=[[header_cell(t) for t in (
            "No.", label, "Indikator Kinerja", "Satuan", f"Target {tahun}", f"Realisasi {tahun}",
            "Capaian (%)", "Ket")]],
        rows=merge_down(keyed, [[0, 1]]),
        widths=[0.5, 2.6, 2.8, 1.0, 1.0, 1.0, 1.0, 4.2],
        landscape=True,
    )


def indikator_program(ctx: Mapping[str, Any]) -> TableSpec:
    """3.2 a: target dan capaian program."""
    return _unit_indicators(ctx, "indikator_program", "Program")


def indikator_kegiatan(ctx: Mapping[str, Any]) -> TableSpec:
    """3.2 b: target dan capaian kinerja kegiatan."""
    return _unit_indicators(ctx, "indikator_kegiatan", "Kegiatan")
