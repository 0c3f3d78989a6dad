"""Run a chapter's Jinja within its budget and turn every failure into a :class:`ChapterError`
"<file>, baris N: <what went wrong>. Saran: <what to do>", in Indonesian.

No Python or Jinja exception text reaches the user: each kind of failure has its own
explanation, and anything unforeseen gets a general one.
"""

from __future__ import annotations

import re
import traceback

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from ...errors import ChapterError, LkjipError, Location
from ..registry import CannotBuild, UnknownName
from . import syntax
from .budget import ACTIVE, Budget, BudgetExceeded
from .compiled import compile_chapter
from .lines import last_marked_line, mark_source_lines
from .sandbox import IN_CHAPTER

_TYPE_WORDS = {"dict": "kumpulan data", "list": "daftar", "str": "teks", "int": "angka",
               "float": "angka", "tuple": "daftar", "None": "nilai kosong"}


def template_line(exc: BaseException, filename: str) -> int | None:
    """The template line of the innermost traceback frame that belongs to ``filename``."""
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == filename:
            line = lineno
    return line


def _vars_hint(year: int) -> str:
    return f"`uv run build.py vars {year}`"


def _undefined(exc: jinja2.UndefinedError, year: int) -> tuple[str, str]:
    text = str(exc.message or exc)
    hint = f"Jalankan {_vars_hint(year)} untuk melihat semua nama yang tersedia, dan periksa ejaannya."
    if m := re.match(r"'([^']+)' is undefined", text):
        return f'nama "{m.group(1)}" tidak dikenal.', hint
    if m := re.match(r"'None' has no attribute '([^']+)'", text):
        return f'nilai ini kosong (n/a), jadi tidak punya "{m.group(1)}".', (
            "Periksa datanya, atau lewati nilai kosong dengan {% if nilai is not none %}.")
    if m := re.match(r"'(\w+) object' has no attribute '([^']+)'", text):
        what = _TYPE_WORDS.get(m.group(1), "nilai")
        return f'nama "{m.group(2)}" tidak ada di dalam nilai ini ({what}).', hint
    if m := re.match(r"'?(\w+) object'? has no element (.+)", text):
        return f"daftar ini tidak punya urutan ke-{m.group(2)} (urutan dimulai dari 0).", (
            "Periksa nomor urutnya, atau hitung isinya dengan |length.")
    return "nama atau nilai yang dipakai pada baris ini tidak ada.", hint


def _type_error(text: str, year: int) -> tuple[str, str]:
    hint = f"Periksa nilai-nilai di baris ini; {_vars_hint(year)} menampilkan setiap nama dan nilainya."
    if "NoneType" in text or "'None'" in text:
        return "salah satu nilai pada baris ini kosong (n/a), sehingga tidak dapat dihitung.", (
            "Isi datanya, atau lewati nilai kosong dengan {% if nilai is not none %} ... {% endif %}.")
    if "concatenate" in text or "can only join" in text:
        return "teks dan angka tidak dapat dijumlahkan dengan +.", (
            "Sambung teks dengan ~ (mis. {{ 'Tahun ' ~ tahun }}).")
    if "not supported between" in text:
        return "dua nilai yang berbeda jenis (mis. teks dan angka) tidak dapat dibandingkan.", hint
    if "not callable" in text:
        return "sesuatu yang bukan perintah dipanggil dengan tanda kurung ( ).", (
            "Hapus tanda kurung setelah nama itu, atau periksa ejaan nama perintahnya.")
    if "argument" in text:
        return "perintah atau filter pada baris ini diberi argumen yang tidak sesuai.", (
            "Periksa jumlah dan nama argumen di dalam tanda kurung.")
    return "nilai pada baris ini tidak cocok dengan perintahnya (mis. teks dipakai sebagai angka).", hint


