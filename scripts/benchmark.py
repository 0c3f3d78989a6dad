"""Speed and memory of the build, against pandoc and LibreOffice on the same machine.

    uv run python scripts/benchmark.py [--runs N] [--reference PATH] [--profile] [--json OUT]

Measures, as medians of N cold runs (each a fresh process), in one session on one machine:

  a. ``build.py 2020 --fast``                       (in a temp copy of the project, with
     the chart and compiled-chapter cache its warm-up run left, see lkjip/cache.py)
  b. pandoc: reference text (as Markdown) → .docx   (the binary of pypandoc-binary)
  c. ``build.py 2020 --pdf``                        (in a temp copy of the project)
  d. pandoc → .docx, then ``soffice --headless --convert-to pdf`` (fresh profile per run)
  e. (for context) ``soffice --convert-to pdf`` of the report's own ``--fast`` .docx: what
     LibreOffice alone needs for *this* document, the floor of c minus the Python work
  g, h. (for context) d and e with a fresh profile prepared as lkjip prepares its own
     (``lkjip.publish.libreoffice.seed_profile``: the running version recorded, so soffice
     skips its graphics render tests, ~0.6 s of every start with an unprepared profile):
     the references on an equal footing with c
  f. (for context) a with that cache removed first: a user's first build
  s. scaling: scripts/synthetic.py ×1, ×2, ×5, ×10, ``--fast``, with peak RSS
  p. batch: 8 copies one by one against ``build.py semua`` (scripts/benchmark_more.py)
  P. the same without ``--fast`` (TOC pass: one LibreOffice per build one by one, one per
     worker process in ``semua``)
  w, W. warm rebuild: a ``--pantau`` process, chapter saved → report rebuilt (--fast, TOC)

and reports median/min/max seconds, the ratios a/b (aim ≤ 1.5) and c/d (aim ≤ 1.5), and peak
memory (max RSS): of the Python build process itself and, separately, of LibreOffice (and
pandoc). With ``--profile`` it also prints where the time of one ``--fast`` build goes
(cProfile), the slowest imports (``python -X importtime``) and LibreOffice's steps.

"Cold" means a fresh process each run, not an empty OS page cache. Python bytecode is
cached as for any user (a first, untimed warm-up run writes it, into a private
``PYTHONPYCACHEPREFIX``, so the project's .venv is not touched); pass ``--no-bytecode`` to
measure with ``PYTHONDONTWRITEBYTECODE=1`` instead (every import compiled from source).
The repository's own ``output/`` is never written.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = "2020"
REFERENCE_NAME = "lkjip-2020-disperindag-babel.txt"
TIMEOUT = 600

# Runs a command and writes its wall time and its children's peak RSS (KiB on Linux) as JSON.
# Used for pandoc and soffice, so their memory is not mixed with anything else.
MEASURE = r"""
import json, resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t = time.perf_counter()
rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
json.dump({"rc": rc, "wall": wall, "rss_kib": rss}, open(out, "w"))
"""

# Runs build.py in this process and, at exit, writes when the build ended (the user's wait:
# LibreOffice closes afterwards, in the background), then waits for its children and writes
# the peak RSS of this (the Python build) process and of its children (LibreOffice and the
# uno helper) as JSON.
BUILD = r"""
import atexit, json, os, resource, runpy, sys, time
out = sys.argv[1]
def report():
    done = time.time()
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    json.dump({"done": done,
               "self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               "children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss},
              open(out, "w"))
