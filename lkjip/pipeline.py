"""The build in two phases, as MkDocs and Pelican do it.

1. **Gather** (nothing written): load and validate ``data/<tahun>/`` and, when it exists,
   ``data/<tahun-1>/``; compute the report model; audit it; check the chapters against last
   year's; render the chapters and the whole document in memory; run LibreOffice on a copy.
2. **Write**: the .docx (and PDF) replace the old ones together, atomically
   (:func:`lkjip.publish.write.publish`), so a failed build never touches an earlier report.

Each stage is called directly; :class:`StepTimer` only times what runs inside its ``with``.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from .cache import cache_dir
from .chapters import CHAPTERS
from .errors import ChapterError, Issue, LkjipError
from .project import Project

Echo = Callable[[str], None]


@dataclass
class Options:
    year: int
    root: Path = Path(".")
    strict: bool = False
    pdf: bool = False
    fast: bool = False

    @property
    def project(self) -> Project:
        return Project(self.root, self.year)


@dataclass
class Result:
    docx: Path | None = None
    pdf: Path | None = None
    warnings: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "LibreOffice tidak ditemukan ..."


@dataclass
class Gathered:
    """Everything one year's build reads, validated and computed, in memory."""

    project: Project
    dataset: object  # lkjip.inputs.Dataset
    context: dict  # the report model worded for chapters and template (present.words)
    chapters: dict[str, str | None]  # chapter name -> its cleaned text (None: missing)
    warnings: list[Issue]


class StepTimer:
    """Prints one progress line per step with its duration: ``with timer.step("Menghitung"):``."""

    def __init__(self, echo: Echo):
        self.echo = echo

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.echo(f"  {label:<34} {time.perf_counter() - start:6.2f} dtk")


class StrictWarnings(LkjipError):
    def __init__(self, warnings: list[Issue]):
        self.warnings = warnings
        super().__init__(
            f"Build dihentikan: ada {len(warnings)} peringatan dan opsi --strict aktif."
        )


# --------------------------------------------------------------------------- phase 1: gather


def gather(project: Project, timer: StepTimer | None = None) -> Gathered:
    """Load, compute and audit one year and read its chapters; raises InputError (all issues)
    on bad data, ChapterError on a chapter that cannot be read."""
    from .inputs import load_dataset
    from .present.narrative import read_chapters
    from .present.words import chapter_names
    from .report import build_report, previous_capaian, realisasi_history
    from .report.audit import audit
    from .report.dates import dates_from_earlier_years

    timer = timer or StepTimer(lambda _: None)
    with timer.step("Memuat dan memvalidasi data"):
        dataset = load_dataset(project)
        earlier = {y: load_dataset(project.year_of(y)) for y in project.years()
                   if y < project.year}
        last_year = earlier.get(project.year - 1)
        previous = previous_capaian(last_year) if last_year is not None else None
        chapters, warnings = read_chapters(project)
    with timer.step("Menghitung"):
        model = build_report(dataset, previous, realisasi_history(earlier))
    with timer.step("Memeriksa konsistensi"):
        warnings = list(dataset.warnings) + audit(dataset, model) + warnings
        warnings += dates_from_earlier_years(dataset)
        warnings += stale_prose(project, chapters)
    context = chapter_names(model)
    context["analisis"], analysis_warnings = analyses(project, dataset, chapters)
    return Gathered(project, dataset, context, chapters, warnings + analysis_warnings)


def load_and_compute(root: Path, year: int, timer: StepTimer | None = None):
    """``(dataset, context, warnings)`` of one year (``vars``, ``--check``, tests)."""
    gathered = gather(Project(root, year), timer)
    return gathered.dataset, gathered.context, gathered.warnings


def analyses(project: Project, dataset, chapters: dict[str, str | None]
             ) -> tuple[dict, list[Issue]]:
    """The planner's per-IKU analyses (``chapters/<tahun>/analisis/<KODE>.md``) and their
    warnings, for projects that keep them (see :mod:`lkjip.present.analysis`)."""
    from .present.analysis import load_analyses, uses_analyses

    found, issues = load_analyses(project, dataset["iku"])
    sources = [text for text in chapters.values() if text]
    return found, issues if uses_analyses(project, sources) else []


