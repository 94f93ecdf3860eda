"""`roles rules [CODE]`: the lint rules, and each one's documentation."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from roledeck.cli.common import emit, terminal_width, use_color


class RulesFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def command(
    code: Annotated[
        str | None,
        typer.Argument(
            help="A rule code (e.g. ST002) or name (missing-section).", show_default=False
        ),
    ] = None,
    format: Annotated[
        RulesFormat,
        typer.Option(
            "--format", "-f", help="text, markdown (docs/rules.md is this output) or json."
        ),
    ] = RulesFormat.text,
) -> None:
    """List every lint rule (code, severity, summary), or show one rule's documentation."""
    from roledeck.errors import RoleError
    from roledeck.reporters import rules_doc

    if code is None:
        emit(rules_doc.listing(format.value, color=use_color(), width=terminal_width()))
        return
    rule = rules_doc.find(code)
    if rule is None:
        raise RoleError(f"no such rule: '{code}'{rules_doc.suggest(code)}; see 'roles rules'")
    emit(rules_doc.one(rule, format.value, color=use_color(), width=terminal_width()))
