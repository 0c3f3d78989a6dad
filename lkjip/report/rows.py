"""Reading the loaded tables as plain rows for the report builders.

Values arrive typed from :mod:`lkjip.inputs` (Value, Decimal, float, int, date, str, None);
nothing is parsed again here.
"""

from __future__ import annotations

import math
from typing import Any


def plain(x: Any) -> Any:
    """A cell with a float NaN (Excel's empty number in a hand-made table) as None."""
    if isinstance(x, float) and math.isnan(x):
        return None
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
