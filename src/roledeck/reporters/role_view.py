"""A role for people: the rich terminal view of `roles show`.

Every part of the file is shown, in the file's order, kept blocks in their place. Each
block's Markdown is rendered (`markdown_view`: rich's renderer, admonitions as panels);
plain sentences, most of a profile, skip the renderer and its import. All user text goes
through `visible()` and into `Text` objects, so it is never read as rich markup and never
drives the terminal. Notes (comments, which Docusaurus does not render) are listed apart at
the end with their line: they are for the people editing the file, not part of the page.
"""

from __future__ import annotations

from typing import TypeVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from roledeck.mdblocks import is_plain
from roledeck.model import (
    DUTIES,
    HOW,
    NEEDS,
    PREAMBLE,
    SUMMARY,
    Block,
    Duty,
    Heading,
    Paragraph,
    Role,
)
from roledeck.reporters.console import render
from roledeck.reporters.role_text import (
    KIND_LABELS,
    blocks_by_section,
    duty_source,
    extras_after,
    placed,
    sub_role_label,
    text_view,
)
from roledeck.textsafe import clip, visible

__all__ = ["KIND_LABELS", "rich_view", "safe", "safe_line", "sub_role_label", "text_view"]

T = TypeVar("T")

RICH_ENTRIES = 400
"""Entries (bullets, paragraphs, sections) the rich view lays out; rich needs ~0.2 ms each."""

BLOCK_LIMIT = 20_000
"""Characters of one block the rich view lays out (a table or a code block is often more
than a line's worth); `--format text` shows everything."""

THEME = Theme(
    {
        "markdown.code": "cyan",
        "markdown.code_block": "cyan",
        "markdown.link": "bold",
        "markdown.link_url": "blue",
        "markdown.h1": "bold underline",
        "markdown.h2": "bold underline",
        "markdown.h3": "bold",
        "markdown.h4": "bold",
        "markdown.h5": "bold dim",
        "markdown.h6": "dim",
        "markdown.block_quote": "italic",
        "markdown.table.border": "dim",
        "markdown.table.header": "bold",
    },
    inherit=True,
)
"""Markdown in the profile's own colours: inline code cyan as before, no background fills
(they look like holes on a light terminal), links in the default colour with a blue URL."""


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


def md(text: str) -> RenderableType:
    """One block of Markdown: plain words as a `Text`, anything else rendered."""
    if is_plain(text):
        # what Markdown makes of a plain paragraph: its lines joined by spaces
        return Text(_joined(safe(text)))
    from roledeck.reporters.markdown_view import markdown

    return markdown(clip(text, BLOCK_LIMIT))


def _joined(text: str) -> str:
    """A plain paragraph's lines joined, as Markdown joins them (blank lines at its ends
    dropped)."""
    return " ".join(line.strip(" \t") for line in text.split("\n") if line.strip(" \t"))


def item(text: str) -> RenderableType | Text:
    """A list item: plain words as a `Text` (a bullet row of the section's grid), anything
    else rendered with its bullet."""
    if is_plain(text):
        return Text(_joined(safe(text)))
    from roledeck.reporters.markdown_view import list_item

    return list_item(clip(text, BLOCK_LIMIT))


def _duty(duty: Duty) -> RenderableType | Text:
    if is_plain(duty.name) and (duty.description is None or is_plain(duty.description)):
        if not duty.description:
            return Text(safe(duty.name), style="bold")
        text = Text()
        text.append(safe(duty.name), style="bold")
        text.append(" — " + _joined(safe(duty.description)))
        return text
    return item(duty_source(duty))


def _bullets(items: list[Text]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1, no_wrap=True)
    table.add_column(overflow="fold")
    for row in items:
        table.add_row("•", row)
    return table


