"""A view of a Markdown body as the MDX compiler sees it, for the MDX-safety rules.

Docusaurus 3 compiles `.md` docs as MDX by default: `{` starts a JavaScript expression, `<`
starts JSX, and HTML comments only survive through a compatibility option. Code spans and
fenced code are exempt. This module finds the places that matter — comments, expressions and
tags outside code — once per file, with their line and column.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


@dataclass(frozen=True, slots=True)
class Spot:
    """Something found in the text: its kind, 1-based line and column, and its text."""

    kind: str
    line: int
    column: int
    text: str


SpotMaker = Callable[[str, int, int], "Spot"]


@dataclass
class MdxView:
    """The body's prose (code removed) and what the MDX compiler would trip on."""

    comments: list[Spot] = field(default_factory=list)
    """HTML comments `<!-- … -->` (start positions)."""
    mdx_comments: list[Spot] = field(default_factory=list)
    expressions: list[Spot] = field(default_factory=list)
    """Balanced `{…}` that are not MDX comments."""
    unbalanced: list[Spot] = field(default_factory=list)
    """`{` never closed."""
    tags: list[Spot] = field(default_factory=list)
    """`<name …>`, `</name>` and `<name/>` that look like JSX."""
    less_than: list[Spot] = field(default_factory=list)
    """`<` followed by anything but a space that does not make a tag (x<5, a<b, </, <=)."""
    heading_ids: list[Spot] = field(default_factory=list)
    """`{#custom-id}` at the end of a heading (MDX 1 syntax, kept by mdx1Compat.headingIds)."""
    esm: list[Spot] = field(default_factory=list)
    """Paragraphs starting with `import ` or `export `, which MDX parses as JavaScript."""
    autolinks: list[Spot] = field(default_factory=list)
    """`<https://…>` and `<user@host>`."""


_HEADING_ID = re.compile(r"^ {0,3}#{1,6} .*?(\{#[\w-]+\})[ \t]*$", re.MULTILINE)
_ESM = re.compile(r"(?:\A|\n[ \t]*\n)((?:import|export)[ \t][^\n]*)")
# Attributes are "whitespace, then anything up to >": the obvious `(\s+[^<>]*?)?\s*(/?)>`
# backtracks cubically on `<a` followed by a few thousand spaces and no `>`.
_TAG = re.compile(r"<(/?)([A-Za-z][\w.:-]*)(?:\s[^<>]*|/)?>")
MAX_SPOTS = 1_000
"""Spots kept per kind: a crafted file can hold a million `<`; rules report 100 at most."""
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_LT = re.compile(r"<(?=[^\s!])")


def _mask_code(line: str) -> str:
    """The line with inline code spans blanked (same length, so columns stay right)."""
    if "`" not in line:
        return line
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def scan(lines: list[str], first_line: int) -> MdxView:
    """Scan body `lines` (line `first_line` of the file first) for what MDX would parse."""
    view = MdxView()
    whole = "\n".join(lines)
    if not any(mark in whole for mark in ("<", "{", "import", "export")):
        return view  # nothing MDX would treat specially: the common case, kept cheap
    prose: list[tuple[int, str]] = []
    fence: str | None = None
    for index, raw in enumerate(lines):
        if fence is not None:
            if raw.strip().startswith(fence) and raw.strip().strip(fence[0]) == "":
                fence = None
            continue
        opened = _FENCE.match(raw)
        if opened:
            fence = opened.group(1)
            continue
        prose.append((first_line + index, _mask_code(raw)))
    text = "\n".join(line for _, line in prose)
    numbers = [number for number, _ in prose]
    starts = [0]
    for _, line in prose[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def where(offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(starts, offset) - 1
        return numbers[row] if numbers else first_line, offset - starts[row] + 1

    def spot(kind: str, start: int, end: int) -> Spot:
        line, column = where(start)
        return Spot(kind, line, column, text[start:end])

    masked = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if masked[i] != "\n":
                masked[i] = " "

    for start, end in _delimited(text, "<!--", "-->"):
        view.comments.append(spot("comment", start, end))
        blank(start, end)
    for start, end in _delimited(text, "{/*", "*/}"):
        view.mdx_comments.append(spot("mdx-comment", start, end))
        blank(start, end)
    for match in _HEADING_ID.finditer(text):
        view.heading_ids.append(spot("heading-id", match.start(1), match.end(1)))
        blank(match.start(1), match.end(1))
    for match in _ESM.finditer(text):
        view.esm.append(spot("esm", match.start(1), match.end(1)))
    plain = "".join(masked)
    _braces(plain, view, spot)
    for match in _AUTOLINK.finditer(plain):
        view.autolinks.append(spot("autolink", match.start(), match.end()))
        blank(match.start(), match.end())
    plain = "".join(masked)
    tag_starts = set()
    for match in _TAG.finditer(plain):
        if len(view.tags) >= MAX_SPOTS:
            break
        view.tags.append(spot("tag", match.start(), match.end()))
        tag_starts.add(match.start())
    for match in _LT.finditer(plain):
        if len(view.less_than) >= MAX_SPOTS:
            break
        if match.start() not in tag_starts and not _escaped(plain, match.start()):
            view.less_than.append(spot("less-than", match.start(), match.start() + 2))
    return view


def _delimited(text: str, opener: str, closer: str) -> list[tuple[int, int]]:
    """Non-overlapping `opener … closer` spans, in linear time (the lazy regex for this is
    quadratic when openers are never closed)."""
    spans: list[tuple[int, int]] = []
    at = text.find(opener)
    while at >= 0 and len(spans) < MAX_SPOTS:
        end = text.find(closer, at + len(opener))
        if end < 0:
            break  # no closer after this opener: none after any later one either
        spans.append((at, end + len(closer)))
        at = text.find(opener, end + len(closer))
    return spans


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _braces(text: str, view: MdxView, spot: SpotMaker) -> None:
    """Balanced `{…}` expressions and unclosed `{`; a lone `}` is plain text to MDX."""
    if "{" not in text:
        return
    stack: list[int] = []
    for at, char in enumerate(text):
        if char == "{" and not _escaped(text, at):
            stack.append(at)
        elif char == "}" and stack and not _escaped(text, at):
            start = stack.pop()
            if not stack and len(view.expressions) < MAX_SPOTS:
                view.expressions.append(spot("expression", start, at + 1))
    view.unbalanced.extend(spot("unbalanced", at, at + 1) for at in stack[:MAX_SPOTS])


HTML_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "address",
        "article",
        "aside",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "video",
        "audio",
        "source",
        "picture",
        "iframe",
    ]
)
"""Tags a browser renders; any other raw tag in CommonMark output makes its text vanish."""
