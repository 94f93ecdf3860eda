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
_TOO_DEEP = f"YAML nested deeper than {MAX_YAML_DEPTH} levels"
MAX_YAML_NODES = 100_000
MAX_YAML_CHARS = 4 * 1024 * 1024
"""Scalar characters a YAML text may expand to through aliases (or its own length if larger)."""
MAX_NUMBER_CHARS = 64
"""Longer integers are refused: Python converts them in quadratic time, or not at all."""

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _GuardedLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """The safe loader, with every value error turned into a located YAML error.

    PyYAML's safe constructors raise plain ValueError or KeyError on values such as
    `2024-13-01`, `!!int 12a` or `!!bool maybe`, and build integers of any length (which
    Python then cannot print). `!!binary` is refused: bytes cannot be shown or serialized.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if (
            isinstance(node, yaml.ScalarNode)
            and node.tag == "tag:yaml.org,2002:int"
            and len(node.value) > MAX_NUMBER_CHARS
        ):
            raise yaml.constructor.ConstructorError(
                None, None, f"number longer than {MAX_NUMBER_CHARS} digits", node.start_mark
            )
        try:
            return super().construct_object(node, deep)
        except (ValueError, LookupError, TypeError, ArithmeticError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            detail = f" ({_short(str(exc), 80)})" if isinstance(exc, ValueError) else ""
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid {kind} value{detail}", node.start_mark
            ) from None


def _refuse_binary(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(
        None, None, "binary data (!!binary) is not supported", node.start_mark
    )


_GuardedLoader.add_constructor("tag:yaml.org,2002:binary", _refuse_binary)


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
    """The file's bytes, refusing non-files and files over the size limit before reading.

    The file is opened non-blocking, so a FIFO named `x.md` is refused instead of waiting
    forever for a writer; at most `max_bytes + 1` bytes are ever read, so a file that grows
    after the size check is still refused.
    """
    try:
        fd = _open_nonblocking(path)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise RoleError("not a regular file", path=path, code="IO001")
            if info.st_size > max_bytes:
                raise _too_big(path, f"file is {info.st_size:,} bytes", max_bytes)
            data = _read_at_most(fd, max_bytes + 1)
        finally:
            os.close(fd)
        if len(data) > max_bytes:
            raise _too_big(path, "file grew while being read", max_bytes)
        return data
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


def _open_nonblocking(path: Path) -> int:
    """Open for reading without blocking (on a FIFO) and without becoming a controlling tty."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    return os.open(path, flags)


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = os.read(fd, min(left, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_big(path: Path, what: str, limit: int) -> RoleError:
    return RoleError(
        f"{what}, over the {limit:,}-byte limit (raise max-file-size in the config to read it)",
        path=path,
        code="IO002",
    )


def decode(path: Path, data: bytes) -> SourceText:
    """Decode UTF-8 (with or without BOM) and normalise line endings to LF."""
    encoding = _wide_encoding(data)
    if encoding:
        raise RoleError(
            f"file is {encoding}; role files must be UTF-8 (re-save it as UTF-8)",
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


def _wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16, by BOM, or by the NUL bytes ASCII text has in them without one."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = data[:64]
    if len(head) >= 4 and head[1::2].count(0) == len(head) // 2 and 0 not in head[0::2]:
        return "UTF-16 (little-endian, no BOM)"
    if len(head) >= 4 and head[0::2].count(0) == len(head) // 2 and 0 not in head[1::2]:
        return "UTF-16 (big-endian, no BOM)"
    return None


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
    would crash libyaml's composer), recursive aliases, and alias expansion beyond
    `MAX_YAML_NODES` values or `MAX_YAML_CHARS` characters (an alias bomb), all before any
    object is built. Every problem is a `RoleError` with the line it is on.
    """
    try:
        if not _plainly_small(text):
            _check_shape(text)
        return yaml.load(text, Loader=_GuardedLoader)
    except _YamlShapeError as exc:
        raise RoleError(str(exc), path=path, line=first_line + exc.line, code="FM004") from None
    except yaml.MarkedYAMLError as exc:
        # the context (e.g. "while parsing a flow sequence") starts where the mistake is; the
        # problem mark is where the parser gave up, often a line later
        mark = exc.context_mark or exc.problem_mark
        line = first_line + mark.line if mark else first_line
        problem = exc.problem or exc.context or "invalid YAML"
        if problem == "second occurrence" and exc.context:  # the context says of what
            problem = exc.context.split(";")[0]
        if "maximum nesting depth" in problem:
            # libyaml >= 0.2.6 (PyYAML 6.0.4's wheels) caps flow nesting itself, while scanning
            # ahead, before the shape check sees the events; its cap is far above ours
            raise RoleError(_TOO_DEEP, path=path, line=line, code="FM004") from None
        if (
            isinstance(exc, yaml.constructor.ConstructorError)
            and "constructor for the tag" in problem
        ):
            problem = "unsupported YAML tag (only plain YAML is loaded)" + _tag_hint(problem)
        raise RoleError(
            f"invalid YAML: {_short(problem)}", path=path, line=line, code="FM004"
        ) from None
    except yaml.YAMLError as exc:
        raise RoleError(
            f"invalid YAML: {_short(str(exc))}", path=path, line=first_line, code="FM004"
        ) from None
    except RecursionError:  # a safety net: the shape check keeps nesting far below the limit
        raise RoleError(
            "YAML nested too deeply", path=path, line=first_line, code="FM004"
        ) from None


def _short(problem: str, limit: int = 200) -> str:
    """A library message on one short line: some quote the offending input."""
    problem = " ".join(problem.split())
    return problem if len(problem) <= limit else problem[:limit] + "…"


def _tag_hint(problem: str) -> str:
    start = problem.find("'")
    end = problem.find("'", start + 1)
    return f": {_short(problem[start + 1 : end], 80)}" if 0 <= start < end else ""


class _YamlShapeError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class _Size:
    """What a node expands to once its aliases are followed."""

    nodes: int = 1
    chars: int = 0
    height: int = 0
    """Collection levels in the node, itself included (0 for a scalar)."""


@dataclass
class _Open:
    anchor: str | None
    size: _Size


_NESTING_MARKS = "[{-:?"
_SMALL_YAML = 4096
"""Shorter than the node limit too: a text this short cannot hold that many values."""


def _plainly_small(text: str) -> bool:
    """Whether `text` cannot break the shape limits, so the event walk can be skipped.

    Without anchors or aliases nothing expands; every nesting level needs one of `[ { - : ?`,
    so fewer of those than the depth limit bound the depth; and a value needs a character.
    Typical frontmatter passes, in microseconds (the walk is ~5% of linting a file).
    """
    if len(text) >= _SMALL_YAML or "&" in text or "*" in text:
        return False
    return sum(text.count(mark) for mark in _NESTING_MARKS) < MAX_YAML_DEPTH - 1


def _check_shape(text: str) -> None:
    """Walk libyaml's events (an iterative parser) to bound what composing would build.

    Depth counts the nesting an alias brings in, so a chain of anchors each nesting the
    previous one is as deep as it would be written out; sizes count aliases expanded.
    """
    max_chars = max(MAX_YAML_CHARS, len(text))
    stack: list[_Open] = []
    anchored: dict[str, _Size] = {}

    def add(size: _Size, event: yaml.Event) -> None:
        if not stack:
            return
        top = stack[-1].size
        top.nodes += size.nodes
        top.chars += size.chars
        top.height = max(top.height, size.height + 1)
        if len(stack) - 1 + top.height > MAX_YAML_DEPTH:
            raise _YamlShapeError(_TOO_DEEP, _line(event))
        if top.nodes > MAX_YAML_NODES or top.chars > max_chars:
            raise _YamlShapeError(
                f"YAML expands to more than {MAX_YAML_NODES:,} values or {max_chars:,} "
                "characters (an alias bomb?)",
                _line(event),
            )

    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_YAML_DEPTH:
                raise _YamlShapeError(_TOO_DEEP, _line(event))
            stack.append(_Open(event.anchor, _Size(height=1)))
        elif isinstance(event, yaml.CollectionEndEvent):
            node = stack.pop()
            if node.anchor:
                anchored[node.anchor] = node.size
            add(node.size, event)
        elif isinstance(event, yaml.ScalarEvent):
            size = _Size(chars=len(event.value))
            if event.anchor:
                anchored[event.anchor] = size
            add(size, event)
        elif isinstance(event, yaml.AliasEvent):
            if any(node.anchor == event.anchor for node in stack):
                raise _YamlShapeError(
                    f"recursive YAML alias: *{_short(event.anchor or '', 40)} refers to a "
                    "node that contains it",
                    _line(event),
                )
            # an undefined alias is left for the composer to report
            add(anchored.get(event.anchor or "", _Size()), event)


def _line(event: yaml.Event) -> int:
    return event.start_mark.line if event.start_mark is not None else 0
