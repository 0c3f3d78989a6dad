"""Word sections: page size and margins, text width, landscape sections, section/page breaks.

A section's layout is its ``<w:sectPr>``: the last one sits in the body, every other one in
the ``<w:pPr>`` of the paragraph that ends the section. Sizes are in twips.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from .xml import W, add, styled_paragraph, val

A4_WIDTH, A4_HEIGHT = 11906, 16838  # twips
DEFAULT_MARGIN = 1418  # twips (2,5 cm)
SIDES = ("top", "right", "bottom", "left")


@dataclass(frozen=True)
class Page:
    """A section's page in twips: ``width`` × ``height`` as set, and its margins by side."""

    width: int
    height: int
    margins: dict[str, int]


def page(sect_pr) -> Page:
    """The page of ``<w:sectPr>`` (A4 with 2,5 cm margins where it says nothing)."""
    size = sect_pr.find(W + "pgSz")
    margins = sect_pr.find(W + "pgMar")
    width = int(size.get(W + "w", A4_WIDTH)) if size is not None else A4_WIDTH
    height = int(size.get(W + "h", A4_HEIGHT)) if size is not None else A4_HEIGHT
    return Page(width, height, {
        side: int(margins.get(W + side, DEFAULT_MARGIN)) if margins is not None else DEFAULT_MARGIN
        for side in SIDES
    })


def text_width(sect_pr, landscape: bool = False) -> int:
    """Usable text width in twips of the portrait section, or of its landscape version."""
    layout = page(sect_pr)
    if landscape:
        return max(layout.width, layout.height) - layout.margins["top"] - layout.margins["bottom"]
    return min(layout.width, layout.height) - layout.margins["left"] - layout.margins["right"]


def text_height(sect_pr, landscape: bool = False) -> int:
    """Usable text height in twips of the portrait section, or of its landscape version."""
    layout = page(sect_pr)
    if landscape:
        return min(layout.width, layout.height) - layout.margins["left"] - layout.margins["right"]
    return max(layout.width, layout.height) - layout.margins["top"] - layout.margins["bottom"]


def sectpr_of(element, include_self: bool = True):
    """The ``<w:sectPr>`` of the section holding body child ``element``: the first one in a
    following paragraph (or ``element`` itself), else the body's own."""
    candidates = [element] if include_self else []
    for candidate in candidates + list(element.itersiblings()):
        found = candidate.find(f"{W}pPr/{W}sectPr")
        if found is not None:
            return found
    body = element.getparent()
    return body.find(W + "sectPr") if body is not None else None


def placeholder_sectpr(body, key: str):
    """The ``<w:sectPr>`` of the template section that holds the ``{{p key }}`` paragraph."""
    for element in body.iterchildren():
        if element.tag != W + "p":
            continue
        texts = "".join(element.itertext()).replace("{{p  ", "{{p ")
        if "{{p " + key in texts:
            return sectpr_of(element)
    return body.find(W + "sectPr")


def continuation(sect_pr):
    """A copy of sect_pr for a section that continues the page numbering of the previous one."""
    copied = copy.deepcopy(sect_pr)
    drop_numbering_start(copied)
    for kind in copied.findall(W + "type"):
        copied.remove(kind)
    return copied


def drop_numbering_start(sect_pr) -> None:
    """Remove the page-number restart and the different first page from ``sect_pr``."""
    for numbering in sect_pr.findall(W + "pgNumType"):
        numbering.attrib.pop(W + "start", None)
    for title_page in sect_pr.findall(W + "titlePg"):
        sect_pr.remove(title_page)


def landscape(sect_pr):
    """The landscape version: page turned, binding margin (left) becomes the top margin."""
    turned = continuation(sect_pr)
    layout = page(sect_pr)
    size = turned.find(W + "pgSz")
    size.set(W + "w", str(max(layout.width, layout.height)))
    size.set(W + "h", str(min(layout.width, layout.height)))
    size.set(W + "orient", "landscape")
    margins = turned.find(W + "pgMar")
    if margins is not None:
        margins.set(W + "top", str(layout.margins["left"]))
        margins.set(W + "left", str(layout.margins["bottom"]))
        margins.set(W + "bottom", str(layout.margins["right"]))
        margins.set(W + "right", str(layout.margins["top"]))
    return turned


def is_landscape(sect_pr) -> bool:
    size = sect_pr.find(W + "pgSz")
    return size is not None and size.get(W + "orient") == "landscape"


def is_section_break(element) -> bool:
    """A paragraph that ends a section (holds a ``<w:sectPr>``)."""
    return element.tag == W + "p" and element.find(f"{W}pPr/{W}sectPr") is not None


