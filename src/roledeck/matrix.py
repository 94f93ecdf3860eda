"""The catalog as a matrix: what `roles matrix` reports, as data.

Once a team has more than a handful of roles the questions are about the catalog: which roles
lack a facet, which duties several roles share or copied verbatim, which role is closest to
the one being written. Three views answer them:

- **sub-roles**: roles × sub-role kinds (the vocabulary's kinds, the canonical five first,
  then custom ones found in the roles). A role lacking a canonical kind is flagged `missing`.
- **duties**, **needs**: the items of all roles grouped by what they say (`grouping`), one
  row per group, a column per role. A group is `verbatim` when two roles write an item
  identically once each role's own name (with its article) reads as one placeholder and
  whitespace is collapsed; `similar` when roles word it differently but it was grouped by
  similarity (`diff`'s measure and threshold: difflib's ratio over the words, case and
  punctuation ignored, at least `SIMILARITY` = 0.5); `unique` when only one role has it.
  Duties are grouped by their name (the bold text); the description only tells verbatim
  copies from reworded ones.
- **similar**: the other roles ranked by how much they share with one role. A role's
  *features* are the need groups and duty groups it is in (as above) and its sub-role kinds;
  the score of a role X for the role R is the Dice coefficient
  `2 × |shared features| / (|features of R| + |features of X|)`, from 0 (nothing shared) to
  1 (the same needs, duties and sub-roles). A shared need or duty is verbatim when both
  roles have one identical wording; a shared sub-role when both describe it identically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from roledeck.catalog import Catalog
from roledeck.diff import SIMILARITY
from roledeck.errors import RoleError
from roledeck.grouping import Entry, Group, group_entries
from roledeck.model import CANONICAL_KINDS, Duty, Role
from roledeck.normalize import name_in, normalize
from roledeck.vocabulary import Vocabulary

By = Literal["sub-roles", "duties", "needs"]
Mark = Literal["has", "variant", "missing", "absent"]
"""A cell: the role has it (in the group's main wording), has it worded differently, lacks
a canonical sub-role, or lacks it."""
Flag = Literal["verbatim", "similar", "unique", "missing"]
Section = Literal["needs", "duties", "sub-roles"]

FLAGS: tuple[Flag, ...] = ("verbatim", "similar", "unique", "missing")


@dataclass(frozen=True, slots=True)
class RoleRef:
    """A role as the matrix names it; `short` is unique in the matrix (for narrow columns)."""

    id: str
    name: str
    short: str
    source: str | None


@dataclass(frozen=True, slots=True)
class Axis:
    """The heading of a row or a column.

    A role (`key` its id, `label` its name), a sub-role kind (`key` the kind, `label` its
    heading), or a group of items (`key` like `D3`, `label` its main wording).
    """

    key: str
    label: str
    canonical: bool = False
    """For a sub-role kind: a lacking role is flagged `missing`."""
    role: int | None = None
    """For a role: its index in `Matrix.roles`."""


@dataclass(frozen=True, slots=True)
class Wording:
    """One way a group's item is written; `roles` are indexes into `Matrix.roles`."""

    text: str
    key: str
    roles: tuple[int, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Row:
    """One row: a mark per column, how many columns are marked, and the row's flags."""

    head: Axis
    marks: tuple[Mark, ...]
    counts: tuple[int, ...]
    """How many items (or sub-roles) each column has in this row: 2 for a repeated item."""
    total: int
    flags: tuple[Flag, ...]
    missing: tuple[str, ...] = ()
    """Sub-roles view: the canonical kinds the role lacks."""
    wordings: tuple[Wording, ...] = ()
    """Items views: every wording, the most widely shared first."""


@dataclass(frozen=True)
class Matrix:
    """A view of the selected roles; rows × columns of marks, with totals."""

    by: By
    roles: tuple[RoleRef, ...]
    columns: tuple[Axis, ...]
    rows: tuple[Row, ...]
    similarity: float = SIMILARITY

    @property
    def column_totals(self) -> tuple[int, ...]:
        """How many rows each column is marked in (a missing facet is not a mark)."""
        totals = [0] * len(self.columns)
        for row in self.rows:
            for index, mark in enumerate(row.marks):
                if mark in ("has", "variant"):
                    totals[index] += 1
        return tuple(totals)

    def flagged(self, flag: Flag) -> list[Row]:
        return [row for row in self.rows if flag in row.flags]


@dataclass(frozen=True, slots=True)
class Shared:
    """An item two roles share: as the ranked-against role writes it, and as the other does."""

    section: Section
    verbatim: bool
    text: str
    other: str


@dataclass(frozen=True, slots=True)
class Match:
    """Another role and what it shares with the role ranked against."""

    role: RoleRef
    score: float
    features: int
    shared: tuple[Shared, ...]


@dataclass(frozen=True)
class Ranking:
    """`--similar ROLE`: the other roles, the closest first; those sharing nothing left out."""

    role: RoleRef
    features: int
    matches: tuple[Match, ...]
    unrelated: tuple[RoleRef, ...]
    similarity: float = SIMILARITY


# -- choosing the roles ------------------------------------------------------------------------


def select(
    catalog: Catalog, names: Sequence[str], tags: Sequence[str]
) -> tuple[list[Role], list[RoleError]]:
    """The roles named and the roles with any of `tags` (either adds to the selection); with
    neither, every role of the catalog, by id. Also the files that could not be read, when
    the selection depends on the whole catalog (they are reported, as `roles list` does).
    """
    if len(names) == 1 and not tags:
        return [catalog.resolve(names[0])], []  # reads one file when the name is an id
    roles, errors = catalog.load_all()
    if not names and not tags:
        return sorted(roles, key=lambda r: r.id), errors
    chosen = [catalog.resolve_among(name, roles, errors) for name in names]
    if not tags:
        return _unique(chosen), []
    wanted = {t.casefold() for t in tags}
    tagged = [r for r in roles if wanted & {t.casefold() for t in r.frontmatter.tag_labels}]
    if not tagged and not names:
        shown = ", ".join(repr(t) for t in tags)
        raise RoleError(f"no role has the tag {shown}", code="USAGE")
    return _unique([*chosen, *sorted(tagged, key=lambda r: r.id)]), errors


def _unique(roles: Iterable[Role]) -> list[Role]:
    seen: set[str] = set()
    out: list[Role] = []
    for role in roles:
        if role.id not in seen:
            seen.add(role.id)
            out.append(role)
    return out


# -- role abbreviations ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def abbreviations(names: Sequence[str]) -> list[str]:
    """A short, unique label per name: initials, numbers kept ("Data Lead 0042" -> "DL42").

    Column headers of a matrix with many roles must stay narrow; a legend maps them back. A
    clash takes a counter ("DL", "DL2"; "DL42-2" after a number).
    """
    used: set[str] = set()
    out: list[str] = []
    for name in names:
        base = _initials(name)
        short, n = base, 2
        while short.casefold() in used:
            short = f"{base}-{n}" if base[-1].isdigit() else f"{base}{n}"
            n += 1
        used.add(short.casefold())
        out.append(short)
    return out


def _initials(name: str) -> str:
    letters = ""
    digits = ""
    for word in _WORD.findall(name):
        if word.isdigit():
            digits += word.lstrip("0") or "0"
        elif len(letters) < 4:
            letters += word[0].upper()
    return (letters + digits)[:8] or "R"


def role_refs(roles: Sequence[Role]) -> tuple[RoleRef, ...]:
    shorts = abbreviations([r.name for r in roles])
    return tuple(
        RoleRef(r.id, r.name, short, r.source) for r, short in zip(roles, shorts, strict=True)
    )


# -- sub-roles ---------------------------------------------------------------------------------


def canonical_kinds(vocabulary: Vocabulary) -> tuple[str, ...]:
    """The kinds whose absence is flagged: the canonical five the vocabulary has, or, if it
    replaced them all, its own kinds."""
    kinds = tuple(vocabulary.sub_roles)
    return tuple(k for k in kinds if k in CANONICAL_KINDS) or kinds


def sub_role_matrix(roles: Sequence[Role], vocabulary: Vocabulary) -> Matrix:
    """Roles × sub-role kinds: the vocabulary's kinds, canonical ones first, then custom ones
    in order of appearance."""
    canonical = canonical_kinds(vocabulary)
    known = [*canonical, *(k for k in vocabulary.sub_roles if k not in canonical)]
    titles = {kind: _kind_title(kind, vocabulary.sub_roles.get(kind, [])) for kind in known}
    for role in roles:
        for sub in role.sub_roles:
            if sub.kind not in titles:
                titles[sub.kind] = _spaced(sub.title)
    kinds = list(titles)
    columns = tuple(Axis(kind, titles[kind], canonical=kind in canonical) for kind in kinds)
    refs = role_refs(roles)
    rows: list[Row] = []
    for index, role in enumerate(roles):
        counts = dict.fromkeys(kinds, 0)
        for sub in role.sub_roles:
            counts[sub.kind] += 1
        marks: list[Mark] = [
            "has" if counts[k] else ("missing" if k in canonical else "absent") for k in kinds
        ]
        missing = tuple(k for k in kinds if not counts[k] and k in canonical)
        rows.append(
            Row(
                head=Axis(role.id, role.name, role=index),
                marks=tuple(marks),
                counts=tuple(counts[k] for k in kinds),
                total=sum(1 for k in kinds if counts[k]),
                flags=("missing",) if missing else (),
                missing=missing,
            )
        )
    return Matrix("sub-roles", refs, columns, tuple(rows))


def _kind_title(kind: str, patterns: Sequence[str]) -> str:
    """A kind's heading, as the vocabulary writes it first ("The Security Expert")."""
    first = next((p for p in patterns if "{" not in p), None)
    return _spaced(first) if first else kind


def _spaced(text: str) -> str:
    return " ".join(text.split())


# -- needs and duties ----------------------------------------------------------------------------


def _duty_text(duty: Duty) -> str:
    return f"{duty.name}: {duty.description}" if duty.description else duty.name


def _entries(roles: Sequence[Role], section: Literal["needs", "duties"]) -> list[Entry]:
    """Every item of `section` of every role, normalised for grouping."""
    entries: list[Entry] = []
    for index, role in enumerate(roles):
        if section == "needs":
            for need in role.needs:
                key = normalize(need.text, role.name)
                entries.append(Entry(index, _spaced(need.text), key, key))
        else:
            for duty in role.duties:
                text = _duty_text(duty)
                key = normalize(text, role.name)
                match = normalize(duty.name, role.name) if duty.description else key
                entries.append(Entry(index, _spaced(text), key, match))
    return entries


def _row_order(groups: list[Group]) -> list[Group]:
    """The most widely shared first; among equals, in order of first appearance."""
    return sorted(groups, key=lambda g: (-len(g.owners), g.first))


def item_matrix(
    roles: Sequence[Role],
    section: Literal["needs", "duties"],
    *,
    similarity: float = SIMILARITY,
) -> Matrix:
    """Groups of the roles' needs or duties × roles."""
    refs = role_refs(roles)
    groups = _row_order(group_entries(_entries(roles, section), similarity))
    prefix = "N" if section == "needs" else "D"
    columns = tuple(Axis(r.id, r.name, role=i) for i, r in enumerate(refs))
    rows: list[Row] = []
    for number, group in enumerate(groups, start=1):
        counts = [0] * len(roles)
        for wording in group.wordings:
            for owner, times in zip(wording.owners, wording.counts, strict=True):
                counts[owner] += times
        main = set(group.main.owners)
        marks: list[Mark] = [
            ("has" if i in main else "variant") if counts[i] else "absent"
            for i in range(len(roles))
        ]
        rows.append(
            Row(
                head=Axis(f"{prefix}{number}", group.main.text),
                marks=tuple(marks),
                counts=tuple(counts),
                total=len(group.owners),
                flags=_flags(group),
                wordings=tuple(Wording(w.text, w.key, w.owners, w.count) for w in group.wordings),
            )
        )
    return Matrix(section, refs, columns, tuple(rows), similarity)


def _flags(group: Group) -> tuple[Flag, ...]:
    if len(group.owners) == 1:
        return ("unique",)
    flags: list[Flag] = []
    if any(len(w.owners) > 1 for w in group.wordings):
        flags.append("verbatim")
    if len(group.wordings) > 1:
        flags.append("similar")
    return tuple(flags)


def build(roles: Sequence[Role], by: By, vocabulary: Vocabulary) -> Matrix:
    """The matrix of one view."""
    if by == "sub-roles":
        return sub_role_matrix(roles, vocabulary)
    return item_matrix(roles, by)


# -- the closest roles -------------------------------------------------------------------------


def rank_similar(
    target: Role, others: Sequence[Role], *, similarity: float = SIMILARITY
) -> Ranking:
    """The roles of `others` (the target itself left out) ranked by what they share with it."""
    roles = [target, *(r for r in others if r.id != target.id)]
    refs = role_refs(roles)
    features: list[dict[str, tuple[Section, int]]] = [{} for _ in roles]
    groups: dict[Section, list[Group]] = {}
    for section in ("needs", "duties"):
        groups[section] = group_entries(_entries(roles, section), similarity)
        for number, group in enumerate(groups[section]):
            for owner in group.owners:
                features[owner][f"{section}:{number}"] = (section, number)
    descriptions: list[dict[str, str]] = []
    for index, role in enumerate(roles):
        described: dict[str, str] = {}
        for sub in role.sub_roles:
            features[index].setdefault(f"sub-roles:{sub.kind}", ("sub-roles", 0))
            text = " ".join(p.text for p in sub.description)
            described.setdefault(sub.kind, normalize(text, name_in(role, sub)))
        descriptions.append(described)
    mine = features[0]
    matches: list[Match] = []
    unrelated: list[RoleRef] = []
    for index in range(1, len(roles)):
        theirs = features[index]
        common = [f for f in mine if f in theirs]
        if not common:
            unrelated.append(refs[index])
            continue
        shared: list[Shared] = []
        for feature in common:
            section, number = mine[feature]
            if section == "sub-roles":
                kind = feature.partition(":")[2]
                same = descriptions[0][kind] == descriptions[index][kind]
                title = next(s.title for s in roles[0].sub_roles if s.kind == kind)
                other = next(s.title for s in roles[index].sub_roles if s.kind == kind)
                shared.append(Shared(section, same, _spaced(title), _spaced(other)))
            else:
                shared.append(_shared_item(section, groups[section][number], index))
        score = 2 * len(common) / (len(mine) + len(theirs))
        matches.append(Match(refs[index], score, len(theirs), tuple(shared)))
    matches.sort(key=lambda m: (-m.score, -len(m.shared), m.role.id))
    return Ranking(refs[0], len(mine), tuple(matches), tuple(unrelated), similarity)


def _shared_item(section: Section, group: Group, other: int) -> Shared:
    """A group both roles are in: verbatim if one wording is both roles'."""
    own = next(w for w in group.wordings if 0 in w.owners)
    theirs = next(w for w in group.wordings if other in w.owners)
    both = next((w for w in group.wordings if 0 in w.owners and other in w.owners), None)
    if both is not None:
        return Shared(section, True, both.text, both.text)
    return Shared(section, False, own.text, theirs.text)
