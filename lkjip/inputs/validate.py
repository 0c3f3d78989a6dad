"""Typing and validating raw tables: every cell checked against its schema column.

``type_table`` turns a :class:`~lkjip.inputs.read.RawTable` into typed rows (shapes in
:mod:`lkjip.inputs.dataset`), filling fill-down cells; the ``check_*`` functions and
``settings`` look across rows and tables. Every problem is appended to ``issues`` (errors) or
``warnings``; nothing here raises.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..errors import Issue, Location
from . import file_messages as fm
from . import messages as m
from .dates import parse_date
from .notation import (
    EMPTY,
    NotationError,
    NumberList,
    clean_text,
    is_empty,
    parse_money,
    parse_number,
    parse_numbers,
    parse_value,
)
from .read import RawTable, Uncalculated
from .schema import PEGAWAI_TABLES, SCHEMAS, Column, TableSchema

if TYPE_CHECKING:
    from .dataset import Table


# --------------------------------------------------------------------------------------------
# Cells


def cell_text(value) -> str:
    """A raw cell as text: Excel numbers without ".0", dates in ISO, text stripped, "\\r\\n" -> "\\n"."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(str(value)).strip()


def _choice_key(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text).strip().lower()


def empty_value(column: Column):
    """What an empty cell of ``column`` holds (its default, else the type's empty value)."""
    if column.default is not None:
        return column.default
    if column.type in ("int", "number", "money", "date"):
        return None
    return {"value": EMPTY, "numbers": NumberList()}.get(column.type, "")


def convert(column: Column, value, loc: Location, issues: list[Issue], kv: bool = False):
    """Typed value of one non-empty cell, or None after recording an issue."""
    kind = column.type
    if isinstance(value, (datetime, date)) and kind != "date" and not kv:
        issues.append(m.msg_excel_date(loc, value))
        return None
    raw = cell_text(value)
    try:
        if kind in ("text", "code"):
            return raw
        if kind == "value":
            return parse_value(value)
        if kind == "numbers":
            return parse_numbers(value)
        if kind == "date":
            return parse_date(value)
        if kind == "enum":
            matches = [c for c in column.choices if _choice_key(c) == _choice_key(raw)]
            if not matches:
                issues.append(m.msg_bad_choice(loc, raw, column))
                return None
            return matches[0]
        number = parse_money(value) if kind == "money" else parse_number(value)
        if kind == "money" and "%" in raw:
            issues.append(m.msg_percent_money(loc, raw))
            return None
    except NotationError as error:
        issues.append(m.msg_bad_cell(loc, error, kind))
        return None
    if kind in ("int", "money") and number < 0:
        issues.append(m.msg_negative(loc, raw, kind))
        return None
    if kind == "int":
        if not float(number).is_integer():
            issues.append(m.msg_not_integer(loc, raw))
            return None
        return int(number)
    return number if kind == "money" else float(number)


# --------------------------------------------------------------------------------------------
# Tables


def header_name(value) -> str:
    """A header cell as a column name: lower case, spaces as "_"."""
    return "" if is_empty(value) else re.sub(r"\s+", "_", cell_text(value).lower())


def _positions(schema: TableSchema, raw: RawTable, issues, warnings) -> dict[str, int]:
    """Column name -> index in the row, from the header row (unknown and doubled reported)."""
    header = raw.rows[0][1] if raw.rows else []
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = header_name(cell)
        if not name:
            continue
        if name in positions:
            issues.append(m.msg_duplicate_column(raw.loc(1, name)))
        elif name not in schema.column_names:
            warnings.append(m.msg_unknown_column(raw.loc(1, name), schema))
        else:
            positions[name] = index
    return positions


def _header_further_down(schema: TableSchema, raw: RawTable, look: int = 6) -> int | None:
    """The row number of the header when the first row lacks the required columns but one of
    the next rows has them all (a table title typed above it); else None."""
    required = {c.name for c in schema.columns if c.required}

    def names(cells) -> set[str]:
        return {header_name(c) for c in cells}

    if not raw.rows or required <= names(raw.rows[0][1]):
        return None
    for number, cells in raw.rows[1:look]:
        if required <= names(cells):
            return number
    return None


