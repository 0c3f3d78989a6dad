"""Charts kept between builds, keyed by a hash of the data they were drawn from.

Drawing the charts needs matplotlib (~0.4 s to import) and ~0.1–0.4 s per chart, yet their
data rarely change between two builds (a chapter edit changes none). :class:`ChartCache` keeps
each drawn chart (its PNG bytes, title and width) in the cache folder (:mod:`lkjip.cache`,
``charts/``); a hit gives the
very same bytes, so the report is byte-identical with or without the cache.

The key of a chart is a SHA-256 of: the cache format, the chart's name and arguments, the code
that draws (the source of :mod:`lkjip.present.charts`, :mod:`lkjip.present.fmt`, the
installed matplotlib) and the values of the context keys the chart read when it was last drawn
(recorded by :class:`RecordingContext`; kept per chart name in ``index.json``). A chart that
reads a key it did not read before is a miss, then recorded again. Every failure to read or
write the cache is silent: the chart is drawn as without it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from ..cache import prune
from .blocks import ChartSpec

FORMAT = "lkjip-chart-cache-1"
_PRESENT = Path(__file__).resolve().parent


class RecordingContext(dict):
    """A copy of the context that notes which top-level keys a chart reads (``.read``); a
    chart that walks the whole context (keys, values, items, iteration) reads every key."""

    def __init__(self, context: dict):
        super().__init__(context)
        self.read: set[str] = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def _everything(self):
        self.read.update(dict.keys(self))

    def keys(self):
        self._everything()
        return super().keys()

    def values(self):
        self._everything()
        return super().values()

    def items(self):
        self._everything()
        return super().items()

    def __iter__(self):
        self._everything()
        return super().__iter__()

    def __reduce__(self):  # pickled (to the chart worker) as the plain dict it copies
        return dict, (dict(self),)


def _code_fingerprint() -> str:
    """A hash of the code that draws the charts: our sources and matplotlib's version file."""
    digest = hashlib.sha256(FORMAT.encode())
    sources = sorted((_PRESENT / "charts").glob("*.py")) + [_PRESENT / "fmt.py",
                                                            _PRESENT / "blocks.py"]
    try:
        spec = importlib.util.find_spec("matplotlib")
        if spec is not None and spec.origin:
            sources.append(Path(spec.origin).parent / "_version.py")
    except (ImportError, ValueError):
        pass
    for path in sources:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(path.name.encode() + b"\0missing")
    return digest.hexdigest()


class _NotHashable(Exception):
    pass


_SCALARS = (str, int, float, bool, type(None), Decimal, dt.date, dt.time, dt.timedelta)


def canonical(write: Callable[[bytes], None], value, _open=None, _done=None) -> None:
    """Feed ``write`` a byte encoding of ``value`` that depends only on its content and shape
    (not on object identity or hash seeds, unlike pickle): scalars by type and ``repr``,
    dicts, lists, tuples and dataclasses/objects by their parts in order, a container met
    again (shared, or a cycle back to an enclosing one) by the number of its first visit.
    Sets and unknown types raise ``_NotHashable`` (not cached)."""
    _open = {} if _open is None else _open
    _done = {} if _done is None else _done
    if isinstance(value, _SCALARS):
        write(f"{type(value).__name__}:{value!r};".encode("utf-8", "surrogatepass"))
        return
    ident = id(value)
    if ident in _open or ident in _done:
        write(f"@{_open[ident] if ident in _open else _done[ident][0]};".encode())
        return
    number = len(_open) + len(_done)
    _open[ident] = number
    if isinstance(value, dict):
        parts = [item for pair in value.items() for item in pair]
    elif isinstance(value, (list, tuple)):
        parts = list(value)
    elif hasattr(value, "__dict__") and not callable(value):
        parts = list(vars(value).items())
    elif hasattr(value, "__slots__"):
        parts = [getattr(value, slot, None) for slot in value.__slots__]
    else:
        raise _NotHashable(type(value).__name__)
    write(f"{type(value).__qualname__}({len(parts)}:".encode())
    for part in parts:
        canonical(write, part, _open, _done)
    write(b")")
    # the value is kept with its number: an id is unique only while its object lives, and
    # the (key, value) tuples made here would otherwise free theirs for the next tuple
    _done[ident] = (_open.pop(ident), value)


