"""``build.py baru DIR``: a new agency's project, ready to fill.

Writes ``DIR/data/<tahun>/lkjip.xlsx`` (every input table as a sheet with its header, notes on
each column, dropdowns and the PETUNJUK sheet; the profil keys listed), ``DIR/chapters/<tahun>/``
(the tool's default chapters, which follow PermenPAN-RB No. 53/2014's structure and insert
every standard table from the data) and ``DIR/templates/lkjip.docx`` (the tool's template, to
restyle in Word). Nothing existing is overwritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import OutputError
from .project import DEFAULT_TEMPLATE, Project

DEFAULT_CHAPTERS = Path(__file__).resolve().parent / "templates" / "chapters"
WORKBOOK_NAME = "lkjip.xlsx"


def starter_tables() -> dict[str, list[dict]]:
    """Empty tables, with the known keys of the key/value tables (profil, pengaturan) listed
    so the planner only fills the ``nilai`` column."""
    from .inputs.schema import SCHEMAS

    tables: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    for name, schema in SCHEMAS.items():
        keys = getattr(schema, "keys", None)
        if keys:
            tables[name] = [{"kunci": key.name} for key in keys]
    return tables


def create_project(root: Path, year: int) -> list[str]:
    """Create the project folder ``root`` for ``year``; return Indonesian messages.

    Raises OutputError when ``data/<tahun>/``, ``chapters/<tahun>/`` or ``templates/lkjip.docx``
    already exists there, or when the folder cannot be written.
    """
    from .inputs.schema import SCHEMAS
    from .workbook import write_workbook

    project = Project(Path(root), year)
    existing = [p for p in (project.data_dir, project.chapters_dir, project.own_template)
                if p.exists()]
    if existing:
        names = ", ".join(project.shown(p) for p in existing)
        raise OutputError(
            f"{names} sudah ada di {Path(root).as_posix()}; tidak ada yang diubah. "
            f"Saran: pilih folder lain, atau gunakan build.py init {year} untuk tahun berikutnya."
        )
    try:
        project.data_dir.mkdir(parents=True)
        write_workbook(project.data_dir / WORKBOOK_NAME, year, starter_tables(), SCHEMAS)
        shutil.copytree(DEFAULT_CHAPTERS, project.chapters_dir)
        project.own_template.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEFAULT_TEMPLATE, project.own_template)
    except OSError as error:
        raise OutputError(
            f"folder {Path(root).as_posix()} tidak dapat ditulis ({error.strerror or 'ditolak'}). "
            "Saran: pilih folder yang bisa Anda tulis, misalnya di Documents."
        ) from None
    shown = Path(root).as_posix()
    return [
        f"Dibuat: {shown}/{project.shown(project.data_dir)}/{WORKBOOK_NAME} (isi setiap sheet; "
        "sheet PETUNJUK menjelaskan caranya).",
        f"Dibuat: {shown}/{project.shown(project.chapters_dir)}/ (bab bawaan, semua angka dan "
        "tabel diambil dari data; tambahkan narasi Anda).",
        f"Dibuat: {shown}/templates/lkjip.docx (tampilan laporan; ubah gayanya di Word bila perlu).",
        "",
        f"Langkah berikutnya: isi workbook, lalu jalankan build.py {year} --check --proyek {shown}",
    ]
