"""Writing the report: atomic, deterministic, and the LibreOffice pass (TOC, PDF).

- :func:`write_atomic` writes to a temp file in the same folder, fsyncs and renames it over
  the target, so an earlier report is never half overwritten.
- :func:`normalize_docx` rewrites the zip with fixed member dates and fixed core properties,
  so identical inputs give byte-identical files.
- :func:`update_with_libreoffice` lets headless LibreOffice compute the table of contents and
  the lists of tables/figures (entries and page numbers) and, if asked, export the PDF. The
  entries are written back into *our* .docx as the cached results of its TOC fields; the
  file LibreOffice would save is never handed to the user.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from copy import deepcopy
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from ..errors import OutputError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

LO_SCRIPT = Path(__file__).resolve().parent / "lo_update.py"

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


# --- LibreOffice -----------------------------------------------------------------------


def _soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for candidate in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                      r"C:\Program Files\LibreOffice\program\soffice.exe",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if Path(candidate).exists():
            return candidate
    return None


@functools.lru_cache(maxsize=None)
def _uno_python() -> str | None:
    """A Python interpreter that can ``import uno``."""
    candidates = ["/usr/bin/python3", sys.executable, shutil.which("python3")]
    office = _soffice()
    if office:  # Windows and the official builds ship their own python next to soffice
        program = Path(office).resolve().parent
        candidates += [str(program / "python.exe"), str(program / "python"),
                       str(program.parent / "Resources" / "python")]  # macOS app bundle
    for python in candidates:
        if not python or not Path(python).exists():
            continue
        try:
            ok = subprocess.run([python, "-c", "import uno"], capture_output=True,
                                timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return python
    return None


def libreoffice_available() -> bool:
    """soffice is installed and a Python with the ``uno`` module exists."""
    return _soffice() is not None and _uno_python() is not None and LO_SCRIPT.is_file()


def libreoffice_hint() -> str:
    """What is missing and how to install it (Indonesian, for the CLI)."""
    missing = []
    if _soffice() is None:
        missing.append("LibreOffice (perintah soffice)")
    if _uno_python() is None:
        missing.append("modul Python 'uno' (python3-uno)")
    what = " dan ".join(missing) or "LibreOffice"
    return (
        f"{what} tidak ditemukan, sehingga daftar isi dan daftar tabel belum berisi nomor "
        "halaman dan PDF tidak dibuat. Word akan memperbarui daftar isi saat dokumen dibuka "
        "(jawab 'Yes'). Untuk memasang: di Debian/Ubuntu jalankan "
        "`sudo apt-get install libreoffice-writer python3-uno`; di Windows pasang LibreOffice "
        "dari libreoffice.org."
    )


def _popen_script(args: list[str], stdin=None) -> subprocess.Popen:
    python = _uno_python()
    office = _soffice()
    if python is None or office is None:
        raise OutputError(libreoffice_hint())
    env = dict(os.environ, LKJIP_SOFFICE=office)
    return subprocess.Popen([python, str(LO_SCRIPT), *args], stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=(os.name == "posix"))


def _kill(proc: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass
    proc.communicate()


def start_libreoffice() -> subprocess.Popen | None:
    """Start LibreOffice now (it takes about a second) and let it wait for the document.

    Hand the result to :func:`update_with_libreoffice` (``started=``) and always end with
    :func:`stop_libreoffice`. None when it cannot be started; the update then starts its own.
    """
    try:
        return _popen_script(["--stdin"], stdin=subprocess.PIPE)
    except (OSError, OutputError):
        return None


def stop_libreoffice(proc: subprocess.Popen | None) -> None:
    """Let a LibreOffice from :func:`start_libreoffice` that got no document close itself.

    Its stdin is closed; the script then closes LibreOffice and removes its profile in the
    background, so a build that fails early is not kept waiting. No-op after an update.
    """
    if proc is None or proc.poll() is not None:
        return
    try:
        proc.stdin.close()
    except OSError:
        pass


def _run_script(docx_path: Path, json_path: Path, pdf_path: Path | None, timeout: float,
                started: subprocess.Popen | None = None):
    if started is not None and started.poll() is None:
        proc = started
        job = {"docx": str(docx_path), "json": str(json_path),
               "pdf": None if pdf_path is None else str(pdf_path)}
        job_line = (json.dumps(job) + "\n").encode("utf-8")
    else:
        args = [str(docx_path), str(json_path)]
        if pdf_path is not None:
            args.append(str(pdf_path))
        proc, job_line = _popen_script(args), None
    try:
        _, err = proc.communicate(input=job_line, timeout=timeout)
    except (BrokenPipeError, subprocess.TimeoutExpired) as exc:
        _kill(proc)
        if isinstance(exc, BrokenPipeError):
            raise OutputError("LibreOffice berhenti sebelum menerima dokumen. "
                              "Jalankan dengan --fast untuk melewati langkah ini.") from None
        raise OutputError(
            f"LibreOffice tidak selesai dalam {timeout:.0f} detik saat memperbarui daftar isi. "
            "Coba lagi, atau jalankan dengan --fast untuk melewati langkah ini."
        ) from None
    if proc.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        raise OutputError(
            "LibreOffice gagal memperbarui daftar isi"
            + (f": {detail[-1]}" if detail else ".")
            + " Jalankan dengan --fast untuk melewati langkah ini."
        )


def update_with_libreoffice(docx: bytes, want_pdf: bool, timeout: float = 180,
                            started: subprocess.Popen | None = None
                            ) -> tuple[bytes, bytes | None]:
    """Fill the TOC fields' cached results with LibreOffice's entries; optionally the PDF.

    ``started``: a LibreOffice from :func:`start_libreoffice` (else one is started here).
    Returns (our .docx with the entries written back, PDF bytes or None).
    """
    with tempfile.TemporaryDirectory(prefix="lkjip-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "laporan.docx"
        src.write_bytes(docx)
        json_path = tmpdir / "indexes.json"
        pdf_path = tmpdir / "laporan.pdf" if want_pdf else None
        _run_script(src, json_path, pdf_path, timeout, started)
        try:
            indexes = json.loads(json_path.read_text(encoding="utf-8"))["indexes"]
        except (OSError, ValueError, KeyError):
            raise OutputError("LibreOffice tidak menghasilkan daftar isi.") from None
        pdf = None
        if pdf_path is not None:
            if not pdf_path.is_file():
                raise OutputError("LibreOffice tidak menghasilkan PDF.")
            pdf = pdf_path.read_bytes()
    return write_back_tocs(docx, indexes), pdf


# --- writing TOC entries back as cached field results ----------------------------------


def _w(tag: str, **attrs) -> etree._Element:
    el = etree.Element(W + tag)
    for k, v in attrs.items():
        el.set(W + k, str(v))
    return el


def _field_key(instr: str) -> tuple[str, str | None]:
    m = re.search(r'\\c\s+(?:"([^"]*)"|(\S+))', instr)
    if m:
        return "caption", m.group(1) if m.group(1) is not None else m.group(2)
    return "content", None


def _find_toc_fields(root) -> list[dict]:
    """Complex TOC fields (fldChar begin/separate/end, nesting allowed) in document order."""
    stack: list[dict] = []
    found: list[dict] = []
    for el in root.iter(W + "fldChar", W + "instrText"):
        if el.tag == W + "instrText":
            if stack and stack[-1]["sep"] is None:
                stack[-1]["instr"] += el.text or ""
            continue
        kind = el.get(W + "fldCharType")
        run = el.getparent()
        if kind == "begin":
            stack.append({"begin": run, "instr": "", "sep": None})
        elif kind == "separate" and stack:
            stack[-1]["sep"] = run
        elif kind == "end" and stack:
            field = stack.pop()
            field["end"] = run
            if field["instr"].strip().upper().startswith("TOC") and field["sep"] is not None:
                found.append(field)
    return found


def _paragraph_of(el):
    for anc in el.iterancestors(W + "p"):
        return anc
    return None


def _top_child(el, parent):
    """The ancestor-or-self of ``el`` that is a direct child of ``parent``."""
    while el is not None and el.getparent() is not parent:
        el = el.getparent()
    return el


def _style_ids(styles_xml: bytes | None) -> dict[str, str]:
    """Lower-case style name → styleId."""
    out: dict[str, str] = {}
    if not styles_xml:
        return out
    for style in etree.fromstring(styles_xml).iter(W + "style"):
        name = style.find(W + "name")
        sid = style.get(W + "styleId")
        if name is not None and sid:
            out[name.get(W + "val", "").lower()] = sid
    return out


def _text_width(p) -> int:
    """Text width in twips of the section that holds paragraph ``p``."""
    sect = None
    for following in p.itersiblings():
        sect = following.find(f"{W}pPr/{W}sectPr")
        if sect is not None:
            break
    if sect is None:
        body = p.getroottree().getroot().find(W + "body")
        sect = body.find(W + "sectPr") if body is not None else None
    try:
        size, margin = sect.find(W + "pgSz"), sect.find(W + "pgMar")
        width = int(size.get(W + "w")) - int(margin.get(W + "left")) - int(margin.get(W + "right"))
        if width > 0:
            return width
    except (AttributeError, TypeError, ValueError):
        pass
    return 9026  # A4 with 2.54 cm margins


def _run(text: str | None = None, tab: bool = False):
    r = _w("r")
    rpr = etree.SubElement(r, W + "rPr")
    etree.SubElement(rpr, W + "noProof")
    if tab:
        etree.SubElement(r, W + "tab")
    else:
        t = etree.SubElement(r, W + "t")
        t.text = text
        t.set(XML_SPACE, "preserve")
    return r


def _entry_paragraph(entry: dict, style_id: str, tab_pos: int):
    p = _w("p")
    ppr = etree.SubElement(p, W + "pPr")
    etree.SubElement(ppr, W + "pStyle").set(W + "val", style_id)
    tabs = etree.SubElement(ppr, W + "tabs")
    tab = etree.SubElement(tabs, W + "tab")
    tab.set(W + "val", "right")
    tab.set(W + "leader", "dot")
    tab.set(W + "pos", str(tab_pos))
    rpr = etree.SubElement(ppr, W + "rPr")
    etree.SubElement(rpr, W + "noProof")
    text = re.sub(r"\s*\t\s*", " ", entry.get("text", "")).strip()
    p.append(_run(text))
    p.append(_run(tab=True))
    p.append(_run(str(entry.get("page", ""))))
    return p


def _style_for(kind: str, level: int, styles: dict[str, str],
               missing: list[tuple[str, str]]) -> str:
    """The styleId for an entry; a style missing from styles.xml is recorded in
    ``missing`` (to be added to the file) under Word's built-in name."""
    if kind == "caption":
        name, default_id = "table of figures", "TableofFigures"
    else:
        level = min(max(level, 1), 9)
        name, default_id = f"toc {level}", f"TOC{level}"
    if name not in styles:
        styles[name] = default_id
        missing.append((name, default_id))
    return styles[name]


