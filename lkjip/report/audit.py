"""Consistency audit: located warnings about inputs that disagree with each other.

Nothing here stops a build (``--strict`` does that). Each check is a small function of the
report model (:func:`lkjip.report.build_report`) and the dataset, whose tables give the
places (file, sheet, row, column) the warnings name; the typed cells a check compares with
the model are read column by column (:func:`column`).
"""

from __future__ import annotations

import math

from ..errors import Issue
from ..present.fmt import persen, rupiah
from . import compute
from .profile import induk_links
from ..inputs.notation import is_empty
from .rows import plain, table_rows, text
from .staff import GOLONGAN, PENDIDIKAN

STAFF_GROUPS = {  # table → (label in the message, counts of one model unit)
    "pegawai_jabatan": ("jabatan (struktural + JFU + JFT)", lambda u: u["struktural"] + u["jfu"] + u["jft"]),
    "pegawai_pendidikan": ("pendidikan", lambda u: sum(u["pendidikan"][k] for k in PENDIDIKAN)),
    "pegawai_golongan": ("golongan", lambda u: sum(u["golongan"][k] for k in GOLONGAN)),
}


def warn(message: str, location=None, hint: str | None = None) -> Issue:
    return Issue(message=message, location=location, hint=hint, level="warning")


def column(table, name: str) -> list:
    """The cells of one column of a loaded table, missing ones as None."""
    if name not in table.columns:
        return [None] * len(table.rows)
    return [plain(x) for x in table.column(name)]


def rows_by(table, key: str) -> dict:
    """Value of column ``key`` → the row number (as Excel shows it) of its first row."""
    out: dict = {}
    for value, row in zip(column(table, key), column(table, "_row"), strict=True):
        out.setdefault(value, row)
    return out


def same(a, b) -> bool:
    """Two typed values agree (Value objects by number when both are numeric, else by text;
    "3 (Nilai Indeks)" is already the number 3 with a note, as parse_value reads it)."""
    na, nb = getattr(a, "number", None), getattr(b, "number", None)
    if na is not None and nb is not None:
        return getattr(a, "kind", None) == getattr(b, "kind", None) and math.isclose(na, nb, rel_tol=1e-9, abs_tol=1e-9)
    return str(getattr(a, "raw", a)).strip() == str(getattr(b, "raw", b)).strip()


def shown(v) -> str:
    return getattr(v, "raw", None) or str(v)


def rupiah_text(x) -> str:
    return rupiah(x, sen=False)


def staff_totals(dataset, model) -> list[Issue]:
    """Per unit, men + women must equal the position, education and rank totals."""
    issues = []
    units = {u["unit"]: u for u in model["pegawai"]["unit"]}
    for name, (label, counted) in STAFF_GROUPS.items():
        table = dataset[name]
        for unit_name, row in zip(column(table, "unit"), column(table, "_row"), strict=True):
            unit = units.get(unit_name)
            if unit is None or counted(unit) == unit["jumlah"]:
                continue
            issues.append(warn(
                f'jumlah pegawai unit "{unit_name}" menurut {label} adalah {counted(unit)}, '
                f"sedangkan laki-laki + perempuan = {unit['jumlah']}.",
                table.loc(row),
                "samakan angka pegawai di tabel-tabel pegawai.",
            ))
    return issues


def realisasi_above_pagu(dataset, model) -> list[Issue]:
    """A kegiatan's or APBN row's realisasi above its pagu/anggaran."""
    issues = []
    kegiatan = dataset["kegiatan"]
    kegiatan_rows = rows_by(kegiatan, "kode")
    places = [(kegiatan, "pagu", kegiatan_rows[k["kode"]], k) for k in model["kegiatan_per_kode"].values()]
    apbn = dataset["apbn"]
    places += [(apbn, "anggaran", row, r)
               for row, r in zip(column(apbn, "_row"), model["anggaran"]["apbn"]["baris"], strict=True)]
    for table, pagu, row, item in places:
        excess = compute.selisih(item["realisasi"], item[pagu])  # exact: money is Decimal
        if excess is not None and excess > 0.005:
            issues.append(warn(
                f"realisasi ({rupiah_text(item['realisasi'])}) melebihi {pagu} ({rupiah_text(item[pagu])}).",
                table.loc(row, "realisasi"),
                "periksa kembali angka realisasi dan pagu.",
            ))
    return issues


