"""The root `roles` command: global options, the error contract, and the list of commands.

Exit codes, for every command: 0 success, 1 findings or differences, 2 bad usage or unreadable
input, 3 internal error (a bug: the message says how to report it; `--debug` shows the
traceback).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup

from roledeck import __version__
from roledeck.cli.common import SETTINGS, Color, warn
from roledeck.errors import RoleError
from roledeck.textsafe import clip, visible

ISSUES_URL = "https://github.com/roledeck/roledeck/issues"
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class Entry(NamedTuple):
    """A command as `roles --help` lists it, before its module is imported."""

    module: str
    summary: str
    """The first paragraph of the command's docstring (what --help shows of it)."""


COMMANDS: dict[str, Entry] = {
    "show": Entry("show", "Show one role: summary, needs, duties, sub-roles and notes."),
    "list": Entry(
        "listing", "List the roles: id, name, tags, how many needs and duties, which sub-roles."
    ),
    "diff": Entry(
        "diff", "Compare two roles: name, frontmatter, summary, needs, duties, sub-roles, notes."
    ),
    "changes": Entry(
        "changes", "Say which roles a change added, removed, renamed or changed, and how."
    ),
    "matrix": Entry(
        "matrix", "The catalog as a matrix: roles × sub-roles (default), duties or needs."
    ),
    "lint": Entry(
        "lint",
        "Lint role profiles: frontmatter, structure, consistency, content and the catalog.",
    ),
    "rules": Entry(
        "rules",
        "List every lint rule (code, severity, summary), or show one rule's documentation.",
    ),
    "vocabulary": Entry(
        "vocabulary",
        "Print the heading vocabulary in force (built-in or configured) and where it came from.",
    ),
    "fmt": Entry(
        "fmt",
        "Format role files: a blank line around headings, '-' bullets for needs and duties, "
        "one blank line between blocks, LF line endings, a final newline; frontmatter kept as "
        "written.",
    ),
    "new": Entry(
        "new",
        "Create a role profile with the conventional headings and TODO notes saying what to "
        "write; it passes `roles lint` (the notes are warnings). Never overwrites a file.",
    ),
    "export": Entry("export", "Export every role of the catalog."),
    "schema": Entry("schema", "Print a JSON Schema (draft 2020-12) for editors and validators."),
    "browse": Entry(
        "browse", "Browse the catalog: filter, open, diff, matrix and lint roles in one screen."
    ),
}
"""Every command, in the order `--help` lists them, and the module `roledeck.cli.<module>`
whose `command` it runs. Only the command being run is imported (and typer builds only its
options): the rest cost nothing. `tests/test_app_commands.py` checks that this table is what
the modules say."""


def load_command(name: str) -> Any:
    """The click command of `roles NAME` (typer's vendored click has no public type), built
    from its module, imported now."""
    entry = COMMANDS[name]
    module = importlib.import_module(f"roledeck.cli.{entry.module}")
    info = typer.models.CommandInfo(
        name=name, callback=module.command, context_settings=getattr(module, "CONTEXT", None)
    )
    return typer.main.get_command_from_info(
        info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=None
    )


class LazyCommands(MutableMapping[str, Any]):
    """The group's commands, each built from its module when first asked for."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = load_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(1 for name in self._built if name not in COMMANDS)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built


class RolesGroup(TyperGroup):
    """Turns every error into the exit-code contract, whichever command raised it; loads a
    command only when it is run (or completed), and lists them all from `COMMANDS`."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        lazy = LazyCommands()
        for name, command in self.commands.items():
            lazy[name] = command
        self.commands = lazy

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(self.commands)

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        """The list of commands from `COMMANDS`, as click writes it from the commands."""
        if not COMMANDS:
            return
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, TyperCommand(name=name, help=entry.summary).get_short_help_str(limit))
            for name, entry in COMMANDS.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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


def run() -> None:
    """Run the app as the `roles` program."""
    app(prog_name="roles")
