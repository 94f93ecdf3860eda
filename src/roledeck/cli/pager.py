"""Paging long output on a terminal, as git and gh do: `$ROLES_PAGER`, else `$PAGER`, else
`less -FRX`.

Only when stdout is a terminal and the output is taller than it: a pipe or a file gets the
text as it is, and a table that fits is printed without starting anything. An empty pager
or `cat` means no pager (git's convention). `less` gets `LESS=FRX` unless `LESS` is set, so
colours pass through and a screenful quits at once. Quitting the pager early is not an
error, and Ctrl-C reaches the pager, not roles, while it runs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TextIO

DEFAULT_PAGER = "less -FRX"


def pager_command(environ: dict[str, str] | os._Environ[str] | None = None) -> str | None:
    """The pager to run, or None for none: `ROLES_PAGER`, then `PAGER`, then `less -FRX`."""
    env = os.environ if environ is None else environ
    for name in ("ROLES_PAGER", "PAGER"):
        if name in env:
            command = env[name].strip()
            break
    else:
        command = DEFAULT_PAGER
    return None if command in ("", "cat") else command


def terminal_height() -> int:
    """The terminal's height in lines (24 when it cannot be told)."""
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines or 24
    except (OSError, ValueError):
        lines = os.environ.get("LINES", "")
        return int(lines) if lines.isdigit() and int(lines) > 0 else 24


def write_paged(lines: Iterable[str], *, allowed: bool = True) -> None:
    """Write `lines` (no newlines of their own) to stdout, through the pager when stdout is a
    terminal, paging is `allowed` and there are more lines than the terminal has."""
    command = pager_command() if allowed and _is_terminal() else None
    if command is None:
        _write(iter(lines), sys.stdout)
        return
    it = iter(lines)
    height = terminal_height()
    first = list(islice(it, height))
    if len(first) < height:  # it fits: no pager (less -F would quit at once anyway)
        _write(iter(first), sys.stdout)
        return
    _page(command, _chain(first, it))


def _is_terminal() -> bool:
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _write(lines: Iterator[str], stream: TextIO) -> None:
    """The lines, a newline after each, in batches (10,000 rows are not joined whole)."""
    while batch := list(islice(lines, 512)):
        stream.write("\n".join(batch) + "\n")
    stream.flush()


def _page(command: str, lines: Iterator[str]) -> None:
    """Run the pager with the lines on its stdin and wait for it; text as stdout encodes."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    errors = getattr(sys.stdout, "errors", None) or "strict"
    sys.stdout.flush()
    try:
        # through a shell, as git runs its pager: PAGER may hold options or a pipeline
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, bufsize=0, env=env)
    except OSError:  # no shell to run it: print as if there were no pager
        _write(lines, sys.stdout)
        return
    assert pager.stdin is not None
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's
    try:
        with contextlib.suppress(BrokenPipeError):  # the pager was quit before the end
            while batch := list(islice(lines, 512)):
                _send(pager.stdin.fileno(), ("\n".join(batch) + "\n").encode(encoding, errors))
        pager.stdin.close()  # unbuffered: nothing left to flush into a closed pipe
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def _send(fd: int, data: bytes) -> None:
    """All of `data` to a pipe (a write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
