"""Year two, tried as a planner would (GitHub issue 10, "Done when"): take the 2020 project,
``init`` 2021, fill the realisasi in the new workbook (some IKU rise, some fall, one new IKU,
one left empty, the staff date left at last year's), build, and read the report.

Every sentence about a result must agree with its figure, every IKU must get its section and
its analysis (or a warning that it has none), nothing may read "n/a%" or hold a double space,
and the warnings about last year's analyses, prose and dates must appear.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from golden_text import document_text
from lkjip import pipeline
from lkjip.present.analysis import REVIEW_MARK
from lkjip.yearinit import init_year

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2021

# kode -> realisasi 2021 as typed (2020: IKU1 186.797.290.000, IKU2 7,98%, IKU3
# 1.203.105.606,54, IKU4 9,74, IKU5 0, IKU6 6,17%, IKU7 40,00%, IKU8 3,34)
REALISASI = {
    "IKU1": "201.450.000.000",  # rises
    "IKU2": "6,50%",  # falls
    "IKU3": "1.410.000.000",  # rises
    "IKU4": "8,90",  # falls (lower is better)
    "IKU5": None,  # left empty
    "IKU6": "11%",  # rises
    "IKU7": "35%",  # falls
    "IKU8": "3,60",  # rises
    "IKU9": "25%",  # new
}
DIRECTION = {"IKU1": "naik", "IKU2": "turun", "IKU3": "naik", "IKU4": "turun", "IKU6": "naik",
             "IKU7": "turun", "IKU8": "naik"}
NEW_IKU = {
    "kode": "IKU9", "no_sasaran": "8", "sasaran": "Meningkatnya Kualitas Pasar Rakyat",
    "indikator": "Persentase Pasar Rakyat yang Direvitalisasi", "satuan": "%", "arah": "naik",
    "target": "20%",
}
NEW_KEGIATAN = {"kode_program": "02", "kode": "02.07", "nama": "Revitalisasi Pasar Rakyat",
                "pagu": 500_000_000, "realisasi": 480_000_000}


def _sheet_rows(sheet):
    header = [c.value for c in sheet[1]]
    return header, list(range(2, sheet.max_row + 1))


def _append(sheet, values: dict) -> None:
    header = [c.value for c in sheet[1]]
    row = sheet.max_row + 1
    for column, value in values.items():
        sheet.cell(row, header.index(column) + 1).value = value


def fill_workbook(path: Path) -> None:
    """What the planner types into data/2021/lkjip.xlsx after init."""
    book = load_workbook(path)
    iku = book["iku"]
    header, rows = _sheet_rows(iku)
    for row in rows:
        kode = iku.cell(row, header.index("kode") + 1).value
        iku.cell(row, header.index("realisasi") + 1).value = REALISASI[kode]
    _append(iku, {**NEW_IKU, "realisasi": REALISASI["IKU9"]})
    _append(book["kegiatan"], NEW_KEGIATAN)
    _append(book["efisiensi"], {"kode_iku": "IKU9", "kode_kegiatan": NEW_KEGIATAN["kode"]})
    # the planner forgets to move the staff date on: init made it 2021-12-31
    profil = book["profil"]
    header, rows = _sheet_rows(profil)
    for row in rows:
        if profil.cell(row, header.index("kunci") + 1).value == "tanggal_data_pegawai":
            profil.cell(row, header.index("nilai") + 1).value = "2020-12-31"
    book.save(path)


@pytest.fixture(scope="module")
def year_two(tmp_path_factory):
    root = tmp_path_factory.mktemp("tahun-kedua")
    for part in ("data/2020", "chapters/2020"):
        shutil.copytree(ROOT / part, root / part)
    init_year(root, YEAR)
    fill_workbook(root / "data" / str(YEAR) / "lkjip.xlsx")
    result = pipeline.build(pipeline.Options(year=YEAR, root=root, fast=True), lambda _: None)
    _, context, _ = pipeline.load_and_compute(root, YEAR)
    return root, result, document_text(result.docx), context


def _number(text: str) -> float:
    """An Indonesian number as printed ("1.203.105.606,54", "6,50%", "Rp 1.000", "<11")."""
    text = re.sub(r"[^\d,.]", "", text)
    return float(text.replace(".", "").replace(",", "."))


def result_sentence(text: str, indikator: str) -> str:
    """The generated paragraph of Bab III about ``indikator``'s result."""
    start = f"Realisasi Perolehan {indikator} Tahun {YEAR}"
    found = [line for line in text.splitlines() if line.startswith(start)]
    assert len(found) == 1, (indikator, found)
    return found[0]


