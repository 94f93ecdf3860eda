"""The diff of two roles, the matrix of several, and the help.

Each shows what the command's own reporter writes (`roles diff`, `roles diff -y`,
`roles matrix --by …`), laid out at the pane's width, and lays it out again when the terminal
is resized.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static, Tab, Tabs

from roledeck.errors import RoleError
from roledeck.model import Role
from roledeck.textsafe import visible
from roledeck.tui.keys import KEYMAP
from roledeck.tui.report_view import ReportView, report_text
from roledeck.tui.role_list import cell

if TYPE_CHECKING:
    from roledeck.diff import RoleDiff
    from roledeck.matrix import By
    from roledeck.tui.app import BrowseApp


class _ReportScreen(Screen[None]):
    """A title bar, a report pane and the footer; Esc goes back."""

    app: BrowseApp

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    @property
    def view(self) -> ReportView:
        return self.query_one(ReportView)

    def on_mount(self) -> None:
        self.view.show(Text("Working…", style="dim"))
        self.call_after_refresh(self._first)

    def _first(self) -> None:
        self.view.focus()
        self.refresh_report()

    def on_report_view_resized(self, event: ReportView.Resized) -> None:
        self.refresh_report(keep=True)

    def refresh_report(self, keep: bool = False) -> None:
        raise NotImplementedError

    def set_title(self, text: Text) -> None:
        self.query_one("#title", Static).update(text)

    def action_back(self) -> None:
        self.app.pop_screen()


class DiffScreen(_ReportScreen):
    """`roles diff A B`, unified or side by side."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("s", "side", "Side by side / unified")]

    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new
        self.side_by_side = False
        self.result: RoleDiff | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Diff"), id="title", classes="bar")
        yield ReportView(id="diff")
        yield Footer(show_command_palette=False)

    def refresh_report(self, keep: bool = False) -> None:
        self._diff(self.view.text_width, self.side_by_side, keep)

    @work(thread=True, exclusive=True, group="diff")
    def _diff(self, width: int, side: bool, keep: bool) -> None:
        from roledeck.diff import diff_roles
        from roledeck.reporters import diff_side, diff_text

        color = self.app.color
        try:
            if self.result is None:
                old, new = self.app.load_role(self.old), self.app.load_role(self.new)
                self.result = diff_roles(old, new)
        except RoleError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        result = self.result
        if side:
            rendered = diff_side.side_by_side(result, color=color, width=width)
        else:
            rendered = diff_text.rich_diff(result, color=color, width=width)
        self.app.call_from_thread(self._show, result, rendered, keep, width)

    def _show(self, result: RoleDiff, rendered: str, keep: bool, width: int) -> None:
        from roledeck.reporters.diff_parts import summary_line

        title = Text("Diff  ", style="bold", end="")
        title.append(f"{cell(result.old.id, 60)} → {cell(result.new.id, 60)}")
        title.append(f"  {summary_line(result)}", style="dim")
        self.set_title(title)
        self.view.show(report_text(rendered, color=self.app.color), keep_position=keep, width=width)

    def _failed(self, error: RoleError) -> None:
        self.set_title(Text("Diff", style="bold"))
        self.view.show_message(f"✗ {error.located()}", "bold red")

    def action_side(self) -> None:
        self.side_by_side = not self.side_by_side
        self.refresh_report()


VIEWS: tuple[By, ...] = ("sub-roles", "duties", "needs")


class MatrixScreen(_ReportScreen):
    """`roles matrix --by sub-roles|duties|needs` of the marked or the listed roles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "view(-1)", "View", show=False),
        Binding("right_square_bracket", "view(1)", "Next view"),
        Binding("1", "by('sub-roles')", "Sub-roles", show=False),
        Binding("2", "by('duties')", "Duties", show=False),
        Binding("3", "by('needs')", "Needs", show=False),
    ]

    def __init__(self, paths: list[str], what: str) -> None:
        super().__init__()
        self.paths = paths
        self.what = what
        self.by: By = "sub-roles"
        self.roles: list[Role] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Matrix"), id="title", classes="bar")
        yield Tabs(*(Tab(view, id=view) for view in VIEWS), id="views")
        yield ReportView(id="matrix")
        yield Footer(show_command_palette=False)

    def refresh_report(self, keep: bool = False) -> None:
        self.set_title(self._title("working…"))
        self._matrix(self.view.text_width, self.by, keep)

    def _title(self, note: str) -> Text:
        title = Text("Matrix  ", style="bold", end="")
        title.append(f"by {self.by} · {self.what}")
        title.append(f"  {note}", style="dim")
        return title

    @work(thread=True, exclusive=True, group="matrix")
    def _matrix(self, width: int, by: By, keep: bool) -> None:
        from roledeck import matrix
        from roledeck.reporters.matrix_rich import matrix_rich

        if self.roles is None:
            self.roles = self._roles()
        built = matrix.build(self.roles, by, self.app.catalog.vocabulary)
        rendered = matrix_rich(built, color=self.app.color, width=width)
        self.app.call_from_thread(self._show, by, rendered, keep, width)

    def _roles(self) -> list[Role]:
        """The roles, by id: read one by one when few, else from the whole catalog."""
        roles: list[Role] = []
        if len(self.paths) <= 50:
            for path in self.paths:
                try:
                    roles.append(self.app.load_role(path))
                except RoleError:
                    continue
        else:
            wanted = set(self.paths)
            roles = [r for r in self.app.all_roles() if r.source in wanted]
        return sorted(roles, key=lambda r: r.id)

    def _show(self, by: By, rendered: str, keep: bool, width: int) -> None:
        if by != self.by:
            return
        count = len(self.roles or [])
        self.set_title(self._title(f"{count:,} role{'s' if count != 1 else ''}"))
        self.view.show(report_text(rendered, color=self.app.color), keep_position=keep, width=width)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        chosen = event.tab.id
        if chosen in VIEWS and chosen != self.by:
            self.by = chosen
            self.refresh_report()

    def action_view(self, step: int) -> None:
        self.action_by(VIEWS[(VIEWS.index(self.by) + step) % len(VIEWS)])

    def action_by(self, by: str) -> None:
        self.query_one(Tabs).active = by


def keymap_table() -> Table:
    """The key map as a rich table (`keys.KEYMAP`)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for title, keys in KEYMAP:
        table.add_row(Text(title, style="bold underline"), Text(""))
        for key, what in keys:
            table.add_row(Text(key), Text(what))
        table.add_row(Text(""), Text(""))
    return table


class HelpScreen(ModalScreen[None]):
    """`?`: every key, over the screen it was asked from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("roles browse: keys", style="bold"), markup=False)
            yield Static(keymap_table(), markup=False)
            yield Static(
                Text(
                    visible(
                        "Esc, ? or q closes this help. The mouse works too: click a row, "
                        "a column title to sort, a tab; the wheel scrolls."
                    )
                ),
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, step: int) -> None:
        help_view = self.query_one("#help", VerticalScroll)
        help_view.scroll_relative(y=step, animate=False)
