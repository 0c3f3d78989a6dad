"""Tests of lkjip.present.charts: the data feeding each chart, the cut axis, PNG bytes and determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkjip.present.charts import (
    CHARTS,
    build_chart,
)
from lkjip.present.charts.bars import (
    Bar,
    Program,
    axis_end,
    data_capaian_iku,
    data_realisasi_program,
    rupiah_scale,
)
from lkjip.present.registry import UnknownName

ROOT = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def ctx():
    return {
        "tahun": 2021,
        "iku": [
            {"indikator": "Nilai Investasi", "capaian": 1319.45},
            {"indikator": "Nilai Ekspor", "capaian": 65.55},
            {"indikator": "Sarana", "capaian": None},
        ],
        "anggaran": {"program": [
            {"kode": "01", "nama": "Program A", "pagu": 2_321_082_557.0,
             "realisasi": 2_270_109_629.0, "persen": 97.80},
            {"kode": "02", "nama": "Program B", "pagu": 0.0, "realisasi": 0.0, "persen": None},
        ]},
    }


def test_registry_and_unknown_name(ctx):
    assert set(CHARTS) == {"capaian_iku", "realisasi_program", "struktur_organisasi"}
    with pytest.raises(UnknownName, match='Grafik "pie" tidak dikenal.*capaian_iku'):
        build_chart("pie", ctx)


def test_data_capaian_iku(ctx):
    assert data_capaian_iku(ctx) == [Bar("Nilai Investasi", 1319.45), Bar("Nilai Ekspor", 65.55),
                                     Bar("Sarana", None)]


def test_data_realisasi_program(ctx):
    assert data_realisasi_program(ctx) == [
        Program("Program A", 2_321_082_557.0, 2_270_109_629.0, 97.80),
        Program("Program B", 0.0, 0.0, None),
    ]


def test_axis_is_cut_only_for_huge_capaian():
    # all below 300 %: the axis fits the largest bar (+20 % room), nothing cut
    assert axis_end([50.0, 111.45]) == (pytest.approx(133.74), False)
    assert axis_end([20.0, None]) == (pytest.approx(120.0), False)
    # 1.319,45 % and 582,48 % among ~100 % values: axis ends at 150 %, bars cut
    assert axis_end([1319.45, 582.48, 111.45, 0.0]) == (150.0, True)
    # the others' largest sets the end when it is beyond 120 %: 250 × 1,25
    assert axis_end([1000.0, 250.0]) == (pytest.approx(312.5), True)


def test_money_scale():
    assert rupiah_scale(4_095_327_241) == (1e9, "miliar rupiah")
    assert rupiah_scale(99_576_274) == (1e6, "juta rupiah")
    assert rupiah_scale(500) == (1.0, "rupiah")


@pytest.mark.parametrize("name", ["capaian_iku", "realisasi_program"])
def test_png_and_determinism(ctx, name):
    a = build_chart(name, ctx)
    b = build_chart(name, ctx)
    assert a.key == name and a.png.startswith(PNG_SIGNATURE)
    assert a.png == b.png
    assert b"Software" not in a.png[:2000]
    assert "2021" in a.title and a.width_cm == 15.0


def test_charts_from_2020_data():
    if not (ROOT / "data" / "2020").is_dir():
        pytest.skip("data/2020 belum ada")
    from lkjip.present.words import chapter_names
    from lkjip.report import build_report
    from lkjip.inputs import load_dataset

    c = chapter_names(build_report(load_dataset(ROOT, 2020)))
    bars = data_capaian_iku(c)
    assert len(bars) == 8
    assert bars[0].label == "Nilai Investasi Industri"
    assert bars[0].value == pytest.approx(186_797_290_000 / 14_157_209_890 * 100)  # 1.319,45 %
    programs = data_realisasi_program(c)
    assert programs[3].pagu == 4_095_327_241 and programs[3].realisasi == 3_734_793_175
    for name in CHARTS:
        assert build_chart(name, c).png.startswith(PNG_SIGNATURE)
