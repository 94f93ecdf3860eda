"""CommonMark blocks placed into the schema, section by section, as the headings say.

`markdown.parse_body` finds the blocks; this module decides what each means: the H1 names the
role, recognised headings open sections, lists in "needs" and "duties" become items, `###`
headings under "how" become sub-roles, and everything else is kept whole where it stands
(a paragraph, a table, a code block, an admonition…), so nothing is ever dropped.

It also records the layout the schema has no place for — how the needs and duties lists were
written (ordered, loose, each item's text as written) — for `fmt`, which must keep the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roledeck.markdown import MdItem
from roledeck.model import DUTIES, HOW, NEEDS, PREAMBLE, SUMMARY, Frontmatter, Role
from roledeck.vocabulary import Vocabulary, plain_heading, slug, without_heading_id


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """A heading of the document and what the parser took it for (for structure checks).

    `key` is a section key (summary, needs, duties, how), `title` for the H1, `sub_role:<kind>`
    for a sub-role, or None for a heading the vocabulary does not know.
    """

    level: int
    text: str
    line: int
    key: str | None
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class ListStyle:
    """How one Markdown list is written: bullets, or numbers from `start`."""

    ordered: bool = False
    start: int = 1


@dataclass
class Layout:
    """What the file's needs and duties lists look like, beyond their content.

    `items[section]` is each item's content as written (a duty keeps its own separator, "–"
    or ":"), `gaps[section]` whether a blank line followed it; `lists[section]` holds, for
    each list, the index of its first item and its style.
    """

    items: dict[str, list[str]] = field(default_factory=dict)
    gaps: dict[str, list[bool]] = field(default_factory=dict)
    sub_role_level: int = 3
    """The heading level the sub-roles are written at (`####` after a skipped level)."""
    notes: list[str] = field(default_factory=list)
    """Each note's source as written (its line breaks and indentation), in order."""
    lists: dict[str, list[tuple[int, ListStyle]]] = field(default_factory=dict)


_BOLD = re.compile(r"(\*\*|__)(.+?)\1(.*)$", re.DOTALL)
_SEPARATOR = re.compile(r"^\s*(?:[:\-–—]\s*)?")

Fields = dict[str, Any]
"""An element of the role (a `Need`, a `Paragraph`…) as the keyword arguments of its model."""


def duty_fields(text: str, line: int) -> Fields:
    """A duty item: `**Name**`, optionally followed by a separator and a description."""
    match = _BOLD.match(text)
    if not match:
        return {"name": text, "bold": False, "line": line}
    rest = _SEPARATOR.sub("", match.group(3), count=1).strip()
    return {"name": match.group(2).strip(), "description": rest or None, "line": line}


