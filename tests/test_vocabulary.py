"""Role docs in other shapes: a configured vocabulary, and mixed docs folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roledeck.config import load_config
from roledeck.vocabulary import Vocabulary, compile_pattern, heading_key

from .helpers import run_roles, write

HANDBOOK_CONFIG = """\
[tool.roles]
roles-dir = "handbook"

[tool.roles.vocabulary]
replace = true
title = ["{name}"]
summary = ["Overview"]
needs = ["Why this role exists", "Requirements"]
duties = ["Responsibilities", "What you'll do"]
how = ["Facets"]

[tool.roles.vocabulary.sub-roles]
architect = ["Architect"]
operator = ["Operator", "Operations"]
"""

SRE = """\
---
title: Site Reliability Engineer
tags: [role]
---
# Site Reliability Engineer

## Overview

Keeps production healthy.

## Why this role exists

- Outages cost money.
- Toil grows unless someone removes it.

## Responsibilities

- **Incident response**: leads the call.
- **Capacity planning**: sizes the fleet.

## Facets

Works as an architect and an operator.

### Architect

Designs for failure.

### Operations

Runs the pager.
"""

PLATFORM = """\
---
title: Platform Engineer
tags: [role]
---
# Platform Engineer

Builds the paved road.

## Requirements

- Teams need self-service.

## What you'll do

- **Golden paths**

## Facets

Works as an architect.

### Architect

