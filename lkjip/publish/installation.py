"""Where LibreOffice is installed: ``soffice``, the Python that can ``import uno`` (found
once and remembered in the cache folder) and LibreOffice's version. Nothing here runs
LibreOffice; :mod:`lkjip.publish.libreoffice` does."""

from __future__ import annotations

import functools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Callable, Mapping

from ..cache import cache_dir


# --- soffice ------------------------------------------------------------------------------

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


# --- its version --------------------------------------------------------------------------

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


# --- the Python with uno ------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def uno_python() -> str | None:
    """A Python interpreter that can ``import uno``: found by trying each candidate (about
    0.05 s each) and remembered in the cache folder while the candidates are unchanged."""
    candidates = ["/usr/bin/python3", sys.executable, shutil.which("python3")]
    office = find_soffice()
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
    uno_python.cache_clear()
    note = _python_note()
    if note is not None:
        try:
            note.unlink(missing_ok=True)
        except OSError:
            pass
