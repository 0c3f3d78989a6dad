"""Figures in words: the names the chapters, the Word template and ``vars`` see.

:func:`chapter_names` adds to the report model (:func:`lkjip.report.build_report`) the names
whose value is wording rather than a number: dates in Indonesian ("31 Desember 2020"), the
kertas-kerja capaian as shown. It is the one place where model values become text.
:func:`flatten` lists every name with a short display value (``lkjip vars``).

The judgement filters (:data:`WORD_FILTERS`, registered in :data:`lkjip.present.fmt.FILTERS`)
let a chapter take every judgement word about a figure from the data: ``arah_perubahan``
("naik 8,73%"), ``status_capaian`` ("belum tercapai"), ``efisiensi_kata`` ("inefisiensi sebesar
Rp 8.657.852") and ``persen_kalimat`` (a percentage, or why there is none, in words).

``fmt`` is imported inside the functions: fmt.py imports this module to register the filters.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from ..inputs.notation import Value

NOT_COMPUTABLE = "belum dapat dihitung (realisasi belum diisi)"


def _rounded(x: float | Decimal, d: int = 2) -> Decimal:
    """``x`` rounded half-up to ``d`` decimals, as the figures are printed (money, a Decimal,
    exactly)."""
    exact = x if isinstance(x, Decimal) else Decimal(str(float(x)))
    with localcontext() as context:  # enough digits for any amount
        context.prec = max(28, exact.adjusted() + d + 2)
        return exact.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)


def _missing(x: Any) -> bool:
    """:func:`lkjip.present.fmt.is_missing` (imported here: fmt registers these filters)."""
    from .fmt import is_missing

    return is_missing(x)


def _amount(x: float, bentuk: str, d: int) -> str:
    from . import fmt

    if bentuk == "rupiah":
        return fmt.rupiah(x, sen=False)
    if bentuk == "angka":
        return fmt.angka(x, d)
    return fmt.persen(x, d)


def arah_perubahan(x: Any, bentuk: str = "persen", d: int = 2) -> str:
    """The direction of a signed change with its absolute size: ``-8.73`` → ``turun 8,73%``,
    ``12.5`` → ``naik 12,50%``, a change that rounds to zero → ``tetap``.

    ``bentuk``: ``persen`` (default, x in percent units), ``angka`` (``d`` decimals) or
    ``rupiah``. None (e.g. last year's realisasi not filled) →
    ``tidak dapat dibandingkan (data tahun lalu belum diisi)``.
    """
    if _missing(x):
        return "tidak dapat dibandingkan (data tahun lalu belum diisi)"
    if _rounded(x, 0 if bentuk == "rupiah" else d) == 0:
        return "tetap"
    return f"{'naik' if x > 0 else 'turun'} {_amount(abs(x), bentuk, d)}"


def status_capaian(capaian: Any, kategori: str | None = None) -> str:
    """Whether a capaian (percent) met its target, judged on the printed figure (2 decimals):
    above 100,00% → ``melampaui target``, exactly 100,00% → ``tercapai``, below →
    ``belum tercapai``. With ``kategori`` (the predikat band of Permendagri 86/2017 or the
    ``kategori`` table) it is added: ``belum tercapai (kategori Sedang)``.
    None → ``belum dapat dinilai (realisasi belum diisi)``.
    """
    if _missing(capaian):
        return "belum dapat dinilai (realisasi belum diisi)"
    rounded = _rounded(capaian)
    status = "melampaui target" if rounded > 100 else "tercapai" if rounded == 100 else "belum tercapai"
    return f"{status} (kategori {kategori})" if kategori else status


def efisiensi_kata(nilai: Any) -> str:
    """An E/I amount in words, with a positive amount: ``efisiensi sebesar Rp 51.219.500.402``
    (E/I ≥ 0) or ``inefisiensi sebesar Rp 8.657.852`` (E/I < 0, printed without its minus).
    None → ``efisiensi belum dapat dihitung (realisasi belum diisi)``."""
    from . import fmt

    if _missing(nilai):
        return f"efisiensi {NOT_COMPUTABLE}"
    word = "efisiensi" if _rounded(nilai, 0) >= 0 else "inefisiensi"
    return f"{word} sebesar {fmt.rupiah(abs(nilai), sen=False)}"


def persen_kalimat(x: Any, d: int = 2) -> str:
    """A percentage inside a sentence: ``65,55%``; None → ``belum dapat dihitung (realisasi
    belum diisi)`` instead of ``n/a%``."""
    from . import fmt

    return NOT_COMPUTABLE if _missing(x) else fmt.persen(x, d)


CURRENCY_UNITS = ("Rp", "US$")  # written before the number


def nilai_satuan(v: Any, satuan: str | None = None) -> str:
    """A target or realisasi inside a sentence, with the indicator's ``satuan``:
    ``Rp 14.157.209.890``, ``US$ 1.835.337.899``, ``7,98%`` (a plain number under satuan "%"),
    ``12 bulan`` (typed with its own unit: as typed), ``BB`` (a grade or text: no unit);
    an empty value → ``belum diisi`` instead of ``n/a%``."""
    from . import fmt

    if _missing(v):
        return "belum diisi"
    shown = fmt.nilai(v)
    if not getattr(v, "is_numeric", True) or getattr(v, "shown_as_typed", False):
        return shown
    if satuan in CURRENCY_UNITS:
        return f"{satuan} {shown}"
    if satuan == "%" and not getattr(v, "percent", False):
        return f"{shown}%"
    return shown


WORD_FILTERS = {
    "nilai_satuan": nilai_satuan,
    "arah_perubahan": arah_perubahan,
    "status_capaian": status_capaian,
    "efisiensi_kata": efisiensi_kata,
    "persen_kalimat": persen_kalimat,
}


def _date_words(d: Any) -> str:
    from . import fmt

    return fmt.tanggal(d) if d else ""


def _insert_before(section: dict, before: str, name: str, value: Any) -> dict:
    """A copy of ``section`` with ``name`` placed just before the key ``before``."""
    out = {}
    for key, existing in section.items():
        if key == before:
            out[name] = value
        out[key] = existing
    return out


def _profil_words(profil: dict) -> dict:
    """profil as chapters show it: a date in words, an absent value as ""."""
    from . import fmt

    return {
        key: ("" if value is None else fmt.tanggal(value) if isinstance(value, dt.date) else value)
        for key, value in profil.items()
    }


def capaian_words(row: dict) -> str:
    """A kertas-kerja capaian as shown: the typed text for rumus ``teks`` ("" when empty),
    the sum as a number for ``jumlah``, a percentage for ``rasio``/``pertumbuhan``."""
    from . import fmt

    if row["rumus"] == "teks":
        written = row.get("capaian_tertulis")
        return "" if written is None or written.is_empty else fmt.nilai(written)
    return fmt.nilai(row["capaian"]) if row["rumus"] == "jumlah" else fmt.persen(row["capaian"])


def _kertas_kerja_words(urusan_list: list[dict]) -> list[dict]:
    out = []
    for urusan in urusan_list:
        rows = []
        for row in urusan["baris"]:
            shown = {}
            for key, value in row.items():
                if key == "capaian_tertulis":
                    shown["capaian_teks"] = capaian_words(row)
                else:
                    shown[key] = value
            rows.append(shown)
        out.append({**urusan, "baris": rows})
    return out


def chapter_names(model: dict) -> dict:
    """The context of the chapters and the template: the model plus its wording.

    Adds ``tanggal_penandatanganan``, ``pegawai.tanggal`` and ``aset.tanggal`` (dates in words,
    "" when absent) next to their ``*_iso`` dates, shows ``profil``'s dates in words, and
    replaces each kertas-kerja ``capaian_tertulis`` by ``capaian_teks`` (:func:`capaian_words`).
    The model itself is not changed.
    """
    context = _insert_before(model, "tanggal_penandatanganan_iso", "tanggal_penandatanganan",
                             _date_words(model["tanggal_penandatanganan_iso"]))
    context["profil"] = _profil_words(model["profil"])
    pegawai = model["pegawai"]
    context["pegawai"] = _insert_before(pegawai, "tanggal_iso", "tanggal", _date_words(pegawai["tanggal_iso"]))
    aset = model["aset"]
    context["aset"] = _insert_before(aset, "tanggal_iso", "tanggal", _date_words(aset["tanggal_iso"]))
    context["kertas_kerja"] = _kertas_kerja_words(model["kertas_kerja"])
    return context


# --------------------------------------------------------------------------- flatten (vars)


def _short(x: Any) -> str:
    from . import fmt

    if x is None:
        return "n/a"
    if isinstance(x, Value):
        return fmt.nilai(x)
    if isinstance(x, bool):
        return "ya" if x else "tidak"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, (float, Decimal)):
        return fmt.angka(x, 0 if x == int(x) else 2) if not math.isinf(x) else str(x)
    if isinstance(x, dt.date):
        return x.isoformat()
    text = " ".join(str(x).split())
    return text if len(text) <= 80 else text[:77] + "..."


def flatten(context: dict) -> list[tuple[str, str]]:
    """Every leaf name of the context (``iku[0].capaian``, ``anggaran.belanja.total.apbd``) with
    a short display value. A dict met a second time (e.g. ``efisiensi[0].iku``) is shown as a
    reference to its first name instead of being repeated."""
    out: list[tuple[str, str]] = []
    seen: dict[int, str] = {}

    def walk(name: str, x: Any) -> None:
        if isinstance(x, (dict, list)):
            if id(x) in seen:
                out.append((name, f"→ {seen[id(x)]}"))
                return
            seen[id(x)] = name
            if not x:
                out.append((name, "{}" if isinstance(x, dict) else "[]"))
                return
            items = x.items() if isinstance(x, dict) else enumerate(x)
            for k, v in items:
                if isinstance(x, dict):
                    child = f"{name}.{k}" if name and str(k).isidentifier() else (f'{name}["{k}"]' if name else str(k))
                else:
                    child = f"{name}[{k}]"
                walk(child, v)
            return
        out.append((name, _short(x)))

    walk("", context)
    return out
