"""lkjip/docx (document, writer, measure): a small hand-made report rendered into the real template and read back."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import jinja2
import pytest
from docx import Document
from docx.oxml.ns import qn

from lkjip.project import DEFAULT_TEMPLATE
from lkjip.errors import TemplateError
from lkjip.present.blocks import Block, Cell, ChartSpec, Run, TableSpec
from lkjip.docx.document import CHAPTER_KEYS, render_document, template_variables

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = DEFAULT_TEMPLATE
SPECIAL = 'Harga & Mutu <Barang> "Sehat"'


def env():
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def context():
    return {
        "tahun": 2020,
        "profil": {
            "nama_instansi": "Dinas Perindustrian dan Perdagangan",
            "daerah": "Provinsi Kepulauan Bangka Belitung",
            "alamat": "Jl. Pulau Bangka, Air Itam",
            "telepon": "(0717) 439000",
            "web": "perindag.babelprov.go.id",
            "kota": "Pangkalpinang",
        },
        "kepala": {
            "nama": "Drs. H. SUNARDI, M.AP",
            "pangkat": "Pembina Utama Madya",
            "nip": "19631223 198603 1 006",
            "jabatan_lengkap": "KEPALA DINAS PERINDUSTRIAN DAN PERDAGANGAN",
        },
        "tanggal_penandatanganan": "Maret 2021",
    }


def par(text, **kw):
    return Block("paragraph", runs=[Run(text, **kw)])


def heading(text, level, number=None):
    return Block("heading", runs=[Run(text)], level=level, number=number)


def item(text, list_id, style, level=0):
    return Block("list_item", runs=[Run(text)], level=level, list_id=list_id, list_style=style)


def chart_png() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3))
    ax.bar(["2019", "2020"], [88.5, 93.65])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)
    return buf.getvalue()


def merged_table() -> TableSpec:
    # | No | Sasaran (rowspan 2) | Target | Realisasi |   header row 1: "Kinerja" spans 2
    return TableSpec(
        key="uji",
        title="Capaian Kinerja " + SPECIAL,
        header=[
            [Cell("No", rowspan=2), Cell("Sasaran", rowspan=2), Cell("Kinerja", colspan=2)],
            [Cell("Target"), Cell("Realisasi")],
        ],
        rows=[
            [Cell("1", align="center"), Cell("Industri", rowspan=2), Cell("10"), Cell("12", align="right")],
            [Cell("2", align="center"), Cell("<11"), Cell("9,74", bold=True)],
        ],
        widths=[1, 6, 2, 2],
        source="Sumber: Bidang Perindustrian",
    )


def wide_table() -> TableSpec:
    return TableSpec(
        key="lebar",
        title="Tabel Lebar",
        header=[[Cell(f"K{i}") for i in range(1, 9)]],
        rows=[[Cell(str(i * j)) for i in range(1, 9)] for j in range(1, 4)],
        widths=[1] * 8,
        landscape=True,
        font_size=9,
    )


def chapters():
    return {
        "kata_pengantar": [heading("Kata Pengantar", 1), par("Puji syukur " + SPECIAL)],
        "ikhtisar_eksekutif": [heading("Ikhtisar Eksekutif", 1), par("Ringkasan.")],
        "bab_1": [
            heading("Pendahuluan", 1, "BAB I"),
            heading("Latar Belakang", 2, "1.1."),
            par("Teks ", bold=False),
            Block("paragraph", runs=[Run("tebal", bold=True), Run(" dan "), Run("miring", italic=True)]),
            item("Satu", 1, "decimal"),
            item("Anak a", 2, "lower_letter", level=1),
            item("Anak b", 2, "lower_letter", level=1),
            item("Dua", 1, "decimal"),
            par("Di antara dua daftar."),
            item("Satu lagi", 3, "decimal"),
            item("Butir", 4, "bullet"),
            item("Huruf besar", 5, "upper_letter"),
            heading("Gambaran Umum", 3, "1.3.1"),
            heading("Sumber Daya", 4, "1.3.2.1"),
            Block("table", table=merged_table()),
            Block("table", table=wide_table()),
            Block("table", table=wide_table()),  # shares the landscape section
            par("Setelah tabel lebar."),
            Block("chart", chart=ChartSpec("grafik", "Capaian IKU", chart_png(), 12.0)),
        ],
        "bab_2": [
            heading("Perencanaan Kinerja", 1, "BAB II"),
            Block("table", table=merged_table()),
            par("Teks panjang. " * 30),
            item("Pengantar tabel lebar", 9, "lower_letter"),
            Block("table", table=wide_table()),
            Block("page_break"),  # dropped: the section break already starts a new page
            par("Sesudah."),  # portrait, alone
            Block("page_break"),  # dropped as well: landscape starts a new page
            par("Judul lampiran lebar"),  # lead-in: on the landscape page
            Block("table", table=wide_table()),
            Block("page_break"),  # kept: a new landscape page, no empty portrait section
            Block("table", table=wide_table()),
        ],
        "bab_3": [heading("Akuntabilitas Kinerja", 1, "BAB III")],
        "bab_4": [heading("Penutup", 1, "BAB IV"), Block("page_break"), par("Akhir.")],
        "lampiran": [heading("Lampiran", 1), Block("table", table=merged_table())],
    }


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_document(TEMPLATE, context(), chapters(), env())


@pytest.fixture(scope="module")
def doc(rendered):
    return Document(io.BytesIO(rendered))


def texts(doc, style_id=None):
    body = doc.element.body
    out = []
    for p in body.iter(qn("w:p")):
        if style_id is None or p.style == style_id:
            out.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return out


def test_cover_and_signature_filled(doc):
    all_text = "\n".join(texts(doc))
    assert "TAHUN 2020" in all_text
    assert "DINAS PERINDUSTRIAN DAN PERDAGANGAN" in all_text
    assert "PROVINSI KEPULAUAN BANGKA BELITUNG" in all_text
    assert "Pangkalpinang, Maret 2021" in all_text
    assert "NIP. 19631223 198603 1 006" in all_text
    assert "{{" not in all_text and "{%" not in all_text


def test_headings(doc):
    assert texts(doc, "Heading1")[:2] == ["Kata Pengantar", "Ikhtisar Eksekutif"]
    h1 = [p for p in doc.element.body.iter(qn("w:p")) if p.style == "Heading1"]
    bab1 = h1[2]
    assert "".join(t.text for t in bab1.iter(qn("w:t"))) == "BAB IPENDAHULUAN"
    assert len(bab1.findall(f"{qn('w:r')}/{qn('w:br')}")) == 1  # line break between them
    assert texts(doc, "Heading2") == ["1.1. Latar Belakang"]
    assert texts(doc, "Heading3") == ["1.3.1 Gambaran Umum"]
    assert texts(doc, "Heading4") == ["1.3.2.1 Sumber Daya"]
    assert "LAMPIRAN" in [t.upper() for t in texts(doc, "Heading1")]


def test_bold_italic_runs(doc):
    p = next(p for p in doc.paragraphs if p.text == "tebal dan miring")
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in p.runs] == [
        ("tebal", True, False),
        (" dan ", False, False),
        ("miring", False, True),
    ]


def numbering_of(doc, text):
    p = next(p for p in doc.paragraphs if p.text == text)
    num_pr = p._p.pPr.numPr
    return p.style.name, num_pr.numId.val, num_pr.ilvl.val


def abstract_name(doc, num_id):
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.numId == num_id)
    abstract_id = num.abstractNumId.val
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum"))
        if int(a.get(qn("w:abstractNumId"))) == abstract_id
    )
    start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
    assert start is not None and start.get(qn("w:val")) == "1"
    return abstract.find(qn("w:name")).get(qn("w:val"))


def test_lists_restart_and_kinds(doc):
    style, one, lvl = numbering_of(doc, "Satu")
    assert style == "List Paragraph" and lvl == 0
    assert numbering_of(doc, "Dua")[1] == one  # same list continues
    _, child, child_lvl = numbering_of(doc, "Anak a")
    assert child_lvl == 1 and numbering_of(doc, "Anak b")[1] == child
    _, again, _ = numbering_of(doc, "Satu lagi")
    assert again != one  # a second list restarts: its own w:num
    assert abstract_name(doc, one) == "LKjIP Angka"
    assert abstract_name(doc, again) == "LKjIP Angka"
    assert abstract_name(doc, child) == "LKjIP Huruf"
    assert abstract_name(doc, numbering_of(doc, "Butir")[1]) == "LKjIP Bullet"
    assert abstract_name(doc, numbering_of(doc, "Huruf besar")[1]) == "LKjIP Huruf Besar"


def cell_texts(tbl):
    return [
        ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))]
        for tr in tbl.findall(qn("w:tr"))
    ]


def report_tables(doc):
    # the signature block is the template's own table (style "Tabel Tanpa Garis")
    return [
        t for t in doc.element.body.iter(qn("w:tbl"))
        if t.tblPr.find(qn("w:tblStyle")).get(qn("w:val")) == "TabelLKjIP"
    ]


def test_table_cells_merges_and_header(doc):
    tables = report_tables(doc)
    assert len(tables) == 8  # bab_1 (3), bab_2 (4), lampiran
    tbl = tables[0]
    # covered cells of a rowspan are empty continuation cells
    assert cell_texts(tbl) == [
        ["No", "Sasaran", "Kinerja"],
        ["", "", "Target", "Realisasi"],
        ["1", "Industri", "10", "12"],
        ["2", "", "<11", "9,74"],
    ]
    rows = tbl.findall(qn("w:tr"))
    assert [r.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for r in rows] == [
        True, True, False, False,
    ]
    assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    first = rows[0].findall(qn("w:tc"))
    assert first[2].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert first[0].tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    cont = rows[1].findall(qn("w:tc"))[0].tcPr.find(qn("w:vMerge"))
    assert cont is not None and cont.get(qn("w:val")) in (None, "continue")
    # header cells use "Judul Kolom", body cells "Teks Tabel"
    assert rows[0].find(f".//{qn('w:p')}").style == "JudulKolom"
    assert rows[2].find(f".//{qn('w:p')}").style == "TeksTabel"
    # widths 1:6:2:2 of the portrait text width (21 - 3 - 2.5 cm = 8787 twips)
    grid = [int(g.get(qn("w:w"))) for g in tbl.find(qn("w:tblGrid"))]
    assert sum(grid) == 8787
    assert grid[0] == 8787 // 11 and grid[1] == 8787 * 6 // 11
    # source line
    assert "Sumber: Bidang Perindustrian" in texts(doc, "SumberTabel")


def test_captions_and_seq_fields(doc):
    captions = texts(doc, "Caption")
    assert captions[:3] == [
        "Tabel 1.1 Capaian Kinerja " + SPECIAL,
        "Tabel 1.2 Tabel Lebar",
        "Tabel 1.3 Tabel Lebar",
    ]
    assert "Gambar 1.1 Capaian IKU" in captions
    assert "Tabel 2.1 Capaian Kinerja " + SPECIAL in captions  # restarts in Bab II
    assert "Capaian Kinerja " + SPECIAL in captions  # lampiran: title only
    instr = [t.text.strip() for t in doc.element.body.iter(qn("w:instrText"))]
    seq = [i for i in instr if i.startswith("SEQ")]
    assert seq == [
        "SEQ Tabel \\* ARABIC \\r 1",
        "SEQ Tabel \\* ARABIC",
        "SEQ Tabel \\* ARABIC",
        "SEQ Gambar \\* ARABIC \\r 1",
        "SEQ Tabel \\* ARABIC \\r 1",
        "SEQ Tabel \\* ARABIC",
        "SEQ Tabel \\* ARABIC",
        "SEQ Tabel \\* ARABIC",
    ]
    assert 'TOC \\o "1-4" \\h \\z \\u' in instr
    assert 'TOC \\h \\z \\c "Tabel"' in instr


def test_landscape_section(doc):
    orients = [
        (s.orientation.name if s.orientation is not None else None, round(s.page_width.cm, 1))
        for s in doc.sections
    ]
    # cover, front matter, bab I before the wide tables, the two wide tables, the rest
    # + Bab II: portrait, landscape, portrait ("Sesudah."), landscape (2.3 and 2.4)
    assert len(doc.sections) == 9
    assert orients[3] == ("LANDSCAPE", 29.7)
    assert orients[4][1] == 21.0 and orients[2][1] == 21.0
    wide = report_tables(doc)[1]
    assert sum(int(g.get(qn("w:w"))) for g in wide.find(qn("w:tblGrid"))) == 16838 - 2 * 1418
    # numbering restarts at 1 only where Bab I begins
    starts = [s._sectPr.find(qn("w:pgNumType")) for s in doc.sections]
    assert [None if e is None else e.get(qn("w:start")) for e in starts] == [
        None, "1", "1", None, None, None, None, None, None,
    ]
    # a table font size asked by the TableSpec is applied to its runs
    sz = wide.find(f".//{qn('w:r')}/{qn('w:rPr')}/{qn('w:sz')}")
    assert sz.get(qn("w:val")) == "18"


def text_of(element):
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def test_short_lead_in_goes_on_the_landscape_page(doc):
    body = list(doc.element.body)
    lead = next(i for i, e in enumerate(body) if text_of(e) == "Pengantar tabel lebar")

    def orient_of(element):
        size = element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}/{qn('w:pgSz')}")
        return None if size is None else size.get(qn("w:orient"), "portrait")

    before = next(orient_of(e) for e in reversed(body[:lead]) if orient_of(e))
    after = next(orient_of(e) for e in body[lead:] if orient_of(e))
    assert (before, after) == ("portrait", "landscape")
    long_text = next(i for i, e in enumerate(body) if text_of(e).startswith("Teks panjang"))
    assert long_text < lead - 1  # the section break sits between the long text and the lead-in


def test_no_page_break_next_to_a_section_break(doc):
    body = list(doc.element.body)
    for i, element in enumerate(body):
        if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            for neighbour in body[max(i - 1, 0) : i + 2]:
                assert not neighbour.xpath("./w:r/w:br[@w:type='page']")
    # Bab IV's own page break, and the one between two landscape tables, are kept
    breaks = doc.element.body.xpath("./w:p[w:r/w:br[@w:type='page']]")
    assert len(breaks) == 2
    assert breaks[0].getprevious().tag == qn("w:tbl")
    assert text_of(breaks[0].getnext()) == "Tabel 2.4 Tabel Lebar"


def test_special_characters_intact(doc):
    all_text = "\n".join(texts(doc))
    assert "Puji syukur " + SPECIAL in all_text


def test_chart_picture(doc):
    assert len(doc.inline_shapes) == 1
    assert round(doc.inline_shapes[0].width.cm, 1) == 12.0


def test_template_variables_are_known():
    names = template_variables(TEMPLATE)
    provided = set(context()) | set(CHAPTER_KEYS) | {"logo"}
    assert names <= provided
    assert {"tahun", "profil", "kepala", "bab_1", "lampiran"} <= names


def test_undefined_name_is_template_error():
    ctx = context()
    del ctx["kepala"]
    with pytest.raises(TemplateError, match="lkjip.docx.*kepala"):
        render_document(TEMPLATE, ctx, {}, env())


def test_caller_env_finalize_and_trimming_do_not_leak():
    # the chapters' environment escapes Markdown in `finalize`; the Word template must not
    caller = jinja2.Environment(
        undefined=jinja2.StrictUndefined, finalize=lambda v: f"\\{v}", trim_blocks=True
    )
    ctx = context()
    ctx["profil"] = ctx["profil"] | {"alamat": "Jl. Pulau Bangka, Air Itam"}
    doc = Document(io.BytesIO(render_document(TEMPLATE, ctx, chapters(), caller)))
    all_text = "\n".join(texts(doc))
    assert "Jl. Pulau Bangka, Air Itam" in all_text
    assert "\\" not in all_text
    assert "Tabel 1.1 Capaian Kinerja " + SPECIAL in all_text
    assert caller.finalize is not None and not caller.autoescape  # caller's env untouched


def test_missing_template_is_template_error(tmp_path):
    with pytest.raises(TemplateError, match="tidak ditemukan"):
        render_document(tmp_path / "lkjip.docx", context(), {}, env())


def test_logo_inserted(tmp_path):
    png = tmp_path / "logo.png"
    png.write_bytes(chart_png())
    ctx = context() | {"logo": png}
    doc = Document(io.BytesIO(render_document(TEMPLATE, ctx, {}, env())))
    assert len(doc.inline_shapes) == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")
def test_libreoffice_opens_it(rendered, tmp_path):
    docx = tmp_path / "uji.docx"
    docx.write_bytes(rendered)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "uji.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Tabel 1.1 Capaian Kinerja" in text
        assert "Tabel 1.2 Tabel Lebar" in text
        assert SPECIAL in text


# --- layout: column widths, spacing, indents, cover -----------------------------------------

from lkjip.docx.measure import column_widths, min_text_width, word_width  # noqa: E402

BIG = "1.666.488.999,16"  # 12 digits (556), 3 dots and a comma (278): 7784/1000 em


def test_word_widths_in_twips():
    # Arial digits 556/1000 em, "." 278: 11 × 556 + 3 × 278 = 6950 → at 10 pt: 6950 × 10 × 20 / 1000
    assert word_width("14.157.209.890", 10) == 1390
    # bold "No.": N 722 + o 611 + . 278 = 1611 → 322 twips at 10 pt
    assert word_width("No.", 10, bold=True) == 322
    # longest unbreakable part of "Capaian (%)" in bold: C722 a556 p611 a556 i278 a556 n611 = 3890
    assert min_text_width("Capaian (%)", 10, bold=True) == 778
    assert min_text_width("Sektor-sektor ekonomi", 10) == word_width("ekonomi", 10)


def test_column_widths_minimums_first_then_weights():
    assert column_widths([1, 2], [0, 0], 900) == [300, 600]
    # column 3 needs 2000 of its 1800 share: it gets 2000, the other two share 7000 as 1:3
    assert column_widths([1, 3, 1], [500, 100, 2000], 9000) == [1750, 5250, 2000]
    # minimums that cannot fit are scaled down together
    assert column_widths([1, 1], [6000, 6000], 9000) == [4500, 4500]


def number_table(cols: int, landscape=False) -> TableSpec:
    return TableSpec(
        key="angka",
        title="Angka",
        header=[[Cell("Uraian")] + [Cell(f"Tahun {i}") for i in range(1, cols)]],
        rows=[[Cell("Nilai")] + [Cell(BIG, align="right") for _ in range(1, cols)]],
        widths=[6] + [1] * (cols - 1),
        landscape=landscape,
    )


@pytest.fixture(scope="module")
def layout_doc():
    blocks = [
        heading("Perencanaan Kinerja", 1, "BAB II"),
        Block("table", table=number_table(3)),
        par("Sesudah tabel."),
        par("Teks panjang. " * 30),
        item("Misi satu", 1, "decimal"),
        Block("paragraph", runs=[Run("Makna misi:")], indent=1),
        Block("paragraph", runs=[Run("Lebih dalam")], indent=2),
        Block("table", table=number_table(7)),  # too wide for portrait at 10 pt
    ]
    chapters_ = {
        "kata_pengantar": [heading("Kata Pengantar", 1), par("Awal."), par("Penutup.")],
        "bab_2": blocks,
        "lampiran": [heading("Lampiran", 1), heading("PERJANJIAN KINERJA TAHUN 2020", 3)],
    }
    return Document(io.BytesIO(render_document(TEMPLATE, context(), chapters_, env())))


def test_numbers_get_room_before_weights(layout_doc):
    first = report_tables(layout_doc)[0]
    grid = [int(g.get(qn("w:w"))) for g in first.find(qn("w:tblGrid"))]
    need = word_width(BIG, 10) + 2 * 85  # Teks Tabel is 10 pt; cell margins 85 twips each side
    assert need == 1727
    assert sum(grid) == 11906 - 1701 - 1418
    assert grid[1] >= need and grid[2] >= need
    assert grid[0] == sum(grid) - grid[1] - grid[2]  # the text column takes the rest


def test_too_wide_table_turns_landscape(layout_doc):
    wide = report_tables(layout_doc)[1]
    grid = [int(g.get(qn("w:w"))) for g in wide.find(qn("w:tblGrid"))]
    assert sum(grid) == 16838 - 2 * 1418  # landscape text width
    assert min(grid[1:]) >= word_width(BIG, 10) + 2 * 85
    assert any(s.orientation.name == "LANDSCAPE" for s in layout_doc.sections if s.orientation)


def test_space_after_a_table(layout_doc):
    first = report_tables(layout_doc)[0]
    spacer = first.getnext()
    assert spacer.style == "JarakTabel" and text_of(spacer) == ""
    assert text_of(spacer.getnext()) == "Sesudah tabel."


def test_paragraphs_inside_list_items_are_indented(layout_doc):
    assert texts(layout_doc, "ListContinue") == ["Makna misi:"]
    assert texts(layout_doc, "ListContinue2") == ["Lebih dalam"]
    assert "Sesudah tabel." in texts(layout_doc, "Normal")


def test_no_spacer_where_a_landscape_section_begins(layout_doc):
    # the lead-in lines go to the landscape page: no spacer left on either side of the break
    wide = report_tables(layout_doc)[1]
    assert not [p for p in layout_doc.element.body.iter(qn("w:p")) if p.style == "JarakTabel"][1:]
    assert wide.getprevious().style == "Caption"
    assert wide.getprevious().getprevious().style == "ListContinue2"


def test_lampiran_document_title_is_centred_style(layout_doc):
    assert texts(layout_doc, "JudulLampiran") == ["PERJANJIAN KINERJA TAHUN 2020"]


def test_kata_pengantar_keeps_last_paragraph_with_signature(layout_doc):
    body = layout_doc.element.body
    last = next(p for p in body.iter(qn("w:p")) if text_of(p) == "Penutup.")
    assert last.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    sig = last.getnext()
    assert sig.tag == qn("w:tbl") and "NIP. 19631223 198603 1 006" in text_of(sig)
    awal = next(p for p in body.iter(qn("w:p")) if text_of(p) == "Awal.")
    assert awal.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is None


def test_cover_layout(layout_doc):
    cover = layout_doc.element.body.find(qn("w:tbl"))
    assert "LAPORAN KINERJA" in text_of(cover) and "TAHUN 2020" in text_of(cover)
    heights = [int(h.get(qn("w:val"))) for h in cover.iter(qn("w:trHeight"))]
    assert len(heights) == 4 and sum(heights) < 16838 - 2 * 1418
    border = layout_doc.sections[0]._sectPr.find(qn("w:pgBorders"))
    assert border is not None
    assert layout_doc.sections[1]._sectPr.find(qn("w:pgBorders")) is None


def test_short_bold_paragraph_is_kept_with_the_next():
    from lkjip.present.blocks import Block, Run
    from lkjip.docx.writer import is_lead_in

    assert is_lead_in(Block("paragraph", [Run("Sasaran 1: Meningkatnya Nilai Ekspor", bold=True)]))
    assert not is_lead_in(Block("paragraph", [Run("Teks "), Run("tebal", bold=True)]))
    assert not is_lead_in(Block("paragraph", [Run("x" * 300, bold=True)]))


def test_logo_of_a_project_without_its_own_template(tmp_path):
    """profil.logo names a file in data/<tahun>/ of the project, also when the project has no
    templates/ (the tool's template then lives inside the package, elsewhere)."""
    from lkjip import pipeline

    for part in ("data/2020", "chapters/2020"):
        shutil.copytree(ROOT / part, tmp_path / part)
    assert not (tmp_path / "templates").exists()
    profil = tmp_path / "data" / "2020" / "profil.csv"
    profil.write_text(profil.read_text(encoding="utf-8").replace("\nlogo,\n", "\nlogo,logo.png\n"),
                      encoding="utf-8")
    logo = chart_png()
    (tmp_path / "data" / "2020" / "logo.png").write_bytes(logo)

    result = pipeline.build(pipeline.Options(year=2020, root=tmp_path, fast=True), lambda _: None)

    doc = Document(str(result.docx))
    cover = doc.tables[0]._tbl  # the cover: a table of fixed-height rows
    pictures = cover.findall(f".//{qn('w:drawing')}")
    assert len(pictures) == 1
    embed = pictures[0].find(f".//{qn('a:blip')}").get(qn("r:embed"))
    assert doc.part.related_parts[embed].blob == logo  # the picture on the cover is the logo
    extent = pictures[0].find(f".//{qn('wp:extent')}")
    assert int(extent.get("cy")) == 5 * 360000  # LOGO_HEIGHT: 5 cm
