"""Update a .docx's indexes (TOC, list of tables/figures) in headless LibreOffice.

Run by a Python that has the ``uno`` module (usually /usr/bin/python3), from
``lkjip/publish/office.py``:

    python3 lo_update.py --serve
    python3 lo_update.py IN.docx OUT.json [OUT.pdf]     (one job, by hand)

With ``--serve`` LibreOffice is started at once (0.3–1 s, while lkjip still renders
the document) and then does any number of jobs: each line of standard input is one JSON job
``{"docx": IN, "json": OUT, "pdf": OUT or null, "passes": 1 or 2, "headings": [[text,
level], ...]}`` (the last two optional, see ``lkjip/docx/toc.py: libreoffice_hints``), and
when it is done one JSON line is written to standard output, ``{"ok": true}`` or ``{"ok":
false, "error": "Type: message"}`` (the document is closed either way; LibreOffice stays
open for the next job); for a job with a PDF, ``{"entries": true}`` comes first, as soon as
the JSON is written, so lkjip writes the entries back while the PDF is exported. End of
input closes LibreOffice and ends the script with 0, so lkjip does not wait for the
closing. Nothing else is written to standard output (Python's ``print`` goes to standard
error).

Starts its own ``soffice`` with a private profile (the folder named by the environment
variable LKJIP_PROFILE, its URL LKJIP_PROFILE_URL; removed at the end), opens IN.docx hidden,
updates every document index ``passes`` times (default 2: the first update can move pages;
lkjip asks for 1 when the section after the indexes restarts its page numbers, see
``lkjip/docx/toc.py: settles_in_one_pass``), refreshes the fields, writes the entries of each
index to OUT.json (in document order) and, when asked, exports OUT.pdf from the same load.
OUT.json: {"indexes": [{"kind": "content" | "caption", "category": str | null,
"entries": [{"text": str, "page": str, "level": int}]}]}.
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
import threading
import time
import uuid

START = time.perf_counter()
TIMES = []
uno = PropertyValue = NoConnectException = None  # LibreOffice's modules, see load_uno()


def load_uno():
    """Import LibreOffice's ``uno`` modules (~0.03 s): done after soffice is started, whose
    start (0.3 s with lkjip's seeded profile) is what lkjip waits for."""
    global uno, PropertyValue, NoConnectException
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException


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
            time.sleep(0.01)


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


def _level(style: str) -> int:
    """1 for "Contents 1", 2 for "Contents 2" …; 1 when the style name has no digit."""
    digits = "".join(ch for ch in style if ch.isdigit())
    return int(digits) if digits else 1


def _entry(line: str, level: int) -> dict:
    label, page = line.rsplit("\t", 1) if "\t" in line else (line, "")
    return {"text": label, "page": page.strip(), "level": level}


def entries_of(index, kind: str, headings=()) -> list:
    """The index's entries (its title and empty paragraphs left out), from one read of its
    whole text: each entry is one paragraph "text<TAB>page". Levels (a content index only)
    come from ``headings`` (lkjip's [text, level] list) when the entries' texts are exactly
    those, else from the paragraphs' styles. When the text does not split into one line per
    paragraph (a line break inside an entry), every paragraph is read on its own."""
    lines = [line.rstrip("\r") for line in index.getAnchor().getString().split("\n")]
    title = _title(index)
    if all("\t" in line for line in lines if line.strip()):
        entries = [_entry(line, 1) for line in lines if line.strip()]
        if kind != "content":
            return entries
        if entries and title and entries[0]["text"].strip() == title.strip():
            entries = entries[1:]
        if [" ".join(e["text"].split()) for e in entries] == \
                [" ".join(str(text).split()) for text, _ in headings]:
            for entry, (_, level) in zip(entries, headings):
                entry["level"] = int(level)
            return entries
    try:
        styles = _paragraph_styles(index, len(lines))
    except Exception:  # not one paragraph per line
        texts, styles = _paragraphs(index)
    else:
        texts = lines
    out = []
    for n, (text, style) in enumerate(zip(texts, styles)):
        if not text.strip() or (n == 0 and title and text.strip() == title.strip()):
            continue
        out.append(_entry(text, _level(style) if kind == "content" else 1))
    return out


def _enumeration(index):
    anchor = index.getAnchor()
    return anchor.getText().createTextCursorByRange(anchor).createEnumeration()


def _paragraph_styles(index, count: int) -> list:
    """The style names of the index's first ``count`` paragraphs (two calls each); raises
    when it has fewer paragraphs or more."""
    enum = _enumeration(index)
    styles = [enum.nextElement().getPropertyValue("ParaStyleName") for _ in range(count)]
    if enum.hasMoreElements():
        raise ValueError("more paragraphs than lines")
    return styles


def _paragraphs(index) -> tuple:
    """(texts, style names) of the index's paragraphs, each read on its own."""
    enum, texts, styles = _enumeration(index), [], []
    while enum.hasMoreElements():
        para = enum.nextElement()
        if para.supportsService("com.sun.star.text.Paragraph"):
            texts.append(para.getString())
            styles.append(para.getPropertyValue("ParaStyleName"))
    return texts, styles


def _title(index) -> str:
    if index.getPropertySetInfo().hasPropertyByName("Title"):
        return index.getPropertyValue("Title") or ""
    return ""


def start_office():
    """(soffice process, its pipe name, the profile folder) for a private headless instance."""
    # the profile folder and its file URL (file:///C:/... on Windows) come from lkjip, which
    # removes the folder even when this script is killed; run by hand, made here
    profile = os.environ.get("LKJIP_PROFILE") or tempfile.mkdtemp(prefix="lkjip-lo-profile-")
    profile_url = os.environ.get("LKJIP_PROFILE_URL")
    if not profile_url:
        load_uno()
        profile_url = uno.systemPathToFileUrl(os.path.abspath(profile))
    pipe = "lkjip_" + uuid.uuid4().hex
    soffice = os.environ.get("LKJIP_SOFFICE", "soffice")
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         "--nolockcheck", f"-env:UserInstallation={profile_url}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return proc, pipe, profile


def update_indexes(doc, passes: int = 2):
    """Every index (TOC, lists of tables and figures) updated ``passes`` times (a second
    pass lets page numbers settle when the first moved pages), fields refreshed."""
    indexes = doc.getDocumentIndexes()
    for _ in range(max(1, passes)):
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()  # (not doc.refresh(): a whole layout, ~0.07 s, that
        mark("indexes updated (one pass)")  # the index update and the PDF do as needed)
    return indexes


def index_entries(doc, indexes, headings=()) -> dict:
    """``{"indexes": [{kind, category, entries}]}`` in document order; ``headings``: see
    :func:`entries_of`."""
    found = []
    for i in range(indexes.getCount()):
        index = indexes.getByIndex(i)
        kind, category = index_kind(index)
        found.append((index.getAnchor(), kind, category, entries_of(index, kind, headings)))
    text = doc.getText()

    def position(item):
        return sum(1 for other in found if other is not item and
                   _before(text, other[0], item[0]))

    return {"indexes": [{"kind": k, "category": c, "entries": e}
                        for _, k, c, e in sorted(found, key=position)]}


def process(desktop, job: dict, entries_written=None) -> None:
    """Load the .docx once, update its indexes, write their entries as JSON and, when asked,
    export the PDF from the same loaded document, then close it. ``job``: {"docx", "json",
    "pdf" (or None), "passes" (default 2)}. ``entries_written()``, when given, is called
    between the JSON and the PDF (lkjip writes the entries back meanwhile)."""
    url = uno.systemPathToFileUrl(os.path.abspath(job["docx"]))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (  # read-only: no lock file
        prop("Hidden", True), prop("ReadOnly", True), prop("FilterName", "MS Word 2007 XML")))
    if doc is None:
        raise RuntimeError("Dokumen tidak dapat dibuka oleh LibreOffice.")
    mark("document loaded")
    try:
        result = index_entries(doc, update_indexes(doc, int(job.get("passes") or 2)),
                               job.get("headings") or ())
        with open(job["json"], "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False)
        mark("entries read, JSON written")
        if job.get("pdf"):
            if entries_written is not None:
                entries_written()
            export_pdf(doc, job["pdf"])
            mark("PDF exported")
    finally:
        # closed before lkjip hears of it: until then soffice holds the .docx open, and on
        # Windows lkjip could not remove the job folder
        try:
            doc.close(True)
        except Exception:
            pass
        mark("document closed")


def export_pdf(doc, path) -> None:
    """The loaded document as PDF, with LibreOffice's default settings except that images
    keep their resolution: the charts (~200 ppi) come out the same, without the ~0.08 s
    LibreOffice spends checking whether to downsample them."""
    settings = uno.Any("[]com.sun.star.beans.PropertyValue",
                       (prop("ReduceImageResolution", False),))
    uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(os.path.abspath(path)), (
        prop("FilterName", "writer_pdf_Export"), prop("FilterData", settings))))


