"""``build.py panel``: a local page in the browser for planners who do not use a terminal.

:func:`create_app` makes the Flask app for one project folder; :func:`serve` runs it with
werkzeug's threaded server on 127.0.0.1 and opens the browser on a URL that carries a random
key. Safety, all checked in ``tests/test_panel.py``:

- the server listens on 127.0.0.1 only;
- a request whose ``Host`` is not a loopback name with the panel's port is refused (403):
  another web site cannot reach the panel through DNS rebinding;
- every request needs the key, from the URL (``?kunci=...``, then kept in a cookie for this
  port, ``SameSite=Strict``) or that cookie (403 otherwise), and a POST from another origin is
  refused (403);
- downloads and previews come only from files directly under the project's ``output/``
  (resolved, so ``..`` and symlinks that leave it are refused);
- state changes (build, new year) are POST only; nothing runs a shell.
"""

from __future__ import annotations

import functools
import io
import logging
import secrets
import threading
import time
import webbrowser
from datetime import datetime
from pathlib import Path

from flask import (Flask, abort, current_app, jsonify, redirect, render_template, request,
                   send_file, url_for)
from werkzeug.serving import make_server

from ..errors import LkjipError
from ..project import Project
from . import jobs, status

KEY_PARAM = "kunci"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

MESSAGES = {
    400: "Permintaan tidak dapat diproses.",
    403: "Akses ditolak. Buka panel dari tautan yang ditampilkan di jendela panel "
         "(atau jalankan ulang LKjIP).",
    404: "Halaman atau berkas tidak ditemukan.",
    405: "Cara membuka halaman ini tidak diizinkan.",
    500: "Terjadi kesalahan tak terduga di program (bukan di data Anda). Rinciannya ada di "
         "jendela panel; laporkan kepada pengelola aplikasi.",
}


def busy_message(year: int) -> str:
    return f"Laporan {year} sedang dibuat. Tunggu sampai selesai, lalu coba lagi."


def create_app(root: Path, key: str, port: int | None = None) -> Flask:
    """The panel for the project folder ``root``.

    ``key``: the secret every request must carry; ``port``: the port the server listens on
    (the ``Host`` header must name it; set ``app.config["LKJIP_PORT"]`` later if unknown now).
    """
    app = Flask(__name__)
    app.config.update(LKJIP_ROOT=Path(root).resolve(), LKJIP_KEY=key, LKJIP_PORT=port)
    app.jinja_env.globals.update(MESSAGES=MESSAGES)
    app.extensions["lkjip"] = {"jobs": jobs.Jobs(Path(root).resolve()), "notice": None,
                               "previews": Previews()}
    app.before_request(guard)
    app.after_request(security_headers)
    for code in MESSAGES:
        app.register_error_handler(code, functools.partial(error_page, code))
    for rule, method, view in ROUTES:
        app.add_url_rule(rule, endpoint=view.__name__, view_func=view, methods=[method])
    return app


ROUTES: list[tuple[str, str, object]] = []  # (rule, method, view), filled by @page


def page(method: str, rule: str):
    """Register a view of the panel (added to each app by :func:`create_app`)."""
    def register(view):
        ROUTES.append((rule, method, view))
        return view
    return register


def panel_state() -> dict:
    """The panel's own state: the build jobs, the page previews and the next page's notice."""
    return current_app.extensions["lkjip"]


def root_dir() -> Path:
    return current_app.config["LKJIP_ROOT"]


def cookie_name() -> str:
    return f"lkjip_kunci_{current_app.config['LKJIP_PORT']}"


def guard():
    """Every request: a loopback Host with our port (DNS rebinding), POST only from our own
    origin, and the key (from the opened URL, then from a cookie)."""
    port = current_app.config["LKJIP_PORT"]
    allowed = {f"{name}:{port}" for name in LOOPBACK_NAMES}
    if request.host not in allowed:
        abort(403)
    if request.method == "POST":
        origin = request.headers.get("Origin")
        if origin is not None and origin not in {f"http://{h}" for h in allowed}:
            abort(403)
    given = request.args.get(KEY_PARAM) or request.cookies.get(cookie_name()) or ""
    if not secrets.compare_digest(given.encode(), current_app.config["LKJIP_KEY"].encode()):
        abort(403)
    if request.method == "GET" and KEY_PARAM in request.args:
        # First visit from the opened URL: keep the key in a cookie, drop it from the URL.
        response = redirect(request.path, code=303)
        response.set_cookie(cookie_name(), current_app.config["LKJIP_KEY"], httponly=True,
                            samesite="Strict")
        return response
    return None


