"""`roles new`: a profile that starts lint-clean, blank or copied, never over another file."""

from __future__ import annotations

from pathlib import Path

import pytest

from roledeck.cli.app import app
from roledeck.fmt import format_text
from roledeck.model import CANONICAL_KINDS
from roledeck.parse import load_role
from roledeck.scaffold import renamed, role_id_for

from .helpers import ENGINEER, ROLES, run_roles, write

needs_lint = pytest.mark.skipif(
    "lint" not in [c.name for c in app.registered_commands],
    reason="the lint command is not on this branch yet",
)


def test_a_blank_role_has_the_conventional_headings_with_the_right_article(tmp_path: Path) -> None:
    result = run_roles("new", "SRE Lead", "--dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "sre-lead.md"
    assert result.stdout == f"created {path}\n"
    text = path.read_text()
    assert text.startswith("---\ntitle: SRE Lead\ntags: [role]\n---\n# The Role of an SRE Lead\n")
    for heading in ("## Why an SRE Lead is Needed", "## What an SRE Lead Does"):
        assert f"\n{heading}\n\n{{/* TODO: " in text
    assert "\n## How an SRE Lead Works\n\nTo achieve their goals, an SRE Lead takes on" in text
    role = load_role(path)
    assert (role.id, role.name, role.article) == ("sre-lead", "SRE Lead", "an")
    assert role.kinds == list(CANONICAL_KINDS)
    assert all(n.text.startswith("TODO: ") for n in role.notes)
    assert len(role.notes) == 3 + len(CANONICAL_KINDS)
    assert "takes on these roles: system administrator, developer, security expert" in text
    assert format_text(text, path.name).changed is False  # already in fmt's layout


def test_sub_roles_are_chosen_and_checked(tmp_path: Path) -> None:
    result = run_roles(
        "new", "Data Steward", "--sub-roles", "developer, coach,developer", "--dir", str(tmp_path)
    )
    assert result.exit_code == 0, result.stderr
    role = load_role(tmp_path / "data-steward.md")
    assert role.kinds == ["developer", "coach"]
    assert role.how_intro[0].text.endswith("takes on these roles: developer and coach.")
    bad = run_roles("new", "Other", "--sub-roles", "developer,wizard", "--dir", str(tmp_path))
    assert bad.exit_code == 2
    assert "unknown sub-role kind(s): wizard (known: sysadmin, developer" in bad.stderr
    assert not (tmp_path / "other.md").exists()


def test_html_notes_when_the_site_reads_md_as_commonmark(tmp_path: Path) -> None:
    config = write(tmp_path / "roles.toml", '[docusaurus]\nmarkdown-format = "detect"\n')
    result = run_roles("new", "Tester", "--dir", str(tmp_path), "--config", str(config))
    assert result.exit_code == 0, result.stderr
    assert "<!-- TODO: " in (tmp_path / "tester.md").read_text()


def test_new_never_overwrites(tmp_path: Path) -> None:
    existing = write(tmp_path / "sre-lead.md", "mine\n")
    result = run_roles("new", "SRE Lead", "--dir", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"{existing}: already exists; roles new never overwrites a file\n"
    assert existing.read_text() == "mine\n"


def test_new_refuses_a_name_or_id_the_folder_already_has(tmp_path: Path) -> None:
    write(tmp_path / "eng.md", (ENGINEER.read_text()))
    same_name = run_roles("new", "devops engineer", "--dir", str(tmp_path))
    assert same_name.exit_code == 2
    assert "a role with the name 'devops engineer' already exists" in same_name.stderr
    write(tmp_path / "x.md", "---\nid: qa-lead\n---\n# The Role of a Someone\n")
    same_id = run_roles("new", "QA Lead", "--dir", str(tmp_path))
    assert same_id.exit_code == 2
    assert "a role with the id 'qa-lead' already exists" in same_id.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eng.md", "x.md"]


def test_new_needs_a_folder_outside_a_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_roles("new", "Tester")
    assert result.exit_code == 2
    assert "no catalog folder here: pass --dir or --roles-dir" in result.stderr
    created = run_roles("new", "Tester", "--roles-dir", str(tmp_path))
    assert created.exit_code == 0 and (tmp_path / "tester.md").is_file()


@pytest.mark.parametrize("name", ["", "  ", "two\nlines", "bell\x07", "---"])
def test_bad_names_are_refused(tmp_path: Path, name: str) -> None:
    result = run_roles("new", name, "--dir", str(tmp_path))
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_from_copies_the_role_with_its_name_replaced_everywhere(tmp_path: Path) -> None:
    result = run_roles("new", "SRE Lead", "--from", "devops-engineer", "--dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "sre-lead.md").read_text()
    assert "DevOps Engineer" not in text and "devops engineer" not in text.lower()
    # the copy's own title; its sidebar position is free in the folder it is written to
    assert text.startswith(
        "---\nsidebar_position: 1\ntitle: SRE Lead\ntags: [DevOps, role, FAQ]\n---\n"
    )
    assert "# The Role of an SRE Lead\n" in text
    assert "\nAn SRE Lead is a vital role" in text
    source, copy = load_role(ENGINEER), load_role(tmp_path / "sre-lead.md")
    assert (copy.id, copy.name, copy.article) == ("sre-lead", "SRE Lead", "an")
    assert [
        h.name for h in (copy.headings.needs, copy.headings.duties, copy.headings.how) if h
    ] == ["SRE Lead"] * 3
    assert [n.text for n in copy.needs] == [n.text for n in source.needs]
    assert copy.kinds == source.kinds
    assert (
        run_roles(
            "new", "X", "--from", "engineer", "--sub-roles", "coach", "--dir", str(tmp_path)
        ).exit_code
        == 2
    )


def test_renaming_fixes_the_article_and_keeps_its_case() -> None:
    text = (
        "A DevOps Engineer is… Unlike a devops engineer, an DevOps Engineer's job. DevOps Engineers"
    )
    assert renamed(text, "DevOps Engineer", "SRE Lead") == (
        "An SRE Lead is… Unlike an SRE Lead, an SRE Lead's job. DevOps Engineers"
    )
    assert renamed("a Unix Admin via Unix Admin", "Unix Admin", "Owner") == "an Owner via Owner"


def test_role_ids_are_file_name_slugs() -> None:
    assert role_id_for("SRE Lead") == "sre-lead"
    assert role_id_for("Ingénieur DevOps / Cloud") == "ingenieur-devops-cloud"


@needs_lint
@pytest.mark.parametrize("source", [None, "devops-engineer"])
def test_a_new_role_passes_lint(tmp_path: Path, source: str | None) -> None:
    args = ["new", "SRE Lead", "--dir", str(tmp_path), "--roles-dir", str(ROLES)]
    if source:
        args += ["--from", source]
    assert run_roles(*args).exit_code == 0
    result = run_roles("lint", str(tmp_path / "sre-lead.md"))
    assert result.exit_code == 0, result.stdout + result.stderr