def stale_prose(project: Project, chapters: dict[str, str | None]) -> list[Issue]:
    """Warnings for paragraphs carried over verbatim from last year's chapters (and per-IKU
    analyses) that hold typed figures, years or judgement words (see
    :mod:`lkjip.present.stale_prose`)."""
    from .present.analysis import FOLDER
    from .present.narrative.read import read_chapter
    from .present.stale_prose import stale_paragraphs

    last_year = project.year_of(project.year - 1)
    pairs = [(project.chapter(spec.name), chapters.get(spec.name), last_year.chapter(spec.name))
             for spec in CHAPTERS]
    pairs += [(path, None, last_year.chapters_dir / FOLDER / path.name)
              for path in sorted((project.chapters_dir / FOLDER).glob("*.md"))]
    issues: list[Issue] = []
    for current, text, previous in pairs:
        if not previous.is_file():
            continue
        try:
            if text is None:
                text = read_chapter(current, project.shown(current))[0]
            before = read_chapter(previous, project.shown(previous))[0]
        except ChapterError:
            continue  # last year's file is not text: nothing to compare with
        if text is not None and before is not None:
            issues += stale_paragraphs(text, before, project.shown(current),
                                       project.shown(previous), project.year)
    return issues


def check(opts: Options, echo: Echo) -> list[Issue]:
    """``--check``: the audit only; nothing is written."""
    return gather(opts.project, StepTimer(echo)).warnings


def build(opts: Options, echo: Echo, office=None) -> Result:
    """Gather everything, make the document in memory, then write it; returns what was written.

    ``office``: a :class:`lkjip.publish.office.Office` kept open by the caller
    (``--pantau``, the workers of ``build.py semua``): started now if it is not running and
    left open afterwards. Without it a build starts and ends its own LibreOffice.
    Raises LkjipError subclasses (InputError, ChapterError, TemplateError, OutputError,
    StrictWarnings) with Indonesian, located messages; nothing is written then.
    """
    from .publish import libreoffice
    from .publish.office import Office

    # LibreOffice starts first (0.3 s with the seeded profile of publish/libreoffice.py,
    # longer on a slow PC) and gets ready while the document is made.
    own = None  # this build's own LibreOffice, closed below (without waiting for it)
    if not opts.fast and libreoffice.libreoffice_available():
        if office is None:
            office = own = Office()
        office.start()
    else:
        office = None

    from .present import chartworker
    from .present.chartcache import ChartCache, ChartSource

    # Charts come from the chart cache (lkjip/cache.py) when their data are unchanged;
    # otherwise a second process draws them (matplotlib's import and drawing, ~0.5 s, are
    # then off the critical path): started now when no chart was cached yet, else as soon as
    # one is found stale.
    project = opts.project
    charts = ChartSource(ChartCache(cache_dir("charts")), build_chart, chartworker.start)
    if not charts.cache.expects_hits() and _has_charts(project):
        charts.start_early()
    try:
        timer = StepTimer(echo)
        gathered = gather(project, timer)
        if opts.strict and gathered.warnings:
            raise StrictWarnings(gathered.warnings)
        result = Result(warnings=gathered.warnings)
        docx, pdf = make_files(gathered, opts, timer, result, office, charts)
        if opts.strict and gathered.warnings:  # warnings found while composing
            raise StrictWarnings(gathered.warnings)
    finally:
        if own is not None:
            own.close()
        charts.close()
    with timer.step("Menulis berkas"):
        write_outputs(project, result, docx, pdf)
    return result


def _has_charts(project: Project) -> bool:
    """Whether a chapter may draw a chart, i.e. mentions ``grafik``."""
    for spec in CHAPTERS:
        try:
            if "grafik" in project.chapter(spec.name).read_text(encoding="utf-8"):
                return True
        except (OSError, UnicodeDecodeError):
            pass
    return False


def build_chart(name: str, context: dict):
    """charts.build_chart, imported on first use: matplotlib (~0.25 s) only when a chapter
    has a chart."""
    from .present.charts import build_chart as build

    return build(name, context)


