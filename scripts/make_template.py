"""Build ``lkjip/templates/lkjip.docx``, the Word template of the report.

Run ``uv run python scripts/make_template.py`` once; the committed .docx is what the build
reads, so planners may then restyle it in Word (fonts, margins, cover) without touching code.
Styles are written as plain WordprocessingML so every property is explicit.

Page: A4, margins left 3 cm, top/right/bottom 2.5 cm. Sections: cover (no page number),
front matter (roman page numbers from i), chapters (arabic page numbers from 1).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Twips

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "lkjip" / "templates" / "lkjip.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'

FONT = "Arial"
TEXT_WIDTH = 11906 - 1701 - 1418  # twips: A4 width minus left and right margins

# --- styles -------------------------------------------------------------------------------


def pstyle(style_id, name, ppr="", rpr="", based="Normal", next_=None, extra="", custom=True):
    based_xml = f'<w:basedOn w:val="{based}"/>' if based else ""
    next_xml = f'<w:next w:val="{next_}"/>' if next_ else ""
    custom_xml = ' w:customStyle="1"' if custom else ""
    return (
        f'<w:style {NSDECL} w:type="paragraph" w:styleId="{style_id}"{custom_xml}>'
        f'<w:name w:val="{name}"/>{based_xml}{next_xml}<w:qFormat/>{extra}'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def toc_tabs(indent, hanging=0):
    return (
        f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        f'<w:spacing w:before="0" w:after="80" w:line="240" w:lineRule="auto"/>'
        f'<w:ind w:left="{indent + hanging}" w:right="567" w:hanging="{hanging}"/><w:jc w:val="left"/>'
    )


LIST_OF_TABLES = toc_tabs(0, hanging=1134)  # entries wrap under the title, not under "Tabel"


BORDERS_ALL = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
BORDERS_NONE = "".join(
    f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
CELL_MARGINS = (
    '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
    '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
)


def table_style(style_id, name, borders, header_fill=None):
    first_row = ""
    if header_fill:
        first_row = (
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    return (
        f'<w:style {NSDECL} w:type="table" w:styleId="{style_id}" w:customStyle="1">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>{CELL_MARGINS}</w:tblPr>"
        f"{first_row}</w:style>"
    )


BODY_SPACING = '<w:spacing w:before="0" w:after="120" w:line="360" w:lineRule="auto"/>'
SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'


def heading_rpr(size, caps=False):
    """Bold run properties, in the schema order Word requires (b, bCs, caps, sz, szCs)."""
    return f'<w:b/><w:bCs/>{"<w:caps/>" if caps else ""}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'


STYLES = [
    pstyle(
        "Normal", "Normal", BODY_SPACING + '<w:jc w:val="both"/>', "", based=None, custom=False
    ),
    pstyle(
        "Heading1",
        "heading 1",
        '<w:keepNext/><w:keepLines/><w:pageBreakBefore/>'
        '<w:spacing w:before="0" w:after="360" w:line="360" w:lineRule="auto"/>'
        '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
        heading_rpr(28, caps=True),
        next_="Normal",
        custom=False,
    ),
    pstyle(
        "Heading2",
        "heading 2",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120" w:line="360" '
        'w:lineRule="auto"/><w:ind w:left="567" w:hanging="567"/><w:jc w:val="left"/>'
        '<w:outlineLvl w:val="1"/>',
        heading_rpr(24),
        next_="Normal",
        custom=False,
    ),
    pstyle(
        "Heading3",
        "heading 3",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="120" w:line="360" '
        'w:lineRule="auto"/><w:ind w:left="709" w:hanging="709"/><w:jc w:val="left"/>'
        '<w:outlineLvl w:val="2"/>',
        heading_rpr(24),
        next_="Normal",
        custom=False,
    ),
    pstyle(
        "Heading4",
        "heading 4",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="120" w:line="360" '
        'w:lineRule="auto"/><w:ind w:left="851" w:hanging="851"/><w:jc w:val="left"/>'
        '<w:outlineLvl w:val="3"/>',
        '<w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/>',
        next_="Normal",
        custom=False,
    ),
    pstyle(
        "Title",
        "Title",
        '<w:spacing w:before="0" w:after="240" w:line="276" w:lineRule="auto"/><w:jc w:val="center"/>',
        heading_rpr(40, caps=True),
        next_="Normal",
        custom=False,
    ),
    pstyle(
        "SampulTahun",
        "Sampul Tahun",
        '<w:spacing w:before="120" w:after="0" w:line="276" w:lineRule="auto"/><w:jc w:val="center"/>',
        heading_rpr(32),
    ),
    pstyle(
        "Sampul",
        "Sampul",
        '<w:spacing w:before="0" w:after="60" w:line="276" w:lineRule="auto"/><w:jc w:val="center"/>',
        heading_rpr(28),
    ),
    pstyle(
        "SampulAlamat",
        "Sampul Alamat",
        SINGLE + '<w:jc w:val="center"/>',
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    pstyle(
        "JudulDaftar",
        "Judul Daftar",
        '<w:keepNext/><w:pageBreakBefore/>'
        '<w:spacing w:before="0" w:after="360" w:line="360" w:lineRule="auto"/><w:jc w:val="center"/>',
        heading_rpr(28, caps=True),
        next_="Normal",
    ),
    pstyle(
        "Caption",
        "caption",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120" w:line="240" '
        'w:lineRule="auto"/><w:jc w:val="center"/>',
        '<w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/>',
        next_="Normal",
        custom=False,
    ),
    pstyle(
        "Gambar",
        "Gambar",
        '<w:keepNext/><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/>'
        '<w:jc w:val="center"/>',
        "",
        next_="Caption",
    ),
    pstyle(
        "SumberTabel",
        "Sumber Tabel",
        '<w:spacing w:before="60" w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>',
        '<w:i/><w:iCs/><w:sz w:val="18"/><w:szCs w:val="18"/>',
        next_="Normal",
    ),
    pstyle(
        "TeksTabel",
        "Teks Tabel",
        SINGLE + '<w:jc w:val="left"/>',
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    pstyle(
        "JudulKolom",
        "Judul Kolom",
        '<w:keepNext/><w:jc w:val="center"/>',
        "<w:b/><w:bCs/>",
        based="TeksTabel",
    ),
    pstyle(
        "JarakTabel",
        "Jarak Setelah Tabel",
        '<w:spacing w:before="0" w:after="0" w:line="200" w:lineRule="exact"/>',
        '<w:sz w:val="16"/><w:szCs w:val="16"/>',
        next_="Normal",
    ),
    pstyle(
        "JudulLampiran",
        "Judul Lampiran",
        '<w:keepNext/><w:keepLines/>'
        '<w:spacing w:before="0" w:after="240" w:line="276" w:lineRule="auto"/><w:jc w:val="center"/>',
        heading_rpr(24, caps=True),
        next_="Normal",
    ),
    pstyle(
        "TandaTangan",
        "Tanda Tangan",
        SINGLE + '<w:jc w:val="center"/>',
        "",
    ),
    pstyle(
        "ListParagraph",
        "List Paragraph",
        '<w:spacing w:before="0" w:after="60" w:line="360" w:lineRule="auto"/>'
        '<w:ind w:left="720"/><w:contextualSpacing/>',
        "",
        custom=False,
    ),
    # paragraphs that continue a list item, aligned with the item's text (one style per level)
    *(
        pstyle(
            "ListContinue" + ("" if n == 1 else str(n)),
            "List Continue" + ("" if n == 1 else f" {n}"),
            f'<w:ind w:left="{357 * n}"/>',
            "",
            custom=False,
        )
        for n in (1, 2, 3)
    ),
    pstyle("Footer", "footer", SINGLE + '<w:jc w:val="center"/>', "", custom=False),
    pstyle("Header", "header", SINGLE, "", custom=False),
    pstyle("TOC1", "toc 1", toc_tabs(0), "<w:b/><w:bCs/>", next_="Normal", custom=False),
    pstyle("TOC2", "toc 2", toc_tabs(284), "", next_="Normal", custom=False),
    pstyle("TOC3", "toc 3", toc_tabs(567), "", next_="Normal", custom=False),
    pstyle("TOC4", "toc 4", toc_tabs(851), "", next_="Normal", custom=False),
    pstyle(
        "TableofFigures",
        "table of figures",
        LIST_OF_TABLES,
        "",
        next_="Normal",
        custom=False,
    ),
    # LibreOffice fills the lists of tables and figures with its own index styles when it
    # updates them (the PDF is made then): same look as "table of figures"
    pstyle("TableIndex1", "Table Index 1", LIST_OF_TABLES, "", next_="Normal"),
    pstyle("FigureIndex1", "Figure Index 1", LIST_OF_TABLES, "", next_="Normal"),
    pstyle("IllustrationIndex1", "Illustration Index 1", LIST_OF_TABLES, "", next_="Normal"),
    table_style("TabelLKjIP", "Tabel LKjIP", BORDERS_ALL, header_fill="D9D9D9"),
    table_style("TabelTanpaGaris", "Tabel Tanpa Garis", BORDERS_NONE),
]

# --- numbering ----------------------------------------------------------------------------

# (numFmt, lvlText) per level 0..8; indentation grows by 0.63 cm per level.
LIST_KINDS = {
    "LKjIP Bullet": [("bullet", "\u2022"), ("bullet", "\u2013"), ("bullet", "\u25aa")] * 3,
    "LKjIP Angka": [("decimal", "%1."), ("lowerLetter", "%2."), ("decimal", "%3)")]
    + [("lowerLetter", "%4)"), ("lowerRoman", "%5."), ("decimal", "(%6)")] * 2,
    # lettered lists are chosen explicitly by the author ("a." / "A."): letters on every level
    "LKjIP Huruf": [("lowerLetter", f"%{i}.") for i in range(1, 10)],
    "LKjIP Huruf Besar": [("upperLetter", f"%{i}.") for i in range(1, 10)],
}


def abstract_num(abstract_id, name, levels):
    lvls = []
    for ilvl, (fmt, text) in enumerate(levels[:9]):
        left = 357 + ilvl * 357
        rpr = f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/></w:rPr>' if fmt == "bullet" else ""
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="357"/></w:pPr>{rpr}</w:lvl>'
        )
    return (
        f'<w:abstractNum {NSDECL} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{0x4C4B0000 + abstract_id:08X}"/><w:multiLevelType w:val="multilevel"/>'
        f'<w:name w:val="{name}"/>{"".join(lvls)}</w:abstractNum>'
    )


# --- document helpers -----------------------------------------------------------------------


def field_runs(instr, cached):
    """The runs of a complex field: begin, instruction, separate, cached result, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t xml:space=\"preserve\">{cached}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def add_par(doc, text="", style="Normal", bold=False, underline=False):
    paragraph = doc.add_paragraph()
    paragraph._p.style = style  # a style id
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.underline = underline or None
    return paragraph


