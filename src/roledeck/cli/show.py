"""`roles show NAME`: one role, on a terminal or in a machine format."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from roledeck.cli.common import (
    ConfigPath,
    RoleName,
    RolesDir,
    emit,
    open_catalog,
    terminal_width,
    use_color,
)


class ShowFormat(StrEnum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    yaml = "yaml"


def command(
    name: RoleName,
    format: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            help="rich (a terminal view; no colour when piped), text (plain), markdown "
            "(Docusaurus Markdown), json or yaml (the schema's own serialization: a YAML "
            "role file).",
        ),
    ] = ShowFormat.rich,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """Show one role: summary, needs, duties, sub-roles and notes.

    Example: roles show devops-specialist
    """
    settings, catalog = open_catalog(roles_dir, config)
    role = catalog.resolve(name)
    if format is ShowFormat.rich:
        from roledeck.reporters.role_view import rich_view

        emit(rich_view(role, color=use_color(), width=terminal_width()))
    elif format is ShowFormat.text:
        from roledeck.reporters.role_text import text_view

        emit(text_view(role))
    elif format is ShowFormat.markdown:
        from roledeck.render import render_markdown
        from roledeck.textsafe import visible

        # Markdown has no escape for control characters: for a terminal they are made
        # visible (`fmt`, which writes files, keeps them as they are).
        emit(visible(render_markdown(role, vocabulary=settings.vocab)))
    elif format is ShowFormat.json:
        from roledeck.reporters.serial import role_json

        emit(role_json(role))
    else:
        from roledeck.reporters.serial import role_yaml

        emit(role_yaml(role))
