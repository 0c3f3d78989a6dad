"""LibreOffice as lkjip runs it: ``lo_update.py --serve`` (one JSON job per line), started
early by a build (it takes 0.3–1 s) and kept open for many documents by
``build.py --pantau`` and each worker of ``build.py semua``."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time

from ..errors import OutputError
from .installation import forget_uno_python
from .libreoffice import (
    _failure,
    _popen_script,
    _remove_folder,
    _Script,
    _signal_kill,
    _timed_out,
    in_job_folder,
    libreoffice_hint,
)


class Office:
    """One LibreOffice (``lo_update.py --serve``) for one build, or kept open for many
    documents (``build.py --pantau`` between rebuilds, each worker of ``build.py semua``).

    ``start()`` launches it without waiting (a no-op while it runs); ``update(docx, want_pdf)``
    is :func:`lkjip.publish.libreoffice.update_with_libreoffice` through it, starting it first
    when needed; ``close()`` lets it end without waiting for it. Each job gets its own temp folder; the profile is removed when
    LibreOffice closes (by the script; by ``close``/a failure here when the script was
    killed). After a failed or timed-out job LibreOffice is ended, and the next ``update``
    starts a fresh one. Errors are the same Indonesian ``OutputError`` as the single pass.
    """

    def __init__(self) -> None:
        self._proc: _Script | None = None
        self._answers: queue.Queue | None = None
        self._errors: list[str] = []
        self.starts = 0  # how many LibreOffices this object started (tests, benchmark)

    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> bool:
        """Start LibreOffice now unless it runs; False when it cannot be started."""
        if self.running():
            return True
        self._forget()
        try:
            proc = _popen_script(["--serve"], stdin=subprocess.PIPE)
        except (OSError, OutputError):
            return False
        self._proc, self._answers, self._errors = proc, queue.Queue(), []
        self.starts += 1
        threading.Thread(target=_read_lines, args=(proc.stdout, self._answers.put),
                         daemon=True).start()
        threading.Thread(target=_read_lines, args=(proc.stderr, self._errors.append),
                         daemon=True).start()
        return True

    def update(self, docx: bytes, want_pdf: bool, timeout: float = 180, finish=None
               ) -> tuple[bytes, bytes | None]:
        """Like :func:`update_with_libreoffice`, in this LibreOffice."""
        if not self.running() and not self.start():
            raise OutputError(libreoffice_hint())
        return in_job_folder(docx, want_pdf, lambda job: self._job(job, timeout), finish)

    def _job(self, job: dict, timeout: float):
        """Send ``job``; return when its entries are written: None when the job is done,
        else (a job with a PDF) a function that waits for the rest. Raises OutputError."""
        deadline = time.monotonic() + timeout
        try:  # in use: not one of the folders a build left an hour ago (remove_stale_temp)
            os.utime(self._proc.profile)
        except (OSError, TypeError):
            pass
        try:
            self._proc.stdin.write((json.dumps(job) + "\n").encode("utf-8"))
            self._proc.stdin.flush()
        except OSError:  # it ended meanwhile: its answer queue ends with None
            pass
        answer = self._answer(deadline, timeout)
        if answer.get("entries"):
            return lambda: self._done(self._answer(deadline, timeout))
        return self._done(answer)

    def _answer(self, deadline: float, timeout: float) -> dict:
        """The script's next answer line; OutputError when it ends or is late."""
        proc = self._proc
        try:
            line = self._answers.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            self.kill()
            raise _timed_out(timeout) from None
        if line is None:  # the script ended without answering
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self.kill()
            end = time.monotonic() + 2  # its last words on stderr
            while (not self._errors or self._errors[-1] is not None) and time.monotonic() < end:
                time.sleep(0.01)
            lines = [e for e in self._errors if e is not None]
            forget_uno_python()  # probe again next time: maybe python3-uno was removed
            raise _failure(lines[-1] if lines else "")
        try:
            return json.loads(line)
        except ValueError:
            return {"ok": False, "error": ""}

    def _done(self, answer: dict) -> None:
        if not answer.get("ok"):
            self.close()  # a fresh LibreOffice for the next document
            raise _failure(str(answer.get("error") or ""))

    def close(self, wait: bool = False) -> None:
        """Let LibreOffice close: its stdin ends, and the script closes soffice and removes
        the profile in the background, so nobody waits (``wait=True``: until it is done, at
        most 30 s). Safe to call again."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                proc.stdin.close()
            except OSError:
                pass
            if not wait:
                return
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                _signal_kill(proc)
        _remove_folder(proc.profile)

    def kill(self) -> None:
        """End the script and its soffice now and remove the profile."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        _signal_kill(proc)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        _remove_folder(proc.profile)

    def _forget(self) -> None:
        """A LibreOffice that ended by itself: make sure its profile is gone."""
        if self._proc is not None:
            _remove_folder(self._proc.profile)
            self._proc = None

    def __enter__(self) -> "Office":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _read_lines(stream, put) -> None:
    """Every line of ``stream`` (decoded) to ``put``, then None at its end."""
    try:
        for raw in iter(stream.readline, b""):
            put(raw.decode("utf-8", "replace").rstrip("\r\n"))
    except (OSError, ValueError):
        pass
    finally:
        put(None)
