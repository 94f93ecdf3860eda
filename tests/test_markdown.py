"""The CommonMark layer: blocks, their source and lines, items, and what Docusaurus adds."""

from __future__ import annotations

import pytest

from roledeck.markdown import parse_body


def kinds(text: str, first_line: int = 1) -> list[tuple[str, int]]:
    return [(b.kind, b.line) for b in parse_body(text, first_line).blocks]


def test_block_kinds_and_lines_count_from_the_first_body_line() -> None:
    text = (
        "# Title\n\nA paragraph\nover two lines.\n\n- one\n- two\n\n| a | b |\n|---|---|\n"
        "| 1 | 2 |\n\n```bash\nx\n```\n\n> quoted\n\n---\n\n<div>raw</div>\n"
    )
    assert kinds(text, 7) == [
        ("heading", 7),
        ("para", 9),
        ("list", 12),
        ("table", 15),
        ("code", 19),
        ("quote", 23),
        ("rule", 25),
        ("html", 27),
    ]


def test_setext_headings_are_headings() -> None:
    blocks = parse_body("The Role of a Tester\n====\n\nWhy a Tester is Needed\n---\n").blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "The Role of a Tester"),
        ("heading", 2, "Why a Tester is Needed"),
    ]


def test_heading_text_keeps_inline_markup_and_ids_as_written() -> None:
    (block,) = parse_body("## Why a **DevOps**<br/>Engineer is Needed {#why}\n").blocks
    assert block.text == "Why a **DevOps**<br/>Engineer is Needed {#why}"


def test_a_block_keeps_its_source_exactly_and_code_keeps_trailing_spaces() -> None:
    text = "Line one  \nline two \n\n```\nkeep   \n```\n"
    para, code = parse_body(text).blocks
    assert para.text == "Line one  \nline two"  # a hard break kept, a lone space dropped
    assert code.text == "```\nkeep   \n```"


def test_list_items_lose_their_marker_and_keep_nested_content_relative() -> None:
    text = (
        "- **Deploying**: ships\n"
        "    ```bash\n"
        "    helm upgrade {release} --set tag=<tag>\n"
        "    ```\n"
        "- parent\n"
        "  - child\n"
        "    more\n"
    )
    body = parse_body(text)
    (block,) = body.blocks
    assert [(item.line, item.text) for item in body.items(block)] == [
        (1, "**Deploying**: ships\n  ```bash\n  helm upgrade {release} --set tag=<tag>\n  ```"),
        (5, "parent\n- child\n  more"),
    ]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("-   wide\n    continued\n", "wide\ncontinued"),
        ("10. ten\n    next\n", "ten\nnext"),
        ("- lazy\ncontinuation\n", "lazy\ncontinuation"),
        ("-\n  starts below\n", "starts below"),
        ("-     indented code\n", "    indented code"),
    ],
)
def test_item_content_follows_the_commonmark_content_column(text: str, item: str) -> None:
    body = parse_body(text)
    (block,) = body.blocks
    assert body.items(block)[0].text == item


def test_list_style_ordered_start_and_loose() -> None:
    tight, loose = parse_body("3. a\n4. b\n\n- x\n\n- y\n").blocks
    assert (tight.ordered, tight.start, tight.loose) == (True, 3, False)
    assert (loose.ordered, loose.loose) == (False, True)


def test_html_comment_alone_is_a_note_and_with_more_is_html() -> None:
    note, html = parse_body("<!-- TODO: a\n  b -->\n\n<!-- a --> <!-- b -->\n").blocks
    assert (note.kind, note.syntax, note.text) == ("note", "html", "TODO: a\n  b")
    assert html.kind == "html"


def test_an_mdx_comment_may_span_blank_lines_and_headings() -> None:
    text = "{/* TODO:\n\n## not a heading\n\nstill the comment */}\n\nAfter.\n"
    note, para = parse_body(text).blocks
    assert (note.kind, note.syntax, note.line) == ("note", "mdx", 1)
    assert note.text == "TODO:\n\n## not a heading\n\nstill the comment"
    assert (para.kind, para.line) == ("para", 7)


def test_admonitions_span_blank_lines_and_nest() -> None:
    text = (
        ":::tip[Deploys]\n\nShips *daily*.\n\n::::note\ninner\n::::\n\n- a list\n\n:::\n\nAfter.\n"
    )
    admonition, after = parse_body(text).blocks
    assert admonition.kind == "admonition"
    assert admonition.text.startswith(":::tip[Deploys]") and admonition.text.endswith("\n:::")
    assert (after.kind, after.line) == ("para", 13)


def test_an_unclosed_admonition_stays_as_commonmark_reads_it() -> None:
    assert [k for k, _ in kinds(":::tip\n\nnever closed\n")] == ["admonition", "para"]


def test_import_and_export_paragraphs_are_esm() -> None:
    assert kinds("import Tabs from '@theme/Tabs';\n\nexport const x = 1;\n\nimportant\n") == [
        ("esm", 1),
        ("esm", 3),
        ("para", 5),
    ]


def test_code_and_html_ranges_are_string_offsets_with_non_ascii_text() -> None:
    text = "É `code {x}` ü <kbd>K</kbd>\n\n```\n{y}\n```\n"
    body = parse_body(text)
    assert [text[s:e] for s, e in body.code] == ["`code {x}`", "```\n{y}\n```"]
    assert [text[s:e] for s, e in body.html] == ["<kbd>", "</kbd>"]
    assert body.position(text.index("<kbd>")) == (1, text.index("<kbd>") + 1)


def test_deep_nesting_is_bounded_and_does_not_crash() -> None:
    body = parse_body(">" * 50_000 + " x\n\n" + "- " * 5_000 + "y\n")
    assert [b.kind for b in body.blocks] == ["quote", "list"]
