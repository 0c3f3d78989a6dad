"""A build that cannot be broken (issue 9): the output set is replaced all or none, pictures
of any format are converted or refused with a located message and fit the page, and the
LibreOffice pass works without shell commands and on Windows paths.

Every CLI case checks the exit code, that the error is a message (SystemExit from the CLI,
not a Python exception: no traceback), and the message itself.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from click.testing import CliRunner
from PIL import Image

from lkjip.cli import main
from lkjip.errors import OutputError
from lkjip.publish import libreoffice, write
from tests import fake_office
from lkjip.publish import installation
from lkjip.publish.installation import (
    find_soffice, python_candidates, registry_install_paths, soffice_candidates,
)
from lkjip.publish.libreoffice import profile_url, remove_stale_temp

REPO = Path(__file__).resolve().parent.parent
YEAR = 2020
OLD_DOCX, OLD_PDF = b"docx yang lama", b"%PDF pdf yang lama"
EMU_PER_TWIP = 635


def copy_project(dest: Path) -> Path:
    for part in (f"data/{YEAR}", f"chapters/{YEAR}"):
        shutil.copytree(REPO / part, dest / part)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "proyek")


def run_cli(root: Path, monkeypatch, *args):
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, [str(YEAR), *args], prog_name="build.py")


def assert_clean_failure(result) -> str:
    """Exit 1 through the CLI's own error message, never an uncaught exception."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return " ".join(result.output.split())


@pytest.fixture
def fake_libreoffice(monkeypatch):
    """The LibreOffice pass replaced by one that returns the .docx and a small PDF, so the
    output set (.docx + PDF) is exercised in a second."""
    fake_office.install(monkeypatch)


def old_output(root: Path) -> tuple[Path, Path]:
    out = root / "output"
    out.mkdir()
    docx, pdf = out / f"LKjIP_{YEAR}.docx", out / f"LKjIP_{YEAR}.pdf"
    docx.write_bytes(OLD_DOCX)
    return docx, pdf


# --- 1. the output set ---------------------------------------------------------------------


def test_pdf_path_is_a_folder_leaves_both_old_files(project, monkeypatch, fake_libreoffice):
    docx, pdf = old_output(project)
    pdf.mkdir()
    (pdf / "catatan.txt").write_bytes(b"isi")
    result = run_cli(project, monkeypatch, "--pdf")
    text = assert_clean_failure(result)
    assert (f"Kesalahan: output/LKjIP_{YEAR}.pdf adalah sebuah folder, bukan berkas. "
            "Saran: hapus atau ganti nama folder itu") in text
    assert "Berkas yang lama tidak diubah." in text
    assert docx.read_bytes() == OLD_DOCX
    assert (pdf / "catatan.txt").read_bytes() == b"isi"
    assert sorted(p.name for p in (project / "output").iterdir()) == [docx.name, pdf.name]


def test_read_only_old_pdf_leaves_both_old_files(project, monkeypatch, fake_libreoffice):
    docx, pdf = old_output(project)
    pdf.write_bytes(OLD_PDF)
    pdf.chmod(0o444)
    result = run_cli(project, monkeypatch, "--pdf")
    text = assert_clean_failure(result)
    assert f"Kesalahan: output/LKjIP_{YEAR}.pdf bersifat hanya-baca (read-only)." in text
    assert "Berkas yang lama tidak diubah." in text
    assert docx.read_bytes() == OLD_DOCX
    assert pdf.read_bytes() == OLD_PDF
    assert sorted(p.name for p in (project / "output").iterdir()) == [docx.name, pdf.name]


def test_both_files_are_written_when_all_is_well(project, monkeypatch, fake_libreoffice):
    docx, pdf = old_output(project)
    pdf.write_bytes(OLD_PDF)
    result = run_cli(project, monkeypatch, "--pdf")
    assert result.exit_code == 0, result.output
    assert docx.read_bytes().startswith(b"PK")
    assert pdf.read_bytes() == b"%PDF-1.4 baru"
    assert sorted(p.name for p in (project / "output").iterdir()) == [docx.name, pdf.name]


def test_second_replace_failing_restores_the_first(tmp_path, monkeypatch):
    docx, pdf = tmp_path / "a.docx", tmp_path / "a.pdf"
    docx.write_bytes(OLD_DOCX)
    pdf.write_bytes(OLD_PDF)
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == pdf:
            raise PermissionError(errno.EACCES, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", replace)
    with pytest.raises(OutputError) as err:
        write.publish({docx: b"baru", pdf: b"%PDF baru"}, lambda p: p.name)
    assert str(err.value) == (
        "Tidak dapat menulis a.pdf: tidak ada izin menulis. Saran: tutup berkas itu jika "
        "sedang dibuka di Word/LibreOffice, lalu coba lagi. Berkas yang lama tidak diubah.")
    assert docx.read_bytes() == OLD_DOCX
    assert pdf.read_bytes() == OLD_PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "a.pdf"]  # no temp files


