"""Writing LibreOffice's TOC entries back into our .docx as the cached results of its fields.

A TOC field (table of contents, list of tables, list of figures) is a complex field:
``fldChar begin`` … instruction … ``fldChar separate`` … result … ``fldChar end``. Word shows
the result until the field is updated; LibreOffice computes the entries and page numbers
(``lkjip/publish/lo_update.py``), and here they become that result: one paragraph per entry
in Word's "toc N" / "table of figures" style, a dotted right tab to the page number.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import deepcopy

from lxml import etree

from .sections import A4_WIDTH, DEFAULT_MARGIN, page, sectpr_of
from .styles import StyleMap
from .xml import W, add, add_text, element, to_bytes

ENTRY_STYLE_INDENT = 220  # twips per TOC level, for "toc N" styles added to styles.xml
DEFAULT_TEXT_WIDTH = A4_WIDTH - 2 * DEFAULT_MARGIN


def _field_key(instruction: str) -> tuple[str, str | None]:
    """("caption", "Tabel") for ``TOC \\c "Tabel"``, else ("content", None)."""
    found = re.search(r'\\c\s+(?:"([^"]*)"|(\S+))', instruction)
    if found:
        return "caption", found.group(1) if found.group(1) is not None else found.group(2)
    return "content", None


def _find_toc_fields(root) -> list[dict]:
    """Complex TOC fields (fldChar begin/separate/end, nesting allowed) in document order.

    Each: ``{"begin", "sep", "end": the runs holding those fldChars, "instr": str}``.
    """
    stack: list[dict] = []
    found: list[dict] = []
    for el in root.iter(W + "fldChar", W + "instrText"):
        if el.tag == W + "instrText":
            if stack and stack[-1]["sep"] is None:
                stack[-1]["instr"] += el.text or ""
            continue
        kind = el.get(W + "fldCharType")
        run = el.getparent()
        if kind == "begin":
            stack.append({"begin": run, "instr": "", "sep": None})
        elif kind == "separate" and stack:
            stack[-1]["sep"] = run
        elif kind == "end" and stack:
            field = stack.pop()
            field["end"] = run
            if field["instr"].strip().upper().startswith("TOC") and field["sep"] is not None:
                found.append(field)
    return found


def _paragraph_of(el):
    for ancestor in el.iterancestors(W + "p"):
        return ancestor
    return None


def _top_child(el, parent):
    """The ancestor-or-self of ``el`` that is a direct child of ``parent``."""
    while el is not None and el.getparent() is not parent:
        el = el.getparent()
    return el


def _text_width(p) -> int:
    """Text width in twips of the section that holds paragraph ``p``, as laid out."""
    body = p.getroottree().getroot().find(W + "body")
    sect_pr = sectpr_of(_top_child(p, body)) if body is not None else None
    if sect_pr is None:
        return DEFAULT_TEXT_WIDTH
    layout = page(sect_pr)
    width = layout.width - layout.margins["left"] - layout.margins["right"]
    return width if width > 0 else DEFAULT_TEXT_WIDTH


def _entry_run(parent, text: str | None = None, tab: bool = False):
    r = add(parent, "r")
    add(add(r, "rPr"), "noProof")
    if tab:
        add(r, "tab")
    else:
        add_text(r, text)
    return r


def _entry_paragraph(entry: dict, style_id: str, tab_position: int):
    p = element("p")
    p_pr = add(p, "pPr")
    add(p_pr, "pStyle", val=style_id)
    add(add(p_pr, "tabs"), "tab", val="right", leader="dot", pos=str(tab_position))
    add(add(p_pr, "rPr"), "noProof")
    text = re.sub(r"\s*\t\s*", " ", entry.get("text", "")).strip()
    _entry_run(p, text)
    _entry_run(p, tab=True)
    _entry_run(p, str(entry.get("page", "")))
    return p


class _EntryStyles:
    """The styleIds of the entry styles; those styles.xml lacks are added under Word's names."""

    def __init__(self, styles: StyleMap):
        self.styles = styles
        self.missing: list[tuple[str, str]] = []  # (name, styleId) to add to styles.xml
        self.added: dict[str, str] = {}

    def style_id(self, kind: str, level: int) -> str:
        if kind == "caption":
            name, default_id = "table of figures", "TableofFigures"
        else:
            level = min(max(level, 1), 9)
            name, default_id = f"toc {level}", f"TOC{level}"
        found = self.styles.id_of(name) or self.added.get(name)
        if found is None:
            found = self.added[name] = default_id
            self.missing.append((name, default_id))
        return found

    def add_missing(self, styles_xml: bytes) -> bytes:
        root = etree.fromstring(styles_xml)
        for name, style_id in self.missing:
            style = element("style", type="paragraph", styleId=style_id)
            add(style, "name", val=name)
            add(style, "basedOn", val="Normal")
            add(style, "next", val="Normal")
            p_pr = add(style, "pPr")
            add(p_pr, "spacing", after="100")
            level = int(name[-1]) if name[-1].isdigit() else 1
            add(p_pr, "ind", left=str(ENTRY_STYLE_INDENT * (level - 1)))
            root.append(style)
        return to_bytes(root)


