"""A role file's Markdown body as CommonMark reads it: top-level blocks with their source.

pulldown-cmark (through pyromark) does the parsing: CommonMark with the GitHub extensions
Docusaurus enables (tables, strikethrough, task lists, footnotes). This module only walks its
events once and keeps what the schema and the linter need: each top-level block's kind, exact
source text and first line; each list item's content; and where the code and HTML are, so
that the MDX checks look at prose only.

Docusaurus adds constructs CommonMark does not know, and they are recognised here on top of
the parser's blocks: `:::tip … :::` admonitions (which CommonMark reads as several
paragraphs), `{/* … */}` comments (which may span blank lines), and `import`/`export` lines.

pyromark's ranges are UTF-8 byte offsets; texts are sliced from the bytes, and every offset
handed out is a `str` index.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Any, Literal

import pyromark

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
_ADMONITION_OPEN = re.compile(r"(:{3,})[A-Za-z][\w-]*")
_ADMONITION_CLOSE = re.compile(r"[ \t]*(:{3,})[ \t]*")
_ESM = re.compile(r"(?:import|export)[ \t\n{*]")
_BLANK_TAIL = re.compile(r"\n[ \t]+$")


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
            width = _marker_width(raw)
            after = raw[width:]
            code = after[:1] == " " and after[1:5] == "    "  # indented code in the item
            content = after[1:] if code else after.lstrip(" \t")
            return MdItem(content.rstrip(), line, gap)
        text = _tidy(_item_content(raw), _code_in(self.code, start, end), dedented=True)
        return MdItem(text, line, gap or bool(_BLANK_TAIL.search(raw)))

    def offset(self, line: int, column: int) -> int:
        """The text offset of a 1-based file line and column (`position`'s inverse)."""
        return self.line_starts[line - self.first_line] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based file line and column of a text offset."""
        row = bisect.bisect_right(self.line_starts, offset) - 1
        return self.first_line + row, offset - self.line_starts[row] + 1


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _top(tag: str, value: Any, start: int) -> dict[str, Any]:
    """An open top-level block, as the walk collects it."""
    return {"tag": tag, "value": value, "start": start, "items": [], "loose": False}


def _ascii_twin(text: str) -> str:
    """`text` with each non-ASCII character replaced by one ASCII letter.

    pyromark's ranges are UTF-8 byte offsets; in an ASCII text they are `str` offsets too.
    Every construct whose place this module takes — blocks, list items, code, HTML, headings —
    is ASCII syntax, so the twin has the same structure (only inline emphasis and link labels,
    which are never read here, may differ), and no offset needs converting.
    """
    return text if text.isascii() else _NON_ASCII.sub("a", text)


def parse_body(text: str, first_line: int = 1, *, max_blocks: int = MAX_BLOCKS) -> Body:
    """Parse a Markdown body whose first line is line `first_line` of the file.

    Raises `TooManyBlocks` as soon as there are more than `max_blocks` blocks and items.
    """
    return _Walker(text, first_line, max_blocks).run()


class _Walker:
    """One pass over pyromark's events: top-level blocks, list items, code and HTML ranges."""

    def __init__(self, text: str, first_line: int, max_blocks: int) -> None:
        self.text = text
        self.first_line = first_line
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

        Most events are text inside a paragraph, which needs nothing: they are passed over
        first (`_ascii_twin` makes every byte offset a `str` offset).
        """
        code, html = self.code, self.html
        depth = 0
        top: dict[str, Any] | None = None  # the open top-level block
        item_start = -1
        inline: list[int] | None = None  # [start, end] bytes of an open heading's inline text
        inline_depth = -1
        value: Any  # an event's payload: a tag name, or a one-key dict of a tag and details
        in_list = False  # whether the open top-level block is a list
        events: Iterable[tuple[dict[str, Any] | str, dict[str, int]]]
        events = pyromark.events_with_range(_ascii_twin(self.text), options=OPTIONS)  # type: ignore[assignment]
        for event, span in events:
            if isinstance(event, str):  # SoftBreak, HardBreak, Rule
                if depth == 0:
                    start, end = span["start"], span["end"]
                    self._add(MdBlock("rule", self._source(start, end), 0, begin=start, end=end))
                elif inline is not None:
                    inline[1] = span["end"]
                continue
            for what in event:  # noqa: B007 (one key, the event's kind: cheaper than items())
                break
            if what == "Text":
                if inline is not None:  # widen the heading's inline text (no calls: hot)
                    if span["start"] < inline[0]:
                        inline[0] = span["start"]
                    if span["end"] > inline[1]:
                        inline[1] = span["end"]
                continue
            value = event[what]
            if what == "Start":
                if inline is not None:  # widen the heading's inline text (no calls: hot)
                    if span["start"] < inline[0]:
                        inline[0] = span["start"]
                    if span["end"] > inline[1]:
                        inline[1] = span["end"]
                if type(value) is str:  # Paragraph, Item, HtmlBlock, Strong, Emphasis…
                    if depth == 0:
                        top = _top(value, value, span["start"])
                    elif in_list and depth <= 2:
                        if depth == 1 and value == "Item":
                            item_start = span["start"]
                        elif depth == 2 and value == "Paragraph":
                            top["loose"] = True  # type: ignore[index]
                    if value == "HtmlBlock":
                        self.html_blocks.append((span["start"], span["end"]))
                else:  # Heading, CodeBlock, List, Link, Image, Table, BlockQuote…
                    if depth == 0:
                        top = _top(next(iter(value)), value, span["start"])
                        in_list = "List" in value
                    if "CodeBlock" in value:
                        code.append((span["start"], span["end"]))
                    elif "Heading" in value:
                        inline = [span["end"], span["start"]]  # empty until a child widens it
                        inline_depth = depth
                depth += 1
            elif what == "End":
                depth -= 1
                if inline is not None and depth == inline_depth:  # the heading's own end
                    if inline[0] <= inline[1]:
                        found = (inline[0], inline[1])
                        self.headings.append(found)
                        if depth == 0 and top is not None:
                            top["inline"] = found
                    inline = None
                if depth == 0 and top is not None:
                    self._close(top, span["end"])
                    top, in_list = None, False
                elif depth == 1 and in_list and value == "Item" and top is not None:
                    top["items"].append((item_start, span["end"]))
                    self._counted(item_start)
            else:
                if inline is not None:  # widen the heading's inline text (no calls: hot)
                    if span["start"] < inline[0]:
                        inline[0] = span["start"]
                    if span["end"] > inline[1]:
                        inline[1] = span["end"]
                if what == "Code":
                    code.append((span["start"], span["end"]))
                elif what == "Html" or what == "InlineHtml":
                    html.append((span["start"], span["end"]))
        _merge_containers(self.blocks, self.text, self.body)
        return self.body

    # -- blocks ----------------------------------------------------------------------------

    def _counted(self, at: int) -> None:
        self.count += 1
        if self.count > self.max_blocks:
            raise TooManyBlocks(self.body.position(at)[0], self.max_blocks)

    def _add(self, block: MdBlock, *, counted: bool = True) -> None:
        # blocks come in order: their lines are counted forward, not looked up
        self.line += self.text.count("\n", self.at, block.begin)
        self.at = block.begin
        block.line = self.line
        if counted:  # a list counts by its items
            self._counted(block.begin)
        self.blocks.append(block)

    def _source(self, start: int, end: int, *, verbatim: bool = False) -> str:
        """A top-level block's source, from the start of its first line: the parser's range
        begins after the indentation, which for indented code is part of the block."""
        line_start = self.text.rfind("\n", 0, start) + 1
        if line_start < start and not self.text[line_start:start].strip(" \t"):
            start = line_start
        text = self.text[start:end].rstrip("\n")
        if verbatim or (not self.code and "\n" not in text):
            return text if verbatim else text.rstrip()
        return _tidy(text, _code_in(self.code, start, end))

    def _close(self, top: dict[str, Any], end: int) -> None:
        tag, start = top["tag"], top["start"]
        kind = _KIND.get(tag, "para")
        if kind == "heading":
            inline = top.get("inline", (start, start))
            level = _LEVEL.get(top["value"]["Heading"]["level"], 1)
            text = self.text[inline[0] : inline[1]]
            if "\n" in text:  # a setext heading over several lines
                text = " ".join(line.strip() for line in text.split("\n"))
            else:
                text = text.strip()
            self._add(MdBlock("heading", text, 0, level, begin=start, end=end))
            return
        if kind == "list":
            self._list(top, start, end)
            return
        if kind == "html":
            note = _html_note(self.text[start:end])
            if note is not None:
                self._add(MdBlock("note", note, 0, syntax="html", begin=start, end=end))
                return
        verbatim = kind in ("code", "html")
        block = MdBlock(kind, self._source(start, end, verbatim=verbatim), 0, begin=start, end=end)
        if kind == "para":
            block.kind = _paragraph_kind(block.text)
            if block.kind == "note":
                block.text, block.syntax = block.text[3:-3].strip(), "mdx"
        self._add(block)

    def _list(self, top: dict[str, Any], start: int, end: int) -> None:
        value = top["value"]["List"]
        block = MdBlock(
            "list",
            self._source(start, end),
            0,
            ordered=value is not None,
            start=value if value is not None else 1,
            loose=top["loose"],
            begin=start,
            end=end,
        )
        block.spans = top["items"]
        self._add(block, counted=False)


def _code_in(code: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The code ranges inside [start, end), relative to `start` (their lines keep spaces)."""
    if not code:
        return []
    lo = bisect.bisect_left(code, (start, -1))
    found = []
    for code_start, code_end in code[lo:]:
        if code_start >= end:
            break
        found.append((code_start - start, code_end - start))
    return found


def without_comments(text: str) -> str:
    """`text` without its `<!-- … -->` and `{/* … */}` comments (what a page never shows)."""
    return _without(_without(text, "<!--", "-->"), "{/*", "*/}")


def _without(text: str, opener: str, closer: str) -> str:
    """`text` without its `opener … closer` spans, in linear time (a lazy regex is quadratic
    when openers are never closed, and the text comes from untrusted files)."""
    if opener not in text:
        return text
    parts = []
    at = 0
    start = text.find(opener)
    while start >= 0:
        end = text.find(closer, start + len(opener))
        if end < 0:
            break  # no closer after this opener: none after any later one either
        parts.append(text[at:start])
        at = end + len(closer)
        start = text.find(opener, at)
    parts.append(text[at:])
    return "".join(parts)


def _marker_width(line: str) -> int:
    """Where a list item's marker (`-`, `*`, `+`, `1.`, `1)`) ends on its first line."""
    body = line.lstrip(" \t")
    indent = len(line) - len(body)
    if body[:1] in ("-", "*", "+"):
        return indent + 1
    digits = len(body) - len(body.lstrip("0123456789"))
    if 0 < digits <= 9 and body[digits : digits + 1] in (".", ")"):
        return indent + digits + 1
    return 0


def _item_content(raw: str) -> str:
    """A list item's content: the marker removed and continuation lines dedented.

    The content column follows CommonMark: the marker, then one to four spaces (with five or
    more, or none, the content starts one space after the marker). Continuation lines lose
    at most that many spaces, so nested lists and code keep their relative indentation.
    """
    first, _, rest = raw.partition("\n")
    width = _marker_width(first)
    after = first[width:]
    if after[:1] == "\t":  # a tab after the marker reaches the next tab stop: spacing
        after = " " + after[1:]
    spaces = len(after) - len(after.lstrip(" "))
    if not after.strip() or spaces > 4:
        offset = width + 1
        content = after[1:] if after.startswith(" ") else after
    else:
        offset = width + spaces
        content = after[spaces:]
    if not rest:
        return content.rstrip() if not content.strip() else content
    lines = [content]
    for line in rest.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        lines.append(line[min(indent, offset) :])
    return "\n".join(lines).strip("\n")


def _tidy(text: str, code: list[tuple[int, int]], *, dedented: bool = False) -> str:
    """Trailing whitespace that means nothing removed, outside code.

    Two or more trailing spaces are a hard line break (`<br>`): meaning, not whitespace, so a
    line that ended in two keeps two (except the block's last line, where a break means
    nothing). Lines of code keep theirs. `dedented` text has moved, so code ranges (taken from
    the source) are matched by line content instead of by offset: only the ranges' presence
    matters there, and lines inside fences are found by scanning.
    """
    if ("\n" not in text and not code) or (" \n" not in text and "\t\n" not in text):
        return text.rstrip()  # no line but the last has trailing whitespace: nothing to keep
    lines = text.split("\n")
    keep = (_fenced_lines(lines) if code else set()) if dedented else _lines_in(text, code)
    out = []
    last = len(lines) - 1
    for index, line in enumerate(lines):
        if index in keep:
            out.append(line)
            continue
        stripped = line.rstrip()
        if index < last and stripped and line.endswith("  ") and not line.endswith("\t"):
            stripped += "  "
        out.append(stripped)
    return "\n".join(out).rstrip()


def _lines_in(text: str, code: list[tuple[int, int]]) -> set[int]:
    keep: set[int] = set()
    for start, end in code:
        first = text.count("\n", 0, start)
        keep.update(range(first, first + text.count("\n", start, end) + 1))
    return keep


_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


def _fenced_lines(lines: list[str]) -> set[int]:
    """Indexes of lines inside (or opening/closing) fenced or indented code, by scanning."""
    keep: set[int] = set()
    fence: str | None = None
    for index, line in enumerate(lines):
        if fence is not None:
            keep.add(index)
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)
            keep.add(index)
        elif line.startswith(("    ", "\t")):
            keep.add(index)
    return keep


