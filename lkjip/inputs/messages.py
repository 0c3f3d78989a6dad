"""Every user-facing sentence of ``lkjip.inputs``, in Bahasa Indonesia, in one place.

Each ``msg_*`` function returns one :class:`~lkjip.errors.Issue` (an error unless it says
"warning"): what was found, what was expected (``EXPECTED`` per column type), and a hint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Issue, Location
from .dates import DATE_EXPECTED
from .notation import NotationError
from .schema import PEGAWAI_TABLES, Column, TableSchema

if TYPE_CHECKING:
    from .dataset import Table

EXPECTED = {
    "int": "bilangan bulat ≥ 0, mis. 12",
    "number": "angka, mis. 1.234,5",
    "money": "angka rupiah, mis. 1.234.567,89",
    "value": "angka (mis. 1.234,5, 57%, <11, 2–3) atau teks",
    "date": DATE_EXPECTED,
    "numbers": "angka-angka dipisah titik koma, mis. 9;45",
    "text": "teks",
    "code": "kode, mis. 01 atau 16.01",
}


def _issue(loc, message, expected=None, hint=None, level="error") -> Issue:
    return Issue(message, loc, expected, hint, level)


def msg_missing_folder(rel: str) -> Issue:
    return _issue(
        Location(rel),
        "folder data tidak ditemukan.",
        "folder berisi file CSV atau Excel, satu tabel per file atau per sheet",
        f"buat folder {rel} lalu isi tabelnya (lihat docs/data.md).",
    )


def msg_missing_table(rel: str, schema: TableSchema) -> Issue:
    return _issue(
        Location(rel),
        f'tabel "{schema.name}" tidak ditemukan.',
        f'file {rel}/{schema.name}.csv atau sheet "{schema.name}" di file Excel dalam {rel}',
        "buat tabel ini dengan judul kolom: " + ", ".join(schema.column_names) + ".",
    )


def msg_optional_absent(rel: str, schema: TableSchema) -> Issue:
    return _issue(
        Location(rel),
        f'tabel opsional "{schema.name}" tidak ada di {rel}/; bagian {schema.left_out} tidak dimuat.',
        hint=f'bila memang tidak ada, buat tabel "{schema.name}" berisi baris judul saja ('
        + ", ".join(schema.column_names) + "); peringatan ini tidak muncul lagi.",
        level="warning",
    )


def msg_twice(rel: str, name: str, places: list[Location]) -> Issue:
    return _issue(
        Location(rel),
        f'tabel "{name}" ada lebih dari sekali: ' + "; ".join(map(str, places)) + ".",
        "satu sumber saja untuk setiap tabel",
        "hapus atau ganti nama salah satunya.",
    )


def msg_unreadable(loc: Location, why: str, hint: str) -> Issue:
    return _issue(loc, f"file tidak bisa dibaca: {why}.", None, hint)


def msg_locked(loc: Location) -> Issue:
    """A data file that is there but cannot be opened (open in Excel on Windows, OneDrive,
    no permission); the system's own reason is English and not shown."""
    return msg_unreadable(
        loc,
        "file ini sedang dikunci program lain atau tidak boleh dibaca",
        "tutup file ini bila sedang dibuka di Excel atau program lain (juga OneDrive yang sedang "
        "menyinkronkan), periksa izin foldernya, lalu jalankan lagi.",
    )


def msg_missing_column(loc: Location, schema: TableSchema) -> Issue:
    return _issue(
        loc,
        "kolom wajib ini tidak ada di baris judul.",
        "judul kolom di baris 1: " + ", ".join(schema.column_names),
        "tambahkan kolom ini atau perbaiki ejaan judulnya.",
    )


def msg_header_lower(loc: Location, row: int) -> Issue:
    above = "baris 1" if row == 2 else f"baris 1–{row - 1}"
    return _issue(
        loc,
        f"judul kolom ada di baris {row}, bukan di baris 1; {above} di atasnya (judul tabel) "
        "membuat kolom-kolomnya tidak dikenali.",
        "judul kolom di baris 1 dan data mulai baris 2",
        f"hapus {above} di atas judul kolom (judul tabel cukup ditulis di bab).",
    )


def msg_unknown_column(loc: Location, schema: TableSchema) -> Issue:
    return _issue(
        loc,
        "kolom tidak dikenal, diabaikan.",
        "salah satu kolom: " + ", ".join(schema.column_names),
        "periksa ejaan judul kolom, atau hapus kolom ini.",
        level="warning",
    )