CLOSING = threading.Event()  # set once this script closes soffice itself


def end_with_office(proc, profile) -> None:
    """``--serve`` (a thread): when soffice ends by itself (killed, crashed) while this script
    waits for jobs, end the script too, so lkjip starts a fresh one for the next document
    instead of sending it to a dead one."""
    proc.wait()
    if not CLOSING.is_set():
        shutil.rmtree(profile, ignore_errors=True)
        os._exit(3)


def close_office(desktop, proc, profile) -> None:
    CLOSING.set()
    try:
        if desktop is not None:
            desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=20 if desktop is not None else 0)  # never connected: kill it
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    shutil.rmtree(profile, ignore_errors=True)
    mark("LibreOffice closed")
    if os.environ.get("LKJIP_LO_TIMES"):
        with open(os.environ["LKJIP_LO_TIMES"], "w", encoding="utf-8") as f:
            json.dump(TIMES, f)


def serve(desktop, jobs, answers) -> None:
    """Jobs from ``jobs`` (JSON lines) one after another; one answer line each, and before
    it, for a job with a PDF, ``{"entries": true}`` once the JSON is written."""
    def say(answer):
        answers.write(json.dumps(answer) + "\n")
        answers.flush()

    for line in iter(jobs.readline, ""):
        if not line.strip():
            continue
        try:
            job = json.loads(line)
            mark("job received")
            process(desktop, job, lambda: say({"entries": True}))
            answer = {"ok": True}
        except Exception as exc:  # reported to lkjip, which may send the next job
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        say(answer)


def main():
    serving = sys.argv[1:] == ["--serve"]
    if serving:
        sys.stdout.flush()
        answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
        os.dup2(2, 1)  # only the answers go to lkjip's pipe, whatever else writes to fd 1
        sys.stdout = sys.stderr
    elif len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    proc, pipe, profile = start_office()
    desktop = None
    try:
        load_uno()
        ctx = connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        mark("soffice started, connected")
        if serving:
            threading.Thread(target=end_with_office, args=(proc, profile), daemon=True).start()
            serve(desktop, sys.stdin, answers)
        else:
            process(desktop, {"docx": sys.argv[1], "json": sys.argv[2],
                              "pdf": sys.argv[3] if len(sys.argv) > 3 else None})
    finally:
        close_office(desktop, proc, profile)


def _before(text, a, b):
    """True when range a starts before range b (both in the body text)."""
    try:
        return text.compareRegionStarts(a, b) > 0
    except Exception:
        return False


if __name__ != "__main__":
    load_uno()  # imported as a module (tests, experiments): usable at once

if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # reported to lkjip on stderr
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
