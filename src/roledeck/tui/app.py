"""`roles browse`: the Textual application and the services its screens share.

The app holds the catalog and what is expensive to get again (the roles parsed so far), and
runs the editor. The screens are presentation: what they compute comes from the core
(`browsing`, `diff`, `matrix`, the lint engine) and what they show from the reporters.
"""

from __future__ import annotations

import os
import queue
import subprocess
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import ClassVar

from textual.app import App, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import WorkerFailed

from roledeck.browsing import EditorCall, editor_command
from roledeck.catalog import Catalog
from roledeck.config import Config
from roledeck.errors import RoleError
from roledeck.lint.engine import LintSettings, Target, lint_file
from roledeck.lint.findings import FileReport
from roledeck.lint.selection import Selection
from roledeck.model import Role
from roledeck.summary import RoleSummary
from roledeck.textsafe import visible

EditorRunner = Callable[[list[str]], str | None]
"""Runs an editor command line; returns an error message, or None when it ran."""

THEMES = {
    "auto": "",
    "dark": "textual-dark",
    "light": "textual-light",
    "terminal-dark": "ansi-dark",
    "terminal-light": "ansi-light",
}
"""`--theme` choices -> Textual theme names ("auto": the terminal's own colours)."""


def auto_theme(environ: Mapping[str, str]) -> str:
    """The terminal's own colours (ANSI themes: legible on any background), light when the
    terminal says its background is light (`COLORFGBG`, set by rxvt, Konsole and others)."""
    background = environ.get("COLORFGBG", "").rsplit(";", 1)[-1].strip()
    light = background in {"7", "15"} or (background.isdigit() and 9 <= int(background) <= 15)
    return "ansi-light" if light else "ansi-dark"


class Reading:
    """The catalog's summaries, read in a thread of their own from the moment it is made.

    The app makes one before Textual starts, so the files are parsed (in worker processes)
    while Textual imports its widgets and draws the first screen, instead of after.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.items: queue.SimpleQueue[RoleSummary | RoleError | None] = queue.SimpleQueue()
        self.stop = threading.Event()
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._read, name="roles-browse-read", daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            for item in self.catalog.iter_summaries():
                if self.stop.is_set():
                    return  # closing the generator shuts its worker processes down
                self.items.put(item)
        except RoleError as exc:  # the catalog folder itself went away
            self.items.put(exc)
        except BaseException as exc:  # a bug: raised again where the rows are taken
            self.failure = exc
        finally:
            self.items.put(None)

    def __iter__(self) -> Iterator[RoleSummary | RoleError]:
        while (item := self.items.get()) is not None:
            yield item
        if self.failure is not None:
            raise self.failure


class BrowseApp(App[None]):
    """The catalog browser."""

    TITLE = "roles browse"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    CSS = """
    Screen { layers: base; }
    .bar { height: 1; width: 1fr; background: $panel; color: $foreground; padding: 0 1; }
    .note { color: $text-muted; height: auto; padding: 0 1; }
    """

    def __init__(
        self,
        catalog: Catalog,
        config: Config,
        *,
        theme: str = "auto",
        color: bool = True,
        editor: EditorRunner | None = None,
        watch_interval: float = 1.0,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.config = config
        self.environ = dict(os.environ if environ is None else environ)
        self.color = color and not self.no_color
        self.watch_interval = watch_interval
        self._theme_name = THEMES.get(theme) or auto_theme(self.environ)
        self._editor = editor or self._run_editor
        self._roles: dict[str, Role] | None = None
        self._roles_lock = threading.Lock()
        self._settings: LintSettings | None = None
        self.crash: BaseException | None = None
        """The exception that ended the app, if a bug did."""
        self._reading: Reading | None = Reading(catalog)

    def read_catalog(self) -> Reading:
        """The summaries being read: the ones started with the app, then a new reading."""
        reading, self._reading = self._reading, None
        return reading or Reading(self.catalog)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an unhandled exception (a bug, in a handler or a worker): the
        app ends, and `roles browse` reports it as every command does (exit 3; the traceback
        only with --debug), instead of Textual's traceback with every frame's locals."""
        if self.crash is None:
            self.crash = error.error if isinstance(error, WorkerFailed) else error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        self._close_messages_no_wait()  # what Textual's own handler does, less the traceback

    def get_default_screen(self) -> Screen[None]:
        from roledeck.tui.main_screen import MainScreen

        return MainScreen()

    def on_mount(self) -> None:
        self.theme = self._theme_name

    def action_help(self) -> None:
        from roledeck.tui.screens import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- what the screens share (these run in worker threads) ------------------------------------

    def load_role(self, path: str) -> Role:
        """One role, parsed afresh (a `RoleError` if the file cannot be read)."""
        role = self.catalog.load(Path(path)).role
        with self._roles_lock:
            if self._roles is not None:
                self._roles[path] = role
        return role

    def all_roles(self) -> list[Role]:
        """Every readable role of the catalog (for the matrix and similar roles), parsed once
        and kept; a file that changes is parsed again by `load_role`."""
        with self._roles_lock:
            if self._roles is None:
                roles: dict[str, Role] = {}
                for item in self.catalog.each():
                    if isinstance(item, Role):
                        roles[item.source or item.id] = item
                self._roles = roles
            return list(self._roles.values())

    def forget_roles(self) -> None:
        with self._roles_lock:
            self._roles = None

    def lint(self, path: str) -> FileReport:
        """The lint engine's report of one file (its own rules, not the catalog-wide ones)."""
        if self._settings is None:
            self._settings = LintSettings(self.config, Selection.resolve(self.config))
        root = self.catalog.root
        return lint_file(Target(path, root, base=root), self._settings)  # as `roles lint` does

    # -- the editor --------------------------------------------------------------------------

    def edit(self, path: str, line: int | None) -> bool:
        """Open `path` at `line` in the user's editor, the app suspended meanwhile."""
        call: EditorCall = editor_command(path, line, self.environ)
        problem = self._editor(call.argv)
        if problem:
            self.notify(visible(problem), title="Editor", severity="error", markup=False)
            return False
        return True

    def _run_editor(self, argv: list[str]) -> str | None:
        try:
            with self.suspend():
                subprocess.run(argv, check=False)
        except SuspendNotSupported:
            return "this terminal cannot be handed to an editor"
        except FileNotFoundError:
            return f"editor not found: {argv[0]} (set $VISUAL or $EDITOR)"
        except OSError as exc:
            return f"could not start {argv[0]}: {exc.strerror or exc}"
        return None


def error_line(error: RoleError) -> str:
    """An unreadable file as one line: `path:line: message`, control characters visible."""
    return visible(error.located(), keep_newlines=False)
