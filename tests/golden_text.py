"""The report as reviewable plain text, for golden-file tests and for reading diffs.

:func:`document_text` walks the body of a .docx in order and writes one line per paragraph
and one ``| cell | cell |`` line per table row:

- a paragraph whose style is not the default one is prefixed with the style name,
  ``[Heading 2] 1.1. Latar Belakang``; list items get their computed number or bullet
  (``a.``, ``1)``, ``•``) after two spaces of indentation per list level;
- a line break inside a paragraph is shown as ``↵``, a tab as one space; paragraphs inside
  one table cell are joined with `` ¶ ``; a cell covered by the one above (vertical merge)
  is ``^``, a cell spanning several columns is written once;
- the results of TOC fields (table of contents, list of tables/figures) are replaced by one
  line ``[TOC ...]``: a ``--fast`` build holds placeholder text there and a LibreOffice build
  page numbers, so the text stays independent of LibreOffice. Other fields (SEQ numbers of
  captions) keep their result;
- page breaks, section breaks (orientation, page-number format) and pictures (size) are
  shown as ``[...]`` lines, so layout regressions show up in the diff too.

Headers and footers are left out (they hold page numbers only).
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.styles import BabelFish

from lkjip.chapters import roman
from lkjip.docx.spans import CONTINUE, vertical_merge
from lkjip.docx.styles import StyleMap
from lkjip.docx.xml import qn

EMU_PER_CM = 360000
BULLET = "•"


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperRoman":
        return roman(n)
    return str(n)


class _Numbering:
    """List numbers as Word shows them: one counter set per w:num."""

    def __init__(self, doc):
        self.levels: dict[str, dict[int, dict]] = {}  # numId -> ilvl -> {fmt, text, start}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = doc.part.numbering_part.element
        except (NotImplementedError, KeyError):
            return
        abstract = {}
        for a in root.findall(qn("w:abstractNum")):
            abstract[a.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"))): self._level(lvl) for lvl in a.findall(qn("w:lvl"))
            }
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = {k: dict(v) for k, v in abstract.get(ref.get(qn("w:val")), {}).items()}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl")))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    levels[ilvl]["start"] = int(start.get(qn("w:val")))
            self.levels[num.get(qn("w:numId"))] = levels

    @staticmethod
    def _level(lvl) -> dict:
        def val(tag, default):
            el = lvl.find(qn(tag))
            return default if el is None else el.get(qn("w:val"), default)

        return {"fmt": val("w:numFmt", "decimal"), "text": val("w:lvlText", ""),
                "start": int(val("w:start", "1"))}

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return "?"
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level["fmt"] == "bullet":
            return BULLET
        text = level["text"]
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                n = counters.get(k, levels.get(k, {}).get("start", 1))
                text = text.replace(f"%{k + 1}", _format_number(n, levels[k]["fmt"]))
        return text


class _Walker:
    def __init__(self, doc):
        self.doc = doc
        self.styles = StyleMap(doc.styles.element)
        self.default_style = self.styles.default_paragraph
        self.numbering = _Numbering(doc)
        self.fields: list[dict] = []  # open complex fields: {"instr", "result": bool}
        self.lines: list[str] = []

    # styles ---------------------------------------------------------------------------

    def style_name(self, style_id: str | None) -> str | None:
        name = self.styles.name_of(style_id)
        if name is None:
            return style_id
        return BabelFish.internal2ui(name)  # "heading 1" -> "Heading 1"

    def num_pr(self, p):
        """(numId, ilvl) from the paragraph or its style chain, or None."""
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            num_pr = self.styles.num_pr(self._style_id(p))
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        if num_id is None or num_id.get(qn("w:val")) == "0":
            return None
        return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0

    @staticmethod
    def _style_id(p) -> str | None:
        el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return el.get(qn("w:val")) if el is not None else None

    # fields ---------------------------------------------------------------------------

    def in_toc_result(self) -> bool:
        return any(f["result"] and f["instr"].strip().upper().startswith("TOC")
                   for f in self.fields)

    def field_char(self, el, out: list[str]) -> None:
        kind = el.get(qn("w:fldCharType"))
        if kind == "begin":
            self.fields.append({"instr": "", "result": False})
        elif kind == "separate" and self.fields:
            field = self.fields[-1]
            field["result"] = True
            instr = field["instr"].strip()
            if instr.upper().startswith("TOC") and not self.in_toc_result_outer():
                out.append(f"\x00[{' '.join(instr.split())}]")
        elif kind == "end" and self.fields:
            self.fields.pop()

    def in_toc_result_outer(self) -> bool:
        return any(f["result"] and f["instr"].strip().upper().startswith("TOC")
                   for f in self.fields[:-1])

    # content --------------------------------------------------------------------------

    def inline(self, el, out: list[str], pictures: list[str]) -> None:
        """Text of a paragraph's runs (hyperlinks, smart tags ... included) in order."""
        for child in el.iterchildren():
            tag = child.tag
            if tag == qn("w:fldChar"):
                self.field_char(child, out)
            elif tag == qn("w:instrText"):
                if self.fields and not self.fields[-1]["result"]:
                    self.fields[-1]["instr"] += child.text or ""
            elif tag == qn("w:fldSimple"):
                instr = child.get(qn("w:instr"), "")
                if instr.strip().upper().startswith("TOC"):
                    out.append(f"\x00[{' '.join(instr.split())}]")
                else:
                    self.inline(child, out, pictures)
            elif self.in_toc_result():
                if tag in (qn("w:r"), qn("w:hyperlink"), qn("w:smartTag"), qn("w:ins"),
                           qn("w:sdt"), qn("w:sdtContent")):
                    self.inline(child, out, pictures)
            elif tag == qn("w:t"):
                out.append(child.text or "")
            elif tag == qn("w:tab"):
                out.append(" ")
            elif tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) == "page":
                    out.append("\x00[page break]")
                elif child.get(qn("w:type")) != "column":
                    out.append("↵")
            elif tag == qn("w:noBreakHyphen"):
                out.append("-")
            elif tag == qn("w:drawing"):
                pictures.append(self.picture(child))
            elif tag in (qn("w:del"), qn("w:rPr"), qn("w:pPr")):
                continue
            else:
                self.inline(child, out, pictures)

    @staticmethod
    def picture(drawing) -> str:
        extent = drawing.find(f".//{qn('wp:extent')}")
        if extent is None:
            return "[gambar]"
        w = int(extent.get("cx", 0)) / EMU_PER_CM
        h = int(extent.get("cy", 0)) / EMU_PER_CM
        return f"[gambar {w:.1f} x {h:.1f} cm]"

    def paragraph_parts(self, p) -> tuple[str, list[str]]:
        """(text, markers) of one paragraph; markers are [page break]/[TOC ...] lines."""
        out: list[str] = []
        pictures: list[str] = []
        self.inline(p, out, pictures)
        text, markers = "", []
        for piece in out:
            if piece.startswith("\x00"):
                markers.append(piece[1:])
            else:
                text += piece
        return text, markers + pictures

    def paragraph(self, p) -> None:
        was_toc = self.in_toc_result()
        text, markers = self.paragraph_parts(p)
        touches_toc = was_toc or self.in_toc_result() or any(m.startswith("[TOC") for m in markers)
        # a paragraph holding only (part of) a TOC result is not written: its entries
        # depend on whether LibreOffice ran
        if not (touches_toc and not text):
            style_id = self._style_id(p) or self.default_style
            prefix = ""
            num = self.num_pr(p)
            if num is not None:
                num_id, ilvl = num
                prefix = "  " * ilvl + self.numbering.label(num_id, ilvl) + " "
            name = self.style_name(style_id)
            label = f"[{name}] " if style_id != self.default_style and name != "Normal" else ""
            if text or prefix or not markers:
                self.lines.append(f"{label}{prefix}{text}".rstrip())
        self.lines.extend(markers)
        sect = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect is not None:
            self.lines.append(self.section(sect))

    @staticmethod
    def section(sect) -> str:
        size = sect.find(qn("w:pgSz"))
        parts = []
        if size is not None:
            w, h = int(size.get(qn("w:w"), 0)), int(size.get(qn("w:h"), 0))
            parts.append("landscape" if w > h else "portrait")
        num = sect.find(qn("w:pgNumType"))
        if num is not None:
            if num.get(qn("w:fmt")):
                parts.append(f"nomor {num.get(qn('w:fmt'))}")
            if num.get(qn("w:start")):
                parts.append(f"mulai {num.get(qn('w:start'))}")
        kind = sect.find(qn("w:type"))
        if kind is not None and kind.get(qn("w:val")) != "nextPage":
            parts.append(kind.get(qn("w:val")))
        return f"[section: {', '.join(parts)}]"

    def cell_text(self, tc) -> str:
        texts = []
        for child in tc.iterchildren():
            if child.tag == qn("w:p"):
                text, markers = self.paragraph_parts(child)
                texts.append(" ".join([text, *markers]).strip())
            elif child.tag == qn("w:tbl"):
                texts.append("[tabel dalam sel]")
        return " ¶ ".join(t for t in texts if t) if any(texts) else ""

    def table(self, tbl) -> None:
        self.lines.append("[tabel]")
        for tr in tbl.findall(qn("w:tr")):
            cells = []
            for tc in tr.findall(qn("w:tc")):
                if vertical_merge(tc) == CONTINUE:
                    cells.append("^")
                else:
                    cells.append(self.cell_text(tc))
            self.lines.append("| " + " | ".join(cells) + " |")

    def block(self, parent) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                self.table(child)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.block(content)
            elif child.tag == qn("w:sectPr"):
                self.lines.append(self.section(child))


def document_text(docx: bytes | str | Path) -> str:
    """The body of ``docx`` (bytes or a path) as plain text, one line per paragraph/table row."""
    source = io.BytesIO(docx) if isinstance(docx, (bytes, bytearray)) else str(docx)
    doc = Document(source)
    walker = _Walker(doc)
    walker.block(doc.element.body)
    return "\n".join(walker.lines) + "\n"
