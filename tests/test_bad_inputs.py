"""Bad inputs, one table (GitHub issue 9, item 7): data cells and files, key/value tables,
references, chapters, pictures, the environment and the command line.

One good 2020 project is built once (with its PDF when LibreOffice is installed). Each case
damages a fresh copy of it, ``output/`` included, runs the command line in-process as
``build.py`` does, and checks:

- the exit code (1 for bad inputs, 2 for a mistyped command; 0 for a mere warning);
- no traceback and none of Python's or the libraries' English words in the output;
- the exact located Indonesian message line (file, sheet, row, column, or chapter line);
- ``output/`` exactly as before: the earlier .docx and PDF byte-identical, no file added.

Other test files cover these kinds in more depth (test_cli_errors, test_cli_files,
test_chapter_robustness, test_publish_robustness, test_cli_words); this one walks them all
through the same door with the same assertions.
"""

from __future__ import annotations

import builtins
import csv
import errno
import hashlib
import io
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from PIL import Image

from lkjip.cli import main
from lkjip.cli_messages import run
from lkjip.inputs import read
from lkjip.present import chartworker
from lkjip.project import DEFAULT_TEMPLATE
from lkjip.publish import libreoffice, write
from tests import fake_office

REPO = Path(__file__).resolve().parents[1]
# the line of a name appended to bab_3.md by chapter() (after a blank line)
BAB_3_END = len((REPO / "chapters" / "2020" / "bab_3.md").read_text(encoding="utf-8").splitlines()) + 2
DATA, CHAPTERS = "data/2020", "chapters/2020"
DOCX, PDF = "LKjIP_2020.docx", "LKjIP_2020.pdf"
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: old .xls, or an encrypted .xlsx

# Python's, click's and the libraries' own words: none may reach a planner.
ENGLISH = (
    "Traceback", "Error:", "Error ", "Exception", "errno", "Errno", "No such file",
    "Permission denied", "Is a directory", "UnicodeDecodeError", "KeyError", "ValueError",
    "TypeError", "AttributeError", "OSError", "is undefined", "has no attribute",
    "unexpected", "Usage:", "Try '", "Invalid value", "Missing argument", "not a zip",
    "zipfile", "openpyxl", "jinja2", 'File "', "line ", "object",
)

Damage = Callable[[Path, pytest.MonkeyPatch], None]


# --------------------------------------------------------------------------- damage recipes


def edit(name: str, old: str, new: str) -> Damage:
    """Replace the one occurrence of ``old`` in project file ``name``."""

    def damage(root, mp):
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    return damage


def data(name: str, old: str, new: str) -> Damage:
    """:func:`edit` of ``data/2020/<name>``."""
    return edit(f"{DATA}/{name}", old, new)


def add_line(name: str, line: str) -> Damage:
    """``line`` added at the end of ``data/2020/<name>``."""

    def damage(root, mp):
        path = root / DATA / name
        path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")

    return damage


def drop_line(name: str, start: str) -> Damage:
    """Remove the lines of project file ``name`` that start with ``start``."""

    def damage(root, mp):
        path = root / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if not x.startswith(start)), encoding="utf-8")

    return damage


def put(name: str, content: bytes | str | None) -> Damage:
    """Project file ``name`` with ``content`` (None: removed, file or folder)."""

    def damage(root, mp):
        path = root / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        if content is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return damage


def folder(name: str) -> Damage:
    """A folder where project file ``name`` was."""

    def damage(root, mp):
        put(name, None)(root, mp)
        (root / name).mkdir()

    return damage


def both(*damages: Damage) -> Damage:
    def damage(root, mp):
        for each in damages:
            each(root, mp)

    return damage


def nothing(root, mp):
    pass


def last_year(root, mp):
    """data/2019/: a copy of data/2020/ (read for last year's figures)."""
    shutil.copytree(root / DATA, root / "data" / "2019")


