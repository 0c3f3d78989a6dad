"""Consistency audit: located warnings about inputs that disagree with each other.

Nothing here stops a build (``--strict`` does that); each check is a small function that
returns a list of warnings naming file, sheet, row and column.
"""

from __future__ import annotations

import math
import re

from ..errors import Issue
from ..present.fmt import persen, rupiah
from ..inputs.notation import NotationError, parse_value

STAFF_GROUPS = {
    "pegawai_jabatan": ("struktural", "jfu", "jft"),
    "pegawai_pendidikan": ("s3", "s2", "s1", "d4", "d3", "d2", "d1", "slta", "sltp", "sd"),
    "pegawai_golongan": (
        "iv_e", "iv_d", "iv_c", "iv_b", "iv_a", "iii_d", "iii_c", "iii_b", "iii_a",
        "ii_d", "ii_c", "ii_b", "ii_a", "i_d", "i_c", "i_b", "i_a",
    ),
}


def warn(message: str, location=None, hint: str | None = None) -> Issue:
    return Issue(message=message, location=location, hint=hint, level="warning")


def _leading(v):
    """A text value that starts with a number and adds words ("3 (Nilai Indeks)", "132 Orang")
    is compared by that number."""
    if getattr(v, "kind", None) != "text":
        return v
    head = re.match(r"\s*([<>≤≥]?=?\s*[\d.,]+\s*%?)\s+\S", v.raw)
    if not head:
        return v
    try:
        return parse_value(head.group(1))
    except NotationError:
        return v


def same(a, b) -> bool:
    """Two typed values agree (Value objects by number when both are numeric, else by text)."""
    a, b = _leading(a), _leading(b)
    na, nb = getattr(a, "number", None), getattr(b, "number", None)
    if na is not None and nb is not None:
        return getattr(a, "kind", None) == getattr(b, "kind", None) and math.isclose(na, nb, rel_tol=1e-9, abs_tol=1e-9)
    return str(getattr(a, "raw", a)).strip() == str(getattr(b, "raw", b)).strip()


def shown(v) -> str:
    return getattr(v, "raw", None) or str(v)


def staff_totals(dataset) -> list[Issue]:
    """Per unit, men + women must equal the position, education and rank totals."""
    issues = []
    sex = dataset["pegawai_jabatan"]
    totals = {r["unit"]: int(r["laki_laki"]) + int(r["perempuan"]) for _, r in sex.frame.iterrows()}
    for name, columns in STAFF_GROUPS.items():
        table = dataset[name]
        for _, r in table.frame.iterrows():
            unit = r["unit"]
            n = sum(int(r[c]) for c in columns if c in r and not _empty(r[c]))
            if unit in totals and n != totals[unit]:
                label = "jabatan (struktural + JFU + JFT)" if name == "pegawai_jabatan" else name.split("_")[1]
                issues.append(
                    warn(
                        f'jumlah pegawai unit "{unit}" menurut {label} adalah {n}, '
                        f"sedangkan laki-laki + perempuan = {totals[unit]}.",
                        table.loc(r["_row"]),
                        "samakan angka pegawai di tabel-tabel pegawai.",
                    )
                )
    return issues


def realisasi_above_pagu(dataset) -> list[Issue]:
    issues = []
    for name, pagu, real in (("kegiatan", "pagu", "realisasi"), ("apbn", "anggaran", "realisasi")):
        table = dataset[name]
        for _, r in table.frame.iterrows():
            if not _empty(r[real]) and not _empty(r[pagu]) and r[real] > r[pagu] + 0.005:
                issues.append(
                    warn(
                        f"realisasi ({_rp(r[real])}) melebihi {pagu} ({_rp(r[pagu])}).",
                        table.loc(r["_row"], real),
                        "periksa kembali angka realisasi dan pagu.",
                    )
                )
    return issues


def belanja_langsung_typed(dataset, context) -> list[Issue]:
    """Belanja langsung APBD-P and realisasi are computed from kegiatan; typed ones must agree."""
    issues = []
    table = dataset["belanja"]
    computed = context["anggaran"]["belanja"]["langsung"]
    for _, r in table.frame.iterrows():
        if r["jenis"] != "langsung":
            continue
        for column in ("apbd_p", "realisasi"):
            typed = r.get(column)
            if not _empty(typed) and not math.isclose(typed, computed[column], abs_tol=0.005):
                issues.append(
                    warn(
                        f"nilai belanja langsung {_rp(typed)} berbeda dengan jumlah dari tabel kegiatan "
                        f"({_rp(computed[column])}); yang dipakai adalah jumlah dari tabel kegiatan.",
                        table.loc(r["_row"], column),
                        "kosongkan sel ini; nilainya dihitung dari tabel kegiatan.",
                    )
                )
    return issues


