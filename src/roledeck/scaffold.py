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
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from roledeck.catalog import Catalog
from roledeck.errors import RoleError
from roledeck.fsio import atomic_write, remove_stale_temporaries
from roledeck.model import DUTIES, HOW, NEEDS, SUMMARY, Frontmatter, Note, Paragraph, Role, SubRole
from roledeck.parse import parse_text
from roledeck.profiles import is_inside
from roledeck.render import render_markdown
from roledeck.vocabulary import DEFAULT_VOCABULARY, Vocabulary, article_for, fill

NoteSyntax = Literal["html", "mdx"]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def role_id_for(name: str) -> str:
    """The file name (and id) of a role: 'SRE Lead' -> 'sre-lead', 'Ingénieur' -> 'ingenieur'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    role_id = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
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


def _a(noun: str) -> str:
    return f"{article_for(noun)} {noun}"


def _listing(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def blank_role(
    name: str,
    *,
    sub_roles: Sequence[str] | None = None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    note_syntax: NoteSyntax = "html",
) -> Role:
    """A new role with every section and a TODO note in each saying what to write there."""
    kinds = list(dict.fromkeys(vocabulary.sub_roles if sub_roles is None else sub_roles))
    unknown = [kind for kind in kinds if kind not in vocabulary.sub_roles]
    if unknown:
        raise RoleError(
            f"unknown sub-role kind(s): {', '.join(unknown)} "
            f"(known: {', '.join(vocabulary.sub_roles)})",
            code="USAGE",
        )
    a_name = _a(name)

    def todo(section: str, text: str) -> Note:
        return Note(text=f"TODO: {text}", syntax=note_syntax, section=section)

    notes = [
        todo(SUMMARY, f"Say in a paragraph or two what {a_name} is and why a team needs one."),
        todo(NEEDS, "List why the role is needed: one '-' bullet per reason."),
        todo(DUTIES, "List what the role does: one bullet per duty, '- **Duty**: what it means'."),
    ]
    subs = [SubRole(kind=kind, title=fill(vocabulary.sub_roles[kind][0], name)) for kind in kinds]
    for index, sub in enumerate(subs):
        notes.append(
            todo(f"sub_role:{index}", f"Describe how {a_name} works as {_a(_facet(sub.title))}.")
        )
    how_intro = []
    if subs:
        facets = _listing([_facet(sub.title) for sub in subs])
        how_intro = [
            Paragraph(text=f"To achieve their goals, {a_name} takes on these roles: {facets}.")
        ]
    else:
        notes.append(todo(HOW, f"Describe how {a_name} works, one ### section per facet."))
    return Role(
        id=role_id_for(name),
        name=name,
        article=article_for(name),
        frontmatter=Frontmatter.model_validate({"title": name, "tags": ["role"]}),
        how_intro=how_intro,
        sub_roles=subs,
        notes=notes,
    )


def renamed(text: str, old: str, new: str) -> str:
    """`text` with role name `old` replaced by `new`, in any case, with the article fixed.

    'a DevOps Engineer' becomes 'an SRE Lead', 'A DevOps engineer' 'An SRE Lead'.
    """
    words = r"\s+".join(re.escape(word) for word in old.split())
    pattern = re.compile(rf"(?<![\w-])(?:(?P<article>an?)(?P<space>\s+))?{words}(?![\w-])", re.I)
    article = article_for(new)

    def replace(match: re.Match[str]) -> str:
        written = match.group("article")
        if not written:
            return new
        fixed = article.capitalize() if written[0].isupper() else article
        return f"{fixed}{match.group('space')}{new}"

    return pattern.sub(replace, text)


def copied_role(source: Role, name: str, *, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Role:
    """`source` under a new name: every mention of its name replaced, frontmatter included."""
    role_id = role_id_for(name)
    meta = _renamed_values(source.frontmatter.model_dump(mode="json"), source.name, name)
    if "id" in meta:
        meta["id"] = role_id
    body = render_markdown(
        source.model_copy(update={"frontmatter": Frontmatter()}), vocabulary=vocabulary
    )
    role = parse_text(renamed(body, source.name, name), f"{role_id}.md", vocabulary=vocabulary).role
    role.frontmatter = Frontmatter.model_validate(meta)
    role.source = None
    return role


def _renamed_values(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return renamed(value, old, new)
    if isinstance(value, list):
        return [_renamed_values(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _renamed_values(v, old, new) for k, v in value.items()}
    return value


def create_role_file(
    folder: Path,
    role: Role,
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    catalog: Catalog | None = None,
) -> Path:
    """Write `role` as `<folder>/<id>.md`, refusing to replace a file or to repeat a role.

    A role profile with the same id or name elsewhere in the folder would be a lint error
    (duplicate id or name), so it is refused here, before anything is written; which files
    are profiles is decided as for every command (`is_profile`, with `catalog`'s settings).
    """
    path = folder / f"{role.id}.md"
    if os.path.lexists(path):
        raise RoleError("already exists; roles new never overwrites a file", path=path)
    if folder.is_dir():
        _refuse_duplicates(_profiles_in(folder, catalog, vocabulary), role)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
        atomic_write(path, render_markdown(role, vocabulary=vocabulary), overwrite=False)
    except FileExistsError:
        raise RoleError("already exists; roles new never overwrites a file", path=path) from None
    except OSError as exc:
        raise RoleError(f"cannot write: {exc.strerror or exc}", path=path) from None
    return path


def _profiles_in(folder: Path, catalog: Catalog | None, vocabulary: Vocabulary) -> list[Role]:
    """The role profiles below `folder`, selected as `catalog` selects them."""
    if catalog is None:
        return Catalog(folder, vocabulary=vocabulary).load_all()[0]
    if is_inside(folder, catalog.root):  # the catalog's path globs apply
        roles = catalog.load_all()[0]
        return [role for role in roles if role.source and is_inside(role.source, folder)]
    return Catalog(
        folder, vocabulary=vocabulary, max_bytes=catalog.max_bytes, profiles=catalog.profiles
    ).load_all()[0]


def _refuse_duplicates(existing: list[Role], role: Role) -> None:
    for other in existing:
        if other.id == role.id or other.name.casefold() == role.name.casefold():
            what = "id" if other.id == role.id else "name"
            raise RoleError(
                f"a role with the {what} '{role.id if what == 'id' else role.name}' already "
                f"exists: {other.source}",
                code="USAGE",
            )
