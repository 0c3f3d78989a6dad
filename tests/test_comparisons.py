"""Issue 10 items 4 and 5 on data/2020: the head's PK shows the IKU table's figures (one
source); the comparisons PermenPAN-RB 53/2014 asks for (Renstra end-of-period target,
multi-year trend, national standard) and the Ikhtisar Eksekutif summary."""

from pathlib import Path

import pytest

from lkjip.inputs import load_dataset
from lkjip.inputs.notation import parse_value
from lkjip.present.tables import build_table
from lkjip.present.words import chapter_names
from lkjip.report import build_report, realisasi_history

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def model():
    return build_report(load_dataset(ROOT, 2020))


def test_head_pk_realisasi_is_the_iku_realisasi(model):
    head = [d for d in model["pk"] if d["penandatangan"] == "Sunardi"]
    assert [d["jenis"] for d in head] == ["PK", "PK Perubahan"]
    for document in head:
        measured = [b for b in document["baris"] if b["iku"] is not None]
        assert len(measured) == 7  # IKU3, 4, 1, 2, 8, 7, 6 (IKU5 is not in the head's PK)
        for line in measured:
            assert line["realisasi"] is model["iku_per_kode"][line["kode_iku"]]["realisasi"]
    investasi = next(b for b in head[0]["baris"] if b["kode_iku"] == "IKU1")
    assert investasi["realisasi"].number == 186_797_290_000  # typed 14.157.209.890 in pk.csv
    # a PK row with its own target keeps it (PK target "10" vs IKU6 target "10%")
    contoh = next(b for b in head[0]["baris"] if b["kode_iku"] == "IKU6")
    assert contoh["target"].raw == "10" and contoh["realisasi"].raw == "6,17%"
    # a PK row of no IKU keeps what is typed
    pelayanan = head[1]["baris"][-1]
    assert pelayanan["iku"] is None and pelayanan["realisasi"].raw == "100%"


def test_pk_table_of_the_appendix_prints_the_iku_realisasi(model):
    spec = build_table("pk", chapter_names(model), indeks=0)
    investasi = next(r for r in spec.rows if any("Nilai Investasi Industri" in c.text for c in r))
    assert [c.text for c in investasi][-3:-1] == ["14.157.209.890", "186.797.290.000"]


def test_pk_row_without_kode_iku_is_matched_by_indicator_name():
    from lkjip.report.iku import pk_iku

    iku = {"indikator": "Nilai Ekspor", "kode": "IKU3"}
    by_name = {"nilai ekspor": iku}
    assert pk_iku({"kode_iku": "", "indikator": " Nilai  EKSPOR "}, {}, by_name) is iku
    assert pk_iku({"kode_iku": "", "indikator": "Nilai Ekspor (Juta US$)"}, {}, by_name) is None


def test_realisasi_against_the_renstra_end_of_period_target(model):
    investasi = model["iku_per_kode"]["IKU1"]
    assert model["renstra"]["tahun_akhir"] == 2022  # Renstra 2017-2022, first year 2018
    assert investasi["target_renstra_akhir"].number == 17_157_209_890  # target_5 (perubahan)
    assert investasi["realisasi"].number == 186_797_290_000
    assert investasi["progres_renstra"] == pytest.approx(186_797_290_000 / 17_157_209_890 * 100)
    koefisien = model["iku_per_kode"]["IKU4"]  # <11, turun: (2 × 11 − 9,74) / 11 × 100
    assert koefisien["progres_renstra"] == pytest.approx(111.4545, abs=1e-4)
    spec = build_table("capaian_renstra_akhir", chapter_names(model))
    assert [c.text for c in spec.rows[0]][3:] == ["17.157.209.890", "186.797.290.000", "1.088,74%"]
    assert spec.header[0][3].text == "Target Akhir Renstra (2022)"


def test_trend_over_the_years_in_data():
    dataset = load_dataset(ROOT, 2020)
    history = {2018: {"IKU1": parse_value("9.000"), "IKU3": parse_value("1.100")},
               2019: {"IKU1": parse_value("12.000")}}
    model = build_report(dataset, history=history)
    assert model["tahun_riwayat"] == [2018, 2019, 2020]
    riwayat = model["iku_per_kode"]["IKU1"]["riwayat"]
    assert [(r["tahun"], r["realisasi"] and r["realisasi"].number) for r in riwayat] == [
        (2018, 9000), (2019, 12000), (2020, 186_797_290_000)]
    assert model["iku_per_kode"]["IKU3"]["riwayat"][1]["realisasi"] is None  # 2019 not given
    spec = build_table("tren_iku", chapter_names(model))
    assert [c.text for c in spec.header[0]][3:] == ["2018", "2019", "2020"]
    realisasi, capaian = [c.text for c in spec.rows[2]][3::2], [c.text for c in spec.rows[2]][4::2]
    assert realisasi == ["1.100", "n/a", "1.203.105.606,54"]
    # capaian next to it: last year's is the one the comparison with last year uses (83,52%
    # typed in iku.capaian_tahun_lalu), earlier years' unknown here
    assert capaian == ["n/a", "83,52%", "65,55%"]


