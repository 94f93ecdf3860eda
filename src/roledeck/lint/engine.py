"""The lint engine: files in, findings out, one file at a time.

Each file is read and parsed once, its file rules run, and only its findings and a few facts
are kept, so memory stays flat however large the catalog. Catalog rules then compare the
facts. `lint_file` is a pure function of its arguments, so it can run in worker processes and
its result can be cached.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import cached_property, partial
from operator import attrgetter
from pathlib import Path
from sys import intern

from roledeck import fsio
from roledeck.catalog import discover_files, docs_relative, explicit_path_problem, relative_to
from roledeck.config import Config
from roledeck.errors import RoleError
from roledeck.lint.cache import LintCache, cache_file, stamp
from roledeck.lint.context import CatalogContext, FileContext
from roledeck.lint.facts import facts_of
from roledeck.lint.findings import (
    Edit,
    FileFacts,
    FileReport,
    Finding,
    LintResult,
    Problem,
    Severity,
)
from roledeck.lint.registry import Rule
from roledeck.lint.rules import BY_CODE, RULES
from roledeck.lint.selection import Selection, Suppressions
from roledeck.parse import load_document
from roledeck.profiles import is_profile, profile_base
from roledeck.source import read_source
from roledeck.vocabulary import Vocabulary
from roledeck.workers import ordered_map, ordered_results


@dataclass(frozen=True)
class LintSettings:
    """Everything a file's result depends on (besides its content): picklable, hashable text."""

    config: Config
    selection: Selection

    @property
    def vocabulary(self) -> Vocabulary:
        return self.config.vocab

    @cached_property
    def key(self) -> str:
        """Everything that changes findings besides the files: for the cache's name."""
        return f"{self.config.model_dump_json()}\0{self.selection!r}"

    def describe(self, code: str) -> tuple[Severity, str]:
        """`describe` for this run's selection, remembered per code: asked once per finding."""
        known = self._descriptions
        if code not in known:
            known[code] = describe(code, self.selection)
        return known[code]

    @cached_property
    def _descriptions(self) -> dict[str, tuple[Severity, str]]:
        return {}

    @cached_property
    def file_rules(self) -> list[Rule]:
        """The enabled per-file rules, worked out once per run rather than once per file."""
        enabled = self.selection.enabled
        return [r for r in RULES if r.scope == "file" and r.check and enabled(r.code)]


def absolute(path: str | Path) -> str:
    """A path's absolute form, as text: a file's identity in a run and in the cache.

    Not `Path.resolve()` (a symlink and its target are different files to lint) and not
    `Path.absolute()` (building Path objects for 10,000 files shows up in profiles).
    """
    return os.path.abspath(path)  # noqa: PTH100


def display_path(path: Path) -> str:
    """A path as the user gave it (files found in a folder are shown below that folder)."""
    return str(path)


@dataclass(frozen=True, slots=True)
class Target:
    """A file to lint, and the folder its profile path is relative to (`profile_base` of the
    folder it was found in; None when named on the command line).

    A file named explicitly is always linted; one found in a folder only if `is_profile`
    admits it. The file is kept as text: 10,000 `Path` objects held for a whole run
    cost megabytes.
    """

    file: str
    root: Path | None = None
    refused: str | None = None
    """Why a named file is not read (a symlink out of the catalog, not a role file)."""
    base: Path | None = None
    """The docs root the file's id is relative to: the catalog folder when the file is in
    it, else the folder linted (None: the id is made of the file name alone)."""

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def explicit(self) -> bool:
        return self.root is None


SORT_KEY = attrgetter(*(f.name for f in fields(Finding)))
"""`Finding`'s own order (every field, in turn), compared in C rather than by the dataclass's
generated `__lt__`: sorting 50,000 findings took a sixth of a cached run."""


def collect(paths: Iterable[Path], catalog: Path | None = None) -> list[Target]:
    """The files to lint: files as given, folders walked for role files, each file once.

    A named file that must not be read (see `explicit_path_problem`) becomes a finding.
    """
    targets: list[Target] = []
    seen: set[str] = set()
    given = list(paths)
    for path in given:
        if path.is_dir():
            root = profile_base(path, catalog)
            found_in = catalog if catalog is not None and _within(path, catalog) else path
            found = [Target(file, root, base=found_in) for file in discover_files(path)]
        elif path.exists() or path.is_symlink():
            refused = explicit_path_problem(path, catalog) if catalog is not None else None
            base = catalog if catalog is not None and _within(path, catalog) else None
            found = [Target(str(path), refused=refused, base=base)]
        else:
            raise RoleError(f"no such file or directory: {path}")
        if len(given) == 1:  # one folder's files are distinct already
            return found
        for target in found:
            key = absolute(target.file)
            if key not in seen:
                seen.add(key)
                targets.append(target)
    return targets


