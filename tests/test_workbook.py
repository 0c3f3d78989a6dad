"""Input workbook: round-trip through the loader, dropdowns, notes, formats, export command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lkjip.cli import main
from lkjip.inputs import load_dataset
from lkjip.inputs.notation import Value
from lkjip.inputs.schema import SCHEMAS
from lkjip.workbook import blank_repeated, dataset_tables, write_workbook

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data_2020():
    return load_dataset(ROOT, 2020)


@pytest.fixture(scope="module")
def written(data_2020, tmp_path_factory):
    root = tmp_path_factory.mktemp("wb")
    path = write_workbook(root / "data" / "2020" / "lkjip.xlsx", 2020, dataset_tables(data_2020), SCHEMAS)
    return root, path


def test_round_trip_gives_equal_frames(data_2020, written):
    root, _ = written
    again = load_dataset(root, 2020)
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(data_2020[name].frame, again[name].frame, obj=name)
    assert again.settings("profil") == data_2020.settings("profil")
    assert again["iku"].sheet == "iku"


def test_petunjuk_is_first_and_ignored_by_loader(written):
    root, path = written
    book = load_workbook(path)
    assert book.sheetnames[0] == "PETUNJUK"
    assert book.sheetnames[1:] == list(SCHEMAS)
    warnings = load_dataset(root, 2020).warnings
    # 2020 has no pengaturan/kategori: their header-only sheets mean "none", not a warning;
    # only the 8 kegiatan indicators with target 0 are reported (capaian n/a)
    assert [w.location.row for w in warnings] == [4, 13, 15, 18, 19, 20, 23, 24]
    assert all(w.message.startswith("target 0:") for w in warnings)


def test_arah_dropdown_and_header(written):
    _, path = written
    sheet = load_workbook(path)["iku"]
    assert [c.value for c in sheet[1]] == SCHEMAS["iku"].column_names
    assert sheet["F1"].value == "arah"
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["F2:F1048576"] == '"naik,turun"'
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert "W = wajib" in sheet["F1"].comment.text
    assert "naik, turun" in sheet["F1"].comment.text
    assert "O = opsional" in sheet["H1"].comment.text  # realisasi


def test_other_dropdowns(written):
    _, path = written
    book = load_workbook(path)

    def lists(name):
        return {str(v.sqref).split(":")[0]: v.formula1 for v in book[name].data_validations.dataValidation}

    assert lists("pk")["B2"] == '"PK,PK Perubahan"'
    assert lists("belanja")["A2"] == '"tidak_langsung,langsung"'
    assert lists("kegiatan")["G2"] == '"refocusing,pengurangan,penambahan"'
    assert lists("kertas_kerja") == {"C2": '"outcome,output"', "E2": '"rasio,pertumbuhan,jumlah,teks"'}
    assert lists("tujuan")["A2"] == '"awal,perubahan"'


def test_cells_values_raw_money_numbers(written):
    _, path = written
    book = load_workbook(path)
    iku = book["iku"]
    assert iku["A2"].value == "IKU1"
    assert iku["G2"].value == "14.157.209.890"  # target as typed in iku.csv
    assert iku["G5"].value == "<11"
    assert iku["C3"].value is None  # sasaran repeated: left empty (fill-down)
    kegiatan = book["kegiatan"]
    assert kegiatan["A2"].value == "01" and kegiatan["B2"].value == "01.01"
    assert kegiatan["D2"].value == 2058525350  # pagu 2.058.525.350 as a number
    assert kegiatan["D2"].number_format == "#,##0.00"
    assert kegiatan.column_dimensions["D"].number_format == "#,##0.00"
    assert kegiatan.column_dimensions["B"].number_format == "@"  # codes stay text
    assert book["profil"]["B11"].value == "2021-03"  # tanggal_penandatanganan, row 11


def test_long_text_wraps(written):
    _, path = written
    sheet = load_workbook(path)["indikator_program"]
    assert sheet["G1"].value == "keterangan"
    assert sheet.column_dimensions["G"].alignment.wrap_text
    assert not sheet.column_dimensions["A"].alignment.wrap_text


def test_blank_repeated_starts_groups():
    rows = [
        {"pk": "01", "jenis": "PK", "penandatangan": "A", "no": "1.", "sasaran": "S"},
        {"pk": "01", "jenis": "PK", "penandatangan": "A", "no": "1.", "sasaran": "S"},
        {"pk": "01", "jenis": "PK Perubahan", "penandatangan": "A", "no": "1.", "sasaran": "S"},
    ]
    out = blank_repeated(SCHEMAS["pk"], rows)
    assert [out[1][k] for k in ("pk", "jenis", "penandatangan", "no", "sasaran")] == [None] * 5
    # jenis changes: every inner fill-down column is written again
    assert [out[2][k] for k in ("pk", "jenis", "penandatangan", "no", "sasaran")] == [
        None, "PK Perubahan", "A", "1.", "S"
    ]


def test_empty_workbook_lists_profil_keys(tmp_path):
    path = write_workbook(tmp_path / "kosong.xlsx", None, None, SCHEMAS)
    book = load_workbook(path)
    keys = [row[0] for row in book["profil"].iter_rows(min_row=2, values_only=True)]
    assert keys == [k.name for k in SCHEMAS["profil"].keys]
    assert book["iku"].max_row == 1
    assert "TAHUN" in book["PETUNJUK"]["A1"].value


def test_value_written_as_raw_text(tmp_path):
    rows = [{"kode": "IKU1", "no_sasaran": "1", "sasaran": "S", "indikator": "I", "satuan": "%",
             "arah": "naik", "target": Value("1,37%", "number", 1.37, percent=True, decimals=2),
             "capaian_tahun_lalu": float("nan"), "keterangan": "=bukan rumus"}]
    path = write_workbook(tmp_path / "x.xlsx", 2021, {"iku": rows}, SCHEMAS)
    sheet = load_workbook(path)["iku"]
    assert sheet["G2"].value == "1,37%"
    assert sheet["J2"].value is None
    assert sheet["K2"].value == "=bukan rumus" and sheet["K2"].data_type == "s"


def test_workbook_command(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data" / "2020", tmp_path / "data" / "2020")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["workbook", "2020"])
    assert result.exit_code == 0, result.output
    assert result.output == "Selesai: output/lkjip-2020.xlsx\n"
    assert load_workbook(tmp_path / "output" / "lkjip-2020.xlsx")["iku"]["A9"].value == "IKU8"

    again = runner.invoke(main, ["workbook", "2020"])
    assert again.exit_code == 1
    assert again.stderr == (
        "Kesalahan: output/lkjip-2020.xlsx sudah ada. "
        "Saran: tambahkan --force untuk menimpanya, atau pindahkan file itu dulu.\n"
    )
    assert runner.invoke(main, ["workbook", "2020", "--force"]).exit_code == 0


def test_wrapped_rows_are_tall_enough(written):
    _, path = written
    sheet = load_workbook(path)["strategi"]
    header = [c.value for c in sheet[1]]
    arah = header.index("arah_kebijakan") + 1
    width = sheet.column_dimensions[chr(ord("A") + arah - 1)].width
    # the first arah kebijakan of 2020 is long: its row must hold every wrapped line
    text = sheet.cell(row=2, column=arah).value
    assert len(text) > width
    assert sheet.row_dimensions[2].height >= 15 * 2
