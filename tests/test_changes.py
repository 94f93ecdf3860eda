"""`roles changes`: the catalog at two revisions compared, on a repository with real history."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

from .gitutil import commit, git, init_repo, isolated_git, needs_git
from .helpers import ENGINEER, REPO, Result, run_roles, write
from .profiles import SRE_DUTIES, profile

pytestmark = [needs_git, pytest.mark.usefixtures("isolated_git")]
__all__ = ["isolated_git"]


@dataclass
class History:
    repo: Path
    commits: list[str]

    def __getitem__(self, index: int) -> str:
        return self.commits[index]


@pytest.fixture
def history(tmp_path: Path) -> History:
    """Five commits: add, edit, rename with edits + delete, a broken file, the fix."""
    repo = init_repo(tmp_path / "repo")
    roles = repo / "roles"
    roles.mkdir()
    shutil.copyfile(ENGINEER, roles / "devops-engineer.md")
    write(roles / "sre.md", profile("SRE", article="an", duties=SRE_DUTIES))
    write(roles / "agile-coach.md", profile("Agile Coach", article="an"))
    write(
        roles / "engineering" / "index.md",
        profile("Engineering Manager", article="an", frontmatter="id: engineering-manager"),
    )
    write(roles / "développeuse.md", profile("Développeuse Référente"))
    c0 = commit(repo, "add roles")
    write(roles / "qa.md", profile("QA Analyst"))
    engineer = roles / "devops-engineer.md"
    engineer.write_text(
        engineer.read_text(encoding="utf-8").replace(
            "**Monitoring and Logging**", "**Monitoring and Alerting**"
        ),
        encoding="utf-8",
    )
    c1 = commit(repo, "add qa, edit devops-engineer")
    git(repo, "mv", "roles/sre.md", "roles/site-reliability.md")
    write(
        roles / "site-reliability.md",
        profile("SRE", article="an", duties=(*SRE_DUTIES, "**Toil**: automates it away")),
    )
    git(repo, "rm", "-q", "roles/agile-coach.md")
    c2 = commit(repo, "rename sre with edits, delete agile-coach")
    index = roles / "engineering" / "index.md"
    good = index.read_text(encoding="utf-8")
    index.write_text("---\nid: engineering-manager\n# The Role of an Engineering Manager\n")
    c3 = commit(repo, "break the manager")
    index.write_text(good.replace("plans the work", "plans the work with the team"))
    c4 = commit(repo, "fix the manager")
    return History(repo, [c0, c1, c2, c3, c4])


def changes(history: History, *args: str, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(history.repo)
    return run_roles("changes", *args)


def _schema_check(data: object) -> None:
    registry: Registry[Any] = Registry()
    for name in ("diff-json.schema.json", "changes-json.schema.json"):
        schema = json.loads((REPO / "docs" / name).read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
    schema = json.loads((REPO / "docs" / "changes-json.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, registry=registry).validate(data)


def _by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {role["id"]: role for role in data["roles"]}


def test_added_and_changed(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    result = changes(history, f"{history[0]}..{history[1]}", "-f", "json", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    _schema_check(data)
    assert data["summary"] == {
        "added": 1,
        "removed": 0,
        "renamed": 0,
        "changed": 1,
        "unchanged": 4,
        "unreadable": 0,
    }
    roles = _by_id(data)
    assert roles["qa"]["status"] == "added"
    assert roles["qa"]["new"]["path"] == "roles/qa.md"
    assert roles["qa"]["diff"] is None
    changed = roles["devops-engineer"]
    assert (changed["status"], changed["matched_by"]) == ("changed", "id")
    # the same semantic diff `roles diff` gives for that role at the two revisions
    alone = run_roles(
        "diff", f"devops-engineer@{history[0]}", f"devops-engineer@{history[1]}", "-f", "json"
    )
    assert changed["diff"] == json.loads(alone.stdout)
    assert changed["diff"]["summary"] == {
        "changes": 1,
        "added": 0,
        "removed": 0,
        "changed": 1,
        "moved": 0,
    }


def test_rename_with_edits_and_delete(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    result = changes(history, f"{history[1]}..{history[2]}", "-f", "json", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    _schema_check(data)
    roles = _by_id(data)
    renamed = roles["site-reliability"]
    assert renamed["status"] == "renamed"
    assert renamed["matched_by"] == "git-rename"
    assert (renamed["old"]["id"], renamed["new"]["id"]) == ("sre", "site-reliability")
    assert renamed["old"]["path"] == "roles/sre.md"
    assert renamed["diff"]["summary"]["added"] == 1
    assert [c["new"] for c in renamed["diff"]["changes"]] == ["**Toil**: automates it away"]
    assert roles["agile-coach"]["status"] == "removed"
    assert roles["agile-coach"]["old"]["source"].endswith(f"agile-coach.md@{history[1]}")
    assert data["summary"]["unchanged"] == 4
    assert len(data["roles"]) == 2


def test_a_broken_file_is_reported_not_fatal(
    history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = changes(history, f"{history[2]}..{history[3]}", "-f", "json", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    _schema_check(data)
    # the manager is neither removed nor added: it could not be compared
    assert data["roles"] == []
    assert data["summary"]["unchanged"] == 4
    assert data["summary"]["unreadable"] == 1
    [problem] = data["problems"]
    assert problem["side"] == "new"
    assert problem["path"] == "roles/engineering/index.md"
    assert problem["role"] == "engineering/engineering-manager"
    assert problem["line"] == 1
    assert problem["code"] == "FM002"
    assert result.stderr == (
        f"roles/engineering/index.md@{history[3]}:1: frontmatter is not closed: "
        "no '---' line after the opening one\n"
    )


def test_broken_on_the_old_side(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    result = changes(history, f"{history[3]}..{history[4]}", "-f", "text", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "no role changes; 4 unchanged; 1 file could not be read" in result.stdout
    assert result.stderr.startswith(f"roles/engineering/index.md@{history[3]}:1: ")
    # across it, the manager is one changed role
    across = changes(history, f"{history[2]}..{history[4]}", "-f", "json", monkeypatch=monkeypatch)
    assert across.exit_code == 0, across.stderr
    assert (
        _by_id(json.loads(across.stdout))["engineering/engineering-manager"]["status"] == "changed"
    )


def test_against_the_work_tree_untouched(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    roles = history.repo / "roles"
    write(roles / "mlops.md", profile("MLOps Engineer", article="an"))  # never added to git
    qa = roles / "qa.md"
    qa.write_text(qa.read_text(encoding="utf-8").replace("Someone", "Somebody"))
    before = git(history.repo, "status", "--porcelain")
    result = changes(history, "-f", "json", monkeypatch=monkeypatch)  # HEAD against it
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["new"] == {"rev": "work tree", "commit": None}
    assert data["old"] == {"rev": "HEAD", "commit": history[4]}
    roles_by_id = _by_id(data)
    assert roles_by_id["mlops"]["status"] == "added"
    assert roles_by_id["qa"]["status"] == "changed"
    assert roles_by_id["qa"]["new"]["source"] == "roles/qa.md"
    assert git(history.repo, "status", "--porcelain") == before
    assert not (history.repo / ".git" / "index.lock").exists()


def test_an_unchanged_work_tree_has_no_changes(
    history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nested docs (`engineering/index.md` with its own `id`) get the same Docusaurus ids in
    the work tree as in git's objects: nothing reads as renamed."""
    result = changes(history, "--exit-code", "-f", "json", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert data["roles"] == []
    assert data["summary"]["unchanged"] == 5
    text = changes(history, "--exit-code", "-f", "text", monkeypatch=monkeypatch)
    assert (text.exit_code, text.stdout.splitlines()[2]) == (0, "no role changes; 5 unchanged")


def test_exit_code_and_stat(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = f"{history[0]}..{history[2]}"
    same = changes(history, f"{history[4]}..{history[4]}", "--exit-code", monkeypatch=monkeypatch)
    assert (same.exit_code, same.stdout.splitlines()[2]) == (0, "no role changes; 5 unchanged")
    differs = changes(history, spec, "--exit-code", "--stat", "-f", "text", monkeypatch=monkeypatch)
    assert differs.exit_code == 1
    assert differs.stdout == (
        f"--- {history[0]}\n+++ {history[2]}\n"
        "4 roles differ: 1 added, 1 removed, 1 renamed, 1 changed; 2 unchanged\n\n"
        "+ added qa (QA Analyst): new role\n"
        "    roles/qa.md\n"
        "- removed agile-coach (Agile Coach): role removed\n"
        "    roles/agile-coach.md\n"
        "→ renamed sre → site-reliability (SRE): 1 change: 1 added\n"
        "    roles/sre.md → roles/site-reliability.md\n"
        "~ changed devops-engineer (DevOps Engineer): 1 change: 1 changed\n"
        "    roles/devops-engineer.md\n"
    )
    full = changes(history, spec, "-f", "text", monkeypatch=monkeypatch)
    assert full.stdout.startswith(differs.stdout)
    assert "=== devops-engineer (DevOps Engineer)" in full.stdout
    assert "**Monitoring and [-Logging-]{+Alerting+}**" in full.stdout


def test_markdown_is_one_comment(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    result = changes(
        history, f"{history[0]}..{history[2]}", "-f", "markdown", monkeypatch=monkeypatch
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    lines = text.splitlines()
    assert lines[0] == f"### Role changes: {history[0]} → {history[2]}"
    rows = [line for line in lines if line.startswith("| ") and "---" not in line]
    assert len(rows) == 5  # the header and four roles
    assert text.count("<details>") == text.count("</details>") == 2  # changed + renamed
    for index, line in enumerate(lines):
        if line.startswith("<summary>"):
            assert lines[index + 1] == ""  # GitHub renders Markdown only after a blank line
    assert "<summary>~ devops-engineer (DevOps Engineer): 1 change: 1 changed</summary>" in text
    assert "<del>Logging</del><ins>Alerting</ins>" in text


def test_output_file(history: History, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = tmp_path / "changes.md"
    spec = f"{history[0]}..{history[1]}"
    result = changes(history, spec, "-f", "markdown", "-o", str(out), monkeypatch=monkeypatch)
    assert (result.exit_code, result.stdout) == (0, "")
    assert (
        out.read_text(encoding="utf-8")
        == changes(history, spec, "-f", "markdown", monkeypatch=monkeypatch).stdout
    )
    missing = changes(history, spec, "-o", str(tmp_path / "nodir" / "x"), monkeypatch=monkeypatch)
    assert missing.exit_code == 2
    where = tmp_path / "nodir"
    assert missing.stderr == f"{where / 'x'}: cannot write: no such folder: {where}\n"


def test_merge_base_range(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = history.repo
    git(repo, "checkout", "-q", "-b", "feature", history[1])
    write(repo / "roles" / "qa.md", profile("QA Lead"))
    commit(repo, "qa becomes lead")
    git(repo, "checkout", "-q", "main")
    # main moved on (rename, delete, …) since feature branched: three dots show only feature's
    three = changes(history, "main...feature", "-f", "json", monkeypatch=monkeypatch)
    data = json.loads(three.stdout)
    assert data["old"]["commit"] == history[1]
    assert data["range"] == "main...feature"
    assert [(r["id"], r["status"]) for r in data["roles"]] == [("qa", "changed")]
    two = json.loads(
        changes(history, "main..feature", "-f", "json", monkeypatch=monkeypatch).stdout
    )
    assert len(two["roles"]) > 1


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nope", "nope: bad revision 'nope'"),
        ("HEAD~9..HEAD", "HEAD~9: bad revision 'HEAD~9'"),
        ("--output=x", "--output=x: bad revision '--output=x'"),
    ],
)
def test_bad_revisions(
    history: History, monkeypatch: pytest.MonkeyPatch, spec: str, message: str
) -> None:
    result = changes(history, "--", spec, monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert result.stderr == f"{message}\n"
    assert not (history.repo / "x").exists()


def test_not_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "plain" / "roles" / "qa.md", profile("QA Analyst"))
    monkeypatch.chdir(tmp_path / "plain")
    result = run_roles("changes", "HEAD", env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert (result.exit_code, result.stderr) == (2, "roles: not a git repository\n")


def test_each_side_reads_its_own_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The vocabulary changed with the files: each revision is read with its own."""
    repo = init_repo(tmp_path / "repo")
    write(repo / "roles.toml", '[vocabulary]\nduties = ["Responsibilities"]\n')
    write(repo / "roles" / "qa.md", profile("QA Analyst", duties_heading="Responsibilities"))
    old = commit(repo, "custom heading")
    (repo / "roles.toml").unlink()
    write(repo / "roles" / "qa.md", profile("QA Analyst"))
    new = commit(repo, "conventional heading")
    monkeypatch.chdir(repo)
    result = run_roles("changes", f"{old}..{new}", "--exit-code")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "no role changes; 1 unchanged" in result.stdout
    # read with today's (built-in) vocabulary, the old duties would be an unknown section
    stale = run_roles("diff", f"roles/qa.md@{old}", "roles/qa.md", "--exit-code")
    assert stale.exit_code == 1


def test_a_broken_config_at_a_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "repo")
    write(repo / "roles.toml", "[vocabulary\n")
    write(repo / "roles" / "qa.md", profile("QA Analyst"))
    old = commit(repo, "broken config")
    write(repo / "roles.toml", "")
    monkeypatch.chdir(repo)
    result = run_roles("changes", old, "-f", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["summary"]["unchanged"] == 1
    assert data["problems"][0]["location"] == f"roles.toml@{old}"
    assert result.stderr.startswith(f"roles.toml@{old}: invalid TOML: ")


def test_same_name_and_same_id_matching(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "repo")
    write(repo / "roles" / "coach.md", profile("Agile Coach", article="an"))
    write(repo / "roles" / "lead.md", profile("Tech Lead", frontmatter="id: tech-lead"))
    old = commit(repo, "two roles")
    git(repo, "rm", "-q", "roles/coach.md")
    # rewritten beyond git's rename detection, under a new file name: paired by its name
    write(
        repo / "roles" / "agility.md",
        profile(
            "Agile Coach",
            article="an",
            needs=("Teams drift without one.", "Retrospectives need a host."),
            duties=("**Coaching**: coaches the team", "**Facilitation**: runs the rituals"),
            frontmatter="tags: [role, coaching]\nsidebar_position: 3",
        )
        + "".join(f"\n## Practice {n}\n\nWorkshop number {n} on agility.\n" for n in range(12)),
    )
    # moved into a folder with its frontmatter id kept: paired by id
    git(repo, "mv", "roles/lead.md", "roles/leads.md")
    new = commit(repo, "rewrite and move")
    monkeypatch.chdir(repo)
    data = json.loads(run_roles("changes", f"{old}..{new}", "-f", "json").stdout)
    roles = _by_id(data)
    assert (roles["agility"]["status"], roles["agility"]["matched_by"]) == ("renamed", "name")
    assert roles["agility"]["old"]["id"] == "coach"
    assert (roles["tech-lead"]["status"], roles["tech-lead"]["matched_by"]) == ("renamed", "id")
    assert roles["tech-lead"]["diff"]["equal"] is True


def test_rich_view_piped_has_no_ansi(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    result = changes(history, f"{history[1]}..{history[2]}", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "→ sre → site-reliability (SRE) · 1 change: 1 added" in result.stdout
    coloured = run_roles("--color", "always", "changes", f"{history[1]}..{history[2]}")
    assert "\x1b[" in coloured.stdout


def test_control_characters_never_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    write(
        repo / "roles" / "evil.md", profile("Evil\x1b[31m Lead", needs=("A \u202e reversed need.",))
    )
    old = commit(repo, "evil")
    write(repo / "roles" / "evil.md", profile("Evil\x1b[31m Lead", needs=("A \x07 bell.",)))
    write(repo / "roles" / "new\x1b.md", profile("New\x9b Role"))
    monkeypatch.chdir(repo)
    for form in ("rich", "text", "markdown", "json"):
        result = run_roles("changes", old, "-f", form)
        assert result.exit_code == 0, result.stderr
        for bad in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert bad not in result.stdout, (form, bad)
        assert "\\x1b" in result.stdout or "\\u001b" in result.stdout
