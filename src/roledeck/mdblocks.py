"""What a piece of a profile's Markdown is: prose, code, a table, an admonition.

The model keeps each block (and each list item) as its Markdown source. The views need a
little more: `show` renders prose with a Markdown renderer but Docusaurus's `:::` admonitions
itself, and can skip the renderer for plain sentences (most of a profile); `diff` compares
code and tables line by line and prose word by word. This module answers those questions
from the text alone, line by line, without a full parser: it is pure and cheap, and if the
parser one day records block kinds, only `segments` and `kind_of` need another source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, NamedTuple

BlockKind = Literal["paragraph", "heading", "list", "code", "table", "quote", "admonition", "html"]
SegmentKind = Literal["prose", "code", "table"]

_FENCE = r"^( {0,3})(`{3,}|~{3,})(.*)$"
_ADMONITION = r"^ {0,3}(:{3,})([A-Za-z][\w-]*)?(.*)$"
_LIST_ITEM = r"^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)"
_HEADING = r"^ {0,3}#{1,6}(?:[ \t]|$)"
_DELIMITER_ROW = r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"
# Patterns are compiled on first use (re caches them), except the one `roles show` needs
# for every text: compiling them all costs start-up time that most runs never use.
_MARKDOWN_CHARS = re.compile(
    r"[\\`*_\[\]<>!&|~=#\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
    r"|^[ \t]*(?:[-+>:]|\d+[.)])|^ {4}|^\t| {2}$",
    re.MULTILINE,
)
"""Anything that could make CommonMark read text other than as words: inline syntax
characters, a line that starts a block, an indented line, a hard break (and the Unicode
spaces, which the renderer trims differently from ASCII ones)."""


def is_plain(text: str) -> bool:
    """True when `text` is only words: Markdown would render it as one plain paragraph (so
    no blank line inside it either).

    A false answer costs only a Markdown rendering; a true one must be right, so the test is
    conservative (a lone `_` or `!` is enough to say no).
    """
    if _MARKDOWN_CHARS.search(text) is not None:
        return False
    return "\n" not in text or not any(not line.strip() for line in text.strip().split("\n"))


def kind_of(text: str) -> BlockKind:
    """The kind of one block of Markdown, from its first non-blank line (and the second,
    for a table)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return "paragraph"
    first = lines[0]
    if re.match(_FENCE, first) or all(line.startswith("    ") for line in lines):
        return "code"
    if re.match(_ADMONITION, first):
        return "admonition"
    if re.match(_HEADING, first):
        return "heading"
    if first.lstrip().startswith(">"):
        return "quote"
    if re.match(_LIST_ITEM, first):
        return "list"
    if len(lines) > 1 and "|" in first and "|" in lines[1] and re.match(_DELIMITER_ROW, lines[1]):
        return "table"
    if first.lstrip().startswith("<") and not first.lstrip().startswith("<http"):
        return "html"
    return "paragraph"


# -- admonitions ----------------------------------------------------------------------------


class Admonition(NamedTuple):
    """A Docusaurus `:::kind[Title]` … `:::` container (`:::kind Title` is the older form).

    A named tuple, as the other small records on `roles show`'s path: a dataclass costs
    about a millisecond of start-up each.
    """

    kind: str
    title: str
    body: str


def split_admonitions(text: str) -> list[str | Admonition]:
    """`text` as runs of ordinary Markdown and the admonitions between them, in order.

    As Docusaurus (remark-directive) reads them: an opening fence of three or more colons and
    a type, closed by a line of at least as many colons; nested ones use more colons outside.
    Fences inside fenced code are code. An admonition left open runs to the end of the text.
    """
    if ":::" not in text:
        return [text]
    lines = text.split("\n")
    out: list[str | Admonition] = []
    run: list[str] = []
    index = 0
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        if fence is not None:
            fence = None if _closes(line, fence) else fence
            run.append(line)
            index += 1
            continue
        code = re.match(_FENCE, line)
        if code:
            fence = code.group(2)
            run.append(line)
            index += 1
            continue
        opening = re.match(_ADMONITION, line)
        if opening is None or opening.group(2) is None:
            run.append(line)
            index += 1
            continue
        end = _admonition_end(lines, index + 1, len(opening.group(1)))
        if run:
            out.append("\n".join(run))
            run = []
        out.append(
            Admonition(
                kind=opening.group(2),
                title=_title(opening.group(3)),
                body="\n".join(lines[index + 1 : end]).strip("\n"),
            )
        )
        index = end + 1
    if run:
        out.append("\n".join(run))
    return [part for part in out if not isinstance(part, str) or part.strip()]


