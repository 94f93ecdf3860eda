"""`roles export --out DIR`: one file per role, named by id, written atomically.

Ids come from files anyone can edit (a frontmatter `id`), so a name that would leave the
folder, hide as a dotfile, or collide with another role's is refused before anything is
written; existing files are replaced only when asked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from roledeck.choices import ExportFormat
from roledeck.errors import RoleError
from roledeck.fsio import atomic_write, remove_stale_temporaries
from roledeck.model import Role

_UNSAFE = re.compile(r"[/\\\x00-\x1f\x7f]")


def extension(role: Role, form: ExportFormat) -> str:
    """The file extension of a role exported as `form`: an `.mdx` doc stays `.mdx`.

    An MDX doc may hold imports and JSX that only the `.mdx` name tells Docusaurus to compile
    (with `markdown.format: 'detect'` a `.md` file is read as plain CommonMark).
    """
    if form is ExportFormat.markdown and (role.source or "").lower().endswith(".mdx"):
        return "mdx"
    return form.extension


def file_name(role: Role, extension: str) -> str:
    """`<id>.<extension>`, if the id is a plain file name."""
    if not role.id or _UNSAFE.search(role.id) or role.id.startswith("."):
        raise RoleError(
            f"role id {role.id!r} cannot be a file name (no /, \\, control characters or "
            "leading dot)",
            path=role.source,
            code="USAGE",
        )
    return f"{role.id}.{extension}"


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
            atomic_write(path, text, overwrite=force)
        except FileExistsError:
            raise RoleError("appeared while exporting; not replaced", path=path) from None
        except OSError as exc:
            written = f" ({done} of {len(paths)} files written before it)" if done else ""
            raise RoleError(f"cannot write: {exc.strerror or exc}{written}", path=path) from None
    return paths
