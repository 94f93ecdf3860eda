"""Test helpers: the repository's seeds, and running `roles` through CliRunner."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roledeck.cli.app import app
from roledeck.cli.common import SETTINGS, Color

REPO = Path(__file__).resolve().parents[1]
ROLES = REPO / "roles"
ENGINEER = ROLES / "devops-engineer.md"
SPECIALIST = ROLES / "devops-specialist.md"
SHARED = REPO.parent / "shared"


@dataclass
class Result:
    """What a `roles` run produced, with stdout and stderr apart."""

    exit_code: int
    stdout: str
    stderr: str


def run_roles(
    *args: str, env: dict[str, str | None] | None = None, input: str | None = None
) -> Result:
    """Run `roles ARGS` in-process, as a user would (stdout and stderr kept apart).

    Output goes to a pipe, not a terminal, and `COLUMNS` is unset (None unsets a variable):
    rich views are 80 columns wide and `roles list` writes one line per role. A test sets
    `COLUMNS` to ask for a width, as a user can.
    """
    runner = CliRunner()
    full_env: dict[str, str | None] = {
        "NO_COLOR": "",
        "ROLES_DIR": "",
        "GITHUB_ACTIONS": "",
        "COLUMNS": None,
    }
    full_env.update(env or {})
    result = runner.invoke(app, list(args), env=full_env, input=input, catch_exceptions=False)
    SETTINGS.color, SETTINGS.debug = Color.auto, False
    return Result(result.exit_code, result.stdout, result.stderr)


def write(path: Path, text: str) -> Path:
    """Write a test file (creating folders), returning its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="../shared (seeds, schemas) is only beside the repository in CI"
)
