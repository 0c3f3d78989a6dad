"""Source-line tracking and the small text rewrites done before markdown-it.

Every plain source line gets an invisible "line mark" at its end before Jinja runs; a line
that a loop prints ten times carries its mark ten times, so each output line can be traced
back to the .md line it came from. Lines holding {% ... %} or {# ... #}, and line ends
inside a {{ ... }} spanning lines, are not marked (that would change the output).
"""

from __future__ import annotations

import bisect
import re

from .sandbox import MARKER_CLOSE, MARKER_OPEN

_LINE_OPEN, _LINE_CLOSE = "\ue002", "\ue003"
_LINE_MARK_RE = re.compile(f"{_LINE_OPEN}(\\d+){_LINE_CLOSE}")
_TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_LETTER_RE = re.compile(r"^(\s*)([A-Za-z])([.)])(\s)")
_MARKER_LINE_RE = re.compile(f"^\\s*{MARKER_OPEN}[TC]\\d+{MARKER_CLOSE}\\s*$")
# an image alone on its line: ![alt](dest)
_IMAGE_LINE_RE = re.compile(r"^(\s*)!\[([^\]]*)\]\((.+)\)\s*$")
# a CommonMark destination followed by a title: file.png "Title"
_TITLED_RE = re.compile(r"""^\S+\s+("[^"]*"|'[^']*')$""")
_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
# a backslash as a folder separator: not a Markdown escape (one before ASCII punctuation,
# e.g. "\\_" printed by Jinja's escaping)
_SEPARATOR_RE = re.compile(r"\\(?![!-/:-@\[-`{-~])")


def mark_source_lines(source: str) -> str:
    """``source`` with a line mark (its 0-based number) at the end of each plain line."""
    lines = source.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset) - 1

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


def take_line_marks(text: str) -> tuple[str, list[int]]:
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


def letters_to_numbers(text: str) -> tuple[str, dict[int, str]]:
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


def windows_image_paths(text: str) -> str:
    """Images on their own line whose address has spaces or backslashes, as Windows users
    type them (``![Foto](gambar\\foto kegiatan.png)``), rewritten so that markdown-it reads
    them as pictures: ``![Foto](<gambar/foto kegiatan.png>)``. One line in, one line out."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE_RE.match(line):
            fenced = not fenced
        m = None if fenced else _IMAGE_LINE_RE.match(line)
        if m:
            indent, alt, dest = m.group(1), m.group(2), m.group(3).strip()
            plain = " " not in dest and not _SEPARATOR_RE.search(dest)
            if not (plain or "<" in dest or ">" in dest or _TITLED_RE.match(dest)):
                line = f"{indent}![{alt}](<{_SEPARATOR_RE.sub('/', dest)}>)"
        out.append(line)
    return "\n".join(out)


def separate_markers(text: str) -> tuple[str, list[int]]:
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


def last_marked_line(parts: list[str]) -> int | None:
    """The 1-based source line of the last line mark in the rendered ``parts`` (None: none)."""
    for part in reversed(parts):
        marks = _LINE_MARK_RE.findall(part)
        if marks:
            return int(marks[-1]) + 1
    return None
