"""What the panel (and ``build.py semua``) knows about a project, in one place.

This is the only module of the panel that reaches into the rest of ``lkjip`` (``load``'s table
finder, ``pipeline``, ``audit``, ``context``, ``cli``), so it is the one to re-point when those
move. Everything it returns is plain data; every message is worded exactly as the CLI prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Issue, LkjipError
from ..inputs.notation import is_empty
from ..inputs.schema import SCHEMAS
from ..project import Project

OTHER = "lain-lain"  # group of messages that name no file


@dataclass
class TableStatus:
    """One input table of ``data/<year>/``.

    ``state``: ``"ada"`` (found, with rows), ``"kosong"`` (found, only the header row),
    ``"tidak ada"`` (not found), ``"ganda"`` (found more than once: an error).
    """

    name: str
    required: bool
    state: str
    place: str | None = None  # 'data/2020/iku.csv' or 'data/2021/lkjip.xlsx, sheet "iku"'
    rows: int = 0  # data rows (blank rows not counted)
    realisasi_kosong: int = 0  # empty realisasi cells (known only when the data loads)


@dataclass
class YearStatus:
    """The check of one year, as ``build.py TAHUN --check`` sees it.

    ``error_head`` is None when the data loads (then ``warnings`` holds the audit); else it is
    the CLI's first line (``"Kesalahan: Ditemukan 2 kesalahan pada data masukan:"``) and
    ``errors`` the lines under it. Both message dicts map a file (or ``"lain-lain"``) to the
    lines about it, each line ``str(issue)`` as the CLI prints it after ``"- "``.
    """

    year: int
    tables: list[TableStatus]
    error_head: str | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    agency: str | None = None  # profil nama_instansi + daerah
    names: list[tuple[str, str]] = field(default_factory=list)  # vars: (name, value)
    insertable: list[str] = field(default_factory=list)  # {{ tabel("...") }} lines

    @property
    def warning_count(self) -> int:
        return sum(map(len, self.warnings.values()))

    @property
    def error_count(self) -> int:
        return sum(map(len, self.errors.values()))


def years(root: Path) -> list[int]:
    """The years with a ``data/<tahun>/`` folder, oldest first."""
    return [y for y in Project(Path(root), 0).years() if 1000 <= y <= 9999]


def _sources(root: Path, year: int) -> dict:
    """Table name -> load's raw source (None when found twice); read errors are left to the
    full load, which reports them."""
    from ..inputs.read import find_tables as find_raw_tables

    project = Project(Path(root), year)
    if not project.data_dir.is_dir():
        return {}
    return find_raw_tables(project.data_dir, project.shown(project.data_dir), [])


def find_tables(root: Path, year: int, sources: dict | None = None) -> list[TableStatus]:
    """Every table of the schema, in schema order, with where it was found (``sources``: the
    raw tables when already read)."""
    sources = _sources(root, year) if sources is None else sources
    out = []
    for name, schema in SCHEMAS.items():
        if name not in sources:
            out.append(TableStatus(name, schema.required, "tidak ada"))
            continue
        source = sources[name]
        if source is None:
            out.append(TableStatus(name, schema.required, "ganda"))
            continue
        place = str(source.loc())
        rows = sum(1 for _, cells in source.rows[1:] if not all(is_empty(c) for c in cells))
        out.append(TableStatus(name, schema.required, "ada" if rows else "kosong", place, rows))
    return out


def agency_name(root: Path, year: int, sources: dict | None = None) -> str | None:
    """``nama_instansi daerah`` from the ``profil`` table, read on its own (so it is known
    even when other tables have errors); None when there is none."""
    source = (_sources(root, year) if sources is None else sources).get("profil")
    if not source or not source.rows:
        return None
    header = [str(c or "").strip().lower() for c in source.rows[0][1]]
    if "kunci" not in header or "nilai" not in header:
        return None
    k, v = header.index("kunci"), header.index("nilai")
    values = {}
    for _, cells in source.rows[1:]:
        if len(cells) > max(k, v) and not is_empty(cells[k]) and not is_empty(cells[v]):
            values[str(cells[k]).strip().lower()] = str(cells[v]).strip()
    name = " ".join(x for x in (values.get("nama_instansi"), values.get("daerah")) if x)
    return name or None


def _place(issue: Issue | None) -> str:
    return issue.location.file if issue is not None and issue.location else OTHER


def group(issues: list[Issue]) -> dict[str, list[str]]:
    """Issue lines by file, files in order of first appearance."""
    out: dict[str, list[str]] = {}
    for issue in issues:
        out.setdefault(_place(issue), []).append(str(issue))
    return out


def error_lines(error: LkjipError) -> tuple[str, dict[str, list[str]]]:
    """A failed check or build as the CLI prints it: (first line, lines grouped by file).

    An :class:`InputError` is ``"Kesalahan: Ditemukan N kesalahan pada data masukan:"`` and one
    line per issue; any other error is ``"Kesalahan:"`` and its whole message, grouped under
    the file it names (a chapter's ``ChapterError``) or ``"lain-lain"``.
    """
    if isinstance(error, InputError):
        head, *_ = str(error).splitlines()
        return f"Kesalahan: {head}", group(error.issues)
    location = getattr(error, "location", None)
    place = location.file if location is not None else OTHER
    return "Kesalahan:", {place: [str(error)]}


def check_year(root: Path, year: int) -> YearStatus:
    """Load, compute and audit ``data/<year>/`` (nothing is written).

    Never raises for the user's mistakes: they come back in ``error_head``/``errors``.
    """
    from .. import pipeline
    from ..cli import insertable_names
    from ..present.words import flatten
    from ..report.audit import missing_realisasi

    sources = _sources(root, year)  # the workbooks read once for both
    status = YearStatus(year, find_tables(root, year, sources),
                        agency=agency_name(root, year, sources))
    try:
        gathered = pipeline.gather(Project(Path(root), year))
    except LkjipError as error:
        status.error_head, status.errors = error_lines(error)
        return status
    dataset, context = gathered.dataset, gathered.context
    status.warnings = group(gathered.warnings)
    empty: dict[str, int] = {}
    for issue in missing_realisasi(dataset, context):
        name = next((t.name for t in dataset.tables.values()
                     if issue.location and t.file == issue.location.file
                     and t.sheet == issue.location.sheet), None)
        if name:
            empty[name] = empty.get(name, 0) + 1
    for table in status.tables:
        table.realisasi_kosong = empty.get(table.name, 0)
    status.agency = context.get("profil", {}).get("nama_lengkap") or status.agency
    status.names = flatten(context)
    status.insertable = insertable_names()
    return status


def libreoffice_available() -> bool:
    from ..publish.libreoffice import libreoffice_available as available

    return available()
