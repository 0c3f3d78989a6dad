"""End-to-end: the real 2020 project built through the CLI/pipeline in a temp copy.

LibreOffice builds are slow (~6 s each): the module builds the full report (TOC + PDF) at
most twice, in the ``full_builds`` fixture, and every LibreOffice test reads those.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from lkjip.project import DEFAULT_TEMPLATE
from lkjip.publish import libreoffice
from lkjip import pipeline
from lkjip.cli import main
from lkjip.present.words import chapter_names
from lkjip.report import build_report
from lkjip.inputs import load_dataset
from lkjip.docx.document import CHAPTER_KEYS, template_variables

REPO = Path(__file__).resolve().parent.parent
YEAR = 2020
SPECIAL = 'PT "Maju & Jaya" <Tbk>'

# The full 2020 report (LibreOffice pass) has this many pages; checked by eye on the PDF
# (cover, front matter in roman numbers, Bab I from page 1, no blank pages, one page per PK
# in the Lampiran). A change in the report's length changes it: look at the PDF, then update.
EXPECTED_PAGES = 119  # +1: Gambar 1.1 struktur organisasi (13,5 cm) starts page 6; +2: issue 10 comparison tables (3.5, 3.6) and the predikat summary; +3: issue 10 year two, every IKU's Renstra end target, kegiatan and budget in 3.1

needs_libreoffice = pytest.mark.skipif(
    not libreoffice.libreoffice_available(), reason="LibreOffice (soffice + python3-uno) not installed"
)


def copy_project(dest: Path) -> Path:
    """What a 2020 build reads: data/2020, chapters/2020 (the tool's own template)."""
    for part in (f"data/{YEAR}", f"chapters/{YEAR}"):
        shutil.copytree(REPO / part, dest / part)
    return dest


def build(root: Path, **options) -> pipeline.Result:
    opts = pipeline.Options(year=YEAR, root=root, **options)
    return pipeline.build(opts, lambda _line: None)


def run_cli(root: Path, monkeypatch, *args):
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, [str(YEAR), *args], prog_name="build.py")


def paragraphs(docx_path: Path) -> list:
    doc = Document(str(docx_path))
    found = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "proyek")


# --- --fast builds -----------------------------------------------------------------------


def test_fast_builds_are_byte_identical(tmp_path):
    first = build(copy_project(tmp_path / "a"), fast=True).docx.read_bytes()
    root_b = copy_project(tmp_path / "b")
    build(root_b, fast=True)
    second = build(root_b, fast=True).docx.read_bytes()  # over an existing output too
    assert first == second


def test_failing_build_names_chapter_line_and_keeps_old_report(project, monkeypatch):
    first = run_cli(project, monkeypatch, "--fast")
    assert first.exit_code == 0, first.output
    report = project / "output" / f"LKjIP_{YEAR}.docx"
    before = report.read_bytes()

    chapter = project / "chapters" / str(YEAR) / "bab_2.md"
    text = chapter.read_text(encoding="utf-8").rstrip("\n")
    bad_line = len(text.splitlines()) + 2  # after one blank line
    chapter.write_text(text + "\n\nParagraf uji {{ nama_tidak_ada }}\n", encoding="utf-8")

    result = run_cli(project, monkeypatch, "--fast")
    assert result.exit_code == 1
    assert f"chapters/{YEAR}/bab_2.md, baris {bad_line}" in result.output
    assert "nama_tidak_ada" in result.output
    assert "Traceback" not in result.output
    assert report.read_bytes() == before
    assert sorted(p.name for p in report.parent.iterdir()) == [f"LKjIP_{YEAR}.docx"]  # no temp files


def test_special_characters_arrive_intact(project):
    # a kegiatan name (table cells and Bab II prose) and a paragraph typed in a chapter
    path = project / "data" / str(YEAR) / "kegiatan.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    kode, nama = header.index("kode"), header.index("nama")
    target = next(r for r in rows[1:] if r[kode] == "16.01")
    target[nama] = f"Pengembangan Kawasan {SPECIAL}"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    chapter = project / "chapters" / str(YEAR) / "bab_1.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").rstrip("\n")
        + f"\n\nMitra kerja: {SPECIAL}; tanda lain: 50% * _ # [x] \\ selesai.\n",
        encoding="utf-8",
    )

    result = build(project, fast=True)
    doc = Document(str(result.docx))  # opens: valid package and XML
    texts = [p.text for p in paragraphs(result.docx)]
    assert f"Mitra kerja: {SPECIAL}; tanda lain: 50% * _ # [x] \\ selesai." in texts
    name = f"Pengembangan Kawasan {SPECIAL}"
    in_cells = [c.text for t in doc.tables for row in t.rows for c in row.cells if name in c.text]
    in_prose = [t for t in (p.text for p in doc.paragraphs) if name in t]
    assert in_cells, "kegiatan name not found in any table"
    assert in_prose, "kegiatan name not found in the Bab II text"
    everything = "\n".join(texts)
    for artefact in ("&amp;", "&lt;", "&quot;", "\\&", "\\<", '\\"'):
        assert artefact not in everything


def test_template_uses_only_context_names(project):
    dataset = load_dataset(project, YEAR)
    provided = set(chapter_names(build_report(dataset))) | set(CHAPTER_KEYS) | {"logo"}
    used = template_variables(DEFAULT_TEMPLATE)
    assert used, "no tags found in the template"
    assert used <= provided, f"unknown names in the template: {sorted(used - provided)}"