def msg_duplicate_column(loc: Location) -> Issue:
    return _issue(loc, "judul kolom ini muncul dua kali.", None, "hapus salah satu kolom.")


def msg_empty_table(loc: Location, name: str) -> Issue:
    return _issue(
        loc,
        f'tabel "{name}" tidak berisi data.',
        "baris judul di baris 1 dan data mulai baris 2",
        "isi tabel ini.",
    )


def _expected(column: Column) -> str | None:
    if column.type == "enum":
        return "salah satu dari: " + ", ".join(column.choices)
    return None if column.type == "text" else EXPECTED.get(column.type)


def msg_empty_cell(loc: Location, column: Column) -> Issue:
    return _issue(loc, "sel wajib ini kosong.", _expected(column), "isi sel ini.")


def msg_totals_row(loc: Location, label: str) -> Issue:
    return _issue(
        loc,
        f'baris ini tampaknya baris jumlah ("{label}"); jumlah, total dan rata-rata dihitung '
        "oleh lkjip.",
        hint="hapus baris ini.",
    )


def msg_fill_down_first(loc: Location, new_group: str | None = None) -> Issue:
    if new_group:
        return _issue(
            loc,
            f'sel kosong di baris pertama kelompok baru (kolom "{new_group}" berganti).',
            "nilai di baris pertama setiap kelompok; baris berikutnya boleh kosong "
            "untuk mengulang nilai di atasnya",
            "isi sel ini.",
        )
    return _issue(
        loc,
        "sel kosong di baris data pertama.",
        "nilai di baris data pertama; baris berikutnya boleh kosong "
        "untuk mengulang nilai di atasnya",
        "isi sel ini.",
    )


def msg_bad_cell(loc: Location, error: NotationError, col_type: str) -> Issue:
    return _issue(loc, error.message, EXPECTED.get(col_type, error.expected), error.hint)


def msg_negative(loc: Location, raw: str, col_type: str) -> Issue:
    return _issue(
        loc,
        f'nilai "{raw}" negatif.',
        EXPECTED[col_type],
        "hapus tanda minus atau kurung; nilai ini tidak boleh kurang dari nol.",
    )


def msg_not_integer(loc: Location, raw: str) -> Issue:
    return _issue(loc, f'nilai "{raw}" bukan bilangan bulat.', EXPECTED["int"], "hapus desimalnya.")


def msg_bad_choice(loc: Location, raw: str, column: Column) -> Issue:
    return _issue(
        loc,
        f'nilai "{raw}" tidak dikenal.',
        _expected(column),
        "ketik salah satu pilihan itu persis.",
    )


def msg_excel_date(loc: Location, value) -> Issue:
    return _issue(
        loc,
        f"Excel mengubah isi sel ini menjadi tanggal ({value:%Y-%m-%d}).",
        None,
        "format sel sebagai Teks lalu ketik ulang isinya.",
    )


def msg_duplicate_key(loc: Location, values: dict, first_row: int) -> Issue:
    what = ", ".join(f'{c} "{v}"' for c, v in values.items())
    return _issue(
        loc,
        f"{what} sudah ada di baris {first_row}.",
        "nilai yang unik di setiap baris",
        "hapus baris ganda atau perbaiki salah satunya.",
    )


def msg_unknown_reference(loc: Location, value: str, target: Table, target_column: str) -> Issue:
    known = sorted({row[target_column] for row in target.rows})
    sample = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    hint = f"perbaiki kode ini atau tambahkan baris dengan kode ini di tabel {target.name}."
    same = [k for k in known if _without_leading_zeros(k) == _without_leading_zeros(value)]
    if same:  # Excel turned "01.02" into 1.02 or "01" into 1
        hint = (f'mungkin maksudnya "{same[0]}": Excel membuang angka 0 di depan. Format kolom '
                f"ini sebagai Teks (Format Cells > Text) lalu ketik ulang, atau ketik '{same[0]} "
                "(dengan tanda petik di depan).")
    return _issue(
        loc,
        f'kode "{value}" tidak ada di tabel "{target.name}" ({target.source}).',
        f'kode dari kolom "{target_column}" tabel {target.name}: {sample}',
        hint,
    )


