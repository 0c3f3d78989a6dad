"""Profil, kepala and the organisation chart (struktur) of the report model.

Dates stay dates here; their Indonesian wording ("31 Desember 2020") is added by
:func:`lkjip.present.words.chapter_names`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..inputs.schema import JENIS_UNIT
from .rows import table_rows, text


def full_name(profil: dict) -> str:
    """"Dinas Perindustrian dan Perdagangan Provinsi Kalimantan Tengah": instansi + daerah."""
    return f"{text(profil.get('nama_instansi'))} {text(profil.get('daerah'))}".strip()


def profil_section(profil: dict) -> dict:
    """Every ``profil`` key as typed (a date stays a date, an absent key is None or ""),
    plus ``nama_lengkap``."""
    section = dict(profil)
    section["nama_lengkap"] = full_name(profil)
    return section


def kepala_section(profil: dict) -> dict:
    """The head of the agency: ``{nama, pangkat, nip, jabatan, jabatan_lengkap}`` (text);
    ``jabatan_lengkap`` is the jabatan and the agency's full name in capitals."""
    jabatan = text(profil.get("kepala_jabatan"))
    return {
        "nama": text(profil.get("kepala_nama")),
        "pangkat": text(profil.get("kepala_pangkat")),
        "nip": text(profil.get("kepala_nip")),
        "jabatan": jabatan,
        "jabatan_lengkap": f"{jabatan} {full_name(profil)}".strip().upper(),
    }


def struktur_tree(dataset) -> list[dict]:
    """The organisation chart as a forest: the units without ``induk`` (normally only the
    pimpinan), each ``{unit, jenis, anak: [...]}``, children in the order of the table.

    A unit whose ``induk`` names more than one unit, or whose chain of induk loops, hangs
    under no unit; :func:`lkjip.report.audit.struktur_links` warns about it with its row.
    """
    rows = table_rows(dataset, "struktur")
    nodes = [{"unit": text(r["unit"]), "jenis": text(r.get("jenis")), "anak": []} for r in rows]
    links = induk_links(rows)
    roots = []
    for i, node in enumerate(nodes):
        if not text(rows[i].get("induk")):
            roots.append(node)
        elif i in links.parent and i not in links.looped:
            nodes[links.parent[i]]["anak"].append(node)
    return roots


@dataclass
class IndukLinks:
    """How the rows of ``struktur`` hang together (positions are 0-based row indexes)."""

    parent: dict[int, int] = field(default_factory=dict)  # row → its induk's row
    ambiguous: dict[int, list[int]] = field(default_factory=dict)  # row → the rows its induk names
    looped: set[int] = field(default_factory=set)  # rows whose chain of induk never ends


def induk_links(rows: list[dict]) -> IndukLinks:
    """Resolve each row's ``induk`` (a unit name) to a row. A name may repeat under different
    parents, but a name used as induk must be unique; a chain of induk must end at a unit
    without induk. An unknown induk is left out (reported by :mod:`lkjip.inputs`)."""
    by_name: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_name.setdefault(text(r["unit"]), []).append(i)
    links = IndukLinks()
    for i, r in enumerate(rows):
        found = by_name.get(text(r.get("induk")), []) if text(r.get("induk")) else []
        if len(found) > 1:
            links.ambiguous[i] = found
        elif found:
            links.parent[i] = found[0]
    for i in range(len(rows)):
        seen, j = {i}, i
        while j in links.parent:
            j = links.parent[j]
            if j in seen:
                links.looped.add(i)
                break
            seen.add(j)
    return links


def struktur_counts(struktur: list[dict]) -> dict[str, int]:
    """How many units of each jenis (every jenis of the schema, 0 when absent)."""
    counts = dict.fromkeys(JENIS_UNIT, 0)

    def walk(nodes):
        for node in nodes:
            if node["jenis"]:
                counts[node["jenis"]] = counts.get(node["jenis"], 0) + 1
            walk(node["anak"])

    walk(struktur)
    return counts
