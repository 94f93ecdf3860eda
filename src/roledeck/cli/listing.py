"""`roles list`: every role of the catalog, one row each."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from roledeck.cli.common import (
    ConfigPath,
    RolesDir,
    emit,
    open_catalog,
    terminal_width,
    use_color,
    warn,
)
from roledeck.textsafe import visible


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    ids = "ids"


def _fitted() -> bool:
    """Whether the table is fitted to a width: on a terminal, colour forced, or `COLUMNS` set.

    Otherwise the table goes to a pipe or a file, where a role wrapped over several lines
    would break `grep` and `sort`: each role is one line, however long.
    """
    return use_color() or sys.stdout.isatty() or bool(os.environ.get("COLUMNS", "").strip())


def command(
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Only roles with this tag (repeat for any of several)."),
    ] = None,
    format: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="table (for people), json, or ids (one per line)."),
    ] = ListFormat.table,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="On a terminal, print the whole table instead of paging it through "
            "$ROLES_PAGER, $PAGER or less -FRX.",
        ),
    ] = False,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """List the roles: id, name, tags, how many needs and duties, which sub-roles.

    On a terminal the table fits its width (long ids and names cut with "…"; json and ids
    have them whole) and is paged when taller than the terminal; piped or redirected, each
    role is one line (set COLUMNS to fit it to a width instead). Files that cannot be read
    are reported on stderr (path:line: message) and make the exit code 2; the readable roles
    are still listed.
    """
    from roledeck.cli.pager import write_paged
    from roledeck.errors import RoleError
    from roledeck.reporters.role_table import plain_table, table_lines, to_json
    from roledeck.summary import RoleSummary

    _, catalog = open_catalog(roles_dir, config)
    wanted = {t.lower() for t in tag or []}
    rows: list[RoleSummary] = []
    errors: list[RoleError] = []
    for item in catalog.summaries():  # parsed in worker processes: only summaries come back
        if isinstance(item, RoleError):
            errors.append(item)
        elif not wanted or wanted & {t.lower() for t in item.tags}:
            rows.append(item)
    rows.sort(key=lambda row: row.id)
    if format is ListFormat.json:
        emit(to_json(rows))
    elif format is ListFormat.ids:
        emit("\n".join(visible(row.id, keep_newlines=False) for row in rows))
    elif _fitted():
        kinds = list(catalog.vocabulary.sub_roles)
        lines = table_lines(rows, color=use_color(), width=terminal_width(), kinds=kinds)
        write_paged(lines, allowed=not no_pager)  # broken files are reported after it
    else:
        emit(plain_table(rows, kinds=list(catalog.vocabulary.sub_roles)))
    for error in errors:
        warn(visible(error.located(), keep_newlines=False))
    if errors:
        raise typer.Exit(2)
