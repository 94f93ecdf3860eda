"""The schema's own serializations: JSON and YAML (a YAML role file)."""

from __future__ import annotations

from typing import Any

import yaml

from roledeck.model import Role
from roledeck.textsafe import escape_controls, has_controls, safe_json


class _Dumper(yaml.SafeDumper):
    """Double-quotes any string holding a control character, so it can be escaped.

    PyYAML escapes C0 controls itself, but with `allow_unicode` it writes bidi controls raw,
    in any scalar style; a double-quoted scalar is the one place a `\\uXXXX` escape means the
    character, so those strings are forced into it and `escape_controls` does the rest.
    """


class _CDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The same with libyaml's emitter, which writes the same text fifty times faster."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = '"' if has_controls(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)
_CDumper.add_representer(str, _represent_str)


def role_data(role: Role) -> dict[str, Any]:
    """The role as a YAML role file holds it: content only, defaults left out.

    Source lines and the path are left out (they describe a file, not the role); every
    omitted value is the schema's default, so loading the file gives the same content.
    """
    rest = role.model_dump(
        mode="json", exclude={"id", "name", "frontmatter", "source"}, exclude_defaults=True
    )
    data: dict[str, Any] = {"id": role.id, "name": role.name}
    if "article" in rest:
        data["article"] = rest.pop("article")
    # the frontmatter keeps every key the source had, a `key: null` too (a default elsewhere)
    frontmatter = role.frontmatter.model_dump(mode="json")
    if frontmatter:
        data["frontmatter"] = frontmatter
    return _without_lines({**data, **rest})  # type: ignore[no-any-return]


def _without_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k != "line"}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value


def role_json(role: Role) -> str:
    return safe_json(role.model_dump(mode="json"))


def to_yaml(data: Any) -> str:
    """Block-style YAML, keys in schema order, non-printable characters escaped by PyYAML."""
    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100}
    try:
        text = yaml.dump(data, Dumper=_CDumper, **options)
    except UnicodeEncodeError:  # a lone surrogate (from a file name that is not UTF-8)
        text = yaml.dump(data, Dumper=_Dumper, **options)
    return escape_controls(text)


def role_yaml(role: Role) -> str:
    return to_yaml(role_data(role))
