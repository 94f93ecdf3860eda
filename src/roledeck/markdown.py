"""A role file's Markdown body as CommonMark reads it: top-level blocks with their source.

pulldown-cmark (through pyromark) does the parsing: CommonMark with the GitHub extensions
Docusaurus enables (tables, strikethrough, task lists, footnotes). This module only walks its
events once and keeps what the schema and the linter need: each top-level block's kind, exact
source text and first line; each list item's content; and where the code and HTML are, so
that the MDX checks look at prose only.

Docusaurus adds constructs CommonMark does not know, and they are recognised on top of the
parser's blocks (`roledeck.mdcontainers`): `:::tip … :::` admonitions (which CommonMark reads
as several paragraphs), `{/* … */}` comments (which may span blank lines), and
`import`/`export` lines. The blocks' data is in `roledeck.mdmodel`, the text work on their
source in `roledeck.mdtext`.

pyromark's ranges are UTF-8 byte offsets; texts are sliced from the bytes, and every offset
handed out is a `str` index.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import Any, Literal

import pyromark

from roledeck.mdcontainers import merge_containers, paragraph_kind
from roledeck.mdmodel import BlockKind, Body, MdBlock, MdItem, TooManyBlocks
from roledeck.mdtext import code_in, html_note, tidy, without_comments

__all__ = [
    "MAX_BLOCKS",
    "OPTIONS",
    "BlockKind",
    "Body",
    "MdBlock",
    "MdItem",
    "TooManyBlocks",
    "parse_body",
    "without_comments",
]


OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_FOOTNOTES
)
"""The extensions Docusaurus's remark pipeline has (remark-gfm); not heading attributes: a
`{#id}` stays in the heading's text, as Docusaurus reads it."""

MAX_BLOCKS = 5_000
"""More blocks and list items than this is not a role profile: the limit bounds every command."""

_KIND: dict[str, BlockKind] = {
    "Heading": "heading",
    "List": "list",
    "Paragraph": "para",
    "CodeBlock": "code",
    "Table": "table",
    "BlockQuote": "quote",
    "HtmlBlock": "html",
    "FootnoteDefinition": "footnote",
    "MetadataBlock": "para",
    "DefinitionList": "para",
}
_LEVEL = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6}


def _letters(error: UnicodeError) -> tuple[str, int]:
    """The twin's codec error handler: one `a` for each character ASCII cannot encode."""
    assert isinstance(error, UnicodeEncodeError)
    return "a" * (error.end - error.start), error.end


codecs.register_error("roledeck-ascii-twin", _letters)


def _ascii_twin(text: str) -> str:
    """`text` with each non-ASCII character replaced by one ASCII letter.

    pyromark's ranges are UTF-8 byte offsets; in an ASCII text they are `str` offsets too.
    Every construct whose place this module takes — blocks, list items, code, HTML, headings —
    is ASCII syntax, so the twin has the same structure (only inline emphasis and link labels,
    which are never read here, may differ), and no offset needs converting.

    Made by the codec, not a regex (a regex visits every character in Python's engine: 17 µs
    of a 4 KB profile against 5): with no `?` in the text, the codec's own `?` for each
    character it cannot encode is that letter's place.
    """
    if text.isascii():
        return text
    if "?" not in text:
        return text.encode("ascii", "replace").replace(b"?", b"a").decode("ascii")
    return text.encode("ascii", "roledeck-ascii-twin").decode("ascii")


def parse_body(text: str, first_line: int = 1, *, max_blocks: int = MAX_BLOCKS) -> Body:
    """Parse a Markdown body whose first line is line `first_line` of the file.

    Raises `TooManyBlocks` as soon as there are more than `max_blocks` blocks and items.
    """
    return _Walker(text, first_line, max_blocks).run()


