"""The Jinja environment chapters run in: sandboxed, values escaped for Markdown, and
``tabel(...)`` / ``grafik(...)`` as markers.

Values inserted with ``{{ ... }}`` are escaped for Markdown (every ASCII punctuation
character gets a backslash), so a value such as ``*PT_A* & <B>`` arrives in the report
exactly as typed and can never become bold text, a heading or a list. ``tabel(...)`` and
``grafik(...)`` return a marker made of private-use characters and an index into a side
list kept on the environment; a paragraph that holds only such a marker becomes a table or
chart block (see :mod:`.markdown`).
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from .budget import ACTIVE

MARKER_OPEN, MARKER_CLOSE = "\ue000", "\ue001"
MARKER_RE = re.compile(f"{MARKER_OPEN}([TC])(\\d+){MARKER_CLOSE}")
_PRIVATE_RE = re.compile("[\ue000-\ue003]")
_PUNCT_RE = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_NEWLINES_RE = re.compile(r"\s*[\r\n]+\s*")


def escape_markdown(value: str) -> str:
    """Backslash-escape ``value`` so that Markdown shows it literally, on one line."""
    value = _PRIVATE_RE.sub("", value)
    value = _NEWLINES_RE.sub(" ", value)
    return _PUNCT_RE.sub(r"\\\1", value)


# Markdown escaping is on only while a chapter is rendered, so the same environment can also
# fill the Word template (docxtpl), where values must stay as they are.
IN_CHAPTER: contextvars.ContextVar[bool] = contextvars.ContextVar("lkjip_chapter", default=False)


def _finalize(value):
    """Jinja ``finalize``: in chapters, escape every printed value unless it is marked safe."""
    if not IN_CHAPTER.get():
        return value
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return Markup(escape_markdown(str(value)))


class ChapterObjects:
    """The side list behind the markers (one per environment): tables and charts in the order
    the chapters asked for them."""

    def __init__(self):
        self.items: list = []

    def add(self, kind: str, obj) -> Markup:
        """Keep ``obj`` and return its marker (``kind``: "T" table, "C" chart)."""
        self.items.append(obj)
        return Markup(f"{MARKER_OPEN}{kind}{len(self.items) - 1}{MARKER_CLOSE}")


class ChapterEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with the hooks that enforce a chapter's budget (:mod:`.budget`).

    Every ``{% for %}`` iterates through :meth:`counted_loop` (the loop's iterable is wrapped
    when the template is parsed), and calls, attribute and item access and ``*``/``**``/``+``
    check the budget first. Outside a chapter no budget is active and the hooks change nothing.
    """

    intercepted_binops = frozenset({"*", "**", "+"})

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            wrapper = nodes.EnvironmentAttribute("counted_loop", lineno=loop.lineno)
            loop.iter = nodes.Call(wrapper, [loop.iter], [], None, None, lineno=loop.lineno)
            loop.iter.set_environment(self)
        return tree

    def counted_loop(self, iterable):
        budget = ACTIVE.get()
        return iterable if budget is None else budget.counted(iterable)

    def call(self, context_, obj_, /, *args, **kwargs):
        budget = ACTIVE.get()
        if budget is not None:
            budget.check_time()
        result = super().call(context_, obj_, *args, **kwargs)
        if budget is not None and isinstance(result, str):
            budget.check_size(len(result))
        return result

    def getattr(self, obj, attribute):
        budget = ACTIVE.get()
        if budget is not None:
            budget.check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        budget = ACTIVE.get()
        if budget is not None:
            budget.check_time()
        return super().getitem(obj, argument)

    def call_binop(self, context, operator, left, right):
        budget = ACTIVE.get()
        if budget is not None:
            budget.check_time()
            if operator == "**":
                budget.check_power(left, right)
            elif operator == "*":
                budget.check_repeat(left, right)
            elif operator == "+":
                budget.check_join(left, right)
        return super().call_binop(context, operator, left, right)


def make_env(
    context: dict,
    table_builder: Callable,
    chart_builder: Callable,
    filters: dict | None = None,
) -> ChapterEnvironment:
    """The Jinja environment for chapters (and for the Word template).

    ``table_builder(name, context, **args) -> TableSpec`` and
    ``chart_builder(name, context, **args) -> ChartSpec`` (``tables.build_table`` and
    ``charts.build_chart``). A builder signals an unknown name with
    :class:`lkjip.present.registry.UnknownName` and arguments or data it cannot use with
    :class:`lkjip.present.registry.CannotBuild`; the chapter then shows their message at the
    line. ``filters`` defaults to ``lkjip.present.fmt.FILTERS``.
    """
    if filters is None:
        from ..fmt import FILTERS as filters
    env = ChapterEnvironment(
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    objects = ChapterObjects()
    env.lkjip_objects = objects  # type: ignore[attr-defined]

    def tabel(name, **args):
        return objects.add("T", table_builder(name, context, **args))

    def grafik(name, **args):
        return objects.add("C", chart_builder(name, context, **args))

    env.globals.update(context)
    env.globals.update(tabel=tabel, grafik=grafik)
    return env


def chapter_objects(env: SandboxedEnvironment) -> list:
    """The tables and charts the markers of ``env``'s chapters point to."""
    return env.lkjip_objects.items  # type: ignore[attr-defined]
