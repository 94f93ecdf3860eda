"""Where a profile speaks of its own role, and which other role's name it uses there.

Profiles are written by copying a sibling and editing it; a sentence missed keeps the old
role's name where the new profile speaks of itself ("Unlike traditional roles, a DevOps
Engineer collaborates…" in the Specialist's summary). Such a place is recognised by its form:
"a"/"an" in a subject's place — at the start of a sentence or clause, after a comma, or after
"of", "as", "that", "when", "while", "where", "because" ("The tasks of a DevOps Engineer…").
A cross-reference reads differently ("works with the QA Lead", "reports to a QA Lead"), so it
is not taken for one.

Each file's candidates are kept in its facts (`FileFacts.self_refs`); the catalog rule CA006
compares them with the other roles' names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from roledeck.model import Role

_ARTICLE = re.compile(r"([aA]n?)[ \t\n]+(?=[^\W_a-z]|[a-z][A-Z])")
"""An article before a capital, a digit, a letter of another script or 'iOS': a role's name
(names are compared as written, so "a developer" cannot be the role "Developer").

That it starts a word (no letter, digit, `_` or `-` before it) is checked on each match, not
with a look-behind: a pattern that starts with a character set lets the regex engine skip
to the next `a`, which made the search over a profile's summary 2.5× faster."""
_CLAUSE_END = frozenset(".!?:;,")


def _in_word(char: str) -> bool:
    """What `\\w` or `-` matches: the article is the end of a word, not a word."""
    return char.isalnum() or char == "_" or char == "-"


_LEADS = frozenset({"of", "as", "that", "when", "while", "where", "because", "unlike", "like"})
"""Words after which "a DevOps Engineer" is the subject of what follows."""
_REST = 80
_MAX_REFS = 20
"""Candidates kept per file: a crafted file of a thousand sentences stays small in the cache."""


def self_references(role: Role) -> tuple[tuple[int, str], ...]:
    """(line, text after the article) of each place the profile seems to name its own role.

    Places where it uses its own name are left out: they are right (the rule still compares
    the others with the profile's title and sidebar label, which are often shorter).
    """
    found: list[tuple[int, str]] = []
    written = role.name
    name = " ".join(written.split()).casefold()
    for para in [*role.summary, *role.duties_intro, *role.how_intro]:
        text = para.text
        for match in _ARTICLE.finditer(text):
            start = match.start()
            if start and _in_word(text[start - 1]):
                continue
            end = match.end()
            after = end + len(written)
            if written and text.startswith(written, end) and not text[after : after + 1].isalnum():
                continue  # its own name, as written: the common case, checked first
            if not _subject_place(text, match.start()):
                continue
            rest = text[end : end + _REST].split("\n", 1)[0]
            if name and _starts_with(" ".join(rest.casefold().split()), name):
                continue
            line = (para.line or 1) + text.count("\n", 0, match.start())
            found.append((line, rest))
            if len(found) >= _MAX_REFS:
                return tuple(found)
    return tuple(found)


def _subject_place(text: str, at: int) -> bool:
    """Whether an article at `at` opens a subject: at the start of the text, a sentence or a
    clause, or after one of `_LEADS` ("The tasks of a …")."""
    before = text[max(0, at - 20) : at].rstrip()
    if not before:
        return at < 20 or not text[:at].strip()
    if before[-1] in _CLAUSE_END:
        return True
    word = before.rsplit(None, 1)[-1].lower()
    return word in _LEADS


def own_length(text: str, own: Iterable[str]) -> int:
    """How long the longest of the profile's own names starting `text` is (0 if none does)."""
    folded = " ".join(text.casefold().split())
    names = (" ".join(name.casefold().split()) for name in own)
    return max((len(name) for name in names if name and _starts_with(folded, name)), default=0)


def _starts_with(text: str, name: str) -> bool:
    return text.startswith(name) and (len(text) == len(name) or not text[len(name)].isalnum())


class NameIndex:
    """The catalog's role names by first word, to find the one a text starts with."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """`names`: (name, the file it is the name of)."""
        self.by_word: dict[str, list[tuple[str, str]]] = {}
        for name, path in names:
            plain = " ".join(name.split())
            if plain:
                self.by_word.setdefault(_first_word(plain), []).append((plain, path))
        for entries in self.by_word.values():
            entries.sort(key=lambda e: -len(e[0]))

    def named(self, text: str) -> list[tuple[str, str]]:
        """(name, path) of the names `text` starts with, longest first.

        Case counts: a slip keeps the name as written ("a DevOps Engineer"), while "a
        developer" is the common noun, not the role "Developer".
        """
        plain = " ".join(text.split())
        entries = self.by_word.get(_first_word(plain), [])
        return [(n, p) for n, p in entries if _starts_with(plain, n)]


def _first_word(folded: str) -> str:
    return re.split(r"[^\w-]", folded, maxsplit=1)[0]
