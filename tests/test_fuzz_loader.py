"""Property tests of the loader on random bytes and on mutated valid files.

Whatever the bytes, loading a role file either gives a role or raises `RoleError` (nothing
else), and a role that loads renders in every output format without an exception or a raw
control character. Each example is bounded in time by hypothesis's deadline: a generous one,
there to catch a hang or a quadratic blow-up, not to measure speed (`make hostile-check` and
`make fuzz` do the rest).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roledeck.errors import RoleError
from roledeck.parse import Document, parse_markdown, parse_yaml_role
from roledeck.render import render_markdown
from roledeck.reporters.role_table import table_view, to_json
from roledeck.reporters.role_view import rich_view, text_view
from roledeck.reporters.serial import role_json, role_yaml
from roledeck.source import decode
from roledeck.summary import summary
from roledeck.textsafe import visible

from .helpers import ENGINEER, SPECIALIST
from .hostile_corpus import raw_controls

RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")
FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SEEDS = [ENGINEER.read_bytes(), SPECIALIST.read_bytes()]
TOKENS = [
    b"---\n",
    b"+++\n",
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b"[",
    b"]",
    b"{",
    b"}",
    b": ",
    b"- ",
    b"  ",
    b"!!python/object:os.system ",
    b"!!binary ",
    b"!!int ",
    b"2024-13-01",
    b"# ",
    b"## ",
    b"### ",
    b"**",
    b"`",
    b"<!--",
    b"-->",
    b"{/*",
    b"*/}",
    b"```\n",
    b"<span>",
    b"\x1b[31m",
    b"\x1b]8;;x\x07",
    b"\xc2\x9b",
    b"\xe2\x80\xae",
    b"[bold]",
    b"[/]",
    b"title: ",
    b"tags: ",
    b"id: ",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real profile with a few bytes replaced, deleted, duplicated or inserted."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif action == "replace":
            data[at : at + 1] = draw(st.binary(min_size=1, max_size=1))
        else:
            size = draw(st.integers(1, 400))
            data[at:at] = data[at : at + size] * draw(st.integers(2, 30))
    return bytes(data)


def _load(data: bytes, suffix: str) -> Document:
    """What `load_document` does after reading the bytes."""
    source = decode(Path(f"fuzz{suffix}"), data)
    if suffix == ".yaml":
        return parse_yaml_role(source)
    return parse_markdown(source)


def _check(data: bytes, suffix: str = ".md") -> None:
    try:
        document = _load(data, suffix)
    except RoleError as exc:
        assert exc.message and "\n" not in exc.message
        assert exc.line is None or exc.line >= 1
        return
    role = document.role
    rows = [summary(role)]
    coloured = rich_view(role, color=True)
    assert raw_controls(RICH_SGR.sub("", coloured)) == []  # only rich's own styles
    outputs = [
        rich_view(role, color=False),
        text_view(role),
        role_json(role),
        role_yaml(role),
        visible(render_markdown(role)),  # as `show --format markdown` prints it
        table_view(rows, color=False),
        to_json(rows),
    ]
    for output in outputs:
        assert raw_controls(output) == []


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    _check(data)


@FUZZ
@given(mutated())
def test_mutated_profiles(data: bytes) -> None:
    _check(data)


@FUZZ
@given(st.binary(max_size=2048) | mutated())
def test_random_yaml_role_files(data: bytes) -> None:
    _check(data, ".yaml")


@FUZZ
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=5).map(str.encode), max_size=60))
def test_token_soup(tokens: list[bytes]) -> None:
    _check(b"".join(tokens))
