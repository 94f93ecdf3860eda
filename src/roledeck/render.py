"""The `Role` model back to Docusaurus Markdown, in one canonical layout.

The layout: frontmatter, a blank line around every heading, `-` bullets, one
blank line between blocks, LF line endings and a final newline. Notes and kept blocks go back
to the section and position they came from, so parsing the output gives the same content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from roledeck.assemble import Layout, ListStyle
from roledeck.model import (
    DUTIES,
    HOW,
    NEEDS,
    PREAMBLE,
    SUMMARY,
    Block,
    Duty,
    Heading,
    Note,
    Role,
)
from roledeck.vocabulary import DEFAULT_VOCABULARY, Vocabulary, fill

_MAIN_ORDER = (PREAMBLE, SUMMARY, NEEDS, DUTIES, HOW)


def render_markdown(
    role: Role,
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    frontmatter_text: str | None = None,
    layout: Layout | None = None,
) -> str:
    """The role as a Markdown document.

    `frontmatter_text`, when given, is written verbatim between the fences (the formatter keeps
    the user's YAML, comments and quoting included); otherwise the model's frontmatter is dumped.
    `layout`, the parsed file's, keeps its needs and duties lists as they render (numbered,
    loose) and each item as written; without it they are tight `-` lists.
    """
    body = "\n\n".join(_body_chunks(role, vocabulary, layout or Layout()))
    if frontmatter_text is None:
        meta = role.frontmatter.model_dump(mode="json")
        if not meta:
            return body + "\n"
        frontmatter_text = dump_frontmatter(meta)
    head = f"---\n{frontmatter_text}\n---\n" if frontmatter_text else "---\n---\n"
    return head + body + "\n"


def dump_frontmatter(meta: dict[str, Any]) -> str:
    """Frontmatter YAML as people write it: one key a line, short lists inline (`tags: [a, b]`).

    Each key is dumped on its own because PyYAML would write a mapping of plain values as one
    inline `{a: 1}`; without the fences or a final newline.
    """
    import yaml

    parts = []
    for key, value in meta.items():
        inline = None if isinstance(value, dict | list) and value else False
        parts.append(
            yaml.safe_dump(
                {key: value},
                sort_keys=False,
                default_flow_style=inline,
                allow_unicode=True,
                width=100,
            )
        )
    return "".join(parts).rstrip("\n")


def _body_chunks(role: Role, vocabulary: Vocabulary, layout: Layout) -> Iterable[str]:
    """Blocks of the document in order; joined with one blank line between them."""
    sections: dict[str, list[str | _Item]] = {
        PREAMBLE: [],
        SUMMARY: [p.text for p in role.summary],
        NEEDS: [*_items(NEEDS, [n.text for n in role.needs], layout)],
        DUTIES: [
            *(p.text for p in role.duties_intro),
            *_items(DUTIES, [_duty(d) for d in role.duties], layout),
        ],
        HOW: [p.text for p in role.how_intro],
    }
    canonical = {
        SUMMARY: vocabulary.summary,
        NEEDS: vocabulary.needs,
        DUTIES: vocabulary.duties,
        HOW: vocabulary.how,
    }
    headings: dict[str, Heading | None] = {
        SUMMARY: role.headings.summary,
        NEEDS: role.headings.needs,
        DUTIES: role.headings.duties,
        HOW: role.headings.how,
    }
    written = (
        {id(note): raw for note, raw in zip(role.notes, layout.notes, strict=True)}
        if len(layout.notes) == len(role.notes)
        else {}
    )
    for key in _MAIN_ORDER:
        if key == PREAMBLE:
            # sections before the H1 stay before it: after it they would be read as summary's
            yield from _section(role, key, [], written)
            yield from _extras(role, PREAMBLE, written)
            yield f"# {_title(role, vocabulary)}"
        else:
            present = bool(headings[key] is not None or sections[key] or _anchored(role, key))
            if key == HOW:
                present = present or bool(role.sub_roles)
            heading = headings[key]
            if present and (heading is not None or canonical[key]):
                text = heading.text if heading else fill(canonical[key][0], role.name)
                yield f"## {text}"
            yield from _section(role, key, sections[key], written)
            if key == HOW:
                yield from _sub_roles(role, layout.sub_role_level, written)
            yield from _extras(role, key, written)
    # extras anchored to an unknown key (hand-written YAML) are still written, at the end
    yield from _extras(role, None, written)


def _extras(role: Role, after: str | None, written: dict[int, str]) -> Iterable[str]:
    """The extra sections that follow section `after` (None: those following no known one)."""
    for index, extra in enumerate(role.extra_sections):
        if extra.after == after or (after is None and extra.after not in _MAIN_ORDER):
            yield f"{'#' * extra.level} {extra.title}".rstrip()
            yield from _section(role, f"extra:{index}", [b.text for b in extra.blocks], written)


def _title(role: Role, vocabulary: Vocabulary) -> str:
    if role.headings.title is not None:
        return role.headings.title.text
    return fill(vocabulary.title[0], role.name) if vocabulary.title else role.name


def _sub_roles(role: Role, level: int, written: dict[int, str]) -> Iterable[str]:
    for index, sub in enumerate(role.sub_roles):
        yield f"{'#' * level} {sub.title}"
        yield from _section(role, f"sub_role:{index}", [p.text for p in sub.description], written)


def _duty(duty: Duty) -> str:
    if not duty.bold:
        return duty.name
    text = f"**{duty.name}**"
    if duty.description:
        text += f": {duty.description}"
    return text


@dataclass(frozen=True, slots=True)
class _Item:
    """A needs or duties item written out, and the list it belongs to."""

    text: str
    number: int | None
    """The item's number in an ordered list; None for a bullet."""
    group: int
    gap: bool
    """A blank line after it (a loose list, written so)."""

    def written(self, *, other: bool) -> str:
        """The item with its marker; `other` takes the other bullet (`*`, or `)`)."""
        if self.number is None:
            marker = "* " if other else "- "
        else:
            marker = f"{self.number}{')' if other else '.'} "
        return marker + _indent(self.text, len(marker))


