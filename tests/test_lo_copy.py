"""The copy of the report LibreOffice loads (``lkjip/publish/lo_copy.py``): table styles written
out as direct formatting, as LibreOffice 7.4 applies them, on tiny hand-written .docx files."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from lkjip.docx.xml import W
from lkjip.publish import installation, libreoffice
from lkjip.publish.lo_copy import _conditions, for_libreoffice

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    "word/_rels/document.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>'),
}


def border(side: str, size: int = 4, color: str = "000000") -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="{color}"/>'


STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Bare"><w:name w:val="Bare"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Tight"><w:name w:val="Tight"/>'
    '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '</w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>'
    '<w:rPr><w:color w:val="0000FF"/></w:rPr></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
    '<w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
    '</w:tblPr></w:style>'
    '<w:style w:type="table" w:styleId="Grid"><w:name w:val="Grid"/>'
    '<w:basedOn w:val="TableNormal"/>'
    '<w:pPr><w:spacing w:before="20" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:rPr><w:color w:val="C00000"/></w:rPr>'
    '<w:tblPr><w:tblBorders>' + border("top", 12, "FF0000") + border("left")
    + border("bottom", 12, "0000FF") + border("right") + border("insideH") + border("insideV")
    + '</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
    '<w:left w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr>'
    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:tcPr></w:tblStylePr>'
    '</w:style>'
    # a whole-table conditional format: not resolved here
    '<w:style w:type="table" w:styleId="Odd"><w:name w:val="Odd"/>'
    '<w:tblPr><w:tblBorders>' + border("top") + '</w:tblBorders></w:tblPr>'
    '<w:tblStylePr w:type="wholeTable"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>'
)


def make_docx(body: str, styles: str = STYLES) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in PARTS.items():
            z.writestr(name, text)
        z.writestr("word/document.xml",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   f"<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>")
        z.writestr("word/styles.xml",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   f"<w:styles {NS}>{styles}</w:styles>")
    return out.getvalue()


def para(text: str, style: str | None = None, ppr: str = "", runs: str | None = None) -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{pstyle}{ppr}</w:pPr>" if pstyle or ppr else ""
    return f"<w:p>{props}{runs if runs is not None else run(text)}</w:p>"


def run(text: str, rpr: str = "") -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def table(style: str, rows: list[list[str]], look: str = 'w:val="04A0"', tblpr: str = "",
          headers: tuple = ()) -> str:
    """A table of ``style`` whose cells hold the given paragraphs' XML."""
    cols = len(rows[0])
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="6000" w:type="dxa"/>'
           f"{tblpr}<w:tblLook {look}/></w:tblPr><w:tblGrid>",
           f'<w:gridCol w:w="{6000 // cols}"/>' * cols, "</w:tblGrid>"]
    for index, cells in enumerate(rows):
        out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if index in headers else "<w:tr>")
        out += [f'<w:tc><w:tcPr><w:tcW w:w="{6000 // cols}" w:type="dxa"/></w:tcPr>{c}</w:tc>'
                for c in cells]
        out.append("</w:tr>")
    return "".join(out) + "</w:tbl><w:p/>"


def grid(rows: int = 3, cols: int = 2, style: str = "Bare") -> list[list[str]]:
    return [[para(f"r{r}c{c}", style) for c in range(cols)] for r in range(rows)]


def tables_of(docx: bytes) -> list:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return list(root.iter(W + "tbl"))


def find(element, path: str):
    return element.find("/".join(W + part for part in path.split("/")))


def attrs(element) -> dict:
    return {etree.QName(key).localname: value for key, value in element.attrib.items()}


def cell(tbl, row: int, col: int):
    return tbl.findall(W + "tr")[row].findall(W + "tc")[col]


# --- the table: borders and margins ------------------------------------------------------


def test_style_borders_and_margins_move_into_the_tables_own_properties():
    (tbl,) = tables_of(for_libreoffice(make_docx(table("Grid", grid()))))
    tblpr = find(tbl, "tblPr")
    assert find(tblpr, "tblStyle") is None
    borders = find(tblpr, "tblBorders")
    assert [etree.QName(b).localname for b in borders] == [
        "top", "left", "bottom", "right", "insideH", "insideV"]
    assert attrs(find(borders, "top")) == {"val": "single", "sz": "12", "space": "0",
                                           "color": "FF0000"}
    margins = find(tblpr, "tblCellMar")  # per side: Grid's top and left, TableNormal's others
    assert {etree.QName(m).localname: attrs(m)["w"] for m in margins} == {
        "top": "28", "left": "85", "bottom": "0", "right": "108"}
    assert attrs(find(tblpr, "tblInd")) == {"w": "0", "type": "dxa"}  # from TableNormal
    # the schema's order: tblW, tblInd, tblBorders, tblCellMar, tblLook
    assert [etree.QName(child).localname for child in tblpr] == [
        "tblW", "tblInd", "tblBorders", "tblCellMar", "tblLook"]


