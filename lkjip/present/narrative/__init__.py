"""Chapters: a sandboxed Jinja pass, then markdown-it, then a list of :class:`Block`.

:func:`make_env` (:mod:`.sandbox`) builds the Jinja environment once per build;
:func:`render_chapter` turns one ``chapters/<tahun>/<name>.md`` into blocks, each carrying its
file and line, and reports every failure as a :class:`lkjip.errors.ChapterError` at its line.
"""

from __future__ import annotations

from jinja2.sandbox import SandboxedEnvironment

from ...chapters import ChapterSpec
from ...project import Project
from ..blocks import Block
from .jinja_errors import render_jinja
from .lines import letters_to_numbers, mark_source_lines, separate_markers, take_line_marks
from .markdown import MARKDOWN, BlockBuilder
from .sandbox import chapter_objects, escape_markdown, make_env

__all__ = ["escape_markdown", "make_env", "render_chapter"]


def render_chapter(project: Project, spec: ChapterSpec, env: SandboxedEnvironment) -> list[Block]:
    """Render ``project``'s chapter ``spec`` into blocks; :class:`ChapterError` with file and line."""
    path = project.chapter(spec.name)
    display = project.shown(path)
    source = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    text = render_jinja(mark_source_lines(source), env, display, project.year)
    text, source_line = take_line_marks(text)
    text, lettered = letters_to_numbers(text)
    text, separated_origin = separate_markers(text)
    origin = [source_line[o] for o in separated_origin]
    # lettered lines are keyed by input line; re-key them by output line
    lettered_out = {k: lettered[o] for k, o in enumerate(separated_origin) if o in lettered}
    tokens = MARKDOWN.parse(text)
    builder = BlockBuilder(path, display, spec, chapter_objects(env), lettered_out, origin)
    return builder.run(tokens)
