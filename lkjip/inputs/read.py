"""Finding the tables of ``data/<tahun>/`` and reading their raw cells.

A table is ``data/<tahun>/<name>.csv`` or a sheet named ``<name>`` (any case) in any
``data/<tahun>/*.xlsx`` / ``*.xlsm`` workbook; Excel lock files ``~$*`` are ignored. A table found
in more than one place is an error. Nothing is typed here: a :class:`RawTable` holds every row
as the file has it (CSV: strings; Excel: what openpyxl gives, with percent cells, month-only
dates and zero-padded codes turned back into the text the user sees).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..errors import Issue, Location
from .file_messages import (
    msg_cp1252,
    msg_encrypted,
    msg_field_too_long,
    msg_old_xls,
    msg_row_too_long,
    msg_unclosed_quote,
)
from .messages import msg_locked, msg_twice, msg_unreadable
from .notation import excel_number_text
from .schema import SCHEMAS


@dataclass
class RawTable:
    """One table's cells as read: ``rows`` are (row number as Excel shows it, cells)."""

    file: str  # relative to the project root, e.g. "data/2020/kegiatan.csv"
    sheet: str | None  # sheet name for Excel, None for CSV
    rows: list[tuple[int, list]]
    merged: dict = field(default_factory=dict)  # Excel: {(row, column index): "A2:A4"}
    notes: list = field(default_factory=list)  # warnings about the file (encoding assumed)

    def loc(self, row=None, column=None) -> Location:
        return Location(self.file, self.sheet, row, column)


def table_name(text: str) -> str:
    """The table a file stem or sheet title names ("Kegiatan " -> "kegiatan")."""
    return text.strip().lower()


def read_csv(path: Path, rel: str, issues: list[Issue]) -> RawTable | None:
    """A CSV file as office PCs write it: UTF-8 (with or without BOM) or, failing that,
    Windows-1252 (said in a warning); separator ``,``, ``;`` or tab, whichever the header row
    has most. An unbalanced quote or an over-long cell is an error at its row; a file that
    cannot be opened (locked, no permission) is an error too."""
    try:
        data = path.read_bytes()
    except OSError:
        issues.append(msg_locked(Location(rel)))
        return None
    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notes.append(msg_cp1252(Location(rel)))
    header_line = text.split("\n", 1)[0]
    sep = max(",;\t", key=header_line.count) if header_line.strip() else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    rows: list[tuple[int, list]] = []
    try:
        for row in reader:
            rows.append((len(rows) + 1, row))
    except csv.Error as error:
        row_number = len(rows) + 1
        if "field larger" in str(error):
            issues.append(msg_field_too_long(Location(rel, row=row_number), csv.field_size_limit()))
        else:
            issues.append(msg_unclosed_quote(Location(rel, row=row_number)))
        return None
    if not _cells_fit_the_header(rows, rel, sep, issues):
        return None
    return RawTable(rel, None, rows, notes=notes)


def _cells_fit_the_header(rows: list[tuple[int, list]], rel: str, sep: str,
                          issues: list[Issue]) -> bool:
    """A data row with more cells than the header shifts its values into the wrong columns
    (typically ``5,2%`` typed without quotes in a comma-separated file): an error per row."""
    if not rows:
        return True
    width = len(rows[0][1])
    long = [(n, len(cells)) for n, cells in rows[1:] if len(cells) > width]
    for number, found in long:
        issues.append(msg_row_too_long(Location(rel, row=number), found, width, sep))
    return not long


def excel_cell(cell):
    """A cell as the user meant it: percent cells as "57%", month-only dates as "2021-03",
    whole numbers shown with leading zeros (format "000000") as that text ("029001")."""
    value = cell.value
    fmt = cell.number_format or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "%" in fmt:
            return excel_number_text(round(value * 100, 10)) + "%"
        if re.fullmatch(r"0{2,}", fmt) and float(value).is_integer():
            return str(int(value)).zfill(len(fmt))
    if isinstance(value, datetime) and "d" not in fmt.lower():
        return f"{value:%Y-%m}"
    return value


CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: old .xls, or an encrypted .xlsx
EMPTY_ROWS_AFTER_DATA = 50  # stop reading a sheet after this many empty rows in a row


