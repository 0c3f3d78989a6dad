"""Tests of lkjip.present.tables: a small hand-made context (docs/design.md names) and the real 2020 data.

Expected values are checked by hand against the reference report (where the reference's own
arithmetic is wrong, the value computed by hand is expected instead, and said so).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lkjip.present.blocks import Cell, TableSpec
from lkjip.inputs.notation import parse_value as v
from lkjip.present.registry import UnknownName
from lkjip.present.tables import TABLES, build_table, formula_text
from lkjip.present.tables.cells import merge_down

ROOT = Path(__file__).resolve().parents[1]

EXPECTED_KEYS = {
    "pegawai_jabatan", "pegawai_pendidikan", "pegawai_golongan", "tujuan", "sasaran_renstra",
    "strategi", "rpjmd_awal", "rpjmd_perubahan", "iku", "efisiensi", "target_pk", "capaian_iku",
    "capaian_banding", "capaian_renstra", "capaian_sasaran", "indikator_program",
    "indikator_kegiatan", "belanja", "realisasi_kegiatan", "apbn", "kertas_kerja", "pk", "pk_ttd",
    "aset", "capaian_renstra_akhir", "tren_iku", "standar_nasional", "ringkasan_predikat",
}


def texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def column_count(spec: TableSpec, row: list[Cell]) -> int:
    return sum(c.colspan for c in row)


# --------------------------------------------------------------------------- a tiny context


def unit(no, nama, l, p, s, jfu, jft):
    return {
        "no": no, "unit": nama, "laki_laki": l, "perempuan": p, "jumlah": l + p,
        "struktural": s, "jfu": jfu, "jft": jft, "keterangan": "",
        "pendidikan": {"s1": l, "s2": p}, "golongan": {"iii_a": l, "ii_a": p},
    }


@pytest.fixture
def ctx():
    iku1 = {
        "kode": "IKU1", "no_sasaran": "1", "sasaran": "Tumbuhnya Industri",
        "indikator": "Nilai Investasi", "satuan": "Rp", "target": v("1.000"),
        "realisasi": v("1.500"), "capaian": 150.0, "capaian_tahun_lalu": 90.0, "selisih": 60.0,
        "target_renstra": v("1.000"),
        "program": [{"kode": "01", "nama": "Program A", "anggaran": 300.0},
                    {"kode": "02", "nama": "Program B", "anggaran": 200.0}],
    }
    iku2 = {
        "kode": "IKU2", "no_sasaran": "1", "sasaran": "Tumbuhnya Industri",
        "indikator": "Persentase Tenaga Kerja", "satuan": "%", "target": v("1,37"),
        "realisasi": v(""), "capaian": None, "capaian_tahun_lalu": None, "selisih": None,
        "target_renstra": None, "program": [],
    }
    units = [unit(1, "DINAS", 3, 2, 1, 3, 1), unit(2, "UPTD", 1, 1, 1, 1, 0)]
    return {
        "tahun": 2021, "tahun_lalu": 2020,
        "profil": {"nama_instansi": "Dinas Contoh", "daerah": "Provinsi Sejahtera",
                   "nama_lengkap": "Dinas Contoh Provinsi Sejahtera", "nama_singkat": "Dinkon",
                   "periode_renstra": "2019-2024"},
        "kepala": {"nama": "Drs. BUDI, M.M", "nip": "1970", "jabatan": "KEPALA",
                   "jabatan_lengkap": "KEPALA DINAS CONTOH PROVINSI SEJAHTERA"},
        "pegawai": {
            "unit": units,
            "total": {"laki_laki": 4, "perempuan": 3, "jumlah": 7, "struktural": 2, "jfu": 4,
                      "jft": 1, "pendidikan": {"s1": 4, "s2": 3}, "golongan": {"iii_a": 4, "ii_a": 3}},
            "tanggal": "31 Desember 2021", "sumber": "Subbag Umum",
        },
        "renstra": {
            "tujuan": [
                {"versi": "awal", "no": "1", "tujuan": "T1", "indikator": "I1",
                 "target": [v("5"), v("<2,5"), v(""), v("1.162,94"), v("5")]},
                {"versi": "awal", "no": "1", "tujuan": "T1", "indikator": "I2",
                 "target": [v("1")] * 5},
                {"versi": "perubahan", "no": "1", "tujuan": "T1b", "indikator": "I3",
                 "target": [v("2")] * 5},
            ],
            "sasaran": [], "tahun": [2019, 2020, 2021, 2022, 2023],
        },
        "strategi": [{"misi": "Misi I : Maju", "butir": [
            {"no": "1", "strategi": "S1", "arah": ["A1", "A2"]},
            {"no": "2", "strategi": "S2", "arah": ["A3"]}]}],
        "rpjmd": {"awal": [], "perubahan": [], "tahun": [2019, 2020, 2021, 2022, 2023]},
        "iku": [iku1, iku2],
        "iku_per_kode": {"IKU1": iku1, "IKU2": iku2},
        "sasaran": [{"no": "1", "nama": "Tumbuhnya Industri", "indikator": [iku1, iku2],
                     "capaian": 150.0}],
        "capaian_rata_rata": 150.0,
        "efisiensi": [{"iku": iku1, "anggaran": 500.0, "realisasi_anggaran": 400.0,
                       "persen_anggaran": 80.0, "target": 1000.0, "realisasi": 1500.0,
                       "nilai": 350.0, "hasil": "efisiensi", "capaian": 150.0}],
        "anggaran": {
            "belanja": {
                "tidak_langsung": {"apbd": 100.0, "apbd_p": 90.0, "realisasi": 45.0, "persen": 50.0},
                "langsung": {"apbd": 600.0, "apbd_p": 500.0, "realisasi": 400.0, "persen": 80.0},
                "total": {"apbd": 700.0, "apbd_p": 590.0, "realisasi": 445.0, "persen": 445 / 590 * 100},
            },
            "program": [{"kode": "01", "nama": "Program A", "pagu": 300.0, "realisasi": 250.0,
                         "persen": 250 / 3, "kegiatan": [
                             {"kode": "01.01", "nama": "Keg 1", "pagu": 300.0, "realisasi": 250.0,
                              "persen": 250 / 3}]},
                        {"kode": "02", "nama": "Program B", "pagu": 200.0, "realisasi": 150.0,
                         "persen": 75.0, "kegiatan": [
                             {"kode": "02.01", "nama": "Keg 2", "pagu": 200.0, "realisasi": 150.0,
                              "persen": 75.0}]}],
            "apbn": {"baris": [{"kementerian": "Perdagangan", "kode_satker": "309025",
                                "kegiatan": "K", "anggaran": 1000.0, "realisasi": 919.3,
                                "persen": 91.93}],
                     "anggaran": 1000.0, "realisasi": 919.3, "persen": 91.93},
        },
        "indikator_program": [{"kode": "01", "program": {"kode": "01", "nama": "Program A"},
                               "indikator": [{"indikator": "X", "satuan": "Ton",
                                              "target": v("430.453,83"), "realisasi": v("354.416,37"),
                                              "capaian": 82.336, "keterangan": "a\nb"}]}],
        "indikator_kegiatan": [],
        "kertas_kerja": [{"urusan": "PERDAGANGAN", "baris": [
            {"no": "1", "jenis": "outcome", "indikator": "Pertumbuhan Ekspor", "rumus": "pertumbuhan",
             "masukan": [1203105606.54, 1318136726.0], "uraian_rumus": "", "bobot": None,
             "target": v(""), "capaian": -8.7266, "capaian_teks": "-8,73%",
             "capaian_tahun_lalu": v(""), "keterangan": ""},
            {"no": "1", "jenis": "output", "indikator": "Fasilitas Promosi", "rumus": "rasio",
             "masukan": [9.0, 45.0], "uraian_rumus": "", "bobot": None, "target": v(""),
             "capaian": 20.0, "capaian_teks": "20,00%", "capaian_tahun_lalu": v(""),
             "keterangan": "ok"},
        ]}],
        "pk": [
            {"no": "01", "jenis": "PK", "judul": "PERJANJIAN KINERJA TAHUN 2021",
             "penandatangan": "Budi", "jabatan": "", "baris": [
                 {"no": "1", "sasaran": "S", "indikator": "I1", "target": v("<11"),
                  "realisasi": v("≤7,82"), "definisi_operasional": "d"},
                 {"no": "1", "sasaran": "S", "indikator": "I2", "target": v("10"),
                  "realisasi": v("34"), "definisi_operasional": "e"}]},
            {"no": "02", "jenis": "PK", "judul": "PERJANJIAN KINERJA TAHUN 2021",
             "penandatangan": "Ani", "jabatan": "SEKRETARIS", "baris": []},
        ],
        "aset": {"judul": "REKAPITULASI BARANG KE NERACA", "sumber": "SIMDA BMD", "total": 150.5,
                 "baris": [
                     {"kode": "1.3", "nama": "ASET TETAP", "nilai": 150.5, "tingkat": 2, "daun": False},
                     {"kode": "1.3.1", "nama": "TANAH", "nilai": 150.5, "tingkat": 3, "daun": False},
                     {"kode": "1.3.1.01", "nama": "TANAH", "nilai": 150.5, "tingkat": 4, "daun": True},
                 ]},
    }


# --------------------------------------------------------------------------- registry


def test_registry_keys():
    assert set(TABLES) == EXPECTED_KEYS


def test_unknown_table_is_an_indonesian_unknown_name(ctx):
    with pytest.raises(UnknownName) as e:
        build_table("tabel_ajaib", ctx)
    assert 'Tabel "tabel_ajaib" tidak dikenal' in str(e.value)
    assert "capaian_iku" in str(e.value) and "pegawai_jabatan" in str(e.value)


def test_wrong_arguments_are_reported_in_indonesian(ctx):
    with pytest.raises(ValueError, match="Argumen untuk tabel \"pk\" tidak sesuai.*indeks"):
        build_table("pk", ctx)
    with pytest.raises(ValueError, match="tidak sesuai"):
        build_table("iku", ctx, no=1)


# --------------------------------------------------------------------------- helpers


def test_merge_down_levels():
    def row(*xs):
        return [Cell(x) for x in xs]

    keyed = [(("a", 1), row("1", "A", "x")), (("a", 1), row("1", "A", "y")),
             (("a", 2), row("1", "B", "z")), (("b", 3), row("2", "C", "w"))]
    rows = merge_down(keyed, [[0], [1]])
    assert [texts(r) for r in rows] == [["1", "A", "x"], ["y"], ["B", "z"], ["2", "C", "w"]]
    assert rows[0][0].rowspan == 3 and rows[0][1].rowspan == 2 and rows[2][0].rowspan == 1


def test_formula_text():
    assert formula_text("rasio", [9.0, 45.0]) == "9 / 45 × 100%"
    assert formula_text("rasio", "9;45") == "9 / 45 × 100%"
    assert formula_text("pertumbuhan", [53.0, 50.0]) == "(53 − 50) / 50 × 100%"
    assert (formula_text("pertumbuhan", [1203105606.54, 1318136726.0])
            == "(1.203.105.606,54 − 1.318.136.726) / 1.318.136.726 × 100%")
    assert formula_text("jumlah", [108.0, 0.0]) == "108 + 0"
    assert formula_text("teks", [], "lihat uraian") == "lihat uraian"
    assert formula_text("jumlah", [0.0]) == "0"


# --------------------------------------------------------------------------- tiny context tables


def test_pegawai_jabatan(ctx):
    t = build_table("pegawai_jabatan", ctx)
    assert t.title == ("Jumlah ASN Dinas Contoh Provinsi Sejahtera Berdasarkan Jabatan dan "
                       "Jenis Kelamin Pertanggal 31 Desember 2021")
    assert texts(t.rows[0]) == ["1", "DINAS", "5 Orang", "3", "2", "1", "3", "1", ""]
    assert texts(t.rows[-1]) == ["JUMLAH", "7 Orang", "4", "3", "2", "4", "1", ""]
    assert t.rows[-1][0].colspan == 2 and all(c.bold for c in t.rows[-1][:7])
    assert t.rows[0][3].align == "right"
    assert t.source == "Sumber: Subbag Umum Tahun 2021"
    assert [column_count(t, r) for r in t.header] == [9, 5]


def test_pegawai_golongan_leaves_out_empty_golongan_i(ctx):
    t = build_table("pegawai_golongan", ctx)
    labels = texts(t.header[1])
    assert labels[0] == "IV/e" and labels[-1] == "II/a" and "I/a" not in labels
    assert t.header[0][2].colspan == 13
    assert texts(t.rows[-1])[:1] == ["JUMLAH"] and texts(t.rows[-1])[-1] == "3"  # ii_a total


def test_tujuan_groups_and_blank_targets(ctx):
    t = build_table("tujuan", ctx)
    assert texts(t.header[1]) == ["1", "2", "3", "4", "5"]
    assert texts(t.header[0])[-1] == "Target Kinerja Tujuan Tahun ke-"
    assert texts(t.rows[0]) == ["1.", "T1", "I1", "5", "<2,5", "", "1.162,94", "5"]
    assert t.rows[0][0].rowspan == 2 and texts(t.rows[1])[0] == "I2"
    assert texts(t.rows[2])[:2] == ["1.", "T1b"]  # perubahan rows follow, numbered again


def test_strategi_misi_rows(ctx):
    t = build_table("strategi", ctx)
    assert texts(t.rows[0]) == ["Misi I : Maju"] and t.rows[0][0].colspan == 3
    assert texts(t.rows[1]) == ["1.", "S1", "A1"] and t.rows[1][1].rowspan == 2
    assert texts(t.rows[2]) == ["A2"]


def test_iku_one_row_per_program(ctx):
    t = build_table("iku", ctx)
    assert texts(t.rows[0]) == ["1.", "Tumbuhnya Industri", "Nilai Investasi", "Rp", "1.000",
                                "Program A", "300"]
    assert t.rows[0][0].rowspan == 3 and t.rows[0][2].rowspan == 2
    assert texts(t.rows[1]) == ["Program B", "200"]
    assert texts(t.rows[2]) == ["Persentase Tenaga Kerja", "%", "1,37", "", ""]


def test_capaian_iku_na_and_average(ctx):
    t = build_table("capaian_iku", ctx)
    assert t.title == "Pengukuran capaian kinerja dibandingkan dengan target perjanjian kinerja tahun 2021"
    assert texts(t.rows[0])[2:] == ["Nilai Investasi (Rp)", "1.000", "1.500", "150,00%"]
    assert texts(t.rows[1]) == ["Persentase Tenaga Kerja", "1,37%", "n/a", "n/a"]
    assert texts(t.rows[-1]) == ["Total Rata-rata capaian sasaran", "150,00%"]


def test_capaian_banding_and_renstra_headers(ctx):
    b = build_table("capaian_banding", ctx)
    assert texts(b.header[0])[3:] == ["Capaian (%) 2020", "Capaian (%) 2021", "+/− (%)"]
    assert texts(b.rows[0])[3:] == ["90,00%", "150,00%", "60,00%"]
    r = build_table("capaian_renstra", ctx)
    assert texts(r.header[0])[3:] == ["Target Renstra 2021", "Realisasi 2021"]
    assert texts(r.rows[1])[-2:] == ["", "n/a"]


def test_capaian_sasaran(ctx):
    t = build_table("capaian_sasaran", ctx, no=1)
    assert not t.numbered and t.title == ""
    assert texts(t.rows[0]) == ["Tumbuhnya Industri", "Nilai Investasi", "Rp", "1.000", "1.500", "150,00"]
    with pytest.raises(ValueError, match="Sasaran nomor \"9\" tidak ada"):
        build_table("capaian_sasaran", ctx, no=9)


def test_efisiensi(ctx):
    t = build_table("efisiensi", ctx)
    assert texts(t.rows[0]) == ["Nilai Investasi", "500", "400", "80,00", "1.000", "1.500",
                                "150,00%", "350", "Efisien"]


def test_budget_tables(ctx):
    b = build_table("belanja", ctx)
    assert texts(b.rows[2]) == ["Total Belanja", "700", "590", "445", "75,42"]
    k = build_table("realisasi_kegiatan", ctx)
    assert texts(k.rows[0]) == ["", "01", "Program A", "300", "250", "83,33"]
    assert all(c.bold for c in k.rows[0][1:]) and not k.rows[1][2].bold
    assert texts(k.rows[3])[:3] == ["2", "02.01", "Keg 2"]
    assert [r[0].text for r in k.rows[-3:]] == [
        "Total Nilai Belanja Langsung", "Total Nilai Belanja Tidak Langsung", "Total Nilai Belanja SKPD"]
    assert texts(k.rows[-2]) == ["Total Nilai Belanja Tidak Langsung", "90", "45", "50,00"]
    a = build_table("apbn", ctx)
    assert texts(a.rows[-1]) == ["Total", "1.000", "919", "91,93"]


def test_indikator_program(ctx):
    t = build_table("indikator_program", ctx)
    assert texts(t.header[0]) == ["No.", "Program", "Indikator Kinerja", "Satuan", "Target 2021",
                                  "Realisasi 2021", "Capaian (%)", "Ket"]
    assert texts(t.rows[0]) == ["1", "Program A", "X", "Ton", "430.453,83", "354.416,37", "82,34", "a\nb"]


def test_kertas_kerja(ctx):
    t = build_table("kertas_kerja", ctx, urusan="perdagangan")
    assert t.landscape and not t.numbered
    assert texts(t.header[1]) == [f"({i})" for i in range(1, 11)]
    assert texts(t.rows[0])[:4] == ["1.", "", "Pertumbuhan Ekspor",
                                    "(1.203.105.606,54 − 1.318.136.726) / 1.318.136.726 × 100%"]
    assert texts(t.rows[0])[6] == "-8,73%"
    assert texts(t.rows[1])[:4] == ["", "Fasilitas Promosi", "", "9 / 45 × 100%"]
    with pytest.raises(ValueError, match='Urusan "PERTANIAN" tidak ada.*"PERDAGANGAN"'):
        build_table("kertas_kerja", ctx, urusan="PERTANIAN")


def test_pk_and_signature(ctx):
    t = build_table("pk", ctx, indeks=0)
    assert texts(t.rows[0]) == ["1.", "S", "I1", "<11", "≤7,82", "d"]
    assert t.rows[0][1].rowspan == 2 and texts(t.rows[1]) == ["I2", "10", "34", "e"]
    head = build_table("pk_ttd", ctx, indeks=0)  # "Budi" is the agency head
    assert head.style == "Tabel Tanpa Garis" and head.header == []
    assert texts(head.rows[0]) == ["PIHAK KEDUA", "PIHAK PERTAMA"]
    assert texts(head.rows[1]) == ["GUBERNUR SEJAHTERA", "KEPALA DINAS CONTOH PROVINSI SEJAHTERA"]
    assert texts(head.rows[3])[1] == "Drs. BUDI, M.M"
    staff = build_table("pk_ttd", ctx, indeks=1)
    assert texts(staff.rows[1]) == ["KEPALA DINAS CONTOH PROVINSI SEJAHTERA", "SEKRETARIS"]
    assert texts(staff.rows[3]) == ["Drs. BUDI, M.M", "Ani"]
    with pytest.raises(ValueError, match="indeks 5 tidak ada"):
        build_table("pk", ctx, indeks=5)


def test_aset(ctx):
    t = build_table("aset", ctx)
    assert [texts(r) for r in t.rows] == [
        ["1.3", "ASET TETAP", "150,50"], ["1", "TANAH", "150,50"], ["1.01", "TANAH", "150,50"],
        ["JUMLAH", "150,50"]]
    assert t.rows[0][0].bold and t.rows[1][1].bold and not t.rows[2][1].bold
    assert t.source == "Sumber: SIMDA BMD" and not t.numbered


# --------------------------------------------------------------------------- real 2020 data


@pytest.fixture(scope="module")
def ctx2020():
    if not (ROOT / "data" / "2020").is_dir():
        pytest.skip("data/2020 belum ada")
    from lkjip.present.words import chapter_names
    from lkjip.report import build_report
    from lkjip.inputs import load_dataset

    return chapter_names(build_report(load_dataset(ROOT, 2020)))


def all_tables(c):
    for name in TABLES:
        if name == "capaian_sasaran":
            yield from (build_table(name, c, no=s["no"]) for s in c["sasaran"])
        elif name == "kertas_kerja":
            yield from (build_table(name, c, urusan=u["urusan"]) for u in c["kertas_kerja"])
        elif name in ("pk", "pk_ttd"):
            yield from (build_table(name, c, indeks=i) for i in range(len(c["pk"])))
        else:
            yield build_table(name, c)


def test_every_table_builds_from_2020(ctx2020):
    specs = list(all_tables(ctx2020))
    assert {s.key for s in specs} == EXPECTED_KEYS
    for s in specs:
        assert s.rows, s.key
        width = len(s.widths)
        for row in s.header:
            assert sum(c.colspan for c in row) <= width, s.key


def find_row(spec, first_texts):
    for r in spec.rows:
        if texts(r)[: len(first_texts)] == first_texts:
            return texts(r)
    raise AssertionError(f"{first_texts} not in {spec.key}")


def test_2020_values_against_reference(ctx2020):
    c = ctx2020
    t11 = build_table("pegawai_jabatan", c)
    # 72 + 16 + 6 = 94; L 41+7+5; P 31+9+1; struktural 21+4+4; JFU 39+7+2; JFT 12+5+0
    assert texts(t11.rows[0])[:3] == ["1", "DINAS PERINDUSTRIAN DAN PERDAGANGAN", "72 Orang"]
    assert texts(t11.rows[-1]) == ["JUMLAH", "94 Orang", "53", "41", "29", "48", "17", ""]
    assert t11.title.endswith("Berdasarkan Jabatan dan Jenis Kelamin Pertanggal 31 Desember 2020")

    keg = build_table("realisasi_kegiatan", c)
    assert find_row(keg, ["", "04"])[3:] == ["4.095.327.241", "3.734.793.175", "91,20"]
    assert find_row(keg, ["16", "17.03"])[3:] == ["1.242.390.195", "1.097.483.085", "88,34"]
    assert texts(keg.rows[-1]) == ["Total Nilai Belanja SKPD", "21.997.113.949", "20.601.008.196", "93,65"]

    bel = build_table("belanja", c)
    # the reference swaps the two percentages: 11.656.561.724 / 11.984.610.979 = 97,26 %
    assert texts(bel.rows[0]) == ["Belanja Tidak Langsung", "12.285.197.779", "11.984.610.979",
                                  "11.656.561.724", "97,26"]
    assert texts(bel.rows[2])[1] == "27.120.466.359"

    apbn = build_table("apbn", c)
    assert texts(apbn.rows[-1]) == ["Total", "2.235.991.000", "2.055.501.707", "91,93"]

    cap = build_table("capaian_iku", c)
    assert find_row(cap, ["1."])[2:] == ["Nilai Investasi Industri (Rp)", "14.157.209.890",
                                         "186.797.290.000", "1.319,45%"]
    # (1319,45 + 582,48 + 65,55 + 111,45 + 0 + 61,70 + 70,18 + 111,33) / 8 = 290,27
    # (the reference prints 295,96 %)
    assert texts(cap.rows[-1]) == ["Total Rata-rata capaian sasaran", "290,27%"]

    iku = build_table("iku", c)
    assert find_row(iku, ["1."])[-2:] == ["Program Pengembangan Wilayah dan Pegawasan Industri", "99.576.274"]

    ef = build_table("efisiensi", c)
    ekspor = find_row(ef, ["Nilai Ekspor"])
    assert ekspor[1:4] == ["30.500.125", "28.651.375", "93,94"]
    assert ekspor[-2:] == ["-8.657.852", "Inefisien"]

    kk = build_table("kertas_kerja", c, urusan="PERDAGANGAN")
    assert any(texts(r)[3] == "9 / 45 × 100%" for r in kk.rows if len(r) == 10)

    aset = build_table("aset", c)
    assert texts(aset.rows[0]) == ["1.3", "ASET TETAP", "18.355.836.194,32"]
    assert find_row(aset, ["2.08"]) == ["2.08", "ALAT LABORATORIUM", "8.105.526.492,50"]
    assert texts(aset.rows[-1]) == ["JUMLAH", "18.653.389.194,32"]  # 18.355.836.194,32 + 297.553.000
