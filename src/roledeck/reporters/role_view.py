"""A role for people: a rich terminal view, and the same content as plain text.

All user text goes through `visible()` and is wrapped in `Text` objects, so it is never
read as rich markup and never drives the terminal.
"""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from roledeck.model import Duty, Heading, Role, SubRole
from roledeck.reporters.console import render
from roledeck.textsafe import clip, visible

KIND_LABELS = {
    "sysadmin": "System Administrator",
    "developer": "Developer",
    "security": "Security Expert",
    "manager": "Manager",
    "coach": "Coach",
}

_MARKUP = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`")


def safe(text: str) -> str:
    """User text made printable and short enough to lay out quickly."""
    return visible(clip(text))


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
    parts: list[RenderableType] = []
    header = Text()
    header.append(safe(role.id), style="cyan")
    if role.frontmatter.tags:
        header.append("  tags: ", style="dim")
        header.append(", ".join(safe(t) for t in role.frontmatter.tags))
    if role.source:
        header.append(f"\n{safe(role.source)}", style="dim")
    parts.append(header)
    parts.extend(Text("\n") + _para(p.text) for p in role.summary)
    body: list[RenderableType] = [
        Panel(Group(*parts), title=Text(safe(role.name), style="bold"), title_align="left")
    ]

    if role.needs:
        body += _section(
            _heading(role.headings.needs, "Why it is needed"),
            [_bullets([_para(n.text) for n in role.needs])],
        )
    if role.duties or role.duties_intro:
        duties: list[RenderableType] = [_para(p.text) for p in role.duties_intro]
        duties.append(_bullets([_duty_text(d) for d in role.duties]))
        body += _section(_heading(role.headings.duties, "What it does"), duties)
    if role.sub_roles or role.how_intro:
        how: list[RenderableType] = [_para(p.text) for p in role.how_intro]
        for sub in role.sub_roles:
            label = Text(safe(sub_role_label(sub)), style="bold magenta")
            label.append(f"  ({safe(sub.kind)}{', custom' if sub.custom else ''})", style="dim")
            how.append(Text(""))
            how.append(label)
            how.extend(Padding(_para(p.text), (0, 0, 0, 2)) for p in sub.description)
        body += _section(_heading(role.headings.how, "How it works"), how)
    for extra in role.extra_sections:
        body += _section(safe(extra.title), [_para(b.text) for b in extra.blocks])
    if role.notes:
        notes = [
            Text(f"line {n.line}: " if n.line else "", style="dim") + Text(safe(n.text))
            for n in role.notes
        ]
        body += _section("Notes", [_bullets(notes)])

    return render(Group(*body), color=color, width=width)


def text_view(role: Role) -> str:
    """The same content as plain text: no colour, no box drawing, easy to grep."""
    lines = [f"{safe(role.name)} ({safe(role.id)})"]
    if role.frontmatter.tags:
        lines.append(f"tags: {', '.join(safe(t) for t in role.frontmatter.tags)}")
    if role.source:
        lines.append(f"source: {safe(role.source)}")
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
