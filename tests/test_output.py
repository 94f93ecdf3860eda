"""`-o/--output`: written through to what the user names, never replacing what is not ours.

Every command that takes `-o` (lint, matrix) goes through `cli.common.write_output`; each case
runs both. Device nodes are made in the test's own folder when running as root (mknod), so a
regression replaces a test file, never the machine's /dev/full.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from roledeck import fsio

from .faults import inject, temporaries
from .helpers import REPO, run_roles

ROLES_BIN = Path(sys.executable).with_name("roles")
COMMANDS = [("lint",), ("matrix", "--format", "text")]
IS_ROOT = os.geteuid() == 0


def _expected(command: tuple[str, ...]) -> str:
    """What the command writes to stdout without -o (the text every target must receive)."""
    return run_roles(*command).stdout


@pytest.fixture(params=COMMANDS, ids=lambda c: c[0])
def command(request: pytest.FixtureRequest) -> tuple[str, ...]:
    return tuple(request.param)


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device like /dev/<name> (1, minor): our own node when root, else /dev's."""
    if not IS_ROOT:
        return Path("/dev") / name
    node = tmp_path / name
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return node


class Fifo:
    """A FIFO with a reader thread collecting what is written to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self._data: list[bytes] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        with self.path.open("rb") as reader:  # blocks until a writer opens it
            self._data.append(reader.read())

    def received(self) -> bytes:
        """Everything written, once the writer closed it (a deadline, not a sleep)."""
        self._thread.join(timeout=10)
        assert not self._thread.is_alive(), "the reader never got end of file"
        return b"".join(self._data)

    def release(self) -> None:
        """If no writer ever came, open and close one so the reader thread ends."""
        if self._thread.is_alive():
            with contextlib.suppress(OSError):
                os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
            self._thread.join(timeout=10)


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Fifo]:
    made = Fifo(tmp_path / "report.fifo")
    yield made
    made.release()


def test_a_missing_folder_is_one_line_and_exit_2(
    tmp_path: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "roles").symlink_to(REPO / "roles")
    result = run_roles(*command, "-o", "nodir/out.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "nodir/out.txt: cannot write: no such folder: nodir\n"
    assert not (tmp_path / "nodir").exists()


def test_a_folder_is_one_line_and_exit_2(tmp_path: Path, command: tuple[str, ...]) -> None:
    result = run_roles(*command, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path}: cannot write: is a folder\n"


def test_dash_and_dev_stdout_are_stdout(command: tuple[str, ...]) -> None:
    expected = _expected(command)
    for name in ("-", "/dev/stdout"):
        result = run_roles(*command, "-o", name)
        assert (result.exit_code, result.stdout) == (0, expected), name


def test_a_regular_file_is_replaced_whole_keeping_its_permissions(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    out = tmp_path / "report.txt"
    out.write_text("an old, much longer report that must not survive in part\n" * 50)
    out.chmod(0o640)
    inode = out.stat().st_ino
    assert run_roles(*command, "-o", str(out)).exit_code == 0
    assert out.read_text() == _expected(command)
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.stat().st_ino != inode  # a new file renamed over the old one: atomic
    assert temporaries(tmp_path) == []


def test_a_symlink_to_a_file_stays_a_link(tmp_path: Path, command: tuple[str, ...]) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    assert run_roles(*command, "-o", str(link)).exit_code == 0
    assert link.is_symlink() and link.readlink() == Path("real.txt")
    assert real.read_text() == _expected(command)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to("made-by-roles.txt")
    assert run_roles(*command, "-o", str(dangling)).exit_code == 0
    assert dangling.is_symlink() and (tmp_path / "made-by-roles.txt").read_text()


def test_a_fifo_is_written_to_not_replaced(fifo: Fifo, command: tuple[str, ...]) -> None:
    expected = _expected(command)
    result = run_roles(*command, "-o", str(fifo.path))
    assert result.exit_code == 0, result.stderr
    assert fifo.received() == expected.encode()
    assert stat.S_ISFIFO(fifo.path.lstat().st_mode)


def test_a_symlink_to_a_fifo_is_written_through(fifo: Fifo, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(fifo.path)
    assert run_roles("lint", "-o", str(link)).exit_code == 0
    assert fifo.received() == _expected(("lint",)).encode()
    assert link.is_symlink() and stat.S_ISFIFO(fifo.path.lstat().st_mode)


def test_dev_null_is_written_to_and_stays_a_device(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    null = _device(tmp_path, "null", 3)
    result = run_roles(*command, "-o", str(null))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_dev_full_is_enospc_one_line_and_stays_a_device(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    full = _device(tmp_path, "full", 7)
    result = run_roles(*command, "-o", str(full))
    assert result.exit_code == 2
    assert result.stderr == f"{full}: cannot write: No space left on device\n"
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.EACCES, "Permission denied"),
        (errno.EROFS, "Read-only file system"),
    ],
)
def test_a_read_only_folder_is_one_line_and_the_file_is_unchanged(
    tmp_path: Path,
    command: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    message: str,
) -> None:
    out = tmp_path / "report.txt"
    out.write_text("previous report\n")
    faulty = inject(monkeypatch).read_only(code)
    result = run_roles(*command, "-o", str(out))
    assert faulty.fired.get("open")  # the report (and, for lint, its cache) not created
    assert (result.exit_code, result.stderr) == (2, f"{out}: cannot write: {message}\n")
    assert out.read_text() == "previous report\n"
    assert temporaries(tmp_path, Path(os.environ["ROLES_CACHE_DIR"])) == []


@pytest.mark.skipif(IS_ROOT, reason="root ignores permission bits; the injected EACCES covers it")
def test_a_folder_without_write_permission(tmp_path: Path, command: tuple[str, ...]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run_roles(*command, "-o", str(folder / "out.txt"))
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr == f"{folder / 'out.txt'}: cannot write: Permission denied\n"


def test_a_full_disk_never_leaves_a_half_written_file(
    tmp_path: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.txt"
    out.write_text("previous report\n")
    faulty = inject(monkeypatch).disk_full(after=20)
    result = run_roles(*command, "-o", str(out))
    assert faulty.fired.get("write")  # the report (and, for lint, its cache) not written
    assert result.exit_code == 2
    assert result.stderr == f"{out}: cannot write: No space left on device\n"
    assert out.read_text() == "previous report\n"
    assert temporaries(tmp_path, Path(os.environ["ROLES_CACHE_DIR"])) == []


def test_what_is_a_stream() -> None:
    assert fsio.output_is_stdout("-") and fsio.output_is_stdout("/dev/stdout")
    assert not fsio.output_is_stdout("out.txt")
    assert fsio.is_stream(Path("/dev/null"))
    assert fsio.is_stream(Path("/proc/self/fd/0")) or not Path("/proc/self/fd/0").exists()
    assert not fsio.is_stream(Path("no-such-file.txt"))
    assert not fsio.is_stream(REPO / "README.md")


@pytest.mark.skipif(not ROLES_BIN.exists(), reason="the roles console script is not installed")
def test_dev_stdout_through_a_pipe_and_into_a_file(tmp_path: Path) -> None:
    """`roles lint -o /dev/stdout | wc -l` and `{ echo header; roles lint -o /dev/stdout; } > f`.

    Through a pipe /dev/stdout is a FIFO; redirected to a file it is a link to that file
    through /proc, which must be written to (after what the shell wrote), never replaced.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("ROLES_DIR", "NO_COLOR")}
    piped = subprocess.run(
        [str(ROLES_BIN), "lint", "-o", "/dev/stdout"],
        cwd=REPO,
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert (piped.returncode, piped.stderr) == (0, b"")
    expected = _expected(("lint",)).encode()
    assert piped.stdout == expected
    into = tmp_path / "into.txt"
    script = f'{{ echo header; "{ROLES_BIN}" lint -o /dev/stdout; }} > "{into}"'
    done = subprocess.run(
        ["sh", "-c", script], cwd=REPO, env=env, capture_output=True, check=False, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert into.read_bytes() == b"header\n" + expected