def add_field_par(doc, style, instr, cached):
    paragraph = doc.add_paragraph()
    paragraph._p.style = style  # a style id
    for run in parse_xml(f"<w:p {NSDECL}>{field_runs(instr, cached)}</w:p>"):
        paragraph._p.append(run)
    return paragraph


def set_page(section, start=None, fmt=None):
    # in twips (1 cm = 567 twips, as Word rounds): A4, left 3 cm, others 2.5 cm
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.left_margin, section.right_margin = Twips(1701), Twips(1418)
    section.top_margin, section.bottom_margin = Twips(1418), Twips(1418)
    section.header_distance, section.footer_distance = Twips(709), Twips(709)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    if fmt:
        pg = parse_xml(f'<w:pgNumType {NSDECL} w:fmt="{fmt}" w:start="{start}"/>')
        # pgNumType goes after pgMar (schema order: ... pgSz, pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols ...)
        sect_pr.find(qn("w:pgMar")).addnext(pg)


def page_footer(section):
    section.footer.is_linked_to_previous = False
    footer = section.footer
    paragraph = footer.paragraphs[0]
    paragraph._p.style = "Footer"
    for run in parse_xml(f"<w:p {NSDECL}>{field_runs('PAGE', '1')}</w:p>"):
        paragraph._p.append(run)


