"""`roles diff --side-by-side`: the two roles in two columns, section by section.

The comparison page people otherwise write by hand: every item of both roles, paired items
on one row, with a gutter between the columns as in `sdiff` (= shared, ~ changed, + only in
the new role, - only in the old one, ↕ moved). Changed rows pick out the removed words in
the left column and the added ones in the right.
"""

from __future__ import annotations

from typing import Literal

from rich.box import Box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from roledeck.diff import Change, RoleDiff
from roledeck.reporters.console import render
from roledeck.reporters.diff_parts import (
    MARKERS,
    STYLES,
    group_of,
    safe,
    side_spans,
    summary_line,
    title_of,
    where_label,
)
from roledeck.reporters.diff_text import spans_text


def side_by_side(diff: RoleDiff, *, color: bool, width: int = 80, plain: bool = False) -> str:
    """Both roles, section by section, as a string (ANSI styles only when `color`).

    `plain` (the text format) draws section titles as plain lines instead of rules.
    """
    parts: list[RenderableType] = []
    head = _table(leading=0)
    head.add_row(
        Text(safe(diff.old.name), style="bold red"),
        Text("", style="dim"),
        Text(safe(diff.new.name), style="bold green"),
    )
    head.add_row(
        Text(safe(diff.old.source or diff.old.id), style="dim"),
        "",
        Text(safe(diff.new.source or diff.new.id), style="dim"),
    )
    parts.append(head)
    grouped: dict[str, list[Change]] = {}
    for entry in diff.entries:
        grouped.setdefault(group_of(entry.section), []).append(entry)
    for group, entries in grouped.items():
        parts.append(Text(""))
        title = title_of(group, diff.titles)
        if plain:
            parts.append(Text(f"{title}:", style="bold"))
        else:
            parts.append(Rule(Text(title, style="bold"), align="left", style="dim"))
        table = _table(leading=0 if group in _COMPACT else 1)
        for entry in entries:
            table.add_row(
                _cell(entry, "old", color=color, titles=diff.titles),
                Text(MARKERS[entry.kind], style=f"bold {STYLES[entry.kind]}"),
                _cell(entry, "new", color=color, titles=diff.titles),
            )
        parts.append(table)
    parts.append(Text(""))
    parts.append(Text(summary_line(diff), style="bold"))
    return render(Group(*parts), color=color, width=width)


_COMPACT = ("name", "frontmatter")
"""Sections of one-line items: no blank line between rows."""

_BLANK = Box("    \n" * 8, ascii=True)
"""Draws nothing: rich leaves a blank line between rows (`leading`) only for tables with a box."""


def _table(*, leading: int = 1) -> Table:
    table = Table(
        box=_BLANK,
        show_edge=False,
        show_header=False,
        expand=True,
        padding=(0, 0),
        leading=leading,
    )
    table.add_column(ratio=1, overflow="fold")
    table.add_column(width=1, no_wrap=True, justify="center")
    table.add_column(ratio=1, overflow="fold")
    return table


def _cell(
    entry: Change, side: Literal["old", "new"], *, color: bool, titles: dict[str, str]
) -> Text:
    """One side of a row: its text, with this side's edits picked out."""
    text = entry.old if side == "old" else entry.new
    if text is None:
        return Text("")
    out = Text()
    prefix = _prefix(entry, side, titles)
    if prefix:
        out.append(prefix, style="dim")
    if entry.kind == "changed" and entry.words:
        out.append_text(spans_text(side_spans(entry.words, side), color=color))
    else:
        style = STYLES[entry.kind] if entry.kind in ("added", "removed") else ""
        out.append(safe(text), style=style)
    if entry.body:
        out.append("\n" + "\n".join(safe(p) for p in entry.body), style="")
    return out


def _prefix(entry: Change, side: Literal["old", "new"], titles: dict[str, str]) -> str:
    section = entry.section
    if section == "frontmatter.tags":
        return "tag: "
    if section.startswith("frontmatter."):
        return f"{section.removeprefix('frontmatter.')}: "
    if section in ("notes", "blocks"):
        where = where_label(entry.old_where if side == "old" else entry.new_where, titles)
        return f"({where}) " if where else ""
    return ""
