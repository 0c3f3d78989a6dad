"""Real-world target/realisasi cells and their reading (the value model of docs/data.md),
and a property test: the parser only ever returns a Value or raises its own NotationError."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip.inputs.notation import NotationError, Value, parse_value
from lkjip.inputs.text import clean_text

# (typed, kind, number or (low, high) or grade, unit, note)
CASES = [
    ("57%", "number", 57.0, "", ""),
    ("1,37%", "number", 1.37, "", ""),
    ("100%", "number", 100.0, "", ""),
    ("100 %", "number", 100.0, "", ""),
    ("0", "number", 0.0, "", ""),
    ("6,17", "number", 6.17, "", ""),
    ("1.234.567,89", "number", 1234567.89, "", ""),
    ("14.157.209.890", "number", 14157209890.0, "", ""),
    ("1.37", "number", 1.37, "", ""),
    ("0.253", "number", 0.253, "", ""),
    ("-8,73", "number", -8.73, "", ""),
    ("(8,73)", "number", -8.73, "", ""),
    ("Rp 1.000", "number", 1000.0, "", ""),
    ("Rp. 27.120.466.359,00", "number", 27120466359.0, "", ""),
    ("Rp. 2.000.000,-", "number", 2000000.0, "", ""),  # ",-": no cents, as rupiah are written
    ("150.000.000,-", "number", 150000000.0, "", ""),
    ("<11", "lt", 11.0, "", ""),
    ("< 11", "lt", 11.0, "", ""),
    ("≤7,82", "le", 7.82, "", ""),
    ("<=7,82", "le", 7.82, "", ""),
    (">5", "gt", 5.0, "", ""),
    ("≥ 90%", "ge", 90.0, "", ""),
    (">=5", "ge", 5.0, "", ""),
    ("2-3", "range", (2.0, 3.0), "", ""),
    ("2–3", "range", (2.0, 3.0), "", ""),
    ("2 s.d. 3", "range", (2.0, 3.0), "", ""),
    ("2 s/d 3", "range", (2.0, 3.0), "", ""),
    ("5%-6%", "range", (5.0, 6.0), "", ""),
    # numbers with a unit or a note
    ("12 bulan", "number", 12.0, "bulan", ""),
    ("11 bulan", "number", 11.0, "bulan", ""),
    ("4 (skala 5)", "number", 4.0, "", "skala 5"),
    ("4,84 (skala 5)", "number", 4.84, "", "skala 5"),
    ("38% (Evaluasi Semester I)", "number", 38.0, "", "Evaluasi Semester I"),
    ("132 Orang", "number", 132.0, "Orang", ""),
    ("130 orang", "number", 130.0, "orang", ""),
    ("3 (Nilai Indeks)", "number", 3.0, "", "Nilai Indeks"),
    ("1 Dokumen", "number", 1.0, "Dokumen", ""),
    ("20 Industri", "number", 20.0, "Industri", ""),
    ("400 Kemasan", "number", 400.0, "Kemasan", ""),
    ("16 IKM OVOP", "number", 16.0, "IKM OVOP", ""),
    ("Rp 1,2 M", "number", 1.2e9, "M", ""),
    ("Rp 1,2 miliar", "number", 1.2e9, "miliar", ""),
    ("Rp 500 juta", "number", 5e8, "juta", ""),
    ("Rp 250 jt", "number", 2.5e8, "jt", ""),
    ("1,5 juta orang", "number", 1.5e6, "juta orang", ""),
    ("3 ribu", "number", 3000.0, "ribu", ""),
    ("2 triliun", "number", 2e12, "triliun", ""),
    ("5 M", "number", 5.0, "M", ""),  # no Rp: M is not read as miliar
    ("<11 hari", "lt", 11.0, "hari", ""),
    ("≤ 3 hari kerja", "le", 3.0, "hari kerja", ""),
    ("2–3 bulan", "range", (2.0, 3.0), "bulan", ""),
    ("90 % (target RPJMD)", "number", 90.0, "", "target RPJMD"),
    ("75 unit (termasuk 5 unit baru)", "number", 75.0, "unit", "termasuk 5 unit baru"),
    # grades on ordered scales
    ("A", "grade", "A", "", ""),
    ("AA", "grade", "AA", "", ""),
    ("BB", "grade", "BB", "", ""),
    ("bb", "grade", "BB", "", ""),
    ("B", "grade", "B", "", ""),
    ("CC", "grade", "CC", "", ""),
    ("C", "grade", "C", "", ""),
    ("D", "grade", "D", "", ""),
    ("Predikat BB", "grade", "BB", "", ""),
    ("A (Memuaskan)", "grade", "A", "", "Memuaskan"),
    ("WTP", "grade", "WTP", "", ""),
    ("W.T.P", "grade", "WTP", "", ""),
    ("Opini WTP", "grade", "WTP", "", ""),
    ("Wajar Tanpa Pengecualian", "grade", "WTP", "", ""),
    ("WDP", "grade", "WDP", "", ""),
    ("TW", "grade", "TW", "", ""),
    ("TMP", "grade", "TMP", "", ""),
    ("Disclaimer", "grade", "TMP", "", ""),
    ("WBK", "grade", "WBK", "", ""),
    ("WBBM", "grade", "WBBM", "", ""),
    ("Sangat Tinggi", "grade", "Sangat Tinggi", "", ""),
    ("sangat rendah", "grade", "Sangat Rendah", "", ""),
    ("Baik", "grade", "B", "", ""),
    ("Sangat Baik", "grade", "A", "", ""),
    # explicit no-value tokens
    ("NA", "empty", None, "", ""),
    ("n/a", "empty", None, "", ""),
    ("N/A", "empty", None, "", ""),
    ("-", "empty", None, "", ""),
    ("—", "empty", None, "", ""),
    ("–", "empty", None, "", ""),
    ("tidak ada data", "empty", None, "", ""),
    ("Belum ada data", "empty", None, "", ""),
    ("", "empty", None, "", ""),
    ("   ", "empty", None, "", ""),
    # text that is none of these (capaian n/a with a warning)
    ("18;25", "text", None, "", ""),
    ("40 ; 39", "text", None, "", ""),
    ("11:100", "text", None, "", ""),
    ("25 : 28", "text", None, "", ""),
    ("37 ; 17,5%", "text", None, "", ""),
    ("Tersedia", "text", None, "", ""),
    ("Semester I", "text", None, "", ""),
    ("3 dari 5", "text", None, "", ""),
    ("Ada", "text", None, "", ""),
    # cleaned on the way in
    ("57\u00a0%", "number", 57.0, "", ""),
    ("1\u200b2", "number", 12.0, "", ""),
    ("\ufeff42", "number", 42.0, "", ""),
]


@pytest.mark.parametrize("typed, kind, expected, unit, note", CASES)
def test_real_world_cells(typed, kind, expected, unit, note):
    value = parse_value(typed)
    assert value.kind == kind
    if kind in ("number", "lt", "le", "gt", "ge"):
        assert value.number == pytest.approx(expected)
    elif kind == "range":
        assert (value.low, value.high) == pytest.approx(expected)
    elif kind == "grade":
        assert value.grade == expected and value.scale is not None
    else:
        assert value.number is None
    assert (value.unit, value.note) == (unit, note)


def test_there_are_at_least_80_cases():
    assert len(CASES) >= 80


def test_english_notation_is_its_own_error():
    with pytest.raises(NotationError) as caught:
        parse_value("1,234,567.89")
    assert "penulisan angka Inggris" in caught.value.message


@pytest.mark.parametrize(
    "typed, cleaned",
    [
        ("Promosi\x0bdan pameran", "Promosi\ndan pameran"),  # Word's Shift+Enter
        ("a\x00b\x07c", "abc"),
        ("baris_x000D_\nbaru", "baris\nbaru"),
        ("Rp\u00a01.000", "Rp 1.000"),
        ("IKU\u200b1", "IKU1"),
        ("a\r\nb\rc", "a\nb\nc"),
    ],
)
def test_clean_text(typed, cleaned):
    assert clean_text(typed) == cleaned


CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789.,;:-–()%<>=≤≥ RrPpAaBbCcDdMjtWTK/\u00a0\u200b\x0b\x00")),
    max_size=20,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(CELL_TEXT, st.text(max_size=20), st.floats(), st.integers(), st.none()))
def test_parser_returns_a_value_or_its_own_error(typed):
    try:
        value = parse_value(typed)
    except NotationError as error:
        assert error.message and error.hint
        return
    assert isinstance(value, Value)
    assert value.kind in ("number", "lt", "le", "gt", "ge", "range", "grade", "text", "empty")
    if value.kind in ("number", "lt", "le", "gt", "ge"):
        assert value.number is not None
    assert "\x00" not in value.raw and "\x0b" not in value.raw
