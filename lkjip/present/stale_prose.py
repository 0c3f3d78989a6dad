"""Prose carried over unchanged from last year's chapters that can no longer be true.

``init`` copies ``chapters/<tahun-1>/`` to ``chapters/<tahun>/``. A paragraph that still reads
exactly as last year's and holds a figure, a year or a judgement word typed as plain text
("turun 62,08%", "pada tahun 2020", "sedikit di bawah target") was written about last year's
data; the build warns about each one (file, line) so that the planner rewrites it or lets the
data say it (``{{ ... }}``).
"""

from __future__ import annotations

import re

from ..errors import Issue, Location

# Jinja expressions, statements and comments are live: figures inside them follow the data.
_JINJA_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_FIGURE_RE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*\s*%?")
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
# Words that judge a figure (Indonesian report prose).
JUDGEMENT_WORDS = (
    "naik", "turun", "meningkat", "menurun", "peningkatan", "penurunan", "melampaui",
    "tercapai", "belum tercapai", "tidak tercapai", "di bawah", "dibawah", "di atas", "diatas",
    "efisien", "inefisien", "hanya", "sedikit", "berhasil", "gagal", "lebih tinggi",
    "lebih rendah", "terbaik", "terendah", "tertinggi",
)
# Lower case only: "Program Peningkatan Sarana" is a name, "peningkatan 5%" a judgement.
_JUDGEMENT_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in JUDGEMENT_WORDS) + r")\b")
# Constants of the prose, not claims about this year's data: legal citations ("Nomor 53 Tahun
# 2014", "Tahun 2014 tentang"), plan periods ("2017-2022"), dates of regulations, and the
# numbers of a formula next to a multiplication or division sign ("(2 × target − realisasi) ÷
# target × 100%").
_CONSTANT_RE = re.compile(
    r"(?i)\b(?:nomor|no\.)\s*[\w./-]+(?:\s+tahun\s+\d{4})?"
    r"|\btahun\s+\d{4}\s+tentang\b"
    r"|\b\d{4}\s*[-–]\s*\d{4}\b"
    r"|\b(?:tabel|gambar|grafik|bab|lampiran)\s+[\dIVX]+(?:\.\d+)*"
    r"|[×÷]\s*\d+(?:[.,]\d+)*\s*%?|(?<![\w.,])\d+(?:[.,]\d+)*\s*%?\s*(?=[×÷])"
)
# "di bawah ini", "di atas ini" point at a table, they judge nothing.
_POINTER_RE = re.compile(r"(?i)\bdi\s?(?:bawah|atas)\s+ini\b")
RECENT_YEARS = 5  # a literal year this many years before the report's, or later, is a claim


def paragraphs(text: str) -> list[tuple[int, str]]:
    """``(first line number, paragraph text)`` for each blank-line separated block (1-based)."""
    out: list[tuple[int, str]] = []
    start, lines = None, []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if start is None:
                start = number
            lines.append(line.strip())
        elif start is not None:
            out.append((start, " ".join(lines)))
            start, lines = None, []
    if start is not None:
        out.append((start, " ".join(lines)))
    return out


def typed_claims(paragraph: str, year: int | None = None) -> list[str]:
    """The literal figures, recent years and judgement words of a paragraph outside Jinja
    and outside legal citations, plan periods and table numbers, in order. Judgement words
    count only in a paragraph that holds a figure (typed, or live as ``{{ ... }}``).

    ``year``: the report year; a literal year counts when it is at most :data:`RECENT_YEARS`
    before it (a law's "1999" is not a claim); without it, every year counts.
    """
    plain = _POINTER_RE.sub(" ", _CONSTANT_RE.sub(" ", _JINJA_RE.sub(" ", paragraph)))
    about_a_figure = bool(_JINJA_RE.search(paragraph) or any(
        not _is_list_number(m.group(0).strip()) for m in _FIGURE_RE.finditer(plain)))
    found = []
    for regex in (_YEAR_RE, _FIGURE_RE, _JUDGEMENT_RE):
        if regex is _JUDGEMENT_RE and not about_a_figure:
            continue  # "pelayanan yang efisien" judges no figure
        for match in regex.finditer(plain):
            word = match.group(0).strip()
            if word in found or (regex is _FIGURE_RE and _YEAR_RE.fullmatch(word)):
                continue
            if regex is _YEAR_RE and year is not None and int(word) < year - RECENT_YEARS:
                continue
            found.append(word)
    return [w for w in found if not _is_list_number(w)]


def _is_list_number(word: str) -> bool:
    """"1." or "3.1." style numbers of lists and headings are not claims."""
    return bool(re.fullmatch(r"\d{1,2}", word))


def stale_paragraphs(current: str, previous: str, shown: str, previous_shown: str,
                     year: int | None = None) -> list[Issue]:
    """A located warning per paragraph of ``current`` that is also in ``previous`` verbatim
    and holds typed figures, years or judgement words.

    ``shown`` / ``previous_shown``: the two files as messages name them; ``year``: the report
    year (see :func:`typed_claims`).
    """
    earlier = {text for _, text in paragraphs(previous)}
    issues = []
    for line, text in paragraphs(current):
        if text not in earlier:
            continue
        claims = typed_claims(text, year)
        if not claims:
            continue
        listed = ", ".join(f'"{c}"' for c in claims[:5])
        issues.append(Issue(
            f"paragraf ini sama persis dengan {previous_shown} dan memuat angka, tahun atau kata "
            f"penilaian yang diketik ({listed}).",
            Location(file=shown, line=line),
            hint="perbarui paragraf untuk tahun ini, atau ambil angka dan kata penilaiannya dari "
                 "data dengan {{ ... }} (lihat build.py vars TAHUN).",
            level="warning",
        ))
    return issues
