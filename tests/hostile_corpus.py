"""The hostile-input corpus: files a pull request can contain, and what every command must do.

One table drives both the tests (`test_hostile.py`, in-process) and the resource check
(`bench/hostile.py`, the installed `roles` in a subprocess under a time and memory limit).
A case builds a small catalog in a fresh folder and says what reading its file gives: a role
(`Ok`) or one located error (`Err`). A command says how it is run and how it reports an
unreadable file, so the expectation for every (case, command) pair follows from the two and
adding a command to the corpus is one line in `COMMANDS`. docs/hostile-input.md is the
same table for people.

Nothing here imports pytest: the bench script imports this module too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024
GOOD = """---
title: Good Citizen
tags: [role]
---
# The Role of a Good Citizen

A well-formed neighbour: listed and linted whatever the other file does.

## Why a Good Citizen is Needed

- Someone has to be.

## What a Good Citizen Does

- **Helps**: every day.

## How a Good Citizen Works

Quietly.

### The Developer

Writes code.
"""
"""Every catalog also holds good.md, a complete profile: a per-file command must still list
it (and lint it without a finding)."""

# The nastiest text the terminal-safety checks use: escape sequences (CSI colour, OSC 8
# hyperlink, OSC title), C0 controls (BEL, BS, CR), C1 (CSI as one byte, NEL), bidi
# overrides, and rich markup that must print literally.
NASTY = (
    "\x1b[31mred\x1b[0m \x1b]8;;file:///etc/passwd\x07link\x1b]8;;\x07 \x1b]0;title\x07"
    "\x07bell\x08\x08bs\rcr \x9b31m \x85 \u202egnp.exe\u202c \u2066iso\u2069 "
    "[bold]b[/bold] [link=file:///etc/passwd]x[/link] [/]"
)


# -- outcomes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ok:
    """Reading the file gives a role with this id and name."""

    id: str
    name: str


@dataclass(frozen=True)
class Err:
    """Reading the file fails with exactly this message (at `line`, if not None).

    `at_target`: the error names the NAME argument instead of the file (`no such role`).
    """

    message: str
    line: int | None = None
    at_target: bool = False

    def located(self, path: str) -> str:
        if self.at_target:
            return f"roles: {self.message}"
        return f"{path}:{self.line}: {self.message}" if self.line else f"{path}: {self.message}"


Outcome = Ok | Err


@dataclass
class Built:
    """A case's files on disk: the catalog, the config, the file and the NAME to show."""

    root: Path
    config: Path
    path: Path
    target: str


@dataclass(frozen=True)
class Case:
    """One hostile input.

    `write` creates the case file (and whatever it needs) given the catalog folder and a
    folder outside it, and returns the file's path. `load` is what `show` gives for it;
    `listed` is what a per-file command gives when it differs (a file discovery skips is
    listed as nothing, which `Skipped` says). `target` replaces the path as the NAME.
    """

    name: str
    issue_item: str
    write: Callable[[Path, Path], Path]
    load: Outcome
    listed: Outcome | Skipped | None = None
    target: str | None = None
    config: str = ""
    unreadable: bool = False
    """The file is made unreadable (chmod 000); as root that needs simulating."""


@dataclass(frozen=True)
class Skipped:
    """Discovery does not see the file at all (a symlink out of the catalog)."""


def build(case: Case, folder: Path) -> Built:
    """Lay out a case in an empty `folder`: catalog/, outside/ and roles.toml."""
    root = folder / "catalog"
    outside = folder / "outside"
    root.mkdir(parents=True)
    outside.mkdir()
    (root / "good.md").write_text(GOOD, encoding="utf-8")
    config = folder / "roles.toml"
    config.write_text(case.config, encoding="utf-8")
    path = case.write(root, outside)
    if case.unreadable:
        path.chmod(0)
    return Built(root, config, path, case.target if case.target is not None else str(path))


