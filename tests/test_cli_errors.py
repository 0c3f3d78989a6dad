"""Bad input as a planner makes it: exit code 1, no traceback, one exact Indonesian message
naming file, sheet, row and column, what was found, what was expected, and a hint."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from lkjip.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
HEAD = "Kesalahan: Ditemukan 1 kesalahan pada data masukan:"

# (case, file in data/2020, text to replace (None: delete the file), replacement, message)
CASES = [
    (
        "berkas_hilang", "program.csv", None, None,
        '- data/2020: tabel "program" tidak ditemukan. Yang diharapkan: file data/2020/program.csv '
        'atau sheet "program" di file Excel dalam data/2020. Saran: buat tabel ini dengan judul '
        "kolom: kode, nama.",
    ),
    (
        "kolom_wajib_hilang", "kegiatan.csv", "kode_program,kode,nama,pagu,",
        "kode_program,kode,nama,pagu_anggaran,",
        '- data/2020/kegiatan.csv, baris 1, kolom "pagu": kolom wajib ini tidak ada di baris judul. '
        "Yang diharapkan: judul kolom di baris 1: kode_program, kode, nama, pagu, realisasi, "
        "pagu_murni, jenis_perubahan, pelaksana, catatan. Saran: tambahkan kolom ini atau perbaiki "
        "ejaan judulnya.",
    ),
    (
        "teks_di_kolom_uang", "kegiatan.csv", '"80.000.000","80.000.000"',
        '"80.000.000","delapan puluh juta"',
        '- data/2020/kegiatan.csv, baris 3, kolom "realisasi": nilai "delapan puluh juta" bukan '
        "angka. Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: hapus huruf dan satuan "
        "dari sel ini.",
    ),
    (
        "pagu_negatif", "kegiatan.csv", '"80.000.000","80.000.000"', '"-80.000.000","80.000.000"',
        '- data/2020/kegiatan.csv, baris 3, kolom "pagu": nilai "-80.000.000" negatif. Yang '
        "diharapkan: angka rupiah, mis. 1.234.567,89. Saran: hapus tanda minus atau kurung; nilai "
        "ini tidak boleh kurang dari nol.",
    ),
    (
        "notasi_inggris", "kegiatan.csv", '"80.000.000","80.000.000"',
        '"80,000,000.00","80.000.000"',
        '- data/2020/kegiatan.csv, baris 3, kolom "pagu": nilai "80,000,000.00" memakai penulisan '
        "angka Inggris. Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: tulis dengan cara "
        "Indonesia: titik untuk ribuan, koma untuk desimal.",
    ),
    (
        "kode_ganda", "kegiatan.csv", ",01.02,", ",01.01,",
        '- data/2020/kegiatan.csv, baris 3, kolom "kode": kode "01.01" sudah ada di baris 2. Yang '
        "diharapkan: nilai yang unik di setiap baris. Saran: hapus baris ganda atau perbaiki salah "
        "satunya.",
    ),
    (
        "kode_kegiatan_tidak_dikenal", "efisiensi.csv", ",01.02", ",09.09",
        '- data/2020/efisiensi.csv, baris 3, kolom "kode_kegiatan": kode "09.09" tidak ada di tabel '
        '"kegiatan" (data/2020/kegiatan.csv). Yang diharapkan: kode dari kolom "kode" tabel '
        "kegiatan: 01.01, 01.02, 02.01. Saran: perbaiki kode ini atau tambahkan baris dengan kode "
        "ini di tabel kegiatan.",
    ),
    (
        "kode_program_tidak_dikenal", "kegiatan.csv", "\n02,02.01,", "\n07,02.01,",
        '- data/2020/kegiatan.csv, baris 4, kolom "kode_program": kode "07" tidak ada di tabel '
        '"program" (data/2020/program.csv). Yang diharapkan: kode dari kolom "kode" tabel program: '
        "01, 02. Saran: perbaiki kode ini atau tambahkan baris dengan kode ini di tabel program.",
    ),
    (
        "pilihan_tidak_dikenal", "iku.csv", ",naik,", ",meningkat,",
        '- data/2020/iku.csv, baris 2, kolom "arah": nilai "meningkat" tidak dikenal. Yang '
        "diharapkan: salah satu dari: naik, turun. Saran: ketik salah satu pilihan itu persis.",
    ),
    (
        "bukan_bilangan_bulat", "pegawai_jabatan.csv", "Sekretariat,5,4,", "Sekretariat,5,5 orang,",
        '- data/2020/pegawai_jabatan.csv, baris 2, kolom "perempuan": nilai "5 orang" bukan angka. '
        "Yang diharapkan: bilangan bulat ≥ 0, mis. 12. Saran: hapus huruf dan satuan dari sel ini.",
    ),
    (
        "tanggal_salah", "profil.csv", "tanggal_penandatanganan,2021-03",
        "tanggal_penandatanganan,Maret depan",
        '- data/2020/profil.csv, baris 11, kolom "nilai": nilai "Maret depan" bukan tanggal. Yang '
        "diharapkan: tanggal seperti 2021-03-15, atau bulan seperti 2021-03. Saran: ketik tanggal "
        "sebagai tahun-bulan-tanggal.",
    ),
    (
        "kunci_profil_hilang", "profil.csv", "kepala_nip,19700101 199503 1 001\n", "",
        '- data/2020/profil.csv, kolom "kunci": kunci wajib "kepala_nip" tidak ada atau nilainya '
        'kosong. Yang diharapkan: baris dengan "kepala_nip" di kolom kunci dan isinya di kolom '
        "nilai. Saran: tambahkan atau isi baris ini.",
    ),
    (
        "tabel_kosong", "program.csv",
        "01,Program Pengembangan Ekspor\n02,Program Stabilisasi Harga\n", "",
        '- data/2020/program.csv: tabel "program" tidak berisi data. Yang diharapkan: baris judul '
        "di baris 1 dan data mulai baris 2. Saran: isi tabel ini.",
    ),
    (
        "isi_ke_bawah_baris_pertama", "efisiensi.csv", "IKU1,01.01", ",01.01",
        '- data/2020/efisiensi.csv, baris 2, kolom "kode_iku": sel kosong di baris data pertama. '
        "Yang diharapkan: nilai di baris data pertama; baris berikutnya boleh kosong untuk mengulang "
        "nilai di atasnya. Saran: isi sel ini.",
    ),
]


def project(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "proyek"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    return root


def edit(root: Path, name: str, old: str | None, new: str | None) -> None:
    path = root / "data" / "2020" / name
    if old is None:
        path.unlink()
        return
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def check():
    return CliRunner().invoke(main, ["2020", "--check"], prog_name="build.py")


@pytest.mark.parametrize("case, name, old, new, message", CASES, ids=[c[0] for c in CASES])
def test_bad_input(tmp_path, monkeypatch, case, name, old, new, message):
    root = project(tmp_path, monkeypatch)
    edit(root, name, old, new)
    result = check()
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines()[1:] == [HEAD, message]


def test_all_problems_are_listed_together(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch)
    edit(root, "iku.csv", ",naik,", ",meningkat,")
    edit(root, "kegiatan.csv", ",01.02,", ",01.01,")
    result = check()
    assert result.exit_code == 1
    assert result.output.splitlines()[1] == "Kesalahan: Ditemukan 2 kesalahan pada data masukan:"


def test_excel_sheet_named_in_message(tmp_path, monkeypatch):
    """The same table as a sheet of an Excel workbook: the message names the sheet."""
    root = project(tmp_path, monkeypatch)
    (root / "data" / "2020" / "program.csv").unlink()
    book = Workbook()
    sheet = book.active
    sheet.title = "program"
    sheet.append(["kode", "nama"])
    sheet.append(["01", "Program Pengembangan Ekspor"])
    sheet.append(["01", "Program Stabilisasi Harga"])
    book.save(root / "data" / "2020" / "lkjip.xlsx")
    result = check()
    assert result.exit_code == 1
    assert result.output.splitlines()[1:] == [
        HEAD,
        '- data/2020/lkjip.xlsx, sheet "program", baris 3, kolom "kode": kode "01" sudah ada di '
        "baris 2. Yang diharapkan: nilai yang unik di setiap baris. Saran: hapus baris ganda atau "
        "perbaiki salah satunya.",
    ]


def test_table_both_as_csv_and_sheet(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch)
    book = Workbook()
    book.active.title = "program"
    book.active.append(["kode", "nama"])
    book.save(root / "data" / "2020" / "lkjip.xlsx")
    result = check()
    assert result.exit_code == 1
    assert 'tabel "program"' in result.output and "lkjip.xlsx" in result.output


def test_unknown_extra_column_is_only_a_warning(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch)
    edit(root, "program.csv", "kode,nama", "kode,nama,catatan_saya")
    result = check()
    assert result.exit_code == 0
    assert result.output.splitlines()[-5:-3] == [
        "Peringatan (2):",
        '- data/2020/program.csv, baris 1, kolom "catatan_saya": kolom tidak dikenal, diabaikan. '
        "Yang diharapkan: salah satu kolom: kode, nama. Saran: periksa ejaan judul kolom, atau "
        "hapus kolom ini.",
    ]


def test_numbers_in_several_notations_are_accepted(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch)
    edit(root, "kegiatan.csv", '"80.000.000","80.000.000"', '80000000,"80.000.000,00"')
    result = check()
    assert result.exit_code == 0, result.output
