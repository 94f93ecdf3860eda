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

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
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


_TOKEN = re.compile(r"[^\W_]+")
_PLAIN_NAME = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")
_NAME_ARTICLES = frozenset({"a", "an", "the"})
_SUFFIXES = ("", "s", "es")


def mask_names(text: str, names: Iterable[str]) -> str:
    """`text` with every form of the names blanked out (offsets kept: same length).

    Every form: any case, after an article, plural, possessive. Names of plain words are
    matched on the text's words (no regex compiled per name: a catalog has a thousand names);
    others through `name_pattern`.
    """
    spans: list[tuple[int, int]] = []
    tokens: list[re.Match[str]] | None = None
    for name in sorted({n for n in names if n and n.strip()}, key=len, reverse=True):
        if _PLAIN_NAME.fullmatch(name.strip()):
            if tokens is None:
                tokens = list(_TOKEN.finditer(text))
            spans += _word_matches(text, tokens, name.casefold().split())
        else:
            pattern = name_pattern(name)
            if pattern is not None:
                spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = _MASK * (end - start)
    return "".join(chars)


def _word_matches(
    text: str, tokens: list[re.Match[str]], words: list[str]
) -> list[tuple[int, int]]:
    """Where the words follow each other (whitespace between), an article before allowed,
    a plural or possessive ending on the last."""
    found: list[tuple[int, int]] = []
    size = len(words)
    first = words[0]
    for i, token in enumerate(tokens):
        word = token.group().casefold()
        if i + size > len(tokens) or not word.startswith(first):
            continue
        run = tokens[i : i + size]
        if size > 1 and word != first:
            continue
        if any(run[k].group().casefold() != words[k] for k in range(1, size - 1)):
            continue
        last = run[-1].group().casefold()
        if not any(last == words[-1] + x for x in _SUFFIXES):
            continue
        if any(text[a.end() : b.start()].strip() for a, b in itertools.pairwise(run)):
            continue
        start, end = run[0].start(), run[-1].end()
        if text[end : end + 2] in ("'s", "’s"):
            end += 2
        if (start and text[start - 1] in "-") or (end < len(text) and text[end] == "-"):
            continue
        if i and tokens[i - 1].group().casefold() in _NAME_ARTICLES:
            before = tokens[i - 1]
            if not text[before.end() : start].strip():
                start = before.start()
        found.append((start, end))
    return found


def mentions(text: str, phrases: Mapping[str, str], names: Iterable[str] = ()) -> list[Mention]:
    """The facets `text` lists, in order, with the role's own `names` never counted.

    A list starts at an item that an opener introduces ("including developer", "as a coach"),
    or at a bare facet after a colon or at the start of a sentence; it goes on while the
    items are bare facets ("…, developer, and security expert"). Each phrase is searched once
    over the whole text, so the work is linear; past `MAX_TEXT` characters nothing is read (an
    introduction is a paragraph or two; a crafted megabyte one stays fast).
    """
    text = text[:MAX_TEXT]
    # only a name holding a facet or a list separator can change what the list says
    # ("an Engineering Manager", "Research and Development Lead"): the others are left as
    # they are, which spares a scan per name in most files
    masking = [n for n in names if n and _matters(n, phrases)]
    masked = mask_names(text, masking) if masking else text
    if "(" in masked:
        masked = _PARENTHESES.sub(lambda m: " " * len(m.group()), masked)
    occurrences = _occurrences(masked, phrases)
    if not occurrences:
        return []
    seps = _separators(masked, occurrences)
    starts = [a for a, _, _ in seps]

    def item(k: int) -> tuple[int, int]:
        """The span of the item before separator `k` (the last item for k == len(seps))."""
        return (seps[k - 1][1] if k else 0), (seps[k][0] if k < len(seps) else len(masked))

    found: list[Mention] = []
    accepted: set[int] = set()
    for start, end, kind in occurrences:
        k = bisect.bisect_left(starts, end)
        first, last = item(k)
        if first > start or masked[end:last].strip():
            continue  # not the end of its item
        how = _introduced(masked[first:start])
        if how is None or (how == "bare" and not _continues(masked, seps, k, accepted, item)):
            continue
        accepted.add(k)
        found.append(Mention(kind, start, end))
    return found


