"""A scrollable pane showing what one of the command reporters wrote.

The browser does not lay roles, diffs or matrices out itself: it asks the same reporters
`roles show`, `roles diff` and `roles matrix` use for a string at the pane's width, and shows
that. With colour the string holds rich's own SGR codes (the reporters have already made
every control character of user text visible), which `Text.from_ansi` turns back into styles;
the result is a rich `Text`, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from roledeck.textsafe import visible

MIN_WIDTH = 10
"""Narrower than this, a pane is taken as not laid out yet."""


def report_text(rendered: str, *, color: bool) -> Text:
    """A reporter's output as a `Text` (styles from its SGR codes when `color`)."""
    if color:
        text = Text.from_ansi(rendered.rstrip("\n"), no_wrap=True, end="")
    else:
        text = Text(visible(rendered.rstrip("\n")), no_wrap=True, end="")
    return text


def message_text(message: str, style: str = "") -> Text:
    """A message of ours that quotes user text (a path, an error): never markup."""
    return Text(visible(message), style=style, end="")


class ReportView(VerticalScroll, can_focus=True):
    """A reporter's output, scrolled with the arrows, j/k, space and b, g and G."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space,ctrl+f", "page_down", "Page down", show=False),
        Binding("b,ctrl+b", "page_up", "Page up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    DEFAULT_CSS = """
    ReportView {
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        padding: 0 0 0 1;
    }
    ReportView > Static { width: auto; }
    """

    class Resized(Message):
        """The pane's width changed since its text was laid out: lay it out again."""

        def __init__(self, view: ReportView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = Static(Text(""), markup=False)
        self.plain_lines: list[str] = []
        self.laid_out_for = 0
        """The width the text shown was laid out for (0: a message, or nothing yet)."""

    def compose(self) -> ComposeResult:
        yield self.body

    @property
    def usable_width(self) -> int | None:
        """The width reporters should lay out for (the pane less its padding and scrollbar),
        or None while the pane is not laid out (hidden in another tab, or the app suspended
        for the editor)."""
        width = self.scrollable_content_region.width
        return width if width >= MIN_WIDTH else None

    @property
    def text_width(self) -> int:
        """`usable_width`, else the width last laid out for, else 80."""
        return self.usable_width or self.laid_out_for or 80

    def on_resize(self) -> None:
        width = self.usable_width
        if width is not None and self.laid_out_for and width != self.laid_out_for:
            self.post_message(self.Resized(self))

    def show(self, text: Text, *, keep_position: bool = False, width: int = 0) -> None:
        """Show `text` (laid out for `width`, 0 for a message); back at the top unless
        `keep_position` (a reload of the same file)."""
        self.plain_lines = text.plain.split("\n")
        self.laid_out_for = width
        self.body.update(text)
        if not keep_position:
            self.scroll_home(animate=False)

    def show_message(self, message: str, style: str = "") -> None:
        self.show(message_text(message, style))

    def scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=line, animate=False)