def test_without_libreoffice_build_succeeds_with_hint(project, monkeypatch):
    monkeypatch.setattr(libreoffice, "libreoffice_available", lambda: False)
    result = run_cli(project, monkeypatch, "--pdf")
    assert result.exit_code == 0, result.output
    assert "Catatan: " in result.output
    assert "tidak ditemukan, sehingga daftar isi dan daftar tabel belum berisi nomor halaman" \
        in result.output
    assert "PDF tidak dibuat" in result.output or "PDF tidak dibuat" in libreoffice.libreoffice_hint()
    assert (project / "output" / f"LKjIP_{YEAR}.docx").is_file()
    assert not (project / "output" / f"LKjIP_{YEAR}.pdf").exists()
    assert f"Selesai: output/LKjIP_{YEAR}.docx" in result.output


# --- full builds (LibreOffice) -------------------------------------------------------------


@pytest.fixture(scope="module")
def full_builds(tmp_path_factory):
    """The report built twice with the LibreOffice pass and --pdf, in two fresh copies."""
    if not libreoffice.libreoffice_available():
        pytest.skip("LibreOffice (soffice + python3-uno) not installed")
    results = []
    for name in ("satu", "dua"):
        root = copy_project(tmp_path_factory.mktemp("full") / name)
        result = build(root, pdf=True)
        assert result.notes == []
        results.append(result)
    return results


@needs_libreoffice
def test_full_builds_are_byte_identical(full_builds):
    first, second = full_builds
    assert first.docx.read_bytes() == second.docx.read_bytes()


@needs_libreoffice
def test_pdf_page_count(full_builds):
    pdf = full_builds[0].pdf
    assert pdf is not None and pdf == pdf.parent / f"LKjIP_{YEAR}.pdf" and pdf.is_file()
    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(pdf_pages(pdf)) == EXPECTED_PAGES


def pdf_pages(pdf: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


@needs_libreoffice
def test_pdf_table_of_contents_has_page_numbers(full_builds):
    pages = pdf_pages(full_builds[0].pdf)
    toc = next(p for p in pages if re.search(r"^\s*DAFTAR ISI\s*$", p, re.M))
    entries = {
        m.group(1).strip(): m.group(2)
        for m in re.finditer(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+|[ivxlcIVXLC]+)\s*$", toc, re.M)
    }
    assert entries.get("BAB I PENDAHULUAN") == "1"
    assert entries.get("1.1. Latar Belakang") == "1"
    # Bab I really starts on the page the TOC says: the page footed "1" opens with it
    first = next(p for p in pages if re.search(r"^\s*BAB I\s*$", p, re.M))
    assert first.rstrip().splitlines()[-1].strip() == "1"
    for heading in ("BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA",
                    "BAB IV PENUTUP", "LAMPIRAN"):
        assert entries.get(heading, "").isdigit(), (heading, entries)
    numbers = [int(entries[h]) for h in ("BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA",
                                         "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP",
                                         "LAMPIRAN")]
    assert numbers == sorted(numbers) and numbers[-1] < EXPECTED_PAGES
    tables = next(p for p in pages if re.search(r"^\s*DAFTAR TABEL\s*$", p, re.M))
    assert re.search(r"^\s*Tabel 1\.1 .*", tables, re.M)


@needs_libreoffice
def test_docx_toc_holds_real_entries(full_builds):
    texts = [p.text for p in paragraphs(full_builds[0].docx)]
    assert not any("Update Field" in t or "belum diperbarui" in t for t in texts)
    assert any(re.fullmatch(r"BAB I PENDAHULUAN\t1", t) for t in texts)
    assert any(re.fullmatch(r"Tabel 1\.1 Jumlah ASN .*\t\d+", t) for t in texts)
    assert any(re.fullmatch(r"Gambar 3\.1 .*\t\d+", t) for t in texts)


@needs_libreoffice
def test_full_build_text_equals_fast_build_text(full_builds, example_report):
    # the golden text does not depend on LibreOffice (TOC results are left out)
    from golden_text import document_text

    assert document_text(full_builds[0].docx) == document_text(example_report("lkjip_2020"))


@needs_libreoffice
def test_full_build_is_in_word_schema_order(full_builds):
    """The TOC entries written back after the LibreOffice pass keep the .docx valid for Word."""
    import zipfile

    from test_docx_valid import order_problems

    with zipfile.ZipFile(full_builds[0].docx) as z:
        problems = [
            p
            for part in z.namelist()
            if part.startswith("word/") and part.endswith(".xml")
            for p in order_problems(z.read(part), part)
        ]
    assert problems == []


def test_a_pdf_left_from_an_earlier_build_is_named_as_out_of_date(project):
    (project / "output").mkdir(exist_ok=True)
    old = project / "output" / f"LKjIP_{YEAR}.pdf"
    old.write_bytes(b"%PDF-1.4 old")
    result = build(project, fast=True)
    assert old.read_bytes() == b"%PDF-1.4 old"  # never deleted behind the user's back
    assert result.pdf is None
    assert result.notes == [
        f"output/LKjIP_{YEAR}.pdf berasal dari build sebelumnya dan tidak memuat perubahan ini. "
        f"Buat ulang dengan: build.py {YEAR} --pdf (atau hapus berkas itu) sebelum "
        "menyerahkannya."
    ]
