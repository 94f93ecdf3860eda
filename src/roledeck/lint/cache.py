"""The lint cache: a file's findings, reused while the file, the tool and the config are unchanged.

Like ruff's, it lives in the user's cache folder (`$ROLES_CACHE_DIR`, else
`$XDG_CACHE_HOME/roledeck`, else `~/.cache/roledeck`), one JSON-lines file per project
and configuration. An entry is valid while the file's size and modification time (ns) are those
recorded; the roledeck version and the configuration are part of the cache file's name. A
missing, unreadable or corrupt cache is simply not used: the cache can make lint faster, never
wrong or broken.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from sys import intern
from typing import Any, BinaryIO

from roledeck import __version__
from roledeck.cachedir import cache_dir
from roledeck.fsio import AtomicFile, remove_stale_temporaries
from roledeck.lint.findings import Edit, FileFacts, FileReport, Finding, Severity

FORMAT = 5

Describe = Callable[[str], tuple[Severity, str]]
"""A rule code's severity (as configured) and name."""
HEADER = f'{{"roledeck-lint-cache": {FORMAT}}}'
"""The cache file's first line; a file without it (another format, damage) is not used."""


def cache_file(settings_key: str, roots: list[Path]) -> Path:
    """One cache file per tool version, configuration and set of linted folders."""
    where = "\0".join(sorted(str(r.absolute()) for r in roots))
    digest = hashlib.sha256(
        f"{__version__}\0{FORMAT}\0{settings_key}\0{where}".encode()
    ).hexdigest()
    return cache_dir() / f"lint-{digest[:24]}.jsonl"


def stamp(path: str | Path) -> list[int] | None:
    """What must be unchanged for a cached result to hold (None if the file can't be stat'ed)."""
    try:
        info = os.stat(path)  # noqa: PTH116 (a str path: no Path object per file)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


class LintCache:
    """Cached reports by absolute path, as a context manager that writes the cache on exit.

    The file is JSON lines: a header, then one line per file, `[key]` TAB `stamp` TAB
    `report` (JSON never holds a raw tab, so tabs split the line). Only where each line
    starts is kept; a line is read when its file is asked for and goes straight to the new
    file as it was read, as new entries do: a cache of 10,000 files costs an index, not a
    tree of a million Python objects. The new file replaces the old one atomically, and only
    when the run got to the end with every line written.
    """

    def __init__(self, file: Path, describe: Describe, *, read_only: bool = False) -> None:
        self.file = file
        self.describe = describe
        self.read_only = read_only
        """Only read (a partial run looking up the rest of the catalog): the file is kept."""
        self.entries: dict[str, tuple[int, int]] = {}
        """key -> where the entry's line is in the old file: offset and length in bytes."""
        self.old: BinaryIO | None = None
        self.out: AtomicFile | None = None
        self.failed = False
        """A write failed (a full disk): the new file is incomplete and is not used."""
        with contextlib.suppress(Exception):  # corrupt or unreadable: start empty
            self.old = file.open("rb")
            self.entries = _index(self.old)

    def __enter__(self) -> LintCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self.read_only:
            if self.old is not None:
                self.old.close()
            self.entries = {}
            return
        out = self._writer() if kind is None else self.out
        if out is not None:
            if kind is None and not self.failed:
                try:
                    out.commit()  # removes its temporary file if it fails
                except OSError:  # failing to write the cache is not an error
                    pass
                else:
                    _remove_old_format(self.file.parent)
            else:
                out.abort()
        if self.old is not None:
            self.old.close()
        self.entries = {}

    def get(self, key: str, current: list[int] | None) -> FileReport | None:
        where = self.entries.get(key) if self.read_only else self.entries.pop(key, None)
        if current is None or where is None or self.old is None:
            return None
        try:
            self.old.seek(where[0])
            line = self.old.read(where[1]).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        parts = line.split("\t", 2)
        if len(parts) != 3 or parts[1] != _stamp_text(current):
            return None
        try:
            report = _report(json.loads(parts[2]), self.describe)
        except Exception:  # a damaged entry is a miss
            return None
        self._write(line)
        return report

    def put(self, key: str, current: list[int] | None, report: FileReport) -> None:
        if current is not None:
            self._write(_line(key, _stamp_text(current), json.dumps(_data(report))))

    def _write(self, line: str) -> None:
        if self.read_only:
            return
        out = self._writer()
        if out is not None and not self.failed:
            try:
                out.write(line.encode("utf-8"))
            except OSError:
                self.failed = True

    def _writer(self) -> AtomicFile | None:
        """The new cache file, opened (header written) on first use; None if it can't be.

        Temporary files that killed runs left in the cache folder are removed first.
        """
        if self.out is None and not self.failed:
            try:
                self.file.parent.mkdir(parents=True, exist_ok=True)
                remove_stale_temporaries(self.file.parent)
                self.out = AtomicFile(self.file, durable=False)
                self.out.write((HEADER + "\n").encode("utf-8"))
            except OSError:
                self.failed = True
        return self.out


