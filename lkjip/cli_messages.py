"""The command line's own words in Indonesian: click's usage errors translated, and a closed
pipe (``build.py vars 2020 | head``) ending quietly.

click words its usage errors in English ("No such command 'abc'."); planners read Indonesian.
:func:`run` calls the click group in non-standalone mode and prints :func:`usage_message`.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

import click
from click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchCommand,
    NoSuchOption,
    UsageError,
)


# one example per command, shown when its argument is missing
EXAMPLES = {
    "buat": "build.py 2020",
    "vars": "build.py vars 2020",
    "init": "build.py init 2021",
    "workbook": "build.py workbook 2020",
    "semua": "build.py semua ../dinas-a ../dinas-b",
    "panel": "build.py panel",
    "baru": "build.py baru ../dinas-baru",
}


class WordedUsageError(UsageError):
    """A usage error already worded in Indonesian (shown as it is)."""


def _param_name(param, hint) -> str:
    if param is None:
        return str(hint or "nilai").strip("'\"")
    if isinstance(param, click.Argument):
        return param.human_readable_name
    return max(param.opts, key=len)


def _bad_value(error: BadParameter) -> str:
    name = _param_name(error.param, error.param_hint)
    param_type = getattr(error.param, "type", None)
    found = _found_value(error)
    if isinstance(param_type, click.IntRange):
        low, high = param_type.min, param_type.max
        return (f"{name} harus berupa tahun antara {low} dan {high}; yang ditulis: {found}. "
                f"Contoh: build.py 2020")
    if isinstance(param_type, click.Path):
        return f"{name}: folder {found} tidak ditemukan. Saran: periksa nama foldernya."
    return f"{name}: nilai {found} tidak dapat dipakai."


def _found_value(error: UsageError) -> str:
    """The value the user typed, taken from click's message ("'abc' is not …", "1800 is not …")."""
    text = error.message or ""
    if "'" in text:
        first = text.index("'")
        second = text.find("'", first + 1)
        if second > first:
            return f'"{text[first + 1:second]}"'
    word = text.split(" ", 1)[0]
    return f'"{word}"' if word else "(kosong)"


def usage_message(error: UsageError, commands: list[str]) -> str:
    """An Indonesian sentence for a click usage error.

    ``commands``: the group's command names, offered when a command is unknown.
    """
    if isinstance(error, NoSuchCommand):
        return (f"Perintah {_found_value(error)} tidak dikenal. Perintah yang ada: "
                f"{', '.join(commands)}. Untuk membuat laporan cukup tulis tahunnya, "
                "mis. build.py 2020")
    if isinstance(error, NoSuchOption):
        guess = ""
        if error.possibilities:
            guess = " Mungkin maksudnya: " + " atau ".join(sorted(error.possibilities)) + "?"
        return f'Opsi "{error.option_name}" tidak dikenal.{guess}'
    if isinstance(error, WordedUsageError):
        return error.message
    if isinstance(error, MissingParameter):
        name = _param_name(error.param, error.param_hint)
        command = error.ctx.info_name if error.ctx is not None else None
        return f"{name} belum ditulis. Contoh: {EXAMPLES.get(command, 'build.py 2020')}"
    if isinstance(error, BadParameter):
        return _bad_value(error)
    if isinstance(error, BadOptionUsage):
        return f'Opsi "{error.option_name}" memerlukan sebuah nilai.'
    message = error.message or ""
    if message.startswith("Got unexpected extra argument"):
        extra = message[message.find("(") + 1:message.rfind(")")]
        return f"Ada kata berlebih yang tidak dikenal: {extra}"
    return "Perintah tidak dapat dipahami."


def run(group: click.Group, args: list[str] | None = None, prog_name: str = "build.py") -> None:
    """Run ``group`` as a program: exit 0/1/2 with Indonesian words, never click's English.

    Uses click's documented low-level API (``make_context`` + ``invoke``) rather than
    ``main()``, whose own handling would print English and turn a closed pipe into exit 1.
    """
    args = sys.argv[1:] if args is None else args
    previous = _stop_signals_interrupt()
    try:
        _run(group, args, prog_name)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop_signals_interrupt() -> dict:
    """SIGTERM and SIGHUP (a closed terminal) end a build like Ctrl+C: "Dibatalkan.", the
    temporary folders and LibreOffice cleaned up, nothing half-written. Returns the handlers
    they had (none changed outside the main thread)."""
    previous = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, _interrupt)
    return previous


def _run(group: click.Group, args: list[str], prog_name: str) -> None:
    try:
        with group.make_context(prog_name, list(args)) as ctx:
            group.invoke(ctx)
    except NoArgsIsHelpError as error:  # `build.py` alone: the help screen
        click.echo(error.ctx.get_help())
        sys.exit(0)
    except UsageError as error:
        _usage_failure(group, error, prog_name)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("\nDibatalkan.", err=True)
        sys.exit(1)
    except BrokenPipeError:
        _quiet_broken_pipe()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    sys.exit(0)


def _usage_failure(group: click.Group, error: UsageError, prog_name: str) -> None:
    ctx = error.ctx
    commands = sorted(group.list_commands(ctx)) if ctx is not None else []
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
    help_cmd = ctx.command_path if ctx is not None else prog_name
    click.echo(f"Coba '{help_cmd} --help' untuk bantuan.\n", err=True)
    click.echo(f"Kesalahan: {usage_message(error, commands)}", err=True)
    sys.exit(2)


def _quiet_broken_pipe() -> None:
    """The reader of our output went away (``| head``): end quietly with 0, as ``cat`` does.

    Python's own advice (docs, "Note on SIGPIPE"): point stdout at devnull so the interpreter's
    final flush does not raise again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(0)
