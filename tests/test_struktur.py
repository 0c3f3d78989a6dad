"""The optional ``struktur`` table: schema and loading, the context tree and counts, and the
``struktur_organisasi`` chart (Gambar 1.1)."""

import shutil
from pathlib import Path

import pytest

from lkjip.present.charts import build_chart
from lkjip.present.charts.orgchart import OrgChart, Unit, data_struktur_organisasi, layout
from lkjip.present.registry import CannotBuild
from lkjip.report import build_report
from lkjip.errors import InputError
from lkjip.inputs import Table, load_dataset
from lkjip.inputs.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

BPSMB = "Unit Pelaksana Teknis Daerah Balai Pengujian dan Sertifikasi Mutu Barang (BPSMB)"


@pytest.fixture(scope="module")
def context_2020():
    return build_report(load_dataset(ROOT, 2020))


def project_with_struktur(tmp_path: Path, csv: str) -> Path:
    """A copy of data/2020 (no chapters needed) whose struktur.csv is ``csv``."""
    shutil.copytree(ROOT / "data" / "2020", tmp_path / "data" / "2020")
    (tmp_path / "data" / "2020" / "struktur.csv").write_text(csv, encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------------------- schema and load


def test_schema():
    schema = SCHEMAS["struktur"]
    assert schema.column_names == ["unit", "induk", "jenis"]
    assert not schema.required
    assert schema.column("unit").required and not schema.column("induk").required
    assert schema.column("jenis").choices == (
        "pimpinan", "sekretariat", "bidang", "uptd", "subbagian", "seksi", "fungsional"
    )
    assert [(r.column, r.table, r.target_column) for r in schema.references] == [
        ("induk", "struktur", "unit")
    ]


def test_unknown_induk_is_reported_with_its_row(tmp_path):
    root = project_with_struktur(
        tmp_path,
        "unit,induk,jenis\nKepala Dinas,,pimpinan\nSekretariat,Kepala Dinas,sekretariat\n"
        "Sub Bagian Umum,Sekretariat Dinas,subbagian\n",
    )
    with pytest.raises(InputError) as caught:
        load_dataset(root, 2020)
    assert [str(i) for i in caught.value.issues] == [
        'data/2020/struktur.csv, baris 4, kolom "induk": kode "Sekretariat Dinas" tidak ada di '
        'tabel "struktur" (data/2020/struktur.csv). Yang diharapkan: kode dari kolom "unit" tabel '
        "struktur: Kepala Dinas, Sekretariat, Sub Bagian Umum. Saran: perbaiki kode ini atau "
        "tambahkan baris dengan kode ini di tabel struktur."
    ]


def test_same_name_under_the_same_induk_is_refused_but_allowed_under_another(tmp_path):
    root = project_with_struktur(
        tmp_path,
        "unit,induk,jenis\nKepala Dinas,,pimpinan\nUPTD A,Kepala Dinas,uptd\n"
        "UPTD B,Kepala Dinas,uptd\nSub Bagian Tata Usaha,UPTD A,subbagian\n"
        "Sub Bagian Tata Usaha,UPTD B,subbagian\nSub Bagian Tata Usaha,UPTD B,subbagian\n",
    )
    with pytest.raises(InputError) as caught:
        load_dataset(root, 2020)
    [issue] = caught.value.issues
    assert issue.location.row == 7
    assert issue.message == 'induk "UPTD B", unit "Sub Bagian Tata Usaha" sudah ada di baris 6.'


def test_bad_jenis(tmp_path):
    root = project_with_struktur(tmp_path, "unit,induk,jenis\nKepala Dinas,,kepala\n")
    with pytest.raises(InputError) as caught:
        load_dataset(root, 2020)
    [issue] = caught.value.issues
    assert issue.location.column == "jenis" and "pimpinan, sekretariat, bidang" in issue.expected


# --------------------------------------------------------------------------- context


def test_tree_of_2020(context_2020):
    [kepala] = context_2020["struktur"]
    assert (kepala["unit"], kepala["jenis"]) == ("Kepala Dinas", "pimpinan")
    anak = kepala["anak"]
    # the reference's list 1.3.1 b. ... i.
    assert [a["jenis"] for a in anak] == ["sekretariat"] + ["bidang"] * 4 + ["uptd"] * 2 + ["fungsional"]
    assert [s["unit"] for s in anak[0]["anak"]] == [
        "Sub Bagian Umum", "Sub bagian Keuangan", "Sub Bagian Perencanaan"
    ]
    assert anak[5]["unit"] == BPSMB
    assert [s["unit"] for s in anak[5]["anak"]] == [
        "Sub Bagian Tata Usaha", "Seksi Pengujian, Sertifikasi dan Kalibrasi", "Seksi Pengendalian Mutu"
    ]
    assert [s["unit"] for s in anak[7]["anak"]] == ["Penyuluh Perindustrian dan Perdagangan", "Penguji Mutu Barang"]
    assert all(s["anak"] == [] for a in anak for s in a["anak"])


def test_counts_of_2020_match_the_reference_sentence(context_2020):
    # counted by hand from the reference's list 1.3.1: Sub Bagian = 3 (Sekretariat) + 1 (BPSMB)
    # + 1 (RPK) = 5; Seksi = 4 bidang x 3 + 2 (BPSMB) + 2 (RPK) = 16, as its sentence says
    # ("1 Sekretaris, 4 Kepala Bidang, 2 Kepala UPTD, 5 Kepala Sub Bagian dan 16 Kepala Seksi")
    assert context_2020["struktur_jumlah"] == {
        "pimpinan": 1, "sekretariat": 1, "bidang": 4, "uptd": 2, "subbagian": 5, "seksi": 16,
        "fungsional": 3,  # the kelompok and its 2 jabatan
    }


class _Dataset:
    """Just enough of load.Dataset for the struktur part of the report."""

    def __init__(self, rows):
        typed = [{"unit": u, "induk": i, "jenis": j, "_row": n} for n, (u, i, j) in enumerate(rows, start=2)]
        self.tables = {"struktur": Table("struktur", typed, "data/2021/struktur.csv", None)}

    def __getitem__(self, name):
        return self.tables[name]


def _struktur(rows):
    from lkjip.report.profile import struktur_counts, struktur_tree

    tree = struktur_tree(_Dataset(rows))
    return tree, struktur_counts(tree)


def test_absent_table_gives_empty_tree_and_zero_counts():
    tree, jumlah = _struktur([])
    assert tree == []
    assert set(jumlah.values()) == {0} and len(jumlah) == 7


def test_children_follow_table_order_not_parent_position():
    tree, jumlah = _struktur([
        ("Kepala", "", "pimpinan"),
        ("Seksi X", "Bidang A", "seksi"),  # listed before its bidang: still its child
        ("Bidang A", "Kepala", "bidang"),
        ("Seksi Y", "Bidang A", "seksi"),
    ])
    assert tree == [{"unit": "Kepala", "jenis": "pimpinan", "anak": [
        {"unit": "Bidang A", "jenis": "bidang", "anak": [
            {"unit": "Seksi X", "jenis": "seksi", "anak": []},
            {"unit": "Seksi Y", "jenis": "seksi", "anak": []},
        ]},
    ]}]
    assert jumlah["seksi"] == 2 and jumlah["bidang"] == 1


def _struktur_warnings(rows):
    from lkjip.report.audit import struktur_links

    dataset = _Dataset(rows)
    return struktur_links(dataset, {})


AMBIGUOUS = [
    ("Kepala", "", "pimpinan"),
    ("UPTD A", "Kepala", "uptd"),
    ("UPTD B", "Kepala", "uptd"),
    ("Sub Bagian Tata Usaha", "UPTD A", "subbagian"),
    ("Sub Bagian Tata Usaha", "UPTD B", "subbagian"),
    ("Staf", "Sub Bagian Tata Usaha", ""),
]


def test_ambiguous_induk_is_warned_and_the_unit_left_out():
    assert [str(i) for i in _struktur_warnings(AMBIGUOUS)] == [
        'data/2021/struktur.csv, baris 7, kolom "induk": induk "Sub Bagian Tata Usaha" tidak jelas: '
        "unit dengan nama ini ada di lebih dari satu baris (5, 6). Saran: beri nama yang berbeda "
        "pada unit-unit itu (mis. tambahkan nama UPTD-nya)."
    ]
    tree, _ = _struktur(AMBIGUOUS)
    assert "Staf" not in str(tree)


LOOP = [
    ("Kepala", "", "pimpinan"),
    ("Bidang A", "Bidang B", "bidang"),
    ("Bidang B", "Bidang A", "bidang"),
    ("Seksi", "Seksi", "seksi"),
]


def test_loop_of_induk_is_warned_and_left_out_of_the_tree():
    warnings = _struktur_warnings(LOOP)
    assert [i.location.row for i in warnings] == [3, 4, 5]
    assert str(warnings[0]) == (
        'data/2021/struktur.csv, baris 3, kolom "induk": unit "Bidang A" tidak terhubung ke '
        "pimpinan: rantai induknya berputar kembali. Saran: kosongkan induk pada pimpinan dan "
        "periksa induk unit-unit di rantai ini."
    )
    tree, jumlah = _struktur(LOOP)
    assert tree == [{"unit": "Kepala", "jenis": "pimpinan", "anak": []}]
    assert jumlah["bidang"] == 0 and jumlah["seksi"] == 0


# --------------------------------------------------------------------------- chart

SMALL = {
    "tahun": 2021,
    "profil": {"nama_lengkap": "Dinas Contoh Provinsi Contoh"},
    "struktur": [{"unit": "Kepala Dinas", "jenis": "pimpinan", "anak": [
        {"unit": "Kelompok Jabatan Fungsional", "jenis": "fungsional", "anak": []},
        {"unit": "Sekretariat", "jenis": "sekretariat", "anak": [
            {"unit": "Sub Bagian Umum", "jenis": "subbagian", "anak": []},
            {"unit": "Sub Bagian Keuangan", "jenis": "subbagian", "anak": []},
        ]},
        {"unit": "Bidang A", "jenis": "bidang", "anak": [
            {"unit": "Seksi A1 dengan nama yang sangat panjang sekali", "jenis": "seksi", "anak": []},
            {"unit": "Seksi A2", "jenis": "seksi", "anak": []},
        ]},
        {"unit": "UPTD B", "jenis": "uptd", "anak": [
            {"unit": "Seksi B1", "jenis": "seksi", "anak": []},
        ]},
    ]}],
}


def test_data_struktur_organisasi_places_sekretariat_right_fungsional_left():
    chart = data_struktur_organisasi(SMALL)
    assert chart.head.name == "Kepala Dinas"
    assert chart.right.name == "Sekretariat" and [a.name for a in chart.right.children] == [
        "Sub Bagian Umum", "Sub Bagian Keuangan"
    ]
    assert chart.left == Unit("Kelompok Jabatan Fungsional", "fungsional")
    assert [k.name for k in chart.columns] == ["Bidang A", "UPTD B"]
    assert data_struktur_organisasi({"struktur": []}) == OrgChart(None, None, None, ())


def _overlap(a, b) -> bool:
    return (a.x < b.x + b.width and b.x < a.x + a.width
            and a.y < b.y + b.height and b.y < a.y + a.height)


@pytest.mark.parametrize("ctx", ["small", "2020"])
def test_layout_boxes_do_not_overlap_and_fit_the_figure(ctx, context_2020):
    chart = data_struktur_organisasi(SMALL if ctx == "small" else context_2020)
    boxes, lines, width, height = layout(chart)
    units = 10 if ctx == "small" else 32
    assert len(boxes) == units and len(lines) >= units - 1
    for i, a in enumerate(boxes):
        assert 0 <= a.x and a.x + a.width <= width and 0 <= a.y and a.y + a.height <= height
        assert all(not _overlap(a, b) for b in boxes[i + 1:])
    # the head on top, centred; the sekretariat right of it, the fungsional group left
    head = boxes[0]
    assert head.text == "Kepala Dinas" and head.x + head.width / 2 == pytest.approx(width / 2)
    sek = next(k for k in boxes if k.kind == "sekretariat")
    fung = next(k for k in boxes if k.kind == "fungsional")
    assert sek.x > width / 2 > fung.x + fung.width
    assert any(g.dashed for g in lines)  # the fungsional group's dashed line
    # columns (bidang, uptd) in one row with the same height, below every side box
    columns = [k for k in boxes if k.kind in ("bidang", "uptd")]
    assert len({(k.y, k.height) for k in columns}) == 1
    assert all(k.y > s.y + s.height for k in columns for s in boxes if s.y < columns[0].y)


def test_long_names_are_wrapped_to_the_box():
    boxes, _, _, _ = layout(data_struktur_organisasi(SMALL))
    long = next(k for k in boxes if k.text.startswith("Seksi A1"))
    assert "\n" in long.text
    assert long.text.replace("\n", " ") == "Seksi A1 dengan nama yang sangat panjang sekali"


def test_png_determinism_and_title(context_2020):
    a = build_chart("struktur_organisasi", SMALL)
    b = build_chart("struktur_organisasi", SMALL)
    assert a.png.startswith(PNG_SIGNATURE) and a.png == b.png
    assert b"Software" not in a.png[:2000]
    assert a.key == "struktur_organisasi" and a.width_cm == 15.0
    assert a.title == "Struktur Organisasi Dinas Contoh Provinsi Contoh"
    c = build_chart("struktur_organisasi", context_2020)
    assert c.title == (
        "Struktur Organisasi Dinas Perindustrian dan Perdagangan Provinsi Kepulauan Bangka Belitung"
    )
    assert c.png.startswith(PNG_SIGNATURE) and c.png != a.png


def test_no_struktur_table_is_a_clear_error():
    with pytest.raises(CannotBuild, match='Grafik "struktur_organisasi" memerlukan tabel struktur'):
        build_chart("struktur_organisasi", {"tahun": 2021, "profil": {}, "struktur": []})
