"""Make docs/panel.png: the panel after a PDF build of a copy of the 2020 project.

    uv run python scripts/panel_screenshot.py [OUT.png]

Needs /usr/bin/chromium (Playwright drives it) and LibreOffice for the PDF previews.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from lkjip.panel.app import Server  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="lkjip-panel-") as tmp:
        root = Path(tmp) / "LKjIP-Disperindag-Babel"
        for part in ("data", "chapters"):  # the tool's own template
            shutil.copytree(REPO / part, root / part)
        server = Server(root).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(server.url)
                page.click("#tombol-buat")
                page.wait_for_selector("text=Laporan 2020 selesai dibuat", timeout=180_000)
                page.wait_for_function(
                    "[...document.querySelectorAll('#pratinjau img')].slice(0, 10)"
                    ".every(i => i.complete && i.naturalWidth > 0)")
                png = page.screenshot(full_page=True)
                browser.close()
        finally:
            server.shutdown()
    # A palette of 64 colours keeps the text sharp and the file small (~4x smaller).
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, optimize=True)
    print(f"{out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "panel.png")
