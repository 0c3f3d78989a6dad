"""The look every chart shares, and how a Figure becomes PNG bytes.

Drawing uses matplotlib's Agg canvas on a private Figure (no pyplot global state), a fixed size
and dpi, DejaVu Sans and no "Software" metadata, so the same context always gives the same
PNG bytes.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

DPI = 150
WIDTH_IN = 8.0
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 10,
    "svg.hashsalt": "lkjip",
    "path.simplify": False,
}
COLOR_CAPAIAN = "#2f6f9f"
COLOR_PAGU = "#b9cfe0"
COLOR_REALISASI = "#2f6f9f"
COLOR_TARGET_LINE = "#c0392b"


def wrap(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` characters (an axis label)."""
    return "\n".join(textwrap.wrap(text, width)) or text


def tight(fig: Figure) -> None:
    """Tight layout, computed once: ``tight_layout()`` leaves a placeholder layout engine
    that makes ``savefig`` draw the figure a second time (same PNG bytes without it)."""
    fig.tight_layout()
    fig.set_layout_engine(None)


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes at :data:`DPI`, without a "Software" entry."""
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()
