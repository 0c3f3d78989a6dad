"""A :class:`TableSpec` as a Word table (``<w:tbl>``) in a template table style.

Header rows repeat on every page, no row is split across pages, merged cells are written as
``gridSpan`` (columns) and ``vMerge`` (rows), header cells take the fill of the style's first
row. Column widths: :func:`measure.column_widths` over the page's text width.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.parser import element_class_lookup
from lxml import etree

from ..present.blocks import TableSpec
from .measure import column_count, column_widths, min_widths, table_rows
from .spans import CONTINUE, RESTART, place_rows
from .styles import StyleMap
from .xml import W_NS, add, add_run, styled_paragraph

DEFAULT_TABLE_STYLE = "Tabel LKjIP"
JUSTIFICATION = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def build_table(spec: TableSpec, styles: StyleMap, width: int,
                minimums: list[int] | None = None):
    """The ``<w:tbl>`` of ``spec``, ``width`` twips wide.

    ``minimums``: per column, the twips it needs (from ``measure.fit_table``); None: measured
    here at the table's own font size.
    """
    style_name = spec.style or DEFAULT_TABLE_STYLE
    style_id = styles.require(style_name)
    fill = styles.header_fill(style_name)
    columns = column_count(spec)
    weights = (list(spec.widths) or [1.0] * columns) + [1.0] * columns
    minimums = minimums or min_widths(spec, styles)[1]
    widths = column_widths(weights[:columns], (list(minimums) + [0] * columns)[:columns], width)

    rows = table_rows(spec)
    cell_styles = (styles.require("Teks Tabel"), styles.require("Judul Kolom"))
    try:  # the same XML as the elements below, written as text and parsed once: faster
        return etree.fromstring(_table_xml(style_id, fill, width, widths, rows, columns,
                                           cell_styles, spec.font_size), _PARSER)
    except (etree.XMLSyntaxError, ValueError):  # text XML cannot hold: the element route
        pass
    tbl = OxmlElement("w:tbl")
    tbl_pr = add(tbl, "tblPr")  # children in schema order
    add(tbl_pr, "tblStyle", val=style_id)
    add(tbl_pr, "tblW", w=str(width), type="dxa")
    add(tbl_pr, "jc", val="center")
    add(tbl_pr, "tblLayout", type="fixed")
    add(tbl_pr, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0",
        lastColumn="0", noHBand="1", noVBand="1")
    grid = add(tbl, "tblGrid")
    for column_width in widths:
        add(grid, "gridCol", w=str(column_width))

    for (_, is_header), placed in zip(rows, place_rows((row for row, _ in rows), columns)):
        tr = add(tbl, "tr")
        tr_pr = add(tr, "trPr")
        add(tr_pr, "cantSplit")
        if is_header:
            add(tr_pr, "tblHeader")
        for where in placed:
            cell_widths = widths[where.column : where.column + where.span]
            tc = _cell_properties(tr, cell_widths, is_header, fill, where.merge)
            _cell_paragraph(tc, where.cell, is_header, cell_styles[is_header], spec.font_size)
    return tbl


def _cell_properties(tr, widths: list[int], is_header: bool, fill: str | None, merge: str | None):
    """Append ``<w:tc><w:tcPr>`` (tcW, gridSpan?, vMerge?, shd?, vAlign) to ``tr``; returns tc."""
    tc = add(tr, "tc")
    tc_pr = add(tc, "tcPr")
    add(tc_pr, "tcW", w=str(sum(widths)), type="dxa")
    if len(widths) > 1:
        add(tc_pr, "gridSpan", val=str(len(widths)))
    if merge == RESTART:
        add(tc_pr, "vMerge", val=RESTART)
    elif merge == CONTINUE:
        add(tc_pr, "vMerge")
    if is_header and fill:
        add(tc_pr, "shd", val="clear", color="auto", fill=fill)
    add(tc_pr, "vAlign", val="center" if is_header else "top")
    return tc


def _cell_paragraph(tc, cell, is_header: bool, style_id: str, size_pt: float | None):
    """The cell's one paragraph; ``cell`` None (covered by a vertical merge): empty."""
    p = styled_paragraph(tc, style_id)
    if cell is None:
        return
    # header cells take the alignment of "Judul Kolom" (centred) unless told otherwise
    if not is_header or cell.align != "left":
        add(p[0], "jc", val=JUSTIFICATION.get(cell.align, "left"))
    add_run(p, cell.text, bold=cell.bold, size_pt=size_pt)


# --- the same table as one string -------------------------------------------------------------
# ``build_table`` writes the XML below as text and parses it once (python-docx's element
# classes, whitespace kept) instead of ~370 ``SubElement`` calls per table; the element route
# above is the reference (tests/test_docx_table_text.py compares both) and the fallback.

_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
_PARSER.set_element_class_lookup(element_class_lookup)
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                            "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def _a(value) -> str:
    return str(value).translate(_ATTRIBUTE)


def _table_xml(style_id, fill, width, widths, rows, columns, cell_styles, size_pt) -> bytes:
    out = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="{_a(style_id)}"/>'
           f'<w:tblW w:w="{_a(width)}" w:type="dxa"/><w:jc w:val="center"/>'
           '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" '
           'w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
           '</w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{_a(w)}"/>' for w in widths]
    out.append("</w:tblGrid>")
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{_a(fill)}"/>' if fill else ""
    size = ""
    if size_pt:
        half_points = str(round(size_pt * 2))
        size = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    for (_, is_header), placed in zip(rows, place_rows((row for row, _ in rows), columns)):
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if is_header
                   else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        style = f'<w:p><w:pPr><w:pStyle w:val="{_a(cell_styles[is_header])}"/>'
        for where in placed:
            span = widths[where.column : where.column + where.span]
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{sum(span)}" w:type="dxa"/>')
            if len(span) > 1:
                out.append(f'<w:gridSpan w:val="{len(span)}"/>')
            if where.merge == RESTART:
                out.append(f'<w:vMerge w:val="{RESTART}"/>')
            elif where.merge == CONTINUE:
                out.append("<w:vMerge/>")
            if is_header:
                out.append(shading)
            out.append('<w:vAlign w:val="center"/></w:tcPr>' if is_header
                       else '<w:vAlign w:val="top"/></w:tcPr>')
            out.append(style)
            cell = where.cell
            if cell is None:
                out.append("</w:pPr></w:p></w:tc>")
                continue
            if not is_header or cell.align != "left":
                out.append(f'<w:jc w:val="{_a(JUSTIFICATION.get(cell.align, "left"))}"/>')
            out.append("</w:pPr><w:r>")
            if cell.bold or size_pt:
                out.append("<w:rPr>" + ("<w:b/>" if cell.bold else "") + size + "</w:rPr>")
            for i, line in enumerate(cell.text.split("\n")):
                if i:
                    out.append("<w:br/>")
                for j, part in enumerate(line.split("\t")):
                    if j:
                        out.append("<w:tab/>")
                    if part:
                        out.append('<w:t xml:space="preserve">' + part.translate(_TEXT)
                                   + "</w:t>")
            out.append("</w:r></w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out).encode("utf-8")
