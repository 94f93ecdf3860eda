"""Where role files are, which role a name means, and loading them.

The catalog folder is `--roles-dir`, else `$ROLES_DIR`, else `./roles` if it exists, else the
catalog bundled in the package. Discovery never follows a symlink out of the catalog or into a
loop, and a NAME never resolves to a file outside it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from roledeck.config import ProfilesConfig
from roledeck.docids import doc_id
from roledeck.errors import RoleError
from roledeck.model import Role
from roledeck.parse import ROLE_SUFFIXES, Document, load_document
from roledeck.profiles import is_profile
from roledeck.resolve import resolve_among, resolve_loaded, resolve_name, role_alias
from roledeck.source import DEFAULT_MAX_BYTES
from roledeck.vocabulary import DEFAULT_VOCABULARY, Vocabulary
from roledeck.workers import ordered_results

if TYPE_CHECKING:
    from roledeck.nameindex import IndexedNames
    from roledeck.summary import RoleSummary

BUNDLED = Path(__file__).parent / "_catalog"
"""The repository's roles/, shipped inside the wheel."""

_SKIPPED_DIRS = {"node_modules", "build", "__pycache__"}

INDEX_FROM = 32
"""Catalogs with fewer role files resolve names and list summaries by parsing them all: an
index would cost more than it saves (`roledeck.nameindex`)."""


def bundled_catalog() -> Path:
    """The bundled catalog (in a source checkout, the repository's roles/)."""
    if BUNDLED.is_dir():
        return BUNDLED
    return Path(__file__).resolve().parents[2] / "roles"


def locate(roles_dir: str | Path | None) -> tuple[Path, str]:
    """The catalog folder and how it was chosen (for messages and `--verbose`)."""
    if roles_dir:
        path = Path(roles_dir)
        if not path.is_dir():
            raise RoleError(f"roles directory not found: {path}", code="IO001")
        return path, "--roles-dir"
    env = os.environ.get("ROLES_DIR")
    if env:
        path = Path(env)
        if not path.is_dir():
            raise RoleError(f"ROLES_DIR is not a directory: {path}", code="IO001")
        return path, "ROLES_DIR"
    local = Path("roles")
    if local.is_dir():
        return local, "./roles"
    return bundled_catalog(), "bundled"


def is_role_file(path: Path) -> bool:
    """Markdown or YAML, and not a Docusaurus partial or config file (`_x.md`, tags.yml)."""
    return is_role_name(path.name)


def is_role_name(name: str) -> bool:
    """`is_role_file` on a file name (no `Path` per directory entry when walking a catalog)."""
    return (
        name.lower().endswith(ROLE_SUFFIXES)
        and not name.startswith(("_", "."))
        and name not in ("tags.yml", "tags.yaml")
    )


def discover(root: Path) -> list[Path]:
    """Role files below `root`, sorted, following symlinks only inside `root`, once each."""
    return [Path(file) for file in discover_files(root)]


def discover_files(root: Path) -> list[str]:
    """`discover`, as text: lint keeps 10,000 names for a whole run, not 10,000 Paths."""
    found: list[str] = []
    _walk(root, Path(os.path.realpath(root)), set(), found)
    return found


def _walk(folder: Path, root_real: Path, seen_dirs: set[str], found: list[str]) -> None:
    # a module-level function, not a closure: a recursive closure is a reference cycle that
    # keeps the whole list of found paths alive until the garbage collector comes round
    real = os.path.realpath(folder)
    if real in seen_dirs or not _inside(real, root_real):
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=True):
                if not entry.name.startswith((".", "_")) and entry.name not in _SKIPPED_DIRS:
                    _walk(Path(entry.path), root_real, seen_dirs, found)
            elif is_role_name(entry.name):
                if entry.is_symlink() and not _inside(os.path.realpath(entry.path), root_real):
                    continue
                found.append(entry.path)
        except OSError:
            # a symlink loop, or a link whose target cannot be examined: reading the file
            # reports what is wrong with it, rather than it silently missing from the list
            if is_role_name(entry.name) and _inside(os.path.realpath(entry.path), root_real):
                found.append(entry.path)


def explicit_path_problem(path: Path, root: Path) -> str | None:
    """Why a file named on the command line must not be read, if it must not.

    Symlinks are not followed out of the catalog here either: a link given as a path, or a
    path inside the catalog, must resolve inside it (a pull request can add
    `roles/x.md -> ~/.ssh/id_rsa`). And only role files are read (`/etc/passwd` is not one).
    """
    if path.suffix.lower() not in ROLE_SUFFIXES:
        return f"not a role file ({', '.join(ROLE_SUFFIXES)}): not read"
    named_inside = _inside(_lexical(path), _lexical(root))
    if (path.is_symlink() or named_inside) and not _inside(
        os.path.realpath(path), Path(os.path.realpath(root))
    ):
        return "resolves outside the catalog through a symlink: not followed"
    return None


def _lexical(path: Path) -> Path:
    """The absolute path as written, `..` removed, symlinks not resolved."""
    return Path(os.path.normpath(path.absolute()))


def relative_to(path: Path, root: Path) -> str:
    """`path` relative to `root` in POSIX form (the form profile globs are written in)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, root)).as_posix()


def docs_relative(path: str | Path, root: Path | None) -> str | None:
    """`path` relative to the docs root `root`, if it is inside it (what its id is made of).

    Lexical (symlinks not resolved), on text: asked once per file of the catalog.
    """
    if root is None:
        return None
    full = os.path.abspath(path)  # noqa: PTH100 (text, not a Path per file)
    base = os.path.join(os.path.abspath(root), "")  # noqa: PTH100, PTH118 (a final separator)
    if not full.startswith(base):
        return None
    return full[len(base) :].replace(os.sep, "/") or None


def _inside(real: str | Path, root_real: Path) -> bool:
    try:
        Path(real).relative_to(root_real)
    except ValueError:
        return False
    return True


@dataclass
class Catalog:
    """The role files of one folder, loaded on demand."""

    root: Path
    origin: str = "--roles-dir"
    vocabulary: Vocabulary = DEFAULT_VOCABULARY
    max_bytes: int = DEFAULT_MAX_BYTES
    profiles: ProfilesConfig = field(default_factory=ProfilesConfig)
    """Which files of a mixed docs folder are role profiles (default: all role files)."""
    name_index: bool = True
    """Whether `resolve` may look names up in the name index instead of parsing every file."""
    _seen: tuple[list[str], list[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _table: tuple[IndexedNames, list[RoleError]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def files(self) -> list[Path]:
        """Role files below the root whose path the profile selector admits (`is_profile`)."""
        found = discover(self.root)
        if not self.profiles.paths:
            return found
        return [p for p in found if is_profile(self.profiles, relative_to(p, self.root))]

    def _listed(self) -> tuple[list[str], list[str]]:
        """`files()` as text, and each one's path relative to the root (POSIX form).

        Text, not `Path`s: resolving a name in 10,000 files must not build 10,000 objects.
        """
        found = discover_files(self.root)
        start = len(os.path.join(str(self.root), ""))  # noqa: PTH118 (how the walk joins names)
        relatives = [f[start:] for f in found]
        if os.sep != "/":
            relatives = [r.replace(os.sep, "/") for r in relatives]
        if not self.profiles.paths:
            return found, relatives
        kept = [i for i, rel in enumerate(relatives) if is_profile(self.profiles, rel)]
        return [found[i] for i in kept], [relatives[i] for i in kept]

    def load(self, path: Path) -> Document:
        return load_document(
            path,
            vocabulary=self.vocabulary,
            max_bytes=self.max_bytes,
            relative=docs_relative(path, self.root),
        )

    def is_profile(self, role: Role) -> bool:
        """Whether a role read from `files()` is a profile (its path was checked there)."""
        return is_profile(self.profiles, None, role.frontmatter.tag_labels)

    def roles(self) -> Iterator[Role]:
        """Every role profile, in path order; the first unreadable file raises `RoleError`."""
        for path in self.files():
            role = self.load(path).role
            if self.is_profile(role):
                yield role

    def load_all(self) -> tuple[list[Role], list[RoleError]]:
        """Every readable role profile, and the errors of the files that cannot be read.

        A broken file is always reported, selected or not: it breaks the docs build whatever
        it is.
        """
        roles: list[Role] = []
        errors: list[RoleError] = []
        for item in self.each():
            if isinstance(item, RoleError):
                errors.append(item)
            else:
                roles.append(item)
        return roles, errors

    def each(self) -> Iterator[Role | RoleError]:
        """Each role profile, or the error of a file that cannot be read, one at a time.

        For commands that keep a little of each role: memory stays flat.
        """
        for path in self.files():
            item = read_profile(
                path,
                vocabulary=self.vocabulary,
                max_bytes=self.max_bytes,
                profiles=self.profiles,
                root=self.root,
            )
            if item is not None:
                yield item

    def summaries(self) -> list[RoleSummary | RoleError]:
        """`each()` as summaries, in path order, parsed in worker processes when there are many.

        Parsing is most of `roles list`; only the small summaries travel back between
        processes, not the parsed roles. In a catalog of `INDEX_FROM` files or more they come
        from the name index, which parses only the files changed since it was written.
        """
        return list(self.iter_summaries())

    def iter_summaries(self) -> Iterator[RoleSummary | RoleError]:
        """`summaries()` one at a time, as the workers answer: `roles browse` shows the
        first rows while the rest are still being parsed (all at once from a warm index).

        Each call walks the folder again (browse reads the catalog again when it changed).
        """
        files, relatives = self._listed() if self.name_index else ([], [])
        if self.name_index and len(files) >= INDEX_FROM:
            from roledeck.nameindex import Scan, summaries_of

            scanning = Scan(
                self.root,
                files,
                relatives,
                vocabulary=self.vocabulary,
                max_bytes=self.max_bytes,
                summaries=True,
            )
            yield from summaries_of(scanning, self.profiles)
            return
        summarize = partial(
            summarize_profile,
            vocabulary=self.vocabulary,
            max_bytes=self.max_bytes,
            profiles=self.profiles,
            root=self.root,
        )
        for item in ordered_results(summarize, self.files()):  # a small catalog: walked again
            if item is not None:
                yield item

    def resolve(self, name: str) -> Role:
        """The role a user means by `name` (see `resolve_name`).

        A file whose path gives the id asked for is tried first, so the common case reads one
        file; a broken file elsewhere in the catalog only matters when the name is not found.
        Any other name is looked up in the name index (`roledeck.nameindex`), which parses
        only the files changed since it was written: the answer is the one a scan of every
        file gives (`resolve_loaded` on `load_all`), which is what it falls back to if the
        file it finds changed meanwhile.
        """
        path = self.explicit_path(name)
        if path is not None:
            return self.load(path).role
        files, relatives = self._snapshot()
        # the id a path gives ends with the file's stem, which a "." follows: only such files
        probe = name.rsplit("/", 1)[-1] + "."
        for at in [i for i, relative in enumerate(relatives) if probe in relative]:
            if doc_id(relatives[at], None) == name:
                try:
                    role = self.load(Path(files[at])).role
                except RoleError:
                    break
                if role.id == name and self.is_profile(role):
                    return role
                break
        if not self.name_index or len(files) < INDEX_FROM:
            return resolve_loaded(name, *self.load_all())
        table, errors = self._names()
        found = resolve_among(name, table, errors)
        try:
            chosen: Role | None = self.load(Path(files[found])).role
        except RoleError:
            chosen = None
        if (
            chosen is None
            or (chosen.id, chosen.name, role_alias(chosen)) != table.names_of(found)
            or not self.is_profile(chosen)
        ):
            return resolve_loaded(name, *self.load_all())  # it changed since: read them all
        return chosen

    def _snapshot(self) -> tuple[list[str], list[str]]:
        """The catalog's files as this catalog first saw them when resolving names: one
        command resolving two names (`roles diff A B`) walks the folder once."""
        if self._seen is None:
            self._seen = self._listed()
        return self._seen

    def _names(self) -> tuple[IndexedNames, list[RoleError]]:
        """The names of the catalog's profiles, by file index, and its unreadable files."""
        if self._table is None:
            from roledeck.nameindex import IndexedNames, scan

            files, relatives = self._snapshot()
            rows = scan(
                self.root,
                files,
                relatives,
                vocabulary=self.vocabulary,
                max_bytes=self.max_bytes,
                tags=bool(self.profiles.tags),
            )
            self._table = (
                IndexedNames.profiles_in(rows, self.profiles),
                [rows.errors[i] for i in sorted(rows.errors)],
            )
        return self._table

    def profile_ids(self) -> list[str]:
        """The ids of the catalog's readable profiles (shell completion), from the index."""
        if not self.name_index or len(self._snapshot()[0]) < INDEX_FROM:
            return [role.id for role in self.load_all()[0]]
        return list(self._names()[0].ids)

    def resolve_among(self, name: str, roles: list[Role], errors: list[RoleError]) -> Role:
        """`name` as `resolve` reads it, among roles already loaded (`load_all`)."""
        path = self.explicit_path(name)
        if path is not None:
            return self.load(path).role
        return resolve_loaded(name, roles, errors)

    def explicit_path(self, name: str) -> Path | None:
        """`name` as a path to an existing role file, if it is one (anywhere on disk).

        A path is taken only when the user clearly gave one (a separator or a role-file
        suffix) and it is an existing role file; it never reaches outside through a NAME.
        Symlinks are not followed out of the catalog here either: a link given as a path, or
        a path inside the catalog, must resolve inside it.
        """
        looks_like_path = os.sep in name or "/" in name or name.lower().endswith(ROLE_SUFFIXES)
        if not looks_like_path:
            return None
        path = _existing_file(Path(name))
        if path is None and not Path(name).is_absolute():
            # a path from the catalog folder ("engineering/backend/lead.md"), never out of it
            inside = self.root / name
            if _inside(_lexical(inside), _lexical(self.root)):
                path = _existing_file(inside)
        if path is None or not is_role_file(path):
            return None
        problem = explicit_path_problem(path, self.root)
        if problem:
            raise RoleError(problem, path=path, code="IO001")
        return path


def _existing_file(path: Path) -> Path | None:
    try:
        # a broken link or a FIFO is taken too, so that reading it says what is wrong
        exists = path.is_symlink() or (path.exists() and not path.is_dir())
    except (OSError, ValueError):  # an over-long name, a NUL byte
        return None
    return path if exists else None


def read_profile(
    path: Path,
    *,
    vocabulary: Vocabulary,
    max_bytes: int,
    profiles: ProfilesConfig,
    root: Path | None = None,
) -> Role | RoleError | None:
    """One file's role, its error, or None when it is not a role profile (`Catalog.each`).

    `root` is the docs root the role's id is relative to.
    """
    try:
        role = load_document(
            path, vocabulary=vocabulary, max_bytes=max_bytes, relative=docs_relative(path, root)
        ).role
    except RoleError as exc:
        return exc
    return role if is_profile(profiles, None, role.frontmatter.tag_labels) else None


def summarize_profile(
    path: Path,
    *,
    vocabulary: Vocabulary,
    max_bytes: int,
    profiles: ProfilesConfig,
    root: Path | None = None,
) -> RoleSummary | RoleError | None:
    """`read_profile` as a summary; module-level so that worker processes can run it."""
    from roledeck.summary import summary  # only `roles list` and `browse` summarize

    item = read_profile(
        path, vocabulary=vocabulary, max_bytes=max_bytes, profiles=profiles, root=root
    )
    return summary(item) if isinstance(item, Role) else item


__all__ = ["Catalog", "resolve_name", "role_alias"]  # resolution: roledeck.resolve
