"""`roles show` and `roles list` through the real CLI, in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from roledeck.model import Role, content_of
from roledeck.parse import load_role, parse_text

from .helpers import ENGINEER, SPECIALIST, run_roles, write


def test_show_rich_is_readable_at_80_columns_without_ansi_when_piped() -> None:
    result = run_roles("show", "devops-specialist")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    for label in (
        "DevOps Specialist",
        "System Administrator",
        "Developer",
        "Security Expert",
        "Manager",
        "Coach",
        "Creation/optimization",
        "line 24: TODO",
    ):
        assert label in out
    assert "tags: DevOps, role, FAQ" in out


def test_show_colour_only_when_asked_and_never_with_no_color() -> None:
    assert "\x1b[" in run_roles("--color", "always", "show", "engineer").stdout
    assert "\x1b[" not in run_roles("show", "engineer", env={"NO_COLOR": "1"}).stdout


def test_show_text_is_plain() -> None:
    result = run_roles("show", "specialist", "--format", "text")
    assert result.exit_code == 0
    assert result.stdout.startswith("DevOps Specialist (devops-specialist)\n")
    assert "  - Creation/optimization and accountability for end-to-end processes" in result.stdout
    assert "[Coach] (coach)" in result.stdout
    assert "╭" not in result.stdout


def test_show_json_is_the_schema_serialization() -> None:
    result = run_roles("show", "devops-engineer", "-f", "json")
    data = json.loads(result.stdout)
    role = Role.model_validate(data)
    assert content_of(role) == content_of(load_role(ENGINEER))
    assert data["needs"][0]["line"] == 14


def test_show_yaml_is_a_yaml_role_file(tmp_path: Path) -> None:
    result = run_roles("show", "devops-specialist", "-f", "yaml")
    data = yaml.safe_load(result.stdout)
    assert not re.search(r"^\s*-?\s*line:", result.stdout, re.MULTILINE)
    path = write(tmp_path / "devops-specialist.yaml", result.stdout)
    assert content_of(load_role(path)) == content_of(load_role(SPECIALIST))
    assert data["name"] == "DevOps Specialist"


def test_show_markdown_is_equivalent_to_the_source() -> None:
    result = run_roles("show", "devops-specialist", "-f", "markdown")
    again = parse_text(result.stdout, "devops-specialist.md").role
    assert content_of(again) == content_of(load_role(SPECIALIST))
    assert result.stdout.startswith(
        "---\nsidebar_position: 1\ntitle: DevOps\ntags: [DevOps, role, FAQ]\n---\n"
    )


def test_show_unknown_role_is_one_line_exit_2() -> None:
    result = run_roles("show", "nope")
    assert result.exit_code == 2
    assert result.stderr == "roles: no such role: 'nope'\n"
    assert result.stdout == ""


def test_show_typo_suggests_the_closest() -> None:
    result = run_roles("show", "devops-specalist")
    assert result.exit_code == 2
    assert "did you mean 'devops-specialist'?" in result.stderr


def test_show_ambiguous_lists_the_matches() -> None:
    result = run_roles("show", "devops")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    assert "devops-engineer (DevOps Engineer)" in result.stderr
    assert "devops-specialist (DevOps Specialist)" in result.stderr


def test_show_broken_file_is_path_line_message(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.md", "---\ntitle: [unclosed\n---\n# The Role of a X\n")
    result = run_roles("show", str(broken))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}:")
    assert "invalid YAML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_show_by_path_and_roles_dir(tmp_path: Path) -> None:
    write(tmp_path / "cat" / "qa.md", "# The Role of a QA Analyst\n\nChecks.\n")
    assert run_roles(
        "show", "qa", "--roles-dir", str(tmp_path / "cat"), "-f", "text"
    ).stdout.startswith("QA Analyst (qa)")
    assert run_roles("show", "qa", env={"ROLES_DIR": str(tmp_path / "cat")}).exit_code == 0
    assert run_roles("show", str(tmp_path / "cat" / "qa.md"), "-f", "text").exit_code == 0


def test_roles_dir_missing_is_usage_error(tmp_path: Path) -> None:
    result = run_roles("list", "--roles-dir", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_list_table() -> None:
    result = run_roles("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "tags", "needs", "duties", "S", "D", "Sec", "M", "C"]
    engineer = next(line for line in lines if line.startswith("devops-engineer"))
    assert engineer.split()[-5:] == ["✓", "✓", "✓", "·", "·"]
    assert "2 role(s)." in result.stdout


def test_list_json_and_ids() -> None:
    data = json.loads(run_roles("list", "--format", "json").stdout)
    assert [(r["id"], r["needs"], r["duties"], r["sub_roles"]) for r in data] == [
        ("devops-engineer", 3, 3, ["sysadmin", "developer", "security"]),
        ("devops-specialist", 4, 3, ["sysadmin", "developer", "security", "manager", "coach"]),
    ]
    assert run_roles("list", "-f", "ids").stdout == "devops-engineer\ndevops-specialist\n"


def test_list_tag_filter(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntags: [ops]\n---\n# The Role of an Operator\n")
    write(tmp_path / "b.md", "---\ntags: [dev]\n---\n# The Role of a Dev\n")
    result = run_roles("list", "--roles-dir", str(tmp_path), "--tag", "OPS", "-f", "ids")
    assert result.stdout == "a\n"


def test_list_reports_broken_files_and_lists_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "good.md", "# The Role of a Good One\n")
    write(tmp_path / "bad.md", "---\ntitle: x\n")
    result = run_roles("list", "--roles-dir", str(tmp_path), "-f", "ids")
    assert result.exit_code == 2
    assert result.stdout == "good\n"
    assert (
        result.stderr
        == f"{tmp_path / 'bad.md'}:1: frontmatter is not closed: no '---' line after the opening one\n"
    )


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["list", "--help"]])
def test_help_explains(args: list[str]) -> None:
    result = run_roles(*args)
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_version() -> None:
    from roledeck import __version__

    assert run_roles("--version").stdout == f"roles {__version__}\n"


def test_shell_completion_offers_role_ids() -> None:
    from types import SimpleNamespace

    from roledeck.cli.common import complete_role

    ctx = SimpleNamespace(params={"roles_dir": None, "config": None})
    assert complete_role(ctx, "devops-s") == ["devops-specialist"]  # type: ignore[arg-type]
    assert complete_role(ctx, "zzz") == []  # type: ignore[arg-type]
