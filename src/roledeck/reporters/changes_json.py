"""`roles changes --format json`: the comparison of two catalogs as a stable, versioned structure.

docs/changes-json.md documents every field and docs/changes-json.schema.json is its JSON
Schema; `version` changes only when a field changes meaning or goes away. The diff of each
paired role is the document `roles diff --format json` gives (docs/diff-json.md).
"""

from __future__ import annotations

from typing import Any

from roledeck.changes import Changes, Problem, RoleChange
from roledeck.model import Role
from roledeck.reporters.diff_json import diff_data
from roledeck.textsafe import safe_json

VERSION = 1


def changes_data(changes: Changes, *, stat: bool = False, literal: bool = False) -> dict[str, Any]:
    """The comparison as plain data; with `stat`, each role's diff without its changes."""
    counts = changes.counts()
    return {
        "version": VERSION,
        "literal": literal,
        "differs": changes.differs,
        "range": changes.spec,
        "old": {"rev": changes.old_label, "commit": changes.old_commit},
        "new": {"rev": changes.new_label, "commit": changes.new_commit},
        "summary": {**counts, "unreadable": len(changes.problems)},
        "roles": [_change(change, stat=stat) for change in changes.roles],
        "problems": [_problem(problem) for problem in changes.problems],
    }


def changes_json(changes: Changes, *, stat: bool = False, literal: bool = False) -> str:
    return safe_json(changes_data(changes, stat=stat, literal=literal))


def _role(role: Role | None, path: str | None) -> dict[str, Any] | None:
    if role is None:
        return None
    return {"id": role.id, "name": role.name, "path": path, "source": role.source}


def _change(change: RoleChange, *, stat: bool) -> dict[str, Any]:
    return {
        "status": change.status,
        "id": change.id,
        "matched_by": change.matched_by,
        "old": _role(change.old, change.old_path),
        "new": _role(change.new, change.new_path),
        "diff": diff_data(change.diff, stat=stat) if change.diff is not None else None,
    }


def _problem(problem: Problem) -> dict[str, Any]:
    error = problem.error
    return {
        "side": problem.side,
        "path": problem.path,
        "location": error.path,
        "line": error.line,
        "code": error.code,
        "message": error.message,
        "role": problem.other.id if problem.other is not None else None,
    }
