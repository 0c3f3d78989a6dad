"""LibreOffice: finding it, and its pass over the report (TOC, PDF).

:func:`update_with_libreoffice` lets headless LibreOffice compute the table of contents and
the lists of tables/figures (entries and page numbers) and, if asked, export the PDF. The
entries are written back into *our* .docx as the cached results of its TOC fields
(:func:`lkjip.docx.toc.write_back_tocs`); the file LibreOffice would save is never handed to
the user. ``lo_update.py`` is the script LibreOffice's own Python runs. :class:`Office` keeps
one LibreOffice open for many documents (``--pantau``, the workers of ``build.py semua``).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import platform
import re
import sys
import tempfile
import time
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Callable, Mapping

from ..cache import cache_dir
from ..errors import OutputError

LO_SCRIPT = Path(__file__).resolve().parent / "lo_update.py"
OWN_MESSAGE = "RuntimeError: "  # how lo_update.py reports its own (Indonesian) errors

# --- finding LibreOffice ------------------------------------------------------------------

# The registry keys under HKEY_LOCAL_MACHINE where the Windows installer records the folder
# of soffice.exe (64-bit LibreOffice, and 32-bit LibreOffice on 64-bit Windows).
REGISTRY_KEYS = (r"SOFTWARE\LibreOffice\UNO\InstallPath",
                 r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath")
PROGRAM_FILES_VARIABLES = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
MACOS_BUNDLE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
LINUX_PLACES = ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                "/opt/libreoffice/program/soffice", "/snap/bin/libreoffice")


def registry_install_paths(winreg) -> list[str]:
    """The folders the Windows registry names for LibreOffice (``winreg`` or a stand-in with
    ``HKEY_LOCAL_MACHINE``, ``OpenKey`` and ``QueryValueEx``)."""
    found = []
    for key_path in REGISTRY_KEYS:
        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key_path) as key:
                value, _kind = winreg.QueryValueEx(key, "")
        except OSError:
            continue
        if isinstance(value, str) and value.strip():
            found.append(value.strip().strip('"'))
    return found


def soffice_candidates(system: str, environ: Mapping[str, str], winreg=None) -> list[PurePath]:
    """Where soffice may be installed on ``system`` ("Windows", "Darwin", "Linux"), in order
    of preference; nothing is checked on disk. Windows paths are PureWindowsPath on any OS."""
    if system == "Windows":
        places: list[PurePath] = []
        for folder in registry_install_paths(winreg) if winreg is not None else []:
            folder = PureWindowsPath(folder)  # the program folder (or the install folder)
            places += [folder / "soffice.exe", folder / "program" / "soffice.exe"]
        bases = [environ.get(name) for name in PROGRAM_FILES_VARIABLES]
        bases += [r"C:\Program Files", r"C:\Program Files (x86)"]
        for base in bases:
            if base:
                places.append(PureWindowsPath(base) / "LibreOffice" / "program" / "soffice.exe")
        return list(dict.fromkeys(places))
    if system == "Darwin":
        home = environ.get("HOME")
        bundles = [PurePosixPath(MACOS_BUNDLE)]
        if home:
            bundles.append(PurePosixPath(home) / MACOS_BUNDLE.lstrip("/"))
        return bundles
    return [PurePosixPath(place) for place in LINUX_PLACES]


def find_soffice(system: str | None = None, environ: Mapping[str, str] | None = None,
                 winreg=None, exists: Callable[[PurePath], bool] | None = None,
                 which: Callable[[str], str | None] = shutil.which) -> str | None:
    """soffice on the PATH, else in the usual places of ``system`` (default: this one), or
    None. ``winreg``, ``exists`` and ``which`` can be replaced by stand-ins (tests)."""
    system = system or platform.system()
    found = which("soffice") or which("libreoffice")
    if found:
        return found
    if winreg is None and system == "Windows" and os.name == "nt":
        import winreg as windows_registry

        winreg = windows_registry
    exists = exists or (lambda path: Path(path).is_file())
    for candidate in soffice_candidates(system, os.environ if environ is None else environ,
                                        winreg):
        if exists(candidate):
            return str(candidate)
    return None


def python_candidates(soffice: PurePath) -> list[PurePath]:
    """The Python that LibreOffice ships next to ``soffice`` (its resolved path): Windows and
    the official builds (program/python[.exe]), the macOS app bundle (Resources/python)."""
    program = soffice.parent
    return [program / "python.exe", program / "python", program.parent / "Resources" / "python"]


def profile_url(profile: PurePath) -> str:
    """The ``file:///`` URL LibreOffice wants for a profile folder (``C:\\Temp\\x`` →
    ``file:///C:/Temp/x``; spaces and other characters percent-encoded)."""
    return profile.as_uri()


