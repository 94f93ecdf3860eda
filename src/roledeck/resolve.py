"""Which role a NAME means: one rule for every command (`roles show`, `diff`, `matrix`…).

A team with 50 profiles in nested folders names a role by its id (`engineering/backend/lead`),
a part of it (`backend/lead`, `lead`), its folder when it is the folder's index doc, its
name, or a word of one. The first of these steps that matches decides; several matches are
always an error listing them, never a silent pick.

The rule works on a `Names` table: the ids, names and folder aliases of a set of roles, in
columns. Parsed roles make one (`resolve_name`), and so does the name index
(`roledeck.nameindex`), from what it kept of the same parsed roles: both are resolved by the
same code, so the index cannot answer differently from a scan of the catalog.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from roledeck.docids import folder_alias
from roledeck.errors import RoleError
from roledeck.model import Role

_WORDS = re.compile(r"[a-z0-9]+")

Item = TypeVar("Item")


class Sourced(Protocol):
    """What `role_alias` reads of a role: its id and the file it came from."""

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> str | None: ...


class Names(Generic[Item]):
    """The names of some roles, a column each, and the role (or whatever stands for it, such
    as a row of the name index) each row is about.

    Lowered forms are worked out once, when a step first needs them, so one table answers
    several names (`roles diff A B`) at the cost of one.
    """

    def __init__(
        self,
        items: Sequence[Item],
        ids: Sequence[str],
        names: Sequence[str],
        aliases: Sequence[str | None],
    ) -> None:
        if not len(items) == len(ids) == len(names) == len(aliases):
            raise ValueError("every column of a name table has a row per role")
        self.items, self.ids, self.names, self.aliases = items, ids, names, aliases

    @classmethod
    def of(cls, roles: Sequence[Role]) -> Names[Role]:
        """The table of parsed roles."""
        return Names(
            roles, [r.id for r in roles], [r.name for r in roles], [role_alias(r) for r in roles]
        )

    @cached_property
    def _lower_ids(self) -> list[str]:
        return [i.lower() for i in self.ids]

    @cached_property
    def _lower_names(self) -> list[str]:
        return [n.lower() for n in self.names]

    @cached_property
    def _lower_aliases(self) -> list[str]:
        return [(a or "").lower() for a in self.aliases]

    @cached_property
    def _texts(self) -> list[str]:
        """Each role's id and name, lowered, where step 4 looks for words."""
        return [f"{i} {n}".lower() for i, n in zip(self.ids, self.names, strict=True)]

    def resolve(self, name: str) -> Item:
        """The item `name` means, tried in turn (the first step with a match decides):

        1. the exact id (`engineering/backend/lead`);
        2. the id or the name in any case, or the folder of an index doc (`guides` for
           `guides/index.md`, as Docusaurus gives it the folder's URL);
        3. a trailing part of the id (`lead`, `backend/lead`) or of such a folder;
        4. a word or substring of an id or name (`specialist`).

        Several matches are an error listing them, never a silent pick; none is an error
        with the closest names.
        """
        query = name.strip()
        bare = query.strip("/")  # "engineering/backend/" is the folder "engineering/backend"
        lowered = bare.lower()
        for step in (self._exact, self._any_case, self._trailing, self._partial):
            match = step(bare, lowered)
            if len(match) == 1:
                return self.items[match[0]]
            if len(match) > 1:
                listed = ", ".join(sorted(f"{self.ids[i]} ({self.names[i]})" for i in match))
                raise RoleError(f"'{query}' is ambiguous: it matches {listed}", code="USAGE")
        raise RoleError(f"no such role: '{query}'{self._did_you_mean(lowered)}", code="USAGE")

    def _exact(self, bare: str, lowered: str) -> list[int]:
        return [i for i, doc in enumerate(self.ids) if doc == bare]

    def _any_case(self, bare: str, lowered: str) -> list[int]:
        ids, names, aliases = self._lower_ids, self._lower_names, self._lower_aliases
        return [
            i
            for i in range(len(ids))
            if ids[i] == lowered or names[i] == lowered or aliases[i] == lowered
        ]

    def _trailing(self, bare: str, lowered: str) -> list[int]:
        """Ids (and aliases) with `lowered` as a trailing part: `a/b/c` has `b/c` and `c`.

        A trailing part is what follows a `/`, so this is "ends with / and the part".
        """
        if not lowered:
            return []
        end = "/" + lowered
        ids, aliases = self._lower_ids, self._lower_aliases
        return [i for i in range(len(ids)) if ids[i].endswith(end) or aliases[i].endswith(end)]

    def _partial(self, bare: str, lowered: str) -> list[int]:
        words = _WORDS.findall(lowered)
        if not words:
            return []
        texts = self._texts
        longest = max(words, key=len)  # a word of the text is in it: only those are split
        by_words = [
            i
            for i, text in enumerate(texts)
            if longest in text and all(w in _WORDS.findall(text) for w in words)
        ]
        if by_words:
            return by_words
        ids, names = self._lower_ids, self._lower_names
        return [i for i in range(len(ids)) if lowered in ids[i] or lowered in names[i]]

    def _did_you_mean(self, lowered: str) -> str:
        candidates = dict(zip(self._lower_ids, self.ids, strict=True)) | dict(
            zip(self._lower_names, self.ids, strict=True)
        )
        close = difflib.get_close_matches(lowered, list(candidates), n=3, cutoff=0.7)
        ids = list(dict.fromkeys(candidates[c] for c in close))
        return f" (did you mean {' or '.join(repr(i) for i in ids)}?)" if ids else ""


def resolve_loaded(name: str, roles: list[Role], errors: list[RoleError]) -> Role:
    """`resolve_name`, saying too that some files could not be read when nothing matched."""
    return resolve_among(name, Names.of(roles), errors)


def resolve_among(name: str, table: Names[Item], errors: Sequence[RoleError]) -> Item:
    """`table.resolve(name)`, saying too that some files could not be read when nothing
    matched (the first of `errors`, in catalog order)."""
    try:
        return table.resolve(name)
    except RoleError as exc:
        if errors and exc.message.startswith("no such role"):
            exc.message += f"; {len(errors)} file(s) could not be read, first: {errors[0]}"
        raise


def resolve_name(name: str, roles: list[Role]) -> Role:
    """The role `name` means among `roles` (the steps: `Names.resolve`)."""
    return Names.of(roles).resolve(name)


def role_alias(role: Sourced) -> str | None:
    """The folder an index doc (`index.md`, `README.md`, `<folder>/<folder>.md`) is known by."""
    if "/" not in role.id or not role.source:
        return None
    folder = role.id.rsplit("/", 1)[0]
    return folder_alias(f"{folder}/{Path(role.source).name}")