def _plain_paragraph(p_pr):
    p = element("p")
    if p_pr is not None:
        p.append(deepcopy(p_pr))
    return p


def _replace_field_result(field: dict, entries: list[dict], kind: str,
                          styles: _EntryStyles) -> bool:
    """Replace the paragraphs from the field's begin to its end by the entries; the field
    code goes into the first entry, the end into the last. False when left alone."""
    begin, separate, end = field["begin"], field["sep"], field["end"]
    p_begin, p_end = _paragraph_of(begin), _paragraph_of(end)
    if p_begin is None or p_end is None or p_begin.getparent() is not p_end.getparent():
        return False
    if separate.getparent() is not p_begin or begin.getparent() is not p_begin:
        return False  # field code spread over paragraphs: leave it alone
    parent = p_begin.getparent()
    children = list(p_begin)
    i_begin, i_separate = children.index(begin), children.index(separate)
    code = children[i_begin:i_separate + 1]
    before = [c for c in children[:i_begin] if c.tag != W + "pPr"]
    end_children = list(p_end)
    after = end_children[end_children.index(_top_child(end, p_end)) + 1:]
    end_p_pr, begin_p_pr = p_end.find(W + "pPr"), p_begin.find(W + "pPr")
    tab_position = _text_width(p_end)

    new: list = []
    if before:
        new.append(_plain_paragraph(begin_p_pr))
        new[-1].extend(before)
    if entries:
        paragraphs = [
            _entry_paragraph(e, styles.style_id(kind, int(e.get("level", 1))), tab_position)
            for e in entries
        ]
    else:
        paragraphs = [_plain_paragraph(begin_p_pr)]
    first, last = paragraphs[0], paragraphs[-1]
    insert_at = 1 if first.find(W + "pPr") is not None else 0
    for k, c in enumerate(code):
        first.insert(insert_at + k, c)
    last.append(end)
    new.extend(paragraphs)
    has_section = end_p_pr is not None and end_p_pr.find(W + "sectPr") is not None
    if after or has_section:
        new.append(_plain_paragraph(end_p_pr))
        new[-1].extend(after)

    siblings = list(parent)
    start, stop = siblings.index(p_begin), siblings.index(p_end)
    for old in siblings[start:stop + 1]:
        parent.remove(old)
    for k, p in enumerate(new):
        parent.insert(start + k, p)
    return True


def _matching_index(unused: list[dict], kind: str, category: str | None) -> dict | None:
    for index in unused:
        if index.get("kind") != kind:
            continue
        if kind == "caption" and index.get("category") not in (None, category):
            continue
        return index
    return None


