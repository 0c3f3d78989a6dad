"""The report model (build_report) and its wording (chapter_names) on a tiny hand-made dataset (values checked by hand) and on data/2020."""

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip.present.words import chapter_names, flatten
from lkjip.report import build_report, previous_capaian
from lkjip.inputs import Dataset, Table
from lkjip.inputs.dates import MonthDate
from lkjip.inputs.notation import NotationError, parse_numbers, parse_value
from lkjip.inputs.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]


def _typed(schema, column, x):
    kind = schema.column(column).type
    if kind == "value":
        return parse_value(x)
    if kind == "numbers":
        return parse_numbers(x)
    if kind in ("money", "number"):
        return None if x is None else float(x)
    if kind == "int":
        return 0 if x is None else int(x)
    return "" if x is None else x


def table(name, rows, settings=None):
    schema = SCHEMAS[name]
    records = []
    for n, row in enumerate(rows, start=2):
        rec = {col: _typed(schema, col, row.get(col)) for col in schema.column_names}
        rec["_row"] = n
        records.append(rec)
    return Table(name, records, f"data/2021/{name}.csv", None, settings)


def mini_dataset(root=Path("/nonexistent"), pengaturan=None):
    profil = {
        "nama_instansi": "Dinas Contoh",
        "daerah": "Provinsi Contoh",
        "kepala_nama": "Budi",
        "kepala_pangkat": "Pembina",
        "kepala_nip": "1",
        "kepala_jabatan": "KEPALA",
        "tanggal_penandatanganan": MonthDate(2022, 3, 1),
        "renstra_tahun_pertama": 2019,
        "tanggal_data_pegawai": dt.date(2021, 12, 31),
        "sumber_data_pegawai": "Subbag Umum",
        "aset_bidang": "Bidang X",
    }
    tables = {
        "profil": table("profil", [], profil),
        "pengaturan": table("pengaturan", [], pengaturan or {}),
        "pegawai_jabatan": table(
            "pegawai_jabatan",
            [
                {"unit": "DINAS", "laki_laki": 4, "perempuan": 3, "struktural": 2, "jfu": 4, "jft": 1},
                {"unit": "UPTD", "laki_laki": 1, "perempuan": 2, "struktural": 1, "jfu": 2, "jft": 0},
            ],
        ),
        "pegawai_pendidikan": table("pegawai_pendidikan", [{"unit": "DINAS", "s1": 7}, {"unit": "UPTD", "s1": 1, "s2": 2}]),
        "pegawai_golongan": table("pegawai_golongan", [{"unit": "DINAS", "iii_a": 7}, {"unit": "UPTD", "iii_a": 3}]),
        "iku": table(
            "iku",
            [
                {"kode": "A", "no_sasaran": "1", "sasaran": "S1", "indikator": "Naik", "satuan": "%",
                 "arah": "naik", "target": "10%", "realisasi": "12%", "capaian_tahun_lalu": 90.0},
                {"kode": "B", "no_sasaran": "1", "sasaran": "S1", "indikator": "Turun", "satuan": "%",
                 "arah": "turun", "target": "<11", "realisasi": "9,74"},
                {"kode": "C", "no_sasaran": "2", "sasaran": "S2", "indikator": "Kosong", "satuan": "Nilai",
                 "arah": "naik", "target": "3", "realisasi": None},
            ],
        ),
        "sasaran_renstra": table(
            "sasaran_renstra",
            [
                {"versi": "awal", "no": "1", "sasaran": "S1", "indikator": "Naik", "target_3": "8", "kode_iku": "A"},
                {"versi": "perubahan", "no": "1", "sasaran": "S1", "indikator": "Naik", "target_3": "9", "kode_iku": "A"},
                {"versi": "awal", "no": "1", "sasaran": "S1", "indikator": "Turun", "target_3": "<11", "kode_iku": "B"},
            ],
        ),
        "tujuan": table("tujuan", [{"versi": "awal", "no": "1", "tujuan": "T1", "indikator": "I", "target_1": "5"}]),
        "strategi": table(
            "strategi",
            [
                {"misi": "Misi I", "no": "1", "strategi": "St1", "arah_kebijakan": "a1"},
                {"misi": "Misi I", "no": "1", "strategi": "St1", "arah_kebijakan": "a2"},
                {"misi": "Misi I", "no": "2", "strategi": "St2", "arah_kebijakan": "b1"},
            ],
        ),
        "program": table("program", [{"kode": "01", "nama": "Program Satu"}, {"kode": "02", "nama": "Program Dua"}]),
        "kegiatan": table(
            "kegiatan",
            [
                {"kode_program": "01", "kode": "01.01", "nama": "K1", "pagu": 1000, "realisasi": 900, "pagu_murni": 1500,
                 "jenis_perubahan": "refocusing"},
                {"kode_program": "01", "kode": "01.02", "nama": "K2", "pagu": 500, "realisasi": 500},
                {"kode_program": "02", "kode": "02.01", "nama": "K3", "pagu": 2000, "realisasi": 1000},
            ],
        ),
        "efisiensi": table(
            "efisiensi",
            [
                {"kode_iku": "A", "kode_kegiatan": "01.01"},
                {"kode_iku": "A", "kode_kegiatan": "02.01"},
                {"kode_iku": "B", "kode_kegiatan": "01.02"},
            ],
        ),
        "belanja": table(
            "belanja",
            [
                {"jenis": "tidak_langsung", "apbd": 6000, "apbd_p": 5000, "realisasi": 4000},
                {"jenis": "langsung", "apbd": 4000},
            ],
        ),
        "apbn": table("apbn", [
            {"kementerian": "K", "kode_satker": "1", "kegiatan": "X", "anggaran": 200, "realisasi": 150},
            {"kementerian": "K", "kode_satker": "2", "kegiatan": "Y", "anggaran": 300, "realisasi": 300},
        ]),
        "kertas_kerja": table(
            "kertas_kerja",
            [
                {"urusan": "PERDAGANGAN", "no": "1.", "jenis": "outcome", "indikator": "R", "rumus": "rasio", "masukan": "20;53"},
                {"urusan": "PERDAGANGAN", "jenis": "output", "indikator": "P", "rumus": "pertumbuhan", "masukan": "53;50"},
                {"urusan": "PERDAGANGAN", "jenis": "output", "indikator": "J", "rumus": "jumlah", "masukan": "0;20;20"},
                {"urusan": "PERINDUSTRIAN", "jenis": "output", "indikator": "T", "rumus": "teks", "capaian": "110%"},
                {"urusan": "PERINDUSTRIAN", "jenis": "output", "indikator": "Z", "rumus": "rasio", "masukan": "0;0"},
            ],
        ),
        "aset": table(
            "aset",
            [
                {"kode": "1.3", "nama": "ASET TETAP"},
                {"kode": "1.3.1", "nama": "TANAH"},
                {"kode": "1.3.1.01", "nama": "TANAH", "nilai": 100.25},
                {"kode": "1.3.2", "nama": "PERALATAN"},
                {"kode": "1.3.2.01", "nama": "ALAT BESAR", "nilai": 50},
                {"kode": "1.3.2.02", "nama": "ALAT ANGKUTAN", "nilai": 0},
                {"kode": "1.5", "nama": "ASET LAINNYA"},
                {"kode": "1.5.4.01", "nama": "ASET LAIN-LAIN", "nilai": 30},
            ],
        ),
        "indikator_program": table(
            "indikator_program",
            [{"kode_program": "01", "indikator": "IP", "satuan": "%", "target": "100", "realisasi": "80",
              "keterangan": "Baris satu\nBaris dua"}],
        ),
    }
    for name in SCHEMAS:
        tables.setdefault(name, table(name, [], {} if SCHEMAS[name].is_key_value else None))
    return Dataset(root, 2021, tables)


