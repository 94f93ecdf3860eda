"""`roles diff A B`: how two roles differ, field by field on the schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from roledeck.cli.common import (
    ConfigPath,
    RolesDir,
    complete_role,
    emit,
    open_catalog,
    terminal_width,
    use_color,
)
from roledeck.errors import RoleError

if TYPE_CHECKING:
    from roledeck.diff import RoleDiff

_OPERAND_HELP = (
    "A role id, name or unique word of one, a path to a role file, or either with @REV for "
    "the role as it was at a git revision (e.g. devops-specialist@HEAD~1)."
)


class DiffFormat(StrEnum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"


Old = Annotated[
    str,
    typer.Argument(
        metavar="A", help=_OPERAND_HELP, autocompletion=complete_role, show_default=False
    ),
]
New = Annotated[
    str | None,
    typer.Argument(
        metavar="B",
        help="The role to compare A with, in any of the same forms.",
        autocompletion=complete_role,
        show_default=False,
    ),
]
CONTEXT = {"allow_extra_args": True}
"""git passes an external diff seven arguments; past A and B they arrive in `ctx.args`."""


def command(
    ctx: typer.Context,
    old: Old,
    new: New = None,
    literal: Annotated[
        bool,
        typer.Option(
            "--literal",
            help="Compare the text as written. By default each role's own name (with its "
            "article) reads as one placeholder, so a renamed copy differs only in its name.",
        ),
    ] = False,
    format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="rich (a terminal view; no colour when piped), text (plain, git word-diff "
            "markers), markdown (to paste into a pull request) or json (docs/diff-json.md).",
        ),
    ] = DiffFormat.rich,
    stat: Annotated[bool, typer.Option("--stat", help="Only the closing summary line.")] = False,
    side_by_side: Annotated[
        bool,
        typer.Option(
            "--side-by-side",
            "-y",
            help="The two roles in two columns, section by section; shared items marked '='.",
        ),
    ] = False,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when the roles differ, 0 when equal (as git diff)."
        ),
    ] = False,
    git_driver: Annotated[
        bool,
        typer.Option(
            "--git-driver",
            help="Run as git's external diff: take the 7 arguments git passes (path, old "
            "file, hex, mode, new file, hex, mode). Set it with git config diff.roles.command "
            "'roles diff --git-driver' and '*.md diff=roles' in .gitattributes (see README).",
        ),
    ] = False,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """Compare two roles: name, frontmatter, summary, needs, duties, sub-roles, notes.

    Items are paired by similarity, not position: an edited item is changed (with the words
    removed and added), a reordered one moved.

    Examples: roles diff devops-engineer devops-specialist;
    roles diff devops-specialist@HEAD~1 devops-specialist
    """
    from roledeck.diff import diff_roles
    from roledeck.gitcatalog import Workspace
    from roledeck.gitrev import load_operand

    rest = list(ctx.args)
    if git_driver:
        if exit_code:
            raise RoleError("--exit-code does not go with --git-driver (git needs exit 0)")
        _git_driver(
            [old, *([new] if new is not None else []), *rest],
            roles_dir,
            config,
            format,
            stat=stat,
            side_by_side=side_by_side,
            literal=literal,
        )
        return
    if new is None:
        raise RoleError("missing argument B: the role to compare A with", code="USAGE")
    if rest:
        raise RoleError(f"expected two roles, A and B; got {2 + len(rest)} arguments")
    if format is DiffFormat.json and side_by_side:
        raise RoleError("--side-by-side is a layout for people; not with --format json")
    if stat and side_by_side:
        raise RoleError("--stat and --side-by-side do not go together")
    settings, catalog = open_catalog(roles_dir, config)
    ws = Workspace(catalog, settings, config)
    result = diff_roles(load_operand(ws, old), load_operand(ws, new), literal=literal)
    emit(_report(result, format, stat=stat, side_by_side=side_by_side))
    if exit_code and not result.equal:
        raise typer.Exit(1)


def _git_driver(
    args: list[str],
    roles_dir: Path | None,
    config: Path | None,
    format: DiffFormat,
    *,
    stat: bool,
    side_by_side: bool,
    literal: bool,
) -> None:
    """One file of `git diff`: its semantic diff under git-style header lines."""
    from roledeck import gitdriver
    from roledeck.textsafe import visible

    parsed = gitdriver.parse_args(args)
    _, catalog = open_catalog(roles_dir, config)
    result = gitdriver.compare(parsed, catalog, literal=literal)
    lines = [visible(line, keep_newlines=False) for line in result.header + result.plain]
    text = "\n".join(lines)
    if result.diff is not None:
        report = _report(result.diff, format, stat=stat, side_by_side=side_by_side)
        text += "\n" + report
    emit(text)


def _report(result: RoleDiff, format: DiffFormat, *, stat: bool, side_by_side: bool) -> str:
    color = format is DiffFormat.rich and use_color()
    if format is DiffFormat.json:
        from roledeck.reporters.diff_json import diff_json

        return diff_json(result, stat=stat)
    if format is DiffFormat.markdown:
        from roledeck.reporters import diff_markdown

        if stat:
            return diff_markdown.stat(result)
        if side_by_side:
            return diff_markdown.side_by_side(result)
        return diff_markdown.unified(result)
    from roledeck.reporters import diff_text

    width = terminal_width()
    if stat:
        return diff_text.stat(result, color=color, width=width)
    if side_by_side:
        plain = format is DiffFormat.text
        from roledeck.reporters import diff_side

        return diff_side.side_by_side(result, color=color, width=width, plain=plain)
    if format is DiffFormat.text:
        return diff_text.plain_diff(result)
    return diff_text.rich_diff(result, color=color, width=width)