def is_page_break(element) -> bool:
    """A paragraph holding nothing but a page break (what a page_break block writes)."""
    if element.tag != W + "p" or element.findall(f"{W}r/{W}t"):
        return False
    return any(br.get(W + "type") == "page" for br in element.iterfind(f"{W}r/{W}br"))



LEAD_BLOCKS = 6  # short blocks kept on the page of the landscape table they introduce
LEAD_CHARS = 200  # "short": at most this many characters


class SectionBreaks:
    """Page breaks, and landscape sections around landscape tables, in one chapter's body.

    ``sect_pr``: the template section the chapter is written into; ``split_sections``: the
    template's list of sections cut into parts (shared by all chapters); ``styles``: the
    template's StyleMap.

    Up to LEAD_BLOCKS short headings/paragraphs/list items just before a table ("b. Target
    dan capaian kinerja kegiatan") go on the table's page: a landscape section starts before
    them, and after a landscape table they are kept with the portrait text that follows.
    Consecutive landscape tables (with only such short blocks between) share one section.
    """

    def __init__(self, body, sect_pr, split_sections: list, styles):
        self.body = body
        self.sect_pr = sect_pr
        self.split_sections = split_sections
        self.styles = styles
        self.in_landscape = False
        self.lead_start: int | None = None  # body index of the short blocks before a table
        self.lead_count = 0

    def place(self, kind: str, text: str, landscape_table: bool) -> None:
        """Called before each block is written: open or close a landscape section."""
        if kind == "table" and landscape_table:
            if not self.in_landscape:
                self.open_landscape(self.lead_start)
            self.lead_start, self.lead_count = None, 0
            return
        short = kind in ("heading", "paragraph", "list_item") and len(text) <= LEAD_CHARS
        if short and self.lead_count < LEAD_BLOCKS:
            if self.lead_start is None:
                self.lead_start = len(self.body)
            self.lead_count += 1
            return
        self.close_landscape(self.lead_start)
        if short:
            self.lead_start, self.lead_count = len(self.body), 1
        else:
            self.lead_start, self.lead_count = None, 0

    def finish(self) -> None:
        """After the last block: back to the template's (portrait) section."""
        self.close_landscape(self.lead_start)

    def _normal_paragraph(self):
        return styled_paragraph(self.body, self.styles.require("Normal"))

    def page_break(self) -> None:
        """A paragraph holding a page break, unless a section break just started a page."""
        if len(self.body) and is_section_break(self.body[-1]):
            return
        add(add(self._normal_paragraph(), "r"), "br", type="page")

    def section_break(self, sect_pr, at: int | None = None) -> None:
        """A paragraph ending a section with sect_pr, appended or inserted at body index ``at``."""
        body = self.body
        if at is not None and at < len(body) and body[at].tag == W + "p":
            if val(body[at], "w:pPr/w:pStyle") == self.styles.require("Jarak Setelah Tabel"):
                body.remove(body[at])  # the section break itself ends the page after the table
        p = self._normal_paragraph()
        if at is not None:
            body.insert(at, p)
        p_pr = p.find(W + "pPr")
        p_pr.append(sect_pr)
        spacing = add(p_pr, "spacing", before="0", after="0", line="240", lineRule="auto")
        p_pr.insert(1, spacing)

    def _before(self, at: int | None):
        if at:
            return self.body[at - 1]
        return self.body[-1] if at is None and len(self.body) else None

    def open_landscape(self, at: int | None) -> None:
        body = self.body
        before = self._before(at)
        if before is not None and is_page_break(before):
            # the section break starts a new page: a page break just before it would leave
            # an empty page
            body.remove(before)
            at = None if at is None else at - 1
            before = self._before(at)
        if before is not None and is_section_break(before):
            if is_landscape(before.find(f"{W}pPr/{W}sectPr")):
                # nothing portrait between two landscape parts: stay landscape, new page
                index = body.index(before)
                body.remove(before)
                self.page_break()
                body.insert(index, body[-1])
                self.in_landscape = True
                return
        if not any(s is self.sect_pr for s in self.split_sections):
            # the first break keeps the section's own numbering start (page 1 of Bab I)
            self.split_sections.append(self.sect_pr)
            self.section_break(copy.deepcopy(self.sect_pr), at)
        else:
            self.section_break(continuation(self.sect_pr), at)
        self.in_landscape = True

    def close_landscape(self, at: int | None) -> None:
        if self.in_landscape:
            self.section_break(landscape(self.sect_pr), at)
            self.in_landscape = False
