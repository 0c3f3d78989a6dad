
import pytest

from lkjip.errors import ChapterError
from lkjip.chapters import chapter_spec
from lkjip.present.blocks import ChartSpec, TableSpec
from lkjip.present.narrative import escape_markdown, make_env, render_chapter
from lkjip.present.registry import CannotBuild, UnknownName
from lkjip.project import Project



def build_table(name, context, **args):
    if name != "iku":
        raise UnknownName("tabel", name, ["iku"])
    return TableSpec(key=name, title=f"tahun {args.get('tahun')}", header=[], rows=[], widths=[])


def build_chart(name, context, **args):
    if name != "capaian":
        raise UnknownName("grafik", name, ["capaian"])
    return ChartSpec(key=name, title="Grafik", png=b"png")


def upper(x):
    return str(x).upper()


def render(tmp_path, text, name="bab_3.md", context=None):
    folder = tmp_path / "chapters" / "2020"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    env = make_env(context or {}, build_table, build_chart, filters={"besar": upper})
    return render_chapter(Project(tmp_path, 2020), chapter_spec(path.stem), env)


def summary(blocks):
    return [(b.kind, b.level, b.list_id, b.list_style, b.text) for b in blocks if b.kind == "list_item"]


def test_headings_numbered_in_bab_file(tmp_path):
    text = "# Akuntabilitas\n\n## Satu\n\n### A\n\n#### B\n\n#### C\n\n### D\n\n## Ringkasan {-}\n\n## Dua\n"
    blocks = render(tmp_path, text)
    got = [(b.level, b.number, b.text, b.location.line) for b in blocks]
    assert got == [
        (1, "BAB III", "Akuntabilitas", 1),
        (2, "3.1.", "Satu", 3),
        (3, "3.1.1", "A", 5),
        (4, "3.1.1.1", "B", 7),
        (4, "3.1.1.2", "C", 9),
        (3, "3.1.2", "D", 11),
        (2, None, "Ringkasan", 13),
        (2, "3.2.", "Dua", 15),
    ]
    assert all(b.location.file == "chapters/2020/bab_3.md" for b in blocks)


def test_headings_unnumbered_outside_bab(tmp_path):
    blocks = render(tmp_path, "# Kata Pengantar\n\n## Lain\n", name="kata_pengantar.md")
    assert [(b.level, b.number, b.text) for b in blocks] == [
        (1, None, "Kata Pengantar"),
        (2, None, "Lain"),
    ]


def test_runs_bold_italic_breaks(tmp_path):
    text = "Awal **tebal _miring_ lagi** akhir\nbaris dua  \nbaris tiga\n"
    (block,) = render(tmp_path, text)
    runs = [(r.text, r.bold, r.italic, r.line_break) for r in block.runs]
    assert runs == [
        ("Awal ", False, False, False),
        ("tebal ", True, False, False),
        ("miring", True, True, False),
        (" lagi", True, False, False),
        (" akhir baris dua", False, False, False),
        ("baris tiga", False, False, True),
    ]


def test_lettered_lists_and_nesting(tmp_path):
    text = (
        "a. satu\n"
        "b. dua\n"
        "   1. dua-satu\n"
        "   2. dua-dua\n"
        "      - titik\n"
        "c. tiga\n"
        "\n"
        "Paragraf.\n"
        "\n"
        "A) Besar\n"
        "B) Besar dua\n"
    )
    blocks = render(tmp_path, text)
    assert summary(blocks) == [
        ("list_item", 0, 0, "lower_letter", "satu"),
        ("list_item", 0, 0, "lower_letter", "dua"),
        ("list_item", 1, 1, "decimal", "dua-satu"),
        ("list_item", 1, 1, "decimal", "dua-dua"),
        ("list_item", 2, 2, "bullet", "titik"),
        ("list_item", 0, 0, "lower_letter", "tiga"),
        ("list_item", 0, 3, "upper_letter", "Besar"),
        ("list_item", 0, 3, "upper_letter", "Besar dua"),
    ]
    assert [b.location.line for b in blocks if b.kind == "list_item"] == [1, 2, 3, 4, 5, 6, 10, 11]