def signature_block(doc):
    table = doc.add_table(rows=1, cols=2)
    table._tbl.tblPr.style = "TabelTanpaGaris"
    widths = (Cm(7.0), Cm(8.5))
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width
    # the block is never split over two pages
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {NSDECL}/>"))
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.style = "TandaTangan"
    lines = [
        ("{{ profil.kota }}, {{ tanggal_penandatanganan }}", False, False),
        ("{{ kepala.jabatan_lengkap }}", True, False),
        ("", False, False),
        ("", False, False),
        ("", False, False),
        ("{{ kepala.nama }}", True, True),
        ("{{ kepala.pangkat }}", False, False),
        ("NIP. {{ kepala.nip }}", False, False),
    ]
    first = right.paragraphs[0]
    for i, (text, bold, underline) in enumerate(lines):
        paragraph = first if i == 0 else right.add_paragraph()
        paragraph._p.style = "TandaTangan"
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.underline = underline or None


PAGE_BORDER = "".join(
    f'<w:{side} w:val="thinThickThinSmallGap" w:sz="24" w:space="24" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right")
)


def cover_page(doc):
    """The cover: title in the top third, logo in the middle, agency at the bottom.

    A borderless one-column table with fixed row heights places the four parts; the rows
    fit in the page (text height 14002 twips) with the section-break paragraph after it.
    """
    rows = [  # (height in twips, vertical alignment, paragraphs (text, style))
        (4400, "center", [
            ("LAPORAN KINERJA\nINSTANSI PEMERINTAH", "Title"),
            ("(LKjIP)", "SampulTahun"),
            ("TAHUN {{ tahun }}", "SampulTahun"),
        ]),
        (4200, "center", [("{{ logo }}", "Sampul")]),
        (3200, "center", [
            ("{{ profil.nama_instansi | upper }}", "Sampul"),
            ("{{ profil.daerah | upper }}", "Sampul"),
        ]),
        (1500, "bottom", [
            ("{{ profil.alamat }}", "SampulAlamat"),
            ("Telepon {{ profil.telepon }} \u2013 Laman {{ profil.web }}", "SampulAlamat"),
        ]),
    ]
    table = doc.add_table(rows=len(rows), cols=1)
    table._tbl.tblPr.style = "TabelTanpaGaris"
    # jc comes right after tblW in the schema order Word requires
    table._tbl.tblPr.find(qn("w:tblW")).addnext(parse_xml(f'<w:jc {NSDECL} w:val="center"/>'))
    for row, (height, valign, pars) in zip(table.rows, rows):
        row._tr.get_or_add_trPr().append(
            parse_xml(f'<w:trHeight {NSDECL} w:val="{height}" w:hRule="exact"/>')
        )
        cell = row.cells[0]
        cell.width = Twips(TEXT_WIDTH)
        cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:vAlign {NSDECL} w:val="{valign}"/>'))
        for i, (text, style) in enumerate(pars):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            paragraph._p.style = style
            paragraph.add_run(text)


