"""A view of a Markdown body as the MDX compiler sees it, for the MDX-safety rules.

Docusaurus 3 compiles `.md` docs as MDX by default: `{` starts a JavaScript expression, `<`
starts JSX, `import`/`export` lines are JavaScript, and HTML comments only survive through a
compatibility option. None of that applies inside code. The CommonMark parser
(`roledeck.markdown`) says where the code and the HTML are; this module looks at the rest —
the prose — once per file, with backslash escapes honoured, and records what MDX would make of
it, with line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from roledeck.markdown import Body, parse_body

MAX_SPOTS = 1_000
"""Spots kept per kind: a crafted file can hold a million `<`; rules report 100 at most."""
MAX_TAG = 4_096
"""How far a JSX tag may run: the lexer never scans further from one `<` (linear time)."""


@dataclass(frozen=True, slots=True)
class Spot:
    """Something found in the text: its kind, 1-based line and column, and its text."""

    kind: str
    line: int
    column: int
    text: str


@dataclass
class MdxView:
    """What the MDX compiler would trip on, in the body's prose."""

    comments: list[Spot] = field(default_factory=list)
    """HTML comments `<!-- … -->` (start positions)."""
    mdx_comments: list[Spot] = field(default_factory=list)
    expressions: list[Spot] = field(default_factory=list)
    """Balanced `{…}` in text that are not MDX comments (attribute values are not here)."""
    unbalanced: list[Spot] = field(default_factory=list)
    """`{` never closed."""
    tags: list[Spot] = field(default_factory=list)
    """JSX tags in prose and tags of the HTML the parser found: `<x …>`, `</x>`, `<x/>`."""
    less_than: list[Spot] = field(default_factory=list)
    """`<` directly followed by something that does not make a tag (x<5, a<b, </, <=)."""
    heading_ids: list[Spot] = field(default_factory=list)
    """`{#custom-id}` at the end of a heading (MDX 1 syntax, kept by mdx1Compat.headingIds)."""
    esm: list[Spot] = field(default_factory=list)
    """Paragraphs starting with `import`/`export` that are not valid ESM (prose, to a reader)."""
    autolinks: list[Spot] = field(default_factory=list)
    """`<https://…>` and `<user@host>`."""
    defined: set[str] = field(default_factory=set)
    """Names the doc's own `import` and `export` statements define."""


_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_HEADING_ID = re.compile(r"\{#[^{}\s]*\}[ \t]*$")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w.:-]*)(?:\s[^<>]*|/)?>")
_NAME = re.compile(r"[A-Za-z_$][\w$.:-]*")
_ATTRIBUTE = re.compile(r"[A-Za-z_$:][\w$:.-]*")
_SPACE = re.compile(r"\s*")
_TAG_START = re.compile(r"<[/A-Za-z_$]")
_IMPORT = re.compile(
    r"""import\s+(?:(?P<default>[A-Za-z_$][\w$]*)\s*,?\s*)?
        (?:\{(?P<named>[^{}]*)\}|\*\s*as\s+(?P<star>[A-Za-z_$][\w$]*))?\s*
        (?:from\s*)?(?P<q>['"])[^'"\n]+(?P=q)\s*;?""",
    re.VERBOSE,
)
_EXPORT = re.compile(
    r"export\s+(?:(?:const|let|var|function\*?|class|async\s+function)\s+(?P<name>[A-Za-z_$][\w$]*)"
    r"|default\b|\{[^{}]*\}\s*(?:from\s*['\"][^'\"\n]+['\"])?\s*;?$|\*\s*from\b)"
)


