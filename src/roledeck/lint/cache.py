"""The lint cache: a file's findings, reused while the file, the tool and the config are unchanged.

Like ruff's, it lives in the user's cache folder (`$ROLES_CACHE_DIR`, else
`$XDG_CACHE_HOME/roledeck`, else `~/.cache/roledeck`), one JSON file per project and
configuration. An entry is valid while the file's size and modification time (ns) are those
recorded; the roledeck version and the configuration are part of the cache file's name. A
missing, unreadable or corrupt cache is simply not used: the cache can make lint faster, never
wrong or broken.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from roledeck import __version__
from roledeck.lint.findings import Edit, FileFacts, FileReport, Finding

FORMAT = 2


def cache_dir() -> Path:
    """The folder for roledeck's cache files."""
    explicit = os.environ.get("ROLES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "roledeck"


def cache_file(settings_key: str, roots: list[Path]) -> Path:
    """One cache file per tool version, configuration and set of linted folders."""
    where = "\0".join(sorted(str(r.absolute()) for r in roots))
    digest = hashlib.sha256(
        f"{__version__}\0{FORMAT}\0{settings_key}\0{where}".encode()
    ).hexdigest()
    return cache_dir() / f"lint-{digest[:24]}.json"


def stamp(path: Path) -> list[int] | None:
    """What must be unchanged for a cached result to hold (None if the file can't be stat'ed)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


class LintCache:
    """Cached reports by absolute path; `save()` writes the ones used or made in this run."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.entries: dict[str, Any] = {}
        self.fresh: dict[str, Any] = {}
        with contextlib.suppress(Exception):  # corrupt or unreadable: start empty
            data = json.loads(file.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == FORMAT:
                entries = data.get("entries")
                if isinstance(entries, dict):
                    self.entries = entries

    def get(self, key: str, current: list[int] | None) -> FileReport | None:
        entry = self.entries.get(key)
        if current is None or not isinstance(entry, dict) or entry.get("stamp") != current:
            return None
        try:
            report = _report(entry["report"])
        except Exception:  # a damaged entry is a miss
            return None
        self.fresh[key] = entry
        return report

    def put(self, key: str, current: list[int] | None, report: FileReport) -> None:
        if current is not None:
            self.fresh[key] = {"stamp": current, "report": _data(report)}

    def save(self) -> None:
        """Write the cache atomically; failing to write it is not an error."""
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
            temp.write_text(json.dumps({"format": FORMAT, "entries": self.fresh}), encoding="utf-8")
            temp.replace(self.file)


def _data(report: FileReport) -> dict[str, Any]:
    """A report as compact JSON data: findings as rows, since there can be many."""
    data = asdict(report)
    data["findings"] = [
        [f.line, f.column, f.code, f.message, f.severity, f.name] for f in report.findings
    ]
    return data


def _report(data: dict[str, Any]) -> FileReport:
    facts = data.get("facts")
    path = data["path"]
    return FileReport(
        path=path,
        findings=[Finding(path, *row) for row in data["findings"]],
        facts=FileFacts(**{**facts, "tags": tuple(facts["tags"])}) if facts else None,
        skipped=data.get("skipped"),
        fixes=[Edit(**e) for e in data.get("fixes", [])],
        suppressed=tuple(data.get("suppressed", ())),
    )
