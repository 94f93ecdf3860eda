"""The block scanner's shortcuts agree with the plain definitions they replace."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from roledeck import blocks

# the characters block starts are made of, a few others, and a non-ASCII digit
line_chars = st.sampled_from(list(" \t#-*+_`~<!{/}>1.)9٣abc"))
lines = st.text(line_chars, min_size=1, max_size=12).filter(lambda s: s.strip() != "")


def _starts_block_by_every_pattern(line: str) -> bool:
    """Every block start tried in turn: what `_starts_block` means."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) >= 4:
        return False
    return bool(
        blocks.heading(line) is not None
        or blocks._ITEM.match(line)
        or blocks._FENCE.match(line)
        or stripped.startswith(("<!--", "{/*"))
        or blocks._THEMATIC.match(line)
    )


@given(lines)
@example("٣. an item numbered with an Arabic-Indic digit")
@example("   - item")
@example("    - indented code, not an item")
@example("***")
@example("_ _ _")
@example("```js")
@example("{/* note */}")
@example("\t# not a heading (a tab is not an indent here)")
def test_starts_block_dispatch_agrees_with_trying_every_pattern(line: str) -> None:
    line = line.rstrip()  # as the scanner passes it: never blank (see `lines`)
    assert blocks._starts_block(line) == _starts_block_by_every_pattern(line)


def test_a_list_item_ends_where_a_heading_starts() -> None:
    found = blocks.split_blocks(["- one", "continued", "## Next", "- two"], 10)
    assert [(b.kind, b.text, b.line) for b in found] == [
        ("item", "one\ncontinued", 10),
        ("heading", "Next", 12),
        ("item", "two", 13),
    ]
