"""Files as office PCs have them (GitHub issue 8): each file-level kind gives one exact,
located Indonesian message and exit code 1 (or a warning and exit code 0), never a traceback."""

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from lkjip.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
HEAD = "Kesalahan: Ditemukan 1 kesalahan pada data masukan:"
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "proyek"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    return root


def data(root: Path, name: str) -> Path:
    return root / "data" / "2020" / name


def check():
    result = CliRunner().invoke(main, ["2020", "--check"], prog_name="build.py")
    assert "Traceback" not in result.output
    return result


def errors(result) -> list[str]:
    assert result.exit_code == 1, result.output
    return result.output.splitlines()[1:]


def program_sheet(rows: list[list]) -> Workbook:
    book = Workbook()
    book.active.title = "program"
    for row in rows:
        book.active.append(row)
    return book


def test_old_xls(root):
    data(root, "lama.xls").write_bytes(CFB + b"\0" * 504)
    assert errors(check()) == [
        HEAD,
        "- data/2020/lama.xls: file ini memakai format Excel lama (.xls), yang tidak dibaca. Yang "
        'diharapkan: file .xlsx. Saran: buka di Excel lalu "Simpan Sebagai" > "Buku Kerja Excel '
        '(*.xlsx)", dan hapus file .xls ini.',
    ]


def test_encrypted_xlsx(root):
    data(root, "lkjip.xlsx").write_bytes(CFB + b"\0" * 504)
    assert errors(check()) == [
        HEAD,
        "- data/2020/lkjip.xlsx: file Excel ini dilindungi kata sandi (terenkripsi), sehingga tidak "
        "bisa dibaca. Yang diharapkan: file .xlsx tanpa kata sandi. Saran: buka di Excel, File > "
        "Info > Protect Workbook > Encrypt with Password, kosongkan kata sandinya, lalu simpan.",
    ]


def test_excel_error_values(root):
    data(root, "program.csv").unlink()
    book = program_sheet([["kode", "nama"], ["01", "Program A"], ["02", "#N/A"]])
    book.active["B3"].data_type = "e"
    book.save(data(root, "lkjip.xlsx"))
    assert errors(check()) == [
        HEAD,
        '- data/2020/lkjip.xlsx, sheet "program", baris 3, kolom "nama": sel ini berisi galat Excel '
        "#N/A (nilai tidak tersedia (biasanya VLOOKUP/XLOOKUP yang tidak menemukan data)), bukan "
        "nilai. Saran: perbaiki rumus di sel ini di Excel (atau ketik nilainya langsung), lalu simpan.",
    ]


def test_formula_never_calculated(root):
    data(root, "program.csv").unlink()
    program_sheet([["kode", "nama"], ["01", "Program A"], ["02", '=CONCAT("Program ","B")']]).save(
        data(root, "lkjip.xlsx")
    )
    assert errors(check()) == [
        HEAD,
        '- data/2020/lkjip.xlsx, sheet "program", baris 3, kolom "nama": sel ini berisi rumus '
        '=CONCAT("Program ","B") yang belum pernah dihitung (file tidak disimpan oleh Excel), '
        "sehingga nilainya tidak ada. Saran: buka file ini di Excel atau LibreOffice, tekan "
        "Ctrl+Alt+F9, lalu simpan.",
    ]


def test_merged_cells(root):
    data(root, "program.csv").unlink()
    book = program_sheet([["kode", "nama"], ["01", "Program A"], ["02", None]])
    book.active.merge_cells("B2:B3")
    book.save(data(root, "lkjip.xlsx"))
    assert errors(check()) == [
        HEAD,
        '- data/2020/lkjip.xlsx, sheet "program", baris 3, kolom "nama": sel ini bagian dari sel '
        'gabungan B2:B3; hanya sel pertamanya yang berisi nilai. Saran: pisahkan gabungannya '
        '(Beranda > "Gabungkan & Tengahkan" > "Pisahkan Sel") dan isi setiap baris; kolom '
        "isi-ke-bawah boleh dikosongkan.",
    ]


def test_huge_used_range_loads_fast(root):
    data(root, "program.csv").unlink()
    book = program_sheet([["kode", "nama"], ["01", "Program A"], ["02", "Program B"]])
    book.active.cell(row=1_048_576, column=1).number_format = "0.00"  # formatted, empty
    book.active.cell(row=1_048_576, column=1).value = ""
    book.save(data(root, "lkjip.xlsx"))
    start = time.perf_counter()
    result = check()
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - start < 5


def test_unclosed_quote(root):
    path = data(root, "program.csv")
    path.write_text('kode,nama\n01,"Program A\n02,Program B\n', encoding="utf-8")
    assert errors(check()) == [
        HEAD,
        '- data/2020/program.csv, baris 2: tanda kutip (") yang dibuka di baris ini tidak ditutup '
        "dengan benar, sehingga sisa file tidak bisa dibaca. Yang diharapkan: setiap sel yang "
        'diawali " diakhiri " juga; " di dalam sel ditulis dua kali (""). Saran: tutup tanda '
        "kutipnya, atau buka file di Excel lalu simpan ulang sebagai CSV.",
    ]


def test_tab_separated_csv(root):
    path = data(root, "program.csv")
    path.write_text(path.read_text(encoding="utf-8").replace(",", "\t"), encoding="utf-8")
    result = check()
    assert result.exit_code == 0, result.output


def test_cp1252_csv_is_read_with_a_warning(root):
    path = data(root, "program.csv")
    text = path.read_text(encoding="utf-8").replace("Program Pengembangan", "Program Café", 1)
    path.write_bytes(text.encode("cp1252"))
    result = check()
    assert result.exit_code == 0, result.output
    assert (
        "- data/2020/program.csv: file ini bukan teks UTF-8; dibaca sebagai Windows-1252 (ANSI). "
        "Periksa huruf khusus (mis. “ ” – é) di laporan. Saran: simpan ulang dari Excel dengan "
        '"Simpan Sebagai" > "CSV UTF-8 (dipisahkan koma)".'
    ) in result.output.splitlines()


def test_percent_in_money_column(root):
    path = data(root, "kegiatan.csv")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"80.000.000","80.000.000"', '"80.000.000","50%"', 1), encoding="utf-8")
    assert errors(check()) == [
        HEAD,
        '- data/2020/kegiatan.csv, baris 3, kolom "realisasi": nilai "50%" adalah persen, bukan '
        "jumlah uang. Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: ketik jumlah "
        "rupiahnya; persentase dihitung sendiri oleh laporan.",
    ]


def test_belanja_without_langsung(root):
    path = data(root, "belanja.csv")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(l for l in lines if not l.startswith("langsung")), encoding="utf-8")
    assert errors(check()) == [
        HEAD,
        '- data/2020/belanja.csv, kolom "jenis": baris belanja "langsung" tidak ada. Yang '
        'diharapkan: satu baris dengan "langsung" di kolom jenis. Saran: tambahkan baris ini '
        "(angka yang belum ada boleh dikosongkan).",
    ]


def test_control_character_in_a_name_is_cleaned(root):
    path = data(root, "program.csv")
    path.write_text(path.read_text(encoding="utf-8").replace("Program Pengembangan", "Program\x0bPengembangan\u200b", 1), encoding="utf-8")
    assert check().exit_code == 0
