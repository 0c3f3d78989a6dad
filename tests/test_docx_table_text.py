"""``docx.table.build_table`` writes each table as one XML string parsed once; the element
route (``SubElement`` by ``SubElement``) is the reference: both must give the same XML and
python-docx's element classes."""

from __future__ import annotations

import docx
import pytest
from lxml import etree

from lkjip.docx import table
from lkjip.docx.styles import StyleMap
from lkjip.present.blocks import Cell, TableSpec
from lkjip.project import DEFAULT_TEMPLATE

STYLES = StyleMap(docx.Document(str(DEFAULT_TEMPLATE)).styles.element)


def both(spec: TableSpec, width: int = 9000):
    text = table.build_table(spec, STYLES, width)

    def refuse(*_):
        raise ValueError("element route")

    original = table._table_xml
    table._table_xml = refuse
    try:
        elements = table.build_table(spec, STYLES, width)
    finally:
        table._table_xml = original
    return text, elements


SPECS = [
    TableSpec("a", "Biasa", [[Cell("No"), Cell("Uraian", align="center"), Cell("Nilai")]],
              [[Cell("1"), Cell("Satu & <dua> \"tiga\" 'empat'"), Cell("1.234,5", align="right")],
               [Cell("2", bold=True), Cell("  spasi  di tepi  "), Cell("")]],
              [1, 4, 2]),
    TableSpec("b", "Gabungan", [[Cell("Kode", rowspan=2), Cell("Target", colspan=2)],
                                [Cell("2023"), Cell("2024", align="left")]],
              [[Cell("A\nB\tC", align="justify"), Cell("x\r\ny"), Cell("z", rowspan=2)],
               [Cell("baris\t\tdua"), Cell("\n")],
               [Cell("lebar", colspan=5)]],
              [], font_size=8.5),
    TableSpec("c", "Tanpa kepala", [], [[Cell("é ü ∑ – …", bold=True)], []], [1],
              style="Table Grid"),
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_text_route_gives_the_element_route_xml(spec):
    if spec.style and spec.style.lower() not in STYLES.ids:
        spec.style = None
    text, elements = both(spec)
    assert etree.tostring(text) == etree.tostring(elements)
    assert [type(e) for e in text.iter()] == [type(e) for e in elements.iter()]
    assert type(text).__name__ == "CT_Tbl"


def test_text_xml_cannot_hold_falls_back_to_elements():
    spec = TableSpec("d", "Rusak", [], [[Cell("kendali \x0b di sini")]], [1])
    with pytest.raises(ValueError):  # as before: lxml refuses the character
        table.build_table(spec, STYLES, 9000)
