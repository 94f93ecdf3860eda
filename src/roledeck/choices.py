"""Choices that command-line options offer, kept apart from the code that acts on them.

The CLI needs these enums when it starts (to declare its options); the modules that implement
them (export, schema) are imported only by the command that runs.
"""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    json = "json"
    yaml = "yaml"
    markdown = "markdown"
    jsonld = "jsonld"

    @property
    def extension(self) -> str:
        return "md" if self is ExportFormat.markdown else self.value


class SchemaPart(StrEnum):
    role = "role"
    frontmatter = "frontmatter"
    config = "config"