def test_every_result_sentence_agrees_with_its_figures(year_two):
    _, _, text, context = year_two
    for i in context["iku"]:
        sentence = result_sentence(text, i["indikator"])
        kode = i["kode"]
        if REALISASI[kode] is None:
            assert "belum diisi" in sentence and "belum dapat dihitung" in sentence, sentence
            assert not re.search(r"\b(naik|turun|tercapai|melampaui)\b", sentence), sentence
            continue
        # the judgement on the target agrees with the capaian printed in the same sentence
        capaian = _number(re.search(r"dengan capaian ([\d.,]+)%", sentence).group(1))
        expected = ("melampaui target" if capaian > 100 else "tercapai" if capaian == 100
                    else "belum tercapai")
        assert f", {expected}" in sentence, sentence
        if capaian > 100:
            assert "belum tercapai" not in sentence
        # ... and with the capaian of Tabel 3.2 (the same figure everywhere)
        assert capaian == pytest.approx(round(i["capaian"], 2))
        # the direction against 2020 is the one the planner's figures took
        if kode in DIRECTION:
            compared = re.search(r"realisasi tahun 2020 sebesar (.+?), realisasi tahun 2021 "
                                 r"(naik|turun) ([\d.,]+)%", sentence)
            assert compared, sentence
            assert compared.group(2) == DIRECTION[kode], sentence
            this_year = _number(re.search(r"sebesar (.+?) terhadap target", sentence).group(1))
            last_year = _number(compared.group(1))
            assert (this_year > last_year) == (DIRECTION[kode] == "naik")
            change = abs(this_year - last_year) / last_year * 100
            assert _number(compared.group(3)) == pytest.approx(change, abs=0.005)
        else:  # the new IKU has no last year
            assert not re.search(r"\b(naik|turun)\b", sentence), sentence


def test_the_new_iku_gets_its_section_and_a_missing_analysis_warning(year_two):
    _, result, text, _ = year_two
    assert f"Sasaran 8: {NEW_IKU['sasaran']}" in text
    sentence = result_sentence(text, NEW_IKU["indikator"])
    assert "sebesar 25% terhadap target 20%, melampaui target" in sentence
    assert "Revitalisasi Pasar Rakyat" in text.split(sentence)[1].splitlines()[1]  # kegiatan
    messages = [str(w) for w in result.warnings]
    assert (f'IKU "IKU9" ({NEW_IKU["indikator"]}) belum punya analisis (penyebab '
            "keberhasilan/kegagalan dan solusinya).") in "\n".join(messages)
    assert "chapters/2021/analisis/IKU9.md" in "\n".join(messages)


def test_every_iku_with_an_analysis_shows_it_in_its_section(year_two):
    root, _, text, context = year_two
    lines = text.splitlines()
    for i in context["iku"]:
        path = root / "chapters" / str(YEAR) / "analisis" / f"{i['kode']}.md"
        if i["kode"] == "IKU9":
            assert not path.exists()
            continue
        first = [line for line in path.read_text("utf-8").splitlines()
                 if line.strip() and not line.startswith(REVIEW_MARK)][0]
        start = lines.index(result_sentence(text, i["indikator"]))
        section = lines[start:start + 6]  # sentence, IKK note, Renstra and budget, analysis
        assert first in section, (i["kode"], section)
    assert "TINJAU" not in text


def test_copied_analyses_are_marked_for_review(year_two):
    _, result, _, _ = year_two
    marked = sorted(w.location.file for w in result.warnings
                    if "masih analisis tahun lalu" in w.message)
    assert marked == [f"chapters/2021/analisis/IKU{n}.md" for n in range(1, 9)]


def test_stale_paragraph_and_staff_date_warnings(year_two):
    _, result, _, _ = year_two
    messages = [str(w) for w in result.warnings]
    stale = [m for m in messages if "sama persis dengan chapters/2020/" in m]
    assert stale, messages
    assert any(m.startswith("chapters/2021/bab_4.md") for m in stale), stale
    assert any('tanggal "tanggal_data_pegawai" (2020-12-31) berada di tahun 2020, sebelum '
               "tahun laporan 2021." in m for m in messages), messages


def test_no_n_a_percent_and_no_double_space(year_two):
    _, _, text, _ = year_two
    assert "n/a%" not in text
    for line in text.splitlines():
        body = re.sub(r"^\[[^\]]*\] *", "", line).lstrip()  # style prefix, list indentation
        pieces = [c.strip() for c in line.strip("|").split(" | ")] if line.startswith("|") else [body]
        for piece in pieces:
            assert "  " not in piece, line
