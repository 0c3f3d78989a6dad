"""Money is exact: rupiah are Decimals from the cell to the printed total (GitHub issue 8)."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip.errors import InputError
from lkjip.inputs import load_dataset
from lkjip.inputs.notation import NotationError, parse_money
from lkjip.present import fmt
from lkjip.present.tables import build_table
from lkjip.present.words import chapter_names
from lkjip.report import build_report, compute

MINI = Path(__file__).parent / "fixtures" / "mini"
HUGE = "100.000.000.000.000.000.001"  # 10^20 + 1: a float keeps 10^20 only


@pytest.mark.parametrize("typed, expected", [
    ("1.234.567,89", "1234567.89"),
    ("1234567,89", "1234567.89"),
    ("Rp 1.000", "1000"),
    ("Rp. 150.000.000", "150000000"),
    ("Rp. 2.000.000,-", "2000000"),  # ",-" after rupiah: no cents
    ("150.000.000,-", "150000000"),
    ("0,10", "0.10"),
    (HUGE, "100000000000000000001"),
    ("100000000000000000001", "100000000000000000001"),
    (1234567.89, "1234567.89"),  # an Excel number, as Excel shows it
    (14157209890.0, "14157209890"),
    (5, "5"),
    ("(5.000)", "-5000"),  # the loader refuses the sign; parse_money reads it
])
def test_parse_money_is_exact(typed, expected):
    got = parse_money(typed)
    assert isinstance(got, Decimal) and got == Decimal(expected)


@pytest.mark.parametrize("typed", ["abc", "", "<5", "2-3", "12 bulan", "1,234,567.89"])
def test_parse_money_refuses_what_parse_number_refuses(typed):
    with pytest.raises(NotationError):
        parse_money(typed)


def test_float_would_lose_the_last_rupiah():
    assert float(10**20 + 1) + 1 == float(10**20)  # why money is not a float


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "proyek"
    shutil.copytree(MINI, root)
    return root


def _write(root: Path, name: str, text: str) -> None:
    (root / "data" / "2020" / name).write_text(text, encoding="utf-8")


def test_huge_pagu_sums_exactly_to_the_printed_total(tmp_path):
    root = _project(tmp_path)
    _write(root, "kegiatan.csv",
           "kode_program,kode,nama,pagu,realisasi\n"
           f'01,01.01,A,"{HUGE}","{HUGE}"\n'
           '01,01.02,B,1,"0,50"\n'
           '02,02.01,C,"60.000.000,25","45.000.000"\n')
    dataset = load_dataset(root, 2020)
    assert dataset["kegiatan"].column("pagu") == [
        Decimal("100000000000000000001"), Decimal(1), Decimal("60000000.25")]
    context = chapter_names(build_report(dataset))
    program = context["program_per_kode"]["01"]
    assert program["pagu"] == Decimal("100000000000000000002")
    assert program["realisasi"] == Decimal("100000000000000000001.50")
    assert program["sisa"] == Decimal("0.50")
    assert fmt.rupiah(program["pagu"]) == "Rp 100.000.000.000.000.000.002,00"
    langsung = context["anggaran"]["belanja"]["langsung"]
    assert langsung["apbd_p"] == Decimal("100000000000060000002.25")
    total = context["anggaran"]["belanja"]["total"]
    assert total["apbd_p"] == Decimal("100000000001010000002.25")  # + tidak langsung 950.000.000
    # refocusing = APBD − APBD-P of the total: 1.350.000.000 − that
    assert context["anggaran"]["refocusing"]["nilai"] == Decimal("-99999999999660000002.25")
    table = build_table("realisasi_kegiatan", context)
    printed = [[cell.text for cell in row] for row in table.rows]
    assert printed[0][3] == "100.000.000.000.000.000.002"  # program 01, pagu
    assert printed[-1][1] == "100.000.000.001.010.000.002"  # Total Nilai Belanja SKPD (no sen)


def test_aset_subtotals_are_exact(tmp_path):
    root = _project(tmp_path)
    _write(root, "aset.csv",
           "kode,nama,nilai\n1.3,Aset Tetap,\n"
           f'1.3.1,Tanah,"{HUGE},01"\n1.3.2,Peralatan,"0,02"\n')
    aset = build_report(load_dataset(root, 2020))["aset"]
    assert aset["per_kode"]["1.3"]["nilai"] == Decimal("100000000000000000001.03")
    assert fmt.angka(aset["total"], 2) == "100.000.000.000.000.000.001,03"


def test_percent_of_money_stays_a_float():
    assert compute.persen(Decimal("8944446472"), Decimal("10012502970")) == pytest.approx(89.3327, abs=1e-4)
    assert isinstance(compute.persen(Decimal(1), Decimal(3)), float)


def test_sums_and_differences_keep_floats_for_other_numbers():
    assert compute.jumlah([1.5, None, 2]) == 3.5 and isinstance(compute.jumlah([1, 2]), float)
    assert compute.jumlah([]) == 0.0
    assert compute.jumlah([Decimal("0.1"), 0.2]) == Decimal("0.3")  # a float among money: as printed
    assert compute.selisih(120.0, 100.0) == 20.0
    assert compute.selisih(Decimal("0.3"), Decimal("0.1")) == Decimal("0.2")


def test_efisiensi_in_money_matches_the_float_formula():
    exact = compute.efisiensi(Decimal("4170195729"), 14157209890, 186797290000, Decimal("3804142463"))
    assert isinstance(exact, Decimal)
    assert round(exact) == 51219500402  # as the 2020 report prints it
    assert compute.efisiensi_dari_capaian(Decimal("96750000"), 87.5, Decimal("94120000")) == Decimal("-9463750")


def test_percent_or_text_in_a_money_column_is_a_located_error(tmp_path):
    root = _project(tmp_path)
    _write(root, "apbn.csv", "kementerian,kode_satker,kegiatan,anggaran,realisasi\n"
                             "Perdagangan,309144,Pasar,50%,sepuluh juta\n")
    with pytest.raises(InputError) as caught:
        load_dataset(root, 2020)
    assert [str(i) for i in caught.value.issues] == [
        'data/2020/apbn.csv, baris 2, kolom "anggaran": nilai "50%" adalah persen, bukan jumlah uang. '
        "Yang diharapkan: angka rupiah, mis. 1.234.567,89. "
        "Saran: ketik jumlah rupiahnya; persentase dihitung sendiri oleh laporan.",
        'data/2020/apbn.csv, baris 2, kolom "realisasi": nilai "sepuluh juta" bukan angka. '
        "Yang diharapkan: angka rupiah, mis. 1.234.567,89. Saran: hapus huruf dan satuan dari sel ini.",
    ]


@pytest.mark.parametrize("x, d, printed", [
    (14157209890.0, 0, "14.157.209.890"),
    (Decimal("14157209890"), 0, "14.157.209.890"),
    (6.17, 2, "6,17"),
    (Decimal("6.17"), 2, "6,17"),
    (Decimal("2.675"), 2, "2,68"),  # half-up, as Excel
    (2.675, 2, "2,68"),
    (Decimal("-0.001"), 2, "0,00"),
    (10**20 + 1, 0, "100.000.000.000.000.000.001"),
    (1e30, 2, "1.000.000.000.000.000.000.000.000.000.000,00"),
])
def test_angka_prints_decimals_and_floats_alike(x, d, printed):
    assert fmt.angka(x, d) == printed


def test_typed_belanja_langsung_against_a_draft_kegiatan_realisasi_is_warned(tmp_path):
    """The kegiatan realisasi sum is n/a while one is empty: the typed one is named, no crash
    (before, comparing a number with None raised a TypeError)."""
    from lkjip import pipeline

    root = _project(tmp_path)
    _write(root, "belanja.csv", 'jenis,apbd,apbd_p,realisasi\ntidak_langsung,"1.000.000.000",'
                                '"950.000.000","900.000.000"\nlangsung,"350.000.000",,"280.000.000"\n')
    _write(root, "kegiatan.csv", "kode_program,kode,nama,pagu,realisasi\n"
                                 '01,01.01,A,"150.000.000","142.500.000"\n01,01.02,B,"80.000.000",\n'
                                 '02,02.01,C,"60.000.000","45.000.000"\n')
    _, _, warnings = pipeline.load_and_compute(root, 2020)
    assert [str(w) for w in warnings if "belanja.csv" in str(w)] == [
        'data/2020/belanja.csv, baris 3, kolom "realisasi": nilai belanja langsung Rp 280.000.000 '
        "berbeda dengan jumlah dari tabel kegiatan (n/a); yang dipakai adalah jumlah dari tabel "
        "kegiatan. Saran: kosongkan sel ini; nilainya dihitung dari tabel kegiatan."
    ]


def test_a_draft_realisasi_makes_every_total_it_belongs_to_n_a(tmp_path):
    """An empty kegiatan realisasi (a draft year) must not turn into a partial total that looks
    final: belanja langsung, the APBD total and the ringkasan's penyerapan are all n/a."""
    import csv
    import shutil
    from pathlib import Path

    from lkjip.inputs import load_dataset
    from lkjip.report import build_report

    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "data" / "2020", tmp_path / "data" / "2020")
    path = tmp_path / "data" / "2020" / "kegiatan.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["realisasi"] = ""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    model = build_report(load_dataset(tmp_path, 2020))
    belanja = model["anggaran"]["belanja"]
    assert belanja["tidak_langsung"]["realisasi"] is not None
    assert belanja["langsung"]["realisasi"] is None
    assert belanja["total"]["realisasi"] is None and belanja["total"]["persen"] is None
    assert belanja["total"]["apbd_p"] == belanja["tidak_langsung"]["apbd_p"] + belanja["langsung"]["apbd_p"]
    assert model["ringkasan"]["penyerapan_anggaran"] is None
