"""Writing files: readers see the old file or the new one, never a part, and nothing not ours
is replaced.

Two ways to write, chosen by what is there:

- A regular file (or a new one) is replaced atomically: the new text goes to a temporary file
  in the same folder (`.NAME.PID.RANDOM.tmp`, so the rename never crosses a filesystem),
  takes the permission bits of the file it replaces (or the umask's), and is renamed over the
  target in one step. On any failure, an interrupt included, the temporary file is removed
  and the target is untouched. A symlink is written through: its target is replaced, the
  link stays a link. A run killed outright (SIGKILL) can leave its one temporary file behind;
  the next run that writes in that folder removes it (`remove_stale_temporaries`).
- What is not a regular file — a FIFO, a device such as /dev/null or /dev/full, /dev/stdout
  and the other /dev/fd and /proc/self/fd links — is opened and written to, never replaced
  (`output_file`, for `-o`).

`fmt`, `new`, `export`, `lint --fix`, every `-o` and the lint cache write through here, and
every system call goes through this module's `os`, so the fault tests can fail any of them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

Stamp = tuple[int, int, int, int]
"""What identifies a version of a file: device, inode, size and modification time (ns)."""

_BUFFER = 1 << 16
_TEMP = re.compile(r"\..+\.(?P<pid>[0-9]+)\.[0-9a-f]{8}\.tmp")
_STREAM_PREFIXES = ("/dev/fd/", "/dev/std", "/proc/")


class NotReplaced(OSError):
    """The target exists but is not a regular file: it is not ours to replace."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{what}, not a regular file: not replaced")
        self.strerror = f"{what}, not a regular file: not replaced"
        self.filename = str(path)


class ChangedOnDisk(OSError):
    """The target changed since it was read: writing now would lose someone's edit."""

    def __init__(self, path: Path) -> None:
        super().__init__("changed on disk since it was read: not written")
        self.strerror = "changed on disk since it was read: not written"
        self.filename = str(path)


def stamp(path: str | Path) -> Stamp | None:
    """The current version of a file (following symlinks), or None if there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def temporary_name(target: Path) -> Path:
    """A fresh temporary file name beside `target`, carrying our pid (see `_TEMP`)."""
    return target.parent / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"


class AtomicFile:
    """The new version of `target`, written to a temporary file and renamed over it on commit.

    As a context manager it commits when the block ends normally and removes the temporary
    file when it raises (KeyboardInterrupt included). Writes are buffered and go out with
    `os.write`. With `durable`, the data reaches the disk (fsync) before the rename; the lint
    cache skips that (a lost cache is only slower), and so do test suites that set
    `ROLES_TEST_FSYNC=0`, as git's set `GIT_TEST_FSYNC=0`: a rename is atomic for a process
    killed with or without it; the sync only matters when the machine loses power. With
    `overwrite=False` an existing file is never replaced, even one created meanwhile: the last
    step is then a hard link, which fails if the name exists. With `expected`, the commit is
    refused (`ChangedOnDisk`) if the target is no longer that version of the file.
    """

    def __init__(
        self,
        target: Path,
        *,
        overwrite: bool = True,
        durable: bool = True,
        expected: Stamp | None = None,
    ) -> None:
        self.target = target
        self.overwrite = overwrite
        self.durable = durable
        self.expected = expected
        self.temp = temporary_name(target)
        self._buffer: list[bytes] = []
        self._buffered = 0
        # 0o666 lets the umask decide, as for any new file; a replaced file's bits are copied
        self._fd: int | None = os.open(
            self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666
        )

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()

    def write(self, data: bytes) -> None:
        self._buffer.append(data)
        self._buffered += len(data)
        if self._buffered >= _BUFFER:
            self._flush()

    def _flush(self) -> None:
        if self._fd is None:
            raise ValueError("write to a closed AtomicFile")
        data = b"".join(self._buffer)
        self._buffer, self._buffered = [], 0
        write_all(self._fd, data)

    def commit(self) -> None:
        """Flush, sync and rename over the target; on any failure, remove the temporary file."""
        try:
            self._flush()
            fd, self._fd = self._fd, None
            assert fd is not None
            try:
                if self.durable and os.environ.get("ROLES_TEST_FSYNC") != "0":
                    os.fsync(fd)
            finally:
                os.close(fd)
            self._adopt_owner_and_mode()
            if self.expected is not None and stamp(self.target) != self.expected:
                raise ChangedOnDisk(self.target)
            if self.overwrite:
                os.replace(self.temp, self.target)
            else:
                _link_new(self.temp, self.target)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Forget the new version: close and remove the temporary file (never raises)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(self.temp)

    def _adopt_owner_and_mode(self) -> None:
        """Give the new file the replaced file's permission bits (and owner, if we may)."""
        try:
            info = os.stat(self.target)
        except FileNotFoundError:
            return
        os.chmod(self.temp, stat.S_IMODE(info.st_mode))
        mine = os.stat(self.temp)
        if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(self.temp, info.st_uid, info.st_gid)


