"""The corpus of varied profiles: roledeck must read each as a careful reader (and Docusaurus) does.

tests/corpus/docs/ holds ~40 role profiles written the way other teams write them (nested
folders, number prefixes, index/README docs, setext headings, acronyms, accents, MDX
components...) and a few guides that are not profiles; tests/corpus/expected.yaml says, written
by hand from the Markdown, what each contains; `make corpus-check` proves with a real
Docusaurus build that every file builds and that the ids are Docusaurus's.  These tests read
every profile through the CLI and compare.

Where today's code reads a file wrongly, the case is marked `xfail(strict=True)` in `XFAIL`
below with the bug it shows (issue 16: the hand-written Markdown reading; issue 17: names,
ids, articles, components).  Strict: when a fix makes a case pass, the mark must go.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from .helpers import REPO, run_roles

CORPUS = REPO / "tests" / "corpus"
DOCS = CORPUS / "docs"
CONFIG = CORPUS / "roles.toml"
EXPECTED: list[dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)["files"]
BY_PATH = {entry["path"]: entry for entry in EXPECTED}
PROFILES = [entry["path"] for entry in EXPECTED if entry["is_profile"]]
KINDS = {"sysadmin", "developer", "security", "manager", "coach"}


def _rel(path: str) -> str:
    """A file as expected.yaml names it: relative to the corpus's docs folder."""
    return Path(path).resolve().relative_to(DOCS.resolve()).as_posix()


# -- what the bugs of today's code are, case by case ---------------------------------------
#
# Written from each failure's output, not guessed: every reason names the construct of the
# file that today's code misreads.  This is the bug list for the parser and lint work.

XFAIL: dict[tuple[str, str], str] = {}
"""(path, aspect) -> why today's code fails it."""


def cases(aspect: str, paths: list[str] | None = None) -> list[Any]:
    """One pytest param per file, marked xfail where `XFAIL` says the aspect fails today."""
    params = []
    for path in PROFILES if paths is None else paths:
        reason = XFAIL.get((path, aspect))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(path, id=path, marks=marks))
    return params


# -- reading the corpus through the CLI, once per file --------------------------------------


@cache
def shown(path: str) -> dict[str, Any]:
    """`roles show PATH --format json` of one corpus file (fails the test if unreadable)."""
    result = run_roles("show", str(DOCS / path), "--format", "json", "--config", str(CONFIG))
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@cache
def listed() -> dict[str, dict[str, Any]]:
    """`roles list --format json` of the whole corpus, by path (exit 2 still lists the rest)."""
    result = run_roles("list", "--format", "json", "--config", str(CONFIG))
    assert result.exit_code in (0, 2), result.stderr
    return {_rel(row["source"]): row for row in json.loads(result.stdout)}


@cache
def lint_findings() -> list[dict[str, Any]]:
    """`roles lint --roles-dir tests/corpus/docs --format json`, with the corpus's config."""
    result = run_roles(
        "lint",
        "--roles-dir",
        str(DOCS),
        "--config",
        str(CONFIG),
        "--format",
        "json",
        "--no-cache",
    )
    assert result.exit_code in (0, 1), result.stderr
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return findings


