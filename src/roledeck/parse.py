"""Markdown and YAML role files to the `Role` model, with the source line of every element.

One pass: the file is read and decoded once (`source`), split into blocks once (`blocks`), and
the blocks are placed into the schema by what their headings mean (`vocabulary`). Nothing is
dropped: what has no field of its own is kept as a `Block` or an `ExtraSection` where it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from roledeck.blocks import MdBlock, TooManyBlocks, split_blocks
from roledeck.docids import base_id, role_id_of, yaml_role_id
from roledeck.errors import RoleError
from roledeck.model import (
    DUTIES,
    HOW,
    NEEDS,
    PREAMBLE,
    SUMMARY,
    Frontmatter,
    Role,
)
from roledeck.source import (
    DEFAULT_MAX_BYTES,
    SourceText,
    Split,
    decode,
    load_yaml,
    read_bytes,
    split_frontmatter,
)
from roledeck.vocabulary import DEFAULT_VOCABULARY, Vocabulary, plain_heading, slug

MARKDOWN_SUFFIXES = (".md", ".mdx", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
ROLE_SUFFIXES = MARKDOWN_SUFFIXES + YAML_SUFFIXES


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


@dataclass
class Document:
    """A parsed role file: the role and what lint needs to know about the text it came from."""

    source: SourceText
    split: Split | None
    meta: dict[str, Any]
    role: Role
    outline: list[OutlineEntry] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.source.path


def load_document(
    path: Path,
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    max_bytes: int = DEFAULT_MAX_BYTES,
    relative: str | None = None,
) -> Document:
    """Read and parse one role file (Markdown or YAML), or raise `RoleError`.

    `relative` is the file's path relative to the docs root, which its id is made of
    (`docids.doc_id`); without it the id is made of the file name alone.
    """
    source = decode(path, read_bytes(path, max_bytes=max_bytes))
    if path.suffix.lower() in YAML_SUFFIXES:
        return parse_yaml_role(source, relative=relative)
    return parse_markdown(source, vocabulary=vocabulary, relative=relative)


def load_role(path: Path, **options: Any) -> Role:
    """Read one role file into a `Role`."""
    return load_document(path, **options).role


def parse_text(text: str, path: str | Path = "<text>", **options: Any) -> Document:
    """Parse Markdown given as a string (tests, `git show` output, stdin)."""
    source = decode(Path(path), text.encode("utf-8"))
    if Path(path).suffix.lower() in YAML_SUFFIXES:
        return parse_yaml_role(source, relative=options.get("relative"))
    return parse_markdown(source, **options)


def parse_yaml_role(source: SourceText, *, relative: str | None = None) -> Document:
    """A YAML role file: the schema's own serialization.

    Its id follows the rule of Markdown docs: the folder path, then the frontmatter `id`, else
    the file's own `id` (its last part, as an export wrote it), else the file name.
    """
    data = load_yaml(source.text, path=source.path)
    if data is None:
        raise RoleError("empty YAML role file", path=source.path, line=1, code="FM005")
    if not isinstance(data, dict):
        raise RoleError(
            f"a YAML role file must be a mapping, not {_type_name(data)}",
            path=source.path,
            line=1,
            code="FM005",
        )
    data["id"] = yaml_role_id(data, relative or source.path.name)
    try:
        role = Role.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(exc, source, source.text, 1) from None
    role.source = str(source.path)
    return Document(source, None, dict(data.get("frontmatter") or {}), role)


def parse_markdown(
    source: SourceText,
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    relative: str | None = None,
) -> Document:
    """A Markdown role profile: frontmatter and body (`relative` as for `load_document`)."""
    split = split_frontmatter(source)
    meta = _frontmatter_mapping(source, split)
    try:
        frontmatter = Frontmatter.model_validate(meta)
    except ValidationError as exc:
        raise _validation_error(
            exc, source, split.frontmatter or "", split.frontmatter_line
        ) from None
    try:
        blocks = split_blocks(split.body, split.body_line)
    except TooManyBlocks as exc:
        raise RoleError(
            f"more than {exc.limit:,} headings, list items and paragraphs: too large for a "
            "role profile",
            path=source.path,
            line=exc.line,
            code="IO002",
        ) from None
    role_id = role_id_of(relative or source.path.name, frontmatter.id, meta)
    assembler = _Assembler(
        vocabulary, has_title=any(b.kind == "heading" and b.level == 1 for b in blocks)
    )
    for block in blocks:
        assembler.add(block)
    fallback = base_id(frontmatter.id, source.path.name)
    role = assembler.role(role_id, frontmatter, str(source.path), fallback)
    return Document(source, split, meta, role, assembler.outline)


def _frontmatter_mapping(source: SourceText, split: Split) -> dict[str, Any]:
    if split.frontmatter is None:
        return {}
    data = load_yaml(split.frontmatter, path=source.path, first_line=split.frontmatter_line)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RoleError(
            f"frontmatter must be a mapping of keys to values, not {_type_name(data)}",
            path=source.path,
            line=split.frontmatter_line,
            code="FM005",
        )
    return {str(k): v for k, v in data.items()}


def _type_name(value: Any) -> str:
    names = {
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
    }
    return names.get(type(value), f"a {type(value).__name__}")


def _validation_error(
    exc: ValidationError, source: SourceText, yaml_text: str, first: int
) -> RoleError:
    """The first pydantic error as one line, located at its key (input values never echoed)."""
    error = exc.errors(include_input=False, include_url=False)[0]
    loc = [_clip(str(p)) for p in error["loc"]]  # a key from the file may be any length
    key = loc[0] if loc else ""
    line = first
    match = re.search(rf"^{re.escape(key)}\s*:", yaml_text, re.MULTILINE) if key else None
    if match:
        line = first + yaml_text.count("\n", 0, match.start())
    where = ".".join(loc) or "document"
    return RoleError(f"{where}: {error['msg']}", path=source.path, line=line, code="FM006")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_BOLD = re.compile(r"(\*\*|__)(.+?)\1(.*)$", re.DOTALL)
_SEPARATOR = re.compile(r"^\s*(?:[:\-–—]\s*)?")


_Fields = dict[str, Any]
"""An element of the role (a `Need`, a `Paragraph`…) as the keyword arguments of its model."""


def _duty(item: MdBlock) -> _Fields:
    """A duty item: `**Name**`, optionally followed by a separator and a description."""
    match = _BOLD.match(item.text)
    if not match:
        return {"name": item.text, "bold": False, "line": item.line}
    rest = _SEPARATOR.sub("", match.group(3), count=1).strip()
    return {"name": match.group(2).strip(), "description": rest or None, "line": item.line}


class _Assembler:
    """Places blocks into the schema, section by section, as the headings say.

    Elements are collected as plain dicts and the role is validated once, at the end:
    pydantic validates a whole nested role in about half the time it takes to create its
    thirty-odd elements one model at a time, and every command reads every file this way.
    """

    def __init__(self, vocabulary: Vocabulary, *, has_title: bool) -> None:
        self.vocabulary = vocabulary
        self.matcher = vocabulary.matcher
        self.section = PREAMBLE if has_title else SUMMARY
        self.main = self.section  # the last known top-level section (where extras attach)
        self.title: _Fields | None = None
        self.headings: dict[str, _Fields] = {}
        self.summary: list[_Fields] = []
        self.needs: list[_Fields] = []
        self.duties_intro: list[_Fields] = []
        self.duties: list[_Fields] = []
        self.how_intro: list[_Fields] = []
        self.sub_roles: list[_Fields] = []
        self.notes: list[_Fields] = []
        self.blocks: list[_Fields] = []
        self.extras: list[_Fields] = []
        self.outline: list[OutlineEntry] = []
        self.counts: dict[str, int] = {}
        self.list_section: str | None = None  # the section whose last paragraph is a list
        self.sub_level: int | None = None  # the level of sub-role headings deeper than ###

    # -- headings --------------------------------------------------------------------------

    def add(self, block: MdBlock) -> None:
        if block.kind == "heading":
            self._heading(block)
        elif block.kind == "note":
            self.list_section = None
            self.notes.append(
                {
                    "text": block.text,
                    "syntax": block.syntax,
                    "section": self.section,
                    "position": self.counts.get(self.section, 0),
                    "line": block.line,
                }
            )
        elif block.kind == "item":
            self._item(block)
        else:
            self._paragraph(block)

    def _heading(self, block: MdBlock) -> None:
        level, text = block.level, block.text
        if level == 1 and self.title is None:
            found = self.matcher.match_title(text)
            self.title = {
                "text": text,
                "name": found.name if found else None,
                "article": found.article if found else None,
                "line": block.line,
            }
            self.outline.append(OutlineEntry(1, text, block.line, "title"))
            self.section = self.main = SUMMARY
            return
        if level <= 2:
            title = None
            if self.title is not None:
                title = self.title["name"] or plain_heading(self.title["text"]) or None
            found = self.matcher.match_section(text, title)
            if found and found.key not in self.headings:
                self.headings[found.key] = {
                    "text": text,
                    "name": found.name,
                    "article": found.article,
                    "line": block.line,
                }
                self.outline.append(OutlineEntry(level, text, block.line, found.key))
                self.section = self.main = found.key
                return
            self.outline.append(
                OutlineEntry(level, text, block.line, found.key if found else None, bool(found))
            )
            self._extra(text, level, block.line)
            return
        if self._sub_role_level(level, text):
            kind = self.matcher.match_sub_role(text)
            custom = kind is None
            if kind is None:
                kind = slug(text)
                if kind in self.vocabulary.sub_roles:  # "### Developer --" is not the developer
                    kind = f"{kind}-other"
            self.outline.append(OutlineEntry(3, text, block.line, f"sub_role:{kind}"))
            self.sub_roles.append(
                {
                    "kind": kind,
                    "title": text,
                    "custom": custom,
                    "description": [],
                    "line": block.line,
                }
            )
            self.section = f"sub_role:{len(self.sub_roles) - 1}"
            return
        self.outline.append(OutlineEntry(level, text, block.line, None))
        self._paragraph(MdBlock("para", f"{'#' * level} {text}".rstrip(), block.line))

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

    def _extra(self, text: str, level: int, line: int) -> None:
        self.extras.append(
            {"title": text, "level": level, "after": self.main, "blocks": [], "line": line}
        )
        self.section = f"extra:{len(self.extras) - 1}"

    # -- content ---------------------------------------------------------------------------

    def _count(self) -> None:
        self.counts[self.section] = self.counts.get(self.section, 0) + 1

    def _item(self, block: MdBlock) -> None:
        section = self.section
        if section == NEEDS:
            self.needs.append({"text": block.text, "line": block.line})
            self._count()
        elif section == DUTIES:
            self.duties.append(_duty(block))
            self._count()
        else:
            self._paragraph(MdBlock("para", block.raw, block.line), item=True)

    def _paragraph(self, block: MdBlock, *, item: bool = False) -> None:
        section = self.section
        target: list[_Fields] | None = None
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
                    "text": block.text,
                    "section": section,
                    "position": self.counts.get(section, 0),
                    "line": block.line,
                }
            )
            return
        if item and target and self.list_section == section:
            # consecutive list items in a text section are one list: keep them together
            target[-1]["text"] = f"{target[-1]['text']}\n{block.text}"
            return
        target.append({"text": block.text, "line": block.line})
        self._count()
        self.list_section = section if item else None

    # -- result ----------------------------------------------------------------------------

    def role(self, role_id: str, frontmatter: Frontmatter, source: str, fallback: str) -> Role:
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
            name = plain_heading(title["text"])
        else:
            name = frontmatter.title or role_id
        return name, self.vocabulary.article(name)
