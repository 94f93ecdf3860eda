"""`roles list` on a real pseudo-terminal (issue 18): the fitted table, and paging it.

The installed `roles` runs in a subprocess whose stdout is a pty of a set size
(`pty.openpty` + `TIOCSWINSZ`), as on a user's terminal; the pager is a fake one (a small
script that records what it was given), so nothing waits for keys.
"""

from __future__ import annotations

import fcntl
import json
import os
import struct
import subprocess
import sys
import tempfile
import termios
from dataclasses import dataclass
from pathlib import Path

import pytest

from roledeck.reporters.role_table import table_view
from roledeck.summary import RoleSummary

from .helpers import ROLES, write

ROLES_BIN = Path(sys.executable).with_name("roles")
pytestmark = pytest.mark.skipif(
    not ROLES_BIN.exists(), reason="the roles console script is not installed"
)

FAKE_PAGER = """\
import json, os, sys
log = sys.argv[1]
data = sys.stdin.buffer.read(int(sys.argv[2])) if len(sys.argv) > 2 else sys.stdin.buffer.read()
with open(log, "wb") as out:
    out.write(data)
with open(log + ".json", "w") as out:
    json.dump({"LESS": os.environ.get("LESS"), "args": sys.argv[1:]}, out)
sys.stdout.write("[paged]\\n")
"""


@dataclass
class Run:
    returncode: int
    screen: str
    """What reached the terminal, newlines as written (the pty's \\r\\n turned back)."""
    stderr: str


