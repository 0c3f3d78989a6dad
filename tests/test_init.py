"""`build.py init TAHUN`: a new year's workbook from last year's data and the Renstra."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lkjip.cli import main
from lkjip.pipeline import load_and_compute
from lkjip.inputs.notation import parse_value
from lkjip.inputs.schema import SCHEMAS
from lkjip.yearinit import renstra_targets

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project's 2020 inputs; the current directory is its root."""
    shutil.copytree(ROOT / "data" / "2020", tmp_path / "data" / "2020")
    shutil.copytree(ROOT / "chapters" / "2020", tmp_path / "chapters" / "2020")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def column(sheet, name) -> dict:
    """{first column value: cell value of column `name`} for every data row."""
    header = [c.value for c in sheet[1]]
    i = header.index(name)
    return {row[0]: row[i] for row in sheet.iter_rows(min_row=2, values_only=True)}


def cells(sheet, name) -> list:
    """Every data cell of column `name`."""
    i = [c.value for c in sheet[1]].index(name)
    return [row[i] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_init_creates_workbook_and_chapters(project):
    result = run("init", "2021")
    assert result.exit_code == 0, result.output
    assert (project / "data" / "2021" / "lkjip.xlsx").is_file()
    assert sorted(p.name for p in (project / "data" / "2021").iterdir()) == ["lkjip.xlsx"]
    for chapter in (project / "chapters" / "2020").glob("*.md"):
        copy = project / "chapters" / "2021" / chapter.name
        assert copy.read_bytes() == chapter.read_bytes()
    for analysis in (project / "chapters" / "2020" / "analisis").glob("*.md"):  # marked TINJAU
        copy = project / "chapters" / "2021" / "analisis" / analysis.name
        first, rest = copy.read_text("utf-8").split("\n", 1)
        assert first.startswith("<!-- TINJAU: disalin dari analisis 2020.")
        assert rest == analysis.read_text("utf-8")
    book = load_workbook(project / "data" / "2021" / "lkjip.xlsx")
    assert book.sheetnames == ["PETUNJUK", *SCHEMAS]
    assert "Dibuat: data/2021/lkjip.xlsx (dari data/2020/)." in result.output
    assert "1. Buka data/2021/lkjip.xlsx." in result.output
    assert "kegiatan" in result.output and "apbn" in result.output


def test_targets_from_renstra(project):
    run("init", "2021")
    iku = load_workbook(project / "data" / "2021" / "lkjip.xlsx")["iku"]
    target = column(iku, "target")
    # data/2020/sasaran_renstra.csv, versi perubahan, tahun ke-4 (2021 - 2018 + 1)
    assert target["IKU1"] == "16.157.209.890"
    assert target["IKU3"] == "2.018.871.688,98"
    assert target["IKU4"] == "<11"
    assert target["IKU7"] == "78%"
    # Renstra writes "1,58" where last year's iku target was "1,37%": the % is kept
    assert target["IKU2"] == "1,58%"
    assert target["IKU6"] == "10%"


def test_realisasi_emptied_and_last_year_kept(project):
    run("init", "2021")
    book = load_workbook(project / "data" / "2021" / "lkjip.xlsx")
    iku = book["iku"]
    assert set(column(iku, "realisasi").values()) == {None}
    assert set(column(iku, "capaian_tahun_lalu").values()) == {None}
    assert column(iku, "realisasi_tahun_lalu")["IKU1"] == "186.797.290.000"  # iku.csv 2020
    assert column(iku, "realisasi_tahun_lalu")["IKU4"] == "9,74"
    for sheet, name in [
        ("kegiatan", "realisasi"),
        ("apbn", "realisasi"),
        ("belanja", "realisasi"),
        ("indikator_program", "realisasi"),
        ("indikator_kegiatan", "realisasi"),
        ("kertas_kerja", "masukan"),
        ("pk", "realisasi"),
    ]:
        values = cells(book[sheet], name)
        assert values and set(values) == {None}, sheet
    # kept for editing
    assert column(book["kegiatan"], "pagu")["01"] == 2058525350
    assert len(list(book["pk"].iter_rows(min_row=2))) == 103
    assert column(book["belanja"], "apbd")["tidak_langsung"] == 12285197779
    profil = column(book["profil"], "nilai")
    assert profil["tanggal_penandatanganan"] == "2022-03"
    assert profil["tanggal_data_pegawai"] == "2021-12-31"  # moved on: no "Per tanggal 31 Desember 2020" in 2021
    assert profil["kepala_nama"] == "Drs. H. SUNARDI, M.AP"


def test_pk_target_follows_iku(project):
    run("init", "2021")
    pk = load_workbook(project / "data" / "2021" / "lkjip.xlsx")["pk"]
    header = [c.value for c in pk[1]]
    rows = [dict(zip(header, r)) for r in pk.iter_rows(min_row=2, values_only=True)]
    iku1 = [r["target"] for r in rows if r["kode_iku"] == "IKU1"]
    assert iku1 and set(iku1) == {"16.157.209.890"}


def test_refuses_existing_without_force(project):
    assert run("init", "2021").exit_code == 0
    result = run("init", "2021")
    assert result.exit_code == 1
    assert result.stderr == (
        "Kesalahan: data/2021/ dan chapters/2021/ sudah ada; tidak ada yang diubah. "
        "Saran: tambahkan --force untuk memulai ulang "
        "(folder lama dipindahkan ke <folder>-cadangan-N).\n"
    )


def test_refuses_when_only_chapters_exist(project):
    (project / "chapters" / "2021").mkdir()
    result = run("init", "2021")
    assert result.exit_code == 1
    assert result.stderr.startswith("Kesalahan: chapters/2021/ sudah ada;")
    assert not (project / "data" / "2021").exists()


def test_force_overwrites_and_keeps_backup(project):
    run("init", "2021")
    (project / "data" / "2021" / "catatan.txt").write_text("pekerjaan lama")
    result = run("init", "2021", "--force")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "data" / "2021").iterdir()) == ["lkjip.xlsx"]
    assert (project / "data" / "2021-cadangan-1" / "catatan.txt").read_text() == "pekerjaan lama"
    assert (project / "chapters" / "2021-cadangan-1").is_dir()
    assert "data/2021/ lama dipindahkan ke data/2021-cadangan-1/." in result.output


