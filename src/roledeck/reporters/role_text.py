"""A role as plain text (`roles show --format text`), and where each part of a role goes.

Both views of `show` lay a role out in the order of its file, and put every kept `Block`
back at its section and position, as `render.py` writes it: nothing of the file is left out.
This module imports no rich, so the plain view starts as fast as a script can.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from roledeck.model import (
    DUTIES,
    HOW,
    NEEDS,
    PREAMBLE,
    SUMMARY,
    Block,
    Duty,
    Paragraph,
    Role,
    SubRole,
)
from roledeck.textsafe import visible

T = TypeVar("T")

KIND_LABELS = {
    "sysadmin": "System Administrator",
    "developer": "Developer",
    "security": "Security Expert",
    "manager": "Manager",
    "coach": "Coach",
}

MAIN_ORDER = (PREAMBLE, SUMMARY, NEEDS, DUTIES, HOW)
"""The known sections in document order: extra sections follow the one they came after."""


def sub_role_label(sub: SubRole) -> str:
    if sub.custom:
        return re.sub(r"^the\s+", "", sub.title, flags=re.IGNORECASE)
    return KIND_LABELS.get(sub.kind, sub.title)


def placed(elements: Iterable[T], blocks: list[Block]) -> list[T | Block]:
    """A section's elements with its kept blocks put back where they were.

    A block's `position` counts the elements before it (a position past the end means the
    end), ties in file order: the rule `render.py` writes them back by.
    """
    items = list(elements)
    anchored = sorted(blocks, key=lambda b: (min(b.position, len(items)), b.line or 0))
    out: list[T | Block] = []
    at = 0
    for position in range(len(items) + 1):
        while at < len(anchored) and min(anchored[at].position, len(items)) == position:
            out.append(anchored[at])
            at += 1
        if position < len(items):
            out.append(items[position])
    return out


def blocks_by_section(role: Role) -> tuple[dict[str, list[Block]], list[Block]]:
    """The role's blocks by section key, and those whose section the role does not have
    (a hand-written YAML file may say anything): shown at the end rather than lost."""
    known = set(MAIN_ORDER)
    known.update(f"sub_role:{i}" for i in range(len(role.sub_roles)))
    known.update(f"extra:{i}" for i in range(len(role.extra_sections)))
    by_section: dict[str, list[Block]] = {}
    stray: list[Block] = []
    for block in role.blocks:
        if block.section in known:
            by_section.setdefault(block.section, []).append(block)
        else:
            stray.append(block)
    return by_section, stray


def extras_after(role: Role, after: str | None) -> list[int]:
    """Indexes of the extra sections that follow section `after` (None: those that follow
    no known section), as `render.py` places them."""
    return [
        index
        for index, extra in enumerate(role.extra_sections)
        if extra.after == after or (after is None and extra.after not in MAIN_ORDER)
    ]


def indented(text: str, first: str, rest: str) -> list[str]:
    """`text`'s lines, the first after `first` and the others after `rest` (blank lines stay
    blank): nested lists, code and tables keep their shape under a bullet."""
    lines = text.split("\n")
    return [first + lines[0]] + [rest + line if line.strip() else "" for line in lines[1:]]


def duty_source(duty: Duty) -> str:
    """A duty's Markdown as it reads: `**Name** — description`."""
    if not duty.bold:
        return duty.name
    text = f"**{duty.name}**"
    return f"{text} — {duty.description}" if duty.description else text


def text_view(role: Role) -> str:
    """The role as plain text: no colour, no box drawing, every line easy to grep.

    Markdown is shown as written, indentation included, and nothing is shortened.
    """
    lines = [f"{_line(role.name)} ({_line(role.id)})"]
    if role.frontmatter.tags:
        lines.append(f"tags: {_line(', '.join(role.frontmatter.tag_labels))}")
    if role.source:
        lines.append(f"source: {_line(role.source)}")
    lines.append("")
    by_section, stray = blocks_by_section(role)

    def section(title: str, entries: list[str]) -> None:
        lines.append(title)
        lines.extend(entries)
        lines.append("")

    def extras(after: str | None) -> None:
        for index in extras_after(role, after):
            extra = role.extra_sections[index]
            body = placed(extra.blocks, by_section.get(f"extra:{index}", []))
            section(f"{visible(extra.title)}:", _entries(body, "  "))

    for block in placed([], by_section.get(PREAMBLE, [])):
        lines += [*indented(visible(block.text), "", ""), ""]
    extras(PREAMBLE)
    for element in placed(role.summary, by_section.get(SUMMARY, [])):
        lines += [*indented(visible(element.text), "", ""), ""]
    extras(SUMMARY)
    if role.needs or by_section.get(NEEDS):
        needs = placed(role.needs, by_section.get(NEEDS, []))
        entries = []
        for need in needs:
            if isinstance(need, Block):
                entries += indented(visible(need.text), "  ", "  ")
            else:
                entries += indented(visible(need.text), "  - ", "    ")
        section("Needs:", entries)
    extras(NEEDS)
    duties_elements: list[Paragraph | Duty] = [*role.duties_intro, *role.duties]
    if duties_elements or by_section.get(DUTIES):
        entries = []
        for item in placed(duties_elements, by_section.get(DUTIES, [])):
            if isinstance(item, Duty):
                desc = f": {item.description}" if item.description else ""
                entries += indented(visible(f"{item.name}{desc}"), "  - ", "    ")
            else:
                entries += indented(visible(item.text), "  ", "  ")
        section("Duties:", entries)
    extras(DUTIES)
    if role.sub_roles or role.how_intro or by_section.get(HOW):
        entries = _entries(placed(role.how_intro, by_section.get(HOW, [])), "  ")
        for index, sub in enumerate(role.sub_roles):
            custom = ", custom" if sub.custom else ""
            entries.append(f"  [{visible(sub_role_label(sub))}] ({visible(sub.kind)}{custom})")
            body = placed(sub.description, by_section.get(f"sub_role:{index}", []))
            entries += _entries(body, "    ")
        section("Sub-roles:", entries)
    extras(HOW)
    extras(None)
    if stray:
        section("Other text:", _entries(stray, "  "))
    if role.notes:
        entries = []
        for note in role.notes:
            where = f"  line {note.line}: " if note.line else "  "
            entries += indented(visible(note.text), where, "    ")
        section("Notes:", entries)
    return "\n".join(lines).rstrip("\n") + "\n"


def _entries(items: Iterable[Paragraph | Block], indent: str) -> list[str]:
    out: list[str] = []
    for item in items:
        out += indented(visible(item.text), indent, indent)
    return out


def _line(text: str) -> str:
    return visible(text, keep_newlines=False)
