"""Lint findings for people: `path:line:col: CODE message`, sorted, then a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from rich.table import Table
from rich.text import Text

from roledeck.lint.findings import Finding, LintResult
from roledeck.lint.rules import BY_CODE
from roledeck.reporters.console import render
from roledeck.textsafe import visible

_STYLE = {"error": "bold red", "warning": "yellow"}


def plain_line(finding: Finding, shown: dict[str, str] | None = None) -> str:
    """A finding as one plain line (what editors and CI logs parse).

    `shown` remembers texts already made visible, for callers printing many findings (paths
    and messages repeat).
    """
    memo = {} if shown is None else shown
    suffix = " (warning)" if finding.severity == "warning" else ""
    path = _visible_once(finding.path, memo)
    message = _visible_once(finding.message, memo)
    return f"{path}:{finding.line}:{finding.column}: {finding.code} {message}{suffix}"


def _visible_once(text: str, memo: dict[str, str]) -> str:
    found = memo.get(text)
    if found is None:
        found = memo[text] = visible(text, keep_newlines=False)
    return found


def _line(finding: Finding) -> Text:
    text = Text()
    text.append(visible(finding.path, keep_newlines=False), style="bold")
    text.append(f":{finding.line}:{finding.column}: ")
    text.append(finding.code, style=_STYLE[finding.severity])
    text.append(" ")
    text.append(visible(finding.message, keep_newlines=False))
    if finding.severity == "warning":
        text.append(" (warning)", style="dim")
    return text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(result: LintResult) -> str:
    """One closing line: what was found, in how many files."""
    if not result.findings:
        return f"All {_plural(result.files, 'file')} passed."
    parts = []
    if result.errors:
        parts.append(_plural(result.errors, "error"))
    if result.warnings:
        parts.append(_plural(result.warnings, "warning"))
    return (
        f"Found {' and '.join(parts)} in {result.files_with_findings} of "
        f"{_plural(result.files, 'file')}."
    )


def statistics(result: LintResult) -> Table:
    """Counts per rule, most frequent first."""
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column(justify="right")
    table.add_column()
    table.add_column()
    table.add_column(style="dim")
    for code, count in sorted(
        Counter(f.code for f in result.findings).items(), key=lambda kv: (-kv[1], kv[0])
    ):
        rule = BY_CODE.get(code)
        severity = next(f.severity for f in result.findings if f.code == code)
        table.add_row(
            str(count), Text(code, style=_STYLE[severity]), rule.name if rule else "", severity
        )
    return table


def report(
    result: LintResult,
    *,
    color: bool,
    width: int = 80,
    quiet: bool = False,
    show_statistics: bool = False,
) -> str:
    """The text report: findings (or per-rule counts), then the summary unless quiet."""
    return "".join(
        report_parts(result, color=color, width=width, quiet=quiet, show_statistics=show_statistics)
    )


CHUNK = 2_000
"""Findings per piece of plain output: 50,000 findings are never all held as lines at once."""


def report_parts(
    result: LintResult,
    *,
    color: bool,
    width: int = 80,
    quiet: bool = False,
    show_statistics: bool = False,
) -> Iterator[str]:
    """The text report in pieces, to be written as they come (their concatenation is it)."""
    parts: list[Text | Table] = []
    plain = not show_statistics and not color
    if show_statistics:
        if result.findings:
            parts.append(statistics(result))
    elif color:
        parts.extend(_line(f) for f in result.findings)
    for skipped in result.skipped:
        parts.append(
            Text(
                f"{visible(skipped.path, keep_newlines=False)}: {skipped.skipped} (skipped)",
                style="dim",
            )
        )
    if not quiet:
        if result.fixed:
            parts.append(Text(f"Fixed {_plural(result.fixed, 'problem')}.", style="green"))
        parts.append(Text(summary(result), style="bold" if result.findings else "green"))
    if plain:
        # tens of thousands of findings: plain strings, not rich layout, a chunk at a time
        findings = result.findings
        shown: dict[str, str] = {}  # paths and messages repeat: each made visible once
        for start in range(0, len(findings), CHUNK):
            yield "".join(f"{plain_line(f, shown)}\n" for f in findings[start : start + CHUNK])
    if parts:
        yield render(*parts, color=color, width=width, soft_wrap=True).rstrip("\n")
