"""Which files of a mixed docs folder are role profiles: one decision, made the same way by
every command.

A docs folder may hold guides and FAQs beside the profiles; `[tool.roles.profiles]` says which
files are profiles, by path glob, by frontmatter tag, or both. Every command that walks the
catalog asks `is_profile` — list, lint, export, fmt (`--check` too), matrix, show and diff
resolving a NAME, new's duplicate checks, completion — so none of them disagrees about a
file. A file named on the command line is not asked about: it is always taken.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from pydantic import ValidationError

from roledeck.config import ProfilesConfig
from roledeck.model import Frontmatter
from roledeck.source import SourceText, load_yaml, split_frontmatter


class _NotRead(Enum):
    token = "not read"


NOT_READ = _NotRead.token
"""`is_profile`'s tags before the file is read: only the path criterion is applied."""


def is_profile(
    profiles: ProfilesConfig,
    relative: str | None,
    tags: list[str] | _NotRead | None = NOT_READ,
) -> bool:
    """Whether a file found in the catalog is a role profile.

    Asked first with the file's path relative to its `profile_base`, before reading it (None:
    checked already), then with its frontmatter tags once read. With both `paths` and `tags`
    configured, a profile needs both.
    """
    if relative is not None and not profiles.path_selects(relative):
        return False
    return tags is NOT_READ or profiles.tags_select(tags)


def profile_base(folder: Path, catalog: Path | None) -> Path:
    """The folder that profile path globs are relative to, for files found below `folder`.

    The catalog folder when `folder` is inside it (so `roles lint docs/roles` and `roles lint`
    agree on `paths = ["roles/**"]`), else `folder` itself.
    """
    return catalog if catalog is not None and is_inside(folder, catalog) else folder


def is_inside(path: Path | str, folder: Path | str) -> bool:
    """Whether `path` is `folder` or below it, as written (symlinks not resolved)."""
    inner, outer = os.path.abspath(path), os.path.abspath(folder)  # noqa: PTH100
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def frontmatter_tags(source: SourceText) -> list[str] | None:
    """The tags of a decoded document's frontmatter, read without parsing the body.

    For `fmt`, which must know whether a file is a profile before formatting it. Raises
    `RoleError` for broken frontmatter, as parsing the whole file would.
    """
    split = split_frontmatter(source)
    if split.frontmatter is None:
        return None
    data = load_yaml(split.frontmatter, path=source.path, first_line=split.frontmatter_line)
    if not isinstance(data, dict):
        return None
    try:
        return Frontmatter.model_validate({"tags": data.get("tags")}).tag_labels
    except ValidationError:
        return None  # parsing the whole file reports it, with its line
