"""Writing the report's files: atomic and deterministic.

- :func:`write_atomic` writes to a temp file in the same folder, fsyncs and renames it over
  the target, so an earlier report is never half overwritten.
- :func:`normalize_docx` rewrites the zip with fixed member dates and fixed core properties,
  so identical inputs give byte-identical files.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from ..errors import OutputError

# --- atomic write ----------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and ``os.replace``.

    On any failure the earlier file is untouched, the temp file is removed and an
    :class:`OutputError` (Indonesian) is raised.
    """
    path = Path(path)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        hint = ""
        if isinstance(exc, PermissionError):
            hint = " Tutup berkas itu jika sedang dibuka di Word/LibreOffice, lalu coba lagi."
        raise OutputError(
            f"Tidak dapat menulis {path}: {exc.strerror or exc}.{hint} "
            "Berkas yang lama (jika ada) tidak diubah."
        ) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


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
