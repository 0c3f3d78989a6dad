"""The command line as a planner meets it: exit codes and exact messages (click's CliRunner)."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjip.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path, monkeypatch):
    """A copy of the mini example project as the current directory."""
    root = tmp_path / "proyek"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    return root


def run(*args):
    return CliRunner().invoke(main, list(args), prog_name="build.py")


def test_help_is_indonesian():
    result = run("--help")
    assert result.exit_code == 0
    assert result.output.startswith("Penggunaan: build.py [OPSI] PERINTAH [ARGUMEN]...")
    assert "uv run build.py 2020 --check    periksa konsistensi data 2020" in result.output
    assert "Tampilkan bantuan ini lalu keluar." in result.output


def test_year_alone_is_the_build_command():
    result = run("2020", "--help")
    assert result.exit_code == 0
    assert "Penggunaan: build.py buat [OPSI] TAHUN" in result.output
    assert "--check" in result.output


def test_check_on_clean_data_prints_steps_and_exit_0(mini):
    result = run("2020", "--check")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Memeriksa data 2020 ...\n")
    assert "Memuat dan memvalidasi data" in result.output


def test_check_reports_located_warning(mini):
    path = mini / "data" / "2020" / "kegiatan.csv"
    text = path.read_text(encoding="utf-8")
    # realisasi above pagu for kegiatan 02.01 (row 4 of the CSV)
    path.write_text(text.replace('"60.000.000","45.000.000"', '"60.000.000","65.000.000"'), encoding="utf-8")
    result = run("2020", "--check")
    assert result.exit_code == 0, result.output
    assert (
        '- data/2020/kegiatan.csv, baris 4, kolom "realisasi": realisasi (Rp 65.000.000) '
        "melebihi pagu (Rp 60.000.000). Saran: periksa kembali angka realisasi dan pagu."
    ) in result.output
    assert result.output.splitlines()[-1] == (
        "Ringkasan: 2 peringatan, 1 di data/2020/kegiatan.csv, 1 di chapters/2020/.")
    assert ("- chapters/2020/: folder bab ini tidak ada; laporan disusun tanpa bab (hanya sampul "
            "dan halaman tanda tangan). Saran: jalankan build.py init 2020 untuk menyalin bab tahun "
            "lalu, atau salin bab bawaan dari lkjip/templates/chapters/.") in result.output


def test_check_strict_turns_warnings_into_exit_1(mini):
    path = mini / "data" / "2020" / "kegiatan.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"60.000.000","45.000.000"', '"60.000.000","65.000.000"'), encoding="utf-8")
    result = run("2020", "--check", "--strict")
    assert result.exit_code == 1
    assert "Kesalahan: Build dihentikan: ada 2 peringatan dan opsi --strict aktif." in result.output


def test_bad_input_exit_1_without_traceback(mini):
    path = mini / "data" / "2020" / "program.csv"
    path.unlink()
    result = run("2020", "--check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines()[1].startswith("Kesalahan: Ditemukan 1 kesalahan pada data masukan:")
    assert "data/2020/program" in result.output


def test_missing_year_folder(mini):
    result = run("2031", "--check")
    assert result.exit_code == 1
    assert "data/2031" in result.output


def test_unknown_option_is_usage_error_exit_2(mini):
    result = run("2020", "--tidak-ada")
    assert result.exit_code == 2


def test_vars_lists_context_names_with_values(mini):
    result = run("vars", "2020")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "tahun = 2020" in lines
    assert any(line.startswith("iku[0].capaian = ") for line in lines)
    assert '{{ tabel("capaian_sasaran", no=...) }}' in lines
    assert '{{ grafik("capaian_iku") }}' in lines