def _admonition_end(lines: list[str], start: int, colons: int) -> int:
    """The index of the line closing an admonition opened with `colons` colons."""
    fence: str | None = None
    depth: list[int] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if fence is not None:
            fence = None if _closes(line, fence) else fence
            continue
        code = re.match(_FENCE, line)
        if code:
            fence = code.group(2)
            continue
        match = re.match(_ADMONITION, line)
        if match is None:
            continue
        count = len(match.group(1))
        if match.group(2) is not None:
            depth.append(count)
        elif match.group(3).strip():
            continue
        elif depth:
            if count >= depth[-1]:  # closes the innermost open one; a shorter line is its text
                depth.pop()
        elif count >= colons:
            return index
    return len(lines)


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return (
        len(line) - len(line.lstrip(" ")) <= 3
        and stripped.startswith(fence[0] * len(fence))
        and stripped == fence[0] * len(stripped)
    )


def _title(rest: str) -> str:
    rest = rest.strip()
    if rest.startswith("["):
        close = rest.rfind("]")
        return rest[1:close].strip() if close > 0 else rest[1:].strip()
    if rest.startswith("{"):  # `:::note{.class}`: attributes, no title
        return ""
    return rest


# -- segments: how `diff` sees a text ---------------------------------------------------------


class Segment(NamedTuple):
    """A run of lines `diff` compares as one thing: a paragraph or list item of prose (by
    words), a fenced or indented code block (by lines, as written), or a table (by rows)."""

    kind: SegmentKind
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def indent(self) -> str:
        """The first line's indentation (a nested item keeps its place when shown)."""
        first = self.lines[0] if self.lines else ""
        return first[: len(first) - len(first.lstrip(" \t"))]


def segments(text: str) -> list[Segment]:
    """`text` cut into prose, code and table segments; blank lines only separate them.

    A list item, a heading, a quote or an admonition fence starts a new prose segment, so a
    list compares item by item; lines inside fenced code are never read as anything else.
    """
    lines = text.split("\n")
    out: list[Segment] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            out.append(Segment("prose", tuple(prose)))
            prose.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        code = re.match(_FENCE, line.lstrip(" \t")) if line.strip() else None
        if code:
            flush()
            end = _fence_end(lines, index, code.group(2))
            out.append(Segment("code", tuple(lines[index : end + 1])))
            index = end + 1
            continue
        if _table_starts(lines, index):
            flush()
            end = index + 1
            while end + 1 < len(lines) and _table_row(lines[end + 1]):
                end += 1
            out.append(Segment("table", tuple(lines[index : end + 1])))
            index = end + 1
            continue
        if not line.strip():
            flush()
        elif _starts_block(line) and not (_quoted(line) and prose and _quoted(prose[-1])):
            flush()
            prose.append(line)
            if re.match(_ADMONITION, line) or re.match(_HEADING, line):
                flush()  # a fence or a heading is a line of its own
        elif not prose and line.startswith("    ") and _indented_code(lines, index):
            end = index
            while end + 1 < len(lines) and (
                lines[end + 1].startswith("    ") or not lines[end + 1].strip()
            ):
                end += 1
            while not lines[end].strip():
                end -= 1
            out.append(Segment("code", tuple(lines[index : end + 1])))
            index = end + 1
            continue
        else:
            prose.append(line)
        index += 1
    flush()
    return out


