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
from dataclasses import dataclass, field
from functools import cached_property
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
_MARKER = re.compile(r"[ \t]*([-*+]|(\d{1,9})([.)]))")


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
    list, `items` are its items and `ordered`/`start`/`loose` say how it renders. For a note
    `text` is the comment's text and `syntax` which comment syntax it was written in.
    """

    kind: BlockKind
    text: str
    line: int
    level: int = 0
    syntax: Literal["html", "mdx"] = "html"
    items: list[MdItem] = field(default_factory=list)
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

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return starts

    def offset(self, line: int, column: int) -> int:
        """The text offset of a 1-based file line and column (`position`'s inverse)."""
        return self.line_starts[line - self.first_line] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based file line and column of a text offset."""
        row = bisect.bisect_right(self.line_starts, offset) - 1
        return self.first_line + row, offset - self.line_starts[row] + 1


class _Offsets:
    """UTF-8 byte offsets to `str` indices, in O(log n), built only for non-ASCII text."""

    def __init__(self, text: str, data: bytes) -> None:
        self.identity = len(text) == len(data)
        self.at: list[int] = []  # byte offsets just past each non-ASCII character
        self.extra: list[int] = []  # bytes beyond one per character, up to there
        if self.identity:
            return
        extra = 0
        for match in re.finditer(r"[^\x00-\x7f]", text):
            extra += len(match.group().encode("utf-8")) - 1
            self.at.append(match.end() + extra)
            self.extra.append(extra)

    def __call__(self, offset: int) -> int:
        if self.identity:
            return offset
        index = bisect.bisect_right(self.at, offset) - 1
        return offset - (self.extra[index] if index >= 0 else 0)


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
        self.offset = _Offsets(text, text.encode("utf-8"))
        self.blocks: list[MdBlock] = []
        self.code: list[tuple[int, int]] = []
        self.html: list[tuple[int, int]] = []
        self.headings: list[tuple[int, int]] = []
        self.count = 0
        self.body = Body(text, first_line, self.blocks, self.code, self.html, self.headings)

    def run(self) -> Body:
        offset = self.offset
        depth = 0
        top: dict[str, Any] | None = None  # the open top-level block
        item_start = -1
        inline: list[int] | None = None  # [start, end] of an open heading's inline content
        value: Any  # an event's payload: a tag name, or a one-key dict of a tag and details
        for event, span in pyromark.events_with_range(self.text, options=OPTIONS):
            start, end = offset(span["start"]), offset(span["end"])
            if type(event) is not dict:  # SoftBreak, HardBreak, Rule
                if depth == 0:
                    self._add(MdBlock("rule", self._source(start, end), 0, begin=start, end=end))
                elif inline is not None:
                    inline[1] = end
                continue
            ((what, value),) = event.items()
            if what == "Start":
                tag = value if type(value) is str else next(iter(value))
                if inline is not None:
                    inline[0] = min(inline[0], start)
                    inline[1] = max(inline[1], end)
                if depth == 0:
                    top = {"tag": tag, "value": value, "start": start, "items": [], "loose": False}
                elif top is not None and top["tag"] == "List":
                    if depth == 1 and tag == "Item":
                        item_start = start
                    elif depth == 2 and tag == "Paragraph":
                        top["loose"] = True
                if tag == "CodeBlock":
                    self.code.append((start, end))
                elif tag == "Heading":
                    inline = [end, start]  # empty until a child widens it
                depth += 1
            elif what == "End":
                depth -= 1
                tag = value if type(value) is str else next(iter(value))
                if tag == "Heading" and inline is not None:
                    if inline[0] <= inline[1]:
                        self.headings.append((inline[0], inline[1]))
                    if depth == 0 and top is not None:
                        top["inline"] = (inline[0], inline[1])
                    inline = None
                if depth == 0 and top is not None:
                    self._close(top, end)
                    top = None
                elif depth == 1 and tag == "Item" and top is not None:
                    top["items"].append((item_start, end))
                    self._counted(item_start)
            else:
                if inline is not None:
                    inline[0] = min(inline[0], start)
                    inline[1] = max(inline[1], end)
                if what == "Code":
                    self.code.append((start, end))
                elif what in ("Html", "InlineHtml"):
                    self.html.append((start, end))
        _merge_containers(self.blocks, self.text, self.body)
        return self.body

    # -- blocks ----------------------------------------------------------------------------

    def _counted(self, at: int) -> None:
        self.count += 1
        if self.count > self.max_blocks:
            raise TooManyBlocks(self.body.position(at)[0], self.max_blocks)

    def _add(self, block: MdBlock, *, counted: bool = True) -> None:
        block.line = self.body.position(block.begin)[0]
        if counted:  # a list counts by its items
            self._counted(block.begin)
        self.blocks.append(block)

    def _source(self, start: int, end: int, *, verbatim: bool = False) -> str:
        text = self.text[start:end].rstrip("\n")
        return text if verbatim else _tidy(text, self._code_lines(start, end))

    def _code_lines(self, start: int, end: int) -> list[tuple[int, int]]:
        """The code ranges inside [start, end), whose lines keep their whitespace."""
        lo = bisect.bisect_left(self.code, (start, -1))
        found = []
        for code_start, code_end in self.code[lo:]:
            if code_start >= end:
                break
            found.append((code_start - start, code_end - start))
        return found

    def _close(self, top: dict[str, Any], end: int) -> None:
        tag, start = top["tag"], top["start"]
        kind = _KIND.get(tag, "para")
        if kind == "heading":
            inline = top.get("inline", (start, start))
            level = _LEVEL.get(top["value"]["Heading"]["level"], 1)
            text = " ".join(line.strip() for line in self.text[inline[0] : inline[1]].split("\n"))
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
        block.items = [self._item(item_start, item_end) for item_start, item_end in top["items"]]
        self._add(block, counted=False)

    def _item(self, start: int, end: int) -> MdItem:
        written = self.text[start:end]
        raw = written.rstrip("\n")
        text = _tidy(_item_content(raw), self._code_lines(start, end), dedented=True)
        gap = written[len(raw) :].count("\n") > 1 or bool(_BLANK_TAIL.search(raw))
        return MdItem(text, self.body.position(start)[0], gap)


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


def _item_content(raw: str) -> str:
    """A list item's content: the marker removed and continuation lines dedented.

    The content column follows CommonMark: the marker, then one to four spaces (with five or
    more, or none, the content starts one space after the marker). Continuation lines lose
    at most that many spaces, so nested lists and code keep their relative indentation.
    """
    first, _, rest = raw.partition("\n")
    marker = _MARKER.match(first)
    width = marker.end() if marker else 0
    after = first[width:]
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
    if "\n" not in text and not code:
        return text.rstrip()
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
