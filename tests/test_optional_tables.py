"""Required rows and optional tables (GitHub issue 8).

Every required key of a key-value table (``Key.required``) and every required row
(``required_rows``) missing is a located error. Every optional table of docs/data.md can be left
out: the report still builds, the part it feeds is left out, and the build warns once, naming
the table and the part. Each table is removed from a copy of the 2020 project (one ``--fast``
build per table); the kabupaten example is built once with every optional table removed.
"""

import shutil
from pathlib import Path

import pytest

from golden_text import document_text
from lkjip import pipeline
from lkjip.errors import InputError
from lkjip.inputs import load_dataset
from lkjip.inputs.schema import SCHEMAS

REPO = Path(__file__).resolve().parent.parent
KABUPATEN = REPO / "tests" / "fixtures" / "kabupaten"
MINI = REPO / "tests" / "fixtures" / "mini"
GOLDEN = REPO / "tests" / "golden"

# docs/data.md: the tables marked optional
OPTIONAL = ["pengaturan", "skala", "kategori", "struktur", "rpjmd", "apbn", "indikator_program",
            "indikator_kegiatan", "kertas_kerja", "pk", "aset"]
# text of the part each table feeds in the 2020 report (None: defaults are used instead)
PART_2020 = {
    "pengaturan": None,
    "skala": None,
    "kategori": None,
    "struktur": "Terlampir bagan struktur organisasi",
    "rpjmd": "Tujuan dan Sasaran RPJMD",
    "apbn": "APBN Dekonsentrasi",
    "indikator_program": "Target dan capaian program",
    "indikator_kegiatan": "Target dan capaian kinerja kegiatan",
    "kertas_kerja": "KERTAS KERJA EVALUASI CAPAIAN KINERJA",
    "pk": "PIHAK PERTAMA",
    "aset": "REKAPITULASI BARANG KE NERACA",
}
PART_KABUPATEN = ["Keterkaitan dengan RPJMD", "Analisis Program dan Kegiatan", "Kertas Kerja",
                  "PIHAK PERTAMA", "REKAPITULASI BARANG KE NERACA", "1.3.3 Aset", "Daftar Aset"]


def test_the_optional_tables_are_those_of_the_docs():
    assert sorted(name for name, schema in SCHEMAS.items() if not schema.required) == sorted(OPTIONAL)
    data_md = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    for name in OPTIONAL:
        assert f"## {name} " in data_md and "opsional" in data_md.split(f"## {name} ")[1].split("\n")[0]


def _copy(source: Path, tmp_path: Path) -> Path:
    root = tmp_path / "proyek"
    for part in ("data", "chapters"):
        shutil.copytree(source / part, root / part)
    return root


def _remove(root: Path, year: int, names) -> None:
    for name in names:
        for path in (root / "data" / str(year)).glob(f"{name}.*"):
            path.unlink()


def _absent_warnings(result) -> list[str]:
    return [str(w) for w in result.warnings if "tabel opsional" in w.message]


def _expected(name: str, year: int) -> str:
    schema = SCHEMAS[name]
    return (f'data/{year}: tabel opsional "{name}" tidak ada di data/{year}/; bagian {schema.left_out} '
            f'tidak dimuat. Saran: bila memang tidak ada, buat tabel "{name}" berisi baris judul saja ('
            + ", ".join(schema.column_names) + "); peringatan ini tidak muncul lagi.")


@pytest.mark.parametrize("name", OPTIONAL)
def test_2020_builds_without_each_optional_table(name, tmp_path):
    part = PART_2020[name]
    if part is None:
        # defaults instead of the table: nothing left out, nothing to warn. The 2020 example
        # has none of these three, so its own build (test_build, test_golden) is this case.
        assert not list((REPO / "data" / "2020").glob(f"{name}.*"))
        _, _, warnings = pipeline.load_and_compute(REPO, 2020)
        assert not any(f'tabel opsional "{name}"' in str(w) for w in warnings)
        return
    root = _copy(REPO, tmp_path)
    _remove(root, 2020, [name])
    result = pipeline.build(pipeline.Options(year=2020, root=root, fast=True), lambda _: None)
    assert result.docx is not None and result.docx.is_file()
    assert _absent_warnings(result) == [_expected(name, 2020)]
    assert next(w for w in result.warnings if "tabel opsional" in w.message).level == "warning"
    assert part in (GOLDEN / "lkjip_2020.txt").read_text(encoding="utf-8")
    text = document_text(result.docx)
    assert part not in text
    assert "Tidak ada data." not in text  # the chapters leave the part out, not an empty table


