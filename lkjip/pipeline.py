"""The build, step by step: load → check → compute → chapters → render → write.

Everything is gathered and validated first; ``output/`` is written last, atomically,
so a failed build never touches an earlier report.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from .errors import Issue, LkjipError
from .present.blocks import CHAPTERS



@dataclass
class Options:
    year: int
    root: Path = Path(".")
    strict: bool = False
    pdf: bool = False
    fast: bool = False


@dataclass
class Result:
    docx: Path | None = None
    pdf: Path | None = None
    warnings: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "LibreOffice tidak ditemukan ..."


class Steps:
    """Prints one progress line per step with its duration."""

    def __init__(self, echo: Callable[[str], None]):
        self.echo = echo

    def run(self, label: str, fn, *args, **kwargs):
        start = time.perf_counter()
        value = fn(*args, **kwargs)
        self.echo(f"  {label:<34} {time.perf_counter() - start:6.2f} dtk")
        return value


class StrictWarnings(LkjipError):
    def __init__(self, warnings: list[Issue]):
        self.warnings = warnings
        super().__init__(
            f"Build dihentikan: ada {len(warnings)} peringatan dan opsi --strict aktif."
        )


def load_and_compute(root: Path, year: int, steps: Steps | None = None):
    """Load and validate ``data/<year>/``, build the context and audit it."""
    from .report.audit import audit
    from .report.context import build_context
    from .inputs.load import load_dataset

    steps = steps or Steps(lambda _: None)
    dataset = steps.run("Memuat dan memvalidasi data", load_dataset, root, year)
    context = steps.run("Menghitung", build_context, dataset)
    warnings = list(dataset.warnings) + steps.run("Memeriksa konsistensi", audit, dataset, context)
    return dataset, context, warnings


def check(opts: Options, echo: Callable[[str], None]) -> list[Issue]:
    """``--check``: the audit only; nothing is written."""
    _, _, warnings = load_and_compute(opts.root, opts.year, Steps(echo))
    return warnings


def build(opts: Options, echo: Callable[[str], None]) -> Result:
    from .present import chartworker
    from .publish import libreoffice

    # Charts are drawn by a second process (matplotlib's import and drawing, ~0.5 s, are then
    # off the critical path), and LibreOffice starts (about a second): both while the
    # document is still being made.
    worker = chartworker.start() if _has_charts(opts) else None
    office = None
    if not opts.fast and libreoffice.libreoffice_available():
        office = libreoffice.start_libreoffice()
    try:
        return _build(opts, echo, office, worker)
    finally:
        libreoffice.stop_libreoffice(office)
        if worker is not None:
            worker.close()


def _has_charts(opts: Options) -> bool:
    """Whether a chapter may draw a chart, i.e. mentions ``grafik``; a second process is
    worth it only then, and only with a second CPU."""
    if (os.cpu_count() or 1) < 2:
        return False
    chapter_dir = opts.root / "chapters" / str(opts.year)
    for name in CHAPTERS:
        try:
            if "grafik" in (chapter_dir / f"{name}.md").read_text(encoding="utf-8"):
                return True
        except (OSError, UnicodeDecodeError):
            pass
    return False


def build_chart(name: str, context: dict):
    """charts.build_chart, imported on first use: matplotlib (~0.25 s) only when a chapter
    has a chart."""
    from .present.charts import build_chart as build

    return build(name, context)


def _build(opts: Options, echo: Callable[[str], None], office, worker=None) -> Result:
    from .docx.document import render_document
    from .present.chartworker import ChartWorkerFailed
    from .present.narrative import make_env, render_chapter
    from .project import Project
    from .publish import libreoffice, write
    from .present.tables import build_table

    steps = Steps(echo)
    root, year = opts.root, opts.year
    dataset, context, warnings = load_and_compute(root, year, steps)
    if opts.strict and warnings:
        raise StrictWarnings(warnings)

    chapter_dir = root / "chapters" / str(year)
    template = template_path(root)
    project = Project(root, year)

    def render_chapters(env):
        blocks = {}
        for name in CHAPTERS:
            path = chapter_dir / f"{name}.md"
            display = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
            blocks[name] = render_chapter(path, env, display) if path.exists() else []
        return blocks

    def chapters_and_document(chart_builder) -> bytes:
        env = make_env(context, build_table, chart_builder)
        chapters = steps.run("Menyusun naskah (Markdown)", render_chapters, env)
        return steps.run("Menyusun dokumen Word", render_document, template, context, chapters,
                         env, project)

    try:
        data = chapters_and_document(
            build_chart if worker is None else worker.builder(context, build_chart))
    except ChartWorkerFailed:  # the chart worker died or failed: everything again, in-process
        data = chapters_and_document(build_chart)

    result = Result(warnings=warnings)
    pdf_bytes = None
    if not opts.fast:
        if libreoffice.libreoffice_available():
            data, pdf_bytes = steps.run(
                "Memperbarui daftar isi (LibreOffice)",
                libreoffice.update_with_libreoffice,
                data,
                opts.pdf,
                started=office,
            )
        else:
            result.notes.append(libreoffice.libreoffice_hint())
    stamp = signing_datetime(context)
    data = write.normalize_docx(data, stamp)

    files = {project.docx_path: data}
    if pdf_bytes is not None:
        files[project.pdf_path] = pdf_bytes
    steps.run("Menulis berkas", write.publish, files, project.shown)
    result.docx = project.docx_path
    if pdf_bytes is not None:
        result.pdf = project.pdf_path
    elif opts.pdf and opts.fast:
        result.notes.append("PDF tidak dibuat: --fast melewati LibreOffice, yang membuat PDF.")
    return result


from .project import DEFAULT_TEMPLATE  # noqa: E402


def template_path(root: Path) -> Path:
    """The project's own ``templates/lkjip.docx`` if it has one, else the tool's template."""
    own = root / "templates" / "lkjip.docx"
    return own if own.exists() else DEFAULT_TEMPLATE


def signing_datetime(context: dict) -> datetime:
    """A fixed timestamp for the document properties: the signing date, else 1 January of year+1."""
    d = context.get("tanggal_penandatanganan_iso")
    if d:
        return datetime(d.year, d.month, d.day)
    return datetime(context["tahun"] + 1, 1, 1)
