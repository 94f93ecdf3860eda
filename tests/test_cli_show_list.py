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


def test_show_of_an_unknown_name_mentions_the_unreadable_files(tmp_path: Path) -> None:
    write(tmp_path / "qa.md", "# The Role of a QA Analyst\n\nChecks.\n")
    write(tmp_path / "broken.md", "---\ntitle: [unclosed\n---\n# The Role of a X\n")
    result = run_roles("show", "nobody", "--roles-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "no such role: 'nobody'" in result.stderr
    assert "1 file(s) could not be read, first: " in result.stderr
    assert "broken.md:2: invalid YAML" in result.stderr


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


def test_list_table_piped_is_one_line_per_role() -> None:
    result = run_roles("list")
    assert result.exit_code == 0
    assert result.stdout == (
        "id                 name               tags               needs  duties  S  D  Sec  M  C\n"
        "devops-engineer    DevOps Engineer    DevOps, role, FAQ      3       3  ✓  ✓   ✓   ·  ·\n"
        "devops-specialist  DevOps Specialist  DevOps, role, FAQ      4       3  ✓  ✓   ✓   ✓  ✓\n"
        "2 role(s). S sysadmin · D developer · Sec security · M manager · C coach\n"
    )


WRAPPED_AT_80 = """\
id                 name           tags            needs  duties  S  D  Sec  M  C
devops-engineer    DevOps         DevOps, role,       3       3  ✓  ✓   ✓   ·  ·
                   Engineer       FAQ
devops-specialist  DevOps         DevOps, role,       4       3  ✓  ✓   ✓   ✓  ✓
                   Specialist     FAQ
2 role(s). S sysadmin · D developer · Sec security · M manager · C coach
"""


def test_list_table_is_fitted_when_columns_is_set() -> None:
    assert run_roles("list", env={"COLUMNS": "80"}).stdout == WRAPPED_AT_80
    wide = run_roles("list", env={"COLUMNS": "200"}).stdout
    assert wide == run_roles("list").stdout  # it fits: the same as the plain layout


def test_list_table_with_colour_forced_is_rich_at_the_terminal_width() -> None:
    result = run_roles("--color", "always", "list")
    assert "\x1b[" in result.stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "\n".join(line.rstrip() for line in plain.split("\n")) == WRAPPED_AT_80


def test_list_piped_keeps_long_roles_whole_for_grep(tmp_path: Path) -> None:
    for index, word in enumerate(["security", "platform", "data"]):
        name = f"{word.title()} Engineer of a Very Long Title Number {index} " * 2
        write(
            tmp_path / f"{word}-engineer.md",
            f"---\ntags: [{word}, role, {'x' * 40}]\n---\n# The Role of a {name.strip()}\n",
        )
    result = run_roles("list", "--roles-dir", str(tmp_path))
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 3 + 1  # header, a line per role, the legend
    (security,) = [line for line in lines if "security-engineer" in line]
    name = "Security Engineer of a Very Long Title Number 0 " * 2
    assert security.startswith(f"security-engineer  {name.strip()}  security, role, {'x' * 40}")
    assert security.endswith("0       0  ·  ·   ·   ·  ·")
    assert len(security) > 160
    assert len({len(line) for line in lines[:4]}) == 1  # aligned: every column padded alike


def test_list_through_worker_processes_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roledeck import workers

    for index in range(6):
        tags = "[ops, role]" if index % 2 else "[dev, role]"
        write(tmp_path / f"r{index}.md", f"---\ntags: {tags}\n---\n# The Role of a R{index}\n")
    write(tmp_path / "bad.md", "---\ntitle: x\n")
    runs = [("list",), ("list", "-f", "json"), ("list", "--tag", "ops", "-f", "ids")]
    serial = [run_roles(*args, "--roles-dir", str(tmp_path)) for args in runs]
    monkeypatch.setattr(workers, "worker_count", lambda: 2)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    parallel = [run_roles(*args, "--roles-dir", str(tmp_path)) for args in runs]
    assert parallel == serial
    assert [r.exit_code for r in parallel] == [2, 2, 2]
    assert parallel[2].stdout == "r1\nr3\nr5\n"
    assert parallel[0].stderr.startswith(f"{tmp_path / 'bad.md'}:1: frontmatter is not closed")


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
