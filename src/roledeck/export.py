"""`roles export --out DIR`: one file per role, named by id, written atomically.

Ids come from files anyone can edit (a frontmatter `id`), so a name that would leave the
folder, hide as a dotfile, or collide with another role's is refused before anything is
written; existing files are replaced only when asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from roledeck.errors import RoleError
from roledeck.fsio import atomic_write
from roledeck.model import Role


class ExportFormat(StrEnum):
    json = "json"
    yaml = "yaml"
    markdown = "markdown"

    @property
    def extension(self) -> str:
        return "md" if self is ExportFormat.markdown else self.value


_UNSAFE = re.compile(r"[/\\\x00-\x1f\x7f]")


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
            atomic_write(path, text, overwrite=force)
    except FileExistsError as exc:
        raise RoleError("appeared while exporting; nothing replaced", path=exc.filename) from None
    except OSError as exc:
        raise RoleError(f"cannot write: {exc.strerror or exc}", path=exc.filename) from None
    return paths
