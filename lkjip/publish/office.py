"""One LibreOffice kept open for many documents: ``build.py --pantau`` between rebuilds and
each worker of ``build.py semua`` (``lo_update.py --serve``: one JSON job per line)."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path

from ..errors import OutputError
from .libreoffice import (  # the single-pass machinery this reuses
    _failure,
    _in_job_folder,
    _popen_script,
    _remove_folder,
    _Script,
    _signal_kill,
    _timed_out,
    libreoffice_hint,
)


class Office:
    """One LibreOffice kept open for many documents (``lo_update.py --serve``): for
    ``build.py --pantau`` (between rebuilds) and each worker of ``build.py semua``.

    ``start()`` launches it without waiting (a no-op while it runs); ``update(docx, want_pdf)``
    is :func:`update_with_libreoffice` through it, starting it first when needed;
    ``close()`` ends it. Each job gets its own temp folder; the profile is removed when
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

    def update(self, docx: bytes, want_pdf: bool, timeout: float = 180
               ) -> tuple[bytes, bytes | None]:
        """Like :func:`update_with_libreoffice`, in this LibreOffice."""
        if not self.running() and not self.start():
            raise OutputError(libreoffice_hint())
        return _in_job_folder(docx, want_pdf, lambda src, json_path, pdf_path: self._job(
            src, json_path, pdf_path, timeout))

    def _job(self, src: Path, json_path: Path, pdf_path: Path | None, timeout: float) -> None:
        proc, answers = self._proc, self._answers
        job = {"docx": str(src), "json": str(json_path),
               "pdf": None if pdf_path is None else str(pdf_path)}
        try:
            proc.stdin.write((json.dumps(job) + "\n").encode("utf-8"))
            proc.stdin.flush()
        except OSError:  # it ended meanwhile: its answer queue ends with None
            pass
        try:
            line = answers.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise _timed_out(timeout) from None
        if line is None:  # the script ended without answering
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self.kill()
            deadline = time.monotonic() + 2  # its last words on stderr
            while (not self._errors or self._errors[-1] is not None) and \
                    time.monotonic() < deadline:
                time.sleep(0.01)
            lines = [e for e in self._errors if e is not None]
            raise _failure(lines[-1] if lines else "")
        try:
            answer = json.loads(line)
        except ValueError:
            answer = {"ok": False, "error": ""}
        if not answer.get("ok"):
            self.close()  # a fresh LibreOffice for the next document
            raise _failure(str(answer.get("error") or ""))

    def close(self) -> None:
        """Let LibreOffice close (its stdin ends: the script closes soffice and removes the
        profile in the background, so nobody waits). Safe to call again."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                proc.stdin.close()
            except OSError:
                pass
        else:
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
