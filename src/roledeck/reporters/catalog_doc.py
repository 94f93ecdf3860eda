"""The whole catalog as one document (JSON, YAML or Markdown), or as one text per role.

JSON and YAML hold `{"schema_version": 1, "roles": [...]}`; each role is what its YAML role
file holds (`serial.role_data`, valid against `roles schema`), so a consumer can split the
document into role files. Markdown separates roles with a `<!-- roles export: ID -->` line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from roledeck.choices import ExportFormat
from roledeck.export import NoteSyntax, with_note_syntax
from roledeck.model import Role
from roledeck.render import render_markdown
from roledeck.reporters.serial import role_data, to_yaml
from roledeck.textsafe import safe_json
from roledeck.vocabulary import DEFAULT_VOCABULARY, Vocabulary

SCHEMA_VERSION = 1
"""Bumped when the shape of an exported role changes incompatibly."""


def catalog_data(roles: Sequence[Role]) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "roles": [role_data(role) for role in roles]}


def separator(role: Role, syntax: NoteSyntax | None = None) -> str:
    """The line before each role: a comment in the syntax the site builds."""
    if syntax == "mdx":
        return f"{{/* roles export: {role.id} */}}"
    return f"<!-- roles export: {role.id} -->"


def document(
    roles: Sequence[Role],
    form: ExportFormat,
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    notes: NoteSyntax | None = None,
) -> str:
    """Every role in one document; Markdown notes in the syntax `notes` ('html', 'mdx', or
    None for as written)."""
    if form is ExportFormat.json:
        return safe_json(catalog_data(roles))
    if form is ExportFormat.yaml:
        return to_yaml(catalog_data(roles))
    return "\n".join(
        f"{separator(role, notes)}\n{role_text(role, form, vocabulary=vocabulary, notes=notes)}"
        for role in roles
    )


def role_text(
    role: Role,
    form: ExportFormat,
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    notes: NoteSyntax | None = None,
) -> str:
    """One role as a file of its own: a JSON role, a YAML role file, or a Docusaurus doc
    (notes as for `document`)."""
    if form is ExportFormat.json:
        return safe_json(role_data(role)) + "\n"
    if form is ExportFormat.yaml:
        return to_yaml(role_data(role))
    return render_markdown(with_note_syntax(role, notes), vocabulary=vocabulary)
