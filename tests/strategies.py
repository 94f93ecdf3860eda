"""Hypothesis strategies for realistic roles, in the form the Markdown parser produces.

A generated `Role` is what parsing some hand-written profile could give: a titled document
whose present sections have headings, items with inline Markdown, notes anchored where a
comment can stand, kept blocks where the parser makes them, custom sub-roles and extra
sections. Only then can model → Markdown → model be the identity.

Left out on purpose, because Markdown (or the parser's reading of it) cannot represent them:
- text with blank lines, leading or trailing spaces, or a line that starts a block (`#`,
  `-`/`*`/`+`/`1.` and a space, `>`, ```` ``` ````, `<!--`, `{/*`, `---`, 4-space indent):
  it would be read as several blocks, or as another kind of block;
- `**`/`__` inside a bold duty name and a plain duty starting with them (the bold name is
  found by those delimiters), and `-->` / `*/}` inside a note (they end it);
- two list paragraphs in a row in one text section (Markdown reads them as one list);
- extra sections whose heading is a known section's (the first one of a kind is that
  section), level-1 extra sections before the H1 (the first H1 is the title), and `###`
  paragraphs under "How … Works" (they are sub-roles there);
- a role without an H1, or a section with content but no heading: the renderer adds the
  conventional heading, which the parser then reports as written (`headings`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from hypothesis import strategies as st

from roledeck.model import (
    DUTIES,
    HOW,
    NEEDS,
    PREAMBLE,
    SUMMARY,
    Block,
    Duty,
    ExtraSection,
    Frontmatter,
    Heading,
    Headings,
    Need,
    Note,
    Paragraph,
    Role,
    SubRole,
)
from roledeck.vocabulary import DEFAULT_SUB_ROLES, DEFAULT_VOCABULARY, article_for, slug

WORDS = [
    *("deploy", "pipelines", "cloud", "teams", "reliability", "incident", "on-call"),
    *("metrics", "automation", "infrastructure", "security", "releases", "feedback"),
    *("customers", "24/7", "Kubernetes", "Terraform", "naïve", "Zürich", "déjà-vu", "日本語"),
    *("CI/CD", "SLOs", "(and)", "stakeholders,", "costs;", "quality.", "x²", "e.g."),
]
NAME_WORDS = [
    *("DevOps", "SRE", "Platform", "Data", "Cloud", "Security", "Release", "Lead"),
    *("Engineer", "Specialist", "Owner", "Ünit", "Architect", "Manager", "Analyst", "QA"),
]
EXTRA_TITLES = ("Career Path", "Further Reading", "Tools We Use", "Salary Bands", "FAQ")
CUSTOM_SUB_ROLES = ("The Cloud Architect", "The Mentor", "Release Captain", "The Data Steward")


@cache
def _word() -> st.SearchStrategy[str]:
    plain = st.sampled_from(WORDS)
    return st.one_of(
        plain,
        plain,
        plain.map(lambda w: f"**{w}**"),
        plain.map(lambda w: f"*{w}*"),
        plain.map(lambda w: f"`{w}`"),
        plain.map(lambda w: f"[{w}](https://example.com/{slug(w) or 'x'})"),
    )


@cache
def sentence(min_words: int = 1, max_words: int = 8) -> st.SearchStrategy[str]:
    """One line of prose that starts with a word, never with a block marker."""
    first = st.sampled_from([w for w in WORDS if w[0].isalpha()])
    rest = st.lists(_word(), min_size=min_words - 1, max_size=max_words - 1)
    return st.builds(lambda f, r: " ".join([f.capitalize(), *r]), first, rest)


@cache
def lines_text(max_lines: int = 3, *, breaks: bool = True) -> st.SearchStrategy[str]:
    """Prose over one to `max_lines` lines, some ending in a hard break (two spaces)."""
    end = st.sampled_from(["\n", "\n", "  \n"] if breaks else ["\n"])
    line = st.tuples(sentence(), end).map("".join)
    return st.lists(line, min_size=1, max_size=max_lines).map(lambda ls: "".join(ls)[:-1].rstrip())


@cache
def _list_text() -> st.SearchStrategy[str]:
    marker = st.sampled_from(["-", "*", "+", "1."])
    return st.builds(
        lambda m, items: "\n".join(f"{m} {item}" for item in items),
        marker,
        st.lists(sentence(), min_size=1, max_size=3),
    )


@cache
def _fence() -> st.SearchStrategy[str]:
    code = st.lists(st.sampled_from(["key: value", "  nested: 1", "# a comment", "- item"]))
    return code.map(lambda lines: "\n".join(["```yaml", *lines, "```"]))


@cache
def paragraphs(
    *, lists: bool = True, headings: bool = False, max_size: int = 3
) -> st.SearchStrategy[list[Paragraph]]:
    """Paragraphs of a text section; list paragraphs never follow each other."""
    kinds = [lines_text(), lines_text(), _fence()]
    if lists:
        kinds.append(_list_text())
    if headings:
        kinds.append(sentence(max_words=3).map(lambda s: f"#### {s}"))

    def no_adjacent_lists(texts: list[str]) -> list[Paragraph]:
        kept: list[str] = []
        for text in texts:
            is_list = bool(re.match(r"([-*+]|\d+\.) ", text))
            if is_list and kept and re.match(r"([-*+]|\d+\.) ", kept[-1]):
                continue
            kept.append(text)
        return [Paragraph(text=t) for t in kept]

    return st.lists(st.one_of(kinds), max_size=max_size).map(no_adjacent_lists)


@cache
def role_names() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=3).map(" ".join)


_SECTION_TEMPLATES = {
    NEEDS: ["Why {article} {name} is Needed", "WHY {article} {name} IS NEEDED"],
    DUTIES: ["What {article} {name} Does", "what {article} {name} does"],
    HOW: ["How {article} {name} Works"],
}


def _heading(key: str, draw: Any, role_name: str) -> Heading:
    name = draw(st.one_of(st.just(role_name), role_names()))
    article = draw(st.sampled_from([article_for(name), "a", "an"]))
    template = draw(st.sampled_from(_SECTION_TEMPLATES[key]))
    text = template.replace("{article}", article).replace("{name}", name)
    return Heading(text=text, name=name, article=article)


@cache
def _frontmatter(role_id: str) -> st.SearchStrategy[dict[str, Any]]:
    scalar = st.one_of(
        st.sampled_from(["DevOps", "yes", "2024-01-01", "a: b", "#x", "", "naïve"]),
        st.integers(-5, 100),
        st.booleans(),
    )
    entries = {
        "sidebar_position": st.integers(0, 20),
        "title": st.sampled_from(["DevOps", "Platform", "Ops: the basics"]),
        "sidebar_label": st.sampled_from(["Label", "yes", None]),
        "tags": st.lists(st.sampled_from(["DevOps", "role", "FAQ"]), max_size=3, unique=True),
        "id": st.just(role_id),
        "description": scalar,
        "custom": st.one_of(
            scalar, st.lists(scalar, max_size=3), st.fixed_dictionaries({"k": scalar})
        ),
    }
    return st.lists(st.sampled_from(list(entries)), unique=True, max_size=5).flatmap(
        lambda keys: st.fixed_dictionaries({k: entries[k] for k in keys})
    )


@cache
def _note_text() -> st.SearchStrategy[str]:
    return st.one_of(
        sentence(max_words=5),
        sentence(max_words=4).map(lambda s: f"TODO: {s}"),
        lines_text(2, breaks=False),  # a note's lines are trimmed: its text has no breaks
    )


@st.composite
def roles(draw: Any) -> Role:
    """A role as the parser would read it from a hand-written, realistic profile."""
    role_id = draw(st.sampled_from(["generated-role", "x", "team-lead"]))
    name = draw(role_names())
    if draw(st.integers(0, 7)) == 0:  # an H1 without the conventional pattern
        title = Heading(text=f"{name} Handbook")
        name_in_doc, article = f"{name} Handbook", article_for(f"{name} Handbook")
    else:
        article = draw(st.sampled_from([article_for(name), article_for(name), "a", "an"]))
        title = Heading(text=f"The Role of {article} {name}", name=name, article=article)
        name_in_doc = name
    present = {key: draw(st.integers(0, 4)) > 0 for key in (NEEDS, DUTIES, HOW)}
    headings = Headings(
        title=title, **{key: _heading(key, draw, name) for key, on in present.items() if on}
    )

    summary = draw(paragraphs(headings=True))
    needs = (
        [Need(text=t) for t in draw(st.lists(_item_text(), max_size=4))] if present[NEEDS] else []
    )
    # a list before the duties would be duties, so their introduction has none
    duties_intro = draw(paragraphs(lists=False, max_size=2)) if present[DUTIES] else []
    duties = draw(st.lists(_duty(), max_size=4)) if present[DUTIES] else []
    how_intro = draw(paragraphs(max_size=2)) if present[HOW] else []
    sub_roles = draw(st.lists(_sub_role(), max_size=5)) if present[HOW] else []

    sections: dict[str, int] = {PREAMBLE: 0, SUMMARY: len(summary)}
    if present[NEEDS]:
        sections[NEEDS] = len(needs)
    if present[DUTIES]:
        sections[DUTIES] = len(duties_intro) + len(duties)
    if present[HOW]:
        sections[HOW] = len(how_intro)
    for index, sub in enumerate(sub_roles):
        sections[f"sub_role:{index}"] = len(sub.description)

    afters = [PREAMBLE, SUMMARY] + [k for k in (NEEDS, DUTIES, HOW) if present[k]]
    extras = draw(st.lists(_extra(afters), max_size=3))
    extras.sort(key=lambda e: afters.index(e.after))  # document order, as parsed
    for index, extra in enumerate(extras):
        sections[f"extra:{index}"] = len(extra.blocks)

    notes = draw(st.lists(_note(sections), max_size=6))
    notes.sort(key=lambda n: (_order(n.section, extras), n.position))
    blocks = draw(st.lists(_block(present, needs, duties_intro, duties), max_size=3))
    blocks.sort(key=lambda b: (_order(b.section, extras), b.position))

    frontmatter = Frontmatter.model_validate(draw(_frontmatter(role_id)))
    return Role(
        id=role_id,
        name=name_in_doc,
        article=article,
        frontmatter=frontmatter,
        headings=headings,
        summary=summary,
        needs=needs,
        duties_intro=duties_intro,
        duties=duties,
        how_intro=how_intro,
        sub_roles=sub_roles,
        notes=notes,
        blocks=blocks,
        extra_sections=extras,
    )


def _order(section: str, extras: list[ExtraSection]) -> tuple[int, int]:
    """Where a section sits in the document, to list notes and blocks in document order."""
    main = [PREAMBLE, SUMMARY, NEEDS, DUTIES, HOW]
    if section.startswith("extra:"):
        extra = extras[int(section.split(":")[1])]
        return (main.index(extra.after) * 3 + 2, int(section.split(":")[1]))
    if section.startswith("sub_role:"):
        return (main.index(HOW) * 3 + 1, int(section.split(":")[1]))
    return (main.index(section) * 3, 0)


@cache
def _item_text() -> st.SearchStrategy[str]:
    nested = st.builds(lambda a, b: f"{a}\n- {b}", sentence(), sentence())
    return st.one_of(sentence(), sentence(), lines_text(2), nested)


@st.composite
def _duty(draw: Any) -> Duty:
    if draw(st.integers(0, 4)) == 0:
        return Duty(name=draw(sentence()), bold=False)
    name = " ".join(
        draw(st.lists(st.sampled_from([*NAME_WORDS, "`kubectl`"]), min_size=1, max_size=4))
    )
    description = draw(st.one_of(st.none(), sentence(), lines_text(2)))
    return Duty(name=name, description=description)


@st.composite
def _sub_role(draw: Any) -> SubRole:
    description = draw(paragraphs(headings=True, max_size=2))
    if draw(st.integers(0, 3)) == 0:
        title = draw(st.sampled_from(CUSTOM_SUB_ROLES))
        return SubRole(kind=slug(title), title=title, custom=True, description=description)
    kind = draw(st.sampled_from(list(DEFAULT_SUB_ROLES)))
    title = DEFAULT_VOCABULARY.sub_roles[kind][0]
    return SubRole(kind=kind, title=title, description=description)


@st.composite
def _extra(draw: Any, afters: list[str]) -> ExtraSection:
    after = draw(st.sampled_from(afters))
    level = 2 if after == PREAMBLE else draw(st.sampled_from([1, 2, 2]))
    blocks = draw(paragraphs(headings=True, max_size=2))
    return ExtraSection(
        title=draw(st.sampled_from(EXTRA_TITLES)), level=level, blocks=blocks, after=after
    )


@st.composite
def _note(draw: Any, sections: dict[str, int]) -> Note:
    section = draw(st.sampled_from(list(sections)))
    position = draw(st.integers(0, sections[section]))
    syntax = draw(st.sampled_from(["html", "html", "mdx"]))
    return Note(text=draw(_note_text()), syntax=syntax, section=section, position=position)


@st.composite
def _block(
    draw: Any,
    present: dict[str, bool],
    needs: list[Need],
    duties_intro: list[Paragraph],
    duties: list[Duty],
) -> Block:
    """Text the parser keeps as a block: before the H1, among needs, or after duties begin."""
    places: list[tuple[str, int, int]] = [(PREAMBLE, 0, 0)]
    if present[NEEDS]:
        places.append((NEEDS, 0, len(needs)))
    if duties:
        places.append((DUTIES, len(duties_intro) + 1, len(duties_intro) + len(duties)))
    section, low, high = draw(st.sampled_from(places))
    return Block(text=draw(lines_text()), section=section, position=draw(st.integers(low, high)))
