"""``build.py semua DIR...``: build several projects (agencies) at once, one process each.

:func:`build_all` runs :func:`build_project` in a ``ProcessPoolExecutor`` sized to the CPUs.
Each build is the CLI's ``pipeline.build`` on that project folder; LibreOffice runs (with
``--pdf``, or without ``--fast``) each use their own temporary profile (lkjip/publish/lo_update.py),
so they do not get in each other's way.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import InputError, LkjipError

UNEXPECTED = ("kesalahan tak terduga di program (bukan di data). Saran: jalankan "
              "build.py TAHUN --proyek FOLDER untuk proyek ini saja dan laporkan pesannya.")


@dataclass
class ProjectResult:
    """The outcome of one project. ``error`` is the first line of what the CLI would print
    (for data errors: the first located error); ``warnings`` is None when the build failed."""

    root: Path
    instansi: str
    tahun: int | None
    ok: bool
    error: str | None = None
    warnings: int | None = None
    seconds: float = 0.0

    @property
    def hasil(self) -> str:
        return "berhasil" if self.ok else f"gagal: {self.error}"


def newest_year(root: Path) -> int | None:
    """The newest ``data/<tahun>/`` of a project, None when there is none."""
    from .panel.status import years

    found = years(root)
    return found[-1] if found else None


def first_error_line(error: LkjipError) -> str:
    """``InputError``: its first issue (and how many more); else the message's first line."""
    if isinstance(error, InputError) and error.issues:
        more = len(error.issues) - 1
        return str(error.issues[0]) + (f" (dan {more} kesalahan lain)" if more else "")
    return str(error).splitlines()[0]


def build_project(root: Path, year: int | None = None, pdf: bool = False,
                  fast: bool = False) -> ProjectResult:
    """Build one project quietly; never raises (failures are in the result)."""
    from . import pipeline
    from .panel.status import agency_name

    start = time.perf_counter()
    root = Path(root).resolve()
    if not root.is_dir():
        return ProjectResult(root, root.name, year, False, "folder proyek tidak ditemukan.")
    year = year or newest_year(root)
    if year is None:
        return ProjectResult(root, root.name, None, False,
                             "tidak ada folder data/<tahun>/ di proyek ini.")
    name = agency_name(root, year) or root.name
    try:
        result = pipeline.build(pipeline.Options(year=year, root=root, pdf=pdf, fast=fast),
                                lambda _: None)
    except LkjipError as error:
        return ProjectResult(root, name, year, False, first_error_line(error),
                             seconds=time.perf_counter() - start)
    except Exception:  # noqa: BLE001 - one broken project must not stop the others
        return ProjectResult(root, name, year, False, UNEXPECTED,
                             seconds=time.perf_counter() - start)
    return ProjectResult(root, name, year, True, None, len(result.warnings),
                         time.perf_counter() - start)


def build_all(roots: list[Path], year: int | None = None, pdf: bool = False, fast: bool = False,
              on_done: Callable[[ProjectResult, int, int], None] | None = None,
              workers: int | None = None) -> list[ProjectResult]:
    """Build every project in parallel; results in the order of ``roots``.

    ``on_done(result, done_count, total)`` is called as each project finishes.
    """
    roots = [Path(r) for r in roots]
    workers = workers or min(len(roots), os.cpu_count() or 1) or 1
    results: dict[int, ProjectResult] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(build_project, root, year, pdf, fast): i
                   for i, root in enumerate(roots)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                result = future.result()
            except Exception:  # noqa: BLE001 - the worker process itself died
                result = ProjectResult(roots[i].resolve(), roots[i].name, year, False, UNEXPECTED)
            results[i] = result
            if on_done:
                on_done(result, len(results), len(roots))
    return [results[i] for i in range(len(roots))]


def seconds_text(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",") + " dtk"


def summary_table(results: list[ProjectResult]) -> list[str]:
    """The closing table, aligned plain text: instansi, tahun, peringatan, waktu, hasil
    (hasil last, as a failure's first error line can be long)."""
    header = ("instansi", "tahun", "peringatan", "waktu", "hasil")
    rows = [(r.instansi, "" if r.tahun is None else str(r.tahun),
             "-" if r.warnings is None else str(r.warnings), seconds_text(r.seconds), r.hasil)
            for r in results]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]

    def line(row):
        return "  ".join([row[0].ljust(widths[0]), row[1].ljust(widths[1]),
                          row[2].rjust(widths[2]), row[3].rjust(widths[3]), row[4]])

    return [line(header), *map(line, rows)]
