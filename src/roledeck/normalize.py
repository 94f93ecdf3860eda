"""Role-name normalisation and comparison keys: what makes two roles' texts comparable.

Profiles of related roles repeat their own name everywhere ("A DevOps Engineer collaborates…"
vs "A DevOps Specialist collaborates…"). Reading each role's name, with the article before it,
as one placeholder lets `diff` pair such sentences as equal; `matrix` and lint's copy-paste
check group texts across roles the same way, so this lives in the core, not in `diff`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from roledeck.facets import clashes, mentions
from roledeck.model import Role, SubRole
from roledeck.vocabulary import DEFAULT_VOCABULARY, facet_phrase

PLACEHOLDER = "{role}"
"""What a role's name (with its article) stands for in normalised text."""

_WORD = r"\w+(?:[-'’/]\w+)*"
_PART = r"\.?[\w@%+=~-]+(?:\.[\w@%+=~-]+)*"
_URL = r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"'`()\[\]]*[^\s<>\"'`()\[\].,;:!?*_]"
_PATH = rf"(?:~|\.{{1,2}})?/{_PART}(?:/{_PART})*/?|{_PART}(?:/{_PART})+/?"
# A URL or a path is one token: an edit inside one is shown as the whole URL or path
# replaced, so no view ever puts a word-diff mark, or a line break, in the middle of it.
_TOKEN = re.compile(rf"(\s*)({_URL}|{_PATH}|{_WORD}|([^\w\s])\3*)")
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s]+")


@lru_cache(maxsize=64)
def name_pattern(name: str) -> re.Pattern[str] | None:
    """A regex for `name` as a whole phrase, with an optional article before it.

    Case-insensitive, so "a DevOps specialist" (the lowercased variant prose uses) matches the
    name "DevOps Specialist"; any whitespace, line breaks included, may separate its words.
    """
    words = name.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![\w-])(?:(?:an?)\s+)?{body}(?![\w-])", re.IGNORECASE)


Spans = tuple[tuple[int, int], ...]
"""Character ranges of a text where the role's name must not be read (a facet named there)."""


def normalize(text: str, name: str | None, keep: Spans = ()) -> str:
    """`text` with `name` (and its article) read as `PLACEHOLDER`, whitespace collapsed.

    The same string as `key_of(tokenize(text, name, keep))`, without building tokens:
    `matrix` normalises every item of a whole catalog. Most items never mention their role's
    name, so the name's regex (costly to compile for a thousand names) runs only when its
    first word could be in the text. An occurrence overlapping a span of `keep` is left as
    written (see `facet_spans`).
    """
    if name and _may_mention(text, name):
        pattern = name_pattern(name)
        if pattern is not None:
            if keep:
                text = pattern.sub(lambda m: m.group() if _kept(m, keep) else PLACEHOLDER, text)
            else:
                text = pattern.sub(PLACEHOLDER, text)
    return _SPACE.sub(" ", text).strip()


def _kept(match: re.Match[str], keep: Spans) -> bool:
    return any(match.start() < end and start < match.end() for start, end in keep)


def facet_spans(text: str, name: str | None, phrases: Mapping[str, str]) -> Spans:
    """Where `text` lists a facet spelled like the role's name, which is not the name there.

    A role named "Developer" says "…including system administrator, developer, and security
    expert": that "developer" is the facet, and a copy renamed "Frontend Developer" keeps it.
    Empty unless the name is spelled like one of the facet `phrases` (the common case costs
    nothing).
    """
    if not name or not any(clashes(name, phrase) for phrase in phrases.values()):
        return ()
    return tuple(
        (m.start, m.end) for m in mentions(text, phrases) if clashes(name, text[m.start : m.end])
    )


# Characters that a case-insensitive regex matches to an ASCII letter although `str.lower`
# does not map them to it: dotted and dotless i, the long s (the Kelvin sign lowers to k).
_FOLD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def _may_mention(text: str, name: str) -> bool:
    """False only when `name` cannot occur in `text`: a cheap test before the regex.

    Exact for ASCII names; any other name always gets the regex.
    """
    first = name.split(maxsplit=1)[0] if name.strip() else ""
    if not first.isascii():
        return True
    return first.lower() in text.translate(_FOLD_TO_ASCII).lower()


