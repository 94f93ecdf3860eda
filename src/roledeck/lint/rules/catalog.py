"""Catalog rules: what only shows when files are compared — ids, names, sidebar, tags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from roledeck.lint.context import CatalogContext
from roledeck.lint.findings import FileFacts, Problem
from roledeck.lint.registry import catalog_rule

Located = tuple[str, Problem]


def _duplicates(facts: list[FileFacts], key: str) -> Iterator[tuple[FileFacts, FileFacts]]:
    """(later file, first file) for files sharing a value of `key` (case-insensitive)."""
    first: dict[str, FileFacts] = {}
    for fact in facts:
        value = getattr(fact, key)
        if value is None:
            continue
        folded = str(value).casefold()
        if folded in first:
            yield fact, first[folded]
        else:
            first[folded] = fact


@catalog_rule("CA001", "duplicate-id")
def duplicate_id(ctx: CatalogContext) -> Iterator[Located]:
    """Two role files have the same id (frontmatter `id`, else file name).

    **Why**: `roles show ID` cannot tell them apart, and in one folder Docusaurus refuses
    to build two docs with one id.

    **Fails**: `ops/sre.md` and `platform/sre.md` with no `id` in their frontmatter.

    **Passes**: unique file names, or distinct `id` keys.

    **Fix**: rename one file, or give it an `id` in its frontmatter.
    """
    for fact, other in _duplicates(ctx.facts, "id"):
        yield fact.path, Problem(1, f"role id '{fact.id}' is also used by {other.path}")


@catalog_rule("CA002", "duplicate-name")
def duplicate_name(ctx: CatalogContext) -> Iterator[Located]:
    """Two role files describe a role with the same name.

    **Why**: usually a copied file whose H1 was never changed.

    **Fails**: two files whose H1 is "The Role of a DevOps Engineer".

    **Passes**: one file per role name.

    **Fix**: rename the role in the copy's H1 (and its headings), or remove the copy.
    """
    for fact, other in _duplicates(ctx.facts, "name"):
        yield (
            fact.path,
            Problem(fact.name_line, f"role name '{fact.name}' is also used by {other.path}"),
        )


def _by_folder(facts: list[FileFacts]) -> dict[str, list[FileFacts]]:
    groups: dict[str, list[FileFacts]] = defaultdict(list)
    for fact in facts:
        groups[fact.folder].append(fact)
    return groups


@catalog_rule("CA003", "duplicate-sidebar-position", "warning")
def duplicate_sidebar_position(ctx: CatalogContext) -> Iterator[Located]:
    """Two files of one folder have the same `sidebar_position`.

    **Why**: Docusaurus then orders them by file name, which is rarely what was meant.

    **Fails**: `devops-engineer.md` and `devops-specialist.md` both with `sidebar_position: 1`.

    **Passes**: distinct positions within each folder.

    **Fix**: give each file of the folder its own position.
    """
    for folder_facts in _by_folder(ctx.facts).values():
        for fact, other in _duplicates(folder_facts, "sidebar_position"):
            yield (
                fact.path,
                Problem(
                    fact.position_line,
                    f"sidebar_position {_number(fact.sidebar_position)} "
                    f"is also used by {other.path}",
                ),
            )


def _number(value: float | None) -> str:
    return str(int(value)) if value is not None and float(value).is_integer() else str(value)


@catalog_rule("CA004", "unknown-tag", "warning")
def unknown_tag(ctx: CatalogContext) -> Iterator[Located]:
    """A tag is not in the controlled vocabulary.

    The vocabulary is Docusaurus's `tags.yml` in the docs folder when there is one (as the
    Docusaurus build checks it, with the same message), else the `tags` list of
    `[tool.roles]`; with neither, any tag is accepted.

    **Why**: without a vocabulary, `infra-as-code` and `infrastructure as code` both creep in
    and split the tag pages.

    **Fails**: `tags: [DevOps, FAQ]` when `tags.yml` defines only `DevOps`.

    **Passes**: every tag defined in `tags.yml`.

    **Fix**: use a defined tag, or define the new one in `tags.yml`.
    """
    per_folder: dict[str, tuple[set[str] | None, str]] = {}
    for fact in ctx.facts:
        if fact.folder not in per_folder:
            per_folder[fact.folder] = _vocabulary_for(ctx, Path(fact.folder))
        allowed, source = per_folder[fact.folder]
        if allowed is None or not fact.tags:
            continue
        unknown = [t for t in fact.tags if t not in allowed]
        if unknown:
            yield (
                fact.path,
                Problem(
                    fact.tags_line,
                    f"Tags [{', '.join(unknown)}] used in {Path(fact.path).name} are not defined "
                    f"in {source}",
                ),
            )


def _vocabulary_for(ctx: CatalogContext, folder: Path) -> tuple[set[str] | None, str]:
    """The tags allowed in a folder: the nearest tags.yml at or above it in a linted root."""
    roots = {root.absolute() for root in ctx.roots}
    start = folder.absolute()
    for place in (start, *start.parents):
        tags = ctx.tags_file(place / "tags.yml")
        if tags is not None:
            return tags, "tags.yml"
        if place in roots:
            break
    if ctx.config.tags is not None:
        return set(ctx.config.tags), "the tags of [tool.roles]"
    return None, ""


@catalog_rule("CA005", "duplicate-sidebar-label", "warning")
def duplicate_sidebar_label(ctx: CatalogContext) -> Iterator[Located]:
    """Two docs of one folder show the same label in the sidebar (`sidebar_label`, else `title`).

    **Why**: both seeds have `title: DevOps`, so the sidebar shows two entries labelled
    "DevOps" — Docusaurus builds it without a word.

    **Fails**: two files of one folder with `title: DevOps` and no `sidebar_label`.

    **Passes**: `title: DevOps Engineer` and `title: DevOps Specialist`.

    **Fix**: give each doc a distinct `title` or `sidebar_label`.
    """
    for folder_facts in _by_folder(ctx.facts).values():
        for fact, other in _duplicates(folder_facts, "label"):
            yield (
                fact.path,
                Problem(
                    fact.label_line, f"sidebar label '{fact.label}' is also used by {other.path}"
                ),
            )


RULES = [
    duplicate_id,
    duplicate_name,
    duplicate_sidebar_position,
    unknown_tag,
    duplicate_sidebar_label,
]