def _without_leading_zeros(code: str) -> str:
    """"01.02" and "1.2" alike: each dot-separated part without its leading zeros."""
    return ".".join(part.lstrip("0") or "0" for part in str(code).split("."))


def msg_missing_key(loc: Location, key: str) -> Issue:
    return _issue(
        loc,
        f'kunci wajib "{key}" tidak ada atau nilainya kosong.',
        f'baris dengan "{key}" di kolom kunci dan isinya di kolom nilai',
        "tambahkan atau isi baris ini.",
    )


def msg_unknown_key(loc: Location, key: str, schema: TableSchema) -> Issue:
    return _issue(
        loc,
        f'kunci "{key}" tidak dikenal, diabaikan.',
        "salah satu kunci: " + ", ".join(k.name for k in schema.keys),
        "periksa ejaan kunci ini.",
        level="warning",
    )


def msg_pegawai_unit(loc: Location, unit: str, other: Table) -> Issue:
    return _issue(
        loc,
        f'unit "{unit}" tidak ada di tabel "{other.name}" ({other.source}).',
        "unit yang sama di tabel " + ", ".join(PEGAWAI_TABLES),
        "samakan penulisan nama unit di ketiga tabel pegawai.",
    )


# --------------------------------------------------------------------------------------------
# Measured indicators (target/realisasi): warnings, the build goes on with capaian n/a.

SCALE_HINT = (
    "tulis angka (mis. 57%, <11, 12 bulan), salah satu predikat yang dikenal (AA–D, WTP/WDP/"
    "TW/TMP, WBBM/WBK, Sangat Tinggi–Sangat Rendah), atau tambahkan skalanya di tabel skala."
)


def msg_no_value(loc: Location, raw: str) -> Issue:
    return _issue(
        loc,
        f'nilai "{raw}" berarti tidak ada nilai; ditampilkan sebagai n/a dan tidak ikut dirata-rata.',
        hint="isi angkanya bila sudah ada.",
        level="warning",
    )


def msg_unscored_text(loc: Location, raw: str) -> Issue:
    return _issue(
        loc,
        f'nilai "{raw}" bukan angka dan bukan predikat yang dikenal; capaiannya tidak dihitung (n/a).',
        hint=SCALE_HINT,
        level="warning",
    )


def msg_grade_mismatch(loc: Location, realisasi: str, target: str, scale: str) -> Issue:
    return _issue(
        loc,
        f'realisasi "{realisasi}" tidak ada pada skala target "{target}" ({scale}); '
        "capaiannya tidak dihitung (n/a).",
        hint="tulis realisasi dengan predikat dari skala yang sama dengan target.",
        level="warning",
    )


def msg_unit_differs(loc: Location, raw: str, unit: str, satuan: str) -> Issue:
    return _issue(
        loc,
        f'nilai "{raw}" bersatuan "{unit}", sedangkan satuan indikator ini "{satuan}"; '
        "angkanya tetap dipakai.",
        hint="samakan satuannya, atau hapus satuan dari sel ini.",
        level="warning",
    )


def msg_zero_target(loc: Location) -> Issue:
    return _issue(
        loc,
        "target 0: capaian tidak dapat dihitung (pembagian dengan nol); ditampilkan sebagai n/a "
        "dan tidak ikut dirata-rata.",
        hint="bila memang tidak ada target tahun ini, biarkan; bila ada, isi targetnya.",
        level="warning",
    )


def msg_negative_capaian(loc: Location, raw: str, target: str) -> Issue:
    return _issue(
        loc,
        f'realisasi "{raw}" lebih dari dua kali target "{target}" pada indikator makin-rendah-'
        "makin-baik (arah turun): capaiannya negatif menurut rumus (2 × target − realisasi) ÷ target.",
        hint="periksa realisasi, target dan arah indikator ini.",
        level="warning",
    )


def msg_percent_money(loc: Location, raw: str) -> Issue:
    return _issue(
        loc,
        f'nilai "{raw}" adalah persen, bukan jumlah uang.',
        EXPECTED["money"],
        "ketik jumlah rupiahnya; persentase dihitung sendiri oleh laporan.",
    )


def msg_missing_row(loc: Location, column: str, value: str, what: str) -> Issue:
    return _issue(
        loc,
        f'baris {what} "{value}" tidak ada.',
        f'satu baris dengan "{value}" di kolom {column}',
        "tambahkan baris ini (angka yang belum ada boleh dikosongkan).",
    )
