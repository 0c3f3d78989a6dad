import io
import os
import shutil
import subprocess
import time
import zipfile
from datetime import datetime

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from lkjip.docx.toc import write_back_tocs
from lkjip.publish import libreoffice, write
from lkjip.errors import OutputError

# --- write_atomic ----------------------------------------------------------------------


def test_write_atomic_writes(tmp_path):
    target = tmp_path / "sub" / "a.docx"
    write.write_atomic(target, b"baru")
    assert target.read_bytes() == b"baru"
    assert os.listdir(target.parent) == ["a.docx"]


def test_write_atomic_keeps_old_file_when_replace_fails(tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"lama")

    def fail(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(write.os, "replace", fail)
    with pytest.raises(OutputError) as err:
        write.write_atomic(target, b"baru")
    assert target.read_bytes() == b"lama"
    assert os.listdir(tmp_path) == ["a.docx"]  # temp file removed
    assert "Tidak dapat menulis" in str(err.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_write_atomic_unwritable_folder(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"lama")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError):
            write.write_atomic(target, b"baru")
    finally:
        tmp_path.chmod(0o700)
    assert target.read_bytes() == b"lama"


# --- normalize_docx --------------------------------------------------------------------


def small_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("Halo")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_normalize_docx_is_byte_identical():
    when = datetime(2021, 3, 15, 9, 30)
    first = write.normalize_docx(small_docx(), when)
    time.sleep(1.1)
    second = write.normalize_docx(small_docx(), when)
    assert first == second
    z = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in z.infolist()} == {(2021, 3, 15, 9, 30, 0)}
    assert z.namelist() == zipfile.ZipFile(io.BytesIO(small_docx())).namelist()
    core = z.read("docProps/core.xml").decode()
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-03-15T09:30:00Z</dcterms:created>" in core
    assert "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2021-03-15T09:30:00Z</dcterms:modified>" in core
    assert "<cp:lastModifiedBy>lkjip</cp:lastModifiedBy>" in core
    assert "<cp:revision>1</cp:revision>" in core
    docx.Document(io.BytesIO(first))  # still a valid document


def test_normalize_docx_rejects_garbage():
    with pytest.raises(OutputError):
        write.normalize_docx(b"bukan zip", datetime(2021, 1, 1))


# --- TOC write-back (no LibreOffice needed) --------------------------------------------


def run(xml: str):
    return parse_xml(f'<w:r {nsdecls("w")}>{xml}</w:r>')


def add_field(paragraph, instr: str, result: str, end=True):
    p = paragraph._p
    p.append(run('<w:fldChar w:fldCharType="begin"/>'))
    p.append(run(f'<w:instrText xml:space="preserve"> {instr} </w:instrText>'))
    p.append(run('<w:fldChar w:fldCharType="separate"/>'))
    p.append(run(f"<w:t>{result}</w:t>"))
    if end:
        p.append(run('<w:fldChar w:fldCharType="end"/>'))


def toc_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("DAFTAR ISI")
    # a TOC whose old result spans three paragraphs, as Word writes it
    add_field(d.add_paragraph(), 'TOC \\o "1-4" \\h \\z \\u', "lama 1", end=False)
    d.add_paragraph("lama 2")
    last = d.add_paragraph()
    last._p.append(run('<w:fldChar w:fldCharType="end"/>'))
    d.add_paragraph("DAFTAR TABEL")
    add_field(d.add_paragraph(), 'TOC \\h \\z \\c "Tabel"', "kosong")
    d.add_page_break()
    d.add_heading("Pendahuluan Umum", 1)
    d.add_paragraph("teks")
    d.add_page_break()
    d.add_heading("Latar Belakang Khusus", 2)
    return with_caption_saved(d, "Tabel 1.")


def with_caption_saved(d, label: str) -> bytes:
    """Add the caption "<label><SEQ Tabel> Capaian IKU" to ``d``; the .docx bytes."""
    caption = d.add_paragraph(label, style="Caption")
    add_field(caption, "SEQ Tabel \\* ARABIC", "1")
    caption.add_run(" Capaian IKU")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def paragraphs(data: bytes):
    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_write_back_tocs():
    indexes = [
        {"kind": "caption", "category": "Tabel",
         "entries": [{"text": "Tabel 1.1 Capaian IKU", "page": "3", "level": 1}]},
        {"kind": "content", "category": None,
         "entries": [{"text": "Pendahuluan Umum", "page": "2", "level": 1},
                     {"text": "Latar Belakang Khusus", "page": "3", "level": 2}]},
    ]
    result = write_back_tocs(toc_docx(), indexes)
    got = paragraphs(result)
    assert got[:6] == [
        ("Normal", "DAFTAR ISI"),
        ("toc 1", "Pendahuluan Umum\t2"),
        ("toc 2", "Latar Belakang Khusus\t3"),
        ("Normal", "DAFTAR TABEL"),
        ("table of figures", "Tabel 1.1 Capaian IKU\t3"),
        ("Normal", ""),  # the page break paragraph
    ]
    xml = zipfile.ZipFile(io.BytesIO(result)).read("word/document.xml").decode()
    # every field still has begin/separate/end, and the entries have a dotted right tab
    assert xml.count('w:fldCharType="begin"') == 3
    assert xml.count('w:fldCharType="separate"') == 3
    assert xml.count('w:fldCharType="end"') == 3
    assert 'w:leader="dot"' in xml
    assert "lama" not in xml


# --- LibreOffice pass ------------------------------------------------------------------

needs_lo = pytest.mark.skipif(
    not libreoffice.libreoffice_available() or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice + python3-uno) or pdftotext not installed",
)


@needs_lo
def test_update_with_libreoffice(tmp_path):
    data, pdf = libreoffice.update_with_libreoffice(toc_docx(), want_pdf=True)
    got = paragraphs(data)
    # heading 1 on page 2, heading 2 and its table on page 3 (page breaks before each)
    assert got[1] == ("toc 1", "Pendahuluan Umum\t2")
    assert got[2] == ("toc 2", "Latar Belakang Khusus\t3")
    assert got[4] == ("table of figures", "Tabel 1.1 Capaian IKU\t3")
    assert pdf.startswith(b"%PDF")
    (tmp_path / "a.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "a.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [" ".join(line.replace(".", " ").split()) for line in text.splitlines()]
    assert "Pendahuluan Umum 2" in lines
    assert "Latar Belakang Khusus 3" in lines
    assert "Tabel 1 1 Capaian IKU 3" in lines


@needs_lo
def test_update_without_pdf():
    data, pdf = libreoffice.update_with_libreoffice(toc_docx(), want_pdf=False)
    assert pdf is None
    assert paragraphs(data)[1] == ("toc 1", "Pendahuluan Umum\t2")


def test_libreoffice_hint_mentions_install():
    hint = libreoffice.libreoffice_hint()
    assert "sudo apt-get install libreoffice-writer python3-uno" in hint
    assert "Windows" in hint
