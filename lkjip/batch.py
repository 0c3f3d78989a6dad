"""``build.py semua DIR...``: build several projects (agencies) at once, one process each.

:func:`build_all` runs :func:`build_project` in a ``ProcessPoolExecutor`` sized to the CPUs.
Each build is the CLI's ``pipeline.build`` on that project folder. Without ``--fast`` each
worker process keeps one LibreOffice (:class:`lkjip.publish.office.Office`, its own
temporary profile) for all the projects it builds, started at its first project and closed
when the worker ends; the workers' LibreOffices do not get in each other's way.
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
    (for data errors: the first located error); ``warnings`` is None when the build failed;
    ``notes``: the build's notes (e.g. no LibreOffice, so no PDF), as a single build prints
    them."""

    root: Path
    instansi: str
    tahun: int | None
    ok: bool
    error: str | None = None
    warnings: int | None = None
    seconds: float = 0.0
    notes: tuple[str, ...] = ()

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
                                lambda _: None, office=None if fast else worker_office())
    except LkjipError as error:
        return ProjectResult(root, name, year, False, first_error_line(error),
                             seconds=time.perf_counter() - start)
    except Exception:  # noqa: BLE001 - one broken project must not stop the others
        return ProjectResult(root, name, year, False, UNEXPECTED,
                             seconds=time.perf_counter() - start)
    return ProjectResult(root, name, year, True, None, len(result.warnings),
                         time.perf_counter() - start, tuple(result.notes))


def build_all(roots: list[Path], year: int | None = None, pdf: bool = False, fast: bool = False,
              on_done: Callable[[ProjectResult, int, int], None] | None = None,
              workers: int | None = None) -> list[ProjectResult]:
    """Build every project in parallel; results in the order of ``roots``.

    ``on_done(result, done_count, total)`` is called as each project finishes.
    """
    roots = [Path(r) for r in roots]
    workers = workers or min(len(roots), os.cpu_count() or 1) or 1
    results: dict[int, ProjectResult] = {}
    import_before_fork()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=start_worker)
    try:
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
    except KeyboardInterrupt:  # Ctrl+C: the workers ignore it; they are ended here
        stop_workers(pool)
        raise
    pool.shutdown()
    return [results[i] for i in range(len(roots))]


_office = None  # this worker's LibreOffice (lkjip.publish.office.Office), if any
_in_worker = False  # True in a worker process of build_all's pool


def start_worker() -> None:
    """Run in each worker process as it starts: it ignores Ctrl+C (see :func:`build_all`);
    its LibreOffice is made at the first project that needs one and closed when the worker
    ends (``multiprocessing``'s exit finalizers: a forked worker leaves through ``os._exit``
    and skips ``atexit``; ``atexit`` as well for other ways out). A killed worker's
    LibreOffice closes itself (its stdin ends)."""
    import atexit
    import signal
    from multiprocessing import util

    global _office, _in_worker
    _office, _in_worker = None, True
    # Ctrl+C reaches every process of the terminal: the main process alone answers it (a
    # worker interrupted inside multiprocessing's own locks would hang the pool)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # stop_workers ends them with it
    util.Finalize(None, close_worker_office, exitpriority=10)
    atexit.register(close_worker_office)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool at once: queued projects dropped, running ones killed (their LibreOffice
    closes itself when its worker's pipe ends; an interrupted build writes nothing) and the
    report copies they had made for LibreOffice removed."""
    from .publish.libreoffice import remove_job_folders

    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, ValueError):
            pass
    for process in processes:
        process.join(timeout=10)
    remove_job_folders(process.pid for process in processes)


def worker_office():
    """This process's kept LibreOffice in a worker started by :func:`start_worker`, else None
    (the build then starts and ends its own)."""
    global _office
    if _office is None and _in_worker:
        from .publish.office import Office

        _office = Office()
    return _office


def close_worker_office() -> None:
    global _office
    office, _office = _office, None
    if office is not None:
        office.close()


BUILD_MODULES = ("lkjip.pipeline", "lkjip.inputs", "lkjip.report", "lkjip.report.audit",
                 "lkjip.present.words", "lkjip.present.narrative", "lkjip.present.tables",
                 "lkjip.present.chartcache", "lkjip.docx.document", "lkjip.publish.write",
                 "lkjip.publish.libreoffice", "lkjip.panel.status")


def import_before_fork() -> None:
    """Where worker processes are forked (Linux), import what a build needs once, here: each
    worker then starts with it instead of importing it again (~0.3 s of CPU per worker).
    Each worker builds its share of the projects one after the other in the same process,
    so its imports and the chapters' compiled Jinja stay warm between projects."""
    import importlib
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=False) == "fork":
        for name in BUILD_MODULES:
            importlib.import_module(name)


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
