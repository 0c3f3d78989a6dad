"""The scaling, batch and warm-rebuild measurements of ``scripts/benchmark.py`` (letters
``s``, ``p``/``P`` and ``w``/``W`` of its ``--only``). Same rules: fresh processes, interleaved rounds,
medians; the repository's own ``output/`` is never written.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

YEAR = "2020"
TIMEOUT = 900
FACTORS = (1, 2, 5, 10)
BATCH_SIZE = 8

# One build in a fresh process; prints wall seconds and this process's peak RSS (KiB).
ONE_BUILD = r"""
import resource, sys, time
t = time.perf_counter()
sys.argv = ["build.py"] + sys.argv[1:]
import runpy
try:
    runpy.run_path("build.py", run_name="__main__")
except SystemExit as exit:
    if exit.code:
        raise
print("BENCH", time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# A --pantau process (lkjip.watch) in a thread: the time from saving a chapter edit to the
# rebuilt report, as the user waits for it (polling delay included).
WARM = r"""
import json, sys, threading, time
from pathlib import Path
sys.path.insert(0, ".")
from lkjip import pipeline, watch
out, root, fast, runs = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "fast", int(sys.argv[4])
opts = pipeline.Options(year=int(sys.argv[5]), root=root, fast=fast)
done, stop = [], []
thread = threading.Thread(target=watch.watch, args=(opts, lambda _: None, lambda r: done.append(time.perf_counter())),
                          kwargs={"interval": 0.2, "should_stop": lambda: bool(stop)})
thread.start()
while not done:
    time.sleep(0.01)
chapter = opts.project.chapter("bab_2")
original = chapter.read_text(encoding="utf-8")
times = []
for i in range(runs):
    time.sleep(0.5)
    start = time.perf_counter()
    chapter.write_text(original + f"\n\nKalimat suntingan nomor {i}.\n", encoding="utf-8")
    while len(done) < i + 2:
        time.sleep(0.005)
    times.append(done[-1] - start)
chapter.write_text(original, encoding="utf-8")
stop.append(1)
thread.join()
json.dump(times, open(out, "w"))
"""


def build_once(code: Path, args: list[str], env: dict) -> tuple[float, int]:
    """(wall seconds, peak RSS KiB) of ``build.py args`` run from the code tree ``code``."""
    proc = subprocess.run([sys.executable, "-c", ONE_BUILD, *args], cwd=code, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("BENCH")]
    if proc.returncode != 0 or not lines:
        sys.exit(f"build.py {' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    _, wall, kib = lines[-1].split()
    return float(wall), int(kib)


def scaling(code: Path, env: dict, tmp: Path, runs: int) -> dict:
    """``--fast`` of the synthetic agency ×1, ×2, ×5, ×10 (scripts/synthetic.py): medians and
    the Python build process's peak RSS."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import make

    projects = {n: make(tmp / f"synthetic-{n}", n, code) for n in FACTORS}
    raw: dict[int, list] = {n: [] for n in FACTORS}
    for n, root in projects.items():  # warm-up: caches (charts, compiled chapters)
        build_once(code, [YEAR, "--fast", "--proyek", str(root)], env)
    for i in range(runs):
        for n, root in projects.items():
            raw[n].append(build_once(code, [YEAR, "--fast", "--proyek", str(root)], env))
        print(f"  scaling run {i + 1}/{runs}: "
              + ", ".join(f"×{n} {raw[n][-1][0]:.2f}s" for n in FACTORS), flush=True)
    return {n: {"median": statistics.median(w for w, _ in raw[n]),
                "runs": [w for w, _ in raw[n]], "peak_kib": max(k for _, k in raw[n])}
            for n in FACTORS}


def batch(code: Path, env: dict, tmp: Path, runs: int, flag: str = "--fast") -> dict:
    """8 copies of the project: one after another (8 fresh ``build.py`` processes) against
    ``build.py semua`` (a process pool, one warm Python process per CPU)."""
    import shutil

    roots = []
    for i in range(BATCH_SIZE):
        root = tmp / f"batch{flag or '-toc'}" / f"dinas-{i + 1}"
        for part in ("data", "chapters"):
            shutil.copytree(code / part, root / part)
        roots.append(root)
    flags = [flag] if flag else []

    def sequential():
        start = time.perf_counter()
        for root in roots:
            build_once(code, [YEAR, *flags, "--proyek", str(root)], env)
        return time.perf_counter() - start

    def together():
        return build_once(code, ["semua", *flags, *map(str, roots)], env)[0]

    sequential(), together()  # warm-up
    seq, par = [], []
    for i in range(runs):
        seq.append(sequential())
        par.append(together())
        print(f"  batch run {i + 1}/{runs}: one by one {seq[-1]:.2f}s, semua {par[-1]:.2f}s",
              flush=True)
    return {"sequential": statistics.median(seq), "semua": statistics.median(par),
            "sequential_runs": seq, "semua_runs": par}


def warm(code: Path, env: dict, tmp: Path, runs: int, fast: bool) -> dict:
    """Seconds from saving a chapter edit to the rebuilt report in a ``--pantau`` process."""
    import shutil

    root = tmp / ("warm-fast" if fast else "warm-full")
    for part in ("data", "chapters"):
        shutil.copytree(code / part, root / part, dirs_exist_ok=True)
    out = tmp / "warm.json"
    subprocess.run([sys.executable, "-c", WARM, str(out), str(root),
                    "fast" if fast else "full", str(runs), YEAR], cwd=code, env=env,
                   check=True, timeout=TIMEOUT)
    times = json.loads(out.read_text())
    return {"median": statistics.median(times), "runs": times}


def print_more(results: dict) -> None:
    if "s" in results:
        s = results["s"]
        base = s[1]["median"]
        print("\nScaling: synthetic agency (scripts/synthetic.py), build.py --fast, medians")
        print(f"  {'size':>5} {'seconds':>8} {'× of ×1':>8} {'peak RSS MiB':>13}")
        for n, row in s.items():
            print(f"  {'×' + str(n):>5} {row['median']:8.2f} {row['median'] / base:8.2f} "
                  f"{row['peak_kib'] / 1024:13.0f}")
        big = s[max(s)]
        print(f"  ×10 in {big['median'] / base:.1f}× the time (aim ≤ 10: "
              f"{'met' if big['median'] <= 10 * base else 'missed'}), peak "
              f"{big['peak_kib'] / 1024:.0f} MiB (aim < 250 MB: "
              f"{'met' if big['peak_kib'] * 1024 < 250e6 else 'missed'})")
    for key, label in (("p", "--fast"), ("P", "with the TOC pass")):
        if key in results:
            p = results[key]
            ratio = p["semua"] / p["sequential"]
            print(f"\nBatch: {BATCH_SIZE} reports {label}: one by one {p['sequential']:.2f} s, "
                  f"build.py semua {p['semua']:.2f} s: {ratio:.2f}× "
                  f"(aim ≤ 0.6: {'met' if ratio <= 0.6 else 'missed'})")
    for key, label, aim in (("w", "--fast", 1.0), ("W", "with the TOC pass", 3.0)):
        if key in results:
            w = results[key]
            print(f"Warm rebuild (--pantau, {label}): chapter saved → report rebuilt "
                  f"{w['median']:.2f} s median (aim < {aim:g} s: "
                  f"{'met' if w['median'] < aim else 'missed'})")