def test_numbered_in_bullets_and_restart(tmp_path):
    text = (
        "- x\n"
        "  1. y\n"
        "  2. z\n"
        "- w\n"
        "  1. v\n"
        "\n"
        "Antara.\n"
        "\n"
        "1. baru\n"
        "2. lagi\n"
    )
    blocks = render(tmp_path, text)
    assert summary(blocks) == [
        ("list_item", 0, 0, "bullet", "x"),
        ("list_item", 1, 1, "decimal", "y"),
        ("list_item", 1, 1, "decimal", "z"),
        ("list_item", 0, 0, "bullet", "w"),
        ("list_item", 1, 2, "decimal", "v"),  # a new list: numbering restarts
        ("list_item", 0, 3, "decimal", "baru"),
        ("list_item", 0, 3, "decimal", "lagi"),
    ]


def test_values_are_escaped(tmp_path):
    context = {"nama": '*PT_A* & <B> "x" # 1. _y_'}
    (block,) = render(tmp_path, "Nama: {{ nama }} selesai\n", context=context)
    assert block.kind == "paragraph"
    assert block.text == 'Nama: *PT_A* & <B> "x" # 1. _y_ selesai'
    assert all(not r.bold and not r.italic for r in block.runs)


def test_value_at_line_start_cannot_make_structure(tmp_path):
    context = {"a": "# bukan judul", "b": "- bukan butir", "c": "a. bukan huruf", "d": "<!-- x -->"}
    text = "{{ a }}\n\n{{ b }}\n\n{{ c }}\n\n{{ d }}\n"
    blocks = render(tmp_path, text, context=context)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "# bukan judul"),
        ("paragraph", "- bukan butir"),
        ("paragraph", "a. bukan huruf"),
        ("paragraph", "<!-- x -->"),
    ]


def test_escape_markdown():
    assert escape_markdown("a*b_c") == r"a\*b\_c"
    assert escape_markdown("x\ny") == "x y"
    assert escape_markdown("\ue000T0\ue001") == "T0"  # markers cannot be forged


def test_filters_and_safe(tmp_path):
    (block,) = render(tmp_path, "{{ 'abc' | besar }} {{ '**t**' | safe }}\n")
    assert [(r.text, r.bold) for r in block.runs] == [("ABC ", False), ("t", True)]


def test_table_and_chart_markers(tmp_path):
    text = "Sebelum.\n{{ tabel('iku', tahun=2020) }}\nSesudah.\n\n{{ grafik('capaian') }}\n"
    blocks = render(tmp_path, text)
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph", "chart"]
    assert blocks[1].table.key == "iku" and blocks[1].table.title == "tahun 2020"
    assert blocks[1].location.line == 2
    assert blocks[2].text == "Sesudah." and blocks[2].location.line == 3
    assert blocks[3].chart.key == "capaian" and blocks[3].location.line == 5


def test_marker_inside_text_is_an_error(tmp_path):
    with pytest.raises(ChapterError) as err:
        render(tmp_path, "Lihat {{ tabel('iku') }} di bawah.\n")
    assert err.value.location.line == 1
    assert "paragraf" in str(err.value)


def test_unknown_table_name(tmp_path):
    with pytest.raises(ChapterError) as err:
        render(tmp_path, "a\n\n{{ tabel('tidak_ada') }}\n")
    assert err.value.location.line == 3
    assert 'tabel "tidak_ada" tidak dikenal' in str(err.value)


def test_undefined_name_error(tmp_path):
    text = "Baris satu.\n\n{% if true %}\nNilai {{ capaian_rata2 }}\n{% endif %}\n"
    with pytest.raises(ChapterError) as err:
        render(tmp_path, text)
    assert err.value.location.file == "chapters/2020/bab_3.md"
    assert err.value.location.line == 4
    msg = str(err.value)
    assert msg.startswith('chapters/2020/bab_3.md, baris 4: nama "capaian_rata2" tidak dikenal.')
    assert "uv run build.py vars 2020" in msg


