"""Paragraphs carried over unchanged from last year's chapters with typed figures/years/judgements."""

from lkjip.present.stale_prose import paragraphs, stale_paragraphs, typed_claims

PREVIOUS = """# Akuntabilitas Kinerja

Perolehan Nilai Ekspor turun 62,08% dari tahun 2019.

Capaian IKU tahun ini sebesar {{ iku[0].capaian | persen }}.

Dinas terus berkoordinasi dengan para pemangku kepentingan.
"""


def test_paragraphs_with_line_numbers():
    assert paragraphs("a\nb\n\n\nc\n") == [(1, "a b"), (5, "c")]


def test_typed_claims_outside_jinja():
    assert typed_claims("Nilai ekspor turun 62,08% dari tahun 2019.") == ["2019", "62,08%", "turun"]
    assert typed_claims("Capaian sebesar {{ x | persen }} pada {{ tahun }}.") == []
    assert typed_claims("seperti pada Tabel 3.2 berikut") == []  # a reference, not a figure


def test_constants_of_the_prose_are_not_claims():
    law = "Peraturan Menteri PAN dan RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis"
    assert typed_claims(law, 2021) == []
    assert typed_claims("Renstra 2017-2022 dan RPJMD 2017–2022", 2021) == []
    assert typed_claims("Undang-undang tahun 1999 masih berlaku", 2021) == []  # not recent
    assert typed_claims("realisasi tahun 2020 lebih baik", 2021) == ["2020"]
    # a judgement word counts only next to a figure; a capitalised one is part of a name
    assert typed_claims("pelayanan yang efisien dan efektif") == []
    assert typed_claims("Program Peningkatan Sarana sebesar {{ x | rupiah }}") == []
    assert typed_claims("capaian {{ x | persen }}, sedikit di bawah target") == ["sedikit",
                                                                                "di bawah"]
    assert typed_claims("Sasaran 1 dan 2") == []  # list/heading numbers are not claims
    # the numbers of a formula are constants
    assert typed_claims("rumus (2 × target − realisasi) ÷ target × 100%", 2021) == []
    assert typed_claims("BB terhadap A = 70 ÷ 80, capaian 87,50%", 2021) == ["87,50%"]
    # a pointer at a table judges nothing; "Covid-19" is no figure to judge
    assert typed_claims("dapat dilihat pada Tabel di bawah ini: {{ tabel('x') }}") == []
    assert typed_claims("peningkatan anggaran terbatas akibat pandemi Covid-19") == []


def test_only_unchanged_paragraphs_with_claims_are_flagged():
    current = PREVIOUS.replace("Dinas terus", "Dinas selalu")  # edited: not flagged anyway
    issues = stale_paragraphs(current, PREVIOUS, "chapters/2021/bab_3.md", "chapters/2020/bab_3.md")
    assert [str(i) for i in issues] == [
        'chapters/2021/bab_3.md, baris 3: paragraf ini sama persis dengan chapters/2020/bab_3.md '
        'dan memuat angka, tahun atau kata penilaian yang diketik ("2019", "62,08%", "turun"). '
        "Saran: perbarui paragraf untuk tahun ini, atau ambil angka dan kata penilaiannya dari "
        "data dengan {{ ... }} (lihat build.py vars TAHUN)."
    ]
    assert issues[0].level == "warning"


def test_rewritten_paragraph_is_not_flagged():
    current = PREVIOUS.replace("turun 62,08% dari tahun 2019", "{{ ekspor | arah }}")
    assert stale_paragraphs(current, PREVIOUS, "a.md", "b.md") == []
