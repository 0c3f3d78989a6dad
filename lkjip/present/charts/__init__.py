"""Charts of the report as PNG bytes (:class:`lkjip.present.blocks.ChartSpec`).

Each chart has a *data* function (plain values from the context, unit-tested) and a *drawing*
function (:mod:`.bars`, :mod:`.orgchart`); :mod:`.style` makes the same context always give the
same PNG bytes. The registry names (``grafik("capaian_iku")`` in a chapter) are a public API.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..blocks import ChartSpec
from ..registry import CannotBuild, UnknownName, look_up
from .bars import capaian_iku, realisasi_program
from .orgchart import struktur_organisasi

__all__ = ["CHARTS", "build_chart", "CannotBuild", "UnknownName"]

CHARTS: dict[str, Callable[[Mapping[str, Any]], ChartSpec]] = {
    "capaian_iku": capaian_iku,
    "realisasi_program": realisasi_program,
    "struktur_organisasi": struktur_organisasi,
}


def build_chart(name: str, context: Mapping[str, Any]) -> ChartSpec:
    """The chart ``name`` drawn from ``context``.

    :class:`UnknownName` for a name not in :data:`CHARTS`; :class:`CannotBuild` (Indonesian
    message) when the data needed for the chart is missing.
    """
    return look_up(CHARTS, "grafik", name)(context)
