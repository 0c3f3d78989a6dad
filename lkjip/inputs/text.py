"""Text as a planner pastes it, made fit for a Word document.

Cells and chapters come from Excel, Word and web pages: Excel writes characters it cannot
store as ``_xHHHH_``; Word's Shift+Enter becomes U+000B when pasted; web pages bring
zero-width spaces and no-break spaces. XML 1.0 (the .docx format) forbids most control
characters, so one of them reaching the Word step would break the build after ``--check``
passed. :func:`clean_text` is applied to every text cell at load and to every chapter.
"""

from __future__ import annotations

import re

_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# C0 controls but tab and line breaks, DEL, C1 controls, and the XML non-characters
_ILLEGAL = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f"), " ")


def clean_text(text: str) -> str:
    """Text as it may go into a Word document (also used for chapters).

    Excel's ``_xHHHH_`` escapes are decoded; a vertical tab (U+000B, Word's Shift+Enter pasted
    into Excel) and ``\r\n``/``\r`` become ``\n``; other characters XML 1.0 forbids (NUL, the
    other C0/C1 controls, lone surrogates, U+FFFE/U+FFFF) are dropped; zero-width characters
    (U+200B–U+200D, U+2060, BOM, soft hyphen) are removed; no-break spaces become spaces.
    Leading and trailing spaces are kept (callers strip).
    """
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _ILLEGAL.sub("", text).translate(_ZERO_WIDTH).translate(_SPACES)
