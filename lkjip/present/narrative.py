"""Chapters: a sandboxed Jinja pass, then markdown-it, then a list of :class:`Block`.

Values inserted with ``{{ ... }}`` are escaped for Markdown (every ASCII punctuation
character gets a backslash), so a value such as ``*PT_A* & <B>`` arrives in the report
exactly as typed and can never become bold text, a heading or a list. ``tabel(...)`` and
``grafik(...)`` return a marker made of private-use characters and an index into a side
list kept on the environment; a paragraph that holds only such a marker becomes a table or
chart block.
"""

from __future__ import annotations

import contextvars
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..errors import ChapterError, LkjipError, Location
from .blocks import Block, Cell, Run, TableSpec

# --- markers and escaping --------------------------------------------------------------

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER_RE = re.compile(f"{_OPEN}([TC])(\\d+){_CLOSE}")
_PRIVATE_RE = re.compile("[\ue000-\ue003]")
_PUNCT_RE = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_NEWLINES_RE = re.compile(r"\s*[\r\n]+\s*")


def escape_markdown(value: str) -> str:
    """Backslash-escape ``value`` so that Markdown shows it literally, on one line."""
    value = _PRIVATE_RE.sub("", value)
    value = _NEWLINES_RE.sub(" ", value)
    return _PUNCT_RE.sub(r"\\\1", value)


# Markdown escaping is on only while a chapter is rendered, so the same environment can also
# fill the Word template (docxtpl), where values must stay as they are.
_IN_CHAPTER: contextvars.ContextVar[bool] = contextvars.ContextVar("lkjip_chapter", default=False)


def _finalize(value):
    """Jinja ``finalize``: in chapters, escape every printed value unless it is marked safe."""
    if not _IN_CHAPTER.get():
        return value
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return Markup(escape_markdown(str(value)))


class _BuilderError(Exception):
    """A table/chart builder refused its arguments (its message is Indonesian)."""


class _UnknownName(Exception):
    def __init__(self, kind: str, name: str):
        super().__init__(f"{kind} {name}")
        self.kind, self.name = kind, name


class _Objects:
    """The side list behind the markers (one per environment)."""

    def __init__(self):
        self.items: list = []

    def add(self, kind: str, obj) -> Markup:
        self.items.append(obj)
        return Markup(f"{_OPEN}{kind}{len(self.items) - 1}{_CLOSE}")


def make_env(
    context: dict,
    table_builder: Callable,
    chart_builder: Callable,
    filters: dict | None = None,
) -> SandboxedEnvironment:
    """The Jinja environment for chapters.

    ``table_builder(name, context, **args) -> TableSpec`` and
    ``chart_builder(name, context, **args) -> ChartSpec`` (``tables.build_table`` and
    ``charts.build_chart``). A builder signals an unknown name with ``KeyError(name)`` or
    with a ``ValueError`` whose (Indonesian) message is shown as it is.
    ``filters`` defaults to ``lkjip.fmt.FILTERS``.
    """
    if filters is None:
        from .fmt import FILTERS as filters
    env = SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    objects = _Objects()
    env.lkjip_objects = objects  # type: ignore[attr-defined]

    def build(kind: str, builder: Callable, name: str, args: dict):
        try:
            return builder(name, context, **args)
        except KeyError as exc:
            if exc.args and exc.args[0] == name:
                raise _UnknownName(kind, name) from None
            raise
        except ValueError as exc:  # tables.build_table / charts.build_chart: unknown name, bad args
            raise _BuilderError(str(exc)) from None

    def tabel(name, **args):
        return objects.add("T", build("tabel", table_builder, name, args))

    def grafik(name, **args):
        return objects.add("C", build("grafik", chart_builder, name, args))

    env.globals.update(context)
    env.globals.update(tabel=tabel, grafik=grafik)
    return env


# --- Jinja errors ----------------------------------------------------------------------


def _template_line(exc: BaseException, filename: str) -> int | None:
    """The template line of the innermost traceback frame that belongs to ``filename``."""
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == filename:
            line = lineno
    return line


