"""Ordered scales for targets that are grades, not numbers (``A``, ``WTP``, ``WBK``).

Each :class:`Scale` lists its levels best first, each with a numeric value. The capaian of a
realisasi grade against a target grade (:meth:`Scale.capaian`):

- the realisasi is the target's level or better -> 100 % (a better grade is never below 100 %);
- worse -> value(realisasi) ÷ value(target) × 100, so always below 100 % (0 % only for a level
  whose value is 0, such as SAKIP ``D``);
- a grade that is not on the target's scale -> None (n/a; a warning names the cell).

Built-in scales (values and sources):

- SAKIP predicates, PermenPAN-RB No. 12/2015 (Pedoman Evaluasi atas Implementasi SAKIP),
  Lampiran, interpretasi nilai: AA (> 90–100), A (> 80–90), BB (> 70–80), B (> 60–70),
  CC (> 50–60), C (> 30–50), D (0–30); value = the band's lower bound.
- BPK opinions, UU No. 15/2004 Penjelasan Pasal 16 ayat (1): WTP > WDP > TW = TMP; value = rank.
- Zona Integritas, PermenPAN-RB No. 90/2021: WBBM > WBK; value = rank.
- Service quality (Indeks Kepuasan Masyarakat), PermenPAN-RB No. 14/2017, Lampiran: A (Sangat
  Baik, 88,31–100), B (Baik, 76,61–88,30), C (Kurang Baik, 65,00–76,60), D (Tidak Baik,
  25,00–64,99); value = the band's lower bound. Chosen over SAKIP for ``A``–``D`` when the
  indicator's satuan or name mentions IKM, kepuasan, pelayanan or mutu.
- Capaian categories, Permendagri No. 86/2017: Sangat Tinggi (≥ 91), Tinggi (76–90),
  Sedang (66–75), Rendah (51–65), Sangat Rendah (≤ 50); value = the band's lower bound.

More scales come from the optional ``skala`` table (one row per level, best first); they are
looked up before the built-in ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def grade_key(text: str) -> str:
    """How a grade is matched: case and spaces, dots and hyphens ignored ("w.t.p" = "WTP")."""
    return re.sub(r"[\s.\-_]+", "", text).casefold()


@dataclass(frozen=True)
class Level:
    name: str  # canonical spelling, e.g. "BB"
    value: float
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scale:
    name: str  # "Predikat SAKIP"
    levels: tuple[Level, ...]  # best first
    source: str
    keywords: tuple[str, ...] = ()  # words in satuan/indikator that make this scale preferred

    def level(self, text: str) -> Level | None:
        key = grade_key(text)
        for level in self.levels:
            if key == grade_key(level.name) or key in (grade_key(a) for a in level.aliases):
                return level
        return None

    def capaian(self, target: str, realisasi: str) -> float | None:
        """Capaian (percent) of grade ``realisasi`` against grade ``target`` (module docstring)."""
        t, r = self.level(target), self.level(realisasi)
        if t is None or r is None:
            return None
        if r.value >= t.value:
            return 100.0
        return r.value / t.value * 100 if t.value else None


def _levels(*pairs) -> tuple[Level, ...]:
    return tuple(Level(p[0], float(p[1]), tuple(p[2:])) for p in pairs)


SAKIP = Scale(
    "Predikat SAKIP",
    _levels(("AA", 90), ("A", 80), ("BB", 70), ("B", 60), ("CC", 50), ("C", 30), ("D", 0)),
    "PermenPAN-RB No. 12/2015, Lampiran (interpretasi nilai evaluasi SAKIP)",
    ("sakip", "akip", "predikat", "lkjip"),
)
BPK = Scale(
    "Opini BPK",
    _levels(
        ("WTP", 3, "wajar tanpa pengecualian"),
        ("WDP", 2, "wajar dengan pengecualian"),
        ("TW", 1, "tidak wajar"),
        ("TMP", 1, "tidak menyatakan pendapat", "disclaimer"),
    ),
    "UU No. 15/2004, Penjelasan Pasal 16 ayat (1)",
    ("opini", "bpk", "laporan keuangan"),
)
ZONA_INTEGRITAS = Scale(
    "Zona Integritas",
    _levels(
        ("WBBM", 2, "wilayah birokrasi bersih dan melayani"),
        ("WBK", 1, "wilayah bebas dari korupsi", "wilayah bebas korupsi"),
    ),
    "PermenPAN-RB No. 90/2021",
    ("zona integritas", "wbk", "wbbm"),
)
MUTU_PELAYANAN = Scale(
    "Mutu pelayanan (IKM)",
    _levels(
        ("A", 88.31, "sangat baik"), ("B", 76.61, "baik"), ("C", 65.0, "kurang baik"),
        ("D", 25.0, "tidak baik"),
    ),
    "PermenPAN-RB No. 14/2017, Lampiran (nilai interval IKM)",
    ("ikm", "kepuasan", "pelayanan", "mutu"),
)
KATEGORI_CAPAIAN = Scale(
    "Kategori capaian",
    _levels(("Sangat Tinggi", 91), ("Tinggi", 76), ("Sedang", 66), ("Rendah", 51), ("Sangat Rendah", 0)),
    "Permendagri No. 86/2017",
)
BUILT_IN: tuple[Scale, ...] = (SAKIP, BPK, ZONA_INTEGRITAS, MUTU_PELAYANAN, KATEGORI_CAPAIAN)


def find_scale(grades: list[str], scales: tuple[Scale, ...] = BUILT_IN, about: str = "") -> Scale | None:
    """The scale holding every one of ``grades``: one whose keyword occurs in ``about`` (the
    indicator's satuan and name) first, then the first in order; None when no scale holds them."""
    holding = [s for s in scales if all(s.level(g) for g in grades)]
    about = about.casefold()
    preferred = [s for s in holding if any(k in about for k in s.keywords)]
    return (preferred or holding or [None])[0]


def user_scales(rows: list[dict]) -> tuple[Scale, ...]:
    """Scales of the ``skala`` table: rows ``{skala, tingkat, nilai}`` in order, best first per
    skala; a level without ``nilai`` gets its rank (the worst level 1)."""
    by_name: dict[str, list[dict]] = {}
    for row in rows:
        by_name.setdefault(row["skala"], []).append(row)
    scales = []
    for name, levels in by_name.items():
        count = len(levels)
        made = tuple(
            Level(row["tingkat"], float(row["nilai"]) if row["nilai"] is not None else float(count - i))
            for i, row in enumerate(levels)
        )
        scales.append(Scale(name, made, "tabel skala"))
    return tuple(scales)