def _items(section: str, texts: list[str], layout: Layout) -> Iterable[_Item]:
    """The items, each list in its own style (from the layout, if it fits the role)."""
    written = layout.items.get(section)
    gaps = [False] * len(texts)
    if written is not None and len(written) == len(texts):
        texts, gaps = written, layout.gaps.get(section, gaps)
    lists = layout.lists.get(section) or [(0, ListStyle())]
    starts = [first for first, _ in lists] + [len(texts)]
    for group, (first, style) in enumerate(lists):
        for index in range(first, max(first, starts[group + 1])):
            number = style.start + index - first if style.ordered else None
            yield _Item(texts[index], number, group, gaps[index])


def _indent(text: str, width: int) -> str:
    """Continuation lines of a list item, indented under its first line."""
    pad = " " * width
    return "\n".join(
        line if not line or i == 0 else pad + line for i, line in enumerate(text.split("\n"))
    )


def _anchored(role: Role, section: str) -> list[Note | Block]:
    found: list[Note | Block] = [n for n in role.notes if n.section == section]
    found += [b for b in role.blocks if b.section == section]
    return found


def _section(
    role: Role, key: str, elements: list[str | _Item], written: dict[int, str] | None = None
) -> Iterable[str]:
    """A section's elements with its notes (as `written`, when they were) and kept blocks put
    back at their positions.

    The items of one list are joined as they were written: with a blank line where one was.
    A list that directly follows another takes the other bullet: with the same one, CommonMark
    would read the two as one list.
    """
    anchored = sorted(
        _anchored(role, key),
        key=lambda x: (min(x.position, len(elements)), x.line or 0, isinstance(x, Note)),
    )
    run: list[_Item] = []
    other = False  # whether the open run takes the other bullet
    at = 0
    for position in range(len(elements) + 1):
        here = [a for a in anchored[at:] if min(a.position, len(elements)) == position]
        at += len(here)
        if here and run:
            yield _joined(run, other)
            run, other = [], False
        for item in here:
            yield _note(item, written) if isinstance(item, Note) else item.text
        if position < len(elements):
            element = elements[position]
            if isinstance(element, _Item) and (not run or run[-1].group == element.group):
                run.append(element)
                continue
            follows_list = bool(run)
            if run:
                yield _joined(run, other)
                run = []
            other = follows_list and not other
            if isinstance(element, _Item):
                run.append(element)
            else:
                other = False
                yield element
    if run:
        yield _joined(run, other)


def _joined(run: list[_Item], other: bool) -> str:
    """One list's items, each followed by a blank line where it was (a loose list stays so)."""
    parts = [run[0].written(other=other)]
    for before, item in pairwise(run):
        parts.append(("\n\n" if before.gap else "\n") + item.written(other=other))
    return "".join(parts)


def _note(note: Note, written: dict[int, str] | None = None) -> str:
    """A note as the file wrote it (from the layout) if it is still that note, else anew."""
    raw = (written or {}).get(id(note))
    if raw is not None and raw.startswith("<!--" if note.syntax == "html" else "{/*"):
        return raw
    if note.syntax == "mdx":
        return f"{{/* {note.text} */}}"
    return f"<!-- {note.text} -->"