def separator(name: str, sep: str) -> Damage:
    """``data/2020/<name>`` saved again with another separator (";" as Indonesian Excel)."""

    def damage(root, mp):
        path = root / DATA / name
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        out = io.StringIO()
        csv.writer(out, delimiter=sep, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")

    return damage


def recode(name: str, codec: str) -> Damage:
    """Project file ``name`` saved again in another encoding (Windows' ANSI: "cp1252")."""

    def damage(root, mp):
        path = root / name
        path.write_bytes(path.read_text(encoding="utf-8").encode(codec))

    return damage


def sheet(table: str, rows: list[list], book: str = "lkjip.xlsx", keep_csv=False,
          change: Callable | None = None) -> Damage:
    """Table ``table`` as a sheet of ``data/2020/<book>`` (its CSV removed unless
    ``keep_csv``); ``change(worksheet)`` spoils it further."""

    def damage(root, mp):
        if not keep_csv:
            (root / DATA / f"{table}.csv").unlink()
        workbook = Workbook()
        ws = workbook.active
        ws.title = table
        for row in rows:
            ws.append(row)
        if change:
            change(ws)
        workbook.save(root / DATA / book)

    return damage


PROGRAM = [["kode", "nama"], ["01", "Program Peningkatan Pelayanan Pemerintah"],
           ["02", "Program Pengembangan Perdagangan"]]


def error_value(ws):
    ws["B3"].value = "#N/A"
    ws["B3"].data_type = "e"


def chapter(text: str, name: str = "kata_pengantar") -> Damage:
    """``text`` added at the end of a chapter, after a blank line. kata_pengantar.md is
    rendered first and has 7 lines: the added text starts at line 9."""

    def damage(root, mp):
        path = root / CHAPTERS / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")

    return damage


def picture(name: str, content: bytes) -> Damage:
    """``![Bagan uji](name)`` at line 9 of kata_pengantar.md, with ``content`` as the file."""
    return both(put(f"{CHAPTERS}/{name}", content), chapter(f"![Bagan uji]({name})\n"))


def png(size=(60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(out, format="PNG")
    return out.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def logo(name: str, content: bytes | None) -> Damage:
    """profil's ``logo`` set to ``name`` in data/2020/, with ``content`` as the file (None:
    no file)."""
    damages = [data("profil.csv", "\nlogo,\n", f"\nlogo,{name}\n")]
    if content is not None:
        damages.append(put(f"{DATA}/{name}", content))
    return both(*damages)


def template_with(text: str) -> Damage:
    """The project's own templates/lkjip.docx: the tool's template with a paragraph ``text``."""

    def damage(root, mp):
        from docx import Document

        document = Document(DEFAULT_TEMPLATE)
        document.add_paragraph(text)
        (root / "templates").mkdir()
        document.save(root / "templates" / "lkjip.docx")

    return damage


# Windows, a network share or OneDrive refuse a file; as root chmod stops nothing, so the
# function that opens it is made to fail as it fails there.


def fails(owner, attr: str, error: OSError, when: Callable) -> Damage:
    """``owner.attr`` raises ``error`` when ``when(*its arguments)`` holds."""

    def damage(root, mp):
        real = getattr(owner, attr, None) or getattr(builtins, attr)  # read.open: the builtin

        def failing(*args, **kwargs):
            if when(*args, **kwargs):
                raise error
            return real(*args, **kwargs)

        mp.setattr(owner, attr, failing, raising=False)

    return damage


DENIED = PermissionError(errno.EACCES, "Permission denied")


def unreadable(name: str) -> Damage:
    """Reading the file called ``name`` is refused (locked by Excel, no permission)."""
    return both(fails(Path, "read_bytes", DENIED, lambda path: path.name == name),
                fails(read, "open", DENIED, lambda path, *a, **k: Path(path).name == name))


def open_elsewhere(name: str) -> Damage:
    """Output file ``name`` open in Word: Windows refuses to open it for writing."""
    return fails(write, "open", DENIED,
                 lambda path, mode="r", *a, **k: Path(path).name == name and mode == "r+b")


disk_full = fails(os, "fsync", OSError(errno.ENOSPC, "No space left on device"),
                  lambda *a: True)


def read_only(name: str) -> Damage:
    """Project file ``name`` marked read-only (its "Read-only" box ticked)."""

    def damage(root, mp):
        (root / name).chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)

    return damage


def fake_libreoffice(root, mp):
    """The LibreOffice pass as a stand-in that returns the .docx and a small PDF: the PDF
    cases fail while writing, after LibreOffice, which need not really run for that."""
    fake_office.install(mp)


# --------------------------------------------------------------------------- the table


@dataclass
class Case:
    id: str
    damage: Damage
    message: str  # one whole line of the output
    args: list[str] = field(default_factory=lambda: ["2020", "--fast"])
    code: int = 1  # 1: bad input; 2: mistyped command; 0: a warning only


CHECK = ["2020", "--check"]
PDF_ARGS = ["2020", "--pdf"]

CASES = [
    # --- data: cells (a CSV row as a text editor counts it, header = row 1)
    Case("uang_berisi_teks", data("kegiatan.csv", "2.017.461.349", "dua juta"),
         '- data/2020/kegiatan.csv, baris 2, kolom "realisasi": nilai "dua juta" bukan angka. '
         "Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: hapus huruf dan satuan dari "
         "sel ini."),
    Case("persen_di_kolom_uang", data("kegiatan.csv", "151.462.026", "97%"),
         '- data/2020/kegiatan.csv, baris 3, kolom "realisasi": nilai "97%" adalah persen, '
         "bukan jumlah uang. Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: ketik "
         "jumlah rupiahnya; persentase dihitung sendiri oleh laporan."),
    Case("angka_cara_inggris", data("kegiatan.csv", "2.058.525.350", '"2,058,525,350.00"'),
         '- data/2020/kegiatan.csv, baris 2, kolom "pagu": nilai "2,058,525,350.00" memakai '
         "penulisan angka Inggris. Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: "
         "tulis dengan cara Indonesia: titik untuk ribuan, koma untuk desimal."),
    Case("pagu_negatif", data("kegiatan.csv", "156.770.953", "-156.770.953"),
         '- data/2020/kegiatan.csv, baris 3, kolom "pagu": nilai "-156.770.953" negatif. Yang '
         "diharapkan: angka rupiah, mis. 1.234.567,89. Saran: hapus tanda minus atau kurung; "
         "nilai ini tidak boleh kurang dari nol."),
    Case("tanggal_bukan_tanggal", data("profil.csv", ",2021-03\n", ",Maret depan\n"),
         '- data/2020/profil.csv, baris 11, kolom "nilai": nilai "Maret depan" bukan tanggal. '
         "Yang diharapkan: tanggal seperti 2021-03-15, atau bulan seperti 2021-03. Saran: ketik "
         "tanggal sebagai tahun-bulan-tanggal."),
    Case("judul_tabel_di_atas_judul_kolom",
         data("program.csv", "kode,nama\n", "Daftar Program Tahun 2020,\n,\nkode,nama\n"),
         "- data/2020/program.csv, baris 3: judul kolom ada di baris 3, bukan di baris 1; baris "
         "1–2 di atasnya (judul tabel) membuat kolom-kolomnya tidak dikenali. Yang diharapkan: "
         "judul kolom di baris 1 dan data mulai baris 2. Saran: hapus baris 1–2 di atas judul "
         "kolom (judul tabel cukup ditulis di bab)."),
    Case("nol_di_depan_dibuang_excel", data("kegiatan.csv", "\n01,01.01,", "\n1,01.01,"),
         '- data/2020/kegiatan.csv, baris 2, kolom "kode_program": kode "1" tidak ada di tabel '
         '"program" (data/2020/program.csv). Yang diharapkan: kode dari kolom "kode" tabel '
         'program: 01, 02, 03, 04, 05, 06. Saran: mungkin maksudnya "01": Excel membuang angka 0 '
         "di depan. Format kolom ini sebagai Teks (Format Cells > Text) lalu ketik ulang, atau "
         "ketik '01 (dengan tanda petik di depan)."),
    Case("tanggal_tidak_ada", data("profil.csv", ",2021-03\n", ",2021-02-30\n"),
         '- data/2020/profil.csv, baris 11, kolom "nilai": tanggal "2021-02-30" tidak ada di '
         "kalender. Yang diharapkan: tanggal seperti 2021-03-15, atau bulan seperti 2021-03. "
         "Saran: periksa tanggal dan bulannya."),
    Case("pilihan_tidak_dikenal", data("iku.csv", ",naik,14.157", ",meningkat,14.157"),
         '- data/2020/iku.csv, baris 2, kolom "arah": nilai "meningkat" tidak dikenal. Yang '
         "diharapkan: salah satu dari: naik, turun. Saran: ketik salah satu pilihan itu persis."),
    Case("bukan_bilangan_bulat", data("pegawai_jabatan.csv", "RPK,5,1,", "RPK,5,1 orang,"),
         '- data/2020/pegawai_jabatan.csv, baris 4, kolom "perempuan": nilai "1 orang" bukan '
         "angka. Yang diharapkan: bilangan bulat ≥ 0, mis. 12. Saran: hapus huruf dan satuan "
         "dari sel ini."),
    Case("sel_wajib_kosong",
         data("program.csv", "01,Program Peningkatan Pelayanan Pemerintah", "01,"),
         '- data/2020/program.csv, baris 2, kolom "nama": sel wajib ini kosong. Saran: isi sel '
         "ini."),
    # a totals row typed at the bottom of a table: lkjip sums itself
    Case("baris_total_kegiatan",
         add_line("kegiatan.csv", ",Total,Total Belanja Langsung,30.466.120.553,27.000.000.000,,,,"),
         "- data/2020/kegiatan.csv, baris 29: baris ini tampaknya baris jumlah (\"Total "
         "Belanja Langsung\"); jumlah, total dan rata-rata dihitung oleh lkjip. Saran: hapus "
         "baris ini."),
    Case("baris_jumlah_tanpa_kode",
         add_line("kegiatan.csv", ",,JUMLAH,30.466.120.553,27.000.000.000,,,,"),
         "- data/2020/kegiatan.csv, baris 29: baris ini tampaknya baris jumlah "
         "(\"JUMLAH\"); jumlah, total dan rata-rata dihitung oleh lkjip. Saran: hapus baris ini."),
    Case("baris_jumlah_pegawai", add_line("pegawai_jabatan.csv", "Jumlah,53,41,29,48,17,"),
         "- data/2020/pegawai_jabatan.csv, baris 5: baris ini tampaknya baris jumlah "
         "(\"Jumlah\"); jumlah, total dan rata-rata dihitung oleh lkjip. Saran: hapus baris ini."),
    Case("baris_subtotal_sheet",
         sheet("program", PROGRAM + [["Sub Total", None]]),
         '- data/2020/lkjip.xlsx, sheet "program", baris 4: baris ini tampaknya baris '
         'jumlah ("Sub Total"); jumlah, total dan rata-rata dihitung oleh lkjip. Saran: hapus '
         "baris ini."),
    Case("isi_ke_bawah_baris_pertama", data("efisiensi.csv", "IKU1,16.01", ",16.01"),
         '- data/2020/efisiensi.csv, baris 2, kolom "kode_iku": sel kosong di baris data '
         "pertama. Yang diharapkan: nilai di baris data pertama; baris berikutnya boleh kosong "
         "untuk mengulang nilai di atasnya. Saran: isi sel ini."),
    Case("kode_ganda", data("kegiatan.csv", ",01.02,", ",01.01,"),
         '- data/2020/kegiatan.csv, baris 3, kolom "kode": kode "01.01" sudah ada di baris 2. '
         "Yang diharapkan: nilai yang unik di setiap baris. Saran: hapus baris ganda atau "
         "perbaiki salah satunya."),
    Case("kolom_wajib_hilang", data("kegiatan.csv", ",nama,pagu,", ",nama,pagu_anggaran,"),
         '- data/2020/kegiatan.csv, baris 1, kolom "pagu": kolom wajib ini tidak ada di baris '
         "judul. Yang diharapkan: judul kolom di baris 1: kode_program, kode, nama, pagu, "
         "realisasi, pagu_murni, jenis_perubahan, pelaksana, catatan. Saran: tambahkan kolom "
         "ini atau perbaiki ejaan judulnya."),
    Case("judul_kolom_ganda", data("program.csv", "kode,nama\n", "kode,nama,nama\n"),
         '- data/2020/program.csv, baris 1, kolom "nama": judul kolom ini muncul dua kali. '
         "Saran: hapus salah satu kolom."),
    # --- data: files and tables
    Case("tabel_hilang", put(f"{DATA}/program.csv", None),
         '- data/2020: tabel "program" tidak ditemukan. Yang diharapkan: file '
         'data/2020/program.csv atau sheet "program" di file Excel dalam data/2020. Saran: buat '
         "tabel ini dengan judul kolom: kode, nama."),
    Case("tabel_salah_nama",
         both(put(f"{DATA}/program.csv", None),
              put(f"{DATA}/progam.csv", "kode,nama\n01,Program A\n")),
         '- data/2020: tabel "program" tidak ditemukan. Yang diharapkan: file '
         'data/2020/program.csv atau sheet "program" di file Excel dalam data/2020. Saran: buat '
         "tabel ini dengan judul kolom: kode, nama."),
    Case("tabel_kosong", put(f"{DATA}/program.csv", "kode,nama\n"),
         '- data/2020/program.csv: tabel "program" tidak berisi data. Yang diharapkan: baris '
         "judul di baris 1 dan data mulai baris 2. Saran: isi tabel ini."),
    Case("berkas_csv_nol_byte", put(f"{DATA}/program.csv", b""),
         '- data/2020/program.csv: tabel "program" tidak berisi data. Yang diharapkan: baris '
         "judul di baris 1 dan data mulai baris 2. Saran: isi tabel ini."),
    Case("csv_berisi_gambar", put(f"{DATA}/program.csv", png()),
         '- data/2020/program.csv, baris 1, kolom "kode": kolom wajib ini tidak ada di baris '
         "judul. Yang diharapkan: judul kolom di baris 1: kode, nama. Saran: tambahkan kolom "
         "ini atau perbaiki ejaan judulnya."),
    Case("kutip_tidak_ditutup",
         put(f"{DATA}/program.csv", 'kode,nama\n01,"Program A\n02,Program B\n'),
         '- data/2020/program.csv, baris 2: tanda kutip (") yang dibuka di baris ini tidak '
         "ditutup dengan benar, sehingga sisa file tidak bisa dibaca. Yang diharapkan: setiap "
         'sel yang diawali " diakhiri " juga; " di dalam sel ditulis dua kali (""). Saran: '
         "tutup tanda kutipnya, atau buka file di Excel lalu simpan ulang sebagai CSV."),
    Case("koma_desimal_tanpa_kutip",
         put(f"{DATA}/program.csv", 'kode,nama\n01,Program A\n02,Program B,5,2%\n'),
         "- data/2020/program.csv, baris 3: baris ini berisi 4 sel, sedangkan judul kolomnya 2; "
         "nilai-nilainya akan bergeser ke kolom yang salah. Yang diharapkan: sel yang sama "
         "banyaknya dengan judul kolom, dipisah koma. Saran: angka berkoma seperti 5,2% harus "
         'diberi tanda kutip ("5,2%") bila pemisahnya koma; atau buka file di Excel lalu simpan '
         "ulang sebagai CSV."),
    Case("sel_terlalu_panjang",
         put(f"{DATA}/program.csv", 'kode,nama\n01,"' + "x" * 200_000 + '"\n'),
         "- data/2020/program.csv, baris 2: sebuah sel di baris ini (atau yang dimulai di baris "
         "ini) lebih dari 131.072 karakter; biasanya karena tanda kutip yang tidak ditutup. "
         "Saran: periksa tanda kutip di baris ini; teks yang panjang sekali sebaiknya ditulis "
         "di bab Markdown."),
    Case("csv_tab_kode_ganda",
         put(f"{DATA}/program.csv", "kode\tnama\n01\tProgram A\n01\tProgram B\n"),
         '- data/2020/program.csv, baris 3, kolom "kode": kode "01" sudah ada di baris 2. Yang '
         "diharapkan: nilai yang unik di setiap baris. Saran: hapus baris ganda atau perbaiki "
         "salah satunya."),
    Case("csv_titik_koma_uang_berisi_teks",
         both(separator("belanja.csv", ";"),
              data("belanja.csv", ";12.285.197.779;", ";dua belas miliar;")),
         '- data/2020/belanja.csv, baris 2, kolom "apbd": nilai "dua belas miliar" bukan angka. '
         "Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: hapus huruf dan satuan dari "
         "sel ini."),
    Case("csv_tidak_bisa_dibaca", unreadable("program.csv"),
         "- data/2020/program.csv: file tidak bisa dibaca: file ini sedang dikunci program lain "
         "atau tidak boleh dibaca. Saran: tutup file ini bila sedang dibuka di Excel atau "
         "program lain (juga OneDrive yang sedang menyinkronkan), periksa izin foldernya, lalu "
         "jalankan lagi."),
    Case("excel_dikunci", both(sheet("program", PROGRAM), unreadable("lkjip.xlsx")),
         "- data/2020/lkjip.xlsx: file tidak bisa dibaca: file ini sedang dikunci program lain "
         "atau tidak boleh dibaca. Saran: tutup file ini bila sedang dibuka di Excel atau "
         "program lain (juga OneDrive yang sedang menyinkronkan), periksa izin foldernya, lalu "
         "jalankan lagi."),
    Case("csv_dan_sheet", sheet("program", PROGRAM, keep_csv=True),
         '- data/2020: tabel "program" ada lebih dari sekali: data/2020/lkjip.xlsx, sheet '
         '"program"; data/2020/program.csv. Yang diharapkan: satu sumber saja untuk setiap '
         "tabel. Saran: hapus atau ganti nama salah satunya."),
    Case("sheet_di_dua_workbook",
         both(sheet("program", PROGRAM, "a.xlsx"),
              sheet("program", PROGRAM, "b.xlsx", keep_csv=True)),
         '- data/2020: tabel "program" ada lebih dari sekali: data/2020/a.xlsx, sheet '
         '"program"; data/2020/b.xlsx, sheet "program". Yang diharapkan: satu sumber saja untuk '
         "setiap tabel. Saran: hapus atau ganti nama salah satunya."),
    # --- data: Excel
    Case("excel_galat_na", sheet("program", PROGRAM, change=error_value),
         '- data/2020/lkjip.xlsx, sheet "program", baris 3, kolom "nama": sel ini berisi galat '
         "Excel #N/A (nilai tidak tersedia (biasanya VLOOKUP/XLOOKUP yang tidak menemukan "
         "data)), bukan nilai. Saran: perbaiki rumus di sel ini di Excel (atau ketik nilainya "
         "langsung), lalu simpan."),
    Case("excel_rumus_belum_dihitung",
         sheet("program", [*PROGRAM[:2], ["02", '=CONCAT("Program ","B")']]),
         '- data/2020/lkjip.xlsx, sheet "program", baris 3, kolom "nama": sel ini berisi rumus '
         '=CONCAT("Program ","B") yang belum pernah dihitung (file tidak disimpan oleh Excel), '
         "sehingga nilainya tidak ada. Saran: buka file ini di Excel atau LibreOffice, tekan "
         "Ctrl+Alt+F9, lalu simpan."),
    Case("excel_sel_gabungan",
         sheet("program", [*PROGRAM[:2], ["02", None]],
               change=lambda ws: ws.merge_cells("B2:B3")),
         '- data/2020/lkjip.xlsx, sheet "program", baris 3, kolom "nama": sel ini bagian dari '
         "sel gabungan B2:B3; hanya sel pertamanya yang berisi nilai. Saran: pisahkan "
         'gabungannya (Beranda > "Gabungkan & Tengahkan" > "Pisahkan Sel") dan isi setiap '
         "baris; kolom isi-ke-bawah boleh dikosongkan."),
    Case("excel_kode_ganda", sheet("program", [*PROGRAM[:2], ["01", "Program B"]]),
         '- data/2020/lkjip.xlsx, sheet "program", baris 3, kolom "kode": kode "01" sudah ada '
         "di baris 2. Yang diharapkan: nilai yang unik di setiap baris. Saran: hapus baris "
         "ganda atau perbaiki salah satunya."),
    Case("excel_lama_xls", put(f"{DATA}/lama.xls", CFB + b"\0" * 504),
         "- data/2020/lama.xls: file ini memakai format Excel lama (.xls), yang tidak dibaca. "
         'Yang diharapkan: file .xlsx. Saran: buka di Excel lalu "Simpan Sebagai" > "Buku Kerja '
         'Excel (*.xlsx)", dan hapus file .xls ini.'),
    Case("excel_berkata_sandi", put(f"{DATA}/lkjip.xlsx", CFB + b"\0" * 504),
         "- data/2020/lkjip.xlsx: file Excel ini dilindungi kata sandi (terenkripsi), sehingga "
         "tidak bisa dibaca. Yang diharapkan: file .xlsx tanpa kata sandi. Saran: buka di "
         "Excel, File > Info > Protect Workbook > Encrypt with Password, kosongkan kata "
         "sandinya, lalu simpan."),
    Case("excel_rusak", put(f"{DATA}/lkjip.xlsx", b"PK\x03\x04 bukan workbook"),
         "- data/2020/lkjip.xlsx: file tidak bisa dibaca: bukan file Excel yang sah. Saran: "
         "buka di Excel lalu simpan ulang sebagai .xlsx."),
    # --- data: key/value tables
    Case("kunci_profil_hilang", drop_line(f"{DATA}/profil.csv", "kepala_nip,"),
         '- data/2020/profil.csv, kolom "kunci": kunci wajib "kepala_nip" tidak ada atau '
         'nilainya kosong. Yang diharapkan: baris dengan "kepala_nip" di kolom kunci dan isinya '
         "di kolom nilai. Saran: tambahkan atau isi baris ini."),
    Case("kunci_profil_ganda",
         data("profil.csv", "kota,Pangkalpinang\n", "kota,Pangkalpinang\nkota,Bangka\n"),
         '- data/2020/profil.csv, baris 11, kolom "kunci": kunci "kota" sudah ada di baris 10. '
         "Yang diharapkan: nilai yang unik di setiap baris. Saran: hapus baris ganda atau "
         "perbaiki salah satunya."),
    Case("belanja_tanpa_langsung", drop_line(f"{DATA}/belanja.csv", "langsung,"),
         '- data/2020/belanja.csv, kolom "jenis": baris belanja "langsung" tidak ada. Yang '
         'diharapkan: satu baris dengan "langsung" di kolom jenis. Saran: tambahkan baris ini '
         "(angka yang belum ada boleh dikosongkan)."),
    # --- data: references between tables
    Case("kegiatan_ke_program_tak_dikenal", data("kegiatan.csv", "\n01,01.01,", "\n07,01.01,"),
         '- data/2020/kegiatan.csv, baris 2, kolom "kode_program": kode "07" tidak ada di tabel '
         '"program" (data/2020/program.csv). Yang diharapkan: kode dari kolom "kode" tabel '
         "program: 01, 02, 03, 04, 05, 06. Saran: perbaiki kode ini atau tambahkan baris dengan "
         "kode ini di tabel program."),
    Case("efisiensi_ke_kegiatan_tak_dikenal", data("efisiensi.csv", "IKU1,16.01", "IKU1,99.99"),
         '- data/2020/efisiensi.csv, baris 2, kolom "kode_kegiatan": kode "99.99" tidak ada di '
         'tabel "kegiatan" (data/2020/kegiatan.csv). Yang diharapkan: kode dari kolom "kode" '
         "tabel kegiatan: 01.01, 01.02, 01.03, 01.04, 01.05, 02.01, 02.02, 02.05, .... Saran: "
         "perbaiki kode ini atau tambahkan baris dengan kode ini di tabel kegiatan."),
    Case("efisiensi_ke_iku_tak_dikenal", data("efisiensi.csv", "IKU1,16.01", "IKU9,16.01"),
         '- data/2020/efisiensi.csv, baris 2, kolom "kode_iku": kode "IKU9" tidak ada di tabel '
         '"iku" (data/2020/iku.csv). Yang diharapkan: kode dari kolom "kode" tabel iku: IKU1, '
         "IKU2, IKU3, IKU4, IKU5, IKU6, IKU7, IKU8. Saran: perbaiki kode ini atau tambahkan "
         "baris dengan kode ini di tabel iku."),
    Case("indikator_ke_kegiatan_tak_dikenal",
         data("indikator_kegiatan.csv", "\n01.01,", "\n09.99,"),
         '- data/2020/indikator_kegiatan.csv, baris 2, kolom "kode_kegiatan": kode "09.99" '
         'tidak ada di tabel "kegiatan" (data/2020/kegiatan.csv). Yang diharapkan: kode dari '
         'kolom "kode" tabel kegiatan: 01.01, 01.02, 01.03, 01.04, 01.05, 02.01, 02.02, 02.05, '
         ".... Saran: perbaiki kode ini atau tambahkan baris dengan kode ini di tabel kegiatan."),
    Case("unit_pegawai_tak_dikenal", data("pegawai_golongan.csv", "UPTD RPK,", "UPTD RPKK,"),
         '- data/2020/pegawai_golongan.csv, baris 4, kolom "unit": unit "UPTD RPKK" tidak ada '
         'di tabel "pegawai_jabatan" (data/2020/pegawai_jabatan.csv). Yang diharapkan: unit '
         "yang sama di tabel pegawai_jabatan, pegawai_pendidikan, pegawai_golongan. Saran: "
         "samakan penulisan nama unit di ketiga tabel pegawai."),
    # --- data: last year's folder, other commands, warnings only (--check writes nothing)
    Case("data_tahun_lalu_rusak",
         both(last_year, edit("data/2019/kegiatan.csv", "2.017.461.349", "dua juta")),
         '- data/2019/kegiatan.csv, baris 2, kolom "realisasi": nilai "dua juta" bukan angka. '
         "Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: hapus huruf dan satuan dari "
         "sel ini."),
    Case("vars_dengan_data_rusak", data("kegiatan.csv", "2.017.461.349", "dua juta"),
         '- data/2020/kegiatan.csv, baris 2, kolom "realisasi": nilai "dua juta" bukan angka. '
         "Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: hapus huruf dan satuan dari "
         "sel ini.", ["vars", "2020"]),
    Case("workbook_dengan_data_rusak", data("kegiatan.csv", "2.017.461.349", "dua juta"),
         '- data/2020/kegiatan.csv, baris 2, kolom "realisasi": nilai "dua juta" bukan angka. '
         "Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: hapus huruf dan satuan dari "
         "sel ini.", ["workbook", "2020"]),
    Case("periksa_kolom_tak_dikenal",
         data("program.csv", "kode,nama\n", "kode,nama,catatan_saya\n"),
         '- data/2020/program.csv, baris 1, kolom "catatan_saya": kolom tidak dikenal, '
         "diabaikan. Yang diharapkan: salah satu kolom: kode, nama. Saran: periksa ejaan judul "
         "kolom, atau hapus kolom ini.", CHECK, 0),
    Case("periksa_csv_ansi",
         both(data("program.csv", "Pengembangan Perdagangan", "Café"),
              recode(f"{DATA}/program.csv", "cp1252")),
         "- data/2020/program.csv: file ini bukan teks UTF-8; dibaca sebagai Windows-1252 "
         "(ANSI). Periksa huruf khusus (mis. “ ” – é) di laporan. Saran: simpan ulang dari "
         'Excel dengan "Simpan Sebagai" > "CSV UTF-8 (dipisahkan koma)".', CHECK, 0),
    # --- chapters: Jinja written wrong (kata_pengantar.md has 7 lines: the damage is at line 9)
    Case("for_tanpa_endfor", chapter("{% for k in iku %}\n- {{ k.indikator }}\n\nPenutup.\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: penulisan Jinja salah: blok {% "
         "for %} belum ditutup: tambahkan {% endfor %} setelah isi bloknya. Saran: Periksa "
         "pasangan {{ }}, {% %} dan {% endfor %}/{% endif %} pada baris itu."),
    Case("kurung_kurawal_tunggal", chapter("Tahun {{ tahun }.\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: penulisan Jinja salah: tanda '}' "
         "berlebih, atau {{ ditutup hanya dengan satu '}' (tulis }}). Saran: Periksa pasangan "
         "{{ }}, {% %} dan {% endfor %}/{% endif %} pada baris itu."),
    Case("print_tidak_ditutup", chapter("Tahun {{ tahun\n\nParagraf lain.\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: penulisan Jinja salah: {{ ... }} "
         "pada baris ini belum ditutup dengan }}, atau berisi 'Paragraf' yang tidak diharapkan. "
         "Saran: Satu {{ }} berisi satu nilai: sambung teks dengan ~, pakai filter dengan |, "
         "dan tutup dengan }}."),
    Case("perintah_tidak_dikenal", chapter("{% untuk k in iku %}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: penulisan Jinja salah: perintah "
         "{% untuk %} tidak dikenal; perintah yang bisa dipakai: if, elif, else, endif, for, "
         "endfor, set, macro. Saran: Periksa pasangan {{ }}, {% %} dan {% endfor %}/{% endif %} "
         "pada baris itu."),
    Case("penutup_salah", chapter("{% if tahun %}\nTeks.\n{% endfor %}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 11: penulisan Jinja salah: {% "
         "endfor %} tidak cocok: blok {% if %} di baris 9 belum ditutup dengan {% endif %}. "
         "Saran: Periksa pasangan {{ }}, {% %} dan {% endfor %}/{% endif %} pada baris itu."),
    Case("filter_tidak_dikenal", chapter("{{ tahun | angkaa }}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: penulisan Jinja salah: filter "
         '"angkaa" tidak dikenal. Filter yang tersedia: angka, rupiah, persen, nilai, '
         "terbilang, kata, tanggal, bulan_tahun, romawi, mutlak, nilai_satuan, arah_perubahan, "
         "status_capaian, efisiensi_kata, persen_kalimat, dan filter bawaan Jinja seperti "
         "upper, round, join. Saran: Periksa pasangan {{ }}, {% %} dan {% endfor %}/{% endif %} "
         "pada baris itu."),
    # --- chapters: names, tables and charts
    Case("nama_tidak_dikenal", chapter("{{ tahunn }}\n"),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: nama "tahunn" tidak dikenal. '
         "Saran: Jalankan `uv run build.py vars 2020` untuk melihat semua nama yang tersedia, "
         "dan periksa ejaannya."),
    Case("nama_di_dalam_nilai_tidak_ada", chapter("{{ profil.nama_lengkp }}\n"),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: nama "nama_lengkp" tidak ada di '
         "dalam nilai ini (kumpulan data). Saran: Jalankan `uv run build.py vars 2020` untuk "
         "melihat semua nama yang tersedia, dan periksa ejaannya."),
    Case("tabel_tidak_dikenal", chapter('{{ tabel("capaian_ikuu") }}\n'),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: tabel "capaian_ikuu" tidak '
         "dikenal. Saran: Periksa ejaan nama tabel; `uv run build.py vars 2020` menampilkan "
         "semua nama tabel dan grafik."),
    Case("tabel_argumen_salah", chapter('{{ tabel("capaian_iku", warna="merah") }}\n'),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: Argumen untuk tabel "
         "\"capaian_iku\" tidak sesuai (diberikan: warna='merah'). Yang diharapkan: tanpa "
         "argumen."),
    Case("grafik_tidak_dikenal", chapter('{{ grafik("capaian") }}\n'),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: grafik "capaian" tidak dikenal. '
         "Saran: Periksa ejaan nama grafik; `uv run build.py vars 2020` menampilkan semua nama "
         "tabel dan grafik."),
    Case("nama_di_akhir_bab_3", chapter("{{ anggaran.belanja.langsng }}\n", "bab_3"),
         f'Kesalahan: chapters/2020/bab_3.md, baris {BAB_3_END}: nama "langsng" tidak ada di dalam '
         "nilai ini (kumpulan data). Saran: Jalankan `uv run build.py vars 2020` untuk melihat semua "
         "nama yang tersedia, dan periksa ejaannya."),
    # --- chapters: expressions that fail, and the budget
    Case("teks_ditambah_angka", chapter("{{ tahun + ' tahun' }}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: nilai pada baris ini tidak cocok "
         "dengan perintahnya (mis. teks dipakai sebagai angka). Saran: Periksa nilai-nilai di "
         "baris ini; `uv run build.py vars 2020` menampilkan setiap nama dan nilainya."),
    Case("bagi_nol", chapter("Rasio {{ tahun / (tahun - tahun) }}.\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: pembagian dengan nol. Saran: "
         "Periksa pembaginya; bila nilainya bisa nol atau kosong, apit dengan {% if pembagi %} "
         "... {% endif %}."),
    Case("filter_angka_diberi_teks", chapter("Nilai {{ 'seratus' | angka }}.\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: nilai pada baris ini tidak dapat "
         "diolah (mis. teks yang bukan angka diberikan ke filter angka, atau tanggal yang tidak "
         "ada). Saran: Periksa nilai yang diberikan ke filter di baris ini; `uv run build.py "
         "vars 2020` menampilkan setiap nama dan nilainya."),
    Case("perintah_terlarang", chapter("{{ ''.__class__.__mro__ }}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: perintah ini tidak diizinkan di "
         "dalam bab (bab hanya boleh memakai nama data, filter dan perulangan)."),
    Case("range_terlalu_besar", chapter("{% for i in range(1000000) %}x{% endfor %}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: range(...) terlalu besar: satu "
         "range paling banyak 100.000 langkah. Saran: Perkecil angka di dalam range(...)."),
    Case("pangkat_raksasa", chapter("{{ 9 ** 999999 }}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: hasil pangkat 9 ** 999999 "
         "terlalu besar untuk dihitung. Saran: Perkecil pangkatnya."),
    Case("keluaran_terlalu_besar", chapter("{{ 'x' * 6000000 }}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: bab ini menghasilkan lebih dari "
         "5.000.000 karakter teks dan dihentikan. Saran: Periksa perulangan dan pengulangan "
         "teks (mis. 'abc' * 1000000) pada baris ini."),
    Case("perulangan_bersarang",
         chapter("{% for i in range(100000) %}{% for j in range(100000) %}x"
                 "{% endfor %}{% endfor %}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: perulangan di bab ini melewati "
         "batas 1.000.000 langkah dan dihentikan. Saran: Periksa perulangan {% for %} pada "
         "baris ini, terutama perulangan di dalam perulangan; bab biasanya hanya mengulang data "
         "(mis. {% for i in iku %})."),
    Case("makro_memanggil_dirinya",
         chapter("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}\n"),
         "Kesalahan: chapters/2020/kata_pengantar.md, baris 9: makro atau perulangan memanggil "
         "dirinya sendiri tanpa henti. Saran: Periksa makro {% macro %} yang memanggil dirinya "
         "sendiri dan beri batas berhentinya."),
    # --- chapters: files
    Case("folder_sebagai_bab", folder(f"{CHAPTERS}/bab_2.md"),
         "Kesalahan: chapters/2020/bab_2.md: ini sebuah folder, bukan berkas bab. Saran: "
         "Pindahkan atau ganti nama folder itu, lalu letakkan berkas bab bab_2.md di tempatnya."),
    Case("dokumen_word_sebagai_bab",
         put(f"{CHAPTERS}/bab_3.md", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4),
         "Kesalahan: chapters/2020/bab_3.md: berkas ini bukan teks (mungkin dokumen Word atau "
         "gambar yang diberi nama .md). Saran: Bab ditulis sebagai teks biasa (Markdown); buka "
         "dengan Notepad atau VS Code lalu simpan ulang sebagai UTF-8 (Notepad: File > Save As, "
         "Encoding: UTF-8; VS Code: klik nama pengodean di pojok kanan bawah, Save with "
         "Encoding > UTF-8)."),
    Case("bab_tidak_bisa_dibaca", unreadable("bab_2.md"),
         "Kesalahan: chapters/2020/bab_2.md: berkas bab tidak dapat dibaca. Saran: Tutup "
         "program lain yang membuka berkas ini dan periksa izin foldernya."),
    Case("periksa_bab_hilang", put(f"{CHAPTERS}/bab_1.md", None),
         "- chapters/2020/bab_1.md: berkas bab tidak ada; laporan disusun tanpa BAB I "
         "Pendahuluan. Saran: Buat berkas ini (salin dari tahun sebelumnya) atau kembalikan "
         "bila terhapus.", CHECK, 0),
    # --- pictures
    Case("gambar_tidak_ada", chapter("![Bagan uji](bagan.png)\n"),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: berkas gambar "bagan.png" tidak '
         "ditemukan. Saran: Letakkan berkasnya di folder chapters/2020/ (alamat gambar dihitung "
         "dari folder bab ini)."),
    Case("gambar_spasi_tidak_ada", chapter("![Foto](gambar/Tidak Ada.jpg)\n"),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: berkas gambar "gambar/Tidak '
         'Ada.jpg" tidak ditemukan. Saran: Letakkan berkasnya di folder chapters/2020/ (alamat '
         "gambar dihitung dari folder bab ini)."),
    Case("gambar_garis_miring_terbalik", chapter("![Foto Kegiatan](gambar\\foto kegiatan.png)\n"),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: berkas gambar "gambar/foto '
         'kegiatan.png" tidak ditemukan. Saran: Letakkan berkasnya di folder chapters/2020/ '
         "(alamat gambar dihitung dari folder bab ini)."),
    Case("gambar_berupa_folder",
         both(folder(f"{CHAPTERS}/bagan.png"), chapter("![Bagan uji](bagan.png)\n")),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: berkas gambar "bagan.png" tidak '
         "ditemukan. Saran: Letakkan berkasnya di folder chapters/2020/ (alamat gambar dihitung "
         "dari folder bab ini)."),
    Case("gambar_bukan_gambar", picture("bagan.png", b"ini teks biasa, bukan gambar\n"),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: berkas "bagan.png" bukan gambar '
         "(isinya tidak dikenali sebagai PNG, JPEG atau format gambar lain). Saran: buka berkas "
         "itu di penampil gambar dan simpan ulang sebagai PNG atau JPEG."),
    Case("gambar_terpotong", picture("potong.png", png((600, 600))[:300]),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: berkas gambar "potong.png" rusak '
         "atau terpotong, sehingga tidak dapat dibaca sampai akhir. Saran: salin ulang berkas "
         "itu dari sumbernya atau simpan ulang sebagai PNG."),
    Case("gambar_svg", picture("bagan.svg", SVG),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: berkas gambar "bagan.svg" '
         "berformat SVG, yang tidak dapat dimasukkan ke dokumen Word oleh lkjip. Saran: ubah "
         "gambar itu menjadi PNG (mis. di Inkscape: Export PNG Image), lalu pakai berkas .png "
         "itu."),
    Case("gambar_tidak_bisa_dibaca", both(picture("bagan.png", png()), unreadable("bagan.png")),
         'Kesalahan: chapters/2020/kata_pengantar.md, baris 9: berkas gambar "bagan.png" tidak '
         "dapat dibaca. Saran: periksa bahwa berkas itu ada, boleh dibaca, dan tidak sedang "
         "dikunci program lain."),
    Case("logo_tidak_ada", logo("logo.png", None),
         "Kesalahan: Berkas logo data/2020/logo.png (kolom logo pada tabel profil) tidak "
         "ditemukan. Saran: letakkan gambar logo di folder itu atau kosongkan kolom logo."),
    Case("logo_bukan_gambar", logo("logo.png", b"bukan gambar"),
         "Kesalahan: Berkas logo data/2020/logo.png (kolom logo pada tabel profil): berkas "
         '"logo.png" bukan gambar (isinya tidak dikenali sebagai PNG, JPEG atau format gambar '
         "lain). Saran: buka berkas itu di penampil gambar dan simpan ulang sebagai PNG atau "
         "JPEG."),
    Case("logo_svg", logo("logo.svg", SVG),
         "Kesalahan: Berkas logo data/2020/logo.svg (kolom logo pada tabel profil): berkas "
         'gambar "logo.svg" berformat SVG, yang tidak dapat dimasukkan ke dokumen Word oleh '
         "lkjip. Saran: ubah gambar itu menjadi PNG (mis. di Inkscape: Export PNG Image), lalu "
         "pakai berkas .png itu."),
    # --- environment: the project and its template
    Case("tahun_tanpa_data", nothing,
         "- data/2021: folder data tidak ditemukan. Yang diharapkan: folder berisi file CSV "
         "atau Excel, satu tabel per file atau per sheet. Saran: buat folder data/2021 lalu isi "
         "tabelnya (lihat docs/data.md).", ["2021", "--fast"]),
    Case("folder_data_hilang", put("data", None),
         "- data/2020: folder data tidak ditemukan. Yang diharapkan: folder berisi file CSV "
         "atau Excel, satu tabel per file atau per sheet. Saran: buat folder data/2020 lalu isi "
         "tabelnya (lihat docs/data.md)."),
    Case("data_tahun_berupa_berkas", put(DATA, "bukan folder"),
         "- data/2020: folder data tidak ditemukan. Yang diharapkan: folder berisi file CSV "
         "atau Excel, satu tabel per file atau per sheet. Saran: buat folder data/2020 lalu isi "
         "tabelnya (lihat docs/data.md)."),
    Case("proyek_tidak_ada", nothing,
         'Kesalahan: folder proyek "tidak-ada" tidak ditemukan. Saran: periksa ejaan foldernya, '
         "atau jalankan dari folder proyek tanpa --proyek.",
         ["2020", "--fast", "--proyek", "tidak-ada"]),
    Case("templat_bukan_docx", put("templates/lkjip.docx", b"bukan dokumen Word"),
         "Kesalahan: Templat templates/lkjip.docx bukan berkas Word (.docx) yang valid. Saran: "
         "simpan ulang dari Word sebagai .docx."),
    Case("templat_nama_tidak_dikenal", template_with("{{ tahunn }}"),
         'Kesalahan: Templat templates/lkjip.docx: nama "tahunn" tidak dikenal. Saran: periksa '
         "ejaan tag {{ ... }} di templat; daftar nama yang tersedia: uv run build.py vars "
         "<tahun>."),
    Case("templat_tag_salah", template_with("{% if tahun %}tanpa penutup"),
         "Kesalahan: Templat templates/lkjip.docx memiliki tag yang salah tulis: blok {% if %} "
         "belum ditutup: tambahkan {% endif %} setelah isi bloknya. Saran: setiap tag harus "
         "berbentuk {{ nama }} atau {%p ... %}."),
    Case("templat_bagi_nol", template_with("{{ tahun / 0 }}"),
         "Kesalahan: Templat templates/lkjip.docx: pembagian dengan nol. Saran: periksa tag {{ "
         "... }} di templat yang menghitung nilai ini."),
    # --- environment: writing the report (the PDF cases with a stand-in LibreOffice)
    Case("output_berupa_berkas", put("output", b"bukan folder"),
         "Kesalahan: output adalah sebuah berkas, bukan folder, padahal laporan ditulis ke "
         "folder output/. Saran: ganti nama atau pindahkan berkas output, lalu jalankan lagi. "
         "Berkas yang lama tidak diubah."),
    Case("docx_hanya_baca", read_only(f"output/{DOCX}"),
         "Kesalahan: output/LKjIP_2020.docx bersifat hanya-baca (read-only). Saran: hilangkan "
         "centang Read-only pada Properties berkas itu, atau hapus berkasnya, lalu jalankan "
         "lagi. Berkas yang lama tidak diubah."),
    Case("docx_dibuka_di_word", open_elsewhere(DOCX),
         "Kesalahan: Tidak dapat menulis output/LKjIP_2020.docx: tidak ada izin menulis; berkas "
         "itu mungkin sedang dibuka di Word, LibreOffice, atau pembaca PDF. Saran: tutup berkas "
         "itu, lalu jalankan lagi. Berkas yang lama tidak diubah."),
    Case("disk_penuh", disk_full,
         "Kesalahan: Tidak dapat menulis output/LKjIP_2020.docx: disk penuh. Saran: pastikan "
         "folder output/ boleh ditulis dan disk tidak penuh. Berkas yang lama tidak diubah."),
    Case("pdf_berupa_folder", both(fake_libreoffice, folder(f"output/{PDF}")),
         "Kesalahan: output/LKjIP_2020.pdf adalah sebuah folder, bukan berkas. Saran: hapus "
         "atau ganti nama folder itu, lalu jalankan lagi. Berkas yang lama tidak diubah.",
         PDF_ARGS),
    Case("pdf_hanya_baca", both(fake_libreoffice, read_only(f"output/{PDF}")),
         "Kesalahan: output/LKjIP_2020.pdf bersifat hanya-baca (read-only). Saran: hilangkan "
         "centang Read-only pada Properties berkas itu, atau hapus berkasnya, lalu jalankan "
         "lagi. Berkas yang lama tidak diubah.", PDF_ARGS),
    # --- the command line: exit code 2
    Case("perintah_salah_ketik", nothing,
         'Kesalahan: Perintah "abc" tidak dikenal. Perintah yang ada: baru, buat, init, panel, '
         "semua, vars, workbook. Untuk membuat laporan cukup tulis tahunnya, mis. build.py 2020",
         ["abc"], 2),
    Case("tahun_di_luar_rentang", nothing,
         'Kesalahan: TAHUN harus berupa tahun antara 1990 dan 2100; yang ditulis: "1800". '
         "Contoh: build.py 2020", ["1800"], 2),
    Case("tahun_bukan_angka", nothing,
         'Kesalahan: TAHUN harus berupa tahun antara 1990 dan 2100; yang ditulis: "abc". '
         "Contoh: build.py 2020", ["vars", "abc"], 2),
    Case("tahun_belum_ditulis", nothing,
         "Kesalahan: TAHUN belum ditulis. Contoh: build.py vars 2020", ["vars"], 2),
    Case("opsi_salah_ketik", nothing,
         'Kesalahan: Opsi "--fsat" tidak dikenal. Mungkin maksudnya: --fast?',
         ["2020", "--fsat"], 2),
    Case("opsi_tanpa_nilai", nothing,
         'Kesalahan: Opsi "--proyek" memerlukan sebuah nilai.', ["2020", "--proyek"], 2),
    Case("kata_berlebih", nothing,
         "Kesalahan: Ada kata berlebih yang tidak dikenal: lagi", ["vars", "2020", "lagi"], 2),
]


# --------------------------------------------------------------------------- running a case


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(path: Path) -> dict[str, str]:
    """Every file at or under ``path``: relative name -> sha256 (folders as "folder")."""
    if path.is_file():
        return {path.name: sha256(path)}
    found = {}
    for item in sorted(path.rglob("*")) if path.is_dir() else []:
        found[item.relative_to(path).as_posix()] = "folder" if item.is_dir() else sha256(item)
    return found


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The 2020 example built once (with its PDF when LibreOffice is installed, else with a
    stand-in earlier PDF); the sha256 of its .docx and PDF."""
    root = tmp_path_factory.mktemp("baik") / "proyek"
    for part in (DATA, CHAPTERS):
        shutil.copytree(REPO / part, root / part)
    with_pdf = libreoffice.libreoffice_available()
    args = ["2020", "--proyek", str(root), "--pdf" if with_pdf else "--fast"]
    result = CliRunner().invoke(main, args, prog_name="build.py")
    assert result.exit_code == 0, result.output
    if not with_pdf:
        (root / "output" / PDF).write_bytes(b"%PDF-1.4 laporan yang lama")
    return root, {name: sha256(root / "output" / name) for name in (DOCX, PDF)}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, good_project, tmp_path, monkeypatch, capsys):
    source, earlier = good_project
    root = tmp_path / "proyek"
    shutil.copytree(source, root)
    monkeypatch.chdir(root)
    # Charts in a second process: a failed build waits up to half a second for it to end.
    # They are not what these cases are about; without it the charts are drawn in-process.
    monkeypatch.setattr(chartworker, "start", lambda: None)
    case.damage(root, monkeypatch)
    before = snapshot(root / "output")

    with pytest.raises(SystemExit) as exit_:
        run(main, case.args, prog_name="build.py")
    monkeypatch.undo()  # the simulated failures end with the run
    out, err = capsys.readouterr()
    output = out + err

    assert exit_.value.code == case.code, output
    for word in ENGLISH:
        assert word not in output, word
    assert case.message in output.splitlines(), output
    assert snapshot(root / "output") == before  # nothing replaced, nothing left behind
    for name, digest in earlier.items():  # the earlier report (unless the case replaced it)
        if (root / "output" / name).is_file():
            assert sha256(root / "output" / name) == digest, name