class _Body:
    """A section's body: blocks with a blank line between them, list items without, and
    none between a paragraph and the list it introduces. Consecutive plain items share one
    grid of bullets; a rendered item draws its own bullet the same way."""

    def __init__(self) -> None:
        self.parts: list[RenderableType] = []
        self.rows: list[Text] | None = None

    def bullet(self, entry: RenderableType | Text) -> None:
        if isinstance(entry, Text):
            if self.rows is None:
                self.rows = []
                self.parts.append(_Rows(self.rows))
            self.rows.append(entry)
        else:
            self.parts.append(entry)
            self.rows = None

    def block(self, entry: RenderableType) -> None:
        if self.parts:
            self.parts.append(Text(""))
        self.parts.append(entry)
        self.rows = None

    def done(self) -> list[RenderableType]:
        return self.parts


class _Rows:
    """Plain bullet rows collected for one grid (laid out once the run is complete)."""

    def __init__(self, rows: list[Text]) -> None:
        self.rows = rows

    def __rich__(self) -> Table:
        return _bullets(self.rows)


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
    by_section, stray = blocks_by_section(role)

    def here(section: str, elements: list[T]) -> list[T | Block]:
        return take(placed(elements, by_section.get(section, [])))

    body: list[RenderableType] = []

    def extras(after: str | None) -> None:
        for index in take(extras_after(role, after)):
            extra = role.extra_sections[index]
            section = _Body()
            for block in here(f"extra:{index}", extra.blocks):
                section.block(md(block.text))
            body.extend(_section(safe(extra.title), section.done()))

    parts: list[RenderableType] = [_header(role)]
    for element in [*here(PREAMBLE, []), *here(SUMMARY, role.summary)]:
        parts += [Text(""), md(element.text)]
    body.append(
        Panel(Group(*parts), title=Text(safe_line(role.name), style="bold"), title_align="left")
    )
    extras(PREAMBLE)
    extras(SUMMARY)
    if role.needs or by_section.get(NEEDS):
        needs = _Body()
        for need in here(NEEDS, role.needs):
            if isinstance(need, Block):
                needs.block(md(need.text))
            else:
                needs.bullet(item(need.text))
        body += _section(_heading(role.headings.needs, "Why it is needed"), needs.done())
    extras(NEEDS)
    if role.duties or role.duties_intro or by_section.get(DUTIES):
        duties = _Body()
        elements: list[Paragraph | Duty] = [*role.duties_intro, *role.duties]
        for entry in here(DUTIES, elements):
            if isinstance(entry, Duty):
                duties.bullet(_duty(entry))
            else:
                duties.block(md(entry.text))
        body += _section(_heading(role.headings.duties, "What it does"), duties.done())
    extras(DUTIES)
    if role.sub_roles or role.how_intro or by_section.get(HOW):
        how = _Body()
        for paragraph in here(HOW, role.how_intro):
            how.block(md(paragraph.text))
        how_parts = how.done()
        for index, sub in enumerate(take(role.sub_roles)):
            label = Text(safe(sub_role_label(sub)), style="bold magenta")
            label.append(f"  ({safe(sub.kind)}{', custom' if sub.custom else ''})", style="dim")
            how_parts += [Text(""), label]
            facet = _Body()
            for paragraph in here(f"sub_role:{index}", sub.description):
                facet.block(md(paragraph.text))
            how_parts += [Padding(part, (0, 0, 0, 2)) for part in facet.done()]
        body += _section(_heading(role.headings.how, "How it works"), how_parts)
    extras(HOW)
    extras(None)
    if stray:
        other = _Body()
        for block in take(stray):
            other.block(md(block.text))
        body += _section("Other text", other.done())
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
    return render(Group(*body), color=color, width=width, theme=THEME)


def _header(role: Role) -> Text:
    header = Text()
    header.append(safe_line(role.id), style="cyan")
    if role.frontmatter.tags:
        header.append("  tags: ", style="dim")
        header.append(safe_line(", ".join(role.frontmatter.tag_labels)))
    if role.source:
        header.append(f"\n{safe_line(role.source)}", style="dim")
    return header
