"""Chapters' Jinja compiled once: kept in memory (a long-lived process, ``--pantau``, the
batch) and in the cache folder's ``jinja/`` (:mod:`lkjip.cache`;
:class:`jinja2.FileSystemBytecodeCache`) for the next build. Compiling the seven chapters takes ~0.2 s per build otherwise.

The key of a compiled chapter is its source (after the line marks are added) and everything
of the environment that changes the code Jinja generates (delimiters, whitespace options,
``finalize``, the sandbox class and the operators it intercepts); the bytecode cache itself adds Python's bytecode version.
Any failure to read or write the cache is silent: the chapter is compiled as without it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import CodeType

import jinja2
from jinja2 import Environment, Template
from jinja2.bccache import FileSystemBytecodeCache

from ...cache import prune

_IN_MEMORY: dict[str, CodeType] = {}
_MEMORY_LIMIT = 64  # compiled chapters kept in memory (seven per report)


def set_code_cache(env: Environment, folder: Path | None) -> None:
    """Let :func:`compile_chapter` keep ``env``'s compiled chapters in ``folder``."""
    env.lkjip_code_cache = folder  # type: ignore[attr-defined]


def _name(value) -> str:
    """A setting as it shapes the generated code: a function by its module and name."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return repr(value)


def _key(env: Environment, source: str) -> str:
    settings = (
        jinja2.__version__, _name(type(env)), _name(env.code_generator_class),
        sorted(getattr(env, "intercepted_binops", ())),
        sorted(getattr(env, "intercepted_unops", ())), env.block_start_string,
        env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
        env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
        env.keep_trailing_newline, _name(env.finalize), _name(env.autoescape),
        env.optimized, sorted(env.extensions),
    )
    digest = hashlib.sha256(repr(settings).encode())
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def compile_chapter(env: Environment, source: str) -> Template:
    """``env.from_string(source)``, with the compiled code reused when seen before.
    Raises what ``from_string`` raises (:class:`jinja2.TemplateSyntaxError`)."""
    key = _key(env, source)
    code = _IN_MEMORY.get(key)
    if code is None:
        code = _from_disk(env, key, source)
        if len(_IN_MEMORY) >= _MEMORY_LIMIT:
            _IN_MEMORY.pop(next(iter(_IN_MEMORY)))
        _IN_MEMORY[key] = code
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _from_disk(env: Environment, key: str, source: str) -> CodeType:
    folder = getattr(env, "lkjip_code_cache", None)
    if folder is None:
        return env.compile(source)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        cache = FileSystemBytecodeCache(str(folder), "%s.jinja")
        bucket = cache.get_bucket(env, key, None, source)
    except (OSError, ValueError, EOFError):
        return env.compile(source)
    if bucket.code is None:
        bucket.code = env.compile(source)
        try:
            cache.set_bucket(bucket)
        except OSError:
            pass
        prune(Path(folder), "*.jinja")
    return bucket.code
