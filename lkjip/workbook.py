"""Write the input tables as one Excel workbook a planner can fill without reading docs.

``write_workbook(path, year, tables, schemas)`` writes one sheet per table of
:mod:`lkjip.inputs.schema` (sheet name = table name, header row = the column names the loader
expects) after a first sheet ``PETUNJUK`` with instructions. The loader reads only sheets
named after a table, so ``PETUNJUK`` is ignored by it.

Each sheet has a frozen bold header, a note on every header cell (what to type, W/O, an
example), dropdowns for enum columns, ``#,##0.00`` for money, text format for code and value
columns (so Excel keeps ``01`` and ``<11`` as typed) and wrapped text for long text columns.

Rows are dicts ``{column: value}``; a value may be typed (:class:`lkjip.inputs.notation.Value`,
float, ``date``) or already a cell value. Values are written as their raw text, money and
other numbers as numbers, so a workbook written from a loaded dataset loads back to equal
frames (:func:`dataset_tables`).
"""

from __future__ import annotations

import io
import math
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .errors import OutputError
from .inputs.dates import MonthDate
from .inputs.notation import NumberList, Value
from .project import Project
from .inputs.schema import Column, TableSchema
from .workbook_text import EXAMPLE, KEY_MEANING, MEANING, PURPOSE

INSTRUCTIONS_SHEET = "PETUNJUK"
AUTHOR = "lkjip"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
LONG_TEXT = 45  # characters: wider text columns wrap
MAX_WIDTH = {"text": 60, "value": 22, "money": 20, "number": 14, "int": 10}

