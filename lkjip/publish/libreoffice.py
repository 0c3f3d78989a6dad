"""LibreOffice's pass over the report (TOC, PDF).

:func:`update_with_libreoffice` lets headless LibreOffice compute the table of contents and
the lists of tables/figures (entries and page numbers) and, if asked, export the PDF. The
entries are written back into *our* .docx as the cached results of its TOC fields
(:func:`lkjip.docx.toc.write_back_tocs`); the file LibreOffice would save is never handed to
the user. ``lo_update.py`` is the script LibreOffice's own Python runs, in a private profile
prepared here. :class:`Office` keeps one LibreOffice open for many documents (``--pantau``,
the workers of ``build.py semua``). Where LibreOffice is installed: :mod:`.installation`.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path, PurePath
from typing import Callable

from ..errors import OutputError
from .installation import find_soffice, office_version, uno_python

LO_SCRIPT = Path(__file__).resolve().parent / "lo_update.py"
OWN_MESSAGE = "RuntimeError: "  # how lo_update.py reports its own (Indonesian) errors


def _soffice() -> str | None:
    return find_soffice()


# --- the private profile ------------------------------------------------------------------


def seed_profile(profile: Path, version: str | None) -> None:
    """Prepare a new, empty profile folder for a headless LibreOffice of ``version``.

    A profile that has not recorded the version that runs it (the setting
    ``/org.openoffice.Setup/Product/ooSetupLastVersion``) makes LibreOffice run VCL's graphics
    render tests at start, about 0.6 s of a 0.9 s start (``runGraphicsRenderTests`` in
    LibreOffice's desktop/source/app/app.cxx; a headless LibreOffice never records the
    version itself, so it happens on every start). The setting is written as LibreOffice
    writes it, in ``user/registrymodifications.xcu``. Nothing is written when the version is
    unknown: the start is then only slower."""
    if not version:
        return
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" '
        f'oor:op="fuse"><value>{version}</value></prop></item>\n'
        '</oor:items>\n', encoding="utf-8")


def profile_url(profile: PurePath) -> str:
    """The ``file:///`` URL LibreOffice wants for a profile folder (``C:\\Temp\\x`` →
    ``file:///C:/Temp/x``; spaces and other characters percent-encoded)."""
    return profile.as_uri()


# --- temp folders -----------------------------------------------------------------------

TEMP_PREFIX = "lkjip-lo-"  # LibreOffice profiles and report copies in the temp folder
JOB_PREFIX = TEMP_PREFIX + "job-"  # + the pid of the process that made it + "-"
STALE_AFTER = 3600  # seconds: older ones were left by a build that was killed