def test_undefined_attribute_error(tmp_path):
    with pytest.raises(ChapterError) as err:
        render(tmp_path, "x\n{{ profil.namaa }}\n", context={"profil": {"nama": "D"}})
    assert err.value.location.line == 2
    assert '"namaa"' in str(err.value)


def test_syntax_error(tmp_path):
    with pytest.raises(ChapterError) as err:
        render(tmp_path, "satu\ndua {{ x + }}\ntiga\n", context={"x": 1})
    assert "penulisan Jinja salah" in str(err.value)
    assert err.value.location.line == 2
    assert ".." not in str(err.value)


def test_pipe_table(tmp_path):
    text = "| Uraian | Nilai |\n|:---|---:|\n| a | 1 |\n| **b** | 2 |\n"
    (block,) = render(tmp_path, text)
    spec = block.table
    assert block.kind == "table" and block.location.line == 1
    assert spec.numbered is False and spec.title == ""
    assert [[(c.text, c.align) for c in row] for row in spec.header] == [
        [("Uraian", "left"), ("Nilai", "right")]
    ]
    assert [[(c.text, c.align) for c in row] for row in spec.rows] == [
        [("a", "left"), ("1", "right")],
        [("b", "left"), ("2", "right")],
    ]
    assert spec.widths == [1.0, 1.0]


def test_image(tmp_path):
    folder = tmp_path / "chapters" / "2020"
    (folder / "gambar").mkdir(parents=True)
    (folder / "gambar" / "struktur.png").write_bytes(b"\x89PNG")
    blocks = render(tmp_path, "Teks.\n\n![Struktur Organisasi](gambar/struktur.png)\n")
    assert blocks[1].kind == "image"
    assert blocks[1].image_path == folder / "gambar" / "struktur.png"
    assert blocks[1].caption == "Struktur Organisasi"
    assert blocks[1].location.line == 3


def test_image_path_typed_as_on_windows(tmp_path):
    """A space and a backslash in the address (not allowed by CommonMark) still give a
    picture, at its own line."""
    folder = tmp_path / "chapters" / "2020"
    (folder / "gambar").mkdir(parents=True)
    (folder / "gambar" / "foto kegiatan.png").write_bytes(b"\x89PNG")
    text = "Teks.\n\n![Foto Kegiatan](gambar\\foto kegiatan.png)\n\nSesudahnya.\n"
    blocks = render(tmp_path, text)
    assert [b.kind for b in blocks] == ["paragraph", "image", "paragraph"]
    assert blocks[1].image_path == folder / "gambar" / "foto kegiatan.png"
    assert blocks[1].caption == "Foto Kegiatan"
    assert [b.location.line for b in blocks] == [1, 3, 5]


def test_missing_image_with_a_space(tmp_path):
    with pytest.raises(ChapterError) as err:
        render(tmp_path, "Teks.\n\n![Foto](gambar/Tidak Ada.jpg)\n")
    assert err.value.location.line == 3
    assert '"gambar/Tidak Ada.jpg" tidak ditemukan' in str(err.value)


def test_missing_image(tmp_path):
    with pytest.raises(ChapterError) as err:
        render(tmp_path, "Teks.\n\n![X](tidak.png)\n")
    assert err.value.location.line == 3
    assert '"tidak.png" tidak ditemukan' in str(err.value)


def test_page_breaks(tmp_path):
    blocks = render(tmp_path, "a\n\n\\newpage\n\nb\n\n<!-- pagebreak -->\n\n<!-- komentar -->\n\nc\n")
    assert [(b.kind, b.text, b.location.line) for b in blocks] == [
        ("paragraph", "a", 1),
        ("page_break", "", 3),
        ("paragraph", "b", 5),
        ("page_break", "", 7),
        ("paragraph", "c", 11),
    ]


