"""`roles changes [REV | REV..REV]`: what changed in the catalog between two revisions."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from roledeck.cli.common import (
    ConfigPath,
    OutputPath,
    RolesDir,
    open_catalog,
    terminal_width,
    use_color,
    warn,
    write_output,
)
from roledeck.fsio import output_is_stdout
from roledeck.textsafe import visible

if TYPE_CHECKING:
    from roledeck.changes import Changes


class ChangesFormat(StrEnum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"


def command(
    revisions: Annotated[
        str | None,
        typer.Argument(
            metavar="[REV | REV..REV | REV...REV]",
            help="REV: the catalog at REV against the work tree (default HEAD). A..B: at A "
            "against at B. A...B: from where B branched off A to B, as a pull request shows it.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        ChangesFormat,
        typer.Option(
            "--format",
            "-f",
            help="rich (a terminal view; no colour when piped), text (plain), markdown (one "
            "pull-request comment) or json (docs/changes-json.md).",
        ),
    ] = ChangesFormat.rich,
    stat: Annotated[
        bool, typer.Option("--stat", help="Only the overview: one line per role, no diffs.")
    ] = False,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when a role differs, 0 when none does."),
    ] = False,
    literal: Annotated[
        bool,
        typer.Option("--literal", help="Compare texts as written (see roles diff --literal)."),
    ] = False,
    output: OutputPath = None,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """Say which roles a change added, removed, renamed or changed, and how.

    Both sides are read from git's objects (the work tree is untouched), each with the
    configuration and vocabulary it had. Roles are paired by id, then by file, then by git's
    rename detection, then by name; each pair is compared as roles diff compares two roles.
    Unchanged roles are only counted. A file that cannot be read is reported on stderr and
    makes the exit code 2; the other roles are still compared.

    Examples: roles changes main; roles changes main...HEAD --format markdown
    """
    from roledeck.changes import catalog_changes
    from roledeck.gitcatalog import Workspace

    settings, catalog = open_catalog(roles_dir, config)
    changes = catalog_changes(Workspace(catalog, settings, config), revisions, literal=literal)
    to_file = output is not None and not output_is_stdout(output)
    write_output(output, [_report(changes, format, stat=stat, literal=literal, to_file=to_file)])
    for problem in changes.problems:
        warn(visible(problem.error.located(), keep_newlines=False))
    if changes.problems:
        raise typer.Exit(2)
    if exit_code and changes.differs:
        raise typer.Exit(1)


def _report(
    changes: Changes, format: ChangesFormat, *, stat: bool, literal: bool, to_file: bool
) -> str:
    if format is ChangesFormat.json:
        from roledeck.reporters.changes_json import changes_json

        return changes_json(changes, stat=stat, literal=literal)
    if format is ChangesFormat.markdown:
        from roledeck.reporters import changes_markdown

        return changes_markdown.report(changes, stat=stat)
    from roledeck.reporters import changes_text

    if format is ChangesFormat.text:
        return changes_text.plain(changes, stat=stat)
    color = use_color() and not to_file
    return changes_text.rich(changes, color=color, width=terminal_width(), stat=stat)
