"""What `roles fmt` tells the user: a line per changed or skipped file, a summary, diffs."""

from __future__ import annotations

import difflib
from collections import Counter

from roledeck.fmt import FileOutcome, Status
from roledeck.textsafe import visible


def _plural(count: int, word: str = "file") -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def status_report(outcomes: list[FileOutcome], *, check: bool) -> str:
    """One line per file fmt changed (or would) or skipped, then a summary line."""
    lines: list[str] = []
    for outcome in outcomes:
        path = visible(str(outcome.path), keep_newlines=False)
        if outcome.status is Status.reformatted:
            lines.append(f"{'would reformat' if check else 'reformatted'} {path}")
        elif outcome.status is Status.skipped:
            lines.append(f"skipped {path} ({'; '.join(outcome.details)})")
    lines.append(summary(outcomes, check=check))
    return "\n".join(lines)


def summary(outcomes: list[FileOutcome], *, check: bool) -> str:
    counts = Counter(outcome.status for outcome in outcomes)
    changed, same = counts[Status.reformatted], counts[Status.unchanged]
    if check:
        parts = [
            f"{_plural(changed)} would be reformatted",
            f"{_plural(same)} already formatted",
        ]
    else:
        parts = [f"{_plural(changed)} reformatted", f"{_plural(same)} left unchanged"]
    if counts[Status.skipped]:
        parts.append(f"{counts[Status.skipped]} skipped")
    problems = counts[Status.refused] + counts[Status.failed]
    if problems:
        parts.append(f"{_plural(problems)} not formatted (see above)")
    return ", ".join(parts) + "."


def problem_lines(outcomes: list[FileOutcome]) -> list[str]:
    """`path:line: message` for each file fmt could not read or would not write."""
    lines: list[str] = []
    for outcome in outcomes:
        if outcome.status is Status.failed and outcome.error is not None:
            lines.append(outcome.error.located())
        elif outcome.status is Status.refused:
            lost = "; ".join(outcome.details)
            lines.append(f"{outcome.path}: not formatted, the result would differ: {lost}")
    return [visible(line, keep_newlines=False) for line in lines]


def unified_diffs(outcomes: list[FileOutcome]) -> str:
    """The changes as one unified diff (`a/` and `b/` prefixes, as git writes them)."""
    out: list[str] = []
    for outcome in outcomes:
        if outcome.status is not Status.reformatted:
            continue
        lines = difflib.unified_diff(
            outcome.original.splitlines(keepends=True),
            outcome.new_text.splitlines(keepends=True),
            fromfile=f"a/{outcome.path}",
            tofile=f"b/{outcome.path}",
        )
        for line in lines:
            out.append(line)
            if not line.endswith("\n"):
                out.append("\n\\ No newline at end of file\n")
    return visible("".join(out))
