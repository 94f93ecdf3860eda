"""`roles diff --format json`: the comparison as a stable, versioned structure.

docs/diff-json.md documents every field and docs/diff-json.schema.json is its JSON Schema;
`version` changes only when a field changes meaning or goes away (new fields may be added).
"""

from __future__ import annotations

from typing import Any

from roledeck.diff import KINDS, Change, RoleDiff, Side
from roledeck.textsafe import safe_json

VERSION = 1


def diff_data(diff: RoleDiff, *, stat: bool = False) -> dict[str, Any]:
    """The comparison as plain data; with `stat`, the counts without the changes."""
    changes = diff.changes
    counts = diff.counts()
    data: dict[str, Any] = {
        "version": VERSION,
        "literal": diff.literal,
        "equal": diff.equal,
        "old": _side(diff.old),
        "new": _side(diff.new),
        "summary": {"changes": sum(counts.values()), **counts},
        "sections": _sections(changes),
    }
    if not stat:
        data["changes"] = [_change(c) for c in changes]
    return data


def diff_json(diff: RoleDiff, *, stat: bool = False) -> str:
    return safe_json(diff_data(diff, stat=stat))


def _side(side: Side) -> dict[str, Any]:
    return {"id": side.id, "name": side.name, "article": side.article, "source": side.source}


def _sections(changes: list[Change]) -> list[dict[str, Any]]:
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        grouped.setdefault(change.section, []).append(change)
    return [
        {"section": section, **{kind: sum(c.kind == kind for c in items) for kind in KINDS}}
        for section, items in grouped.items()
    ]


def _change(change: Change) -> dict[str, Any]:
    return {
        "section": change.section,
        "kind": change.kind,
        "moved": change.moved or change.kind == "moved",
        "old": change.old,
        "new": change.new,
        "old_line": change.old_line,
        "new_line": change.new_line,
        "old_index": change.old_index,
        "new_index": change.new_index,
        "old_where": change.old_where,
        "new_where": change.new_where,
        "body": list(change.body),
        "words": [{"op": w.op, "old": w.old, "new": w.new} for w in change.words],
    }