def explain(exc: BaseException, year: int) -> tuple[str, str | None]:
    """(message, hint) in Indonesian for an exception raised while a chapter renders."""
    if isinstance(exc, LkjipError):
        return exc.message, None
    if isinstance(exc, BudgetExceeded):
        return exc.message, exc.hint
    if isinstance(exc, jinja2.UndefinedError):
        return _undefined(exc, year)
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
        return syntax.describe(str(exc.message or "")), syntax.DEFAULT_HINT
    if isinstance(exc, ZeroDivisionError):
        return "pembagian dengan nol.", (
            "Periksa pembaginya; bila nilainya bisa nol atau kosong, apit dengan "
            "{% if pembagi %} ... {% endif %}.")
    if isinstance(exc, OverflowError):
        if "MAX_RANGE" in str(exc):
            return "range(...) terlalu besar: satu range paling banyak 100.000 langkah.", (
                "Perkecil angka di dalam range(...).")
        return "angka pada baris ini terlalu besar untuk dihitung.", "Periksa rumus dan pangkatnya."
    if isinstance(exc, TypeError):
        return _type_error(str(exc), year)
    if isinstance(exc, RecursionError):
        return "makro atau perulangan memanggil dirinya sendiri tanpa henti.", (
            "Periksa makro {% macro %} yang memanggil dirinya sendiri dan beri batas berhentinya.")
    if isinstance(exc, (ValueError, ArithmeticError)):
        return ("nilai pada baris ini tidak dapat diolah (mis. teks yang bukan angka diberikan "
                "ke filter angka, atau tanggal yang tidak ada)."), (
            f"Periksa nilai yang diberikan ke filter di baris ini; {_vars_hint(year)} menampilkan "
            "setiap nama dan nilainya.")
    if isinstance(exc, AttributeError):
        return ("filter atau perintah pada baris ini tidak dapat dipakai untuk nilai ini "
                "(jenis nilainya tidak cocok)."), (
            f"Periksa nilai yang diberikan ke filter di baris ini; {_vars_hint(year)} menampilkan "
            "setiap nama dan nilainya.")
    if isinstance(exc, LookupError):
        return "bagian yang diminta tidak ada di dalam nilai ini.", (
            f"Periksa nama setelah titik atau di dalam [ ]; {_vars_hint(year)} menampilkan "
            "setiap nama dan nilainya.")
    if isinstance(exc, MemoryError):
        return "bab ini membutuhkan terlalu banyak memori dan dihentikan.", (
            "Periksa perulangan dan pengulangan teks pada baris ini.")
    return "perintah pada baris ini tidak dapat dijalankan.", (
        f"Periksa penulisan perintah dan nilainya; {_vars_hint(year)} menampilkan setiap nama "
        "dan nilainya.")


def _generate(template: jinja2.Template, budget: Budget) -> str:
    """The rendered text, its size checked after every piece Jinja hands back (time and loop
    steps are checked in the sandbox's hooks, at the line that spends them)."""
    parts: list[str] = []
    size = 0
    try:
        for part in template.generate():
            parts.append(part)
            size += len(part)
            budget.check_size(size)
    except BudgetExceeded as exc:
        exc.fallback_line = last_marked_line(parts)  # type: ignore[attr-defined]
        raise
    return "".join(parts)


def render_jinja(source: str, env: SandboxedEnvironment, display_path: str, year: int,
                 budget: Budget | None = None) -> str:
    """Chapter ``source`` rendered by ``env`` with Markdown escaping on and line marks added
    (see :mod:`.lines`), within ``budget`` (default: :class:`Budget`'s limits).

    :class:`ChapterError` naming ``display_path`` and the line on any failure; ``year``
    appears in the hints.
    """
    env.autoescape = False  # docxtpl may have switched it on for the Word template
    try:
        template = compile_chapter(env, mark_source_lines(source))
    except jinja2.TemplateSyntaxError as exc:
        raise _syntax_error(env, source, exc, display_path) from None
    filename = template.filename or "<template>"
    budget = (budget or Budget()).start()
    tokens = IN_CHAPTER.set(True), ACTIVE.set(budget)
    try:
        return _generate(template, budget)
    except ChapterError:
        raise
    except Exception as exc:  # a name, filter, builder, expression or limit failed at a line
        message, hint = explain(exc, year)
        line = template_line(exc, filename) or getattr(exc, "fallback_line", None)
        raise ChapterError(Location(file=display_path, line=line), message, hint) from None
    finally:
        IN_CHAPTER.reset(tokens[0])
        ACTIVE.reset(tokens[1])


def _syntax_error(env, source: str, marked_exc: jinja2.TemplateSyntaxError,
                  display_path: str) -> ChapterError:
    """The syntax error as the chapter itself (without line marks) causes it."""
    exc = marked_exc
    try:
        env.from_string(source)
    except jinja2.TemplateSyntaxError as plain_exc:
        exc = plain_exc
    line, message, hint = syntax.explain(env, source, exc)
    return ChapterError(Location(file=display_path, line=line),
                        f"penulisan Jinja salah: {message}", hint)
