"""Chapters put into the filled template as elements, not as text through docxtpl.

docxtpl inserts a ``{{p bab_1 }}`` value as XML text: every chapter would be serialized,
pasted into the template's XML, run through docxtpl's regular expressions (``resolve_listing``
for tabs and line breaks in ``<w:t>``, the ``{_{`` unescaping), parsed again and checked by
``fix_tables`` — several copies of a document that reaches tens of megabytes for a large
agency. Instead each chapter key gets a one-paragraph :class:`ChapterSlot`; after docxtpl has
filled the (small) template, :func:`splice_chapters` replaces that paragraph by the chapter's
elements and numbers the pictures' ``wp:docPr`` ids again as docxtpl does.

The result is byte-identical to docxtpl's route whenever that route would not change the
chapter: :func:`can_splice` says so (no tab, line feed, bell or form feed in a ``<w:t>``, none
of docxtpl's ``{_{ }_} {_% %_}`` escapes, every table row within its grid); otherwise the
caller gives docxtpl the chapters as text, as before.
"""

from __future__ import annotations

import copy

from lxml import etree

from .xml import W, W_NS

WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_MARK_OPEN, _MARK_CLOSE = "\ue010lkjip-bab:", "\ue011"


class ChapterSlot:
    """What docxtpl writes for ``{{p key }}``: a paragraph holding a marker for ``key``."""

    def __init__(self, key: str):
        self.key = key

    def __html__(self) -> str:
        return f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{_MARK_OPEN}{self.key}{_MARK_CLOSE}</w:t></w:r></w:p>'

    __str__ = __html__


def _chapter_children(body) -> list:
    """A chapter's body elements, as ``Subdoc`` would write them (no body ``sectPr``)."""
    return [child for child in body if child.tag != W + "sectPr"]


# What docxtpl's text route would change in a chapter's XML: a tab or line feed in a <w:t>
# (resolve_listing; a bell or form feed cannot be in an XML tree at all) and its {_{ }_} {_% %_}
# escapes anywhere. Looked for in the XML text docxtpl would get; a tab or line feed elsewhere
# only sends the chapter the text route too (same bytes, slower).
_CHANGED_BY_DOCXTPL = ("\t", "\n", "{_{", "}_}", "{_%", "%_}")


def can_splice(subdoc) -> bool:
    """Whether docxtpl's text route would leave this chapter exactly as it is."""
    body = subdoc.body
    xml = etree.tostring(body, encoding="unicode")
    if any(seq in xml for seq in _CHANGED_BY_DOCXTPL):
        return False
    for table in body.iter(W + "tbl"):
        grid = table.find(W + "tblGrid")
        if grid is None:
            return False
        columns = len(grid.findall(W + "gridCol"))
        if any(len(row.findall(W + "tc")) > columns for row in table.iter(W + "tr")):
            return False  # docxtpl's fix_tables would add grid columns
    return True


def splice_chapters(tpl, subdocs: dict) -> None:
    """Replace each :class:`ChapterSlot` paragraph of the rendered ``tpl`` (a DocxTemplate)
    by the elements of ``subdocs[key]``, then number every ``wp:docPr`` from 1001 in document
    order (docxtpl's ``fix_docpr_ids``). The subdocuments are used up."""
    body = tpl.docx.element.body
    spliced: dict[str, list] = {}  # key -> the chapter's elements, now in the document
    for t in list(body.iter(W + "t")):
        text = t.text or ""
        if not (text.startswith(_MARK_OPEN) and text.endswith(_MARK_CLOSE)):
            continue
        key = text[len(_MARK_OPEN):-len(_MARK_CLOSE)]
        paragraph = t.getparent().getparent()
        if key in spliced:  # the same chapter twice in the template: a copy
            children = [copy.deepcopy(child) for child in spliced[key]]
            for child in children:
                paragraph.addprevious(child)
        else:
            # lxml checks the namespaces of every element moved in from another document,
            # fast only when the moved tree's top declares them: so the chapter's whole tree
            # (the w:document holding its body) moves in at once, then its elements move out
            # of it within this document (~0.03 s less for the example report than moving
            # them in one by one).
            chapter = subdocs[key].body
            tree = chapter.getroottree().getroot()
            paragraph.addprevious(tree)
            children = spliced[key] = _chapter_children(chapter)
            for child in children:
                paragraph.addprevious(child)
            tree.getparent().remove(tree)
        paragraph.getparent().remove(paragraph)
    tpl.docx_ids_index = 1000
    for docpr in body.iter(WP_DOCPR):
        tpl.docx_ids_index += 1
        docpr.attrib["id"] = str(tpl.docx_ids_index)