def belanja_langsung_typed(dataset, model) -> list[Issue]:
    """Belanja langsung APBD-P and realisasi are computed from kegiatan; typed ones must agree."""
    issues = []
    table = dataset["belanja"]
    computed = model["anggaran"]["belanja"]["langsung"]
    for r in table_rows(dataset, "belanja"):
        if r["jenis"] != "langsung":
            continue
        for name in ("apbd_p", "realisasi"):
            typed = r.get(name)
            difference = compute.selisih(typed, computed[name])
            if typed is not None and (difference is None or abs(difference) > 0.005):
                issues.append(warn(
                    f"nilai belanja langsung {rupiah_text(typed)} berbeda dengan jumlah dari tabel kegiatan "
                    f"({rupiah_text(computed[name])}); yang dipakai adalah jumlah dari tabel kegiatan.",
                    table.loc(r["_row"], name),
                    "kosongkan sel ini; nilainya dihitung dari tabel kegiatan.",
                ))
    return issues


def pk_matches_iku(dataset, model) -> list[Issue]:
    """A PK row that measures an IKU shows the IKU's figures (one source); a target or realisasi
    still typed in it must agree with the iku table."""
    issues = []
    iku, pk = dataset["iku"], dataset["pk"]
    iku_rows = rows_by(iku, "kode")
    lines = [(document, line) for document in model["pk"] for line in document["baris"]]
    typed = zip(column(pk, "_row"), column(pk, "target"), column(pk, "realisasi"), strict=True)
    for (document, line), (row, target, realisasi) in zip(lines, typed, strict=True):
        ref = line["iku"]
        if ref is None:
            continue
        for name, written in (("target", target), ("realisasi", realisasi)):
            if is_empty(written) or is_empty(ref[name]) or same(written, ref[name]):
                continue
            issues.append(warn(
                f'{name} indikator "{ref["indikator"]}" pada {document["jenis"]} ({document["penandatangan"]}) '
                f'tertulis "{shown(written)}", sedangkan di {iku.loc(iku_rows[ref["kode"]], name)} '
                f'tertulis "{shown(ref[name])}".',
                pk.loc(row, name),
                _pk_hint(name),
            ))
    return issues


def _pk_hint(name: str) -> str:
    if name == "realisasi":
        return "kosongkan kolom realisasi di tabel pk; laporan memakai realisasi dari tabel iku."
    return "samakan kedua angka, atau kosongkan target di tabel pk agar target dari tabel iku dipakai."


def _measured(model) -> dict[str, list[tuple[str, object]]]:
    """Per table, its rows in table order as (label, realisasi), from the model."""
    def indicators(groups):
        return [(i["indikator"], i["realisasi"]) for g in groups for i in g["indikator"]]

    return {
        "iku": [(i["indikator"], i["realisasi"]) for i in model["iku"]],
        "indikator_program": indicators(model["indikator_program"]),
        "indikator_kegiatan": indicators(model["indikator_kegiatan"]),
        "kegiatan": [(k["nama"], k["realisasi"]) for k in model["kegiatan_per_kode"].values()],
        "apbn": [(r["kegiatan"], r["realisasi"]) for r in model["anggaran"]["apbn"]["baris"]],
    }


def missing_realisasi(dataset, model) -> list[Issue]:
    """Draft builds: every empty realisasi is listed (shown as n/a in the report)."""
    issues = []
    for name, measured in _measured(model).items():
        table = dataset[name]
        for (label, realisasi), row in zip(measured, column(table, "_row"), strict=True):
            if is_empty(realisasi):
                issues.append(warn(
                    f'realisasi "{label}" belum diisi; ditampilkan sebagai n/a.',
                    table.loc(row, "realisasi"),
                ))
    return issues


