"""Every lint rule, failing and passing, through `roles lint --format json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roledeck.lint.rules import RULES

from .helpers import run_roles, write
from .lintcases import CASES, Case, clean


def make_catalog(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes) and content.startswith(b"@symlink:"):
            path.symlink_to(content.removeprefix(b"@symlink:").decode())
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def lint_json(root: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = run_roles("lint", str(root), "--format", "json", *args)
    assert result.stderr == "", result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_the_clean_profile_has_no_finding(tmp_path: Path) -> None:
    write(tmp_path / "qa.md", clean())
    code, data = lint_json(tmp_path)
    assert (code, data["findings"]) == (0, [])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_rule_fails_on_its_case(case: Case, tmp_path: Path) -> None:
    catalog = tmp_path / "docs"
    make_catalog(catalog, case.files())
    args = []
    if case.config:
        write(tmp_path / "roles.toml", case.config + "\n")
        args = ["--config", str(tmp_path / "roles.toml")]
    code, data = lint_json(catalog, *args)
    found = [f for f in data["findings"] if f["code"] == case.code]
    assert found, data["findings"]
    if case.line is not None:
        assert found[0]["line"] == case.line, found
    rule = next(r for r in RULES if r.code == case.code)
    assert found[0]["severity"] == rule.severity
    assert code == (1 if any(f["severity"] == "error" for f in data["findings"]) else 0)


def test_every_rule_has_a_failing_case() -> None:
    assert {r.code for r in RULES} <= {c.code for c in CASES}


def test_the_seeds_warn_but_pass() -> None:
    result = run_roles("lint", "roles", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert data["errors"] == 0
    todo = [(f["path"], f["line"]) for f in data["findings"] if f["code"] == "CT003"]
    assert todo == [("roles/devops-specialist.md", line) for line in (24, 37, 41, 45, 48)]
    punctuation = [f["line"] for f in data["findings"] if f["code"] == "CT002"]
    assert (
        26 in punctuation
    )  # "Monitoring and Managing environments." is the only duty with a period
    assert run_roles("lint", "roles", "--strict", "-q").exit_code == 1
