"""What changed between two catalogs: roles added, removed, renamed or changed, as data.

A reviewer asks "what did this pull request change in our roles?". The answer pairs the roles
of two snapshots (`gitcatalog`) the way a person would: the same id is the same role; then
the same file; then a file git saw renamed (`git mv` with edits); then the same name. Each
pair is compared with `diff.diff_roles`, the differ of `roles diff`, so a changed role reads
here exactly as `roles diff OLD NEW` shows it. Ids are opaque strings: only compared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from roledeck.diff import RoleDiff, diff_roles
from roledeck.errors import RoleError
from roledeck.gitcatalog import (
    Entry,
    Snapshot,
    Workspace,
    snapshot_at,
    snapshot_of_work_tree,
)
from roledeck.gitrepo import split_range
from roledeck.model import Role, content_of

Status = Literal["added", "removed", "renamed", "changed"]
MatchedBy = Literal["id", "path", "git-rename", "name"]
Side = Literal["old", "new"]

STATUSES: tuple[Status, ...] = ("added", "removed", "renamed", "changed")
"""The kinds of change, in the order every report lists them."""


@dataclass(frozen=True)
class RoleChange:
    """One role that is not the same on both sides.

    `renamed` means its id or its file changed (with or without edits: `diff` says which);
    `changed` means the same id in the same file, with a semantic difference.
    """

    status: Status
    old: Role | None
    new: Role | None
    old_path: str | None
    new_path: str | None
    matched_by: MatchedBy | None = None
    diff: RoleDiff | None = None

    @property
    def id(self) -> str:
        role = self.new or self.old
        return role.id if role is not None else ""


@dataclass(frozen=True)
class Problem:
    """A file that could not be read on one side; `other` is the role it holds on the other
    side, if any (that role is then neither added nor removed: it could not be compared)."""

    side: Side
    error: RoleError
    path: str | None = None
    other: Role | None = None


@dataclass
class Changes:
    """The comparison of two catalogs."""

    old_label: str
    new_label: str
    old_commit: str | None
    new_commit: str | None
    roles: list[RoleChange] = field(default_factory=list)
    unchanged: int = 0
    spec: str | None = None
    """What was asked for (`main...HEAD`), for headings; None when compared directly."""
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many roles of each status, in `STATUSES` order, and the unchanged ones."""
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for change in self.roles:
            counts[change.status] += 1
        return {**counts, "unchanged": self.unchanged}

    @property
    def differs(self) -> bool:
        return bool(self.roles)


def catalog_changes(ws: Workspace, spec: str | None, *, literal: bool = False) -> Changes:
    """`roles changes SPEC`: `REV` (against the work tree), `A..B`, or `A...B` (from their
    merge base, as a pull request shows it); no SPEC is HEAD against the work tree."""
    text = spec or "HEAD"
    old_rev, new_rev, merge_base = split_range(text)
    repo = ws.repo
    old_commit = repo.commit(old_rev)
    new_commit = repo.commit(new_rev) if new_rev is not None else None
    if merge_base and new_commit is not None:
        old_commit = repo.merge_base(old_commit, new_commit, text)
        old_rev = old_commit[:12]
    old = snapshot_at(ws, old_rev, old_commit)
    new = snapshot_of_work_tree(ws) if new_rev is None else snapshot_at(ws, new_rev, new_commit)
    prefixes = list(dict.fromkeys([old.prefix, new.prefix]))
    renames = repo.renames(old_commit, new_commit, prefixes, text)
    result = compare(old, new, renames, literal=literal)
    result.spec = text
    return result


