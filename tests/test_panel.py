"""The local panel (``build.py panel``) through Flask's test client, and one real server.

Safety first (loopback only, Host check, key on every request, only files under output/, POST
for changes, no shell), then what a planner sees: the check worded as the CLI, one build at a
time, a new year, no Python text on the page.
"""

from __future__ import annotations

import html
import http.client
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjip import pipeline
from lkjip.cli import main
from lkjip.panel import jobs
from lkjip.panel.app import MESSAGES, Server, create_app

REPO = Path(__file__).resolve().parent.parent
PORT = 5123
KEY = "kunci-uji-123"
BASE = f"http://127.0.0.1:{PORT}"
BAD_CELL = ("data/2020/kegiatan.csv, baris 2, kolom \"realisasi\": nilai \"delapan puluh juta\" "
            "bukan angka.")


def copy_project(dest: Path) -> Path:
    """A copy of the repository's 2020 project (data, chapters)."""
    for part in ("data", "chapters"):  # the tool's own template
        shutil.copytree(REPO / part, dest / part)
    return dest


def spoil_money_cell(root: Path) -> None:
    path = root / "data" / "2020" / "kegiatan.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2.017.461.349", "delapan puluh juta", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("panel") / "proyek")


@pytest.fixture
def client(project):
    app = create_app(project, KEY, PORT)
    c = app.test_client()
    assert c.get(f"/?kunci={KEY}", base_url=BASE).status_code == 303  # sets the cookie
    return c


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


# --- safety ---------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_loopback_hosts_with_the_key_get_a_cookie_and_a_clean_url(project, host):
    c = create_app(project, KEY, PORT).test_client()
    response = c.get(f"/?kunci={KEY}", base_url=f"http://{host}:{PORT}")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"lkjip_kunci_{PORT}={KEY};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert c.get("/", base_url=f"http://{host}:{PORT}").headers["Location"] == "/tahun/2020"


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{PORT}", "127.0.0.1",
                                  f"127.0.0.1:{PORT + 1}", f"localhost.evil.example:{PORT}"])
def test_other_host_headers_are_refused_even_with_the_key(project, host):
    """DNS rebinding: a page on another name that resolves to 127.0.0.1 gets nothing."""
    c = create_app(project, KEY, PORT).test_client()
    response = c.get(f"/?kunci={KEY}", headers={"Host": host})
    assert response.status_code == 403
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", ["/", "/tahun/2020", "/tugas/1", "/unduh/LKjIP_2020.docx",
                                  "/static/panel.css", f"/?kunci={KEY[:-1]}"])
def test_every_request_needs_the_key(project, path):
    response = create_app(project, KEY, PORT).test_client().get(path, base_url=BASE)
    assert response.status_code == 403
    assert MESSAGES[403] in page_text(response)


def test_state_changes_are_post_only(client):
    assert client.get("/tahun/2020/buat", base_url=BASE).status_code == 405
    assert client.get("/tahun-baru", base_url=BASE).status_code == 405
    assert MESSAGES[405] in page_text(client.get("/tahun-baru", base_url=BASE))


