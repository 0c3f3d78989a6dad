import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from lkjip.errors import InputError
from lkjip.inputs import load_dataset
from lkjip.inputs.dates import MonthDate
from lkjip.inputs.notation import Value
from lkjip.inputs.schema import SCHEMAS

FIXTURE = Path(__file__).parent / "fixtures" / "mini"


def project(tmp_path: Path) -> Path:
    """A fresh copy of the mini example project."""
    root = tmp_path / "proyek"
    shutil.copytree(FIXTURE, root)
    return root


def data_file(root: Path, name: str) -> Path:
    return root / "data" / "2020" / name


def mutate(tmp_path: Path, table: str, old: str, new: str) -> Path:
    """Copy the mini project and replace one exact piece of text in data/2020/<table>.csv."""
    root = project(tmp_path)
    path = data_file(root, f"{table}.csv")
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {table}.csv"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def errors(root: Path, year: int = 2020) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_dataset(root, year)
    return [str(issue) for issue in caught.value.issues]


def sheet(workbook: Workbook, name: str, rows: list[list]):
    ws = workbook.create_sheet(name)
    for row in rows:
        ws.append(row)
    return ws


# ---------------------------------------------------------------- the valid example project


def test_mini_project_loads_every_table():
    dataset = load_dataset(FIXTURE, 2020)
    assert set(dataset.tables) == set(SCHEMAS)
    assert dataset.warnings == []
    assert dataset.year == 2020


def test_typed_rows_fill_down_and_row_numbers():
    dataset = load_dataset(FIXTURE, 2020)
    kegiatan = dataset["kegiatan"]
    assert kegiatan.file == "data/2020/kegiatan.csv" and kegiatan.sheet is None
    table = kegiatan
    assert list(table.column("kode")) == ["01.01", "01.02", "02.01"]
    assert list(table.column("kode_program")) == ["01", "01", "02"]  # row 3 filled down
    assert list(table.column("_row")) == [2, 3, 4]
    assert list(table.column("pagu")) == [150_000_000.0, 80_000_000.0, 60_000_000.0]
    assert table.column("realisasi")[0] == 142_500_000.5
    assert table.column("pagu_murni")[0] == 200_000_000.0 and table.column("pagu_murni")[1] is None
    assert list(table.column("jenis_perubahan")) == ["refocusing", "", ""]
    assert table.column("pelaksana")[2] == "UPTD Pasar Contoh"
    assert kegiatan.loc(3, "pagu").row == 3

    iku = dataset["iku"]
    assert iku.column("target")[1] == Value(raw="<11", kind="lt", number=11.0)
    assert iku.column("realisasi")[1].number == 9.74
    assert list(iku.column("sasaran")) == ["Meningkatnya nilai ekspor"] * 2
    assert iku.column("capaian_tahun_lalu")[0] == 95.83

    golongan = dataset["pegawai_golongan"]
    assert golongan.column("iii_d") == [2, 1]
    assert type(golongan.column("iii_d")[0]) is int
    assert list(dataset["efisiensi"].column("kode_iku")) == ["IKU1", "IKU1", "IKU2"]
    assert list(dataset["indikator_kegiatan"].column("arah")) == ["naik"]  # default
    assert dataset["kertas_kerja"].column("target")[0].percent is True


def test_settings_of_key_value_tables():
    dataset = load_dataset(FIXTURE, 2020)
    profil = dataset.settings("profil")
    assert profil["nama_instansi"] == "Dinas Contoh Sejahtera"
    assert profil["kepala_nip"] == "19700101 199503 1 001"
    assert profil["renstra_tahun_pertama"] == 2018
    assert profil["faks"] == "" and profil["aset_sumber"] == ""
    signed = profil["tanggal_penandatanganan"]
    assert isinstance(signed, MonthDate) and (signed.year, signed.month) == (2021, 3)
    assert profil["tanggal_data_pegawai"] == date(2020, 12, 31)
    assert not isinstance(profil["tanggal_data_pegawai"], MonthDate)
    assert dataset.settings("pengaturan") == {"batas_capaian": 150.0}