def pagu_change_consistent(dataset, model) -> list[Issue]:
    """A kegiatan marked as changed has its pagu before the change, and the mark fits it."""
    issues = []
    table = dataset["kegiatan"]
    kegiatan_rows = rows_by(table, "kode")
    for k in model["kegiatan_per_kode"].values():
        kind, before, row = k["jenis_perubahan"], k["pagu_murni"], kegiatan_rows[k["kode"]]
        if kind and before is None:
            issues.append(warn(
                f'kegiatan {k["kode"]} ditandai "{kind}" tetapi pagu_murni kosong.',
                table.loc(row, "pagu_murni"),
                "isi pagu sebelum perubahan.",
            ))
        elif before is not None:
            direction = "penambahan" if before < k["pagu"] else "pengurangan/refocusing"
            if (kind == "penambahan") != (before < k["pagu"]) and before != k["pagu"]:
                issues.append(warn(
                    f'kegiatan {k["kode"]} ditandai "{kind or "-"}", padahal pagu berubah dari '
                    f"{rupiah_text(before)} menjadi {rupiah_text(k['pagu'])} ({direction}).",
                    table.loc(row, "jenis_perubahan"),
                ))
    return issues


def iku_without_kegiatan(dataset, model) -> list[Issue]:
    """An IKU with no kegiatan in the efisiensi table has no E/I."""
    table = dataset["iku"]
    iku_rows = rows_by(table, "kode")
    return [
        warn(
            f'IKU {i["kode"]} ("{i["indikator"]}") tidak punya kegiatan pendukung di tabel efisiensi; '
            "analisis efisiensinya tidak dapat dihitung.",
            table.loc(iku_rows[i["kode"]], "kode"),
        )
        for i in model["iku"]
        if not i["kegiatan"]
    ]


def previous_year_disagrees(dataset, model) -> list[Issue]:
    """When data/<N-1>/ exists and the capaian_tahun_lalu column is also filled, they must agree."""
    issues = []
    previous = model.get("capaian_tahun_lalu_dari_data") or {}
    table = dataset["iku"]
    for kode, typed, row in zip(column(table, "kode"), column(table, "capaian_tahun_lalu"),
                                column(table, "_row"), strict=True):
        computed = previous.get(kode)
        if computed is None or typed is None:
            continue
        if abs(typed - computed) >= 0.005:
            issues.append(warn(
                f"capaian tahun lalu tertulis {persen(typed)}, sedangkan dihitung dari data "
                f"{dataset.year - 1} = {persen(computed)}; yang dipakai adalah hasil hitung.",
                table.loc(row, "capaian_tahun_lalu"),
            ))
    return issues


def struktur_links(dataset, model) -> list[Issue]:
    """Each induk must name one unit, and every chain of induk must end at the pimpinan; a
    unit that does not is left out of the organisation chart."""
    rows = table_rows(dataset, "struktur")
    if not rows:
        return []
    table, links = dataset["struktur"], induk_links(rows)
    issues = []
    for i, found in links.ambiguous.items():
        induk = text(rows[i].get("induk"))
        numbers = ", ".join(str(rows[j]["_row"]) for j in found)
        issues.append(warn(
            f'induk "{induk}" tidak jelas: unit dengan nama ini ada di lebih dari satu baris ({numbers}).',
            table.loc(rows[i]["_row"], "induk"),
            "beri nama yang berbeda pada unit-unit itu (mis. tambahkan nama UPTD-nya).",
        ))
    for i in sorted(links.looped):
        issues.append(warn(
            f'unit "{text(rows[i]["unit"])}" tidak terhubung ke pimpinan: rantai induknya berputar kembali.',
            table.loc(rows[i]["_row"], "induk"),
            "kosongkan induk pada pimpinan dan periksa induk unit-unit di rantai ini.",
        ))
    return issues


CHECKS = (
    staff_totals,
    realisasi_above_pagu,
    pk_matches_iku,
    pagu_change_consistent,
    iku_without_kegiatan,
    missing_realisasi,
    belanja_langsung_typed,
    previous_year_disagrees,
    struktur_links,
)


def audit(dataset, model) -> list[Issue]:
    """Every warning of :data:`CHECKS`, in that order."""
    issues = []
    for check in CHECKS:
        issues += check(dataset, model)
    return issues
