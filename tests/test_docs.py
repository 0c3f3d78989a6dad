"""docs/data.md is the planners' reference: it must name every table and column the loader reads."""

import re
from pathlib import Path

from lkjip.inputs.schema import SCHEMAS

DOC = (Path(__file__).parent.parent / "docs" / "data.md").read_text(encoding="utf-8")


def sections() -> dict[str, str]:
    parts = re.split(r"^## (\w+)", DOC, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def documented(column: str, text: str) -> bool:
    """`target_3` is documented by "`target_1` … `target_5`" too."""
    if f"`{column}`" in text:
        return True
    numbered = re.fullmatch(r"(\w+)_(\d)", column)
    return bool(numbered) and f"`{numbered[1]}_1` … `{numbered[1]}_5`" in text


def test_every_table_has_a_section():
    assert set(SCHEMAS) <= set(sections())


def test_every_column_and_key_is_documented():
    missing = []
    for name, schema in SCHEMAS.items():
        text = sections()[name]
        names = [c.name for c in schema.columns]
        if schema.is_key_value:
            names = [k.name for k in schema.keys]
        missing += [f"{name}.{n}" for n in names if not documented(n, text)]
    assert missing == []
