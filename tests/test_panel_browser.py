"""The panel in a real browser: Debian's chromium driven by Playwright (no `playwright install`).

A planner's afternoon on a copy of the 2020 project: open the panel, check the year, build a
draft, download it (the same bytes as the CLI's build), see a located error for a bad cell,
build with PDF and see the pages. Skipped, with the reason, where chromium is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjip.cli import main
from lkjip.publish.libreoffice import libreoffice_available
from lkjip.panel.app import Server

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium tidak ada (apt-get install chromium)"),
]


def copy_project(dest: Path) -> Path:
    for part in ("data", "chapters"):  # the tool's own template
        shutil.copytree(REPO / part, dest / part)
    return dest


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def panel(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("browser") / "proyek")
    server = Server(root).start()
    yield server, root
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_check_build_and_download_the_same_bytes_as_the_cli(panel, page, tmp_path):
    server, root = panel
    page.goto(server.url)
    assert page.url == f"http://127.0.0.1:{server.port}/tahun/2020"  # key moved to a cookie
    item = page.locator('#tabel-masukan li[data-tabel="kegiatan"]')
    assert item.locator(".sumber").inner_text() == "data/2020/kegiatan.csv"
    assert item.locator(".keterangan").inner_text() == "27 baris"
    page.click("#periksa")
    assert page.locator("#peringatan .kepala-pesan").inner_text() == (
        "Peringatan (22). Laporan tetap bisa dibuat sebagai draf.")

    page.check("#cepat")
    page.click("#tombol-buat")
    page.wait_for_selector("text=Laporan 2020 selesai dibuat", timeout=60_000)
    steps = page.locator("#langkah").inner_text()
    assert "Memuat dan memvalidasi data" in steps and "Menulis berkas" in steps

    with page.expect_download() as info:
        page.click("text=Unduh LKjIP_2020.docx")
    download = info.value
    assert download.suggested_filename == "LKjIP_2020.docx"
    got = Path(download.path()).read_bytes()

    result = CliRunner().invoke(main, ["2020", "--fast", "--proyek", str(root)], prog_name="build.py")
    assert result.exit_code == 0, result.output
    assert got == (root / "output" / "LKjIP_2020.docx").read_bytes()


def test_bad_money_cell_is_located_on_the_page(browser, page, tmp_path):
    root = copy_project(tmp_path / "proyek")
    path = root / "data" / "2020" / "kegiatan.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2.017.461.349", "delapan puluh juta", 1),
                    encoding="utf-8")
    server = Server(root).start()
    try:
        page.goto(server.url)
        box = page.locator("#kesalahan")
        assert box.locator(".kepala-pesan").inner_text() == (
            "Kesalahan: Ditemukan 1 kesalahan pada data masukan:")
        assert box.locator(".berkas").inner_text() == "data/2020/kegiatan.csv"
        assert box.locator("li").inner_text().startswith(
            'data/2020/kegiatan.csv, baris 2, kolom "realisasi": nilai "delapan puluh juta" bukan angka.')
        assert "Traceback" not in page.content()
    finally:
        server.shutdown()


@pytest.mark.skipif(not libreoffice_available(), reason="LibreOffice (soffice, python3-uno) tidak ada")
def test_pdf_build_shows_page_previews(panel, page):
    server, root = panel
    page.goto(server.url)
    page.click("#tombol-buat")  # "juga PDF" is ticked when LibreOffice is there
    page.wait_for_selector("text=Laporan 2020 selesai dibuat", timeout=120_000)
    assert page.locator("text=Unduh LKjIP_2020.pdf").count() == 1
    images = page.locator("#pratinjau img")
    heading = page.locator("#hasil h3").inner_text()
    assert heading == f"Pratinjau halaman PDF ({images.count()} halaman)"
    assert images.count() > 50
    page.wait_for_function("document.querySelector('#pratinjau img').naturalWidth === 300")
