"""What `roles browse` works out, as data: the list's rows, its filter, its order, a role's
table of contents, and the editor command line.

The terminal UI (`roledeck.tui`) only draws these. Keeping them here means the filter and the
sort can be tested without a terminal, and that the UI thread only does cheap work per key
press: every row's lowered text is computed once, when the row is made, so filtering 10,000
rows is a loop of substring tests.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from roledeck.errors import RoleError
from roledeck.model import Heading, Role
from roledeck.summary import RoleSummary
from roledeck.vocabulary import Vocabulary, facet_phrase


def kind_phrases(vocabulary: Vocabulary) -> dict[str, str]:
    """How each sub-role kind is named in words ('security' -> 'security expert'): `has:`
    matches the kind or any word of its name, so `has:sec` and `has:expert` both work."""
    return {
        kind: facet_phrase(patterns[0]) if patterns and "{" not in patterns[0] else kind
        for kind, patterns in vocabulary.sub_roles.items()
    }


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the list: a role's summary, or a file that could not be read."""

    summary: RoleSummary | None
    error: RoleError | None
    path: str
    """The file (a summary's source, an error's path): what a row is known by on reload."""
    name: str
    id: str
    tags: tuple[str, ...]
    kinds: tuple[str, ...]
    needs: int
    duties: int
    search: str
    """Name, id, tags, path and sub-roles lowered, NUL-separated: where a bare word is looked
    for."""
    kind_words: tuple[str, ...]
    """The sub-role kinds and the words of their names, lowered (`has:`)."""

    @property
    def broken(self) -> bool:
        return self.error is not None


def entry_of(item: RoleSummary | RoleError, phrases: Mapping[str, str] | None = None) -> Entry:
    """The row of a summary or of an unreadable file (its message stands for its name)."""
    if isinstance(item, RoleError):
        path = item.path or ""
        return Entry(
            summary=None,
            error=item,
            path=path,
            name=item.message,
            id="",
            tags=(),
            kinds=(),
            needs=0,
            duties=0,
            search=f"{path}\0{item.message}".lower(),
            kind_words=(),
        )
    phrases = phrases or {}
    kinds = tuple(item.sub_roles)
    words = " ".join(f"{kind} {phrases.get(kind, '')}" for kind in kinds).lower()
    return Entry(
        summary=item,
        error=None,
        path=item.source or "",
        name=item.name,
        id=item.id,
        tags=tuple(item.tags),
        kinds=kinds,
        needs=item.needs,
        duties=item.duties,
        search="\0".join([item.name, item.id, *item.tags, item.source or "", words]).lower(),
        kind_words=tuple(words.split()),
    )


# -- the filter --------------------------------------------------------------------------------

Field = Literal["any", "name", "id", "tag", "has", "path", "is"]
FIELDS: dict[str, Field] = {
    "name": "name",
    "id": "id",
    "tag": "tag",
    "has": "has",
    "sub": "has",
    "path": "path",
    "is": "is",
}
"""Prefixes a filter word may carry (`tag:ops`); `no:KIND` is `-has:KIND`."""

