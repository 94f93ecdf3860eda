"""Doc ids and URLs as Docusaurus's docs plugin computes them (@docusaurus/plugin-content-docs 3).

A role is known by the id Docusaurus gives its doc, so that `roles show ID`, a sidebar entry and
a `pagination_next` all mean the same file. The rules, read from the plugin's `docs.js`,
`numberPrefix.js` and `slug.js` (3.10):

- the id is the folder path relative to the docs root, then `/`, then the frontmatter `id` if
  set, else the file name without its extension: `engineering/backend/lead`; a frontmatter `id`
  replaces only the last part, and one holding a `/` stops the build;
- number prefixes (`01-`, `2_`, `3 . `) are stripped from the file name and from every folder
  name, unless the frontmatter says `parse_number_prefixes: false`; date- or version-like names
  (`2024-05-notes`, `1.2-intro`) keep theirs;
- an `index`, `README` or `<folder>/<folder>` doc (any case) keeps its id (`guides/index`) but
  its URL is the folder's (`/guides/`): such a doc is also known by its folder.

Pure functions of text: callers (the catalog, lint, a name index, git revisions) pass the path
relative to the docs root, in POSIX form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

_IGNORED_PREFIX = re.compile(r"^\d+[-_.]\d+")
_NUMBER_PREFIX = re.compile(r"^(?P<number>\d+)\s*[-_.]+\s*(?P<rest>[^-_.\s].*)$", re.DOTALL)
_INDEX_NAMES = ("index", "readme")


def strip_number_prefix(name: str) -> tuple[str, int | None]:
    """`01-lead` -> (`lead`, 1): Docusaurus's default number-prefix parser on one name."""
    if _IGNORED_PREFIX.match(name):
        return name, None
    match = _NUMBER_PREFIX.match(name)
    if not match:
        return name, None
    return match.group("rest"), int(match.group("number"))


def _parts(relative_path: str) -> tuple[list[str], str]:
    """The folders and the file name without its extension (text operations: asked for
    every file of a catalog)."""
    *folders, name = relative_path.replace("\\", "/").split("/")
    return [part for part in folders if part not in ("", ".")], _stem(name)


def _stem(name: str) -> str:
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


def _folder_id(folders: list[str], number_prefixes: bool) -> list[str]:
    if not number_prefixes:
        return folders
    return [strip_number_prefix(folder)[0] for folder in folders]


@lru_cache(maxsize=16384)
def doc_id(relative_path: str, frontmatter_id: str | None, *, number_prefixes: bool = True) -> str:
    """The Docusaurus doc id of the file at `relative_path` (relative to the docs root).

    `doc_id("engineering/backend/02-lead.md", None)` is `engineering/backend/lead`;
    `doc_id("ops/sre.md", "site-reliability")` is `ops/site-reliability`. An `id` holding a `/`
    is a build error in Docusaurus (lint says so); it is joined all the same, so the role can
    still be named.
    """
    folders, stem = _parts(relative_path)
    base = frontmatter_id
    if base is None:
        base = strip_number_prefix(stem)[0] if number_prefixes else stem
    return "/".join([*_folder_id(folders, number_prefixes), base])


def role_id_of(relative_path: str, own_id: object, meta: Mapping[str, Any]) -> str:
    """A role's id: `doc_id`, with the frontmatter's `id` and `parse_number_prefixes`."""
    number_prefixes = meta.get("parse_number_prefixes") is not False
    explicit = own_id if isinstance(own_id, str) else None
    return doc_id(relative_path, explicit, number_prefixes=number_prefixes)


def yaml_role_id(data: Mapping[str, Any], relative_path: str) -> str:
    """A YAML role file's id, by the rule of Markdown docs: the folder path, then its
    frontmatter's `id`, else the last part of the file's own `id` (as an export wrote it),
    else the file name."""
    front = data.get("frontmatter")
    front = front if isinstance(front, Mapping) else {}
    own = front.get("id")
    if not isinstance(own, str) and isinstance(data.get("id"), str):
        own = data["id"].rsplit("/", 1)[-1] or None
    return role_id_of(relative_path, own, front)


def base_id(frontmatter_id: str | None, file_name: str, *, number_prefixes: bool = True) -> str:
    """The last part of a doc id: the frontmatter `id`, else the file name, prefix stripped."""
    if frontmatter_id is not None:
        return frontmatter_id
    stem = _stem(file_name.replace("\\", "/").rsplit("/", 1)[-1])
    return strip_number_prefix(stem)[0] if number_prefixes else stem


def is_category_index(relative_path: str) -> bool:
    """`index.md`, `README.md` or `<folder>/<folder>.md` (any case): the folder's own page."""
    folders, stem = _parts(relative_path)
    names = [*_INDEX_NAMES, folders[-1].lower()] if folders else list(_INDEX_NAMES)
    return stem.lower() in names


def folder_alias(relative_path: str, *, number_prefixes: bool = True) -> str | None:
    """The folder an index doc is also known by (`guides/index.md` -> `guides`), if it is one.

    None for a doc that is not a category index, and for one at the docs root (its folder is
    the docs root itself, which no name means).
    """
    folders, _ = _parts(relative_path)
    if not folders or not is_category_index(relative_path):
        return None
    return "/".join(_folder_id(folders, number_prefixes))


def doc_slug(
    relative_path: str,
    frontmatter_id: str | None,
    frontmatter_slug: str | None,
    *,
    number_prefixes: bool = True,
) -> str:
    """The doc's URL path below the docs route, as Docusaurus's `getSlug` computes it.

    A slug starting with `/` is absolute; any other is resolved against the doc's folder, like a
    relative link (`../x`); an index doc without a slug gets its folder's URL. Trailing slashes
    are dropped (except for `/`), so two docs compare equal when their pages would collide.
    """
    folders, stem = _parts(relative_path)
    folder_parts = _folder_id(folders, number_prefixes)
    if frontmatter_slug is not None and frontmatter_slug.startswith("/"):
        return _normal_url(frontmatter_slug.split("/"))
    if frontmatter_slug is None and is_category_index(relative_path):
        return _normal_url(folder_parts)
    base = frontmatter_slug
    if base is None:
        base = base_id(frontmatter_id, stem + ".md", number_prefixes=number_prefixes)
    return _normal_url([*folder_parts, *base.split("/")])


def _normal_url(parts: list[str]) -> str:
    """`/`-joined, with `.` and `..` resolved as a browser resolves a relative URL."""
    out: list[str] = []
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
            continue
        out.append(part)
    return "/" + "/".join(out)


def trailing_parts(doc: str) -> list[str]:
    """Every trailing part of an id, longest first: `a/b/c` -> `a/b/c`, `b/c`, `c`."""
    parts = doc.split("/")
    return ["/".join(parts[i:]) for i in range(len(parts))]
