"""The planner's own analysis per IKU: ``chapters/<tahun>/analisis/<KODE>.md``.

PermenPAN-RB No. 53/2014 (Lampiran II, Bab III) asks for the analysis of each indicator's
result: its causes, the efforts made, and the solutions. The figures of that section are
generated from the data for every IKU (a loop in ``bab_3.md``); what only the planner can say —
why, and what next — lives in one Markdown file per IKU, named by its ``kode``. A new IKU then
gets its section by itself, and one without an analysis gets a located warning.

``init`` copies the files to the new year with :data:`REVIEW_MARK` on their first line; while
the mark is there the build warns that the text is last year's.
"""

from __future__ import annotations

from markupsafe import Markup

from ..errors import Issue, Location
from ..project import Project

FOLDER = "analisis"
REVIEW_MARK = "<!-- TINJAU:"


def review_mark(source_year: int) -> str:
    """The first line ``init`` puts on a copied analysis (an HTML comment: not printed)."""
    return (f"{REVIEW_MARK} disalin dari analisis {source_year}. Perbarui untuk tahun ini, "
            "lalu hapus baris ini. -->")


def analysis_path(project: Project, kode: str):
    return project.chapters_dir / FOLDER / f"{kode}.md"


def load_analyses(project: Project, iku_table) -> tuple[dict[str, Markup], list[Issue]]:
    """``{kode: Markdown text}`` of every IKU that has an analysis file, and the warnings: an
    IKU without one (at its row of the iku table), an analysis still marked for review, an
    unreadable file, a file for no IKU.

    The text is inserted into the chapter as Markdown (``{{ analisis[i.kode] }}``), so lists,
    bold and paragraphs work; it is not a Jinja template.
    """
    found: dict[str, Markup] = {}
    issues: list[Issue] = []
    folder = project.chapters_dir / FOLDER
    codes = [row["kode"] for row in iku_table.rows]
    for row in iku_table.rows:
        path = analysis_path(project, row["kode"])
        shown = project.shown(path)
        if not path.is_file():
            issues.append(_warning(
                f'IKU "{row["kode"]}" ({row["indikator"]}) belum punya analisis (penyebab '
                "keberhasilan/kegagalan dan solusinya).", iku_table.loc(row["_row"], "kode"),
                f"tulis analisisnya di {shown}."))
            continue
        text = _read(path, shown, issues)
        if text is None:
            continue
        body = _without_review_mark(text)
        if body != text:
            issues.append(_warning(
                "analisis ini masih analisis tahun lalu (ditandai TINJAU oleh init).",
                Location(shown, line=1), "perbarui isinya untuk tahun ini, lalu hapus baris "
                "pertama (<!-- TINJAU: ... -->)."))
        if not body.strip():
            issues.append(_warning("berkas analisis ini kosong.", Location(shown),
                                   "tulis penyebab keberhasilan/kegagalan dan solusinya."))
            continue
        found[row["kode"]] = Markup("\n\n" + body.strip() + "\n\n")
    if folder.is_dir():
        for path in sorted(folder.glob("*.md")):
            if path.stem not in codes:
                issues.append(_warning(
                    f'berkas analisis untuk IKU "{path.stem}", yang tidak ada di tabel iku.',
                    Location(project.shown(path)), "samakan nama berkas dengan kolom kode di "
                    "tabel iku, atau hapus berkas ini."))
    return found, issues


def _without_review_mark(text: str) -> str:
    """``text`` without the line ``init`` put on top of a copied analysis."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith(REVIEW_MARK):
        return "\n".join(lines[:first] + lines[first + 1:])
    return text


def uses_analyses(project: Project, chapter_sources: list[str]) -> bool:
    """Whether the project keeps per-IKU analyses: an ``analisis/`` folder or a chapter that
    inserts ``analisis[...]``. Projects that write every analysis inside bab_3.md get no
    warnings about missing files."""
    return (project.chapters_dir / FOLDER).is_dir() or any("analisis[" in s
                                                           for s in chapter_sources)


def _read(path, shown: str, issues: list[Issue]) -> str | None:
    """The analysis read as a chapter is (:func:`lkjip.present.narrative.read.read_chapter`):
    UTF-8, or UTF-16 / Windows-1252 with a warning, cleaned of what Word cannot hold; a file
    that is not text raises the same located ChapterError as a chapter."""
    from .narrative.read import read_chapter

    text, warnings = read_chapter(path, shown)
    issues += warnings
    return text


def _warning(message: str, location: Location, hint: str) -> Issue:
    return Issue(message, location, hint=hint, level="warning")
