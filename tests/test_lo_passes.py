"""One update of the indexes when nothing they list can move (lkjip.docx.toc.settles_in_one_pass),
and the remembered Python with ``uno``."""

import io
import subprocess

import docx
import pytest
from docx.enum.section import WD_SECTION

from lkjip.docx.toc import libreoffice_hints, settles_in_one_pass
from lkjip.publish import installation, libreoffice
from tests.test_output import add_field, paragraphs, with_caption_saved

needs_lo = pytest.mark.skipif(not libreoffice.libreoffice_available(),
                              reason="LibreOffice (soffice + python3-uno) not installed")


def report(restart=True, heading_in_front=False, headings=40):
    """DAFTAR ISI (a TOC that grows to more than a page) and DAFTAR TABEL in the front
    matter, then the body in a new section (page numbers from 1 when ``restart``)."""
    d = docx.Document()
    d.add_paragraph("DAFTAR ISI")
    add_field(d.add_paragraph(), 'TOC \\o "1-4" \\h \\z \\u', "kosong")
    d.add_paragraph("DAFTAR TABEL")
    add_field(d.add_paragraph(), 'TOC \\h \\z \\c "Tabel"', "kosong")
    if heading_in_front:
        d.add_heading("Ringkasan", 1)
    body = d.add_section(WD_SECTION.NEW_PAGE)
    if restart:
        num = body._sectPr.makeelement(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pgNumType",
            {"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}start": "1"})
        body._sectPr.append(num)
    for n in range(1, headings + 1):
        d.add_heading(f"Bagian {n}", 1)
        d.add_paragraph("teks")
        if n % 2 == 0:
            d.add_page_break()
    return with_caption_saved(d, "Tabel ")


def test_restarted_numbering_after_the_indexes_settles_in_one_pass():
    assert settles_in_one_pass(report()) is True


def test_continued_numbering_needs_two_passes():
    assert settles_in_one_pass(report(restart=False)) is False


def test_a_heading_after_the_indexes_in_their_section_needs_two_passes():
    assert settles_in_one_pass(report(heading_in_front=True)) is False


def test_not_a_docx_needs_two_passes():
    assert settles_in_one_pass(b"bukan docx") is False
    assert libreoffice_hints(b"bukan docx") == {"passes": 2, "headings": []}


def test_hints_list_the_headings_a_toc_lists_with_their_levels():
    d = docx.Document()
    d.add_heading("BAB I", 1).runs[0].add_break()
    d.paragraphs[-1].add_run("PENDAHULUAN")
    d.add_paragraph("teks biasa")
    d.add_heading("1.1 Latar Belakang", 2)
    d.add_heading("", 2)  # empty: no entry
    d.add_paragraph("Judul tanpa gaya").paragraph_format.element.get_or_add_pPr()
    buf = io.BytesIO()
    d.save(buf)
    assert libreoffice_hints(buf.getvalue())["headings"] == [
        ["BAB I PENDAHULUAN", 1], ["1.1 Latar Belakang", 2]]


@needs_lo
def test_one_pass_gives_the_entries_of_two(monkeypatch):
    data = report()
    monkeypatch.setattr(libreoffice, "lo_hints", lambda docx: {"passes": 1})
    once, _ = libreoffice.update_with_libreoffice(data, want_pdf=False)
    monkeypatch.setattr(libreoffice, "lo_hints", lambda docx: {"passes": 2})
    twice, _ = libreoffice.update_with_libreoffice(data, want_pdf=False)
    assert once == twice
    monkeypatch.undo()  # lkjip's own hints: one pass, levels from its headings
    assert libreoffice.lo_hints(data)["passes"] == 1
    hinted, _ = libreoffice.update_with_libreoffice(data, want_pdf=False)
    assert hinted == once
    got = [text for style, text in paragraphs(once) if style.startswith("toc")]
    assert got[0] == "Bagian 1\t1" and got[2] == "Bagian 3\t2" and got[39] == "Bagian 40\t20"


def test_python_with_uno_is_remembered_until_forgotten(monkeypatch):
    installation.uno_python.cache_clear()
    try:
        found = installation.uno_python()
        if found is None:
            pytest.skip("no Python with uno here")
        installation.uno_python.cache_clear()
        monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("probed again"))
        assert installation.uno_python() == found  # from the note in the cache folder
        installation.forget_uno_python()
        monkeypatch.undo()
        assert installation._python_note() is None or not installation._python_note().exists()
    finally:
        installation.uno_python.cache_clear()
