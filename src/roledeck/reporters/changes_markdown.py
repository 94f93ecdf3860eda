"""`roles changes --format markdown`: one pull-request comment for a whole catalog.

A summary table (one row per role that differs), then one collapsed `<details>` section per
changed or renamed role holding its `roles diff --format markdown`, so a long review stays
short until a reader opens a role. Role text is escaped as in `diff_markdown` (it shows as
written and can mention nobody); inside `<summary>`, which GitHub renders as HTML, it is
HTML-escaped instead.
"""

from __future__ import annotations

import html

from roledeck.changes import Changes, RoleChange
from roledeck.reporters import diff_markdown
from roledeck.reporters.changes_text import MARKERS, files_label, role_label, totals, what
from roledeck.reporters.diff_markdown import escape
from roledeck.textsafe import visible


def _cell(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _summary_text(text: str) -> str:
    """Text for `<summary>`: HTML-escaped, with '@' and '#' kept from linking anything."""
    escaped = html.escape(visible(text, keep_newlines=False), quote=False)
    return escaped.replace("@", "&#64;").replace("#", "&#35;")


def report(changes: Changes, *, stat: bool = False) -> str:
    """The comment: heading, totals, the table, the problems, then each role's details."""
    old, new = escape(changes.old_label), escape(changes.new_label)
    title = f"{old} → {new}"
    if changes.spec and "..." in changes.spec:
        title = f"{escape(changes.spec)} (from {old})"
    lines = [f"### Role changes: {title}", "", f"**{escape(totals(changes))}**", ""]
    if changes.roles:
        lines += ["| | Role | File | Changes |", "| :-: | --- | --- | --- |"]
        for change in changes.roles:
            mark = escape(f"{MARKERS[change.status]} {change.status}")
            row = [mark, _cell(role_label(change)), _cell(files_label(change)), _cell(what(change))]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    if changes.problems:
        lines += ["**Could not be read:**", ""]
        for problem in changes.problems:
            note = f" (role {problem.other.id} not compared)" if problem.other is not None else ""
            lines.append(f"- {escape(problem.error.located() + note)}")
        lines.append("")
    if not stat:
        for change in changes.roles:
            if change.diff is not None and not change.diff.equal:
                lines += _details(change)
    return "\n".join(lines).rstrip("\n") + "\n"


def _details(change: RoleChange) -> list[str]:
    assert change.diff is not None
    title = f"{MARKERS[change.status]} {role_label(change)}: {what(change)}"
    body = diff_markdown.unified(change.diff).rstrip("\n")
    # a blank line after <summary> and before </details>: GitHub renders the Markdown between
    return [
        "<details>",
        f"<summary>{_summary_text(title)}</summary>",
        "",
        body,
        "",
        "</details>",
        "",
    ]