def make_files(gathered: Gathered, opts: Options, timer: StepTimer, result: Result,
               office=None, charts=None) -> tuple[bytes, bytes | None]:
    """The final .docx bytes (TOC filled by LibreOffice unless ``--fast``) and the PDF bytes
    (``--pdf`` with LibreOffice), both in memory. ``office``: a started
    :class:`lkjip.publish.office.Office` (None: one is started and closed here). ``charts``: a
    :class:`lkjip.present.chartcache.ChartSource` (None: drawn here, no cache)."""
    from .present.chartworker import ChartWorkerFailed
    from .publish import libreoffice, write

    if charts is None:
        from .present.chartcache import ChartCache, ChartSource

        charts = ChartSource(ChartCache(None), build_chart, None)
    try:
        data, missing = compose(gathered, timer, charts.builder(gathered.context))
    except ChartWorkerFailed:  # the chart worker died or failed: everything again, in-process
        charts.without_worker()
        data, missing = compose(gathered, timer, charts.builder(gathered.context))
    charts.store()
    gathered.warnings += missing

    def normalize(docx: bytes) -> bytes:
        return write.normalize_docx(docx, signing_datetime(gathered.context))

    if not opts.fast:
        if libreoffice.libreoffice_available():
            with timer.step("Memperbarui daftar isi (LibreOffice)"):
                # normalised while LibreOffice exports the PDF
                if office is not None:
                    return office.update(data, opts.pdf, finish=normalize)
                return libreoffice.update_with_libreoffice(data, opts.pdf, finish=normalize)
        result.notes.append(libreoffice.libreoffice_hint())
    elif opts.pdf:
        result.notes.append("PDF tidak dibuat: --fast melewati LibreOffice, yang membuat PDF.")
    return normalize(data), None


def compose(gathered: Gathered, timer: StepTimer, chart_builder) -> tuple[bytes, list[Issue]]:
    """Chapters (Jinja → Markdown → blocks) and the Word document, as .docx bytes, and a
    warning per standard table no chapter inserts."""
    from .docx.document import render_document
    from .present.completeness import missing_standard_tables
    from .present.narrative import make_env, render_chapter
    from .present.narrative.compiled import set_code_cache
    from .present.tables import build_table

    project, context = gathered.project, gathered.context
    env = make_env(context, build_table, chart_builder)
    set_code_cache(env, cache_dir("jinja"))
    with timer.step("Menyusun naskah (Markdown)"):
        chapters = {spec.name: [] if gathered.chapters.get(spec.name) is None else
                    render_chapter(project, spec, env, gathered.chapters[spec.name])
                    for spec in CHAPTERS}
    missing = missing_standard_tables(chapters, context, project.shown(project.chapters_dir))
    with timer.step("Menyusun dokumen Word"):
        return render_document(project.template, context, chapters, env, project), missing


# --------------------------------------------------------------------------- phase 2: write


def write_outputs(project: Project, result: Result, docx: bytes, pdf: bytes | None) -> None:
    """Write the .docx (and the PDF) into ``output/``; fills ``result.docx``/``result.pdf``."""
    from .publish import write

    files = {project.docx_path: docx}
    if pdf is not None:
        files[project.pdf_path] = pdf
    write.publish(files, project.shown)  # both or neither; OutputError names the file
    result.docx = project.docx_path
    if pdf is not None:
        result.pdf = project.pdf_path
    elif project.pdf_path.is_file():  # a PDF of an earlier build is now out of date
        result.notes.append(
            f"{project.shown(project.pdf_path)} berasal dari build sebelumnya dan tidak memuat "
            f"perubahan ini. Buat ulang dengan: build.py {project.year} --pdf (atau hapus "
            "berkas itu) sebelum menyerahkannya.")


def signing_datetime(context: dict) -> datetime:
    """A fixed timestamp for the document properties: the signing date, else 1 January of year+1."""
    d = context.get("tanggal_penandatanganan_iso")
    if d:
        return datetime(d.year, d.month, d.day)
    return datetime(context["tahun"] + 1, 1, 1)
