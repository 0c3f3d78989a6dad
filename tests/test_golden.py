"""Golden files: the text of every example report, built with --fast, is compared with the
reviewed text in tests/golden/<name>.txt (see scripts/update_golden.py)."""

from __future__ import annotations

import difflib
import importlib.util
import io
import re
from pathlib import Path

import pytest
from docx import Document

from golden_text import document_text

REPO = Path(__file__).resolve().parent.parent


def _load_update_script():
    spec = importlib.util.spec_from_file_location(
        "update_golden", REPO / "scripts" / "update_golden.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_golden = _load_update_script()


@pytest.mark.parametrize(
    "name, root, year", update_golden.EXAMPLES, ids=[e[0] for e in update_golden.EXAMPLES]
)
def test_report_text_matches_golden(name, root, year, example_report):
    golden = update_golden.golden_path(name)
    assert golden.is_file(), (
        f"{golden.relative_to(REPO)} is missing: create it with "
        "`uv run python scripts/update_golden.py` and review it"
    )
    actual = document_text(example_report(name))  # what update_golden.build_text builds
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"tests/golden/{name}.txt",
                tofile="built now",
                n=2,
            )
        )
        pytest.fail(
            f"The {name} report differs from its golden text. If the change is intended, "
            "regenerate with `uv run python scripts/update_golden.py` and review the diff "
            f"(git diff tests/golden/).\n{diff}",
            pytrace=False,
        )


def test_examples_listed_once():
    names = [name for name, _, _ in update_golden.EXAMPLES]
    assert len(names) == len(set(names))
    assert ("lkjip_2020", Path("."), 2020) in update_golden.EXAMPLES
    # year two of the kabupaten example: made by init from 2023, realisasi filled
    assert ("kabupaten_2024", Path("tests/fixtures/kabupaten"), 2024) in update_golden.EXAMPLES


def test_golden_text_has_no_template_leftovers():
    # the reviewed golden itself: no Jinja, no escaping artefacts, no Python values
    for name, _, _ in update_golden.EXAMPLES:
        text = update_golden.golden_path(name).read_text(encoding="utf-8")
        for bad in ("{{", "}}", "{%", "%}", "\\", "None", "nan", "NaN", "inf"):
            lines = [line for line in text.splitlines() if bad in line.split("[TOC")[0]]
            lines = [line for line in lines if not _is_word(bad, line)]
            assert not lines, f"{name}: {bad!r} in {lines[:3]}"


def _is_word(bad: str, line: str) -> bool:
    """``nan``/``inf`` inside ordinary Indonesian words (keuangan, informasi) are fine."""
    if bad in ("nan", "inf", "NaN"):
        return not re.search(rf"(?<![A-Za-z]){bad}(?![A-Za-z])", line)
    return False


# --- document_text on small hand-made documents ------------------------------------------


def _docx(build) -> bytes:
    doc = Document()
    build(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_paragraphs_styles_and_breaks():
    def build(doc):
        doc.add_heading("Latar Belakang", level=2)
        p = doc.add_paragraph("Baris satu")
        p.add_run().add_break()
        p.add_run("baris dua\tsetelah tab")
        doc.add_paragraph("")
        doc.add_page_break()
        doc.add_paragraph("Akhir", style="Caption")

    text = document_text(_docx(build))
    assert text.splitlines()[:6] == [
        "[Heading 2] Latar Belakang",
        "Baris satu↵baris dua setelah tab",
        "",
        "[page break]",
        "[Caption] Akhir",
        "[section: portrait]",
    ]


def test_table_merged_cells_written_once():
    def build(doc):
        t = doc.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(0, 1)).text = "A"  # horizontal span
        t.cell(0, 2).text = "B"
        t.cell(1, 0).merge(t.cell(2, 0)).text = "C"  # vertical span
        t.cell(1, 1).text = "D"
        t.cell(1, 2).text = "E & <F>"
        t.cell(2, 1).text = "G"
        t.cell(2, 2).add_paragraph("H")

    lines = document_text(_docx(build)).splitlines()
    assert lines[:4] == ["[tabel]", "| A | B |", "| C | D | E & <F> |", "| ^ | G | H |"]


def test_list_numbers_and_levels():
    def build(doc):
        doc.add_paragraph("satu", style="List Number")
        doc.add_paragraph("dua", style="List Number")
        doc.add_paragraph("titik", style="List Bullet 2")

    lines = document_text(_docx(build)).splitlines()
    assert lines[0] == "[List Number] 1. satu"
    assert lines[1] == "[List Number] 2. dua"
    assert lines[2].startswith("[List Bullet 2] ") and lines[2].endswith(" titik")


def _toc_docx(result_paragraphs: list[str]) -> bytes:
    """A document with a TOC field whose result is the given paragraphs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld(kind):
        r = OxmlElement("w:r")
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        r.append(c)
        return r

    def build(doc):
        doc.add_paragraph("DAFTAR ISI")
        first = doc.add_paragraph()
        first._p.append(fld("begin"))
        r = OxmlElement("w:r")
        instr = OxmlElement("w:instrText")
        instr.text = ' TOC \\o "1-3" \\h '
        r.append(instr)
        first._p.append(r)
        first._p.append(fld("separate"))
        paras = [first] + [doc.add_paragraph() for _ in result_paragraphs[1:]]
        for p, text in zip(paras, result_paragraphs):
            p.add_run(text)
        paras[-1]._p.append(fld("end"))
        doc.add_paragraph("BAB I")

    return _docx(build)


def test_toc_result_replaced_by_one_marker():
    placeholder = document_text(_toc_docx(["Klik kanan untuk memperbarui."]))
    filled = document_text(_toc_docx(["BAB I PENDAHULUAN\t1", "1.1. Latar\t1", "BAB II\t8"]))
    assert placeholder == filled
    assert placeholder.splitlines()[:3] == ["DAFTAR ISI", '[TOC \\o "1-3" \\h]', "BAB I"]


def test_footer_and_header_left_out():
    def build(doc):
        doc.sections[0].footer.paragraphs[0].text = "halaman kaki"
        doc.add_paragraph("isi")

    text = document_text(_docx(build))
    assert "halaman kaki" not in text and "isi" in text
