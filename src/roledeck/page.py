"""What a Markdown body renders to, for proving that a rewrite kept the page.

`fmt` may move whitespace, list markers and whole sections around, never change what a reader
sees. So before it writes, the old and the new body are rendered to HTML by the same CommonMark
parser and compared section by section (a section is an H1 or H2 with what follows it; fmt
puts sections in the conventional order, so their order is not compared). Comments are left
out (Docusaurus renders neither syntax), and whitespace is collapsed outside `<pre>`.
"""

from __future__ import annotations

import re
from collections import Counter

import pyromark

from roledeck.markdown import OPTIONS, without_comments

_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.DOTALL)
_BETWEEN_TAGS = re.compile(r">\s+<")
_SPACE = re.compile(r"\s+")
_SECTION = re.compile(r"(?=<h[12][\s>])")


def html(body: str) -> str:
    """The body as HTML, the way CommonMark with Docusaurus's extensions renders it."""
    return str(pyromark.html(body, options=OPTIONS))


def sections(body: str) -> Counter[str]:
    """The page's sections, normalised: the multiset two bodies must share to look alike."""
    page = _EMPTY_PARAGRAPH.sub("", without_comments(html(body)))
    parts = _PRE.split(page)
    for index in range(0, len(parts), 2):  # outside <pre>
        parts[index] = _SPACE.sub(" ", _BETWEEN_TAGS.sub("><", parts[index]))
    normal = "".join(parts).strip()
    return Counter(chunk.strip() for chunk in _SECTION.split(normal) if chunk.strip())


def difference(before: str, after: str) -> str | None:
    """What renders differently between two bodies (a short excerpt), or None if nothing."""
    old, new = sections(before), sections(after)
    if old == new:
        return None
    changed = next(iter((old - new) or (new - old)))
    excerpt = re.sub(r"<[^>]+>", " ", changed)
    excerpt = _SPACE.sub(" ", excerpt).strip()
    return excerpt if len(excerpt) <= 60 else excerpt[:59] + "…"