def security_headers(response):
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@page("GET", "/")
def home():
    found = status.years(root_dir())
    if found:
        return redirect(url_for("year_page", year=found[-1]), code=303)
    return render_template("kosong.html", root=root_dir(), notice=take_notice(panel_state()))


@page("GET", "/tahun/<int:year>")
def year_page(year: int):
    found = status.years(root_dir())
    if year not in found:
        abort(404)
    state = panel_state()
    return render_template(
        "tahun.html", root=root_dir(), years=found, year=year,
        st=status.check_year(root_dir(), year), next_year=found[-1] + 1,
        job=state["jobs"].last_by_year.get(year), running=state["jobs"].running(),
        files=output_files(root_dir(), year),
        pages=state["previews"].count(pdf_path(root_dir(), year)),
        libreoffice=status.libreoffice_available(), notice=take_notice(state),
        checked_at=datetime.now().strftime("%H.%M.%S"),
    )


@page("GET", "/tahun/<int:year>/nama")
def names_page(year: int):
    if year not in status.years(root_dir()):
        abort(404)
    st = status.check_year(root_dir(), year)
    return render_template("nama.html", root=root_dir(), year=year, st=st)


@page("POST", "/tahun/<int:year>/buat")
def build(year: int):
    wants_json = request.accept_mimetypes.best == "application/json"
    if year not in status.years(root_dir()):
        abort(404)
    state = panel_state()
    pdf, fast = request.form.get("pdf") == "1", request.form.get("cepat") == "1"
    try:
        job = state["jobs"].start_build(year, pdf=pdf, fast=fast)
    except jobs.Busy as busy:
        if wants_json:
            return jsonify(pesan=busy_message(busy.job.year), id=busy.job.id), 409
        state["notice"] = {"kind": "peringatan", "lines": [busy_message(busy.job.year)]}
        return redirect(url_for("year_page", year=year), code=303)
    if wants_json:
        return jsonify(id=job.id, url=url_for("job_status", job_id=job.id)), 202
    return redirect(url_for("year_page", year=year), code=303)


@page("GET", "/tugas/<int:job_id>")
def job_status(job_id: int):
    job = panel_state()["jobs"].get(job_id)
    if job is None:
        abort(404)
    return jsonify(job.as_json())


@page("POST", "/tahun-baru")
def new_year():
    from ..yearinit import init_year

    found = status.years(root_dir())
    if not found:
        abort(404)
    year, state = found[-1] + 1, panel_state()
    try:
        lines = init_year(root_dir(), year)
    except LkjipError as error:
        state["notice"] = {"kind": "kesalahan", "lines": [f"Kesalahan: {error}"]}
        return redirect(url_for("year_page", year=found[-1]), code=303)
    state["notice"] = {"kind": "berhasil", "lines": lines}
    return redirect(url_for("year_page", year=year), code=303)


@page("GET", "/unduh/<path:name>")
def download(name: str):
    path = output_file(root_dir(), name)
    return send_file(path, as_attachment=True, download_name=path.name)


@page("GET", "/pratinjau/<int:year>/<int:page>.png")
def preview(year: int, page: int):
    pdf = pdf_path(root_dir(), year)
    png = panel_state()["previews"].page(pdf, page, large=request.args.get("besar") == "1")
    if png is None:
        abort(404)
    return send_file(io.BytesIO(png), mimetype="image/png")


def error_page(code: int, _error=None):
    """An Indonesian page (or JSON for the page's script) instead of werkzeug's English one."""
    if request.accept_mimetypes.best == "application/json":
        return jsonify(pesan=MESSAGES[code]), code
    return render_template("galat.html", code=code, message=MESSAGES[code]), code


def take_notice(state: dict):
    notice, state["notice"] = state["notice"], None
    return notice


def output_dir(root: Path) -> Path:
    return Project(Path(root), 0).output_dir.resolve()


