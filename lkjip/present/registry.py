"""What the table and chart registries raise, so a chapter can report it at its line.

``tabel("x")`` / ``grafik("x")`` in a chapter look ``x`` up in
:data:`lkjip.present.tables.TABLES` / :data:`lkjip.present.charts.CHARTS`. An unknown name
raises :class:`UnknownName`; a known table or chart that cannot be built from the arguments or
the data given raises :class:`CannotBuild`. Both carry an Indonesian message that the
narrative shows with the chapter file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

T = TypeVar("T")


class UnknownName(KeyError):
    """``kind`` ("tabel" or "grafik") ``name`` is not in its registry; ``known`` lists the names."""

    def __init__(self, kind: str, name: str, known: Iterable[str] = ()):
        super().__init__(name)
        self.kind = kind
        self.name = name
        self.known = sorted(known)

    def __str__(self) -> str:
        text = f'{self.kind.capitalize()} "{self.name}" tidak dikenal.'
        if self.known:
            text += f" Nama {self.kind} yang tersedia: {', '.join(self.known)}."
        return text


class CannotBuild(ValueError):
    """A known table or chart refused its arguments or data; the message is Indonesian."""


def look_up(registry: Mapping[str, T], kind: str, name: str) -> T:
    """``registry[name]``; :class:`UnknownName` when absent."""
    try:
        return registry[name]
    except (KeyError, TypeError):
        raise UnknownName(kind, str(name), registry) from None
