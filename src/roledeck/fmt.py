"""`roles fmt`: role files rewritten to the canonical layout, and only when nothing is lost.

The new text is `render_markdown` of the parsed role with the frontmatter kept verbatim and the
file's own list styles (`Layout`). It is accepted only if parsing it again gives a role whose
content (`content_of`: everything but source lines) equals the original's, and if both render
to the same page (`page.difference`: the HTML of every section, comments aside); otherwise the
file is left alone and the refusal says what would have changed. So the formatter can only move
whitespace, list markers and sections around, never a word or a rendering, whatever the parser
or the renderer get wrong.

Decisions: line endings become LF; a UTF-8 byte-order mark is kept (Docusaurus reads it, and
some Windows editors insist on it); YAML role files are skipped, because rewriting them through
the schema would drop their comments (a `# yaml-language-server` line among them), which the
content check cannot see.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from roledeck import fsio
from roledeck.catalog import discover, relative_to
from roledeck.config import ProfilesConfig
from roledeck.errors import RoleError
from roledeck.model import Role, content_of
from roledeck.page import difference
from roledeck.parse import ROLE_SUFFIXES, YAML_SUFFIXES, parse_markdown
from roledeck.profiles import frontmatter_tags, is_profile, profile_base
from roledeck.render import render_markdown
from roledeck.source import DEFAULT_MAX_BYTES, SourceText, decode, read_bytes
from roledeck.vocabulary import DEFAULT_VOCABULARY, Vocabulary

MAX_LOSSES = 5
"""How many differences a refusal names (the first ones; the rest are counted)."""


@dataclass(frozen=True)
class FormatResult:
    """The canonical text of one document; `lost` non-empty means it must not be written."""

    new_text: str
    changed: bool
    lost: list[str] = field(default_factory=list)


def format_text(
    text: str,
    path: str | Path = "<text>",
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    mdx_comments: bool = False,
) -> FormatResult:
    """Format a Markdown role document given as text (a BOM, if any, as U+FEFF)."""
    source = decode(Path(path), text.encode("utf-8"))
    return format_source(source, text, vocabulary=vocabulary, mdx_comments=mdx_comments)


def format_source(
    source: SourceText,
    original: str,
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    mdx_comments: bool = False,
) -> FormatResult:
    """Format a decoded document; `original` is its text as stored, for the `changed` test.

    With `mdx_comments`, notes written as HTML comments become MDX comments (`{/* … */}`),
    which Docusaurus builds with or without `mdx1Compat.comments`. Raises `RoleError` if the
    document itself cannot be parsed.
    """
    doc = parse_markdown(source, vocabulary=vocabulary)
    role = with_mdx_comments(doc.role) if mdx_comments else doc.role
    frontmatter = doc.split.frontmatter if doc.split is not None else None
    rendered = render_markdown(
        role, vocabulary=vocabulary, frontmatter_text=frontmatter, layout=doc.layout
    )
    try:
        again = parse_markdown(SourceText(source.path, rendered), vocabulary=vocabulary)
    except RoleError as exc:  # a renderer bug: report it as what it is, never write
        return FormatResult(original, False, [f"the new text would not parse: {exc.message}"])
    lost = describe_loss(content_of(role), content_of(again.role))
    if not lost and doc.body is not None and again.body is not None:
        changed = difference(doc.body.text, again.body.text)
        if changed is not None:
            lost = [f"the page would render differently: {changed!r}"]
    if lost:
        return FormatResult(original, False, lost)
    new_text = ("\ufeff" if source.bom else "") + rendered
    return FormatResult(new_text, new_text != original)


def with_mdx_comments(role: Role) -> Role:
    """`role` with its HTML-comment notes as MDX comments (except those holding `*/`)."""
    notes = [
        note.model_copy(update={"syntax": "mdx"}) if "*/" not in note.text else note
        for note in role.notes
    ]
    return role.model_copy(update={"notes": notes})


# -- what a refusal says ----------------------------------------------------------------------


def describe_loss(before: Any, after: Any, *, limit: int = MAX_LOSSES) -> list[str]:
    """What turning content `before` into `after` would lose, add or change, readably.

    Lists are aligned like a diff, so one dropped item reads as one loss, not as every
    following item changing.
    """
    found: list[str] = []
    _compare(before, after, "", found)
    if len(found) > limit:
        found = [*found[:limit], f"and {len(found) - limit} more difference(s)"]
    return found


def _compare(before: Any, after: Any, path: str, found: list[str]) -> None:
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            where = f"{path}.{key}" if path else str(key)
            _compare(before.get(key), after.get(key), where, found)
    elif isinstance(before, list) and isinstance(after, list):
        _compare_lists(before, after, path, found)
    elif after is None or after == []:
        found.append(f"would lose: {path} {_snippet(before)}")
    elif path == "headings.title" and before is None:
        found.append(f"the H1 would be added: {_snippet(after)}")
    elif before is None or before == []:
        found.append(f"would add: {path} {_snippet(after)}")
    else:
        found.append(f"would change: {path} {_snippet(before)} → {_snippet(after)}")


def _compare_lists(before: list[Any], after: list[Any], path: str, found: list[str]) -> None:
    keys_before = [json.dumps(x, sort_keys=True) for x in before]
    keys_after = [json.dumps(x, sort_keys=True) for x in after]
    matcher = difflib.SequenceMatcher(a=keys_before, b=keys_after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                _compare(before[i1 + offset], after[j1 + offset], f"{path}[{i1 + offset}]", found)
            continue
        found.extend(f"would lose: {path}[{i}] {_snippet(before[i])}" for i in range(i1, i2))
        found.extend(f"would add: {path}[{j}] {_snippet(after[j])}" for j in range(j1, j2))


def _snippet(value: Any, width: int = 40) -> str:
    if isinstance(value, dict):
        value = next((value[k] for k in ("text", "title", "name") if k in value), value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


# -- files ------------------------------------------------------------------------------------


class Status(StrEnum):
    unchanged = "unchanged"
    reformatted = "reformatted"
    refused = "refused"
    skipped = "skipped"
    failed = "failed"
    not_profile = "not a profile"


@dataclass(frozen=True)
class FileOutcome:
    """What fmt did (or would do) to one file."""

    path: Path
    status: Status
    original: str = ""
    new_text: str = ""
    details: list[str] = field(default_factory=list)
    """What would be lost (refused), why it was skipped, or the error (failed)."""
    error: RoleError | None = None


def role_files(
    paths: Sequence[Path],
    *,
    profiles: ProfilesConfig | None = None,
    catalog: Path | None = None,
) -> tuple[list[FileTarget], list[RoleError]]:
    """The role files the user named: folders searched as the catalog is, files taken as given.

    A file found in a folder is formatted only if it is a role profile (`is_profile`, its
    path relative to `profile_base`; its tags are checked once read); a file named on the
    command line always is.
    """
    files: list[FileTarget] = []
    errors: list[RoleError] = []
    for path in paths:
        if path.is_dir():
            base = profile_base(path, catalog)
            files.extend(
                FileTarget(found, base)
                for found in discover(path)
                if profiles is None or is_profile(profiles, relative_to(found, base))
            )
        elif not path.exists():
            errors.append(RoleError("no such file or folder", path=path, code="IO001"))
        elif path.suffix.lower() not in ROLE_SUFFIXES:
            errors.append(
                RoleError(
                    f"not a role file (expected one of {', '.join(ROLE_SUFFIXES)})",
                    path=path,
                    code="USAGE",
                )
            )
        else:
            files.append(FileTarget(path))
    return list(dict.fromkeys(files)), errors


@dataclass(frozen=True)
class FileTarget:
    """A file to format, and the folder its profile path is relative to (None: named)."""

    path: Path
    base: Path | None = None


def format_file(
    path: Path,
    *,
    write: bool,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mdx_comments: bool = False,
    profiles: ProfilesConfig | None = None,
) -> FileOutcome:
    """Format one file; with `write`, replace it atomically when it changes.

    With `profiles`, a file whose frontmatter tags make it no profile is left alone
    (`Status.not_profile`). The file's version is noted before it is read, and the new text
    replaces only that version: an edit saved meanwhile is never overwritten.
    """
    if path.suffix.lower() in YAML_SUFFIXES:
        return FileOutcome(
            path, Status.skipped, details=["YAML role file: fmt only formats Markdown"]
        )
    before = fsio.stamp(path)
    try:
        data = read_bytes(path, max_bytes=max_bytes)
        source = decode(path, data)  # the located error for bad bytes; then decoding is safe
        if profiles is not None and profiles.tags and not _tagged_profile(source, profiles):
            return FileOutcome(path, Status.not_profile)
        original = data.decode("utf-8")
        result = format_source(source, original, vocabulary=vocabulary, mdx_comments=mdx_comments)
    except RoleError as exc:
        return FileOutcome(path, Status.failed, details=[exc.message], error=exc)
    if result.lost:
        return FileOutcome(path, Status.refused, original, original, result.lost)
    if not result.changed:
        return FileOutcome(path, Status.unchanged, original, original)
    if write:
        try:
            fsio.atomic_write(path, result.new_text, expected=before)
        except fsio.ChangedOnDisk:
            error = RoleError(
                "changed while being formatted: not written (run roles fmt again)",
                path=path,
                code="IO001",
            )
            return FileOutcome(path, Status.failed, original, original, [error.message], error)
        except OSError as exc:
            error = RoleError(f"cannot write: {exc.strerror or exc}", path=path, code="IO001")
            return FileOutcome(path, Status.failed, original, original, [error.message], error)
    return FileOutcome(path, Status.reformatted, original, result.new_text)


def _tagged_profile(source: SourceText, profiles: ProfilesConfig) -> bool:
    """The tag half of `is_profile`; broken frontmatter counts as a profile, so the full parse
    reports it (a broken file is always reported)."""
    try:
        tags = frontmatter_tags(source)
    except RoleError:
        return True
    return is_profile(profiles, None, tags)


def format_files(
    paths: Iterable[Path | FileTarget],
    *,
    write: bool,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mdx_comments: bool = False,
    profiles: ProfilesConfig | None = None,
) -> list[FileOutcome]:
    """Format every file; one file's failure never stops the others.

    Files that are not profiles are left out of the outcomes, as every command skips them.
    Before writing, temporary files that a killed run left in these folders are removed.
    """
    targets = [p if isinstance(p, FileTarget) else FileTarget(p) for p in paths]
    if write:
        for folder in dict.fromkeys(t.path.parent for t in targets):
            fsio.remove_stale_temporaries(folder)
    outcomes = (
        format_file(
            target.path,
            write=write,
            vocabulary=vocabulary,
            max_bytes=max_bytes,
            mdx_comments=mdx_comments,
            profiles=profiles if target.base is not None else None,
        )
        for target in targets
    )
    return [outcome for outcome in outcomes if outcome.status is not Status.not_profile]
