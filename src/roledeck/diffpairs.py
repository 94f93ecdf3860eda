"""How `roles diff` pairs the items of two lists, and the words of two paired items.

Items are paired by what they mean, not by position: equal keys first, then keys equal but
for case and punctuation, then the most similar words (bounded, so a list of thousands of
edits stays fast). Moves are what falls outside the longest run both sides agree on; the
words of a changed pair are aligned into `WordOp`s.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from roledeck.mdblocks import code_key
from roledeck.normalize import (
    PLACEHOLDER,
    Spans,
    Token,
    bag_of,
    comparable,
    name_pattern,
    normalize,
    text_of,
    tokenize,
    word_similarity,
)

WordOpKind = Literal["equal", "delete", "insert", "replace"]

_BUDGET = 100_000
"""Most similarity ratios computed for one list (thousands of unpaired items are rare)."""


@dataclass(frozen=True, slots=True)
class WordOp:
    """One step of a word-level edit. Concatenating every `old` gives the old text with runs
    of whitespace collapsed to one space; every `new`, the new text. A segment starts with
    the space that precedes it, if any. In an `equal` step old and new differ only where the
    role names were read as one placeholder.
    """

    op: WordOpKind
    old: str
    new: str


class Item:
    """An item as the comparison sees it: keys, words and where it came from.

    A plain class: the comparison builds many and never compares them (and a dataclass
    costs start-up time, which `roles diff` keeps small). Tokens are made only for items
    that pair up as changed: a megabyte paragraph that is simply added costs a regex pass,
    not a million token objects.
    """

    __slots__ = (
        "_tokens",
        "bag",
        "body",
        "keep",
        "key",
        "line",
        "loose",
        "name",
        "norm",
        "text",
        "where",
        "words",
    )

    def __init__(
        self,
        text: str,
        name: str | None,
        key: str | None,
        line: int | None,
        where: str | None,
        body: tuple[str, ...],
        keep: Spans = (),
    ) -> None:
        self.text = text
        self.name = name
        self.keep = keep
        norm = normalize(text, name, keep)
        self.norm = exact = with_code(text, norm, name)
        self.key = key or exact
        self.loose = loose = comparable(norm)
        self.line = line
        self.where = where
        self.body = body
        self.words = tuple(loose.split())
        self.bag = bag_of(self.words)
        self._tokens: list[Token] | None = None

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokenize(self.text, self.name, self.keep)
        return self._tokens


def new_item(
    text: str,
    name: str | None,
    line: int | None = None,
    *,
    key: str | None = None,
    where: str | None = None,
    body: tuple[str, ...] = (),
    keep: Spans = (),
) -> Item:
    return Item(text, name, key, line, where, body, keep)


def _ratio(a: Item, b: Item, floor: float) -> float:
    """Word similarity in [0, 1], the same whichever way round (so `diff B A` mirrors)."""
    return word_similarity(a.words, b.words, floor, (a.bag, b.bag))


def pair_items(
    old: Sequence[Item],
    new: Sequence[Item],
    *,
    similarity: float,
    loose: bool = True,
    fuzzy: bool = True,
) -> dict[int, int]:
    """Old index -> new index: equal keys first, then (`loose`) keys equal but for case and
    punctuation, then (`fuzzy`) the most similar pairs."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    keys: list[Callable[[Item], str]] = [lambda i: i.key]
    if loose:
        keys.append(lambda i: i.loose)
    for get in keys:
        waiting: dict[str, list[int]] = {}
        for j, item in enumerate(new):
            if j not in taken:
                waiting.setdefault(get(item), []).append(j)
        for i, item in enumerate(old):
            if i in pairs:
                continue
            js = waiting.get(get(item))
            if js:
                j = js.pop(0)
                pairs[i] = j
                taken.add(j)
    if not fuzzy:
        return pairs
    free_old = [i for i in range(len(old)) if i not in pairs]
    free_new = [j for j in range(len(new)) if j not in taken]
    band = len(old) + len(new)
    if len(free_old) * len(free_new) > _BUDGET:
        # a huge list of edits: compare only items near each other, or this takes minutes
        band = max(1, _BUDGET // max(len(free_old), len(free_new)) // 2)
    candidates: list[tuple[float, int, int, int, int]] = []
    for i in free_old:
        a = old[i]
        for j in free_new:
            if abs(i - j) > band:
                continue
            ratio = _ratio(a, new[j], similarity)
            if ratio >= similarity:
                candidates.append((-ratio, abs(i - j), min(i, j), i, j))
    for _, _, _, i, j in sorted(candidates):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def in_order(pairs: dict[int, int], prefer: set[int] | None = None) -> set[int]:
    """Old indexes of a longest run of pairs whose order both sides agree on.

    Only the pairs outside it moved: one item taken out and put back elsewhere is one move,
    not a shift of everything between. Among runs of the longest length, the one with the
    most `prefer`red items (unchanged ones) wins, so an item both edited and moved is one
    change rather than a change plus a move of its neighbour; the choice depends only on the
    pairs, so `diff B A` flags the same items as `diff A B`.
    """
    seq = sorted(pairs.items())
    if not seq:
        return set()
    prefer = prefer or set()
    size = max(j for _, j in seq) + 1
    tree: list[tuple[int, int, int]] = [(0, 0, -1)] * (size + 1)  # (length, preferred, at)
    back: list[int] = []
    best: tuple[int, int, int] = (0, 0, -1)
    for pos, (i, j) in enumerate(seq):
        before: tuple[int, int, int] = (0, 0, -1)
        k = j  # prefix maximum over new indexes < j (Fenwick tree, 1-based)
        while k > 0:
            before = max(before, tree[k])
            k -= k & -k
        here = (before[0] + 1, before[1] + (i in prefer), pos)
        back.append(before[2])
        best = max(best, here)
        k = j + 1
        while k <= size:
            tree[k] = max(tree[k], here)
            k += k & -k
    keep: set[int] = set()
    at = best[2]
    while at >= 0:
        keep.add(seq[at][0])
        at = back[at]
    return keep


def word_ops(old: list[Token], new: list[Token]) -> tuple[WordOp, ...]:
    """The word-level edit from `old` to `new` (names compared by their placeholder)."""
    matcher = difflib.SequenceMatcher(
        None, [t.key for t in old], [t.key for t in new], autojunk=False
    )
    raw = matcher.get_opcodes()
    merged: list[tuple[str, int, int, int, int]] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(raw):
        joins = merged and merged[-1][0] != "equal"
        if joins and tag == "equal":
            joins = index + 1 < len(raw) and _absorbed(old, new, merged[-1], raw[index + 1])
        if joins:
            _, p1, _, q1, _ = merged.pop()
            merged.append(("replace", p1, i2, q1, j2))
        else:
            merged.append((tag, i1, i2, j1, j2))
    ops: list[WordOp] = []
    for step, i1, i2, j1, j2 in merged:
        kind: WordOpKind = "equal"
        if step != "equal":
            kind = "replace" if i1 < i2 and j1 < j2 else ("delete" if i1 < i2 else "insert")
        ops.append(WordOp(kind, text_of(old[i1:i2]), text_of(new[j1:j2])))
    return tuple(ops)


def _absorbed(
    old: list[Token],
    new: list[Token],
    before: tuple[str, int, int, int, int],
    after: tuple[str, int, int, int, int],
) -> bool:
    """Whether one shared word between two edits reads better as part of one edit.

    "[-and-] security expert{+, manager+}" keeps "security expert"; but "[-a-] of [-b-]"
    reads better as "[-a of b-]{+of+}": a shared word no longer than the edits around it
    is absorbed (as diff-match-patch's semantic clean-up does), never a role name.
    """
    _, i1, i2, j1, j2 = before
    tag, a1, a2, b1, b2 = after
    if tag == "equal" or a1 - i2 != 1 or old[i2].key == PLACEHOLDER:
        return False
    size_before = max(len(text_of(old[i1:i2])), len(text_of(new[j1:j2])))
    size_after = max(len(text_of(old[a1:a2])), len(text_of(new[b1:b2])))
    return len(old[i2].text) <= min(size_before, size_after)


def with_code(text: str, norm: str, name: str | None) -> str:
    """The comparison key of a text that holds code: its words, and its code lines as
    written, since in code (unlike prose) indentation and line breaks are meaningful."""
    if "```" not in text and "~~~" not in text and "    " not in text:
        return norm
    code = code_key(text)
    if not code:
        return norm
    pattern = name_pattern(name) if name else None
    return f"{norm}\n{pattern.sub(PLACEHOLDER, code) if pattern else code}"
