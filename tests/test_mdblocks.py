"""`mdblocks`: what a block's Markdown is, admonitions, segments for `diff`, code spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledeck.mdblocks import (
    Admonition,
    Segment,
    code_key,
    code_spans,
    has_blocks,
    is_plain,
    kind_of,
    outside_code,
    segments,
    split_admonitions,
)


@pytest.mark.parametrize(
    "text",
    [
        "Enhancing collaboration and communication between software development and IT.",
        "Creation/optimization and accountability for end-to-end processes",
        "A line\nthat goes on (with CI/CD, 3 teams; 100% of it) and ends.",
        "Costs $5 and {1 + 1} in MDX, at 10:30 or so?",
    ],
)
def test_plain_words_are_plain(text: str) -> None:
    assert is_plain(text)


@pytest.mark.parametrize(
    "text",
    [
        "**bold**",
        "some *emphasis*",
        "snake_case",
        "`code`",
        "[a link](https://example.com)",
        "<br/>",
        "&amp;",
        "| a | b |",
        "~~gone~~",
        "# heading",
        "Title\n=====",
        "Title\n---",
        "- item",
        "+ item",
        "1. first",
        "3) third",
        "> quoted",
        ":::tip",
        "    indented code",
        "\tcode after a tab",
        "hard  \nbreak",
        "escaped \\* star",
        "an image ![x](y.png)",
    ],
)
def test_anything_markdown_reads_is_not_plain(text: str) -> None:
    assert not is_plain(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Just words.", "paragraph"),
        ("## Heading", "heading"),
        ("- a\n- b", "list"),
        ("12. twelve", "list"),
        ("```bash\nls\n```", "code"),
        ("~~~\nls\n~~~", "code"),
        ("    indented\n    code", "code"),
        ("| a | b |\n|---|:-:|\n| 1 | 2 |", "table"),
        ("a | b\n--- | ---", "table"),
        ("not | a table\n---", "paragraph"),
        ("> quote", "quote"),
        (":::tip Title\nx\n:::", "admonition"),
        ("<div>\nx\n</div>", "html"),
        ("<https://example.com> is a link", "paragraph"),
        ("", "paragraph"),
    ],
)
def test_kind_of(text: str, kind: str) -> None:
    assert kind_of(text) == kind


# -- admonitions ---------------------------------------------------------------------------------


def test_an_admonition_between_paragraphs() -> None:
    parts = split_admonitions("Before.\n\n:::tip\nUse **it**.\n:::\n\nAfter.")
    assert parts == ["Before.\n", Admonition("tip", "", "Use **it**."), "\nAfter."]


@pytest.mark.parametrize(
    ("opening", "kind", "title"),
    [
        (":::note[Your Title **with** Markdown]", "note", "Your Title **with** Markdown"),
        (":::warning Legacy title", "warning", "Legacy title"),
        (":::danger", "danger", ""),
        (":::info{.custom}", "info", ""),
        ("  :::caution", "caution", ""),
    ],
)
def test_admonition_titles_in_either_form(opening: str, kind: str, title: str) -> None:
    assert split_admonitions(f"{opening}\nBody.\n:::") == [Admonition(kind, title, "Body.")]


def test_nested_admonitions_with_more_colons_outside_as_docusaurus_documents() -> None:
    text = ":::::info Parent\nOuter.\n\n::::danger Child\n:::tip Deep\nx\n:::\n::::\n:::::\nafter"
    outer, rest = split_admonitions(text)
    assert outer == Admonition(
        "info", "Parent", "Outer.\n\n::::danger Child\n:::tip Deep\nx\n:::\n::::"
    )
    assert rest == "after"
    assert isinstance(outer, Admonition)
    (child,) = split_admonitions(outer.body)[1:]
    assert child == Admonition("danger", "Child", ":::tip Deep\nx\n:::")


def test_nested_admonitions_with_as_many_colons_close_innermost_first() -> None:
    (outer,) = split_admonitions(":::note\na\n:::tip\nb\n:::\nc\n:::")
    assert outer == Admonition("note", "", "a\n:::tip\nb\n:::\nc")


def test_a_short_closing_line_inside_a_longer_admonition_is_its_text() -> None:
    (outer,) = split_admonitions("::::note\na\n:::\nb\n::::")
    assert outer == Admonition("note", "", "a\n:::\nb")


def test_colons_in_code_are_code_and_an_unclosed_admonition_runs_to_the_end() -> None:
    text = ":::tip\n```text\n:::\n```\nstill inside"
    assert split_admonitions(text) == [Admonition("tip", "", "```text\n:::\n```\nstill inside")]
    assert split_admonitions("```\n:::tip\nx\n:::\n```") == ["```\n:::tip\nx\n:::\n```"]


def test_what_is_not_an_admonition() -> None:
    for text in ("::: note Hello world:::", "a ::: b", "::", ":::"):
        assert split_admonitions(text) == [text]


# -- segments ------------------------------------------------------------------------------------


def test_segments_of_an_item_with_nested_code_and_a_list() -> None:
    text = (
        "Deploys with Helm:\n  ```bash\n  helm upgrade x\n\n  helm test x\n  ```\n"
        "- nested one\n- nested two\n\n| a | b |\n| - | - |\n| 1 | 2 |\nAfter the table."
    )
    assert segments(text) == [
        Segment("prose", ("Deploys with Helm:",)),
        Segment("code", ("  ```bash", "  helm upgrade x", "", "  helm test x", "  ```")),
        Segment("prose", ("- nested one",)),
        Segment("prose", ("- nested two",)),
        Segment("table", ("| a | b |", "| - | - |", "| 1 | 2 |", "After the table.")),
    ]


def test_segments_keep_a_paragraph_and_a_quote_whole_and_headings_apart() -> None:
    text = "One line\nand its continuation.\n> quoted\n> still quoted\n## Heading\nText"
    assert [s.lines for s in segments(text)] == [
        ("One line", "and its continuation."),
        ("> quoted", "> still quoted"),
        ("## Heading",),
        ("Text",),
    ]


def test_segments_code_unclosed_tilde_and_indented() -> None:
    assert segments("~~~~\ncode\n~~~\nmore") == [Segment("code", ("~~~~", "code", "~~~", "more"))]
    assert segments("    a = 1\n\n    b = 2\n\nText") == [
        Segment("code", ("    a = 1", "", "    b = 2")),
        Segment("prose", ("Text",)),
    ]
    # under a list item, an indented line is the item's continuation, not code
    assert [s.kind for s in segments("- item\n\n    continued")] == ["prose", "prose"]


def test_segment_indent() -> None:
    assert segments("  - nested")[0].indent == "  "


LINES = st.sampled_from(
    [
        "words here",
        "- item",
        "  - nested",
        "```",
        "~~~",
        "    code",
        "| a | b |",
        "| - | - |",
        "> quote",
        ":::tip",
        ":::",
        "## h",
        "",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=16))
def test_segments_never_lose_or_reorder_a_line(lines: list[str]) -> None:
    text = "\n".join(lines)
    got = [line for segment in segments(text) for line in segment.lines if line.strip()]
    assert got == [line for line in lines if line.strip()]


def test_has_blocks_and_code_key() -> None:
    assert not has_blocks("A paragraph\nover two lines.")
    assert has_blocks("Intro:\n```\nx\n```")
    assert has_blocks("| a |\n| - |")
    assert has_blocks("    indented code")
    assert code_key("Intro:\n```py\n  x = 1   \n```") == "```py\n  x = 1\n```"
    assert code_key("no code") == ""


# -- inline code ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("a `b` c", ["`b`"]),
        ("``a ` b``", ["``a ` b``"]),
        ("`a`` b", []),  # runs of different lengths do not match
        ("`one` and `two`", ["`one`", "`two`"]),
        ("\\`not code` but `code`", ["` but `"]),  # an escaped backtick opens nothing
        ("\\\\`code`", ["`code`"]),  # an escaped backslash escapes nothing after it
        ("no code", []),
    ],
)
def test_code_spans(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in code_spans(text)] == spans


def test_outside_code_leaves_code_as_written() -> None:
    text = "a <b> `<c>`\n\n```\n<d>\n```\n  ~~~\n  <e>\n  ~~~\n<f>"

    def escape(part: str) -> str:
        return part.replace("<", "\\<")

    assert outside_code(text, escape) == (
        "a \\<b> `<c>`\n\n```\n<d>\n```\n  ~~~\n  <e>\n  ~~~\n\\<f>"
    )


def test_a_blank_line_inside_makes_two_paragraphs_not_plain_words() -> None:
    assert not is_plain("one\n\ntwo")
    assert is_plain("\none\ntwo\n\n")
