"""Roles as they were at a git revision: `NAME@REV` and `PATH@REV` operands.

A NAME is looked up in the catalog as it was at the revision (`gitcatalog`); a PATH's file is
read from git's object store (`git cat-file`), so the work tree is never touched
and a role can be read from a revision where it no longer matches the work tree. git runs as a
subprocess with a list of arguments (never a shell); a revision is checked with `rev-parse
--verify` and then used only as the commit id it names, so it can never be read as an option.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from roledeck.catalog import Catalog, docs_relative
from roledeck.errors import RoleError
from roledeck.gitcatalog import Workspace, resolve_at
from roledeck.gitrepo import run_git
from roledeck.model import Role
from roledeck.parse import ROLE_SUFFIXES, YAML_SUFFIXES, parse_markdown, parse_yaml_role
from roledeck.source import decode


@dataclass(frozen=True, slots=True)
class Operand:
    """What a command-line operand names: a role (a name or a path) and maybe a revision."""

    target: str
    rev: str | None = None


def split_operand(operand: str) -> Operand:
    """`NAME@REV` or `PATH@REV` into its parts; anything else is a name or path as it is.

    An existing file is a path even if its name holds an '@'. The split is at the first '@',
    so revisions may hold one themselves (`name@HEAD@{1}`); `name@{u}` means the revision
    `@{u}` (the upstream branch), since a role name never ends in '@'.
    """
    if "@" not in operand or Path(operand).is_file():
        return Operand(operand)
    target, _, rev = operand.partition("@")
    if rev.startswith("{"):
        rev = "@" + rev
    if not target or not rev:
        raise RoleError(f"'{operand}': expected NAME@REV or PATH@REV", code="USAGE")
    return Operand(target, rev)


def load_operand(where: Catalog | Workspace, operand: str) -> Role:
    """The role an operand names: from the catalog or a file, or from git at a revision.

    `NAME@REV` looks the name up among the roles of the catalog as it was at REV (with its
    configuration as it was); `PATH@REV` reads that file as it was.
    """
    ws = where if isinstance(where, Workspace) else Workspace(where)
    parsed = split_operand(operand)
    if parsed.rev is None:
        return ws.catalog.resolve(parsed.target)
    target = parsed.target
    # a role file's name, or a path on disk; 'engineering/lead' without a suffix may be an id
    is_path = target.lower().endswith(ROLE_SUFFIXES) or (
        (os.sep in target or "/" in target) and Path(target).exists()
    )
    if is_path:
        return load_at_revision(ws.catalog, Path(target), parsed.rev)
    if parsed.rev.startswith("-"):
        raise RoleError(f"bad revision '{parsed.rev}'", path=operand, code="USAGE")
    return resolve_at(ws, target, parsed.rev)


def load_at_revision(catalog: Catalog, path: Path, rev: str) -> Role:
    """Parse the file at `path` as it was at revision `rev` of its repository."""
    label = f"{path}@{rev}"
    folder, inside = _existing_folder(path)
    if rev.startswith("-"):
        raise RoleError(f"bad revision '{rev}'", path=label, code="USAGE")
    _git(folder, label, "rev-parse", "--git-dir", error="not a git repository")
    commit = _git(
        folder,
        label,
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{rev}^{{commit}}",
        error=f"bad revision '{rev}'",
    ).strip()
    spec = f"{commit}:./{inside}"
    size_text = _git(
        folder, label, "cat-file", "-s", spec, error=f"'{path}' does not exist in revision '{rev}'"
    )
    size = int(size_text.strip() or 0)
    if size > catalog.max_bytes:
        raise RoleError(
            f"file is {size:,} bytes, over the {catalog.max_bytes:,}-byte limit "
            "(raise max-file-size in the config to read it)",
            path=label,
            code="IO002",
        )
    data = run_git(folder, label, "cat-file", "blob", spec, error=f"cannot read '{path}'")
    try:
        source = decode(path, data)
        relative = docs_relative(path, catalog.root)  # the doc id it had: folders included
        if path.suffix.lower() in YAML_SUFFIXES:
            role = parse_yaml_role(source, relative=relative).role
        else:
            role = parse_markdown(source, vocabulary=catalog.vocabulary, relative=relative).role
    except RoleError as exc:
        exc.path = label  # the file as it was, not the one in the work tree
        raise
    role.source = label
    return role


def _existing_folder(path: Path) -> tuple[Path, str]:
    """The nearest folder of `path` that exists, and the path from there (git runs in it).

    The file, or its folders, may have been deleted since the revision.
    """
    folder = path.parent
    parts = [path.name]
    while not folder.is_dir() and folder != folder.parent:
        parts.insert(0, folder.name)
        folder = folder.parent
    return folder, "/".join(parts)


def _git(folder: Path, label: str, *args: str, error: str) -> str:
    return run_git(folder, label, *args, error=error).decode("utf-8", "replace")
