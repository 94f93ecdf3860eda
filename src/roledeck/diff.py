"""Two roles compared field by field on the schema: what `roles diff` reports, as data.

A line diff of two profiles drowns in noise: the role name in every sentence, reflowed lines,
reordered bullets. Here each field is compared as what it means. Items of a list are paired by
similarity, not position, so an edited item is *changed* (with the words removed and added)
and a reordered one *moved*; by default each role's own name reads as one placeholder
(`normalize`), so a renamed copy differs only in its name. How items and words are paired:
`roledeck.diffpairs`.

The result lists every aligned pair, shared ones too (`kind == "same"`), in display order:
the side-by-side view shows them all, the other views only the changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from roledeck.diffpairs import (
    Item,
    WordOp,
    in_order,
    new_item,
    pair_items,
    word_ops,
)
from roledeck.model import ExtraSection, Paragraph, Role, SubRole
from roledeck.normalize import (
    facet_spans,
    name_in,
    role_facets,
    tokenize,
)

ChangeKind = Literal["same", "added", "removed", "changed", "moved"]

KINDS: tuple[ChangeKind, ...] = ("added", "removed", "changed", "moved")
"""The kinds of change, in the order summaries list them."""

SIMILARITY = 0.5
"""Two items whose words are at least this similar (difflib ratio) are one item, changed."""

_FRONTMATTER_FIRST = ("title", "tags", "sidebar_position")


@dataclass(frozen=True, slots=True)
class Change:
    """One aligned pair of items (or an item on one side only) of a section.

    `section` is e.g. "name", "frontmatter.tags", "summary", "needs", "duties", "how_intro",
    "sub_roles", "sub_role:manager", "extra_sections", "extra:<title>", "blocks", "notes".
    Indexes are 0-based positions in the section's list; `where` says, for notes and blocks,
    where in the role the item sits (old side, new side); `body` holds the paragraphs of an
    added or removed sub-role or section; `moved` marks a changed item that also moved.
    """

    section: str
    kind: ChangeKind
    old: str | None = None
    new: str | None = None
    old_line: int | None = None
    new_line: int | None = None
    old_index: int | None = None
    new_index: int | None = None
    words: tuple[WordOp, ...] = ()
    moved: bool = False
    old_where: str | None = None
    new_where: str | None = None
    body: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Side:
    """Which role a side of the comparison is."""

    id: str
    name: str
    article: str
    source: str | None


@dataclass(frozen=True)
class RoleDiff:
    """The comparison of two roles: every aligned pair of items, in display order."""

    old: Side
    new: Side
    literal: bool
    entries: tuple[Change, ...]
    titles: dict[str, str] = field(default_factory=dict)
    """Sub-role headings as written (the new role's where both have one), by section key."""

    @property
    def changes(self) -> list[Change]:
        """The entries that differ (what the unified views and JSON report)."""
        return [e for e in self.entries if e.kind != "same"]

    @property
    def equal(self) -> bool:
        return not any(e.kind != "same" for e in self.entries)

    def counts(self) -> dict[str, int]:
        """How many changes of each kind, in `KINDS` order (zeros included)."""
        found = Counter(e.kind for e in self.entries)
        return {kind: found[kind] for kind in KINDS}


def diff_roles(
    old: Role, new: Role, *, literal: bool = False, similarity: float = SIMILARITY
) -> RoleDiff:
    """Compare two roles; with `literal`, role names are compared as written in the text."""
    differ = _Differ(old, new, literal=literal, similarity=similarity)
    entries = tuple(differ.entries())
    return RoleDiff(
        old=Side(old.id, old.name, old.article, old.source),
        new=Side(new.id, new.name, new.article, new.source),
        literal=literal,
        entries=entries,
        titles=differ.titles,
    )


# -- the comparison ------------------------------------------------------------------------


class _Differ:
    """Compares two roles section by section."""

    def __init__(self, old: Role, new: Role, *, literal: bool, similarity: float) -> None:
        self.old = old
        self.new = new
        self.old_name = None if literal else old.name
        self.new_name = None if literal else new.name
        self.similarity = similarity
        self.titles: dict[str, str] = {}

    def entries(self) -> Iterable[Change]:
        yield self._name()
        yield from self._frontmatter()
        yield from self._paragraphs("summary", self.old.summary, self.new.summary)
        yield from self._list(
            "needs",
            [self._old(n.text, n.line) for n in self.old.needs],
            [self._new(n.text, n.line) for n in self.new.needs],
        )
        yield from self._paragraphs("duties_intro", self.old.duties_intro, self.new.duties_intro)
        yield from self._list(
            "duties",
            [self._old(_duty(d.name, d.description, d.bold), d.line) for d in self.old.duties],
            [self._new(_duty(d.name, d.description, d.bold), d.line) for d in self.new.duties],
        )
        yield from self._list(
            "how_intro",
            [self._intro(self.old, self.old_name, p) for p in self.old.how_intro],
            [self._intro(self.new, self.new_name, p) for p in self.new.how_intro],
        )
        yield from self._sub_roles()
        yield from self._extra_sections()
        yield from self._placed(
            "blocks",
            [self._old(b.text, b.line, where=_where(self.old, b.section)) for b in self.old.blocks],
            [self._new(b.text, b.line, where=_where(self.new, b.section)) for b in self.new.blocks],
        )
        yield from self._placed(
            "notes",
            [self._old(n.text, n.line, where=_where(self.old, n.section)) for n in self.old.notes],
            [self._new(n.text, n.line, where=_where(self.new, n.section)) for n in self.new.notes],
        )

    @staticmethod
    def _intro(role: Role, name: str | None, para: Paragraph) -> Item:
        """A paragraph of the "how" introduction: facets spelled like the name stay facets."""
        keep = facet_spans(para.text, name, role_facets(role))
        return new_item(para.text, name, para.line, keep=keep)

    def _old(self, text: str, line: int | None = None, **extra: Any) -> Item:
        return new_item(text, self.old_name, line, **extra)

    def _new(self, text: str, line: int | None = None, **extra: Any) -> Item:
        return new_item(text, self.new_name, line, **extra)

    # -- name and frontmatter --------------------------------------------------------------

    def _name(self) -> Change:
        old, new = self.old, self.new
        old_line = old.headings.title.line if old.headings.title else None
        new_line = new.headings.title.line if new.headings.title else None
        a, b = old.name, new.name
        if a == b and old.article != new.article:
            a, b = f"{old.article} {a}", f"{new.article} {b}"
        if a == b:
            return Change("name", "same", a, b, old_line, new_line)
        words = word_ops(tokenize(a), tokenize(b))
        return Change("name", "changed", a, b, old_line, new_line, words=words)

    def _frontmatter(self) -> Iterable[Change]:
        old = self.old.frontmatter.model_dump(mode="json")
        new = self.new.frontmatter.model_dump(mode="json")
        present = list(dict.fromkeys([*old, *new]))
        keys = [k for k in _FRONTMATTER_FIRST if k in present]
        keys += [k for k in present if k not in _FRONTMATTER_FIRST]
        for key in keys:
            section = f"frontmatter.{key}"
            a, b = old.get(key), new.get(key)
            if key == "tags" and isinstance(a, list | None) and isinstance(b, list | None):
                yield from self._list(
                    section,
                    [self._old(_value(t)) for t in a or []],
                    [self._new(_value(t)) for t in b or []],
                    fuzzy=False,
                )
                continue
            if a is None and b is None:
                continue
            if a is None:
                yield Change(section, "added", new=_value(b))
                continue
            if b is None:
                yield Change(section, "removed", old=_value(a))
                continue
            old_item, new_item = self._old(_value(a)), self._new(_value(b))
            if isinstance(a, str) and isinstance(b, str):
                same = old_item.key == new_item.key
            else:
                same = a == b
            if same:
                yield Change(section, "same", old_item.text, new_item.text)
            else:
                words = word_ops(old_item.tokens, new_item.tokens)
                yield Change(section, "changed", old_item.text, new_item.text, words=words)

    # -- lists -----------------------------------------------------------------------------

    def _paragraphs(
        self, section: str, old: list[Paragraph], new: list[Paragraph]
    ) -> Iterable[Change]:
        return self._list(
            section,
            [self._old(p.text, p.line) for p in old],
            [self._new(p.text, p.line) for p in new],
        )

    def _list(
        self, section: str, old: list[Item], new: list[Item], *, fuzzy: bool = True
    ) -> list[Change]:
        pairs = pair_items(old, new, similarity=self.similarity, fuzzy=fuzzy)
        return _aligned(section, old, new, pairs)

    def _placed(self, section: str, old: list[Item], new: list[Item]) -> list[Change]:
        """Notes and blocks: compared where they sit (order inside a place is noise); one
        that only changed place is moved."""
        out: list[Change] = []
        left: list[int] = []
        paired_new: set[int] = set()
        places = list(dict.fromkeys([i.where for i in new] + [i.where for i in old]))
        result: dict[int, Change] = {}
        for place in places:
            olds = [i for i, item in enumerate(old) if item.where == place]
            news = [j for j, item in enumerate(new) if item.where == place]
            pairs = pair_items(
                [old[i] for i in olds], [new[j] for j in news], similarity=self.similarity
            )
            for a, b in pairs.items():
                i, j = olds[a], news[b]
                result[j] = _paired(section, old[i], new[j], i, j, moved=False)
                paired_new.add(j)
            left += [olds[a] for a in range(len(olds)) if a not in pairs]
        rest_new = [j for j in range(len(new)) if j not in paired_new]
        moves = pair_items(
            [old[i] for i in left],
            [new[j] for j in rest_new],
            similarity=1.0,
            loose=False,
            fuzzy=False,
        )
        for a, b in moves.items():
            i, j = left[a], rest_new[b]
            result[j] = _paired(section, old[i], new[j], i, j, moved=True)
        for j, item in enumerate(new):
            out.append(result.get(j) or _one_side(section, "added", item, j))
        moved_old = {left[a] for a in moves}
        out += [_one_side(section, "removed", old[i], i) for i in left if i not in moved_old]
        return out

    # -- sub-roles and extra sections ------------------------------------------------------

    def _sub_roles(self) -> Iterable[Change]:
        old_keys, new_keys = _kind_keys(self.old.sub_roles), _kind_keys(self.new.sub_roles)
        old = [self._sub_item(s, k) for s, k in zip(self.old.sub_roles, old_keys, strict=True)]
        new = [
            self._sub_item(s, k, new=True)
            for s, k in zip(self.new.sub_roles, new_keys, strict=True)
        ]
        pairs = pair_items(old, new, similarity=1.0, loose=False, fuzzy=False)
        custom_old = [i for i, s in enumerate(self.old.sub_roles) if s.custom and i not in pairs]
        custom_new = [
            j for j, s in enumerate(self.new.sub_roles) if s.custom and j not in set(pairs.values())
        ]
        titles = pair_items(
            [new_item(self.old.sub_roles[i].title, None) for i in custom_old],
            [new_item(self.new.sub_roles[j].title, None) for j in custom_new],
            similarity=self.similarity,
        )
        for a, b in titles.items():
            pairs[custom_old[a]] = custom_new[b]
        yield from _aligned("sub_roles", old, new, pairs)
        for role, keys in ((self.old, old_keys), (self.new, new_keys)):
            self.titles.update(
                {f"sub_role:{k}": s.title for s, k in zip(role.sub_roles, keys, strict=True)}
            )
        for i, j in sorted(pairs.items(), key=lambda p: p[1]):
            old_sub, new_sub = self.old.sub_roles[i], self.new.sub_roles[j]
            old_name = name_in(self.old, old_sub) if self.old_name else None
            new_name = name_in(self.new, new_sub) if self.new_name else None
            yield from self._list(
                f"sub_role:{new_keys[j]}",
                [new_item(p.text, old_name, p.line) for p in old_sub.description],
                [new_item(p.text, new_name, p.line) for p in new_sub.description],
            )

    def _sub_item(self, sub: SubRole, key: str, *, new: bool = False) -> Item:
        # a sub-role heading is never read as the role's name: "The Developer" of the role
        # "Developer" is the facet, as in any other role
        body = tuple(p.text for p in sub.description)
        return new_item(sub.title, None, sub.line, key=key, body=body)

    def _extra_sections(self) -> Iterable[Change]:
        old = [self._extra_item(x) for x in self.old.extra_sections]
        new = [self._extra_item(x, new=True) for x in self.new.extra_sections]
        pairs = pair_items(old, new, similarity=self.similarity)
        yield from _aligned("extra_sections", old, new, pairs)
        for i, j in sorted(pairs.items(), key=lambda p: p[1]):
            yield from self._paragraphs(
                f"extra:{self.new.extra_sections[j].title}",
                self.old.extra_sections[i].blocks,
                self.new.extra_sections[j].blocks,
            )

    def _extra_item(self, extra: ExtraSection, *, new: bool = False) -> Item:
        make = self._new if new else self._old
        return make(extra.title, extra.line, body=tuple(p.text for p in extra.blocks))


def _aligned(section: str, old: list[Item], new: list[Item], pairs: dict[int, int]) -> list[Change]:
    """An ordered list, given its pairs: in the new order, each removal where it was."""
    unchanged = {i for i, j in pairs.items() if _equal(old[i], new[j])}
    keep = in_order(pairs, unchanged)
    by_new = {j: i for i, j in pairs.items()}
    removed = [i for i in range(len(old)) if i not in pairs]
    out: list[Change] = []

    def flush_removed(before: int) -> None:
        while removed and removed[0] < before:
            index = removed.pop(0)
            out.append(_one_side(section, "removed", old[index], index))

    # the old index of the next item that stays in order, from each new position on: a
    # removal is listed before the additions of the same gap, as a line diff does
    next_kept = [len(old)] * (len(new) + 1)
    for j in range(len(new) - 1, -1, -1):
        i = by_new.get(j)
        next_kept[j] = i if i is not None and i in keep else next_kept[j + 1]
    for j, item in enumerate(new):
        i = by_new.get(j)
        flush_removed(next_kept[j])
        if i is None:
            out.append(_one_side(section, "added", item, j))
            continue
        out.append(_paired(section, old[i], item, i, j, moved=i not in keep))
    flush_removed(len(old))
    return out


def _equal(a: Item, b: Item) -> bool:
    return a.key == b.key and a.norm == b.norm


def _paired(section: str, a: Item, b: Item, i: int, j: int, *, moved: bool) -> Change:
    if _equal(a, b):
        kind: ChangeKind = "moved" if moved else "same"
        return Change(
            section,
            kind,
            a.text,
            b.text,
            a.line,
            b.line,
            i,
            j,
            old_where=a.where,
            new_where=b.where,
        )
    return Change(
        section,
        "changed",
        a.text,
        b.text,
        a.line,
        b.line,
        i,
        j,
        word_ops(a.tokens, b.tokens),
        moved=moved,
        old_where=a.where,
        new_where=b.where,
    )


def _one_side(section: str, kind: ChangeKind, item: Item, index: int) -> Change:
    if kind == "removed":
        return Change(
            section,
            kind,
            old=item.text,
            old_line=item.line,
            old_index=index,
            old_where=item.where,
            body=item.body,
        )
    return Change(
        section,
        kind,
        new=item.text,
        new_line=item.line,
        new_index=index,
        new_where=item.where,
        body=item.body,
    )


def _duty(name: str, description: str | None, bold: bool) -> str:
    """A duty as one text, close to how it is written: `**Name**: description`."""
    text = f"**{name}**" if bold else name
    return f"{text}: {description}" if description else text


def _value(value: object) -> str:
    """A frontmatter value as text: strings as they are, anything else as JSON."""
    if isinstance(value, str):
        return value
    import json  # rare: only frontmatter values that are not strings

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _kind_keys(subs: list[SubRole]) -> list[str]:
    """Sub-role keys: the kind, numbered from the second one of a kind on."""
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for sub in subs:
        seen[sub.kind] += 1
        keys.append(sub.kind if seen[sub.kind] == 1 else f"{sub.kind}#{seen[sub.kind]}")
    return keys


def _where(role: Role, section: str) -> str:
    """A note's or block's place, named so that it means the same in both roles."""
    kind, _, index = section.partition(":")
    if index.isdigit():
        position = int(index)
        if kind == "sub_role" and position < len(role.sub_roles):
            return f"sub_role:{_kind_keys(role.sub_roles)[position]}"
        if kind == "extra" and position < len(role.extra_sections):
            return f"extra:{role.extra_sections[position].title}"
    return section
