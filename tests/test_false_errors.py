"""False errors found by profiles with names that hold sub-role words and acronyms.

A false error from `roles lint` fails someone's CI. Both were found by the fault suite's
varied catalog: "An Engineering Manager works as a developer and coach" was CO002 (the role's
own name read as the manager facet), and "an MLOps Engineer" was CO006 ("should be 'a'").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roledeck.vocabulary import article_for

from .helpers import run_roles, write
from .lintcases import clean


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("Engineering Manager", "an"),
        ("Agile Coach", "an"),
        ("Developer Advocate", "a"),
        ("MLOps Engineer", "an"),
        ("Security Expert Lead", "a"),
        ("QA Lead", "a"),
    ],
)
def test_a_role_name_holding_a_sub_role_word_or_an_acronym_lints_clean(
    tmp_path: Path, name: str, article: str
) -> None:
    write(tmp_path / "role.md", clean(name, article=article))
    result = run_roles("lint", str(tmp_path), "-f", "json")
    assert (result.exit_code, json.loads(result.stdout)["findings"]) == (0, [])


def test_the_intro_still_names_facets_outside_the_role_name(tmp_path: Path) -> None:
    text = clean("Engineering Manager", article="an").replace(
        "works as a developer and coach.", "works as a developer, manager and coach."
    )
    write(tmp_path / "role.md", text)
    codes = [
        f["code"]
        for f in json.loads(run_roles("lint", str(tmp_path), "-f", "json").stdout)["findings"]
    ]
    assert codes == ["CO002"]


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("MLOps Engineer", "an"),
        ("SRE Lead", "an"),
        ("DevOps Engineer", "a"),
        ("URL Designer", "a"),
        ("FinOps Analyst", "a"),
        ("Hour Keeper", "an"),
        ("Unix Admin", "a"),
    ],
)
def test_articles(name: str, article: str) -> None:
    assert article_for(name) == article