def _remove_old_format(folder: Path) -> None:
    """Delete caches of the earlier single-JSON format (`lint-*.json`): never read again."""
    for old in folder.glob("lint-*.json"):
        with contextlib.suppress(OSError):
            old.unlink()


def _stamp_text(current: list[int]) -> str:
    return ",".join(map(str, current))


def _line(key: str, stamp_text: str, report_json: str) -> str:
    return f"{json.dumps([key])}\t{stamp_text}\t{report_json}\n"


def _index(old: BinaryIO) -> dict[str, tuple[int, int]]:
    """Where each entry's line starts and how long it is; damaged lines are left out."""
    if old.readline().rstrip(b"\n") != HEADER.encode():
        return {}
    entries: dict[str, tuple[int, int]] = {}
    offset = old.tell()
    for line in old:
        try:
            key = json.loads(line[: line.index(b"\t")])
        except ValueError:  # a damaged line: that file is a miss
            key = None
        if isinstance(key, list) and len(key) == 1 and isinstance(key[0], str):
            entries[key[0]] = (offset, len(line))
        offset += len(line)
    return entries


def _data(report: FileReport) -> dict[str, Any]:
    """A report as compact JSON data: findings as rows of line, column, code and message.

    A rule's severity and name follow from its code and the configuration, which is part of
    the cache's name: they are filled in again on reading. Facts are a row in field order.
    Written out field by field: `dataclasses.asdict` deep-copies every finding, which showed
    up in profiles.
    """
    facts = report.facts
    return {
        "path": report.path,
        "findings": [[f.line, f.column, f.code, f.message] for f in report.findings],
        "facts": [getattr(facts, name) for name in _FACT_FIELDS] if facts is not None else None,
        "skipped": report.skipped,
        "fixes": [[e.line, e.column, e.length, e.text] for e in report.fixes],
        "suppressed": list(report.suppressed),
    }


_FACT_FIELDS = tuple(f.name for f in fields(FileFacts))


def _report(data: dict[str, Any], describe: Describe) -> FileReport:
    """A report from its JSON data.

    Words that repeat across files (rule codes, messages, folders, tags, labels) are interned
    and the path is shared, so 10,000 reports read back take little more memory than their
    findings.
    """
    path = data["path"]
    findings = []
    for line, column, code, message in data["findings"]:
        severity, name = describe(code)
        findings.append(Finding(path, line, column, intern(code), intern(message), severity, name))
    facts = data.get("facts")
    return FileReport(
        path=path,
        findings=findings,
        facts=_facts(path, facts) if facts else None,
        skipped=data.get("skipped"),
        fixes=[Edit(*e) for e in data.get("fixes", [])],
        suppressed=tuple(data.get("suppressed", ())),
    )


def _facts(path: str, row: list[Any]) -> FileFacts:
    values = dict(zip(_FACT_FIELDS, row, strict=True))
    label = values["label"]
    values.update(
        path=path,
        folder=intern(values["folder"]),
        label=intern(label) if isinstance(label, str) else label,
        tags=tuple(intern(t) for t in values["tags"]),
        own_names=tuple(values["own_names"]),
        self_refs=tuple((int(line), str(text)) for line, text in values["self_refs"]),
    )
    return FileFacts(**values)
