"""The judgement filters of present/words.py: every judgement word about a figure comes from
the figure (issue 10: "Year two writes itself")."""

import pytest

from lkjip.present.fmt import FILTERS
from lkjip.inputs.notation import parse_value
from lkjip.present.words import (
    arah_perubahan,
    efisiensi_kata,
    nilai_satuan,
    persen_kalimat,
    status_capaian,
)


@pytest.mark.parametrize(
    "change, kwargs, expected",
    [
        (-8.7265, {}, "turun 8,73%"),  # Nilai Ekspor 2020 against 2019
        (62.08, {}, "naik 62,08%"),  # the rise the copied text called "turun"
        (0.004, {}, "tetap"),  # rounds to 0,00%
        (-0.004, {}, "tetap"),
        (0.005, {}, "naik 0,01%"),  # half-up, as printed
        (-1500.0, {"bentuk": "rupiah"}, "turun Rp 1.500"),
        (2.5, {"bentuk": "angka", "d": 1}, "naik 2,5"),
        (None, {}, "tidak dapat dibandingkan (data tahun lalu belum diisi)"),
    ],
)
def test_arah_perubahan(change, kwargs, expected):
    assert arah_perubahan(change, **kwargs) == expected


@pytest.mark.parametrize(
    "capaian, kategori, expected",
    [
        (1319.45, None, "melampaui target"),
        (100.0, None, "tercapai"),
        (99.996, None, "tercapai"),  # printed as 100,00%
        (99.994, None, "belum tercapai"),  # printed as 99,99%
        (65.55, "Rendah", "belum tercapai (kategori Rendah)"),  # not "sedikit dibawah target"
        (111.45, "Sangat Tinggi", "melampaui target (kategori Sangat Tinggi)"),
        (0.0, None, "belum tercapai"),
        (None, "Tinggi", "belum dapat dinilai (realisasi belum diisi)"),
    ],
)
def test_status_capaian(capaian, kategori, expected):
    assert status_capaian(capaian, kategori) == expected


@pytest.mark.parametrize(
    "nilai, expected",
    [
        (51219500402.4, "efisiensi sebesar Rp 51.219.500.402"),
        (-8657852.3, "inefisiensi sebesar Rp 8.657.852"),  # positive amount, no "Rp -"
        (-174924700.0, "inefisiensi sebesar Rp 174.924.700"),
        (0.0, "efisiensi sebesar Rp 0"),
        (-0.4, "efisiensi sebesar Rp 0"),  # rounds to Rp 0: no "inefisiensi sebesar Rp 0"
        (None, "efisiensi belum dapat dihitung (realisasi belum diisi)"),
    ],
)
def test_efisiensi_kata(nilai, expected):
    assert efisiensi_kata(nilai) == expected


def test_persen_kalimat_never_prints_n_a():
    assert persen_kalimat(65.5476) == "65,55%"
    assert persen_kalimat(7.8, 1) == "7,8%"
    assert persen_kalimat(None) == "belum dapat dihitung (realisasi belum diisi)"
    assert persen_kalimat(float("nan")) == "belum dapat dihitung (realisasi belum diisi)"


@pytest.mark.parametrize("typed, satuan, expected", [
    ("14.157.209.890", "Rp", "Rp 14.157.209.890"),
    ("1835337899", "US$", "US$ 1.835.337.899"),
    ("7,98", "%", "7,98%"),
    ("7,98%", "%", "7,98%"),
    ("<11", "%", "<11%"),
    ("3,34", "Nilai", "3,34"),
    ("12 bulan", "Rp", "12 bulan"),  # typed with its own unit: as typed
    ("BB", "Rp", "BB"),  # a grade gets no unit
    ("", "%", "belum diisi"),  # never "n/a%"
    ("NA", "Rp", "belum diisi"),
])
def test_nilai_satuan(typed, satuan, expected):
    assert nilai_satuan(parse_value(typed), satuan) == expected


def test_filters_are_registered_for_chapters():
    for name in ("arah_perubahan", "status_capaian", "efisiensi_kata", "persen_kalimat",
                 "nilai_satuan"):
        assert FILTERS[name] is globals()[name]


def test_in_a_chapter_sentence():
    from jinja2 import Environment

    env = Environment()
    env.filters.update(FILTERS)
    template = env.from_string(
        "{{ i.indikator }} {{ i.pertumbuhan | arah_perubahan }}, {{ i.capaian | status_capaian(i.kategori) }}; "
        "capaian {{ i.capaian | persen_kalimat }}; terjadi {{ e | efisiensi_kata }}."
    )
    draft = {"indikator": "Nilai Ekspor", "pertumbuhan": None, "capaian": None, "kategori": None}
    assert template.render(i=draft, e=None) == (
        "Nilai Ekspor tidak dapat dibandingkan (data tahun lalu belum diisi), belum dapat dinilai "
        "(realisasi belum diisi); capaian belum dapat dihitung (realisasi belum diisi); terjadi "
        "efisiensi belum dapat dihitung (realisasi belum diisi)."
    )


def test_a_draft_year_says_in_words_what_is_missing(tmp_path):
    """Year two: the 2020 chapters over data whose realisasi are not all filled yet never print
    "n/a%", "× n/a" or "terjadi  sebesar", and negative E/I are worded with a positive amount."""
    import re
    import shutil
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "tests"))
    from golden_text import document_text
    from lkjip import pipeline

    for part in ("data/2020", "chapters/2020"):
        shutil.copytree(root / part, tmp_path / part)
    iku = tmp_path / "data" / "2020" / "iku.csv"
    lines = iku.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace('"1.203.105.606,54",', ",")  # IKU3 Nilai Ekspor: realisasi empty
    iku.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = pipeline.build(pipeline.Options(year=2020, root=tmp_path, fast=True), lambda _: None)
    prose = "\n".join(line for line in document_text(result.docx).splitlines() if not line.startswith("|"))
    assert "n/a%" not in prose and "× n/a" not in prose and "terjadi  sebesar" not in prose
    assert "sebesar Rp -" not in prose and "sebesar -Rp" not in prose  # formulas keep the sign: "= -Rp 9.878.392"
    assert "Realisasi Perolehan Nilai Ekspor Tahun 2020 belum diisi, sehingga capaiannya terhadap target " \
        "US$ 1.835.337.899 belum dapat dihitung" in prose
    assert "E/I belum dapat dihitung karena realisasi kinerjanya belum diisi." in prose
    assert re.search(r"Nilai Ekspor dapat dikatakan terjadi efisiensi belum dapat dihitung", prose)
