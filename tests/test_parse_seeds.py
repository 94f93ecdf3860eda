"""The parser on the two real profiles, with exact expectations."""

from __future__ import annotations

from pathlib import Path

import pytest

from roledeck.model import CANONICAL_KINDS, content_of
from roledeck.parse import load_document, load_role, parse_text
from roledeck.render import render_markdown

from .helpers import ENGINEER, ROLES, SHARED, SPECIALIST, needs_shared


def test_engineer_shape() -> None:
    role = load_role(ENGINEER)
    assert role.id == "devops-engineer"
    assert role.name == "DevOps Engineer"
    assert role.article == "a"
    assert role.frontmatter.title == "DevOps"
    assert role.frontmatter.sidebar_position == 1
    assert role.frontmatter.tags == ["DevOps", "role", "FAQ"]
    assert len(role.summary) == 2
    assert [n.line for n in role.needs] == [14, 15, 16]
    assert [d.name for d in role.duties] == [
        "Automating Infrastructure",
        "Continuous Integration and Continuous Deployment",
        "Monitoring and Logging",
    ]
    assert all(d.description is None and d.bold for d in role.duties)
    assert role.kinds == ["sysadmin", "developer", "security"]
    assert [s.line for s in role.sub_roles] == [30, 34, 38]
    assert role.how_intro[0].text.startswith("To achieve their goals")
    assert role.notes == []
    assert role.blocks == [] and role.extra_sections == []


def test_specialist_shape() -> None:
    role = load_role(SPECIALIST)
    assert role.name == "DevOps Specialist"
    assert len(role.needs) == 4
    assert role.needs[3].text == "Creation/optimization and accountability for end-to-end processes"
    assert len(role.duties) == 3
    assert role.duties[2].name == "Monitoring and Managing environments."
    assert role.kinds == list(CANONICAL_KINDS)
    assert [(n.line, n.text) for n in role.notes] == [
        (24, "TODO: add links to sections"),
        (37, "TODO: add links to sections"),
        (41, "TODO: add links to sections"),
        (45, "TODO: add links to sections"),
        (48, "TODO: add links to sections"),
    ]
    assert [(n.section, n.position) for n in role.notes] == [
        ("duties", 2),
        ("sub_role:1", 1),
        ("sub_role:2", 1),
        ("sub_role:3", 1),
        ("sub_role:4", 1),
    ]
    manager = role.sub_role("manager")
    assert manager is not None and manager.description[0].text.startswith("A DevOps specialist")


def test_headings_keep_the_name_they_carry() -> None:
    role = load_role(SPECIALIST)
    assert role.headings.needs is not None and role.headings.needs.name == "DevOps Specialist"
    assert role.headings.how is not None and role.headings.how.line == 28
    assert role.headings.title is not None and role.headings.title.line == 6


def test_every_element_has_a_line() -> None:
    role = load_role(SPECIALIST)
    located = [*role.summary, *role.needs, *role.duties, *role.duties_intro, *role.how_intro]
    located += [*role.sub_roles, *[p for s in role.sub_roles for p in s.description], *role.notes]
    assert all(isinstance(x.line, int) and x.line > 0 for x in located)


@pytest.mark.parametrize("path", [ENGINEER, SPECIALIST], ids=lambda p: p.stem)
def test_markdown_round_trip_keeps_content(path: Path) -> None:
    doc = load_document(path)
    again = parse_text(render_markdown(doc.role), path.name)
    assert content_of(again.role) == content_of(doc.role)


@needs_shared
@pytest.mark.parametrize(
    ("seed", "name"),
    [
        ("000_6e39bcc8c1384bb6.txt", "devops-engineer.md"),
        ("001_f49989953cf229fb.txt", "devops-specialist.md"),
    ],
)
def test_roles_are_the_seeds_byte_for_byte(seed: str, name: str) -> None:
    assert (ROLES / name).read_bytes() == (SHARED / "seeds" / seed).read_bytes()


def test_sections_recognised_by_pattern_whatever_the_name() -> None:
    text = (
        "# The Role of an SRE Lead\n\nSummary.\n\n## WHY AN SRE Lead IS NEEDED\n\n- one\n\n"
        "## What a Platform Owner Does\n\n- **Build**: things\n\n## How an SRE Lead Works\n\n"
        "### The Architect\n\nDraws.\n"
    )
    role = parse_text(text, "sre-lead.md").role
    assert (role.name, role.article) == ("SRE Lead", "an")
    assert [n.text for n in role.needs] == ["one"]
    assert role.headings.duties is not None and role.headings.duties.name == "Platform Owner"
    assert role.duties[0].name == "Build" and role.duties[0].description == "things"
    assert role.sub_roles[0].kind == "architect" and role.sub_roles[0].custom
    assert role.sub_roles[0].title == "The Architect"


def test_unknown_sections_and_stray_text_are_kept() -> None:
    text = (
        "---\ntitle: X\ncustom: [1, 2]\n---\n# The Role of a Tester\n\n## Why a Tester is Needed\n\n"
        "Intro text.\n\n- a\n- b\n\nTrailing text.\n\n## Career Path\n\nGrow.\n\n```\n# not a heading\n```\n"
    )
    role = parse_text(text, "tester.md").role
    assert [b.text for b in role.blocks] == ["Intro text.", "Trailing text."]
    assert [(b.section, b.position) for b in role.blocks] == [("needs", 0), ("needs", 2)]
    assert role.extra_sections[0].title == "Career Path"
    assert [b.text for b in role.extra_sections[0].blocks] == ["Grow.", "```\n# not a heading\n```"]
    assert role.frontmatter.model_dump() == {"title": "X", "custom": [1, 2]}
    again = parse_text(render_markdown(role), "tester.md").role
    assert content_of(again) == content_of(role)


def test_frontmatter_id_is_the_role_id() -> None:
    role = parse_text("---\nid: qa\n---\n# The Role of a QA\n", "whatever.md").role
    assert role.id == "qa"