def read_workbook(path: Path, rel: str, issues: list[Issue]) -> dict[str, RawTable]:
    """The sheets of a workbook that name a table, by table name.

    Read in openpyxl's read-only mode, twice (stored values, and formulas to tell a formula
    never calculated from an empty cell); a sheet ends after ``EMPTY_ROWS_AFTER_DATA`` empty
    rows, so a used range reaching row 1 048 576 costs nothing.
    """
    from openpyxl import load_workbook

    try:
        with open(path, "rb") as file:
            head = file.read(8)
    except OSError:
        issues.append(msg_locked(Location(rel)))
        return {}
    if head == CFB_SIGNATURE:
        issues.append(msg_encrypted(Location(rel)))
        return {}
    try:
        values = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        issues.append(
            msg_unreadable(
                Location(rel),
                "bukan file Excel yang sah",
                "buka di Excel lalu simpan ulang sebagai .xlsx.",
            )
        )
        return {}
    found = {}
    try:
        for sheet, formula_sheet in zip(values.worksheets, formulas.worksheets, strict=True):
            name = table_name(sheet.title)
            if name in SCHEMAS:
                raw = RawTable(rel, sheet.title, _sheet_rows(sheet, formula_sheet))
                raw.merged = _merged_cells(values, sheet)
                found[name] = raw
    finally:
        values.close()
        formulas.close()
    return found


def _sheet_rows(sheet, formula_sheet) -> list[tuple[int, list]]:
    rows, empty_run = [], 0
    pairs = zip(sheet.iter_rows(min_row=1), formula_sheet.iter_rows(min_row=1))
    for number, (cells, formula_cells) in enumerate(pairs, start=1):
        row = [_uncalculated(f) if c.value is None else excel_cell(c) for c, f in zip(cells, formula_cells)]
        if any(v is not None and v != "" for v in row):
            rows.append((number, row))
            empty_run = 0
        else:
            empty_run += 1
            if empty_run >= EMPTY_ROWS_AFTER_DATA:
                break
    return rows


class Uncalculated(str):
    """A formula cell with no stored result (the file was never calculated by Excel)."""


def _uncalculated(formula_cell):
    value = formula_cell.value
    if isinstance(value, str) and value.startswith("="):
        return Uncalculated(value)
    return None


def _merged_cells(workbook, sheet) -> dict[tuple[int, int], str]:
    """{(row, column index): "A1:B2"} for every cell of a merged range but its first (the
    one that holds the value); ranges over 10 000 cells are left out."""
    try:
        xml = workbook._archive.read(sheet._worksheet_path)
    except (AttributeError, KeyError):
        return {}
    from openpyxl.utils import range_boundaries

    merged = {}
    for match in re.finditer(rb'<(?:\w+:)?mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"', xml):
        ref = match.group(1).decode()
        left, top, right, bottom = range_boundaries(ref)
        if (right - left + 1) * (bottom - top + 1) > 10_000:
            continue
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                if (row, column) != (top, left):
                    merged[(row, column - 1)] = ref
    return merged


def find_tables(folder: Path, rel: str, issues: list[Issue]) -> dict[str, RawTable | None]:
    """Raw tables by name; None for a table that is there but unusable (already reported:
    unreadable file, or found twice)."""
    candidates: dict[str, list[tuple[Location, RawTable | None]]] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("~$") or not path.is_file():
            continue
        file_rel = f"{rel}/{path.name}"
        suffix = path.suffix.lower()
        if suffix == ".csv" and table_name(path.stem) in SCHEMAS:
            raw = read_csv(path, file_rel, issues)
            candidates.setdefault(table_name(path.stem), []).append((Location(file_rel), raw))
        elif suffix == ".xls":
            issues.append(msg_old_xls(Location(file_rel)))
        elif suffix in (".xlsx", ".xlsm"):
            for name, raw in read_workbook(path, file_rel, issues).items():
                candidates.setdefault(name, []).append((raw.loc(), raw))
    tables = {}
    for name, found in candidates.items():
        if len(found) > 1:
            issues.append(msg_twice(rel, name, [place for place, _ in found]))
            tables[name] = None
        else:
            tables[name] = found[0][1]
    return tables
