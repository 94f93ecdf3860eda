"""Round trips on generated roles: Markdown and YAML give back the model they were made from."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from roledeck.fmt import format_text
from roledeck.model import Role, content_of
from roledeck.parse import parse_text
from roledeck.render import render_markdown
from roledeck.reporters.serial import role_yaml

from .strategies import roles

SETTINGS = settings(
    max_examples=int(os.environ.get("ROLES_HYPOTHESIS_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _path(role: Role, suffix: str) -> str:
    return f"{role.id}{suffix}"


@SETTINGS
@given(roles())
def test_model_to_markdown_to_model_is_the_identity(role: Role) -> None:
    text = render_markdown(role)
    again = parse_text(text, _path(role, ".md")).role
    assert content_of(again) == content_of(role), text


@SETTINGS
@given(roles())
def test_model_to_yaml_to_model_is_the_identity(role: Role) -> None:
    text = role_yaml(role)
    again = parse_text(text, _path(role, ".yaml")).role
    assert content_of(again) == content_of(role), text


@SETTINGS
@given(roles())
def test_rendered_markdown_is_already_formatted(role: Role) -> None:
    text = render_markdown(role)
    result = format_text(text, _path(role, ".md"))
    assert result.lost == []
    assert not result.changed, text
