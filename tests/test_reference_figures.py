"""Every derived figure printed in the 2020 reference report, recomputed by lkjip from data/2020.

tests/reference_figures.csv lists each figure: a stable ``id``, its place in the reference
(``tempat``), the string exactly as printed (``tercetak``) and a Python expression (``rumus``)
evaluated against the context built by :func:`lkjip.report.build_report` with the small
helpers of :func:`namespace` (lookups only; any arithmetic uses :mod:`lkjip.report.compute`).

The computed value is formatted with :func:`lkjip.present.fmt.angka` to the decimals the reference
prints, and so is the printed number; they must be equal, or the figure must be listed in
docs/reference-errors.md (and every figure listed there must really differ, with the computed
value written there equal to what the code computes).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from lkjip.report import compute

from lkjip.present import fmt
from lkjip.present.words import chapter_names
from lkjip.report import build_report
from lkjip.inputs import load_dataset
from lkjip.inputs.notation import Value, parse_value

ROOT = Path(__file__).resolve().parent.parent
FIGURES = Path(__file__).with_name("reference_figures.csv")
ERRORS_DOC = ROOT / "docs" / "reference-errors.md"

ID_PATTERN = re.compile(r"^(IE|T\d\.\d|S\d\.\d|KK|AS)-[A-Za-z0-9.\-]+$")


# --------------------------------------------------------------------------- inputs


def load_figures() -> list[dict]:
    with FIGURES.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


FIGURE_LIST = load_figures()


@pytest.fixture(scope="module")
def context() -> dict:
    return chapter_names(build_report(load_dataset(ROOT, 2020)))


def namespace(ctx: dict) -> dict:
    """Names a ``rumus`` may use: the context, lookups into it and lkjip.report.compute formulas."""
    anggaran = ctx["anggaran"]

    def iku_prog(kode_iku: str, kode_program: str) -> dict:
        (entry,) = [p for p in ctx["iku_per_kode"][kode_iku]["program"] if p["kode"] == kode_program]
        return entry

    def kk(urusan: str, no: str, sub: str = "") -> float | None:
        """Capaian of a kertas-kerja row: outcome ``no`` (sub ""), or its output a, b, c, ..."""
        (group,) = [u for u in ctx["kertas_kerja"] if u["urusan"] == urusan]
        rows = [b for b in group["baris"] if b["no"].rstrip(".") == no]
        return rows[0 if not sub else ord(sub) - ord("a") + 1]["capaian"]

    def satker(kode: str) -> dict:
        (row,) = [r for r in anggaran["apbn"]["baris"] if r["kode_satker"] == kode]
        return row

    return {
        "ctx": ctx,
        "iku": ctx["iku_per_kode"],
        "ef": lambda kode: ctx["iku_per_kode"][kode]["efisiensi"],
        "keg": ctx["kegiatan_per_kode"],
        "prog": ctx["program_per_kode"],
        "bel": anggaran["belanja"],
        "ref": anggaran["refocusing"],
        "apbn": anggaran["apbn"],
        "jumlah": ctx["jumlah"],
        "unit": lambda n: ctx["pegawai"]["unit"][n - 1],
        "aset": lambda kode: ctx["aset"]["per_kode"][kode]["nilai"],
        "iku_prog": iku_prog,
        "kk": kk,
        "satker": satker,
        "number_of": compute.number_of,
        "pertumbuhan": compute.pertumbuhan,
        "rasio": compute.rasio,
        "selisih": compute.selisih,
        "len": len,
    }


# --------------------------------------------------------------------------- reading printed text


def printed_value(text: str) -> Value:
    """The number in a printed figure: "Rp 226.195.620, -" → 226195620, "(8,73) %" → −8,73,
    "72 Orang" → 72, "7 (tujuh)" → 7, "0+0+0+20+20 = 40" → 40, "Tahun 2019" → 2019, "<11" → 11.
    ``n/a`` stays text (a figure the tool cannot compute)."""
    s = text.split("=")[-1].strip()
    s = re.sub(r"\((?:[a-z ]+)\)", "", s)  # "(tujuh)"
    s = re.sub(r"\b(?!Rp\b)[A-Za-z]+\b", "", s).strip()  # "Orang", "Tahun"
    s = re.sub(r",\s*-$", "", s).strip()  # "226.195.620, -"
    s = re.sub(r"^(Rp\.?)\s*-\s*", r"\1 -", s)  # "Rp - 9.878.392"
    s = s.replace(" %", "%")
    return parse_value(s) if s else parse_value("n/a")


def as_number(x) -> float | None:
    if isinstance(x, Value):
        return compute.number_of(x)
    return None if x is None else float(x)


def shown(number: float | None, decimals: int) -> str:
    return fmt.NA if number is None else fmt.angka(number, decimals)


def compare(figure: dict, ctx: dict) -> tuple[str, str]:
    """(printed, computed), both as fmt.angka with the printed number of decimals."""
    printed = printed_value(figure["tercetak"])
    assert printed.kind in ("number", "lt", "le", "gt", "ge"), figure
    computed = as_number(eval(figure["rumus"], {"__builtins__": {}}, namespace(ctx)))
    return shown(printed.number, printed.decimals), shown(computed, printed.decimals)


def mismatches(ctx: dict) -> dict[str, tuple[str, str]]:
    out = {}
    for figure in FIGURE_LIST:
        printed, computed = compare(figure, ctx)
        if printed != computed:
            out[figure["id"]] = (printed, computed)
    return out


# --------------------------------------------------------------------------- reading the doc


def doc_rows() -> list[dict]:
    """Rows of the one Markdown table of docs/reference-errors.md (the header starts "| ID")."""
    rows, header = [], None
    for line in ERRORS_DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            if header is not None:
                break  # the table has ended
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            if cells[0] == "ID":
                header = cells
        elif not set("".join(cells)) <= set("-: "):  # skip the |---| line
            assert len(cells) == len(header), line
            rows.append(dict(zip(header, cells)))
    assert header == ["ID", "Place", "Raw inputs", "Printed", "Computed", "Note"], header
    return rows


def unquote(cell: str) -> str:
    return cell[1:-1] if len(cell) >= 2 and cell[0] == cell[-1] == "`" else cell


# --------------------------------------------------------------------------- tests


def test_figures_are_well_formed():
    ids = [f["id"] for f in FIGURE_LIST]
    assert len(ids) == len(set(ids)), "duplicate id"
    assert len(ids) > 300
    for f in FIGURE_LIST:
        assert ID_PATTERN.match(f["id"]), f["id"]
        assert f["tempat"] and f["tercetak"] and f["rumus"], f
        assert printed_value(f["tercetak"]).kind != "text", f


@pytest.mark.parametrize(
    ("text", "number", "decimals"),
    [
        ("Rp 226.195.620, -", 226195620, 0),
        ("Rp 22.605.800, -", 22605800, 0),
        ("Rp - 9.878.392", -9878392, 0),
        ("Rp -8.657.852", -8657852, 0),
        ("(8,73) %", -8.73, 2),
        ("72 Orang", 72, 0),
        ("7 (tujuh)", 7, 0),
        ("0+0+0+20+20 = 40", 40, 0),
        ("Tahun 2019", 2019, 0),
        ("<11", 11, 0),
        ("139.4 %", 139.4, 1),
        ("30047,05%", 30047.05, 2),
        ("1.318.136.726,00", 1318136726, 2),
    ],
)
def test_printed_value(text, number, decimals):
    v = printed_value(text)
    assert v.number == pytest.approx(number)
    assert v.decimals == decimals


def test_some_figures_by_hand(context):
    """A few figures checked by hand, so the comparison itself is known to work."""
    by_id = {f["id"]: f for f in FIGURE_LIST}
    # 11.656.561.724 / 11.984.610.979 = 97,263 %: printed right in the Ikhtisar ...
    assert compare(by_id["IE-btl-realisasi-persen"], context) == ("97,26", "97,26")
    # ... but in the first table of 3.3 the two percentages are swapped
    assert compare(by_id["S3.3-belanja-btl-persen"], context) == ("89,33", "97,26")
    # 63 + 39 = 102, printed 10
    assert compare(by_id["KK-PERDAGANGAN-2b"], context) == ("10", "102")
    # 57.228 / 57.297 = 99,880 %
    assert compare(by_id["KK-PERDAGANGAN-5"], context) == ("99,98", "99,88")
    # 4 / 51 = 7,84 %, printed with one decimal: same figure
    assert compare(by_id["KK-PERDAGANGAN-6"], context) == ("7,8", "7,8")
    # 163.928.900 / 3 × 3,34 − 163.808.899 = 18.698.609,67
    assert compare(by_id["S2.3-IKU8-EI"], context) == ("18.698.610", "18.698.610")
    # 0 ÷ 0 has no value: n/a
    assert compare(by_id["KK-PERINDUSTRIAN-4"], context) == ("0", "n/a")


def test_every_mismatch_is_documented_and_every_documented_id_mismatches(context):
    found = mismatches(context)
    documented = [unquote(r["ID"]) for r in doc_rows()]
    assert len(documented) == len(set(documented)), "an ID is listed twice in the doc"
    known = {f["id"] for f in FIGURE_LIST}
    assert set(documented) <= known, f"unknown IDs in the doc: {sorted(set(documented) - known)}"
    assert sorted(set(found) - set(documented)) == [], "mismatches missing from docs/reference-errors.md"
    assert sorted(set(documented) - set(found)) == [], "IDs in docs/reference-errors.md that match"


def test_doc_printed_and_computed_values_are_the_real_ones(context):
    by_id = {f["id"]: f for f in FIGURE_LIST}
    for row in doc_rows():
        figure = by_id[unquote(row["ID"])]
        assert unquote(row["Printed"]) == figure["tercetak"], row["ID"]
        printed, computed = compare(figure, context)
        decimals = printed_value(figure["tercetak"]).decimals
        written = unquote(row["Computed"])
        if written == fmt.NA:
            assert computed == fmt.NA, row["ID"]
            continue
        doc_number = printed_value(written)
        assert doc_number.kind == "number", row["ID"]
        assert shown(doc_number.number, decimals) == computed, (row["ID"], written, computed)
