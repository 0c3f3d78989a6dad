"""The loaded year: :class:`Table`, :class:`Dataset` and :func:`load_dataset`.

``load_dataset(project)`` returns a :class:`Dataset` of typed rows, or raises
:class:`~lkjip.errors.InputError` listing *every* problem found (never only the first).

Rows (``Table.rows``) are dicts with one key per schema column, in schema order, plus ``_row``
(the row number as Excel shows it; header = row 1). Values by column type
(:mod:`lkjip.inputs.schema`):

- ``text``/``code``: ``str`` (stripped, line breaks ``\\n``), ``""`` when empty;
- ``int``: ``int`` (an empty optional cell gets the column's default, 0 for pegawai golongan I;
  None when there is no default);
- ``number``: ``float``; ``money``: ``decimal.Decimal``, exact as typed (rupiah are summed and
  printed without float rounding); None when empty;
- ``value``: :class:`~lkjip.inputs.notation.Value` (``kind == "empty"`` when empty, never None);
- ``numbers``: :class:`~lkjip.inputs.notation.NumberList` (a tuple of floats, ``()`` when empty);
- ``enum``: the choice as spelled in the schema (``"naik"``, ``"PK Perubahan"``), or the
  column default / ``""`` when empty;
- ``date``: ``datetime.date``; month precision (``2021-03``) is a
  :class:`~lkjip.inputs.dates.MonthDate` (a ``date`` subclass, day 1); None when empty.

Fill-down cells are already filled. Key-value tables (``profil``, ``pengaturan``) keep their
``kunci``/``nilai`` rows and also a typed dict: ``Dataset.settings("profil")`` -> every known key
(text ``""`` / other types ``None`` when absent), typed per :class:`~lkjip.inputs.schema.Key`,
plus any extra key the user added (as text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import InputError, Issue, Location
from ..project import Project
from .messages import msg_missing_folder, msg_missing_table, msg_optional_absent
from .measures import MEASURED, check_measures, rescale
from .read import find_tables
from .scales import BUILT_IN, user_scales
from .schema import SCHEMAS
from .validate import check_pegawai_units, check_required_rows, check_references, check_unique, settings, type_table


@dataclass
class Table:
    """One validated table: typed ``rows`` (see the module docstring) and where it came from."""

    name: str  # "kegiatan"
    rows: list[dict]  # typed values per schema column + "_row"
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

    @property
    def columns(self) -> list[str]:
        """The schema's column names plus ``_row``."""
        return SCHEMAS[self.name].column_names + ["_row"]

    def column(self, name: str) -> list:
        """The values of one column, in row order."""
        return [row[name] for row in self.rows]

    @cached_property
    def frame(self):
        """The rows as a pandas DataFrame (object columns, empty cells as the rows have them),
        for callers that iterate with pandas; built once, read-only."""
        import pandas as pd

        return pd.DataFrame.from_records(self.rows, columns=self.columns)


@dataclass
class Dataset:
    root: Path
    year: int
    tables: dict[str, Table]  # every table of SCHEMAS (optional ones may be empty)
    warnings: list[Issue] = field(default_factory=list)  # non-fatal

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]

    @property
    def project(self) -> Project:
        return Project(self.root, self.year)

    def settings(self, name: str) -> dict:
        """Typed key-value dict of ``profil`` or ``pengaturan`` (a copy)."""
        return dict(self.tables[name].settings or {})


def load_dataset(project: Project | Path | str, year: int | None = None) -> Dataset:
    """Read and validate every table of ``project.data_dir``; raise InputError with all issues.

    ``load_dataset(root, year)`` is still accepted (same as ``load_dataset(Project(root, year))``).
    """
    if not isinstance(project, Project):
        project = Project(Path(project), int(year))
    rel = project.shown(project.data_dir)
    if not project.data_dir.is_dir():
        raise InputError([msg_missing_folder(rel)])
    issues: list[Issue] = []
    warnings: list[Issue] = []
    raw_tables = find_tables(project.data_dir, rel, issues)
    tables: dict[str, Table] = {}
    usable: set[str] = set()  # tables read without error and with rows: safe to cross-check
    for name, schema in SCHEMAS.items():
        before = len(issues)
        raw = raw_tables.get(name)
        if raw is None:
            if schema.required and name not in raw_tables:
                issues.append(msg_missing_table(rel, schema))
            elif name not in raw_tables and schema.left_out:
                warnings.append(msg_optional_absent(rel, schema))
            table = Table(name, [], f"{rel}/{name}.csv")
        else:
            warnings.extend(raw.notes)
            rows, filled = type_table(schema, raw, issues, warnings)
            table = Table(name, rows, raw.file, raw.sheet, filled=filled)
            check_unique(schema, table, issues)
            check_required_rows(schema, table, issues)
        if schema.is_key_value:
            table.settings = settings(schema, table, issues, warnings)
        tables[name] = table
        if len(issues) == before and table.rows:
            usable.add(name)
    scales = user_scales(tables["skala"].rows) + BUILT_IN
    if tables["skala"].rows:
        rescale(tables, scales)
    for name in MEASURED:
        check_measures(tables[name], scales, warnings)
    check_references(tables, usable, issues)
    check_pegawai_units(tables, usable, issues)
    if issues:
        raise InputError(issues)
    return Dataset(project.root, project.year, tables, warnings)
