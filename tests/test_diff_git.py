"""`roles diff NAME@REV …`: roles read from git revisions of a temporary repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from roledeck.catalog import Catalog
from roledeck.errors import RoleError
from roledeck.gitrev import Operand, split_operand

from .helpers import ENGINEER, SPECIALIST, run_roles, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose roles/devops.md was the Engineer, then became the Specialist."""
    root = tmp_path / "repo"
    roles = root / "roles"
    roles.mkdir(parents=True)
    _git(root, "init", "-q")
    shutil.copyfile(ENGINEER, roles / "devops.md")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "engineer")
    shutil.copyfile(SPECIALIST, roles / "devops.md")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "specialist")
    return root


def test_name_at_revision_against_the_work_tree(repo: Path) -> None:
    roles = str(repo / "roles")
    result = run_roles("diff", "devops@HEAD~1", "devops", "--roles-dir", roles, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"] == {"changes": 13, "added": 8, "removed": 0, "changed": 5, "moved": 0}
    assert data["old"]["source"] == f"{repo / 'roles' / 'devops.md'}@HEAD~1"
    assert data["old"]["id"] == data["new"]["id"] == "devops"
    assert data["old"]["name"] == "DevOps Engineer"


def test_path_at_revision_and_two_revisions(repo: Path) -> None:
    path = str(repo / "roles" / "devops.md")
    same = run_roles("diff", f"{path}@HEAD", path, "--exit-code")
    assert (same.exit_code, same.stdout.splitlines()[-1]) == (0, "no differences")
    back = run_roles("diff", f"{path}@HEAD", f"{path}@HEAD~1", "--stat", "--exit-code")
    assert back.exit_code == 1
    assert back.stdout.splitlines()[-1] == "13 changes: 8 removed, 5 changed"


def test_the_work_tree_is_untouched(repo: Path) -> None:
    path = repo / "roles" / "devops.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nUncommitted.\n", encoding="utf-8")
    before = _git(repo, "status", "--porcelain")
    result = run_roles("diff", f"{path}@HEAD~1", str(path), "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert "Uncommitted." in result.stdout
    assert _git(repo, "status", "--porcelain") == before == " M roles/devops.md\n"


def test_a_role_deleted_since_is_still_readable_by_path(repo: Path) -> None:
    _git(repo, "rm", "-q", "roles/devops.md")
    _git(repo, "commit", "-q", "-m", "gone")
    path = repo / "roles" / "devops.md"
    result = run_roles("diff", f"{path}@HEAD~2", f"{path}@HEAD~1", "--stat")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("operand", "message"),
    [
        ("devops@nope", "bad revision 'nope'"),
        ("devops@HEAD~5", "bad revision 'HEAD~5'"),
        ("devops@--output=x", "bad revision '--output=x'"),
        ("roles/missing.md@HEAD", "does not exist in revision 'HEAD'"),
        ("absent@HEAD", "no such role: 'absent'"),
        ("@HEAD", "expected NAME@REV or PATH@REV"),
        ("devops@", "expected NAME@REV or PATH@REV"),
    ],
)
def test_bad_operands_are_one_line_exit_2(
    repo: Path, operand: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = run_roles("diff", operand, "devops")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (repo / "x").exists()


def test_not_a_git_repository(tmp_path: Path) -> None:
    role = tmp_path / "plain" / "qa.md"
    write(role, "# The Role of a QA Analyst\n")
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    result = run_roles("diff", f"{role}@HEAD", str(role), env=env)
    assert result.exit_code == 2
    assert result.stderr == f"{role}@HEAD: not a git repository\n"


def test_split_operand(tmp_path: Path) -> None:
    assert split_operand("devops") == Operand("devops")
    assert split_operand("devops@HEAD~1") == Operand("devops", "HEAD~1")
    assert split_operand("roles/x.md@main@{2}") == Operand("roles/x.md", "main@{2}")
    assert split_operand("devops@{u}") == Operand("devops", "@{u}")
    odd = write(tmp_path / "me@home.md", "# The Role of a QA Analyst\n")
    assert split_operand(str(odd)) == Operand(str(odd))
    with pytest.raises(RoleError):
        split_operand("@HEAD")


def test_a_file_named_with_at_is_a_path(tmp_path: Path) -> None:
    odd = write(tmp_path / "me@home.md", "# The Role of a QA Analyst\n")
    result = run_roles("diff", str(odd), str(odd), "--exit-code")
    assert result.exit_code == 0, result.stderr


def test_catalog_name_resolves_to_its_file(repo: Path) -> None:
    from roledeck.gitrev import load_operand

    role = load_operand(Catalog(repo / "roles"), "devops@HEAD~1")
    assert role.name == "DevOps Engineer" and role.id == "devops"
