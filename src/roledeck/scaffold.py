"""`roles new`: a new profile that starts lint-clean, either blank or copied from another role.

A blank profile is built as a `Role` and rendered, so it has the conventional headings (with
the right article: "an SRE Lead"), frontmatter, and TODO notes saying what to write where:
lint reports those as warnings, never errors. A copy renders the source role with its name
replaced everywhere, the article before it included, and is parsed again so that its headings
carry the new name.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from roledeck.catalog import Catalog, docs_relative
from roledeck.docids import doc_id
from roledeck.errors import RoleError
from roledeck.fsio import atomic_write, remove_stale_temporaries
from roledeck.model import (
    DUTIES,
    HOW,
    NEEDS,
    SUMMARY,
    Frontmatter,
    Heading,
    Headings,
    Note,
    Paragraph,
    Role,
    SubRole,
)
from roledeck.normalize import Spans, facet_spans, name_in, role_facets
from roledeck.parse import parse_text
from roledeck.render import render_markdown
from roledeck.vocabulary import DEFAULT_VOCABULARY, Vocabulary, article_for, fill

NoteSyntax = Literal["html", "mdx"]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def role_id_for(name: str) -> str:
    """The file name (and id) of a role: 'SRE Lead' -> 'sre-lead', 'Ingénieur' -> 'ingenieur'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    role_id = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    # Docusaurus reads "8-bit-artist" as the doc "bit-artist" at sidebar position 8
    role_id = re.sub(r"^(\d+)-(?=[a-z])", r"\1", role_id)
    if not role_id:
        raise RoleError(
            f"cannot make a file name from {name!r}: use letters or digits", code="USAGE"
        )
    return role_id


def check_name(name: str) -> str:
    """The name, trimmed, if it can stand in a heading (one line, no control characters)."""
    name = " ".join(name.split()) if not _CONTROL.search(name) else ""
    if not name:
        raise RoleError(
            "NAME must be a role name on one line, e.g. 'SRE Lead' (no control characters)",
            code="USAGE",
        )
    return name


def _facet(title: str) -> str:
    """How prose names a sub-role: 'The System Administrator' -> 'system administrator'."""
    return re.sub(r"^the\s+", "", title, flags=re.IGNORECASE).lower()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def markdown_name(name: str) -> str:
    """`name` as Markdown (and MDX) text that reads back as `name`, not as markup.

    Characters that would start markup are backslash-escaped: in MDX `<Platform>` is a JSX
    tag and `{Lead}` an expression (the Docusaurus build fails on both), `*x*` and `_x_`
    emphasis, `#` a closing heading sequence, `&amp;` an entity.
    """
    return _ENTITY.sub(r"\\&", _MARKDOWN_SPECIAL.sub(r"\\\1", name))


def note_name(name: str) -> str:
    """`name` as it may stand inside a note: braces would end an MDX comment's expression
    early, and a comment's closing mark would end it."""
    text = name.replace("{", "(").replace("}", ")")
    return text.replace("*/", "* /").replace("-->", "-- >")


