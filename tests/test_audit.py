"""The consistency audit on tiny inputs and on the 2020 example."""

from pathlib import Path

import pytest

from lkjip.report.audit import same
from lkjip.inputs.notation import parse_value
from lkjip.pipeline import load_and_compute

ROOT = Path(__file__).parent.parent


def test_same_compares_numbers_not_spelling():
    assert same(parse_value("1.203.105.606,54"), parse_value("1203105606,54"))
    assert same(parse_value("3 (Nilai Indeks)"), parse_value("3"))
    assert same(parse_value("132 Orang"), parse_value("132"))
    assert not same(parse_value("≤7,82"), parse_value("9,74"))
    assert not same(parse_value("57%"), parse_value("40,00%"))
    assert same(parse_value("A"), parse_value("A"))


def test_2020_audit_finds_the_head_pk_realisasi_that_disagree_with_tabel_3_2():
    _, _, warnings = load_and_compute(ROOT, 2020)
    texts = [str(w) for w in warnings]
    # the reference's PK appendix prints other realisasi than Tabel 3.2 for 7 of the 8 IKU,
    # in both the PK and the PK Perubahan of the head of agency
    realisasi = [t for t in texts if 'kolom "realisasi": realisasi indikator' in t]
    assert len(realisasi) == 14
    assert (
        'data/2020/pk.csv, baris 2, kolom "realisasi": realisasi indikator "Nilai Ekspor" pada PK '
        '(Sunardi) tertulis "1.200.646.446,54", sedangkan di data/2020/iku.csv, baris 4, kolom '
        '"realisasi" tertulis "1.203.105.606,54". Saran: kosongkan kolom realisasi di tabel pk; '
        "laporan memakai realisasi dari tabel iku."
    ) in texts
    # 8 kegiatan indicators refocused to target 0: capaian n/a (one zero-target rule)
    assert len([t for t in texts if "target 0: capaian tidak dapat dihitung" in t]) == 8
    assert len(warnings) == 22


MINI = Path(__file__).parent / "fixtures" / "mini"


def audit_of(tmp_path, name, old, new):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(MINI, root)
    path = root / "data" / "2020" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return data_warnings(load_and_compute(root, 2020)[2])


def data_warnings(warnings) -> list[str]:
    """The data audit's warnings (the mini fixture has no chapters/, which is warned too)."""
    return [str(w) for w in warnings if not w.location.file.startswith("chapters/")]


def test_staff_totals_that_disagree(tmp_path):
    warnings = audit_of(tmp_path, "pegawai_jabatan.csv", "Sekretariat,5,4,3,6,0", "Sekretariat,5,4,3,7,0")
    assert warnings == [
        'data/2020/pegawai_jabatan.csv, baris 2: jumlah pegawai unit "Sekretariat" menurut jabatan '
        "(struktural + JFU + JFT) adalah 10, sedangkan laki-laki + perempuan = 9. Saran: samakan "
        "angka pegawai di tabel-tabel pegawai."
    ]


def test_kegiatan_marked_penambahan_whose_pagu_fell(tmp_path):
    warnings = audit_of(tmp_path, "kegiatan.csv", ",refocusing,", ",penambahan,")
    assert warnings == [
        'data/2020/kegiatan.csv, baris 2, kolom "jenis_perubahan": kegiatan 01.01 ditandai '
        '"penambahan", padahal pagu berubah dari Rp 200.000.000 menjadi Rp 150.000.000 '
        "(pengurangan/refocusing)."
    ]


def test_iku_without_supporting_kegiatan(tmp_path):
    warnings = audit_of(tmp_path, "efisiensi.csv", "IKU2,02.01", "IKU1,02.01")
    assert warnings == [
        'data/2020/iku.csv, baris 3, kolom "kode": IKU IKU2 ("Koefisien variasi harga") tidak punya '
        "kegiatan pendukung di tabel efisiensi; analisis efisiensinya tidak dapat dihitung."
    ]


def test_typed_belanja_langsung_that_disagrees_with_kegiatan(tmp_path):
    # kegiatan pagu sum is 150 + 80 + 60 = 290 million
    warnings = audit_of(tmp_path, "belanja.csv", 'langsung,"350.000.000",,', 'langsung,"350.000.000","300.000.000",')
    assert warnings == [
        'data/2020/belanja.csv, baris 3, kolom "apbd_p": nilai belanja langsung Rp 300.000.000 '
        "berbeda dengan jumlah dari tabel kegiatan (Rp 290.000.000); yang dipakai adalah jumlah "
        "dari tabel kegiatan. Saran: kosongkan sel ini; nilainya dihitung dari tabel kegiatan."
    ]


def test_previous_year_capaian_comes_from_last_years_data_and_disagreement_is_warned(tmp_path):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(MINI, root)
    shutil.copytree(root / "data" / "2020", root / "data" / "2021")
    _, context, warnings = load_and_compute(root, 2021)
    iku1 = context["iku_per_kode"]["IKU1"]
    # 2020: realisasi 126,5 against target 120 → 105,4166…%; the typed 95,83 is not used
    assert iku1["capaian_tahun_lalu"] == pytest.approx(126.5 / 120 * 100)
    assert iku1["selisih"] == pytest.approx(0)
    assert (
        'data/2021/iku.csv, baris 2, kolom "capaian_tahun_lalu": capaian tahun lalu tertulis '
        "95,83%, sedangkan dihitung dari data 2020 = 105,42%; yang dipakai adalah hasil hitung."
    ) in [str(w) for w in warnings]


def test_without_last_years_data_the_typed_column_is_used(tmp_path):
    _, context, _ = load_and_compute(MINI, 2020)
    assert context["iku_per_kode"]["IKU1"]["capaian_tahun_lalu"] == pytest.approx(95.83)
