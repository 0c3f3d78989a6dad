"""Chapters spliced into the filled template as elements (lkjip.docx.splice) give the same
.docx bytes as docxtpl's text route, which is still taken when it would change a chapter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkjip import pipeline
from lkjip.docx import document, splice
from lkjip.docx.xml import W, add, add_run, styled_paragraph

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "kabupaten"


class FakeSubdoc:
    def __init__(self):
        from lxml import etree

        self.body = etree.Element(W + "body")


def chapter_with(text: str | None = None, extra_cells: int = 0) -> FakeSubdoc:
    sub = FakeSubdoc()
    add_run(styled_paragraph(sub.body, "Normal"), "Biasa saja")
    if text is not None:
        p = styled_paragraph(sub.body, "Normal")
        add(add(p, "r"), "t").text = text
    tbl = add(sub.body, "tbl")
    add(add(tbl, "tblGrid"), "gridCol", w="100")
    row = add(tbl, "tr")
    for _ in range(1 + extra_cells):
        add(row, "tc")
    return sub


def test_can_splice_only_what_docxtpl_would_leave_alone():
    assert splice.can_splice(chapter_with())
    assert splice.can_splice(chapter_with("{ _ { tidak apa-apa }"))
    for text in ("a\tb", "a\nb", "kode {_{x}_}", "{_% if %_}"):
        assert not splice.can_splice(chapter_with(text)), text
    assert not splice.can_splice(chapter_with(extra_cells=1))  # fix_tables would add a column


@pytest.fixture
def kabupaten(tmp_path) -> Path:
    for part in ("data", "chapters"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    return tmp_path


def build(root: Path) -> bytes:
    pipeline.build(pipeline.Options(year=2023, root=root, fast=True), lambda _: None)
    return (root / "output" / "LKjIP_2023.docx").read_bytes()


def test_spliced_report_equals_the_text_route(kabupaten, monkeypatch):
    calls = []
    splice_chapters = splice.splice_chapters
    monkeypatch.setattr(document, "splice_chapters",
                        lambda *a: calls.append(1) or splice_chapters(*a))
    spliced = build(kabupaten)
    assert calls == [1]
    monkeypatch.setattr(document, "can_splice", lambda subdoc: False)
    assert build(kabupaten) == spliced
    assert calls == [1]  # the second build took docxtpl's text route


def test_a_chapter_twice_in_the_template_is_spliced_twice(kabupaten, monkeypatch):
    """A template holding ``{{p bab_1 }}`` twice gets the chapter twice, as by the text route."""
    import zipfile

    template = ROOT / "lkjip" / "templates" / "lkjip.docx"
    own = kabupaten / "templates" / "lkjip.docx"
    own.parent.mkdir()
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(own, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                at = xml.index("{{p bab_1")
                start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
                end = xml.index("</w:p>", at) + len("</w:p>")
                data = (xml[:end] + xml[start:end] + xml[end:]).encode("utf-8")
            zout.writestr(item, data)
    spliced = build(kabupaten)
    with zipfile.ZipFile(kabupaten / "output" / "LKjIP_2023.docx") as docx:
        assert docx.read("word/document.xml").decode("utf-8").count("PENDAHULUAN") == 4
    monkeypatch.setattr(document, "can_splice", lambda subdoc: False)
    assert build(kabupaten) == spliced
