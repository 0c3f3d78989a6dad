"""Formulas checked against hand-computed values."""

import pytest

from lkjip.report import compute as c
from lkjip.inputs.notation import Value


def num(x, raw=None, percent=False):
    return Value(raw=raw or str(x), kind="number", number=x, low=None, high=None, percent=percent, decimals=2)


def cmp(kind, x, raw):
    return Value(raw=raw, kind=kind, number=x, low=None, high=None, percent=False, decimals=0)


def rng(a, b):
    return Value(raw=f"{a}-{b}", kind="range", number=None, low=a, high=b, percent=False, decimals=0)


def text(s):
    return Value(raw=s, kind="text", number=None, low=None, high=None, percent=False, decimals=0)


EMPTY = Value(raw="", kind="empty", number=None, low=None, high=None, percent=False, decimals=0)


# ----------------------------------------------------------------------------- capaian


def test_capaian_naik():
    # Persentase Tenaga Kerja Industri: 7,98 / 1,37 × 100 = 582,4817...
    assert c.capaian(num(1.37), num(7.98), "naik") == pytest.approx(582.48175, abs=1e-4)
    # Nilai Ekspor: 1.203.105.606,54 / 1.835.337.899 × 100 = 65,5525...
    assert c.capaian(num(1835337899), num(1203105606.54)) == pytest.approx(65.5525, abs=1e-3)


def test_capaian_turun_with_comparison_target():
    # koefisien variasi: target <11, realisasi 9,74 → (22 − 9,74) / 11 × 100 = 111,4545...
    assert c.capaian(cmp("lt", 11, "<11"), num(9.74), "turun") == pytest.approx(111.454545, abs=1e-5)
    # plain number target, lower is better: (2·10 − 12) / 10 × 100 = 80
    assert c.capaian(num(10), num(12), "turun") == pytest.approx(80.0)


def test_capaian_comparison_target_naik():
    # >5 with realisasi 6 → 6/5 × 100 = 120
    assert c.capaian(cmp("gt", 5, ">5"), num(6), "naik") == pytest.approx(120.0)


def test_capaian_range():
    t = rng(2, 3)
    assert c.capaian(t, num(2.5), "naik") == 100.0
    assert c.capaian(t, num(2), "naik") == 100.0  # bounds included
    assert c.capaian(t, num(3), "naik") == 100.0
    assert c.capaian(t, num(1), "naik") == pytest.approx(50.0)  # below: 1/2 × 100
    assert c.capaian(t, num(4.5), "naik") == pytest.approx(150.0)  # above: 4,5/3 × 100
    assert c.capaian(t, num(1), "turun") == pytest.approx(150.0)  # (4 − 1)/2 × 100
    assert c.capaian(t, num(4.5), "turun") == pytest.approx(50.0)  # (6 − 4,5)/3 × 100


def test_capaian_grade():
    """SAKIP predicates (PermenPAN-RB 12/2015): at or above the target 100 %, below by the
    bands' lower bounds (BB 70 ÷ A 80 = 87,5 %); BPK opinions by rank; plain text n/a."""
    from lkjip.inputs.notation import parse_value as v

    assert c.capaian(v("A"), v("A"), "naik") == 100.0
    assert c.capaian(v("A"), v(" a "), "naik") == 100.0
    assert c.capaian(v("BB"), v("A"), "naik") == 100.0  # better than the target
    assert c.capaian(v("A"), v("BB"), "naik") == pytest.approx(87.5)
    assert c.capaian(v("A"), v("D"), "naik") == 0.0
    assert c.capaian(v("WTP"), v("WDP"), "naik") == pytest.approx(200 / 3)
    assert c.capaian(v("A"), v("WTP"), "naik") is None  # not on the target's scale
    assert c.capaian(text("Tersedia"), text("Tersedia"), "naik") is None


def test_capaian_missing():
    assert c.capaian(num(10), EMPTY) is None
    assert c.capaian(num(10), None) is None
    assert c.capaian(EMPTY, num(3)) is None
    assert c.capaian(num(10), text("37 ; 17,5%")) is None


def test_capaian_zero_target():
    assert c.capaian(num(0), num(0)) is None  # one rule: a ratio to zero has no value
    assert c.capaian(num(0), num(5)) is None
    assert c.capaian(num(0), num(5), "turun") is None
    # realisasi zero against a positive target is just 0 %
    assert c.capaian(num(1.15), num(0)) == 0.0


def test_capaian_cap():
    assert c.capaian(num(1.37), num(7.98), cap=150) == 150.0
    assert c.capaian(num(10), num(6.17), cap=150) == pytest.approx(61.7)


def test_capaian_plain_numbers():
    assert c.capaian(4, 3) == pytest.approx(75.0)


def test_realisasi_setara():
    assert c.realisasi_setara(cmp("lt", 11, "<11"), num(9.74), "turun") == pytest.approx(12.26)
    assert c.realisasi_setara(num(3), num(3.34), "naik") == pytest.approx(3.34)
    assert c.realisasi_setara(num(3), EMPTY) is None


# ----------------------------------------------------------------------------- others


def test_rata_rata_and_selisih():
    assert c.rata_rata([100, None, 50]) == 75.0
    assert c.rata_rata([None]) is None
    assert c.rata_rata([]) is None
    assert c.selisih(111.45, 108.18) == pytest.approx(3.27)
    assert c.selisih(None, 1) is None


def test_kategori_default_bands():
    assert c.kategori(91) == "Sangat Tinggi"
    assert c.kategori(90.99) == "Tinggi"
    assert c.kategori(76) == "Tinggi"
    assert c.kategori(75.9) == "Sedang"
    assert c.kategori(66) == "Sedang"
    assert c.kategori(51) == "Rendah"
    assert c.kategori(50.99) == "Sangat Rendah"
    assert c.kategori(-20) == "Sangat Rendah"
    assert c.kategori(None) is None


