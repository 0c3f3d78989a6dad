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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import Issue, Location
from .messages import msg_twice, msg_unreadable
from .notation import excel_number_text
from .schema import SCHEMAS


@dataclass
class RawTable:
    """One table's cells as read: ``rows`` are (row number as Excel shows it, cells)."""

    file: str  # relative to the project root, e.g. "data/2020/kegiatan.csv"
    sheet: str | None  # sheet name for Excel, None for CSV
    rows: list[tuple[int, list]]

    def loc(self, row=None, column=None) -> Location:
        return Location(self.file, self.sheet, row, column)


def table_name(text: str) -> str:
    """The table a file stem or sheet title names ("Kegiatan " -> "kegiatan")."""
    return text.strip().lower()


def read_csv(path: Path, rel: str, issues: list[Issue]) -> RawTable | None:
    """A CSV file (UTF-8, with or without BOM; ``,`` or ``;`` as separator)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        issues.append(
            msg_unreadable(
                Location(rel),
                "bukan teks UTF-8",
                'simpan ulang dari Excel dengan "Simpan Sebagai" > "CSV UTF-8".',
            )
        )
        return None
    header_line = text.split("\n", 1)[0]
    sep = ";" if header_line.count(";") > header_line.count(",") else ","
    records = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    return RawTable(rel, None, [(i, row) for i, row in enumerate(records, start=1)])


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


def read_workbook(path: Path, rel: str, issues: list[Issue]) -> dict[str, RawTable]:
    """The sheets of a workbook that name a table, by table name."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
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
    for sheet in workbook.worksheets:
        name = table_name(sheet.title)
        if name not in SCHEMAS:
            continue
        rows = [
            (cells[0].row, [excel_cell(c) for c in cells])
            for cells in sheet.iter_rows(min_row=1)
            if cells
        ]
        found[name] = RawTable(rel, sheet.title, rows)
    return found


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
