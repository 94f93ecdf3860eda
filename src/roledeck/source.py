"""Reading role files: bytes to text, frontmatter split and loaded, with every hazard named.

The libraries' defaults are not good enough for files from pull requests: python-frontmatter
hides frontmatter behind a BOM, ignores frontmatter that is unclosed or not a mapping and
rewrites CRLF; libyaml's C loader segfaults on deeply nested input; YAML aliases expand into
gigabytes when walked. So this module reads bytes, decodes explicitly, and checks YAML with
libyaml's event parser (which is iterative) before composing it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from roledeck.errors import RoleError

DEFAULT_MAX_BYTES = 1024 * 1024
MAX_YAML_DEPTH = 64
MAX_YAML_NODES = 100_000

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class SourceText:
    """A decoded file: text with LF line endings, and what decoding found."""

    path: Path
    text: str
    bom: bool = False
    newline: str = "\n"


@dataclass(frozen=True)
class Split:
    """A document split into frontmatter and body; line numbers are 1-based, in the file."""

    frontmatter: str | None
    """The YAML between the fences (None when the file has no frontmatter)."""
    frontmatter_line: int
    """Line of the first YAML line (the line after the opening fence)."""
    body: list[str]
    body_line: int
    """File line of `body[0]`."""


def read_source(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode a role file, or raise `RoleError` saying exactly what is wrong."""
    data = read_bytes(path, max_bytes=max_bytes)
    return decode(path, data)


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refusing non-files and files over the size limit before reading."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise RoleError("not a regular file", path=path, code="IO001")
            if info.st_size > max_bytes:
                raise RoleError(
                    f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit "
                    "(raise max-file-size in the config to read it)",
                    path=path,
                    code="IO002",
                )
            return handle.read(max_bytes + 1)
    except RoleError:
        raise
    except FileNotFoundError:
        raise RoleError("no such file", path=path, code="IO001") from None
    except IsADirectoryError:
        raise RoleError("is a directory, not a role file", path=path, code="IO001") from None
    except PermissionError:
        raise RoleError("permission denied", path=path, code="IO001") from None
    except OSError as exc:
        raise RoleError(f"cannot read: {exc.strerror or exc}", path=path, code="IO001") from None


def decode(path: Path, data: bytes) -> SourceText:
    """Decode UTF-8 (with or without BOM) and normalise line endings to LF."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RoleError(
            "file is UTF-16; role files must be UTF-8 (re-save it as UTF-8)",
            path=path,
            line=1,
            code="IO003",
        )
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise RoleError(
            "file contains NUL bytes: binary, not a role file", path=path, line=line, code="IO003"
        )
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RoleError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start + 3 * bom})",
            path=path,
            line=line,
            code="IO003",
        ) from None
    newline = "\n"
    if "\r" in text:
        newline = "\r\n" if "\r\n" in text else "\r"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, text, bom, newline)


def split_frontmatter(source: SourceText) -> Split:
    """Split off a `---` frontmatter block; refuse TOML frontmatter and unclosed blocks."""
    lines = source.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    first = lines[0].rstrip() if lines else ""
    if first == "+++":
        raise RoleError(
            "TOML frontmatter (+++) is not supported; use YAML between --- lines",
            path=source.path,
            line=1,
            code="FM003",
        )
    if first != "---":
        return Split(None, 1, lines, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return Split("\n".join(lines[1:index]), 2, lines[index + 1 :], index + 2)
    raise RoleError(
        "frontmatter is not closed: no '---' line after the opening one",
        path=source.path,
        line=1,
        code="FM002",
    )


def load_yaml(text: str, *, path: Path, first_line: int = 1) -> Any:
    """Safely load YAML from an untrusted file.

    Refuses non-standard tags (python/object…), nesting deeper than `MAX_YAML_DEPTH` (which
    would crash libyaml's composer) and alias expansion beyond `MAX_YAML_NODES` (an alias
    bomb), all before any object is built.
    """
    try:
        _check_shape(text)
        return yaml.load(text, Loader=_SafeLoader)
    except _YamlShapeError as exc:
        raise RoleError(str(exc), path=path, line=first_line + exc.line, code="FM004") from None
    except yaml.MarkedYAMLError as exc:
        # the context (e.g. "while parsing a flow sequence") starts where the mistake is; the
        # problem mark is where the parser gave up, often a line later
        mark = exc.context_mark or exc.problem_mark
        line = first_line + mark.line if mark else first_line
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
            problem = "unsupported YAML tag (only plain YAML is loaded)" + _tag_hint(problem)
        raise RoleError(f"invalid YAML: {problem}", path=path, line=line, code="FM004") from None
    except yaml.YAMLError as exc:
        raise RoleError(f"invalid YAML: {exc}", path=path, line=first_line, code="FM004") from None


def _tag_hint(problem: str) -> str:
    start = problem.find("'")
    end = problem.find("'", start + 1)
    return f": {problem[start + 1 : end]}" if 0 <= start < end else ""


class _YamlShapeError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _check_shape(text: str) -> None:
    """Walk libyaml's events to bound nesting depth and the size aliases expand to."""
    depth = 0
    sizes: list[int] = []  # nodes so far in each open collection
    anchored: dict[str, int] = {}
    anchors_open: list[str | None] = []
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise _YamlShapeError(
                    f"YAML nested deeper than {MAX_YAML_DEPTH} levels", _line(event)
                )
            sizes.append(1)
            anchors_open.append(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            size = sizes.pop()
            anchor = anchors_open.pop()
            if anchor:
                anchored[anchor] = size
            if sizes:
                sizes[-1] += size
            if max(size, sizes[-1] if sizes else 0) > MAX_YAML_NODES:
                raise _YamlShapeError(
                    f"YAML expands to more than {MAX_YAML_NODES:,} values (an alias bomb?)",
                    _line(event),
                )
        elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
            size = anchored.get(event.anchor or "", 1) if isinstance(event, yaml.AliasEvent) else 1
            if isinstance(event, yaml.ScalarEvent) and event.anchor:
                anchored[event.anchor] = 1
            if sizes:
                sizes[-1] += size
            if size > MAX_YAML_NODES or (sizes and sizes[-1] > MAX_YAML_NODES):
                raise _YamlShapeError(
                    f"YAML expands to more than {MAX_YAML_NODES:,} values (an alias bomb?)",
                    _line(event),
                )


def _line(event: yaml.Event) -> int:
    return event.start_mark.line if event.start_mark is not None else 0
