"""`roles export --out DIR`: one file per role, named by id, written atomically.

A role's id is its Docusaurus doc id, folders included (`engineering/backend/lead`), so the
files go into the same folders below DIR and the export reads back with the same ids. Ids come
from files anyone can edit (a frontmatter `id`), so a name that would leave the folder (`..`,
an absolute path), hide as a dotfile, or collide with another role's is refused before
anything is written; existing files are replaced only when asked.

Notes are written in the comment syntax the site compiles (`[tool.roles.docusaurus]`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from roledeck.choices import ExportFormat
from roledeck.config import DocusaurusConfig
from roledeck.errors import RoleError
from roledeck.fsio import atomic_write, remove_stale_temporaries
from roledeck.model import Note, Role

_UNSAFE = re.compile(r"[\\\x00-\x1f\x7f]")


def extension(role: Role, form: ExportFormat) -> str:
    """The file extension of a role exported as `form`: an `.mdx` doc stays `.mdx`.

    An MDX doc may hold imports and JSX that only the `.mdx` name tells Docusaurus to compile
    (with `markdown.format: 'detect'` a `.md` file is read as plain CommonMark).
    """
    if form is ExportFormat.markdown and (role.source or "").lower().endswith(".mdx"):
        return "mdx"
    return form.extension


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


def file_names(roles: Sequence[Role], form: ExportFormat) -> list[str]:
    """A safe, distinct file name per role (distinct ignoring case, as on macOS and Windows)."""
    names = [file_name(role, extension(role, form)) for role in roles]
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
    """Write each (name, text) into `folder`; without `force`, refuse if any file exists.

    Each file is written atomically, so a failure (a full disk, a read-only folder) leaves
    every file whole: the ones written before it new, the others as they were. What exists
    and is not a regular file (a folder, a FIFO) is never replaced, `--force` or not.
    """
    if os.path.lexists(folder) and not folder.is_dir():
        raise RoleError("exists and is not a folder", path=folder, code="USAGE")
    paths = [folder / name for name, _ in files]
    existing = [path for path in paths if os.path.lexists(path)]
    if existing and not force:
        raise RoleError(
            f"{len(existing)} file(s) already exist, the first: {existing[0]}; "
            "pass --force to replace them",
            code="USAGE",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RoleError(f"cannot create the folder: {exc.strerror or exc}", path=folder) from None
    remove_stale_temporaries(folder)
    for done, (path, (_, text)) in enumerate(zip(paths, files, strict=True)):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # a nested id: team/lead
            atomic_write(path, text, overwrite=force)
        except FileExistsError:
            raise RoleError("appeared while exporting; not replaced", path=path) from None
        except OSError as exc:
            written = f" ({done} of {len(paths)} files written before it)" if done else ""
            raise RoleError(f"cannot write: {exc.strerror or exc}{written}", path=path) from None
    return paths