def _year_of(display_path: str) -> str:
    parent = Path(display_path).parent.name
    return parent if parent.isdigit() else "<tahun>"


def _render_jinja(source: str, env: SandboxedEnvironment, display_path: str) -> str:
    def where(line):
        return Location(file=display_path, line=line)

    env.autoescape = False  # docxtpl may have switched it on for the Word template
    try:
        template = env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise ChapterError(
            where(exc.lineno),
            f"penulisan Jinja salah: {(exc.message or '').rstrip('.')}.",
            "Periksa pasangan {{ }}, {% %} dan {% endfor %}/{% endif %} pada baris itu.",
        ) from None
    filename = template.filename or "<template>"
    token = _IN_CHAPTER.set(True)
    try:
        return template.render()
    except LkjipError as exc:
        if isinstance(exc, ChapterError):
            raise
        raise ChapterError(where(_template_line(exc, filename)), exc.message) from None
    except jinja2.UndefinedError as exc:
        line = _template_line(exc, filename)
        text = str(exc.message or exc)
        m = re.match(r"'([^']+)' is undefined", text)
        m_attr = re.match(r"'(.+?)' has no attribute '([^']+)'", text)
        if m:
            message = f'nama "{m.group(1)}" tidak dikenal.'
        elif m_attr:
            message = f'nama "{m_attr.group(2)}" tidak ada di dalam nilai ini ({m_attr.group(1)}).'
        else:
            message = f"nama tidak dikenal: {text}."
        raise ChapterError(
            where(line),
            message,
            f"Jalankan `uv run build.py vars {_year_of(display_path)}` untuk melihat semua nama "
            "yang tersedia, dan periksa ejaannya.",
        ) from None
    except _UnknownName as exc:
        what = "tabel" if exc.kind == "tabel" else "grafik"
        raise ChapterError(
            where(_template_line(exc, filename)),
            f'{what} "{exc.name}" tidak dikenal.',
            f"Periksa ejaan nama {what}; `uv run build.py vars {_year_of(display_path)}` "
            "menampilkan semua nama tabel dan grafik.",
        ) from None
    except _BuilderError as exc:
        raise ChapterError(where(_template_line(exc, filename)), str(exc)) from None
    except SecurityError as exc:
        raise ChapterError(
            where(_template_line(exc, filename)),
            "perintah ini tidak diizinkan di dalam bab (bab hanya boleh memakai nama data, "
            "filter dan perulangan).",
        ) from None
    except jinja2.TemplateError as exc:
        raise ChapterError(
            where(_template_line(exc, filename)), f"kesalahan Jinja: {str(exc).rstrip('.')}."
        ) from None
    except Exception as exc:  # a filter or builder failed on a value
        raise ChapterError(
            where(_template_line(exc, filename)),
            f"tidak dapat menjalankan perintah pada baris ini ({type(exc).__name__}: {exc}).",
        ) from None
    finally:
        _IN_CHAPTER.reset(token)


# --- source line tracking --------------------------------------------------------------
# Every plain source line gets an invisible "line mark" at its end before Jinja runs; a line
# that a loop prints ten times carries its mark ten times, so each output line can be traced
# back to the .md line it came from. Lines holding {% ... %} or {# ... #}, and line ends
# inside a {{ ... }} spanning lines, are not marked (that would change the output).

_LINE_OPEN, _LINE_CLOSE = "\ue002", "\ue003"
_LINE_MARK_RE = re.compile(f"{_LINE_OPEN}(\\d+){_LINE_CLOSE}")
_TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def _mark_source_lines(source: str) -> str:
    lines = source.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)

    def line_of(offset: int) -> int:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    skip: set[int] = set()
    for m in _TAG_RE.finditer(source):
        first, last = line_of(m.start()), line_of(m.end() - 1)
        if m.group().startswith(("{%", "{#")) or m.group().endswith("-}}"):
            skip.update(range(first, last + 1))
        else:
            skip.update(range(first, last))
    return "\n".join(
        line if i in skip or not line.strip() else f"{line}{_LINE_OPEN}{i}{_LINE_CLOSE}"
        for i, line in enumerate(lines)
    )


