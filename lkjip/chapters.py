"""The chapters of an LKjIP and the rules each follows (PermenPAN-RB No. 53/2014, Lampiran:
sistematika LKjIP — Kata Pengantar, Ikhtisar Eksekutif, Bab I Pendahuluan, Bab II Perencanaan
Kinerja, Bab III Akuntabilitas Kinerja, Bab IV Penutup, Lampiran).

One :class:`ChapterSpec` per file of ``chapters/<tahun>/``, read by the narrative (heading
numbers), the Word writer (caption numbers, layout) and the pipeline (which files to read).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChapterSpec:
    """One chapter file.

    ``name``: file stem and the template's placeholder (``{{p bab_3 }}``).
    ``number``: 1–4 for "BAB I"–"BAB IV" (headings "3.1.", captions "Tabel 3.2"), else None.
    ``signed``: the template's signature block follows it (kept on the same page).
    ``attachments``: level-3+ headings are titles of attached documents (centred, not in the TOC).
    """

    name: str
    title: str
    number: int | None = None
    signed: bool = False
    attachments: bool = False

    @property
    def numbered(self) -> bool:
        return self.number is not None

    @property
    def roman(self) -> str | None:
        """"I".."IV" for a numbered chapter (as in "BAB III"), else None."""
        return roman(self.number) if self.number is not None else None

    @property
    def filename(self) -> str:
        return f"{self.name}.md"


CHAPTERS: tuple[ChapterSpec, ...] = (
    ChapterSpec("kata_pengantar", "Kata Pengantar", signed=True),
    ChapterSpec("ikhtisar_eksekutif", "Ikhtisar Eksekutif"),
    ChapterSpec("bab_1", "Pendahuluan", number=1),
    ChapterSpec("bab_2", "Perencanaan Kinerja", number=2),
    ChapterSpec("bab_3", "Akuntabilitas Kinerja", number=3),
    ChapterSpec("bab_4", "Penutup", number=4),
    ChapterSpec("lampiran", "Lampiran", attachments=True),
)
CHAPTER_NAMES: tuple[str, ...] = tuple(c.name for c in CHAPTERS)
_BY_NAME = {c.name: c for c in CHAPTERS}


def chapter_spec(name: str) -> ChapterSpec:
    """The spec of chapter ``name``; an unknown name (a test's own chapter) is unnumbered.

    A stem ``bab_N`` outside the standard list is still numbered N.
    """
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name.startswith("bab_") and name[4:].isdigit():
        return ChapterSpec(name, name, number=int(name[4:]))
    return ChapterSpec(name, name)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """Upper-case roman numeral of a positive int (4 → "IV"); the one roman converter."""
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)