class _Walker:
    """One pass over pyromark's events: top-level blocks, list items, code and HTML ranges."""

    def __init__(self, text: str, first_line: int, max_blocks: int) -> None:
        self.text = text
        self.max_blocks = max_blocks

        self.blocks: list[MdBlock] = []
        self.code: list[tuple[int, int]] = []
        self.html: list[tuple[int, int]] = []
        self.headings: list[tuple[int, int]] = []
        self.html_blocks: list[tuple[int, int]] = []
        self.count = 0
        self.line = first_line  # the file line of offset `at`
        self.at = 0
        self.body = Body(
            text, first_line, self.blocks, self.code, self.html, self.headings, self.html_blocks
        )

    def run(self) -> Body:
        """Walk the events; only block boundaries, code and HTML cost more than a test.

        Most events are text inside a paragraph, which needs nothing: a top-level paragraph's
        events are passed over in a loop of their own, which looks only for code and HTML
        (`_ascii_twin` makes every byte offset a `str` offset). The open top-level block is
        kept in local variables, and closed by one call.
        """
        code, html, headings, html_blocks = self.code, self.html, self.headings, self.html_blocks
        depth = 0
        tag = ""  # the open top-level block's kind of event ("" when none is open)
        top: Any = None  # its event's payload: a tag name, or a one-key dict of a tag and details
        value: Any  # an event's payload
        begin = 0  # where it starts
        items: list[tuple[int, int]] = []  # a list's items
        loose = False  # a list's items hold paragraphs
        heading = (0, 0)  # a top-level heading's inline text
        item_start = -1
        inline: list[int] | None = None  # [start, end] bytes of an open heading's inline text
        inline_depth = -1
        in_list = False  # whether the open top-level block is a list
        events: Iterator[tuple[Any, dict[str, int]]]
        events = pyromark.events_with_range(_ascii_twin(self.text), options=OPTIONS)  # type: ignore[assignment]
        for event, span in events:
            if type(event) is str:  # SoftBreak, HardBreak, Rule
                if depth == 0:
                    self._close("Rule", None, span["start"], span["end"], [], False, (0, 0))
                elif inline is not None:
                    inline[1] = span["end"]
                continue
            if "Text" in event:
                if inline is not None:  # widen the heading's inline text (no calls: hot)
                    if span["start"] < inline[0]:
                        inline[0] = span["start"]
                    if span["end"] > inline[1]:
                        inline[1] = span["end"]
                continue
            if "Start" in event:
                value = event["Start"]
                if inline is not None:  # widen the heading's inline text (no calls: hot)
                    if span["start"] < inline[0]:
                        inline[0] = span["start"]
                    if span["end"] > inline[1]:
                        inline[1] = span["end"]
                if type(value) is str:  # Paragraph, Item, HtmlBlock, Strong, Emphasis…
                    if depth == 0:
                        if value == "Paragraph":
                            self._close(*_paragraph(events, span["start"], code, html))
                            continue
                        tag, top, begin, items, loose = value, value, span["start"], [], False
                    elif in_list and depth <= 2:
                        if depth == 1 and value == "Item":
                            item_start = span["start"]
                        elif depth == 2 and value == "Paragraph":
                            loose = True
                    if value == "HtmlBlock":
                        html_blocks.append((span["start"], span["end"]))
                else:  # Heading, CodeBlock, List, Link, Image, Table, BlockQuote…
                    if depth == 0:
                        for tag in value:  # noqa: B007 (one key: the tag)
                            break
                        top, begin, items, loose = value, span["start"], [], False
                        in_list = tag == "List"
                    if "CodeBlock" in value:
                        code.append((span["start"], span["end"]))
                    elif "Heading" in value:
                        inline = [span["end"], span["start"]]  # empty until a child widens it
                        inline_depth = depth
                depth += 1
            elif "End" in event:
                depth -= 1
                if inline is not None and depth == inline_depth:  # the heading's own end
                    if inline[0] <= inline[1]:
                        found = (inline[0], inline[1])
                        headings.append(found)
                        if depth == 0 and tag:
                            heading = found
                    inline = None
                if depth == 0 and tag:
                    self._close(tag, top, begin, span["end"], items, loose, heading)
                    tag, in_list, heading = "", False, (0, 0)
                elif depth == 1 and in_list and event["End"] == "Item" and tag:
                    items.append((item_start, span["end"]))
                    self._counted(item_start)
            else:
                if inline is not None:  # widen the heading's inline text (no calls: hot)
                    if span["start"] < inline[0]:
                        inline[0] = span["start"]
                    if span["end"] > inline[1]:
                        inline[1] = span["end"]
                if "Code" in event:
                    code.append((span["start"], span["end"]))
                elif "Html" in event or "InlineHtml" in event:
                    html.append((span["start"], span["end"]))
        merge_containers(self.blocks, self.text, self.body)
        return self.body

    # -- blocks ----------------------------------------------------------------------------

    def _counted(self, at: int) -> None:
        self.count += 1
        if self.count > self.max_blocks:
            raise TooManyBlocks(self.body.position(at)[0], self.max_blocks)

    def _close(
        self,
        tag: str,
        value: Any,
        start: int,
        end: int,
        items: list[tuple[int, int]],
        loose: bool,
        inline: tuple[int, int],
    ) -> None:
        """The block that just ended, added to the list (its line counted forward: blocks come
        in order)."""
        text = self.text
        kind = _KIND.get(tag, "para")
        syntax: Literal["html", "mdx"] = "html"
        if kind == "heading":
            source = text[inline[0] : inline[1]] if inline[0] < inline[1] else ""
            level = _LEVEL.get(value["Heading"]["level"], 1)
            if "\n" in source:  # a setext heading over several lines
                source = " ".join(line.strip() for line in source.split("\n"))
            else:
                source = source.strip()
            block = MdBlock("heading", source, 0, level, "html", [], False, 1, False, end, start)
        elif kind == "list":
            number = value["List"]
            block = MdBlock(
                "list",
                self._source(start, end),
                0,
                0,
                "html",
                items,
                number is not None,
                number if number is not None else 1,
                loose,
                end,
                start,
            )
        elif tag == "Rule":
            block = MdBlock(
                "rule", self._source(start, end), 0, 0, syntax, [], False, 1, False, end, start
            )
        else:
            if kind == "html":
                note = html_note(text[start:end])
                if note is not None:
                    kind, source = "note", note
                else:
                    source = self._source(start, end, verbatim=True)
            elif kind == "code":
                source = self._source(start, end, verbatim=True)
            else:
                source = self._source(start, end)
                if kind == "para":
                    kind = paragraph_kind(source)
                    if kind == "note":
                        source, syntax = source[3:-3].strip(), "mdx"
            block = MdBlock(kind, source, 0, 0, syntax, [], False, 1, False, end, start)
        self.line += text.count("\n", self.at, start)
        self.at = start
        block.line = self.line
        if kind != "list":  # a list counts by its items
            self._counted(start)
        self.blocks.append(block)

    def _source(self, start: int, end: int, *, verbatim: bool = False) -> str:
        """A top-level block's source, from the start of its first line: the parser's range
        begins after the indentation, which for indented code is part of the block."""
        line_start = self.text.rfind("\n", 0, start) + 1
        if line_start < start and not self.text[line_start:start].strip(" \t"):
            start = line_start
        text = self.text[start:end].rstrip("\n")
        if verbatim:
            return text
        if " \n" not in text and "\t\n" not in text:
            return text.rstrip()  # no line but the last has trailing whitespace: nothing to keep
        return tidy(text, code_in(self.code, start, end))


def _paragraph(
    events: Iterator[tuple[Any, dict[str, int]]],
    start: int,
    code: list[tuple[int, int]],
    html: list[tuple[int, int]],
) -> tuple[str, Any, int, int, list[tuple[int, int]], bool, tuple[int, int]]:
    """The rest of a top-level paragraph's events, up to its end: only its code spans and
    inline HTML are kept (a paragraph holds no block, so its first `End: Paragraph` is its own).
    Returns what `_Walker._close` takes."""
    for event, span in events:
        if type(event) is str or "Text" in event or "Start" in event:
            continue
        if "End" in event:
            if event["End"] == "Paragraph":
                return "Paragraph", "Paragraph", start, span["end"], [], False, (0, 0)
        elif "Code" in event:
            code.append((span["start"], span["end"]))
        elif "Html" in event or "InlineHtml" in event:
            html.append((span["start"], span["end"]))
    raise AssertionError("a paragraph without its end")  # pulldown-cmark always closes blocks
