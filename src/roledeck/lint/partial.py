"""Catalog rules when only some files are linted (pre-commit passes just the changed ones).

A duplicate id, name, slug or sidebar position is a relation between a changed file and an
unchanged one, so the catalog rules need the facts of the whole catalog. They come from the
lint cache of the last whole-catalog run where it is still valid (the file unchanged since),
else from parsing the file, which is much cheaper than linting it. Only the files linted get
findings; the rest of the catalog is the background they are compared with.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from roledeck.catalog import discover_files, docs_relative, relative_to
from roledeck.errors import RoleError
from roledeck.lint.cache import LintCache, cache_file, stamp
from roledeck.lint.engine import (
    LintSettings,
    Target,
    absolute,
    cache_key,
    display_path,
)
from roledeck.lint.facts import facts_of
from roledeck.lint.findings import FileFacts
from roledeck.parse import load_document
from roledeck.workers import ordered_map


def is_partial(paths: list[Path], targets: list[Target], catalog: Path | None) -> bool:
    """Whether a run lints part of `catalog`: some files of it, but not the folder itself."""
    if catalog is None or not any(t.base == catalog for t in targets):
        return False
    whole = absolute(catalog)
    return not any(p.is_dir() and absolute(p) == whole for p in paths)


def rest_of_catalog(catalog: Path, linted: set[str], settings: LintSettings) -> list[FileFacts]:
    """The facts of the catalog's role profiles that were not linted in this run.

    `linted` holds the absolute paths of the files that were. The cache is only read: what
    it holds is the last whole-catalog run's, and this run adds nothing to it.
    """
    targets = [
        Target(file, catalog, base=catalog)
        for file in discover_files(catalog)
        if absolute(file) not in linted
    ]
    found: list[FileFacts | None] = [None] * len(targets)
    misses: list[int] = []
    with LintCache(cache_file(settings.key, [catalog]), settings.describe, read_only=True) as store:
        for index, target in enumerate(targets):
            cached = store.get(cache_key(target), stamp(target.file))
            if cached is None:
                misses.append(index)
            elif cached.skipped is None:
                found[index] = cached.facts
    fresh = ordered_map(partial(file_facts, settings=settings), [targets[i] for i in misses])
    for index, facts in zip(misses, fresh, strict=True):
        found[index] = facts
    return [facts for facts in found if facts is not None]


def file_facts(target: Target, settings: LintSettings) -> FileFacts | None:
    """A file's facts, read without linting it (None: not a profile, or unreadable)."""
    path = target.path
    profiles = settings.config.profiles
    if target.root is not None and not profiles.path_selects(relative_to(path, target.root)):
        return None
    try:
        doc = load_document(
            path,
            vocabulary=settings.vocabulary,
            max_bytes=settings.config.max_file_size,
            relative=docs_relative(path, target.base),
        )
    except RoleError:
        return None  # its own run reports it; here it has nothing to compare
    if not profiles.tags_select(doc.role.frontmatter.tag_labels):
        return None
    return facts_of(doc, display_path(path))
