"""The source text of Markdown blocks and list items, as the schema keeps it.

Trailing whitespace that means nothing is dropped (a hard break's two spaces and code are
kept), a list item loses its marker and its continuation lines their indentation as
CommonMark's content column says, and comments can be taken out. Pure string work over text
`roledeck.markdown` has delimited with the parser; every function is linear in its input.
"""

from __future__ import annotations

import bisect
import re

BLANK_TAIL = re.compile(r"\n[ \t]+$")
"""A list item whose last line is blank but for spaces: a blank line follows it."""


def code_in(code: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
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


def marker_width(line: str) -> int:
    """Where a list item's marker (`-`, `*`, `+`, `1.`, `1)`) ends on its first line."""
    body = line.lstrip(" \t")
    indent = len(line) - len(body)
    if body[:1] in ("-", "*", "+"):
        return indent + 1
    digits = len(body) - len(body.lstrip("0123456789"))
    if 0 < digits <= 9 and body[digits : digits + 1] in (".", ")"):
        return indent + digits + 1
    return 0


def item_content(raw: str) -> str:
    """A list item's content: the marker removed and continuation lines dedented.

    The content column follows CommonMark: the marker, then one to four spaces (with five or
    more, or none, the content starts one space after the marker). Continuation lines lose
    at most that many spaces, so nested lists and code keep their relative indentation.
    """
    first, _, rest = raw.partition("\n")
    width = marker_width(first)
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


def tidy(text: str, code: list[tuple[int, int]], *, dedented: bool = False) -> str:
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


def html_note(source: str) -> str | None:
    """The text of an HTML block that is exactly one comment, else None."""
    text = source.strip()
    if not text.startswith("<!--") or not text.endswith("-->"):
        return None
    if text.find("-->", 4) != len(text) - 3:
        return None
    return text[4:-3].strip()