atexit.register(report)
sys.argv = ["build.py"] + sys.argv[2:]
runpy.run_path("build.py", run_name="__main__")
"""


# --------------------------------------------------------------------------- setup


def find_reference(given: str | None) -> Path:
    candidates = [Path(given)] if given else [
        ROOT.parent / "shared" / "reference" / REFERENCE_NAME,
        Path("/work/shared/reference") / REFERENCE_NAME,
    ]
    for path in candidates:
        if path.is_file():
            return path
    sys.exit("Reference text not found; pass --reference PATH. Tried: "
             + ", ".join(str(p) for p in candidates))


def pandoc_path() -> str:
    import pypandoc  # dev dependency (pypandoc-binary)

    return pypandoc.get_pandoc_path()


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def copy_project(source: Path, dest: Path) -> Path:
    """The working tree as it is (uncommitted edits included), without caches and outputs."""
    ignore = shutil.ignore_patterns(".git", ".venv", "output", "__pycache__", "*.pyc",
                                    ".pytest_cache", ".ruff_cache")
    shutil.copytree(source, dest, ignore=ignore)
    return dest


def child_env(pycache: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPYCACHEPREFIX", None)
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


# --------------------------------------------------------------------------- one run each


def run_build(project: Path, flag: str, env: dict, tmp: Path, clear_cache: bool = False) -> dict:
    out = tmp / "build-rss.json"
    out.unlink(missing_ok=True)
    if clear_cache:  # a first build: no chart or compiled-chapter cache yet
        shutil.rmtree(env["LKJIP_CACHE"], ignore_errors=True)
    t = time.time()
    proc = subprocess.run([sys.executable, "-c", BUILD, str(out), YEAR, flag], cwd=project,
                          env=env, capture_output=True, text=True, timeout=TIMEOUT)
    if proc.returncode != 0:
        sys.exit(f"build.py {YEAR} {flag} failed:\n{proc.stdout}\n{proc.stderr}")
    rss = json.loads(out.read_text())
    wall = rss["done"] - t  # until build.py ended, not until LibreOffice closed after it
    return {"wall": wall, "python_kib": rss["self_kib"], "children_kib": rss["children_kib"]}


def measure(cmd: list[str], env: dict, tmp: Path) -> dict:
    out = tmp / "measure.json"
    out.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-c", MEASURE, str(out), *cmd], env=env, timeout=TIMEOUT,
                   check=True)
    result = json.loads(out.read_text())
    if result["rc"] != 0:
        sys.exit(f"Command failed ({result['rc']}): {' '.join(cmd)}")
    return result


def run_pandoc(reference: Path, env: dict, tmp: Path) -> dict:
    docx = tmp / "reference.docx"
    docx.unlink(missing_ok=True)
    r = measure([pandoc_path(), "-f", "markdown", "-t", "docx", "-o", str(docx), str(reference)],
                env, tmp)
    return {"wall": r["wall"], "pandoc_kib": r["rss_kib"], "docx": docx}


def soffice_convert(docx: Path, env: dict, tmp: Path, prepared: bool = False) -> dict:
    """``soffice --headless --convert-to pdf`` with a fresh profile (``prepared``: seeded as
    lkjip seeds the profile of its own LibreOffice)."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=tmp))
    if prepared:
        sys.path.insert(0, str(ROOT))
        from lkjip.publish.installation import office_version
        from lkjip.publish.libreoffice import seed_profile

        seed_profile(profile, office_version(str(Path(soffice_path()).resolve())))
    outdir = tmp / "pdf"
    shutil.rmtree(outdir, ignore_errors=True)
    try:
        lo = measure([soffice_path(), "--headless", f"-env:UserInstallation={profile.as_uri()}",
                      "--convert-to", "pdf", "--outdir", str(outdir), str(docx)], env, tmp)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not (outdir / (docx.stem + ".pdf")).is_file():
        sys.exit(f"soffice --convert-to pdf produced no PDF from {docx}")
    return lo


def run_lo_own(project: Path, env: dict, tmp: Path, prepared: bool = False) -> dict:
    lo = soffice_convert(tmp / "own.docx", env, tmp, prepared)
    return {"wall": lo["wall"], "lo_kib": lo["rss_kib"]}


def run_pandoc_lo(reference: Path, env: dict, tmp: Path, prepared: bool = False) -> dict:
    p = run_pandoc(reference, env, tmp)
    lo = soffice_convert(p["docx"], env, tmp, prepared)
    return {"wall": p["wall"] + lo["wall"], "pandoc_s": p["wall"], "soffice_s": lo["wall"],
            "pandoc_kib": p["pandoc_kib"], "lo_kib": lo["rss_kib"]}


# --------------------------------------------------------------------------- report


def summary(runs: list[dict]) -> dict:
    walls = [r["wall"] for r in runs]
    out = {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
           "runs": walls}
    for key in ("python_kib", "children_kib", "pandoc_kib", "lo_kib", "pandoc_s", "soffice_s"):
        if key in runs[0]:
            out[key] = max(r[key] for r in runs) if key.endswith("kib") else \
                statistics.median(r[key] for r in runs)
    return out


def mib(kib: int | None) -> str:
    return "-" if kib is None else f"{kib / 1024:.0f}"


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    pandoc = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True)
    lo = soffice_path()
    lo_version = (subprocess.run([lo, "--version"], capture_output=True, text=True).stdout.strip()
                  if lo else "not installed")
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "system": platform.platform(), "pandoc": pandoc.stdout.splitlines()[0],
            "libreoffice": lo_version}