def compare(
    old: Snapshot, new: Snapshot, renames: dict[str, str], *, literal: bool = False
) -> Changes:
    """Pair the roles of `old` and `new` and compare each pair.

    `renames` is git's rename detection between the two sides (old path -> new path).
    """
    result = Changes(old.label, new.label, old.commit, new.commit)
    olds = [e for e in old.entries if e.role is not None]
    news = [e for e in new.entries if e.role is not None]
    pairs = _pair(olds, news, renames)
    paired_old = {id(a) for a, _, _ in pairs}
    paired_new = {id(b) for _, b, _ in pairs}
    for a, b, how in pairs:
        change = _compared(a, b, how, literal=literal)
        if change is None:
            result.unchanged += 1
        else:
            result.roles.append(change)
    broken_old = {e.path: e for e in old.entries if e.error is not None}
    broken_new = {e.path: e for e in new.entries if e.error is not None}
    shadowed: dict[int, Role] = {}
    back = {target: source for source, target in renames.items()}
    for entry in olds:
        if id(entry) in paired_old:
            continue
        hit = broken_new.get(entry.path) or broken_new.get(renames.get(entry.path, ""))
        if hit is not None:
            shadowed[id(hit)] = _role(entry)
        else:
            result.roles.append(RoleChange("removed", entry.role, None, entry.path, None))
    for entry in news:
        if id(entry) in paired_new:
            continue
        hit = broken_old.get(entry.path) or broken_old.get(back.get(entry.path, ""))
        if hit is not None:
            shadowed[id(hit)] = _role(entry)
        else:
            result.roles.append(RoleChange("added", None, entry.role, None, entry.path))
    sides: tuple[tuple[Side, Snapshot], ...] = (("old", old), ("new", new))
    for side, snapshot in sides:
        result.problems += [Problem(side, error) for error in snapshot.problems]
        result.problems += [
            Problem(side, entry.error, entry.path, shadowed.get(id(entry)))
            for entry in snapshot.entries
            if entry.error is not None
        ]
    order = {status: index for index, status in enumerate(STATUSES)}
    result.roles.sort(key=lambda c: (order[c.status], c.id, c.new_path or c.old_path or ""))
    return result


def _role(entry: Entry) -> Role:
    assert entry.role is not None
    return entry.role


def _pair(
    olds: list[Entry], news: list[Entry], renames: dict[str, str]
) -> list[tuple[Entry, Entry, MatchedBy]]:
    """Old and new entries that are one role: by id, path, git's renames, then name.

    Each step pairs only what is still unpaired, and only when the key is unique on both
    sides (two files with one id are not guessed between).
    """
    pairs: list[tuple[Entry, Entry, MatchedBy]] = []
    left_old, left_new = list(olds), list(news)
    Key = Callable[[Entry], str | None]

    def by(old_key: Key, new_key: Key, how: MatchedBy) -> None:
        nonlocal left_old, left_new
        new_keys = _unique(new_key, left_new)
        done_old: set[int] = set()
        done_new: set[int] = set()
        for k, a in _unique(old_key, left_old).items():
            b = new_keys.get(k)
            if b is not None:
                pairs.append((a, b, how))
                done_old.add(id(a))
                done_new.add(id(b))
        left_old = [e for e in left_old if id(e) not in done_old]
        left_new = [e for e in left_new if id(e) not in done_new]

    def role_id(entry: Entry) -> str:
        return _role(entry).id

    def path(entry: Entry) -> str:
        return entry.path

    def name(entry: Entry) -> str:
        return _role(entry).name.casefold()

    by(role_id, role_id, "id")
    by(path, path, "path")
    by(lambda e: renames.get(e.path), path, "git-rename")
    by(name, name, "name")
    position = {id(e): i for i, e in enumerate(olds)}
    pairs.sort(key=lambda p: position[id(p[0])])
    return pairs


def _unique(key: Callable[[Entry], str | None], entries: list[Entry]) -> dict[str, Entry]:
    seen: dict[str, Entry] = {}
    twice: set[str] = set()
    for entry in entries:
        k = key(entry)
        if k is None:
            continue
        if k in seen:
            twice.add(k)
        seen[k] = entry
    return {k: e for k, e in seen.items() if k not in twice}


def _compared(a: Entry, b: Entry, how: MatchedBy, *, literal: bool) -> RoleChange | None:
    old, new = _role(a), _role(b)
    same_place = old.id == new.id and a.path == b.path
    if same_place and content_of(old) == content_of(new):
        return None  # most roles of a change: equal content cannot differ, skip the differ
    diff = diff_roles(old, new, literal=literal)
    if not same_place:
        return RoleChange("renamed", old, new, a.path, b.path, how, diff)
    if diff.equal:
        return None
    return RoleChange("changed", old, new, a.path, b.path, how, diff)
