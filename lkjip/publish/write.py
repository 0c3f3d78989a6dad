"""Writing the report's files: atomic and deterministic.

- :func:`publish` replaces a set of files (the .docx and the PDF) all or none: each is
  written to a temp file in its folder, fsynced, and renamed over its target only when all
  are ready and every target can be replaced; :func:`write_atomic` does it for one file.
- :func:`normalize_docx` rewrites the zip with fixed member dates and fixed core properties,
  so identical inputs give byte-identical files.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from lxml import etree

from ..errors import OutputError

# --- atomic writing of the output set ------------------------------------------------

UNCHANGED = "Berkas yang lama tidak diubah."
REASONS = {  # errno -> why, in Indonesian (never Python's own error text)
    errno.ENOSPC: "disk penuh",
    errno.EACCES: "tidak ada izin menulis",
    errno.EPERM: "tidak ada izin menulis",
    errno.EROFS: "disk atau folder itu hanya-baca",
    errno.EBUSY: "berkas sedang dipakai program lain",
    errno.ENAMETOOLONG: "nama atau alamat berkas terlalu panjang",
}


def _reason(exc: OSError) -> str:
    return REASONS.get(exc.errno, f"galat sistem berkas (kode {exc.errno})")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str | Path | None) -> None:
    if path is None:
        return
    try:
        os.unlink(path)
    except OSError:
        pass


def _check_folder(folder: Path, shown: Callable[[Path], str]) -> None:
    """``folder`` exists (made if needed) and is a folder; OutputError otherwise."""
    for part in [folder, *folder.parents]:
        if part.exists() and not part.is_dir():
            raise OutputError(
                f"{shown(part)} adalah sebuah berkas, bukan folder, padahal laporan ditulis ke "
                f"folder {shown(folder)}/. Saran: ganti nama atau pindahkan berkas "
                f"{shown(part)}, lalu jalankan lagi. {UNCHANGED}"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"Folder {shown(folder)}/ tidak dapat dibuat: {_reason(exc)}. Saran: pastikan "
            "folder proyek boleh ditulis (bukan folder hanya-baca, CD, atau folder bersama "
            "tanpa izin tulis), atau salin proyek ke folder Anda sendiri (mis. Documents), "
            "lalu jalankan lagi."
        ) from None


def _check_target(target: Path, shown: Callable[[Path], str]) -> None:
    """``target`` can be replaced: not a folder, not read-only, not locked by a program."""
    if target.is_dir():
        raise OutputError(
            f"{shown(target)} adalah sebuah folder, bukan berkas. Saran: hapus atau ganti nama "
            f"folder itu, lalu jalankan lagi. {UNCHANGED}"
        )
    if not target.exists():
        return
    if not target.stat().st_mode & stat.S_IWUSR:
        raise OutputError(
            f"{shown(target)} bersifat hanya-baca (read-only). Saran: hilangkan centang "
            "Read-only pada Properties berkas itu, atau hapus berkasnya, lalu jalankan lagi. "
            f"{UNCHANGED}"
        )
    try:
        with open(target, "r+b"):  # Windows: fails while Word or a PDF reader has it open
            pass
    except OSError as exc:
        raise OutputError(
            f"Tidak dapat menulis {shown(target)}: {_reason(exc)}; berkas itu mungkin sedang "
            "dibuka di Word, LibreOffice, atau pembaca PDF. Saran: tutup berkas itu, lalu "
            f"jalankan lagi. {UNCHANGED}"
        ) from None


def _stage(target: Path, data: bytes, shown: Callable[[Path], str]) -> str:
    """``data`` in a new temp file next to ``target`` (flushed to disk); its path."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        return tmp
    except OSError as exc:
        _remove(tmp)
        raise OutputError(
            f"Tidak dapat menulis {shown(target)}: {_reason(exc)}. Saran: pastikan folder "
            f"{shown(target.parent)}/ boleh ditulis dan disk tidak penuh. {UNCHANGED}"
        ) from None


