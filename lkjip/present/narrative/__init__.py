"""Chapters: read the file, a sandboxed Jinja pass, then markdown-it, then a list of :class:`Block`.

:func:`read_chapters` (:mod:`.read`) reads every chapter file and warns about missing ones and
unusual encodings; :func:`make_env` (:mod:`.sandbox`) builds the Jinja environment once per
build; :func:`render_chapter` turns one chapter into blocks, each carrying its file and line,
and reports every failure as a :class:`lkjip.errors.ChapterError` at its line.
"""

from __future__ import annotations

from jinja2.sandbox import SandboxedEnvironment

from ...chapters import ChapterSpec
from ...errors import ChapterError, Location
from ...project import Project
from ..blocks import Block
from .jinja_errors import render_jinja
from .lines import letters_to_numbers, separate_markers, take_line_marks, windows_image_paths
from .markdown import MARKDOWN, BlockBuilder
from .read import read_chapter, read_chapters
from .sandbox import chapter_objects, escape_markdown, make_env

__all__ = ["escape_markdown", "make_env", "read_chapter", "read_chapters", "render_chapter"]


def render_chapter(project: Project, spec: ChapterSpec, env: SandboxedEnvironment,
                   text: str | None = None) -> list[Block]:
    """Render ``project``'s chapter ``spec`` into blocks.

    ``text``: the chapter as :func:`read_chapters` read it; when None the file is read here
    (its warnings are then not reported) and a missing chapter gives no blocks.
    :class:`ChapterError` with file and line on any failure.
    """
    path = project.chapter(spec.name)
    display = project.shown(path)
    if text is None:
        text, _ = read_chapter(path, display)
        if text is None:
            return []
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    rendered = render_jinja(source, env, display, project.year)
    try:
        return _blocks(rendered, path, display, spec, env)
    except ChapterError:
        raise
    except Exception:  # noqa: BLE001 - never a traceback for a chapter
        raise ChapterError(Location(file=display), "bab ini tidak dapat diolah menjadi naskah.",
                           "Periksa penulisan Markdown-nya (judul #, daftar, tabel |) atau "
                           "laporkan berkas ini kepada pengelola alat.") from None


def _blocks(rendered: str, path, display: str, spec: ChapterSpec, env) -> list[Block]:
    text, source_line = take_line_marks(rendered)
    text, lettered = letters_to_numbers(text)
    text = windows_image_paths(text)  # line for line: the line numbers stay
    text, separated_origin = separate_markers(text)
    origin = [source_line[o] for o in separated_origin]
    # lettered lines are keyed by input line; re-key them by output line
    lettered_out = {k: lettered[o] for k, o in enumerate(separated_origin) if o in lettered}
    tokens = MARKDOWN.parse(text)
    builder = BlockBuilder(path, display, spec, chapter_objects(env), lettered_out, origin)
    return builder.run(tokens)
