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
import codecs
import re
from collections.abc import Iterator
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
        _merge_containers(self.blocks, self.text, self.body)
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
                note = _html_note(text[start:end])
                if note is not None:
                    kind, source = "note", note
                else:
                    source = self._source(start, end, verbatim=True)
            elif kind == "code":
                source = self._source(start, end, verbatim=True)
            else:
                source = self._source(start, end)
                if kind == "para":
                    kind = _paragraph_kind(source)
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
        return _tidy(text, _code_in(self.code, start, end))


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
