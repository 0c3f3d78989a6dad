"""Pure formulas of the report. Small, side-effect free, unit-tested on tiny inputs.

Percentages are always in percent units: 12.5 means 12,5 %.
``None`` means "not available" (shown as "n/a"); no function here raises on a missing
number or a zero denominator, it returns ``None`` instead.

Money (pagu, realisasi anggaran, APBD, aset) arrives as ``decimal.Decimal`` and stays exact
through every sum and difference here (:func:`jumlah`, :func:`selisih`, :func:`subtotal_kode`,
:func:`efisiensi`): as soon as one operand is a Decimal the result is one. Percentages
(:func:`persen`) are floats computed from it at the end.

Targets and realisasi are :class:`lkjip.inputs.notation.Value` objects (as the user typed them).
The functions only read the attributes ``raw``, ``kind``, ``number``, ``low`` and ``high``;
plain ``int``/``float`` and ``None`` are accepted too, for convenience.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..inputs.scales import KATEGORI_CAPAIAN

NAIK = "naik"  # higher is better
TURUN = "turun"  # lower is better

#: Permendagri 86/2017 bands: (lower bound, predikat), highest first, from the one definition
#: in :data:`lkjip.inputs.scales.KATEGORI_CAPAIAN`. A capaian below every lower bound gets the
#: last (lowest) predikat.
KATEGORI_BAWAAN: tuple[tuple[float, str], ...] = tuple(
    (level.value if level.value > 0 else -math.inf, level.name)
    for level in KATEGORI_CAPAIAN.levels
)

_COMPARISON_KINDS = {"lt", "le", "gt", "ge"}


# --------------------------------------------------------------------------- helpers


def _is_money(*values: Any) -> bool:
    """Whether one of ``values`` is an exact amount (a Decimal)."""
    return any(isinstance(v, Decimal) for v in values)


def _exact(x: Any) -> Decimal:
    """``x`` as a Decimal: a Decimal or int as it is, a float as it prints (``0.1`` → 0.1)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return Decimal(x)
    return Decimal(repr(float(x)))


def _kind(v: Any) -> str:
    """The notation kind of ``v`` ("number", "lt", ..., "range", "text", "empty")."""
    if v is None:
        return "empty"
    if isinstance(v, bool):
        return "text"
    if isinstance(v, (int, float)):
        return "empty" if isinstance(v, float) and math.isnan(v) else "number"
    return getattr(v, "kind", "text")


def number_of(v: Any) -> float | None:
    """The single number of a plain number or a comparison (``<11`` → 11); else None."""
    kind = _kind(v)
    if kind == "empty":
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if kind == "number" or kind in _COMPARISON_KINDS:
        return None if v.number is None else float(v.number)
    return None


def _by_bound(bound: float, r: float, arah: str) -> float | None:
    """Capaian of realisasi ``r`` against the number ``bound`` in direction ``arah``.

    Zero bound → None (n/a) whatever the realisasi: a ratio to zero has no value (the same
    rule as a kertas-kerja ratio 0 ÷ 0, docs/reference-errors.md KK-PERINDUSTRIAN-4).
    """
    if bound == 0:
        return None
    if arah == TURUN:
        return (2 * bound - r) / bound * 100
    return r / bound * 100


# --------------------------------------------------------------------------- capaian


def capaian(target: Any, realisasi: Any, arah: str = NAIK, cap: float | None = None) -> float | None:
    """Capaian (percent) of ``realisasi`` against ``target``.

    - ``arah="naik"`` (higher is better): R / T × 100.
    - ``arah="turun"`` (lower is better): (2T − R) / T × 100; e.g. target ``<11``,
      realisasi 9,74 → (22 − 9,74) / 11 × 100 = 111,45. Not floored: a realisasi above
      twice the target gives a negative capaian, as the formula says.
    - A comparison target (``<11``, ``≤7,82``, ``>5``, ``≥5``): T is its bound, same formula.
    - A range target ``a–b``: a realisasi inside (bounds included) → 100; outside, the bound
      the realisasi passed is T (below → a, above → b), same formula for ``arah``.
    - A grade target (``kind="grade"``, e.g. SAKIP "A"): by the target's ordered scale
      (:meth:`lkjip.inputs.scales.Scale.capaian`): the target's level or better → 100, worse →
      value(R) ÷ value(T) × 100 (below 100); a realisasi not on that scale → None.
    - Any other text target → None (n/a, out of averages; the loader warns).
    - Missing realisasi or target (empty) → None. A realisasi that is not a single number
      (text, range) against a numeric target → None.
    - Zero target (T = 0) → None (n/a), for every table (the loader warns).
    - ``cap`` (``pengaturan.batas_capaian``): a capaian above it is cut to it.
    """
    t_kind, r_kind = _kind(target), _kind(realisasi)
    if t_kind == "empty" or r_kind == "empty":
        return None
    if t_kind == "grade":
        scale = getattr(target, "scale", None)
        if scale is None or r_kind != "grade":
            return None
        return _potong(scale.capaian(target.grade, realisasi.grade), cap)
    if t_kind == "text":
        return None
    r = number_of(realisasi)
    if r is None:
        return None
    if t_kind == "range":
        low, high = float(target.low), float(target.high)
        if low <= r <= high:
            hasil = 100.0
        else:
            hasil = _by_bound(low if r < low else high, r, arah)
    else:
        t = number_of(target)
        if t is None:
            return None
        hasil = _by_bound(t, r, arah)
    return _potong(hasil, cap)