def _add_missing_styles(styles_xml: bytes, missing: list[tuple[str, str]]) -> bytes:
    root = etree.fromstring(styles_xml)
    for name, style_id in missing:
        style = _w("style", type="paragraph", styleId=style_id)
        etree.SubElement(style, W + "name").set(W + "val", name)
        etree.SubElement(style, W + "basedOn").set(W + "val", "Normal")
        etree.SubElement(style, W + "next").set(W + "val", "Normal")
        ppr = etree.SubElement(style, W + "pPr")
        etree.SubElement(ppr, W + "spacing").set(W + "after", "100")
        level = int(name[-1]) if name[-1].isdigit() else 1
        etree.SubElement(ppr, W + "ind").set(W + "left", str(220 * (level - 1)))
        root.append(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _replace_field_result(field: dict, entries: list[dict], kind: str,
                          styles: dict[str, str], missing: list) -> bool:
    begin, sep, end = field["begin"], field["sep"], field["end"]
    p_b, p_e = _paragraph_of(begin), _paragraph_of(end)
    if p_b is None or p_e is None or p_b.getparent() is not p_e.getparent():
        return False
    if sep.getparent() is not p_b or begin.getparent() is not p_b:
        return False  # field code spread over paragraphs: leave it alone
    parent = p_b.getparent()
    children = list(p_b)
    i_begin, i_sep = children.index(begin), children.index(sep)
    code = children[i_begin:i_sep + 1]
    before = [c for c in children[:i_begin] if c.tag != W + "pPr"]
    end_top = _top_child(end, p_e)
    e_children = list(p_e)
    after = e_children[e_children.index(end_top) + 1:]
    e_ppr = p_e.find(W + "pPr")
    b_ppr = p_b.find(W + "pPr")
    tab_pos = _text_width(p_e)

    new: list = []
    if before:
        p = _w("p")
        if b_ppr is not None:
            p.append(deepcopy(b_ppr))
        p.extend(before)
        new.append(p)
    if entries:
        paras = [
            _entry_paragraph(e, _style_for(kind, int(e.get("level", 1)), styles, missing), tab_pos)
            for e in entries
        ]
    else:
        p = _w("p")
        if b_ppr is not None:
            p.append(deepcopy(b_ppr))
        paras = [p]
    first, last = paras[0], paras[-1]
    ppr = first.find(W + "pPr")
    insert_at = 1 if ppr is not None else 0
    for k, c in enumerate(code):
        first.insert(insert_at + k, c)
    last.append(end)
    new.extend(paras)
    has_sect = e_ppr is not None and e_ppr.find(W + "sectPr") is not None
    if after or has_sect:
        p = _w("p")
        if e_ppr is not None:
            p.append(deepcopy(e_ppr))
        p.extend(after)
        new.append(p)

    siblings = list(parent)
    start, stop = siblings.index(p_b), siblings.index(p_e)
    for old in siblings[start:stop + 1]:
        parent.remove(old)
    for k, p in enumerate(new):
        parent.insert(start + k, p)
    return True


def write_back_tocs(docx: bytes, indexes: list[dict]) -> bytes:
    """Write LibreOffice's index entries into ``docx`` as the results of its TOC fields.

    ``indexes``: in document order, each ``{"kind": "content"|"caption", "category",
    "entries": [{"text", "page", "level"}]}``. A field is matched with the first unused
    index of the same kind (and caption category, e.g. "Tabel"); unmatched fields are left
    as they are.
    """
    zin = zipfile.ZipFile(io.BytesIO(docx))
    names = zin.namelist()
    root = etree.fromstring(zin.read("word/document.xml"))
    styles = _style_ids(zin.read("word/styles.xml") if "word/styles.xml" in names else None)
    unused = list(indexes)
    missing: list[tuple[str, str]] = []
    changed = False
    for field in _find_toc_fields(root):
        kind, category = _field_key(field["instr"])
        match = None
        for index in unused:
            if index.get("kind") != kind:
                continue
            if kind == "caption" and index.get("category") not in (None, category):
                continue
            match = index
            break
        if match is None:
            continue
        unused.remove(match)
        changed |= _replace_field_result(field, match.get("entries", []), kind, styles, missing)
    if not changed:
        return docx
    replaced = {
        "word/document.xml":
            etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    }
    if missing and "word/styles.xml" in names:
        replaced["word/styles.xml"] = _add_missing_styles(zin.read("word/styles.xml"), missing)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replaced.get(info.filename) or zin.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zout.writestr(zi, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
