"""What a rule gets to look at: one parsed file, or the facts of all files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from roledeck.config import Config
from roledeck.errors import RoleError
from roledeck.lint.findings import FileFacts
from roledeck.lint.mdxscan import MdxView, scan
from roledeck.model import Role
from roledeck.parse import Document, OutlineEntry
from roledeck.source import load_yaml, read_source
from roledeck.vocabulary import Vocabulary


@dataclass
class FileContext:
    """One parsed role file, with the configuration in force."""

    doc: Document
    config: Config
    vocabulary: Vocabulary
    intro_facets: tuple[dict[str, str], set[str]] | None = None
    """Facet phrases and the kinds the "how" introduction names, once two rules asked."""

    @property
    def role(self) -> Role:
        return self.doc.role

    @property
    def outline(self) -> list[OutlineEntry]:
        return self.doc.outline

    @cached_property
    def mdx(self) -> MdxView:
        """What the MDX compiler would see in the body (Markdown files only)."""
        body = self.doc.body
        return MdxView() if body is None else scan(body)

    @cached_property
    def compiled_as_mdx(self) -> bool:
        """Whether Docusaurus compiles this file as MDX: `.mdx` always, `.md` unless the site
        says `markdown-format = "detect"` (YAML role files are not pages)."""
        if self.doc.body is None:
            return False
        if self.doc.source.path.name.lower().endswith(".mdx"):
            return True
        return self.config.docusaurus.markdown_format == "mdx"

    @cached_property
    def lines(self) -> list[str]:
        """The file's lines (LF-normalised); index i is line i + 1."""
        return self.doc.source.text.split("\n")

    @cached_property
    def list_items(self) -> tuple[tuple[str, list[tuple[int, str]]], ...]:
        """("need", needs) and ("duty", duties), each item as (line, text): several content
        rules walk both lists; a duty's text is its name and description."""
        role = self.role
        needs = [(n.line or 1, n.text) for n in role.needs]
        duties = [(d.line or 1, f"{d.name} {d.description or ''}".strip()) for d in role.duties]
        return ("need", needs), ("duty", duties)

    @property
    def title_line(self) -> int:
        """Where findings about the role as a whole point: its H1, else line 1."""
        title = self.role.headings.title
        return title.line if title is not None and title.line else 1

    def key_line(self, key: str) -> int:
        return key_line(self.doc, key)


@cache
def _key_pattern(key: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(key)}\s*:", re.MULTILINE)


def key_line(doc: Document, key: str) -> int:
    """The line of a top-level frontmatter key (the opening fence when absent, else line 1)."""
    split = doc.split
    if split is None or split.frontmatter is None:
        return 1
    found = _key_pattern(key).search(split.frontmatter)
    if not found:
        return split.frontmatter_line - 1
    return split.frontmatter_line + split.frontmatter.count("\n", 0, found.start())


@dataclass
class CatalogContext:
    """Facts of every linted file, for rules that compare files."""

    facts: list[FileFacts]
    config: Config
    roots: list[Path] = field(default_factory=list)
    """The folders linted (where a Docusaurus tags.yml may sit)."""
    _tags: dict[Path, set[str] | None] = field(default_factory=dict)

    def tags_file(self, path: Path) -> set[str] | None:
        """The tag keys a Docusaurus tags.yml defines, or None if there is no such file."""
        if path not in self._tags:
            self._tags[path] = _read_tags(path) if path.is_file() else None
        return self._tags[path]


def _read_tags(path: Path) -> set[str]:
    try:
        data = load_yaml(read_source(path).text, path=path)
    except RoleError:
        return set()
    return {str(key) for key in data} if isinstance(data, dict) else set()
