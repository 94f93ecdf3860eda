"""Other repositories use `roles lint` as a pre-commit hook from this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import REPO, write
from .lintcases import clean

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.mark.slow
@pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="pre-commit or git missing"
)
def test_pre_commit_hook_from_this_repository(tmp_path: Path) -> None:
    # the hook source is a snapshot of this work tree, committed, as pre-commit clones a rev
    source = tmp_path / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "__pycache__", ".*_cache", "bench", "tools", "fuzz"
        ),
    )
    _git("init", "-q", cwd=source)
    _git("add", "-A", cwd=source)
    _git("commit", "-qm", "snapshot", cwd=source)
    rev = _git("rev-parse", "HEAD", cwd=source)

    user = tmp_path / "user"
    user.mkdir()
    _git("init", "-q", cwd=user)
    write(
        user / ".pre-commit-config.yaml",
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: roles-lint\n        files: ^roles/\n",
    )
    write(user / "roles" / "qa.md", clean())
    write(user / "README.md", "# Not a role\n")
    _git("add", "-A", cwd=user)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    env.pop("ROLES_DIR", None)

    passed = subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files"],
        cwd=user,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "roles lint" in passed.stdout and "Passed" in passed.stdout

    write(user / "roles" / "qa.md", clean().replace("## What a QA Engineer Does", "## Tasks"))
    _git("add", "-A", cwd=user)
    failed = subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files"],
        cwd=user,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert failed.returncode == 1
    assert (
        "roles/qa.md:6:1: ST002 missing section 'What a QA Engineer Does' (duties)" in failed.stdout
    )