def test_absent_optional_table_is_empty_and_warned_when_a_part_is_left_out(tmp_path):
    root = project(tmp_path)
    data_file(root, "aset.csv").unlink()
    data_file(root, "pengaturan.csv").unlink()  # defaults instead: no warning
    dataset = load_dataset(root, 2020)
    assert len(dataset["aset"].rows) == 0
    assert list(dataset["aset"].columns) == ["kode", "nama", "nilai", "_row"]
    assert dataset.settings("pengaturan") == {"batas_capaian": None}
    assert [str(w) for w in dataset.warnings] == [
        'data/2020: tabel opsional "aset" tidak ada di data/2020/; bagian Daftar Aset tidak dimuat. '
        'Saran: bila memang tidak ada, buat tabel "aset" berisi baris judul saja (kode, nama, nilai); '
        "peringatan ini tidak muncul lagi."
    ]
    assert dataset.warnings[0].level == "warning"


def test_numbers_in_several_notations_are_accepted(tmp_path):
    root = project(tmp_path)
    data_file(root, "kegiatan.csv").write_text(
        "kode_program,kode,nama,pagu,realisasi\n"
        '01,01.01,A,"Rp 150.000.000","142500000,5"\n'
        "01,01.02,B,80000000,(0)\n"
        '02,02.01,C,"60.000.000,00",45000000.75\n',
        encoding="utf-8",
    )
    frame = load_dataset(root, 2020)["kegiatan"]
    assert list(frame.column("pagu")) == [150_000_000.0, 80_000_000.0, 60_000_000.0]
    assert list(frame.column("realisasi")) == [142_500_000.5, 0.0, 45_000_000.75]


def test_semicolon_csv_with_bom_is_accepted(tmp_path):
    root = project(tmp_path)
    data_file(root, "kegiatan.csv").write_text(
        "kode_program;kode;nama;pagu;realisasi\n"
        "01;01.01;Promosi, pameran;150.000.000,00;142.500.000,50\n"
        ";01.02;B;80.000.000;80.000.000\n"
        "02;02.01;C;60.000.000;45.000.000\n",
        encoding="utf-8-sig",
    )
    frame = load_dataset(root, 2020)["kegiatan"]
    assert list(frame.columns[:5]) == ["kode_program", "kode", "nama", "pagu", "realisasi"]
    assert frame.column("nama")[0] == "Promosi, pameran"
    assert frame.column("realisasi")[0] == 142_500_000.5
    assert list(frame.column("kode_program")) == ["01", "01", "02"]


def test_unknown_extra_column_is_a_warning(tmp_path):
    root = mutate(tmp_path, "program", "kode,nama\n", "kode,nama,catatan_saya\n")
    dataset = load_dataset(root, 2020)
    assert [str(w) for w in dataset.warnings] == [
        'data/2020/program.csv, baris 1, kolom "catatan_saya": kolom tidak dikenal, diabaikan. '
        "Yang diharapkan: salah satu kolom: kode, nama. "
        "Saran: periksa ejaan judul kolom, atau hapus kolom ini."
    ]
    assert dataset.warnings[0].level == "warning"
    assert "catatan_saya" not in dataset["program"].columns


def test_empty_optional_table_means_none(tmp_path):
    """A header-only optional table is "none this year" (no APBN funds): no error, no warning."""
    root = project(tmp_path)
    data_file(root, "apbn.csv").write_text(
        "kementerian,kode_satker,kegiatan,anggaran,realisasi\n", encoding="utf-8"
    )
    dataset = load_dataset(root, 2020)
    assert dataset.warnings == []
    assert len(dataset["apbn"].rows) == 0