def _table_starts(lines: list[str], index: int) -> bool:
    """A header row and a delimiter row, both with a `|` (GFM; a lone `---` is a heading
    underline)."""
    return (
        "|" in lines[index]
        and index + 1 < len(lines)
        and "|" in lines[index + 1]
        and re.match(_DELIMITER_ROW, lines[index + 1].strip()) is not None
    )


def _table_row(line: str) -> bool:
    """A line after a table's rows is one more row until a blank line or another block
    (GFM: even without a `|`)."""
    return bool(line.strip()) and not _starts_block(line) and not re.match(_FENCE, line.lstrip())


def _starts_block(line: str) -> bool:
    stripped = line.lstrip()
    return bool(
        re.match(_LIST_ITEM, line)
        or re.match(_HEADING, line)
        or re.match(_ADMONITION, line)
        or stripped.startswith(">")
    )


def _quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _indented_code(lines: list[str], index: int) -> bool:
    """An indented line after a blank line (or first) that no list item above contains."""
    previous = [line for line in lines[:index] if line.strip()]
    return not previous or not any(re.match(_LIST_ITEM, line) for line in previous)


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    indent = len(lines[start]) - len(lines[start].lstrip(" \t"))
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if _closes(line[indent:] if line[:indent].strip() == "" else line, fence):
            return index
    return len(lines) - 1


def has_blocks(text: str) -> bool:
    """Whether `text` holds code or a table (so it must be compared and shown by lines)."""
    if "```" not in text and "~~~" not in text and "|" not in text and "\n    " not in text:
        return text.startswith("    ") and any(s.kind == "code" for s in segments(text))
    return any(segment.kind != "prose" for segment in segments(text))


def code_key(text: str) -> str:
    """The lines of `text`'s code blocks as written (trailing spaces aside), for equality:
    in code, unlike prose, indentation and line breaks are meaningful."""
    return "\n".join(
        line.rstrip()
        for segment in segments(text)
        if segment.kind == "code"
        for line in segment.lines
    )


# -- inline code spans ---------------------------------------------------------------------------

_BACKTICKS = r"`+"


def code_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each inline code span, backticks included (CommonMark:
    a run of n backticks up to the next run of exactly n; an unmatched run is literal)."""
    runs = [(m.start(), m.end()) for m in re.finditer(_BACKTICKS, text)]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        if start > 0 and text[start - 1] == "\\" and not _escaped_backslash(text, start - 1):
            start += 1  # an escaped backtick: the rest of the run may still open a span
            if start == end:
                index += 1
                continue
        size = end - start
        close = next(
            (k for k in range(index + 1, len(runs)) if runs[k][1] - runs[k][0] == size), None
        )
        if close is None:
            index += 1
            continue
        spans.append((start, runs[close][1]))
        index = close + 1
    return spans


def _escaped_backslash(text: str, at: int) -> bool:
    """Whether the backslash at `at` is itself escaped (preceded by an odd run of them)."""
    count = 0
    while at - count - 1 >= 0 and text[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def outside_code(text: str, change: Callable[[str], str]) -> str:
    """`text` with `change` applied to everything but code: fenced code blocks and inline
    code spans stay exactly as written (escaping a `<` there would show the backslash)."""
    lines = text.split("\n")
    out: list[str] = []
    chunk: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if chunk:
            out.append(_outside_spans("\n".join(chunk), change))
            chunk.clear()

    for line in lines:
        if fence is not None:
            out.append(line)
            if _closes(line.lstrip(" \t"), fence):
                fence = None
            continue
        code = re.match(_FENCE, line.lstrip(" \t")) if line.strip() else None
        if code:
            flush()
            fence = code.group(2)
            out.append(line)
        elif not line.strip():
            flush()
            out.append(line)
        else:
            chunk.append(line)
    flush()
    return "\n".join(out)


def _outside_spans(text: str, change: Callable[[str], str]) -> str:
    out: list[str] = []
    at = 0
    for start, end in code_spans(text):
        out += [change(text[at:start]), text[start:end]]
        at = end
    out.append(change(text[at:]))
    return "".join(out)
