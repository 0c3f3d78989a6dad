"""The chart cache (lkjip.present.chartcache): a hit gives the same bytes; a change in the
data a chart reads is a miss; data it does not read is not; a damaged file is a miss."""

from __future__ import annotations

import copy
import hashlib
import subprocess
import sys
from pathlib import Path

from lkjip.present import charts
from lkjip.present.chartcache import ChartCache, ChartSource, RecordingContext, canonical

ROOT = Path(__file__).resolve().parents[1]
CTX = {
    "tahun": 2021,
    "iku": [{"indikator": "Nilai Investasi", "capaian": 131.5},
            {"indikator": "Sarana", "capaian": None}],
    "anggaran": {"program": [{"kode": "01", "nama": "Program A", "pagu": 2_000_000.0,
                              "realisasi": 1_500_000.0, "persen": 75.0}]},
    "tidak_dipakai": "x",
}


def digest(value) -> str:
    h = hashlib.sha256()
    canonical(h.update, value)
    return h.hexdigest()


class Counting:
    def __init__(self):
        self.drawn = []

    def __call__(self, name, ctx, **args):
        self.drawn.append(name)
        return charts.build_chart(name, ctx)


def build_all(folder: Path, ctx: dict, draw: Counting) -> list:
    source = ChartSource(ChartCache(folder), draw, None)
    build = source.builder(ctx)
    got = [build(name, ctx) for name in ("capaian_iku", "realisasi_program")]
    source.store()
    return got


def test_hit_gives_the_same_chart_without_drawing(tmp_path):
    draw = Counting()
    first = build_all(tmp_path, CTX, draw)
    assert draw.drawn == ["capaian_iku", "realisasi_program"]
    again = build_all(tmp_path, copy.deepcopy(CTX), draw)  # a new build: equal data, new objects
    assert draw.drawn == ["capaian_iku", "realisasi_program"]  # nothing drawn again
    assert [(c.key, c.title, c.png, c.width_cm) for c in again] == \
        [(c.key, c.title, c.png, c.width_cm) for c in first]


def test_changed_data_is_a_miss_only_for_the_chart_reading_it(tmp_path):
    draw = Counting()
    build_all(tmp_path, CTX, draw)
    changed = copy.deepcopy(CTX)
    changed["iku"][0]["capaian"] = 99.0
    changed["tidak_dipakai"] = "y"  # read by no chart
    got = build_all(tmp_path, changed, Counting())
    assert got[0].png == charts.build_chart("capaian_iku", changed).png
    draw = Counting()
    build_all(tmp_path, changed, draw)
    assert draw.drawn == []


def test_damaged_file_is_a_miss(tmp_path):
    build_all(tmp_path, CTX, Counting())
    for png in tmp_path.glob("*.png"):
        png.write_bytes(png.read_bytes()[:100])
    draw = Counting()
    build_all(tmp_path, CTX, draw)
    assert draw.drawn == ["capaian_iku", "realisasi_program"]


def test_no_folder_means_no_cache(tmp_path):
    draw = Counting()
    source = ChartSource(ChartCache(None), draw, None)
    for _ in range(2):
        source.builder(CTX)("capaian_iku", CTX)
        source.store()
    assert draw.drawn == ["capaian_iku", "capaian_iku"]


def test_recording_context_notes_the_keys_read():
    ctx = RecordingContext(CTX)
    charts.build_chart("realisasi_program", ctx)
    assert ctx.read == {"anggaran", "tahun"}


def test_canonical_encoding_ignores_identity_and_follows_cycles():
    a = {"nama": "x" * 3, "nilai": 1.5}
    b = {"nama": "".join(["x", "xx"]), "nilai": 1.5}  # equal, but other string objects
    assert digest([a, a]) == digest([b, b])
    assert digest([a, a]) != digest([a, b])  # shared once vs two equal dicts: other shape
    cyclic = {"iku": []}
    cyclic["iku"].append({"sasaran": cyclic})
    assert digest(cyclic) == digest(copy.deepcopy(cyclic))
    assert digest({"n": 1}) != digest({"n": 1.0}) != digest({"n": "1"})


class _Plain:
    def __init__(self, x):
        self.x = x


def _digest(value) -> str:
    d = hashlib.sha256()
    canonical(d.update, value)
    return d.hexdigest()


def test_canonical_encoding_sees_every_object_even_when_python_reuses_an_id():
    # Each object is encoded through (name, value) tuples made on the fly; once one is freed,
    # the next may get its id. Taking that id for "met again" encoded the second object as
    # a back-reference, so different data gave the same key (a stale chart from the cache).
    assert _digest([_Plain(1), _Plain(2)]) != _digest([_Plain(1), _Plain(3)])
    assert _digest([_Plain(1), _Plain(2)]) == _digest([_Plain(1), _Plain(2)])


def test_key_is_the_same_in_another_process_with_another_hash_seed():
    code = ("import hashlib; from lkjip.present.chartcache import canonical; "
            "from tests.test_chartcache import CTX; h = hashlib.sha256(); "
            "canonical(h.update, CTX); print(h.hexdigest())")
    out = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={"PYTHONHASHSEED": seed, "PATH": ""}
                          ).stdout.strip() for seed in ("1", "2")]
    assert out[0] == out[1] == digest(CTX)


def test_a_chart_walking_the_whole_context_reads_every_key():
    ctx = RecordingContext(CTX)
    dict(ctx.items())
    assert ctx.read == set(CTX)
