"""Role-name normalisation and comparison keys: what makes two roles' texts comparable.

Profiles of related roles repeat their own name everywhere ("A DevOps Engineer collaborates…"
vs "A DevOps Specialist collaborates…"). Reading each role's name, with the article before it,
as one placeholder lets `diff` pair such sentences as equal; `matrix` and lint's copy-paste
check group texts across roles the same way, so this lives in the core, not in `diff`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PLACEHOLDER = "{role}"
"""What a role's name (with its article) stands for in normalised text."""

_WORD = r"\w+(?:[-'’/]\w+)*"
_TOKEN = re.compile(rf"(\s*)({_WORD}|([^\w\s])\3*)")
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


def normalize(text: str, name: str | None) -> str:
    """`text` with `name` (and its article) read as `PLACEHOLDER`, whitespace collapsed."""
    return key_of(tokenize(text, name))


def comparable(text: str) -> str:
    """A similarity key: case, punctuation and whitespace make no difference."""
    return _SPACE.sub(" ", _NOT_WORD.sub(" ", text.lower())).strip()


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


def tokenize(text: str, name: str | None = None) -> list[Token]:
    """Split `text` into tokens; each occurrence of `name` becomes one placeholder token."""
    pattern = name_pattern(name) if name else None
    tokens: list[Token] = []
    pos = 0
    if pattern is not None:
        for match in pattern.finditer(text):
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
