"""``build.py TAHUN --pantau`` (lkjip/watch.py): a build, then one more after each change of a
chapter or data file, errors shown without ending the process."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from lkjip import pipeline, watch
from lkjip.project import Project
from tests.golden_text import document_text as docx_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "kabupaten"
YEAR = 2023


def copy_project(tmp_path: Path) -> Path:
    for part in ("data", "chapters"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    return tmp_path


def test_snapshot_sees_changes_but_not_office_lock_files(tmp_path):
    project = Project(copy_project(tmp_path), YEAR)
    before = watch.snapshot(project)
    assert str(project.chapter("bab_1")) in before
    (project.data_dir / "~$iku.xlsx").write_bytes(b"lock")
    (project.root / "output").mkdir()
    (project.root / "output" / "x.docx").write_bytes(b"x")
    assert watch.snapshot(project) == before
    chapter = project.chapter("bab_1")
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nBaru.\n", encoding="utf-8")
    assert watch.changed_files(before, watch.snapshot(project), project) == \
        [f"chapters/{YEAR}/bab_1.md"]


def test_rebuilds_after_a_chapter_edit_and_survives_an_error(tmp_path):
    root = copy_project(tmp_path)
    chapter = Project(root, YEAR).chapter("bab_1")
    original = chapter.read_text(encoding="utf-8")
    lines: list[str] = []
    results: list[pipeline.Result] = []
    texts: list[str] = []

    def report(result):
        results.append(result)
        texts.append(docx_text(result.docx))

    def wanted_builds(n):
        return lambda: len([line for line in lines if "LKjIP 2023 ..." in line]) >= n

    opts = pipeline.Options(year=YEAR, root=root, fast=True)
    thread = threading.Thread(target=watch.watch, args=(opts, lines.append, report),
                              kwargs={"interval": 0.05, "should_stop": wanted_builds(3)})
    thread.start()
    deadline = time.monotonic() + 120

    def wait_for(condition):
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert condition(), lines

    wait_for(lambda: len(results) == 1)
    chapter.write_text(original + "\nKalimat tambahan untuk pemantauan.\n", encoding="utf-8")
    wait_for(lambda: len(results) == 2)
    chapter.write_text(original + "\n{{ nama_yang_tidak_ada }}\n", encoding="utf-8")
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert "Kalimat tambahan untuk pemantauan." not in texts[0]
    assert "Kalimat tambahan untuk pemantauan." in texts[1]
    assert any(line.startswith("Kesalahan:") and "nama_yang_tidak_ada" in line
               for line in lines)
    assert f"Berubah: chapters/{YEAR}/bab_1.md" in lines
