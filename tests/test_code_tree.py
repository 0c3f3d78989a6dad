"""The aset code tree (report.compute subtotal_kode / daun_kode / akar_kode), computed in one
pass, equals the definition (descendant = starts with the code and a dot) on any codes."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip.report import compute


def descends(kode: str, other: str) -> bool:
    return other.startswith(kode + ".")


def leaves_by_definition(kodes):
    return {k for k in kodes if not any(descends(k, o) for o in kodes)}


segments = st.lists(st.sampled_from(["1", "2", "3", "01", ""]), min_size=1, max_size=4)
codes = st.lists(segments.map(".".join), max_size=25, unique=True)
values = st.one_of(st.none(), st.integers(-10**6, 10**12).map(float),
                   st.decimals(-10**9, 10**12, places=2, allow_nan=False, allow_infinity=False))


@settings(max_examples=300, deadline=None)
@given(codes, st.data())
def test_code_tree_matches_the_definition(kodes, data):
    nilai = {k: data.draw(values) for k in kodes}
    leaves = leaves_by_definition(kodes)
    assert compute.daun_kode(kodes) == leaves
    assert compute.akar_kode(kodes) == [k for k in kodes
                                        if not any(descends(o, k) for o in kodes)]
    want = {k: compute.jumlah([nilai[k]]) if k in leaves else
            compute.jumlah([nilai[d] for d in leaves if descends(k, d)]) for k in kodes}
    got = compute.subtotal_kode(nilai)
    assert got == want
    assert [type(v) for v in got.values()] == [type(v) for v in want.values()]  # money stays exact
    assert list(compute.subtotal_kode(nilai)) == kodes  # input order kept


def test_subtotals_of_a_listed_tree_with_a_missing_level():
    nilai = {"1": Decimal("5"), "1.3.2": Decimal("2.50"), "1.3.4": None,
             "1.5": Decimal("7.25"), "2": Decimal("1")}
    assert compute.subtotal_kode(nilai) == {"1": Decimal("9.75"), "1.3.2": Decimal("2.50"),
                                            "1.3.4": 0.0, "1.5": Decimal("7.25"),
                                            "2": Decimal("1")}
    assert compute.akar_kode(nilai) == ["1", "2"]
    assert compute.daun_kode(nilai) == {"1.3.2", "1.3.4", "1.5", "2"}


def test_ten_thousand_rows_in_one_pass():
    kodes = [f"1.{a}.{b}.{c}" for a in range(10) for b in range(10) for c in range(100)]
    nilai = {"1": None, **{k: 1.0 for k in kodes}}
    assert compute.subtotal_kode(nilai)["1"] == 10_000.0  # quadratic: ~10^8 comparisons