def print_table(results: dict, runs: int) -> None:
    names = {
        "a": f"a  build.py {YEAR} --fast",
        "b": "b  pandoc → .docx",
        "c": f"c  build.py {YEAR} --pdf",
        "d": "d  pandoc → .docx + soffice → PDF",
        "e": "e  soffice → PDF of our --fast .docx",
        "f": f"f  build.py {YEAR} --fast, first build",
        "g": "g  d, soffice's profile prepared",
        "h": "h  e, soffice's profile prepared",
    }
    print(f"\nMedians of {runs} cold runs (seconds); peak RSS in MiB")
    print(f"{'':40} {'median':>7} {'min':>7} {'max':>7}   {'Python':>6} {'LO':>6} {'pandoc':>6}")
    for key, label in names.items():
        s = results.get(key)
        if s is None:
            print(f"{label:40} {'(skipped)':>7}")
            continue
        python = s.get("python_kib")
        lo = s.get("lo_kib", s.get("children_kib") if key == "c" else None)
        print(f"{label:40} {s['median']:7.2f} {s['min']:7.2f} {s['max']:7.2f}   "
              f"{mib(python):>6} {mib(lo):>6} {mib(s.get('pandoc_kib')):>6}")
    if "d" in results:
        d = results["d"]
        print(f"   (d = pandoc {d['pandoc_s']:.2f} s + soffice {d['soffice_s']:.2f} s, medians)")
    if "g" in results:
        g = results["g"]
        print(f"   (g = pandoc {g['pandoc_s']:.2f} s + soffice {g['soffice_s']:.2f} s, medians)")
    a, b, c, d = (results.get(k) for k in "abcd")
    if a and b:
        ratio = a["median"] / b["median"]
        print(f"\na/b = {ratio:.2f}   (aim ≤ 1.5: {'met' if ratio <= 1.5 else 'missed'})")
        if results.get("f"):
            print(f"f/b = {results['f']['median'] / b['median']:.2f}   (first build: charts "
                  "drawn, chapters compiled)")
    if c and d:
        ratio = c["median"] / d["median"]
        print(f"c/d = {ratio:.2f}   (aim ≤ 1.5: {'met' if ratio <= 1.5 else 'missed'})")
    e = results.get("e")
    if a and c and e:
        print(f"c/(a+e) = {c['median'] / (a['median'] + e['median']):.2f}   (the LibreOffice pass "
              "against LibreOffice's plain conversion of the same document)")
    g, h = results.get("g"), results.get("h")
    if c and g:
        print(f"c/g = {c['median'] / g['median']:.2f}   (c/d with the reference's profile "
              "prepared as lkjip's)")
    if a and c and h:
        print(f"c/(a+h) = {c['median'] / (a['median'] + h['median']):.2f}   (c/(a+e), both "
              "profiles prepared)")
    peak = max((results[k]["python_kib"] for k in "ac" if k in results), default=None)
    if peak is not None:
        print(f"Python build process peak RSS {mib(peak)} MiB "
              f"(aim < 250 MB: {'met' if peak * 1024 < 250e6 else 'missed'})")


# --------------------------------------------------------------------------- profile

def import_times(stderr: str) -> list[tuple[str, float]]:
    """Import time per top-level package in ms, from ``-X importtime``: the *self* times of
    all its modules summed, so time spent importing another package is counted under that
    one (pandas' numpy under numpy) and the figures add up to the total."""
    totals: dict[str, float] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, _, name = line[len("import time:"):].split("|")
        if self_us.strip().isdigit():
            top = name.strip().split(".")[0]
            totals[top] = totals.get(top, 0.0) + int(self_us) / 1000
    rows = sorted(totals.items(), key=lambda kv: -kv[1])
    return rows + [("(total)", sum(totals.values()))]


def profile(project: Path, env: dict, tmp: Path) -> None:
    """Where the time of one --fast build goes; import times; LibreOffice's steps."""
    prof = tmp / "fast.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "build.py", YEAR,
                    "--fast"], cwd=project, env=env, capture_output=True, check=True,
                   timeout=TIMEOUT)
    import pstats

    print("\n== cProfile of one `build.py --fast` (top 30 by cumulative time) ==")
    pstats.Stats(str(prof), stream=sys.stdout).sort_stats("cumulative").print_stats(30)

    proc = subprocess.run([sys.executable, "-X", "importtime", "build.py", YEAR, "--fast"],
                          cwd=project, env=env, capture_output=True, text=True, check=True,
                          timeout=TIMEOUT)
    print("== python -X importtime: ms per package (self times of its modules; top 15) ==")
    rows = import_times(proc.stderr)
    for name, ms in rows[:15] + rows[-1:]:
        print(f"  {name:<16} {ms:7.1f}")

    print("\n== LibreOffice pass of `build.py --pdf` (seconds since start of lo_update.py) ==")
    times = tmp / "lo-times.json"
    times.unlink(missing_ok=True)
    proc = subprocess.run([sys.executable, "build.py", YEAR, "--pdf"], cwd=project,
                          env=dict(env, LKJIP_LO_TIMES=str(times)), capture_output=True,
                          text=True, timeout=TIMEOUT)
    print("\n".join(line for line in proc.stdout.splitlines() if "dtk" in line))
    deadline = time.time() + 30  # written when LibreOffice has closed, after the build
    while not times.is_file() and time.time() < deadline:
        time.sleep(0.1)
    if times.is_file():
        for step, t in json.loads(times.read_text()):
            print(f"  {step:<34} {t:6.2f}")
    else:
        print("  (lkjip/publish/lo_update.py wrote no step times)")