def realisasi_setara(target: Any, realisasi: Any, arah: str = NAIK) -> float | None:
    """The realisasi number to put in the E/I formula next to the target's number.

    For ``naik`` it is the realisasi itself; for ``turun`` it is 2T − R, so that
    realisasi ÷ target equals the capaian (the reference computes E/I for koefisien
    variasi 9,74 against ``<11`` with 12,26 = 22 − 9,74).
    """
    t, r = number_of(target), number_of(realisasi)
    if t is None or r is None:
        return None
    return 2 * t - r if arah == TURUN else r


def _potong(hasil: float | None, cap: float | None) -> float | None:
    if hasil is None or cap is None:
        return hasil
    return min(hasil, float(cap))


def rata_rata(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None; None when there is none."""
    xs = [float(v) for v in values if v is not None]
    return sum(xs) / len(xs) if xs else None


def selisih(a: float | None, b: float | None) -> float | None:
    """a − b, or None when either is missing; exact (a Decimal) when either is money."""
    if a is None or b is None:
        return None
    if _is_money(a, b):
        return _exact(a) - _exact(b)
    return float(a) - float(b)


def kategori(capaian: float | None, bands: Iterable[tuple[float, str]] | None = None) -> str | None:
    """Predikat of a capaian: the first band (highest lower bound first) it reaches.

    ``bands`` are ``(batas_bawah, predikat)`` pairs in any order (default: Permendagri
    86/2017, :data:`KATEGORI_BAWAAN`). A capaian below every lower bound gets the predikat of
    the lowest band. None → None.
    """
    if capaian is None:
        return None
    ordered = sorted(bands if bands is not None else KATEGORI_BAWAAN, key=lambda b: b[0], reverse=True)
    if not ordered:
        return None
    for batas, predikat in ordered:
        if capaian >= batas:
            return predikat
    return ordered[-1][1]


def efisiensi(
    anggaran: float | None,
    target: float | None,
    realisasi_kinerja: float | None,
    realisasi_anggaran: float | None,
) -> float | None:
    """E/I = (anggaran ÷ target × realisasi_kinerja) − realisasi_anggaran.

    Positive → efisiensi, negative → inefisiensi. Any input missing or a zero target → None.
    Rupiah as Decimals give a Decimal (the kinerja floats taken as they print).
    """
    if None in (anggaran, target, realisasi_kinerja, realisasi_anggaran) or target == 0:
        return None
    if _is_money(anggaran, realisasi_anggaran):
        return _exact(anggaran) / _exact(target) * _exact(realisasi_kinerja) - _exact(realisasi_anggaran)
    return float(anggaran) / float(target) * float(realisasi_kinerja) - float(realisasi_anggaran)


def efisiensi_dari_capaian(
    anggaran: float | None, capaian: float | None, realisasi_anggaran: float | None
) -> float | None:
    """E/I where the target is not one number (a range, a grade): anggaran × capaian ÷ 100 −
    realisasi anggaran. For a plain numeric target this equals :func:`efisiensi`, since
    anggaran ÷ T × R = anggaran × (R ÷ T)."""
    if None in (anggaran, capaian, realisasi_anggaran):
        return None
    if _is_money(anggaran, realisasi_anggaran):
        return _exact(anggaran) * _exact(capaian) / 100 - _exact(realisasi_anggaran)
    return float(anggaran) * float(capaian) / 100 - float(realisasi_anggaran)


def persen(bagian: float | None, keseluruhan: float | None) -> float | None:
    """bagian ÷ keseluruhan × 100; None when either is missing or keseluruhan is 0."""
    if bagian is None or keseluruhan is None or keseluruhan == 0:
        return None
    return float(bagian) / float(keseluruhan) * 100


# --------------------------------------------------------------------------- sums and budget


def jumlah(values: Iterable[float | Decimal | None]) -> float | Decimal:
    """Sum, treating None as 0 (an empty money cell adds nothing); exact (a Decimal) when one
    of the values is money, else a float. Nothing to add → 0.0."""
    present = [v for v in values if v is not None]
    if _is_money(*present):
        return sum((_exact(v) for v in present), Decimal(0))
    return float(sum(float(v) for v in present))


def jumlah_lengkap(values: Iterable[float | None]) -> float | None:
    """Sum of values that must all be there: None (n/a) as soon as one is missing.

    Used for realisasi totals, so that a draft year with an empty realisasi shows n/a
    rather than a partial sum that looks final.
    """
    values = list(values)
    if any(v is None for v in values):
        return None
    return jumlah(values)


def jumlah_kolom(rows: Iterable[Mapping[str, Any]], keys: Iterable[str]) -> dict[str, float]:
    """Column totals of ``rows`` for ``keys`` (None counts as 0); e.g. staff totals."""
    rows = list(rows)
    return {k: jumlah(r.get(k) for r in rows) for k in keys}


def ringkasan_anggaran(apbd: float | None, apbd_p: float | None, realisasi: float | None) -> dict:
    """One budget line: ``{apbd, apbd_p, realisasi, persen, sisa, persen_sisa}``.

    persen = realisasi ÷ APBD-P × 100; sisa = APBD-P − realisasi; persen_sisa = sisa ÷ APBD-P × 100.
    """
    sisa = selisih(apbd_p, realisasi)
    return {
        "apbd": apbd,
        "apbd_p": apbd_p,
        "realisasi": realisasi,
        "persen": persen(realisasi, apbd_p),
        "sisa": sisa,
        "persen_sisa": persen(sisa, apbd_p),
    }


def refocusing(apbd: float | None, apbd_p: float | None) -> dict:
    """Budget cut by refocusing: ``{nilai: APBD − APBD-P, persen: nilai ÷ APBD × 100}``."""
    nilai = selisih(apbd, apbd_p)
    return {"nilai": nilai, "persen": persen(nilai, apbd)}


# --------------------------------------------------------------------------- code trees (aset)


def induk_kode(kode: str) -> str | None:
    """Parent of a hierarchical code: the code without its last ".segment" ("1.3.2" → "1.3")."""
    return kode.rsplit(".", 1)[0] if "." in kode else None


def tingkat_kode(kode: str) -> int:
    """Depth of a code: the number of its segments ("1.3.2.08" → 4)."""
    return kode.count(".") + 1


def _leluhur(kode: str) -> list[str]:
    """Every code ``kode`` descends from, listed or not: its prefixes ending just before a
    "." ("1.3.2" → "1", "1.3"). ``lain`` descends from ``kode`` exactly when it starts with
    ``kode + "."``, i.e. when ``kode`` is one of these."""
    return [kode[:i] for i, ch in enumerate(kode) if ch == "."]


def subtotal_kode(nilai: Mapping[str, float | Decimal | None]) -> dict[str, float | Decimal]:
    """Value of every code of a code tree, given the values of its leaves.

    A leaf is a code with no descendant among the codes (its own value, None → 0); any other
    code gets the sum of the leaves below it, at every level, even when an intermediate code is
    not listed. Values typed for group codes are ignored. Keys keep the input order.
    One pass over the codes (each adds its value to its listed ancestors): linear in the
    number of rows, times the depth of the codes.
    """
    daun = daun_kode(nilai)
    below: dict[str, list] = {k: [] for k in nilai if k not in daun}  # group → its leaves' values
    for kode, value in nilai.items():
        if kode in daun:
            for induk in _leluhur(kode):
                if induk in below:
                    below[induk].append(value)
    return {k: jumlah([nilai[k]]) if k in daun else jumlah(below[k]) for k in nilai}


def daun_kode(kodes: Iterable[str]) -> set[str]:
    """The codes with no descendant among ``kodes``."""
    kodes = list(kodes)
    berturunan = {induk for kode in kodes for induk in _leluhur(kode)}
    return {k for k in kodes if k not in berturunan}


def akar_kode(kodes: Iterable[str]) -> list[str]:
    """The codes with no ancestor among ``kodes`` (the top level), in input order."""
    kodes = list(kodes)
    listed = set(kodes)
    return [k for k in kodes if not any(induk in listed for induk in _leluhur(k))]


# --------------------------------------------------------------------------- kertas kerja


def rasio(a: float | None, b: float | None) -> float | None:
    """a ÷ b × 100; None for a zero or missing denominator."""
    return persen(a, b)


def pertumbuhan(a: float | None, b: float | None) -> float | None:
    """(a − b) ÷ b × 100; None for a zero or missing denominator."""
    return persen(selisih(a, b), b)


def evaluate_formula(rumus: str, masukan: Iterable[float | None]) -> float | None:
    """Kertas-kerja formula: ``rasio`` (a ÷ b × 100), ``pertumbuhan`` ((a − b) ÷ b × 100),
    ``jumlah`` (a + b + …). ``teks`` and anything with too few inputs → None."""
    xs = list(masukan)
    if rumus == "jumlah":
        return jumlah(xs) if xs else None
    if rumus in ("rasio", "pertumbuhan"):
        if len(xs) < 2:
            return None
        return rasio(xs[0], xs[1]) if rumus == "rasio" else pertumbuhan(xs[0], xs[1])
    return None
