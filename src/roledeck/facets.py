"""Which facets (sub-role kinds) a "how it works" introduction lists, and where.

The introduction names the facets the sections below describe: "…adopts a variety of roles,
including system administrator, developer, and security expert", "…takes on these roles:
developer and coach", "…works as a developer and coach". Only that list counts. A word of the
role's own name is not a facet ("an Engineering Manager adopts…" names no manager), nor is a
passing mention ("works closely with the product manager"). So the text is cut into the items
of its enumerations (at commas, colons, semicolons, 'and', 'or'), and a facet is mentioned
where an item *is* the facet: the facet alone (perhaps after an article), or the facet at the
end of the item right after a word that opens a list ("including", "as", "such as", "like"…).

Used by lint (CO002, CO003) and by name normalisation (`normalize`, `diff`, `new --from`),
which must not read a facet word as the role's name when the two are spelled alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_ARTICLES = frozenset({"a", "an", "the", "both", "also", "either", "one"})
_OPENERS = frozenset(
    {
        "including", "include", "includes", "included", "as", "like", "namely", "being",
        "becomes", "become", "becoming", "plays", "play", "playing", "especially", "notably",
        "mainly", "chiefly", "roles", "facets", "hats", "e.g", "eg", "i.e", "ie", "incl",
    }
)  # fmt: skip
"""Words after which an enumeration starts: "including developer", "works as a coach"."""
_SEPARATOR = re.compile(r"[,;:.!?—–]|\s(?:and|or|&|as well as|plus)\s", re.IGNORECASE)
_MASK = "\x00"
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*|\x00+")
"""Words, and each blanked-out name as one word (the role's own name)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A facet named in a list: its kind and where its phrase is in the text."""

    kind: str
    start: int
    end: int


@lru_cache(maxsize=256)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A facet phrase as a whole-word regex, singular or plural ('coach', 'coaches')."""
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.compile(rf"(?<![\w-])(?:{words})(?:e?s)?(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=256)
def name_pattern(name: str) -> re.Pattern[str] | None:
    """A role name as it is written in prose: any case, with an article, plural, possessive."""
    words = name.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:(?:an?|the)\s+)?{body}(?:e?s|['’]s)?(?![\w-])", re.IGNORECASE)


def mask_names(text: str, names: Iterable[str]) -> str:
    """`text` with every form of the names blanked out (offsets kept: same length)."""
    for name in sorted({n for n in names if n and n.strip()}, key=len, reverse=True):
        pattern = name_pattern(name)
        if pattern is not None:
            text = pattern.sub(lambda m: _MASK * len(m.group()), text)
    return text


def mentions(text: str, phrases: Mapping[str, str], names: Iterable[str] = ()) -> list[Mention]:
    """The facets `text` lists, in order, with the role's own `names` never counted.

    A list starts at an item that an opener introduces ("including developer", "as a coach"),
    or at a bare facet after a colon or at the start of a sentence; it goes on while the
    items are bare facets ("…, developer, and security expert").
    """
    masked = _PARENTHESES.sub(lambda m: " " * len(m.group()), mask_names(text, names))
    ordered = sorted(((k, p) for k, p in phrases.items() if p), key=lambda kv: -len(kv[1]))
    found: list[Mention] = []
    listing = False
    for start, end, opens in _items(masked, phrases):
        item = masked[start:end]
        if not item.strip():
            continue
        hit = None
        for kind, phrase in ordered:
            ending = _ending_with(item, phrase)
            if ending is not None:
                hit = (kind, *ending)
                break
        if hit is None or (hit[1] == "bare" and not (listing or opens)):
            listing = False
            continue
        found.append(Mention(hit[0], start + hit[2], start + hit[3]))
        listing = True
    return found


_PARENTHESES = re.compile(r"\([^()]*\)")
_LIST_BREAK = frozenset(".;!?—–")
_LIST_START = frozenset(":")


def _items(text: str, phrases: Mapping[str, str]) -> list[tuple[int, int, bool]]:
    """Spans of the items of the text's enumerations, and whether a list may start at each.

    A separator inside a facet's phrase ("Research and Development") does not cut it.
    """
    inside = [
        (m.start(), m.end())
        for phrase in phrases.values()
        if phrase
        for m in _phrase_pattern(phrase).finditer(text)
    ]
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    opens = True  # the start of the text is the start of a sentence
    for sep in _SEPARATOR.finditer(text):
        if any(a <= sep.start() < b for a, b in inside):
            continue
        spans.append((pos, sep.start(), opens))
        mark = sep.group().strip()
        if mark in _LIST_BREAK or mark in _LIST_START:
            opens = True
        elif text[pos : sep.start()].strip():
            opens = False
        pos = sep.end()
    spans.append((pos, len(text), opens))
    return spans


def _ending_with(item: str, phrase: str) -> tuple[str, int, int] | None:
    """Where `phrase` ends the item, and how it is introduced ('opener' or 'bare'), if it is a
    list entry naming it."""
    last = None
    for found in _phrase_pattern(phrase).finditer(item):
        last = found
    if last is None or item[last.end() :].strip():
        return None
    before = [w.lower() for w in _WORD.findall(item[: last.start()])]
    while before and before[-1] in _ARTICLES:
        before.pop()
    if not before:
        return "bare", last.start(), last.end()
    if before[-1] in _OPENERS:
        return "opener", last.start(), last.end()
    return None


def mentioned_kinds(text: str, phrases: Mapping[str, str], names: Iterable[str] = ()) -> set[str]:
    """The kinds `mentions` finds."""
    return {m.kind for m in mentions(text, phrases, names)}


def clashes(name: str, phrase: str) -> bool:
    """Whether a role's name is spelled like a facet ('Developer' and 'developer')."""
    pattern = _phrase_pattern(phrase)
    plain = " ".join(name.split())
    return bool(plain) and pattern.fullmatch(plain) is not None
