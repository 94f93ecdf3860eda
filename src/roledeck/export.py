"""`roles export --out DIR`: one file per role, named by id, written atomically.

A role's id is its Docusaurus doc id, folders included (`engineering/backend/lead`), so the
files go into the same folders below DIR and the export reads back with the same ids. Ids come
from files anyone can edit (a frontmatter `id`), so a name that would leave the folder (`..`,
an absolute path), hide as a dotfile, or collide with another role's is refused before
anything is written; existing files are replaced only when asked.

Notes are written in the comment syntax the site compiles (`[tool.roles.docusaurus]`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from roledeck.config import DocusaurusConfig
from roledeck.errors import RoleError
from roledeck.fsio import atomic_write
from roledeck.model import Note, Role

_UNSAFE = re.compile(r"[\\\x00-\x1f\x7f]")


def file_name(role: Role, extension: str) -> str:
    """`<id>.<extension>`, folders of a nested id included, if every part is a plain name."""
    parts = role.id.split("/")
    if (
        not role.id
        or _UNSAFE.search(role.id)
        or any(not part or part.startswith(".") for part in parts)
    ):
        raise RoleError(
            f"role id {role.id!r} cannot be a file path (no \\, control characters, empty "
            "parts, '..' or parts with a leading dot)",
            path=role.source,
            code="USAGE",
        )
    return f"{role.id}.{extension}"


NoteSyntax = Literal["html", "mdx"]


def site_note_syntax(site: DocusaurusConfig) -> NoteSyntax | None:
    """The comment syntax a `.md` doc needs on this site, or None when either builds.

    `detect` compiles `.md` as CommonMark, where `{/* … */}` is page text; MDX without
    `mdx1Compat.comments` (Docusaurus 4, `future: {v4: true}`) fails on `<!-- … -->`.
    """
    if site.markdown_format == "detect":
        return "html"
    if not site.mdx1_comments:
        return "mdx"
    return None


def with_note_syntax(role: Role, syntax: NoteSyntax | None) -> Role:
    """`role` with its notes in `syntax`, where the text allows it (nothing is dropped).

    A note holding `*/` (or an unbalanced brace) cannot be an MDX comment, one holding
    `-->` cannot be an HTML comment: those stay as written.
    """
    if syntax is None or all(note.syntax == syntax for note in role.notes):
        return role
    return role.model_copy(update={"notes": [_converted(note, syntax) for note in role.notes]})


def _converted(note: Note, syntax: NoteSyntax) -> Note:
    text = note.text
    if note.syntax == syntax:
        return note
    if syntax == "mdx" and ("*/" in text or text.count("{") != text.count("}")):
        return note
    if syntax == "html" and "-->" in text:
        return note
    return note.model_copy(update={"syntax": syntax})


def file_names(roles: Sequence[Role], extension: str) -> list[str]:
    """A safe, distinct file name per role (distinct ignoring case, as on macOS and Windows)."""
    names = [file_name(role, extension) for role in roles]
    seen: dict[str, Role] = {}
    for role, name in zip(roles, names, strict=True):
        other = seen.setdefault(name.casefold(), role)
        if other is not role:
            raise RoleError(
                f"two roles would both be written to {name}: {other.source} and {role.source}",
                code="USAGE",
            )
    return names


def write_files(folder: Path, files: Sequence[tuple[str, str]], *, force: bool) -> list[Path]:
    """Write each (name, text) into `folder`; without `force`, refuse if any file exists."""
    paths = [folder / name for name, _ in files]
    existing = [path for path in paths if path.exists()]
    if existing and not force:
        raise RoleError(
            f"{len(existing)} file(s) already exist, the first: {existing[0]}; "
            "pass --force to replace them",
            code="USAGE",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, (_, text) in zip(paths, files, strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text, overwrite=force)
    except FileExistsError as exc:
        raise RoleError("appeared while exporting; nothing replaced", path=exc.filename) from None
    except OSError as exc:
        raise RoleError(f"cannot write: {exc.strerror or exc}", path=exc.filename) from None
    return paths
