import math
from datetime import date

import pytest

from lkjip.inputs.dates import MonthDate, parse_date
from lkjip.inputs.notation import NotationError, Value, parse_number, parse_value


@pytest.mark.parametrize(
    "typed, number, decimals",
    [
        ("1.234.567,89", 1234567.89, 2),
        ("1234567,89", 1234567.89, 2),
        ("14.157.209.890", 14157209890.0, 0),
        ("1.234", 1234.0, 0),  # one group of three digits: thousands
        ("1.37", 1.37, 2),  # dot followed by two digits: decimal point
        ("0.253", 0.253, 3),  # lone zero before the dot: decimal point
        ("1234.5", 1234.5, 1),
        ("6,17", 6.17, 2),
        ("Rp 1.000", 1000.0, 0),
        ("Rp. 27.120.466.359,00", 27120466359.0, 2),
        ("-8,73", -8.73, 2),
        ("−8,73", -8.73, 2),  # unicode minus sign
        ("(8,73)", -8.73, 2),
        ("  42  ", 42.0, 0),
    ],
)
def test_plain_numbers(typed, number, decimals):
    value = parse_value(typed)
    assert value.kind == "number"
    assert value.number == pytest.approx(number)
    assert value.decimals == decimals
    assert value.raw == typed.strip()
    assert value.is_numeric
    assert parse_number(typed) == pytest.approx(number)


@pytest.mark.parametrize(
    "typed, kind, number, percent",
    [
        ("57%", "number", 57.0, True),
        ("1,37%", "number", 1.37, True),
        ("<11", "lt", 11.0, False),
        ("< 11", "lt", 11.0, False),
        ("≤7,82", "le", 7.82, False),
        ("<=7,82", "le", 7.82, False),
        (">5", "gt", 5.0, False),
        (">=5", "ge", 5.0, False),
        ("≥ 90%", "ge", 90.0, True),
    ],
)
def test_comparisons_and_percent(typed, kind, number, percent):
    value = parse_value(typed)
    assert (value.kind, value.number, value.percent) == (kind, pytest.approx(number), percent)


@pytest.mark.parametrize("typed", ["2-3", "2–3", "2 s.d. 3", "2 s/d 3", "2 - 3"])
def test_ranges(typed):
    value = parse_value(typed)
    assert (value.kind, value.low, value.high, value.number) == ("range", 2.0, 3.0, None)


def test_range_with_decimals_and_percent():
    value = parse_value("2,5%–3%")
    assert (value.low, value.high, value.percent, value.decimals) == (2.5, 3.0, True, 1)


def test_excel_numbers():
    assert parse_value(6.17) == Value(raw="6,17", kind="number", number=6.17, decimals=2)
    assert parse_value(14157209890.0) == Value(
        raw="14157209890", kind="number", number=14157209890.0
    )
    assert parse_value(7).number == 7.0
    assert parse_number(0.5) == 0.5


@pytest.mark.parametrize("empty", [None, "", "   ", float("nan")])
def test_empty(empty):
    value = parse_value(empty)
    assert value.kind == "empty" and value.raw == "" and not value.is_numeric


@pytest.mark.parametrize("typed, grade", [("A", "A"), ("BB", "BB"), ("wtp", "WTP")])
def test_grades(typed, grade):
    value = parse_value(typed)
    assert (value.kind, value.grade, value.raw, value.number) == ("grade", grade, typed, None)


@pytest.mark.parametrize("typed", ["n/a", "-", "NA", "tidak ada data"])
def test_no_value_tokens_are_empty_with_raw_kept(typed):
    value = parse_value(typed)
    assert (value.kind, value.raw, value.is_empty) == ("empty", typed, True)


@pytest.mark.parametrize("typed", ["37 ; 17,5%", "abc-def", "< baik", "Tersedia"])
def test_text_values(typed):
    value = parse_value(typed)
    assert value.kind == "text" and value.raw == typed and value.number is None
    assert not value.is_numeric


@pytest.mark.parametrize("typed", ["1,234,567.89", "1,234.5"])
def test_english_notation_is_rejected_with_hint(typed):
    with pytest.raises(NotationError) as caught:
        parse_value(typed)
    assert caught.value.message == f'nilai "{typed}" memakai penulisan angka Inggris.'
    assert (
        caught.value.hint == "tulis dengan cara Indonesia: titik untuk ribuan, koma untuk desimal."
    )
    with pytest.raises(NotationError):
        parse_number(typed)


def test_parse_number_rejects_text_comparisons_and_empty():
    with pytest.raises(NotationError) as caught:
        parse_number("abc")
    assert caught.value.message == 'nilai "abc" bukan angka.'
    assert caught.value.hint == "hapus huruf dan satuan dari sel ini."
    with pytest.raises(NotationError) as caught:
        parse_number("<11")
    assert caught.value.message == 'nilai "<11" bukan satu angka.'
    with pytest.raises(NotationError):
        parse_number("2-3")
    with pytest.raises(NotationError):
        parse_number("")


def test_dates():
    assert parse_date("2021-03-15") == date(2021, 3, 15)
    month = parse_date("2021-03")
    assert isinstance(month, MonthDate) and month == date(2021, 3, 1)
    assert not isinstance(parse_date("2021-03-15"), MonthDate)
    assert parse_date("31/12/2020") == date(2020, 12, 31)
    assert parse_date("31-12-2020") == date(2020, 12, 31)
    assert parse_date("15 Maret 2021") == date(2021, 3, 15)
    assert isinstance(parse_date("Maret 2021"), MonthDate)
    assert parse_date(date(2020, 12, 31)) == date(2020, 12, 31)


def test_a_date_excel_shows_as_its_serial_number():
    # a date cell formatted as General shows 44561; in a CSV it arrives as that text
    assert parse_date("44561") == date(2021, 12, 31)
    assert parse_date(44561) == date(2021, 12, 31)
    assert parse_date(44561.0) == date(2021, 12, 31)


@pytest.mark.parametrize("typed", ["31 Desember", "kemarin", "123", "44561,5", "1000000"])
def test_bad_dates(typed):
    with pytest.raises(NotationError) as caught:
        parse_date(typed)
    assert caught.value.message == f'nilai "{typed}" bukan tanggal.'


@pytest.mark.parametrize("typed", ["2020-13-01", "2020-02-30", "31/02/2021"])
def test_dates_that_are_not_in_the_calendar(typed):
    with pytest.raises(NotationError) as caught:
        parse_date(typed)
    assert caught.value.message == f'tanggal "{typed}" tidak ada di kalender.'
    assert caught.value.hint == "periksa tanggal dan bulannya."


def test_value_is_hashable_and_frozen():
    value = parse_value("<11")
    assert {value: 1}[parse_value("<11")] == 1
    with pytest.raises(AttributeError):
        value.kind = "number"  # type: ignore[misc]
    assert not math.isnan(value.number)
