"""Dates as planners type them: ISO days and months, day-first with ``/`` or ``-``,
Indonesian month names, and the serial numbers Excel shows for a date cell formatted as
General. Month precision gives a :class:`MonthDate`.

Accepted: ``2021-03-15``, ``2021-03`` (month precision), ``15/03/2021``, ``15-03-2021``,
``15 Maret 2021``, ``Maret 2021``, an Excel date cell, an Excel serial number (44561).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .notation import NotationError
from .text import clean_text


class MonthDate(date):
    """A date typed with month precision only (``2021-03``); its day is always 1."""

    def __repr__(self) -> str:
        return f"MonthDate({self.year}, {self.month})"


_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb", "pebruari"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "ags", "agt"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des"),
        ]
    )
    for name in names
}

DATE_EXPECTED = "tanggal seperti 2021-03-15, atau bulan seperti 2021-03"


def parse_date(x) -> date:
    """Read a date: ISO day or month, day-first with / or -, Indonesian month names, Excel date.

    Month precision ("2021-03", "Maret 2021") returns a :class:`MonthDate` (day 1).
    """
    if isinstance(x, datetime):
        return x.date()
    if isinstance(x, date):
        return x
    raw = clean_text("" if x is None else str(x)).strip()
    error = NotationError(
        f'nilai "{raw}" bukan tanggal.', DATE_EXPECTED, "ketik tanggal sebagai tahun-bulan-tanggal."
    )
    serial = _excel_serial(x, raw)
    if serial is not None:
        return serial
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
            return MonthDate(int(m[1]), int(m[2]), 1)
        if m := re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", raw):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", raw):
            if m[2].lower() in _MONTHS:
                return date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        if m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{4})", raw):
            if m[1].lower() in _MONTHS:
                return MonthDate(int(m[2]), _MONTHS[m[1].lower()], 1)
    except ValueError:  # the shape of a date, but no such day (30 Februari)
        raise NotationError(f'tanggal "{raw}" tidak ada di kalender.', DATE_EXPECTED,
                            "periksa tanggal dan bulannya.") from None
    raise error


_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (its serial numbers count days from it)
_SERIALS = range(25569, 73051)  # 1970-01-01 .. 2099-12-31: the years a report can name


def _excel_serial(x, raw: str) -> date | None:
    """A date Excel shows as its serial number (a date cell formatted as General: 44561 is
    2021-12-31), within the years a report can name; else None."""
    if isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        number = float(x)
    elif re.fullmatch(r"\d{5}(?:[.,]0+)?", raw):
        number = float(raw.replace(",", "."))
    else:
        return None
    if not number.is_integer() or int(number) not in _SERIALS:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(number))
