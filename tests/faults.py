"""Fault injection for the write tests: the `os` that roledeck.fsio calls, made to fail.

Every system call of a write goes through `roledeck.fsio.os` (fsio.py says so), so replacing
that one name fails exactly roledeck's writes — not pytest's, not the reads — as sqlite's
and git's test suites fail their own I/O layer. `FaultyOS` passes every call through to the
real `os` except the ones a test arms, and counts how often each armed fault fired, so a
test can check that its fault was really hit.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from roledeck import fsio


class FaultyOS:
    """Stands in for the `os` module inside roledeck.fsio."""

    def __init__(self) -> None:
        self.fired: dict[str, int] = {}
        self._budget: int | None = None
        self._write_errno = errno.ENOSPC
        self._open_errno: int | None = None
        self._failing: dict[str, Callable[..., Any]] = {}
        self._before: dict[str, Callable[[], None]] = {}

    def __getattr__(self, name: str) -> Any:
        if name in self._failing:
            return self._failing[name]
        if name in self._before:
            real = getattr(os, name)

            def after_action(*args: Any, **kwargs: Any) -> Any:
                self._run_before(name)
                return real(*args, **kwargs)

            return after_action
        return getattr(os, name)

    def before(self, name: str, action: Callable[[], None]) -> FaultyOS:
        """Run `action` once, just before the first `os.<name>`: the world changes mid-write."""
        self._before[name] = action
        return self

    def _run_before(self, name: str) -> None:
        action = self._before.pop(name, None)
        if action is not None:
            self._fire(f"before {name}")
            action()

    def _fire(self, what: str) -> None:
        self.fired[what] = self.fired.get(what, 0) + 1

    # -- the faults a test arms ---------------------------------------------------------------

    def disk_full(self, after: int = 10, code: int = errno.ENOSPC) -> FaultyOS:
        """`os.write` writes `after` bytes in all, then fails with `code` (a full disk)."""
        self._budget, self._write_errno = after, code
        return self

    def read_only(self, code: int = errno.EROFS) -> FaultyOS:
        """Creating a file fails with `code` (EROFS: a read-only mount, EACCES: a folder
        without write permission — which root ignores, so the bits alone cannot test it)."""
        self._open_errno = code
        return self

    def fail(self, name: str, code: int = errno.EIO) -> FaultyOS:
        """`os.<name>` fails with `code`."""

        def failing(*args: object, **kwargs: object) -> Any:
            self._fire(name)
            raise OSError(code, os.strerror(code))

        self._failing[name] = failing
        return self

    def interrupt(self, name: str) -> FaultyOS:
        """`os.<name>` raises KeyboardInterrupt (Ctrl-C at the worst moment)."""

        def interrupted(*args: object, **kwargs: object) -> Any:
            self._fire(name)
            raise KeyboardInterrupt

        self._failing[name] = interrupted
        return self

    # -- the calls that consult the armed faults ----------------------------------------------

    def write(self, fd: int, data: bytes | memoryview) -> int:
        self._run_before("write")
        if "write" in self._failing:
            return int(self._failing["write"](fd, data))
        if self._budget is None:
            return os.write(fd, data)
        if self._budget <= 0:
            self._fire("write")
            raise OSError(self._write_errno, os.strerror(self._write_errno))
        written = os.write(fd, bytes(data[: self._budget]))
        self._budget -= written
        return written

    def open(self, path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        self._run_before("open")
        if "open" in self._failing:
            return int(self._failing["open"](path, flags, mode))
        if self._open_errno is not None and flags & os.O_CREAT:
            self._fire("open")
            raise OSError(self._open_errno, os.strerror(self._open_errno), str(path))
        return os.open(path, flags, mode, **kwargs)

    def replace(self, src: Any, dst: Any) -> None:
        self._run_before("replace")
        if "replace" in self._failing:
            self._failing["replace"](src, dst)
        os.replace(src, dst)  # noqa: PTH105 (the real call, as fsio makes it)


def inject(monkeypatch: pytest.MonkeyPatch) -> FaultyOS:
    """A `FaultyOS` in place of roledeck.fsio's `os` for the rest of the test."""
    faulty = FaultyOS()
    monkeypatch.setattr(fsio, "os", faulty)
    return faulty


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` by relative path, with its bytes.

    Temporary files (`.*.tmp`) are not in it: `temporaries` checks them on their own (a run
    killed in the middle of a write may leave the one it was writing).
    """
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not p.is_symlink()
        and not (p.name.startswith(".") and p.name.endswith(".tmp"))
    }


def temporaries(*folders: Path) -> list[Path]:
    """Temporary files (`.*.tmp`) below the folders: none may be left after a write."""
    return sorted(p for folder in folders for p in folder.rglob(".*.tmp"))


def assert_each_whole(
    folder: Path, before: dict[str, bytes], after: dict[str, bytes] | None = None
) -> dict[str, str]:
    """Each file is byte-identical to `before` or to `after`, none missing, none added.

    Returns which ("before" or "after") each file is, so a test can say how many were
    rewritten.
    """
    now = snapshot(folder)
    assert sorted(now) == sorted(before), "files appeared or disappeared"
    states: dict[str, str] = {}
    for name, data in now.items():
        if data == before[name]:
            states[name] = "before"
        elif after is not None and data == after[name]:
            states[name] = "after"
        else:
            raise AssertionError(f"{name} is neither its old text nor its new one")
    return states
