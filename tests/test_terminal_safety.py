"""Text from a role file never drives the terminal and is never read as rich markup.

A role whose every field (path, id, title, tags, headings, items, duties, sub-roles, extra
sections, notes) holds escape sequences, C0/C1 controls, bidi overrides and rich markup goes
through every output format of `show` and `list`, with and without colour.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from roledeck.reporters.serial import to_yaml
from roledeck.textsafe import escape_controls, safe_json, visible

from .helpers import run_roles
from .hostile_corpus import raw_controls

MARKUP = "[bold]b[/bold] [link=file:///etc/passwd]x[/link] [/]"
CONTROLS = (
    "\x1b[31mred\x1b[0m \x1b]8;;file:///etc/passwd\x07link\x1b]8;;\x07 \x1b]0;title\x07"
    "\x07bell\x08\x08bs \x9b31m \x85 \u202egnp.exe\u202c \u2066iso\u2069 \u200eLRM"
    " line\u2028sep para\u2029sep"
)
TEXT = f"{MARKUP} {CONTROLS}"
"""Markup first: the list table clips long names, and the markup must survive clipping."""
PAYLOADS = [
    "\x1b[31m",
    "\x1b]8;;",
    "\x1b]0;",
    "\x07",
    "\x08",
    "\x9b",
    "\x85",
    "\u202e",
    "\u2066",
    "\u200e",
    "\u2028",
    "\u2029",
]
"""What must never reach the terminal raw, whatever else the output holds."""
RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _yaml_quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


TITLE = TEXT + "\rcr"


def _nasty_role(folder: Path) -> Path:
    body = f"""---
title: {_yaml_quoted(TITLE)}
tags: [{_yaml_quoted(TEXT)}, plain]
---
# The Role of a {TEXT}

{TEXT}

## Why a {TEXT} is Needed

- {TEXT}

## What a {TEXT} Does

- **{TEXT}**: {TEXT}

## How a {TEXT} Works

{TEXT}

### The {TEXT}

{TEXT}

## {TEXT} extra

{TEXT}

<!-- {TEXT} -->
"""
    path = folder / "ro\x1b[31mle\x07.md"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def nasty(tmp_path: Path) -> Path:
    return _nasty_role(tmp_path)


def _assert_safe(output: str, *, colour: bool) -> None:
    for payload in PAYLOADS:
        assert payload not in output, repr(payload)
    assert raw_controls(RICH_SGR.sub("", output) if colour else output) == []
    if not colour:
        assert "\x1b" not in output


SHOW_FORMATS = ["rich", "text", "json", "yaml", "markdown"]
COLOURS = ["never", "always"]


@pytest.mark.parametrize("colour", COLOURS)
@pytest.mark.parametrize("fmt", SHOW_FORMATS)
def test_show_never_passes_controls_or_markup(nasty: Path, fmt: str, colour: str) -> None:
    result = run_roles(
        "--color", colour, "show", str(nasty), "--format", fmt, env={"COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    _assert_safe(result.stdout, colour=colour == "always" and fmt == "rich")
    if fmt in ("json", "yaml"):
        data = json.loads(result.stdout) if fmt == "json" else yaml.safe_load(result.stdout)
        # escaped, not lost: the values round-trip exactly (the name has its spaces, NEL
        # included, collapsed, as every heading does)
        assert data["name"] == re.sub(r"\s+", " ", TEXT)
        assert data["frontmatter"]["title"] == TITLE
        assert data["needs"][0]["text"] == TEXT
        return
    plain = RICH_SGR.sub("", result.stdout)
    assert MARKUP in plain  # printed literally: not bold, not a hyperlink, no MarkupError
    assert "\\x1b[31mred\\x1b[0m" in plain  # made visible, not silently dropped
    assert "\\u202egnp.exe" in plain


@pytest.mark.parametrize(
    ("colour", "columns"),
    [("never", "400"), ("always", "400"), ("never", None)],
    ids=["never", "always", "piped"],  # piped: the plain table, no COLUMNS asked for
)
@pytest.mark.parametrize("fmt", ["table", "json", "ids"])
def test_list_never_passes_controls_or_markup(
    nasty: Path, fmt: str, colour: str, columns: str | None
) -> None:
    result = run_roles(
        "--color",
        colour,
        "list",
        "--roles-dir",
        str(nasty.parent),
        "--format",
        fmt,
        env={"COLUMNS": columns},
    )
    assert result.exit_code == 0, result.stderr
    _assert_safe(result.stdout, colour=colour == "always" and fmt == "table")
    if fmt == "json":
        (row,) = json.loads(result.stdout)
        assert row["id"] == "ro\x1b[31mle\x07"
        assert (row["name"], row["tags"]) == (re.sub(r"\s+", " ", TEXT), [TEXT, "plain"])
    elif fmt == "ids":
        assert result.stdout == "ro\\x1b[31mle\\x07\n"
    else:
        assert "[bold]b[/bold] [link=file:///etc/passwd]x[/link]" in RICH_SGR.sub("", result.stdout)


def test_errors_name_the_file_safely(tmp_path: Path) -> None:
    broken = tmp_path / "bad\x1b]8;;http:x\x07name\n.md"
    broken.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    for args in (["show", str(broken)], ["list", "--roles-dir", str(tmp_path)]):
        result = run_roles(*args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1  # one line, even with a newline in the path
        assert "bad\\x1b]8;;http:x\\x07name\\n.md:3: invalid YAML" in result.stderr
        _assert_safe(result.stdout + result.stderr, colour=False)


def test_a_nasty_name_argument_is_shown_safely() -> None:
    result = run_roles("show", f"x{CONTROLS}")
    assert result.exit_code == 2
    assert result.stderr.startswith("roles: no such role: 'x\\x1b[31mred")
    _assert_safe(result.stderr, colour=False)


# -- the escaping functions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31m", "\\x1b[31m"),
        ("bell\x07", "bell\\x07"),
        ("\x9b", "\\x9b"),
        ("\u202e\u2066\u200e\u061c", "\\u202e\\u2066\\u200e\\u061c"),
        ("one\u2028two\u2029three", "one\\u2028two\\u2029three"),
        ("bad\udcff", "bad\\udcff"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("[bold]x[/]", "[bold]x[/]"),
        ("café ✓", "café ✓"),
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_visible_on_one_line() -> None:
    assert visible("a\nb", keep_newlines=False) == "a\\nb"


@given(st.text())
def test_json_and_yaml_escape_everything_and_round_trip(text: str) -> None:
    data = {text: [text, {"k": text}]}
    dumped = safe_json(data)
    assert json.loads(dumped) == data
    assert raw_controls(dumped) == []
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):  # YAML cannot hold surrogates
        as_yaml = to_yaml(data)
        assert yaml.safe_load(as_yaml) == data
        assert raw_controls(as_yaml) == []


def test_escape_controls_leaves_ordinary_text() -> None:
    assert escape_controls("plain ✓ text") == "plain ✓ text"
