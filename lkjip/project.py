"""Where a project's files are: the one place that joins paths.

A *project* is a folder holding ``data/<tahun>/`` (CSV/Excel inputs), ``chapters/<tahun>/``
(Markdown), optionally ``templates/lkjip.docx`` (its own look), and ``output/`` (what a build
writes). Every stage receives a :class:`Project` instead of a root and a year, so no other
module builds ``root / "data" / str(year)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The tool's own template, shipped inside the package (used when a project has none).
DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates" / "lkjip.docx"


@dataclass(frozen=True)
class Project:
    """A project folder and the report year being built.

    ``root`` may be relative (``Path(".")`` for the current folder); messages show paths
    relative to it with forward slashes (``data/2020/iku.csv``) on every system.
    """

    root: Path
    year: int

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root))

    # --- inputs
    @property
    def data_dir(self) -> Path:
        """``data/<tahun>/``: the year's CSV files, workbooks and pictures (logo)."""
        return self.root / "data" / str(self.year)

    @property
    def chapters_dir(self) -> Path:
        """``chapters/<tahun>/``: the year's Markdown chapters and their pictures."""
        return self.root / "chapters" / str(self.year)

    def chapter(self, name: str) -> Path:
        """``chapters/<tahun>/<name>.md``."""
        return self.chapters_dir / f"{name}.md"

    def data_file(self, name: str) -> Path:
        """A file named by the user inside ``data/<tahun>/`` (e.g. the logo in ``profil``)."""
        return self.data_dir / name.strip()

    @property
    def own_template(self) -> Path:
        return self.root / "templates" / "lkjip.docx"

    @property
    def template(self) -> Path:
        """The project's own ``templates/lkjip.docx`` if it has one, else the tool's template."""
        own = self.own_template
        return own if own.exists() else DEFAULT_TEMPLATE

    # --- other years
    def year_of(self, year: int) -> "Project":
        return Project(self.root, year)

    @property
    def previous(self) -> "Project | None":
        """The project for ``tahun - 1`` when ``data/<tahun-1>/`` exists, else None."""
        prev = self.year_of(self.year - 1)
        return prev if prev.data_dir.is_dir() else None

    def years(self) -> list[int]:
        """The years that have a ``data/<tahun>/`` folder, oldest first."""
        base = self.root / "data"
        if not base.is_dir():
            return []
        return sorted(int(p.name) for p in base.iterdir() if p.is_dir() and p.name.isdigit())

    # --- outputs
    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    @property
    def docx_path(self) -> Path:
        return self.output_dir / f"LKjIP_{self.year}.docx"

    @property
    def pdf_path(self) -> Path:
        return self.output_dir / f"LKjIP_{self.year}.pdf"

    @property
    def workbook_path(self) -> Path:
        return self.output_dir / f"lkjip-{self.year}.xlsx"

    # --- messages
    def shown(self, path: Path) -> str:
        """``path`` as a message shows it: relative to the project root, forward slashes."""
        path = Path(path)
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                return path.as_posix()
