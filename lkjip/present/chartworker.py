"""Charts drawn in a second process, so the build does not wait for matplotlib.

Importing matplotlib (~0.25 s) and drawing the charts (~0.1 s each) would otherwise sit on
the build's critical path. :func:`start` launches ``python -m lkjip.present.chartworker`` at the
beginning of a build (no fork: the same on Windows); it imports :mod:`lkjip.present.charts` while
the build loads its data. The build then sends the context once and, for each
``grafik("name")`` in a chapter, the name and arguments; the worker calls the same
:func:`lkjip.present.charts.build_chart` and sends back the :class:`~lkjip.present.blocks.ChartSpec`.
``grafik()`` does not wait: it gets a :class:`PendingChart`, whose attributes (``png``,
``title``, ...) wait for the worker's answer when the Word document reads them.

Failures are silent: a worker that cannot start means the charts are drawn in-process; a
worker that dies or cannot draw a chart raises :class:`ChartWorkerFailed`, on which the
build makes its chapters and document again with in-process charts (which then shows the
real error, with its chapter line, if there is one). The worker ends when its stdin closes
(:meth:`ChartWorker.close`, or the build process dying).

Messages both ways: an 8-byte big-endian length, then a pickle.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

_HEADER = struct.Struct(">Q")
_PACKAGE_PARENT = Path(__file__).resolve().parents[2]  # the folder holding lkjip/


class ChartWorkerFailed(Exception):
    """The worker died or could not draw a chart: draw the charts in-process instead."""


def _write(stream, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read(stream):
    """The next message, or None at the end of the stream."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    size = _HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


# --------------------------------------------------------------------------- build side


def start() -> ChartWorker | None:
    """Launch the worker; None when it cannot be started (charts are then drawn in-process)."""
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "lkjip.present.chartworker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=_PACKAGE_PARENT,  # `-m` finds lkjip here, wherever the build runs
        )
    except (OSError, ValueError):
        return None
    return ChartWorker(proc)


class PendingChart:
    """Stands for the ChartSpec the worker is drawing; reading an attribute waits for it."""

    def __init__(self, worker: ChartWorker, index: int):
        self._worker = worker
        self._index = index

    def __getattr__(self, attr: str):
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self._worker.result(self._index), attr)


class ChartWorker:
    def __init__(self, proc: subprocess.Popen):
        self.proc = proc
        self._names: frozenset[str] | None = None
        self._alive = True
        self._sent = 0
        self._results: list = []

    def builder(self, context: dict, fallback: Callable) -> Callable:
        """A chart builder for :func:`lkjip.present.narrative.make_env` that hands the charts of
        ``context`` to the worker; ``fallback`` (the in-process builder) takes the names
        the worker does not know, so an unknown name fails in the chapter as before."""
        self._send(("context", context))

        def build(name, ctx, **args):
            names = self.names()
            if ctx is not context or names is None or name not in names:
                return fallback(name, ctx, **args)
            if not self._send(("chart", name, args)):
                return fallback(name, ctx, **args)
            self._sent += 1
            return PendingChart(self, self._sent - 1)

        return build

    def names(self) -> frozenset[str] | None:
        """The chart names the worker knows (its first message); None if it is dead."""
        if self._names is None and self._alive:
            message = self._receive()
            if message is not None and message[0] == "names":
                self._names = frozenset(message[1])
            else:
                self._alive = False
        return self._names if self._alive else None

    def result(self, index: int):
        """The ChartSpec of request ``index``, waiting for it; ChartWorkerFailed otherwise."""
        while len(self._results) <= index:
            message = self._receive() if self._alive else None
            if message is None:
                self._alive = False
                raise ChartWorkerFailed("chart worker ended")
            self._results.append(message)
        status, value = self._results[index]
        if status != "ok":
            raise ChartWorkerFailed(value)
        return value

    def close(self) -> None:
        """End the worker (it exits when its stdin closes) and wait for it; kill it if it
        does not end at once (e.g. still drawing for a build that failed)."""
        self._alive = False
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def _send(self, message) -> bool:
        if not self._alive:
            return False
        try:
            _write(self.proc.stdin, message)
        except (OSError, ValueError, pickle.PicklingError, TypeError, AttributeError):
            return False  # a value that cannot be pickled, or a dead worker
        return True

    def _receive(self):
        try:
            return _read(self.proc.stdout)
        except Exception:  # noqa: BLE001 - anything unreadable means: no worker
            return None


# --------------------------------------------------------------------------- worker side


def _serve() -> None:
    import queue
    import threading

    # Read stdin from the start, so the build never waits to hand over the context while
    # matplotlib is still being imported below.
    inbox: queue.Queue = queue.Queue()
    stdin = sys.stdin.buffer

    def read_all():
        try:
            while (message := _read(stdin)) is not None:
                inbox.put(message)
        finally:
            inbox.put(None)

    threading.Thread(target=read_all, daemon=True).start()

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but messages on the real stdout

    from lkjip.present import charts  # matplotlib: the slow part

    _write(out, ("names", sorted(charts.CHARTS)))
    context = None
    while (message := inbox.get()) is not None:
        if message[0] == "context":
            context = message[1]
            continue
        _, name, args = message
        try:
            reply = ("ok", charts.build_chart(name, context, **args))
        except Exception as exc:  # noqa: BLE001 - the build redraws in-process and reports it
            reply = ("error", f"{type(exc).__name__}: {exc}")
        _write(out, reply)
    out.flush()
    os._exit(0)  # nothing to clean up; skip the interpreter's slower shutdown


if __name__ == "__main__":
    _serve()
