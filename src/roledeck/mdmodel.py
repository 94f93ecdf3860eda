"""The parsed body's data: top-level blocks, list items, and where code and HTML are.

What `roledeck.markdown` builds from the parser's events and the rest of roledeck reads
(assembly into the schema, the MDX view, `fmt`). Offsets are `str` indices into the body.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Literal

from roledeck.mdtext import BLANK_TAIL, code_in, item_content, marker_width, tidy

BlockKind = Literal[
    "heading",
    "list",
    "note",
    "para",
    "code",
    "table",
    "quote",
    "html",
    "rule",
    "admonition",
    "esm",
    "footnote",
]


class TooManyBlocks(ValueError):
    """The body has more than `MAX_BLOCKS` blocks; `line` is where the limit was passed."""

    def __init__(self, line: int, limit: int) -> None:
        super().__init__(f"more than {limit:,} blocks")
        self.line = line
        self.limit = limit


@dataclass(slots=True)
class MdItem:
    """One list item: its content (marker removed, continuation lines dedented) and line;
    `gap` when a blank line separates it from the next item."""

    text: str
    line: int
    gap: bool = False


@dataclass(slots=True)
class MdBlock:
    """One top-level block.

    `text` is the block's source, exactly as written but for trailing whitespace that means
    nothing (a hard break's two spaces are kept; code is never touched). For a heading it is
    the inline text, without the `#`s or the setext underline; `level` is its level. For a
    list, `spans` are where its items are (`Body.items` reads them, only when asked: a list
    outside "needs" and "duties" is one block of text) and `ordered`/`start`/`loose` say how
    it renders. For a note `text` is the comment's text and `syntax` which comment syntax it
    was written in.
    """

    kind: BlockKind
    text: str
    line: int
    level: int = 0
    syntax: Literal["html", "mdx"] = "html"
    spans: list[tuple[int, int]] = field(default_factory=list)
    ordered: bool = False
    start: int = 1
    loose: bool = False
    end: int = 0
    """Offset (in the body text) just past the block's source."""
    begin: int = 0
    """Offset of the block's first character."""


@dataclass
class Body:
    """The parsed body: its blocks, and where code and HTML sit (offsets into `text`)."""

    text: str
    first_line: int
    blocks: list[MdBlock]
    code: list[tuple[int, int]]
    """Code spans and code blocks (fences included)."""
    html: list[tuple[int, int]]
    """HTML as CommonMark identified it: HTML blocks and inline HTML."""
    headings: list[tuple[int, int]]
    """Inline text of every heading, at any depth (for `{#id}` checks)."""
    html_blocks: list[tuple[int, int]] = field(default_factory=list)
    """The HTML blocks among `html`, at any depth (what may hide Markdown from CommonMark)."""

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *accumulate(len(line) + 1 for line in self.text.split("\n")[:-1])]

    def items(self, block: MdBlock) -> list[MdItem]:
        """A list block's items: content (marker removed, dedented), line, blank line after."""
        return [self._item(block, start, end) for start, end in block.spans]

    def _item(self, block: MdBlock, start: int, end: int) -> MdItem:
        written = self.text[start:end]
        raw = written.rstrip("\n")
        line = block.line + self.text.count("\n", block.begin, start)
        gap = len(written) - len(raw) > 1
        if "\n" not in raw:  # one line, the common case: the marker off, and that is all
            width = marker_width(raw)
            after = raw[width:]
            code = after[:1] == " " and after[1:5] == "    "  # indented code in the item
            content = after[1:] if code else after.lstrip(" \t")
            return MdItem(content.rstrip(), line, gap)
        text = tidy(item_content(raw), code_in(self.code, start, end), dedented=True)
        return MdItem(text, line, gap or bool(BLANK_TAIL.search(raw)))

    def offset(self, line: int, column: int) -> int:
        """The text offset of a 1-based file line and column (`position`'s inverse)."""
        return self.line_starts[line - self.first_line] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based file line and column of a text offset."""
        row = bisect.bisect_right(self.line_starts, offset) - 1
        return self.first_line + row, offset - self.line_starts[row] + 1