def type_table(
    schema: TableSchema, raw: RawTable, issues: list[Issue], warnings: list[Issue]
) -> tuple[list[dict], set]:
    """Typed rows of a raw table and the set of (row, column) filled down."""
    lower = _header_further_down(schema, raw)
    if lower is not None:  # a title typed above the header row, as in a printed table
        issues.append(m.msg_header_lower(raw.loc(lower), lower))
        return [], set()
    positions = _positions(schema, raw, issues, warnings)
    data = [(n, cells) for n, cells in raw.rows[1:] if not all(is_empty(c) for c in cells)]
    if not data:
        # An optional table with only its header means "none this year" (e.g. no APBN funds).
        if schema.required:
            issues.append(m.msg_empty_table(raw.loc(), schema.name))
        return [], set()
    for column in schema.columns:
        if column.required and column.name not in positions:
            issues.append(m.msg_missing_column(raw.loc(1, column.name), schema))
    fill = _FillDown(schema, positions)
    rows = []
    for number, cells in data:
        label = totals_label(schema, positions, cells)
        if label is not None:
            # reported once for the row, instead of the errors of its cells
            issues.append(m.msg_totals_row(raw.loc(number), label))
            continue
        fill.next_row(cells)
        row = {}
        for column in schema.columns:
            position = positions.get(column.name)
            cell = cells[position] if position is not None and position < len(cells) else None
            loc = raw.loc(number, column.name)
            if _excel_problem(cell, loc, raw.merged.get((number, position)), column, issues):
                row[column.name] = empty_value(column)
                continue
            row[column.name] = _typed_cell(schema, column, cell, loc, fill, issues)
        row["_row"] = number
        rows.append(row)
    return rows, fill.filled


# "Total", "Jumlah", "Sub Total", "Subtotal", "Rata-rata", "Rata rata" at the start of a cell
_TOTALS = re.compile(r"^(sub ?total|total|jumlah|rata-?\s?rata)\b", re.IGNORECASE)


def totals_label(schema: TableSchema, positions: dict[str, int], cells: list) -> str | None:
    """The text of a totals row typed at the bottom of a table ("Total Belanja Langsung"),
    or None for a data row.

    Only the identifying columns are looked at: ``kode``, ``nama`` (when ``kode`` is empty or
    also a totals word) and ``unit`` of the pegawai tables; never ``indikator``, where
    "Jumlah Dokumen Laporan CALK" is a real indicator.
    """

    def text(name: str) -> str:
        position = positions.get(name)
        if position is None or position >= len(cells) or is_empty(cells[position]):
            return ""
        return cell_text(cells[position])

    if schema.is_key_value:
        return None
    kode = text("kode")
    kode_totals = bool(_TOTALS.match(kode))
    name = text("unit") if schema.name in PEGAWAI_TABLES else text("nama")
    if _TOTALS.match(name) and (not kode or kode_totals):
        return name
    return kode if kode_totals else None


def _excel_problem(cell, loc: Location, merged: str | None, column: Column, issues) -> bool:
    """Record an Excel error value, a formula never calculated, or an empty cell inside a
    merged range (outside a fill-down column); True when one was recorded."""
    if isinstance(cell, Uncalculated):
        issues.append(fm.msg_uncalculated(loc, cell))
    elif isinstance(cell, str) and cell.strip().upper() in fm.EXCEL_ERRORS:
        issues.append(fm.msg_excel_error(loc, cell.strip().upper()))
    elif merged and is_empty(cell) and not column.fill_down:
        issues.append(fm.msg_merged(loc, merged))
    else:
        return False
    return True


def _typed_cell(schema, column: Column, cell, loc: Location, fill: "_FillDown", issues):
    if is_empty(cell):
        if column.fill_down and column.name in fill.previous:
            fill.filled.add((loc.row, column.name))
            return fill.previous[column.name]
        if column.required and loc.column in fill.positions:
            if not column.fill_down:
                issues.append(m.msg_empty_cell(loc, column))
            elif column.name not in fill.reported:
                fill.reported.add(column.name)
                issues.append(m.msg_fill_down_first(loc, fill.new_group))
        return empty_value(column)
    converted = convert(column, cell, loc, issues, schema.is_key_value)
    if converted is None:
        return empty_value(column)
    fill.previous[column.name] = converted
    fill.previous_text[column.name] = cell_text(cell)
    return converted


