"""Reading a chapter file as a planner saves it: UTF-8 (with or without BOM), or — with a
warning — UTF-16 or Windows-1252, cleaned of characters Word cannot hold.

Notepad and Word on Windows save "ANSI" (Windows-1252) or "Unicode" (UTF-16) when asked to;
such a chapter is still read, and the warning says how to save it as UTF-8. A missing chapter
is a warning (the report is built without it; an error under ``--strict``); a folder where a
chapter should be, or a file that is not text, is an error.
"""

from __future__ import annotations

from pathlib import Path

from ...chapters import CHAPTER_NAMES, chapter_spec
from ...errors import ChapterError, Issue, Location
from ...inputs.text import clean_text
from ...project import Project

_SAVE_AS_UTF8 = ("simpan ulang sebagai UTF-8 (Notepad: File > Save As, Encoding: UTF-8; "
                 "VS Code: klik nama pengodean di pojok kanan bawah, Save with Encoding > UTF-8).")

# The private-use characters the narrative uses as its own markers (see sandbox.MARKER_OPEN).
_MARKERS = {c: None for c in range(0xE000, 0xE004)}


def clean_chapter_text(text: str) -> str:
    """``text`` as a Word document can hold it: the cleaning every data cell gets
    (:func:`lkjip.inputs.text.clean_text`: U+000B → line break, NUL and other forbidden
    controls dropped, zero-width characters removed, no-break spaces as spaces), and without
    the narrative's own marker characters."""
    return clean_text(text).translate(_MARKERS)


def _utf16_order(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when ``data`` looks like UTF-16 without a BOM (every other
    byte NUL, as in mostly-Latin text), else None."""
    if len(data) < 2 or b"\x00" not in data:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


# A Word document (.docx, .doc), a PDF or a picture saved under a chapter's name.
_BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
_TEXT_CONTROLS = b"\t\n\r\x0b\x0c"


def _looks_binary(data: bytes) -> bool:
    """A known binary format, or many control bytes (a text file has a few stray ones at most)."""
    if data.startswith(_BINARY_SIGNATURES):
        return True
    head = data[:65536]
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > max(32, 0.1 * len(head))


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, encoding name shown in a warning; None for UTF-8), or (None, None) when
    ``data`` is not text in any encoding a chapter may use."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None, None
    order = _utf16_order(data)
    if order:
        try:
            return data.decode(order), "UTF-16"
        except UnicodeDecodeError:
            return None, None
    if _looks_binary(data):
        return None, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Windows-1252"


def read_chapter(path: Path, shown: str) -> tuple[str | None, list[Issue]]:
    """The text of chapter file ``path`` (shown in messages as ``shown``) and its warnings.

    None (and a warning) when the file does not exist; :class:`ChapterError` when ``path`` is a
    folder, cannot be read, or is not text. Line ends are returned as they are.
    """
    spec = chapter_spec(path.stem)
    where = Location(file=shown)
    if path.is_dir():
        raise ChapterError(where, "ini sebuah folder, bukan berkas bab.",
                           f"Pindahkan atau ganti nama folder itu, lalu letakkan berkas bab "
                           f"{spec.filename} di tempatnya.")
    if not path.exists():
        what = f"BAB {spec.roman} {spec.title}" if spec.numbered else spec.title
        hint = "Buat berkas ini (salin dari tahun sebelumnya) atau kembalikan bila terhapus."
        near = _named_almost_alike(path)
        if near is not None:  # Notepad's "bab_4.md.txt", or "Bab_4.md"
            hint = (f'ada berkas "{near}" di folder itu: ganti namanya menjadi {path.name} '
                    "(di Windows Explorer: View > File name extensions, agar akhiran .txt "
                    "terlihat).")
        return None, [Issue(f"berkas bab tidak ada; laporan disusun tanpa {what}.", where,
                            hint=hint, level="warning")]
    try:
        data = path.read_bytes()
    except OSError:
        raise ChapterError(where, "berkas bab tidak dapat dibaca.",
                           "Tutup program lain yang membuka berkas ini dan periksa izin "
                           "foldernya.") from None
    text, encoding = decode(data)
    if text is None:
        raise ChapterError(where, "berkas ini bukan teks (mungkin dokumen Word atau gambar yang "
                                  "diberi nama .md).",
                           "Bab ditulis sebagai teks biasa (Markdown); buka dengan Notepad atau "
                           f"VS Code lalu {_SAVE_AS_UTF8}")
    warnings = []
    if encoding:
        warnings.append(Issue(f"berkas disimpan dengan pengodean {encoding}, bukan UTF-8; dibaca "
                              f"sebagai {encoding}.", where, hint=_SAVE_AS_UTF8[0].upper()
                              + _SAVE_AS_UTF8[1:], level="warning"))
    return clean_chapter_text(text), warnings


def _named_almost_alike(path: Path) -> str | None:
    """A file next to the missing chapter ``path`` that is surely meant to be it: the same
    name in other letter case, or with ".txt" added or in place of ".md"."""
    if not path.parent.is_dir():
        return None
    wanted = {path.name.lower(), f"{path.name.lower()}.txt", f"{path.stem.lower()}.txt"}
    for other in sorted(path.parent.iterdir()):
        if other.is_file() and other.name.lower() in wanted:
            return other.name
    return None


def read_chapters(project: Project) -> tuple[dict[str, str | None], list[Issue]]:
    """Every chapter of ``project`` (None for a missing one) and the warnings of reading them."""
    texts: dict[str, str | None] = dict.fromkeys(CHAPTER_NAMES)
    if not project.chapters_dir.is_dir():  # one warning, not one per chapter
        shown = project.shown(project.chapters_dir)
        return texts, [Issue(
            "folder bab ini tidak ada; laporan disusun tanpa bab (hanya sampul dan "
            "halaman tanda tangan).", Location(file=f"{shown}/"),
            hint=f"jalankan build.py init {project.year} untuk menyalin bab tahun lalu, atau "
                 "salin bab bawaan dari lkjip/templates/chapters/.", level="warning")]
    warnings: list[Issue] = []
    for name in CHAPTER_NAMES:
        path = project.chapter(name)
        texts[name], found = read_chapter(path, project.shown(path))
        warnings += found
    return texts, warnings