# --------------------------------------------------------------------------- more


def measure_more(project: Path, env: dict, tmp: Path, args) -> dict:
    """Scaling (s), batch (p) and warm rebuilds (w, W), from scripts/benchmark_more.py."""
    import benchmark_more as more

    out: dict = {}
    if "s" in args.only:
        out["s"] = more.scaling(project, env, tmp, args.runs)
    if "p" in args.only:
        out["p"] = more.batch(project, env, tmp, args.runs)
    if "P" in args.only and soffice_path() is not None:
        out["P"] = more.batch(project, env, tmp, args.runs, flag="")
    if "w" in args.only:
        out["w"] = more.warm(project, env, tmp, args.runs, fast=True)
    if "W" in args.only and soffice_path() is not None:
        out["W"] = more.warm(project, env, tmp, args.runs, fast=False)
    return out


def print_more(results: dict) -> None:
    import benchmark_more as more

    more.print_more(results)


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    ap.add_argument("--reference", help="reference text (default: ../shared/reference or "
                    "/work/shared/reference)")
    ap.add_argument("--only", default="abcdefghspPwW",
                    help="which measurements, e.g. 'ab' (default abcdefghspPwW: f = a without "
                    "the cache, g/h = d/e with prepared profiles, s scaling, p/P batch --fast/with TOC, w/W warm rebuild "
                    "--fast/with TOC)")
    ap.add_argument("--project", default=str(ROOT),
                    help="project tree to measure (default: this repository's working tree)")
    ap.add_argument("--profile", action="store_true", help="also print where the time goes")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="run with PYTHONDONTWRITEBYTECODE=1 (no .pyc cache)")
    ap.add_argument("--json", help="also write the results to this JSON file")
    args = ap.parse_args()

    reference = find_reference(args.reference)
    info = machine()
    print(f"Machine: {info['nproc']} CPU, {info['cpu']}; Python {info['python']}; "
          f"{info['pandoc']}; {info['libreoffice']}")
    if soffice_path() is None:
        args.only = "".join(k for k in args.only if k in "abfspw")
        print("LibreOffice not installed: c, d, e, g and h skipped.")

    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as tmp_name:
        tmp = Path(tmp_name)
        project = copy_project(Path(args.project), tmp / "project")
        pycache = None if args.no_bytecode else tmp / "pycache"
        env = child_env(pycache)
        env["LKJIP_CACHE"] = str(tmp / "cache")  # not the user's own cache folder
        jobs = {
            "a": lambda: run_build(project, "--fast", env, tmp),
            "b": lambda: run_pandoc(reference, env, tmp),
            "c": lambda: run_build(project, "--pdf", env, tmp),
            "d": lambda: run_pandoc_lo(reference, env, tmp),
            "e": lambda: run_lo_own(project, env, tmp),
            "f": lambda: run_build(project, "--fast", env, tmp, clear_cache=True),
            "g": lambda: run_pandoc_lo(reference, env, tmp, prepared=True),
            "h": lambda: run_lo_own(project, env, tmp, prepared=True),
        }
        keys = [k for k in "abcdefgh" if k in args.only]
        run_build(project, "--fast", env, tmp)  # writes the bytecode cache; e converts this .docx
        shutil.copyfile(project / "output" / f"LKjIP_{YEAR}.docx", tmp / "own.docx")
        for k in keys:  # warm-up, untimed: bytecode cache, OS page cache
            jobs[k]()
        raw: dict[str, list[dict]] = {k: [] for k in keys}
        for i in range(args.runs):  # interleaved, so a slow moment hits every measurement
            for k in keys:
                raw[k].append(jobs[k]())
            print(f"  run {i + 1}/{args.runs}: "
                  + ", ".join(f"{k} {raw[k][-1]['wall']:.2f}s" for k in keys), flush=True)
        results = {k: summary(v) for k, v in raw.items()}
        print_table(results, args.runs)
        more = measure_more(project, env, tmp, args)
        print_more(more)
        results.update(more)
        if args.profile:
            profile(project, env, tmp)

    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "runs": args.runs,
                                               "results": results}, indent=2))


if __name__ == "__main__":
    main()
