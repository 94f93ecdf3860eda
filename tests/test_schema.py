"""`roles schema`: JSON Schemas editors and validators can use, valid and fully documented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from roledeck.parse import load_document, load_role
from roledeck.schema import SchemaPart, json_schema

from .helpers import ENGINEER, SPECIALIST, run_roles, write

SEEDS = [ENGINEER, SPECIALIST]


def _validator(part: SchemaPart) -> jsonschema.protocols.Validator:
    schema = json_schema(part)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("part", list(SchemaPart))
def test_each_schema_is_valid_and_printed_by_the_cli(part: SchemaPart) -> None:
    schema = json_schema(part)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"].startswith("roledeck ")
    jsonschema.Draft202012Validator.check_schema(schema)
    result = run_roles("schema", "--part", part.value)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema


def _properties(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            found.append((f"{where}.{key}", value))
        for key, value in node.items():
            if key != "properties":
                found += _properties(value, f"{where}/{key}")
            else:
                for name, prop in value.items():
                    found += _properties(prop, f"{where}.{name}")
    return found


@pytest.mark.parametrize("part", list(SchemaPart))
def test_every_field_has_a_title_and_a_description(part: SchemaPart) -> None:
    schema = json_schema(part)
    properties = _properties(schema)
    assert len(properties) >= 5
    missing = [
        where for where, prop in properties if not prop.get("title") or not prop.get("description")
    ]
    assert missing == []
    for name, definition in schema.get("$defs", {}).items():
        assert definition.get("title") and definition.get("description"), name


def test_config_keys_are_kebab_case() -> None:
    keys = set(json_schema(SchemaPart.config)["properties"])
    assert {"roles-dir", "per-file-ignores", "max-file-size", "docusaurus"} <= keys
    assert "source" not in keys


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_frontmatter_and_yaml_export_validate(seed: Path) -> None:
    doc = load_document(seed)
    _validator(SchemaPart.frontmatter).validate(doc.meta)
    exported = yaml.safe_load(run_roles("show", str(seed), "-f", "yaml").stdout)
    _validator(SchemaPart.role).validate(exported)


def test_the_schemas_reject_what_the_loader_rejects(tmp_path: Path) -> None:
    role = _validator(SchemaPart.role)
    assert not role.is_valid({"name": "X", "needs": "not a list"})
    assert not role.is_valid({"name": "X", "colour": "extra keys are refused"})
    assert not role.is_valid({"id": "x"})  # a name is required
    assert role.is_valid({"name": "X"})  # the id defaults to the file name
    assert load_role(write(tmp_path / "x.yaml", "name: X\n")).id == "x"
    assert not _validator(SchemaPart.frontmatter).is_valid({"tags": "DevOps"})
    assert not _validator(SchemaPart.config).is_valid({"max-file-size": "big"})