def test_kategori_custom_bands():
    bands = [(0, "Kurang"), (100, "Baik")]
    assert c.kategori(120, bands) == "Baik"
    assert c.kategori(99, bands) == "Kurang"
    assert c.kategori(-5, bands) == "Kurang"  # below every band → lowest band


def test_efisiensi():
    # Nilai Investasi Industri: 4.170.195.729 / 14.157.209.890 × 186.797.290.000 − 3.804.142.463
    # = 55.023.642.865,0... − 3.804.142.463 ≈ 51.219.500.402 (the reference's figure)
    e = c.efisiensi(4170195729, 14157209890, 186797290000, 3804142463)
    assert e == pytest.approx(51219500402, abs=1)
    # Sarana Perdagangan: realisasi 0 → −realisasi anggaran
    assert c.efisiensi(9878392, 1.15, 0, 9878392) == pytest.approx(-9878392)
    # koefisien variasi: 629.679.481 / 11 × 12,26 − 435.020.381 = 266.786.022,37
    assert c.efisiensi(629679481, 11, 12.26, 435020381) == pytest.approx(266786022.4, abs=1)
    assert c.efisiensi(100, 0, 1, 1) is None
    assert c.efisiensi(100, 1, None, 1) is None


def test_persen():
    assert c.persen(1, 8) == 12.5
    assert c.persen(1, 0) is None
    assert c.persen(None, 5) is None


def test_budget_line():
    # Total belanja 2020: APBD-P 21.997.113.949, realisasi 20.601.008.196
    line = c.ringkasan_anggaran(27120466359, 21997113949, 20601008196)
    assert line["sisa"] == 1396105753
    assert line["persen"] == pytest.approx(93.6532, abs=1e-3)  # 20.601.008.196 / 21.997.113.949
    assert line["persen_sisa"] == pytest.approx(6.3468, abs=1e-3)
    empty = c.ringkasan_anggaran(None, None, None)
    assert empty["persen"] is None and empty["sisa"] is None


def test_refocusing():
    r = c.refocusing(27120466359, 21997113949)
    assert r["nilai"] == 5123352410
    assert r["persen"] == pytest.approx(18.8914, abs=1e-3)  # 5.123.352.410 / 27.120.466.359


def test_jumlah():
    assert c.jumlah([1, None, 2.5]) == 3.5
    assert c.jumlah([]) == 0
    rows = [{"l": 41, "p": 31}, {"l": 7, "p": 9}, {"l": 5, "p": None}]
    assert c.jumlah_kolom(rows, ["l", "p"]) == {"l": 53, "p": 40}


def test_code_tree():
    assert c.induk_kode("1.3.2.08") == "1.3.2"
    assert c.induk_kode("1") is None
    assert c.tingkat_kode("1.3.2.08") == 4
    values = {
        "1.3": None,
        "1.3.1": None,
        "1.3.1.01": 123373746.00,
        "1.3.2": None,
        "1.3.2.01": 210020000.00,
        "1.3.2.08": 8105526492.50,
        "1.5": None,
        "1.5.4.01": 297553000.00,  # intermediate 1.5.4 not listed: still counted in 1.5
        "1.5.3": None,  # group without leaves below: a leaf of value 0
    }
    t = c.subtotal_kode(values)
    assert t["1.3.2"] == pytest.approx(8315546492.50)
    assert t["1.3"] == pytest.approx(8438920238.50)
    assert t["1.5"] == pytest.approx(297553000.00)
    assert t["1.5.3"] == 0
    assert list(t) == list(values)
    assert c.akar_kode(values) == ["1.3", "1.5"]
    assert c.daun_kode(values) == {"1.3.1.01", "1.3.2.01", "1.3.2.08", "1.5.4.01", "1.5.3"}


def test_code_tree_prefix_is_not_parent():
    # "1.3" is not an ancestor of "1.31"
    t = c.subtotal_kode({"1.3": None, "1.3.1": 5, "1.31": 7})
    assert t["1.3"] == 5
    assert t["1.31"] == 7


def test_kertas_kerja_formulas():
    assert c.rasio(20, 53) == pytest.approx(37.7358, abs=1e-4)
    assert c.pertumbuhan(53, 50) == pytest.approx(6.0)
    assert c.rasio(0, 0) is None
    assert c.pertumbuhan(1, 0) is None
    assert c.evaluate_formula("rasio", [29, 53]) == pytest.approx(54.717, abs=1e-3)
    assert c.evaluate_formula("pertumbuhan", [53, 50]) == pytest.approx(6.0)
    assert c.evaluate_formula("jumlah", [0, 0, 0, 20, 20]) == 40
    assert c.evaluate_formula("teks", [1, 2]) is None
    assert c.evaluate_formula("rasio", [1]) is None


def test_efisiensi_dari_capaian_equals_the_formula_for_a_numeric_target():
    from lkjip.report.compute import efisiensi, efisiensi_dari_capaian

    # Nilai Investasi Industri 2020: (4.170.195.729 / 14.157.209.890 × 186.797.290.000) − 3.804.142.463
    direct = efisiensi(4_170_195_729, 14_157_209_890, 186_797_290_000, 3_804_142_463)
    via = efisiensi_dari_capaian(4_170_195_729, 186_797_290_000 / 14_157_209_890 * 100, 3_804_142_463)
    assert round(direct) == round(via) == 51_219_500_402
    # a range target 2–3 met inside the range (capaian 100): E/I = anggaran − realisasi anggaran
    assert efisiensi_dari_capaian(100.0, 100.0, 90.0) == 10.0
    assert efisiensi_dari_capaian(100.0, None, 90.0) is None
