"""Figures in words: the names the chapters, the Word template and ``vars`` see.

:func:`chapter_names` adds to the report model (:func:`lkjip.report.build_report`) the names
whose value is wording rather than a number: dates in Indonesian ("31 Desember 2020"), the
kertas-kerja capaian as shown. It is the one place where model values become text.
:func:`flatten` lists every name with a short display value (``lkjip vars``).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from . import fmt
from ..inputs.notation import Value


def _date_words(d: Any) -> str:
    return fmt.tanggal(d) if d else ""


def _insert_before(section: dict, before: str, name: str, value: Any) -> dict:
    """A copy of ``section`` with ``name`` placed just before the key ``before``."""
    out = {}
    for key, existing in section.items():
        if key == before:
            out[name] = value
        out[key] = existing
    return out


def _profil_words(profil: dict) -> dict:
    """profil as chapters show it: a date in words, an absent value as ""."""
    return {
        key: ("" if value is None else fmt.tanggal(value) if isinstance(value, dt.date) else value)
        for key, value in profil.items()
    }


def capaian_words(row: dict) -> str:
    """A kertas-kerja capaian as shown: the typed text for rumus ``teks`` ("" when empty),
    the sum as a number for ``jumlah``, a percentage for ``rasio``/``pertumbuhan``."""
    if row["rumus"] == "teks":
        written = row.get("capaian_tertulis")
        return "" if written is None or written.is_empty else fmt.nilai(written)
    return fmt.nilai(row["capaian"]) if row["rumus"] == "jumlah" else fmt.persen(row["capaian"])


def _kertas_kerja_words(urusan_list: list[dict]) -> list[dict]:
    out = []
    for urusan in urusan_list:
        rows = []
        for row in urusan["baris"]:
            shown = {}
            for key, value in row.items():
                if key == "capaian_tertulis":
                    shown["capaian_teks"] = capaian_words(row)
                else:
                    shown[key] = value
            rows.append(shown)
        out.append({**urusan, "baris": rows})
    return out


def chapter_names(model: dict) -> dict:
    """The context of the chapters and the template: the model plus its wording.

    Adds ``tanggal_penandatanganan``, ``pegawai.tanggal`` and ``aset.tanggal`` (dates in words,
    "" when absent) next to their ``*_iso`` dates, shows ``profil``'s dates in words, and
    replaces each kertas-kerja ``capaian_tertulis`` by ``capaian_teks`` (:func:`capaian_words`).
    The model itself is not changed.
    """
    context = _insert_before(model, "tanggal_penandatanganan_iso", "tanggal_penandatanganan",
                             _date_words(model["tanggal_penandatanganan_iso"]))
    context["profil"] = _profil_words(model["profil"])
    pegawai = model["pegawai"]
    context["pegawai"] = _insert_before(pegawai, "tanggal_iso", "tanggal", _date_words(pegawai["tanggal_iso"]))
    aset = model["aset"]
    context["aset"] = _insert_before(aset, "tanggal_iso", "tanggal", _date_words(aset["tanggal_iso"]))
    context["kertas_kerja"] = _kertas_kerja_words(model["kertas_kerja"])
    return context


# --------------------------------------------------------------------------- flatten (vars)


def _short(x: Any) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, Value):
        return fmt.nilai(x)
    if isinstance(x, bool):
        return "ya" if x else "tidak"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        return fmt.angka(x, 0 if x == int(x) else 2) if not math.isinf(x) else str(x)
    if isinstance(x, dt.date):
        return x.isoformat()
    text = " ".join(str(x).split())
    return text if len(text) <= 80 else text[:77] + "..."


def flatten(context: dict) -> list[tuple[str, str]]:
    """Every leaf name of the context (``iku[0].capaian``, ``anggaran.belanja.total.apbd``) with
    a short display value. A dict met a second time (e.g. ``efisiensi[0].iku``) is shown as a
    reference to its first name instead of being repeated."""
    out: list[tuple[str, str]] = []
    seen: dict[int, str] = {}

    def walk(name: str, x: Any) -> None:
        if isinstance(x, (dict, list)):
            if id(x) in seen:
                out.append((name, f"→ {seen[id(x)]}"))
                return
            seen[id(x)] = name
            if not x:
                out.append((name, "{}" if isinstance(x, dict) else "[]"))
                return
            items = x.items() if isinstance(x, dict) else enumerate(x)
            for k, v in items:
                if isinstance(x, dict):
                    child = f"{name}.{k}" if name and str(k).isidentifier() else (f'{name}["{k}"]' if name else str(k))
                else:
                    child = f"{name}[{k}]"
                walk(child, v)
            return
        out.append((name, _short(x)))

    walk("", context)
    return out
