"""Find, read and validate the input tables of ``data/<tahun>/``.

``load_dataset(root, year)`` returns a :class:`Dataset` of typed frames, or raises
:class:`~lkjip.errors.InputError` listing *every* problem found (never only the first).

Where a table comes from: ``data/<tahun>/<name>.csv`` or a sheet named ``<name>`` in any
``data/<tahun>/*.xlsx`` workbook (Excel lock files ``~$*`` are ignored). Both at once is an error.

Frames (``Table.frame``) hold one column per schema column, in schema order, plus ``_row``
(the row number as Excel shows it; header = row 1). Cell values by column type:

- ``text``/``code``: ``str``, ``""`` when empty;
- ``int``: ``int`` (an empty optional cell gets the column's default, 0 for pegawai golongan I);
- ``number``/``money``: ``float``, ``NaN`` when empty (test with ``pd.isna``);
- ``value``: :class:`lkjip.notation.Value` (``kind == "empty"`` when empty, never NaN);
- ``enum``: the choice as spelled in the schema (``"naik"``, ``"PK Perubahan"``), or the
  column default / ``""`` when empty;
- ``date``: ``datetime.date``; month precision (``2021-03``) is a :class:`lkjip.notation.MonthDate`
  (a ``date`` subclass, day 1): ``isinstance(d, MonthDate)`` tells "Maret 2021" from a full day.

Fill-down cells are already filled. Key-value tables (``profil``, ``pengaturan``) keep their
``kunci``/``nilai`` frame and also a typed dict: ``Dataset.settings("profil")`` -> every known key
(text ``""`` / other types ``None`` when absent), typed per :class:`lkjip.schema.Key`, plus any
extra key the user added (as text).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from ..errors import InputError, Issue, Location
from .notation import (
    DATE_EXPECTED,
    EMPTY,
    NotationError,
    excel_number_text,
    parse_date,
    parse_number,
    parse_value,
)
from .schema import PEGAWAI_TABLES, SCHEMAS, Column, TableSchema


@dataclass
class Table:
    name: str  # "kegiatan"
    frame: pd.DataFrame  # typed columns per schema + "_row"
    file: str  # relative to the project root, e.g. "data/2020/kegiatan.csv"
    sheet: str | None = None  # sheet name for Excel, None for CSV
    settings: dict | None = None  # key-value tables only: typed {kunci: nilai}
    filled: set = field(default_factory=set, repr=False)  # (row, column) filled down

    def loc(self, row: int | None = None, column: str | None = None) -> Location:
        return Location(self.file, self.sheet, row, column)

    @property
    def source(self) -> str:
        """The place in words: 'data/2020/x.csv' or 'data/2020/x.xlsx, sheet "x"'."""
        return str(Location(self.file, self.sheet))


@dataclass
class Dataset:
    root: Path
    year: int
    tables: dict[str, Table]  # every table of SCHEMAS (optional ones may be empty)
    warnings: list[Issue] = field(default_factory=list)  # non-fatal

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]

    def settings(self, name: str) -> dict:
        """Typed key-value dict of ``profil`` or ``pengaturan`` (a copy)."""
        return dict(self.tables[name].settings or {})


# --------------------------------------------------------------------------------------------
# Messages: every user-facing sentence of this module is built here.

EXPECTED = {
    "int": "bilangan bulat ≥ 0, mis. 12",
    "number": "angka, mis. 1.234,5",
    "money": "angka rupiah, mis. 1.234.567,89",
    "value": "angka (mis. 1.234,5, 57%, <11, 2–3) atau teks",
    "date": DATE_EXPECTED,
    "text": "teks",
    "code": "kode, mis. 01 atau 16.01",
}


def _issue(loc, message, expected=None, hint=None, level="error") -> Issue:
    return Issue(message, loc, expected, hint, level)


def msg_missing_folder(rel: str) -> Issue:
    return _issue(
        Location(rel),
        "folder data tidak ditemukan.",
        "folder berisi file CSV atau Excel, satu tabel per file atau per sheet",
        f"buat folder {rel} lalu isi tabelnya (lihat docs/data.md).",
    )


def msg_missing_table(rel: str, schema: TableSchema) -> Issue:
    return _issue(
        Location(rel),
        f'tabel "{schema.name}" tidak ditemukan.',
        f'file {rel}/{schema.name}.csv atau sheet "{schema.name}" di file Excel dalam {rel}',
        "buat tabel ini dengan judul kolom: " + ", ".join(schema.column_names) + ".",
    )


def msg_twice(rel: str, name: str, places: list[Location]) -> Issue:
    return _issue(
        Location(rel),
        f'tabel "{name}" ada lebih dari sekali: ' + "; ".join(map(str, places)) + ".",
        "satu sumber saja untuk setiap tabel",
        "hapus atau ganti nama salah satunya.",
    )


def msg_unreadable(loc: Location, why: str, hint: str) -> Issue:
    return _issue(loc, f"file tidak bisa dibaca: {why}.", None, hint)


def msg_missing_column(loc: Location, schema: TableSchema) -> Issue:
    return _issue(
        loc,
        "kolom wajib ini tidak ada di baris judul.",
        "judul kolom di baris 1: " + ", ".join(schema.column_names),
        "tambahkan kolom ini atau perbaiki ejaan judulnya.",
    )


def msg_unknown_column(loc: Location, schema: TableSchema) -> Issue:
    return _issue(
        loc,
        "kolom tidak dikenal, diabaikan.",
        "salah satu kolom: " + ", ".join(schema.column_names),
        "periksa ejaan judul kolom, atau hapus kolom ini.",
        level="warning",
    )


def msg_duplicate_column(loc: Location) -> Issue:
    return _issue(loc, "judul kolom ini muncul dua kali.", None, "hapus salah satu kolom.")


def msg_empty_table(loc: Location, name: str) -> Issue:
    return _issue(
        loc,
        f'tabel "{name}" tidak berisi data.',
        "baris judul di baris 1 dan data mulai baris 2",
        "isi tabel ini.",
    )


def _expected(column: Column) -> str | None:
    if column.type == "enum":
        return "salah satu dari: " + ", ".join(column.choices)
    return None if column.type == "text" else EXPECTED.get(column.type)


def msg_empty_cell(loc: Location, column: Column) -> Issue:
    return _issue(loc, "sel wajib ini kosong.", _expected(column), "isi sel ini.")


def msg_fill_down_first(loc: Location, new_group: str | None = None) -> Issue:
    if new_group:
        return _issue(
            loc,
            f'sel kosong di baris pertama kelompok baru (kolom "{new_group}" berganti).',
            "nilai di baris pertama setiap kelompok; baris berikutnya boleh kosong "
            "untuk mengulang nilai di atasnya",
            "isi sel ini.",
        )
    return _issue(
        loc,
        "sel kosong di baris data pertama.",
        "nilai di baris data pertama; baris berikutnya boleh kosong "
        "untuk mengulang nilai di atasnya",
        "isi sel ini.",
    )


def msg_bad_cell(loc: Location, error: NotationError, col_type: str) -> Issue:
    return _issue(loc, error.message, EXPECTED.get(col_type, error.expected), error.hint)


def msg_negative(loc: Location, raw: str, col_type: str) -> Issue:
    return _issue(
        loc,
        f'nilai "{raw}" negatif.',
        EXPECTED[col_type],
        "hapus tanda minus atau kurung; nilai ini tidak boleh kurang dari nol.",
    )


def msg_not_integer(loc: Location, raw: str) -> Issue:
    return _issue(loc, f'nilai "{raw}" bukan bilangan bulat.', EXPECTED["int"], "hapus desimalnya.")


def msg_bad_choice(loc: Location, raw: str, column: Column) -> Issue:
    return _issue(
        loc,
        f'nilai "{raw}" tidak dikenal.',
        _expected(column),
        "ketik salah satu pilihan itu persis.",
    )


def msg_excel_date(loc: Location, value) -> Issue:
    return _issue(
        loc,
        f"Excel mengubah isi sel ini menjadi tanggal ({value:%Y-%m-%d}).",
        None,
        "format sel sebagai Teks lalu ketik ulang isinya.",
    )


def msg_duplicate_key(loc: Location, values: dict, first_row: int) -> Issue:
    what = ", ".join(f'{c} "{v}"' for c, v in values.items())
    return _issue(
        loc,
        f"{what} sudah ada di baris {first_row}.",
        "nilai yang unik di setiap baris",
        "hapus baris ganda atau perbaiki salah satunya.",
    )


def msg_unknown_reference(loc: Location, value: str, target: Table, target_column: str) -> Issue:
    known = sorted(set(target.frame[target_column]))
    sample = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    return _issue(
        loc,
        f'kode "{value}" tidak ada di tabel "{target.name}" ({target.source}).',
        f'kode dari kolom "{target_column}" tabel {target.name}: {sample}',
        f"perbaiki kode ini atau tambahkan baris dengan kode ini di tabel {target.name}.",
    )


def msg_missing_key(loc: Location, key: str) -> Issue:
    return _issue(
        loc,
        f'kunci wajib "{key}" tidak ada atau nilainya kosong.',
        f'baris dengan "{key}" di kolom kunci dan isinya di kolom nilai',
        "tambahkan atau isi baris ini.",
    )


def msg_unknown_key(loc: Location, key: str, schema: TableSchema) -> Issue:
    return _issue(
        loc,
        f'kunci "{key}" tidak dikenal, diabaikan.',
        "salah satu kunci: " + ", ".join(k.name for k in schema.keys),
        "periksa ejaan kunci ini.",
        level="warning",
    )


def msg_pegawai_unit(loc: Location, unit: str, other: Table) -> Issue:
    return _issue(
        loc,
        f'unit "{unit}" tidak ada di tabel "{other.name}" ({other.source}).',
        "unit yang sama di tabel " + ", ".join(PEGAWAI_TABLES),
        "samakan penulisan nama unit di ketiga tabel pegawai.",
    )


# --------------------------------------------------------------------------------------------
# Sources: raw rows of every table, as (row number, cells).


@dataclass
class _Source:
    file: str
    sheet: str | None
    rows: list[tuple[int, list]]

    def loc(self, row=None, column=None) -> Location:
        return Location(self.file, self.sheet, row, column)


def _table_name(text: str) -> str:
    return text.strip().lower()


def _read_csv(path: Path, rel: str, issues: list[Issue]) -> _Source | None:
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
    return _Source(rel, None, [(i, row) for i, row in enumerate(records, start=1)])


def _excel_cell(cell):
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


def _read_workbook(path: Path, rel: str, issues: list[Issue]) -> dict[str, _Source]:
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
        name = _table_name(sheet.title)
        if name not in SCHEMAS:
            continue
        rows = [
            (cells[0].row, [_excel_cell(c) for c in cells])
            for cells in sheet.iter_rows(min_row=1)
            if cells
        ]
        found[name] = _Source(rel, sheet.title, rows)
    return found


def _find_sources(folder: Path, rel: str, issues: list[Issue]) -> dict[str, _Source | None]:
    """Sources by table name; None for a table that is there but unusable (already reported)."""
    candidates: dict[str, list[tuple[Location, _Source | None]]] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("~$") or not path.is_file():
            continue
        file_rel = f"{rel}/{path.name}"
        suffix = path.suffix.lower()
        if suffix == ".csv" and _table_name(path.stem) in SCHEMAS:
            source = _read_csv(path, file_rel, issues)
            candidates.setdefault(_table_name(path.stem), []).append((Location(file_rel), source))
        elif suffix in (".xlsx", ".xlsm"):
            for name, source in _read_workbook(path, file_rel, issues).items():
                candidates.setdefault(name, []).append((source.loc(), source))
    sources = {}
    for name, found in candidates.items():
        if len(found) > 1:
            issues.append(msg_twice(rel, name, [place for place, _ in found]))
            sources[name] = None
        else:
            sources[name] = found[0][1]
    return sources


# --------------------------------------------------------------------------------------------
# Cells


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def _choice_key(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text).strip().lower()


def _empty(column: Column):
    if column.default is not None:
        return column.default
    return {
        "value": EMPTY,
        "int": None,
        "number": math.nan,
        "money": math.nan,
        "date": None,
    }.get(column.type, "")


def _convert(column: Column, value, loc: Location, issues: list[Issue], kv: bool):
    """Typed value of one non-blank cell, or None after recording an issue."""
    kind = column.type
    if isinstance(value, (datetime, date)) and kind != "date" and not kv:
        issues.append(msg_excel_date(loc, value))
        return None
    raw = _text(value)
    try:
        if kind in ("text", "code"):
            return raw
        if kind == "value":
            return parse_value(value)
        if kind == "date":
            return parse_date(value)
        if kind == "enum":
            matches = [c for c in column.choices if _choice_key(c) == _choice_key(raw)]
            if not matches:
                issues.append(msg_bad_choice(loc, raw, column))
                return None
            return matches[0]
        number = parse_number(value)
    except NotationError as error:
        issues.append(msg_bad_cell(loc, error, kind))
        return None
    if kind in ("int", "money") and number < 0:
        issues.append(msg_negative(loc, raw, kind))
        return None
    if kind == "int":
        if not float(number).is_integer():
            issues.append(msg_not_integer(loc, raw))
            return None
        return int(number)
    return float(number)


# --------------------------------------------------------------------------------------------
# Tables


def _header_name(value) -> str:
    return re.sub(r"\s+", "_", _text(value).lower()) if not _blank(value) else ""


def _empty_frame(schema: TableSchema) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name in schema.column_names + ["_row"]})


def _parse_table(
    schema: TableSchema, source: _Source, issues: list[Issue], warnings: list[Issue]
) -> Table:
    table = Table(schema.name, _empty_frame(schema), source.file, source.sheet)
    header = source.rows[0][1] if source.rows else []
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = _header_name(cell)
        if not name:
            continue
        if name in positions:
            issues.append(msg_duplicate_column(source.loc(1, name)))
        elif name not in schema.column_names:
            warnings.append(msg_unknown_column(source.loc(1, name), schema))
        else:
            positions[name] = index
    data = [(n, cells) for n, cells in source.rows[1:] if not all(_blank(c) for c in cells)]
    if not data:
        # An optional table with only its header means "none this year" (e.g. no APBN funds).
        if schema.required:
            issues.append(msg_empty_table(source.loc(), schema.name))
        return table
    for column in schema.columns:
        if column.required and column.name not in positions:
            issues.append(msg_missing_column(source.loc(1, column.name), schema))

    records, previous, previous_text, reported = [], {}, {}, set()
    group_columns = [c.name for c in schema.columns if c.fill_down and c.name in positions]
    for row, cells in data:
        record = {}
        new_group = _start_new_group(group_columns, positions, cells, previous_text, previous)
        for column in schema.columns:
            position = positions.get(column.name)
            if position is None:
                record[column.name] = _empty(column)
                continue
            cell = cells[position] if position < len(cells) else None
            loc = source.loc(row, column.name)
            if _blank(cell):
                if column.fill_down and column.name in previous:
                    record[column.name] = previous[column.name]
                    table.filled.add((row, column.name))
                    continue
                if column.required and column.name not in reported:
                    if column.fill_down:
                        reported.add(column.name)
                        issues.append(msg_fill_down_first(loc, new_group))
                    else:
                        issues.append(msg_empty_cell(loc, column))
                record[column.name] = _empty(column)
                continue
            converted = _convert(column, cell, loc, issues, schema.is_key_value)
            record[column.name] = _empty(column) if converted is None else converted
            if converted is not None:
                previous[column.name] = converted
                previous_text[column.name] = _text(cell)
        record["_row"] = row
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=schema.column_names + ["_row"])
    for column in schema.columns:
        if column.type in ("number", "money"):
            frame[column.name] = frame[column.name].astype(float)
        elif column.type in ("value", "date"):
            frame[column.name] = frame[column.name].astype(object)
    table.frame = frame
    return table


def _start_new_group(group_columns, positions, cells, previous_text, previous) -> str | None:
    """Fill-down columns nest in schema order (pk > jenis > penandatangan > no > sasaran).

    A new value in an outer one starts a new group: the inner ones are not filled from the
    previous group (as with merged cells). Returns the outer column that changed, if any.
    """
    for i, name in enumerate(group_columns):
        position = positions[name]
        cell = cells[position] if position < len(cells) else None
        if not _blank(cell) and name in previous_text and _text(cell) != previous_text[name]:
            for inner in group_columns[i + 1 :]:
                previous.pop(inner, None)
                previous_text.pop(inner, None)
            return name
    return None


def _check_unique(schema: TableSchema, table: Table, issues: list[Issue]) -> None:
    for group in schema.unique:
        seen: dict[tuple, int] = {}
        for record in table.frame.to_dict("records"):
            key = tuple(record[c] for c in group)
            if any(_blank(v) for v in key):
                continue
            if key in seen:
                loc = table.loc(record["_row"], group[-1])
                issues.append(msg_duplicate_key(loc, dict(zip(group, key, strict=True)), seen[key]))
            else:
                seen[key] = record["_row"]


def _settings(schema: TableSchema, table: Table, issues, warnings) -> dict:
    """Typed dict of a key-value table; missing required keys are reported."""
    known = {k.name: k for k in schema.keys}
    settings = {k.name: ("" if k.type == "text" else None) for k in schema.keys}
    for record in table.frame.to_dict("records"):
        key, text, row = record["kunci"].lower(), record["nilai"], record["_row"]
        spec = known.get(key)
        if spec is None:
            if not schema.extra_keys:
                warnings.append(msg_unknown_key(table.loc(row, "kunci"), key, schema))
            settings[key] = text
            continue
        if not text:
            continue
        column = Column("nilai", spec.type)
        converted = _convert(column, text, table.loc(row, "nilai"), issues, True)
        settings[key] = text if converted is None else converted  # text: error already reported
    for spec in schema.keys:
        if len(table.frame) and spec.required and settings[spec.name] in ("", None):
            issues.append(msg_missing_key(table.loc(None, "kunci"), spec.name))
    return settings


def _check_references(tables: dict[str, Table], usable: set[str], issues: list[Issue]) -> None:
    for name, schema in SCHEMAS.items():
        table = tables[name]
        for ref in schema.references:
            if ref.table not in usable or name not in usable:
                continue
            target = tables[ref.table]
            known = set(target.frame[ref.target_column])
            for record in table.frame.to_dict("records"):
                value, row = record[ref.column], record["_row"]
                if value and value not in known and (row, ref.column) not in table.filled:
                    issues.append(
                        msg_unknown_reference(
                            table.loc(row, ref.column), value, target, ref.target_column
                        )
                    )


def _check_pegawai_units(tables: dict[str, Table], usable: set[str], issues) -> None:
    if not set(PEGAWAI_TABLES) <= usable:
        return
    first = tables[PEGAWAI_TABLES[0]]
    first_units = list(first.frame["unit"])
    for name in PEGAWAI_TABLES[1:]:
        other = tables[name]
        other_units = set(other.frame["unit"])
        for unit, row in zip(other.frame["unit"], other.frame["_row"], strict=True):
            if unit not in first_units:
                issues.append(msg_pegawai_unit(other.loc(row, "unit"), unit, first))
        for unit, row in zip(first.frame["unit"], first.frame["_row"], strict=True):
            if unit not in other_units:
                issues.append(msg_pegawai_unit(first.loc(row, "unit"), unit, other))


def load_dataset(root: Path, year: int) -> Dataset:
    """Read and validate every table of ``data/<year>/``; raise InputError with all issues."""
    root = Path(root)
    rel = f"data/{year}"
    folder = root / "data" / str(year)
    if not folder.is_dir():
        raise InputError([msg_missing_folder(rel)])
    issues: list[Issue] = []
    warnings: list[Issue] = []
    sources = _find_sources(folder, rel, issues)
    tables: dict[str, Table] = {}
    usable: set[str] = set()  # tables read without error and with rows: safe to cross-check
    for name, schema in SCHEMAS.items():
        before = len(issues)
        source = sources.get(name)
        if source is None:
            if schema.required and name not in sources:
                issues.append(msg_missing_table(rel, schema))
            table = Table(name, _empty_frame(schema), f"{rel}/{name}.csv")
        else:
            table = _parse_table(schema, source, issues, warnings)
            _check_unique(schema, table, issues)
        if schema.is_key_value:
            table.settings = _settings(schema, table, issues, warnings)
        tables[name] = table
        if len(issues) == before and len(table.frame):
            usable.add(name)
    _check_references(tables, usable, issues)
    _check_pegawai_units(tables, usable, issues)
    if issues:
        raise InputError(issues)
    return Dataset(root, year, tables, warnings)
