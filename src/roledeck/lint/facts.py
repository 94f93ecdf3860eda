"""The facts of a file that catalog rules compare: small, picklable, cached with its findings."""

from __future__ import annotations

from pathlib import Path
from sys import intern

from roledeck.docids import doc_slug, strip_number_prefix
from roledeck.lint.context import key_line
from roledeck.lint.findings import FileFacts
from roledeck.lint.rules.consistency import own_names
from roledeck.lint.selfref import self_references
from roledeck.parse import Document


def facts_of(doc: Document, shown: str) -> FileFacts:
    """The few facts of a file that catalog rules compare.

    Folders, labels and tags repeat across thousands of files: interned, they are pickled
    back from a worker once per batch and kept once.
    """
    role = doc.role
    front = role.frontmatter
    position = front.sidebar_position
    number_prefixes = doc.meta.get("parse_number_prefixes") is not False
    from_name: float | None = None
    where = Path(shown)
    if position is None and number_prefixes:
        prefix = strip_number_prefix(where.stem)[1]  # Docusaurus's fallback
        from_name = float(prefix) if prefix is not None else None
    label = front.sidebar_label or front.title
    title = role.headings.title
    own = own_names(role)
    slug = doc.meta.get("slug")
    folder = role.id.rsplit("/", 1)[0] + "/" if "/" in role.id else ""
    return FileFacts(
        path=shown,
        folder=intern(str(where.parent)),
        id=role.id,
        name=role.name,
        name_line=title.line if title is not None and title.line else 1,
        label=intern(label) if label is not None else None,
        label_line=key_line(doc, "sidebar_label" if front.sidebar_label else "title"),
        sidebar_position=float(position) if position is not None else from_name,
        position_line=key_line(doc, "sidebar_position"),
        tags=tuple(intern(tag) for tag in front.tag_labels),
        tags_line=key_line(doc, "tags"),
        slug=doc_slug(
            folder + where.name,
            front.id,
            slug if isinstance(slug, str) else None,
            number_prefixes=number_prefixes,
        ),
        slug_line=key_line(doc, "slug") if isinstance(slug, str) else 1,
        slug_set=isinstance(slug, str),
        position_from_name=from_name is not None,
        own_names=tuple(own),
        self_refs=self_references(role),
    )