class _FillDown:
    """The last value of each fill-down column, reset when an outer group changes.

    Fill-down columns nest in schema order (pk > jenis > penandatangan > no > sasaran): a new
    value in an outer one starts a new group, and the inner ones are not filled from the
    previous group (as with merged cells). ``new_group`` names the outer column that changed.
    """

    def __init__(self, schema: TableSchema, positions: dict[str, int]):
        self.positions = positions
        self.columns = [c.name for c in schema.columns if c.fill_down and c.name in positions]
        self.previous: dict[str, object] = {}
        self.previous_text: dict[str, str] = {}
        self.reported: set[str] = set()
        self.filled: set[tuple[int, str]] = set()
        self.new_group: str | None = None

    def next_row(self, cells: list) -> None:
        self.new_group = None
        for i, name in enumerate(self.columns):
            position = self.positions[name]
            cell = cells[position] if position < len(cells) else None
            changed = name in self.previous_text and cell_text(cell) != self.previous_text[name]
            if not is_empty(cell) and changed:
                for inner in self.columns[i + 1 :]:
                    self.previous.pop(inner, None)
                    self.previous_text.pop(inner, None)
                self.new_group = name
                return


# --------------------------------------------------------------------------------------------
# Across rows and tables


def check_unique(schema: TableSchema, table: Table, issues: list[Issue]) -> None:
    for group in schema.unique:
        seen: dict[tuple, int] = {}
        for row in table.rows:
            key = tuple(row[c] for c in group)
            if any(is_empty(v) for v in key):
                continue
            if key in seen:
                loc = table.loc(row["_row"], group[-1])
                issues.append(m.msg_duplicate_key(loc, dict(zip(group, key, strict=True)), seen[key]))
            else:
                seen[key] = row["_row"]


def check_required_rows(schema: TableSchema, table: Table, issues: list[Issue]) -> None:
    """Every value of ``schema.required_rows`` has its row (e.g. belanja ``langsung``)."""
    if not schema.required_rows or not table.rows:
        return
    column, what, values = schema.required_rows
    present = set(table.column(column))
    for value in values:
        if value not in present:
            issues.append(m.msg_missing_row(table.loc(None, column), column, value, what))


def settings(schema: TableSchema, table: Table, issues, warnings) -> dict:
    """Typed dict of a key-value table; missing required keys are reported."""
    known = {k.name: k for k in schema.keys}
    typed = {k.name: ("" if k.type == "text" else None) for k in schema.keys}
    for row in table.rows:
        key, text, number = row["kunci"].lower(), row["nilai"], row["_row"]
        spec = known.get(key)
        if spec is None:
            if not schema.extra_keys:
                warnings.append(m.msg_unknown_key(table.loc(number, "kunci"), key, schema))
            typed[key] = text
            continue
        if not text:
            continue
        converted = convert(Column("nilai", spec.type), text, table.loc(number, "nilai"), issues, True)
        typed[key] = text if converted is None else converted  # text: error already reported
    for spec in schema.keys:
        if table.rows and spec.required and typed[spec.name] in ("", None):
            issues.append(m.msg_missing_key(table.loc(None, "kunci"), spec.name))
    return typed


def check_references(tables: dict[str, Table], usable: set[str], issues: list[Issue]) -> None:
    for name, schema in SCHEMAS.items():
        table = tables[name]
        for ref in schema.references:
            if ref.table not in usable or name not in usable:
                continue
            target = tables[ref.table]
            known = {row[ref.target_column] for row in target.rows}
            for row in table.rows:
                value, number = row[ref.column], row["_row"]
                if value and value not in known and (number, ref.column) not in table.filled:
                    loc = table.loc(number, ref.column)
                    issues.append(m.msg_unknown_reference(loc, value, target, ref.target_column))


def check_pegawai_units(tables: dict[str, Table], usable: set[str], issues) -> None:
    """The three pegawai tables list the same units."""
    if not set(PEGAWAI_TABLES) <= usable:
        return
    first = tables[PEGAWAI_TABLES[0]]
    first_units = [row["unit"] for row in first.rows]
    for name in PEGAWAI_TABLES[1:]:
        other = tables[name]
        other_units = {row["unit"] for row in other.rows}
        for row in other.rows:
            if row["unit"] not in first_units:
                issues.append(m.msg_pegawai_unit(other.loc(row["_row"], "unit"), row["unit"], first))
        for row in first.rows:
            if row["unit"] not in other_units:
                issues.append(m.msg_pegawai_unit(first.loc(row["_row"], "unit"), row["unit"], other))
