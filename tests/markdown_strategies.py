"""Hypothesis strategies for whole role documents written as people write Markdown.

Where `strategies.roles()` builds models, these build text: every section holds a mix of the
constructs that trip rewriters — code spans and fences holding `{` and `<`, escapes, nested and
loose lists with code inside items, ordered lists, tables, blockquotes, HTML, multi-line notes,
admonitions, JSX with attribute expressions, and MDX's troublemakers (`{name}`, `x<5`, `<br>`).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

WORDS = ["deploys", "reviews", "Kubernetes", "on-call", "CI/CD", "metrics", "owns", "café"]

INLINE = st.sampled_from(
    [
        "plain words",
        "`code {x} <y>`",
        "``a ` b``",
        "\\{escaped\\}",
        "\\<Escaped>",
        "\\\\<Tag>",
        "{name}",
        "x<5",
        "a < b",
        "<br>",
        "<br/>",
        "<kbd>K</kbd>",
        "<span style={{color: 'red'}}>red</span>",
        "**bold**",
        "*it*",
        "[link](https://example.com/a_b)",
        "&amp; &lt;",
        "{1 + 1}",
        "<!-- inline -->",
        "trailing  ",
    ]
)


@st.composite
def sentence(draw: Any) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS), INLINE), min_size=1, max_size=5))
    text = " ".join(parts).strip()
    return text if not text.startswith(("import", "export", ":::", "{/*")) else "x " + text


@st.composite
def paragraph(draw: Any) -> str:
    return "\n".join(draw(st.lists(sentence(), min_size=1, max_size=3)))


FENCES = st.sampled_from(
    [
        "```bash\nhelm upgrade {release} --set tag=<tag>   \n```",
        "~~~\n{{ .Values.image.tag }}\n<T>\n~~~",
        "```\n\n  indented inside {x}\n```",
    ]
)


@st.composite
def item_body(draw: Any, depth: int = 0) -> str:
    text = draw(sentence())
    extra = draw(st.sampled_from(["", "fence", "nested", "para"] if depth == 0 else [""]))
    if extra == "fence":
        text += "\n" + draw(FENCES)
    elif extra == "nested":
        text += "\n" + draw(bullet_list(depth + 1))
    elif extra == "para":
        text += "\n\n" + draw(sentence())
    return text


@st.composite
def bullet_list(draw: Any, depth: int = 0) -> str:
    ordered = draw(st.booleans())
    loose = draw(st.booleans())
    start = draw(st.integers(1, 12))
    items = draw(st.lists(item_body(depth), min_size=1, max_size=4))
    out = []
    for index, body in enumerate(items):
        marker = f"{start + index}. " if ordered else draw(st.sampled_from(["- ", "* "]))
        if index and not ordered:
            marker = out[0][:2]  # one bullet character per list
        pad = " " * len(marker)
        lines = body.split("\n")
        out.append(marker + "\n".join([lines[0], *[pad + x if x else x for x in lines[1:]]]))
    return ("\n\n" if loose else "\n").join(out)


BLOCKS = st.one_of(
    paragraph(),
    bullet_list(),
    FENCES,
    st.sampled_from(
        [
            "| a | b |\n|---|---|\n| `{x}` | <y |",
            "> quoted {name}\n> - item",
            "<!-- TODO: a note\n     indented inside -->",
            "{/* an MDX note */}",
            ":::tip[Hint]\n\nSome **tip**.\n\n- in a list\n\n:::",
            "<details>\n<summary>More</summary>\n\nHidden.\n\n</details>",
            "---",
        ]
    ),
)


@st.composite
def section(draw: Any) -> str:
    return "\n\n".join(draw(st.lists(BLOCKS, min_size=0, max_size=3)))


@st.composite
def documents(draw: Any) -> str:
    """A role document: frontmatter, H1, the three sections and sub-roles, varied bodies."""
    name = draw(st.sampled_from(["DevOps Engineer", "Agile Coach", "MLOps Engineer"]))
    article = "an" if name[0] in "AM" else "a"
    needs = draw(bullet_list())
    duties = draw(bullet_list())
    parts = [
        f"---\ntitle: {name}\ntags: [role]\n---",
        f"# The Role of {article} {name}",
        draw(section()),
        f"## Why {article} {name} is Needed",
        needs,
        draw(section()),
        f"## What {article} {name} Does",
        draw(section()),
        duties,
        f"## How {article} {name} Works",
        draw(section()),
    ]
    for title in draw(
        st.lists(st.sampled_from(["The Developer", "The Coach", "Tools"]), max_size=2)
    ):
        parts += [f"### {title}", draw(section())]
    if draw(st.booleans()):
        parts += ["## Career Path", draw(section())]
    return "\n\n".join(p for p in parts if p) + "\n"