def _within(path: Path, folder: Path) -> bool:
    return docs_relative(path, folder) is not None


NOT_A_PROFILE = "not a role profile"
MAX_FINDINGS_PER_RULE = 100
"""A crafted file can hold a million unescaped `<`: past this, one line says there are more
(and the rule stops scanning), so output and time stay bounded. `--fix` fixes these first."""


def lint_file(target: Target, settings: LintSettings) -> FileReport:
    """Lint one file: load findings if it cannot be parsed, else every enabled file rule."""
    path = target.path
    shown = display_path(path)
    report = FileReport(shown)
    selection = settings.selection
    profiles = settings.config.profiles
    if target.root is not None and not is_profile(profiles, relative_to(path, target.root)):
        report.skipped = NOT_A_PROFILE
        return report
    try:
        if target.refused:
            raise RoleError(target.refused, path=path, code="IO001")
        doc = load_document(
            path,
            vocabulary=settings.vocabulary,
            max_bytes=settings.config.max_file_size,
            relative=docs_relative(path, target.base),
        )
    except RoleError as exc:
        code = exc.code if exc.code in BY_CODE else "IO001"
        if selection.enabled(code):
            report.findings.append(
                _finding(
                    shown, code, Problem(exc.line or 1, exc.message, exc.column or 1), settings
                )
            )
        return report
    if not target.explicit and not is_profile(profiles, None, doc.role.frontmatter.tag_labels):
        report.skipped = NOT_A_PROFILE
        return report
    ctx = FileContext(doc, settings.config, settings.vocabulary)
    suppressed = (
        Suppressions.scan(ctx.lines) if Suppressions.MARK in doc.source.text else Suppressions()
    )
    report.suppressed = tuple(suppressed.file)
    ignored = selection.ignored_in(shown)
    for rule in settings.file_rules:
        if ignored and any(rule.code.startswith(code) or code == "ALL" for code in ignored):
            continue
        assert rule.check is not None
        reported = 0
        for problem in rule.check(ctx):
            if not suppressed.hides(rule.code, problem.line):
                if reported == MAX_FINDINGS_PER_RULE:
                    more = f"more {rule.code} findings in this file not shown (at most "
                    more += f"{MAX_FINDINGS_PER_RULE} per rule and file)"
                    problem = Problem(problem.line, more, problem.column)
                    report.findings.append(_finding(shown, rule.code, problem, settings))
                    break
                reported += 1
                report.findings.append(_finding(shown, rule.code, problem, settings))
                report.fixes.extend(problem.fix)
    report.facts = facts_of(doc, shown)
    return report


def _finding(path: str, code: str, problem: Problem, settings: LintSettings) -> Finding:
    # messages repeat across files (50,000 findings, 1,000 distinct messages in the bench
    # catalog): interned, each is pickled once per batch and kept once
    severity, name = settings.describe(code)
    message = intern(problem.message)
    return Finding(path, problem.line, problem.column, code, message, severity, name)


def describe(code: str, selection: Selection) -> tuple[Severity, str]:
    """A rule code's severity (as configured) and name, the same for every finding."""
    rule = BY_CODE.get(code)
    return selection.severity_of(code), rule.name if rule else ""


def lint_catalog(
    reports: list[FileReport],
    settings: LintSettings,
    roots: list[Path],
    background: list[FileFacts] | None = None,
) -> list[Finding]:
    """Catalog rules over the facts of every file that could be parsed.

    `background`: the facts of the rest of the catalog in a partial run. They come first, so
    a rule reporting the later file of a pair reports the linted one, and only linted files
    get findings.
    """
    facts = [r.facts for r in reports if r.facts is not None]
    hidden = {r.path: r.suppressed for r in reports}
    ctx = CatalogContext([*(background or []), *facts], settings.config, roots)
    findings: list[Finding] = []
    selection = settings.selection
    for rule in RULES:
        if rule.scope != "catalog" or rule.check is None or not selection.enabled(rule.code):
            continue
        for path, problem in rule.check(ctx):
            if background and path not in hidden:
                continue
            ignored = (*selection.ignored_in(path), *hidden.get(path, ()))
            if not any(rule.code.startswith(c) or c == "ALL" for c in ignored):
                findings.append(_finding(path, rule.code, problem, settings))
    return findings


