"""'a' or 'an' by how a name is said, CO006 on it, and `[tool.roles.articles]` (issue 17.3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roledeck.articles import accepted_articles, article_for

from .helpers import run_roles, write
from .lintcases import clean


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MLOps Engineer", {"an"}),  # M-L-Ops: "em"
        ("LLMOps Lead", {"an"}),
        ("X-Ray Technician", {"an"}),  # "ex"
        ("SRE Lead", {"an"}),  # S-R-E: "ess"
        ("HR Partner", {"an"}),
        ("QA Engineer", {"a"}),  # "cue"
        ("UX Writer", {"a"}),  # "you"
        ("iOS Developer", {"an"}),  # "eye"
        ("8-Bit Artist", {"an"}),  # "eight"
        ("11x Engineer", {"an"}),  # "eleven"
        ("18F Consultant", {"an"}),  # "eighteen"
        ("80s Revivalist", {"an"}),  # "eighty"
        ("1 Person Team", {"a"}),  # "one"
        ("100x Coder", {"a"}),  # "one hundred"
        ("1800 Club Host", {"a", "an"}),  # "eighteen hundred" or "one thousand…"
        ("Éditeur Technique", {"an"}),  # like E
        ("Österreich Lead", {"an"}),  # like O
        ("Ingénieur", {"an"}),
        ("NOC Engineer", {"a", "an"}),  # "knock" or N-O-C
        ("SQL Analyst", {"a", "an"}),  # "sequel" or S-Q-L
        ("URL Designer", {"a", "an"}),  # "earl" or U-R-L
        ("SCRUM Master", {"a", "an"}),
        ("DevOps Engineer", {"a"}),
        ("Unix Admin", {"a"}),
        ("Hour Keeper", {"an"}),
        ("Urban Planner", {"an"}),
        ("Engineering Manager", {"an"}),
        ("Δ Analyst", {"a", "an"}),  # another script: no English rule
    ],
)
def test_articles_follow_pronunciation(name: str, expected: set[str]) -> None:
    assert accepted_articles(name) == expected


def test_the_written_article_is_the_spelled_reading_unless_configured() -> None:
    assert article_for("NOC Engineer") == "an"
    assert article_for("NOC Engineer", {"noc": "a"}) == "a"
    assert article_for("noc engineer", {"NOC Engineer": "a"}) == "a"  # any case


def _lint(tmp_path: Path, name: str, article: str, *extra: str) -> list[dict[str, object]]:
    write(tmp_path / "docs" / "x.md", clean(name, article=article))
    result = run_roles("lint", str(tmp_path / "docs"), "-f", "json", *extra)
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "CO006"]


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("MLOps Engineer", "an"),
        ("LLMOps", "an"),
        ("X-Ray Technician", "an"),
        ("11x", "an"),
        ("18F", "an"),
        ("8-Bit", "an"),
        ("Éditeur Technique", "an"),
        ("Österreich Lead", "an"),
        ("NOC Engineer", "an"),
        ("NOC Engineer", "a"),
    ],
)
def test_no_false_article_errors(tmp_path: Path, name: str, article: str) -> None:
    assert _lint(tmp_path, name, article) == []


def test_a_wrong_article_is_reported_with_its_case_kept(tmp_path: Path) -> None:
    found = _lint(tmp_path, "MLOps Engineer", "a")
    messages = [f["message"] for f in found]
    assert "'a MLOps Engineer' should be 'an MLOps Engineer'" in messages
    # the start of a sentence stays capitalised, and the name is quoted as written
    assert "'A MLOps Engineer' should be 'An MLOps Engineer'" in messages
    assert all(f["severity"] == "error" for f in found)


def test_the_articles_table_fixes_a_name(tmp_path: Path) -> None:
    config = write(tmp_path / "roles.toml", '[articles]\nNOC = "a"\n')
    found = _lint(tmp_path, "NOC Engineer", "an", "--config", str(config))
    assert "'an NOC Engineer' should be 'a NOC Engineer'" in [f["message"] for f in found]
    assert _lint(tmp_path, "NOC Engineer", "a", "--config", str(config)) == []


def test_the_articles_table_is_in_the_config_schema() -> None:
    schema = json.loads(run_roles("schema", "--part", "config").stdout)
    articles = schema["properties"]["articles"]
    assert articles["additionalProperties"]["enum"] == ["a", "an"]
    assert "description" in articles


def test_a_bad_article_in_the_config_is_refused(tmp_path: Path) -> None:
    config = write(tmp_path / "roles.toml", '[articles]\nNOC = "the"\n')
    result = run_roles("lint", str(tmp_path), "--config", str(config))
    assert result.exit_code == 2 and "articles.NOC" in result.stderr


@pytest.mark.parametrize(
    ("name", "article"),
    [("MLOps Engineer", "an"), ("8-Bit Artist", "an"), ("Éditeur Technique", "an")],
)
def test_new_writes_the_article_that_is_said(tmp_path: Path, name: str, article: str) -> None:
    assert run_roles("new", name, "--dir", str(tmp_path)).exit_code == 0
    text = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert f"# The Role of {article} {name}\n" in text
    assert f"## Why {article} {name} is Needed" in text


def test_new_from_writes_the_article_of_the_new_name(tmp_path: Path) -> None:
    result = run_roles("new", "MLOps Engineer", "--from", "devops-engineer", "--dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "mlops-engineer.md").read_text(encoding="utf-8")
    assert "\nAn MLOps Engineer is a vital role" in text and "a MLOps" not in text
    config = write(tmp_path / "roles.toml", '[articles]\nNOC = "a"\n')
    noc = run_roles(
        "new", "NOC Engineer", "--from", "devops-engineer", "--dir", str(tmp_path / "n"),
        "--config", str(config),
    )  # fmt: skip
    assert noc.exit_code == 0, noc.stderr
    assert "# The Role of a NOC Engineer" in (tmp_path / "n" / "noc-engineer.md").read_text()