def _continues(
    text: str,
    seps: list[tuple[int, int, str]],
    k: int,
    accepted: set[int],
    item: Callable[[int], tuple[int, int]],
) -> bool:
    """Whether a bare facet in item `k` may be a list entry: a list starts there (after a
    colon, at a sentence's start) or goes on there (the item before is a listed facet)."""
    j = k - 1
    while j >= 0:
        if seps[j][2] in _LIST_BREAK or seps[j][2] in _LIST_START:
            return True
        first, last = item(j)
        if text[first:last].strip():
            return j in accepted
        j -= 1
    return True  # the start of the text


def _separators(text: str, occurrences: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, mark) of the separators of items, none inside a facet's phrase
    ("Research and Development")."""
    seps = [(m.start(), m.end(), m.group().strip()) for m in _SEPARATOR.finditer(text)]
    if not any(_SEPARATOR.search(text, a, b) for a, b, _ in occurrences):
        return seps
    spans = [(a, b) for a, b, _ in occurrences]
    begins = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))
    kept = []
    for sep in seps:
        before = bisect.bisect_right(begins, sep[0])
        if not (before and reach[before - 1] > sep[0]):
            kept.append(sep)
    return kept


MAX_TEXT = 20_000
"""How much of an introduction is read for its facets."""
_PARENTHESES = re.compile(r"\([^()]*\)")
_LIST_BREAK = frozenset(".;!?—–")
_LIST_START = frozenset(":")
_LOOK_BACK = 80
"""Characters before a facet read for the words that introduce it."""


def _matters(name: str, phrases: Mapping[str, str]) -> bool:
    return _matters_among(name, tuple(phrases.values()))


@lru_cache(maxsize=4096)
def _matters_among(name: str, phrases: tuple[str, ...]) -> bool:
    """Memoised: a catalog's files share their names' words and the vocabulary's phrases."""
    padded = f" {name} "
    return bool(_SEPARATOR.search(padded)) or any(
        _phrase_pattern(p).search(name) for p in phrases if p
    )


def _occurrences(text: str, phrases: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every facet phrase in `text`, the longer phrase first at a place."""
    found: dict[int, tuple[int, int, str]] = {}
    # an ASCII text holds a phrase only if it holds the phrase's first word in lower case
    # (re's IGNORECASE folds no ASCII letter otherwise): most phrases are skipped unsearched
    lower = text.lower() if text.isascii() else None
    for kind, phrase in sorted(phrases.items(), key=lambda kv: len(kv[1])):
        if phrase:
            if lower is not None and phrase.isascii() and _absent(phrase, lower):
                continue
            for m in _phrase_pattern(phrase).finditer(text):
                found[m.end()] = (m.start(), m.end(), kind)  # a longer one replaces a shorter
    return sorted(found.values())


def _absent(phrase: str, lower: str) -> bool:
    """Whether the lower-cased ASCII text cannot hold the phrase: its first word is not in it."""
    words = phrase.split(None, 1)
    return bool(words) and words[0].lower() not in lower


def _introduced(before_text: str) -> str | None:
    """How the words before a facet in its item introduce it: 'bare' (none, or articles),
    'opener' ("including", "as a"…), or None (it is no list entry: "the product manager")."""
    window = before_text[-_LOOK_BACK:]
    before = [w.lower() for w in _WORD.findall(window)]
    while before and before[-1] in _ARTICLES:
        before.pop()
    if not before:
        if len(before_text) > _LOOK_BACK and _WORD.search(before_text[:-_LOOK_BACK]):
            return None
        return "bare"
    return "opener" if before[-1] in _OPENERS else None


def mentioned_kinds(text: str, phrases: Mapping[str, str], names: Iterable[str] = ()) -> set[str]:
    """The kinds `mentions` finds."""
    return {m.kind for m in mentions(text, phrases, names)}


def clashes(name: str, phrase: str) -> bool:
    """Whether a role's name is spelled like a facet ('Developer' and 'developer')."""
    pattern = _phrase_pattern(phrase)
    plain = " ".join(name.split())
    return bool(plain) and pattern.fullmatch(plain) is not None