@pytest.fixture(scope="module")
def ctx():
    return chapter_names(build_report(mini_dataset()))


def test_header_names(ctx):
    assert ctx["tahun"] == 2021 and ctx["tahun_lalu"] == 2020
    assert ctx["profil"]["nama_lengkap"] == "Dinas Contoh Provinsi Contoh"
    assert ctx["kepala"]["jabatan_lengkap"] == "KEPALA DINAS CONTOH PROVINSI CONTOH"
    assert ctx["tanggal_penandatanganan"] == "Maret 2022"
    assert ctx["tanggal_penandatanganan_iso"] == dt.date(2022, 3, 1)
    assert ctx["profil"]["tanggal_data_pegawai"] == "31 Desember 2021"
    assert ctx["renstra"]["tahun"] == [2019, 2020, 2021, 2022, 2023]


def test_iku_capaian(ctx):
    a, b, cc = ctx["iku"]
    assert a["capaian"] == pytest.approx(120.0)  # 12 / 10 × 100
    assert a["kategori"] == "Sangat Tinggi"
    assert a["capaian_tahun_lalu"] == 90.0
    assert a["selisih"] == pytest.approx(30.0)
    assert b["capaian"] == pytest.approx(111.4545, abs=1e-4)  # (22 − 9,74) / 11 × 100
    assert b["capaian_tahun_lalu"] is None and b["selisih"] is None
    assert cc["capaian"] is None and cc["kategori"] is None
    # mean over the IKU with a capaian: (120 + 111,4545) / 2
    assert ctx["capaian_rata_rata"] == pytest.approx(115.7273, abs=1e-4)
    assert ctx["iku_per_kode"]["B"] is b


