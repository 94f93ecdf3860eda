"""The root `roles` command: global options, the error contract, and the list of commands.

Exit codes, for every command: 0 success, 1 findings or differences, 2 bad usage or unreadable
input, 3 internal error (a bug: the message says how to report it; `--debug` shows the
traceback).
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from roledeck import __version__
from roledeck.cli import (
    browse,
    changes,
    diff,
    export,
    fmt,
    lint,
    listing,
    matrix,
    new,
    rules,
    schema,
    show,
    vocabulary,
)
from roledeck.cli.common import SETTINGS, Color, warn
from roledeck.errors import RoleError
from roledeck.textsafe import clip, visible

ISSUES_URL = "https://github.com/roledeck/roledeck/issues"
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class RolesGroup(TyperGroup):
    """Turns every error into the exit-code contract, whichever command raised it."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except RoleError as exc:
            located = exc.located()
            warn(visible(located if exc.path else f"roles: {located}", keep_newlines=False))
            raise typer.Exit(EXIT_USAGE) from None
        except BrokenPipeError:
            # the reader went away (`roles list | head`): not an error worth a message
            sys.stderr.close()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            warn("roles: interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:
            if SETTINGS.debug:
                import traceback

                traceback.print_exc()
            detail = visible(clip(str(exc), 300), keep_newlines=False)
            warn(f"roles: internal error: {type(exc).__name__}: {detail}")
            warn(
                f"This is a bug in roles {__version__}. Please report it at {ISSUES_URL} "
                "with the command you ran"
                + ("" if SETTINGS.debug else " and its --debug output")
                + "."
            )
            raise typer.Exit(EXIT_INTERNAL) from None


app = typer.Typer(
    name="roles",
    cls=RolesGroup,
    help="Show, compare, lint and format job-role profiles kept as Docusaurus Markdown.",
    epilog="Exit codes: 0 success, 1 findings or differences, 2 bad usage or unreadable "
    "input, 3 internal error.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"roles {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    color: Annotated[
        Color,
        typer.Option(
            help="Colour output: auto (only on a terminal, off with NO_COLOR), always, never."
        ),
    ] = Color.auto,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
) -> None:
    """Show, compare, lint and format job-role profiles kept as Docusaurus Markdown."""
    SETTINGS.color = color
    SETTINGS.debug = debug


app.command("show")(show.command)
app.command("list")(listing.command)
app.command("diff", context_settings=diff.CONTEXT)(diff.command)
app.command("changes")(changes.command)
app.command("matrix")(matrix.command)
app.command("lint")(lint.command)
app.command("rules")(rules.command)
app.command("vocabulary")(vocabulary.command)
app.command("fmt")(fmt.command)
app.command("new")(new.command)
app.command("export")(export.command)
app.command("schema")(schema.command)
app.command("browse")(browse.command)


def run() -> None:
    """Run the app as the `roles` program."""
    app(prog_name="roles")