def run_lint(
    paths: list[Path],
    settings: LintSettings,
    *,
    fix: bool = False,
    cache: bool = True,
    catalog: Path | None = None,
) -> LintResult:
    """Lint the role files at `paths` (files, or folders searched recursively).

    Unchanged files are answered from the cache; the others are parsed, in worker processes
    when there are many, and the results kept in input order so output is deterministic.
    With `fix`, files with safe fixes are rewritten (atomically) and linted again, so the
    result lists what is left.
    """
    targets = collect(paths, catalog)
    roots = [p for p in paths if p.is_dir()] or sorted({t.path.parent for t in targets})
    use_cache = cache and not fix
    # each file's version before it is read: a fix is written only over the text it was made for
    versions = [fsio.stamp(t.file) for t in targets] if fix else []
    with (
        LintCache(cache_file(settings.key, roots), settings.describe)
        if use_cache
        else contextlib.nullcontext()
    ) as store:
        reports = _reports(targets, settings, store)
    fixed = 0
    not_fixed: list[str] = []
    if fix:
        folders = {targets[i].path.parent for i, r in enumerate(reports) if r.fixes}
        for folder in sorted(folders):
            fsio.remove_stale_temporaries(folder)
        for index, report in enumerate(reports):
            if report.fixes:
                try:
                    fixed += apply_fixes(targets[index].path, report.fixes, versions[index])
                except RoleError as exc:  # the file keeps its findings, unfixed
                    not_fixed.append(exc.located())
                    continue
                reports[index] = lint_file(targets[index], settings)
    background = None
    if catalog is not None:
        from roledeck.lint import partial

        if partial.is_partial(paths, targets, catalog):
            done = {absolute(t.file) for t in targets}
            background = partial.rest_of_catalog(catalog, done, settings)
            roots = [catalog]
    linted = [r for r in reports if r.skipped is None]
    skipped = [r for r in reports if r.skipped is not None]
    del reports, targets  # from here on only findings are kept (memory flat at 10,000 files)
    findings = [finding for report in linted for finding in report.findings]
    findings.extend(lint_catalog(linted, settings, roots, background))
    count = len(linted)
    del linted
    findings.sort(key=SORT_KEY)
    return LintResult(findings, count, skipped, fixed, not_fixed)


def _reports(
    targets: list[Target], settings: LintSettings, store: LintCache | None
) -> list[FileReport]:
    """A report per target, in order: from the cache where valid, else freshly linted.

    A file's stamp is taken before it is linted, so a file edited meanwhile is linted again
    next time.
    """
    if store is None:
        return ordered_map(partial(lint_file, settings=settings), targets)
    reports: list[FileReport | None] = [None] * len(targets)
    todo: list[tuple[int, str, list[int] | None]] = []
    for index, target in enumerate(targets):
        key = cache_key(target)
        current = stamp(target.file)
        cached = store.get(key, current)
        if cached is None:
            todo.append((index, key, current))
        else:
            reports[index] = cached
    fresh = ordered_results(partial(lint_file, settings=settings), [targets[i] for i, _, _ in todo])
    for (index, key, current), report in zip(todo, fresh, strict=True):  # cached as they come
        reports[index] = report
        store.put(key, current, report)
    return [r for r in reports if r is not None]


def cache_key(target: Target) -> str:
    """A target's entry in the cache: the file, how it was found, and its docs root."""
    key = f"{absolute(target.file)}\0{target.root or ''}\0{target.refused or ''}"
    return key + f"\0{absolute(target.base)}" if target.base is not None else key


def apply_fixes(path: Path, edits: list[Edit], version: fsio.Stamp | None = None) -> int:
    """Apply non-overlapping edits to a file, keeping its BOM and line endings; count them.

    With `version` (the file's `fsio.stamp` before it was linted), the file is rewritten only
    if it is still that version: edits made for one text are never applied to another. A
    file that cannot be read or written is a `RoleError`, and the file is left as it was.
    """
    source = read_source(path)
    lines = source.text.split("\n")
    applied = 0
    taken: dict[int, list[tuple[int, int]]] = {}
    for edit in sorted(set(edits), key=lambda e: (e.line, -e.column)):
        start = edit.column - 1
        spans = taken.setdefault(edit.line, [])
        if any(start < end and start + edit.length > begin for begin, end in spans):
            continue
        line = lines[edit.line - 1]
        lines[edit.line - 1] = line[:start] + edit.text + line[start + edit.length :]
        spans.append((start, start + edit.length))
        applied += 1
    text = "\n".join(lines).replace("\n", source.newline)
    try:
        fsio.atomic_write(path, ("\ufeff" if source.bom else "") + text, expected=version)
    except fsio.ChangedOnDisk:
        message = "changed while being linted: not fixed (run roles lint --fix again)"
        raise RoleError(message, path=path, code="IO001") from None
    except OSError as exc:
        raise RoleError(f"cannot write the fixes: {exc.strerror or exc}", path=path) from None
    return applied
