"""The `Role` model back to Docusaurus Markdown, in one canonical layout.

The layout: frontmatter, a blank line around every heading, `-` bullets in tight lists, one
blank line between blocks, LF line endings and a final newline. Notes and kept blocks go back
to the section and position they came from, so parsing the output gives the same content.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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
) -> str:
    """The role as a Markdown document.

    `frontmatter_text`, when given, is written verbatim between the fences (the formatter keeps
    the user's YAML, comments and quoting included); otherwise the model's frontmatter is dumped.
    """
    body = "\n\n".join(_body_chunks(role, vocabulary))
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


def _body_chunks(role: Role, vocabulary: Vocabulary) -> Iterable[str]:
    """Blocks of the document in order; joined with one blank line between them."""
    sections = {
        PREAMBLE: [],
        SUMMARY: [p.text for p in role.summary],
        NEEDS: [f"- {_indent_item(n.text)}" for n in role.needs],
        DUTIES: [p.text for p in role.duties_intro] + [_duty(d) for d in role.duties],
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
    for key in _MAIN_ORDER:
        if key == PREAMBLE:
            # sections before the H1 stay before it: after it they would be read as summary's
            yield from _section(role, key, [])
            yield from _extras(role, PREAMBLE)
            yield f"# {_title(role, vocabulary)}"
        else:
            present = bool(headings[key] is not None or sections[key] or _anchored(role, key))
            if key == HOW:
                present = present or bool(role.sub_roles)
            heading = headings[key]
            if present and (heading is not None or canonical[key]):
                text = heading.text if heading else fill(canonical[key][0], role.name)
                yield f"## {text}"
            yield from _section(role, key, sections[key], tight=key in (NEEDS, DUTIES))
            if key == HOW:
                yield from _sub_roles(role)
            yield from _extras(role, key)
    # extras anchored to an unknown key (hand-written YAML) are still written, at the end
    yield from _extras(role, None)


def _extras(role: Role, after: str | None) -> Iterable[str]:
    """The extra sections that follow section `after` (None: those following no known one)."""
    for index, extra in enumerate(role.extra_sections):
        if extra.after == after or (after is None and extra.after not in _MAIN_ORDER):
            yield f"{'#' * extra.level} {extra.title}".rstrip()
            yield from _section(role, f"extra:{index}", [b.text for b in extra.blocks])


def _title(role: Role, vocabulary: Vocabulary) -> str:
    if role.headings.title is not None:
        return role.headings.title.text
    return fill(vocabulary.title[0], role.name) if vocabulary.title else role.name


def _sub_roles(role: Role) -> Iterable[str]:
    for index, sub in enumerate(role.sub_roles):
        yield f"### {sub.title}"
        yield from _section(role, f"sub_role:{index}", [p.text for p in sub.description])


def _duty(duty: Duty) -> str:
    if not duty.bold:
        return f"- {_indent_item(duty.name)}"
    text = f"**{duty.name}**"
    if duty.description:
        text += f": {duty.description}"
    return f"- {_indent_item(text)}"


def _indent_item(text: str) -> str:
    """Continuation lines of a list item, indented under its first line."""
    return "\n".join(
        line if not line or i == 0 else f"  {line}" for i, line in enumerate(text.split("\n"))
    )


def _anchored(role: Role, section: str) -> list[Note | Block]:
    found: list[Note | Block] = [n for n in role.notes if n.section == section]
    found += [b for b in role.blocks if b.section == section]
    return found


def _section(role: Role, key: str, elements: list[str], *, tight: bool = False) -> Iterable[str]:
    """A section's elements with its notes and kept blocks put back at their positions.

    In a tight list the items of one run are joined without blank lines.
    """
    anchored = sorted(
        _anchored(role, key),
        key=lambda x: (min(x.position, len(elements)), x.line or 0, isinstance(x, Note)),
    )
    run: list[str] = []
    at = 0
    for position in range(len(elements) + 1):
        here = [a for a in anchored[at:] if min(a.position, len(elements)) == position]
        at += len(here)
        if here and run:
            yield "\n".join(run)
            run = []
        for item in here:
            yield _note(item) if isinstance(item, Note) else item.text
        if position < len(elements):
            element = elements[position]
            if tight and element.startswith("- "):
                run.append(element)
            else:
                if run:
                    yield "\n".join(run)
                    run = []
                yield element
    if run:
        yield "\n".join(run)


def _note(note: Note) -> str:
    if note.syntax == "mdx":
        return f"{{/* {note.text} */}}"
    return f"<!-- {note.text} -->"