def _take_line_marks(text: str) -> tuple[str, list[int]]:
    """Remove the line marks; returns the text and, per line, its 0-based source line (an
    unmarked line gets the line of the next marked line, else of the previous one)."""
    out, found = [], []
    for line in text.split("\n"):
        marks = _LINE_MARK_RE.findall(line)
        found.append(int(marks[0]) if marks else None)
        out.append(_LINE_MARK_RE.sub("", line))
    origin: list[int] = [0] * len(found)
    following = None
    for i in range(len(found) - 1, -1, -1):
        following = found[i] if found[i] is not None else following
        origin[i] = following if following is not None else -1
    previous = 0
    for i, value in enumerate(origin):
        if value == -1:
            origin[i] = previous
        previous = origin[i]
    return "\n".join(out), origin


# --- Markdown pre-processing -----------------------------------------------------------

_LETTER_RE = re.compile(r"^(\s*)([A-Za-z])([.)])(\s)")
_MARKER_LINE_RE = re.compile(f"^\\s*{_OPEN}[TC]\\d+{_CLOSE}\\s*$")


def _preprocess(text: str) -> tuple[str, dict[int, str]]:
    """Turn lettered list lines into numbered ones (``b.`` → ``1.``: same width) and
    remember them: {0-based line: "lower_letter" | "upper_letter"}."""
    lettered: dict[int, str] = {}
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        m = _LETTER_RE.match(line)
        if m:
            lettered[i] = "lower_letter" if m.group(2).islower() else "upper_letter"
            line = f"{m.group(1)}1{m.group(3)}{m.group(4)}" + line[m.end():]
        out.append(line)
    return "\n".join(out), lettered


def _separate_markers(text: str) -> tuple[str, list[int]]:
    """Put blank lines around marker-only lines; returns the text and, per output line,
    the 0-based input line it came from."""
    lines = text.split("\n")
    out: list[str] = []
    origin: list[int] = []
    for i, line in enumerate(lines):
        is_marker = bool(_MARKER_LINE_RE.match(line))
        if is_marker and out and out[-1].strip():
            out.append("")
            origin.append(i)
        out.append(line)
        origin.append(i)
        if is_marker and i + 1 < len(lines) and lines[i + 1].strip():
            out.append("")
            origin.append(i)
    return "\n".join(out), origin


# --- Markdown → blocks -----------------------------------------------------------------

_MD = MarkdownIt("commonmark").enable("table")
_PAGEBREAK_RE = re.compile(r"^\s*(\\newpage|<!--\s*pagebreak\s*-->)\s*$", re.IGNORECASE)
_BAB_RE = re.compile(r"^bab_(\d+)$")


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


