"""Second example project: Dinas Perdagangan Kabupaten Sukamaju 2023 (tests/fixtures/kabupaten).

A different shape from the 2020 reference (4 sasaran, 5 IKU with a range target, a grade target
and a missing realisasi, 3 programs / 7 kegiatan with a zero pagu, 2 staff units, no APBN,
a PK Perubahan signed by another official), to prove nothing is hard-coded to the reference.
Every expected value below was computed by hand from the fixture's CSV files.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip import pipeline
from golden_text import document_text

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kabupaten"
YEAR = 2023


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kabupaten")
    for part in ("data", "chapters"):  # no templates/: the tool's own template is used
        shutil.copytree(FIXTURE / part, root / part)
    return root


@pytest.fixture(scope="module")
def context(project):
    _, ctx, _ = pipeline.load_and_compute(project, YEAR)
    return ctx


@pytest.fixture(scope="module")
def built(project):
    result = pipeline.build(pipeline.Options(year=YEAR, root=project, fast=True), lambda _: None)
    return result


@pytest.fixture(scope="module")
def text(built) -> str:
    return document_text(built.docx)


def lines(text: str) -> list[str]:
    return text.splitlines()


# --------------------------------------------------------------------------- context values


def test_shape(context):
    assert context["jumlah"] == {"sasaran": 4, "iku": 5, "program": 3, "kegiatan": 7, "tujuan": 2}
    assert context["kepala"]["nama"] == "Hj. RATNA DEWI, S.E., M.M."
    assert context["kepala"]["jabatan_lengkap"] == "KEPALA DINAS PERDAGANGAN KABUPATEN SUKAMAJU"
    assert context["renstra"]["tahun"] == [2022, 2023, 2024, 2025, 2026]
    assert context["anggaran"]["apbn"]["baris"] == []  # header-only apbn.csv: no APBN funds


def test_capaian_per_iku(context):
    cap = {i["kode"]: i["capaian"] for i in context["iku"]}
    # IKU-01 inflasi, arah turun, target 2-3, realisasi 3,40 above the range:
    # bound passed = 3 → (2×3 − 3,40) / 3 × 100 = 86,666…
    assert cap["IKU-01"] == pytest.approx(260 / 3)
    # IKU-02: 97,5% / 95% × 100 = 102,6315…
    assert cap["IKU-02"] == pytest.approx(97.5 / 95 * 100)
    # IKU-03: realisasi empty → n/a
    assert cap["IKU-03"] is None
    # IKU-04: 72 / 80 × 100
    assert cap["IKU-04"] == pytest.approx(90.0)
    # IKU-05: SAKIP target "A", realisasi "BB": below the target, by the bands' lower bounds
    # (PermenPAN-RB 12/2015): 70 / 80 × 100 = 87,5
    assert cap["IKU-05"] == pytest.approx(87.5)
    kategori = [i["kategori"] for i in context["iku"]]
    assert kategori == ["Tinggi", "Sangat Tinggi", None, "Tinggi", "Tinggi"]


def test_average_leaves_out_na(context):
    # (86,666… + 102,631… + 90 + 87,5) / 4 — IKU-03 (n/a) is not counted
    expected = (260 / 3 + 97.5 / 95 * 100 + 90 + 87.5) / 4
    assert context["capaian_rata_rata"] == pytest.approx(expected)
    assert round(expected, 2) == 91.70
    per_sasaran = {s["no"]: s["capaian"] for s in context["sasaran"]}
    assert per_sasaran["1"] == pytest.approx((260 / 3 + 97.5 / 95 * 100) / 2)
    assert per_sasaran["2"] is None
    assert per_sasaran["3"] == pytest.approx(90.0)
    assert per_sasaran["4"] == pytest.approx(87.5)


def test_kegiatan_program_belanja_totals(context):
    ang = context["anggaran"]
    programs = {p["kode"]: p for p in ang["program"]}
    assert programs["3.30.01"]["pagu"] == 96_750_000 + 385_000_000 + 485_600_000 == 967_350_000
    assert programs["3.30.01"]["realisasi"] == 94_120_000 + 371_204_500 + 462_118_750 == 927_443_250
    assert programs["3.30.03"]["pagu"] == 0 + 312_450_000
    assert programs["3.30.03"]["realisasi"] == 0 + 298_760_500
    assert programs["3.30.04"]["pagu"] == 845_000_000 + 276_500_000 == 1_121_500_000
    assert programs["3.30.04"]["realisasi"] == 812_345_600 + 251_880_000 == 1_064_225_600
    langsung = ang["belanja"]["langsung"]
    assert langsung["apbd_p"] == 967_350_000 + 312_450_000 + 1_121_500_000 == 2_401_300_000
    assert langsung["realisasi"] == 927_443_250 + 298_760_500 + 1_064_225_600 == 2_290_429_350
    total = ang["belanja"]["total"]
    assert total["apbd"] == 3_850_000_000 + 2_676_300_000 == 6_526_300_000
    assert total["apbd_p"] == 3_812_500_000 + 2_401_300_000 == 6_213_800_000
    assert total["realisasi"] == 3_706_233_480 + 2_290_429_350 == 5_996_662_830
    assert total["sisa"] == 217_137_170
    assert ang["refocusing"]["nilai"] == 312_500_000
    # the refocused kegiatan: 1.120.000.000 → 845.000.000
    k = context["kegiatan_per_kode"]["3.30.04.2.01"]
    assert (k["jenis_perubahan"], k["perubahan"]) == ("refocusing", 275_000_000)


def test_zero_pagu_kegiatan_is_na(context):
    k = context["kegiatan_per_kode"]["3.30.03.2.01"]
    assert (k["pagu"], k["realisasi"], k["persen"]) == (0, 0, None)


def test_efisiensi(context):
    e = {x["iku"]["kode"]: x for x in context["efisiensi"]}
    # (845.000.000 / 95 × 97,5) − 812.345.600 = 54.891.242,10…
    assert round(e["IKU-02"]["nilai"], 2) == Decimal("54891242.11")  # money: exact Decimal
    assert e["IKU-02"]["hasil"] == "efisiensi"
    # (312.450.000 / 80 × 72) − 298.760.500 = −17.555.500
    assert e["IKU-04"]["nilai"] == Decimal("-17555500")
    assert e["IKU-04"]["hasil"] == "inefisiensi"
    # range target 2–3 (turun), realisasi 3,40: capaian (2×3 − 3,4) / 3 = 86,67 %, so
    # E/I = 276.500.000 × 0,8667 − 251.880.000 = −12.246.666,67
    assert round(e["IKU-01"]["nilai"], 2) == Decimal("-12246666.67")
    assert e["IKU-01"]["hasil"] == "inefisiensi"
    # grade target "A", realisasi "BB": capaian 87,5 %, E/I = 96.750.000 × 0,875 − 94.120.000
    assert e["IKU-05"]["nilai"] == Decimal("-9463750")
    # no realisasi (and a zero pagu) → n/a, no crash
    assert e["IKU-03"]["nilai"] is None and e["IKU-03"]["hasil"] is None


def test_staff_totals(context):
    total = context["pegawai"]["total"]
    assert {k: total[k] for k in ("laki_laki", "perempuan", "jumlah", "struktural", "jfu", "jft")} == {
        "laki_laki": 18 + 9, "perempuan": 14 + 4, "jumlah": 45,
        "struktural": 9 + 3, "jfu": 17 + 8, "jft": 6 + 2,
    }
    assert total["pendidikan"]["s1"] == 15 + 4
    assert total["golongan"]["i_d"] == 1


def test_kertas_kerja(context):
    (urusan,) = context["kertas_kerja"]
    assert urusan["urusan"] == "PERDAGANGAN"
    got = [(b["rumus"], b["capaian_teks"]) for b in urusan["baris"]]
    # 864 / 1200 = 72 %; 64 + 44 = 108; (138 − 120) / 120 = 15 %; typed "3,40%"
    assert got == [("rasio", "72,00%"), ("jumlah", "108"), ("pertumbuhan", "15,00%"), ("teks", "3,40%")]


def test_pk_documents(context):
    docs = [(d["no"], d["jenis"], d["penandatangan"]) for d in context["pk"]]
    assert len(docs) == 5
    assert docs[3] == ("04", "PK", "Drs. BAMBANG SUTRISNO")
    assert docs[4] == ("04", "PK Perubahan", "ANDI PRATAMA, S.T., M.Si.")


def test_only_expected_warnings(project):
    _, _, warnings = pipeline.load_and_compute(project, YEAR)
    # the two empty realisasi (IKU-03 and its program indicator), and the kegiatan indicator
    # with target 0 (capaian n/a by the one zero-target rule), nothing else
    assert len(warnings) == 3
    assert sum("Persentase Pasar Rakyat dalam Kondisi Baik" in str(w) for w in warnings) == 2
    assert str(warnings[0]).startswith('data/2023/indikator_kegiatan.csv, baris 5, kolom "target": target 0:')


# --------------------------------------------------------------------------- the built report


def test_build_writes_docx_into_the_copy(built, project):
    assert built.docx == project / "output" / "LKjIP_2023.docx"
    assert built.docx.is_file()


def test_report_capaian_table(text):
    rows = lines(text)
    assert "| 1. | Meningkatnya Stabilitas Harga dan Ketersediaan Barang Kebutuhan Pokok | Tingkat Inflasi Kabupaten | 2–3% | 3,40% | 86,67% |" in rows
    assert "| ^ | ^ | Persentase Ketersediaan Barang Kebutuhan Pokok | 95% | 97,5% | 102,63% |" in rows
    assert "| 2. | Meningkatnya Kualitas Sarana Distribusi Perdagangan | Persentase Pasar Rakyat dalam Kondisi Baik | 60% | n/a | n/a |" in rows
    assert "| 3. | Meningkatnya Kapasitas Pedagang Pasar Rakyat | Persentase Pedagang Pasar Rakyat yang Terbina | 80% | 72% | 90,00% |" in rows
    assert "| 4. | Meningkatnya Akuntabilitas Kinerja Perangkat Daerah | Predikat SAKIP Dinas Perdagangan | A | BB | 87,50% |" in rows
    assert "| Total Rata-rata capaian sasaran | 91,70% |" in rows


def test_report_budget_tables(text):
    rows = lines(text)
    assert "|  | 3.30.01 | Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota | 967.350.000 | 927.443.250 | 95,87 |" in rows
    assert "|  | 3.30.03 | Program Peningkatan Sarana Distribusi Perdagangan | 312.450.000 | 298.760.500 | 95,62 |" in rows
    assert "|  | 3.30.04 | Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting | 1.121.500.000 | 1.064.225.600 | 94,89 |" in rows
    # the zero-pagu kegiatan: 0 / 0 → n/a, no division error
    assert "| 4 | 3.30.03.2.01 | Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan | 0 | 0 | n/a |" in rows
    assert "| Total Nilai Belanja Langsung | 2.401.300.000 | 2.290.429.350 | 95,38 |" in rows
    assert "| Total Nilai Belanja Tidak Langsung | 3.812.500.000 | 3.706.233.480 | 97,21 |" in rows
    assert "| Total Nilai Belanja SKPD | 6.213.800.000 | 5.996.662.830 | 96,51 |" in rows
    # no APBN table: apbn.csv has only its header
    assert "Dekonsentrasi" not in text


def test_report_staff_and_assets(text):
    rows = lines(text)
    assert "| JUMLAH | 45 Orang | 27 | 18 | 12 | 25 | 8 |  |" in rows
    # golongan table: I/d shown because one person has it (I/c..I/a are not)
    assert any(r.startswith("| NO | OPD | GOLONGAN |") for r in rows)
    assert "| JUMLAH | 0 | 0 | 0 | 1 | 3 | 7 | 7 | 8 | 7 | 3 | 5 | 2 | 1 | 1 |" in rows
    # 1.250.000.000 + 997.665.800 + 2.864.310.250,50 + 45.000.000
    assert "| JUMLAH | 5.156.976.050,50 |" in rows


def test_report_pk_perubahan_signatory(text):
    rows = lines(text)
    assert "PERJANJIAN KINERJA PERUBAHAN TAHUN 2023" in text
    # PK signed by the first official, PK Perubahan by his successor; PIHAK KEDUA is the head
    assert "| Hj. RATNA DEWI, S.E., M.M. | Drs. BAMBANG SUTRISNO |" in rows
    assert "| Hj. RATNA DEWI, S.E., M.M. | ANDI PRATAMA, S.T., M.Si. |" in rows
    after = text.split("PERJANJIAN KINERJA PERUBAHAN TAHUN 2023", 1)[1]
    assert "ANDI PRATAMA" in after and "BAMBANG SUTRISNO" not in after
    # the head's own PK: PIHAK KEDUA is the Bupati (from profil.daerah "Kabupaten ...")
    assert "| BUPATI SUKAMAJU | KEPALA DINAS PERDAGANGAN KABUPATEN SUKAMAJU |" in rows


def test_report_has_nothing_from_the_reference(text):
    for word in ("Bangka", "Belitung", "Disperindag", "SUNARDI", "Gubernur", "IKU1", "2020"):
        assert word not in text, word
