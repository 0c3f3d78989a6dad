"""Profil dates from an earlier year than the report's get a located warning (--check)."""

import shutil
from pathlib import Path

from lkjip.inputs import load_dataset
from lkjip.report.dates import dates_from_earlier_years

ROOT = Path(__file__).resolve().parents[1]


def test_2020_dates_are_current():
    assert dates_from_earlier_years(load_dataset(ROOT, 2020)) == []


def test_last_years_staff_date_in_a_new_year(tmp_path):
    shutil.copytree(ROOT / "data" / "2020", tmp_path / "data" / "2021")
    issues = dates_from_earlier_years(load_dataset(tmp_path, 2021))
    assert [str(i) for i in issues] == [
        'data/2021/profil.csv, baris 21, kolom "nilai": tanggal "tanggal_data_pegawai" '
        "(2020-12-31) berada di tahun 2020, sebelum tahun laporan 2021. Saran: perbarui "
        "tanggalnya untuk laporan 2021 (mis. data pegawai per 31 Desember 2021)."
    ]
    assert issues[0].level == "warning"