def test_the_tables_own_borders_and_margins_win_per_side():
    own = ("<w:tblBorders>" + border("top", 8, "00FF00") + "</w:tblBorders>"
           '<w:tblCellMar><w:left w:w="300" w:type="dxa"/></w:tblCellMar>')
    (tbl,) = tables_of(for_libreoffice(make_docx(table("Grid", grid(), tblpr=own))))
    borders = find(tbl, "tblPr/tblBorders")
    assert attrs(find(borders, "top"))["color"] == "00FF00"
    assert attrs(find(borders, "bottom"))["color"] == "0000FF"  # the style's, added
    assert [etree.QName(b).localname for b in borders][:3] == ["top", "left", "bottom"]
    assert attrs(find(tbl, "tblPr/tblCellMar/left"))["w"] == "300"
    assert attrs(find(tbl, "tblPr/tblCellMar/top"))["w"] == "28"


# --- conditional formats ---------------------------------------------------------------


def header_cell(docx: bytes, row: int = 0):
    (tbl,) = tables_of(for_libreoffice(docx))
    found = cell(tbl, row, 1)
    return find(found, "tcPr/shd"), find(found, "p/r/rPr/b")


@pytest.mark.parametrize("look, applied", [
    ('w:val="0020"', True),
    ('w:val="04A0" w:firstRow="1" w:noHBand="1"', True),
    ('w:val="0000"', False),
    # LibreOffice 7.4 reads only w:val; the newer attributes alone mean its default, 04A0
    ('w:val="0000" w:firstRow="1"', False),
    ('w:firstRow="0" w:lastRow="0"', True),
])
def test_first_row_format_only_when_the_table_look_says_so(look, applied):
    shading, bold = header_cell(make_docx(table("Grid", grid(), look=look)))
    assert (shading is not None, bold is not None) == (applied, applied)
    if applied:
        assert attrs(shading)["fill"] == "D9D9D9"


def test_a_repeated_header_row_gets_the_first_row_format_as_in_libreoffice():
    docx = make_docx(table("Grid", grid(4), look='w:val="0000"', headers=(1,)))
    assert header_cell(docx, row=0) == (None, None)
    shading, bold = header_cell(docx, row=1)
    assert shading is not None and bold is not None


def test_a_cells_own_shading_wins():
    rows = grid()
    docx = make_docx(table("Grid", rows).replace(
        '<w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="Bare"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">r0c0',
        '<w:tcW w:w="3000" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/>'
        '</w:tcPr><w:p><w:pPr><w:pStyle w:val="Bare"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">r0c0'))
    (tbl,) = tables_of(for_libreoffice(docx))
    assert attrs(find(cell(tbl, 0, 0), "tcPr/shd"))["fill"] == "FFFF00"
    assert attrs(find(cell(tbl, 0, 1), "tcPr/shd"))["fill"] == "D9D9D9"


def test_which_conditional_formats_libreoffice_gives_a_cell():
    # 04A0: first row, first column, horizontal bands (no vertical ones) from the first row
    # under the header on
    assert _conditions(0x04A0, 0, 4, False, 0, 3) == ["firstCol", "firstRow", "nwCell"]
    assert _conditions(0x04A0, 1, 4, False, 1, 3) == ["band1Horz"]
    assert _conditions(0x04A0, 2, 4, False, 2, 3) == ["band2Horz"]
    assert _conditions(0x04A0, 3, 4, False, 2, 3) == ["band1Horz"]  # no last row in 04A0
    assert _conditions(0x0000, 2, 4, True, 0, 3) == ["band1Vert", "firstRow"]  # tblHeader
    assert _conditions(0x0000, 2, 4, True, 1, 3) == ["band2Vert", "firstRow"]
    assert _conditions(0x0660, 3, 4, False, 2, 3) == ["lastRow"]


# --- paragraphs and runs ------------------------------------------------------------------


def test_a_paragraph_style_that_sets_spacing_is_not_overridden():
    rows = [[para("a", "Tight"), para("b", "Bare")],
            [para("c", "Bare", ppr='<w:spacing w:after="300"/>'), para("d")]]
    (tbl,) = tables_of(for_libreoffice(make_docx(table("Grid", rows, look='w:val="0000"'))))
    spacing = [find(cell(tbl, r, c), "p/pPr/spacing") for r in (0, 1) for c in (0, 1)]
    assert spacing[0] is None  # Tight sets all three
    assert attrs(spacing[1]) == {"before": "20", "after": "40", "line": "240",
                                 "lineRule": "auto"}  # Bare sets none: the document
    # defaults do not count
    assert attrs(spacing[2]) == {"after": "300", "before": "20", "line": "240",
                                 "lineRule": "auto"}  # its own after wins
    assert attrs(spacing[3]) == {"before": "20"}  # the default paragraph style (Normal) sets
    # after and line