class _Builder:
    def __init__(self, path: Path, display_path: str, objects: list, lettered, origin):
        self.path = path
        self.display = display_path
        self.objects = objects
        self.lettered = lettered
        self.origin = origin
        m = _BAB_RE.match(path.stem)
        self.bab = int(m.group(1)) if m else None
        self.counters = [0, 0, 0]  # level 2, 3, 4
        self.blocks: list[Block] = []
        self.lists: list[tuple[int, str]] = []  # stack of (list_id, list_style)
        self.next_list_id = 0
        self.item_open = False  # the next text paragraph starts a list item

    # locations
    def loc(self, token) -> Location:
        line = None
        if token is not None and token.map:
            line = self.origin[min(token.map[0], len(self.origin) - 1)] + 1
        return Location(file=self.display, line=line)

    def error(self, token, message: str, hint: str | None = None):
        raise ChapterError(self.loc(token), message, hint)

    # headings
    def heading_number(self, level: int) -> str | None:
        if self.bab is None:
            return None
        if level == 1:
            self.counters = [0, 0, 0]
            return f"BAB {_roman(self.bab)}"
        i = level - 2
        self.counters[i] += 1
        for j in range(i + 1, 3):
            self.counters[j] = 0
        parts = [str(self.bab)] + [str(c) for c in self.counters[: i + 1]]
        return ".".join(parts) + ("." if level == 2 else "")

    # inline content
    def runs(self, inline, allow_images=False) -> list:
        """Runs of an inline token; with ``allow_images``, image tokens are returned
        in the list as they are (the caller splits the paragraph there)."""
        out: list = []
        bold = italic = 0
        pending_break = False

        def add(text):
            nonlocal pending_break
            if _MARKER_RE.search(text):
                self.error(
                    inline,
                    "tabel() atau grafik() harus berdiri sendiri dalam satu paragraf.",
                    "Tulis {{ tabel(...) }} pada barisnya sendiri, diapit baris kosong.",
                )
            if not text and not pending_break:
                return
            last = out[-1] if out and isinstance(out[-1], Run) else None
            if (last and not pending_break and last.bold == bool(bold)
                    and last.italic == bool(italic)):
                last.text += text
            else:
                out.append(Run(text, bold=bool(bold), italic=bool(italic),
                               line_break=pending_break))
                pending_break = False

        for child in inline.children or []:
            t = child.type
            if t == "text" or t == "code_inline":
                add(child.content)
            elif t == "softbreak":
                add(" ")
            elif t == "hardbreak":
                pending_break = True
            elif t == "strong_open":
                bold += 1
            elif t == "strong_close":
                bold -= 1
            elif t == "em_open":
                italic += 1
            elif t == "em_close":
                italic -= 1
            elif t == "html_inline":
                if re.fullmatch(r"<br\s*/?>", child.content.strip(), re.IGNORECASE):
                    pending_break = True
                elif not child.content.startswith("<!--"):
                    add(child.content)
            elif t == "image":
                if allow_images:
                    out.append(child)
                else:
                    add(child.content)
            # link_open/link_close: the link text is kept, the address dropped
        if pending_break:
            out.append(Run("", bold=bool(bold), italic=bool(italic), line_break=True))
        return out

    def plain(self, inline) -> str:
        return "".join(r.text for r in self.runs(inline))

    # blocks
    def add(self, block: Block):
        self.blocks.append(block)

    def paragraph(self, inline, para_token):
        content = inline.content.strip()
        m = _MARKER_RE.fullmatch(content)
        if m:
            obj = self.objects[int(m.group(2))]
            if m.group(1) == "T":
                self.add(Block("table", table=obj, location=self.loc(para_token)))
            else:
                self.add(Block("chart", chart=obj, location=self.loc(para_token)))
            return
        if _PAGEBREAK_RE.match(content):
            self.add(Block("page_break", location=self.loc(para_token)))
            return
        items = self.runs(inline, allow_images=True)
        pending: list[Run] = []

        def flush():
            nonlocal pending
            while pending and not pending[0].line_break and not pending[0].text.strip():
                pending.pop(0)
            if pending:
                self.add(self.text_block(pending, para_token))
            pending = []

        for item in items:
            if isinstance(item, Run):
                pending.append(item)
            else:
                flush()
                self.add(self.image(item, para_token))
        flush()

    def text_block(self, runs, token) -> Block:
        """A list item for the first paragraph of a list item, else a plain paragraph."""
        if self.lists and self.item_open:
            self.item_open = False
            list_id, style = self.lists[-1]
            return Block("list_item", runs=runs, level=len(self.lists) - 1,
                         list_id=list_id, list_style=style, location=self.loc(token))
        return Block("paragraph", runs=runs, level=max(len(self.lists) - 1, 0),
                     indent=len(self.lists), location=self.loc(token))

    def image(self, token, para_token) -> Block:
        src = unquote(token.attrGet("src") or "")
        target = (self.path.parent / src)
        if not src or not target.is_file():
            self.error(
                para_token,
                f'berkas gambar "{src}" tidak ditemukan.',
                f"Letakkan berkasnya di folder {Path(self.display).parent.as_posix()}/ "
                "(alamat gambar dihitung dari folder bab ini).",
            )
        caption = "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))
        return Block("image", image_path=target, caption=caption or token.content,
                     location=self.loc(para_token))

    def table(self, tokens, i) -> int:
        """Read a pipe table starting at tokens[i] (table_open); returns the index after it."""
        open_token = tokens[i]
        header: list[list[Cell]] = []
        rows: list[list[Cell]] = []
        row: list[Cell] = []
        section = header
        align = "left"
        while True:
            t = tokens[i]
            if t.type == "thead_open":
                section = header
            elif t.type == "tbody_open":
                section = rows
            elif t.type == "tr_open":
                row = []
            elif t.type == "tr_close":
                section.append(row)
            elif t.type in ("th_open", "td_open"):
                style = t.attrGet("style") or ""
                m = re.search(r"text-align:\s*(left|center|right)", str(style))
                align = m.group(1) if m else "left"
            elif t.type == "inline":
                row.append(Cell(self.plain(t), align=align))
            elif t.type == "table_close":
                break
            i += 1
        ncols = max((len(r) for r in header + rows), default=0)
        spec = TableSpec(key="", title="", header=header, rows=rows,
                         widths=[1.0] * ncols, numbered=False)
        self.add(Block("table", table=spec, location=self.loc(open_token)))
        return i + 1

    def run(self, tokens):
        i = 0
        while i < len(tokens):
            t = tokens[i]
            typ = t.type
            if typ == "heading_open":
                inline = tokens[i + 1]
                level = min(int(t.tag[1]), 4)
                raw = inline.content.rstrip()
                numbered = not raw.endswith("{-}")
                runs = self.runs(inline)
                if not numbered:
                    # the marker is the end of the last run's text
                    last = runs[-1]
                    last.text = last.text.rstrip()[:-3].rstrip()
                    runs = [r for r in runs if r.text or r.line_break]
                number = self.heading_number(level) if numbered else None
                self.add(Block("heading", runs=runs, level=level, number=number,
                               location=self.loc(t)))
                i += 3
                continue
            if typ == "paragraph_open":
                self.paragraph(tokens[i + 1], t)
                i += 3
                continue
            if typ in ("bullet_list_open", "ordered_list_open"):
                if typ == "bullet_list_open":
                    style = "bullet"
                else:
                    style = self.lettered.get(t.map[0], "decimal") if t.map else "decimal"
                self.lists.append((self.next_list_id, style))
                self.next_list_id += 1
            elif typ in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif typ == "list_item_open":
                self.item_open = True
            elif typ == "table_open":
                i = self.table(tokens, i)
                continue
            elif typ == "html_block":
                content = t.content.strip()
                if _PAGEBREAK_RE.match(content):
                    self.add(Block("page_break", location=self.loc(t)))
                elif not content.startswith("<!--"):
                    self.add(Block("paragraph", runs=[Run(content)], location=self.loc(t)))
            elif typ in ("fence", "code_block"):
                lines = t.content.rstrip("\n").split("\n")
                runs = [Run(line, line_break=k > 0) for k, line in enumerate(lines)]
                self.add(Block("paragraph", runs=runs, location=self.loc(t)))
            elif typ == "hr":
                pass
            i += 1
        return self.blocks


def render_chapter(path: Path, env: SandboxedEnvironment, display_path: str) -> list[Block]:
    """Render one chapter file into blocks; raises :class:`ChapterError` with file and line."""
    source = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    text = _render_jinja(_mark_source_lines(source), env, display_path)
    text, source_line = _take_line_marks(text)
    text, lettered = _preprocess(text)
    text, sep_origin = _separate_markers(text)
    origin = [source_line[o] for o in sep_origin]
    # lettered lines are keyed by input line; re-key them by output line
    lettered_out = {k: lettered[o] for k, o in enumerate(sep_origin) if o in lettered}
    tokens = _MD.parse(text)
    objects = env.lkjip_objects.items  # type: ignore[attr-defined]
    builder = _Builder(path, display_path, objects, lettered_out, origin)
    return builder.run(tokens)
