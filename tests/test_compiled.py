"""Chapters' compiled Jinja kept in memory and in the cache folder (jinja/)
(lkjip.present.narrative.compiled): the same text, and errors at the same line, as compiling."""

from __future__ import annotations

import pytest
from jinja2.sandbox import SandboxedEnvironment

from lkjip.errors import ChapterError
from lkjip.present.narrative import compiled
from lkjip.present.narrative.jinja_errors import render_jinja as render_marked
from lkjip.present.narrative.lines import take_line_marks


def render_jinja(*args) -> str:
    """The chapter text without the line marks render_jinja adds."""
    return take_line_marks(render_marked(*args))[0]


def env_with_cache(folder) -> SandboxedEnvironment:
    env = SandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    env.globals["tahun"] = 2021
    compiled.set_code_cache(env, folder)
    return env


def counting(monkeypatch) -> list:
    calls = []
    original = SandboxedEnvironment.compile

    def compile_(self, source, *args, **kwargs):
        calls.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(SandboxedEnvironment, "compile", compile_)
    return calls


def test_compiled_once_then_from_memory_then_from_disk(tmp_path, monkeypatch):
    calls = counting(monkeypatch)
    source = "Tahun {{ tahun }}.\n{% for i in [1, 2] %}- {{ i }}\n{% endfor %}"
    first = render_jinja(source, env_with_cache(tmp_path), "bab_1.md", 2021)
    assert first == "Tahun 2021.\n- 1\n- 2\n"
    assert render_jinja(source, env_with_cache(tmp_path), "bab_1.md", 2021) == first
    assert len(calls) == 1
    assert len(list(tmp_path.glob("*.jinja"))) == 1
    compiled._IN_MEMORY.clear()  # a new process: the code comes from the folder
    assert render_jinja(source, env_with_cache(tmp_path), "bab_1.md", 2021) == first
    assert len(calls) == 1


def test_other_settings_or_source_compile_again(tmp_path, monkeypatch):
    calls = counting(monkeypatch)
    render_jinja("A {{ tahun }}", env_with_cache(tmp_path), "bab_1.md", 2021)
    render_jinja("B {{ tahun }}", env_with_cache(tmp_path), "bab_1.md", 2021)
    other = env_with_cache(tmp_path)
    other.trim_blocks = False
    render_jinja("A {{ tahun }}", other, "bab_1.md", 2021)
    assert len(calls) == 3


def test_runtime_error_keeps_its_line_when_cached(tmp_path):
    source = "satu\ndua\n{{ tidak_ada.x }}\n"
    for _ in range(2):
        with pytest.raises(ChapterError) as err:
            render_jinja(source, env_with_cache(tmp_path), "bab_2.md", 2021)
        assert err.value.location.line == 3


def test_unwritable_cache_folder_is_silent(tmp_path):
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder")
    assert render_jinja("X {{ tahun }}", env_with_cache(blocked / "jinja"), "b.md", 2021) \
        == "X 2021"
