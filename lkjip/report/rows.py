"""Reading the loaded tables as plain rows: the only place in report/ that touches a frame.

Values arrive typed from :mod:`lkjip.inputs` (Value, float, int, date, str); here only
pandas' missing markers (NaN, NA, NaT) become None and numpy scalars become Python ones.
Nothing is parsed again.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd


def is_empty(x: Any) -> bool:
    """True for a missing cell: None, NaN, "" (or only spaces) and an empty Value."""
    if x is None:
        return True
    if isinstance(x, float) and math.isnan(x):
        return True
    if isinstance(x, str):
        return not x.strip()
    return getattr(x, "kind", None) == "empty"


def plain(x: Any) -> Any:
    """A cell with pandas' missing markers (NaN, NA, NaT) as None, Timestamps as dates and
    numpy scalars as Python numbers."""
    if x is None or x is pd.NA or x is pd.NaT:
        return None
    if isinstance(x, float) and math.isnan(x):
        return None
    if isinstance(x, pd.Timestamp):
        return x.to_pydatetime().date()
    if hasattr(x, "item") and not isinstance(x, (str, bytes)):  # numpy scalar
        return x.item()
    return x


def table_rows(dataset, name: str) -> list[dict]:
    """Rows of table ``name`` as dicts (``_row`` kept); an absent optional table → []."""
    tables = getattr(dataset, "tables", None)
    if tables is not None and name not in tables:
        return []
    try:
        table = dataset[name]
    except KeyError:
        return []
    return [{k: plain(v) for k, v in record.items()} for record in table.rows]


def settings(dataset, name: str) -> dict:
    """A key-value table (``profil``, ``pengaturan``) as its typed dict (``Dataset.settings``)."""
    try:
        return {k: plain(v) for k, v in dataset.settings(name).items()}
    except KeyError:
        return {}


def text(x: Any) -> str:
    """A text cell: "" for a missing one."""
    return "" if x is None else str(x)
