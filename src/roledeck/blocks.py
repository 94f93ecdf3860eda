"""Split a Markdown body into blocks in one pass over its lines, recording where each starts.

This is the subset of CommonMark role profiles use: ATX headings, list items (with
continuation lines), paragraphs, fenced code, and HTML / MDX comments on their own lines.
Everything else is kept as paragraph text, so nothing is ever dropped: the parser decides
what each block means, this module only finds them.

Two or more trailing spaces are a Markdown hard line break (`<br>`): meaning, not whitespace.
Lines are right-stripped, but a non-blank line that ended in two spaces keeps two, for the
renderer to write back ("hard break kept" below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "item", "para", "note"]

_ITEM = re.compile(r"( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)")
_THEMATIC = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")

MAX_BLOCKS = 5_000
"""More blocks than this is not a role profile: the limit bounds the work of every command."""


class TooManyBlocks(ValueError):
    """The body has more than `MAX_BLOCKS` blocks; `line` is where the limit was passed."""

    def __init__(self, line: int, limit: int) -> None:
        super().__init__(f"more than {limit:,} blocks")
        self.line = line
        self.limit = limit


@dataclass(slots=True)
class MdBlock:
    """One block: its kind, its text, the file line it starts on, and kind-specific detail.

    For headings `level` is the number of #s; for notes `syntax` is html or mdx; for items
    `raw` is the item as written (marker included), used where a list is just text. Not
    frozen, though never changed: a frozen dataclass takes three times as long to create,
    and every line of every file ends up in one.
    """

    kind: BlockKind
    text: str
    line: int
    level: int = 0
    syntax: Literal["html", "mdx"] = "html"
    raw: str = ""


def heading(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and text, for a line without trailing whitespace, or None.

    Written out instead of as a regex: the natural regex backtracks quadratically on a long
    run of spaces inside a heading, and headings come from untrusted files.
    """
    body = line.lstrip(" ")
    if len(line) - len(body) > 3:
        return None
    rest = body.lstrip("#")
    level = len(body) - len(rest)
    if not 1 <= level <= 6:
        return None
    if not rest:
        return level, ""
    if rest[0] not in " \t":
        return None
    text = rest.lstrip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and unclosed[-1:] in (" ", "\t"):
        text = unclosed  # a closing sequence: spaces, then only #s
    return level, text.strip()


def _next_with(lines: list[str], needle: str) -> list[int]:
    """For each index, the first index at or after it whose line contains `needle`."""
    found = [len(lines)] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        found[index] = index if needle in lines[index] else found[index + 1]
    return found


def _note_end(
    lines: list[str], start: int, opener: str, closer: str, next_closer: list[int]
) -> int | None:
    """Index of the line closing a comment that starts at `start`, if it closes cleanly.

    A comment only counts as a note when it stands alone: nothing before the opener, nothing
    after the closer. Otherwise it is ordinary text and stays inside its paragraph.
    `next_closer` (from `_next_with`) makes the search constant-time: a file of a thousand
    unclosed openers would otherwise be scanned to its end a thousand times.
    """
    line = lines[start]
    index, at = start, line.find(closer, line.find(opener) + len(opener))
    if at < 0:
        index = next_closer[start + 1]
        if index >= len(lines):
            return None
        line = lines[index]
        at = line.find(closer)
    return index if line[at + len(closer) :].strip() == "" else None


