"""Regenerate the golden texts of the example reports: ``tests/golden/<name>.txt``.

    uv run python scripts/update_golden.py            # every example
    uv run python scripts/update_golden.py lkjip_2020 # only the ones named

Each example project is copied (data/<tahun> and chapters/<tahun> up to the example's year,
templates/ if it has one) into a temp folder and built there with ``--fast`` (no LibreOffice), so the repository's output/ is never
touched and the text does not depend on LibreOffice. The report's text
(:func:`tests/golden_text.document_text`) is written to tests/golden/<name>.txt.

After running it, review the change with ``git diff tests/golden/`` before committing:
every changed line is a change in the report.

To add an example, append ``(name, project root relative to the repository, year)`` to
EXAMPLES (tests/test_golden.py reads the same list).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for path in (REPO, REPO / "tests"):  # the package, and tests/golden_text.py
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from lkjip import pipeline  # noqa: E402
from golden_text import document_text  # noqa: E402

EXAMPLES = [
    ("lkjip_2020", Path("."), 2020),
    ("kabupaten_2023", Path("tests/fixtures/kabupaten"), 2023),
    ("kabupaten_2024", Path("tests/fixtures/kabupaten"), 2024),  # year two: init from 2023
]

GOLDEN_DIR = REPO / "tests" / "golden"


def golden_path(name: str) -> Path:
    return GOLDEN_DIR / f"{name}.txt"


def copy_project(root: Path, year: int, dest: Path) -> Path:
    """Copy what a build of ``year`` reads from project ``root`` into ``dest``: data/<tahun>
    and chapters/<tahun> of that year and the earlier ones (last year's capaian, the trend,
    the stale-prose check), not the later ones; returns dest."""
    root = root if root.is_absolute() else REPO / root
    for folder in ("data", "chapters"):
        for part in sorted((root / folder).glob("[0-9][0-9][0-9][0-9]")):
            if part.is_dir() and int(part.name) <= year:
                shutil.copytree(part, dest / folder / part.name)
    if (root / "templates").is_dir():  # without one, the build uses the tool's own template
        shutil.copytree(root / "templates", dest / "templates")
    return dest


def build_text(root: Path, year: int, work: Path, fast: bool = True) -> str:
    """Build the example in a copy under ``work`` and return the report's text."""
    project = copy_project(root, year, work / "project")
    opts = pipeline.Options(year=year, root=project, fast=fast)
    result = pipeline.build(opts, lambda _line: None)
    return document_text(result.docx)


def main(argv: list[str]) -> int:
    wanted = set(argv)
    unknown = wanted - {name for name, _, _ in EXAMPLES}
    if unknown:
        print(f"Unknown example(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for name, root, year in EXAMPLES:
        if wanted and name not in wanted:
            continue
        with tempfile.TemporaryDirectory(prefix="lkjip-golden-") as tmp:
            text = build_text(root, year, Path(tmp))
        path = golden_path(name)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        path.write_text(text, encoding="utf-8", newline="\n")
        state = "unchanged" if old == text else ("new" if old is None else "CHANGED")
        print(f"{path.relative_to(REPO).as_posix()}: {len(text.splitlines())} lines, {state}")
    print("Review with: git diff tests/golden/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
