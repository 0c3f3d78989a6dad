"""Dates that belong to an earlier year than the report's.

``init`` moves the ``profil`` dates one year on, but a planner who prepares the new year by
hand (or copies last year's sheet) leaves "31 Desember 2020" in the 2021 report's staff tables.
The report year is ``tahun``: a data date (``tanggal_data_pegawai``) should fall in it, and the
signing date (``tanggal_penandatanganan``) in it or after it (LKjIP are signed early in
``tahun + 1``: PermenPAN-RB No. 53/2014 art. 20, reports due 2,5 months after the year ends).
"""

from __future__ import annotations

from ..errors import Issue
from ..inputs.schema import SCHEMAS


def date_year(value) -> int | None:
    """The year of a typed date (``date`` or ``MonthDate``), else None."""
    return getattr(value, "year", None)


def dates_from_earlier_years(dataset) -> list[Issue]:
    """A located warning per date of ``profil`` whose year is before the report year."""
    table = dataset["profil"]
    keys = SCHEMAS["profil"].date_keys
    typed = dataset.settings("profil")
    rows = {str(row.get("kunci", "")).strip().lower(): row for row in table.rows}
    issues = []
    for key in keys:
        year, row = date_year(typed.get(key)), rows.get(key)
        if year is None or row is None or year >= dataset.year:
            continue
        issues.append(Issue(
            f'tanggal "{key}" ({row["nilai"]}) berada di tahun {year}, sebelum tahun laporan '
            f"{dataset.year}.",
            table.loc(row["_row"], "nilai"),
            hint=f"perbarui tanggalnya untuk laporan {dataset.year} (mis. data pegawai per 31 "
                 f"Desember {dataset.year}).",
            level="warning",
        ))
    return issues
