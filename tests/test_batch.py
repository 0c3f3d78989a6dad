"""``--proyek DIR`` on the commands and ``build.py semua`` on the two example projects."""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjip.batch import ProjectResult, build_all, summary_table
from lkjip.cli import main
from lkjip.publish.libreoffice import libreoffice_available

REPO = Path(__file__).resolve().parent.parent
KABUPATEN = REPO / "tests" / "fixtures" / "kabupaten"


def run(*args):
    return CliRunner().invoke(main, list(args), prog_name="build.py")


@pytest.fixture
def projects(tmp_path):
    """A copy of the repository's 2020 project and of tests/fixtures/kabupaten (2023)."""
    provinsi, kabupaten = tmp_path / "provinsi", tmp_path / "kabupaten"
    for part in ("data", "chapters"):  # the tool's own template
        shutil.copytree(REPO / part, provinsi / part)
    for part in ("data/2023", "chapters/2023"):  # not its 2024: init 2024 is run below
        shutil.copytree(KABUPATEN / part, kabupaten / part)
    return provinsi, kabupaten


def test_proyek_option_points_every_command_at_another_folder(projects, tmp_path, monkeypatch):
    _, kabupaten = projects
    monkeypatch.chdir(tmp_path)  # no data/ here
    check = run("2023", "--check", "--proyek", str(kabupaten))
    assert check.exit_code == 0, check.output
    assert check.output.splitlines()[-1] == (
        "Ringkasan: 3 peringatan, 1 di data/2023/indikator_kegiatan.csv, 1 di data/2023/iku.csv, "
        "1 di data/2023/indikator_program.csv.")
    names = run("vars", "2023", "--proyek", str(kabupaten))
    assert "tahun = 2023" in names.output.splitlines()
    book = run("workbook", "2023", "--proyek", str(kabupaten))
    assert book.exit_code == 0, book.output
    assert (kabupaten / "output" / "lkjip-2023.xlsx").is_file()
    init = run("init", "2024", "--proyek", str(kabupaten))
    assert init.exit_code == 0, init.output
    assert "Dibuat: data/2024/lkjip.xlsx (dari data/2023/)." in init.output
    assert (kabupaten / "chapters" / "2024" / "bab_1.md").is_file()


def test_proyek_that_does_not_exist_is_exit_1_in_indonesian(tmp_path):
    result = run("2020", "--check", "--proyek", str(tmp_path / "tidak-ada"))
    assert result.exit_code == 1
    assert result.output == (
        f'Kesalahan: folder proyek "{tmp_path / "tidak-ada"}" tidak ditemukan. '
        "Saran: periksa ejaan foldernya, atau jalankan dari folder proyek tanpa --proyek.\n")


def test_semua_builds_both_examples_in_parallel(projects, tmp_path):
    provinsi, kabupaten = projects
    broken = tmp_path / "rusak"
    shutil.copytree(kabupaten, broken)
    path = broken / "data" / "2023" / "kegiatan.csv"
    text = path.read_text(encoding="utf-8")  # the pagu of row 2
    path.write_text(text.replace(",96.750.000,", ",delapan puluh juta,", 1), encoding="utf-8")

    result = run("semua", str(provinsi), str(kabupaten), str(broken), "--fast")
    assert result.exit_code == 1, result.output
    out = result.output.splitlines()
    assert out[0] == "Menyusun 3 proyek ..."
    progress = sorted(out[1:4])
    assert [line[:6] for line in progress] == ["[1/3] ", "[2/3] ", "[3/3] "]
    assert (provinsi / "output" / "LKjIP_2020.docx").is_file()
    assert (kabupaten / "output" / "LKjIP_2023.docx").is_file()
    assert not (broken / "output").exists()

    table = out[5:9]
    assert re.fullmatch(r"instansi +tahun +peringatan +waktu +hasil", table[0])
    assert re.fullmatch(r"Dinas Perindustrian dan Perdagangan Provinsi Kepulauan Bangka Belitung"
                        r" +2020 +22 +\d+,\d dtk +berhasil", table[1])
    assert re.fullmatch(r"Dinas Perdagangan Kabupaten Sukamaju +2023 +3 +\d+,\d dtk +berhasil",
                        table[2])
    assert re.fullmatch(r'Dinas Perdagangan Kabupaten Sukamaju +2023 +- +\d+,\d dtk +gagal: '
                        r'data/2023/kegiatan.csv, baris 2, kolom "pagu": nilai "delapan puluh juta" '
                        r"bukan angka\..*", table[3])
    assert out[-1] == "2 berhasil, 1 gagal."