def comparable(text: str) -> str:
    """A similarity key: case, punctuation and whitespace make no difference."""
    return _SPACE.sub(" ", _NOT_WORD.sub(" ", text.lower())).strip()


def bag_of(words: Sequence[str]) -> dict[str, int]:
    """How many times each word occurs (for `word_similarity`'s cheap bound)."""
    bag: dict[str, int] = {}
    for word in words:
        bag[word] = bag.get(word, 0) + 1
    return bag


def word_similarity(
    a: Sequence[str],
    b: Sequence[str],
    floor: float = 0.0,
    bags: tuple[Mapping[str, int], Mapping[str, int]] | None = None,
) -> float:
    """Word similarity in [0, 1] (difflib's ratio over words), the same whichever way round.

    Below `floor` the answer may be 0.0: a bound on shared words is checked first, since most
    pairs of a long list are unrelated. `bags` are `bag_of(a)`, `bag_of(b)` when the caller
    keeps them. `diff` pairs items and `matrix` groups them with this one measure.
    """
    if not a or not b:
        return 0.0
    bag_a, bag_b = bags or (bag_of(a), bag_of(b))
    small, large = (bag_a, bag_b) if len(bag_a) <= len(bag_b) else (bag_b, bag_a)
    shared = sum(min(n, large.get(word, 0)) for word, n in small.items())
    if 2 * shared < floor * (len(a) + len(b)):
        return 0.0
    first, second = (a, b) if tuple(a) <= tuple(b) else (b, a)
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def role_facets(role: Role) -> dict[str, str]:
    """How prose names each facet: the built-in sub-role kinds and the role's own headings."""
    phrases = dict(DEFAULT_VOCABULARY.matcher.facet_phrases)
    phrases.update({sub.kind: facet_phrase(sub.title) for sub in role.sub_roles})
    return phrases


def name_in(role: Role, sub: SubRole) -> str | None:
    """The name to read as the role's in a sub-role's description: none where the role is
    spelled like the facet itself ("As a Developer, they…" under "The Developer" of the role
    "Developer" speaks of the facet)."""
    return None if clashes(role.name, facet_phrase(sub.title)) else role.name


@dataclass(frozen=True, slots=True)
class Token:
    """A word, a run of one punctuation character, or an occurrence of the role's name.

    `key` is what comparisons look at (the placeholder for a name); `text` is as written;
    `space` says whether whitespace came before it, so text can be rebuilt with runs of
    whitespace collapsed to one space (a reflowed paragraph reads the same).
    """

    key: str
    text: str
    space: bool


def tokenize(text: str, name: str | None = None, keep: Spans = ()) -> list[Token]:
    """Split `text` into tokens; each occurrence of `name` becomes one placeholder token
    (except where it overlaps a span of `keep`)."""
    pattern = name_pattern(name) if name else None
    tokens: list[Token] = []
    pos = 0
    if pattern is not None:
        for match in pattern.finditer(text):
            if keep and _kept(match, keep):
                continue
            _words(text[pos : match.start()], tokens)
            space = match.start() > 0 and text[match.start() - 1].isspace()
            tokens.append(Token(PLACEHOLDER, _SPACE.sub(" ", match.group()), space))
            pos = match.end()
    _words(text[pos:], tokens)
    if tokens:
        first = tokens[0]
        tokens[0] = Token(first.key, first.text, False)
    return tokens


def _words(text: str, out: list[Token]) -> None:
    for match in _TOKEN.finditer(text):
        word = match.group(2)
        out.append(Token(word, word, bool(match.group(1))))


def key_of(tokens: list[Token]) -> str:
    """The comparison key of a token list: keys joined as the text's spacing says."""
    return "".join((" " if t.space else "") + t.key for t in tokens).strip()


def text_of(tokens: list[Token]) -> str:
    """The tokens as written, whitespace collapsed (a leading space kept if the first has one)."""
    return "".join((" " if t.space else "") + t.text for t in tokens)
