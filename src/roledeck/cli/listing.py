"""`roles list`: every role of the catalog, one row each."""

from __future__ import annotations

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


def command(
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Only roles with this tag (repeat for any of several)."),
    ] = None,
    format: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="table (for people), json, or ids (one per line)."),
    ] = ListFormat.table,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """List the roles: id, name, tags, how many needs and duties, which sub-roles.

    Files that cannot be read are reported on stderr (path:line: message) and make the
    exit code 2; the readable roles are still listed.
    """
    from roledeck.errors import RoleError
    from roledeck.reporters.role_table import summary, table_view, to_json

    _, catalog = open_catalog(roles_dir, config)
    wanted = {t.lower() for t in tag or []}
    rows = []
    errors: list[RoleError] = []
    for item in catalog.each():  # one role at a time: only its summary is kept
        if isinstance(item, RoleError):
            errors.append(item)
        elif not wanted or wanted & {t.lower() for t in item.frontmatter.tags or []}:
            rows.append(summary(item))
    rows.sort(key=lambda row: row.id)
    if format is ListFormat.json:
        emit(to_json(rows))
    elif format is ListFormat.ids:
        emit("\n".join(visible(row.id, keep_newlines=False) for row in rows))
    else:
        kinds = list(catalog.vocabulary.sub_roles)
        emit(table_view(rows, color=use_color(), width=terminal_width(), kinds=kinds))
    for error in errors:
        warn(visible(error.located(), keep_newlines=False))
    if errors:
        raise typer.Exit(2)
