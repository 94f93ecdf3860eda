"""A profile's Markdown as rich renderables: rich's own Markdown renderer, made safe for text
from anyone, and Docusaurus's `:::` admonitions as labelled panels.

rich's renderer (markdown-it-py underneath) never reads text as rich markup, but it passes
characters through as they are, and markdown-it decodes entities: `&#x202e;` becomes a bidi
override, `&#13;` a carriage return. So every token is made visible (`textsafe.visible`)
after parsing, not only the source before it. Links show their URL after the text instead
of an OSC 8 hyperlink (whose target would be the file's to choose); inline HTML shows its
text; HTML blocks are shown dimmed rather than dropped.

Imported only when a block is more than plain words (`mdblocks.is_plain`): markdown-it and
pygments cost more to import than the rest of `roles show`.
"""

from __future__ import annotations

import re
from typing import ClassVar

from markdown_it.token import Token
from rich import box
from rich.console import (
    Console,
    ConsoleOptions,
    Group,
    JustifyMethod,
    RenderableType,
    RenderResult,
)
from rich.markdown import (
    CodeBlock,
    ListItem,
    Markdown,
    MarkdownContext,
    MarkdownElement,
    TableDataElement,
    TableElement,
)
from rich.panel import Panel
from rich.segment import Segment
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from roledeck.mdblocks import Admonition, split_admonitions
from roledeck.textsafe import visible

ADMONITION_STYLES = {
    "note": "blue",
    "info": "cyan",
    "tip": "green",
    "important": "magenta",
    "warning": "yellow",
    "caution": "yellow",
    "danger": "red",
}
"""Border colours by admonition type, close to Docusaurus's own; others are dim."""

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_INLINE_MARKS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


def markdown(text: str) -> RenderableType:
    """One block of a profile, rendered: Markdown, admonitions as panels."""
    parts: list[RenderableType] = []
    for part in split_admonitions(text):
        if isinstance(part, Admonition):
            parts.append(_panel(part))
        else:
            parts.append(SafeMarkdown(part))
    if len(parts) == 1:
        return parts[0]
    return Group(*parts)


def list_item(text: str) -> RenderableType:
    """One item of a list (a need, a duty: its Markdown without the marker), with a bullet:
    rendered as the one-item list it came from, so what is nested stays inside it."""
    lines = text.split("\n")
    source = "\n".join(
        ["- " + lines[0], *(f"  {line}" if line.strip() else "" for line in lines[1:])]
    )
    return markdown(source)


def _panel(admonition: Admonition) -> Panel:
    kind = visible(admonition.kind, keep_newlines=False)
    label = kind.upper()
    if admonition.title:
        label += ": " + _INLINE_MARKS.sub(r"\2", visible(admonition.title, keep_newlines=False))
    style = ADMONITION_STYLES.get(kind.lower(), "dim")
    body = markdown(admonition.body) if admonition.body.strip() else Text("")
    return Panel(
        body, title=Text(label, style=f"bold {style}"), title_align="left", border_style=style
    )


class _Code(CodeBlock):
    """A code block as written: indentation kept, long lines wrapped, no background fill
    (the 16 terminal colours, whatever the theme of the terminal)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        code = str(self.text).rstrip("\n")
        yield Syntax(
            code,
            self.lexer_name,
            theme="ansi_dark",
            background_color="default",
            word_wrap=True,
            padding=(0, 0, 0, 2),
        )


class _Item(ListItem):
    """A bullet as the rest of the view draws them: '• ' and a two-column hanging indent."""

    def render_bullet(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = console.render_lines(
            self.elements, options.update(width=options.max_width - 2), style=self.style
        )
        bullet = console.get_style("markdown.item.bullet", default="none")
        for index, line in enumerate(lines):
            yield Segment("• " if index == 0 else "  ", bullet)
            yield from line
            yield Segment.line()


class _Table(TableElement):
    """A table without the blank lines rich draws as its top and bottom edges."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for renderable in super().__rich_console__(console, options):
            if isinstance(renderable, Table):
                renderable.box = box.SIMPLE_HEAD
                renderable.show_edge = False
            yield renderable


class _Cell(TableDataElement):
    """A table cell whose long words (URLs, paths) fold instead of ending in '…'."""

    def __init__(self, justify: JustifyMethod) -> None:
        super().__init__(justify=justify)
        self.content.overflow = "fold"


class _Html(MarkdownElement):
    """An HTML (or JSX) block, shown as written, dimmed: Docusaurus renders it, we cannot."""

    def __init__(self, source: str) -> None:
        self.source = source

    @classmethod
    def create(cls, markdown: Markdown, token: Token) -> MarkdownElement:
        return cls(token.content.rstrip("\n"))

    def on_enter(self, context: MarkdownContext) -> None:
        return None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(self.source, style="dim")


class SafeMarkdown(Markdown):
    """rich's Markdown with every token made visible and links written out."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "fence": _Code,
        "code_block": _Code,
        "list_item_open": _Item,
        "table_open": _Table,
        "td_open": _Cell,
        "th_open": _Cell,
        "html_block": _Html,
    }

    def __init__(self, source: str) -> None:
        super().__init__(visible(source), hyperlinks=False, code_theme="ansi_dark")
        self.parsed = _safe_tokens(self.parsed)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # rich starts a block that ends in a nested element (a list, a table, a quote)
        # with a blank line; the views put their own blank lines between blocks
        first = True
        for segment in super().__rich_console__(console, options):
            if first and isinstance(segment, Segment) and segment.text == "\n":
                first = False
                continue
            first = False
            yield segment


def _safe_tokens(tokens: list[Token]) -> list[Token]:
    for token in tokens:
        token.content = visible(token.content)
        token.info = visible(token.info)
        if token.attrs:
            token.attrs = {
                key: visible(value) if isinstance(value, str) else value
                for key, value in token.attrs.items()
            }
        if token.children:
            token.children = _inline(_safe_tokens(token.children))
    return tokens


def _inline(tokens: list[Token]) -> list[Token]:
    """Inline tokens as the terminal shows them: `<br>` a line break, an autolink its URL
    once, an image its alt text and address."""
    out: list[Token] = []
    for token in tokens:
        if token.type == "html_inline" and _BREAK.fullmatch(token.content.strip()):
            out.append(Token("hardbreak", "br", 0))
        elif token.type in ("link_open", "link_close") and token.markup == "autolink":
            continue
        elif token.type == "image":
            alt = "".join(child.content for child in token.children or [] if child.content)
            src = str(token.attrs.get("src", ""))
            text = Token("text", "", 0)
            text.content = f"{alt} (image: {src})" if alt else f"(image: {src})"
            out.append(text)
        else:
            out.append(token)
    return out
