"""Catalog rules: what only shows when files are compared — ids, names, sidebar, tags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from roledeck.lint.context import CatalogContext
from roledeck.lint.findings import FileFacts, Problem
from roledeck.lint.registry import catalog_rule
from roledeck.lint.selfref import NameIndex, own_length

Located = tuple[str, Problem]


def _duplicates(
    facts: list[FileFacts], key: str, *, fold: bool = True
) -> Iterator[tuple[FileFacts, FileFacts]]:
    """(later file, first file) for files sharing a value of `key` (case-insensitive unless
    `fold` is false)."""
    first: dict[str, FileFacts] = {}
    for fact in facts:
        value = getattr(fact, key)
        if value is None:
            continue
        folded = str(value).casefold() if fold else str(value)
        if folded in first:
            yield fact, first[folded]
        else:
            first[folded] = fact


@catalog_rule("CA001", "duplicate-id")
def duplicate_id(ctx: CatalogContext) -> Iterator[Located]:
    """Two docs have the same Docusaurus id.

    The id is the doc's folder path, then its frontmatter `id` or its file name without a
    number prefix (`ops/01-sre.md` is `ops/sre`), as Docusaurus computes it; only what
    Docusaurus refuses is reported: `ops/sre.md` and `platform/sre.md` are two ids.

    **Why**: the build stops: "The docs plugin found docs sharing the same id".

    **Fails**: `ops/sre.md`, and `ops/01-sre.md` or `ops/other.md` with `id: sre`.

    **Passes**: `ops/sre.md` and `platform/sre.md`.

    **Fix**: rename one file, or give it an `id` of its own in its frontmatter.
    """
    for fact, other in _duplicates(ctx.facts, "id", fold=False):
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

    A file without the key takes its name's number prefix as Docusaurus does (`02-lead.md`
    is at position 2).

    **Why**: Docusaurus then orders them by file name, which is rarely what was meant.

    **Fails**: `devops-engineer.md` and `devops-specialist.md` both with `sidebar_position: 1`.

    **Passes**: distinct positions within each folder.

    **Fix**: give each file of the folder its own position.
    """
    for folder_facts in _by_folder(ctx.facts).values():
        for fact, other in _duplicates(folder_facts, "sidebar_position"):
            what = f"sidebar_position {_number(fact.sidebar_position)}"
            if fact.position_from_name:
                what = f"sidebar position {_number(fact.sidebar_position)} (the file name's prefix)"
            yield fact.path, Problem(fact.position_line, f"{what} is also used by {other.path}")


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


@catalog_rule("CA006", "other-role-named", "warning")
def other_role_named(ctx: CatalogContext) -> Iterator[Located]:
    """Another catalog role's name stands where the profile speaks of its own role.

    Such a place is "a"/"an" before the name in a subject's place in the summary or the
    introductions ("Unlike traditional roles, a DevOps Engineer collaborates…", "The tasks of
    a DevOps Engineer…"); a cross-reference ("works closely with the QA Lead") is not one.

    **Why**: the copy-and-edit slip: a profile copied from a sibling keeps the old name in a
    sentence nobody re-read, and the page then describes the wrong role.

    **Fails**: in the DevOps Specialist's summary, "Unlike traditional roles, a DevOps
    Engineer collaborates closely with both IT staff and software developers".

    **Passes**: "Unlike traditional roles, a DevOps Specialist collaborates…", or "works
    closely with the DevOps Engineer".

    **Fix**: write the profile's own role name there.
    """
    index = NameIndex((fact.name, fact.path) for fact in ctx.facts)
    for fact in ctx.facts:
        own = {" ".join(name.split()) for name in fact.own_names}
        for line, text in fact.self_refs:
            mine = own_length(text, fact.own_names)
            named = [
                (n, p)
                for n, p in index.named(text)
                if p != fact.path and n not in own and len(n) > mine
            ]
            if named:
                name, path = named[0]
                shown = text[: len(name)]
                yield (
                    fact.path,
                    Problem(
                        line,
                        f"'{shown}' is the role of {path}, but here the profile speaks of "
                        f"its own role, the {fact.name}: left from a copy?",
                    ),
                )


@catalog_rule("CA007", "duplicate-slug", "warning")
def duplicate_slug(ctx: CatalogContext) -> Iterator[Located]:
    """Two docs have the same URL (their frontmatter `slug`, or the one Docusaurus computes).

    A doc's URL is its `slug` (absolute, or relative to its folder), else its id's path; an
    `index.md` or `README.md` gets its folder's URL.

    **Why**: Docusaurus builds one page at that URL and only warns; the other doc cannot be
    reached.

    **Fails**: `lead.md` with `slug: /team/lead` and `team/lead.md`.

    **Passes**: each doc at its own URL.

    **Fix**: change or remove the `slug` key the message points at.
    """
    for fact, other in _duplicates(ctx.facts, "slug", fold=False):
        # reported where a `slug` can be changed: on the doc that sets one
        for here, there in ((fact, other), (other, fact)):
            if here.slug_set or not there.slug_set:
                yield here.path, Problem(here.slug_line, f"URL {here.slug} is also {there.path}'s")
                break


RULES = [
    duplicate_id,
    duplicate_name,
    duplicate_sidebar_position,
    unknown_tag,
    duplicate_sidebar_label,
    other_role_named,
    duplicate_slug,
]
