"""`roles schema`: the JSON Schema of YAML role files, of the frontmatter, or of the config."""

from __future__ import annotations

from typing import Annotated

import typer

from roledeck.cli.common import emit
from roledeck.schema import SchemaPart


def command(
    part: Annotated[
        SchemaPart,
        typer.Option(
            "--part",
            help="role (a YAML role file), frontmatter (of a Markdown profile), or config "
            "([tool.roles] / roles.toml).",
        ),
    ] = SchemaPart.role,
) -> None:
    """Print a JSON Schema (draft 2020-12) for editors and validators.

    Example: roles schema > role.schema.json, then start a YAML role file with
    '# yaml-language-server: $schema=./role.schema.json'.
    """
    from roledeck.schema import json_schema
    from roledeck.textsafe import safe_json

    emit(safe_json(json_schema(part)))