def scan(body: Body) -> MdxView:
    """What MDX would parse in `body` outside code and HTML."""
    view = MdxView()
    text = body.text
    esm = [b for b in body.blocks if b.kind == "esm"]
    if "<" not in text and "{" not in text and not esm:
        return view  # nothing MDX would treat specially: the common case, kept cheap
    spot = _spotter(body)
    comments: list[tuple[int, int]] = []
    tags: list[tuple[int, int]] = []
    for start, end in body.html:
        _html_parts(text[start:end], start, comments, tags)
    if tags and "{/*" in text:  # what an MDX comment holds is no tag
        outside_code = _Masked(text)
        for start, end in body.code:
            outside_code.blank(start, end)
        notes = _delimited(outside_code.text(), "{/*", "*/}")
        tags = [tag for tag in tags if not _inside(tag, notes)]
    if _hides_markdown(body, comments + tags):
        body = _as_mdx_reads_it(body, comments + tags)
        esm = [b for b in body.blocks if b.kind == "esm"]
        tags = [tag for tag in tags if not _inside(tag, body.code)]
    modules: list[tuple[int, int]] = []  # valid import/export blocks: JavaScript, not prose
    for block in esm:
        names = _esm_names(text[block.begin : block.end])
        if names is None:
            view.esm.append(spot("esm", block.begin, block.begin + len(block.text)))
        else:
            view.defined.update(names)
            modules.append((block.begin, block.end))
    if modules:
        tags = [tag for tag in tags if not _inside(tag, modules)]
    view.comments = [spot("comment", start, end) for start, end in comments]
    view.tags = [spot("html-tag", start, end) for start, end in tags]
    masked = _Masked(text)
    for start, end in (*body.code, *body.html, *comments, *tags, *modules):
        masked.blank(start, end)
    for match in _ESCAPE.finditer(masked.text()):
        masked.blank(match.start(), match.end())
    plain = masked.text()
    for start, end in _delimited(plain, "{/*", "*/}"):
        view.mdx_comments.append(spot("mdx-comment", start, end))
        masked.blank(start, end)
    for start, end in body.headings:
        found = _HEADING_ID.search(plain, start, end)
        if found:
            view.heading_ids.append(spot("heading-id", found.start(), found.end()))
            masked.blank(found.start(), found.end())
    plain = masked.text()
    for match in _AUTOLINK.finditer(plain):
        if len(view.autolinks) < MAX_SPOTS:
            view.autolinks.append(spot("autolink", match.start(), match.end()))
        masked.blank(match.start(), match.end())
    plain = masked.text()
    _jsx(plain, view, masked, spot)
    _braces(masked.text(), view, spot)
    return view


class _Masked:
    """The body with parts blanked out (newlines kept, so offsets and lines stay right)."""

    def __init__(self, text: str) -> None:
        self._chars = list(text)
        self._text: str | None = text

    def blank(self, start: int, end: int, fill: str = " ") -> None:
        chars = self._chars
        for index in range(start, min(end, len(chars))):
            if chars[index] != "\n":
                chars[index] = fill
        self._text = None

    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._chars)
        return self._text


SpotMaker = Callable[[str, int, int], Spot]


def _spotter(body: Body) -> SpotMaker:
    def spot(kind: str, start: int, end: int) -> Spot:
        line, column = body.position(start)
        return Spot(kind, line, column, body.text[start:end])

    return spot


def _html_parts(
    html: str, offset: int, comments: list[tuple[int, int]], tags: list[tuple[int, int]]
) -> None:
    """The comments and the tags of a piece of HTML the CommonMark parser identified."""
    at = html.find("<!--")
    while at >= 0 and len(comments) < MAX_SPOTS:
        end = html.find("-->", at + 4)
        if end < 0:
            break
        comments.append((offset + at, offset + end + 3))
        html = html[:at] + " " * (end + 3 - at) + html[end + 3 :]
        at = html.find("<!--", end + 3)
    if "<" not in html:
        return
    for match in _HTML_TAG.finditer(html):
        if len(tags) >= MAX_SPOTS:
            break
        if not _escaped(html, match.start()):  # MDX reads `\<x>` as text, wherever it is
            tags.append((offset + match.start(), offset + match.end()))


def _as_mdx_reads_it(body: Body, spans: list[tuple[int, int]]) -> Body:
    """The body read again with its HTML tags and comments replaced, as MDX reads it.

    CommonMark has HTML blocks: a line of just `<br>` or `<div>`, or a comment, takes the
    lines after it for raw HTML up to a blank line, fences included. MDX has none: its tags
    are JSX and what lies between them is Markdown, code spans and fences included (and
    Docusaurus replaces comments before MDX parses). Each tag becomes a word of as many
    letters (spaces would change the indentation CommonMark reads: `- <kbd>K` would turn into
    indented code), so every offset stays where it was.
    """
    masked = _Masked(body.text)
    for start, end in spans:
        masked.blank(start, end, "x")
    return parse_body(masked.text(), body.first_line, max_blocks=10**9)


def _hides_markdown(body: Body, spans: list[tuple[int, int]]) -> bool:
    """Whether an HTML block holds more than its tags and comments (text CommonMark took for
    HTML that MDX reads as Markdown); inline HTML never does, nor a note on its own lines."""
    if not body.html_blocks:
        return False
    masked = _Masked(body.text)
    for start, end in spans:
        masked.blank(start, end)
    plain = masked.text()
    return any(plain[start:end].strip() for start, end in body.html_blocks)


