"""`NAME@REV` names a role of the catalog as it was at REV, across `git mv` (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roledeck.catalog import Catalog
from roledeck.errors import RoleError
from roledeck.gitcatalog import Workspace, resolve_at

from .gitutil import commit, git, init_repo, isolated_git, needs_git
from .helpers import run_roles, write
from .profiles import SRE_DUTIES, profile

pytestmark = [needs_git, pytest.mark.usefixtures("isolated_git")]
__all__ = ["isolated_git"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """sre.md and agile-coach.md committed; then `git mv sre.md site-reliability.md` with an
    edit, and agile-coach.md deleted, neither committed."""
    root = init_repo(tmp_path / "repo")
    write(root / "roles" / "sre.md", profile("SRE", article="an", duties=SRE_DUTIES))
    write(root / "roles" / "agile-coach.md", profile("Agile Coach", article="an"))
    write(root / "roles" / "nested" / "index.md", profile("QA Lead", frontmatter="id: qa-lead"))
    commit(root, "roles")
    git(root, "mv", "roles/sre.md", "roles/site-reliability.md")
    target = root / "roles" / "site-reliability.md"
    target.write_text(target.read_text(encoding="utf-8").replace("pager", "phone"))
    (root / "roles" / "agile-coach.md").unlink()
    monkeypatch.chdir(root)
    return root


def test_old_id_at_head_against_the_new_file(repo: Path) -> None:
    result = run_roles("diff", "sre@HEAD", "site-reliability", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["old"]["id"], data["new"]["id"]) == ("sre", "site-reliability")
    assert data["old"]["source"] == "roles/sre.md@HEAD"
    assert data["summary"]["changed"] == 1


def test_the_new_id_at_head_follows_the_rename_back(repo: Path) -> None:
    result = run_roles("diff", "site-reliability@HEAD", "site-reliability", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["old"]["source"] == "roles/sre.md@HEAD"


def test_after_the_rename_is_committed(repo: Path) -> None:
    commit(repo, "rename")
    result = run_roles("diff", "sre@HEAD~1", "site-reliability@HEAD", "--stat")
    assert (result.exit_code, result.stdout) == (0, "1 change: 1 changed\n")
    main = run_roles("diff", "sre@main~1", "site-reliability", "--exit-code")
    assert main.exit_code == 1


def test_a_role_deleted_from_the_work_tree(repo: Path) -> None:
    result = run_roles("diff", "agile-coach@HEAD", "coach@HEAD", "--exit-code")
    assert result.exit_code == 0, result.stderr
    nested = run_roles("diff", "qa-lead@HEAD", "qa-lead", "--exit-code")
    assert nested.exit_code == 0, nested.stderr


def test_a_name_in_neither_suggests_from_the_revision(repo: Path) -> None:
    result = run_roles("diff", "srre@HEAD", "site-reliability")
    assert result.exit_code == 2
    # 'sre' is no longer in the work tree: the suggestion comes from HEAD's catalog
    assert result.stderr == "srre@HEAD: no such role: 'srre' (did you mean 'sre'?)\n"


def test_ambiguous_at_the_revision(repo: Path) -> None:
    write(repo / "roles" / "agile-lead.md", profile("Agile Lead", article="an"))
    git(repo, "add", "roles/agile-lead.md")
    git(repo, "commit", "-q", "-m", "another agile role")  # agile-coach.md is still at HEAD
    result = run_roles("diff", "agile@HEAD", "site-reliability")
    assert result.exit_code == 2
    assert "'agile' is ambiguous" in result.stderr


def test_resolve_at_unit(repo: Path) -> None:
    ws = Workspace(Catalog(repo / "roles"))
    assert resolve_at(ws, "SRE", "HEAD").id == "sre"  # by name, any case
    with pytest.raises(RoleError, match="bad revision"):
        resolve_at(ws, "sre", "no-such-branch")


def test_an_id_with_a_slash_is_a_name(repo: Path) -> None:
    """Docusaurus-style nested ids (`team/lead`) are names, not paths, at a revision too."""
    write(repo / "roles" / "lead.md", profile("Team Lead", frontmatter="id: team/lead"))
    git(repo, "add", "roles/lead.md")
    git(repo, "commit", "-q", "-m", "nested id")
    result = run_roles("diff", "team/lead@HEAD", "team lead", "--exit-code")
    assert result.exit_code == 0, result.stderr
    assert run_roles("diff", "roles/lead.md@HEAD", "roles/lead.md", "--exit-code").exit_code == 0
