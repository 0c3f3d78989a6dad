"""One LibreOffice kept open for many documents (``lo_update.py --serve``,
``office.Office``): the same results as one LibreOffice per document, and reused by
``--pantau`` and by the workers of ``build.py semua``. No timings here (scripts/benchmark.py).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from lkjip import batch, pipeline, watch
from lkjip.errors import OutputError
from lkjip.project import Project
from lkjip.publish import libreoffice
from lkjip.publish import office as office_module
from lkjip.publish.office import Office
from tests import fake_office
from tests.test_output import paragraphs, toc_docx

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "kabupaten"
YEAR = 2023

needs_lo = pytest.mark.skipif(not libreoffice.libreoffice_available(),
                              reason="LibreOffice (soffice + python3-uno) not installed")


def wait_until_empty(folder: Path, seconds: float = 60) -> list[Path]:
    """The script closes LibreOffice and removes its profile in the background."""
    deadline = time.monotonic() + seconds
    while list(folder.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return list(folder.iterdir())


@needs_lo
def test_two_jobs_through_one_office_give_the_bytes_of_two_single_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    docx = toc_docx()  # one input: python-docx stamps the time into a new document
    single_pdf, pdf = libreoffice.update_with_libreoffice(docx, want_pdf=True)
    single, _ = libreoffice.update_with_libreoffice(docx, want_pdf=False)
    office = Office()
    try:
        first, first_pdf = office.update(docx, True)
        second, second_pdf = office.update(docx, False)
        assert office.running()
    finally:
        office.close()
    assert office.starts == 1
    assert first == single_pdf == second == single
    assert paragraphs(first)[1] == ("toc 1", "Pendahuluan Umum\t2")
    assert first_pdf.startswith(b"%PDF") and pdf.startswith(b"%PDF")
    assert second_pdf is None
    assert wait_until_empty(tmp_path) == []  # job folders and the profile removed


@needs_lo
def test_serve_answers_each_job_and_survives_a_bad_one(tmp_path):
    """The raw protocol: one JSON line per job in, one answer line per job out."""
    good = tmp_path / "a.docx"
    good.write_bytes(toc_docx())
    jobs = [{"docx": str(good), "json": str(tmp_path / "1.json"), "pdf": None},
            {"docx": str(tmp_path / "tidak-ada.docx"), "json": str(tmp_path / "2.json"),
             "pdf": None},
            {"docx": str(good), "json": str(tmp_path / "3.json"),
             "pdf": str(tmp_path / "3.pdf")}]
    proc = libreoffice._popen_script(["--serve"], stdin=subprocess.PIPE)
    try:
        out, err = proc.communicate("".join(json.dumps(j) + "\n" for j in jobs).encode(),
                                    timeout=120)
    finally:
        libreoffice._remove_folder(proc.profile)
    assert proc.returncode == 0, err
    answers = [json.loads(line) for line in out.decode().splitlines()]
    # the job with a PDF says first that its entries are written (lkjip writes them back
    # while the PDF is exported)
    assert answers == [{"ok": True}, answers[1], {"entries": True}, {"ok": True}]
    assert answers[1]["ok"] is False
    assert (tmp_path / "1.json").read_bytes() == (tmp_path / "3.json").read_bytes()
    assert (tmp_path / "3.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "2.json").exists()


@needs_lo
def test_office_timeout_ends_it_and_the_next_update_starts_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    office = Office()
    with pytest.raises(OutputError, match="LibreOffice tidak selesai dalam 0 detik"):
        office.update(toc_docx(), False, timeout=0.01)
    assert not office.running()
    assert list(tmp_path.iterdir()) == []  # killed: profile and job folder removed here
    try:
        data, _ = office.update(toc_docx(), False)
    finally:
        office.close()
    assert office.starts == 2
    assert paragraphs(data)[1] == ("toc 1", "Pendahuluan Umum\t2")
    assert wait_until_empty(tmp_path) == []


@needs_lo
def test_a_pdf_that_fails_after_the_entries_fails_the_update_and_the_next_one_works(
        tmp_path, monkeypatch):
    """The entries are announced, then the PDF export fails: the update fails with the
    Indonesian message, nothing half-done comes back, and the office serves the next one."""
    real = libreoffice.in_job_folder
    (tmp_path / "berkas").write_text("bukan folder")

    def pdf_elsewhere(docx, want_pdf, run, finish=None):
        def broken(job):  # a PDF path LibreOffice cannot write: its folder is a file
            return run(dict(job, pdf=str(tmp_path / "berkas" / "laporan.pdf")))
        return real(docx, want_pdf, broken, finish)

    monkeypatch.setattr(office_module, "in_job_folder", pdf_elsewhere)
    office = Office()
    try:
        with pytest.raises(OutputError, match="LibreOffice gagal memperbarui daftar isi"):
            office.update(toc_docx(), True)
        monkeypatch.setattr(office_module, "in_job_folder", real)
        data, pdf = office.update(toc_docx(), True)
    finally:
        office.close(wait=True)
    assert paragraphs(data)[1] == ("toc 1", "Pendahuluan Umum\t2")
    assert pdf.startswith(b"%PDF")


@needs_lo
def test_libreoffice_dying_while_idle_gets_a_fresh_one_for_the_next_document():
    """``--pantau``: soffice killed between two rebuilds; the next rebuild does not fail."""
    office = Office()
    try:
        office.update(toc_docx(), False)
        profile = office._proc.profile
        subprocess.run(["pkill", "-9", "-f", profile], check=False)
        deadline = time.monotonic() + 20
        while office.running() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not office.running()  # the script ended with its soffice
        data, _ = office.update(toc_docx(), False)
    finally:
        office.close(wait=True)
    assert office.starts == 2
    assert paragraphs(data)[1] == ("toc 1", "Pendahuluan Umum\t2")


def test_office_without_libreoffice_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(libreoffice, "_soffice", lambda: None)
    office = Office()
    assert office.start() is False
    with pytest.raises(OutputError, match="sudo apt-get install libreoffice-writer"):
        office.update(b"docx", False)
    office.close()


# --- reuse: a stand-in Office that records its starts ---------------------------------------


class CountingOffice(Office):
    """An Office that starts nothing: ``update`` returns the .docx unchanged; every start and
    close is appended as ``"start PID"``/``"close PID"`` to the file ``LOG`` (it is also
    called in forked worker processes)."""

    LOG: Path

    def __init__(self):
        super().__init__()
        self._up = False

    def _log(self, what):
        with open(self.LOG, "a", encoding="utf-8") as f:
            f.write(f"{what} {os.getpid()}\n")

    def running(self):
        return self._up

    def start(self):
        if not self._up:
            self._up = True
            self.starts += 1
            self._log("start")
        return True

    def update(self, docx, want_pdf, timeout=180, finish=None):
        assert self._up, "update before start"
        return (finish(docx) if finish else docx), (b"%PDF-1.4 palsu" if want_pdf else None)

    def close(self, wait=False):
        if self._up:
            self._up = False
            self._log("close")


@pytest.fixture
def counting_office(tmp_path, monkeypatch):
    log = tmp_path / "office.log"
    log.write_text("", encoding="utf-8")
    monkeypatch.setattr(CountingOffice, "LOG", log, raising=False)
    monkeypatch.setattr(office_module, "Office", CountingOffice)
    monkeypatch.setattr(libreoffice, "libreoffice_available", lambda: True)
    return lambda: log.read_text(encoding="utf-8").split("\n")[:-1]


def copy_project(folder: Path) -> Path:
    for part in ("data/2023", "chapters/2023"):
        shutil.copytree(FIXTURE / part, folder / part)
    return folder


def test_pantau_keeps_one_office_for_every_rebuild(tmp_path, counting_office):
    root = copy_project(tmp_path / "proyek")
    chapter = Project(root, YEAR).chapter("bab_1")
    original = chapter.read_text(encoding="utf-8")
    results, lines = [], []
    opts = pipeline.Options(year=YEAR, root=root)  # not --fast: the TOC pass runs
    thread = threading.Thread(target=watch.watch, args=(opts, lines.append, results.append),
                              kwargs={"interval": 0.05,
                                      "should_stop": lambda: len(results) >= 3})
    thread.start()
    deadline = time.monotonic() + 120
    for n in (1, 2):
        while len(results) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(results) == n, lines
        chapter.write_text(original + f"\nSuntingan {n}.\n", encoding="utf-8")
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert len(results) == 3
    pid = os.getpid()
    assert counting_office() == [f"start {pid}", f"close {pid}"]  # one office, closed at end


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the stand-in reaches the workers only when they are forked")
def test_semua_workers_keep_one_office_each(tmp_path, counting_office):
    roots = [copy_project(tmp_path / f"dinas-{i}") for i in range(4)]
    results = batch.build_all(roots, year=YEAR, pdf=True, workers=2)
    assert [r.ok for r in results] == [True] * 4, [r.error for r in results]
    assert all((root / "output" / f"LKjIP_{YEAR}.pdf").is_file() for root in roots)
    log = counting_office()
    starts = [line.split()[1] for line in log if line.startswith("start")]
    closes = [line.split()[1] for line in log if line.startswith("close")]
    assert 1 <= len(starts) <= 2  # at most one per worker, not one per project
    assert len(set(starts)) == len(starts)
    assert sorted(closes) == sorted(starts)  # each closed when its worker ended
    assert str(os.getpid()) not in starts


def test_a_plain_build_starts_its_own_office_first_and_closes_it(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "proyek")
    calls = fake_office.install(monkeypatch)
    pipeline.build(pipeline.Options(year=YEAR, root=root), lambda _: None)
    assert calls == ["start", ("update", False), "close"]


@needs_lo
def test_an_office_in_use_is_not_removed_as_left_over(tmp_path, monkeypatch):
    """A build removes ``lkjip-lo-*`` folders older than an hour (left by killed builds); the
    profile of a ``--pantau`` session open for longer is marked as in use at each job."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    office = Office()
    try:
        office.update(toc_docx(), False)
        profile = Path(office._proc.profile)
        two_hours_ago = time.time() - 7200
        os.utime(profile, (two_hours_ago, two_hours_ago))
        office.update(toc_docx(), False)  # the next rebuild
        assert libreoffice.remove_stale_temp(tmp_path) == []
        assert profile.is_dir()
    finally:
        office.close(wait=True)
