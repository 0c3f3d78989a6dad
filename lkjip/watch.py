"""``build.py TAHUN --pantau``: one long-lived process that builds the report again whenever a
data, chapter or template file changes.

The process stays warm between builds: its imports, the chapters' compiled Jinja (kept in
memory by :mod:`lkjip.present.narrative.compiled`; unchanged chapters are not compiled again)
and the chart cache (:mod:`lkjip.present.chartcache`: charts whose data did not change are not
drawn again). Changes are found by polling the files' modification times and sizes every
``interval`` seconds (no extra package; works the same on Windows network drives); a build
starts once the files have stopped changing for one interval (an editor that saves in
several steps triggers one build). Without ``--fast`` one LibreOffice
(:class:`lkjip.publish.office.Office`) is started at the first build and kept open for
the next ones (its start is paid once); it is closed when watching ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from . import pipeline
from .errors import LkjipError
from .project import Project

Echo = Callable[[str], None]
Snapshot = dict[str, tuple[int, int]]


def watched_folders(project: Project) -> list[Path]:
    """What a build reads: this year's and last year's data and chapters, the templates."""
    last_year = project.year_of(project.year - 1)
    return [project.data_dir, last_year.data_dir, project.chapters_dir,
            last_year.chapters_dir, project.root / "templates"]


def snapshot(project: Project) -> Snapshot:
    """``{path: (mtime_ns, size)}`` of every file in :func:`watched_folders` (Office's lock
    files ``~$...`` and hidden files left out)."""
    found: Snapshot = {}
    for folder in watched_folders(project):
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.name.startswith(("~$", ".")):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed_files(before: Snapshot, after: Snapshot, project: Project) -> list[str]:
    """The files added, removed or changed, as messages show them."""
    names = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    return sorted(project.shown(Path(p)) for p in names)


def watch(opts: pipeline.Options, echo: Echo, report: Callable[[pipeline.Result], None],
          interval: float = 0.2, should_stop: Callable[[], bool] = lambda: False) -> int:
    """Build now, then again after every change, until ``should_stop()`` (or Ctrl+C, which
    the caller handles). ``report(result)`` shows a finished build; a failed one is shown as
    the CLI shows it and the process keeps waiting. Returns the number of builds."""
    office = None if opts.fast else new_office()
    try:
        return _watch(opts, echo, report, interval, should_stop, office)
    finally:
        if office is not None:
            office.close()


def new_office():
    """The LibreOffice kept open between rebuilds (replaced by a stand-in in tests)."""
    from .publish.office import Office

    return Office()


def _watch(opts, echo, report, interval, should_stop, office) -> int:
    project = opts.project
    builds = 0
    current = snapshot(project)
    what = "Menyusun"
    while True:
        start = time.perf_counter()
        echo(f"\n[{datetime.now():%H:%M:%S}] {what} LKjIP {opts.year} ...")
        try:
            report(pipeline.build(opts, echo, office=office))
        except LkjipError as error:
            echo(f"Kesalahan: {error}")
        builds += 1
        echo(f"({time.perf_counter() - start:.2f} dtk) Memantau data/, chapters/ dan templates/; "
             "tekan Ctrl+C untuk berhenti.")
        while True:
            if should_stop():
                return builds
            time.sleep(interval)
            latest = snapshot(project)
            if latest == current:
                continue
            settled = latest
            while True:  # wait until the files stop changing (an editor saving in steps)
                time.sleep(interval)
                latest = snapshot(project)
                if latest == settled:
                    break
                settled = latest
            echo("Berubah: " + ", ".join(changed_files(current, latest, project)))
            current = latest
            what = "Menyusun ulang"
            break