def _html_note(source: str) -> str | None:
    """The text of an HTML block that is exactly one comment, else None."""
    text = source.strip()
    if not text.startswith("<!--") or not text.endswith("-->"):
        return None
    if text.find("-->", 4) != len(text) - 3:
        return None
    return text[4:-3].strip()


def _paragraph_kind(text: str) -> BlockKind:
    """What Docusaurus makes of a paragraph CommonMark sees as text."""
    head = text[:4]
    if head == "{/* " or text.startswith("{/*"):
        if text.endswith("*/}") and text.find("*/}", 3) == len(text) - 3:
            return "note"
        return "para"
    if head[:3] == ":::" and _ADMONITION_OPEN.match(text):
        return "admonition"
    if head[:1] in ("i", "e") and _ESM.match(text):
        return "esm"
    return "para"


MAX_CONTAINER = 256
"""Blocks an admonition may span: looking further for its end would make a file of many
unclosed `:::` quadratic."""


def _merge_containers(blocks: list[MdBlock], text: str, body: Body) -> None:
    """Blocks CommonMark splits but Docusaurus reads as one: admonitions, MDX comments.

    An admonition runs from its `:::name` line to a line of at least as many colons, blank
    lines and nested admonitions included; a `{/*` comment to its `*/}`. Unclosed ones stay
    as CommonMark read them (the build reports them; lint does too).
    """
    if ":::" not in text and "{/*" not in text:
        return  # nothing to merge: most files
    closers = _next_closer(blocks, text)
    fences = [_fences(block, text) for block in blocks]
    merged: list[MdBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        last = _container_end(blocks, index, text, closers, fences)
        if last is None or last == index:
            merged.append(block)
            index += 1
            continue
        end = blocks[last].end
        source = text[block.begin : end].rstrip("\n")
        kind: BlockKind = "admonition" if block.kind == "admonition" else "note"
        new = MdBlock(kind, source, block.line, begin=block.begin, end=end)
        if kind == "note":
            new.text, new.syntax = source[3:-3].strip(), "mdx"
        merged.append(new)
        index = last + 1
    blocks[:] = merged


def _next_closer(blocks: list[MdBlock], text: str) -> list[int]:
    """For each block, the index of the first block at or after it holding `*/}` (or -1)."""
    found = [-1] * len(blocks)
    following = -1
    for index in range(len(blocks) - 1, -1, -1):
        if "*/}" in text[blocks[index].begin : blocks[index].end]:
            following = index
        found[index] = following
    return found


def _fences(block: MdBlock, text: str) -> list[int]:
    """A paragraph's colon fences, in order: +n opens with n colons, -n closes with n."""
    if block.kind not in ("para", "admonition"):
        return []
    source = text[block.begin : block.end]
    if ":::" not in source:
        return []
    found = []
    for line in source.rstrip("\n").split("\n"):
        if ":::" not in line[:8]:
            continue
        opened = _ADMONITION_OPEN.match(line)
        if opened:
            found.append(len(opened.group(1)))
        elif closing := _ADMONITION_CLOSE.fullmatch(line):
            found.append(-len(closing.group(1)))
    return found


def _container_end(
    blocks: list[MdBlock], index: int, text: str, closers: list[int], fences: list[list[int]]
) -> int | None:
    """Index of the block that closes a container opened by blocks[index], if one does."""
    block = blocks[index]
    if block.kind == "para" and block.text.startswith("{/*") and "*/}" not in block.text:
        later = closers[index + 1] if index + 1 < len(blocks) else -1
        if later < 0:
            return None
        return (
            later
            if text[blocks[later].begin : blocks[later].end].rstrip().endswith("*/}")
            else None
        )
    if block.kind != "admonition":
        return None
    own = fences[index]
    if not own or own[0] < 0:
        return None
    open_stack = [own[0]]
    for later in range(index, min(len(blocks), index + MAX_CONTAINER)):
        for fence in fences[later][1:] if later == index else fences[later]:
            if fence > 0:
                open_stack.append(fence)
            elif -fence >= open_stack[-1]:
                open_stack.pop()
                if not open_stack:
                    return later
    return None