class ChartCache:
    """Drawn charts in ``folder`` (created when first written); ``folder=None``: no cache."""

    def __init__(self, folder: Path | None):
        self.folder = None if folder is None else Path(folder)
        self._fingerprint: str | None = None
        self._index: dict | None = None

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = _code_fingerprint()
        return self._fingerprint

    def index(self) -> dict[str, list[str]]:
        """Chart name → the context keys it read when last drawn by this code."""
        if self._index is None:
            self._index = {}
            if self.folder is not None:
                try:
                    saved = json.loads((self.folder / "index.json").read_text(encoding="utf-8"))
                    if saved.get("code") == self.fingerprint:
                        self._index = dict(saved.get("charts", {}))
                except (OSError, ValueError, AttributeError):
                    pass
        return self._index

    def expects_hits(self) -> bool:
        """Whether charts were drawn before by this code (a build may then need no drawing)."""
        return bool(self.index())

    def key(self, name: str, args: dict, context: dict) -> str | None:
        """The hash of chart ``name`` for ``context``; None when its keys are not known yet
        or its data cannot be hashed."""
        keys = self.index().get(name)
        if keys is None or self.folder is None:
            return None
        return self._key(name, args, context, keys)

    def _key(self, name: str, args: dict, context: dict, keys: list[str]) -> str | None:
        digest = hashlib.sha256(self.fingerprint.encode())
        try:
            canonical(digest.update, (name, sorted(args.items()),
                                      [(k, k in context, dict.get(context, k)) for k in keys]))
        except _NotHashable:
            return None
        return digest.hexdigest()

    def has(self, name: str, args: dict, context: dict) -> bool:
        key = self.key(name, args, context)
        return key is not None and (self.folder / f"{key}.png").is_file()

    def get(self, name: str, args: dict, context: dict) -> ChartSpec | None:
        key = self.key(name, args, context)
        if key is None:
            return None
        try:
            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            png = (self.folder / f"{key}.png").read_bytes()
        except (OSError, ValueError):
            return None
        if hashlib.sha256(png).hexdigest() != meta.get("sha256"):
            return None  # a damaged or half-written file
        return ChartSpec(key=meta["key"], title=meta["title"], png=png,
                         width_cm=meta["width_cm"])

    def put(self, name: str, args: dict, context: dict, keys_read, spec: ChartSpec) -> None:
        """Keep ``spec``, drawn from ``context`` reading ``keys_read``."""
        if self.folder is None:
            return
        keys = sorted(keys_read)
        key = self._key(name, args, context, keys)
        if key is None:
            return
        meta = {"key": spec.key, "title": spec.title, "width_cm": spec.width_cm,
                "sha256": hashlib.sha256(spec.png).hexdigest()}
        index = dict(self.index(), **{name: keys})
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write(self.folder / f"{key}.png", spec.png)
            _write(self.folder / f"{key}.json", json.dumps(meta).encode())
            _write(self.folder / "index.json",
                   json.dumps({"code": self.fingerprint, "charts": index}).encode())
        except OSError:
            return
        self._index = index
        prune(self.folder, "*.png", companion=".json")


def _write(path: Path, data: bytes) -> None:
    """Write through a temp file and rename, so a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def free_cpu() -> bool:
    """Whether a second process would get a CPU of its own now: at least two CPUs usable by
    this process and (where the OS tells) a load average below their number minus one."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    if cpus < 2:
        return False
    try:
        return os.getloadavg()[0] < cpus - 0.5
    except (AttributeError, OSError):  # Windows: no load average
        return True



class ChartSource:
    """The chart builder of one build: the cache first; on a miss the chart worker
    (:mod:`lkjip.present.chartworker`, started when there is something to draw and a free
    CPU), else ``draw`` in this process. Charts drawn are put in the cache by :meth:`store`
    once the document is made.

    ``draw(name, context, **args) -> ChartSpec``; ``start_worker() -> ChartWorker | None``.
    """

    def __init__(self, cache: ChartCache, draw: Callable, start_worker: Callable | None):
        self.cache = cache
        self.draw = draw
        self.start_worker = start_worker
        self.worker = None
        self._worker_builder = None
        self._context = None
        self._drawn: list[tuple] = []  # (name, args, context, keys read or index, spec or pending)

    def start_early(self) -> None:
        """Start the worker now (before the context exists) when a CPU is free."""
        if self.worker is None and self.start_worker is not None and free_cpu():
            self.worker = self.start_worker()

    def builder(self, context: dict) -> Callable:
        """The ``chart_builder`` for :func:`lkjip.present.narrative.make_env`. Starts the
        worker at once when a chart drawn before is stale for ``context``."""
        self._context, self._drawn, self._worker_builder = context, [], None
        if self.worker is None and any(not self.cache.has(name, {}, context)
                                       for name in self.cache.index()):
            self.start_early()
        return self._build

    def without_worker(self) -> None:
        """After the worker failed: close it; every chart from now on is drawn here."""
        self.close()
        self.start_worker = None

    def _build(self, name: str, context: dict, **args):
        if context is self._context:
            cached = self.cache.get(name, args, context)
            if cached is not None:
                return cached
            if self.worker is None and self.start_worker is not None:
                self.start_early()
            if self.worker is not None:
                if self._worker_builder is None:
                    self._worker_builder = self.worker.builder(context, self._draw_here)
                chart = self._worker_builder(name, context, **args)
                if hasattr(chart, "_index"):  # a PendingChart: stored once drawn
                    self._drawn.append((name, args, context, None, chart))
                return chart
        return self._draw_here(name, context, **args)

    def _draw_here(self, name: str, context: dict, **args) -> ChartSpec:
        recording = RecordingContext(context)
        spec = self.draw(name, recording, **args)
        if context is self._context:
            self._drawn.append((name, args, context, recording.read, spec))
        return spec

    def store(self) -> None:
        """Put the charts drawn by this build into the cache (after the document is made,
        when every pending chart has arrived)."""
        for name, args, context, keys, chart in self._drawn:
            if keys is None:  # from the worker
                keys = self.worker.keys_read(chart._index) if self.worker else None
                if keys is None:
                    continue
                chart = ChartSpec(key=chart.key, title=chart.title, png=chart.png,
                                  width_cm=chart.width_cm)
            self.cache.put(name, args, context, keys, chart)
        self._drawn = []

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None
