"""Structure rules: the H1 and the conventional sections, present once each and in order."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterator

from roledeck.lint.context import FileContext
from roledeck.lint.findings import Problem
from roledeck.lint.registry import file_rule
from roledeck.model import DUTIES, HOW, NEEDS, SUMMARY
from roledeck.vocabulary import fill, plain_heading

SECTION_ORDER = (SUMMARY, NEEDS, DUTIES, HOW)
SECTION_LABELS = {SUMMARY: "summary", NEEDS: "needs", DUTIES: "duties", HOW: "how it works"}


def expected_heading(ctx: FileContext, key: str) -> str:
    """The canonical heading of a section for this role, e.g. 'Why a DevOps Engineer is Needed'."""
    patterns = ctx.vocabulary.section_patterns()[key]
    return fill(patterns[0], ctx.role.name, written_article(ctx)) if patterns else key


def written_article(ctx: FileContext) -> str:
    """The article headings write before the name: none if the H1 matched without one ("The
    Role of Head of Product" suggests "Why Head of Product is Needed"), else the article the
    name takes."""
    title = ctx.role.headings.title
    if title is not None and title.name and title.article is None:
        patterns = ctx.vocabulary.title
        if any("{article}" in p for p in patterns):
            return ""
    return ctx.vocabulary.article(ctx.role.name)


@file_rule("ST001", "missing-title")
def missing_title(ctx: FileContext) -> Iterator[Problem]:
    """The file has no H1, so the role has no name.

    **Why**: the H1 ("The Role of a DevOps Engineer") names the role; every other heading and
    `roles show`, `diff` and `list` rely on it.

    **Fails**:
    ```markdown
    ## Why a DevOps Engineer is Needed
    ```

    **Passes**:
    ```markdown
    # The Role of a DevOps Engineer

    ## Why a DevOps Engineer is Needed
    ```

    **Fix**: add `# The Role of a <Name>` after the frontmatter.
    """
    title = ctx.role.headings.title
    if title is None:
        yield Problem(1, "no H1: add '# The Role of a <Name>' naming the role")
    elif not plain_heading(title.text):
        yield Problem(title.line or 1, "the H1 is empty: it should name the role")


@file_rule("ST002", "missing-section")
def missing_section(ctx: FileContext) -> Iterator[Problem]:
    """A required section is missing (by default needs, duties and how it works).

    The required sections are set by `required-sections` in `[tool.roles]`.

    **Why**: every profile answers the same three questions; a missing one is usually a
    section that was never written, or a heading mistyped so it is not recognised.

    **Fails**: a profile with no "What a … Does" section.

    **Passes**: a profile with "Why a … is Needed", "What a … Does" and "How a … Works".

    **Fix**: add the section with the heading in the message (or fix its heading's wording).
    """
    headings = ctx.role.headings
    present = {
        SUMMARY: headings.summary is not None or bool(ctx.role.summary),
        NEEDS: headings.needs is not None,
        DUTIES: headings.duties is not None,
        HOW: headings.how is not None,
    }
    for key in ctx.config.required_sections:
        if not present[key]:
            yield Problem(
                ctx.title_line,
                f"missing section '{expected_heading(ctx, key)}' ({SECTION_LABELS[key]})",
            )


@file_rule("ST003", "section-order", "warning")
def section_order(ctx: FileContext) -> Iterator[Problem]:
    """The sections are not in the conventional order: needs, duties, how it works.

    **Why**: readers compare profiles side by side; the same order in every file makes that
    possible (and `roles fmt` writes that order).

    **Fails**: "What a … Does" before "Why a … is Needed".

    **Passes**: needs, then duties, then how it works.

    **Fix**: move the section named in the message after the one it should follow.
    """
    seen: list[tuple[int, str, int]] = []
    for entry in ctx.outline:
        if entry.key in SECTION_ORDER and not entry.duplicate:
            seen.append((SECTION_ORDER.index(entry.key), entry.key, entry.line))
    for (rank, key, _), (next_rank, next_key, line) in itertools.pairwise(seen):
        if next_rank < rank:
            yield Problem(
                line,
                f"section '{SECTION_LABELS[next_key]}' comes after '{SECTION_LABELS[key]}'; "
                "the conventional order is needs, duties, how it works",
            )


@file_rule("ST004", "empty-section", "warning")
def empty_section(ctx: FileContext) -> Iterator[Problem]:
    """A section or sub-role heading has nothing under it.

    **Why**: an empty section is a promise the page does not keep; readers see a heading
    followed by the next heading.

    **Fails**:
    ```markdown
    ### The Coach

    ### The Manager
    ```

    **Passes**: every heading followed by at least one paragraph or list item.

    **Fix**: write the section, or remove its heading.
    """
    role = ctx.role
    anchored = {n.section for n in role.notes} | {b.section for b in role.blocks}
    checks = [
        (role.headings.needs, bool(role.needs) or NEEDS in anchored),
        (role.headings.duties, bool(role.duties or role.duties_intro) or DUTIES in anchored),
        (role.headings.how, bool(role.how_intro or role.sub_roles) or HOW in anchored),
    ]
    for heading, filled in checks:
        if heading is not None and not filled:
            yield Problem(heading.line or 1, f"section '{heading.text}' is empty")
    for index, sub in enumerate(role.sub_roles):
        if not sub.description and f"sub_role:{index}" not in anchored:
            yield Problem(sub.line or 1, f"sub-role '{sub.title}' has no description")


@file_rule("ST005", "duplicate-section")
def duplicate_section(ctx: FileContext) -> Iterator[Problem]:
    """A section appears twice.

    The second one is kept as an unrecognised section (nothing is lost), but only the first
    counts as the role's needs, duties or sub-roles.

    **Why**: usually a copy-paste or merge leftover; readers and tools disagree on which
    copy is the real one.

    **Fails**: two "Why a … is Needed" headings in one file.

    **Passes**: each section once.

    **Fix**: merge the two sections into one.
    """
    first: dict[str, int] = {}
    for entry in ctx.outline:
        if entry.key is None or entry.key not in SECTION_ORDER:
            continue
        if entry.duplicate:
            yield Problem(
                entry.line,
                f"section '{entry.text}' repeats the {SECTION_LABELS[entry.key]} section "
                f"of line {first.get(entry.key, '?')}",
            )
        else:
            first[entry.key] = entry.line


@file_rule("ST006", "heading-near-miss", "warning")
def heading_near_miss(ctx: FileContext) -> Iterator[Problem]:
    """A heading looks like a conventional one but does not match it, so it is not recognised.

    **Why**: "Why a DevOps Engineer is Neded" is meant as the needs section, but the
    parser cannot know; its list is then not counted as the role's needs.

    **Fails**:
    ```markdown
    ## Why a DevOps Engineer is Neded
    ```

    **Passes**:
    ```markdown
    ## Why a DevOps Engineer is Needed
    ```

    **Fix**: write the heading exactly as the message suggests (or add your wording to the
    vocabulary in `[tool.roles.vocabulary]`).
    """
    unrecognised = [e for e in ctx.outline if e.key is None and e.level == 2]
    if not unrecognised:
        return
    candidates = {
        key: expected_heading(ctx, key)
        for key in SECTION_ORDER
        if ctx.vocabulary.section_patterns()[key]
    }
    for entry in unrecognised:
        text = plain_heading(entry.text).lower()
        best = max(
            candidates.items(),
            key=lambda kv: _similarity(text, kv[1].lower()),
            default=None,
        )
        if best is None:
            continue
        ratio = _similarity(text, best[1].lower())
        if ratio >= 0.8:
            yield Problem(
                entry.line,
                f"heading '{entry.text}' is not recognised; did you mean '{best[1]}'?",
            )


def _similarity(text: str, expected: str) -> float:
    """difflib's ratio when it can reach 0.8, else 0: the length bound is checked first,
    since a crafted megabyte heading takes difflib seconds (the verdict is the same)."""
    matcher = difflib.SequenceMatcher(None, text, expected)
    return matcher.ratio() if matcher.real_quick_ratio() >= 0.8 else 0.0


@file_rule("ST007", "second-title", "warning")
def second_title(ctx: FileContext) -> Iterator[Problem]:
    """The file has more than one H1 (`# …`).

    Only the first names the role; the rest is read as a section of unknown heading.

    **Why**: usually a second profile pasted into the file, or a section written with one `#`
    too few; the page shows two titles and its table of contents skips what follows.

    **Fails**:
    ```markdown
    # The Role of a DevOps Engineer
    …
    # The Role of a DevOps Specialist
    ```

    **Passes**: one H1; sections as `##`.

    **Fix**: move the second profile to a file of its own, or make the heading a `##`.
    """
    titles = [entry for entry in ctx.outline if entry.level == 1]
    for entry in titles[1:]:
        yield Problem(
            entry.line, f"second H1 '{entry.text}': the H1 of line {titles[0].line} names the role"
        )


RULES = [
    missing_title,
    missing_section,
    section_order,
    empty_section,
    duplicate_section,
    heading_near_miss,
    second_title,
]
