"""LibreOffice started early (while the document is made) gives the same result as one
started for the document, closes without the build waiting for it, and a dead one is
replaced.

Timing itself is measured by scripts/benchmark.py, never by a test.
"""

import os
import subprocess
import time

import pytest

from lkjip.publish import libreoffice
from lkjip.publish.office import Office
from tests.test_output import paragraphs, toc_docx

needs_lo = pytest.mark.skipif(not libreoffice.libreoffice_available(),
                              reason="LibreOffice (soffice + python3-uno) not installed")


@needs_lo
def test_started_office_updates_like_a_fresh_one():
    office = Office()
    assert office.start() is True
    proc = office._proc
    try:
        data, pdf = office.update(toc_docx(), want_pdf=True)
    finally:
        office.close(wait=True)
    assert proc.returncode == 0
    got = paragraphs(data)
    # the same entries and pages as tests/test_output.py expects from a fresh LibreOffice
    assert got[1] == ("toc 1", "Pendahuluan Umum\t2")
    assert got[2] == ("toc 2", "Latar Belakang Khusus\t3")
    assert got[4] == ("table of figures", "Tabel 1.1 Capaian IKU\t3")
    assert pdf.startswith(b"%PDF")


@needs_lo
def test_closing_does_not_wait_and_libreoffice_ends_itself():
    office = Office()
    office.start()
    proc = office._proc
    start = time.perf_counter()
    office.close()
    assert time.perf_counter() - start < 0.5  # the caller does not wait for LibreOffice
    assert proc.wait(timeout=60) == 0  # it closes itself (stdin ended)
    # its soffice is gone too: nothing is left in the script's process group
    if os.name == "posix":
        left = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True)
        assert left.stdout.strip() == ""
    assert not os.path.exists(proc.profile)


@needs_lo
def test_dead_office_is_replaced_by_a_fresh_one():
    office = Office()
    office.start()
    libreoffice._signal_kill(office._proc)  # the script and its soffice
    office._proc.wait(timeout=30)
    try:
        data, _ = office.update(toc_docx(), want_pdf=False)
    finally:
        office.close(wait=True)
    assert office.starts == 2
    assert paragraphs(data)[1] == ("toc 1", "Pendahuluan Umum\t2")
