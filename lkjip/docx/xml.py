"""Word XML (WordprocessingML) basics: namespaces, qualified names, element helpers.

Plain lxml, no python-docx import, so the TOC write-back and the golden-text reader can use it
cheaply. Elements added under a python-docx element still get python-docx's classes (they live
in its document).
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W_NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
W = f"{{{W_NS}}}"  # Clark prefix of the w: namespace
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def qn(name: str) -> str:
    """``"w:tblPr"`` → ``"{http://...wordprocessingml/2006/main}tblPr"`` (Clark notation)."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _attributes(attrs: dict[str, str]) -> dict[str, str]:
    return {W + key: str(value) for key, value in attrs.items()}


def add(parent, tag: str, **attrs) -> etree._Element:
    """Append ``<w:tag w:key="value" .../>`` to ``parent`` and return it.

    Attributes are written in the order given; children are appended, so callers write them
    in the order the schema wants.
    """
    if not attrs:
        return etree.SubElement(parent, W + tag)
    return etree.SubElement(parent, W + tag, _attributes(attrs))


def element(tag: str, **attrs) -> etree._Element:
    """A new, parentless ``<w:tag w:key="value" .../>``."""
    return etree.Element(W + tag, _attributes(attrs))


def add_text(parent, text: str, tag: str = "t") -> etree._Element:
    """Append ``<w:t xml:space="preserve">text</w:t>`` (or another ``tag``) to a run."""
    t = etree.SubElement(parent, W + tag, {XML_SPACE: "preserve"})
    t.text = text
    return t


def val(parent, path: str, default: str | None = None) -> str | None:
    """The ``w:val`` of the element at ``path`` (``"w:pPr/w:pStyle"``) under ``parent``."""
    found = parent.find("/".join(qn(part) for part in path.split("/")))
    return default if found is None else found.get(W + "val", default)


def to_bytes(root) -> bytes:
    """A part's XML as Word writes it: declaration, UTF-8, standalone."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def styled_paragraph(parent, style_id: str, justification: str | None = None) -> etree._Element:
    """Append ``<w:p><w:pPr><w:pStyle/><w:jc/>?</w:pPr></w:p>`` to ``parent`` and return it.

    ``justification``: Word's ``w:jc`` value ("left", "center", "right", "both") or None.
    """
    p = add(parent, "p")
    p_pr = add(p, "pPr")
    add(p_pr, "pStyle", val=style_id)
    if justification:
        add(p_pr, "jc", val=justification)
    return p


def add_run(p, text: str, bold=False, italic=False, size_pt=None, break_before=False):
    """Append ``<w:r><w:rPr>b? i? sz? szCs?</w:rPr>? <w:br/>? (w:t | w:tab | w:br)*</w:r>``.

    A "\\n" in ``text`` becomes a line break, a "\\t" a tab.
    """
    r = add(p, "r")
    if bold or italic or size_pt:
        r_pr = add(r, "rPr")
        if bold:
            add(r_pr, "b")
        if italic:
            add(r_pr, "i")
        if size_pt:
            half_points = str(round(size_pt * 2))
            add(r_pr, "sz", val=half_points)
            add(r_pr, "szCs", val=half_points)
    if break_before:
        add(r, "br")
    for i, line in enumerate(text.split("\n")):
        if i:
            add(r, "br")
        for j, part in enumerate(line.split("\t")):
            if j:
                add(r, "tab")
            if part:
                add_text(r, part)
    return r