def finish_cover(doc):
    """Called once the front matter section exists: border and small section-end paragraph."""
    sect_pr = doc.sections[0]._sectPr
    sect_pr.getparent().getparent().style = "SampulAlamat"  # the w:p ending the cover
    sect_pr.find(qn("w:pgMar")).addnext(
        parse_xml(f'<w:pgBorders {NSDECL} w:offsetFrom="page">{PAGE_BORDER}</w:pgBorders>')
    )


def build() -> None:
    doc = Document()
    styles_el = doc.styles.element

    # Document defaults: font, size, language.
    defaults = styles_el.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f"<w:docDefaults {NSDECL}><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="id-ID" w:eastAsia="en-US" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            "</w:docDefaults>"
        ),
    )
    for xml in STYLES:
        new = parse_xml(xml)
        style_id = new.get(qn("w:styleId"))
        for old in styles_el.findall(qn("w:style")):
            if old.get(qn("w:styleId")) == style_id:
                styles_el.remove(old)
        styles_el.append(new)

    # Numbering: our abstract numbers go before every w:num.
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    next_id = max(used, default=-1) + 1
    for offset, (name, levels) in enumerate(LIST_KINDS.items()):
        element = parse_xml(abstract_num(next_id + offset, name, levels))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)

    # --- cover (section 1: no page number, a page border) ---
    set_page(doc.sections[0])
    cover_page(doc)

    # --- front matter (section 2: roman page numbers from i) ---
    front = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(front, start=1, fmt="lowerRoman")
    finish_cover(doc)
    page_footer(front)
    add_par(doc, "{{p kata_pengantar }}")
    signature_block(doc)
    add_par(doc, "{{p ikhtisar_eksekutif }}")
    add_par(doc, "DAFTAR ISI", style="JudulDaftar")
    add_field_par(
        doc,
        "TOC1",
        'TOC \\o "1-4" \\h \\z \\u',
        "Klik kanan lalu pilih Update Field untuk memperbarui daftar isi.",
    )
    add_par(doc, "DAFTAR TABEL", style="JudulDaftar")
    add_field_par(
        doc, "TableofFigures", 'TOC \\h \\z \\c "Tabel"', "Daftar tabel belum diperbarui."
    )
    add_par(doc, "DAFTAR GAMBAR", style="JudulDaftar")
    add_field_par(
        doc, "TableofFigures", 'TOC \\h \\z \\c "Gambar"', "Daftar gambar belum diperbarui."
    )

    # --- chapters (section 3: arabic page numbers from 1, same footer) ---
    main = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(main, start=1, fmt="decimal")
    for key in ("bab_1", "bab_2", "bab_3", "bab_4", "lampiran"):
        add_par(doc, "{{p " + key + " }}")

    # Word refreshes the TOC and page numbers when the document is opened.
    settings = doc.settings.element
    update = parse_xml(f'<w:updateFields {NSDECL} w:val="true"/>')
    settings.insert(0, update)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "id-ID")

    core = doc.core_properties
    core.title = "Laporan Kinerja Instansi Pemerintah (LKjIP)"
    core.author = "lkjip"
    core.comments = "Templat LKjIP; dibuat oleh scripts/make_template.py"

    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(f"Templat ditulis: {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(build())