_MARKUP = re.compile(r"\*\*|__|[*`]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def first_words(text: str) -> str:
    """A need's first three words, as expected.yaml writes them: markup and punctuation gone."""
    plain = _MARKUP.sub("", _LINK.sub(r"\1", text))
    return " ".join(word.rstrip(",.;:!?") for word in plain.split()[:3])


def sub_role_label(sub_role: dict[str, Any]) -> str | dict[str, str]:
    """A sub-role as expected.yaml writes it: its kind, or {custom: heading as written}."""
    if sub_role.get("custom") or sub_role["kind"] not in KINDS:
        return {"custom": sub_role["title"]}
    return str(sub_role["kind"])


# -- the corpus itself ------------------------------------------------------------------------


def test_every_doc_is_listed_and_every_entry_exists() -> None:
    on_disk = {
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*")
        if p.suffix in (".md", ".mdx") and not p.name.startswith("_")
    }
    assert on_disk == set(BY_PATH)
    assert len(PROFILES) >= 40


def test_expected_yaml_is_well_formed() -> None:
    """Every profile entry has every key, with values of the documented shapes."""
    for entry in EXPECTED:
        assert isinstance(entry["id"], str) and entry["id"], entry["path"]
        assert set(entry.get("builds", {})) <= {"mdx", "mdx-v4"}, entry["path"]
        if not entry["is_profile"]:
            continue
        for key in ("name", "article", "spoken", "needs", "duties", "sub_roles"):
            assert key in entry, (entry["path"], key)
        assert entry["article"] in ("a", "an", None), entry["path"]
        assert entry["article"] is None or entry["article"] in entry["spoken"], entry["path"]
        assert set(entry["spoken"]) <= {"a", "an"} and entry["spoken"], entry["path"]
        assert all(len(words.split()) == 3 for words in entry["needs"]), entry["path"]
        for sub_role in entry["sub_roles"]:
            known = isinstance(sub_role, str) and sub_role in KINDS
            assert known or set(sub_role) == {"custom"}, entry["path"]


def test_guides_are_left_out_by_the_configuration() -> None:
    """roles.toml's [profiles] selects the role folders: the guides are not roles."""
    guides = {entry["path"] for entry in EXPECTED if not entry["is_profile"]}
    assert guides, "the corpus needs docs that are not profiles"
    assert not guides & set(listed())


# -- each profile, aspect by aspect ------------------------------------------------------------


@pytest.mark.parametrize("path", cases("listed"))
def test_listed(path: str) -> None:
    assert path in listed()


@pytest.mark.parametrize("path", cases("id"))
def test_id(path: str) -> None:
    assert shown(path)["id"] == BY_PATH[path]["id"]


@pytest.mark.parametrize("path", cases("resolve"))
def test_resolves_by_docusaurus_id(path: str) -> None:
    """`roles show <docusaurus id>` finds the file that has that id."""
    result = run_roles("show", BY_PATH[path]["id"], "--format", "json", "--config", str(CONFIG))
    assert result.exit_code == 0, result.stderr
    assert _rel(json.loads(result.stdout)["source"]) == path


@pytest.mark.parametrize("path", cases("name"))
def test_name(path: str) -> None:
    assert shown(path)["name"] == BY_PATH[path]["name"]


@pytest.mark.parametrize("path", cases("article"))
def test_article_in_h1(path: str) -> None:
    """The article the H1 writes (None when it writes none), as roledeck reads it."""
    title = shown(path)["headings"]["title"] or {}
    assert title.get("article") == BY_PATH[path]["article"]


@pytest.mark.parametrize("path", cases("needs"))
def test_needs(path: str) -> None:
    needs = [first_words(need["text"]) for need in shown(path)["needs"]]
    assert needs == BY_PATH[path]["needs"]


@pytest.mark.parametrize("path", cases("duties"))
def test_duties(path: str) -> None:
    names = [_MARKUP.sub("", duty["name"]).strip() for duty in shown(path)["duties"]]
    assert names == BY_PATH[path]["duties"]


@pytest.mark.parametrize("path", cases("sub_roles"))
def test_sub_roles(path: str) -> None:
    labels = [sub_role_label(s) for s in shown(path)["sub_roles"]]
    assert labels == BY_PATH[path]["sub_roles"]


@pytest.mark.parametrize("path", cases("extra_sections"))
def test_extra_sections(path: str) -> None:
    titles = [extra["title"] for extra in shown(path)["extra_sections"]]
    assert titles == BY_PATH[path].get("extra_sections", [])


@pytest.mark.parametrize("path", cases("lint"))
def test_lint_reports_no_error(path: str) -> None:
    """A profile that builds and follows the shape is correct: an error on it is false."""
    errors = [
        f"{f['line']}: {f['code']} {f['message']}"
        for f in lint_findings()
        if f["severity"] == "error" and _rel(f["path"]) == path
    ]
    assert errors == []