def run_on_terminal(*args: str, cols: int, rows: int, env: dict[str, str | None], cwd: Path) -> Run:
    """`roles ARGS` with stdout on a cols×rows pseudo-terminal; stderr goes to a file."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    full_env.update({"NO_COLOR": "1", "TERM": "xterm-256color", "ROLES_DIR": ""})
    for key, value in env.items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = value
    with tempfile.TemporaryFile() as stderr_file:
        proc = subprocess.Popen(
            [str(ROLES_BIN), *args],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=stderr_file,
            cwd=cwd,
            env=full_env,
        )
        os.close(slave)
        screen = _read_all(master)
        proc.wait(timeout=120)
        stderr_file.seek(0)
        stderr = stderr_file.read().decode()
    return Run(proc.returncode, screen, stderr)


def _read_all(master: int) -> str:
    """What the terminal received until its last writer closed it."""
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def _catalog(folder: Path, count: int) -> Path:
    for index in range(count):
        name = f"Platform Reliability Lead {index:02d}"
        write(
            folder / "engineering" / f"lead-{index:02d}.md",
            f"---\ntags: [ops, role]\n---\n# The Role of a {name}\n\n## Why a {name} is Needed\n\n"
            "- Someone must.\n",
        )
    return folder


def _pager(tmp_path: Path, limit: int | None = None) -> tuple[str, Path]:
    script = write(tmp_path / "fake_pager.py", FAKE_PAGER)
    log = tmp_path / "paged.txt"
    command = f"{sys.executable} {script} {log}" + (f" {limit}" if limit else "")
    return command, log


def test_a_table_that_fits_the_terminal_is_printed_without_a_pager(tmp_path: Path) -> None:
    command, log = _pager(tmp_path)
    run = run_on_terminal("list", cols=80, rows=24, env={"ROLES_PAGER": command}, cwd=ROLES.parent)
    assert run.returncode == 0, run.stderr
    assert not log.exists()
    assert run.screen.startswith("id                 name           tags            needs")
    assert "                   Engineer       FAQ\n" in run.screen  # wrapped at 80 columns
    assert "\x1b" not in run.screen  # NO_COLOR


def test_a_taller_table_goes_through_the_pager_whole(tmp_path: Path) -> None:
    folder = _catalog(tmp_path / "catalog", 30)
    command, log = _pager(tmp_path)
    run = run_on_terminal(
        "list", "--roles-dir", str(folder), cols=100, rows=12,
        env={"ROLES_PAGER": command, "PAGER": "false", "LESS": None}, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.screen == "[paged]\n"  # only the pager wrote to the terminal
    paged = log.read_text()
    lines = paged.splitlines()
    assert lines[0].split()[:3] == ["id", "name", "tags"]
    assert sum(line.startswith("engineering/lead-") for line in lines) == 30
    assert lines[-1].startswith("30 role(s).")
    assert all(len(line) <= 100 for line in lines)
    assert json.loads(Path(f"{log}.json").read_text())["LESS"] == "FRX"


def test_roles_pager_comes_before_pager_and_less_is_the_default(tmp_path: Path) -> None:
    folder = _catalog(tmp_path / "catalog", 30)
    command, log = _pager(tmp_path)
    by_pager = run_on_terminal(
        "list", "--roles-dir", str(folder), cols=100, rows=10,
        env={"ROLES_PAGER": None, "PAGER": command, "LESS": "-S"}, cwd=tmp_path,
    )  # fmt: skip
    assert by_pager.screen == "[paged]\n" and log.exists()
    assert json.loads(Path(f"{log}.json").read_text())["LESS"] == "-S"  # the user's LESS kept
    bin_dir = tmp_path / "bin"
    fake_less = write(bin_dir / "less", f"#!{sys.executable}\n" + FAKE_PAGER.replace(
        "log = sys.argv[1]", f"log = {str(tmp_path / 'less.txt')!r}"
    ))  # fmt: skip
    fake_less.chmod(0o755)
    default = run_on_terminal(
        "list", "--roles-dir", str(folder), cols=100, rows=10,
        env={"ROLES_PAGER": None, "PAGER": None, "LESS": None,
             "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
        cwd=tmp_path,
    )  # fmt: skip
    assert default.screen == "[paged]\n", default.stderr
    assert json.loads((tmp_path / "less.txt.json").read_text())["args"] == ["-FRX"]


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-pager"], {}),
        ([], {"ROLES_PAGER": ""}),
        ([], {"ROLES_PAGER": "cat"}),
        ([], {"ROLES_PAGER": None, "PAGER": "cat"}),
    ],
    ids=["--no-pager", "empty", "cat", "PAGER=cat"],
)
def test_no_pager_when_asked(tmp_path: Path, args: list[str], env: dict[str, str | None]) -> None:
    folder = _catalog(tmp_path / "catalog", 30)
    command, log = _pager(tmp_path)
    run = run_on_terminal(
        "list", *args, "--roles-dir", str(folder), cols=100, rows=10,
        env={"ROLES_PAGER": command, **env}, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert not log.exists()
    assert run.screen.count("engineering/lead-") == 30
    rows = [_summary(i) for i in range(30)]
    assert run.screen == table_view(rows, color=False, width=100) + "\n"


def _summary(index: int) -> RoleSummary:
    return RoleSummary(
        f"engineering/lead-{index:02d}", f"Platform Reliability Lead {index:02d}",
        ["ops", "role"], 1, 0, [], None,
    )  # fmt: skip


def test_piped_output_is_never_paged(tmp_path: Path) -> None:
    folder = _catalog(tmp_path / "catalog", 30)
    command, log = _pager(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run(
        [str(ROLES_BIN), "list", "--roles-dir", str(folder)],
        env={**env, "ROLES_PAGER": command, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0 and not log.exists()
    assert len(done.stdout.splitlines()) == 32  # the plain layout: a line per role


def test_quitting_the_pager_early_is_not_an_error_and_warnings_come_after_it(
    tmp_path: Path,
) -> None:
    folder = _catalog(tmp_path / "catalog", 300)
    write(folder / "broken.md", "---\ntitle: x\n")
    command, log = _pager(tmp_path, limit=100)  # reads 100 bytes, then exits
    run = run_on_terminal(
        "list", "--roles-dir", str(folder), cols=100, rows=10,
        env={"ROLES_PAGER": command}, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 2  # the broken file, as without a pager
    assert run.screen == "[paged]\n"
    assert len(log.read_bytes()) == 100
    assert (
        run.stderr
        == f"{folder / 'broken.md'}:1: frontmatter is not closed: no '---' line after the opening one\n"
    )


def test_the_terminal_width_is_what_the_table_fits(tmp_path: Path) -> None:
    long_id = "senior-staff-principal-platform-reliability-engineer"
    write(
        tmp_path / "catalog" / f"{long_id}.md",
        "# The Role of a Senior Staff Principal Platform Reliability Engineer\n",
    )
    for cols in (80, 120):
        run = run_on_terminal(
            "list", "--roles-dir", str(tmp_path / "catalog"), cols=cols, rows=40,
            env={}, cwd=tmp_path,
        )  # fmt: skip
        lines = run.screen.splitlines()
        assert lines[0].split() == [
            "id",
            "name",
            "tags",
            "needs",
            "duties",
            "S",
            "D",
            "Sec",
            "M",
            "C",
        ]
        assert all(len(line) <= cols for line in lines)
        assert (long_id in run.screen) is (cols == 120)