def test_no_earlier_year(project):
    result = run("init", "2019")
    assert result.exit_code == 1
    assert "tidak ada folder data tahun sebelum 2019" in result.stderr


def test_renstra_targets_prefer_perubahan_and_skip_empty():
    rows = [
        {"versi": "awal", "kode_iku": "IKU1", "target_2": parse_value("5")},
        {"versi": "perubahan", "kode_iku": "IKU1", "target_2": parse_value("7")},
        {"versi": "perubahan", "kode_iku": "IKU2", "target_2": parse_value(None)},
        {"versi": "awal", "kode_iku": "", "target_2": parse_value("9")},
    ]
    assert {k: v.raw for k, v in renstra_targets(rows, 2019, 2018).items()} == {"IKU1": "7"}
    assert renstra_targets(rows, 2024, 2018) == {}  # tahun ke-7: outside the Renstra
    assert renstra_targets(rows, 2019, None) == {}


def test_initialised_year_is_a_draft_with_na_realisasi(project):
    """Empty realisasi load; the audit lists each missing cell; capaian and totals are n/a."""
    run("init", "2021")
    dataset, context, warnings = load_and_compute(project, 2021)
    assert all(v.is_empty for v in dataset["iku"].column("realisasi"))
    assert context["iku"][0]["capaian"] is None
    assert context["anggaran"]["belanja"]["langsung"]["realisasi"] is None
    missing = [w for w in warnings if "belum diisi" in w.message]
    assert any(w.location.sheet == "iku" and w.location.column == "realisasi" for w in missing)
    assert any(w.location.sheet == "kegiatan" and w.location.column == "realisasi" for w in missing)




def test_draft_year_builds_with_na_and_strict_refuses(project):
    """A freshly initialised year has no realisasi: the build works as a draft (n/a, with a
    warning per empty cell); --strict refuses and writes nothing."""
    run("init", "2021")
    strict = run("2021", "--fast", "--strict")
    assert strict.exit_code == 1
    assert "Kesalahan: Build dihentikan: ada" in strict.output
    assert not (project / "output" / "LKjIP_2021.docx").exists()

    draft = run("2021", "--fast")
    assert draft.exit_code == 0, draft.output
    assert (project / "output" / "LKjIP_2021.docx").is_file()
    assert (
        '- data/2021/lkjip.xlsx, sheet "iku", baris 2, kolom "realisasi": realisasi '
        '"Nilai Investasi Industri" belum diisi; ditampilkan sebagai n/a.'
    ) in draft.output.splitlines()


def test_dates_move_by_the_years_skipped(project):
    # data/2021 was never made: 2022 starts from 2020, so the dates move two years, and
    # --check has no "tanggal dari tahun sebelumnya" warning about what init wrote
    result = run("init", "2022")
    assert result.exit_code == 0, result.output
    assert "profil.tanggal_data_pegawai dimajukan 2 tahun menjadi 2022-12-31" in result.output
    profil = column(load_workbook(project / "data" / "2022" / "lkjip.xlsx")["profil"], "nilai")
    assert profil["tanggal_penandatanganan"] == "2023-03"
    assert profil["tanggal_data_pegawai"] == "2022-12-31"
    check = run("2022", "--check")
    assert "sebelum tahun laporan" not in check.output
