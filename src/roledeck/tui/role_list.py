"""The list of roles: a virtual table that draws only the rows on screen.

Textual's DataTable and OptionList keep a widget-side copy of every row: refilling them with
5,000 of a 10,000-role catalog took 0.3-0.4 s here, per key press of the filter. This widget
keeps the rows (`browsing.Entry`) and the order to show them in (indexes), and renders a line
when Textual asks for it (the Line API), so a new filter costs one list assignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from roledeck.browsing import Entry, SortKey
from roledeck.textsafe import clip, visible

MARK = "●"


def cell(text: str, limit: int = 300) -> str:
    """User text for one cell: short, one line, control characters made visible."""
    return visible(clip(text, limit), keep_newlines=False).expandtabs()


class RoleList(ScrollView, can_focus=True):
    """The catalog's rows: name, id, tags and a mark per sub-role kind; broken files as one
    error row each."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("pagedown,ctrl+f", "page(1)", "Page down", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "role-list--header",
        "role-list--cursor",
        "role-list--broken",
        "role-list--mark",
        "role-list--dim",
    }

    DEFAULT_CSS = """
    RoleList {
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    RoleList > .role-list--header { text-style: bold; color: $text-primary; }
    RoleList > .role-list--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    RoleList:focus > .role-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    RoleList > .role-list--broken { color: $text-error; }
    RoleList > .role-list--mark { color: $text-accent; text-style: bold; }
    RoleList > .role-list--dim { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    """Position in the shown order (not an index into the entries)."""

    class Highlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, entry: Entry | None) -> None:
            super().__init__()
            self.entry = entry

    class Selected(Message):
        """Enter (or a double click) on a row."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    class HeaderClicked(Message):
        """A click on a column title: sort by it."""

        def __init__(self, key: SortKey) -> None:
            super().__init__()
            self.key = key

    def __init__(
        self, kinds: Sequence[str], labels: dict[str, str], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.kinds = list(kinds)
        self.labels = labels
        self.entries: list[Entry] = []
        self.shown: list[int] = []
        self.marked: list[str] = []
        """Paths of the marked rows, in the order they were marked."""
        self.sort_key: SortKey = "name"
        self.reverse = False
        self._columns: list[tuple[SortKey | None, int, int]] = []

    # -- data ----------------------------------------------------------------------------------

    def show(self, entries: list[Entry], shown: list[int]) -> None:
        """Show `entries` in the order `shown`, keeping the cursor on the same file."""
        current = self.current
        self.entries = entries
        self.shown = shown
        position = 0
        if current is not None:
            for at, index in enumerate(shown):
                if entries[index].path == current.path:
                    position = at
                    break
        self.virtual_size = Size(self.size.width, len(shown) + 1)
        self.cursor = min(position, max(len(shown) - 1, 0))
        self.refresh()

    @property
    def current(self) -> Entry | None:
        if 0 <= self.cursor < len(self.shown):
            return self.entries[self.shown[self.cursor]]
        return None

    def toggle_mark(self) -> Entry | None:
        entry = self.current
        if entry is not None:
            if entry.path in self.marked:
                self.marked.remove(entry.path)
            else:
                self.marked.append(entry.path)
            self.refresh()
        return entry

    # -- movement ------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def _rows_on_screen(self) -> int:
        return max(self.size.height - 1, 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        rows = self._rows_on_screen()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def _move_to(self, position: int) -> None:
        if self.shown:
            self.cursor = max(0, min(position, len(self.shown) - 1))

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._move_to(self.cursor + step * self._rows_on_screen())

    def action_jump(self, position: int) -> None:
        self._move_to(position if position >= 0 else len(self.shown) - 1)

    def action_select(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.Selected(entry))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.shown) + 1)
        self._scroll_to_cursor()

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            for key, start, width in self._columns:
                if key is not None and start <= offset.x < start + width:
                    self.post_message(self.HeaderClicked(key))
            return
        position = round(self.scroll_y) + offset.y - 1
        if 0 <= position < len(self.shown):
            self.cursor = position
            if event.chain >= 2:
                self.action_select()

    # -- drawing -------------------------------------------------------------------------------

    def _layout(self, width: int) -> list[tuple[SortKey | None, int, int]]:
        """(sort key, start, width) of each column at this width."""
        kinds_width = sum(len(self.labels[k]) + 1 for k in self.kinds)
        counts = width >= 100
        rest = max(width - 2 - kinds_width - (14 if counts else 0), 12)
        name = rest * 40 // 100
        ident = rest * 33 // 100
        tags = rest - name - ident
        columns: list[tuple[SortKey | None, int, int]] = [(None, 0, 2)]
        at = 2
        for key, size in (("name", name), ("id", ident), ("tags", tags)):
            columns.append((key, at, size))  # type: ignore[arg-type]
            at += size
        if counts:
            columns += [("needs", at, 7), ("duties", at + 7, 7)]
            at += 14
        columns.append(("sub-roles", at, kinds_width))
        return columns

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        self._columns = self._layout(width)
        if y == 0:
            return self._header(width, base)
        position = round(self.scroll_y) + y - 1
        if position >= len(self.shown):
            return Strip.blank(width, base)
        entry = self.entries[self.shown[position]]
        text = self._row(entry, width)
        if position == self.cursor:
            text.stylize(self.get_component_rich_style("role-list--cursor"))
        return self._strip(text, width, base)

    def _header(self, width: int, base: Style) -> Strip:
        style = self.get_component_rich_style("role-list--header")
        text = Text(no_wrap=True, overflow="crop")
        titles: dict[SortKey, str] = {
            "name": "name",
            "id": "id",
            "tags": "tags",
            "needs": "needs",
            "duties": "duties",
        }
        for key, _, size in self._columns:
            if key is None:
                text.append(" " * size)
            elif key == "sub-roles":
                label = " ".join(self.labels[k] for k in self.kinds)
                arrow = self._arrow(key)
                text.append((label + arrow).ljust(size)[: size + 1], style)
            else:
                title = titles[key] + self._arrow(key)
                text.append(_fit(title, size - 1) + " ", style)
        return self._strip(text, width, base)

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        text.style = base
        text.end = ""
        segments: list[Segment] = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, base)

    def _arrow(self, key: SortKey) -> str:
        if key != self.sort_key:
            return ""
        return " ▼" if self.reverse else " ▲"

    def _row(self, entry: Entry, width: int) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        marked = entry.path in self.marked
        text.append(
            f"{MARK} " if marked else "  ", self.get_component_rich_style("role-list--mark")
        )
        if entry.error is not None:
            message = f"✗ {cell(entry.error.located())}"
            text.append(
                _fit(message, width - 2), self.get_component_rich_style("role-list--broken")
            )
            return text
        dim = self.get_component_rich_style("role-list--dim")
        for key, _, size in self._columns[1:]:
            if key == "name":
                text.append(_fit(cell(entry.name), size - 1) + " ")
            elif key == "id":
                text.append(_fit(cell(entry.id), size - 1) + " ", dim)
            elif key == "tags":
                text.append(_fit(cell(", ".join(entry.tags)), size - 1) + " ")
            elif key == "needs":
                text.append(f"{entry.needs:>5}  ")
            elif key == "duties":
                text.append(f"{entry.duties:>6} ")
            elif key == "sub-roles":
                for kind in self.kinds:
                    mark = "✓" if kind in entry.kinds else "·"
                    text.append(
                        mark.center(len(self.labels[kind])) + " ", None if mark == "✓" else dim
                    )
        return text


def _fit(text: str, width: int) -> str:
    """`text` cut or padded to `width` cells, an ellipsis where it was cut."""
    if width <= 0:
        return ""
    shown = Text(text)
    if shown.cell_len > width:
        shown.truncate(width, overflow="ellipsis")
    shown.pad_right(width - shown.cell_len)
    return shown.plain
