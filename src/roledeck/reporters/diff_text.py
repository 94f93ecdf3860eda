"""`roles diff` for people: a rich terminal view, and plain text with git's word-diff markers.

Both group the changes by section, one entry per changed item: a marker (+ added, - removed,
~ changed, ↕ moved), what the item is and where, then its text with the removed and added
words picked out. Without colour the picking-out is `[-removed-]` and `{+added+}`, as in
`git diff --word-diff=plain`, so piped output loses nothing.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from roledeck.diff import Change, RoleDiff
from roledeck.reporters.console import render
from roledeck.reporters.diff_parts import (
    MARKERS,
    STYLES,
    Span,
    group_of,
    item_label,
    line_label,
    safe,
    side_title,
    summary_line,
    title_of,
    unified_spans,
)
from roledeck.textsafe import visible

SPAN_STYLES = {"delete": "red strike", "insert": "green bold", "elided": "dim", "equal": ""}
_LABELLED = ("frontmatter.tags", "sub_roles", "extra_sections")
"""Sections whose item text is in the entry's label; only a body may follow."""
PLAIN_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}


def rich_diff(diff: RoleDiff, *, color: bool, width: int = 80) -> str:
    """The changes, grouped by section, as a string (ANSI styles only when `color`)."""
    parts: list[RenderableType] = [_header(diff)]
    grouped: dict[str, list[Change]] = {}
    for change in diff.changes:
        if change.section != "name":
            grouped.setdefault(group_of(change.section), []).append(change)
    for group, changes in grouped.items():
        parts.append(Text(""))
        parts.append(
            Rule(Text(title_of(group, diff.titles), style="bold"), align="left", style="dim")
        )
        for change in changes:
            parts.append(_entry(change, diff.titles, color=color))
    parts.append(Text(""))
    parts.append(Text(summary_line(diff), style="bold"))
    return render(Group(*parts), color=color, width=width)


def _header(diff: RoleDiff) -> Text:
    text = Text()
    text.append(f"--- {side_title(diff, 'old')}\n", style="red")
    text.append(f"+++ {side_title(diff, 'new')}", style="green")
    rename = next((c for c in diff.changes if c.section == "name"), None)
    if rename is not None:
        text.append("\nname: ", style="bold")
        text.append(visible(rename.old or "", keep_newlines=False), style="red")
        text.append(" → ")
        text.append(visible(rename.new or "", keep_newlines=False), style="green")
    return text


def _entry(change: Change, titles: dict[str, str], *, color: bool) -> RenderableType:
    style = STYLES[change.kind]
    head = Text()
    head.append(f"{MARKERS[change.kind]} ", style=f"bold {style}")
    head.append(item_label(change, titles), style=style)
    details = [d for d in (_kind_note(change), line_label(change)) if d]
    if details:
        head.append(f" · {' · '.join(details)}", style="dim")
    body = _body(change, color=color)
    if body is None:
        return head
    return Group(head, Padding(body, (0, 0, 0, 2)))


def _kind_note(change: Change) -> str:
    return "also moved" if change.kind == "changed" and change.moved else ""


def _body(change: Change, *, color: bool) -> Text | None:
    if change.kind == "changed":
        return spans_text(unified_spans(change.words), color=color)
    style = "" if change.kind == "moved" else STYLES[change.kind]
    if change.section in _LABELLED:
        paragraphs = [safe(p) for p in change.body]
    else:
        text = change.new if change.kind in ("added", "moved") else change.old
        paragraphs = [safe(text or "")]
    if not paragraphs:
        return None
    return Text("\n".join(paragraphs), style=style)


def spans_text(spans: list[Span], *, color: bool) -> Text:
    """Spans as a rich `Text`: styled with colour, marked with `[-…-]`/`{+…+}` without."""
    out = Text()
    previous = ""
    for span in spans:
        if color and previous == "delete" and span.kind == "insert":
            out.append(" ")  # "softwaredelivery" in two colours still reads as one word
        previous = span.kind
        if not color and span.kind in PLAIN_MARKS:
            start, end = PLAIN_MARKS[span.kind]
            out.append(f"{start}{span.text}{end}")
        else:
            out.append(span.text, style=SPAN_STYLES[span.kind])
    return out


def plain_diff(diff: RoleDiff) -> str:
    """The same content as plain lines: no colour, no rules, no wrapping; easy to grep."""
    lines = [f"--- {side_title(diff, 'old')}", f"+++ {side_title(diff, 'new')}"]
    rename = next((c for c in diff.changes if c.section == "name"), None)
    if rename is not None:
        old, new = (visible(x or "", keep_newlines=False) for x in (rename.old, rename.new))
        lines.append(f"name: {old} → {new}")
    current = None
    for change in diff.changes:
        if change.section == "name":
            continue
        group = group_of(change.section)
        if group != current:
            lines += ["", f"{title_of(group, diff.titles)}:"]
            current = group
        details = [d for d in (_kind_note(change), line_label(change)) if d]
        suffix = f" ({', '.join(details)})" if details else ""
        lines.append(f"{MARKERS[change.kind]} {item_label(change, diff.titles)}{suffix}")
        body = _body(change, color=False)
        if body is not None:
            lines += [f"    {line}" for line in body.plain.split("\n")]
    lines += ["", summary_line(diff)]
    return "\n".join(lines) + "\n"


def stat(diff: RoleDiff, *, color: bool = False, width: int = 80) -> str:
    """Only the closing summary line (`--stat`)."""
    return render(Text(summary_line(diff), style="bold"), color=color, width=width)