def test_without_history_last_year_comes_from_the_typed_column(model):
    assert model["tahun_riwayat"] == [2019, 2020]
    ekspor = model["iku_per_kode"]["IKU3"]["riwayat"]
    assert ekspor[0]["realisasi"].number == 1_318_136_726


def test_realisasi_history_reads_each_years_iku_table():
    history = realisasi_history({2020: load_dataset(ROOT, 2020)})
    assert history[2020]["IKU3"].raw == "1.203.105.606,54" and len(history[2020]) == 8


def test_national_standard_is_compared_where_given(model):
    assert model["ringkasan"]["jumlah_standar_nasional"] == 0
    assert all(i["standar_nasional"] is None and i["capaian_standar"] is None for i in model["iku"])
    import copy

    changed = copy.deepcopy(model)
    tenaga = changed["iku_per_kode"]["IKU2"]
    tenaga["standar_nasional"], tenaga["capaian_standar"] = parse_value("5%"), 159.6
    spec = build_table("standar_nasional", chapter_names(changed))
    assert [c.text for c in spec.rows[0]][1:] == [
        "Persentase Tenaga Kerja Industri", "%", "5%", "7,98%", "159,60%"]


def test_standar_nasional_column_is_read(tmp_path):
    import shutil

    shutil.copytree(ROOT / "data" / "2020", tmp_path / "data" / "2020")
    iku = tmp_path / "data" / "2020" / "iku.csv"
    lines = iku.read_text(encoding="utf-8").splitlines()
    lines[0] += ",standar_nasional"
    lines[2] += ',"5%"'  # IKU2: realisasi 7,98% against 5%
    iku.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tenaga = build_report(load_dataset(tmp_path, 2020))["iku_per_kode"]["IKU2"]
    assert tenaga["standar_nasional"].number == 5
    assert tenaga["capaian_standar"] == pytest.approx(7.98 / 5 * 100)


def test_summary_for_the_ikhtisar_by_hand(model):
    capaian = {  # data/2020/iku.csv, by hand
        "IKU1": 186_797_290_000 / 14_157_209_890 * 100,  # 1.319,45
        "IKU2": 7.98 / 1.37 * 100,  # 582,48
        "IKU3": 1_203_105_606.54 / 1_835_337_899 * 100,  # 65,55
        "IKU4": (22 - 9.74) / 11 * 100,  # 111,45 (turun)
        "IKU5": 0.0,
        "IKU6": 6.17 / 10 * 100,  # 61,70
        "IKU7": 40 / 57 * 100,  # 70,18
        "IKU8": 3.34 / 3 * 100,  # 111,33
    }
    summary = model["ringkasan"]
    assert summary["jumlah_iku"] == 8
    assert summary["capaian_rata_rata"] == pytest.approx(sum(capaian.values()) / 8)
    # Permendagri 86/2017: ≥91 Sangat Tinggi (IKU1, 2, 4, 8), 66–<76 Sedang (IKU7),
    # 51–<66 Rendah (IKU3, 6), <51 Sangat Rendah (IKU5)
    assert [(b["predikat"], b["jumlah"]) for b in summary["per_predikat"]] == [
        ("Sangat Tinggi", 4), ("Tinggi", 0), ("Sedang", 1), ("Rendah", 2), ("Sangat Rendah", 1)]
    assert (summary["tercapai"], summary["belum_tercapai"], summary["tanpa_capaian"]) == (4, 4, 0)
    assert summary["terbaik"]["kode"] == "IKU1" and summary["terlemah"]["kode"] == "IKU5"
    # belanja: (11.656.561.724 + 8.944.446.472) / (11.984.610.979 + 10.012.502.970)
    assert summary["penyerapan_anggaran"] == pytest.approx(
        (11_656_561_724 + 8_944_446_472) / (11_984_610_979 + 10_012_502_970) * 100)
    assert summary["penyerapan_belanja_langsung"] == pytest.approx(8_944_446_472 / 10_012_502_970 * 100)
    spec = build_table("ringkasan_predikat", chapter_names(model))
    assert [[c.text for c in r] for r in spec.rows] == [
        ["Sangat Tinggi", "≥ 91%", "4"], ["Tinggi", "76% – < 91%", "0"], ["Sedang", "66% – < 76%", "1"],
        ["Rendah", "51% – < 66%", "2"], ["Sangat Rendah", "< 51%", "1"], ["Jumlah IKU", "8"]]
