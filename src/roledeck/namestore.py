"""The name index's file: one catalog's rows and its files' stamps, written atomically.

A header line, then one line of JSON per section (names, tags, titles, files, summaries), each
with its digest in the header, so that a section is parsed only when a run needs it (a name
looked up in a catalog with no change reads the names alone; `roles list` the names, tags
and summaries) and is trusted only if it is exactly what was written: a damaged, truncated
or foreign file is a miss, never an error (`roledeck.nameindex`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, cast

from roledeck import __version__
from roledeck.cachedir import cache_dir
from roledeck.errors import RoleError
from roledeck.summary import RoleSummary
from roledeck.vocabulary import Vocabulary

FORMAT = 2
HEADER = "roledeck-name-index"
Stamp = tuple[int, int, int, int]
"""Size, modification time (ns), inode and change time (ns) of a file."""


@dataclass
class NameRows:
    """What is known of each file of a catalog, in its order, a column per field.

    A file that cannot be read has None in every column and its error in `errors`.
    """

    ids: list[str | None] = field(default_factory=list)
    names: list[str | None] = field(default_factory=list)
    titles: list[str | None] = field(default_factory=list)
    tags: list[list[str] | None] = field(default_factory=list)
    aliases: list[str | None] = field(default_factory=list)
    errors: dict[int, RoleError] = field(default_factory=dict)
    needs: list[int | None] = field(default_factory=list)
    duties: list[int | None] = field(default_factory=list)
    kinds: list[list[str] | None] = field(default_factory=list)
    sources: list[str | None] = field(default_factory=list)
    """What `RoleSummary` holds beyond the names (`roledeck.summary`): needs and duties
    counted, sub-role kinds, the file read. Empty when the summaries were not asked for."""
    parsed: int = 0
    """How many files this run had to parse (the rest came from the index)."""

    def add(self, value: Row | RoleError) -> None:
        if isinstance(value, RoleError):
            self.errors[len(self.ids)] = value
            value = NO_ROW
        self.ids.append(value[0])
        self.names.append(value[1])
        self.titles.append(value[2])
        self.tags.append(value[3])
        self.aliases.append(value[4])
        self.needs.append(value[5])
        self.duties.append(value[6])
        self.kinds.append(value[7])
        self.sources.append(value[8])

    def put(self, at: int, value: Row | RoleError) -> None:
        """Set the row at `at` (added before as `NO_ROW`)."""
        if isinstance(value, RoleError):
            self.errors[at] = value
            return
        self.ids[at], self.names[at], self.titles[at], self.tags[at] = value[:4]
        self.aliases[at], self.needs[at], self.duties[at] = value[4:7]
        self.kinds[at], self.sources[at] = value[7], value[8]

    def summary(self, at: int) -> RoleSummary:
        """The summary of the readable file at `at`, as `summary(role)` made it when it was
        parsed (rows read with their summaries only)."""
        return RoleSummary(
            id=cast(str, self.ids[at]),
            name=cast(str, self.names[at]),
            tags=list(cast(list[str], self.tags[at])),
            needs=cast(int, self.needs[at]),
            duties=cast(int, self.duties[at]),
            sub_roles=list(cast(list[str], self.kinds[at])),
            source=self.sources[at],
        )


Row = tuple[
    str | None,
    str | None,
    str | None,
    list[str] | None,
    str | None,
    int | None,
    int | None,
    list[str] | None,
    str | None,
]
"""A role's id, name, title, tags, folder alias, then its summary's needs and duties counts,
sub-role kinds and source, as `row_of` makes them."""

NO_ROW: Row = (None, None, None, None, None, None, None, None, None)
"""The row of a file that cannot be read (or is not read yet)."""


def state_of(relatives: Sequence[str], stamps: Sequence[Stamp | None]) -> str:
    """A digest of which files there are and of their stamps: equal, nothing changed."""
    digest = hashlib.sha256("\0".join(relatives).encode("utf-8", "surrogatepass"))
    flat = chain.from_iterable(s or (-1, -1, -1, -1) for s in stamps)
    try:
        digest.update(array("q", flat).tobytes())
    except OverflowError:  # an inode beyond 2**63
        digest.update(",".join(map(str, chain.from_iterable(s or () for s in stamps))).encode())
    return digest.hexdigest()


def index_file(root: Path, vocabulary: Vocabulary, max_bytes: int) -> Path:
    """The index of one catalog folder under one configuration and one roledeck."""
    key = "\0".join(
        [
            HEADER,
            str(FORMAT),
            __version__,
            _code_fingerprint(),
            str(root),
            os.path.abspath(root),  # noqa: PTH100
            os.path.realpath(root),
            vocabulary.model_dump_json(),
            str(max_bytes),
        ]
    )
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return cache_dir() / f"names-{digest}.json"


_PRESENTATION = ("cli", "tui", "reporters", "lint", "__pycache__", "_catalog")


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Size and time of each of roledeck's modules that parsing may run: a changed parser
    (a development install, a reinstall of the same version) is another index."""
    package = Path(__file__).parent
    parts: list[str] = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d not in _PRESENTATION)
        for name in sorted(files):
            if name.endswith(".py"):
                with contextlib.suppress(OSError):
                    info = os.stat(os.path.join(folder, name))  # noqa: PTH116, PTH118
                    parts.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Stored:
    """An index file as read: a header, then sections of JSON, one a line, each parsed when
    first needed and trusted only if its digest is the one the header gives."""

    SECTIONS = ("names", "tags", "titles", "files", "summaries")

    def __init__(self, header: dict[str, Any], sections: list[bytes]) -> None:
        self.state: str = header["state"]
        self.racy: bool = header["racy"]
        self._digests: list[str] = header["sections"]
        self._raw = sections
        self._parsed: dict[int, Any] = {}
        if len(self._digests) != len(self.SECTIONS) or len(sections) != len(self.SECTIONS):
            raise ValueError("not the sections of this format")

    @classmethod
    def read(cls, file: Path) -> Stored | None:
        """The index in `file`, or None if it is missing, unreadable or another format."""
        try:
            data = file.read_bytes()
            first, *sections = data.split(b"\n")
            header = json.loads(first)
            if header.get(HEADER) != FORMAT:
                return None
            return cls(header, sections)
        except Exception:  # anything wrong with a cache is a miss, never an error
            return None

    def _section(self, name: str) -> Any:
        """A section's data, or None if it is damaged."""
        at = self.SECTIONS.index(name)
        if at not in self._parsed:
            raw = self._raw[at]
            try:
                good = hashlib.sha256(raw).hexdigest() == self._digests[at]
                self._parsed[at] = json.loads(raw) if good else None
            except ValueError:
                self._parsed[at] = None
        return self._parsed[at]

    def rows(self, *, tags: bool, summaries: bool = False) -> NameRows | None:
        """Every row as stored (tags and summaries only if asked for), or None if a section
        is damaged."""
        names = self._section("names")
        labels: list[list[str] | None] | None = self._section("tags") if tags else []
        if names is None or labels is None:
            return None
        try:
            ids, shown, aliases = names["ids"], names["names"], names["aliases"]
            errors = {e[0]: _error(e) for e in names["errors"]}
            if not len(ids) == len(shown) == len(aliases) or (tags and len(labels) != len(ids)):
                return None
        except (KeyError, TypeError, ValueError, IndexError):
            return None
        rows = NameRows(ids, shown, [], labels, aliases, errors)
        if summaries and not self._summaries(rows):
            return None
        return rows

    def _summaries(self, rows: NameRows) -> bool:
        """Fill the summary columns of `rows` from their section; False if it is damaged."""
        data = self._section("summaries")
        if data is None:
            return False
        try:
            needs, duties, prefix = data["needs"], data["duties"], data["prefix"]
            sources = [None if s is None else prefix + s for s in data["sources"]]
            distinct, kind_of = data["kinds"], data["kind_of"]
            kinds = [None if k < 0 else distinct[k] for k in kind_of]
            if not len(needs) == len(duties) == len(sources) == len(kinds) == len(rows.ids):
                return False
        except (KeyError, TypeError, ValueError, IndexError):
            return False
        rows.needs, rows.duties, rows.kinds, rows.sources = needs, duties, kinds, sources
        return True

    def table(self) -> Table | None:
        """Every row with its file and stamp, to reuse the unchanged ones; None if damaged."""
        rows = self.rows(tags=True, summaries=True)
        titles, files = self._section("titles"), self._section("files")
        if rows is None or titles is None or files is None:
            return None
        try:
            paths, stamps = files["paths"], [tuple(s) for s in files["stamps"]]
            racy = set(files["racy"])
            if not len(paths) == len(stamps) == len(titles) == len(rows.ids):
                return None
        except (KeyError, TypeError, ValueError):
            return None
        rows.titles = titles
        return Table(rows, {path: at for at, path in enumerate(paths)}, stamps, racy)