_TERM = re.compile(r'(?P<neg>[-!]?)(?:(?P<field>[a-z]+):)?(?:"(?P<quoted>[^"]*)"?|(?P<word>\S*))')


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a filter: what to look for, where, and whether it must be absent."""

    field: Field
    text: str
    negate: bool = False


def parse_query(text: str) -> tuple[Term, ...]:
    """The filter's terms: words are ANDed; `-word` or `!word` excludes; `name:`, `id:`,
    `tag:` (a tag that starts so), `path:` look in one field; `has:KIND` / `no:KIND` for a
    sub-role; `is:broken` the files that could not be read; `"two words"` is one term. An
    unknown prefix is text; a prefix with nothing after it yet (`tag:`) is no term."""
    terms: list[Term] = []
    for match in _TERM.finditer(text.lower()):
        negate = bool(match.group("neg"))
        prefix = match.group("field")
        value = match.group("quoted") if match.group("quoted") is not None else match.group("word")
        value = value or ""
        if prefix == "no":
            field_: Field = "has"
            negate = not negate
        elif prefix in FIELDS:
            field_ = FIELDS[prefix]
        else:
            field_ = "any"
            if prefix is not None:
                value = f"{prefix}:{value}"
        if value:
            terms.append(Term(field_, value, negate))
    return tuple(terms)


def _holds(entry: Entry, term: Term) -> bool:
    text = term.text
    if term.field == "any":
        return text in entry.search
    if term.field == "name":
        return text in entry.name.lower()
    if term.field == "id":
        return text in entry.id.lower()
    if term.field == "tag":
        return any(tag.lower().startswith(text) for tag in entry.tags)
    if term.field == "path":
        return text in entry.path.lower()
    if term.field == "is":
        return entry.broken if "broken".startswith(text) or text == "error" else False
    return any(word.startswith(text) for word in entry.kind_words)


def matches(entry: Entry, terms: Sequence[Term]) -> bool:
    """Whether the row passes every term of the filter."""
    return all(_holds(entry, term) != term.negate for term in terms)


def filter_order(entries: Sequence[Entry], order: Iterable[int], text: str) -> list[int]:
    """The indexes of `order` (a sorted list of rows) whose rows pass the filter `text`."""
    terms = parse_query(text)
    if not terms:
        return list(order)
    return [index for index in order if matches(entries[index], terms)]


# -- the order ---------------------------------------------------------------------------------

SortKey = Literal["name", "id", "tags", "needs", "duties", "sub-roles", "path"]
SORT_KEYS: tuple[SortKey, ...] = ("name", "id", "tags", "needs", "duties", "sub-roles", "path")


def _key(entry: Entry, key: SortKey) -> tuple[object, ...]:
    if key == "name":
        return (entry.name.casefold(), entry.id)
    if key == "id":
        return (entry.id.casefold(),)
    if key == "tags":
        return (", ".join(entry.tags).casefold(), entry.name.casefold())
    if key == "needs":
        return (entry.needs, entry.name.casefold())
    if key == "duties":
        return (entry.duties, entry.name.casefold())
    if key == "sub-roles":
        return (len(entry.kinds), entry.name.casefold())
    return (entry.path,)


def sort_order(entries: Sequence[Entry], key: SortKey, *, reverse: bool = False) -> list[int]:
    """Row indexes sorted by `key`; files that could not be read come first, by path, in
    either direction (they are what needs attention)."""
    broken = sorted((i for i, e in enumerate(entries) if e.broken), key=lambda i: entries[i].path)
    fine = sorted(
        (i for i, e in enumerate(entries) if not e.broken),
        key=lambda i: _key(entries[i], key),
        reverse=reverse,
    )
    return broken + fine


# -- a role's table of contents ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """An entry of a role's table of contents.

    `labels` are the texts the rendered view may show for it, best first (the heading as
    written, then what the view writes for a missing one): the view is found by looking for
    them rather than by knowing its layout, so the table of contents keeps working whatever
    the view's renderer does. `line` is the heading's line in the file (for the editor).
    """

    title: str
    labels: tuple[str, ...]
    line: int | None
    depth: int = 0


def _labels(heading: Heading | None, default: str) -> tuple[tuple[str, ...], int | None]:
    if heading is None:
        return (default,), None
    return (heading.text, default), heading.line


def _the_less(title: str) -> str:
    return re.sub(r"^the\s+", "", title, flags=re.IGNORECASE)


def table_of_contents(role: Role) -> list[Section]:
    """The sections of a role, in the order `roles show` shows them, with short titles
    (a narrow column: "Needs" rather than "Why a DevOps Engineer is Needed")."""
    title_line = role.headings.title.line if role.headings.title else None
    sections = [Section(role.name, (role.name,), title_line)]
    if role.needs:
        labels, line = _labels(role.headings.needs, "Why it is needed")
        sections.append(Section("Needs", labels, line or role.needs[0].line))
    if role.duties or role.duties_intro:
        labels, line = _labels(role.headings.duties, "What it does")
        first = (role.duties_intro or role.duties)[0].line
        sections.append(Section("Duties", labels, line or first))
    if role.sub_roles or role.how_intro:
        labels, line = _labels(role.headings.how, "How it works")
        sections.append(Section("How it works", labels, line))
        for sub in role.sub_roles:
            short = _the_less(sub.title)
            sections.append(Section(short, (short, sub.title), sub.line, depth=1))
    for extra in role.extra_sections:
        sections.append(Section(extra.title, (extra.title,), extra.line))
    if role.notes:
        sections.append(Section("Notes", ("Notes",), role.notes[0].line))
    return sections


_DECORATION = re.compile(r"^[\s│┃|╭╮╰╯─━┌┐└┘#*•]+")


def locate_sections(lines: Sequence[str], sections: Sequence[Section]) -> list[int | None]:
    """The line of the rendered view (plain text) where each section starts, if found.

    Sections are looked for in order, each after the previous one: best a line that starts
    with one of its labels (box drawing and bullets aside) and holds nothing else but
    decoration or a note after two spaces, as headings do; else a line that starts with one
    (not a sentence that happens to, like "system administrator, developer and …"); else a
    line that holds one.
    """
    found: list[int | None] = []
    start = 0
    folded = [line.casefold() for line in lines]
    for section in sections:
        labels = [label.casefold() for label in section.labels if label.strip()]
        at = None
        for tier in (_heading_line, _leading, _holding):
            at = _first_line(folded, labels, start, tier)
            if at is not None:
                break
        found.append(at)
        if at is not None:
            start = at + 1
    return found


def _heading_line(line: str, label: str) -> bool:
    stripped = _DECORATION.sub("", line)
    if not stripped.startswith(label):
        return False
    rest = stripped[len(label) :]
    return not rest.strip() or rest.startswith("  ") or rest.lstrip()[:1] in _AFTER_HEADING


def _leading(line: str, label: str) -> bool:
    return _DECORATION.sub("", line).startswith(label)


def _holding(line: str, label: str) -> bool:
    return label in line


_AFTER_HEADING = frozenset("─━│╮┐(")


def _first_line(
    lines: Sequence[str], labels: Sequence[str], start: int, test: Callable[[str, str], bool]
) -> int | None:
    for number in range(start, len(lines)):
        if any(test(lines[number], label) for label in labels):
            return number
    return None


# -- the editor --------------------------------------------------------------------------------

_COLON_EDITORS = frozenset({"subl", "sublime_text", "hx", "helix", "zed", "kate"})
_GOTO_EDITORS = frozenset({"code", "code-insiders", "codium", "cursor", "windsurf"})


@dataclass(frozen=True, slots=True)
class EditorCall:
    """The command line that opens a file at a line, and whether it was a guess."""

    argv: list[str] = field(default_factory=list)
    fallback: bool = False
    """True when neither $VISUAL nor $EDITOR is set (vi is used, as git does)."""


def editor_command(path: str, line: int | None, environ: Mapping[str, str]) -> EditorCall:
    """`$VISUAL`, else `$EDITOR`, else `vi`, opening `path` at `line`.

    The value is split as a shell would (`EDITOR="code --wait"`). Most editors take
    `+LINE FILE` (vi, vim, nvim, emacs, nano, micro, kak); VS Code and its kin take
    `--goto FILE:LINE`, and Sublime Text, Helix, Zed and Kate take `FILE:LINE`.
    """
    raw = (environ.get("VISUAL") or "").strip() or (environ.get("EDITOR") or "").strip()
    try:
        argv = shlex.split(raw) if raw else []
    except ValueError:  # an unbalanced quote: taken as one program name
        argv = [raw]
    fallback = not argv
    argv = argv or ["vi"]
    program = PurePath(argv[0]).name.lower().removesuffix(".exe")
    if not line or line < 1:
        return EditorCall([*argv, path], fallback)
    if program in _GOTO_EDITORS:
        return EditorCall([*argv, "--goto", f"{path}:{line}"], fallback)
    if program in _COLON_EDITORS:
        return EditorCall([*argv, f"{path}:{line}"], fallback)
    return EditorCall([*argv, f"+{line}", path], fallback)