def test_excel_sheet_source(tmp_path):
    root = project(tmp_path)
    data_file(root, "kegiatan.csv").unlink()
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet(workbook, "Petunjuk", [["Sheet ini bukan tabel dan diabaikan."]])
    ws = sheet(
        workbook,
        "kegiatan",
        [
            ["kode_program", "kode", "nama", "pagu", "realisasi"],
            ["01", "01.01", "A", 150000000, 142500000.5],
            [None, "01.02", "B", "80.000.000", 80000000],
            ["02", "02.01", "C", 60000000, 45000000],
        ],
    )
    ws["A30"].number_format = "0"  # a formatted but empty cell far below: ignored
    workbook.save(data_file(root, "anggaran.xlsx"))
    data_file(root, "~$anggaran.xlsx").write_bytes(b"lock file, not a workbook")
    dataset = load_dataset(root, 2020)
    table = dataset["kegiatan"]
    assert (table.file, table.sheet) == ("data/2020/anggaran.xlsx", "kegiatan")
    assert list(table.column("pagu")) == [150_000_000.0, 80_000_000.0, 60_000_000.0]
    assert list(table.column("kode_program")) == ["01", "01", "02"]
    assert list(table.column("_row")) == [2, 3, 4]


def test_excel_percent_cells_and_month_dates(tmp_path):
    root = project(tmp_path)
    data_file(root, "iku.csv").unlink()
    data_file(root, "profil.csv").rename(data_file(root, "profil.bak"))
    workbook = Workbook()
    ws = workbook.active
    ws.title = "iku"
    ws.append(["kode", "no_sasaran", "sasaran", "indikator", "satuan", "arah", "target"])
    ws.append(["IKU1", 1, "S", "I", "%", "naik", 0.57])
    ws.append(["IKU2", None, None, "J", "%", "Turun", "<11"])
    ws["G2"].number_format = "0%"
    profil = workbook.create_sheet("profil")
    for line in data_file(root, "profil.bak").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(",")
        profil.append([key, value.strip('"')])
    profil["B11"] = datetime(2021, 3, 1)
    profil["B11"].number_format = "mmmm yyyy"
    profil["B20"] = datetime(2020, 12, 31)
    profil["B20"].number_format = "dd/mm/yyyy"
    workbook.save(data_file(root, "lkjip.xlsx"))
    dataset = load_dataset(root, 2020)
    target = dataset["iku"].column("target")[0]
    assert (target.kind, target.number, target.percent) == ("number", 57.0, True)
    assert list(dataset["iku"].column("arah")) == ["naik", "turun"]
    settings = dataset.settings("profil")
    assert isinstance(settings["tanggal_penandatanganan"], MonthDate)
    assert settings["tanggal_data_pegawai"] == date(2020, 12, 31)


# ---------------------------------------------------------------- bad inputs: exact messages


def test_missing_data_folder(tmp_path):
    root = project(tmp_path)
    assert errors(root, 2021) == [
        "data/2021: folder data tidak ditemukan. Yang diharapkan: folder berisi file CSV atau "
        "Excel, satu tabel per file atau per sheet. "
        "Saran: buat folder data/2021 lalu isi tabelnya (lihat docs/data.md)."
    ]


def test_missing_required_table(tmp_path):
    root = project(tmp_path)
    data_file(root, "program.csv").unlink()
    assert errors(root) == [
        'data/2020: tabel "program" tidak ditemukan. Yang diharapkan: file data/2020/program.csv '
        'atau sheet "program" di file Excel dalam data/2020. '
        "Saran: buat tabel ini dengan judul kolom: kode, nama."
    ]


def test_table_both_in_csv_and_in_excel(tmp_path):
    root = project(tmp_path)
    workbook = Workbook()
    workbook.active.title = "program"
    workbook.active.append(["kode", "nama"])
    workbook.save(data_file(root, "lkjip.xlsx"))
    assert errors(root) == [
        'data/2020: tabel "program" ada lebih dari sekali: data/2020/lkjip.xlsx, sheet "program"; '
        "data/2020/program.csv. Yang diharapkan: satu sumber saja untuk setiap tabel. "
        "Saran: hapus atau ganti nama salah satunya."
    ]


