"""LibreOffice: finding it, starting it early, and its pass over the report (TOC, PDF).

:func:`update_with_libreoffice` lets headless LibreOffice compute the table of contents and
the lists of tables/figures (entries and page numbers) and, if asked, export the PDF. The
entries are written back into *our* .docx as the cached results of its TOC fields
(:func:`lkjip.docx.toc.write_back_tocs`); the file LibreOffice would save is never handed to
the user. ``lo_update.py`` is the script LibreOffice's own Python runs.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import OutputError

LO_SCRIPT = Path(__file__).resolve().parent / "lo_update.py"

# --- LibreOffice -----------------------------------------------------------------------


def _soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for candidate in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                      r"C:\Program Files\LibreOffice\program\soffice.exe",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if Path(candidate).exists():
            return candidate
    return None


@functools.lru_cache(maxsize=None)
def _uno_python() -> str | None:
    """A Python interpreter that can ``import uno``."""
    candidates = ["/usr/bin/python3", sys.executable, shutil.which("python3")]
    office = _soffice()
    if office:  # Windows and the official builds ship their own python next to soffice
        program = Path(office).resolve().parent
        candidates += [str(program / "python.exe"), str(program / "python"),
                       str(program.parent / "Resources" / "python")]  # macOS app bundle
    for python in candidates:
        if not python or not Path(python).exists():
            continue
        try:
            ok = subprocess.run([python, "-c", "import uno"], capture_output=True,
                                timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return python
    return None


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


def _popen_script(args: list[str], stdin=None) -> subprocess.Popen:
    python = _uno_python()
    office = _soffice()
    if python is None or office is None:
        raise OutputError(libreoffice_hint())
    env = dict(os.environ, LKJIP_SOFFICE=office)
    return subprocess.Popen([python, str(LO_SCRIPT), *args], stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=(os.name == "posix"))


def _kill(proc: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass
    proc.communicate()


def start_libreoffice() -> subprocess.Popen | None:
    """Start LibreOffice now (it takes about a second) and let it wait for the document.

    Hand the result to :func:`update_with_libreoffice` (``started=``) and always end with
    :func:`stop_libreoffice`. None when it cannot be started; the update then starts its own.
    """
    try:
        return _popen_script(["--stdin"], stdin=subprocess.PIPE)
    except (OSError, OutputError):
        return None


def stop_libreoffice(proc: subprocess.Popen | None) -> None:
    """Let a LibreOffice from :func:`start_libreoffice` that got no document close itself.

    Its stdin is closed; the script then closes LibreOffice and removes its profile in the
    background, so a build that fails early is not kept waiting. No-op after an update.
    """
    if proc is None or proc.poll() is not None:
        return
    try:
        proc.stdin.close()
    except OSError:
        pass


def _run_script(docx_path: Path, json_path: Path, pdf_path: Path | None, timeout: float,
                started: subprocess.Popen | None = None):
    if started is not None and started.poll() is None:
        proc = started
        job = {"docx": str(docx_path), "json": str(json_path),
               "pdf": None if pdf_path is None else str(pdf_path)}
        job_line = (json.dumps(job) + "\n").encode("utf-8")
    else:
        args = [str(docx_path), str(json_path)]
        if pdf_path is not None:
            args.append(str(pdf_path))
        proc, job_line = _popen_script(args), None
    try:
        _, err = proc.communicate(input=job_line, timeout=timeout)
    except (BrokenPipeError, subprocess.TimeoutExpired) as exc:
        _kill(proc)
        if isinstance(exc, BrokenPipeError):
            raise OutputError("LibreOffice berhenti sebelum menerima dokumen. "
                              "Jalankan dengan --fast untuk melewati langkah ini.") from None
        raise OutputError(
            f"LibreOffice tidak selesai dalam {timeout:.0f} detik saat memperbarui daftar isi. "
            "Coba lagi, atau jalankan dengan --fast untuk melewati langkah ini."
        ) from None
    if proc.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        raise OutputError(
            "LibreOffice gagal memperbarui daftar isi"
            + (f": {detail[-1]}" if detail else ".")
            + " Jalankan dengan --fast untuk melewati langkah ini."
        )


def update_with_libreoffice(docx: bytes, want_pdf: bool, timeout: float = 180,
                            started: subprocess.Popen | None = None
                            ) -> tuple[bytes, bytes | None]:
    """Fill the TOC fields' cached results with LibreOffice's entries; optionally the PDF.

    ``started``: a LibreOffice from :func:`start_libreoffice` (else one is started here).
    Returns (our .docx with the entries written back, PDF bytes or None).
    """
    with tempfile.TemporaryDirectory(prefix="lkjip-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "laporan.docx"
        src.write_bytes(docx)
        json_path = tmpdir / "indexes.json"
        pdf_path = tmpdir / "laporan.pdf" if want_pdf else None
        _run_script(src, json_path, pdf_path, timeout, started)
        try:
            indexes = json.loads(json_path.read_text(encoding="utf-8"))["indexes"]
        except (OSError, ValueError, KeyError):
            raise OutputError("LibreOffice tidak menghasilkan daftar isi.") from None
        pdf = None
        if pdf_path is not None:
            if not pdf_path.is_file():
                raise OutputError("LibreOffice tidak menghasilkan PDF.")
            pdf = pdf_path.read_bytes()
    from ..docx.toc import write_back_tocs

    return write_back_tocs(docx, indexes), pdf
