"""markdown-it tokens of a rendered chapter → a list of :class:`Block`.

Headings are numbered after the chapter ("BAB III", "3.1.", "3.1.2", "3.1.2.1") unless they
end with ``{-}``; lists keep their style (bullet, decimal, lettered); a paragraph holding only
a ``tabel()``/``grafik()`` marker becomes that table or chart; images are looked up next to
the chapter file.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt

from ...chapters import ChapterSpec
from ...errors import ChapterError, Location
from ..blocks import Block, Cell, Run, TableSpec
from .sandbox import MARKER_RE

MARKDOWN = MarkdownIt("commonmark").enable("table")
_PAGEBREAK_RE = re.compile(r"^\s*(\\newpage|<!--\s*pagebreak\s*-->)\s*$", re.IGNORECASE)
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ALIGN_RE = re.compile(r"text-align:\s*(left|center|right)")


class _InlineRuns:
    """The runs of one inline token, merging neighbours of the same style."""

    def __init__(self, builder: BlockBuilder, inline, allow_images: bool):
        self.builder, self.inline, self.allow_images = builder, inline, allow_images
        self.out: list = []
        self.bold = self.italic = 0
        self.pending_break = False

    def add(self, text: str) -> None:
        if MARKER_RE.search(text):
            self.builder.error(
                self.inline,
                "tabel() atau grafik() harus berdiri sendiri dalam satu paragraf.",
                "Tulis {{ tabel(...) }} pada barisnya sendiri, diapit baris kosong.",
            )
        if not text and not self.pending_break:
            return
        last = self.out[-1] if self.out and isinstance(self.out[-1], Run) else None
        if (last and not self.pending_break and last.bold == bool(self.bold)
                and last.italic == bool(self.italic)):
            last.text += text
        else:
            self.out.append(Run(text, bold=bool(self.bold), italic=bool(self.italic),
                                line_break=self.pending_break))
            self.pending_break = False

    def child(self, child) -> None:
        kind = child.type
        if kind in ("text", "code_inline"):
            self.add(child.content)
        elif kind == "softbreak":
            self.add(" ")
        elif kind == "hardbreak":
            self.pending_break = True
        elif kind in ("strong_open", "strong_close"):
            self.bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            self.italic += 1 if kind == "em_open" else -1
        elif kind == "html_inline":
            if _BR_RE.fullmatch(child.content.strip()):
                self.pending_break = True
            elif not child.content.startswith("<!--"):
                self.add(child.content)
        elif kind == "image":
            if self.allow_images:
                self.out.append(child)
            else:
                self.add(child.content)
        # link_open/link_close: the link text is kept, the address dropped

    def runs(self) -> list:
        for child in self.inline.children or []:
            self.child(child)
        if self.pending_break:
            self.out.append(Run("", bold=bool(self.bold), italic=bool(self.italic), line_break=True))
        return self.out


class BlockBuilder:
    """Walks the tokens of one chapter and collects its blocks.

    ``objects``: the tables/charts behind the markers; ``lettered``: {output line: list style}
    of lettered lists; ``origin``: per output line, its 0-based line in the chapter file.
    """

    def __init__(self, path: Path, display_path: str, spec: ChapterSpec, objects: list,
                 lettered: dict[int, str], origin: list[int]):
        self.path = path
        self.display = display_path
        self.spec = spec
        self.objects = objects
        self.lettered = lettered
        self.origin = origin
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
        if not self.spec.numbered:
            return None
        if level == 1:
            self.counters = [0, 0, 0]
            return f"BAB {self.spec.roman}"
        i = level - 2
        self.counters[i] += 1
        for j in range(i + 1, 3):
            self.counters[j] = 0
        parts = [str(self.spec.number)] + [str(c) for c in self.counters[: i + 1]]
        return ".".join(parts) + ("." if level == 2 else "")

    def heading(self, open_token, inline) -> None:
        level = min(int(open_token.tag[1]), 4)
        numbered = not inline.content.rstrip().endswith("{-}")
        runs = self.runs(inline)
        if not numbered:
            # the marker is the end of the last run's text
            last = runs[-1]
            last.text = last.text.rstrip()[:-3].rstrip()
            runs = [r for r in runs if r.text or r.line_break]
        number = self.heading_number(level) if numbered else None
        self.add(Block("heading", runs=runs, level=level, number=number, location=self.loc(open_token)))

    # inline content
    def runs(self, inline, allow_images=False) -> list:
        """Runs of an inline token; with ``allow_images``, image tokens are returned
        in the list as they are (the caller splits the paragraph there)."""
        return _InlineRuns(self, inline, allow_images).runs()

    def plain(self, inline) -> str:
        return "".join(r.text for r in self.runs(inline))

    # blocks
    def add(self, block: Block):
        self.blocks.append(block)

    def paragraph(self, inline, para_token):
        content = inline.content.strip()
        m = MARKER_RE.fullmatch(content)
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
        pending: list[Run] = []
        for item in self.runs(inline, allow_images=True) + [None]:
            if isinstance(item, Run):
                pending.append(item)
                continue
            while pending and not pending[0].line_break and not pending[0].text.strip():
                pending.pop(0)
            if pending:
                self.add(self.text_block(pending, para_token))
            pending = []
            if item is not None:
                self.add(self.image(item, para_token))

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
        while tokens[i].type != "table_close":
            t = tokens[i]
            if t.type in ("thead_open", "tbody_open"):
                section = header if t.type == "thead_open" else rows
            elif t.type == "tr_open":
                row = []
            elif t.type == "tr_close":
                section.append(row)
            elif t.type in ("th_open", "td_open"):
                m = _ALIGN_RE.search(str(t.attrGet("style") or ""))
                align = m.group(1) if m else "left"
            elif t.type == "inline":
                row.append(Cell(self.plain(t), align=align))
            i += 1
        ncols = max((len(r) for r in header + rows), default=0)
        spec = TableSpec(key="", title="", header=header, rows=rows,
                         widths=[1.0] * ncols, numbered=False)
        self.add(Block("table", table=spec, location=self.loc(open_token)))
        return i + 1

    def list_open(self, token) -> None:
        if token.type == "bullet_list_open":
            style = "bullet"
        else:
            style = self.lettered.get(token.map[0], "decimal") if token.map else "decimal"
        self.lists.append((self.next_list_id, style))
        self.next_list_id += 1

    def other_block(self, token) -> None:
        """HTML blocks (page breaks, comments, raw text) and code blocks."""
        if token.type == "html_block":
            content = token.content.strip()
            if _PAGEBREAK_RE.match(content):
                self.add(Block("page_break", location=self.loc(token)))
            elif not content.startswith("<!--"):
                self.add(Block("paragraph", runs=[Run(content)], location=self.loc(token)))
        elif token.type in ("fence", "code_block"):
            lines = token.content.rstrip("\n").split("\n")
            runs = [Run(line, line_break=k > 0) for k, line in enumerate(lines)]
            self.add(Block("paragraph", runs=runs, location=self.loc(token)))

    def run(self, tokens) -> list[Block]:
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t.type == "heading_open":
                self.heading(t, tokens[i + 1])
                i += 3
                continue
            if t.type == "paragraph_open":
                self.paragraph(tokens[i + 1], t)
                i += 3
                continue
            if t.type == "table_open":
                i = self.table(tokens, i)
                continue
            if t.type in ("bullet_list_open", "ordered_list_open"):
                self.list_open(t)
            elif t.type in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif t.type == "list_item_open":
                self.item_open = True
            else:
                self.other_block(t)  # hr and closing tokens: nothing
            i += 1
        return self.blocks
