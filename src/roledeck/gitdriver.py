"""`roles diff --git-driver`: git's external diff interface, for `diff.roles.command`.

git runs the command with seven arguments for a changed, added or deleted file (path, old
file, old hex, old mode, new file, new hex, new mode; `/dev/null` and `.` for the side that
does not exist), nine for a rename (then the new path and git's header lines), one for an
unmerged path. The files are temporary copies named after the path, or work-tree files.

git stops the whole `git diff` / `git log -p` at the first external diff that exits
non-zero ("external diff died"), so every file gets an answer: a role profile its semantic
diff, anything else (a guide, a partial, a file that does not parse) a plain unified diff.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from roledeck.catalog import Catalog, docs_relative, is_role_name, relative_to
from roledeck.diff import RoleDiff, diff_roles
from roledeck.errors import RoleError
from roledeck.model import Role
from roledeck.parse import YAML_SUFFIXES, parse_markdown, parse_yaml_role
from roledeck.source import decode, read_bytes

ABSENT = "/dev/null"
_NOT_FILES = ("120000", "160000")
"""Modes of a symlink and a submodule: never role files."""


@dataclass(frozen=True, slots=True)
class DriverArgs:
    """What git passed, by name."""

    path: str
    old_file: str = ABSENT
    old_hex: str = "."
    old_mode: str = "."
    new_file: str = ABSENT
    new_hex: str = "."
    new_mode: str = "."
    new_path: str | None = None
    header: str = ""
    unmerged: bool = False

    @property
    def added(self) -> bool:
        return self.old_mode == "." or self.old_file == ABSENT

    @property
    def deleted(self) -> bool:
        return self.new_mode == "." or self.new_file == ABSENT


def parse_args(args: list[str]) -> DriverArgs:
    """The arguments git gives an external diff (1, 7 or 9 of them)."""
    if len(args) == 1:
        return DriverArgs(args[0], unmerged=True)
    if len(args) in (7, 9):
        path, old_file, old_hex, old_mode, new_file, new_hex, new_mode = args[:7]
        return DriverArgs(
            path,
            old_file,
            old_hex,
            old_mode,
            new_file,
            new_hex,
            new_mode,
            new_path=args[7] if len(args) == 9 else None,
            header=args[8] if len(args) == 9 else "",
        )
    raise RoleError(
        f"--git-driver takes the 7 arguments git passes (path old-file old-hex old-mode "
        f"new-file new-hex new-mode), or 1 or 9; got {len(args)}",
        code="USAGE",
    )


@dataclass
class DriverResult:
    """What to print for one file: git-style header lines, then a role diff or plain lines."""

    header: list[str] = field(default_factory=list)
    diff: RoleDiff | None = None
    plain: list[str] = field(default_factory=list)


def compare(args: DriverArgs, catalog: Catalog, *, literal: bool = False) -> DriverResult:
    """The semantic diff of a role file, or a plain diff of anything else."""
    old_path, new_path = args.path, args.new_path or args.path
    if args.unmerged:
        return DriverResult(plain=[f"* Unmerged path {old_path}"])
    header = _mode_lines(args)
    if _may_be_role(args, catalog):
        try:
            old = None if args.added else _role(args.old_file, old_path, catalog, "a")
            new = None if args.deleted else _role(args.new_file, new_path, catalog, "b")
        except RoleError:
            pass  # not a role after all (or broken): the plain diff shows what is there
        else:
            if (old is None or catalog.is_profile(old)) and (
                new is None or catalog.is_profile(new)
            ):
                lines = [f"diff --roles a/{old_path} b/{new_path}", *header]
                return DriverResult(
                    lines, diff_roles(_or_empty(old, new), _or_empty(new, old), literal=literal)
                )
    lines = [f"diff --git a/{old_path} b/{new_path}", *header]
    return DriverResult(plain=lines + _plain(args, old_path, new_path, catalog.max_bytes))


def _mode_lines(args: DriverArgs) -> list[str]:
    """git's extended header lines: file mode, rename lines (git's own), the index line."""
    if args.header.strip():  # a rename: git wrote these lines itself, the index line too
        return [line for line in args.header.split("\n") if line.strip()]
    mode = ""
    if args.added:
        lines = [f"new file mode {args.new_mode}"]
    elif args.deleted:
        lines = [f"deleted file mode {args.old_mode}"]
    elif args.old_mode != args.new_mode:
        lines = [f"old mode {args.old_mode}", f"new mode {args.new_mode}"]
    else:
        lines, mode = [], f" {args.new_mode}"
    old_hex = "0" * 7 if args.added else args.old_hex[:7]
    new_hex = "0" * 7 if args.deleted else args.new_hex[:7]
    return [*lines, f"index {old_hex}..{new_hex}{mode}"]


def _may_be_role(args: DriverArgs, catalog: Catalog) -> bool:
    if args.old_mode in _NOT_FILES or args.new_mode in _NOT_FILES:
        return False
    for path in {args.path, args.new_path or args.path}:
        if not is_role_name(PurePosixPath(path).name):
            return False
        if catalog.profiles.paths:
            rel = relative_to(Path(path).absolute(), Path(catalog.root).absolute())
            if not catalog.profiles.path_selects(rel):
                return False
    return True


def _role(file: str, path: str, catalog: Catalog, side: str) -> Role:
    """The role in git's copy `file` of `path`: named by the path, so its id is the path's
    (relative to the catalog folder, as Docusaurus makes ids; git runs us at the top)."""
    named = Path(path)
    source = decode(named, read_bytes(Path(file), max_bytes=catalog.max_bytes))
    relative = docs_relative(named, catalog.root)
    if named.suffix.lower() in YAML_SUFFIXES:
        role = parse_yaml_role(source, relative=relative).role
    else:
        role = parse_markdown(source, vocabulary=catalog.vocabulary, relative=relative).role
    role.source = f"{side}/{path}"
    return role


def _or_empty(role: Role | None, other: Role | None) -> Role:
    """A side that does not exist, as a role with nothing in it (everything is added)."""
    if role is not None:
        return role
    assert other is not None
    return Role(id=other.id, name=other.name, article=other.article, source=ABSENT)


def _plain(args: DriverArgs, old_path: str, new_path: str, limit: int) -> list[str]:
    """A unified diff of the two files' text, as `git diff` prints one."""
    old_name = ABSENT if args.added else f"a/{old_path}"
    new_name = ABSENT if args.deleted else f"b/{new_path}"
    try:
        old = b"" if args.added else read_bytes(Path(args.old_file), max_bytes=limit)
        new = b"" if args.deleted else read_bytes(Path(args.new_file), max_bytes=limit)
    except RoleError as exc:
        return [f"Files {old_name} and {new_name} differ ({exc.message})"]
    if b"\0" in old or b"\0" in new:
        return [f"Binary files {old_name} and {new_name} differ"]
    old_lines = old.decode("utf-8", "replace").splitlines()
    new_lines = new.decode("utf-8", "replace").splitlines()
    body = difflib.unified_diff(old_lines, new_lines, old_name, new_name, lineterm="")
    return list(body)
