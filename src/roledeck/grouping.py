"""Texts of many roles grouped by what they say, in about linear time: `roles matrix`'s rows.

`diff` pairs the items of two lists; a catalog needs the items of a thousand roles grouped at
once, and comparing every item with every other is quadratic (10,000 items: 50 million
ratios). So the work is done in three passes, the cheap ones first:

1. *verbatim*: items whose normalised text (`normalize.normalize`: the role's own name read
   as a placeholder, whitespace collapsed) is identical are one wording — a dict;
2. *loose*: wordings equal but for case and punctuation (`normalize.comparable`) are one
   cluster — a dict again;
3. *similar*: clusters are grouped by word similarity (`normalize.word_similarity`, the
   measure and threshold `diff` pairs items with). Clusters are taken most widely shared
   first; each joins the most similar group so far (its first cluster's words) if the ratio
   reaches the threshold and the group has no item of the same role yet — two different
   items of one role are never one row — else it starts a group. Candidates come from an
   index of the groups' rarest words (*prefix filtering*): a pair whose ratio can reach the
   threshold must share enough words that at least one of each side's rarest ones is common
   to both, so only groups sharing such a word are ever compared.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from roledeck.normalize import bag_of, comparable, word_similarity


@dataclass(frozen=True, slots=True)
class Entry:
    """One item to group: whose it is, its text, and its comparison keys."""

    owner: int
    """Which role it belongs to (an index the caller chose)."""
    text: str
    """As written (what is shown)."""
    key: str
    """The normalised text: equal keys are verbatim copies."""
    match: str
    """What similarity compares (normalised); for a duty, its name without the description."""


@dataclass(frozen=True, slots=True)
class Wording:
    """One way a group's item is written: the entries with one key."""

    key: str
    text: str
    """The first entry's text as written."""
    owners: tuple[int, ...]
    """The roles that write it so, ascending."""
    counts: tuple[int, ...]
    """How many times each of `owners` writes it (a role may repeat an item)."""
    count: int
    """How many entries in all."""
    first: int
    """Position of the first entry in the input."""


@dataclass(frozen=True, slots=True)
class Group:
    """Items that say the same thing: wordings, the most widely shared first."""

    wordings: tuple[Wording, ...]
    owners: tuple[int, ...]
    first: int

    @property
    def main(self) -> Wording:
        return self.wordings[0]


class _Cluster:
    """Wordings equal but for case and punctuation (pass 2)."""

    __slots__ = ("bag", "first", "owners", "wordings", "words")

    def __init__(self, words: tuple[str, ...], first: int) -> None:
        self.words = words
        self.bag = bag_of(words)
        self.first = first
        self.owners: set[int] = set()
        self.wordings: list[_Building] = []


class _Building:
    __slots__ = ("count", "first", "key", "owners", "text")

    def __init__(self, entry: Entry, first: int) -> None:
        self.key = entry.key
        self.text = entry.text
        self.first = first
        self.owners: dict[int, int] = {}
        self.count = 0


def group_entries(entries: Sequence[Entry], similarity: float) -> list[Group]:
    """Groups of `entries`, in order of their first entry."""
    wordings: dict[str, _Building] = {}
    clusters: dict[str, _Cluster] = {}
    for index, entry in enumerate(entries):
        wording = wordings.get(entry.key)
        if wording is None:
            wording = wordings[entry.key] = _Building(entry, index)
            loose = comparable(entry.match) or f"\0{entry.key}"
            cluster = clusters.get(loose)
            if cluster is None:
                words = tuple(loose.split()) if not loose.startswith("\0") else ()
                cluster = clusters[loose] = _Cluster(words, index)
            cluster.wordings.append(wording)
        wording.owners[entry.owner] = wording.owners.get(entry.owner, 0) + 1
        wording.count += 1
    for cluster in clusters.values():
        for wording in cluster.wordings:
            cluster.owners.update(wording.owners)
    merged = _merge(list(clusters.values()), similarity)
    groups = [_group(members) for members in merged]
    groups.sort(key=lambda g: g.first)
    return groups


