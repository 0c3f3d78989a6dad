"""Builds in a background thread, one at a time per project, polled by the page.

A :class:`Job` collects the pipeline's progress lines (its ``echo``) as they come; the page
asks for :meth:`Job.as_json` every half second. Errors are kept as the CLI words them; an
unexpected Python error is logged to the terminal only, the page gets a plain sentence.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LkjipError
from . import status

log = logging.getLogger("lkjip.panel")

UNEXPECTED = ("Kesalahan: terjadi kesalahan tak terduga di program (bukan di data Anda). "
              "Rinciannya ada di jendela terminal panel; laporkan kepada pengelola aplikasi.")


@dataclass
class Job:
    """One build. ``state``: ``"berjalan"`` | ``"selesai"`` | ``"gagal"``."""

    id: int
    year: int
    pdf: bool
    fast: bool
    state: str = "berjalan"
    lines: list[str] = field(default_factory=list)  # progress, one per step, as the CLI
    error_head: str | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # names under output/
    started: float = field(default_factory=time.monotonic)
    seconds: float | None = None

    def as_json(self) -> dict:
        return {
            "id": self.id, "tahun": self.year, "status": self.state, "langkah": list(self.lines),
            "kesalahan_judul": self.error_head, "kesalahan": self.errors,
            "peringatan": self.warnings, "catatan": self.notes, "berkas": self.files,
            "detik": self.seconds,
        }


class Busy(Exception):
    """A build is already running; ``job`` is that build."""

    def __init__(self, job: Job):
        super().__init__(job.year)
        self.job = job


class Jobs:
    """The builds of one project: at most one running; the last one is kept for the page."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.last: Job | None = None
        self.last_by_year: dict[int, Job] = {}

    def running(self) -> Job | None:
        job = self.last
        return job if job is not None and job.state == "berjalan" else None

    def start_build(self, year: int, pdf: bool, fast: bool) -> Job:
        """Start ``pipeline.build`` for ``year`` in a thread; raises :class:`Busy`."""
        with self._lock:
            if (current := self.running()) is not None:
                raise Busy(current)
            job = Job(next(self._ids), year, pdf, fast)
            self.last = self.last_by_year[year] = job
        threading.Thread(target=self._build, args=(job,), daemon=True,
                         name=f"lkjip-build-{job.id}").start()
        return job

    def get(self, job_id: int) -> Job | None:
        job = self.last
        if job is not None and job.id == job_id:
            return job
        return next((j for j in self.last_by_year.values() if j.id == job_id), None)

    def _build(self, job: Job) -> None:
        from .. import pipeline

        opts = pipeline.Options(year=job.year, root=self.root, pdf=job.pdf, fast=job.fast)
        try:
            result = pipeline.build(opts, job.lines.append)
        except LkjipError as error:
            job.error_head, job.errors = status.error_lines(error)
            state = "gagal"
        except Exception:  # noqa: BLE001 - shown to the planner as a plain sentence
            log.exception("build %s failed unexpectedly", job.year)
            job.error_head, job.errors = UNEXPECTED, {}
            state = "gagal"
        else:
            job.warnings = status.group(result.warnings)
            job.notes = list(result.notes)
            job.files = [p.name for p in (result.docx, result.pdf) if p is not None]
            state = "selesai"
        job.seconds = round(time.monotonic() - job.started, 2)
        job.state = state  # last: a poller that sees the end sees everything above