Draws the road.
"""


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "pyproject.toml", HANDBOOK_CONFIG)
    write(tmp_path / "handbook" / "sre.md", SRE)
    write(tmp_path / "handbook" / "platform.md", PLATFORM)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_second_convention_is_read_through_the_config(handbook: Path) -> None:
    data = json.loads(run_roles("list", "-f", "json").stdout)
    assert [(r["id"], r["name"], r["needs"], r["duties"], r["sub_roles"]) for r in data] == [
        ("platform", "Platform Engineer", 1, 1, ["architect"]),
        ("sre", "Site Reliability Engineer", 2, 2, ["architect", "operator"]),
    ]
    table = run_roles("list").stdout
    assert table.splitlines()[0].split()[-2:] == ["Arc", "Ope"]
    shown = json.loads(run_roles("show", "sre", "-f", "json").stdout)
    assert shown["summary"][0]["text"] == "Keeps production healthy."
    assert shown["duties"][0] == {
        "line": 18,
        "name": "Incident response",
        "description": "leads the call.",
        "bold": True,
    }


def test_second_convention_lints_clean_and_uses_its_vocabulary(handbook: Path) -> None:
    result = run_roles("lint", "-f", "json")
    assert json.loads(result.stdout)["findings"] == [], result.stdout
    write(
        handbook / "handbook" / "sre.md",
        SRE.replace("## Responsibilities", "## Duties").replace("### Operations", "### The Wizard"),
    )
    findings = json.loads(run_roles("lint", "-f", "json").stdout)["findings"]
    messages = {(f["code"], f["message"]) for f in findings}
    assert ("ST002", "missing section 'Responsibilities' (duties)") in messages
    assert ("CO004", "sub-role 'The Wizard' is not in the vocabulary") in messages


def test_near_miss_heading_gets_the_expected_text(tmp_path: Path) -> None:
    from .lintcases import clean

    write(
        tmp_path / "qa.md",
        clean().replace("## Why a QA Engineer is Needed", "## Why a QA Engineer is Neded"),
    )
    findings = json.loads(run_roles("lint", str(tmp_path), "-f", "json").stdout)["findings"]
    near = [f for f in findings if f["code"] == "ST006"]
    assert (
        near[0]["message"]
        == "heading 'Why a QA Engineer is Neded' is not recognised; did you mean 'Why a QA Engineer is Needed'?"
    )


def test_vocabulary_command_shows_what_is_in_force(handbook: Path) -> None:
    text = run_roles("vocabulary").stdout
    assert text.splitlines()[0] == f"Vocabulary: {handbook / 'pyproject.toml'} [vocabulary]"
    assert "Responsibilities | What you'll do" in text
    data = json.loads(run_roles("vocabulary", "-f", "json").stdout)
    assert data["sub_roles"] == {"architect": ["Architect"], "operator": ["Operator", "Operations"]}


def test_builtin_vocabulary_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_roles("vocabulary").stdout.splitlines()[0] == "Vocabulary: built-in"
    toml = run_roles("vocabulary", "-f", "toml").stdout
    write(tmp_path / "pyproject.toml", toml.replace("# vocabulary", "# the built-in"))
    assert load_config(tmp_path / "pyproject.toml").vocab == Vocabulary()


def test_extending_keeps_the_builtin_patterns(tmp_path: Path) -> None:
    write(
        tmp_path / "roles.toml",
        '[vocabulary]\nduties = ["Responsibilities"]\n[vocabulary.sub-roles]\narchitect = ["The Architect"]\n',
    )
    vocab = load_config(tmp_path / "roles.toml").vocab
    assert vocab.duties == ["Responsibilities", "What {article} {name} Does"]
    assert list(vocab.sub_roles) == [
        "sysadmin",
        "developer",
        "security",
        "manager",
        "coach",
        "architect",
    ]


def test_patterns_are_case_insensitive_and_keep_the_name() -> None:
    found = compile_pattern("Why {article} {name} is Needed").match("why AN SRE Lead is needed")
    assert (
        found is not None and found.group("name") == "SRE Lead" and found.group("article") == "AN"
    )


MIXED_CONFIG = '[tool.roles]\nroles-dir = "docs"\n[tool.roles.profiles]\ntags = ["role"]\n'


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from .lintcases import clean

    write(tmp_path / "pyproject.toml", MIXED_CONFIG)
    write(tmp_path / "docs" / "index.md", "---\ntitle: Home\n---\n# Welcome\n\nStart here.\n")
    write(
        tmp_path / "docs" / "guides" / "onboarding.md",
        "---\ntitle: Onboarding\ntags: [guide]\n---\n# Onboarding\n\n1. Get a laptop.\n",
    )
    write(tmp_path / "docs" / "faq.md", "# FAQ\n\n## Why?\n\nBecause.\n")
    write(
        tmp_path / "docs" / "roles" / "qa.md",
        clean().replace("tags: [qa, role]", "tags: [qa, role]"),
    )
    write(tmp_path / "docs" / "roles" / "lead.md", clean("Test Lead", position=2))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_mixed_folder_only_role_pages_are_listed(mixed: Path) -> None:
    assert run_roles("list", "-f", "ids").stdout == "roles/lead\nroles/qa\n"  # Docusaurus ids
    assert run_roles("show", "faq").exit_code == 2


def test_mixed_folder_lint_skips_other_pages(mixed: Path) -> None:
    result = run_roles("lint")
    assert (result.exit_code, result.stdout) == (0, "All 2 files passed.\n")
    with_all = run_roles("lint", "--all")
    assert "docs/faq.md: not a role profile (skipped)" in with_all.stdout
    assert "docs/guides/onboarding.md: not a role profile (skipped)" in with_all.stdout
    skipped = json.loads(run_roles("lint", "--all", "-f", "json").stdout)["skipped"]
    assert {s["path"] for s in skipped} == {
        "docs/faq.md",
        "docs/index.md",
        "docs/guides/onboarding.md",
    }


def test_a_file_named_explicitly_is_always_linted(mixed: Path) -> None:
    result = run_roles("lint", "docs/faq.md", "-f", "json")
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert {"FM001", "ST002"} <= codes and result.exit_code == 1


def test_a_broken_page_is_always_reported(mixed: Path) -> None:
    write(mixed / "docs" / "guides" / "broken.md", "---\ntitle: [oops\n---\n# Broken guide\n")
    result = run_roles("lint", "-f", "json")
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["FM004"]
    listed = run_roles("list", "-f", "ids")
    assert listed.exit_code == 2 and "docs/guides/broken.md:2: invalid YAML" in listed.stderr


def test_profiles_by_path_glob(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .lintcases import clean

    write(tmp_path / "roles.toml", 'roles-dir = "docs"\n[profiles]\npaths = ["roles/**"]\n')
    write(tmp_path / "docs" / "roles" / "team" / "qa.md", clean())
    write(tmp_path / "docs" / "faq.md", "# FAQ\n")
    monkeypatch.chdir(tmp_path)
    assert run_roles("list", "-f", "ids").stdout == "roles/team/qa\n"
    assert run_roles("lint").stdout == "All 1 file passed.\n"


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("The Role of a C++", "The Role of a C++"),  # math symbols are part of a name
        ("How a QA Lead Works 🛠️", "How a QA Lead Works"),
        ("🚀 What a QA Lead Does:", "What a QA Lead Does"),
        ("Why a QA Lead is Needed? {#why}", "Why a QA Lead is Needed"),
        ("## " + "<" * 10_000, "## " + "<" * 10_000),
    ],
)
def test_heading_key_takes_off_decorations_only(heading: str, key: str) -> None:
    assert heading_key(heading) == key
