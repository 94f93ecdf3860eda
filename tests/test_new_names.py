"""`roles new` and `--from` with names other teams use (issue 17.5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roledeck.parse import load_role
from roledeck.scaffold import markdown_name, role_id_for

from .helpers import ENGINEER, SPECIALIST, run_roles, write

NAMES = [
    "Data <Platform> Engineer",
    "QA {Lead}",
    "R&D Lead",
    "Éditeur Technique",
    "8-Bit Artist",
    "MLOps Engineer",
    "C# Dev *Star*",
    "Engineering Manager",
    "Agile Coach",
    "Lead #",
    "A_B Lead",
    "Back\\slash Lead",
    "Tom &amp; Jerry Lead",
]


@pytest.mark.parametrize("name", NAMES)
def test_new_writes_any_name_so_that_it_reads_back_and_lints_clean(
    tmp_path: Path, name: str
) -> None:
    made = run_roles("new", name, "--dir", str(tmp_path))
    assert made.exit_code == 0, made.stderr
    (path,) = tmp_path.glob("*.md")
    role = load_role(path)
    assert role.name == name and role.frontmatter.title == name
    assert all(h and h.name == name for h in (role.headings.needs, role.headings.duties))
    result = run_roles("lint", str(tmp_path), "-f", "json")
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert result.exit_code == 0 and codes == {"CT003"}, result.stdout  # TODO notes only


def test_markup_in_a_name_is_escaped_in_headings_and_text(tmp_path: Path) -> None:
    assert run_roles("new", "Data <Platform> Engineer", "--dir", str(tmp_path)).exit_code == 0
    text = (tmp_path / "data-platform-engineer.md").read_text(encoding="utf-8")
    assert "# The Role of a Data \\<Platform\\> Engineer\n" in text
    prose = [line for line in text.split("\n")[4:] if not line.startswith("{/*")]
    assert not any("<Platform>" in line.replace("\\<Platform\\>", "") for line in prose)
    assert "a Data \\<Platform\\> Engineer takes on these roles" in text
    assert "title: Data <Platform> Engineer\n" in text  # YAML: as given
    assert run_roles("new", "QA {Lead}", "--dir", str(tmp_path)).exit_code == 0
    braces = (tmp_path / "qa-lead.md").read_text(encoding="utf-8")
    assert "## Why a QA \\{Lead\\} is Needed" in braces
    assert "{/* TODO: Say in a paragraph or two what a QA (Lead) is" in braces  # no brace in a note
    assert markdown_name("x*y_z`") == "x\\*y\\_z\\`"


def test_a_leading_number_stays_in_the_id(tmp_path: Path) -> None:
    # Docusaurus would read "8-bit-artist.md" as the doc "bit-artist" at sidebar position 8
    assert role_id_for("8-Bit Artist") == "8bit-artist"
    assert run_roles("new", "8-Bit Artist", "--dir", str(tmp_path)).exit_code == 0
    assert run_roles("list", "--roles-dir", str(tmp_path), "-f", "ids").stdout == "8bit-artist\n"


def _catalog(tmp_path: Path) -> Path:
    roles = tmp_path / "roles"
    text = ENGINEER.read_text(encoding="utf-8").replace(
        "title: DevOps\n",
        "title: DevOps\nslug: /devops-engineer\nid: dev-ops\ndescription: Builds pipelines.\n"
        "sidebar_label: DevOps\nkeywords: [DevOps Engineer]\n",
    )
    write(roles / "devops-engineer.md", text)
    write(roles / "devops-specialist.md", SPECIALIST.read_text(encoding="utf-8"))
    return roles


def test_from_gives_the_copy_a_frontmatter_of_its_own(tmp_path: Path) -> None:
    roles = _catalog(tmp_path)
    result = run_roles("new", "SRE Lead", "--from", "dev-ops", "--roles-dir", str(roles))
    assert result.exit_code == 0, result.stderr
    front = load_role(roles / "sre-lead.md").frontmatter.model_dump(mode="json")
    assert front == {
        "sidebar_position": 2,  # 1 is taken in the folder (by both seeds)
        "title": "SRE Lead",
        "tags": ["DevOps", "role", "FAQ"],
        "keywords": ["SRE Lead"],
    }
    lint = run_roles("lint", str(roles / "sre-lead.md"), "-f", "json")
    codes = {f["code"] for f in json.loads(lint.stdout)["findings"]}
    assert lint.exit_code == 0 and not {"CA001", "CA003", "CA005", "CA007"} & codes, lint.stdout


def test_from_keeps_a_description_that_names_the_role(tmp_path: Path) -> None:
    roles = tmp_path / "roles"
    write(
        roles / "devops-engineer.md",
        ENGINEER.read_text(encoding="utf-8").replace(
            "title: DevOps\n", "title: DevOps\ndescription: What a DevOps Engineer does.\n"
        ),
    )
    result = run_roles("new", "SRE Lead", "--from", "engineer", "--roles-dir", str(roles))
    assert result.exit_code == 0, result.stderr
    role = load_role(roles / "sre-lead.md")
    assert role.frontmatter.model_dump(mode="json")["description"] == "What an SRE Lead does."


def test_new_refuses_a_name_the_whole_catalog_has(tmp_path: Path) -> None:
    roles = tmp_path / "roles"
    write(roles / "team" / "lead.md", ENGINEER.read_text(encoding="utf-8"))
    result = run_roles(
        "new", "DevOps Engineer", "--dir", str(roles / "other"), "--roles-dir", str(roles)
    )
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert not (roles / "other").exists()


def test_from_writes_the_source_s_notes_as_the_site_builds_them(tmp_path: Path) -> None:
    made = run_roles("new", "SRE Lead", "--from", "devops-specialist", "--dir", str(tmp_path))
    assert made.exit_code == 0, made.stderr
    text = (tmp_path / "sre-lead.md").read_text(encoding="utf-8")
    assert "<!--" not in text and text.count("{/* TODO: add links to sections */}") == 5
    config = write(tmp_path / "roles.toml", '[docusaurus]\nmarkdown-format = "detect"\n')
    html = run_roles(
        "new", "SRE Lead", "--from", "devops-specialist", "--dir", str(tmp_path / "d"),
        "--config", str(config),
    )  # fmt: skip
    assert html.exit_code == 0, html.stderr
    assert "{/*" not in (tmp_path / "d" / "sre-lead.md").read_text(encoding="utf-8")