def test_target_renstra_prefers_perubahan(ctx):
    # year 2021, first Renstra year 2019 → target_3
    assert ctx["iku_per_kode"]["A"]["target_renstra"].number == 9
    assert ctx["iku_per_kode"]["B"]["target_renstra"].raw == "<11"
    assert ctx["iku_per_kode"]["C"]["target_renstra"] is None


def test_sasaran_groups(ctx):
    assert [s["no"] for s in ctx["sasaran"]] == ["1", "2"]
    assert ctx["sasaran"][0]["capaian"] == pytest.approx(115.7273, abs=1e-4)
    assert ctx["sasaran"][1]["capaian"] is None


def test_efisiensi(ctx):
    a = ctx["iku_per_kode"]["A"]
    assert a["anggaran"] == 3000 and a["realisasi_anggaran"] == 1900  # K1 + K3
    assert [(p["kode"], p["anggaran"]) for p in a["program"]] == [("01", 1000), ("02", 2000)]
    e = a["efisiensi"]
    assert e["nilai"] == pytest.approx(3000 / 10 * 12 - 1900)  # 1700
    assert e["hasil"] == "efisiensi"
    assert e["iku"] is a
    b = ctx["iku_per_kode"]["B"]["efisiensi"]
    # turun: realisasi kinerja = 2·11 − 9,74 = 12,26 → 500 / 11 × 12,26 − 500 = 57,2727...
    assert b["realisasi"] == pytest.approx(12.26)
    assert b["nilai"] == pytest.approx(57.2727, abs=1e-3)
    assert ctx["iku_per_kode"]["C"]["efisiensi"] is None
    assert len(ctx["efisiensi"]) == 2


def test_anggaran(ctx):
    ang = ctx["anggaran"]
    p1, p2 = ang["program"]
    assert (p1["pagu"], p1["realisasi"]) == (1500, 1400)
    assert p1["persen"] == pytest.approx(93.3333, abs=1e-4)
    assert (p2["pagu"], p2["realisasi"], p2["persen"]) == (2000, 1000, 50.0)
    k1 = ctx["kegiatan_per_kode"]["01.01"]
    assert k1["perubahan"] == 500 and k1["persen"] == 90.0 and k1["no"] == 1
    assert ctx["kegiatan_per_kode"]["01.02"]["perubahan"] is None
    bl = ang["belanja"]["langsung"]
    assert (bl["apbd"], bl["apbd_p"], bl["realisasi"]) == (4000, 3500, 2400)  # from kegiatan
    assert bl["sisa"] == 1100
    tot = ang["belanja"]["total"]
    assert (tot["apbd"], tot["apbd_p"], tot["realisasi"]) == (10000, 8500, 6400)
    assert ang["refocusing"] == {"nilai": 1500, "persen": 15.0}
    assert ang["apbn"]["anggaran"] == 500 and ang["apbn"]["realisasi"] == 450
    assert ang["apbn"]["persen"] == 90.0
    assert ctx["jumlah"] == {"sasaran": 2, "iku": 3, "program": 2, "kegiatan": 3, "tujuan": 1}


def test_pegawai(ctx):
    units = ctx["pegawai"]["unit"]
    assert [u["jumlah"] for u in units] == [7, 3]
    total = ctx["pegawai"]["total"]
    assert total["jumlah"] == 10 and total["struktural"] == 3 and total["jfu"] == 6
    assert total["pendidikan"]["s1"] == 8 and total["pendidikan"]["s2"] == 2
    assert total["golongan"]["iii_a"] == 10
    assert ctx["pegawai"]["tanggal"] == "31 Desember 2021"


