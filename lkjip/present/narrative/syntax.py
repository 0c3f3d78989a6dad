"""A Jinja syntax error in a chapter, explained in Indonesian at the line to fix.

Jinja reports some mistakes where it notices them, not where they are: a ``{% for %}`` never
closed is reported at the end of the file, a ``{{`` never closed at the next line. The chapter's
tokens (Jinja's own lexer) give the real line: the unclosed block's opening tag, the start of
the unclosed ``{{``. Jinja's English text is never shown; an error not recognised here gets a
general explanation.
"""

from __future__ import annotations

import re

import jinja2

from ..fmt import FILTERS

DEFAULT_HINT = "Periksa pasangan {{ }}, {% %} dan {% endfor %}/{% endif %} pada baris itu."
_BLOCK_TAGS = {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "trans", "set"}
_TOKEN_WORDS = {
    "end of print statement": "}}",
    "begin of print statement": "{{",
    "end of statement block": "%}",
    "begin of statement block": "{%",
    "end of template": "akhir bab",
    "string": "teks",
    "integer": "angka",
    "float": "angka",
    "name": "nama",
}


def _word(token: str) -> str:
    return _TOKEN_WORDS.get(token, token)


def _tokens(env: jinja2.Environment, source: str) -> list[tuple[int, str, str]]:
    """Jinja's raw tokens of ``source`` (line, type, value), as far as the lexer gets."""
    tokens: list[tuple[int, str, str]] = []
    try:
        for token in env.lex(source):
            tokens.append(token)
    except jinja2.TemplateSyntaxError:
        pass
    return tokens


def _tag_at(tokens, i: int) -> str | None:
    """The tag name after the ``{%`` at ``tokens[i]``."""
    for _, kind, value in tokens[i + 1:]:
        if kind != "whitespace":
            return value if kind == "name" else None
    return None


def _is_block_set(tokens, i: int) -> bool:
    """``{% set x %}...{% endset %}`` (a block) rather than ``{% set x = ... %}``."""
    for _, kind, value in tokens[i + 1:]:
        if kind == "block_end":
            return True
        if kind == "operator" and value == "=":
            return False
    return True


def open_blocks(tokens, before_line: int | None = None) -> list[tuple[str, int]]:
    """The blocks still open (tag, line of its ``{% tag %}``), outermost first, after the
    tokens before ``before_line`` (all tokens when None)."""
    stack: list[tuple[str, int]] = []
    for i, (line, kind, _) in enumerate(tokens):
        if before_line is not None and line >= before_line:
            break
        if kind != "block_begin":
            continue
        tag = _tag_at(tokens, i)
        if tag in _BLOCK_TAGS and (tag != "set" or _is_block_set(tokens, i)):
            stack.append((tag, line))
        elif tag and tag.startswith("end"):
            names = [name for name, _ in stack]
            if tag[3:] in names:
                del stack[len(names) - 1 - names[::-1].index(tag[3:]):]
    return stack


def _opened_at(tokens, kind: str, line: int) -> int:
    """The line of the last ``{{`` (kind "variable_begin") or ``{%`` ("block_begin") at or
    before ``line``: where an unclosed tag starts."""
    start = line
    for token_line, token_kind, _ in tokens:
        if token_line > line:
            break
        if token_kind == kind:
            start = token_line
    return start


def _block_line(tokens, tag: str, before_line: int | None) -> int | None:
    for name, line in reversed(open_blocks(tokens, before_line)):
        if name == tag:
            return line
    return None


def _unknown_tag(tag: str, block: str | None, block_line: int | None) -> str:
    if block and tag.startswith("end"):
        return (f"{{% {tag} %}} tidak cocok: blok {{% {block} %}} di baris {block_line} belum "
                f"ditutup dengan {{% end{block} %}}.")
    if block:
        return f"{{% {tag} %}} tidak boleh dipakai di sini, di dalam blok {{% {block} %}}."
    if tag.startswith("end"):
        return f"{{% {tag} %}} tidak punya pasangan pembuka {{% {tag[3:]} %}}."
    if tag in ("else", "elif"):
        return f"{{% {tag} %}} hanya boleh dipakai di dalam {{% if %}} ... {{% endif %}}."
    return (f"perintah {{% {tag} %}} tidak dikenal; perintah yang bisa dipakai: if, elif, else, "
            "endif, for, endfor, set, macro.")


