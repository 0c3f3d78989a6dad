"""The Indonesian messages about files as office PCs have them: encrypted or old workbooks,
Excel's error values and formulas never calculated, CSV encodings, quotes and widths, locked
files. Cell and table messages are in :mod:`lkjip.inputs.messages`."""

from __future__ import annotations

from ..errors import Issue, Location
from .messages import _issue


def msg_encrypted(loc: Location) -> Issue:
    return _issue(
        loc,
        "file Excel ini dilindungi kata sandi (terenkripsi), sehingga tidak bisa dibaca.",
        "file .xlsx tanpa kata sandi",
        'buka di Excel, File > Info > Protect Workbook > Encrypt with Password, kosongkan kata '
        "sandinya, lalu simpan.",
    )


def msg_old_xls(loc: Location) -> Issue:
    return _issue(
        loc,
        "file ini memakai format Excel lama (.xls), yang tidak dibaca.",
        "file .xlsx",
        'buka di Excel lalu "Simpan Sebagai" > "Buku Kerja Excel (*.xlsx)", dan hapus file .xls ini.',
    )


EXCEL_ERRORS = {
    "#DIV/0!": "pembagian dengan nol",
    "#N/A": "nilai tidak tersedia (biasanya VLOOKUP/XLOOKUP yang tidak menemukan data)",
    "#REF!": "rujukan ke sel yang sudah dihapus",
    "#VALUE!": "jenis nilai yang salah di dalam rumus",
    "#NAME?": "nama fungsi atau nama range yang tidak dikenal",
    "#NULL!": "perpotongan range yang kosong",
    "#NUM!": "angka yang tidak sah di dalam rumus",
}


def msg_excel_error(loc: Location, code: str) -> Issue:
    return _issue(
        loc,
        f"sel ini berisi galat Excel {code} ({EXCEL_ERRORS[code]}), bukan nilai.",
        None,
        "perbaiki rumus di sel ini di Excel (atau ketik nilainya langsung), lalu simpan.",
    )


def msg_uncalculated(loc: Location, formula: str) -> Issue:
    return _issue(
        loc,
        f"sel ini berisi rumus {formula} yang belum pernah dihitung (file tidak disimpan oleh Excel), "
        "sehingga nilainya tidak ada.",
        None,
        "buka file ini di Excel atau LibreOffice, tekan Ctrl+Alt+F9, lalu simpan.",
    )


def msg_merged(loc: Location, ref: str) -> Issue:
    return _issue(
        loc,
        f"sel ini bagian dari sel gabungan {ref}; hanya sel pertamanya yang berisi nilai.",
        None,
        'pisahkan gabungannya (Beranda > "Gabungkan & Tengahkan" > "Pisahkan Sel") dan isi '
        "setiap baris; kolom isi-ke-bawah boleh dikosongkan.",
    )


def msg_cp1252(loc: Location) -> Issue:
    return _issue(
        loc,
        "file ini bukan teks UTF-8; dibaca sebagai Windows-1252 (ANSI). Periksa huruf khusus "
        "(mis. “ ” – é) di laporan.",
        None,
        'simpan ulang dari Excel dengan "Simpan Sebagai" > "CSV UTF-8 (dipisahkan koma)".',
        level="warning",
    )


def msg_unclosed_quote(loc: Location) -> Issue:
    return _issue(
        loc,
        'tanda kutip (") yang dibuka di baris ini tidak ditutup dengan benar, sehingga sisa file '
        "tidak bisa dibaca.",
        'setiap sel yang diawali " diakhiri " juga; " di dalam sel ditulis dua kali ("")',
        'tutup tanda kutipnya, atau buka file di Excel lalu simpan ulang sebagai CSV.',
    )


def msg_row_too_long(loc: Location, found: int, expected: int, sep: str) -> Issue:
    shown = {",": "koma", ";": "titik koma", "\t": "tab"}.get(sep, sep)
    return _issue(
        loc,
        f"baris ini berisi {found} sel, sedangkan judul kolomnya {expected}; nilai-nilainya "
        "akan bergeser ke kolom yang salah.",
        f"sel yang sama banyaknya dengan judul kolom, dipisah {shown}",
        'angka berkoma seperti 5,2% harus diberi tanda kutip ("5,2%") bila pemisahnya koma; '
        "atau buka file di Excel lalu simpan ulang sebagai CSV.",
    )


def msg_field_too_long(loc: Location, limit: int) -> Issue:
    return _issue(
        loc,
        f"sebuah sel di baris ini (atau yang dimulai di baris ini) lebih dari {limit:,} karakter"
        .replace(",", ".") + "; biasanya karena tanda kutip yang tidak ditutup.",
        None,
        "periksa tanda kutip di baris ini; teks yang panjang sekali sebaiknya ditulis di bab Markdown.",
    )
