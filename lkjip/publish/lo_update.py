"""Update a .docx's indexes (TOC, list of tables/figures) in headless LibreOffice.

Run by a Python that has the ``uno`` module (usually /usr/bin/python3), from
``lkjip/publish/libreoffice.py``:

    python3 lo_update.py IN.docx OUT.json [OUT.pdf]
    python3 lo_update.py --stdin
    python3 lo_update.py --serve

With ``--stdin`` LibreOffice is started at once and the job is read afterwards from standard
input as one JSON line ``{"docx": IN, "json": OUT, "pdf": OUT or null}``, so lkjip can start
LibreOffice (about a second) while it still renders the document; end of input without a job
means "not needed": LibreOffice is closed and the script exits with 0.

With ``--serve`` one LibreOffice does many jobs (``build.py --pantau``, the workers of
``build.py semua``): each line of standard input is a job as above, and when it is done one
JSON line is written to standard output, ``{"ok": true}`` or ``{"ok": false, "error": "Type:
message"}`` (the document is closed either way; LibreOffice stays open for the next job).
End of input closes LibreOffice and ends the script with 0. Nothing else is written to
standard output (Python's ``print`` goes to standard error).

Starts its own ``soffice`` with a private profile (the folder named by the environment
variable LKJIP_PROFILE, its URL LKJIP_PROFILE_URL; removed at the end), opens IN.docx hidden, updates every
document index twice (the first update can move pages), refreshes the fields, writes the
entries of each index to OUT.json (in document order) and, when asked, exports OUT.pdf.
OUT.json: {"indexes": [{"kind": "content" | "caption", "category": str | null,
"entries": [{"text": str, "page": str, "level": int, "style": str}]}]}.
The .docx itself is not saved: lkjip writes the entries back into its own file.
When the environment variable LKJIP_LO_TIMES names a file, the time of each step (seconds
since the start of this script) is written there as JSON (used by scripts/benchmark.py).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

START = time.perf_counter()
TIMES = []


def mark(step):
    TIMES.append((step, round(time.perf_counter() - START, 3)))


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe, proc, timeout=60):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.time() + timeout
    while True:
        try:
            return resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
            )
        except NoConnectException:
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("LibreOffice tidak dapat dijalankan atau dihubungi.")
            time.sleep(0.05)


def index_kind(index):
    if index.supportsService("com.sun.star.text.ContentIndex"):
        return "content", None
    category = None
    try:
        if index.getPropertyValue("CreateFromLabels"):
            category = index.getPropertyValue("LabelCategory")
    except Exception:
        pass
    return "caption", category


def entries_of(index):
    """Every paragraph of the index body except its title."""
    out = []
    anchor = index.getAnchor()
    text = anchor.getText()
    cursor = text.createTextCursorByRange(anchor)
    enum = cursor.createEnumeration()
    title = index.getPropertyValue("Title") if index.getPropertySetInfo().hasPropertyByName("Title") else ""
    first = True
    while enum.hasMoreElements():
        para = enum.nextElement()
        if not para.supportsService("com.sun.star.text.Paragraph"):
            continue
        s = para.getString()
        style = para.getPropertyValue("ParaStyleName")
        if first and title and s.strip() == title.strip():
            first = False
            continue
        first = False
        if not s.strip():
            continue
        if "\t" in s:
            label, page = s.rsplit("\t", 1)
        else:
            label, page = s, ""
        level = 1
        digits = "".join(ch for ch in style if ch.isdigit())
        if digits:
            level = int(digits)
        try:
            outline = para.getPropertyValue("OutlineLevel")
        except Exception:
            outline = 0
        out.append({"text": label, "page": page.strip(), "level": level, "style": style,
                    "outline": outline})
    return out


def read_job():
    """(docx, json, pdf or None) from the command line or, with --stdin, from standard input."""
    if sys.argv[1:] != ["--stdin"]:
        return sys.argv[1], sys.argv[2], (sys.argv[3] if len(sys.argv) > 3 else None)
    line = sys.stdin.readline()
    mark("job received")
    if not line.strip():
        return None
    job = json.loads(line)
    return job["docx"], job["json"], job.get("pdf")


def start_office():
    """(soffice process, its pipe name, the profile folder) for a private headless instance."""
    # the profile folder and its file URL (file:///C:/... on Windows) come from lkjip, which
    # removes the folder even when this script is killed; run by hand, made here
    profile = os.environ.get("LKJIP_PROFILE") or tempfile.mkdtemp(prefix="lkjip-lo-profile-")
    profile_url = os.environ.get("LKJIP_PROFILE_URL") or uno.systemPathToFileUrl(
        os.path.abspath(profile))
    pipe = "lkjip_" + uuid.uuid4().hex
    soffice = os.environ.get("LKJIP_SOFFICE", "soffice")
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         "--nolockcheck", f"-env:UserInstallation={profile_url}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return proc, pipe, profile


def update_indexes(doc):
    """Every index (TOC, lists of tables and figures) updated twice (page numbers settle),
    and fields refreshed."""
    indexes = doc.getDocumentIndexes()
    for _ in range(2):
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        doc.refresh()
        mark("indexes updated (one pass)")
    return indexes


def index_entries(doc, indexes) -> dict:
    """``{"indexes": [{kind, category, entries}]}`` in document order."""
    found = []
    for i in range(indexes.getCount()):
        index = indexes.getByIndex(i)
        kind, category = index_kind(index)
        found.append((index.getAnchor(), kind, category, entries_of(index)))
    text = doc.getText()

    def position(item):
        return sum(1 for other in found if other is not item and
                   _before(text, other[0], item[0]))

    return {"indexes": [{"kind": k, "category": c, "entries": e}
                        for _, k, c, e in sorted(found, key=position)]}


def process(desktop, job) -> None:
    """Load the .docx once, update its indexes, write their entries as JSON and, when asked,
    export the PDF from the same loaded document."""
    src, json_out, pdf_out = job
    url = uno.systemPathToFileUrl(os.path.abspath(src))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError("Dokumen tidak dapat dibuka oleh LibreOffice.")
    mark("document loaded")
    try:
        result = index_entries(doc, update_indexes(doc))
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False)
        mark("entries read, JSON written")
        if pdf_out:
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(pdf_out)),
                           (prop("FilterName", "writer_pdf_Export"),))
            mark("PDF exported")
    except Exception:
        try:
            doc.close(True)
        except Exception:
            pass
        raise
    doc.close(True)


def close_office(desktop, proc, profile) -> None:
    try:
        if desktop is not None:
            desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(profile, ignore_errors=True)
    mark("LibreOffice closed")
    if os.environ.get("LKJIP_LO_TIMES"):
        with open(os.environ["LKJIP_LO_TIMES"], "w", encoding="utf-8") as f:
            json.dump(TIMES, f)


def serve(desktop, jobs, answers) -> None:
    """Jobs from ``jobs`` (JSON lines) one after another; one answer line each."""
    for line in iter(jobs.readline, ""):
        if not line.strip():
            continue
        try:
            job = json.loads(line)
            mark("job received")
            process(desktop, (job["docx"], job["json"], job.get("pdf")))
            answer = {"ok": True}
        except Exception as exc:  # reported to lkjip, which may send the next job
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


def main():
    if sys.argv[1:] == ["--serve"]:
        sys.stdout.flush()
        answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
        os.dup2(2, 1)  # only the answers go to lkjip's pipe, whatever else writes to fd 1
        sys.stdout = sys.stderr
    job = None if sys.argv[1:] in (["--stdin"], ["--serve"]) else read_job()
    proc, pipe, profile = start_office()
    desktop = None
    try:
        ctx = connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        mark("soffice started, connected")
        if sys.argv[1:] == ["--serve"]:
            serve(desktop, sys.stdin, answers)
            return
        if job is None:
            job = read_job()
            if job is None:
                return
        process(desktop, job)
    finally:
        close_office(desktop, proc, profile)


def _before(text, a, b):
    """True when range a starts before range b (both in the body text)."""
    try:
        return text.compareRegionStarts(a, b) > 0
    except Exception:
        return False


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # reported to lkjip on stderr
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