def test_missing_required_column(tmp_path):
    root = mutate(tmp_path, "kegiatan", ",pagu,", ",anggaran_pagu,")
    assert errors(root) == [
        'data/2020/kegiatan.csv, baris 1, kolom "pagu": kolom wajib ini tidak ada di baris judul. '
        "Yang diharapkan: judul kolom di baris 1: kode_program, kode, nama, pagu, realisasi, "
        "pagu_murni, jenis_perubahan, pelaksana, catatan. "
        "Saran: tambahkan kolom ini atau perbaiki ejaan judulnya."
    ]


@pytest.mark.parametrize("content", ["kode,nama\n", ""])
def test_empty_required_table(tmp_path, content):
    root = project(tmp_path)
    data_file(root, "program.csv").write_text(content, encoding="utf-8")
    assert errors(root) == [
        'data/2020/program.csv: tabel "program" tidak berisi data. '
        "Yang diharapkan: baris judul di baris 1 dan data mulai baris 2. Saran: isi tabel ini."
    ]


def test_text_in_money_column(tmp_path):
    root = mutate(tmp_path, "kegiatan", 'Pemula,"80.000.000"', "Pemula,abc")
    assert errors(root) == [
        'data/2020/kegiatan.csv, baris 3, kolom "pagu": nilai "abc" bukan angka. '
        "Yang diharapkan: angka rupiah, mis. 1.234.567,89. "
        "Saran: hapus huruf dan satuan dari sel ini."
    ]


def test_english_number_notation(tmp_path):
    root = mutate(tmp_path, "kegiatan", '"150.000.000"', '"1,234,567.89"')
    assert errors(root) == [
        'data/2020/kegiatan.csv, baris 2, kolom "pagu": nilai "1,234,567.89" memakai penulisan '
        "angka Inggris. Yang diharapkan: angka rupiah, mis. 1.234.567,89. "
        "Saran: tulis dengan cara Indonesia: titik untuk ribuan, koma untuk desimal."
    ]


@pytest.mark.parametrize("negative", ["-5.000", "(5.000)"])
def test_negative_pagu(tmp_path, negative):
    root = mutate(tmp_path, "kegiatan", '"150.000.000"', negative)
    assert errors(root) == [
        f'data/2020/kegiatan.csv, baris 2, kolom "pagu": nilai "{negative}" negatif. '
        "Yang diharapkan: angka rupiah, mis. 1.234.567,89. "
        "Saran: hapus tanda minus atau kurung; nilai ini tidak boleh kurang dari nol."
    ]


def test_not_a_whole_number(tmp_path):
    root = mutate(tmp_path, "pegawai_jabatan", "Sekretariat,5,", 'Sekretariat,"5,5",')
    assert errors(root) == [
        'data/2020/pegawai_jabatan.csv, baris 2, kolom "laki_laki": nilai "5,5" bukan bilangan '
        "bulat. Yang diharapkan: bilangan bulat ≥ 0, mis. 12. Saran: hapus desimalnya."
    ]


def test_duplicate_kegiatan_code_names_both_rows(tmp_path):
    root = mutate(tmp_path, "kegiatan", ",01.02,", ",01.01,")
    assert errors(root) == [
        'data/2020/kegiatan.csv, baris 3, kolom "kode": kode "01.01" sudah ada di baris 2. '
        "Yang diharapkan: nilai yang unik di setiap baris. "
        "Saran: hapus baris ganda atau perbaiki salah satunya."
    ]


def test_unknown_kegiatan_code_in_efisiensi(tmp_path):
    root = mutate(tmp_path, "efisiensi", ",01.02", ",09.09")
    assert errors(root) == [
        'data/2020/efisiensi.csv, baris 3, kolom "kode_kegiatan": kode "09.09" tidak ada di tabel '
        '"kegiatan" (data/2020/kegiatan.csv). Yang diharapkan: kode dari kolom "kode" tabel '
        "kegiatan: 01.01, 01.02, 02.01. Saran: perbaiki kode ini atau tambahkan baris dengan kode "
        "ini di tabel kegiatan."
    ]


