"""`roles browse [ROLES_DIR]`: the catalog in an interactive terminal UI.

Textual is imported here, inside the command, and nowhere else the CLI loads: `roles show`,
`roles list` and `--version` do not pay for it.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from roledeck.cli.common import SETTINGS, Color, ConfigPath, RolesDir, open_catalog
from roledeck.errors import RoleError


class Theme(StrEnum):
    auto = "auto"
    dark = "dark"
    light = "light"
    terminal_dark = "terminal-dark"
    terminal_light = "terminal-light"


def on_a_terminal() -> bool:
    """Whether keys come from, and the screen goes to, a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def command(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="ROLES_DIR",
            help="Catalog folder (the same as --roles-dir).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    theme: Annotated[
        Theme,
        typer.Option(
            "--theme",
            help="auto (the terminal's own colours; light when COLORFGBG says the background "
            "is), dark, light, terminal-dark, terminal-light.",
        ),
    ] = Theme.auto,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """Browse the catalog: filter, open, diff, matrix and lint roles in one screen.

    Keys: / filter, Enter open, space mark, d diff, m matrix, e edit, ? help, q quit.
    Needs a terminal; NO_COLOR (or --color never) turns colours off.
    """
    if folder is not None and roles_dir is not None and folder != roles_dir:
        raise RoleError("give the catalog folder once: ROLES_DIR or --roles-dir")
    settings, catalog = open_catalog(folder or roles_dir, config)
    if not on_a_terminal():
        raise RoleError(
            "browse needs a terminal (stdin and stdout); for scripts use roles list or roles show"
        )

    # Textual goes monochrome when NO_COLOR is set at all; roles, as no-color.org says, when it
    # is set and not empty. This process ends with the app, so the environment is ours to fix.
    if SETTINGS.color is Color.never:
        os.environ["NO_COLOR"] = "1"
    elif os.environ.get("NO_COLOR") == "":
        del os.environ["NO_COLOR"]

    from roledeck.tui.app import BrowseApp

    app = BrowseApp(catalog, settings, theme=theme.value)
    app.run()
    if app.crash is not None:
        raise app.crash  # the root command turns it into "internal error", exit 3