def write_all(fd: int, data: bytes) -> None:
    """`os.write` until every byte is written (a pipe or a signal may take fewer)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(
    path: Path,
    text: str,
    *,
    overwrite: bool = True,
    expected: Stamp | None = None,
) -> None:
    """Write `text` (UTF-8, newlines as given) to the regular file `path` atomically.

    A symlink is written through, so the link stays a link. What exists and is not a regular
    file (a folder, a FIFO, a device) is refused with `NotReplaced`; `expected` refuses to
    replace a file that changed since it was read (`ChangedOnDisk`).
    """
    target = Path(os.path.realpath(path))
    _refuse_non_regular(target)
    with AtomicFile(target, overwrite=overwrite, expected=expected) as out:
        out.write(text.encode("utf-8"))


def _refuse_non_regular(target: Path) -> None:
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise NotReplaced(target, _kind(info.st_mode))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _link_new(temp: Path, target: Path) -> None:
    """Give `temp` the name `target` only if that name is free (FileExistsError otherwise)."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        # a filesystem without hard links: check, then rename (a narrow race, but no loss
        # of a file that existed before we started)
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.replace(temp, target)
        return
    os.unlink(temp)


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the temporary files that killed runs left in `folder`; how many were removed.

    A temporary file is ours by its name (`.NAME.PID.RANDOM.tmp`) and stale when no process
    of that pid is running; a running process's file is never touched. Errors are ignored:
    this is housekeeping.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        found = _TEMP.fullmatch(entry.name)
        if found is None or int(found["pid"]) == os.getpid() or _running(int(found["pid"])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process (or a pid we cannot ask about): keep its file
    return True


# -- output files (`-o`) ----------------------------------------------------------------------


class OutputError(OSError):
    """`-o` names something that cannot be written: a missing folder, a folder, a socket."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.strerror = message
        self.filename = str(path)


class Sink:
    """Where `output_file` writes: text in, UTF-8 out, in the order given."""

    def __init__(self, atomic: AtomicFile | None = None, fd: int | None = None) -> None:
        self._atomic = atomic
        self._fd = fd

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        if self._atomic is not None:
            self._atomic.write(data)
        elif self._fd is not None:
            write_all(self._fd, data)


def output_is_stdout(path: Path | str) -> bool:
    """`-` and the names of standard output: the caller writes those to its stdout."""
    return str(path) in ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def is_stream(path: Path) -> bool:
    """Whether `-o path` is written to in place rather than replaced.

    Anything that exists and is not a regular file, and any path that reaches a file through
    /dev/fd or /proc (reopening `/dev/stdout` redirected to a file must not replace that
    file, which the shell may have written to already).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(info.st_mode) or _through_proc(path)


def _through_proc(path: Path) -> bool:
    """Whether the path, or any symlink on the way to its file, is under /dev/fd or /proc."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on symlinks followed
        if current.startswith(_STREAM_PREFIXES):
            return True
        try:
            link = os.readlink(current)
        except OSError:
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return True


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[Sink]:
    """Write `-o PATH`: a regular or new file replaced atomically, anything else written to.

    A missing folder, a folder, or anything that cannot be opened raises `OSError` naming
    `path` (for the caller to report as one line); a regular file is then left as it was.
    A FIFO is opened as a shell redirection opens it: waiting for a reader.
    """
    if is_stream(path):
        fd = _open_stream(path)
        try:
            yield Sink(fd=fd)
        finally:
            os.close(fd)
        return
    target = Path(os.path.realpath(path))
    folder = target.parent if os.path.islink(path) else (path.parent or Path("."))
    try:
        parent = os.stat(target.parent)
    except FileNotFoundError:
        raise OutputError(path, f"no such folder: {folder}") from None
    if not stat.S_ISDIR(parent.st_mode):
        raise OutputError(path, f"not a folder: {folder}")
    with AtomicFile(target) as atomic:
        yield Sink(atomic=atomic)


def _open_stream(path: Path) -> int:
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(path, "is a folder")
    if stat.S_ISSOCK(info.st_mode):
        raise OutputError(path, "is a socket")
    # append: through /dev/fd to a regular file, the shell may have written to it already
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    return os.open(path, flags)


def write_output(path: Path, text: str) -> None:
    """`output_file` for a text that is ready whole."""
    with output_file(path) as sink:
        sink.write(text)
