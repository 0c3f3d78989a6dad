"""Run a chapter's Jinja and turn every failure into a :class:`ChapterError` with its line."""

from __future__ import annotations

import re
import traceback

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from ...errors import ChapterError, LkjipError, Location
from ..registry import CannotBuild, UnknownName
from .sandbox import IN_CHAPTER


def template_line(exc: BaseException, filename: str) -> int | None:
    """The template line of the innermost traceback frame that belongs to ``filename``."""
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == filename:
            line = lineno
    return line


def _vars_hint(year: int) -> str:
    return f"`uv run build.py vars {year}`"


def _undefined_message(exc: jinja2.UndefinedError) -> str:
    text = str(exc.message or exc)
    name = re.match(r"'([^']+)' is undefined", text)
    attribute = re.match(r"'(.+?)' has no attribute '([^']+)'", text)
    if name:
        return f'nama "{name.group(1)}" tidak dikenal.'
    if attribute:
        return f'nama "{attribute.group(2)}" tidak ada di dalam nilai ini ({attribute.group(1)}).'
    return f"nama tidak dikenal: {text}."


def _explain(exc: Exception, year: int) -> tuple[str, str | None]:
    """(message, hint) in Indonesian for an exception raised while a chapter renders."""
    if isinstance(exc, LkjipError):
        return exc.message, None
    if isinstance(exc, jinja2.UndefinedError):
        return _undefined_message(exc), (
            f"Jalankan {_vars_hint(year)} untuk melihat semua nama yang tersedia, "
            "dan periksa ejaannya.")
    if isinstance(exc, UnknownName):
        return f'{exc.kind} "{exc.name}" tidak dikenal.', (
            f"Periksa ejaan nama {exc.kind}; {_vars_hint(year)} menampilkan semua nama tabel "
            "dan grafik.")
    if isinstance(exc, CannotBuild):
        return str(exc), None
    if isinstance(exc, SecurityError):
        return ("perintah ini tidak diizinkan di dalam bab (bab hanya boleh memakai nama data, "
                "filter dan perulangan)."), None
    if isinstance(exc, jinja2.TemplateError):
        return f"kesalahan Jinja: {str(exc).rstrip('.')}.", None
    return (f"tidak dapat menjalankan perintah pada baris ini ({type(exc).__name__}: {exc})."), None


def render_jinja(source: str, env: SandboxedEnvironment, display_path: str, year: int) -> str:
    """``source`` rendered by ``env`` with Markdown escaping on; :class:`ChapterError` naming
    ``display_path`` and the line on any failure. ``year`` appears in the hints."""
    env.autoescape = False  # docxtpl may have switched it on for the Word template
    try:
        template = env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise ChapterError(
            Location(file=display_path, line=exc.lineno),
            f"penulisan Jinja salah: {(exc.message or '').rstrip('.')}.",
            "Periksa pasangan {{ }}, {% %} dan {% endfor %}/{% endif %} pada baris itu.",
        ) from None
    filename = template.filename or "<template>"
    token = IN_CHAPTER.set(True)
    try:
        return template.render()
    except ChapterError:
        raise
    except Exception as exc:  # a name, filter, builder or expression failed at a line
        message, hint = _explain(exc, year)
        where = Location(file=display_path, line=template_line(exc, filename))
        raise ChapterError(where, message, hint) from None
    finally:
        IN_CHAPTER.reset(token)
