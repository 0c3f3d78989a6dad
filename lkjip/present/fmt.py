"""Indonesian formatting: the Jinja filters shared by the template, chapters and tables.

Numbers are grouped by Babel (locale ``id``: ``1.234.567,89``), words come from num2words
(``lang="id"``), month names from Babel. Rounding is half-up (as Excel does), not Babel's
half-even. ``None`` (and an empty value) is always shown as ``n/a``. Money arrives as
``decimal.Decimal`` and is printed exactly (every digit of ``100000000000000000001``); a float
prints as before, through its shortest repr.
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib.util
import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel import Locale
from babel.numbers import parse_pattern

from ..chapters import roman
from ..inputs.dates import MonthDate
from .words import WORD_FILTERS

LOCALE = "id"
NA = "n/a"

_COMPARISON_SIGNS = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥"}


def is_missing(x: Any) -> bool:
    """Nothing there: None, NaN, empty text, or an empty notation Value (a blank cell).

    The one "is it empty?" test of the filters and the tables; such a value prints as ``n/a``
    (or as nothing where a table leaves the cell blank).
    """
    if x is None:
        return True
    if isinstance(x, float) and math.isnan(x):
        return True
    if isinstance(x, str):
        return x == ""
    return getattr(x, "kind", None) == "empty"


def _is_value(x: Any) -> bool:
    return hasattr(x, "kind") and hasattr(x, "raw")


def _decimal(x: Any) -> Decimal:
    """A number as a Decimal: a Decimal or int exactly, anything else via float's repr."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int) and not isinstance(x, bool):
        return Decimal(x)
    return Decimal(str(float(x)))


@functools.cache
def _number_format(d: int):
    """Babel's locale and parsed pattern for ``d`` decimals (what ``format_decimal`` would
    look up on every call; a report formats ~1 500 numbers)."""
    return Locale.parse(LOCALE), parse_pattern("#,##0" + ("." + "0" * d if d > 0 else ""))


def _grouped_number(x: Any, d: int) -> str:
    exact = _decimal(x)
    locale, pattern = _number_format(d)
    with localcontext() as context:  # enough digits for any amount: rounding never overflows
        context.prec = max(28, exact.adjusted() + d + 2)
        q = exact.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
        if q == 0:
            q = abs(q)  # no "-0,00"
        return pattern.apply(q, locale)  # babel.numbers.format_decimal's defaults


def angka(x: Any, d: int = 0) -> str:
    """``14157209890`` → ``14.157.209.890``; ``angka(6.17, 2)`` → ``6,17``. A Value → :func:`nilai`."""
    if is_missing(x):
        return NA
    if _is_value(x):
        return nilai(x)
    return _grouped_number(x, d)


def rupiah(x: Any, sen: bool = True) -> str:
    """``Rp 27.120.466.359,00``; ``sen=False`` → ``Rp 27.120.466.359``; a negative amount
    with its sign before the currency, as Indonesian documents write it: ``-Rp 9.878.392``."""
    if is_missing(x):
        return NA
    shown = _grouped_number(x, 2 if sen else 0)
    return "-Rp " + shown[1:] if shown.startswith("-") else "Rp " + shown


def persen(x: Any, d: int = 2) -> str:
    """``18.891`` → ``18,89%`` (x is already in percent units)."""
    if is_missing(x):
        return NA
    return _grouped_number(x, d) + "%"


def nilai(v: Any) -> str:
    """A target/realisasi as the user typed it, in Indonesian notation, with its decimals.

    ``<11``, ``≤7,82``, ``2–3``, ``1,37%``, ``14.157.209.890``, ``A``. Plain numbers are shown
    with :func:`angka` (no decimals unless they have a fraction, then two).
    """
    if is_missing(v):
        return NA
    if not _is_value(v):
        if isinstance(v, (int, float, Decimal)):
            return _grouped_number(v, 0 if v == int(v) else 2)
        return str(v)
    if getattr(v, "shown_as_typed", False):  # "12 bulan", "38% (Semester I)": as typed
        return v.raw
    d = v.decimals or 0
    sign = "%" if v.percent else ""
    if v.kind == "number":
        return _grouped_number(v.number, d) + sign
    if v.kind in _COMPARISON_SIGNS:
        return _COMPARISON_SIGNS[v.kind] + _grouped_number(v.number, d) + sign
    if v.kind == "range":
        return f"{_grouped_number(v.low, d)}–{_grouped_number(v.high, d)}{sign}"
    return v.raw


def _indonesian_words():
    """num2words' Indonesian converter (``num2words(x, lang="id")`` is its ``to_cardinal(x)``),
    loaded on its own: the package's ``__init__`` imports all ~50 languages (~0.015 s)."""
    package = importlib.util.find_spec("num2words")  # found, not imported
    spec = importlib.util.spec_from_file_location(
        "num2words.lang_ID", Path(package.submodule_search_locations[0]) / "lang_ID.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Num2Word_ID()


_WORDS = _indonesian_words()


def kata(n: Any) -> str:
    """``7`` → ``tujuh``."""
    if is_missing(n):
        return NA
    x = float(n)
    return _WORDS.to_cardinal(int(x) if x == int(x) else x)


def terbilang(n: Any) -> str:
    """``7`` → ``7 (tujuh)``."""
    if is_missing(n):
        return NA
    return f"{angka(n, 0 if float(n) == int(float(n)) else 2)} ({kata(n)})"


def _as_date(d: Any) -> tuple[_dt.date, bool]:
    """(date, month precision?) from a date (a ``MonthDate`` has month precision), datetime,
    pandas Timestamp or ISO text ("2021-03" has month precision)."""
    if isinstance(d, MonthDate):
        return d, True
    if isinstance(d, _dt.datetime):
        return d.date(), False
    if isinstance(d, _dt.date):
        return d, False
    if hasattr(d, "to_pydatetime"):  # pandas Timestamp
        return d.to_pydatetime().date(), False
    text = str(d).strip()
    if len(text) == 7:  # "2021-03"
        return _dt.date.fromisoformat(text + "-01"), True
    return _dt.date.fromisoformat(text[:10]), False


def tanggal(d: Any) -> str:
    """``31 Desember 2020``; a month-precision date ("2021-03") → ``Maret 2021``."""
    if is_missing(d):
        return NA
    day, month_only = _as_date(d)
    return format_date(day, "MMMM y" if month_only else "d MMMM y", locale=LOCALE)


def bulan_tahun(d: Any) -> str:
    """``Maret 2021``."""
    if is_missing(d):
        return NA
    return format_date(_as_date(d)[0], "MMMM y", locale=LOCALE)


def romawi(n: Any) -> str:
    """``3`` → ``III`` (1 to 3999; other numbers stay in digits, nothing → ``n/a``)."""
    if is_missing(n):
        return NA
    n = int(n)
    if not 0 < n < 4000:
        return str(n)
    return roman(n)


def mutlak(x: Any) -> float | None:
    """Absolute value, None stays None (n/a): ``turun {{ i.pertumbuhan | mutlak | persen }}``."""
    return None if x is None else abs(x)


FILTERS: dict[str, Callable[..., Any]] = {
    "angka": angka,
    "rupiah": rupiah,
    "persen": persen,
    "nilai": nilai,
    "terbilang": terbilang,
    "kata": kata,
    "tanggal": tanggal,
    "bulan_tahun": bulan_tahun,
    "romawi": romawi,
    "mutlak": mutlak,
    **WORD_FILTERS,  # judgement words about a figure (present/words.py)
}
