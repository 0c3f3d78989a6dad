"""The private LibreOffice profile lkjip prepares (lkjip.publish.libreoffice.seed_profile):
with the running version recorded, soffice skips its graphics render tests at start."""

import subprocess
import tempfile
from pathlib import Path

import pytest
from lxml import etree

from lkjip.publish import installation, libreoffice
from lkjip.publish.office import Office
from tests.test_output import toc_docx

needs_lo = pytest.mark.skipif(not libreoffice.libreoffice_available(),
                              reason="LibreOffice (soffice + python3-uno) not installed")

# as main.xcd states it: the schema's declaration first, then the value, on separate lines
MAIN_XCD = b"""<oor:data xmlns:oor="http://openoffice.org/2001/registry">
<oor:component-schema oor:name="Setup" oor:package="org.openoffice">
 <prop oor:name="ooSetupVersion" oor:type="xs:string" oor:nillable="false"/>
</oor:component-schema>
<oor:component-data oor:name="Setup" oor:package="org.openoffice">
 <node oor:name="Product">
      <prop oor:name="ooSetupVersion">
        <value>25.2</value>
      </prop>
 </node>
</oor:component-data>
</oor:data>
"""
OOR = "{http://openoffice.org/2001/registry}"


def install(root, program, registry, xcd=MAIN_XCD):
    """A fake installation: soffice in ``program``, main.xcd in ``registry``."""
    (root / program).mkdir(parents=True)
    (root / program / "soffice").write_bytes(b"")
    (root / registry).mkdir(parents=True)
    (root / registry / "main.xcd").write_bytes(xcd)
    return str(root / program / "soffice")


def office_version(soffice):
    installation.office_version.cache_clear()
    return installation.office_version(soffice)


def test_version_from_the_installation_next_to_soffice(tmp_path):
    # Linux and Windows: program/ and share/registry/
    assert office_version(install(tmp_path / "lo", "program", "share/registry")) == "25.2"
    # the macOS bundle: Contents/MacOS/ and Contents/Resources/registry/
    bundle = install(tmp_path / "LibreOffice.app", "Contents/MacOS", "Contents/Resources/registry")
    assert office_version(bundle) == "25.2"


def test_no_version_when_main_xcd_is_missing_or_has_none(tmp_path):
    assert office_version(str(tmp_path / "program" / "soffice")) is None
    schema_only = MAIN_XCD.split(b"<oor:component-data")[0]
    assert office_version(install(tmp_path / "lo", "program", "share/registry",
                                  schema_only)) is None


def test_seeded_profile_records_the_version_as_libreoffice_does(tmp_path):
    libreoffice.seed_profile(tmp_path, "7.4")
    root = etree.parse(str(tmp_path / "user" / "registrymodifications.xcu")).getroot()
    [item] = root
    assert item.get(OOR + "path") == "/org.openoffice.Setup/Product"
    [prop] = item
    assert (prop.get(OOR + "name"), prop.get(OOR + "op")) == ("ooSetupLastVersion", "fuse")
    assert prop.findtext("value") == "7.4"


def test_unknown_version_leaves_the_profile_empty(tmp_path):
    libreoffice.seed_profile(tmp_path, None)
    assert list(tmp_path.iterdir()) == []


@needs_lo
def test_installed_libreoffice_version_is_found():
    soffice = installation.find_soffice()
    shown = subprocess.run([soffice, "--version"], capture_output=True, text=True,
                           timeout=60).stdout  # "LibreOffice 7.4.7.2 40(Build:2)"
    major, minor = shown.split()[1].split(".")[:2]
    assert office_version(str(Path(soffice).resolve())) == f"{major}.{minor}"


@needs_lo
def test_libreoffice_started_by_lkjip_skips_the_graphics_render_tests(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    office = Office()
    try:
        office.update(toc_docx(), False)
        profile = Path(office._proc.profile)
        # LibreOffice writes this log whenever it runs the tests (a fresh profile: every start)
        assert (profile / "user").is_dir()
        assert not (profile / "user" / "GraphicsRenderTests.log").exists()
    finally:
        office.close(wait=True)


@needs_lo
def test_libreoffice_keeps_its_temp_files_in_its_profile(tmp_path, monkeypatch):
    """soffice's temp files go into its profile folder, not into TMPDIR: Python skips a TMPDIR
    it cannot write to (read-only, full) but soffice would use it and fail (no PDF, or a
    crash); and a killed soffice's temp files go with its profile."""
    environment_temp, python_temp = tmp_path / "TMPDIR", tmp_path / "temp"
    environment_temp.mkdir()
    python_temp.mkdir()
    for name in ("TMPDIR", "TMP", "TEMP"):
        monkeypatch.setenv(name, str(environment_temp))
    monkeypatch.setattr(tempfile, "tempdir", str(python_temp))  # gettempdir()'s choice
    office = Office()
    try:
        _, pdf = office.update(toc_docx(), True)
        temp = Path(office._proc.profile) / "temp"
        assert [p.name[:2] for p in temp.iterdir()] == ["lu"]  # soffice's own temp folder
    finally:
        office.close(wait=True)
    assert pdf.startswith(b"%PDF")
    assert list(environment_temp.iterdir()) == []
    assert list(python_temp.iterdir()) == []  # the profile, with its temp folder, removed


def test_job_folders_of_killed_processes_are_removed(tmp_path):
    left = [tmp_path / "lkjip-lo-job-41-abc", tmp_path / "lkjip-lo-job-42-def"]
    kept = [tmp_path / "lkjip-lo-job-4100-ghi", tmp_path / "lkjip-lo-profile-x"]
    for folder in left + kept:
        folder.mkdir()
        (folder / "laporan.docx").write_bytes(b"x")
    libreoffice.remove_job_folders([41, 42], tmp_path)
    assert sorted(tmp_path.iterdir()) == sorted(kept)