# -- commands ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """How a command is run on a case, and how it reports a file it cannot read.

    `per_file` commands (list, lint) report each unreadable file and go on with the others
    (`others` is what shows they did); the rest stop at the one file they were given.
    `error_exit` and `error_stream` say where the report goes (lint: a finding on stdout,
    exit 1); `exact` says it is exactly the `path:line: message` line. `ok_exits` are the exit
    codes of a file that loads (lint may find problems in it: that is the rules' business;
    fmt may decline to rewrite it, with exit 2 and a message).
    """

    name: str
    args: tuple[str, ...]
    per_file: bool = False
    takes_name: bool = False
    error_exit: int = 2
    error_stream: str = "stderr"
    exact: bool = True
    json: bool = False
    shows: str = "name"
    """What a loaded role shows: its name, its id, or nothing to check ("")."""
    others: str = "good"
    ok_exits: tuple[int, ...] = (0,)
    after: tuple[str, ...] = ()
    """Arguments after the NAME (diff's second role)."""

    def argv(self, built: Built) -> list[str]:
        where = ["--roles-dir", str(built.root), "--config", str(built.config)]
        name = [built.target, *self.after] if self.takes_name else []
        return [*self.args, *name, *where]


COMMANDS: tuple[Command, ...] = (
    Command("show", ("show",), takes_name=True),
    Command("show-text", ("show", "--format", "text"), takes_name=True),
    Command("show-json", ("show", "--format", "json"), takes_name=True, json=True),
    Command("show-yaml", ("show", "--format", "yaml"), takes_name=True),
    Command("show-markdown", ("show", "--format", "markdown"), takes_name=True),
    Command("list", ("list",), per_file=True),
    Command("list-json", ("list", "--format", "json"), per_file=True, json=True),
    Command("list-ids", ("list", "--format", "ids"), per_file=True, shows="id"),
    Command(
        "lint",
        ("lint", "--no-cache"),
        per_file=True,
        error_exit=1,
        error_stream="stdout",
        exact=False,
        shows="",
        others="of 2 files",
        ok_exits=(0, 1),
    ),
    Command("export", ("export",), per_file=True, json=True),
    Command(
        "fmt-check",
        ("fmt", "--check"),
        per_file=True,
        shows="",
        others="1 file already formatted",
        ok_exits=(0, 1, 2),  # 2: a readable file it will not rewrite (not lossless)
    ),
    Command("diff", ("diff",), takes_name=True, after=("good",), shows=""),
)


@dataclass(frozen=True)
class Expected:
    """What one command must do on one case."""

    exit_codes: tuple[int, ...]
    stdout: list[str] = field(default_factory=list)
    """Fragments stdout must contain."""
    absent: list[str] = field(default_factory=list)
    """Fragments that must appear on neither stream."""
    stderr: str | None = None
    """The exact stderr (None: anything without a traceback)."""


def expected(case: Case, command: Command, built: Built) -> Expected:
    """What `command` must do on `case`, from the case's outcome and the command's contract."""
    outcome: Outcome | Skipped = case.load
    if command.per_file:
        outcome = case.listed if case.listed is not None else case.load
        if isinstance(outcome, Err) and outcome.at_target:
            outcome = Skipped()  # a NAME problem: listing is not affected
    if isinstance(outcome, Skipped):
        listed = ["good"] if command.shows else []
        return Expected(command.ok_exits, listed, absent=["Secret"], stderr="")
    if isinstance(outcome, Ok):
        shown_as = {"name": [outcome.name], "id": [outcome.id], "": []}[command.shows]
        listed = ["good"] if command.per_file and command.shows else []
        quiet = "" if 2 not in command.ok_exits else None
        return Expected(command.ok_exits, [*shown_as, *listed], stderr=quiet)
    others = [command.others] if command.per_file else []
    line = shown(outcome.located(str(built.path) if not outcome.at_target else built.target))
    if command.error_stream == "stderr":
        stderr = f"{line}\n" if command.exact else None
        return Expected((command.error_exit,), others, stderr=stderr)
    report = line if command.exact else shown(outcome.message)
    return Expected((command.error_exit,), [report, *others])


# -- the cases --------------------------------------------------------------------------------


def _file(name: str, data: bytes | str) -> Callable[[Path, Path], Path]:
    def write(root: Path, outside: Path) -> Path:
        path = root / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return write


def _fm(yaml_text: str, body: str = "# The Role of a Tester\n") -> str:
    return f"---\n{yaml_text}---\n{body}"


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


def _fifo(root: Path, outside: Path) -> Path:
    path = root / "pipe.md"
    os.mkfifo(path)
    return path


def _sparse(root: Path, outside: Path) -> Path:
    path = root / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * MIB)  # 10 GiB that take no disk: only the size is real
    return path