@dataclass
class Table:
    """A stored index, whole: which row is whose file, and whether it still holds."""

    rows: NameRows
    positions: dict[str, int]
    stamps: list[Stamp]
    racy: set[int]

    def holds(self, at: int, now: Stamp) -> bool:
        return at not in self.racy and self.stamps[at] == now

    def value(self, at: int) -> Row | RoleError:
        r = self.rows
        if at in r.errors:
            return r.errors[at]
        return (
            r.ids[at],
            r.names[at],
            r.titles[at],
            r.tags[at],
            r.aliases[at],
            r.needs[at],
            r.duties[at],
            r.kinds[at],
            r.sources[at],
        )


def _error(stored: list[Any]) -> RoleError:
    _, message, where, line, column, code = stored
    return RoleError(message, path=where, line=line, column=column, code=code)


def _summaries_section(rows: NameRows, keep: list[int]) -> dict[str, Any]:
    """The summary columns of the rows at `keep`, small: the sub-role kinds of a catalog are
    a few lists repeated (most profiles have the same five), each distinct list kept once;
    the sources all start with the catalog folder, kept once."""
    sources = [rows.sources[i] for i in keep]
    prefix = os.path.commonprefix([s for s in sources if s is not None])  # noqa: RUF071 (text)
    distinct: dict[tuple[str, ...], int] = {}
    kind_of: list[int] = []
    for i in keep:
        kinds = rows.kinds[i]
        kind_of.append(-1 if kinds is None else distinct.setdefault(tuple(kinds), len(distinct)))
    return {
        "needs": [rows.needs[i] for i in keep],
        "duties": [rows.duties[i] for i in keep],
        "prefix": prefix,
        "sources": [None if s is None else s[len(prefix) :] for s in sources],
        "kinds": [list(k) for k in distinct],
        "kind_of": kind_of,
    }