def test_unknown_iku_code_in_efisiensi(tmp_path):
    root = mutate(tmp_path, "efisiensi", "IKU2,", "IKU9,")
    assert errors(root) == [
        'data/2020/efisiensi.csv, baris 4, kolom "kode_iku": kode "IKU9" tidak ada di tabel '
        '"iku" (data/2020/iku.csv). Yang diharapkan: kode dari kolom "kode" tabel iku: IKU1, '
        "IKU2. Saran: perbaiki kode ini atau tambahkan baris dengan kode ini di tabel iku."
    ]


def test_unknown_program_code_in_kegiatan(tmp_path):
    root = mutate(tmp_path, "kegiatan", "02,02.01", "03,02.01")
    assert errors(root) == [
        'data/2020/kegiatan.csv, baris 4, kolom "kode_program": kode "03" tidak ada di tabel '
        '"program" (data/2020/program.csv). Yang diharapkan: kode dari kolom "kode" tabel '
        "program: 01, 02. Saran: perbaiki kode ini atau tambahkan baris dengan kode ini di tabel "
        "program."
    ]


@pytest.mark.parametrize(
    "table, old, new, row, column, choices",
    [
        ("iku", ",naik,", ",meningkat,", 2, "arah", "naik, turun"),
        (
            "kegiatan",
            ",refocusing,",
            ",refokus,",
            2,
            "jenis_perubahan",
            "refocusing, pengurangan, penambahan",
        ),
        ("tujuan", "\nperubahan,", "\nmurni,", 3, "versi", "awal, perubahan"),
    ],
)
def test_enum_value_not_allowed(tmp_path, table, old, new, row, column, choices):
    root = mutate(tmp_path, table, old, new)
    found = new.strip(",\n")
    assert errors(root) == [
        f'data/2020/{table}.csv, baris {row}, kolom "{column}": nilai "{found}" tidak dikenal. '
        f"Yang diharapkan: salah satu dari: {choices}. "
        "Saran: ketik salah satu pilihan itu persis."
    ]


def test_enum_matching_ignores_case_and_spaces(tmp_path):
    root = mutate(tmp_path, "belanja", "tidak_langsung,", "Tidak Langsung,")
    assert list(load_dataset(root, 2020)["belanja"].column("jenis")) == [
        "tidak_langsung",
        "langsung",
    ]


@pytest.mark.parametrize(
    "old, new",
    [
        ('kepala_nama,"Ir. BUDI SANTOSO, M.Si"\n', ""),
        ('kepala_nama,"Ir. BUDI SANTOSO, M.Si"', "kepala_nama,"),
    ],
)
def test_missing_profil_key(tmp_path, old, new):
    root = mutate(tmp_path, "profil", old, new)
    assert errors(root) == [
        'data/2020/profil.csv, kolom "kunci": kunci wajib "kepala_nama" tidak ada atau nilainya '
        'kosong. Yang diharapkan: baris dengan "kepala_nama" di kolom kunci dan isinya di kolom '
        "nilai. Saran: tambahkan atau isi baris ini."
    ]


def test_bad_date(tmp_path):
    root = mutate(
        tmp_path, "profil", "tanggal_penandatanganan,2021-03", "tanggal_penandatanganan,Maret"
    )
    assert errors(root) == [
        'data/2020/profil.csv, baris 11, kolom "nilai": nilai "Maret" bukan tanggal. '
        "Yang diharapkan: tanggal seperti 2021-03-15, atau bulan seperti 2021-03. "
        "Saran: ketik tanggal sebagai tahun-bulan-tanggal."
    ]


