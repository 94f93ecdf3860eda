"""One role: as `roles show` renders it, with a table of contents; its lint findings; the
roles most like it. The file is watched: when it changes on disk, everything is read again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from roledeck.browsing import Section, locate_sections, table_of_contents
from roledeck.errors import RoleError
from roledeck.lint.cache import stamp
from roledeck.lint.findings import Finding
from roledeck.model import Role
from roledeck.textsafe import visible
from roledeck.tui.report_view import ReportView, message_text, report_text
from roledeck.tui.role_list import cell

if TYPE_CHECKING:
    from roledeck.tui.app import BrowseApp
    from roledeck.tui.main_screen import MainScreen

TABS = ("role", "lint", "similar")
LINT_NOTE = "Enter or e: edit at the line. Catalog-wide rules (CA…) need `roles lint`."


def main_screen(app: BrowseApp) -> MainScreen:
    from roledeck.tui.main_screen import MainScreen

    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


class RoleScreen(Screen[None]):
    """A role, its findings and its closest roles, in three tabs."""

    app: BrowseApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("left_square_bracket", "tab(-1)", "Tab", show=False),
        Binding("right_square_bracket", "tab(1)", "Next tab"),
        Binding("1", "open_tab('role')", "Role", show=False),
        Binding("2", "open_tab('lint')", "Lint", show=False),
        Binding("3", "open_tab('similar')", "Similar", show=False),
        Binding("t", "toc", "Contents"),
        Binding("e", "edit", "Edit"),
        Binding("d", "diff", "Diff"),
    ]

    DEFAULT_CSS = """
    RoleScreen TabbedContent { height: 1fr; }
    RoleScreen ContentSwitcher { height: 1fr; }
    RoleScreen TabPane { padding: 0; height: 1fr; }
    RoleScreen #toc {
        width: 24; height: 1fr; border: none; border-right: solid $secondary;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    RoleScreen #toc.hidden { display: none; }
    RoleScreen #view { width: 1fr; height: 1fr; }
    RoleScreen #findings { height: 1fr; }
    """

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.role: Role | None = None
        self.error: RoleError | None = None
        self.sections: list[Section] = []
        self.section_lines: list[int | None] = []
        self.findings: list[Finding] = []
        self._stamp = stamp(path)
        self._similar_asked = False

    def compose(self) -> ComposeResult:
        yield Static(Text(visible(self.path, keep_newlines=False)), id="title", classes="bar")
        with TabbedContent(initial="role"):
            with TabPane("Role", id="role"), Horizontal():
                yield OptionList(id="toc", markup=False)
                yield ReportView(id="view")
            with TabPane("Lint", id="lint"):
                yield DataTable(id="findings", cursor_type="row")
                yield Static(Text(LINT_NOTE), classes="note")
            with TabPane("Similar", id="similar"):
                yield ReportView(id="similar-view")
        yield Footer(show_command_palette=False)

    @property
    def view(self) -> ReportView:
        return self.query_one("#view", ReportView)

    def on_mount(self) -> None:
        self.view.show(Text("Reading the file…", style="dim"))
        self.set_interval(self.app.watch_interval, self._check_file)
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self.view.focus()
        self._load(self.view.text_width, keep=False)

    # -- reading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="role")
    def _load(self, width: int, keep: bool) -> None:
        from roledeck.reporters.role_view import rich_view

        role: Role | None = None
        error: RoleError | None = None
        rendered = ""
        try:
            role = self.app.load_role(self.path)
            rendered = rich_view(role, color=self.app.color, width=width)
        except RoleError as exc:
            error = exc
        try:
            findings = self.app.lint(self.path).findings
        except RoleError as exc:  # the lint configuration itself is wrong
            findings = [Finding(self.path, exc.line or 1, 1, exc.code, exc.message)]
        self.app.call_from_thread(self._loaded, role, error, rendered, findings, keep, width)

    def _loaded(
        self,
        role: Role | None,
        error: RoleError | None,
        rendered: str,
        findings: list[Finding],
        keep: bool,
        width: int,
    ) -> None:
        self.role, self.error = role, error
        title = self.query_one("#title", Static)
        where = visible(self.path, keep_newlines=False)
        if role is not None:
            text = Text(cell(role.name), style="bold", end="")
            text.append(f"  {where}", style="dim")
            shown = report_text(rendered, color=self.app.color)
            self.view.show(shown, keep_position=keep, width=width)
            self.sections = table_of_contents(role)
            self.section_lines = locate_sections(self.view.plain_lines, self.sections)
        else:
            text = Text(where, end="")
            message = error.located() if error is not None else "the file could not be read"
            self.view.show(message_text(f"✗ {message}", "bold red"))
            self.sections, self.section_lines = [], []
        title.update(text)
        self._fill_toc()
        self._fill_findings(findings)
        if self._similar_asked and role is not None:  # a new version of the file
            self._similar_asked = False
            if self.query_one(TabbedContent).active == "similar":
                self.call_after_refresh(self._start_similar)

    def _fill_toc(self) -> None:
        toc = self.query_one("#toc", OptionList)
        highlighted = toc.highlighted
        toc.clear_options()
        toc.add_options(
            [
                Option(Text("  " * s.depth + cell(s.title, 80), no_wrap=True, overflow="ellipsis"))
                for s in self.sections
            ]
        )
        if self.sections:
            toc.highlighted = min(highlighted or 0, len(self.sections) - 1)

    def _fill_findings(self, findings: list[Finding]) -> None:
        self.findings = sorted(findings, key=lambda f: (f.line, f.column, f.code))
        table = self.query_one("#findings", DataTable)
        table.clear(columns=True)
        # line, level and code columns, two cells of padding per column, the scrollbar
        width = max(self.size.width - 18 - 8 - 2, 20)
        table.add_column(Text("line"), width=5)
        table.add_column(Text("level"), width=7)
        table.add_column(Text("code"), width=6)
        table.add_column(Text("message"), width=width)
        for finding in self.findings:
            style = "red" if finding.severity == "error" else "yellow"
            table.add_row(
                Text(str(finding.line), justify="right"),
                Text(finding.severity, style=style),
                Text(finding.code, style="bold"),
                Text(visible(finding.message, keep_newlines=False)),
                height=None,
            )
        tab = self.query_one(TabbedContent).get_tab("lint")
        tab.label = Text(f"Lint ({len(self.findings)})")

    # -- the table of contents ---------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._jump(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._jump(event.option_index)
        self.view.focus()

    def _jump(self, index: int) -> None:
        if 0 <= index < len(self.section_lines):
            line = self.section_lines[index]
            if line is not None:
                self.view.scroll_to_line(line)

    def action_toc(self) -> None:
        toc = self.query_one("#toc", OptionList)
        toc.toggle_class("hidden")
        if toc.has_class("hidden"):
            self.view.focus()
        else:
            toc.focus()

    # -- the Similar tab ---------------------------------------------------------------------

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # focus goes into the pane shown: a widget focused in a hidden pane would take
        # TabbedContent back to that pane
        active = event.tabbed_content.active
        if active == "similar":
            self.query_one("#similar-view", ReportView).focus()
            if not self._similar_asked:
                self.call_after_refresh(self._start_similar)
        elif active == "lint":
            self.query_one("#findings", DataTable).focus()
        elif active == "role":
            self.view.focus()

    def _start_similar(self) -> None:
        view = self.query_one("#similar-view", ReportView)
        if self.role is None:
            view.show_message("The role could not be read: nothing to compare.")
            return
        view.show(Text("Reading the catalog to compare…", style="dim"))
        self._similar_asked = True
        self._similar(self.role, view.text_width)

    @work(thread=True, exclusive=True, group="similar")
    def _similar(self, role: Role, width: int) -> None:
        from roledeck.matrix import rank_similar
        from roledeck.reporters.matrix_rich import ranking_rich

        ranking = rank_similar(role, self.app.all_roles())
        rendered = ranking_rich(ranking, color=self.app.color, width=width)
        self.app.call_from_thread(self._show_similar, rendered, width)

    def _show_similar(self, rendered: str, width: int) -> None:
        view = self.query_one("#similar-view", ReportView)
        view.show(report_text(rendered, color=self.app.color), width=width)

    # -- keys --------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = TABS[(TABS.index(tabs.active) + step) % len(TABS)]

    def action_open_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name

    def action_edit(self) -> None:
        line: int | None = None
        if self.query_one(TabbedContent).active == "lint":
            row = self.query_one("#findings", DataTable).cursor_row
            if 0 <= row < len(self.findings):
                line = self.findings[row].line
        elif self.error is not None:
            line = self.error.line
        else:
            toc = self.query_one("#toc", OptionList)
            if toc.highlighted is not None and toc.highlighted < len(self.sections):
                line = self.sections[toc.highlighted].line
        if self.app.edit(self.path, line):
            self._check_file()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_diff(self) -> None:
        from roledeck.tui.screens import DiffScreen

        pair = main_screen(self.app).diff_pair(current=self.path)
        if pair is None:
            self.notify(
                "Mark a role with space in the list first.", severity="warning", markup=False
            )
            return
        self.app.push_screen(DiffScreen(*pair))

    # -- changes -----------------------------------------------------------------------------

    def _check_file(self) -> None:
        current = stamp(self.path)
        if current == self._stamp:
            return
        self._stamp = current
        self._load(self.view.text_width, keep=True)
        main_screen(self.app).reread(self.path)

    def on_report_view_resized(self, event: ReportView.Resized) -> None:
        """Lay the pane out again at its new width (the terminal, or the contents column)."""
        if event.view is self.view:
            self._load(self.view.text_width, keep=True)
        elif self.role is not None:
            self._similar(self.role, event.view.text_width)