def save(
    file: Path,
    relatives: Sequence[str],
    stamps: list[Stamp | None],
    rows: NameRows,
    racy: list[int],
) -> None:
    """Write the index atomically; files that could not be stat'ed are left out, and those
    at `racy` (indexes into `stamps`) are marked not to be trusted next time."""
    from roledeck.fsio import AtomicFile, remove_stale_temporaries

    keep = [i for i, s in enumerate(stamps) if s is not None]
    kept: list[Stamp] = [s for s in stamps if s is not None]
    position = {index: at for at, index in enumerate(keep)}
    racy = [position[i] for i in racy if i in position]
    errors = [
        [position[i], e.message, e.path, e.line, e.column, e.code]
        for i, e in sorted(rows.errors.items())
        if i in position
    ]
    names = {
        "ids": [rows.ids[i] for i in keep],
        "names": [rows.names[i] for i in keep],
        "aliases": [rows.aliases[i] for i in keep],
        "errors": errors,
    }
    sections = [
        names,
        [rows.tags[i] for i in keep],
        [rows.titles[i] for i in keep],
        {"paths": [relatives[i] for i in keep], "stamps": kept, "racy": racy},
        _summaries_section(rows, keep),
    ]
    # ASCII JSON (lone surrogates escaped too), one line each: no raw newline in JSON text
    raw = [json.dumps(part, separators=(",", ":")).encode() for part in sections]
    header = {
        HEADER: FORMAT,
        "state": state_of([relatives[i] for i in keep], kept) if len(keep) == len(stamps) else "",
        "racy": bool(racy),
        "sections": [hashlib.sha256(part).hexdigest() for part in raw],
    }
    file.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(file.parent)
    with AtomicFile(file, durable=False) as out:
        out.write(json.dumps(header).encode() + b"\n" + b"\n".join(raw))