def _backup(target: Path) -> str:
    """A copy of the old ``target`` next to it (a hard link where possible); its path."""
    fd, backup = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
    os.close(fd)
    try:
        os.unlink(backup)
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
    return backup


def publish(files: dict[Path, bytes], shown: Callable[[Path], str] = lambda p: Path(p).as_posix()
            ) -> None:
    """Replace every file of ``files`` (path -> new bytes) with its new content: all or none.

    Every new file is first written in full to a temp file in its folder, and every target is
    checked (its folder can be made, it is no folder, not read-only, not open in a program
    that locks it) before the first one is replaced. If a later replace still fails, the
    files already replaced get their old content back (from a backup). ``shown`` gives a
    path as messages name it (``project.shown``). Raises OutputError (Indonesian, naming the
    file, the reason and what to do); the old files are then as they were.
    """
    targets = [Path(path) for path in files]
    for target in targets:
        _check_folder(target.parent, shown)
        _check_target(target, shown)
    staged: dict[Path, str] = {}
    backups: dict[Path, str | None] = {}
    try:
        for target in targets:
            staged[target] = _stage(target, files[target], shown)
        for target in targets[:-1]:  # the last one is never undone
            backups[target] = _backup(target) if target.exists() else None
        replaced: list[Path] = []
        for target in targets:
            try:
                os.replace(staged[target], target)
            except OSError as exc:
                _restore(replaced, backups)
                raise OutputError(
                    f"Tidak dapat menulis {shown(target)}: {_reason(exc)}. Saran: tutup berkas "
                    f"itu jika sedang dibuka di Word/LibreOffice, lalu coba lagi. {UNCHANGED}"
                ) from None
            del staged[target]
            replaced.append(target)
    except OSError as exc:  # a backup could not be made: nothing was replaced yet
        raise OutputError(
            f"Tidak dapat menyiapkan penulisan di {shown(targets[0].parent)}/: {_reason(exc)}. "
            f"{UNCHANGED}"
        ) from None
    finally:
        for leftover in [*staged.values(), *backups.values()]:
            _remove(leftover)


def _restore(replaced: list[Path], backups: dict[Path, str | None]) -> None:
    """Undo the replaces done so far: old content back, or the new file removed."""
    for target in reversed(replaced):
        backup = backups.pop(target, None)
        try:
            if backup is None:
                os.unlink(target)
            else:
                os.replace(backup, target)
        except OSError:
            pass


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file through :func:`publish`: the earlier file is never half overwritten."""
    publish({Path(path): data})


# --- deterministic .docx ---------------------------------------------------------------

_CORE = "docProps/core.xml"
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def _fixed_core(xml: bytes, stamp: str) -> bytes:
    root = etree.fromstring(xml)

    def child(prefix: str, name: str):
        tag = f"{{{_CORE_NS[prefix]}}}{name}"
        el = root.find(tag)
        if el is None:
            el = etree.SubElement(root, tag)
        return el

    for name in ("created", "modified"):
        el = child("dcterms", name)
        el.text = stamp
        el.set(f"{{{_CORE_NS['xsi']}}}type", "dcterms:W3CDTF")
    child("cp", "lastModifiedBy").text = "lkjip"
    child("cp", "revision").text = "1"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def normalize_docx(data: bytes, when: datetime) -> bytes:
    """The same .docx with fixed zip dates, compression and core properties.

    Member order is kept. ``when`` (naive = local as given, aware = converted to UTC) is
    used both for the zip entries and for ``dcterms:created``/``modified``.
    """
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    when = max(when, datetime(1980, 1, 1))
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise OutputError("Dokumen Word yang dihasilkan rusak (bukan berkas zip).") from None
    with src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == _CORE:
                content = _fixed_core(content, stamp)
            zi = zipfile.ZipInfo(info.filename, date_time=date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            dst.writestr(zi, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()