def remove_stale_temp(temp_dir: Path | None = None, now: float | None = None,
                      max_age: float = STALE_AFTER) -> list[Path]:
    """Remove ``lkjip-lo-*`` folders older than ``max_age`` seconds from the temp folder
    (a build killed while LibreOffice ran could not remove them); returns those removed."""
    temp_dir = Path(temp_dir or tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = []
    for entry in temp_dir.glob(TEMP_PREFIX + "*"):
        try:
            if now - entry.stat().st_mtime < max_age:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink()
        except OSError:
            continue
        removed.append(entry)
    return removed


def remove_job_folders(pids, temp_dir: Path | None = None) -> None:
    """Remove the job folders (report copies for LibreOffice) that the processes ``pids``
    made: they were killed (``build.py semua`` stopped by Ctrl+C) before removing them."""
    temp_dir = Path(temp_dir or tempfile.gettempdir())
    for pid in pids:
        for folder in temp_dir.glob(f"{JOB_PREFIX}{pid}-*"):
            _remove_folder(folder)


@functools.lru_cache(maxsize=None)
def _clean_once() -> None:
    remove_stale_temp()


def _remove_folder(folder: str | Path | None) -> None:
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


# --- running lo_update.py -----------------------------------------------------------------


def libreoffice_available() -> bool:
    """soffice is installed and a Python with the ``uno`` module exists."""
    return _soffice() is not None and uno_python() is not None and LO_SCRIPT.is_file()


def libreoffice_hint() -> str:
    """What is missing and how to install it (Indonesian, for the CLI)."""
    missing = []
    if _soffice() is None:
        missing.append("LibreOffice (perintah soffice)")
    if uno_python() is None:
        missing.append("modul Python 'uno' (python3-uno)")
    what = " dan ".join(missing) or "LibreOffice"
    return (
        f"{what} tidak ditemukan, sehingga daftar isi dan daftar tabel belum berisi nomor "
        "halaman dan PDF tidak dibuat. Word akan memperbarui daftar isi saat dokumen dibuka "
        "(jawab 'Yes'). Untuk memasang: di Debian/Ubuntu jalankan "
        "`sudo apt-get install libreoffice-writer python3-uno`; di Windows pasang LibreOffice "
        "dari libreoffice.org."
    )


class _Script(subprocess.Popen):
    """lo_update.py running; ``profile``: the LibreOffice profile folder made for it."""

    profile: str | None = None


def _popen_script(args: list[str], stdin=None) -> _Script:
    python = uno_python()
    office = _soffice()
    if python is None or office is None:
        raise OutputError(libreoffice_hint())
    _clean_once()
    profile = tempfile.mkdtemp(prefix=TEMP_PREFIX + "profile-")
    # LibreOffice's own temp files go into the profile folder: it is writable (Python picked
    # it, skipping a TMPDIR it cannot write to, which soffice would still use and fail in)
    # and removed with the profile, also when soffice is killed
    temp = Path(profile, "temp")
    try:
        temp.mkdir()
        seed_profile(Path(profile), office_version(str(Path(office).resolve())))
    except OSError:
        pass  # an empty profile works too, only slower
    env = dict(os.environ, LKJIP_SOFFICE=office, LKJIP_PROFILE=profile,
               LKJIP_PROFILE_URL=profile_url(Path(profile)),
               TMPDIR=str(temp), TMP=str(temp), TEMP=str(temp))
    try:
        proc = _Script([python, str(LO_SCRIPT), *args], stdin=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                       start_new_session=(os.name == "posix"))
    except OSError:
        _remove_folder(profile)
        raise
    proc.profile = profile
    return proc


def _signal_kill(proc: subprocess.Popen) -> None:
    """Kill the script and its LibreOffice (its own process group on POSIX)."""
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass


def update_with_libreoffice(docx: bytes, want_pdf: bool, timeout: float = 180,
                            finish: Callable[[bytes], bytes] | None = None
                            ) -> tuple[bytes, bytes | None]:
    """Fill the TOC fields' cached results with LibreOffice's entries; optionally the PDF.

    One LibreOffice started for this document and closed before returning (a build keeps
    an :class:`lkjip.publish.office.Office` instead). Returns (our .docx with the entries
    written back, PDF bytes or None). Raises OutputError (Indonesian) when LibreOffice is
    missing, fails or takes longer than ``timeout`` seconds. ``finish``: applied to the
    filled .docx while the PDF is exported (see :func:`in_job_folder`).
    """
    from .office import Office

    office = Office()
    try:
        return office.update(docx, want_pdf, timeout, finish)
    finally:
        office.close(wait=True)


def lo_hints(docx: bytes) -> dict:
    """``{"passes", "headings"}`` for lo_update.py's job: :func:`lkjip.docx.toc.libreoffice_hints`."""
    from ..docx.toc import libreoffice_hints

    return libreoffice_hints(docx)


def in_job_folder(docx: bytes, want_pdf: bool, run: Callable[[dict], Callable | None],
                  finish: Callable[[bytes], bytes] | None = None) -> tuple[bytes, bytes | None]:
    """Write LibreOffice's copy of ``docx`` (:func:`lo_copy.for_libreoffice`: table styles
    written out, which LibreOffice loads faster) into a fresh ``lkjip-lo-job-*`` folder and
    ``run(job)`` there, ``job`` being lo_update.py's job ({"docx", "json", "pdf" or None,
    "passes", "headings"}); ``run`` returns once the entries are written, with None or a function that
    waits for the rest (the PDF), called after the entries are written back (and
    ``finish``, e.g. the final normalisation, applied: all while LibreOffice exports the PDF).
    Returns ``docx`` itself with the entries written back (and finished) and the PDF bytes
    (or None). The folder is removed whatever happens."""
    from ..docx.toc import write_back_tocs
    from .lo_copy import for_libreoffice

    _clean_once()
    folder = Path(tempfile.mkdtemp(prefix=f"{JOB_PREFIX}{os.getpid()}-"))
    try:
        src = folder / "laporan.docx"
        src.write_bytes(for_libreoffice(docx))
        json_path = folder / "indexes.json"
        pdf_path = folder / "laporan.pdf" if want_pdf else None
        rest = run({"docx": str(src), "json": str(json_path),
                    "pdf": None if pdf_path is None else str(pdf_path), **lo_hints(docx)})
        try:
            filled = write_back_tocs(docx, _indexes(json_path))  # while the PDF is exported
            if finish is not None:
                filled = finish(filled)
        finally:
            if rest is not None:  # its answer is read whatever happened here
                rest()
        pdf = None
        if pdf_path is not None:
            if not pdf_path.is_file():
                raise OutputError("LibreOffice tidak menghasilkan PDF.")
            pdf = pdf_path.read_bytes()
    finally:
        _remove_folder(folder)
    return filled, pdf


def _indexes(json_path: Path) -> list[dict]:
    """The index entries lo_update.py wrote; OutputError (Indonesian) when there are none."""
    try:
        return json.loads(json_path.read_text(encoding="utf-8"))["indexes"]
    except (OSError, ValueError, KeyError):
        raise OutputError("LibreOffice tidak menghasilkan daftar isi.") from None


def _failure(detail_line: str) -> OutputError:
    """The error for a LibreOffice pass that failed; ``detail_line``: the script's last
    message (shown only when it is one of its own Indonesian ones)."""
    detail = (detail_line.removeprefix(OWN_MESSAGE)
              if detail_line.startswith(OWN_MESSAGE) else "")
    return OutputError("LibreOffice gagal memperbarui daftar isi"
                       + (f": {detail}" if detail else ".")
                       + " Jalankan dengan --fast untuk melewati langkah ini.")


def _timed_out(timeout: float) -> OutputError:
    return OutputError(
        f"LibreOffice tidak selesai dalam {timeout:.0f} detik saat memperbarui daftar isi. "
        "Coba lagi, atau jalankan dengan --fast untuk melewati langkah ini.")


# --- one LibreOffice for many documents -----------------------------------------------------
