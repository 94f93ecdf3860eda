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

_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?:;])\s+|,\s+|\b(?:of|as|that|when|while|where|because|unlike|like)\s+)"
    r"(?P<article>an?|An?)\s+(?P<rest>[^\W_][^\n]{0,79})",
    re.MULTILINE,
)
_MAX_REFS = 20
"""Candidates kept per file: a crafted file of a thousand sentences stays small in the cache."""


def self_references(role: Role) -> tuple[tuple[int, str], ...]:
    """(line, text after the article) of each place the profile seems to name its own role.

    Places where it uses its own name are left out: they are right (the rule still compares
    the others with the profile's title and sidebar label, which are often shorter).
    """
    found: list[tuple[int, str]] = []
    name = " ".join(role.name.split()).casefold()
    for para in [*role.summary, *role.duties_intro, *role.how_intro]:
        for match in _SUBJECT.finditer(para.text):
            rest = match.group("rest")
            if name and _starts_with(" ".join(rest.casefold().split()), name):
                continue
            line = (para.line or 1) + para.text.count("\n", 0, match.start("article"))
            found.append((line, rest))
            if len(found) >= _MAX_REFS:
                return tuple(found)
    return tuple(found)


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
