"""Charts drawn in a second process (lkjip.present.chartworker): the same charts as in-process, the
same report, silent fallbacks, and no worker left running after a build (passed or failed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lkjip.present import chartworker

from lkjip.present import charts

from lkjip import pipeline
from lkjip.errors import ChapterError

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "kabupaten"
YEAR = 2023

CTX = {
    "tahun": 2021,
    "iku": [
        {"indikator": "Nilai Investasi", "capaian": 1319.45},  # a cut bar
        {"indikator": "Nilai Ekspor", "capaian": 65.55},
        {"indikator": "Sarana", "capaian": None},
    ],
    "anggaran": {"program": [
        {"kode": "01", "nama": "Program A", "pagu": 2_321_082_557.0,
         "realisasi": 2_270_109_629.0, "persen": 97.80},
    ]},
}


def no_fallback(name, ctx, **args):
    raise AssertionError(f"drawn in-process: {name}")


@pytest.fixture
def worker():
    w = chartworker.start()
    assert w is not None
    yield w
    w.close()


@pytest.fixture
def project(tmp_path) -> Path:
    for part in ("data", "chapters"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    return tmp_path


def build(root: Path, **options) -> pipeline.Result:
    return pipeline.build(pipeline.Options(year=YEAR, root=root, fast=True, **options),
                          lambda _: None)


def started_workers(monkeypatch) -> list:
    """Record the workers that builds start."""
    seen = []
    start = chartworker.start

    def recording_start():
        w = start()
        seen.append(w)
        return w

    monkeypatch.setattr(chartworker, "start", recording_start)
    return seen


def test_worker_draws_the_same_charts_as_in_process(worker):
    build = worker.builder(CTX, no_fallback)
    pending = [build("capaian_iku", CTX), build("realisasi_program", CTX)]
    for got, name in zip(pending, ["capaian_iku", "realisasi_program"]):
        assert isinstance(got, chartworker.PendingChart)
        want = charts.build_chart(name, CTX)
        assert got.png == want.png  # byte for byte
        assert (got.key, got.title, got.width_cm) == (want.key, want.title, want.width_cm)
    assert pending[0].title == "Capaian Indikator Kinerja Utama Tahun 2021"
    worker.close()
    assert worker.proc.returncode == 0  # it ended by itself when its stdin closed


def test_unknown_name_goes_to_the_in_process_builder(worker):
    calls = []
    build = worker.builder(CTX, lambda name, ctx, **args: calls.append(name) or "fallback")
    assert build("tidak_ada", CTX) == "fallback"
    assert calls == ["tidak_ada"]


def test_a_chart_the_worker_cannot_draw_fails_when_read(worker):
    ctx = {"tahun": 2021}  # no "iku": a KeyError in the worker
    build = worker.builder(ctx, no_fallback)
    pending = build("capaian_iku", ctx)
    with pytest.raises(chartworker.ChartWorkerFailed, match="KeyError"):
        pending.png


def test_dead_worker_fails_when_read(worker):
    build = worker.builder(CTX, no_fallback)
    pending = build("capaian_iku", CTX)
    worker.proc.kill()
    worker.proc.wait()
    with pytest.raises(chartworker.ChartWorkerFailed):
        pending.png


def test_worker_that_cannot_start_is_none(monkeypatch):
    monkeypatch.setattr(sys, "executable", str(ROOT / "no-such-python"))
    assert chartworker.start() is None


def test_build_with_worker_equals_build_without(project, monkeypatch, tmp_path_factory):
    seen = started_workers(monkeypatch)
    with_worker = build(project).docx.read_bytes()
    assert len(seen) == 1 and seen[0] is not None
    assert seen[0].proc.returncode == 0  # ended with the build

    monkeypatch.setattr(chartworker, "start", lambda: None)  # e.g. Python cannot be started
    assert build(project).docx.read_bytes() == with_worker


def test_build_falls_back_silently_when_the_worker_dies(project, monkeypatch):
    monkeypatch.setattr(chartworker, "start", lambda: None)
    want = build(project).docx.read_bytes()

    def dying_start():  # knows the names, reads the context and one chart, then dies
        code = ("import sys; from lkjip.present.chartworker import _read, _write; "
                "_write(sys.stdout.buffer, ('names', ['capaian_iku', 'realisasi_program'])); "
                "_read(sys.stdin.buffer); _read(sys.stdin.buffer)")
        return chartworker.ChartWorker(subprocess.Popen(
            [sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE))

    monkeypatch.setattr(chartworker, "start", dying_start)
    lines = []
    result = pipeline.build(pipeline.Options(year=YEAR, root=project, fast=True), lines.append)
    assert result.docx.read_bytes() == want
    assert not any("grafik" in line.lower() for line in lines)  # nothing said about it


def test_failed_build_leaves_no_worker(project, monkeypatch):
    seen = started_workers(monkeypatch)
    with pytest.raises(pipeline.StrictWarnings):  # the fixture has 2 warnings
        build(project, strict=True)
    assert seen[0].proc.poll() is not None


def test_unknown_chart_still_names_the_chapter_line(project, monkeypatch):
    seen = started_workers(monkeypatch)
    bab = project / "chapters" / str(YEAR) / "bab_3.md"
    bab.write_text("# Akuntabilitas\n\nTeks.\n\n{{ grafik(\"tidak_ada\") }}\n", encoding="utf-8")
    with pytest.raises(ChapterError) as err:
        build(project)
    assert err.value.location.line == 5
    assert '"tidak_ada" tidak dikenal' in str(err.value)
    assert seen[0].proc.poll() is not None


def test_build_without_charts_starts_no_worker(project, monkeypatch):
    seen = started_workers(monkeypatch)
    for path in (project / "chapters" / str(YEAR)).glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('{{ grafik("capaian_iku") }}', "")
                        .replace('{{ grafik("realisasi_program") }}', ""), encoding="utf-8")
    build(project)
    assert seen == []


def test_the_build_process_itself_never_imports_matplotlib(project):
    code = ("import sys; from pathlib import Path; from lkjip import pipeline; "
            f"pipeline.build(pipeline.Options(year={YEAR}, root=Path(sys.argv[1]), fast=True), "
            "lambda _: None); print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(project)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert (project / "output" / f"LKjIP_{YEAR}.docx").is_file()


@pytest.mark.skipif(os.name != "posix", reason="checks the process table (/proc)")
def test_worker_ends_when_the_build_process_is_killed():
    code = ("import os; from lkjip.present import chartworker; w = chartworker.start(); "
            "print(w.proc.pid, flush=True); os._exit(1)")  # dies without closing the worker
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True)
    pid = int(out.stdout)
    deadline = time.monotonic() + 20
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(pid)


def running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended
