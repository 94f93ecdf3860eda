"""The catalog as it was at a git revision: its roles folder, configuration and vocabulary.

`roles changes` compares two such catalogs and `roles diff NAME@REV` looks a name up in one.
Both must see what a checkout of the revision would: the role files of the catalog folder as
they were, parsed with the configuration (profiles, vocabulary, size limit) as it was, the
configuration file itself read from the revision. Nothing is checked out: blobs are read from
git's objects, and a file that cannot be read is one error among the roles, never fatal.
"""

from __future__ import annotations

import os
import posixpath
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from roledeck.catalog import _SKIPPED_DIRS, Catalog, is_role_name, read_profile, resolve_name
from roledeck.config import CONFIG_NAMES, Config
from roledeck.errors import RoleError
from roledeck.gitrepo import BlobReader, Repo, TreeEntry
from roledeck.model import Role
from roledeck.parse import YAML_SUFFIXES, parse_markdown, parse_yaml_role
from roledeck.source import decode

WORK_TREE = "work tree"
"""The label of the side read from disk."""

_SYMLINK = "120000"


@dataclass(frozen=True, slots=True)
class Entry:
    """One role file of a catalog: its path in the repository, and its role or its error."""

    path: str
    role: Role | None = None
    error: RoleError | None = None


@dataclass
class Snapshot:
    """A catalog on one side of a comparison: at a revision, or the work tree."""

    label: str
    commit: str | None
    entries: list[Entry] = field(default_factory=list)
    problems: list[RoleError] = field(default_factory=list)
    """What went wrong outside the role files (the configuration at the revision)."""
    prefix: str = ""
    """The catalog folder, relative to the top of the work tree."""

    @property
    def roles(self) -> list[Role]:
        return [e.role for e in self.entries if e.role is not None]

    @property
    def errors(self) -> list[RoleError]:
        return self.problems + [e.error for e in self.entries if e.error is not None]


@dataclass
class Workspace:
    """The catalog in force now, and where its configuration came from.

    A revision is read against it: the same catalog folder (or the one the revision's
    configuration names, when the folder comes from the configuration), and the same
    configuration file, as it was.
    """

    catalog: Catalog
    config: Config = field(default_factory=Config)
    config_path: Path | None = None
    """`--config` as given (None: the nearest config file, found walking up)."""
    _repo: Repo | None = field(default=None, repr=False)

    @property
    def repo(self) -> Repo:
        if self._repo is None:
            self._repo = Repo.find(Path(self.catalog.root), str(self.catalog.root))
        return self._repo

    def root_path(self) -> str:
        """The catalog folder relative to the top of the work tree."""
        rel = self.repo.relative(Path(self.catalog.root), folder=True)
        if rel is None:
            raise RoleError("not in the git work tree", path=self.catalog.root, code="USAGE")
        return rel


def snapshot_at(ws: Workspace, rev: str, commit: str | None = None) -> Snapshot:
    """Every role profile of the catalog at revision `rev`, and every file that failed."""
    repo = ws.repo
    commit = commit or repo.commit(rev)
    snapshot = Snapshot(rev, commit)
    with BlobReader(repo, rev) as reader:
        reading = _Reading(ws, reader, rev, commit, snapshot.problems)
        snapshot.prefix = reading.prefix
        for entry in reading.files():
            item = reading.read(entry)
            if item is not None:
                snapshot.entries.append(item)
    return snapshot


def snapshot_of_work_tree(ws: Workspace) -> Snapshot:
    """The catalog as it is on disk (untracked files too), with each file's repository path."""
    catalog, repo = ws.catalog, ws.repo
    snapshot = Snapshot(WORK_TREE, None, prefix=ws.root_path())
    for path in catalog.files():
        item = read_profile(
            path,
            vocabulary=catalog.vocabulary,
            max_bytes=catalog.max_bytes,
            profiles=catalog.profiles,
            root=catalog.root,  # ids relative to the catalog folder, as at every revision
        )
        if item is None:
            continue
        where = repo.relative(path) or str(path)
        if isinstance(item, RoleError):
            snapshot.entries.append(Entry(where, error=item))
        else:
            snapshot.entries.append(Entry(where, role=item))
    return snapshot


def resolve_at(ws: Workspace, name: str, rev: str) -> Role:
    """The role `name` means in the catalog at `rev` (`roles diff NAME@REV`).

    A name the revision does not have is looked up in the work tree and followed back through
    git's rename detection: after `git mv sre.md site-reliability.md`, `site-reliability@HEAD`
    is sre.md as HEAD has it. A name found in neither is the revision's "no such role", with
    suggestions from the revision's catalog.
    """
    repo = ws.repo
    commit = repo.commit(rev, f"{name}@{rev}")
    with BlobReader(repo, rev) as reader:
        reading = _Reading(ws, reader, rev, commit, [])
        files = reading.files()
        for entry in files:  # the common case: a file named after the role, read alone
            if PurePosixPath(entry.path).stem == name:
                item = reading.read(entry)
                if item is not None and item.role is not None and item.role.id == name:
                    return item.role
        items = [i for i in (reading.read(e) for e in files) if i is not None]
        roles = [i.role for i in items if i.role is not None]
        errors = reading.problems + [i.error for i in items if i.error is not None]
        try:
            return resolve_name(name, roles)
        except RoleError as exc:
            if not exc.message.startswith("no such role"):
                raise
            followed = _follow_rename(ws, name, commit, items)
            if followed is not None:
                return followed
            exc.path = exc.path or f"{name}@{rev}"
            if errors:
                exc.message += f"; {len(errors)} file(s) could not be read, first: {errors[0]}"
            raise


def _follow_rename(ws: Workspace, name: str, commit: str, items: list[Entry]) -> Role | None:
    """The role at the revision that git says became the work tree's role `name`."""
    try:
        now = ws.catalog.resolve(name)
    except RoleError:
        return None
    if now.source is None:
        return None
    path = ws.repo.relative(Path(now.source))
    if path is None:
        return None
    renamed = ws.repo.renames(commit, None, [ws.root_path()], now.source)
    before = {new: old for old, new in renamed.items()}.get(path)
    return next((i.role for i in items if i.path == before and i.role is not None), None)


class _Reading:
    """Reading one revision: its configuration, then its role files, through one reader."""

    def __init__(
        self,
        ws: Workspace,
        reader: BlobReader,
        rev: str,
        commit: str,
        problems: list[RoleError],
    ) -> None:
        self.ws, self.reader, self.rev, self.commit = ws, reader, rev, commit
        self.problems = problems
        self.config, config_dir = self._config()
        self.now_prefix = ws.root_path()
        self.prefix = self.now_prefix
        if ws.catalog.origin == "config" and self.config.roles_dir and config_dir is not None:
            joined = posixpath.normpath(posixpath.join(config_dir, self.config.roles_dir))
            self.prefix = "" if joined == "." else joined
        self.vocabulary = self.config.vocab
        self.profiles = self.config.profiles

    # -- configuration -------------------------------------------------------------------

    def _config(self) -> tuple[Config, str | None]:
        """The configuration at the revision, and the folder of its file (repository path).

        A config file outside the repository has no revision: it is used as it is now. An
        explicit `--config` missing at the revision is used as it is now too (it was asked
        for); otherwise the nearest config file at the revision is looked for as `roles`
        looks for one on disk, from the working directory up to the top of the work tree.
        """
        ws, repo = self.ws, self.ws.repo
        now = ws.config
        if ws.config_path is not None:
            rel = repo.relative(ws.config_path)
            if rel is None:
                return now, None
            found = self._config_file(rel)
            return (found, posixpath.dirname(rel)) if found is not None else (now, None)
        if now.source is not None and repo.relative(Path(now.source)) is None:
            return now, None
        start = repo.relative(Path.cwd(), folder=True)
        if start is None:
            return Config(), None
        folders = [start]
        while folders[-1]:
            parent = posixpath.dirname(folders[-1])
            folders.append("" if parent in (".", "/") else parent)
        for folder in folders:
            for name in CONFIG_NAMES:
                found = self._config_file(posixpath.join(folder, name) if folder else name)
                if found is not None:
                    return found, folder
        return Config(), None

    def _config_file(self, rel: str) -> Config | None:
        """The configuration a file holds at the revision; None if it is absent or has none."""
        data = self.reader.read(f"{self.commit}:{rel}")
        if data is None:
            return None
        label = f"{rel}@{self.rev}"
        try:
            table: object = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
            reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
            self.problems.append(RoleError(f"invalid TOML: {reason}", path=label, code="IO001"))
            return Config()
        if posixpath.basename(rel) != "roles.toml":
            tool = table.get("tool") if isinstance(table, dict) else None
            if not (isinstance(tool, dict) and "roles" in tool):
                return None
            table = tool["roles"]
        try:
            return Config.model_validate(table)
        except ValidationError as exc:
            first = exc.errors(include_url=False, include_input=False)[0]
            key = ".".join(str(p) for p in first["loc"]) or "(top)"
            message = f"bad configuration at '{key}': {first['msg']}"
            self.problems.append(RoleError(message, path=label, code="IO001"))
            return Config()

    # -- role files ----------------------------------------------------------------------

    def files(self) -> list[TreeEntry]:
        """The role files of the catalog folder at the revision, as discovery would find them.

        Folders starting with '.' or '_' and build folders are skipped; a symlink is followed
        only to a file inside the catalog folder; the path globs of `[tool.roles.profiles]`
        are applied before anything is read.
        """
        listing = self.ws.repo.tree(self.commit, self.prefix, self.rev)
        by_path = {e.path: e for e in listing if e.size is not None}
        chosen: list[TreeEntry] = []
        for entry in listing:
            rel = self._inside(entry.path)
            if rel is None or entry.size is None or not self._discoverable(rel):
                continue
            if not self.profiles.path_selects(rel):
                continue
            if entry.mode == _SYMLINK:
                target = self._link_target(entry, by_path)
                if target is None:
                    continue
                entry = TreeEntry(target.mode, target.oid, target.size, entry.path)
            chosen.append(entry)
        return chosen

    def _inside(self, path: str) -> str | None:
        if not self.prefix:
            return path
        if path.startswith(self.prefix + "/"):
            return path[len(self.prefix) + 1 :]
        return None

    @staticmethod
    def _discoverable(rel: str) -> bool:
        *folders, name = rel.split("/")
        if any(f.startswith((".", "_")) or f in _SKIPPED_DIRS for f in folders):
            return False
        return is_role_name(name)

    def _link_target(self, link: TreeEntry, by_path: dict[str, TreeEntry]) -> TreeEntry | None:
        data = self.reader.read(link.oid)
        if data is None:
            return None
        target = data.decode("utf-8", "surrogateescape")
        if target.startswith("/"):
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(link.path), target))
        found = by_path.get(resolved)
        if found is None or found.mode == _SYMLINK or self._inside(resolved) is None:
            return None
        return found

    def read(self, entry: TreeEntry) -> Entry | None:
        """One file's role, or its error; None when it is not a role profile (tags)."""
        label = f"{self.display(entry.path)}@{self.rev}"
        limit = self.config.max_file_size
        if entry.size is not None and entry.size > limit:
            return Entry(
                entry.path,
                error=RoleError(
                    f"file is {entry.size:,} bytes, over the {limit:,}-byte limit "
                    "(raise max-file-size in the config to read it)",
                    path=label,
                    code="IO002",
                ),
            )
        data = self.reader.read(entry.oid)
        if data is None:
            return Entry(entry.path, error=RoleError("cannot read the file", path=label))
        try:
            role = parse_blob(
                Path(self.display(entry.path)), data, self, relative=self._inside(entry.path)
            )
        except RoleError as exc:
            exc.path = label  # the file as it was, not the one in the work tree
            return Entry(entry.path, error=exc)
        if not self.profiles.tags_select(role.frontmatter.tag_labels):
            return None
        role.source = label
        return Entry(entry.path, role=role)

    def display(self, path: str) -> str:
        """A repository path as the user sees paths: under the catalog folder as given."""
        rel = self._inside(path)
        if rel is not None and self.prefix == self.now_prefix:
            return str(Path(self.ws.catalog.root) / rel)
        full = self.ws.repo.top / path
        shown = os.path.relpath(full)
        return full.as_posix() if shown.startswith("..") else Path(shown).as_posix()


def parse_blob(path: Path, data: bytes, reading: _Reading, *, relative: str | None = None) -> Role:
    """A role file's bytes as `Role`, shown as `path`; its id is made of `relative`, the
    file's path inside the catalog folder at that revision (`docids.doc_id`), as in the
    work tree.

    The one place a revision's file becomes a role, so that the id rule of the work tree
    (`catalog`) applies here too.
    """
    source = decode(path, data)
    if path.suffix.lower() in YAML_SUFFIXES:
        return parse_yaml_role(source, relative=relative).role
    return parse_markdown(source, vocabulary=reading.vocabulary, relative=relative).role