def test_env_outside_chapters_does_not_escape(tmp_path):
    # the pipeline also hands this environment to docxtpl for the Word template
    env = make_env({"alamat": "Jl. Pulau Bangka No. 1"}, build_table, build_chart, filters={})
    assert env.from_string("{{ alamat }}").render() == "Jl. Pulau Bangka No. 1"
    env.autoescape = True  # as docxtpl sets it
    assert env.from_string("{{ '<a>' }}").render() == "&lt;a&gt;"
    folder = tmp_path / "chapters" / "2020"
    folder.mkdir(parents=True)
    (folder / "bab_1.md").write_text("{{ alamat }} & *x*\n", encoding="utf-8")
    (block,) = render_chapter(Project(tmp_path, 2020), chapter_spec("bab_1"), env)
    assert [(r.text, r.italic) for r in block.runs] == [("Jl. Pulau Bangka No. 1 & ", False), ("x", True)]


def test_block_lines_point_at_source_after_loops(tmp_path):
    text = (
        "# Judul\n"                                   # 1
        "\n"                                          # 2
        "{% for x in daftar %}\n"                     # 3
        "- butir {{ x }}\n"                           # 4
        "{% endfor %}\n"                              # 5
        "\n"                                          # 6
        "{# komentar\n"                               # 7
        "   dua baris #}\n"                           # 8
        "Paragraf {{ daftar\n"                        # 9
        "   | length }} akhir.\n"                     # 10
        "\n"                                          # 11
        "![Gambar](tidak_ada.png)\n"                  # 12
    )
    with pytest.raises(ChapterError) as err:
        render(tmp_path, text, context={"daftar": ["a", "b", "c"]})
    assert err.value.location.line == 12
    blocks = render(tmp_path, text.replace("![Gambar](tidak_ada.png)\n", "Akhir.\n"),
                    context={"daftar": ["a", "b", "c"]})
    assert [(b.kind, b.text, b.location.line) for b in blocks] == [
        ("heading", "Judul", 1),
        ("list_item", "butir a", 4),
        ("list_item", "butir b", 4),
        ("list_item", "butir c", 4),
        ("paragraph", "Paragraf 3 akhir.", 10),  # where the two-line {{ }} ends
        ("paragraph", "Akhir.", 12),
    ]


def test_whitespace_control_kept(tmp_path):
    blocks = render(tmp_path, "Satu {{ 'dua' -}}\n   tiga\n", context={})
    assert [b.text for b in blocks] == ["Satu duatiga"]


def test_builder_cannot_build_message_shown(tmp_path):
    def strict_table(name, context, **args):
        raise CannotBuild(f'Tabel "{name}" tidak dikenal. Nama tabel yang tersedia: iku.')

    folder = tmp_path / "chapters" / "2020"
    folder.mkdir(parents=True)
    (folder / "bab_2.md").write_text("a\n\nb\n{{ tabel('x') }}\n", encoding="utf-8")
    env = make_env({}, strict_table, build_chart, filters={})
    with pytest.raises(ChapterError) as err:
        render_chapter(Project(tmp_path, 2020), chapter_spec("bab_2"), env)
    assert str(err.value) == (
        'chapters/2020/bab_2.md, baris 4: Tabel "x" tidak dikenal. Nama tabel yang tersedia: iku.'
    )


def test_chapters_run_sandboxed(tmp_path):
    """A chapter cannot reach Python internals (Jinja's sandbox): a clear error, not a leak."""
    with pytest.raises(ChapterError) as err:
        render(tmp_path, "Baris satu.\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    assert str(err.value) == (
        "chapters/2020/bab_3.md, baris 3: perintah ini tidak diizinkan di dalam bab (bab hanya "
        "boleh memakai nama data, filter dan perulangan)."
    )


def test_unknown_table_hint_points_to_vars(tmp_path):
    with pytest.raises(ChapterError) as err:
        render(tmp_path, '{{ tabel("tidak_ada") }}\n')
    assert str(err.value) == (
        'chapters/2020/bab_3.md, baris 1: tabel "tidak_ada" tidak dikenal. Saran: Periksa ejaan '
        "nama tabel; `uv run build.py vars 2020` menampilkan semua nama tabel dan grafik."
    )
