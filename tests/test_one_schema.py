"""One schema: what lint accepts in a frontmatter, `roles schema` validates, and the reverse.

One table of frontmatter values, each with the verdict Docusaurus gives it (Joi's
`string()`, `number()`: a number or a string holding one, never true/false, infinity or NaN;
tags a list), is fed to lint (a Markdown profile and a YAML role file, through the parser
and through `roles lint`) and to the JSON Schemas (`--part frontmatter`, and `--part role`
for the YAML role file) with `jsonschema`. Every side must give the expected verdict.

The schema describes JSON: a value JSON cannot hold (infinity, NaN, a set) is no JSON
instance at all, so it fails the schema side; a YAML date (which Docusaurus's YAML reader
also makes a Date, not a string) becomes a tagged object, `{"$date": "2024-01-01"}`: fine
under a free key, not a string where one is required.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from roledeck.choices import SchemaPart
from roledeck.errors import RoleError
from roledeck.parse import parse_text
from roledeck.schema import json_schema
from roledeck.source import load_yaml

from .helpers import run_roles, write

BODY = "# The Role of a QA Engineer\n\nA QA Engineer keeps quality visible.\n"


@dataclass(frozen=True)
class Case:
    yaml: str
    accept: bool
    lint_fails: str = ""
    """Why lint gives the wrong verdict today (an xfail, strict), if it does."""
    schema_fails: str = ""
    """Why the schema gives the wrong verdict today (an xfail, strict), if it does."""


CASES = [
    # id, title, sidebar_label: strings (null: as if absent)
    Case("id: qa", True),
    Case("id: ''", True),
    Case("id: ~", True),
    Case("id: 3", False),
    Case("id: [qa]", False),
    Case("title: QA Engineer", True),
    Case("title: ''", True),
    Case("title: 3", False),
    Case("title: true", False),
    Case("title: [QA]", False),
    Case("title: {a: 1}", False),
    Case("title: 2024-01-01", False),
    Case("sidebar_label: QA", True),
    Case("sidebar_label: 3", False),
    # sidebar_position: a number, or a string Docusaurus reads as one
    Case("sidebar_position: 3", True),
    Case("sidebar_position: 2.5", True),
    Case("sidebar_position: -1", True),
    Case("sidebar_position: 0", True),
    Case("sidebar_position: '3'", True),
    Case("sidebar_position: ' 3 '", True),
    Case("sidebar_position: '2.5'", True),
    Case("sidebar_position: '-1'", True),
    Case("sidebar_position: '.5'", True),
    Case("sidebar_position: '1e2'", True),
    Case("sidebar_position: ~", True),
    Case("sidebar_position: abc", False),
    Case("sidebar_position: ''", False),
    Case("sidebar_position: '0x10'", False),
    Case("sidebar_position: '1_000'", False),
    Case("sidebar_position: 'Infinity'", False),
    Case("sidebar_position: true", False),
    Case("sidebar_position: .inf", False),
    Case("sidebar_position: .nan", False),
    Case("sidebar_position: [3]", False),
    Case("sidebar_position: {a: 1}", False),
    # tags: names (a number is read as text, as Docusaurus's front matter strings are), or
    # {label, permalink} objects
    Case("tags: [qa, role]", True),
    Case("tags: []", True),
    Case("tags: ~", True),
    Case("tags: qa", False),
    Case("tags: [1]", True),
    Case("tags: [[qa]]", False),
    Case("tags: {qa: 1}", False),
    Case("tags: [{label: QA, permalink: /qa}]", True),
    Case("tags: [{label: QA}]", False),
    Case(
        "tags: !!set {qa, role}",
        False,
        lint_fails="issue 17 owns tags' type: a YAML set loads as a Python set, which "
        "pydantic's list[str] accepts (js-yaml gives Docusaurus an object: refused)",
    ),
    # other keys are free, whatever their type
    Case("description: Keeps quality visible.", True),
    Case("slug: /qa", True),
    Case("custom: [1, {a: 2}]", True),
    Case("date: 2024-01-01", True),
    Case("hide_title: true", True),
]


def _params(side: str) -> list[Any]:
    params = []
    for case in CASES:
        reason = case.lint_fails if side == "lint" else case.schema_fails
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case.yaml, marks=marks))
    return params


def _frontmatter(case: Case) -> dict[str, Any]:
    data = load_yaml(case.yaml, path=Path("case.yaml"))
    assert isinstance(data, dict)
    return data


def _as_json(value: Any) -> Any | None:
    """The value as a JSON instance, or None when JSON cannot hold it."""
    try:
        return json.loads(json.dumps(value, allow_nan=False, default=_json_default))
    except (TypeError, ValueError):
        return None


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return {"$date": value.isoformat()}
    raise TypeError(type(value).__name__)


def _valid(part: SchemaPart, instance: Any) -> bool:
    schema = json_schema(part)
    validator = jsonschema.validators.validator_for(schema)(schema)
    return instance is not None and validator.is_valid(instance)


def _markdown(case: Case) -> str:
    return f"---\n{case.yaml}\n---\n{BODY}"


def _role_file(case: Case) -> str:
    indented = "\n".join(f"  {line}" for line in case.yaml.splitlines())
    return f"name: QA Engineer\nfrontmatter:\n{indented}\n"


def _parses(text: str, name: str) -> bool:
    try:
        parse_text(text, name)
    except RoleError as exc:
        assert exc.code in ("FM004", "FM006"), exc
        return False
    return True


@pytest.mark.parametrize("case", _params("lint"))
def test_lint_verdict(case: Case) -> None:
    assert _parses(_markdown(case), "qa.md") is case.accept
    assert _parses(_role_file(case), "qa.yaml") is case.accept


@pytest.mark.parametrize("case", _params("schema"))
def test_schema_verdict(case: Case) -> None:
    frontmatter = _as_json(_frontmatter(case))
    assert _valid(SchemaPart.frontmatter, frontmatter) is case.accept
    role = _as_json(yaml.load(_role_file(case), Loader=yaml.SafeLoader))
    assert _valid(SchemaPart.role, role) is case.accept


def test_roles_lint_and_roles_schema_through_the_cli(tmp_path: Path) -> None:
    """The same verdicts from the commands themselves, on the cases that run without xfail."""
    cases = [c for c in CASES if not (c.lint_fails or c.schema_fails)]
    for index, case in enumerate(cases):
        write(tmp_path / f"case{index:02}.md", _markdown(case))
    result = run_roles("lint", str(tmp_path), "--select", "FM004,FM006", "-f", "json")
    refused = {Path(f["path"]).stem for f in json.loads(result.stdout)["findings"]}
    schema = json.loads(run_roles("schema", "--part", "frontmatter").stdout)
    validator = jsonschema.validators.validator_for(schema)(schema)
    for index, case in enumerate(cases):
        frontmatter = _as_json(_frontmatter(case))
        by_schema = frontmatter is not None and validator.is_valid(frontmatter)
        by_lint = f"case{index:02}" not in refused
        assert (by_lint, by_schema) == (case.accept, case.accept), case.yaml


def test_a_numeric_string_position_reads_as_its_number() -> None:
    role = parse_text(_markdown(Case("sidebar_position: ' 2.5 '", True)), "qa.md").role
    assert role.frontmatter.sidebar_position == 2.5
    role = parse_text(_markdown(Case("sidebar_position: '3'", True)), "qa.md").role
    assert role.frontmatter.sidebar_position == 3