def _a(noun: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    return f"{vocabulary.article(noun)} {noun}"


def _listing(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def blank_role(
    name: str,
    *,
    sub_roles: Sequence[str] | None = None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    note_syntax: NoteSyntax = "html",
) -> Role:
    """A new role with every section and a TODO note in each saying what to write there.

    Headings and text write the name escaped for Markdown (`markdown_name`), notes with
    braces replaced (`note_name`); the role's name and its frontmatter title stay as given.
    """
    kinds = list(dict.fromkeys(vocabulary.sub_roles if sub_roles is None else sub_roles))
    unknown = [kind for kind in kinds if kind not in vocabulary.sub_roles]
    if unknown:
        raise RoleError(
            f"unknown sub-role kind(s): {', '.join(unknown)} "
            f"(known: {', '.join(vocabulary.sub_roles)})",
            code="USAGE",
        )
    article = vocabulary.article(name)
    written = markdown_name(name)
    in_note = f"{article} {note_name(name)}"

    def todo(section: str, text: str) -> Note:
        return Note(text=f"TODO: {text}", syntax=note_syntax, section=section)

    notes = [
        todo(SUMMARY, f"Say in a paragraph or two what {in_note} is and why a team needs one."),
        todo(NEEDS, "List why the role is needed: one '-' bullet per reason."),
        todo(DUTIES, "List what the role does: one bullet per duty, '- **Duty**: what it means'."),
    ]
    subs = [
        SubRole(kind=kind, title=fill(vocabulary.sub_roles[kind][0], written, article))
        for kind in kinds
    ]
    for index, sub in enumerate(subs):
        facet = _facet(sub.title)
        notes.append(todo(f"sub_role:{index}", f"Describe how {in_note} works as {_a(facet)}."))
    how_intro = []
    if subs:
        facets = _listing([_facet(sub.title) for sub in subs])
        how_intro = [
            Paragraph(
                text=f"To achieve their goals, {article} {written} takes on these roles: {facets}."
            )
        ]
    else:
        notes.append(todo(HOW, f"Describe how {in_note} works, one ### section per facet."))
    sections = {SUMMARY: vocabulary.summary, NEEDS: vocabulary.needs, DUTIES: vocabulary.duties}
    sections[HOW] = vocabulary.how
    headings: dict[str, Heading] = {
        key: Heading(text=fill(patterns[0], written, article), name=name, article=article)
        for key, patterns in sections.items()
        if patterns and key != SUMMARY
    }
    if vocabulary.title:
        headings["title"] = Heading(
            text=fill(vocabulary.title[0], written, article), name=name, article=article
        )
    return Role(
        id=role_id_for(name),
        name=name,
        article=article,
        frontmatter=Frontmatter.model_validate({"title": name, "tags": ["role"]}),
        headings=Headings.model_validate(headings),
        how_intro=how_intro,
        sub_roles=subs,
        notes=notes,
    )


def renamed(
    text: str,
    old: str,
    new: str,
    *,
    article: str | None = None,
    keep: Spans = (),
) -> str:
    """`text` with role name `old` replaced by `new`, in any case, with the article fixed.

    'a DevOps Engineer' becomes 'an SRE Lead', 'A DevOps engineer' 'An SRE Lead'. `article`
    is the one `new` takes (by default as it is said); occurrences overlapping a span of
    `keep` (a facet spelled like the old name) are left alone.
    """
    words = r"\s+".join(re.escape(word) for word in old.split())
    pattern = re.compile(rf"(?<![\w-])(?:(?P<article>an?)(?P<space>\s+))?{words}(?![\w-])", re.I)
    chosen = article_for(new) if article is None else article

    def replace(match: re.Match[str]) -> str:
        if any(match.start() < end and start < match.end() for start, end in keep):
            return match.group()
        written = match.group("article")
        if not written:
            return new
        fixed = chosen.capitalize() if written[0].isupper() else chosen
        return f"{fixed}{match.group('space')}{new}"

    return pattern.sub(replace, text)


_DROPPED = ("id", "slug", "custom_edit_url")
"""Frontmatter of the source a copy cannot keep: its id and URL would be the source's."""
_IF_RENAMED = ("description", "sidebar_label")
"""Kept only when they named the source role (and so now name the copy)."""


def copied_role(source: Role, name: str, *, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Role:
    """`source` under a new name: every mention of its name replaced, frontmatter included.

    Sub-role headings are never renamed, and a facet spelled like the source's name stays the
    facet ("### The Developer" of the role "Developer"). The copy's title is its name; the
    source's `id`, `slug` and edit URL are dropped, and a `description` or `sidebar_label`
    that does not name the source (so would describe it, not the copy) is dropped too.
    """
    role_id = role_id_for(name)
    article = vocabulary.article(name)
    in_text = markdown_name(name)

    def rename(text: str, keep: Spans = ()) -> str:
        return renamed(text, source.name, in_text, article=article, keep=keep)

    body_role = _renamed_role(source, rename, note_name(name), article)
    body = render_markdown(body_role, vocabulary=vocabulary)
    role = parse_text(body, f"{role_id}.md", vocabulary=vocabulary).role
    role.frontmatter = Frontmatter.model_validate(_copied_frontmatter(source, name, article))
    role.source = None
    return role


def _renamed_role(source: Role, rename: Callable[..., str], in_note: str, article: str) -> Role:
    """The source's content with its name replaced, field by field."""
    facets = role_facets(source)
    intro = [
        p.model_copy(update={"text": rename(p.text, facet_spans(p.text, source.name, facets))})
        for p in source.how_intro
    ]
    heads = source.headings
    headings = Headings(
        **{
            key: (h.model_copy(update={"text": rename(h.text)}) if h is not None else None)
            for key, h in (
                ("title", heads.title),
                ("summary", heads.summary),
                ("needs", heads.needs),
                ("duties", heads.duties),
                ("how", heads.how),
            )
        }
    )

    def paragraphs(items: list[Paragraph], *, keep_name: bool = False) -> list[Paragraph]:
        return [p if keep_name else p.model_copy(update={"text": rename(p.text)}) for p in items]

    return source.model_copy(
        update={
            "frontmatter": Frontmatter(),
            "headings": headings,
            "summary": paragraphs(source.summary),
            "needs": [n.model_copy(update={"text": rename(n.text)}) for n in source.needs],
            "duties_intro": paragraphs(source.duties_intro),
            "duties": [
                d.model_copy(
                    update={
                        "name": rename(d.name),
                        "description": rename(d.description) if d.description else None,
                    }
                )
                for d in source.duties
            ],
            "how_intro": intro,
            "sub_roles": [
                sub.model_copy(
                    update={
                        "description": paragraphs(
                            sub.description, keep_name=name_in(source, sub) is None
                        )
                    }
                )
                for sub in source.sub_roles
            ],
            "notes": [
                n.model_copy(
                    update={"text": renamed(n.text, source.name, in_note, article=article)}
                )
                for n in source.notes
            ],
            "blocks": [b.model_copy(update={"text": rename(b.text)}) for b in source.blocks],
            "extra_sections": [
                x.model_copy(update={"title": rename(x.title), "blocks": paragraphs(x.blocks)})
                for x in source.extra_sections
            ],
        }
    )


def _copied_frontmatter(source: Role, name: str, article: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, value in source.frontmatter.model_dump(mode="json").items():
        if key in _DROPPED:
            continue
        if key == "title":
            meta[key] = name
        elif key == "tags":
            meta[key] = value  # tag names are the catalog's, not the role's
        elif key in _IF_RENAMED:
            changed = _renamed_values(value, source.name, name, article)
            if changed != value:
                meta[key] = changed
        else:
            meta[key] = _renamed_values(value, source.name, name, article)
    meta.setdefault("title", name)
    return meta


def _renamed_values(value: Any, old: str, new: str, article: str) -> Any:
    if isinstance(value, str):
        return renamed(value, old, new, article=article)
    if isinstance(value, list):
        return [_renamed_values(v, old, new, article) for v in value]
    if isinstance(value, dict):
        return {k: _renamed_values(v, old, new, article) for k, v in value.items()}
    return value


def create_role_file(
    folder: Path,
    role: Role,
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    catalog: Catalog | None = None,
) -> Path:
    """Write `role` as `<folder>/<id>.md`, refusing to replace a file or to repeat a role.

    A role with the same doc id, or the same name anywhere in the catalog, would be a lint
    error (duplicate id or name), so it is refused here, before anything is written; a
    `sidebar_position` another doc of the folder has is moved after the folder's last one.
    Which files are profiles is decided as for every command (`is_profile`, with `catalog`'s
    settings). The text is read back first: a name that would not read back as itself is refused.
    """
    path = folder / f"{role.id}.md"
    if os.path.lexists(path):
        raise RoleError("already exists; roles new never overwrites a file", path=path)
    if catalog is None or docs_relative(folder, catalog.root) is None:
        catalog = (
            Catalog(folder, vocabulary=vocabulary)
            if catalog is None
            else Catalog(
                folder,
                vocabulary=vocabulary,
                max_bytes=catalog.max_bytes,
                profiles=catalog.profiles,
            )
        )
    if catalog.root.is_dir():
        existing = catalog.load_all()[0]
        relative = docs_relative(path, catalog.root) or path.name
        _refuse_duplicates(existing, role, doc_id(relative, None))
        role = _free_position(role, [r for r in existing if _in_folder(r, folder)])
    text = render_markdown(role, vocabulary=vocabulary)
    _check_reads_back(text, role, path, vocabulary)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
        atomic_write(path, text, overwrite=False)
    except FileExistsError:
        raise RoleError("already exists; roles new never overwrites a file", path=path) from None
    except OSError as exc:
        raise RoleError(f"cannot write: {exc.strerror or exc}", path=path) from None
    return path


def _in_folder(role: Role, folder: Path) -> bool:
    return role.source is not None and Path(role.source).parent.resolve() == folder.resolve()


def _free_position(role: Role, siblings: list[Role]) -> Role:
    """`role` with a sidebar position no sibling has (after the last one), if it has one."""
    position = role.frontmatter.sidebar_position
    taken = [r.frontmatter.sidebar_position for r in siblings]
    used = {float(p) for p in taken if p is not None}
    if position is None or float(position) not in used:
        return role
    meta = role.frontmatter.model_dump(mode="json")
    meta["sidebar_position"] = int(max(used)) + 1
    return role.model_copy(update={"frontmatter": Frontmatter.model_validate(meta)})


def _check_reads_back(text: str, role: Role, path: Path, vocabulary: Vocabulary) -> None:
    """Refuse a name the written profile would not give back (Markdown took it for markup)."""
    back = parse_text(text, path.name, vocabulary=vocabulary).role
    if back.name != role.name:
        raise RoleError(
            f"cannot write the name {role.name!r} as a Markdown heading that reads back as "
            f"itself (it reads as {back.name!r}); choose a name without that markup",
            code="USAGE",
        )


def _refuse_duplicates(existing: list[Role], role: Role, new_id: str) -> None:
    for other in existing:
        if other.id == new_id or other.name.casefold() == role.name.casefold():
            what = "id" if other.id == new_id else "name"
            raise RoleError(
                f"a role with the {what} '{new_id if what == 'id' else role.name}' already "
                f"exists: {other.source}",
                code="USAGE",
            )
