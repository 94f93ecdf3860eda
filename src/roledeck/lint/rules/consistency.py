"""Consistency rules: one role named throughout, and sub-roles that match their introduction."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from roledeck.facets import mentioned_kinds
from roledeck.lint.context import FileContext
from roledeck.lint.findings import Problem
from roledeck.lint.registry import file_rule
from roledeck.model import Heading, Role
from roledeck.vocabulary import Vocabulary, facet_phrase, plain_heading

_SPACES = re.compile(r"\s+")


def _same_name(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a).strip().casefold() == _SPACES.sub(" ", b).strip().casefold()


def _section_headings(role: Role) -> list[Heading]:
    h = role.headings
    return [x for x in (h.summary, h.needs, h.duties, h.how) if x is not None]


@file_rule("CO001", "heading-names-other-role")
def heading_names_other_role(ctx: FileContext) -> Iterator[Problem]:
    """A section heading names a different role than the H1.

    **Why**: the classic copy-paste slip: a profile copied from another role keeps the old
    name in a heading, e.g. "Why a DevOps Engineer is Needed" inside the Specialist.

    **Fails**:
    ```markdown
    # The Role of a DevOps Specialist
    ## Why a DevOps Engineer is Needed
    ```

    **Passes**:
    ```markdown
    # The Role of a DevOps Specialist
    ## Why a DevOps Specialist is Needed
    ```

    **Fix**: use the H1's role name in the heading.
    """
    role = ctx.role
    if role.headings.title is None or not role.headings.title.name:
        return
    for heading in _section_headings(role):
        if heading.name and not _same_name(heading.name, role.name):
            yield Problem(
                heading.line or 1,
                f"heading names '{heading.name}', but this is the role of "
                f"{role.article} {role.name} (line {role.headings.title.line})",
            )


def facet_phrases(vocabulary: Vocabulary, role: Role) -> dict[str, str]:
    """Kind -> how an introduction names it ('The Security Expert' -> 'security expert')."""
    phrases = dict(vocabulary.matcher.facet_phrases)
    for sub in role.sub_roles:
        if sub.custom:
            phrases[sub.kind] = facet_phrase(sub.title)
    return phrases


def own_names(role: Role) -> list[str]:
    """Every name the profile calls its own role by: the H1's, the frontmatter title's and
    sidebar label's (the role's name in any case, plural or with an article is one of them)."""
    title = role.headings.title
    front = role.frontmatter
    names = [role.name, title.name if title else None, front.title, front.sidebar_label]
    return [n for n in dict.fromkeys(names) if n]


def _intro_facets(ctx: FileContext) -> tuple[dict[str, str], set[str]]:
    """The facet phrases, and the kinds the "how" introduction lists (CO002 and CO003 both
    ask; worked out once per file). See `roledeck.facets`: only the list counts, and never
    the role's own name."""
    if ctx.intro_facets is None:
        phrases = facet_phrases(ctx.vocabulary, ctx.role)
        intro = "\n\n".join(p.text for p in ctx.role.how_intro)
        ctx.intro_facets = (phrases, mentioned_kinds(intro, phrases, own_names(ctx.role)))
    return ctx.intro_facets


@file_rule("CO002", "facet-without-section")
def facet_without_section(ctx: FileContext) -> Iterator[Problem]:
    """The "how it works" introduction names a facet that has no sub-role section.

    Checked only when the introduction names at least one facet. Only the introduction's
    list of facets counts ("…including system administrator, developer and coach", "…works
    as a developer and coach", "…these roles: developer and coach"): the role's own name
    ("an Engineering Manager adopts…", in any case, plural, or as the frontmatter title) and
    passing mentions ("works closely with the product manager") are not facets.

    **Why**: a facet promised in the introduction ("…including manager and coach") but never
    described is a gap readers notice at once.

    **Fails**:
    ```markdown
    …including system administrator, developer and coach.

    ### The System Administrator
    ### The Developer
    ```

    **Passes**: the same with a `### The Coach` section.

    **Fix**: add the missing sub-role section, or drop the facet from the introduction.
    """
    role = ctx.role
    if not role.how_intro:
        return
    phrases, mentioned = _intro_facets(ctx)
    present = set(role.kinds)
    for kind in sorted(mentioned - present, key=list(phrases).index):
        yield Problem(
            role.how_intro[0].line or 1,
            f"the introduction names '{phrases[kind]}', but there is no sub-role section for it",
        )


@file_rule("CO003", "section-not-in-intro", "warning")
def section_not_in_intro(ctx: FileContext) -> Iterator[Problem]:
    """A sub-role section is not named in the "how it works" introduction.

    Checked only when the introduction names at least one facet.

    **Why**: the introduction is the summary of the facets; a facet added later is easily
    forgotten there.

    **Fails**: an introduction "…including system administrator and developer" followed by a
    `### The Security Expert` section.

    **Passes**: the introduction lists every facet that has a section.

    **Fix**: name the facet in the introduction.
    """
    role = ctx.role
    if not role.how_intro:
        return
    phrases, mentioned = _intro_facets(ctx)
    if not mentioned:
        return
    for sub in role.sub_roles:
        if sub.kind in phrases and sub.kind not in mentioned:
            yield Problem(
                sub.line or 1,
                f"sub-role '{sub.title}' is not named in the introduction (line "
                f"{role.how_intro[0].line})",
            )


