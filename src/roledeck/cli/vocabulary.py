"""`roles vocabulary`: the heading vocabulary in force, and where it came from."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from roledeck.cli.common import ConfigPath, emit, terminal_width, use_color


class VocabularyFormat(StrEnum):
    text = "text"
    json = "json"
    toml = "toml"


def command(
    format: Annotated[
        VocabularyFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json, or toml (a [tool.roles.vocabulary] table to paste and edit).",
        ),
    ] = VocabularyFormat.text,
    config: ConfigPath = None,
) -> None:
    """Print the heading vocabulary in force (built-in or configured) and where it came from.

    Patterns use {article} and {name}; the first pattern of each list is the one 'roles fmt'
    and 'roles new' write.
    """
    from pathlib import Path

    from roledeck.config import load_config
    from roledeck.reporters import vocabulary_view

    settings = load_config(Path(config) if config else None)
    configured = settings.source is not None and settings.vocabulary != type(settings.vocabulary)()
    origin = f"{settings.source} [vocabulary]" if configured else "built-in"
    emit(
        vocabulary_view.report(
            format.value, settings.vocab, origin, color=use_color(), width=terminal_width()
        )
    )
