"""Markdown and YAML role files to the `Role` model, with the source line of every element.

One pass: the file is read and decoded once (`source`), split into blocks once (`blocks`), and
the blocks are placed into the schema by what their headings mean (`vocabulary`). Nothing is
dropped: what has no field of its own is kept as a `Block` or an `ExtraSection` where it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from roledeck.assemble import Assembler, Layout, ListStyle, OutlineEntry
from roledeck.docids import base_id, role_id_of, yaml_role_id
from roledeck.errors import RoleError
from roledeck.markdown import Body, TooManyBlocks, parse_body
from roledeck.model import (
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
from roledeck.vocabulary import DEFAULT_VOCABULARY, Vocabulary

MARKDOWN_SUFFIXES = (".md", ".mdx", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
ROLE_SUFFIXES = MARKDOWN_SUFFIXES + YAML_SUFFIXES


@dataclass
class Document:
    """A parsed role file: the role and what lint needs to know about the text it came from."""

    source: SourceText
    split: Split | None
    meta: dict[str, Any]
    role: Role
    outline: list[OutlineEntry] = field(default_factory=list)
    body: Body | None = None
    """The Markdown body as CommonMark read it (None for YAML role files)."""
    layout: Layout = field(default_factory=Layout)

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
        body = parse_body("\n".join(split.body), split.body_line)
    except TooManyBlocks as exc:
        raise RoleError(
            f"more than {exc.limit:,} headings, list items and paragraphs: too large for a "
            "role profile",
            path=source.path,
            line=exc.line,
            code="IO002",
        ) from None
    role_id = role_id_of(relative or source.path.name, frontmatter.id, meta)
    blocks = body.blocks
    assembler = Assembler(
        vocabulary, has_title=any(b.kind == "heading" and b.level == 1 for b in blocks)
    )
    for block in blocks:
        if block.kind == "list":
            style = ListStyle(block.ordered, block.start)
            assembler.add(
                "list", block.text, block.line, items=partial(body.items, block), style=style
            )
        elif block.kind == "note":
            raw = body.text[block.begin : block.end].rstrip()
            assembler.add("note", block.text, block.line, syntax=block.syntax, raw=raw)
        else:
            assembler.add(
                block.kind, block.text, block.line, level=block.level, syntax=block.syntax
            )
    fallback = base_id(frontmatter.id, source.path.name)
    role = assembler.role(role_id, frontmatter, str(source.path), fallback)
    return Document(source, split, meta, role, assembler.outline, body, assembler.layout)


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


__all__ = ["Document", "OutlineEntry", "load_document", "parse_markdown", "parse_text"]