def test_pegawai_units_differ(tmp_path):
    root = mutate(tmp_path, "pegawai_golongan", "Bidang Perdagangan", "Bidang Dagang")
    expected = "unit yang sama di tabel pegawai_jabatan, pegawai_pendidikan, pegawai_golongan"
    hint = "samakan penulisan nama unit di ketiga tabel pegawai."
    assert errors(root) == [
        'data/2020/pegawai_golongan.csv, baris 3, kolom "unit": unit "Bidang Dagang" tidak ada di '
        'tabel "pegawai_jabatan" (data/2020/pegawai_jabatan.csv). '
        f"Yang diharapkan: {expected}. Saran: {hint}",
        'data/2020/pegawai_jabatan.csv, baris 3, kolom "unit": unit "Bidang Perdagangan" tidak ada '
        'di tabel "pegawai_golongan" (data/2020/pegawai_golongan.csv). '
        f"Yang diharapkan: {expected}. Saran: {hint}",
    ]


def test_fill_down_column_empty_on_first_data_row(tmp_path):
    root = mutate(tmp_path, "kegiatan", "01,01.01,", ",01.01,")
    assert errors(root) == [
        'data/2020/kegiatan.csv, baris 2, kolom "kode_program": sel kosong di baris data pertama. '
        "Yang diharapkan: nilai di baris data pertama; baris berikutnya boleh kosong untuk "
        "mengulang nilai di atasnya. Saran: isi sel ini."
    ]


def test_required_cell_empty(tmp_path):
    root = mutate(tmp_path, "kegiatan", "Promosi Produk Ekspor", "")
    assert errors(root) == [
        'data/2020/kegiatan.csv, baris 2, kolom "nama": sel wajib ini kosong. Saran: isi sel ini.'
    ]


def test_csv_not_utf8(tmp_path):
    root = project(tmp_path)
    path = data_file(root, "program.csv")
    path.write_bytes(path.read_text(encoding="utf-8").replace("Program", "Program Caf\xe9", 1).encode("cp1252"))
    dataset = load_dataset(root, 2020)
    assert dataset["program"].rows[0]["nama"].startswith("Program Caf\xe9")
    assert [str(w) for w in dataset.warnings] == [
        "data/2020/program.csv: file ini bukan teks UTF-8; dibaca sebagai Windows-1252 (ANSI). "
        "Periksa huruf khusus (mis. “ ” – é) di laporan. Saran: simpan ulang dari Excel dengan "
        '"Simpan Sebagai" > "CSV UTF-8 (dipisahkan koma)".'
    ]


def test_duplicate_column_header(tmp_path):
    root = mutate(tmp_path, "program", "kode,nama\n", "kode,nama,nama\n")
    assert errors(root) == [
        'data/2020/program.csv, baris 1, kolom "nama": judul kolom ini muncul dua kali. '
        "Saran: hapus salah satu kolom."
    ]


def test_error_in_excel_sheet_names_the_sheet(tmp_path):
    root = project(tmp_path)
    data_file(root, "kegiatan.csv").unlink()
    workbook = Workbook()
    sheet(
        workbook,
        "kegiatan",
        [
            ["kode_program", "kode", "nama", "pagu", "realisasi"],
            ["01", "01.01", "A", 150000000, 142500000],
            [None, "01.02", "B", "abc", 80000000],
            ["02", "02.01", "C", 60000000, 45000000],
        ],
    )
    workbook.save(data_file(root, "anggaran.xlsx"))
    assert errors(root) == [
        'data/2020/anggaran.xlsx, sheet "kegiatan", baris 3, kolom "pagu": nilai "abc" bukan '
        "angka. Yang diharapkan: angka rupiah, mis. 1.234.567,89. "
        "Saran: hapus huruf dan satuan dari sel ini."
    ]


def test_excel_turned_a_range_into_a_date(tmp_path):
    root = project(tmp_path)
    data_file(root, "iku.csv").unlink()
    workbook = Workbook()
    sheet(
        workbook,
        "iku",
        [
            ["kode", "no_sasaran", "sasaran", "indikator", "satuan", "arah", "target"],
            ["IKU1", "1", "S", "I", "%", "naik", 120],
            ["IKU2", None, None, "J", "%", "naik", datetime(2020, 3, 2)],
        ],
    )
    workbook.save(data_file(root, "lkjip.xlsx"))
    assert errors(root) == [
        'data/2020/lkjip.xlsx, sheet "iku", baris 3, kolom "target": Excel mengubah isi sel ini '
        "menjadi tanggal (2020-03-02). Saran: format sel sebagai Teks lalu ketik ulang isinya."
    ]