def _merge(clusters: list[_Cluster], similarity: float) -> list[list[_Cluster]]:
    """Pass 3: leader clustering with a prefix-filter index (see the module docstring)."""
    clusters.sort(key=lambda c: (-len(c.owners), c.first))
    frequency: dict[str, int] = {}
    tokens_of: list[list[str]] = []
    for cluster in clusters:
        tokens = _tokens(cluster.words)
        tokens_of.append(tokens)
        for token in tokens:
            frequency[token] = frequency.get(token, 0) + 1
    # a ratio >= s needs at least s/(2-s) of each side's words in common (see _prefix)
    share = similarity / (2 - similarity) if similarity > 0 else 0.0
    groups: list[list[_Cluster]] = []
    owners: list[set[int]] = []
    index: dict[str, list[int]] = {}
    for cluster, tokens in zip(clusters, tokens_of, strict=True):
        best = -1
        if cluster.words and similarity > 0:
            prefix = _prefix(tokens, frequency, share)
            best = _best_group(cluster, prefix, index, groups, owners, similarity, share)
        if best >= 0:
            groups[best].append(cluster)
            owners[best] |= cluster.owners
            continue
        groups.append([cluster])
        owners.append(set(cluster.owners))
        if cluster.words:
            for token in _prefix(tokens, frequency, share):
                index.setdefault(token, []).append(len(groups) - 1)
    return groups


def _best_group(
    cluster: _Cluster,
    prefix: list[str],
    index: dict[str, list[int]],
    groups: list[list[_Cluster]],
    owners: list[set[int]],
    similarity: float,
    share: float,
) -> int:
    size = len(cluster.words)
    low, high = size * share, size / share if share else math.inf
    seen: set[int] = set()
    best, best_ratio = -1, 0.0
    for token in prefix:
        for candidate in index.get(token, ()):
            if candidate in seen:
                continue
            seen.add(candidate)
            leader = groups[candidate][0]
            if not low <= len(leader.words) <= high or owners[candidate] & cluster.owners:
                continue
            # a candidate that cannot beat the best so far is dismissed by the cheap bound
            floor = max(similarity, best_ratio)
            ratio = word_similarity(cluster.words, leader.words, floor, (cluster.bag, leader.bag))
            better = ratio > best_ratio or (ratio == best_ratio and candidate < best)
            if ratio >= similarity and better:
                best, best_ratio = candidate, ratio
    return best


def _tokens(words: tuple[str, ...]) -> list[str]:
    """Words as a set: a repeated word gets a count suffix (`and`, `and#2`)."""
    seen: dict[str, int] = {}
    tokens: list[str] = []
    for word in words:
        n = seen[word] = seen.get(word, 0) + 1
        tokens.append(word if n == 1 else f"{word}#{n}")
    return tokens


def _prefix(tokens: list[str], frequency: dict[str, int], share: float) -> list[str]:
    """The rarest tokens, as many as a similar text must share at least one of.

    With `t` the fewest tokens a similar text shares (`ceil(share * len)`), any two texts
    sharing `t` tokens share one among the `len - t + 1` rarest of each (in one global order).
    """
    ordered = sorted(tokens, key=lambda t: (frequency[t], t))
    least = max(1, math.ceil(share * len(tokens) - 1e-9))
    return ordered[: len(tokens) - least + 1]


def _group(members: list[_Cluster]) -> Group:
    wordings = [w for cluster in members for w in cluster.wordings]
    wordings.sort(key=lambda w: (-len(w.owners), -w.count, w.first))
    owners: set[int] = set()
    for wording in wordings:
        owners.update(wording.owners)
    return Group(
        wordings=tuple(
            Wording(
                w.key,
                w.text,
                tuple(sorted(w.owners)),
                tuple(w.owners[o] for o in sorted(w.owners)),
                w.count,
                w.first,
            )
            for w in wordings
        ),
        owners=tuple(sorted(owners)),
        first=min(w.first for w in wordings),
    )