def pk_matches_iku(dataset) -> list[Issue]:
    """The head's PK rows (pk.kode_iku) must have the IKU's target and realisasi."""
    issues = []
    iku = dataset["iku"]
    by_code = {r["kode"]: r for _, r in iku.frame.iterrows()}
    pk = dataset["pk"]
    if "kode_iku" not in pk.frame.columns:
        return issues
    for _, r in pk.frame.iterrows():
        code = r["kode_iku"]
        if _empty(code) or code not in by_code:
            continue
        ref = by_code[code]
        for column in ("target", "realisasi"):
            if _empty_value(r[column]) or _empty_value(ref[column]):
                continue
            if not same(r[column], ref[column]):
                issues.append(
                    warn(
                        f'{column} indikator "{ref["indikator"]}" pada {r["jenis"]} ({r["penandatangan"]}) '
                        f'tertulis "{shown(r[column])}", sedangkan di {iku.loc(ref["_row"], column)} '
                        f'tertulis "{shown(ref[column])}".',
                        pk.loc(r["_row"], column),
                        "samakan kedua angka; laporan memakai angka dari tabel iku.",
                    )
                )
    return issues


MISSING_REALISASI = {  # table -> column that names the row in the warning
    "iku": "indikator",
    "indikator_program": "indikator",
    "indikator_kegiatan": "indikator",
    "kegiatan": "nama",
    "apbn": "kegiatan",
}


def missing_realisasi(dataset) -> list[Issue]:
    """Draft builds: every empty realisasi is listed (shown as n/a in the report)."""
    issues = []
    for name, label in MISSING_REALISASI.items():
        table = dataset[name]
        for _, r in table.frame.iterrows():
            if _empty_value(r["realisasi"]):
                issues.append(
                    warn(
                        f'realisasi "{r[label]}" belum diisi; ditampilkan sebagai n/a.',
                        table.loc(r["_row"], "realisasi"),
                    )
                )
    return issues


def pagu_change_consistent(dataset) -> list[Issue]:
    issues = []
    table = dataset["kegiatan"]
    for _, r in table.frame.iterrows():
        kind, before = r.get("jenis_perubahan", ""), r.get("pagu_murni")
        if kind and _empty(before):
            issues.append(
                warn(
                    f'kegiatan {r["kode"]} ditandai "{kind}" tetapi pagu_murni kosong.',
                    table.loc(r["_row"], "pagu_murni"),
                    "isi pagu sebelum perubahan.",
                )
            )
        elif not _empty(before):
            direction = "penambahan" if before < r["pagu"] else "pengurangan/refocusing"
            if (kind == "penambahan") != (before < r["pagu"]) and before != r["pagu"]:
                issues.append(
                    warn(
                        f'kegiatan {r["kode"]} ditandai "{kind or "-"}", padahal pagu berubah dari '
                        f"{_rp(before)} menjadi {_rp(r['pagu'])} ({direction}).",
                        table.loc(r["_row"], "jenis_perubahan"),
                    )
                )
    return issues


def iku_without_kegiatan(dataset) -> list[Issue]:
    mapped = set(dataset["efisiensi"].frame["kode_iku"])
    table = dataset["iku"]
    return [
        warn(
            f'IKU {r["kode"]} ("{r["indikator"]}") tidak punya kegiatan pendukung di tabel efisiensi; '
            "analisis efisiensinya tidak dapat dihitung.",
            table.loc(r["_row"], "kode"),
        )
        for _, r in table.frame.iterrows()
        if r["kode"] not in mapped
    ]


def previous_year_disagrees(dataset, context) -> list[Issue]:
    """When data/<N-1>/ exists and the capaian_tahun_lalu column is also filled, they must agree."""
    issues = []
    previous = context.get("capaian_tahun_lalu_dari_data") or {}
    table = dataset["iku"]
    for _, r in table.frame.iterrows():
        typed, computed = r.get("capaian_tahun_lalu"), previous.get(r["kode"])
        typed_n = getattr(typed, "number", typed)
        if computed is None or _empty(typed_n):
            continue
        if abs(typed_n - computed) >= 0.005:
            issues.append(
                warn(
                    f"capaian tahun lalu tertulis {persen(typed_n)}, sedangkan dihitung dari data "
                    f"{dataset.year - 1} = {persen(computed)}; yang dipakai adalah hasil hitung.",
                    table.loc(r["_row"], "capaian_tahun_lalu"),
                )
            )
    return issues


CHECKS = (
    staff_totals,
    realisasi_above_pagu,
    pk_matches_iku,
    pagu_change_consistent,
    iku_without_kegiatan,
    missing_realisasi,
)
CONTEXT_CHECKS = (belanja_langsung_typed, previous_year_disagrees)


def audit(dataset, context) -> list[Issue]:
    issues = []
    for check in CHECKS:
        issues += check(dataset)
    for check in CONTEXT_CHECKS:
        issues += check(dataset, context)
    return issues


def _empty(x) -> bool:
    return x is None or x == "" or (isinstance(x, float) and math.isnan(x))


def _empty_value(v) -> bool:
    return _empty(v) or getattr(v, "kind", None) == "empty"


def _rp(x) -> str:
    return rupiah(x, sen=False)