def test_all_problems_are_reported_together(tmp_path):
    root = mutate(tmp_path, "kegiatan", 'Pemula,"80.000.000"', "Pemula,abc")
    data_file(root, "strategi.csv").unlink()
    path = data_file(root, "iku.csv")
    path.write_text(path.read_text(encoding="utf-8").replace(",naik,", ",up,"), encoding="utf-8")
    found = errors(root)
    assert len(found) == 3
    assert found[0].startswith('data/2020: tabel "strategi" tidak ditemukan.')
    assert found[1].startswith('data/2020/iku.csv, baris 2, kolom "arah": nilai "up"')
    assert found[2].startswith('data/2020/kegiatan.csv, baris 3, kolom "pagu": nilai "abc"')
    with pytest.raises(InputError) as caught:
        load_dataset(root, 2020)
    assert str(caught.value).startswith("Ditemukan 3 kesalahan pada data masukan:\n- ")


def test_required_enum_cell_empty_names_the_choices(tmp_path):
    root = mutate(tmp_path, "iku", ",naik,", ",,")
    assert errors(root) == [
        'data/2020/iku.csv, baris 2, kolom "arah": sel wajib ini kosong. '
        "Yang diharapkan: salah satu dari: naik, turun. Saran: isi sel ini."
    ]


def test_unknown_pengaturan_key_is_a_warning(tmp_path):
    root = mutate(tmp_path, "pengaturan", "batas_capaian,150", "batas_capain,150")
    dataset = load_dataset(root, 2020)
    assert [str(w) for w in dataset.warnings] == [
        'data/2020/pengaturan.csv, baris 2, kolom "kunci": kunci "batas_capain" tidak dikenal, '
        "diabaikan. Yang diharapkan: salah satu kunci: batas_capaian. "
        "Saran: periksa ejaan kunci ini."
    ]
    assert dataset.settings("pengaturan")["batas_capaian"] is None


def test_empty_excel_sheet(tmp_path):
    root = project(tmp_path)
    data_file(root, "program.csv").unlink()
    workbook = Workbook()
    workbook.active.title = "program"
    workbook.save(data_file(root, "lkjip.xlsx"))
    assert errors(root) == [
        'data/2020/lkjip.xlsx, sheet "program": tabel "program" tidak berisi data. '
        "Yang diharapkan: baris judul di baris 1 dan data mulai baris 2. Saran: isi tabel ini."
    ]


def test_excel_code_with_leading_zeros_format(tmp_path):
    root = project(tmp_path)
    data_file(root, "apbn.csv").unlink()
    workbook = Workbook()
    ws = sheet(
        workbook,
        "apbn",
        [
            ["kementerian", "kode_satker", "kegiatan", "anggaran", "realisasi"],
            ["Kementerian Contoh", 29001, "Pengawasan", 250000000, 240000000],
        ],
    )
    ws["B2"].number_format = "000000"
    workbook.save(data_file(root, "lkjip.xlsx"))
    assert load_dataset(root, 2020)["apbn"].column("kode_satker")[0] == "029001"


def test_damaged_workbook(tmp_path):
    root = project(tmp_path)
    data_file(root, "rusak.xlsx").write_bytes(b"bukan zip")
    assert errors(root) == [
        "data/2020/rusak.xlsx: file tidak bisa dibaca: bukan file Excel yang sah. "
        "Saran: buka di Excel lalu simpan ulang sebagai .xlsx."
    ]


