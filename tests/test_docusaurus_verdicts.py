"""`roles lint` agrees with real Docusaurus builds, recorded in tests/fixtures/mdx/verdicts.json.

`make docs-check` rebuilds every case with a real Docusaurus and fails if a verdict changed;
this offline test fails when lint disagrees with a recorded verdict in either direction: a
case that breaks the build must get an error, a case that builds must get none.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roledeck.config import Config, DocusaurusConfig
from roledeck.lint.engine import LintSettings, Target, lint_file
from roledeck.lint.selection import Selection

from .helpers import REPO

CORPUS = REPO / "tests" / "fixtures" / "mdx"
VERDICTS = json.loads((CORPUS / "verdicts.json").read_text(encoding="utf-8"))
SITE_CONFIGS = {
    "mdx": DocusaurusConfig(markdown_format="mdx", mdx1_comments=True),
    "mdx-v4": DocusaurusConfig(markdown_format="mdx", mdx1_comments=False, mdx1_heading_ids=False),
    "detect": DocusaurusConfig(markdown_format="detect", mdx1_comments=True),
}
BUILD_BREAKING = ("MDX", "FM", "IO")
"""Rule families whose errors mean the build fails (the rest are roledeck's conventions)."""

CASES = [(name, case) for name in SITE_CONFIGS for case in sorted(VERDICTS["configs"][name])]


def breaking_errors(path: Path, site: DocusaurusConfig) -> list[str]:
    config = Config(docusaurus=site)
    settings = LintSettings(config, Selection.resolve(config))
    report = lint_file(Target(str(path)), settings)
    return [
        f"{f.line}:{f.column} {f.code} {f.message}"
        for f in report.findings
        if f.severity == "error" and f.code.startswith(BUILD_BREAKING)
    ]


@pytest.mark.parametrize(("site", "case"), CASES, ids=[f"{s}-{c}" for s, c in CASES])
def test_lint_agrees_with_the_real_build(site: str, case: str) -> None:
    verdict = VERDICTS["configs"][site][case]
    errors = breaking_errors(CORPUS / case, SITE_CONFIGS[site])
    if verdict["builds"]:
        assert errors == [], f"Docusaurus builds {case}, but lint says it breaks: {errors}"
    else:
        assert errors, f"Docusaurus fails on {case} ({verdict['message']}), lint says nothing"
        if verdict.get("line"):
            assert any(e.startswith(f"{verdict['line']}:") for e in errors), (verdict, errors)


def test_every_corpus_file_has_a_verdict_in_every_config() -> None:
    files = {
        p.name for p in CORPUS.iterdir() if p.suffix in (".md", ".mdx") and p.name != "README.md"
    }
    for site in SITE_CONFIGS:
        assert set(VERDICTS["configs"][site]) == files, site