def test_strategi(ctx):
    (misi,) = ctx["strategi"]
    assert [b["arah"] for b in misi["butir"]] == [["a1", "a2"], ["b1"]]


def test_aset(ctx):
    aset = ctx["aset"]
    by = aset["per_kode"]
    assert by["1.3.2"]["nilai"] == 50
    assert by["1.3"]["nilai"] == pytest.approx(150.25)
    assert by["1.5"]["nilai"] == 30
    assert aset["total"] == pytest.approx(180.25)
    assert by["1.3.1.01"]["daun"] and not by["1.3"]["daun"]
    assert by["1.3.2.01"]["tingkat"] == 4
    assert aset["tanggal"] == "31 Desember 2021"


def test_kertas_kerja(ctx):
    dag, ind = ctx["kertas_kerja"]
    r, p, j = dag["baris"]
    assert r["capaian"] == pytest.approx(37.7358, abs=1e-4) and r["capaian_teks"] == "37,74%"
    assert p["capaian"] == pytest.approx(6.0) and p["capaian_teks"] == "6,00%"
    assert j["capaian"] == 40 and j["capaian_teks"] == "40"
    t, z = ind["baris"]
    assert t["capaian"] == 110 and t["capaian_teks"] == "110%"
    assert z["capaian"] is None and z["capaian_teks"] == "n/a"


def test_indikator_program(ctx):
    (group,) = ctx["indikator_program"]
    assert group["program"]["nama"] == "Program Satu"
    ind = group["indikator"][0]
    assert ind["capaian"] == 80.0
    assert ind["keterangan_paragraf"] == ["Baris satu", "Baris dua"]


def test_cap_from_pengaturan():
    ctx = build_report(mini_dataset(pengaturan={"batas_capaian": 110.0}))
    assert ctx["iku_per_kode"]["A"]["capaian"] == 110.0
    assert ctx["pengaturan"]["batas_capaian"] == 110.0


def test_flatten(ctx):
    names = dict(flatten(ctx))
    assert names["iku[0].capaian"] == "120"
    assert names["iku[1].target"] == "<11"
    assert names["anggaran.belanja.langsung.apbd_p"] == "3.500"
    assert names["efisiensi[0]"] == "→ iku[0].efisiensi"  # shared dicts are listed once
    assert names["iku[0].efisiensi.iku"] == "→ iku[0]"
    assert names["iku[2].realisasi"] == "n/a"


REAL = ROOT / "data" / "2020"


@pytest.mark.skipif(not (REAL / "kegiatan.csv").exists(), reason="data/2020 not transcribed yet")
def test_real_2020_against_reference():
    from lkjip.inputs import load_dataset

    ctx = build_report(load_dataset(ROOT, 2020))
    bl = ctx["anggaran"]["belanja"]["langsung"]
    # money is exact (Decimal) from the cell to the total
    assert bl["apbd_p"] == Decimal("10012502970")
    assert bl["realisasi"] == Decimal("8944446472")
    assert ctx["program_per_kode"]["04"]["pagu"] == Decimal("4095327241")
    ref = ctx["anggaran"]["refocusing"]
    assert ref["nilai"] == Decimal("5123352410")
    assert round(ref["persen"], 2) == 18.89
    nilai_investasi = next(i for i in ctx["iku"] if i["indikator"] == "Nilai Investasi Industri")
    assert nilai_investasi["anggaran"] == Decimal("4170195729")
    assert nilai_investasi["realisasi_anggaran"] == Decimal("3804142463")
    assert round(nilai_investasi["capaian"], 2) == 1319.45
    assert round(nilai_investasi["efisiensi"]["nilai"]) == 51219500402
    aset_tetap = next(b for b in ctx["aset"]["baris"] if b["nama"] == "ASET TETAP")
    assert aset_tetap["nilai"] == Decimal("18355836194.32")
    koefisien = next(i for i in ctx["iku"] if "koefisien variasi" in i["indikator"])
    assert round(koefisien["capaian"], 2) == 111.45
    assert ctx["anggaran"]["apbn"]["anggaran"] == Decimal("2235991000")
    assert ctx["pegawai"]["total"]["jumlah"] == 94  # 72 + 16 + 6
    assert not any(math.isnan(v) for v in (bl["persen"], ref["persen"]))


