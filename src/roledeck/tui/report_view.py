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
from textual.widgets import Static

from roledeck.textsafe import visible


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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = Static(Text(""), markup=False)
        self.plain_lines: list[str] = []

    def compose(self) -> ComposeResult:
        yield self.body

    @property
    def text_width(self) -> int:
        """The width reporters should lay out for: the pane less its padding and scrollbar."""
        return max(self.scrollable_content_region.width, 20)

    def show(self, text: Text, *, keep_position: bool = False) -> None:
        """Show `text`; back at the top unless `keep_position` (a reload of the same file)."""
        self.plain_lines = text.plain.split("\n")
        self.body.update(text)
        if not keep_position:
            self.scroll_home(animate=False)

    def show_message(self, message: str, style: str = "") -> None:
        self.show(message_text(message, style))

    def scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=line, animate=False)
