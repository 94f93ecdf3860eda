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
from rich.table import Table
from rich.text import Text

from roledeck.diff import Change, RoleDiff
from roledeck.reporters.console import render
from roledeck.reporters.diff_parts import (
    MARKERS,
    STYLES,
    Line,
    Span,
    block_lines,
    blocks_of,
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
            parts.append(_entry(diff, change, color=color))
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


def _entry(diff: RoleDiff, change: Change, *, color: bool) -> RenderableType:
    style = STYLES[change.kind]
    head = Text()
    head.append(f"{MARKERS[change.kind]} ", style=f"bold {style}")
    head.append(item_label(change, diff.titles), style=style)
    details = [d for d in (_kind_note(change), line_label(change)) if d]
    if details:
        head.append(f" · {' · '.join(details)}", style="dim")
    body = _body(diff, change, color=color)
    if body is None:
        return head
    shown = lines_grid(body, color=color) if isinstance(body, list) else body
    return Group(head, Padding(shown, (0, 0, 0, 2)))


def _kind_note(change: Change) -> str:
    return "also moved" if change.kind == "changed" and change.moved else ""


def _body(diff: RoleDiff, change: Change, *, color: bool) -> Text | list[Line] | None:
    ops = blocks_of(diff, change)
    if ops is not None:
        return block_lines(ops)
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


LINE_STYLES = {" ": "", "-": "red", "+": "green", "~": "yellow", "…": "dim"}


def _line_text(line: Line, *, color: bool) -> Text:
    if line.mark in "-+":
        return Text("".join(span.text for span in line.spans), style=LINE_STYLES[line.mark])
    return spans_text(line.spans, color=color)


def _mark(line: Line) -> Text:
    return Text(line.mark if line.mark != "…" else " ", style=f"bold {LINE_STYLES[line.mark]}")


def lines_grid(lines: list[Line], *, color: bool) -> Table:
    """A block-by-block change, as a unified diff shows one: each line with its mark in a
    margin (whole removed and added lines red and green, no word markers needed: the margin
    says it; prose edited in place with its words picked out), wrapped under its text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row(_mark(line), _line_text(line, color=color))
    return grid


def lines_plain(lines: list[Line]) -> list[str]:
    """The same lines unwrapped, for the text format."""
    return [f"{_mark(line).plain} {_line_text(line, color=False).plain}" for line in lines]


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
        body = _body(diff, change, color=False)
        if isinstance(body, list):
            lines += [f"    {line}".rstrip() for line in lines_plain(body)]
        elif body is not None:
            lines += [f"    {line}" for line in body.plain.split("\n")]
    lines += ["", summary_line(diff)]
    return "\n".join(lines) + "\n"


def stat(diff: RoleDiff, *, color: bool = False, width: int = 80) -> str:
    """Only the closing summary line (`--stat`)."""
    return render(Text(summary_line(diff), style="bold"), color=color, width=width)