def output_file(root: Path, name: str) -> Path:
    """A file directly or deeper under ``output/``, or abort: 403 when ``name`` leaves
    ``output/`` (``..``, an absolute path, a symlink pointing out), 404 when it is not there."""
    base = output_dir(root)
    if ".." in Path(name).parts or Path(name).is_absolute() or "\\" in name:
        abort(403)
    path = (base / name).resolve()
    if not path.is_relative_to(base):
        abort(403)
    if not path.is_file():
        abort(404)
    return path


def pdf_path(root: Path, year: int) -> Path:
    return Project(Path(root).resolve(), year).pdf_path


def output_files(root: Path, year: int) -> list[dict]:
    """The year's results under ``output/``: name, size in KB, when written."""
    out = []
    project = Project(Path(root).resolve(), year)
    for path in (project.docx_path, project.pdf_path, project.workbook_path):
        if path.is_file():
            stat = path.stat()
            out.append({"name": path.name, "kb": max(1, round(stat.st_size / 1024)),
                        "when": datetime.fromtimestamp(stat.st_mtime).strftime("%d-%m-%Y %H.%M")})
    return out


class Previews:
    """PNG images of a PDF's pages (pypdfium2), cached per file version. PDFium is not
    thread-safe, so one lock guards every call into it."""

    WIDTH = 300  # pixels of a thumbnail (shown at half size, sharp on high-density screens)
    LARGE = 1100

    def __init__(self):
        self._lock = threading.Lock()
        self._cache: dict[tuple, bytes] = {}

    def count(self, pdf: Path) -> int:
        """Number of pages; 0 when there is no PDF (or it cannot be read)."""
        if not pdf.is_file():
            return 0
        key = (str(pdf), pdf.stat().st_mtime_ns, "count")
        if key not in self._cache:
            import pypdfium2 as pdfium

            with self._lock:
                try:
                    document = pdfium.PdfDocument(pdf)
                    self._cache[key] = len(document)
                    document.close()
                except pdfium.PdfiumError:
                    return 0
        return self._cache[key]

    def page(self, pdf: Path, index: int, large: bool = False) -> bytes | None:
        """Page ``index`` (0-based) as PNG bytes; None when there is no such page."""
        if not 0 <= index < self.count(pdf):
            return None
        key = (str(pdf), pdf.stat().st_mtime_ns, index, large)
        if key not in self._cache:
            import pypdfium2 as pdfium

            with self._lock:
                document = pdfium.PdfDocument(pdf)
                try:
                    page = document[index]
                    width = self.LARGE if large else self.WIDTH
                    image = page.render(scale=width / page.get_width()).to_pil()
                    buffer = io.BytesIO()
                    image.save(buffer, format="PNG", optimize=True)
                    page.close()
                finally:
                    document.close()
            if len(self._cache) > 400:
                self._cache.clear()
            self._cache[key] = buffer.getvalue()
        return self._cache[key]


class Server:
    """The panel's werkzeug server in a thread: ``url`` (with the key), ``shutdown()``."""

    def __init__(self, root: Path, port: int = 0, key: str | None = None):
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
        self.key = key or secrets.token_urlsafe(24)
        self.app = create_app(root, self.key)
        self.httpd = make_server("127.0.0.1", port, self.app, threaded=True)
        self.port = self.httpd.server_port
        self.app.config["LKJIP_PORT"] = self.port
        self.url = f"http://127.0.0.1:{self.port}/?{KEY_PARAM}={self.key}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                        name="lkjip-panel")

    def start(self) -> Server:
        self._thread.start()
        return self

    def shutdown(self) -> None:
        self.httpd.shutdown()
        self._thread.join(timeout=5)


def serve(root: Path, port: int = 0, open_browser: bool = True, echo=print) -> None:
    """Run the panel until Ctrl+C: print its URL and open it in the default browser."""
    logging.basicConfig(level=logging.WARNING)
    server = Server(root, port).start()
    echo(f"Panel LKjIP untuk {Path(root).resolve()}")
    echo(f"Buka di browser: {server.url}")
    echo("Biarkan jendela ini terbuka selama memakai panel. Tekan Ctrl+C untuk berhenti.")
    if open_browser:
        webbrowser.open(server.url)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        echo("Panel dihentikan.")
    finally:
        server.shutdown()
