"""The name index: what resolving a NAME needs of each role file, kept between runs.

`roles show engineer` in a catalog of 10,000 files must not parse 10,000 files. The index
keeps, for every role file of a catalog, the role's id, name, title, tags and folder alias,
and what `roles list` and `roles browse` show of it (its `RoleSummary`), or the error of a
file that cannot be read, with the file's stamp: size, modification time, inode and change
time. A run stats every file and parses only those whose stamp changed (in worker processes
when there are many), then resolves the name among the rows (`roledeck.resolve.Names`),
exactly as among parsed roles, or lists the summaries (`Catalog.iter_summaries`) as a scan
of every file would.

What a row holds comes from the parsed `Role` (`row_of`, with `summary(role)`), the same
values a full scan resolves with and lists; the file is keyed by its path in the catalog, so
a renamed file is a new one. The index can make lookups faster, never different:

- one index file per catalog folder (as named and as it resolves), configuration that
  changes parsing (vocabulary, size limit), roledeck version and roledeck's own parsing code
  (a fingerprint of its modules): any of them changing is another index;
- a file changed (its modification or change time) within `RACY_NS` of being read is read
  again next time, whatever its stamp says (git's "racily clean" entries: a second edit
  within the same clock tick leaves the times as they were);
- the file is written atomically, with a digest of its content: damaged, truncated or of
  another format, it is not used, and the next run writes a good one.

It lives beside the lint cache (`roledeck.cachedir`); its file format: `roledeck.namestore`.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator, Sequence
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any, cast

from roledeck.config import ProfilesConfig
from roledeck.errors import RoleError
from roledeck.model import Role
from roledeck.namestore import (
    NO_ROW,
    NameRows,
    Row,
    Stamp,
    Stored,
    index_file,
    save,
    state_of,
)
from roledeck.parse import load_document
from roledeck.profiles import is_profile
from roledeck.resolve import Names, role_alias
from roledeck.summary import RoleSummary, summary
from roledeck.vocabulary import Vocabulary

__all__ = ["NameRows", "index_file"]

RACY_NS = 2_000_000_000
"""A file modified less than this before it was read may change again unseen (same size,
same clock tick): its row is not trusted next time. Two seconds cover coarse timestamps."""


class IndexedNames(Names[int]):
    """The names of a catalog's readable profiles, by their file's place in the catalog."""

    def __init__(self, rows: NameRows, items: Sequence[int]) -> None:
        if len(items) == len(rows.ids):  # every file: the columns as they are
            ids, names = cast(list[str], rows.ids), cast(list[str], rows.names)
            super().__init__(items, ids, names, rows.aliases)
        else:
            super().__init__(
                items,
                [cast(str, rows.ids[i]) for i in items],
                [cast(str, rows.names[i]) for i in items],
                [rows.aliases[i] for i in items],
            )
        self._rows = rows

    @classmethod
    def profiles_in(cls, rows: NameRows, profiles: ProfilesConfig) -> IndexedNames:
        """The profiles among `rows`: readable, and with the tags `profiles` asks for."""
        count = len(rows.ids)
        if not rows.errors and not profiles.tags:
            return cls(rows, range(count))
        errors = rows.errors
        if not profiles.tags:
            return cls(rows, [i for i in range(count) if i not in errors])
        tags = rows.tags
        return cls(
            rows, [i for i in range(count) if i not in errors and profiles.tags_select(tags[i])]
        )

    def names_of(self, item: int) -> tuple[str | None, str | None, str | None]:
        """The id, name and folder alias of the file at `item` (as `resolve` returns it)."""
        r = self._rows
        return r.ids[item], r.names[item], r.aliases[item]


def row_of(role: Role) -> Row:
    """A parsed role's row: the values resolving a name and selecting profiles look at, and
    its summary (`roles list`), made by `summary` as a scan of every file makes it."""
    s = summary(role)
    return (
        s.id,
        s.name,
        role.frontmatter.title,
        s.tags,
        role_alias(role),
        s.needs,
        s.duties,
        s.sub_roles,
        s.source,
    )


def read_row(
    path: str, *, vocabulary: Vocabulary, max_bytes: int, relative: str | None
) -> Row | RoleError:
    """One file's row, or its error: parsed as every command parses it. Module-level, so
    that worker processes can run it."""
    try:
        role = load_document(
            Path(path), vocabulary=vocabulary, max_bytes=max_bytes, relative=relative
        ).role
    except RoleError as exc:
        return exc
    return row_of(role)


def _read(item: tuple[str, str | None], *, vocabulary: Vocabulary, max_bytes: int) -> Any:
    path, relative = item
    return read_row(path, vocabulary=vocabulary, max_bytes=max_bytes, relative=relative)


def stamp_of(path: str) -> Stamp | None:
    try:
        info = os.stat(path)  # noqa: PTH116 (text: no Path per file)
    except (OSError, ValueError):
        return None
    stamp: Stamp = _STAMP(info)
    return stamp


_STAMP = attrgetter("st_size", "st_mtime_ns", "st_ino", "st_ctime_ns")


def stamps_of(paths: Sequence[str]) -> list[Stamp | None]:
    """`stamp_of` each path: 10,000 files are stat'ed in ~10 ms, most of it the system's."""
    try:
        return list(map(_STAMP, map(os.stat, paths)))
    except (OSError, ValueError):  # one cannot be stat'ed: ask them one by one
        return [stamp_of(p) for p in paths]


def scan(
    root: Path,
    paths: Sequence[str],
    relatives: Sequence[str],
    *,
    vocabulary: Vocabulary,
    max_bytes: int,
    tags: bool = True,
) -> NameRows:
    """The rows of `paths` (role files of the catalog at `root`, `relatives` their paths in
    it), from the index where a file is unchanged, parsed where it is not (`Scan`).

    Without `tags` the rows may leave tags out (no profile selection by tag asks for them).
    """
    scanning = Scan(root, paths, relatives, vocabulary=vocabulary, max_bytes=max_bytes, tags=tags)
    for _ in scanning:
        pass
    return scanning.rows


class Scan:
    """The rows of a catalog's files, known in order as they become known.

    Iterating yields how many rows of `rows` are complete so far: all at once from an index
    that still holds; otherwise the rows of unchanged files, then each parsed one as the
    workers answer (`roles browse` shows the first rows while the rest are parsed). Once
    every row is known the index is brought up to date; a cache folder that cannot be
    written only makes the next run slower. With `summaries`, the rows hold them too.
    """

    def __init__(
        self,
        root: Path,
        paths: Sequence[str],
        relatives: Sequence[str],
        *,
        vocabulary: Vocabulary,
        max_bytes: int,
        tags: bool = True,
        summaries: bool = False,
    ) -> None:
        self.root, self.paths, self.relatives = root, paths, relatives
        self.vocabulary, self.max_bytes = vocabulary, max_bytes
        self.tags, self.summaries = tags, summaries
        self.rows = NameRows()

    def __iter__(self) -> Iterator[int]:
        paths, relatives = self.paths, self.relatives
        started = time.time_ns()
        stamps = stamps_of(paths)
        file = index_file(self.root, self.vocabulary, self.max_bytes)
        old = Stored.read(file)
        if old is not None and old.state == state_of(relatives, stamps) and not old.racy:
            # nothing changed: the columns as they were stored
            fresh = old.rows(tags=self.tags, summaries=self.summaries)
            if fresh is not None:
                self.rows = fresh
                yield len(fresh.ids)
                return
        table = old.table() if old is not None else None
        known = table.positions if table is not None else {}
        rows = self.rows
        todo: list[int] = []
        for index, (relative, now) in enumerate(zip(relatives, stamps, strict=True)):
            at = known.get(relative)
            if table is not None and at is not None and now is not None and table.holds(at, now):
                rows.add(table.value(at))
            else:
                rows.add(NO_ROW)
                todo.append(index)
        if todo:
            parsed = _parse(
                [paths[i] for i in todo],
                [relatives[i] for i in todo],
                vocabulary=self.vocabulary,
                max_bytes=self.max_bytes,
            )
            for index in todo:
                if index:
                    yield index  # the rows before it are known: theirs while it is parsed
                rows.put(index, next(parsed))
            rows.parsed = len(todo)
        with contextlib.suppress(OSError):
            # changed (content: mtime; name, mode or a restored mtime: ctime) too close to
            # the read
            racy = [
                i
                for i, s in enumerate(stamps)
                if s is not None and started - max(s[1], s[3]) < RACY_NS
            ]
            save(file, relatives, stamps, rows, racy)
        yield len(rows.ids)


def summaries_of(scanning: Scan, profiles: ProfilesConfig) -> Iterator[RoleSummary | RoleError]:
    """The summaries of a scan's profiles and the errors of its unreadable files, in order,
    as soon as each is known: what `Catalog.iter_summaries` yields from a scan of every file,
    the profiles chosen by the same rule (`is_profile`, on the tags the row keeps)."""
    done = 0
    for ready in scanning:
        rows = scanning.rows
        for at in range(done, ready):
            error = rows.errors.get(at)
            if error is not None:
                yield error
            elif is_profile(profiles, None, rows.tags[at]):
                yield rows.summary(at)
        done = max(done, ready)


def _parse(
    paths: Sequence[str], relatives: Sequence[str], *, vocabulary: Vocabulary, max_bytes: int
) -> Iterator[Row | RoleError]:
    """Each file's row or error, in order; in worker processes when there are many."""
    from roledeck.workers import ordered_results

    reader = partial(_read, vocabulary=vocabulary, max_bytes=max_bytes)
    return iter(ordered_results(reader, list(zip(paths, relatives, strict=True))))