def write_back_tocs(docx: bytes, indexes: list[dict]) -> bytes:
    """Write LibreOffice's index entries into ``docx`` as the results of its TOC fields.

    ``indexes``: in document order, each ``{"kind": "content"|"caption", "category",
    "entries": [{"text", "page", "level"}]}``. A field is matched with the first unused
    index of the same kind (and caption category, e.g. "Tabel"); unmatched fields are left
    as they are.
    """
    zin = zipfile.ZipFile(io.BytesIO(docx))
    names = zin.namelist()
    root = etree.fromstring(zin.read("word/document.xml"))
    styles_xml = zin.read("word/styles.xml") if "word/styles.xml" in names else None
    styles = _EntryStyles(StyleMap.from_xml(styles_xml))
    unused = list(indexes)
    changed = False
    for field in _find_toc_fields(root):
        kind, category = _field_key(field["instr"])
        match = _matching_index(unused, kind, category)
        if match is None:
            continue
        unused.remove(match)
        changed |= _replace_field_result(field, match.get("entries", []), kind, styles)
    if not changed:
        return docx
    replaced = {"word/document.xml": to_bytes(root)}
    if styles.missing and styles_xml:
        replaced["word/styles.xml"] = styles.add_missing(styles_xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replaced.get(info.filename) or zin.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zout.writestr(zi, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def libreoffice_hints(docx: bytes) -> dict:
    """What lets LibreOffice's pass (``lkjip/publish/lo_update.py``) do less, from one read of
    ``docx``: ``{"passes": 1 or 2, "headings": [[text, level], ...]}``.

    ``passes``: see :func:`settles_in_one_pass`. ``headings``: the paragraphs a table of
    contents lists, in order, as ``(text, level 1–9)`` (outline level from the paragraph or
    its style; a line break read as a space): when LibreOffice's entries have exactly these
    texts, their levels are taken from here instead of asking LibreOffice paragraph by
    paragraph; otherwise it is asked. A .docx that cannot be read gives 2 passes and no
    headings.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as zin:
            root = etree.fromstring(zin.read("word/document.xml"))
            names = zin.namelist()
            styles = StyleMap.from_xml(zin.read("word/styles.xml")
                                       if "word/styles.xml" in names else None)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError):
        return {"passes": 2, "headings": []}
    return {"passes": 1 if _one_pass(root, styles) else 2, "headings": _headings(root, styles)}


def settles_in_one_pass(docx: bytes) -> bool:
    """True when updating the indexes once gives their final page numbers, so LibreOffice
    need not update them a second time.

    Updating an index changes its length, which moves what follows it. One update is enough
    when nothing an index lists can move: the indexes share one section, nothing listable
    lies between the first index and the end of that section, and the next section restarts
    its page numbers (``<w:pgNumType w:start>``); what precedes the indexes does not move.
    Listable: a paragraph with an outline level (its own or its style's; TOC ``\\o``/``\\u``)
    or a field (SEQ captions, TC entries). Any doubt (no parse, no such section) gives False.
    """
    return libreoffice_hints(docx)["passes"] == 1


def _one_pass(root, styles: StyleMap) -> bool:
    body = root.find(W + "body")
    fields = _find_toc_fields(root)
    if body is None or not fields:
        return body is not None
    children = list(body)
    first = children.index(_top_child(fields[0]["begin"], body))
    last = children.index(_top_child(fields[-1]["end"], body))
    inside = {id(_top_child(f[key], body)) for f in fields for key in ("begin", "sep", "end")}
    for n in range(first, len(children)):
        child = children[n]
        if id(child) not in inside and _listable(child, styles):
            return False
        if child.tag == W + "p" and child.find(f"{W}pPr/{W}sectPr") is not None:
            if n < last:  # the indexes span sections
                return False
            following = sectpr_of(children[n + 1], include_self=True) \
                if n + 1 < len(children) else None
            restart = following.find(W + "pgNumType") if following is not None else None
            return restart is not None and restart.get(W + "start") is not None
    return False


def _outline_level(p, styles: StyleMap, cache: dict | None = None) -> int | None:
    """The paragraph's outline level (0 = level 1), its own or its style chain's; None for
    body text (none, or 9). ``cache``: style id → level, filled as styles are met."""
    p_pr = p.find(W + "pPr")
    found = p_pr.find(W + "outlineLvl") if p_pr is not None else None
    if found is not None:
        return _level_value(found)
    style = p_pr.find(W + "pStyle") if p_pr is not None else None
    style_id = style.get(W + "val") if style is not None else styles.default_paragraph
    cache = {} if cache is None else cache
    if style_id not in cache:
        cache[style_id] = next((_level_value(s.find(f"{W}pPr/{W}outlineLvl"))
                                for s in styles.chain(style_id)
                                if s.find(f"{W}pPr/{W}outlineLvl") is not None), None)
    return cache[style_id]


def _level_value(found) -> int | None:
    try:
        level = int(found.get(W + "val"))
    except (TypeError, ValueError):
        return None
    return level if 0 <= level < 9 else None


def _headings(root, styles: StyleMap) -> list[list]:
    out, cache = [], {}
    for p in root.iter(W + "p"):
        level = _outline_level(p, styles, cache)
        if level is None:
            continue
        text = "".join((el.text or "") if el.tag == W + "t" else " "  # a break: a space
                       for el in p.iter(W + "t", W + "br", W + "tab")).strip()
        if text:
            out.append([text, level + 1])
    return out


def _listable(element, styles: StyleMap) -> bool:
    """Whether a body child may hold a paragraph an index lists (conservative: any field,
    any outline level, any table or other block)."""
    if element.tag != W + "p":
        return element.tag != W + "sectPr"
    if element.find(f".//{W}instrText") is not None or element.find(f".//{W}fldSimple") is not None:
        return True
    return element.find(f"{W}pPr/{W}outlineLvl") is not None or \
        _outline_level(element, styles) is not None