def split_blocks(
    lines: list[str], first_line: int, *, max_blocks: int = MAX_BLOCKS
) -> list[MdBlock]:
    """Blocks of `lines`, whose first line is line `first_line` of the file.

    Raises `TooManyBlocks` as soon as there are more than `max_blocks`, so the work stays
    bounded whatever the file holds.
    """
    blocks: list[MdBlock] = []
    para: list[str] = []
    para_line = 0
    i = 0
    n = len(lines)
    closers: dict[str, list[int]] = {}

    def next_closer(closer: str) -> list[int]:
        if closer not in closers:
            closers[closer] = _next_with(lines, closer)
        return closers[closer]

    def flush() -> None:
        nonlocal para
        if para:
            para[-1] = para[-1].rstrip()  # a break at the end of a paragraph means nothing
            blocks.append(MdBlock("para", "\n".join(para), para_line))
            para = []

    while i < n:
        if len(blocks) > max_blocks:
            raise TooManyBlocks(blocks[-1].line, max_blocks)
        raw = lines[i]
        line = raw.rstrip()
        stripped = line.lstrip(" ")
        if not stripped:
            if para:
                flush()
            i += 1
            continue
        indent = len(line) - len(stripped)
        first = stripped[0]
        lineno = first_line + i
        if indent < 4:
            if first == "#" and (found := heading(line)):
                flush()
                blocks.append(MdBlock("heading", found[1], lineno, found[0]))
                i += 1
                continue
            if first in "`~" and (m := _FENCE.match(line)):
                flush()
                i = _fence(lines, i, m.group(1), lineno, blocks)
                continue
            if first == "<" and stripped.startswith("<!--"):
                end = _note_end(lines, i, "<!--", "-->", next_closer("-->"))
                if end is not None:
                    flush()
                    text = "\n".join(x.strip() for x in lines[i : end + 1])
                    blocks.append(MdBlock("note", text[4:-3].strip(), lineno, syntax="html"))
                    i = end + 1
                    continue
            if first == "{" and stripped.startswith("{/*"):
                end = _note_end(lines, i, "{/*", "*/}", next_closer("*/}"))
                if end is not None:
                    flush()
                    text = "\n".join(x.strip() for x in lines[i : end + 1])
                    blocks.append(MdBlock("note", text[3:-3].strip(), lineno, syntax="mdx"))
                    i = end + 1
                    continue
            if first in "-*+0123456789" and (m := _ITEM.match(line)):
                if para and first in "-*_" and _THEMATIC.match(line):
                    para.append(line)  # a setext underline: kept as paragraph text
                    i += 1
                    continue
                if not _THEMATIC.match(line) and (not para or m.group(3)):
                    flush()
                    i = _item(lines, i, m, lineno, blocks)
                    continue
        if not para:
            para_line = lineno
        para.append(f"{line}  " if raw.endswith("  ") else line)  # hard break kept
        i += 1
    flush()
    if len(blocks) > max_blocks:
        raise TooManyBlocks(blocks[-1].line, max_blocks)
    return blocks


def _fence(lines: list[str], start: int, fence: str, lineno: int, out: list[MdBlock]) -> int:
    """Consume a fenced code block (to the end of the body if never closed)."""
    char, size = fence[0], len(fence)
    end = start + 1
    while end < len(lines):
        closing = lines[end].strip()
        if closing.startswith(char * size) and closing.strip(char) == "":
            end += 1
            break
        end += 1
    out.append(MdBlock("para", "\n".join(x.rstrip() for x in lines[start:end]), lineno))
    return end


def _item(lines: list[str], start: int, m: re.Match[str], lineno: int, out: list[MdBlock]) -> int:
    """Consume one list item and its continuation lines (lazy ones, and indented ones)."""
    written = lines[start]
    first_line = written.rstrip()
    spaces = m.group(3)
    offset = m.end(2) + (1 if len(spaces) > 4 or not spaces else len(spaces))
    first = first_line[offset:] if len(first_line) > offset else first_line[m.end() :]
    if written.endswith("  "):  # hard break kept
        content = [f"{first}  " if first.strip() else first]
        raw = [f"{first_line}  "]  # the marker at least: never blank
    else:
        content, raw = [first], [first_line]
    i = start + 1
    blank_run: list[str] = []
    n = len(lines)
    while i < n:
        written = lines[i]
        line = written.rstrip()
        if not line:
            blank_run.append("")
            i += 1
            continue
        indent = len(line) - len(line.lstrip(" "))
        if blank_run:
            if indent < offset:
                break
        elif indent < offset and _starts_block(line):
            break
        if blank_run:
            content.extend(blank_run)
            raw.extend(blank_run)
            blank_run = []
        # hard break kept (the line is not blank)
        if written.endswith("  "):
            content.append(f"{line[min(indent, offset) :]}  ")
            raw.append(f"{line}  ")
        else:
            content.append(line[min(indent, offset) :])
            raw.append(line)
        i += 1
    text = "\n".join(content).strip("\n").rstrip()
    out.append(MdBlock("item", text, lineno, raw="\n".join(raw).rstrip()))
    return i - len(blank_run) if blank_run else i


def _starts_block(line: str) -> bool:
    """Whether an unindented, non-blank line starts a new block instead of continuing an item.

    Dispatched on the first character, each block start has one (every list item's
    continuation line is checked, so trying every pattern in turn was a cost of its own).
    """
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) >= 4:
        return False
    first = stripped[:1]
    if first == "#":
        return heading(line) is not None
    if first in ("-", "*"):
        return bool(_ITEM.match(line) or _THEMATIC.match(line))
    if first == "+" or first.isdecimal():  # `\d` in `_ITEM` is any decimal digit
        return bool(_ITEM.match(line))
    if first == "_":
        return bool(_THEMATIC.match(line))
    if first in ("`", "~"):
        return bool(_FENCE.match(line))
    if first == "<":
        return stripped.startswith("<!--")
    if first == "{":
        return stripped.startswith("{/*")
    return False