# What each sheet is for (also the PETUNJUK list), in Indonesian.
def cell_value(column: Column, value):
    """What to write in a cell for a (typed or raw) value; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, (Value, NumberList)):
        return value.raw or None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, MonthDate):
        return f"{value:%Y-%m}"
    if isinstance(value, date):
        return value.isoformat()
    if column.type in ("money", "number", "int") and isinstance(value, (int, float, Decimal)):
        return int(value) if float(value).is_integer() else float(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def dataset_tables(dataset, blank_repeats: bool = True) -> dict[str, list[dict]]:
    """The dataset's frames as rows ``{column: value}`` for :func:`write_workbook`.

    With ``blank_repeats``, a fill-down cell equal to the one above is left empty (as the
    planners type merged cells); the loader fills it back.
    """
    tables = {}
    for name, table in dataset.tables.items():
        columns = [c for c in table.columns if c != "_row"]
        rows = [{c: record[c] for c in columns} for record in table.rows]
        tables[name] = rows
    if blank_repeats:
        from .inputs.schema import SCHEMAS

        tables = {n: blank_repeated(SCHEMAS[n], rows) if n in SCHEMAS else rows for n, rows in tables.items()}
    return tables


def blank_repeated(schema: TableSchema, rows: list[dict]) -> list[dict]:
    """Rows with every fill-down value equal to the row above's left empty.

    Fill-down columns nest in schema order (as the loader reads them): once an outer one
    changes, every inner one is written again in that row (a new group is not filled from
    the previous one).
    """
    group = [c for c in schema.columns if c.fill_down]
    out, previous = [], {}
    for row in rows:
        row, changed = dict(row), False
        for column in group:
            value = cell_value(column, row.get(column.name))
            if value is None:
                continue
            if not changed and previous.get(column.name) == value:
                row[column.name] = None
            else:
                changed = changed or column.name in previous
                if changed:
                    for inner in group[group.index(column) + 1 :]:
                        previous.pop(inner.name, None)
            previous[column.name] = value
        out.append(row)
    return out


# --------------------------------------------------------------------------------------------
# Notes


def _meaning(table: str, column: str) -> str:
    return MEANING.get(f"{table}.{column}") or MEANING.get(column, "")


def header_note(schema: TableSchema, column: Column) -> str:
    """The Indonesian note on a header cell: W/O, what to type, an example."""
    lines = [f"{column.name} ({'W = wajib' if column.required else 'O = opsional, boleh kosong'})"]
    meaning = _meaning(schema.name, column.name)
    if column.name.startswith("target_"):
        meaning = f"target tahun ke-{column.name[-1]} Renstra, seperti tertulis"
    if meaning:
        lines.append(meaning[0].upper() + meaning[1:] + ".")
    if column.type == "enum":
        lines.append("Pilihan: " + ", ".join(column.choices) + ".")
        if column.default:
            lines.append(f"Kosong = {column.default}.")
    elif column.type in EXAMPLE and "mis." not in meaning and schema.name != "profil":
        lines.append(f"Contoh: {EXAMPLE[column.type]}")
    if column.type == "money":
        lines.append("Ketik angka saja (tanpa Rp).")
    if column.fill_down:
        lines.append("Isi-ke-bawah: boleh dikosongkan untuk mengulang isi baris di atasnya.")
    return "\n".join(lines)


def _note(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    lines = sum(1 + len(line) // 45 for line in text.split("\n"))
    comment.width = 320
    comment.height = max(60, 16 * lines + 10)
    return comment


# --------------------------------------------------------------------------------------------
# Sheets


def _instructions(sheet, year, schemas: dict[str, TableSchema]) -> None:
    tahun = str(year) if year else "TAHUN"
    lines = [
        (f"PETUNJUK PENGISIAN DATA LKjIP {tahun}", "title"),
        ("", None),
        ("Cara mengisi", "head"),
        ("1. Setiap sheet (selain PETUNJUK) adalah satu tabel. Jangan mengganti nama sheet atau judul kolom di baris 1.", None),
        ("2. Data mulai baris 2, satu baris untuk setiap butir. Arahkan kursor ke judul kolom untuk melihat catatan: apa yang diketik, contoh, dan W/O.", None),
        ("   W = wajib diisi; O = opsional, boleh kosong.", None),
        ("3. Kolom isi-ke-bawah (lihat catatan judul kolom) boleh dikosongkan untuk mengulang isi baris di atasnya, seperti sel yang digabung.", None),
        ("4. Kolom dengan daftar pilihan (mis. arah: naik/turun) diisi dengan memilih dari daftar.", None),
        ("5. Angka boleh ditulis cara Indonesia: 1.234.567,89  57%  <11  ≤7,82  2-3. Target dan realisasi diketik seperti di dokumen.", None),
        ("6. Uang (pagu, realisasi, anggaran, nilai aset) diketik sebagai angka tanpa Rp.", None),
        ("", None),
        ("Jangan diketik (semuanya dihitung otomatis)", "head"),
        ("Capaian, persentase, total, subtotal, jumlah pegawai, selisih, rata-rata, efisiensi, kategori/predikat, dan nilai kode kelompok aset.", None),
        ("Pengecualian: kertas_kerja kolom capaian hanya untuk rumus teks; iku kolom capaian_tahun_lalu hanya bila data tahun lalu tidak ada di folder data.", None),
        ("", None),
        ("Membuat laporan", "head"),
        (f"Simpan file ini di folder data/{tahun}/ (mis. data/{tahun}/lkjip.xlsx), tutup Excel, lalu jalankan:", None),
        (f"   uv run build.py {tahun} --check     memeriksa data saja", None),
        (f"   uv run build.py {tahun}             membuat output/LKjIP_{tahun}.docx", None),
        ("Pesan kesalahan menyebut file, sheet, baris, dan kolom yang perlu diperbaiki.", None),
        ("Sebuah tabel boleh diisi di sheet ini atau sebagai file CSV bernama sama, tetapi tidak keduanya.", None),
        ("", None),
        ("Daftar sheet", "head"),
    ]
    for name, schema in schemas.items():
        status = "wajib" if schema.required else "opsional"
        lines.append((f"{name} ({status}): {PURPOSE.get(name, '')}", None))
    for row, (text, kind) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        if kind == "title":
            cell.font = Font(bold=True, size=14)
        elif kind == "head":
            cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 120


def _width(column: Column, values: list) -> tuple[float, bool]:
    """Column width in characters and whether the column wraps."""
    lengths = [max(len(line) for line in str(v).split("\n")) for v in values if v is not None]
    if column.type == "money":
        lengths = [len(f"{v:,.2f}") for v in values if isinstance(v, (int, float))]
    longest = max(lengths, default=0)
    cap = MAX_WIDTH.get(column.type, 18)
    width = min(max(len(column.name) + 3, longest + 2, 8), cap)
    wrap = column.type == "text" and longest > LONG_TEXT
    if column.type == "text" and longest > LONG_TEXT:
        width = min(max(width, 40), cap)
    return width, wrap


def _sheet(workbook, schema: TableSchema, rows: list[dict]) -> None:
    sheet = workbook.create_sheet(schema.name)
    columns = list(schema.columns)
    matrix = [[cell_value(c, row.get(c.name)) for c in columns] for row in rows]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top")
        cell.comment = _note(header_note(schema, column))
    for r, values in enumerate(matrix, start=2):
        for c, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    lines = [1] * len(matrix)  # text lines per data row, for its height
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        width, wrap = _width(column, [row[index - 1] for row in matrix])
        if wrap:
            for r, row in enumerate(matrix):
                lines[r] = max(lines[r], _lines(row[index - 1], width))
        dimension = sheet.column_dimensions[letter]
        dimension.width = width
        fmt = {"money": "#,##0.00", "int": "0", "number": "General"}.get(column.type, "@")
        dimension.number_format = fmt
        alignment = Alignment(wrap_text=wrap, vertical="top")
        dimension.alignment = alignment
        for r in range(2, len(matrix) + 2):
            cell = sheet.cell(row=r, column=index)
            cell.number_format = fmt
            cell.alignment = alignment
        if column.type == "enum":
            _dropdown(sheet, letter, column)
    for r, n in enumerate(lines, start=2):
        if n > 1:  # Excel and LibreOffice do not always grow a wrapped row by themselves
            sheet.row_dimensions[r].height = 15 * n
    if schema.is_key_value:
        notes = {key.name: key for key in schema.keys}
        for r, values in enumerate(matrix, start=2):
            key = notes.get(str(values[0]).lower())
            if key:
                text = f"{key.name} ({'W' if key.required else 'O'})"
                if key.name in KEY_MEANING:
                    text += "\nContoh: " + KEY_MEANING[key.name]
                sheet.cell(row=r, column=1).comment = _note(text)
    sheet.freeze_panes = "A2"


def _lines(value, width: float) -> int:
    """How many lines ``value`` takes in a wrapped column ``width`` characters wide."""
    if value is None:
        return 1
    return sum(max(1, math.ceil(len(part) / max(width - 1, 1))) for part in str(value).split("\n"))


def _dropdown(sheet, letter: str, column: Column) -> None:
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(column.choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Pilihan tidak dikenal",
        error="Pilih salah satu: " + ", ".join(column.choices),
        promptTitle=column.name,
        prompt="Pilih dari daftar",
        showInputMessage=True,
    )
    validation.add(f"{letter}2:{letter}1048576")
    sheet.add_data_validation(validation)


def build_workbook(year, tables: dict[str, list[dict]] | None, schemas: dict[str, TableSchema]):
    """The openpyxl Workbook (not saved)."""
    workbook = Workbook()
    _instructions(workbook.active, year, schemas)
    workbook.active.title = INSTRUCTIONS_SHEET
    for name, schema in schemas.items():
        if tables is None:  # an empty workbook: key-value sheets list their keys
            rows = [{"kunci": key.name} for key in schema.keys]
        else:
            rows = list(tables.get(name, []))
        _sheet(workbook, schema, rows)
    for sheet in workbook.worksheets:  # printed on A4 landscape, one page wide
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return workbook


def write_workbook(path, year, tables: dict[str, list[dict]] | None, schemas) -> Path:
    """Write the input workbook to ``path`` atomically (as every output); return the path."""
    from .publish.write import write_atomic

    buffer = io.BytesIO()
    build_workbook(year, tables, schemas).save(buffer)
    write_atomic(Path(path), buffer.getvalue())
    return Path(path)


def export_year(root, year: int, force: bool = False) -> Path:
    """``data/<year>/`` as a filled workbook ``output/lkjip-<year>.xlsx``; refuses to overwrite."""
    from .inputs import load_dataset
    from .inputs.schema import SCHEMAS

    root = Path(root)
    target = Project(root, year).workbook_path
    if target.exists() and not force:
        raise OutputError(
            f"{target.relative_to(root).as_posix()} sudah ada. "
            "Saran: tambahkan --force untuk menimpanya, atau pindahkan file itu dulu."
        )
    dataset = load_dataset(Project(root, year))
    write_workbook(target, year, dataset_tables(dataset), SCHEMAS)
    return target