def _soffice() -> str | None:
    return find_soffice()


# --- the private profile ------------------------------------------------------------------

# main.xcd, the installation's configuration, relative to soffice's folder: Windows and Linux
# (program/ → share/registry/), the macOS bundle (Contents/MacOS/ → Contents/Resources/registry/)
MAIN_XCD = (("..", "share", "registry", "main.xcd"), ("..", "Resources", "registry", "main.xcd"))
SETUP_VERSION = re.compile(rb'<prop oor:name="ooSetupVersion">\s*<value>(\d+\.\d+)</value>')


@functools.lru_cache(maxsize=None)
def office_version(soffice: str) -> str | None:
    """LibreOffice's "major.minor" version (e.g. "7.4", "25.2") as its installation's
    configuration (main.xcd, found from ``soffice``, a resolved path) states it; None when
    that file is not where LibreOffice's own packages put it."""
    program = Path(soffice).parent
    for parts in MAIN_XCD:
        try:
            found = SETUP_VERSION.search(program.joinpath(*parts).read_bytes())
        except OSError:
            continue
        if found:
            return found.group(1).decode("ascii")
    return None


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


@functools.lru_cache(maxsize=None)
def _uno_python() -> str | None:
    """A Python interpreter that can ``import uno``: found by trying each candidate (about
    0.05 s each) and remembered in the cache folder while the candidates are unchanged."""
    candidates = ["/usr/bin/python3", sys.executable, shutil.which("python3")]
    office = _soffice()
    if office:
        candidates += [str(p) for p in python_candidates(Path(office).resolve())]
    candidates = [c for c in candidates if c and Path(c).exists()]
    remembered = _remembered_python(candidates)
    if remembered:
        return remembered
    for python in candidates:
        try:
            ok = subprocess.run([python, "-c", "import uno"], capture_output=True,
                                timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            _remember_python(candidates, python)
            return python
    return None


def _python_note() -> Path | None:
    folder = cache_dir("libreoffice")
    return None if folder is None else folder / "uno-python.json"


def _stamp(path: str) -> int:
    return Path(path).stat().st_mtime_ns


def _remembered_python(candidates: list[str]) -> str | None:
    note = _python_note()
    try:
        found = json.loads(note.read_text(encoding="utf-8"))
        if found["candidates"] == candidates and found["stamp"] == _stamp(found["python"]):
            return found["python"]
    except (AttributeError, OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _remember_python(candidates: list[str], python: str) -> None:
    note = _python_note()
    if note is None:
        return
    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(json.dumps({"candidates": candidates, "python": python,
                                    "stamp": _stamp(python)}), encoding="utf-8")
    except OSError:
        pass


def forget_uno_python() -> None:
    """Probe again next time (called when LibreOffice's pass failed: maybe ``uno`` is gone)."""
    _uno_python.cache_clear()
    note = _python_note()
    if note is not None:
        try:
            note.unlink(missing_ok=True)
        except OSError:
            pass


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
    return _soffice() is not None and _uno_python() is not None and LO_SCRIPT.is_file()


def libreoffice_hint() -> str:
    """What is missing and how to install it (Indonesian, for the CLI)."""
    missing = []
    if _soffice() is None:
        missing.append("LibreOffice (perintah soffice)")
    if _uno_python() is None:
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
    python = _uno_python()
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
