"""The first screen: every role of the catalog, filtered as you type, sorted, marked.

The rows come from `Catalog.iter_summaries()` in a worker thread (which parses in worker
processes on a large catalog), in batches, so the first rows are on screen while the rest
are still being read; a role is parsed in full only when it is opened.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from roledeck.browsing import (
    SORT_KEYS,
    Entry,
    SortKey,
    entry_of,
    filter_order,
    kind_phrases,
    sort_order,
)
from roledeck.errors import RoleError
from roledeck.model import Role
from roledeck.reporters.role_table import short_labels
from roledeck.summary import RoleSummary, summary
from roledeck.textsafe import visible
from roledeck.tui.role_list import RoleList

if TYPE_CHECKING:
    from roledeck.tui.app import BrowseApp, Reading

BATCH_SECONDS = 0.2
"""How soon the first rows read are handed to the list while a catalog loads; each later
batch waits half as long again (up to a second): every batch re-sorts the whole list on the
UI thread, which competes with the thread that receives the rows."""

PLACEHOLDER = "/ filter: words, tag:x, has:security, no:coach, -word, is:broken"


class FilterInput(Input):
    """The filter: up and down still move the list's cursor while typing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "list(1)", "Down", show=False),
        Binding("up", "list(-1)", "Up", show=False),
    ]

    def action_list(self, step: int) -> None:
        self.screen.query_one(RoleList).action_cursor(step)


