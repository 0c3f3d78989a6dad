"""LibreOffice started early (while the document is made) gives the same result as before.

Timing itself is measured by scripts/benchmark.py, never by a test.
"""

import os
import subprocess
import time

import pytest

from lkjip.publish import libreoffice
from tests.test_output import paragraphs, toc_docx

needs_lo = pytest.mark.skipif(not libreoffice.libreoffice_available(),
                              reason="LibreOffice (soffice + python3-uno) not installed")


@needs_lo
def test_started_libreoffice_updates_like_a_fresh_one(tmp_path):
    proc = libreoffice.start_libreoffice()
    assert proc is not None
    try:
        data, pdf = libreoffice.update_with_libreoffice(toc_docx(), want_pdf=True, started=proc)
    finally:
        libreoffice.stop_libreoffice(proc)
    assert proc.returncode == 0
    got = paragraphs(data)
    # the same entries and pages as tests/test_output.py expects from a fresh LibreOffice
    assert got[1] == ("toc 1", "Pendahuluan Umum\t2")
    assert got[2] == ("toc 2", "Latar Belakang Khusus\t3")
    assert got[4] == ("table of figures", "Tabel 1.1 Capaian IKU\t3")
    assert pdf.startswith(b"%PDF")


@needs_lo
def test_unused_libreoffice_closes_itself_without_waiting(tmp_path):
    proc = libreoffice.start_libreoffice()
    assert proc is not None
    start = time.perf_counter()
    libreoffice.stop_libreoffice(proc)
    assert time.perf_counter() - start < 0.5  # the caller does not wait for LibreOffice
    assert proc.wait(timeout=60) == 0  # it closes itself (stdin ended: no document)
    # its soffice is gone too: nothing is left in the script's process group
    if os.name == "posix":
        left = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True)
        assert left.stdout.strip() == ""


@needs_lo
def test_dead_started_libreoffice_falls_back_to_a_fresh_one():
    proc = libreoffice.start_libreoffice()
    libreoffice._kill(proc)  # the script and its soffice
    data, _ = libreoffice.update_with_libreoffice(toc_docx(), want_pdf=False, started=proc)
    libreoffice.stop_libreoffice(proc)
    assert paragraphs(data)[1] == ("toc 1", "Pendahuluan Umum\t2")
