"""The error contract: a result, or one line and exit 2; a bug is exit 3, never a traceback.

Also the reading hazards that need the OS or a library to misbehave on cue (a file that grows
while it is read, a configuration that nests too deeply), which the corpus cannot build.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from roledeck import source
from roledeck.catalog import Catalog
from roledeck.errors import RoleError
from roledeck.markdown import MAX_BLOCKS, TooManyBlocks, parse_body
from roledeck.source import decode, load_yaml, read_bytes

from .helpers import run_roles, write


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom \x1b[31m" + "x" * 5000)


def test_an_unexpected_exception_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Catalog, "resolve", _explode)
    result = run_roles("show", "devops-engineer")
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0].startswith("roles: internal error: RuntimeError: boom \\x1b[31mxxx")
    assert len(lines[0]) < 400  # the exception's text is clipped
    assert lines[1].startswith("This is a bug in roles ")
    assert lines[1].endswith("with the command you ran and its --debug output.")
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr
    assert result.stdout == ""


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Catalog, "files", _explode)
    result = run_roles("--debug", "list")
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: boom" in result.stderr
    assert "roles: internal error: RuntimeError" in result.stderr


def test_a_file_that_grows_while_read_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "grows.md", "x" * 200)
    real_fstat = os.fstat

    class Small:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode = info.st_mode
            self.st_size = 10  # what fstat said before the file grew

    monkeypatch.setattr(source.os, "fstat", lambda fd: Small(real_fstat(fd)))
    with pytest.raises(RoleError) as caught:
        read_bytes(path, max_bytes=100)
    assert caught.value.message == (
        "file grew while being read, over the 100-byte limit "
        "(raise max-file-size in the config to read it)"
    )


def test_reading_never_reads_more_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "ok.md", "# The Role of a Tester\n")
    assert read_bytes(path, max_bytes=1000) == path.read_bytes()
    with pytest.raises(RoleError, match="over the 5-byte limit"):
        read_bytes(path, max_bytes=5)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("a = " + "[" * 5000, ": invalid TOML: nested too deeply"),
        (b'a = "\xff"', ":1: invalid TOML: not UTF-8 text"),
        (b'a = 1\nb = "\xff"', ":2: invalid TOML: not UTF-8 text"),
        ("a = [", ":1: invalid TOML: Invalid value (at the end)"),
    ],
)
def test_a_hostile_config_is_a_usage_error(tmp_path: Path, toml: str | bytes, message: str) -> None:
    config = tmp_path / "roles.toml"
    config.write_bytes(toml if isinstance(toml, bytes) else toml.encode())
    result = run_roles("list", "--config", str(config))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{config}{message}")
    assert result.stderr.count("\n") == 1


# -- the loader's limits, below the CLI -----------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("a: &a [1]\nb: &a [2]\n", "invalid YAML: found duplicate anchor"),
        ("a: &a {x: 1}\nb: {<<: *a, y: 2}\n", None),  # merge keys work
        ("a: &a {b: *a}\n", "recursive YAML alias"),
        ("x: !!int 12a\n", "invalid YAML: invalid int value"),
        ("x: !!int\n", "invalid YAML: invalid int value"),  # found by the fuzz test
        ("x: !!bool maybe\n", "invalid YAML: invalid bool value"),
        ("x: !!float abc\n", "invalid YAML: invalid float value"),
        ("x: 1" + ":30" * 2000 + "\n", "invalid YAML: number longer than 64 digits"),
        ("x: [" + "[" * 63 + "]" * 63 + "]\n", "YAML nested deeper than 64 levels"),
        ("x: " + "[" * 63 + "]" * 63 + "\n", None),  # 64 levels: the limit itself is fine
    ],
)
def test_yaml_limits(yaml_text: str, message: str | None) -> None:
    if message is None:
        assert isinstance(load_yaml(yaml_text, path=Path("f.md")), dict)
        return
    with pytest.raises(RoleError) as caught:
        load_yaml(yaml_text, path=Path("f.md"))
    assert caught.value.message.startswith(message)
    assert "\n" not in caught.value.message


def test_yaml_error_messages_are_short_whatever_the_input() -> None:
    with pytest.raises(RoleError) as caught:
        load_yaml("x: !!int " + "9" * 50 + "z" * 100_000 + "\n", path=Path("f.md"))
    assert len(caught.value.message) < 300


def test_block_limit() -> None:
    lines = ["- item"] * (MAX_BLOCKS + 1)
    with pytest.raises(TooManyBlocks) as caught:
        parse_body("\n".join(lines), 1)
    assert caught.value.line == MAX_BLOCKS + 1
    body = parse_body("\n".join(lines[:MAX_BLOCKS]), 1)
    items = body.items(body.blocks[0])
    assert len(items) == MAX_BLOCKS


def _heading(line: str) -> tuple[int, str] | None:
    blocks = parse_body(line, 1).blocks
    if len(blocks) == 1 and blocks[0].kind == "heading":
        return blocks[0].level, blocks[0].text
    return None


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("# Title", (1, "Title")),
        ("###### Six", (6, "Six")),
        ("####### Seven", None),
        ("#NoSpace", None),
        ("#", (1, "")),
        ("   ## Indented", (2, "Indented")),
        ("    # Code", None),
        ("## Closed ##", (2, "Closed")),
        ("## Not#closed", (2, "Not#closed")),
        ("# ##", (1, "")),  # CommonMark: a closing sequence and no content
        ("#\ta \t ##", (1, "a")),
        ("# a" + " " * 10_000 + "b", (1, "a" + " " * 10_000 + "b")),
        ("Setext\n===", (1, "Setext")),
        ("Two lines\nof setext\n---", (2, "Two lines of setext")),
    ],
)
def test_heading(line: str, parsed: tuple[int, str] | None) -> None:
    assert _heading(line) == parsed


def test_comments_close_as_before() -> None:
    text = "<!-- open\nstill open\nclosed -->\n<!-- a --> trailing\n\n{/* x */}"
    blocks = parse_body(text, 1).blocks
    assert [(b.kind, b.line) for b in blocks] == [("note", 1), ("html", 4), ("note", 6)]
    assert blocks[0].text == "open\nstill open\nclosed"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\x00\x00#\x00\x00\x00", "file is UTF-32"),
        (b"\x00#\x00 \x00T", "file is UTF-16 (big-endian, no BOM)"),
        (b"ok\n\x00", "file contains NUL bytes"),
    ],
)
def test_decode_names_the_encoding(data: bytes, message: str) -> None:
    with pytest.raises(RoleError) as caught:
        decode(Path("f.md"), data)
    assert caught.value.message.startswith(message)