def test_second_replace_failing_removes_a_first_file_that_was_new(tmp_path, monkeypatch):
    docx, pdf = tmp_path / "a.docx", tmp_path / "a.pdf"
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == pdf:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", replace)
    with pytest.raises(OutputError, match="Tidak dapat menulis a.pdf: disk penuh."):
        write.publish({docx: b"baru", pdf: b"%PDF baru"}, lambda p: p.name)
    assert list(tmp_path.iterdir()) == []


def test_output_is_a_file(project, monkeypatch):
    (project / "output").write_bytes(b"bukan folder")
    result = run_cli(project, monkeypatch, "--fast")
    text = assert_clean_failure(result)
    assert ("Kesalahan: output adalah sebuah berkas, bukan folder, padahal laporan ditulis ke "
            "folder output/. Saran: ganti nama atau pindahkan berkas output") in text
    assert (project / "output").read_bytes() == b"bukan folder"


def test_read_only_project_folder(project, monkeypatch):
    """The project cannot get an output/ folder (a read-only folder; as root, chmod does not
    stop writing, so mkdir is made to fail as it does there)."""
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.name == "output":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    result = run_cli(project, monkeypatch, "--fast")
    text = assert_clean_failure(result)
    assert ("Kesalahan: Folder output/ tidak dapat dibuat: tidak ada izin menulis. Saran: "
            "pastikan folder proyek boleh ditulis") in text
    assert not (project / "output").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_project_folder_for_real(project, monkeypatch):
    project.chmod(0o555)
    try:
        result = run_cli(project, monkeypatch, "--fast")
    finally:
        project.chmod(0o755)
    text = assert_clean_failure(result)
    assert "Kesalahan: Folder output/ tidak dapat dibuat: tidak ada izin menulis." in text


# --- 2. pictures -----------------------------------------------------------------------------


