"""`changes.compare` on hand-made snapshots: how roles are paired, without git."""

from __future__ import annotations

from typing import Any

from roledeck.changes import compare
from roledeck.errors import RoleError
from roledeck.gitcatalog import Entry, Snapshot
from roledeck.parse import parse_text

from .profiles import profile


def entry(path: str, name: str, frontmatter: str = "tags: [role]", **kw: Any) -> Entry:
    role = parse_text(profile(name, frontmatter=frontmatter, **kw), path).role
    return Entry(path, role=role)


def snap(label: str, *entries: Entry) -> Snapshot:
    return Snapshot(label, None, list(entries))


def test_id_beats_git_rename() -> None:
    old = snap("old", entry("x.md", "Platform Engineer"))
    new = snap(
        "new",
        entry("y.md", "Platform Engineer", frontmatter="id: x"),
        entry("z.md", "Zed Engineer"),
    )
    result = compare(old, new, {"x.md": "z.md"})
    assert [(c.status, c.id, c.matched_by) for c in result.roles] == [
        ("added", "z", None),
        ("renamed", "x", "id"),
    ]


def test_a_key_twice_on_one_side_is_not_guessed() -> None:
    old = snap(
        "old",
        entry("a/dup.md", "Data Engineer", frontmatter="id: dup"),
        entry("b/dup.md", "Data Analyst", frontmatter="id: dup"),
    )
    new = snap("new", entry("a/dup.md", "Data Engineer", frontmatter="id: dup"))
    result = compare(old, new, {})
    assert result.unchanged == 1  # paired by path, not by the ambiguous id
    assert [(c.status, c.old_path) for c in result.roles] == [("removed", "b/dup.md")]


def test_same_name_matching_ignores_case() -> None:
    old = snap("old", entry("ml.md", "MLOps Engineer", article="an"))
    new = snap("new", entry("machine-learning-ops.md", "MLOPS engineer", article="an"))
    [change] = compare(old, new, {}).roles
    assert (change.status, change.matched_by) == ("renamed", "name")
    assert change.diff is not None and not change.diff.equal  # the name itself changed


def test_a_broken_rename_target_shadows_the_old_role() -> None:
    old = snap("old", entry("sre.md", "SRE", article="an"))
    broken = RoleError("invalid YAML", path="site.md@new", line=2, code="FM004")
    new = snap("new", Entry("site.md", error=broken))
    result = compare(old, new, {"sre.md": "site.md"})
    assert result.roles == []
    [problem] = result.problems
    assert (problem.side, problem.path, problem.error.line) == ("new", "site.md", 2)
    assert problem.other is not None and problem.other.id == "sre"


def test_statuses_in_order_and_counts() -> None:
    old = snap(
        "old",
        entry("gone.md", "Agile Coach", article="an"),
        entry("kept.md", "Developer Advocate"),
        entry("edited.md", "Engineering Manager", article="an"),
    )
    new = snap(
        "new",
        entry("new.md", "QA Analyst"),
        entry("kept.md", "Developer Advocate"),
        entry("edited.md", "Engineering Manager", article="an", needs=("Teams need one.",)),
    )
    result = compare(old, new, {})
    assert [c.status for c in result.roles] == ["added", "removed", "changed"]
    assert result.counts() == {
        "added": 1,
        "removed": 1,
        "renamed": 0,
        "changed": 1,
        "unchanged": 1,
    }
    assert result.differs