class Assembler:
    """Places blocks into the schema; elements are collected as plain dicts.

    The role is validated once, at the end: pydantic validates a whole nested role in about
    half the time it takes to create its thirty-odd elements one model at a time, and every
    command reads every file this way.
    """

    def __init__(self, vocabulary: Vocabulary, *, has_title: bool) -> None:
        self.vocabulary = vocabulary
        self.matcher = vocabulary.matcher
        self.section = PREAMBLE if has_title else SUMMARY
        self.main = self.section  # the last known top-level section (where extras attach)
        self.title: Fields | None = None
        self.headings: dict[str, Fields] = {}
        self.summary: list[Fields] = []
        self.needs: list[Fields] = []
        self.duties_intro: list[Fields] = []
        self.duties: list[Fields] = []
        self.how_intro: list[Fields] = []
        self.sub_roles: list[Fields] = []
        self.notes: list[Fields] = []
        self.blocks: list[Fields] = []
        self.extras: list[Fields] = []
        self.outline: list[OutlineEntry] = []
        self.counts: dict[str, int] = {}
        self.layout = Layout()
        self.sub_level: int | None = None  # the heading level of sub-roles under "how"

    def add(self, kind: str, text: str, line: int, **detail: Any) -> None:
        if kind == "heading":
            self._heading(detail["level"], text, line)
        elif kind == "note":
            self.layout.notes.append(detail.get("raw", ""))
            self.notes.append(
                {
                    "text": text,
                    "syntax": detail["syntax"],
                    "section": self.section,
                    "position": self.counts.get(self.section, 0),
                    "line": line,
                }
            )
        elif kind == "list" and self.section in (NEEDS, DUTIES):
            self._items(detail["items"], detail["style"])
        else:
            self._paragraph(text, line)

    # -- headings --------------------------------------------------------------------------

    def _heading(self, level: int, text: str, line: int) -> None:
        if level == 1 and self.title is None:
            found = self.matcher.match_title(text)
            self.title = {
                "text": text,
                "name": found.name if found else None,
                "article": found.article if found else None,
                "line": line,
            }
            self.outline.append(OutlineEntry(1, text, line, "title"))
            self.section = self.main = SUMMARY
            return
        if level <= 2:
            self.sub_level = None
            title = None
            if self.title is not None:
                title = self.title["name"] or plain_heading(self.title["text"]) or None
            found = self.matcher.match_section(text, title)
            if found and found.key not in self.headings:
                self.headings[found.key] = {
                    "text": text,
                    "name": found.name,
                    "article": found.article,
                    "line": line,
                }
                self.outline.append(OutlineEntry(level, text, line, found.key))
                self.section = self.main = found.key
                return
            self.outline.append(
                OutlineEntry(level, text, line, found.key if found else None, bool(found))
            )
            self._extra(text, level, line)
            return
        if self._sub_role_level(level, text):
            self._sub_role(text, line)
            return
        self.outline.append(OutlineEntry(level, text, line, None))
        self._paragraph(f"{'#' * level} {text}".rstrip(), line)

    def _sub_role_level(self, level: int, text: str) -> bool:
        """Whether a heading under "how" opens a sub-role: a `###`, or a deeper heading the
        vocabulary knows when the sub-roles are written at that level (`#### The Developer`
        after a skipped level)."""
        if not (self.section == HOW or self.section.startswith("sub_role:")):
            return False
        if level == 3:
            self.sub_level = self.sub_level or 3
            return True
        if level < 3 or (self.sub_level is not None and level != self.sub_level):
            return False
        if self.sub_level is None and self.matcher.match_sub_role(text) is None:
            return False
        self.sub_level = level
        return True

    def _sub_role(self, text: str, line: int) -> None:
        self.layout.sub_role_level = self.sub_level or 3
        found = self.matcher.match_sub_role(text)
        kind = found or slug(text)
        if found is None and kind in self.vocabulary.sub_roles:
            kind = f"{kind}-other"  # "### Developer --" is not the developer
        self.outline.append(OutlineEntry(3, text, line, f"sub_role:{kind}"))
        self.sub_roles.append(
            {
                "kind": kind,
                "title": text,
                "custom": found is None,
                "description": [],
                "line": line,
            }
        )
        self.section = f"sub_role:{len(self.sub_roles) - 1}"

    def _extra(self, text: str, level: int, line: int) -> None:
        self.extras.append(
            {"title": text, "level": level, "after": self.main, "blocks": [], "line": line}
        )
        self.section = f"extra:{len(self.extras) - 1}"

    # -- content ---------------------------------------------------------------------------

    def _items(self, items: Callable[[], list[MdItem]], style: ListStyle) -> None:
        section = self.section
        target = self.needs if section == NEEDS else self.duties
        self.layout.lists.setdefault(section, []).append((len(target), style))
        written = self.layout.items.setdefault(section, [])
        gaps = self.layout.gaps.setdefault(section, [])
        for item in items():
            text, line = item.text, item.line
            gaps.append(item.gap)
            target.append(
                {"text": text, "line": line} if section == NEEDS else duty_fields(text, line)
            )
            written.append(text)
            self.counts[section] = self.counts.get(section, 0) + 1

    def _paragraph(self, text: str, line: int) -> None:
        section = self.section
        target: list[Fields] | None = None
        if section == SUMMARY:
            target = self.summary
        elif section == DUTIES and not self.duties:
            target = self.duties_intro
        elif section == HOW:
            target = self.how_intro
        elif section.startswith("sub_role:"):
            target = self.sub_roles[-1]["description"]
        elif section.startswith("extra:"):
            target = self.extras[-1]["blocks"]
        if target is None:
            self.blocks.append(
                {
                    "text": text,
                    "section": section,
                    "position": self.counts.get(section, 0),
                    "line": line,
                }
            )
            return
        target.append({"text": text, "line": line})
        self.counts[section] = self.counts.get(section, 0) + 1

    # -- result ----------------------------------------------------------------------------

    def role(self, role_id: str, frontmatter: Frontmatter, source: str, fallback: str) -> Role:
        """The role; `fallback` names it when neither the H1 nor the title does."""
        name, article = self._name(frontmatter, fallback)
        return Role.model_validate(
            {
                "id": role_id,
                "name": name,
                "article": article,
                "frontmatter": frontmatter,
                "headings": {"title": self.title, **self.headings},
                "summary": self.summary,
                "needs": self.needs,
                "duties_intro": self.duties_intro,
                "duties": self.duties,
                "how_intro": self.how_intro,
                "sub_roles": self.sub_roles,
                "notes": self.notes,
                "blocks": self.blocks,
                "extra_sections": self.extras,
                "source": source,
            }
        )

    def _name(self, frontmatter: Frontmatter, role_id: str) -> tuple[str, str]:
        title = self.title
        if title is not None and title["name"]:
            name: str = title["name"].strip()
            return name, title["article"] or self.vocabulary.article(name)
        if title is not None and title["text"]:
            name = plain_heading(without_heading_id(title["text"]))
        else:
            name = frontmatter.title or role_id
        return name, self.vocabulary.article(name)
