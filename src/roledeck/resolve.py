"""Which role a NAME means: one rule for every command (`roles show`, `diff`, `matrix`…).

A team with 50 profiles in nested folders names a role by its id (`engineering/backend/lead`),
a part of it (`backend/lead`, `lead`), its folder when it is the folder's index doc, its
name, or a word of one. The first of these steps that matches decides; several matches are
always an error listing them, never a silent pick.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from roledeck.docids import folder_alias, trailing_parts
from roledeck.errors import RoleError
from roledeck.model import Role

_WORDS = re.compile(r"[a-z0-9]+")


def resolve_loaded(name: str, roles: list[Role], errors: list[RoleError]) -> Role:
    """`resolve_name`, saying too that some files could not be read when nothing matched."""
    try:
        return resolve_name(name, roles)
    except RoleError as exc:
        if errors and exc.message.startswith("no such role"):
            exc.message += f"; {len(errors)} file(s) could not be read, first: {errors[0]}"
        raise


def resolve_name(name: str, roles: list[Role]) -> Role:
    """The role `name` means, tried in turn (the first step with a match decides):

    1. the exact id (`engineering/backend/lead`);
    2. the id or the name in any case, or the folder of an index doc (`guides` for
       `guides/index.md`, as Docusaurus gives it the folder's URL);
    3. a trailing part of the id (`lead`, `backend/lead`) or of such a folder;
    4. a word or substring of an id or name (`specialist`).

    Several matches are an error listing them, never a silent pick; none is an error with the
    closest names.
    """
    query = name.strip()
    bare = query.strip("/")  # "engineering/backend/" is the folder "engineering/backend"
    lowered = bare.lower()
    for match in (
        [r for r in roles if r.id == bare],
        [
            r
            for r in roles
            if r.id.lower() == lowered
            or r.name.lower() == lowered
            or (role_alias(r) or "").lower() == lowered
        ],
        [r for r in roles if _trailing(lowered, r)],
        _partial(lowered, roles),
    ):
        if len(match) == 1:
            return match[0]
        if len(match) > 1:
            listed = ", ".join(sorted(f"{r.id} ({r.name})" for r in match))
            raise RoleError(f"'{query}' is ambiguous: it matches {listed}", code="USAGE")
    raise RoleError(f"no such role: '{query}'{_did_you_mean(lowered, roles)}", code="USAGE")


def role_alias(role: Role) -> str | None:
    """The folder an index doc (`index.md`, `README.md`, `<folder>/<folder>.md`) is known by."""
    if "/" not in role.id or not role.source:
        return None
    folder = role.id.rsplit("/", 1)[0]
    return folder_alias(f"{folder}/{Path(role.source).name}")


def _trailing(lowered: str, role: Role) -> bool:
    if not lowered:
        return False
    known = [role.id.lower()]
    alias = role_alias(role)
    if alias:
        known.append(alias.lower())
    return any(lowered in trailing_parts(doc)[1:] for doc in known)


def _partial(lowered: str, roles: list[Role]) -> list[Role]:
    words = _WORDS.findall(lowered)
    if not words:
        return []
    by_words = [
        r for r in roles if all(w in _WORDS.findall(f"{r.id} {r.name}".lower()) for w in words)
    ]
    if by_words:
        return by_words
    return [r for r in roles if lowered in r.id.lower() or lowered in r.name.lower()]


def _did_you_mean(lowered: str, roles: list[Role]) -> str:
    candidates = {r.id.lower(): r.id for r in roles} | {r.name.lower(): r.id for r in roles}
    close = difflib.get_close_matches(lowered, list(candidates), n=3, cutoff=0.7)
    ids = list(dict.fromkeys(candidates[c] for c in close))
    return f" (did you mean {' or '.join(repr(i) for i in ids)}?)" if ids else ""
