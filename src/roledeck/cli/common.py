"""What every command shares: option types, the catalog it works on, and writing output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from roledeck import fsio
from roledeck.catalog import Catalog, locate
from roledeck.config import Config, load_config
from roledeck.errors import RoleError


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


@dataclass
class Settings:
    """Global options, set by the root callback and read by commands."""

    color: Color = Color.auto
    debug: bool = False


SETTINGS = Settings()


def complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of role ids from the catalog the command would use.

    Ids starting with what was typed; failing those, nested ids one of whose trailing parts
    does (`lea` completes to `engineering/backend/lead`).
    """
    try:
        catalog = open_catalog(ctx.params.get("roles_dir"), ctx.params.get("config"))[1]
        ids = sorted(r.id for r in catalog.load_all()[0])
    except Exception:  # completion must never fail loudly
        return []
    starting = [i for i in ids if i.startswith(incomplete)]
    if starting or not incomplete:
        return starting
    from roledeck.docids import trailing_parts

    return [i for i in ids if any(p.startswith(incomplete) for p in trailing_parts(i)[1:])]


RolesDir = Annotated[
    Path | None,
    typer.Option(
        "--roles-dir",
        help="Catalog folder. Default: $ROLES_DIR, else roles-dir from the config, "
        "else ./roles, else the bundled catalog.",
        file_okay=False,
        show_default=False,
    ),
]
ConfigPath = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Config file (pyproject.toml or roles.toml). Default: the nearest one above the "
        "working directory.",
        dir_okay=False,
        show_default=False,
    ),
]
RoleName = Annotated[
    str,
    typer.Argument(
        help="A role id, name, unique word of one (e.g. 'specialist'), or a path to a role file.",
        autocompletion=complete_role,
        show_default=False,
    ),
]


def open_catalog(
    roles_dir: Path | str | None, config_path: Path | str | None
) -> tuple[Config, Catalog]:
    """The configuration in force and the catalog it points at."""
    config = load_config(Path(config_path) if config_path else None)
    chosen = roles_dir or os.environ.get("ROLES_DIR") or config.roles_dir
    root, origin = locate(chosen)
    if roles_dir is None and not os.environ.get("ROLES_DIR") and config.roles_dir:
        origin = "config"
    catalog = Catalog(
        root,
        origin,
        vocabulary=config.vocab,
        max_bytes=config.max_file_size,
        profiles=config.profiles,
    )
    return config, catalog


def use_color(stream: object = None) -> bool:
    """Colour only for a terminal, unless forced; `NO_COLOR` (any value) turns it off."""
    if SETTINGS.color is Color.always:
        return True
    if SETTINGS.color is Color.never or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    out = stream if stream is not None else sys.stdout
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    """The terminal's width, or 80 when output is not a terminal."""
    if use_color() or sys.stdout.isatty():
        try:
            return max(40, os.get_terminal_size(sys.stdout.fileno()).columns)
        except (OSError, ValueError):
            pass
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) >= 40 else 80


_SLICE = 1 << 16


def emit(text: str) -> None:
    """Write a reporter's output to stdout, with exactly one final newline."""
    emit_pieces((text,))


def emit_pieces(pieces: Iterable[str]) -> None:
    """Write output that comes in pieces as they come, with one final newline.

    Long text goes in slices, so a report of 50,000 findings is never copied whole to add a
    newline or to be encoded.
    """
    last = ""
    for text in pieces:
        for start in range(0, len(text), _SLICE):
            sys.stdout.write(text[start : start + _SLICE])
        last = text[-1:] or last
    if last and last != "\n":
        sys.stdout.write("\n")
    sys.stdout.flush()


def write_output(output: Path | None, pieces: Iterable[str]) -> None:
    """Write a report to `-o/--output` (or stdout when it is None, `-` or /dev/stdout).

    The one way a command writes `-o`: a regular file is replaced atomically, a FIFO, a
    device or a symlink to one is written to (`fsio.output_file`), with exactly one final
    newline as on stdout. A missing folder, a folder, a full disk or a read-only folder is a
    `RoleError` (one line, exit 2), and a regular file is then left as it was.
    """
    if output is None or fsio.output_is_stdout(output):
        emit_pieces(pieces)
        return
    try:
        with fsio.output_file(output) as sink:
            last = ""
            for text in pieces:
                for start in range(0, len(text), _SLICE):
                    sink.write(text[start : start + _SLICE])
                last = text[-1:] or last
            if last and last != "\n":
                sink.write("\n")
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise RoleError(f"cannot write: {_reason(exc)}", path=output, code="IO001") from None


def _reason(exc: OSError) -> str:
    """An OS error's reason in words (`strerror`), never the temporary file's name."""
    return exc.strerror or str(exc) or type(exc).__name__


OutputPath = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of stdout ('-' is stdout). A regular file is replaced "
        "atomically; a FIFO, a device or a symlink is written through, never replaced.",
        show_default=False,
    ),
]


def warn(message: str) -> None:
    """One line on stderr."""
    sys.stderr.write(message.rstrip("\n") + "\n")