def _link(name: str, to: Callable[[Path, Path], str | Path]) -> Callable[[Path, Path], Path]:
    def write(root: Path, outside: Path) -> Path:
        secret = outside / "secret.md"
        secret.write_text("# The Role of a Secret Keeper\n\nprivate\n", encoding="utf-8")
        path = root / name
        path.symlink_to(to(root, outside))
        return path

    return write


def _linked_dir(root: Path, outside: Path) -> Path:
    secret = outside / "secret.md"
    secret.write_text("# The Role of a Secret Keeper\n\nprivate\n", encoding="utf-8")
    (root / "ext").symlink_to(outside, target_is_directory=True)
    return root / "ext" / "secret.md"


def _dir_loop(root: Path, outside: Path) -> Path:
    (root / "again").symlink_to(".", target_is_directory=True)
    return root / "again" / "good.md"


def _bytes_name(root: Path, name: bytes, data: bytes) -> Path:
    path = root / os.fsdecode(name)  # a surrogate-escaped str, as os.listdir gives it
    path.write_bytes(data)
    return path


def _yaml_str(text: str) -> str:
    """`text` as a YAML double-quoted scalar (every control character escaped)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or 0x2000 <= ord(ch) <= 0x206F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


UTF8_FULL = "# The Role of a Big Reader\n\n" + "word " * ((MIB - 40) // 5)
LIMIT_MESSAGE = "more than 5,000 headings, list items and paragraphs: too large for a role profile"
SHAPE = "YAML expands to more than 100,000 values or 4,194,304 characters (an alias bomb?)"
DEEP = "YAML nested deeper than 64 levels"
UTF8_ONLY = "role files must be UTF-8 (re-save it as UTF-8)"

CASES: tuple[Case, ...] = (
    # 2. inputs ------------------------------------------------------------------------------
    Case("empty-file", "2", _file("empty.md", b""), Ok("empty", "empty")),
    Case(
        "frontmatter-only",
        "2",
        _file("fm.md", "---\ntitle: Frontmatter Only\n---\n"),
        Ok("fm", "Frontmatter Only"),
    ),
    Case(
        "frontmatter-unclosed",
        "2",
        _file("open.md", "---\ntitle: x\n# The Role of a Tester\n"),
        Err("frontmatter is not closed: no '---' line after the opening one", 1),
    ),
    Case(
        "frontmatter-list",
        "2",
        _file("list.md", _fm("- a\n- b\n")),
        Err("frontmatter must be a mapping of keys to values, not a list", 2),
    ),
    Case(
        "frontmatter-scalar",
        "2",
        _file("scalar.md", _fm("just some text\n")),
        Err("frontmatter must be a mapping of keys to values, not a string", 2),
    ),
    Case(
        "frontmatter-invalid-yaml",
        "2",
        _file("syntax.md", _fm("title: [unclosed\n")),
        Err("invalid YAML: did not find expected ',' or ']'", 2),
    ),
    Case(
        "yaml-python-object",
        "2",
        _file("pyobj.md", _fm('title: !!python/object/apply:os.system ["echo pwned"]\n')),
        Err(
            "invalid YAML: unsupported YAML tag (only plain YAML is loaded): "
            "tag:yaml.org,2002:python/object/apply:os.system",
            2,
        ),
    ),
    Case(
        "yaml-python-name",
        "2",
        _file("pyname.md", _fm("x: !!python/name:os.system\n")),
        Err(
            "invalid YAML: unsupported YAML tag (only plain YAML is loaded): "
            "tag:yaml.org,2002:python/name:os.system",
            2,
        ),
    ),
    Case(
        "yaml-local-tag",
        "2",
        _file("tag.md", _fm("x: !secret value\n")),
        Err("invalid YAML: unsupported YAML tag (only plain YAML is loaded): !secret", 2),
    ),
    Case(
        "yaml-binary",
        "2",
        _file("binary.md", _fm("x: !!binary aGVsbG8=\n")),
        Err("invalid YAML: binary data (!!binary) is not supported", 2),
    ),
    Case(
        "yaml-bad-date",
        "2",
        _file("date.md", _fm("date: 2024-13-01\n")),
        Err("invalid YAML: invalid timestamp value (month must be in 1..12)", 2),
    ),
    Case(
        "yaml-huge-integer",
        "2",
        _file("bigint.md", _fm("x: 0b" + "1" * 100_000 + "\n")),
        Err("invalid YAML: number longer than 64 digits", 2),
    ),
    Case(
        "yaml-alias-bomb",
        "2",
        _file("lol.md", _fm(_billion_laughs())),
        Err(SHAPE, 7),
    ),
    Case(
        "yaml-alias-bomb-long-scalar",
        "2",
        _file("wide.md", _fm("a: &a " + "x" * 900_000 + "\nb: [" + "*a," * 20_000 + "]\n")),
        Err(SHAPE, 3),
    ),
    Case(
        "yaml-alias-bomb-keys",
        "2",
        _file(
            "keys.md",
            _fm(
                "a: &a {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x}\n"
                + "".join(
                    f"{n}: &{n} {{" + ", ".join(f"k{i}: *{p}" for i in range(9)) + "}\n"
                    for p, n in zip("abcdefg", "bcdefgh", strict=True)
                )
            ),
        ),
        Err(SHAPE, 6),
    ),
    Case(
        "yaml-recursive-alias",
        "2",
        _file("loop.md", _fm("a: &a [x, *a]\n")),
        Err("recursive YAML alias: *a refers to a node that contains it", 2),
    ),
    Case(
        "yaml-deep-flow",
        "2",
        _file("flow.md", _fm("x: " + "[" * 25_000 + "]" * 25_000 + "\n")),
        Err(DEEP, 2),
    ),
    Case(
        "yaml-deep-flow-unclosed",
        "2",
        _file("flowopen.md", _fm("x: " + "{a: " * 100_000 + "\n")),
        Err(DEEP, 2),
    ),
    Case(
        "yaml-deep-block",
        "2",
        _file("block.md", _fm("".join("  " * i + "- \n" for i in range(700)))),
        Err(DEEP, 66),
    ),
    Case(
        "yaml-deep-through-aliases",
        "2",
        _file(
            "chain.md",
            _fm(
                "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [[[[*a{i - 1}]]]]\n" for i in range(1, 100))
            ),
        ),
        Err(DEEP, 18),
    ),
    Case(
        "utf8-bom",
        "2",
        _file("bom.md", b"\xef\xbb\xbf" + _fm("title: Behind a BOM\n", "").encode()),
        Ok("bom", "Behind a BOM"),
    ),
    Case(
        "crlf",
        "2",
        _file(
            "crlf.md",
            _fm("title: x\n", "# The Role of a Windows User\n\n## Why a Windows User is Needed\n")
            .replace("\n", "\r\n")
            .encode(),
        ),
        Ok("crlf", "Windows User"),
    ),
    Case(
        "lone-cr",
        "2",
        _file("cr.md", "# The Role of a Classic Mac\r\rOld line endings.\r"),
        Ok("cr", "Classic Mac"),
    ),
    Case(
        "invalid-utf8",
        "2",
        _file("latin1.md", b"# The Role of a Tester\n\nCaf\xe9 au lait\n"),
        Err("invalid UTF-8 (byte 0xe9 at offset 27)", 3),
    ),
    Case(
        "utf16-bom",
        "2",
        _file("utf16.md", "# The Role of a Tester\n".encode("utf-16")),
        Err(f"file is UTF-16; {UTF8_ONLY}", 1),
    ),
    Case(
        "utf16-no-bom",
        "2",
        _file("utf16le.md", "# The Role of a Tester\n".encode("utf-16-le")),
        Err(f"file is UTF-16 (little-endian, no BOM); {UTF8_ONLY}", 1),
    ),
    Case(
        "utf32",
        "2",
        _file("utf32.md", "# The Role of a Tester\n".encode("utf-32")),
        Err(f"file is UTF-32; {UTF8_ONLY}", 1),
    ),
    Case(
        "nul-bytes",
        "2",
        _file("nul.md", b"# The Role of a Tester\n\nhidden\x00byte\n"),
        Err("file contains NUL bytes: binary, not a role file", 3),
    ),
    Case(
        "binary-png",
        "2",
        _file("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        Err("file contains NUL bytes: binary, not a role file", 3),
    ),
    Case(
        "binary-no-nul",
        "2",
        _file("noise.md", bytes(range(1, 256)) * 64),
        Err("invalid UTF-8 (byte 0x80 at offset 127)", 2),
    ),
    Case(
        "over-size-limit",
        "2",
        _file("big.md", UTF8_FULL + "x" * (MIB - len(UTF8_FULL) + 1)),
        Err(
            "file is 1,048,577 bytes, over the 1,048,576-byte limit (raise max-file-size in "
            "the config to read it)"
        ),
    ),
    Case(
        "over-size-limit-sparse-10gib",
        "2",
        _sparse,
        Err(
            "file is 10,737,418,240 bytes, over the 1,048,576-byte limit (raise max-file-size "
            "in the config to read it)"
        ),
    ),
    Case(
        "size-limit-configured",
        "2",
        _file("small.md", "# The Role of a Tester\n\n" + "x" * 400 + "\n"),
        Err(
            "file is 425 bytes, over the 400-byte limit (raise max-file-size in the config "
            "to read it)"
        ),
        config="max-file-size = 400\n",
    ),
    Case(
        "at-size-limit",
        "2",
        _file("full.md", UTF8_FULL + "x" * (MIB - len(UTF8_FULL))),
        Ok("full", "Big Reader"),
    ),
    Case(
        "very-long-line",
        "2",
        _file("wide.md", "# The Role of a Wide Writer\n\n" + "x" * (MIB - 100) + "\n"),
        Ok("wide", "Wide Writer"),
    ),
    Case(
        "long-heading-of-spaces",
        "2",
        _file("spaces.md", "# The Role of a Spacer\n\n## a" + " " * (MIB - 100) + "b\n"),
        Ok("spaces", "Spacer"),
    ),
    Case(
        "heading-of-unclosed-tags",
        "2",
        _file("tags.md", "# The Role of a Tagger\n\n## " + "<" * (MIB - 100) + "\n"),
        Ok("tags", "Tagger"),
    ),
    Case(
        "unclosed-comments",
        "2",
        _file("comments.md", "# The Role of a Commenter\n\n" + "<!--\n{/*\n" * 100_000),
        Ok("comments", "Commenter"),
    ),
    Case(
        "jsx-tag-of-spaces",
        "2",
        _file("jsx.md", "# The Role of a Jester\n\nx <a" + " " * (MIB - 100) + "x\n"),
        Ok("jsx", "Jester"),
    ),
    Case(
        "unclosed-braces",
        "2",
        _file("braces.md", "# The Role of a Bracer\n\n" + "{" * (MIB - 100) + "\n"),
        Ok("braces", "Bracer"),
    ),
    Case(
        "thousands-of-items",
        "2",
        _file(
            "items.md",
            "# The Role of a Lister\n\n## Why a Lister is Needed\n\n"
            + "".join(f"- need {i}\n" for i in range(3_000))
            + "\n## What a Lister Does\n\n"
            + "".join(f"- **Duty {i}**: done\n" for i in range(1_500)),
        ),
        Ok("items", "Lister"),
    ),
    Case(
        "too-many-items",
        "2",
        _file("flood.md", "# The Role of a Flood\n\n" + "- x\n" * ((MIB - 30) // 4)),
        Err(LIMIT_MESSAGE, 5_002),
    ),
    Case(
        "toml-frontmatter",
        "2",
        _file("toml.md", '+++\ntitle = "x"\n+++\n# The Role of a Tester\n'),
        Err("TOML frontmatter (+++) is not supported; use YAML between --- lines", 1),
    ),
    Case(
        "title-wrong-type",
        "2",
        _file("title.md", _fm("sidebar_position: 2\ntitle: [not, a, string]\n")),
        Err("title: Input should be a valid string", 3),
    ),
    Case(
        "tags-wrong-type",
        "2",
        _file("tagstr.md", _fm("tags: DevOps\n")),
        Err("tags: Input should be a valid list", 2),
    ),
    Case(
        "tag-item-wrong-type",
        "2",
        _file("tagmap.md", _fm("tags: [ok, {a: b}]\n")),
        Err("tags.1: Value error, a tag is text, or {label: …, permalink: …} with both as text", 2),
    ),
    Case(
        "repeated-sections",
        "2",
        _file(
            "twice.md",
            "# The Role of a Repeater\n\n## Why a Repeater is Needed\n\n- first\n\n"
            "## Why a Repeater is Needed\n\n- again\n",
        ),
        Ok("twice", "Repeater"),
    ),
    Case(
        "markup-in-headings",
        "2",
        _file(
            "markup.md",
            '# The Role of a <span class="x">**Marked** `Up`</span>\n\n'
            "## Why a <em>Marked Up</em> is Needed\n\n- [link](http://example.com)\n",
        ),
        Ok("markup", "Marked Up"),
    ),
    Case(
        "symlink-loop",
        "2",
        _link("loop.md", lambda root, outside: root / "loop.md"),
        Err("cannot read: Too many levels of symbolic links"),
    ),
    Case(
        "symlink-dir-loop",
        "2",
        _dir_loop,
        Ok("good", "Good Citizen"),
        listed=Ok("good", "Good Citizen"),
    ),
    Case(
        "symlink-dangling",
        "2",
        _link("gone.md", lambda root, outside: root / "nowhere.md"),
        Err("no such file"),
    ),
    Case(
        "symlink-file-outside",
        "2",
        _link("leak.md", lambda root, outside: outside / "secret.md"),
        Err("resolves outside the catalog through a symlink: not followed"),
        listed=Skipped(),
    ),
    Case(
        "symlink-dir-outside",
        "2",
        _linked_dir,
        Err("resolves outside the catalog through a symlink: not followed"),
        listed=Skipped(),
    ),
    Case(
        "fifo",
        "2",
        _fifo,
        Err("not a regular file"),
    ),
    Case(
        "permission-denied",
        "2",
        _file("locked.md", "# The Role of a Locksmith\n"),
        Err("permission denied"),
        unreadable=True,
    ),
    Case(
        "name-with-spaces-and-non-ascii",
        "2",
        _file("rôle de crème ✓.md", "# The Role of a Pâtissier\n"),
        Ok("rôle de crème ✓", "Pâtissier"),
        target="rôle de crème ✓",
    ),
    Case(
        "name-with-control-characters",
        "3",
        _file("evil\x1b[31m\x07.md", "# The Role of a Sneak\n"),
        Ok("evil\\x1b[31m\\x07", "Sneak"),
    ),
    Case(
        "name-not-utf8",
        "3",
        lambda root, outside: _bytes_name(root, b"bad\xff.md", b"# The Role of a Byte\n"),
        Ok("bad\\udcff", "Byte"),
    ),
    Case(
        "name-with-newline-broken",
        "3",
        _file("two\nlines.md", b"---\ntitle: x\n"),
        Err("frontmatter is not closed: no '---' line after the opening one", 1),
    ),
    Case(
        "nasty-text",
        "3",
        _file(
            "nasty.md",
            _fm(
                f"title: {_yaml_str(NASTY)}\ntags: [{_yaml_str(NASTY)}]\n",
                "# The Role of a Nasty One\n\n"
                f"{NASTY}\n\n## Why a Nasty One is Needed\n\n- {NASTY}\n\n"
                f"<!-- {NASTY} -->\n",
            ),
        ),
        Ok("nasty", "Nasty One"),
    ),
    # 4. path safety --------------------------------------------------------------------------
    Case(
        "name-traversal",
        "4",
        _file("plain.md", "# The Role of a Plain One\n"),
        Err("no such role: '../../../../../../etc/passwd'", at_target=True),
        target="../../../../../../etc/passwd",
    ),
    Case(
        "name-absolute",
        "4",
        _file("plain.md", "# The Role of a Plain One\n"),
        Err("no such role: '/etc/passwd'", at_target=True),
        target="/etc/passwd",
    ),
    Case(
        "name-of-linked-file",
        "4",
        _link("leak.md", lambda root, outside: outside / "secret.md"),
        Err("no such role: 'leak'", at_target=True),
        target="leak",
    ),
)


def shown(text: str) -> str:
    """`text` as a one-line message shows it: controls and newlines as visible escapes."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\n")
        elif raw_controls(ch):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def raw_controls(text: str) -> list[str]:
    """Control characters in `text` that would act on a terminal (all but LF and TAB)."""
    return [ch for ch in text if _is_control(ord(ch)) and ch not in "\n\t"]


def _is_control(code: int) -> bool:
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F  # DEL and C1
        or code in (0x061C, 0x200E, 0x200F)  # bidi marks
        or 0x202A <= code <= 0x202E  # bidi embeddings and overrides
        or 0x2066 <= code <= 0x2069  # bidi isolates
        or 0xD800 <= code <= 0xDFFF  # lone surrogates
    )
