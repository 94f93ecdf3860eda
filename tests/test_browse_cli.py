"""`roles browse` through the CLI: its help, its refusals, and that no other command imports
Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from roledeck.cli import browse
from roledeck.cli.common import SETTINGS, Color

from .helpers import REPO, run_roles


def test_help_says_what_it_is_and_lists_the_keys() -> None:
    result = run_roles("browse", "--help")
    assert result.exit_code == 0
    assert "Browse the catalog" in result.stdout
    assert "/ filter" in result.stdout and "? help" in result.stdout
    assert "--theme" in result.stdout and "ROLES_DIR" in result.stdout


def test_root_help_lists_browse() -> None:
    assert "browse" in run_roles("--help").stdout


def test_without_a_terminal_it_is_one_line_and_exit_2() -> None:
    result = run_roles("browse", "roles")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "roles: browse needs a terminal (stdin and stdout); "
        "for scripts use roles list or roles show\n"
    )


def test_a_missing_folder_is_exit_2(tmp_path: Path) -> None:
    result = run_roles("browse", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "nope" in result.stderr


def test_the_folder_is_given_once(tmp_path: Path) -> None:
    result = run_roles("browse", "roles", "--roles-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "give the catalog folder once" in result.stderr


@pytest.mark.parametrize(
    ("no_color", "color", "seen"),
    [
        (None, Color.auto, None),
        ("", Color.auto, None),
        ("1", Color.auto, "1"),
        (None, Color.never, "1"),
    ],
)
def test_on_a_terminal_it_runs_the_app_on_the_catalog(
    monkeypatch: pytest.MonkeyPatch, no_color: str | None, color: Color, seen: str | None
) -> None:
    """The command hands the catalog and the theme to the app; NO_COLOR counts when it is not
    empty (as for every command), and --color never sets it."""
    ran: list[tuple[str, str, str | None]] = []
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color is not None:
        environ["NO_COLOR"] = no_color
    monkeypatch.setattr(os, "environ", environ)
    monkeypatch.setattr(SETTINGS, "color", color)

    import roledeck.tui.app as tui_app

    def run(self: tui_app.BrowseApp) -> None:
        ran.append((str(self.catalog.root), self._theme_name, self.environ.get("NO_COLOR")))

    monkeypatch.setattr(tui_app.BrowseApp, "run", run)
    monkeypatch.setattr(browse, "on_a_terminal", lambda: True)
    browse.command(Path("roles"), browse.Theme.light, None, None)
    assert ran == [("roles", "textual-light", seen)]


def test_no_other_command_imports_textual() -> None:
    """`roles --version`, `show`, `list`… never pay for Textual: only `browse` imports it."""
    code = (
        "import sys, roledeck.cli.app\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(roledeck.cli.app.app, ['show', 'devops-specialist'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(roledeck.cli.app.app, ['list'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in sys.modules if m.startswith(('textual', 'roledeck.tui'))))\n"
        "import roledeck.tui.app\n"  # and the check sees it when it does happen
        "print('textual' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[:2] == ["[]", "True"]


def test_the_readme_key_map_is_the_apps() -> None:
    from roledeck.tui.keys import keymap_markdown

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- browse-keys:start -->\n") + len("<!-- browse-keys:start -->\n")
    end = readme.index("\n<!-- browse-keys:end -->")
    assert readme[start:end] == keymap_markdown()


def test_a_bug_in_the_app_is_an_internal_error_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from roledeck.cli.common import open_catalog
    from roledeck.tui.app import BrowseApp
    from roledeck.tui.main_screen import MainScreen

    def broken(self: MainScreen) -> None:
        raise ZeroDivisionError("secret local text")

    monkeypatch.setattr(MainScreen, "action_sort", broken)
    config, catalog = open_catalog("roles", None)
    app = BrowseApp(catalog, config)

    async def press(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause(0.5)  # mounted, the list focused
        await pilot.press("s")
        await pilot.pause(0.2)
        pilot.app.exit()  # not reached when the key ended the app

    app.run(headless=True, size=(80, 24), auto_pilot=press)
    assert isinstance(app.crash, ZeroDivisionError)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "secret local text" not in err

    # the command re-raises it, and the root command reports it as for every command
    import roledeck.tui.app as tui_app

    def run(self: tui_app.BrowseApp) -> None:
        self.crash = ZeroDivisionError("boom")

    monkeypatch.setattr(tui_app.BrowseApp, "run", run)
    monkeypatch.setattr(browse, "on_a_terminal", lambda: True)
    result = run_roles("browse", "roles")
    assert result.exit_code == 3
    assert result.stderr.startswith("roles: internal error: ZeroDivisionError: boom\n")
    assert "Traceback" not in result.stderr


def test_a_bug_in_a_worker_ends_the_app_the_same_way(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    import roledeck.reporters.role_view as role_view
    from roledeck.cli.common import open_catalog
    from roledeck.tui.app import BrowseApp

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("worker bug")

    monkeypatch.setattr(role_view, "rich_view", broken)
    config, catalog = open_catalog("roles", None)
    app = BrowseApp(catalog, config)

    async def open_role(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause(0.5)
        await pilot.press("enter")  # the role is laid out in a worker thread: it raises
        for _ in range(400):
            if app.crash is not None:
                return
            await asyncio.sleep(0.05)
        pilot.app.exit()  # not reached: the bug ended the app

    app.run(headless=True, size=(80, 24), auto_pilot=open_role)
    assert isinstance(app.crash, RuntimeError) and str(app.crash) == "worker bug"
    assert "Traceback" not in capfd.readouterr().err