def picture_bytes(size, fmt: str, **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(out, format=fmt, **save)
    return out.getvalue()


def add_picture(root: Path, name: str, data: bytes, chapter="bab_1") -> tuple[Path, int]:
    """Append ``![Bagan uji](name)`` to a chapter; returns the chapter and the line number."""
    chapter_path = root / "chapters" / str(YEAR) / f"{chapter}.md"
    (chapter_path.parent / name).write_bytes(data)
    text = chapter_path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    line = text.count("\n") + 1
    chapter_path.write_text(text + f"![Bagan uji]({name})\n", encoding="utf-8")
    return chapter_path, line


def drawings(docx: Path) -> list[tuple[int, int, str]]:
    """(cx, cy, image part) of every picture in the document body, in order."""
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    found = []
    for drawing in re.findall(r"<w:drawing>.*?</w:drawing>", xml, flags=re.S):
        cx, cy = re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"', drawing).groups()
        embed = re.search(r'r:embed="(rId\d+)"', drawing).group(1)
        found.append((int(cx), int(cy), targets[embed]))
    return found


def drawing_of(docx: Path, pixels: tuple[int, int]) -> tuple[int, int, str]:
    """The one picture of the document whose image is ``pixels`` (width, height) large."""
    with zipfile.ZipFile(docx) as z:
        found = [d for d in drawings(docx)
                 if Image.open(io.BytesIO(z.read("word/" + d[2]))).size == pixels]
    assert len(found) == 1, found
    return found[0]


def test_webp_picture_is_converted_to_png(project, monkeypatch):
    add_picture(project, "bagan.webp", picture_bytes((400, 300), "WEBP"))
    result = run_cli(project, monkeypatch, "--fast")
    assert result.exit_code == 0, result.output
    docx = project / "output" / f"LKjIP_{YEAR}.docx"
    cx, cy, target = drawing_of(docx, (400, 300))
    assert target.endswith(".png")
    with zipfile.ZipFile(docx) as z:
        image = Image.open(io.BytesIO(z.read("word/" + target)))
    assert (image.format, image.size) == ("PNG", (400, 300))
    assert cx * 300 == pytest.approx(cy * 400, rel=1e-3)


def test_tall_picture_fits_the_page_height(project, monkeypatch):
    add_picture(project, "tinggi.png", picture_bytes((800, 3200), "PNG", dpi=(96, 96)))
    result = run_cli(project, monkeypatch, "--fast")
    assert result.exit_code == 0, result.output
    cx, cy, _ = drawing_of(project / "output" / f"LKjIP_{YEAR}.docx", (800, 3200))
    # the template's A4 portrait page: 16838 twips tall, 1418 twips top and bottom margins
    text_height = (16838 - 2 * 1418) * EMU_PER_TWIP  # 24,7 cm
    assert cy <= text_height
    assert cy >= text_height - 1134 * EMU_PER_TWIP  # only the caption's room is kept free
    assert cx * 3200 == pytest.approx(cy * 800, rel=1e-3)  # aspect kept


def test_not_a_picture_is_a_located_error(project, monkeypatch):
    chapter, line = add_picture(project, "bagan.png", b"ini teks biasa, bukan gambar\n")
    text = assert_clean_failure(run_cli(project, monkeypatch, "--fast"))
    assert (f"Kesalahan: chapters/{YEAR}/bab_1.md, baris {line}: berkas \"bagan.png\" bukan "
            "gambar (isinya tidak dikenali sebagai PNG, JPEG atau format gambar lain). Saran: "
            "buka berkas itu di penampil gambar dan simpan ulang sebagai PNG atau JPEG.") in text


def test_truncated_png_is_a_located_error(project, monkeypatch):
    whole = picture_bytes((600, 600), "PNG")
    _, line = add_picture(project, "potong.png", whole[: len(whole) // 2])
    text = assert_clean_failure(run_cli(project, monkeypatch, "--fast"))
    assert (f"Kesalahan: chapters/{YEAR}/bab_1.md, baris {line}: berkas gambar \"potong.png\" "
            "rusak atau terpotong") in text


def test_svg_picture_asks_for_png(project, monkeypatch):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    _, line = add_picture(project, "bagan.svg", svg)
    text = assert_clean_failure(run_cli(project, monkeypatch, "--fast"))
    assert (f"Kesalahan: chapters/{YEAR}/bab_1.md, baris {line}: berkas gambar \"bagan.svg\" "
            "berformat SVG") in text
    assert "ubah gambar itu menjadi PNG" in text


def test_logo_in_bmp_is_converted(project, monkeypatch):
    profil = project / "data" / str(YEAR) / "profil.csv"
    profil.write_text(profil.read_text(encoding="utf-8").replace("\nlogo,\n", "\nlogo,logo.bmp\n"),
                      encoding="utf-8")
    (profil.parent / "logo.bmp").write_bytes(picture_bytes((300, 300), "BMP"))
    result = run_cli(project, monkeypatch, "--fast")
    assert result.exit_code == 0, result.output
    cx, cy, target = drawing_of(project / "output" / f"LKjIP_{YEAR}.docx", (300, 300))
    assert target.endswith(".png") and (cx, cy) == (1800000, 1800000)  # 5 cm square


# --- 3. LibreOffice on every desktop ---------------------------------------------------------


class FakeRegistry:
    """A stand-in for ``winreg``: HKLM key path -> its default value."""

    HKEY_LOCAL_MACHINE = "HKLM"

    def __init__(self, values: dict[str, str]):
        self.values = values

    class _Key:
        def __init__(self, value):
            self.value = value

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def OpenKey(self, root, path):  # noqa: N802 - winreg's names
        assert root == "HKLM"
        if path not in self.values:
            raise FileNotFoundError(2, "not found")
        return self._Key(self.values[path])

    def QueryValueEx(self, key, name):  # noqa: N802
        assert name == ""
        return key.value, 1


WOW = r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath"
NATIVE = r"SOFTWARE\LibreOffice\UNO\InstallPath"
WINDOWS_ENV = {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)"}


def test_windows_soffice_from_the_registry():
    registry = FakeRegistry({WOW: r"D:\Aplikasi\LibreOffice\program"})
    assert registry_install_paths(registry) == [r"D:\Aplikasi\LibreOffice\program"]
    wanted = PureWindowsPath(r"D:\Aplikasi\LibreOffice\program\soffice.exe")
    found = find_soffice("Windows", WINDOWS_ENV, registry, exists=lambda p: p == wanted,
                         which=lambda name: None)
    assert found == r"D:\Aplikasi\LibreOffice\program\soffice.exe"


def test_windows_soffice_in_program_files_x86():
    wanted = PureWindowsPath(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
    found = find_soffice("Windows", WINDOWS_ENV, FakeRegistry({}), exists=lambda p: p == wanted,
                         which=lambda name: None)
    assert found == str(wanted)
    places = soffice_candidates("Windows", {"ProgramFiles": r"E:\Program"},
                                FakeRegistry({NATIVE: r"F:\LO\program"}))
    assert places[:3] == [PureWindowsPath(r"F:\LO\program\soffice.exe"),
                          PureWindowsPath(r"F:\LO\program\program\soffice.exe"),
                          PureWindowsPath(r"E:\Program\LibreOffice\program\soffice.exe")]
    assert PureWindowsPath(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe") in places


def test_windows_python_and_profile_url():
    soffice = PureWindowsPath(r"C:\Program Files\LibreOffice\program\soffice.exe")
    assert python_candidates(soffice)[0] == PureWindowsPath(
        r"C:\Program Files\LibreOffice\program\python.exe")
    profile = PureWindowsPath(r"C:\Users\Budi Santoso\AppData\Local\Temp\lkjip-lo-profile-x1")
    assert profile_url(profile) == \
        "file:///C:/Users/Budi%20Santoso/AppData/Local/Temp/lkjip-lo-profile-x1"


def test_macos_app_bundle_and_its_python():
    wanted = PurePosixPath("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    assert find_soffice("Darwin", {"HOME": "/Users/budi"}, exists=lambda p: p == wanted,
                        which=lambda name: None) == str(wanted)
    assert python_candidates(wanted)[2] == PurePosixPath(
        "/Applications/LibreOffice.app/Contents/Resources/python")


def test_stale_temp_folders_are_removed(tmp_path):
    now = time.time()
    old, fresh, other = tmp_path / "lkjip-lo-profile-a", tmp_path / "lkjip-lo-job-b", tmp_path / "x"
    for folder in (old, fresh, other):
        (folder / "user").mkdir(parents=True)
    os.utime(old, (now - 7200, now - 7200))
    os.utime(other, (now - 7200, now - 7200))
    assert remove_stale_temp(tmp_path, now=now) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lkjip-lo-job-b", "x"]


needs_lo = pytest.mark.skipif(not libreoffice.libreoffice_available(),
                              reason="LibreOffice (soffice + python3-uno) not installed")


@needs_lo
def test_timeout_leaves_no_profile_or_copy(tmp_path, monkeypatch):
    from tests.test_output import toc_docx

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(OutputError, match="LibreOffice tidak selesai dalam 0 detik"):
        libreoffice.update_with_libreoffice(toc_docx(), want_pdf=False, timeout=0.3)
    assert list(tmp_path.iterdir()) == []


@needs_lo
def test_libreoffice_pass_without_rm_on_the_path(tmp_path, monkeypatch):
    """No shell commands: with ``rm`` (and every other tool but what soffice's own start
    script uses) missing from PATH, the pass still works and leaves no profile behind."""
    from tests.test_output import paragraphs, toc_docx

    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("soffice", "python3", "dirname", "basename", "ls", "sed", "uname", "grep"):
        found = shutil.which(name)
        assert found, name
        (tools / name).symlink_to(found)
    assert shutil.which("rm", path=str(tools)) is None
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("PATH", str(tools))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    installation.uno_python.cache_clear()
    try:
        data, pdf = libreoffice.update_with_libreoffice(toc_docx(), want_pdf=True)
    finally:
        installation.uno_python.cache_clear()
    assert paragraphs(data)[1] == ("toc 1", "Pendahuluan Umum\t2")
    assert pdf.startswith(b"%PDF")
    assert list(temp.iterdir()) == []


@needs_lo
@pytest.mark.skipif(os.name != "posix", reason="SIGTERM as on Linux/macOS")
def test_sigterm_during_the_libreoffice_pass_ends_like_ctrl_c(tmp_path):
    """A closed terminal or `kill`: "Dibatalkan.", exit 1, no temp folder left, no output."""
    import signal
    import subprocess
    import sys

    root = copy_project(tmp_path / "proyek")
    temp = tmp_path / "temp"
    temp.mkdir()
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), str(YEAR), "--pdf",
                             "--proyek", str(root)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=dict(os.environ, TMPDIR=str(temp)))
    deadline = time.monotonic() + 60  # until its LibreOffice job folder exists
    while not any(p.name.startswith("lkjip-lo-job-") for p in temp.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    out = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 1
    assert out.rstrip().endswith("Dibatalkan."), out
    assert not (root / "output").exists()
    deadline = time.monotonic() + 30  # LibreOffice closes and removes its profile after
    while list(temp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(temp.iterdir()) == []