def test_previous_year_from_data_overrides_column():
    ctx = build_report(mini_dataset(), {"A": 100.0})
    a, b, _ = ctx["iku"]
    assert a["capaian_tahun_lalu"] == 100.0 and a["selisih"] == pytest.approx(20.0)
    assert b["capaian_tahun_lalu"] is None
    assert ctx["capaian_tahun_lalu_dari_data"] == {"A": 100.0}


def test_previous_capaian_is_computed_from_the_dataset_given():
    # the mini dataset as "last year": A 12/10 → 120, B (22 − 9,74)/11 → 111,45, C n/a
    previous = previous_capaian(mini_dataset())
    assert previous == {"A": pytest.approx(120.0), "B": pytest.approx(111.4545, abs=1e-4), "C": None}


def test_model_keeps_dates_and_chapter_names_word_them():
    model = build_report(mini_dataset())
    assert model["tanggal_penandatanganan_iso"] == MonthDate(2022, 3, 1)
    assert "tanggal_penandatanganan" not in model
    assert model["profil"]["tanggal_data_pegawai"] == dt.date(2021, 12, 31)
    assert model["pegawai"]["tanggal_iso"] == dt.date(2021, 12, 31) and "tanggal" not in model["pegawai"]
    assert model["kertas_kerja"][1]["baris"][0]["capaian_tertulis"].raw == "110%"
    words = chapter_names(model)
    assert words["tanggal_penandatanganan"] == "Maret 2022"
    assert list(words).index("tanggal_penandatanganan") + 1 == list(words).index("tanggal_penandatanganan_iso")
    assert words["pegawai"]["tanggal"] == "31 Desember 2021"
    assert words["aset"]["tanggal"] == "31 Desember 2021"
    assert words["kertas_kerja"][1]["baris"][0]["capaian_teks"] == "110%"
    assert "capaian_tertulis" not in words["kertas_kerja"][1]["baris"][0]
    assert model["profil"]["tanggal_data_pegawai"] == dt.date(2021, 12, 31)  # model unchanged


def test_aset_rows_name_their_top_level_code(ctx):
    by = ctx["aset"]["per_kode"]
    assert [by[k]["akar"] for k in ("1.3", "1.3.2.01", "1.5", "1.5.4.01")] == ["1.3", "1.3", "1.5", "1.5"]


def test_unreadable_masukan_is_refused_at_load_not_summed_in_part():
    # masukan is read whole at load (a NumberList); a part that is not a number is an input
    # error naming it, so the report never computes a formula from some of its inputs
    assert parse_numbers("20;53") == (20.0, 53.0)
    assert parse_numbers("1.234,5; 2 ;") == (1234.5, 2.0)
    with pytest.raises(NotationError) as caught:
        parse_numbers("1.234,5; x ;")
    assert caught.value.message == 'nilai "x" bukan angka.'


def test_batas_capaian_applies_to_every_measured_indicator(tmp_path):
    """pengaturan.batas_capaian cuts IKU, program and kegiatan capaian alike."""
    import shutil
    from pathlib import Path

    from lkjip.inputs import load_dataset

    root = tmp_path / "p"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", root)
    (root / "data" / "2020" / "pengaturan.csv").write_text("kunci,nilai\nbatas_capaian,105\n", encoding="utf-8")
    ctx = build_report(load_dataset(root, 2020))
    # IKU1 and program 01: 126,5 / 120 × 100 = 105,42 → cut to 105; IKU2: 111,45 → 105
    assert ctx["iku_per_kode"]["IKU1"]["capaian"] == 105
    assert ctx["iku_per_kode"]["IKU2"]["capaian"] == 105
    assert ctx["indikator_program"][0]["indikator"][0]["capaian"] == 105


def test_summary_counts_an_iku_without_realisasi_apart():
    summary = build_report(mini_dataset())["ringkasan"]
    # A 120 (melampaui), B 111,45 (melampaui), C no realisasi
    assert (summary["tercapai"], summary["belum_tercapai"], summary["tanpa_capaian"]) == (2, 0, 1)
    assert summary["terbaik"]["kode"] == "A" and summary["terlemah"]["kode"] == "B"
    assert sum(b["jumlah"] for b in summary["per_predikat"]) == 2