class MainScreen(Screen[None]):
    """The list of roles."""

    app: BrowseApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter"),
        Binding("space", "mark", "Mark"),
        Binding("d", "diff", "Diff"),
        Binding("m", "matrix", "Matrix"),
        Binding("s", "sort", "Sort"),
        Binding("S", "reverse", "Reverse", show=False),
        Binding("e", "edit", "Edit"),
        Binding("r", "reload", "Reload", show=False),
        Binding("escape", "clear", "Clear filter", show=False),
    ]

    DEFAULT_CSS = """
    MainScreen FilterInput { height: 1; border: none; padding: 0 1; }
    MainScreen RoleList { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.order: list[int] = []
        self.reading = False
        self.filtered_by = ""
        self._reading: Reading | None = None
        """The filter the list shows the result of (a test or a benchmark waits for it)."""

    def compose(self) -> ComposeResult:
        kinds = list(self.app.catalog.vocabulary.sub_roles)
        labels = {k: visible(v, keep_newlines=False) for k, v in short_labels(kinds).items()}
        yield Static(self._title(), id="title", classes="bar", markup=False)
        yield FilterInput(placeholder=PLACEHOLDER, id="filter", compact=True)
        yield RoleList(kinds, labels, id="roles")
        yield Static("", id="status", classes="bar", markup=False)
        yield Footer(show_command_palette=False)

    def _title(self) -> Text:
        catalog = self.app.catalog
        text = Text("roles browse  ", style="bold", end="")
        text.append(visible(str(catalog.root), keep_newlines=False))
        text.append(f"  ({catalog.origin})", style="dim")
        return text

    @property
    def role_list(self) -> RoleList:
        return self.query_one(RoleList)

    def on_mount(self) -> None:
        self.role_list.focus()
        self.load()

    # -- loading -----------------------------------------------------------------------------

    def load(self) -> None:
        self.entries = []
        self.order = []
        self.reading = True
        self.role_list.show([], [])
        self._status()
        self._read_catalog()

    @work(thread=True, exclusive=True, group="load")
    def _read_catalog(self) -> None:
        worker = get_current_worker()
        phrases = kind_phrases(self.app.catalog.vocabulary)
        batch: list[Entry] = []
        sent = time.monotonic()
        wait = BATCH_SECONDS
        self._reading = reading = self.app.read_catalog()
        for item in reading:
            if worker.is_cancelled:
                reading.stop.set()
                return
            batch.append(entry_of(item, phrases))
            if time.monotonic() - sent >= wait:
                self.app.call_from_thread(self._add, batch, False)
                batch, sent, wait = [], time.monotonic(), min(wait * 1.5, 1.0)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._add, batch, True)

    def on_unmount(self) -> None:
        if self._reading is not None:
            self._reading.stop.set()  # the app is closing: stop parsing

    def _add(self, batch: list[Entry], done: bool) -> None:
        self.entries.extend(batch)
        self.reading = not done
        self._resort()

    def refresh_entry(self, path: str, role: Role | RoleError) -> None:
        """A file changed: its row again, from the role just parsed (or its error)."""
        item: RoleSummary | RoleError = role if isinstance(role, RoleError) else summary(role)
        new = entry_of(item, kind_phrases(self.app.catalog.vocabulary))
        for index, old in enumerate(self.entries):
            if old.path == path:
                self.entries[index] = new
                break
        else:
            self.entries.append(new)
        self._resort()

    # -- filter, order, marks ----------------------------------------------------------------

    def _resort(self) -> None:
        rows = self.role_list
        self.order = sort_order(self.entries, rows.sort_key, reverse=rows.reverse)
        self._refilter()

    def _refilter(self) -> None:
        text = self.query_one(FilterInput).value
        self.role_list.show(self.entries, filter_order(self.entries, self.order, text))
        self.filtered_by = text
        self._status()

    def _status(self) -> None:
        rows = self.role_list
        total = sum(1 for e in self.entries if not e.broken)
        broken = len(self.entries) - total
        shown = sum(1 for i in rows.shown if not self.entries[i].broken)
        parts = [f"{shown:,} of {total:,} roles" if shown != total else f"{total:,} roles"]
        if broken:
            parts.append(f"{broken:,} unreadable")
        if rows.marked:
            parts.append(f"{len(rows.marked)} marked")
        arrow = "▼" if rows.reverse else "▲"
        parts.append(f"sort: {rows.sort_key} {arrow}")
        if self.reading:
            parts.append("reading files…")
        self.query_one("#status", Static).update(Text(" · ".join(parts), end=""))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.role_list.focus()

    def on_role_list_header_clicked(self, event: RoleList.HeaderClicked) -> None:
        rows = self.role_list
        rows.reverse = not rows.reverse if rows.sort_key == event.key else False
        rows.sort_key = event.key
        self._resort()

    def on_role_list_selected(self, event: RoleList.Selected) -> None:
        from roledeck.tui.role_screen import RoleScreen

        self.app.push_screen(RoleScreen(event.entry.path))

    def action_filter(self) -> None:
        self.query_one(FilterInput).focus()

    def action_clear(self) -> None:
        field = self.query_one(FilterInput)
        if field.value:
            field.value = ""
        self.role_list.focus()

    def action_sort(self) -> None:
        rows = self.role_list
        keys: tuple[SortKey, ...] = SORT_KEYS
        rows.sort_key = keys[(keys.index(rows.sort_key) + 1) % len(keys)]
        rows.reverse = False
        self._resort()

    def action_reverse(self) -> None:
        self.role_list.reverse = not self.role_list.reverse
        self._resort()

    def action_mark(self) -> None:
        self.role_list.toggle_mark()
        self._status()

    def action_reload(self) -> None:
        self.app.forget_roles()
        self.load()

    def action_edit(self) -> None:
        entry = self.role_list.current
        if entry is None or not entry.path:
            return
        line = entry.error.line if entry.error is not None else None
        if self.app.edit(entry.path, line):
            self.reread(entry.path)

    @work(thread=True, group="reread")
    def reread(self, path: str) -> None:
        try:
            role: Role | RoleError = self.app.load_role(path)
        except RoleError as exc:
            role = exc
        self.app.call_from_thread(self.refresh_entry, path, role)

    def action_diff(self) -> None:
        from roledeck.tui.screens import DiffScreen

        pair = self.diff_pair()
        if pair is None:
            self.notify(
                "Mark a role with space, move to another one, then press d.",
                title="Diff",
                severity="warning",
                markup=False,
            )
            return
        self.app.push_screen(DiffScreen(*pair))

    def diff_pair(self, current: str | None = None) -> tuple[str, str] | None:
        """The two files to compare: the first two marked, or the marked one and `current`
        (the row under the cursor unless given)."""
        marked = self.role_list.marked
        if current is None:
            entry = self.role_list.current
            current = entry.path if entry is not None else None
        if len(marked) >= 2:
            return marked[0], marked[1]
        if len(marked) == 1 and current and current != marked[0]:
            return marked[0], current
        return None

    def action_matrix(self) -> None:
        from roledeck.tui.screens import MatrixScreen

        marked = self.role_list.marked
        if len(marked) >= 2:
            paths, what = list(marked), f"{len(marked)} marked roles"
        else:
            listed = (self.entries[i] for i in self.role_list.shown)
            paths = [e.path for e in listed if e.path and not e.broken]
            what = "the listed roles"
        if not paths:
            self.notify("No role to put in a matrix.", severity="warning", markup=False)
            return
        self.app.push_screen(MatrixScreen(paths, what))
