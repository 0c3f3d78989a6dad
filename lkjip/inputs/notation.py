"""Reading numbers, targets and dates written the Indonesian way.

``parse_value`` turns a cell (text as typed, or a number/date already stored by Excel) into a
:class:`Value`; ``parse_number`` accepts only a plain number (``parse_money`` the same, exact, as a
``Decimal`` for rupiah). Dates are read by :mod:`lkjip.inputs.dates`.

Accepted number notations:

- ``1.234.567,89`` (dot = thousands, comma = decimals), ``1234567,89``, ``1,5``;
- ``1.234`` (one or more groups of exactly three digits after a dot, first group not ``0``)
  is Indonesian thousands: 1234;
- ``1.37``, ``0.253``, ``1234.5`` (a dot followed by other than exactly three digits, or after a
  lone ``0``) is a decimal point;
- ``1,234,567.89`` / ``1,234.5`` (English notation) is rejected with a hint;
- ``-8,73``, ``−8,73`` and ``(8,73)`` are negative; ``Rp``/``Rp.`` in front is dropped, and
  so is ``,-`` after it (``Rp. 2.000.000,-``: the rupiah way of writing "no cents");
- ``57%``, ``<11``, ``< 11``, ``≤7,82``, ``<=7,82``, ``>5``, ``>=5``, ``≥5``;
- ranges ``2-3``, ``2–3``, ``2 s.d. 3``, ``2 s/d 3`` (a ``%`` on either bound marks the range);
- Excel numbers (int/float; NaN means empty).

Several numbers in one cell (kertas kerja ``masukan``): ``9;45`` -> :class:`NumberList`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .scales import BUILT_IN, Scale, find_scale
from .text import clean_text

NUMBER_EXAMPLE = "angka, mis. 1.234.567,89"


class NotationError(ValueError):
    """A cell cannot be read; ``message``, ``expected`` and ``hint`` are Indonesian sentences
    ready for :class:`lkjip.errors.Issue` (``expected`` without a final period)."""

    def __init__(self, message: str, expected: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.hint = hint


@dataclass(frozen=True)
class Value:
    """A target or realisasi as the user typed it (the value model of docs/data.md)."""

    raw: str  # cleaned text as typed ("<11", "1,37%", "12 bulan", "BB", "NA", "")
    kind: str  # "number" | "lt" | "le" | "gt" | "ge" | "range" | "grade" | "text" | "empty"
    number: float | None = None  # for number/lt/le/gt/ge
    low: float | None = None  # range bounds
    high: float | None = None
    percent: bool = False  # typed with a % sign (numbers stay in percent units: 57% -> 57.0)
    decimals: int = 0  # decimals as typed ("6,17" -> 2)
    unit: str = ""  # words typed next to the number ("bulan", "Orang", "Rp"); "" when none
    note: str = ""  # a remark in parentheses after it ("skala 5", "Evaluasi Semester I")
    grade: str = ""  # kind "grade": the level's canonical name ("BB", "WTP")
    scale: Scale | None = field(default=None, compare=False, repr=False)  # kind "grade"

    @property
    def is_numeric(self) -> bool:
        """True for a number, a comparison or a range; False for grades, text and empty."""
        return self.kind not in ("text", "empty", "grade")

    @property
    def is_empty(self) -> bool:
        """Nothing typed, or an explicit no-value token (``NA``, ``-``, ``tidak ada data``)."""
        return self.kind == "empty"

    @property
    def shown_as_typed(self) -> bool:
        """Typed with words around the number (unit or note): displayed as ``raw``."""
        return bool(self.unit or self.note)


EMPTY = Value(raw="", kind="empty")


_COMPARATORS = [("<=", "le"), ("≤", "le"), (">=", "ge"), ("≥", "ge"), ("<", "lt"), (">", "gt")]
_RANGE = re.compile(r"^(.+?)\s*(?:–|—|s\.\s*d\.?|s/d|sd|-)\s*(.+)$", re.IGNORECASE)
_INDONESIAN_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
_COMMA_DECIMAL = re.compile(r"^\d+(,\d+)?$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d+$")
_ENGLISH = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d{1,3}(,\d{3})*\.\d+$")


def is_empty(x) -> bool:
    """The one "is this cell empty?" test of ``lkjip.inputs``: None, a float NaN, text of
    spaces only, or an empty :class:`Value`."""
    if x is None:
        return True
    if isinstance(x, float):
        return math.isnan(x)
    if isinstance(x, str):
        return not x.strip()
    return isinstance(x, Value) and x.kind == "empty"


def _clean(text: str) -> str:
    return clean_text(text).strip()


def excel_number_text(x: float) -> str:
    """An Excel number as Indonesian text without thousands separators: 6.17 -> "6,17"."""
    if float(x).is_integer():
        return str(int(x))
    return repr(float(x)).replace(".", ",")


def _plain_number(token: str, whole: str) -> tuple[Decimal, int]:
    """Read one unsigned number token, exactly; return (number, decimals as typed)."""
    if _INDONESIAN_THOUSANDS.match(token):
        integer, _, frac = token.partition(",")
        return _exact(integer.replace(".", ""), frac), len(frac)
    if _COMMA_DECIMAL.match(token):
        integer, _, frac = token.partition(",")
        return _exact(integer, frac), len(frac)
    if _DOT_DECIMAL.match(token):
        return Decimal(token), len(token.partition(".")[2])
    if _ENGLISH.match(token):
        raise NotationError(
            f'nilai "{whole}" memakai penulisan angka Inggris.',
            NUMBER_EXAMPLE,
            "tulis dengan cara Indonesia: titik untuk ribuan, koma untuk desimal.",
        )
    raise ValueError(token)


def _exact(integer: str, frac: str) -> Decimal:
    return Decimal(integer + "." + frac if frac else integer)


def _signed_number(text: str, whole: str) -> tuple[float, int, bool]:
    """Read a number with optional sign, parentheses, "Rp" prefix and "%" suffix.

    Returns (number, decimals, percent); raises ValueError when it is not a number.
    """
    number, decimals, percent = _signed_decimal(text, whole)
    return float(number), decimals, percent


_NO_CENTS = re.compile(r"(?<=\d)\s*[,.]\s*[-–]$")


def _signed_decimal(text: str, whole: str) -> tuple[Decimal, int, bool]:
    """:func:`_signed_number` with the number exact, as a Decimal."""
    s = text.replace("\u2212", "-").strip()
    percent = s.endswith("%")
    if percent:
        s = s[:-1].strip()
    s = re.sub(r"^rp\.?\s*", "", s, flags=re.IGNORECASE)
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    elif s and s[0] in "-+":
        negative, s = s[0] == "-", s[1:].strip()
    s = re.sub(r"^rp\.?\s*", "", s, flags=re.IGNORECASE)
    s = _NO_CENTS.sub("", s)  # "2.000.000,-": the rupiah way of writing "no cents"
    number, decimals = _plain_number(s, whole)
    return (-number if negative else number), decimals, percent


#: Typed on purpose for "no value" (compared ignoring case): shown as n/a, out of averages.
NO_VALUE = frozenset(
    ["n/a", "na", "n.a", "n.a.", "-", "--", "–", "—", "tidak ada data", "tidak ada",
     "belum ada data", "belum ada", "tad", "t.a.d"]
)
_NOTE = re.compile(r"^(.*?)\s*\(([^()]*)\)$")
_UNIT = re.compile(r"^(.*?\d\s*%?)\s*([^\W\d_][^\d]*)$")
_FACTORS = {"ribu": 3, "rb": 3, "juta": 6, "jt": 6, "miliar": 9, "milyar": 9, "triliun": 12}
_FACTORS_WITH_RP = {"k": 3, "m": 9, "t": 12}
_GRADE_WORDS = re.compile(r"^(predikat|opini|nilai|kategori)\s+", re.IGNORECASE)


def parse_value(x, scales: tuple[Scale, ...] = BUILT_IN) -> Value:
    """Read a target/realisasi cell (the value model of docs/data.md).

    In order: empty; an explicit no-value token (:data:`NO_VALUE`) -> ``kind="empty"`` with
    ``raw`` kept; a number, comparison or range; the same with words around it (``12 bulan``,
    ``4 (skala 5)``, ``Rp 1,2 M``, ``38% (Semester I)``: ``unit``/``note`` set, ``Rp``
    multipliers ribu/juta/miliar/triliun applied); a level of one of ``scales`` ->
    ``kind="grade"``; anything else ``kind="text"``.

    Raises NotationError only for an ambiguous (English) number notation.
    """
    if isinstance(x, bool):
        return Value(raw=str(x), kind="text")
    if is_empty(x):
        return EMPTY
    if isinstance(x, (int, float)):
        text = excel_number_text(x)
        decimals = len(text.partition(",")[2])
        return Value(raw=text, kind="number", number=float(x), decimals=decimals)
    raw = _clean(str(x))
    if not raw:
        return EMPTY
    if raw.casefold() in NO_VALUE:
        return Value(raw=raw, kind="empty")
    found = _numeric(raw) or _with_words(raw)
    if found is not None:
        return found
    core, note = _split_note(raw)
    core = _GRADE_WORDS.sub("", core)
    scale = find_scale([core], scales) if core else None
    if scale is not None:
        return Value(raw, "grade", grade=scale.level(core).name, note=note, scale=scale)
    return Value(raw=raw, kind="text")


def _split_note(raw: str) -> tuple[str, str]:
    match = _NOTE.match(raw)
    if match and match.group(1):
        return match.group(1).strip(), match.group(2).strip()
    return raw, ""


def _with_words(raw: str) -> Value | None:
    """A number, comparison or range with a unit and/or a note around it, or None."""
    core, note = _split_note(raw)
    unit = ""
    match = _UNIT.match(core)
    if match:
        core, unit = match.group(1).strip(), match.group(2).strip()
    if not (unit or note):
        return None
    value = _numeric(core)
    if value is None:
        return None
    words = unit.casefold().split()
    digits = _FACTORS.get(words[0].rstrip(".")) if words else None
    if digits is None and words and re.match(r"^rp\.?\s*", core, re.IGNORECASE):
        digits = _FACTORS_WITH_RP.get(words[0].rstrip("."))
    if digits:
        value = replace(value, **{k: _scaled(getattr(value, k), digits) for k in ("number", "low", "high")})
    return replace(value, raw=raw, unit=unit, note=note)


def _scaled(number: float | None, digits: int) -> float | None:
    return None if number is None else float(Decimal(repr(number)).scaleb(digits))


def _numeric(raw: str) -> Value | None:
    """A number, comparison or range typed alone, or None."""
    for sign, kind in _COMPARATORS:
        if raw.startswith(sign):
            try:
                number, decimals, percent = _signed_number(raw[len(sign) :], raw)
            except NotationError:
                raise
            except ValueError:
                return None
            return Value(raw, kind, number=number, percent=percent, decimals=decimals)
    try:
        number, decimals, percent = _signed_number(raw, raw)
        return Value(raw, "number", number=number, percent=percent, decimals=decimals)
    except NotationError:
        raise
    except ValueError:
        pass
    match = _RANGE.match(raw)
    if not match:
        return None
    try:
        low, dec_low, pct_low = _signed_number(match.group(1), raw)
        high, dec_high, pct_high = _signed_number(match.group(2), raw)
    except NotationError:
        raise
    except ValueError:
        return None
    return Value(
        raw, "range", low=low, high=high, percent=pct_low or pct_high, decimals=max(dec_low, dec_high)
    )


def parse_number(x) -> float:
    """Read a plain number in any accepted notation ("1.234,5", "Rp 1.000", "57%", Excel number).

    Raises NotationError for empty cells, text, comparisons, ranges and ambiguous notation.
    """
    value = parse_value(x)
    if value.kind == "number" and not value.shown_as_typed:
        return value.number
    if value.kind == "empty" and not value.raw:
        raise NotationError("sel ini kosong.", NUMBER_EXAMPLE, "isi sel ini.")
    if value.kind in ("text", "grade", "number"):
        raise NotationError(
            f'nilai "{value.raw}" bukan angka.',
            NUMBER_EXAMPLE,
            "hapus huruf dan satuan dari sel ini.",
        )
    if value.kind == "empty":
        raise NotationError(
            f'nilai "{value.raw}" bukan angka.', NUMBER_EXAMPLE, "isi angkanya, atau kosongkan sel ini."
        )
    raise NotationError(
        f'nilai "{value.raw}" bukan satu angka.',
        NUMBER_EXAMPLE,
        "tanda <, >, ≤, ≥ dan rentang hanya boleh di kolom target/realisasi.",
    )


def parse_money(x) -> Decimal:
    """Read a rupiah amount exactly: what :func:`parse_number` accepts, as a ``Decimal``
    (``"100.000.000.000.000.000.001"`` keeps its last digit; a float would not).

    An Excel number is taken as Excel shows it (``1234567.89`` -> ``Decimal("1234567.89")``).
    Raises NotationError as :func:`parse_number` does; a ``%`` is not refused here (the
    caller says that a percent is not money).
    """
    parse_number(x)  # every check and message of a plain number
    if isinstance(x, (int, float)):
        return Decimal(int(x)) if float(x).is_integer() else Decimal(repr(float(x)))
    return _signed_decimal(_clean(str(x)), _clean(str(x)))[0]


class NumberList(tuple):
    """Numbers typed in one cell, separated by ``;`` (``"9; 45"`` -> ``(9.0, 45.0)``), in order.

    A tuple of floats; ``raw`` keeps the text as typed (written back by the workbook export).
    """

    raw: str

    def __new__(cls, numbers=(), raw: str = ""):
        made = super().__new__(cls, (float(n) for n in numbers))
        made.raw = raw
        return made


def parse_numbers(x) -> NumberList:
    """Read ``"a; b; ..."`` (each part any plain-number notation); an empty cell -> ``()``.

    Raises NotationError naming the part that is not a number.
    """
    if is_empty(x):
        return NumberList()
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return NumberList([x], excel_number_text(x))
    raw = _clean(str(x))
    return NumberList([parse_number(p) for p in raw.split(";") if p.strip()], raw)
