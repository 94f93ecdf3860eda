"""JSON Schemas of what people write by hand: YAML role files, frontmatter, configuration.

They come from the pydantic models, so they cannot drift from what the loader accepts. Every
property carries a title and a description, which editors show as hover help and completion.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from roledeck.config import Config
from roledeck.model import Frontmatter, Role

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class SchemaPart(StrEnum):
    role = "role"
    frontmatter = "frontmatter"
    config = "config"


_TITLES = {
    SchemaPart.role: "roledeck YAML role file",
    SchemaPart.frontmatter: "roledeck role frontmatter (Docusaurus)",
    SchemaPart.config: "roledeck configuration ([tool.roles] or roles.toml)",
}


def json_schema(part: SchemaPart = SchemaPart.role) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of hand-written input."""
    if part is SchemaPart.role:
        schema = Role.model_json_schema()
        # a YAML role file may leave its id to the file name, and never names its own path
        schema["required"] = [key for key in schema.get("required", []) if key != "id"]
        schema["properties"].pop("source", None)
    elif part is SchemaPart.frontmatter:
        schema = Frontmatter.model_json_schema()
    else:
        schema = Config.model_json_schema(by_alias=True)
        schema["properties"].pop("source", None)  # set by the loader, not a key to write
    _add_titles(schema)
    return {"$schema": DIALECT, **schema, "title": _TITLES[part]}


def _add_titles(node: Any) -> None:
    """Give each property a title; pydantic leaves it off properties that are `$ref`s."""
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            if isinstance(value, dict) and "title" not in value:
                value["title"] = key.replace("_", " ").replace("-", " ").title()
        for value in node.values():
            _add_titles(value)
    elif isinstance(node, list):
        for value in node:
            _add_titles(value)