def test_build_all_keeps_input_order_and_reports_missing_folders(tmp_path):
    seen = []
    results = build_all([tmp_path / "a", tmp_path], on_done=lambda r, n, t: seen.append((n, t)))
    assert [r.error for r in results] == ["folder proyek tidak ditemukan.",
                                          "tidak ada folder data/<tahun>/ di proyek ini."]
    assert sorted(seen) == [(1, 2), (2, 2)]


def test_summary_table_aligns_columns():
    rows = [ProjectResult(Path("a"), "Dinas A", 2020, True, None, 3, 1.25),
            ProjectResult(Path("b"), "Dinas Bebas", 2021, False, "x.", None, 0.5)]
    assert summary_table(rows) == [
        "instansi     tahun  peringatan    waktu  hasil",
        "Dinas A      2020            3  1,2 dtk  berhasil",
        "Dinas Bebas  2021            -  0,5 dtk  gagal: x.",
    ]


def kabupaten_copies(tmp_path, count: int) -> list[str]:
    """``count`` copies of the kabupaten fixture's 2023 (dinas-0, dinas-1, ...)."""
    roots = []
    for n in range(count):
        root = tmp_path / f"dinas-{n}"
        for part in ("data/2023", "chapters/2023"):
            shutil.copytree(KABUPATEN / part, root / part)
        roots.append(str(root))
    return roots


@pytest.mark.skipif(os.name != "posix", reason="process groups and SIGINT as on Linux/macOS")
@pytest.mark.parametrize("after", [0.8, 2.5])
def test_ctrl_c_during_semua_stops_everything_in_indonesian(tmp_path, after):
    """Ctrl+C reaches every process of the terminal: the workers ignore it, the main process
    ends them and says "Dibatalkan." (it used to hang in multiprocessing's locks)."""
    roots = kabupaten_copies(tmp_path, 3)
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "semua", *roots],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out = proc.communicate(timeout=60)[0].decode()
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("build.py semua hangs after Ctrl+C")
    if proc.returncode == 0:  # it finished first on a fast machine
        assert "3 berhasil" in out
        return
    assert proc.returncode == 1
    assert out.rstrip().endswith("Dibatalkan."), out
    assert "Traceback" not in out


@pytest.mark.skipif(os.name != "posix", reason="process groups and SIGINT as on Linux/macOS")
@pytest.mark.skipif(not libreoffice_available(), reason="LibreOffice not installed")
def test_ctrl_c_during_the_libreoffice_pass_of_semua_leaves_no_report_copies(tmp_path):
    """The workers are killed; the report copies they made for LibreOffice are removed by the
    main process (their LibreOffice removes its own profile as it closes)."""
    roots = kabupaten_copies(tmp_path, 2)
    temp = tmp_path / "temp"
    temp.mkdir()
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "semua", "--pdf", *roots],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, env=dict(os.environ, TMPDIR=str(temp)))
    deadline = time.monotonic() + 60  # until a worker's LibreOffice job folder exists
    while not any(p.name.startswith("lkjip-lo-job-") for p in temp.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)
    out = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 1 and out.rstrip().endswith("Dibatalkan."), out
    assert [p.name for p in temp.iterdir() if p.name.startswith("lkjip-lo-job-")] == []


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the stand-in reaches the workers only when they are forked")
def test_semua_pdf_without_libreoffice_says_so_once(projects, monkeypatch):
    from lkjip.publish import libreoffice

    monkeypatch.setattr(libreoffice, "libreoffice_available", lambda: False)
    _, kabupaten = projects
    second = kabupaten.parent / "kabupaten-2"
    shutil.copytree(kabupaten, second)
    result = run("semua", "--pdf", str(kabupaten), str(second))
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("Catatan: ")]
    assert notes == [f"Catatan: {libreoffice.libreoffice_hint()}"]
    assert not (kabupaten / "output" / "LKjIP_2023.pdf").exists()


def test_a_project_named_twice_is_built_once(projects):
    _, kabupaten = projects
    result = run("semua", "--fast", str(kabupaten), f"{kabupaten}/", str(kabupaten / "."))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Menyusun 1 proyek ...\n[1/1] berhasil: ")
    assert result.output.rstrip().endswith("1 berhasil, 0 gagal.")
