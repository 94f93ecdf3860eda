"""A role for people: a rich terminal view, and the same content as plain text.

All user text goes through `visible()` and is wrapped in `Text` objects, so it is never
read as rich markup and never drives the terminal.
"""

from __future__ import annotations

import re
from typing import TypeVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from roledeck.model import Duty, Heading, Role, SubRole
from roledeck.reporters.console import render
from roledeck.textsafe import clip, visible

T = TypeVar("T")

KIND_LABELS = {
    "sysadmin": "System Administrator",
    "developer": "Developer",
    "security": "Security Expert",
    "manager": "Manager",
    "coach": "Coach",
}

_MARKUP = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`")


RICH_ENTRIES = 400
"""Entries (bullets, paragraphs, sections) the rich view lays out; rich needs ~0.2 ms each."""


def safe(text: str) -> str:
    """User text made printable and short enough to lay out quickly."""
    return visible(clip(text))


def safe_line(text: str) -> str:
    """A one-line field (id, name, tag, path): a newline in it must not fake another line."""
    return visible(clip(text, 200), keep_newlines=False)


class _Budget:
    """How many more entries the rich view shows; the rest are counted and said to be hidden.

    A crafted file can hold thousands of items; laying them all out in rich takes seconds,
    and nobody reads them on a terminal anyway. `--format text` shows everything.
    """

    def __init__(self, entries: int) -> None:
        self.left = entries
        self.hidden = 0

    def take(self, items: list[T]) -> list[T]:
        shown = items[: max(self.left, 0)]
        self.left -= len(shown)
        self.hidden += len(items) - len(shown)
        return shown


def sub_role_label(sub: SubRole) -> str:
    if sub.custom:
        return re.sub(r"^the\s+", "", sub.title, flags=re.IGNORECASE)
    return KIND_LABELS.get(sub.kind, sub.title)


def _inline(text: str) -> Text:
    """Markdown bold and code shown as styles; everything else literally."""
    out = Text()
    pos = 0
    for match in _MARKUP.finditer(text):
        out.append(text[pos : match.start()])
        if match.group(3) is not None:
            out.append(match.group(3), style="cyan")
        else:
            out.append(match.group(1) or match.group(2), style="bold")
        pos = match.end()
    out.append(text[pos:])
    return out


def _para(text: str) -> Text:
    return _inline(safe(text))


def _duty_text(duty: Duty) -> Text:
    text = Text(safe(duty.name), style="bold")
    if duty.description:
        text.append(" — ")
        text.append_text(_para(duty.description))
    return text


def _bullets(items: list[Text]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1, no_wrap=True)
    table.add_column()
    for item in items:
        table.add_row("•", item)
    return table


def _section(title: str, body: list[RenderableType]) -> list[RenderableType]:
    return [
        Rule(Text(title, style="bold"), align="left", style="dim"),
        Padding(Group(*body), (0, 0, 1, 2)),
    ]


def _heading(heading: Heading | None, default: str) -> str:
    return safe(heading.text) if heading is not None else default


def rich_view(role: Role, *, color: bool, width: int = 80) -> str:
    """The role laid out for a terminal, as a string (ANSI codes only when `color`)."""
    budget = _Budget(RICH_ENTRIES)
    take = budget.take
    parts: list[RenderableType] = []
    header = Text()
    header.append(safe_line(role.id), style="cyan")
    if role.frontmatter.tags:
        header.append("  tags: ", style="dim")
        header.append(safe_line(", ".join(role.frontmatter.tag_labels)))
    if role.source:
        header.append(f"\n{safe_line(role.source)}", style="dim")
    parts.append(header)
    parts.extend(Text("\n") + _para(p.text) for p in take(role.summary))
    body: list[RenderableType] = [
        Panel(Group(*parts), title=Text(safe_line(role.name), style="bold"), title_align="left")
    ]

    if role.needs:
        body += _section(
            _heading(role.headings.needs, "Why it is needed"),
            [_bullets([_para(n.text) for n in take(role.needs)])],
        )
    if role.duties or role.duties_intro:
        duties: list[RenderableType] = [_para(p.text) for p in take(role.duties_intro)]
        duties.append(_bullets([_duty_text(d) for d in take(role.duties)]))
        body += _section(_heading(role.headings.duties, "What it does"), duties)
    if role.sub_roles or role.how_intro:
        how: list[RenderableType] = [_para(p.text) for p in take(role.how_intro)]
        for sub in take(role.sub_roles):
            label = Text(safe(sub_role_label(sub)), style="bold magenta")
            label.append(f"  ({safe(sub.kind)}{', custom' if sub.custom else ''})", style="dim")
            how.append(Text(""))
            how.append(label)
            how.extend(Padding(_para(p.text), (0, 0, 0, 2)) for p in take(sub.description))
        body += _section(_heading(role.headings.how, "How it works"), how)
    for extra in take(role.extra_sections):
        body += _section(safe(extra.title), [_para(b.text) for b in take(extra.blocks)])
    if role.notes:
        notes = [
            Text(f"line {n.line}: " if n.line else "", style="dim") + Text(safe(n.text))
            for n in take(role.notes)
        ]
        body += _section("Notes", [_bullets(notes)])
    if budget.hidden:
        body.append(
            Text(
                f"… {budget.hidden:,} more entries not shown: "
                f"roles show {safe_line(role.id)} --format text shows everything",
                style="dim",
            )
        )

    return render(Group(*body), color=color, width=width)


def text_view(role: Role) -> str:
    """The same content as plain text: no colour, no box drawing, easy to grep."""
    lines = [f"{safe_line(role.name)} ({safe_line(role.id)})"]
    if role.frontmatter.tags:
        lines.append(
            f"tags: {visible(', '.join(role.frontmatter.tag_labels), keep_newlines=False)}"
        )
    if role.source:
        lines.append(f"source: {visible(role.source, keep_newlines=False)}")
    lines.extend(["", *[safe(p.text) + "\n" for p in role.summary]])

    def section(title: str, entries: list[str]) -> None:
        lines.append(title)
        lines.extend(f"  {e}" for e in entries)
        lines.append("")

    if role.needs:
        section("Needs:", [f"- {safe(n.text)}" for n in role.needs])
    if role.duties or role.duties_intro:
        entries = [safe(p.text) for p in role.duties_intro]
        for duty in role.duties:
            desc = f": {safe(duty.description)}" if duty.description else ""
            entries.append(f"- {safe(duty.name)}{desc}")
        section("Duties:", entries)
    if role.sub_roles or role.how_intro:
        entries = [safe(p.text) for p in role.how_intro]
        for sub in role.sub_roles:
            custom = ", custom" if sub.custom else ""
            entries.append(f"[{sub_role_label(sub)}] ({sub.kind}{custom})")
            entries.extend(f"  {safe(p.text)}" for p in sub.description)
        section("Sub-roles:", [visible(e) for e in entries])
    for extra in role.extra_sections:
        section(f"{safe(extra.title)}:", [safe(b.text) for b in extra.blocks])
    if role.notes:
        section(
            "Notes:",
            [f"line {n.line}: {safe(n.text)}" if n.line else safe(n.text) for n in role.notes],
        )
    return "\n".join(lines).rstrip("\n") + "\n"