def _inside(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in ranges)


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _esm_names(text: str) -> set[str] | None:
    """The names an ESM block defines, or None if it is not valid `import`/`export` lines."""
    names: set[str] = set()
    for statement in re.split(r";\s*\n|\n(?=\s*(?:import|export)\b)", text.strip()):
        statement = " ".join(statement.split())
        if not statement:
            continue
        found = _IMPORT.fullmatch(statement)
        if found:
            for group in ("default", "star"):
                if found.group(group):
                    names.add(found.group(group))
            for part in (found.group("named") or "").split(","):
                local = part.split(" as ")[-1].strip()
                if local:
                    names.add(local)
            continue
        exported = _EXPORT.match(statement)
        if exported is None:
            return None
        if exported.group("name"):
            names.add(exported.group("name"))
    return names


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


def _jsx(plain: str, view: MdxView, masked: _Masked, spot: SpotMaker) -> None:
    """JSX tags in prose (blanked once found), and `<` that start none.

    A tag never runs past its paragraph: each paragraph's end is found once (looking for it
    from every `<` of a line of a million would be quadratic).
    """
    at = plain.find("<")
    paragraph_end = -1
    while at >= 0:
        if at >= paragraph_end:
            paragraph_end = plain.find("\n\n", at)
            if paragraph_end < 0:
                paragraph_end = len(plain)
        end = _tag_end(plain, at, min(paragraph_end, at + MAX_TAG))
        if end is not None:
            if len(view.tags) < MAX_SPOTS:
                view.tags.append(spot("tag", at, end))
            masked.blank(at, end)
            at = plain.find("<", end)
            continue
        following = plain[at + 1 : at + 2]
        starts_tag = following and not following.isspace() and following != "!"
        if starts_tag and len(view.less_than) < MAX_SPOTS:
            view.less_than.append(spot("less-than", at, at + 2))
        if len(view.less_than) < MAX_SPOTS:
            at = plain.find("<", at + 1)
        else:  # no more `<` reported: only what can start a tag is still worth a look
            candidate = _TAG_START.search(plain, at + 1)
            at = candidate.start() if candidate else -1


def _tag_end(text: str, start: int, limit: int) -> int | None:
    """The end of a JSX tag starting at `start` (`<x a="1" b={…}>`, `</x>`, `<x/>`), or None.

    Attribute values may be strings or `{expressions}` (with nested braces and strings), the
    way `style={{color: 'red'}}` is written; the tag may span lines within its paragraph, and
    ends before `limit`.
    """
    at = start + 1
    closing = at < limit and text[at] == "/"
    if closing:
        at += 1
    name = _NAME.match(text, at, limit)
    if name is None:
        return None
    at = _SPACE.match(text, name.end(), limit).end()  # type: ignore[union-attr]
    while at < limit:
        char = text[at]
        if char == ">":
            return at + 1
        if char == "/" and text.startswith("/>", at) and not closing:
            return at + 2
        if closing:
            return None
        if char == "{":
            end = _balanced(text, at, limit)
            if end is None:
                return None
            at = end
        else:
            attribute = _ATTRIBUTE.match(text, at, limit)
            if attribute is None:
                return None
            at = _SPACE.match(text, attribute.end(), limit).end()  # type: ignore[union-attr]
            if at < limit and text[at] == "=":
                at = _SPACE.match(text, at + 1, limit).end()  # type: ignore[union-attr]
                value_end = _value_end(text, at, limit)
                if value_end is None:
                    return None
                at = value_end
        at = _SPACE.match(text, at, limit).end()  # type: ignore[union-attr]
    return None


def _value_end(text: str, at: int, limit: int) -> int | None:
    if at >= limit:
        return None
    quote = text[at]
    if quote in "\"'":
        end = text.find(quote, at + 1, limit)
        return end + 1 if end >= 0 else None
    if quote == "{":
        return _balanced(text, at, limit)
    return None


def _balanced(text: str, at: int, limit: int) -> int | None:
    """The end of the `{…}` starting at `at`, strings and nested braces respected."""
    depth = 0
    quote = ""
    index = at
    while index < limit:
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def _braces(text: str, view: MdxView, spot: SpotMaker) -> None:
    """Balanced `{…}` expressions and unclosed `{`; a lone `}` is plain text to MDX."""
    if "{" not in text:
        return
    stack: list[int] = []
    for at, char in enumerate(text):
        if char == "{":
            stack.append(at)
        elif char == "}" and stack:
            start = stack.pop()
            if not stack and len(view.expressions) < MAX_SPOTS:
                view.expressions.append(spot("expression", start, at + 1))
    view.unbalanced.extend(spot("unbalanced", at, at + 1) for at in stack[:MAX_SPOTS])