@file_rule("CO004", "unknown-sub-role", "warning")
def unknown_sub_role(ctx: FileContext) -> Iterator[Problem]:
    """A sub-role heading is not in the vocabulary (the canonical five plus configured kinds).

    **Why**: teams agree on a small set of facets; a new one should be a decision (added to
    `[tool.roles.vocabulary.sub-roles]`), not a typo.

    **Fails**:
    ```markdown
    ### The Wizard
    ```

    **Passes**:
    ```markdown
    ### The Developer
    ```

    **Fix**: use a heading from the vocabulary, or add the kind to the configuration.
    """
    known = [p for patterns in ctx.vocabulary.sub_roles.values() for p in patterns if "{" not in p]
    for sub in ctx.role.sub_roles:
        if not sub.custom:
            continue
        close = difflib.get_close_matches(plain_heading(sub.title), known, n=1, cutoff=0.75)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        yield Problem(sub.line or 1, f"sub-role '{sub.title}' is not in the vocabulary{hint}")


@file_rule("CO005", "duplicate-sub-role")
def duplicate_sub_role(ctx: FileContext) -> Iterator[Problem]:
    """The same sub-role appears twice.

    **Why**: two "The Developer" sections split one facet's description in two places.

    **Fails**: two `### The Developer` headings in one profile.

    **Passes**: each sub-role once.

    **Fix**: merge the two sections.
    """
    first: dict[str, int] = {}
    for sub in ctx.role.sub_roles:
        if sub.kind in first:
            yield Problem(
                sub.line or 1, f"sub-role '{sub.title}' already appears at line {first[sub.kind]}"
            )
        else:
            first[sub.kind] = sub.line or 1


@file_rule("CO006", "wrong-article")
def wrong_article(ctx: FileContext) -> Iterator[Problem]:
    """The article before the role's name is wrong: "a Engineer", "an DevOps Engineer".

    The article goes by how the name is said: "an" before a vowel sound, letters read one by
    one included ("an SRE Lead", "an MLOps Engineer", "an X-Ray Technician"), digits by their
    spoken form ("an 8-Bit Artist", "an 11x Engineer"), accented letters by their base letter
    ("an Éditeur"); "a" before a consonant sound ("a DevOps Engineer", "a Unix Admin"). Where
    English hesitates (an acronym read as a word: "NOC", "SQL", "URL"), either is accepted;
    `[tool.roles.articles]` fixes any name (`NOC = "a"`).

    **Why**: it shows in every heading of the profile, and usually comes from renaming a role
    by search and replace.

    **Fails**:
    ```markdown
    # The Role of an DevOps Engineer
    ```

    **Passes**:
    ```markdown
    # The Role of a DevOps Engineer
    ```

    **Fix**: use the article in the message.
    """
    role = ctx.role
    vocabulary = ctx.vocabulary
    headings = [role.headings.title, *_section_headings(role)]
    for heading in headings:
        if heading is None or not heading.article or not heading.name:
            continue
        if heading.article == "the":
            continue
        allowed = vocabulary.allowed_articles(heading.name)
        if heading.article not in allowed:
            written = _written(plain_heading(heading.text), heading.article, heading.name)
            yield Problem(heading.line or 1, _message(written, vocabulary.article(heading.name)))
    if not role.name:
        return
    allowed = vocabulary.allowed_articles(role.name)
    expected = vocabulary.article(role.name)
    for para in [*role.summary, *role.duties_intro, *role.how_intro]:
        if role.name not in para.text:
            continue
        for start, article in _articles_before(para.text, role.name):
            if article.lower() not in allowed:
                line = (para.line or 1) + para.text.count("\n", 0, start)
                yield Problem(line, _message(f"{article} {role.name}", expected))


def _written(text: str, article: str, name: str) -> str:
    """The article and name as the heading writes them (its case kept)."""
    words = r"\s+".join(re.escape(w) for w in name.split())
    found = re.search(rf"(?<!\w){re.escape(article)}\s+{words}", text, re.IGNORECASE)
    return _SPACES.sub(" ", found.group()) if found else f"{article} {name}"


def _message(written: str, expected: str) -> str:
    """ "'A MLOps Engineer' should be 'An MLOps Engineer'": the fix keeps the written case."""
    article, _, name = written.partition(" ")
    if article.isupper() and len(article) > 1:
        expected = expected.upper()
    elif article[:1].isupper():
        expected = expected.capitalize()
    return f"'{written}' should be '{expected} {name}'"


_TRAILING_ARTICLE = re.compile(r"(?:^|(?<=\W))(a|an|A|An)\s+$")


def _articles_before(text: str, name: str) -> Iterator[tuple[int, str]]:
    """(offset, article) of each 'a'/'an' written right before `name` in `text`.

    A plain substring search, then a look at the few characters before each hit: cheaper
    than compiling a pattern for every role's name.
    """
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if end == len(text) or not text[end].isalnum():
            match = _TRAILING_ARTICLE.search(text, max(0, at - 4), at)
            if match:
                yield match.start(1), match.group(1)
        at = text.find(name, end)


RULES = [
    heading_names_other_role,
    facet_without_section,
    section_not_in_intro,
    unknown_sub_role,
    duplicate_sub_role,
    wrong_article,
]
