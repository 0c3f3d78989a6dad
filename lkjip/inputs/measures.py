"""Checks of measured indicators (tables with ``target``, ``realisasi``, ``satuan``, ``arah``):
every cell whose capaian cannot be a plain ratio gets a located warning, and grade targets get
the scale they are scored on (:mod:`lkjip.inputs.scales`). Capaian itself is computed by
:func:`lkjip.report.compute.capaian`; the rules are in docs/data.md ("Nilai target dan realisasi").
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import Issue
from . import messages as m
from .notation import _FACTORS, Value, parse_value
from .scales import Scale, find_scale

MEASURED = ("iku", "indikator_program", "indikator_kegiatan")
NUMERIC = ("number", "lt", "le", "gt", "ge", "range")


def rescale(tables: dict, scales: tuple[Scale, ...]) -> None:
    """Read text and grade values again with the ``skala`` table's scales looked up first."""
    from .schema import SCHEMAS

    for name, table in tables.items():
        columns = [c.name for c in SCHEMAS[name].columns if c.type == "value"]
        for row in table.rows:
            for column in columns:
                if row[column].kind in ("text", "grade"):
                    row[column] = parse_value(row[column].raw, scales)


def check_measures(table, scales: tuple[Scale, ...], warnings: list[Issue]) -> None:
    """Warnings for one measured table; grade targets and realisasi get their common scale."""
    for row in table.rows:
        about = f"{row['satuan']} {row['indikator']}"
        target, realisasi = row["target"], row["realisasi"]
        loc = lambda column: table.loc(row["_row"], column)  # noqa: E731
        if target.kind == "grade":
            row["target"], row["realisasi"] = _on_one_scale(target, realisasi, scales, about, loc, warnings)
        for column in ("target", "realisasi"):
            value = row[column]
            if value.kind == "text":
                warnings.append(m.msg_unscored_text(loc(column), value.raw))
            elif value.kind == "empty" and value.raw and column == "target":
                warnings.append(m.msg_no_value(loc(column), value.raw))  # realisasi: by the audit
            _check_unit(value, row["satuan"], loc(column), warnings)
        _check_ratio(row, loc, warnings)


def _on_one_scale(target: Value, realisasi: Value, scales, about, loc, warnings):
    grades = [target.grade] + ([realisasi.grade] if realisasi.kind == "grade" else [])
    scale = find_scale(grades, scales, about)
    if scale is None:  # the realisasi grade is on another scale
        scale = find_scale([target.grade], scales, about)
        warnings.append(m.msg_grade_mismatch(loc("realisasi"), realisasi.raw, target.raw, scale.name))
        return replace(target, scale=scale), realisasi
    if realisasi.kind == "grade":
        realisasi = replace(realisasi, grade=scale.level(realisasi.grade).name, scale=scale)
    elif realisasi.kind in NUMERIC:
        warnings.append(m.msg_grade_mismatch(loc("realisasi"), realisasi.raw, target.raw, scale.name))
    return replace(target, grade=scale.level(target.grade).name, scale=scale), realisasi


def _check_unit(value: Value, satuan: str, loc, warnings) -> None:
    words = value.unit.split()
    if words and words[0].casefold().rstrip(".") in _FACTORS:
        words = words[1:]
    unit, wanted = " ".join(words).casefold(), satuan.strip().casefold()
    if unit and wanted and unit not in wanted and wanted not in unit:
        warnings.append(m.msg_unit_differs(loc, value.raw, " ".join(words), satuan))


def _check_ratio(row: dict, loc, warnings) -> None:
    """Zero target (capaian n/a) and a negative capaian (arah turun, R > 2T)."""
    target, realisasi = row["target"], row["realisasi"]
    if target.kind not in NUMERIC or realisasi.kind not in NUMERIC or realisasi.kind == "range":
        return
    r = realisasi.number
    if target.kind == "range":
        if target.low <= r <= target.high:
            return
        bound = target.low if r < target.low else target.high
    else:
        bound = target.number
    if bound == 0:
        warnings.append(m.msg_zero_target(loc("target")))
    elif row.get("arah") == "turun" and bound > 0 and r > 2 * bound:
        warnings.append(m.msg_negative_capaian(loc("realisasi"), realisasi.raw, target.raw))