def test_post_from_another_origin_is_refused(client):
    response = client.post("/tahun-baru", base_url=BASE, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403


def test_downloads_only_from_output(project, client):
    out = project / "output"
    out.mkdir(exist_ok=True)
    (out / "LKjIP_2020.docx").write_bytes(b"laporan")
    (project / "rahasia.txt").write_text("rahasia", encoding="utf-8")
    (out / "tautan.txt").symlink_to(project / "rahasia.txt")
    try:
        ok = client.get("/unduh/LKjIP_2020.docx", base_url=BASE)
        assert ok.status_code == 200
        assert ok.data == b"laporan"
        assert ok.headers["Content-Disposition"] == "attachment; filename=LKjIP_2020.docx"
        assert client.get("/unduh/..%2Frahasia.txt", base_url=BASE).status_code == 403
        assert client.get("/unduh/tautan.txt", base_url=BASE).status_code == 403
        assert client.get("/unduh/..%2F..%2F..%2F..%2Fetc%2Fpasswd", base_url=BASE).status_code == 403
        assert client.get("/unduh/tidak-ada.docx", base_url=BASE).status_code == 404
    finally:
        shutil.rmtree(out)
        (project / "rahasia.txt").unlink()


def test_no_shell_anywhere_in_the_panel_or_batch():
    sources = [*sorted((REPO / "lkjip" / "panel").glob("*.py")), REPO / "lkjip" / "batch.py"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for bad in ("shell=True", "os.system", "os.popen", "subprocess"):
            assert bad not in text, f"{path.name}: {bad}"


def test_real_server_listens_on_loopback_only_and_checks_host_and_key(project):
    server = Server(project).start()
    try:
        assert server.httpd.server_address[0] == "127.0.0.1"
        assert server.url == f"http://127.0.0.1:{server.port}/?kunci={server.key}"
        assert len(server.key) >= 32

        def get(path, **headers):
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            conn.close()
            return response

        host = f"127.0.0.1:{server.port}"
        assert get(f"/?kunci={server.key}", Host=f"rebind.example:{server.port}").status == 403
        assert get("/", Host=host).status == 403
        first = get(f"/?kunci={server.key}", Host=host)
        assert first.status == 303
        cookie = first.getheader("Set-Cookie").split(";")[0]
        assert get("/static/panel.css", Host=host, Cookie=cookie).status == 200
    finally:
        server.shutdown()


# --- what the planner sees ------------------------------------------------------------------


def cli_lines(*args) -> list[str]:
    result = CliRunner().invoke(main, list(args), prog_name="build.py")
    return result.output.splitlines()


def test_year_page_shows_tables_and_warnings_as_the_cli_words_them(project, client):
    response = client.get("/tahun/2020", base_url=BASE)
    assert response.status_code == 200
    text = page_text(response)
    cli = cli_lines("2020", "--check", "--proyek", str(project))
    warnings = [line[2:] for line in cli if line.startswith("- ")]
    assert len(warnings) == 22
    for line in warnings:
        assert f"<li>{line}</li>" in text
    assert '<div class="berkas">data/2020/pk.csv <span class="jumlah">(14)</span></div>' in text
    assert ('<div class="berkas">data/2020/indikator_kegiatan.csv <span class="jumlah">(8)</span></div>'
            in text)
    assert re.search(r'<li class="ada wajib" data-tabel="iku">\s*<b>iku</b>\s*'
                     r'<span class="keterangan">8 baris</span>\s*'
                     r'<span class="sumber">data/2020/iku.csv</span>', text)
    assert re.search(r'<li class="tidak-ada" data-tabel="pengaturan">.*?'
                     r'<span class="keterangan">tidak ada \(boleh\)</span>', text, re.S)


def test_bad_money_cell_is_shown_located_as_the_cli_words_it(tmp_path):
    root = copy_project(tmp_path / "proyek")
    spoil_money_cell(root)
    c = create_app(root, KEY, PORT).test_client()
    c.get(f"/?kunci={KEY}", base_url=BASE)
    text = page_text(c.get("/tahun/2020", base_url=BASE))
    cli = cli_lines("2020", "--check", "--proyek", str(root))
    assert cli[1] == "Kesalahan: Ditemukan 1 kesalahan pada data masukan:"
    assert cli[2].startswith("- " + BAD_CELL)
    assert '<div class="kepala-pesan">Kesalahan: Ditemukan 1 kesalahan pada data masukan:</div>' in text
    assert f'<div class="berkas">data/2020/kegiatan.csv</div>\n    <ul><li>{cli[2][2:]}</li></ul>' in text
    assert "Traceback" not in text


def test_a_second_build_while_building_is_refused(client, monkeypatch):
    release = threading.Event()

    def slow_build(opts, echo):
        echo("  Memuat dan memvalidasi data          0.10 dtk")
        release.wait(10)
        raise pipeline.StrictWarnings([])

    monkeypatch.setattr(pipeline, "build", slow_build)
    accept = {"Accept": "application/json"}
    first = client.post("/tahun/2020/buat", base_url=BASE, headers=accept, data={"cepat": "1"})
    assert first.status_code == 202
    job_url = first.get_json()["url"]
    second = client.post("/tahun/2020/buat", base_url=BASE, headers=accept)
    assert second.status_code == 409
    assert second.get_json()["pesan"] == "Laporan 2020 sedang dibuat. Tunggu sampai selesai, lalu coba lagi."
    running = client.get(job_url, base_url=BASE).get_json()
    assert running["status"] == "berjalan"
    assert running["langkah"] == ["  Memuat dan memvalidasi data          0.10 dtk"]
    assert 'data-tugas="1"' in page_text(client.get("/tahun/2020", base_url=BASE))
    release.set()
    done = wait_for(client, job_url)
    assert done["status"] == "gagal"
    assert done["kesalahan_judul"] == "Kesalahan:"
    assert done["kesalahan"] == {"lain-lain": ["Build dihentikan: ada 0 peringatan dan opsi --strict aktif."]}


def wait_for(client, job_url: str, timeout: float = 60) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job = client.get(job_url, base_url=BASE).get_json()
        if job["status"] != "berjalan":
            return job
        time.sleep(0.1)
    raise AssertionError("build did not finish")


def test_unexpected_failure_shows_no_python_text(client, monkeypatch):
    def broken(opts, echo):
        raise KeyError("rahasia_internal")

    monkeypatch.setattr(pipeline, "build", broken)
    response = client.post("/tahun/2020/buat", base_url=BASE, headers={"Accept": "application/json"})
    job = wait_for(client, response.get_json()["url"])
    assert job["status"] == "gagal"
    assert job["kesalahan_judul"] == jobs.UNEXPECTED
    text = page_text(client.get("/tahun/2020", base_url=BASE))
    assert jobs.UNEXPECTED in text
    assert "rahasia_internal" not in text and "KeyError" not in text


def test_unknown_year_and_job_are_404_in_indonesian(client):
    response = client.get("/tahun/1999", base_url=BASE)
    assert response.status_code == 404
    assert MESSAGES[404] in page_text(response)
    assert client.get("/tugas/999", base_url=BASE, headers={"Accept": "application/json"}).get_json() == {
        "pesan": MESSAGES[404]}


def test_names_page_lists_vars_and_insertables(client):
    text = page_text(client.get("/tahun/2020/nama", base_url=BASE))
    assert '<code>{{ tahun }}</code></td><td class="nilai">2020</td>' in text
    assert '<code>{{ tabel("capaian_sasaran", no=...) }}</code>' in text
    assert 'data-teks="{{ grafik(&#34;capaian_iku&#34;) }}"' in client.get(
        "/tahun/2020/nama", base_url=BASE).get_data(as_text=True)


def test_next_year_is_prepared_by_post(tmp_path):
    root = copy_project(tmp_path / "proyek")
    c = create_app(root, KEY, PORT).test_client()
    c.get(f"/?kunci={KEY}", base_url=BASE)
    response = c.post("/tahun-baru", base_url=BASE)
    assert response.status_code == 303
    assert response.headers["Location"] == "/tahun/2021"
    assert (root / "data" / "2021" / "lkjip.xlsx").is_file()
    text = page_text(c.get("/tahun/2021", base_url=BASE))
    assert "<div>Dibuat: data/2021/lkjip.xlsx (dari data/2020/).</div>" in text
    assert "Siapkan tahun berikutnya (2022)" in text


def test_launchers_install_uv_and_start_the_panel_from_their_folder():
    cmd = (REPO / "LKjIP.cmd").read_bytes()
    assert b"\r\n" in cmd and b"\n" not in cmd.replace(b"\r\n", b"")  # CRLF only
    assert b'cd /d "%~dp0"' in cmd
    assert b'powershell -ExecutionPolicy ByPass -c "irm https://astral.sh/uv/install.ps1 | iex"' in cmd
    assert b"uv run build.py panel" in cmd
    for name in ("lkjip.sh", "lkjip.command"):
        text = (REPO / name).read_text(encoding="utf-8")
        assert 'cd "$(dirname "$0")"' in text
        assert "curl -LsSf https://astral.sh/uv/install.sh | sh" in text
        assert 'exec uv run build.py panel "$@"' in text
    assert "*.cmd text eol=crlf" in (REPO / ".gitattributes").read_text(encoding="utf-8")
