"""Small helpers shared by the table builders: cells, value texts, vertical merges.

Numbers are formatted only through :mod:`lkjip.present.fmt`; a cell's ``text`` is final.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from .. import fmt
from ..blocks import Cell

Row = list[Cell]


def header_cell(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    """A header cell: bold, centred."""
    return Cell(text, align="center", bold=True, colspan=colspan, rowspan=rowspan)


def text_cell(text: Any, bold: bool = False, colspan: int = 1, align: str = "left") -> Cell:
    """A text cell (None → empty)."""
    return Cell("" if text is None else str(text), align=align, bold=bold, colspan=colspan)


def centered_cell(text: Any, bold: bool = False, colspan: int = 1) -> Cell:
    """A centred cell (numbers used as labels: No., Satuan, counts)."""
    return text_cell(text, bold=bold, colspan=colspan, align="center")


def number_cell(text: str, bold: bool = False, colspan: int = 1) -> Cell:
    """A right-aligned (number) cell; ``text`` is already formatted through fmt."""
    return Cell(text, align="right", bold=bold, colspan=colspan)


def money_cell(x: float | None, bold: bool = False) -> Cell:
    """Money (rupiah) as the reference prints it in tables: no "Rp", no decimals."""
    return number_cell(fmt.angka(x), bold=bold)


def percent_cell(x: float | None, bold: bool = False) -> Cell:
    """A percentage in a column whose header already says "%": 2 decimals, no sign."""
    return number_cell(fmt.angka(x, 2), bold=bold)


def percent_sign_cell(x: float | None, bold: bool = False) -> Cell:
    """A percentage with its sign ("582,48%")."""
    return number_cell(fmt.persen(x, 2), bold=bold)


def value_text(v: Any, if_missing: str = "") -> str:
    """A target/realisasi as typed (a notation Value), a plain number, or text.

    Nothing typed (see :func:`fmt.is_missing`) → ``if_missing``: "" for plans (an empty target
    cell), "n/a" for a realisasi that should be there.
    """
    if fmt.is_missing(v):
        return if_missing
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        return fmt.angka(v, 0 if float(v).is_integer() else 2)
    return fmt.nilai(v)


def value_percent_text(v: Any, satuan: str | None, if_missing: str = "") -> str:
    """Like :func:`value_text`, with a "%" added to a number, comparison or range of an indicator
    in percent (Tabel 3.1–3.4 print "1,37%" where Tabel 2.6 prints "1,37"; "<11%" beside "9,74%")."""
    text = value_text(v, if_missing)
    plain = isinstance(v, (int, float)) and not isinstance(v, bool)
    numeric = getattr(v, "kind", None) in ("number", "lt", "le", "gt", "ge", "range")
    if (satuan or "").strip() == "%" and (plain or numeric):
        if not getattr(v, "percent", False) and text and not text.endswith("%"):
            text += "%"
    return text


def date_text(d: Any) -> str:
    """A date of the context: formatted through fmt unless the context already gives text."""
    if d is None or isinstance(d, str):
        return d or ""
    if isinstance(d, date):
        return fmt.tanggal(d)
    return str(d)


def field(obj: Any, key: str, default: Any = None) -> Any:
    """``obj[key]`` for dicts, ``obj.key`` for objects; ``default`` when absent."""
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def yearly_targets(row: Mapping[str, Any], years: int = 5) -> list[Any]:
    """The yearly targets of a Renstra/RPJMD row (a ``target`` list or ``target_1..5``)."""
    targets = row.get("target")
    if isinstance(targets, (list, tuple)):
        return list(targets) + [None] * (years - len(targets))
    return [row.get(f"target_{i}") for i in range(1, years + 1)]


def row_number(x: Any) -> str:
    """A row number as the reference prints it: "1." (empty stays empty)."""
    if fmt.is_missing(x):
        return ""
    text = str(x)
    return text if text.endswith(".") else text + "."


def merge_down(keyed: Sequence[tuple[tuple, Row]], levels: Sequence[Sequence[int]]) -> list[Row]:
    """Vertical merges: ``keyed`` is a list of (keys, full row of cells), one key per level.

    At level i, the columns ``levels[i]`` of consecutive rows whose keys[: i + 1] are equal
    (and not None) are merged into the first row of the run (rowspan); the covered cells are
    left out, as :class:`Cell` requires. Columns are indexes into the full rows.
    """
    rows = [list(cells) for _, cells in keyed]
    covered: set[tuple[int, int]] = set()
    for level, columns in enumerate(levels):
        start = 0
        while start < len(keyed):
            key = keyed[start][0][: level + 1]
            end = start + 1
            if key[-1] is not None:
                while end < len(keyed) and keyed[end][0][: level + 1] == key:
                    end += 1
            if end - start > 1:
                for col in columns:
                    rows[start][col].rowspan = end - start
                    covered.update((r, col) for r in range(start + 1, end))
            start = end
    return [[c for j, c in enumerate(row) if (i, j) not in covered] for i, row in enumerate(rows)]


def agency_full_name(ctx: Mapping[str, Any]) -> str:
    """``profil.nama_lengkap``, else "<nama_instansi> <daerah>"."""
    profil = ctx["profil"]
    return profil.get("nama_lengkap") or f"{profil['nama_instansi']} {profil['daerah']}"