def test_sheet_name_and_headers_ignore_case(tmp_path):
    root = project(tmp_path)
    data_file(root, "program.csv").unlink()
    workbook = Workbook()
    workbook.active.title = "Program"
    workbook.active.append(["Kode", " Nama "])
    workbook.active.append(["01", "Program Pengembangan Ekspor"])
    workbook.active.append(["02", "Program Stabilisasi Harga"])
    workbook.save(data_file(root, "lkjip.xlsx"))
    table = load_dataset(root, 2020)["program"]
    assert table.sheet == "Program"
    assert list(table.column("kode")) == ["01", "02"]


def test_fill_down_restarts_when_an_outer_group_changes(tmp_path):
    """A new value in an outer fill-down column starts a new group (as merged cells do)."""
    root = project(tmp_path)
    data_file(root, "rpjmd.csv").write_text(
        "versi,tujuan,sasaran,indikator_rpjmd,indikator_perangkat_daerah\n"
        "awal,Tujuan A,Sasaran A,Indikator A,IKD 1\n"
        ",,,,IKD 2\n"
        "perubahan,Tujuan B,,Indikator B,IKD 3\n",
        encoding="utf-8",
    )
    frame = load_dataset(root, 2020)["rpjmd"]
    assert list(frame.column("sasaran")) == ["Sasaran A", "Sasaran A", ""]
    assert list(frame.column("indikator_rpjmd")) == ["Indikator A", "Indikator A", "Indikator B"]


def test_required_fill_down_cell_empty_at_start_of_new_group(tmp_path):
    root = mutate(tmp_path, "tujuan", "\nperubahan,1,", "\nperubahan,,")
    assert errors(root) == [
        'data/2020/tujuan.csv, baris 3, kolom "no": sel kosong di baris pertama kelompok baru '
        '(kolom "versi" berganti). Yang diharapkan: nilai di baris pertama setiap kelompok; '
        "baris berikutnya boleh kosong untuk mengulang nilai di atasnya. Saran: isi sel ini."
    ]


@pytest.mark.parametrize(
    "table, cells, label",
    [
        ("kegiatan", {"kode": "Total", "nama": "Total Belanja Langsung"}, "Total Belanja Langsung"),
        ("kegiatan", {"kode": "", "nama": "Jumlah"}, "Jumlah"),
        ("kegiatan", {"kode": "", "nama": "rata-rata"}, "rata-rata"),
        ("kegiatan", {"kode": "SUBTOTAL", "nama": "Belanja"}, "SUBTOTAL"),
        ("aset", {"kode": "", "nama": "Sub Total Aset"}, "Sub Total Aset"),
        ("pegawai_golongan", {"unit": "Rata Rata"}, "Rata Rata"),
        # real names: a code of its own, or the word later in the text
        ("kegiatan", {"kode": "16.01", "nama": "Jumlah Dokumen Laporan CALK"}, None),
        ("program", {"kode": "", "nama": "Penyusunan Jumlah Laporan"}, None),
        ("kegiatan", {"kode": "", "nama": "Totalitas Pelayanan"}, None),
        ("indikator_kegiatan", {"kode_kegiatan": "", "indikator": "Jumlah Dokumen Laporan CALK"}, None),
        ("struktur", {"unit": "Jumlah"}, None),
    ],
)
def test_totals_row_label(table, cells, label):
    from lkjip.inputs.validate import totals_label

    positions = {name: i for i, name in enumerate(cells)}
    assert totals_label(SCHEMAS[table], positions, list(cells.values())) == label


def test_indicator_starting_with_jumlah_is_data(tmp_path):
    """Only kode, nama and unit are looked at: an indicator (here a fill-down row, kode empty)
    may start with "Jumlah"."""
    root = project(tmp_path)
    path = data_file(root, "indikator_kegiatan.csv")
    path.write_text(
        path.read_text(encoding="utf-8") + ",Jumlah Dokumen Laporan CALK,dokumen,,1,1,\n",
        encoding="utf-8",
    )
    rows = load_dataset(root, 2020).tables["indikator_kegiatan"].rows
    assert rows[-1]["indikator"] == "Jumlah Dokumen Laporan CALK"
