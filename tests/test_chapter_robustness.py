"""Chapters as planners break them (issue 9): other encodings, a missing or misplaced file,
runaway loops, Jinja mistakes and failing expressions. Every failure is exit code 1 with one
located Indonesian message — never a traceback, never Python's or Jinja's English text."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjip.cli import main
from lkjip.errors import ChapterError
from lkjip.present.narrative import make_env
from lkjip.present.narrative.budget import Budget
from lkjip.present.narrative.jinja_errors import render_jinja
from lkjip.present.narrative.read import decode, read_chapter

ROOT = Path(__file__).resolve().parents[1]
BAB3 = "chapters/2020/bab_3.md"
ENGLISH = (
    "Traceback", "Error", "unexpected", "expected token", "Unexpected", "Encountered",
    "Jinja was looking", "division by zero", "unsupported operand", "MAX_RANGE", "Range too big",
    "could not convert", "has no attribute", "is undefined", "object", "not supported",
    "recursion depth", "codec", "decode",
)


@pytest.fixture(scope="module")
def copy_2020(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lkjip2020")
    for part in ("data", "chapters"):
        shutil.copytree(ROOT / part / "2020", root / part / "2020")
    return root


@pytest.fixture
def project(copy_2020, monkeypatch):
    """The 2020 project copy as the current folder; its chapters are restored afterwards."""
    monkeypatch.chdir(copy_2020)
    yield copy_2020
    chapters = copy_2020 / "chapters" / "2020"
    shutil.rmtree(chapters)
    shutil.copytree(ROOT / "chapters" / "2020", chapters)


def build(*extra):
    result = CliRunner().invoke(main, ["2020", "--fast", *extra], prog_name="build.py")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def assert_fails_with(result, message):
    assert result.exit_code == 1
    assert f"Kesalahan: {message}" in result.output.splitlines()
    for word in ENGLISH:
        assert word not in result.output, word


def write_bab3(project: Path, text: str) -> None:
    (project / BAB3).write_text(text, encoding="utf-8")


VARS = "`uv run build.py vars 2020`"
JINJA_HINT = "Saran: Periksa pasangan {{ }}, {% %} dan {% endfor %}/{% endif %} pada baris itu."

# (case, bab_3.md text, the message after "Kesalahan: ")
FAILURES = [
    (
        "for_tanpa_endfor",
        "# Akuntabilitas\n\n{% for k in iku %}\n- {{ k.indikator }}\n\nPenutup.\n",
        f"{BAB3}, baris 3: penulisan Jinja salah: blok {{% for %}} belum ditutup: tambahkan "
        f"{{% endfor %}} setelah isi bloknya. {JINJA_HINT}",
    ),
    (
        "kurung_kurawal_tunggal",
        "# Akuntabilitas\n\nTahun {{ tahun }.\n",
        f"{BAB3}, baris 3: penulisan Jinja salah: tanda '}}' berlebih, atau {{{{ ditutup hanya "
        f"dengan satu '}}' (tulis }}}}). {JINJA_HINT}",
    ),
    (
        "print_tidak_ditutup",
        "# Akuntabilitas\n\nTahun {{ tahun\n\nParagraf lain.\n\nAkhir.\n",
        f"{BAB3}, baris 3: penulisan Jinja salah: {{{{ ... }}}} pada baris ini belum ditutup "
        "dengan }}, atau berisi 'Paragraf' yang tidak diharapkan. Saran: Satu {{ }} berisi satu "
        "nilai: sambung teks dengan ~, pakai filter dengan |, dan tutup dengan }}.",
    ),
    (
        "perintah_tidak_dikenal",
        "# Akuntabilitas\n\nTeks.\n\n{% untuk k in iku %}\n",
        f"{BAB3}, baris 5: penulisan Jinja salah: perintah {{% untuk %}} tidak dikenal; perintah "
        f"yang bisa dipakai: if, elif, else, endif, for, endfor, set, macro. {JINJA_HINT}",
    ),
    (
        "penutup_salah",
        "# Akuntabilitas\n\n{% if tahun %}\nTeks.\n{% endfor %}\n",
        f"{BAB3}, baris 5: penulisan Jinja salah: {{% endfor %}} tidak cocok: blok {{% if %}} di "
        f"baris 3 belum ditutup dengan {{% endif %}}. {JINJA_HINT}",
    ),
    (
        "filter_tidak_dikenal",
        "# Akuntabilitas\n\n{{ tahun | angkaa }}\n",
        f'{BAB3}, baris 3: penulisan Jinja salah: filter "angkaa" tidak dikenal. Filter yang '
        "tersedia: angka, rupiah, persen, nilai, terbilang, kata, tanggal, bulan_tahun, romawi, "
        "mutlak, nilai_satuan, arah_perubahan, status_capaian, efisiensi_kata, persen_kalimat, dan filter "
        f"bawaan Jinja seperti upper, round, join. {JINJA_HINT}",
    ),
    (
        "type_error",
        "# Akuntabilitas\n\nTeks.\n\n{{ tahun + ' tahun' }}\n",
        f"{BAB3}, baris 5: nilai pada baris ini tidak cocok dengan perintahnya (mis. teks dipakai "
        f"sebagai angka). Saran: Periksa nilai-nilai di baris ini; {VARS} menampilkan setiap nama "
        "dan nilainya.",
    ),
    (
        "type_error_nilai_kosong",
        "# Akuntabilitas\n\n{{ none + 1 }}\n",
        f"{BAB3}, baris 3: salah satu nilai pada baris ini kosong (n/a), sehingga tidak dapat "
        "dihitung. Saran: Isi datanya, atau lewati nilai kosong dengan {% if nilai is not none %} "
        "... {% endif %}.",
    ),
    (
        "zero_division",
        "# Akuntabilitas\n\nTeks.\n\nRasio {{ tahun / (tahun - tahun) }}.\n",
        f"{BAB3}, baris 5: pembagian dengan nol. Saran: Periksa pembaginya; bila nilainya bisa "
        "nol atau kosong, apit dengan {% if pembagi %} ... {% endif %}.",
    ),
    (
        "overflow_range",
        "# Akuntabilitas\n\n{% for i in range(1000000) %}x{% endfor %}\n",
        f"{BAB3}, baris 3: range(...) terlalu besar: satu range paling banyak 100.000 langkah. "
        "Saran: Perkecil angka di dalam range(...).",
    ),
    (
        "value_error",
        "# Akuntabilitas\n\nNilai {{ 'seratus' | angka }}.\n",
        f"{BAB3}, baris 3: nilai pada baris ini tidak dapat diolah (mis. teks yang bukan angka "
        "diberikan ke filter angka, atau tanggal yang tidak ada). Saran: Periksa nilai yang "
        f"diberikan ke filter di baris ini; {VARS} menampilkan setiap nama dan nilainya.",
    ),
    (
        "attribute_error",
        "# Akuntabilitas\n\n{{ tahun | dictsort }}\n",
        f"{BAB3}, baris 3: filter atau perintah pada baris ini tidak dapat dipakai untuk nilai ini "
        "(jenis nilainya tidak cocok). Saran: Periksa nilai yang diberikan ke filter di baris ini; "
        f"{VARS} menampilkan setiap nama dan nilainya.",
    ),
    (
        "pangkat_raksasa",
        "# Akuntabilitas\n\n{{ 9 ** 999999 }}\n",
        f"{BAB3}, baris 3: hasil pangkat 9 ** 999999 terlalu besar untuk dihitung. Saran: "
        "Perkecil pangkatnya.",
    ),
    (
        "keluaran_terlalu_besar",
        "# Akuntabilitas\n\n{% for i in range(100000) %}\n{{ 'x' * 100 }}\n{% endfor %}\n",
        f"{BAB3}, baris 4: bab ini menghasilkan lebih dari 5.000.000 karakter teks dan dihentikan. "
        "Saran: Periksa perulangan dan pengulangan teks (mis. 'abc' * 1000000) pada baris ini.",
    ),
]


@pytest.mark.parametrize("case, text, message", FAILURES, ids=[c[0] for c in FAILURES])
def test_broken_chapter_is_one_located_indonesian_message(project, case, text, message):
    write_bab3(project, text)
    assert_fails_with(build(), message)


def test_nested_loops_stop_within_seconds(project):
    write_bab3(project, "# Akuntabilitas\n\nTeks.\n\n{% for i in range(100000) %}"
                        "{% for j in range(100000) %}x{% endfor %}{% endfor %}\n")
    start = time.monotonic()
    result = build()
    assert time.monotonic() - start < 20  # loads the data too; the loops alone stop in ~1 s
    assert_fails_with(
        result,
        f"{BAB3}, baris 5: perulangan di bab ini melewati batas 1.000.000 langkah dan dihentikan. "
        "Saran: Periksa perulangan {% for %} pada baris ini, terutama perulangan di dalam "
        "perulangan; bab biasanya hanya mengulang data (mis. {% for i in iku %}).",
    )


def test_folder_in_place_of_a_chapter_is_an_error(project):
    (project / "chapters/2020/bab_2.md").unlink()
    (project / "chapters/2020/bab_2.md").mkdir()
    assert_fails_with(
        build(),
        "chapters/2020/bab_2.md: ini sebuah folder, bukan berkas bab. Saran: Pindahkan atau ganti "
        "nama folder itu, lalu letakkan berkas bab bab_2.md di tempatnya.",
    )


def test_word_document_saved_as_chapter_is_an_error(project):
    (project / BAB3).write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    assert_fails_with(
        build(),
        f"{BAB3}: berkas ini bukan teks (mungkin dokumen Word atau gambar yang diberi nama .md). "
        "Saran: Bab ditulis sebagai teks biasa (Markdown); buka dengan Notepad atau VS Code lalu "
        "simpan ulang sebagai UTF-8 (Notepad: File > Save As, Encoding: UTF-8; VS Code: klik nama "
        "pengodean di pojok kanan bawah, Save with Encoding > UTF-8).",
    )


ENCODING_HINT = ("Saran: Simpan ulang sebagai UTF-8 (Notepad: File > Save As, Encoding: UTF-8; "
                 "VS Code: klik nama pengodean di pojok kanan bawah, Save with Encoding > UTF-8).")


@pytest.mark.parametrize("codec, shown", [("cp1252", "Windows-1252"), ("utf-16", "UTF-16")])
def test_chapter_in_another_encoding_builds_with_a_warning(project, codec, shown):
    text = (project / BAB3).read_text(encoding="utf-8") + "\nKopi “Gayo” seharga Rp 5.000 – enak.\n"
    (project / BAB3).write_bytes(text.encode(codec))
    result = build()
    assert result.exit_code == 0, result.output
    assert (f"- {BAB3}: berkas disimpan dengan pengodean {shown}, bukan UTF-8; dibaca sebagai "
            f"{shown}. {ENCODING_HINT}") in result.output.splitlines()
    assert f"1 di {BAB3}." in result.output


def test_missing_chapter_is_a_warning_and_an_error_under_strict(project):
    (project / "chapters/2020/bab_1.md").unlink()
    warning = ("- chapters/2020/bab_1.md: berkas bab tidak ada; laporan disusun tanpa BAB I "
               "Pendahuluan. Saran: Buat berkas ini (salin dari tahun sebelumnya) atau kembalikan "
               "bila terhapus.")
    result = build()
    assert result.exit_code == 0
    assert warning in result.output.splitlines()
    strict = build("--strict")
    # the 2020 data has 22 warnings of its own; the missing chapter is the 23rd
    assert_fails_with(strict, "Build dihentikan: ada 23 peringatan dan opsi --strict aktif.")


def test_a_chapter_saved_as_txt_is_named_in_the_warning(project):
    (project / "chapters/2020/bab_4.md").rename(project / "chapters/2020/bab_4.md.txt")
    result = build()
    assert result.exit_code == 0
    assert ("- chapters/2020/bab_4.md: berkas bab tidak ada; laporan disusun tanpa BAB IV "
            'Penutup. Saran: ada berkas "bab_4.md.txt" di folder itu: ganti namanya menjadi '
            "bab_4.md (di Windows Explorer: View > File name extensions, agar akhiran .txt "
            "terlihat).") in result.output.splitlines()


# --------------------------------------------------------------------------- without the CLI


def test_decode_reads_each_encoding_and_names_it():
    text = "Capaian “IKU” naik – 5 %\n"
    assert decode(text.encode("utf-8")) == (text, None)
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, None)
    assert decode(text.encode("cp1252")) == (text, "Windows-1252")
    assert decode(text.encode("utf-16")) == (text, "UTF-16")
    assert decode(text.encode("utf-16-le")) == (text, "UTF-16")  # no BOM: found by the NULs
    assert decode(text.encode("utf-16-be")) == (text, "UTF-16")
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00") == (None, None)


def test_control_characters_are_cleaned(tmp_path):
    path = tmp_path / "bab_3.md"
    path.write_bytes(b"Satu\x0bdua\x00 tiga\x01\x1f\x7f.\tEmpat\r\n\xee\x80\x80")
    text, warnings = read_chapter(path, "chapters/2020/bab_3.md")
    assert text == "Satu\ndua tiga.\tEmpat\n" and warnings == []


def test_time_budget_stops_a_slow_chapter():
    env = make_env({"xs": list(range(50))}, None, None, filters={})
    source = "a\n{% for x in xs %}{% for y in xs %}{{ (x ~ y) | length }}{% endfor %}{% endfor %}\n"
    with pytest.raises(ChapterError) as err:
        render_jinja(source, env, BAB3, 2020, Budget(seconds=0.0))
    assert str(err.value) == (
        f"{BAB3}, baris 2: bab ini berjalan lebih dari 0 detik dan dihentikan. Saran: Periksa "
        "perulangan {% for %} pada baris ini, terutama perulangan di dalam perulangan; bab "
        "biasanya hanya mengulang data (mis. {% for i in iku %})."
    )


def test_joining_beyond_the_output_limit_is_refused():
    env = make_env({}, None, None, filters={})
    with pytest.raises(ChapterError) as err:
        render_jinja("a\n\n{{ 'a' * 600 + 'b' * 600 }}\n", env, BAB3, 2020, Budget(output_chars=1000))
    assert str(err.value).startswith(
        f"{BAB3}, baris 3: bab ini menghasilkan lebih dari 1.000 karakter teks dan dihentikan.")


def test_budget_is_not_applied_outside_chapters():
    """The same environment fills the Word template: no limits there, same results."""
    env = make_env({"xs": [1, 2]}, None, None, filters={})
    template = env.from_string("{% for x in xs %}{{ x * 3 }}{{ 2 ** 70 }};{% endfor %}")
    assert template.render() == f"3{2 ** 70};6{2 ** 70};"