def test_kabupaten_builds_without_every_optional_table(tmp_path):
    root = _copy(KABUPATEN, tmp_path)
    _remove(root, 2023, OPTIONAL)
    result = pipeline.build(pipeline.Options(year=2023, root=root, fast=True), lambda _: None)
    assert result.docx.is_file()
    assert _absent_warnings(result) == [
        _expected(name, 2023) for name in SCHEMAS if PART_2020.get(name) and name in OPTIONAL]
    golden = (GOLDEN / "kabupaten_2023.txt").read_text(encoding="utf-8")
    text = document_text(result.docx)
    for part in PART_KABUPATEN:
        assert part in golden and part not in text, part
    assert "Tidak ada data." not in text


def test_a_header_only_table_means_none_and_is_not_warned(tmp_path):
    root = _copy(REPO, tmp_path)
    (root / "data" / "2020" / "apbn.csv").write_text(
        "kementerian,kode_satker,kegiatan,anggaran,realisasi\n", encoding="utf-8")
    _, context, warnings = pipeline.load_and_compute(root, 2020)
    assert context["anggaran"]["apbn"]["baris"] == []
    assert not any("apbn" in str(w) for w in warnings)


def test_a_table_without_data_prints_a_placeholder_row():
    from lkjip.present.tables import NO_DATA, build_table

    context = {"tahun": 2020, "anggaran": {"apbn": {"baris": [], "anggaran": 0.0, "realisasi": 0.0,
                                                     "persen": None}}}
    table = build_table("apbn", context)
    assert [[(c.text, c.colspan) for c in row] for row in table.rows] == [[(NO_DATA, 7)]]
    assert table.title == "Anggaran dan Realisasi Belanja APBN Dekonsentrasi Tahun 2020"


# --------------------------------------------------------------------------- required rows

REQUIRED_KEYS = [(s.name, k.name) for s in SCHEMAS.values() for k in s.keys if k.required]
REQUIRED_ROWS = [(s.name, s.required_rows[0], v) for s in SCHEMAS.values() if s.required_rows
                 for v in s.required_rows[2]]


def _errors(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_dataset(root, 2020)
    return [str(issue) for issue in caught.value.issues]


def _mini_without(tmp_path: Path, table: str, keep) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    path = root / "data" / "2020" / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if keep(line)), encoding="utf-8")
    return root


def test_required_keys_and_rows_are_declared_as_the_docs_say():
    assert {table for table, _ in REQUIRED_KEYS} == {"profil"}
    assert not any(k.required for k in SCHEMAS["pengaturan"].keys)
    data_md = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    profil_doc = data_md.split("## profil ")[1].split("\n## ")[0]
    documented = {line.split("`")[1] for line in profil_doc.splitlines() if line.startswith("| `")
                  and line.split("|")[2].strip() == "W"}
    assert documented == {key for _, key in REQUIRED_KEYS}
    assert REQUIRED_ROWS == [("belanja", "jenis", "tidak_langsung"), ("belanja", "jenis", "langsung")]


@pytest.mark.parametrize("table, key", REQUIRED_KEYS)
def test_a_missing_required_key_is_a_located_error(table, key, tmp_path):
    root = _mini_without(tmp_path, table, lambda line: not line.startswith(key + ","))
    assert _errors(root) == [
        f'data/2020/{table}.csv, kolom "kunci": kunci wajib "{key}" tidak ada atau nilainya kosong. '
        f'Yang diharapkan: baris dengan "{key}" di kolom kunci dan isinya di kolom nilai. '
        "Saran: tambahkan atau isi baris ini."
    ]


def test_a_required_key_with_an_empty_value_is_the_same_error(tmp_path):
    root = _mini_without(tmp_path, "profil", lambda line: True)
    path = root / "data" / "2020" / "profil.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join("visi,\n" if line.startswith("visi,") else line for line in lines),
                    encoding="utf-8")
    assert _errors(root) == [
        'data/2020/profil.csv, kolom "kunci": kunci wajib "visi" tidak ada atau nilainya kosong. '
        'Yang diharapkan: baris dengan "visi" di kolom kunci dan isinya di kolom nilai. '
        "Saran: tambahkan atau isi baris ini."
    ]


@pytest.mark.parametrize("table, column, value", REQUIRED_ROWS)
def test_a_missing_required_row_is_a_located_error(table, column, value, tmp_path):
    root = _mini_without(tmp_path, table, lambda line: not line.startswith(value + ","))
    assert _errors(root) == [
        f'data/2020/{table}.csv, kolom "{column}": baris {table} "{value}" tidak ada. '
        f'Yang diharapkan: satu baris dengan "{value}" di kolom {column}. '
        "Saran: tambahkan baris ini (angka yang belum ada boleh dikosongkan)."
    ]
