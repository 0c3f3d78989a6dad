"""Limits on what one chapter may cost, so a mistyped loop cannot hang the build.

A chapter is a small program (Jinja). Per chapter it may run for :data:`SECONDS` seconds, take
:data:`LOOP_STEPS` loop steps in all (nested loops count every inner step) and write
:data:`OUTPUT_CHARS` characters of Markdown. Jinja's own sandbox already caps one ``range()`` at
100 000 steps. The checks run in the sandbox's hooks — every call, attribute access, loop step
and ``*``/``**``/``+`` (see :class:`lkjip.present.narrative.sandbox.ChapterEnvironment`) — and
on the output as it is produced. Outside a chapter (the Word template) no budget is active and
nothing is checked.

Known gap: ``~`` (joining texts) is not checked, so a loop doubling a text with ``~`` can still
use much memory before its output is measured.
"""

from __future__ import annotations

import contextvars
import math
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

SECONDS = 10.0
LOOP_STEPS = 1_000_000
OUTPUT_CHARS = 5_000_000
#: ``a ** b`` is refused when the result would have more digits than this.
POWER_DIGITS = 10_000


class BudgetExceeded(Exception):
    """A chapter went over one of its limits; ``message`` and ``hint`` are Indonesian."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message = message
        self.hint = hint


def _thousands(n: int) -> str:
    """``1000000`` → ``1.000.000`` (Indonesian grouping)."""
    return f"{n:,}".replace(",", ".")


_LOOP_HINT = ("Periksa perulangan {% for %} pada baris ini, terutama perulangan di dalam "
              "perulangan; bab biasanya hanya mengulang data (mis. {% for i in iku %}).")


@dataclass
class Budget:
    """What one chapter may still spend; :meth:`start` before rendering it."""

    seconds: float = SECONDS
    loop_steps: int = LOOP_STEPS
    output_chars: int = OUTPUT_CHARS
    deadline: float = field(default=0.0, init=False)
    steps: int = field(default=0, init=False)

    def start(self) -> "Budget":
        self.deadline = time.monotonic() + self.seconds
        self.steps = 0
        return self

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(
                f"bab ini berjalan lebih dari {self.seconds:g} detik dan dihentikan.", _LOOP_HINT)

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.loop_steps:
            raise BudgetExceeded(
                f"perulangan di bab ini melewati batas {_thousands(self.loop_steps)} langkah dan "
                "dihentikan.", _LOOP_HINT)
        if self.steps % 1000 == 0:
            self.check_time()

    def check_size(self, chars: int) -> None:
        if chars > self.output_chars:
            raise BudgetExceeded(
                f"bab ini menghasilkan lebih dari {_thousands(self.output_chars)} karakter teks "
                "dan dihentikan.",
                "Periksa perulangan dan pengulangan teks (mis. 'abc' * 1000000) pada baris ini.")

    def counted(self, iterable: Iterable) -> Iterator:
        """``iterable``, one :meth:`step` per item."""
        for item in iterable:
            self.step()
            yield item

    def check_power(self, base, exponent) -> None:
        """Refuse ``base ** exponent`` for ints whose result would be enormous."""
        if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
            if exponent * math.log10(abs(base)) > POWER_DIGITS:
                raise BudgetExceeded(
                    f"hasil pangkat {base} ** {exponent} terlalu besar untuk dihitung.",
                    "Perkecil pangkatnya.")

    def check_repeat(self, left, right) -> None:
        """Refuse ``text * n`` (or a list) longer than the output limit."""
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                self.check_size(len(seq) * count)


    def check_join(self, left, right) -> None:
        """Refuse ``a + b`` of texts or lists longer than the output limit."""
        if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            self.check_size(len(left) + len(right))


ACTIVE: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("lkjip_budget", default=None)
