"""Every hostile input through every command: the exact exit code and message, nothing else.

The table is `hostile_corpus.CASES` x `hostile_corpus.COMMANDS`; the time and memory bounds of
the same cases are checked by `bench/hostile.py` (`make hostile-check`), not here.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from roledeck import source

from .helpers import REPO, run_roles
from .hostile_corpus import CASES, COMMANDS, Case, Command, build, expected, raw_controls

PAIRS = [
    pytest.param(case, command, id=f"{case.name}-{command.name}")
    for case in CASES
    for command in COMMANDS
]


def _simulate_unreadable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """As root, chmod 000 does not stop reading: refuse the open the way the OS would."""
    real_open = source._open_nonblocking

    def refusing(candidate: Path) -> int:
        if Path(candidate) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(candidate))
        return real_open(candidate)

    monkeypatch.setattr(source, "_open_nonblocking", refusing)


@pytest.mark.parametrize(("case", "command"), PAIRS)
def test_hostile_input(
    case: Case, command: Command, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build(case, tmp_path)
    if case.unreadable and os.geteuid() == 0:
        _simulate_unreadable(monkeypatch, built.path)
    want = expected(case, command, built)

    result = run_roles(*command.argv(built))

    both = result.stdout + result.stderr
    assert result.exit_code in want.exit_codes, both[-2000:]
    if want.stderr is not None:
        assert result.stderr == want.stderr
    for fragment in want.stdout:
        assert fragment in result.stdout
    for fragment in want.absent:
        assert fragment not in both
    assert "Traceback" not in both
    assert raw_controls(both) == []
    if command.json and result.stdout:
        json.loads(result.stdout)


def test_every_case_is_documented() -> None:
    doc = (REPO / "docs" / "hostile-input.md").read_text(encoding="utf-8")
    missing = [case.name for case in CASES if f"`{case.name}`" not in doc]
    assert missing == []


def test_case_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("case_name", "message"),
    [
        ("name-traversal", "IO001 not a role file (.md, .mdx, .markdown, .yaml, .yml): not read"),
        ("symlink-file-outside", "IO001 resolves outside the catalog through a symlink"),
        ("symlink-dir-outside", "IO001 resolves outside the catalog through a symlink"),
        ("fifo", "IO001 not a regular file"),
    ],
)
def test_lint_reads_only_role_files_named_on_the_command_line(
    case_name: str, message: str, tmp_path: Path
) -> None:
    """`roles lint $(git diff --name-only)` in CI: a path from a pull request is not trusted."""
    case = next(c for c in CASES if c.name == case_name)
    built = build(case, tmp_path)
    result = run_roles(
        "lint",
        "--no-cache",
        built.target,
        "--roles-dir",
        str(built.root),
        "--config",
        str(built.config),
    )
    assert result.exit_code == 1
    assert f"{built.target}:1:1: {message}" in result.stdout
    assert "Secret" not in result.stdout and "root:" not in result.stdout
