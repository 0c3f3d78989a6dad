"""Exact strings of the Indonesian filters."""

import datetime as dt

import pytest

from lkjip.present import fmt
from lkjip.inputs.dates import MonthDate
from lkjip.inputs.notation import Value


def V(raw, kind, number=None, low=None, high=None, percent=False, decimals=0):
    return Value(raw=raw, kind=kind, number=number, low=low, high=high, percent=percent, decimals=decimals)


def test_angka():
    assert fmt.angka(14157209890) == "14.157.209.890"
    assert fmt.angka(6.17, 2) == "6,17"
    assert fmt.angka(0) == "0"
    assert fmt.angka(-8657852.4) == "-8.657.852"
    assert fmt.angka(1203105606.54, 2) == "1.203.105.606,54"
    assert fmt.angka(2.5) == "3"  # half-up, not Babel's half-even
    assert fmt.angka(0.005, 2) == "0,01"
    assert fmt.angka(-0.001, 2) == "0,00"
    assert fmt.angka(None) == "n/a"
    assert fmt.angka(float("nan")) == "n/a"


def test_rupiah():
    assert fmt.rupiah(27120466359) == "Rp 27.120.466.359,00"
    assert fmt.rupiah(27120466359, sen=False) == "Rp 27.120.466.359"
    assert fmt.rupiah(18355836194.32) == "Rp 18.355.836.194,32"
    assert fmt.rupiah(None) == "n/a"
    assert fmt.rupiah(-9878392, sen=False) == "-Rp 9.878.392"  # the sign before the currency
    assert fmt.rupiah(-0.001) == "Rp 0,00"  # no "-Rp 0,00"


def test_persen():
    assert fmt.persen(18.891) == "18,89%"
    assert fmt.persen(111.454545) == "111,45%"
    assert fmt.persen(1319.4517, 2) == "1.319,45%"
    assert fmt.persen(100, 0) == "100%"
    assert fmt.persen(None) == "n/a"


def test_nilai():
    assert fmt.nilai(V("<11", "lt", 11)) == "<11"
    assert fmt.nilai(V("<=7,82", "le", 7.82, decimals=2)) == "≤7,82"
    assert fmt.nilai(V(">5", "gt", 5)) == ">5"
    assert fmt.nilai(V(">=5", "ge", 5)) == "≥5"
    assert fmt.nilai(V("2-3", "range", low=2, high=3)) == "2–3"
    assert fmt.nilai(V("1,37%", "number", 1.37, percent=True, decimals=2)) == "1,37%"
    assert fmt.nilai(V("14157209890", "number", 14157209890)) == "14.157.209.890"
    assert fmt.nilai(V("1.203.105.606,54", "number", 1203105606.54, decimals=2)) == "1.203.105.606,54"
    assert fmt.nilai(V("40,00", "number", 40.0, decimals=2)) == "40,00"
    assert fmt.nilai(V("A", "text")) == "A"
    assert fmt.nilai(V("", "empty")) == "n/a"
    assert fmt.nilai(None) == "n/a"
    assert fmt.nilai(3) == "3"
    assert fmt.nilai(3.34) == "3,34"
    # angka() on a Value shows it as typed
    assert fmt.angka(V("<11", "lt", 11)) == "<11"


def test_words():
    assert fmt.terbilang(7) == "7 (tujuh)"
    assert fmt.terbilang(9.0) == "9 (sembilan)"
    assert fmt.terbilang(27) == "27 (dua puluh tujuh)"
    assert fmt.kata(7) == "tujuh"
    assert fmt.kata(None) == "n/a"


def test_dates():
    assert fmt.tanggal(dt.date(2020, 12, 31)) == "31 Desember 2020"
    assert fmt.tanggal(dt.datetime(2021, 3, 15, 10, 0)) == "15 Maret 2021"
    assert fmt.tanggal("2021-03") == "Maret 2021"
    assert fmt.tanggal("2021-03-15") == "15 Maret 2021"
    assert fmt.bulan_tahun(dt.date(2021, 3, 15)) == "Maret 2021"
    assert fmt.bulan_tahun("2021-03") == "Maret 2021"
    assert fmt.tanggal(MonthDate(2021, 3, 1)) == "Maret 2021"
    assert fmt.tanggal(None) == "n/a"


def test_dates_pandas_timestamp():
    pd = pytest.importorskip("pandas")
    assert fmt.tanggal(pd.Timestamp("2020-12-31")) == "31 Desember 2020"


def test_romawi():
    assert fmt.romawi(3) == "III"
    assert fmt.romawi(4) == "IV"
    assert fmt.romawi(9) == "IX"
    assert fmt.romawi(14) == "XIV"
    assert fmt.romawi(2020) == "MMXX"


def test_filters_registry():
    assert set(fmt.FILTERS) == {
        "angka", "rupiah", "persen", "nilai", "terbilang", "kata", "tanggal", "bulan_tahun", "romawi", "mutlak",
        "nilai_satuan", "arah_perubahan", "status_capaian", "efisiensi_kata", "persen_kalimat",
    }


def test_mutlak_keeps_na():
    from lkjip.present.fmt import mutlak, persen

    assert persen(mutlak(-8.727)) == "8,73%"
    assert persen(mutlak(None)) == "n/a"


@pytest.mark.parametrize("x", [0, 1, 7, 11, 19, 27, 100, 101, 1000, 1001, 2024, 15_000,
                               1_000_000, 186_797_290_000, 1_203_105_606, 10**15 + 7,
                               0.5, 2.5, 6.17, 9.74, 1.37, 33.33, 100.25])
def test_kata_says_what_num2words_says(x):
    """fmt loads num2words' Indonesian converter on its own (not the package's every language):
    the same words as ``num2words(x, lang="id")``."""
    from num2words import num2words

    assert fmt.kata(x) == num2words(x, lang="id")
