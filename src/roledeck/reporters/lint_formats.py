"""The lint output formats by name: one place that maps `--format` to a reporter."""

from __future__ import annotations

from collections.abc import Iterable

from roledeck.lint.findings import LintResult
from roledeck.reporters import lint_github, lint_json, lint_sarif, lint_text


def report(
    name: str, result: LintResult, *, color: bool, width: int, quiet: bool, statistics: bool
) -> Iterable[str]:
    """The report in format `name` (text, json, github or sarif), in pieces to be joined.

    Text comes a chunk of findings at a time, since it is what a huge catalog's run prints.
    """
    if name == "text":
        return lint_text.report_parts(
            result, color=color, width=width, quiet=quiet, show_statistics=statistics
        )
    if name == "json":
        return [lint_json.report(result)]
    if name == "github":
        return [lint_github.report(result)]
    if name == "sarif":
        return [lint_sarif.report(result)]
    raise ValueError(f"unknown lint format {name}")
