"""`roles diff --side-by-side`: the two roles in two columns, section by section.

The comparison page people otherwise write by hand: every item of both roles, paired items
on one row, with a gutter between the columns as in `sdiff` (= shared, ~ changed, + only in
the new role, - only in the old one, ↕ moved). Changed rows pick out the removed words in
the left column and the added ones in the right.
"""

from __future__ import annotations

import re
from typing import Literal

from rich.box import Box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from roledeck.diff import Change, RoleDiff
from roledeck.reporters.console import render
from roledeck.reporters.diff_parts import (
    MARKERS,
    STYLES,
    blocks_of,
    group_of,
    safe,
    side_lines,
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
                Fitted(_cell(diff, entry, "old", color=color)),
                Text(MARKERS[entry.kind], style=f"bold {STYLES[entry.kind]}"),
                Fitted(_cell(diff, entry, "new", color=color)),
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


def _cell(diff: RoleDiff, entry: Change, side: Literal["old", "new"], *, color: bool) -> Text:
    """One side of a row: its text, with this side's edits picked out (code and tables
    line by line, prose word by word)."""
    text = entry.old if side == "old" else entry.new
    if text is None:
        return Text("")
    out = Text()
    prefix = _prefix(entry, side, diff.titles)
    if prefix:
        out.append(prefix, style="dim")
    ops = blocks_of(diff, entry)
    if ops is not None:
        lines = [spans_text(spans, color=color) for spans in side_lines(ops, side)]
        out.append_text(Text("\n").join(lines))
    elif entry.kind == "changed" and entry.words:
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


class Fitted:
    """A cell's text wrapped the way `fit` does, at whatever width the table gives it."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(1, max(widest, 1))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield fit(self.text, options.max_width)


_BREAK_AFTER = "/-._?&=#:,;+"
"""Where a URL or a path too long for its column is folded: after one of these, as
browsers and typesetters break URLs, so each piece ends at a boundary of the address."""


def fit(text: Text, width: int) -> Text:
    """`text` wrapped to `width` cells at spaces, never inside a word that fits.

    A word longer than the column (a URL, a path) starts a line of its own and is folded
    only there, after a `/`, `-`, `.` or the like where it can be (no piece shorter than
    half the column), else at the column's edge; nothing is cut.
    """
    width = max(width, 1)
    plain = text.plain
    pieces: list[Text] = []
    offset = 0
    for line in plain.split("\n"):
        for start, end in _wrap(line, width):
            pieces.append(text[offset + start : offset + end])
        offset += len(line) + 1
    return Text("\n").join(pieces)


def _wrap(line: str, width: int) -> list[tuple[int, int]]:
    if cell_len(line) <= width:
        return [(0, len(line))]
    out: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for match in re.finditer(r"\S+", line):
        word_start, word_end = match.span()
        if start is not None and cell_len(line[start:word_end]) <= width:
            end = word_end
            continue
        if start is not None:
            out.append((start, end))
        first = 0 if not out and start is None else word_start  # keep the indentation
        if cell_len(line[first:word_end]) <= width:
            start, end = first, word_end
        else:
            out += _fold(line, first, word_end, width)
            start = None
    if start is not None:
        out.append((start, end))
    return out or [(0, 0)]


_SCHEME = r"[A-Za-z][A-Za-z0-9+.-]*://"


def _fold(line: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    url = re.search(_SCHEME, line[start:end])
    if url and url.start() and cell_len(line[start + url.start() : end]) <= width:
        # `[text](https://…)`: the address keeps a line of its own, whole
        return [(start, start + url.start()), (start + url.start(), end)]
    while cell_len(line[start:end]) > width:
        limit = start + 1
        while limit < end and cell_len(line[start : limit + 1]) <= width:
            limit += 1
        cut = limit
        for at in range(limit, start, -1):
            if line[at - 1] in _BREAK_AFTER and cell_len(line[start:at]) * 2 >= width:
                cut = at
                break
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out
