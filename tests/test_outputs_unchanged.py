"""Byte-identical outputs (issues 18, 21): the name index changes how fast, never what.

Every command is run twice over the same catalog: once as a full scan (every file parsed to
resolve a name or list the roles, as before the index) and once through the name index, cold
(no index file yet) and then warm; `roles list` in each format, piped and fitted to
`COLUMNS=100`. Their stdout, stderr and exit codes must be the same, byte for byte.
The expected outputs are the full scan's, not strings written here: the test compares the
two ways of answering, for the seeds and for a varied catalog of more than `INDEX_FROM` files
(so that the real threshold, not a patched one, sends names to the index).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roledeck import catalog

from .browsecases import make_catalog, profile
from .helpers import ROLES, Result, run_roles, write

SEED_COMMANDS = [
    ["show", "devops-specialist"],
    ["show", "specialist", "-f", "json"],
    ["show", "engineer", "-f", "markdown"],
    ["show", "DevOps Engineer", "-f", "text"],
    ["show", "devops"],  # ambiguous
    ["show", "enginer"],  # a typo: did you mean
    ["diff", "engineer", "specialist"],
    ["diff", "engineer", "specialist", "-f", "json"],
    ["diff", "devops-engineer", "specialist", "--stat", "--exit-code"],
    ["list"],
    ["list", "-f", "json"],
    ["lint"],
    ["list", "-f", "ids"],
    ["COLUMNS=100", "list"],
    ["COLUMNS=100", "list", "-f", "json"],
]

VARIED_COMMANDS = [
    ["show", "manager"],
    ["show", "coach", "-f", "json"],
    ["show", "mlops"],
    ["show", "platform/mlops"],
    ["show", "sre", "-f", "text"],
    ["show", "advocate"],
    ["show", "team/role-07"],
    ["show", "role 31"],
    ["show", "engineer"],  # ambiguous across the catalog
    ["show", "nobody"],  # no such role, and files that cannot be read
    ["diff", "manager", "coach"],
    ["diff", "mlops", "specialist", "-f", "json"],
    ["diff", "role-03", "role-04", "--stat"],
    ["list"],
    ["list", "-f", "ids"],
    ["lint", "-f", "json"],
    ["list", "-f", "json"],
    ["list", "--tag", "team", "--tag", "ops"],
    ["COLUMNS=100", "list"],
    ["COLUMNS=100", "list", "-f", "ids"],
    ["COLUMNS=100", "list", "-f", "json"],
]


def _varied(root: Path) -> Path:
    make_catalog(root)
    for n in range(40):  # past INDEX_FROM: names resolve through the index
        write(
            root / "team" / f"role-{n:02d}.md",
            profile(f"Role {n}", tags="[role, team]", subs=("The Developer", "The Coach")),
        )
    assert len(catalog.discover(root)) > catalog.INDEX_FROM
    return root


def _runs(
    commands: list[list[str]], root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[list[Result], list[Result], list[Result]]:
    def run(args: list[str]) -> Result:
        env: dict[str, str | None] = {}
        while args and "=" in args[0]:  # NAME=value first: the command's environment
            name, value = args[0].split("=", 1)
            env[name], args = value, args[1:]
        return run_roles(*args, "--roles-dir", str(root), env=env)

    def run_all() -> list[Result]:
        return [run(args) for args in commands]

    with monkeypatch.context() as patched:
        patched.setattr(catalog, "INDEX_FROM", 10**9)  # every name by parsing every file
        patched.setenv("ROLES_CACHE_DIR", str(tmp_path / "scan-cache"))
        scanned = run_all()
    assert not list((tmp_path / "scan-cache").glob("names-*.json"))
    monkeypatch.setenv("ROLES_CACHE_DIR", str(tmp_path / "cache"))
    cold = run_all()
    warm = run_all()
    return scanned, cold, warm


def test_the_seeds_outputs_are_the_full_scans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog, "INDEX_FROM", 0)  # two files: the index only when asked
    scanned, cold, warm = _runs(SEED_COMMANDS, ROLES, monkeypatch, tmp_path)
    assert list((tmp_path / "cache").glob("names-*.json"))  # the index was used
    for args, a, b, c in zip(SEED_COMMANDS, scanned, cold, warm, strict=True):
        assert a == b == c, args
    assert [r.exit_code for r in scanned] == [0, 0, 0, 0, 2, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0]


def test_a_varied_catalogs_outputs_are_the_full_scans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _varied(tmp_path / "roles")
    scanned, cold, warm = _runs(VARIED_COMMANDS, root, monkeypatch, tmp_path)
    assert len(list((tmp_path / "cache").glob("names-*.json"))) == 1
    for args, a, b, c in zip(VARIED_COMMANDS, scanned, cold, warm, strict=True):
        assert a == b == c, args
    assert scanned[0].exit_code == 0 and "Engineering Manager" in scanned[0].stdout
    assert scanned[8].exit_code == 2 and "is ambiguous" in scanned[8].stderr
    assert scanned[9].exit_code == 2 and "could not be read" in scanned[9].stderr
    listed = scanned[VARIED_COMMANDS.index(["list", "-f", "json"])]
    assert listed.exit_code == 2 and len(json.loads(listed.stdout)) > catalog.INDEX_FROM
    assert "broken.md:2: invalid YAML" in listed.stderr  # unreadable files: stderr, exit 2
    piped, fitted = scanned[13], scanned[VARIED_COMMANDS.index(["COLUMNS=100", "list"])]
    assert max(map(len, piped.stdout.splitlines())) > 100  # one line per role, however long
    assert max(map(len, fitted.stdout.splitlines())) <= 100