def _unexpected_char(char: str) -> str:
    if char in "'\"":
        return f"tanda kutip {char} belum ditutup."
    if char in "\ue002\ue003":
        return "{{ atau {% belum ditutup."
    return f"karakter {char!r} tidak boleh dipakai di dalam {{{{ }}}} atau {{% %}}."


def explain(env: jinja2.Environment, source: str,
            exc: jinja2.TemplateSyntaxError) -> tuple[int | None, str, str]:
    """(line, message, hint) for a syntax error of chapter ``source``; Indonesian only."""
    text, line = exc.message or "", exc.lineno
    tokens = _tokens(env, source)
    m = re.search(r"innermost block that needs to be closed is '(\w+)'", text)
    block = m.group(1) if m else None
    if text.startswith("Unexpected end of template") and block:
        line = _block_line(tokens, block, None) or line
        return line, (f"blok {{% {block} %}} belum ditutup: tambahkan {{% end{block} %}} "
                      "setelah isi bloknya."), DEFAULT_HINT
    if m := re.match(r"Encountered unknown tag '(\w+)'", text):
        block_line = _block_line(tokens, block, line) if block else None
        return line, _unknown_tag(m.group(1), block, block_line), DEFAULT_HINT
    if m := re.match(r"expected token 'end of (print statement|statement block)', got '(.*)'", text):
        print_tag = m.group(1) == "print statement"
        opener, closer = ("{{", "}}") if print_tag else ("{%", "%}")
        line = _opened_at(tokens, "variable_begin" if print_tag else "block_begin", line)
        return line, (f"{opener} ... {closer} pada baris ini belum ditutup dengan {closer}, atau "
                      f"berisi {_word(m.group(2))!r} yang tidak diharapkan."), (
            "Satu {{ }} berisi satu nilai: sambung teks dengan ~, pakai filter dengan |, "
            "dan tutup dengan }}.")
    return line, describe(text), DEFAULT_HINT


def describe(text: str) -> str:
    """The Indonesian explanation of the other syntax errors."""
    if text == "unexpected '}'":
        return "tanda '}' berlebih, atau {{ ditutup hanya dengan satu '}' (tulis }})."
    if m := re.match(r"unexpected '(.+)', expected '(.+)'", text):
        return f"kurang tanda {_word(m.group(2))!r} sebelum {_word(m.group(1))!r}."
    if m := re.match(r"unexpected char '(.)'|unexpected char \"(.)\"", text):
        return _unexpected_char(m.group(1) or m.group(2))
    if m := re.match(r"Expected an expression, got '(.+)'", text):
        if m.group(1) in ("end of print statement", "end of statement block"):
            return "{{ }} atau {% %} kosong: tulis nama atau nilai di dalamnya."
        return f"di sini harus ada nama atau nilai (ditemukan: {_word(m.group(1))!r})."
    if m := re.match(r"unexpected '(.+)'", text):
        if m.group(1) in ("end of print statement", "end of statement block"):
            return f"ada yang kurang sebelum {_word(m.group(1))}: tanda terakhir belum diberi nilai."
        return f"tanda {_word(m.group(1))!r} tidak diharapkan di sini."
    if m := re.match(r"expected token '(.+)', got '(.+)'", text):
        return f"kurang {_word(m.group(1))!r} di sini (ditemukan: {_word(m.group(2))!r})."
    if m := re.match(r"No filter named '(\w+)'", text):
        return (f'filter "{m.group(1)}" tidak dikenal. Filter yang tersedia: '
                f"{', '.join(FILTERS)}, dan filter bawaan Jinja seperti upper, round, join.")
    if m := re.match(r"No test named '(\w+)'", text):
        return f'uji "is {m.group(1)}" tidak dikenal; yang umum: is none, is defined, is number.'
    if text == "tag name expected":
        return "{% %} kosong: tulis perintahnya, mis. {% if ... %}."
    if text.startswith("Missing end of comment tag"):
        return "komentar {# belum ditutup dengan #}."
    if text.lower().startswith("unexpected end of template"):
        return "bab berakhir sebelum perintah Jinja selesai ditulis: ada {{ atau {% yang belum ditutup."
    return "penulisan perintah Jinja pada baris ini tidak dapat dibaca."
