"""The built .docx must open in Microsoft Word, which (unlike LibreOffice) rejects property
elements in the wrong order and table cells without a paragraph. The sequences below are the
ones of ECMA-376 Part 1 (transitional), typed from the standard, not taken from the code."""

import zipfile

import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SEQUENCES = {
    "pPr": """pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr
        suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct
        topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind
        contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment
        textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange""",
    "rPr": """rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss
        imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs
        highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish
        oMath""",
    "tblPr": """tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize
        tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption
        tblDescription""",
    "tcPr": """cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection
        tcFitText vAlign hideMark""",
    "sectPr": """headerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders
        lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi
        rtlGutter docGrid printerSettings sectPrChange""",
    "tblBorders": "top left start bottom right end insideH insideV",
    "tcBorders": "top left start bottom right end insideH insideV tl2br tr2bl",
    "tbl": "bookmarkStart tblPr tblGrid tr",
    "tc": "tcPr p tbl",
    "tr": "tblPrEx trPr tc",
}
ORDER = {name: {tag: i for i, tag in enumerate(seq.split())} for name, seq in SEQUENCES.items()}
ORDER["sectPr"]["footerReference"] = ORDER["sectPr"]["headerReference"]  # one choice group


def order_problems(xml: bytes, part: str) -> list[str]:
    problems = []
    tree = etree.fromstring(xml)
    for name, ranks in ORDER.items():
        for element in tree.iter(W + name):
            seen = []
            for child in element:
                if not isinstance(child.tag, str) or not child.tag.startswith(W):
                    continue
                tag = child.tag[len(W):]
                if tag not in ranks:
                    continue  # elements outside the sequence (markup, ext) are not judged here
                seen.append(ranks[tag])
            if seen != sorted(seen):
                tags = [c.tag[len(W):] for c in element if isinstance(c.tag, str)]
                problems.append(f"{part}: <w:{name}> children out of order: {tags}")
    for parent, first in (("p", "pPr"), ("r", "rPr"), ("tc", "tcPr"), ("tbl", "tblPr")):
        for element in tree.iter(W + parent):
            props = [i for i, c in enumerate(element) if c.tag == W + first]
            if props and props != [0]:
                problems.append(f"{part}: <w:{first}> is not the first child of <w:{parent}>")
    if tree.tag == W + "numbering":
        kinds = [c.tag for c in tree if c.tag in (W + "abstractNum", W + "num")]
        if kinds != sorted(kinds, key=lambda t: t != W + "abstractNum"):
            problems.append(f"{part}: a <w:num> stands before an <w:abstractNum>")
    for body in tree.iter(W + "body"):
        if len(body) and body[-1].tag != W + "sectPr":
            problems.append(f"{part}: the body does not end with <w:sectPr>")
    depth = 0
    for fld in tree.iter(W + "fldChar"):
        depth += {"begin": 1, "end": -1}.get(fld.get(W + "fldCharType"), 0)
        if depth < 0:
            problems.append(f"{part}: a field ends before it begins")
    if depth:
        problems.append(f"{part}: {depth} field(s) not closed")
    for cell in tree.iter(W + "tc"):
        children = [c for c in cell if isinstance(c.tag, str)]
        if not children or children[-1].tag != W + "p":
            problems.append(f"{part}: a table cell does not end with a paragraph")
    return problems


@pytest.fixture(scope="module", params=["lkjip_2020", "kabupaten_2023"])
def built(request, example_report):
    return example_report(request.param)


def test_every_part_is_in_schema_order(built):
    problems = []
    with zipfile.ZipFile(built) as z:
        for part in z.namelist():
            if part.startswith("word/") and part.endswith(".xml"):
                problems += order_problems(z.read(part), part)
    assert problems[:20] == []


def test_drawing_ids_are_unique(built):
    with zipfile.ZipFile(built) as z:
        tree = etree.fromstring(z.read("word/document.xml"))
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    ids = [e.get("id") for e in tree.iter(ns)]
    assert len(ids) == len(set(ids))


def test_the_checker_catches_a_misordered_paragraph():
    bad = (
        f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p><w:pPr><w:jc w:val="center"/>'
        '<w:pStyle w:val="Normal"/></w:pPr></w:p><w:sectPr/></w:body></w:document>'
    ).encode()
    assert order_problems(bad, "x") == ["x: <w:pPr> children out of order: ['jc', 'pStyle']"]
