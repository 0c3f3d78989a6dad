"""A new agency: `build.py baru DIR`, the default chapters, and the standard-table check.

PermenPAN-RB No. 53/2014 fixes the LKjIP's structure; the tool's default chapters
(lkjip/templates/chapters) insert every standard table from the data, so any valid data set
builds a complete report, and chapters that leave a standard table out get a warning.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjip import pipeline
from lkjip.cli import main
from lkjip.inputs.schema import SCHEMAS
from lkjip.newproject import DEFAULT_CHAPTERS
from lkjip.present.analysis import review_mark
from lkjip.present.completeness import STANDARD_TABLES

ROOT = Path(__file__).resolve().parents[1]
KABUPATEN = ROOT / "tests" / "fixtures" / "kabupaten"
YEAR = 2023


def test_baru_creates_a_project_ready_to_fill(tmp_path):
    target = tmp_path / "dinas-baru"
    result = CliRunner().invoke(main, ["baru", str(target), "--tahun", "2024"])
    assert result.exit_code == 0, result.output
    assert (target / "data" / "2024" / "lkjip.xlsx").is_file()
    assert (target / "templates" / "lkjip.docx").is_file()
    assert sorted(p.name for p in (target / "chapters" / "2024").iterdir()) == sorted(
        p.name for p in DEFAULT_CHAPTERS.iterdir())
    # an existing project is refused, and nothing is changed
    again = CliRunner().invoke(main, ["baru", str(target), "--tahun", "2024"])
    assert again.exit_code == 1
    assert "sudah ada" in again.output and "tidak ada yang diubah" in again.output
    # the empty workbook is checked like any other, with located messages
    check = CliRunner().invoke(main, ["2024", "--check", "--proyek", str(target)])
    assert check.exit_code == 1
    assert ('data/2024/lkjip.xlsx, sheet "profil", kolom "kunci": kunci wajib "nama_instansi" '
            "tidak ada atau nilainya kosong.") in check.output


def minimal_agency(dest: Path) -> Path:
    """The kabupaten fixture's required tables only, with the default chapters."""
    data = dest / "data" / str(YEAR)
    data.mkdir(parents=True)
    for name, schema in SCHEMAS.items():
        source = KABUPATEN / "data" / str(YEAR) / f"{name}.csv"
        if schema.required and source.exists():
            shutil.copyfile(source, data / source.name)
    shutil.copytree(DEFAULT_CHAPTERS, dest / "chapters" / str(YEAR))
    return dest


@pytest.fixture(scope="module")
def minimal_build(tmp_path_factory):
    root = minimal_agency(tmp_path_factory.mktemp("minimal"))
    return root, pipeline.build(pipeline.Options(year=YEAR, root=root, fast=True), lambda _: None)


def test_minimal_agency_builds_a_complete_report(minimal_build):
    from golden_text import document_text

    root, result = minimal_build
    assert result.docx.is_file()
    assert not [w for w in result.warnings if "tabel standar" in w.message]
    text = document_text(result.docx)
    for chapter in ("BAB I", "BAB II", "BAB III", "BAB IV"):
        assert chapter in text
    # every standard table the required data calls for has its numbered caption
    assert text.count("Tabel 2.") >= 3 and text.count("Tabel 3.") >= 5


def test_default_chapters_ask_for_an_analysis_per_iku(minimal_build):
    _, result = minimal_build
    missing = [str(w) for w in result.warnings if "belum punya analisis" in w.message]
    assert len(missing) == 5  # the fixture's five IKU, none with an analysis file yet
    assert missing[0] == (
        'data/2023/iku.csv, baris 2, kolom "kode": IKU "IKU-01" (Tingkat Inflasi Kabupaten) belum '
        "punya analisis (penyebab keberhasilan/kegagalan dan solusinya). Saran: tulis "
        "analisisnya di chapters/2023/analisis/IKU-01.md.")


def test_an_analysis_file_is_inserted_and_a_review_mark_warns(tmp_path):
    from golden_text import document_text

    root = minimal_agency(tmp_path)
    folder = root / "chapters" / str(YEAR) / "analisis"
    folder.mkdir()
    (folder / "IKU-02.md").write_text("Penyebab utama: **operasi pasar** rutin.\n", "utf-8")
    (folder / "IKU-04.md").write_text(review_mark(2022) + "\nAnalisis lama.\n", "utf-8")
    (folder / "IKU-99.md").write_text("Tidak ada IKU ini.\n", "utf-8")
    result = pipeline.build(pipeline.Options(year=YEAR, root=root, fast=True), lambda _: None)
    text = document_text(result.docx)
    assert "Penyebab utama: operasi pasar rutin." in text.replace("**", "")
    assert "TINJAU" not in text and "Analisis lama." in text
    messages = [str(w) for w in result.warnings]
    assert ("chapters/2023/analisis/IKU-04.md, baris 1: analisis ini masih analisis tahun lalu "
            "(ditandai TINJAU oleh init). Saran: perbarui isinya untuk tahun ini, lalu hapus "
            "baris pertama (<!-- TINJAU: ... -->).") in messages
    assert any(m.startswith('chapters/2023/analisis/IKU-99.md: berkas analisis untuk IKU '
                            '"IKU-99", yang tidak ada di tabel iku.') for m in messages)
    assert sum("belum punya analisis" in m for m in messages) == 3


def test_chapters_without_standard_tables_get_a_warning_each(tmp_path):
    root = minimal_agency(tmp_path)
    chapters = root / "chapters" / str(YEAR)
    for path in chapters.glob("*.md"):
        path.write_text("# JUDUL\n\nTeks.\n", encoding="utf-8")
    result = pipeline.build(pipeline.Options(year=YEAR, root=root, fast=True), lambda _: None)
    missing = sorted(w.message.split('"')[1] for w in result.warnings
                     if "tabel standar" in w.message)
    wanted = sorted(name for name, (_, _, needed) in STANDARD_TABLES.items()
                    if name not in ("indikator_program", "indikator_kegiatan", "apbn", "pk"))
    assert missing == wanted
    with pytest.raises(pipeline.StrictWarnings):
        pipeline.build(pipeline.Options(year=YEAR, root=root, fast=True, strict=True),
                       lambda _: None)
