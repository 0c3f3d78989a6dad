"""One error hierarchy for everything the user can get wrong.

Every message is in Bahasa Indonesia and names the place in the user's files
(file, sheet, row, column, or chapter line) so that a planner can fix it in Excel
or in the Markdown file without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in the user's files. Every part but ``file`` is optional.

    ``row`` is the row number as Excel (or a text editor, for CSV) shows it,
    header row included: the first data row is row 2.
    """

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None  # for chapters (Markdown files)

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f'sheet "{self.sheet}"')
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.line is not None:
            parts.append(f"baris {self.line}")
        if self.column:
            parts.append(f'kolom "{self.column}"')
        return ", ".join(parts)


@dataclass(frozen=True)
class Issue:
    """One problem found in the inputs: an error (stops the build) or a warning."""

    message: str
    location: Location | None = None
    expected: str | None = None
    hint: str | None = None
    level: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.expected:
            text += f" Yang diharapkan: {self.expected}."
        if self.hint:
            text += f" Saran: {self.hint}"
        return text


class LkjipError(Exception):
    """Base of every error shown to the user (exit code 1, no traceback)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(LkjipError):
    """The inputs under ``data/<tahun>/`` have one or more errors; all are listed."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        head = f"Ditemukan {len(self.issues)} kesalahan pada data masukan:"
        super().__init__("\n".join([head] + [f"- {i}" for i in self.issues]))


class ChapterError(LkjipError):
    """A Markdown chapter cannot be rendered (undefined name, bad syntax, missing image)."""

    def __init__(self, location: Location, message: str, hint: str | None = None):
        self.location = location
        text = f"{location}: {message}"
        if hint:
            text += f" Saran: {hint}"
        super().__init__(text)


class TemplateError(LkjipError):
    """The Word template cannot be rendered (missing file, undefined name, bad tag)."""


class OutputError(LkjipError):
    """The report cannot be written (folder not writable, file open in Word, ...)."""
