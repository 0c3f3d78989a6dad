"""The command line's own words: click's usage errors in Indonesian, exit 2; a closed pipe is quiet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lkjip.cli import main
from lkjip.cli_messages import run

ROOT = Path(__file__).resolve().parents[1]


def call(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        run(main, list(args), prog_name="build.py")
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


@pytest.mark.parametrize("args, message", [
    (["abc"], 'Kesalahan: Perintah "abc" tidak dikenal. Perintah yang ada: baru, buat, init, '
              "panel, semua, vars, workbook. Untuk membuat laporan cukup tulis tahunnya, mis. build.py 2020"),
    (["1800"], 'Kesalahan: TAHUN harus berupa tahun antara 1990 dan 2100; yang ditulis: "1800". '
               "Contoh: build.py 2020"),
    (["vars", "abc"], 'Kesalahan: TAHUN harus berupa tahun antara 1990 dan 2100; yang ditulis: '
                      '"abc". Contoh: build.py 2020'),
    (["vars"], "Kesalahan: TAHUN belum ditulis. Contoh: build.py vars 2020"),
    # the example names the command used
    (["buat"], "Kesalahan: TAHUN belum ditulis. Contoh: build.py 2020"),
    (["init"], "Kesalahan: TAHUN belum ditulis. Contoh: build.py init 2021"),
    (["workbook"], "Kesalahan: TAHUN belum ditulis. Contoh: build.py workbook 2020"),
    (["baru"], "Kesalahan: FOLDER belum ditulis. Contoh: build.py baru ../dinas-baru"),
    # an option of a command written first, without the command or year
    (["--proyek", "../dinas"], "Kesalahan: Tulis tahunnya dulu, mis. build.py 2020 --proyek ../dinas"),
    (["--pdf"], "Kesalahan: Tulis tahunnya dulu, mis. build.py 2020 --pdf"),
    (["--force"], 'Kesalahan: Opsi "--force" dipakai sesudah perintah init atau workbook, mis. '
                  "build.py init 2021 --force"),
    (["--xyz"], 'Kesalahan: Opsi "--xyz" tidak dikenal.'),
    (["2020", "--fsat"], 'Kesalahan: Opsi "--fsat" tidak dikenal. Mungkin maksudnya: --fast?'),
    (["vars", "2020", "lagi"], "Kesalahan: Ada kata berlebih yang tidak dikenal: lagi"),
])
def test_usage_errors_in_indonesian(capsys, args, message):
    code, out, err = call(capsys, *args)
    assert code == 2
    assert err.rstrip().splitlines()[-1] == message
    assert "Coba 'build.py" in err and "untuk bantuan." in err
    for english in ("Error", "Try ", "Usage", "No such", "Invalid value", "Missing argument"):
        assert english not in err


def test_an_option_before_the_year_still_builds(capsys, tmp_path):
    """``build.py --proyek DIR 2020`` is ``build.py 2020 --proyek DIR``."""
    code, out, err = call(capsys, "--proyek", str(tmp_path), "2020", "--check")
    assert code == 1  # the build ran: an empty project has no data/2020
    assert "data/2020: folder data tidak ditemukan." in out + err


def test_no_arguments_shows_the_help(capsys):
    code, out, _ = call(capsys)
    assert code == 0
    assert out.startswith("Penggunaan: build.py [OPSI] PERINTAH [ARGUMEN]...")


def test_a_closed_pipe_ends_quietly():
    # `build.py vars 2020 | head -1`: the reader goes away after the first line
    proc = subprocess.Popen([sys.executable, "build.py", "vars", "2020"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert first.startswith(b"tahun = ")
    assert "Traceback" not in err and "BrokenPipe" not in err