def test_run_properties_go_to_runs_that_do_not_set_them():
    runs = run("own ", '<w:color w:val="00FF00"/>') + run("styled ", '<w:rStyle w:val="Strong"/>')
    rows = [[para("", "Bare", runs=runs), para("x", "Tight")]]
    (tbl,) = tables_of(for_libreoffice(make_docx(table("Grid", rows, look='w:val="0000"'))))
    own, styled = cell(tbl, 0, 0).iterfind(f"{W}p/{W}r")
    assert attrs(find(own, "rPr/color"))["val"] == "00FF00"
    # LibreOffice's table style wins over a character style
    assert attrs(find(styled, "rPr/color"))["val"] == "C00000"
    assert [etree.QName(c).localname for c in find(styled, "rPr")] == ["rStyle", "color"]


def test_a_run_value_that_changes_nothing_keeps_the_tables_style():
    # Writer drops <w:b w:val="0"/> of one of several runs, so LibreOffice makes it bold
    runs = run("not bold ", '<w:b w:val="0"/>') + run("rest")
    rows = [[para("", "Bare", runs=runs), para("x", "Bare")], [para("y"), para("z")]]
    (tbl,) = tables_of(for_libreoffice(make_docx(table("Grid", rows))))
    assert attrs(find(tbl, "tblPr/tblStyle"))["val"] == "Grid"


# --- what is left alone ---------------------------------------------------------------------


def test_an_unsupported_style_feature_keeps_the_table_style():
    body = table("Odd", grid()) + table("Grid", grid())
    odd, converted = tables_of(for_libreoffice(make_docx(body)))
    assert attrs(find(odd, "tblPr/tblStyle"))["val"] == "Odd"
    assert find(odd, "tblPr/tblBorders") is None
    assert find(converted, "tblPr/tblStyle") is None


def test_a_document_without_table_styles_comes_back_as_it_is():
    docx = make_docx(para("no tables"))
    assert for_libreoffice(docx) is docx


@pytest.mark.parametrize("data", [
    b"",
    b"not a zip at all",
    make_docx(table("Grid", grid())).replace(b"word/document.xml", b"word/documentX.xml"),
])
def test_garbage_comes_back_unchanged(data):
    assert for_libreoffice(data) is data


def test_broken_xml_comes_back_unchanged():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/styles.xml", f"<w:styles {NS}>{STYLES}</w:styles>")
        z.writestr("word/document.xml", f"<w:document {NS}><w:body><w:tbl>")
    data = out.getvalue()
    assert for_libreoffice(data) is data


def test_the_other_parts_are_kept():
    docx = make_docx(table("Grid", grid()))
    with zipfile.ZipFile(io.BytesIO(docx)) as before, \
            zipfile.ZipFile(io.BytesIO(for_libreoffice(docx))) as after:
        assert before.namelist() == after.namelist()
        assert all(before.read(name) == after.read(name) for name in before.namelist()
                   if name != "word/document.xml")


# --- LibreOffice renders the copy as it renders the original --------------------------------


@pytest.mark.skipif(not libreoffice.libreoffice_available() or shutil.which("soffice") is None,
                    reason="LibreOffice (soffice + python3-uno) not installed")
def test_libreoffice_renders_the_copy_as_the_original(tmp_path):
    import pypdfium2 as pdfium

    rows = [[para("head", "Bare"), para("x", "Tight"), para("", "Bare", runs=run(
        "own ", '<w:color w:val="00FF00"/>') + run("styled", '<w:rStyle w:val="Strong"/>'))],
        [para("a"), para("b", "Bare", ppr='<w:spacing w:after="300"/>'), para("c", "Bare")],
        [para("d", "Bare"), para("e", "Tight"), para("f")]]
    body = (table("Grid", rows) + table("Grid", rows, look='w:val="0000"', headers=(1,))
            + table("Grid", rows, tblpr="<w:tblBorders>" + border("top", 8, "00FF00")
                    + "</w:tblBorders>"))
    original = make_docx(body)
    copy = for_libreoffice(original)
    assert all(find(t, "tblPr/tblStyle") is None for t in tables_of(copy))
    (tmp_path / "original.docx").write_bytes(original)
    (tmp_path / "copy.docx").write_bytes(copy)
    profile = f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}"
    subprocess.run([installation.find_soffice(), profile, "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "original.docx"),
                    str(tmp_path / "copy.docx")],
                   check=True, capture_output=True, timeout=180)

    def pages(name):
        document = pdfium.PdfDocument(tmp_path / name)
        try:
            return [page.render(scale=1).to_pil().tobytes() for page in document]
        finally:
            document.close()

    assert pages("copy.pdf") == pages("original.pdf")
