"""`roles lint [PATHS...]`: check role files, for people, CI and pre-commit."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from roledeck import fsio
from roledeck.cli.common import (
    ConfigPath,
    OutputPath,
    RolesDir,
    open_catalog,
    terminal_width,
    use_color,
    warn,
    write_output,
)
from roledeck.textsafe import visible


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def _codes(values: list[str] | None) -> list[str]:
    return [code for value in values or [] for code in value.split(",") if code.strip()]


CodesOption = Annotated[list[str] | None, typer.Option(show_default=False)]


def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to lint. Default: the whole catalog.", show_default=False
        ),
    ] = None,
    format: Annotated[
        LintFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (path:line:col: CODE message), json, github (annotations in a workflow), "
            "or sarif (code scanning). Default: github when GITHUB_ACTIONS is set, else text.",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Only these rule codes or prefixes (comma-separated).",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Skip these rule codes or prefixes (comma-separated).",
            show_default=False,
        ),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option(
            "--extend-select", help="Add rule codes to the selection.", show_default=False
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the findings, no summary.")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Counts per rule instead of each finding.")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Lint every file afresh, without reading or writing the cache."
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Apply safe fixes (escape { and <, self-close <br>) in place."),
    ] = False,
    all_files: Annotated[
        bool,
        typer.Option("--all", help="Also report the files skipped as not role profiles."),
    ] = False,
    output: OutputPath = None,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """Lint role profiles: frontmatter, structure, consistency, content and the catalog.

    Exit codes: 0 no errors (warnings allowed unless --strict), 1 errors found,
    2 bad usage or configuration. 'roles rules' lists every rule.
    """
    from roledeck.lint.engine import LintSettings, run_lint
    from roledeck.lint.selection import Selection
    from roledeck.reporters import lint_formats

    settings_config, catalog = open_catalog(roles_dir, config)
    selection = Selection.resolve(
        settings_config,
        select=_codes(select),
        ignore=_codes(ignore),
        extend_select=_codes(extend_select),
    )
    targets = list(paths) if paths else [catalog.root]
    result = run_lint(
        targets,
        LintSettings(settings_config, selection),
        fix=fix,
        cache=not no_cache,
        catalog=catalog.root,
    )
    if not all_files:
        result.skipped = []
    chosen = format or (
        LintFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else LintFormat.text
    )
    to_file = output is not None and not fsio.output_is_stdout(output)
    pieces = lint_formats.report(
        chosen.value,
        result,
        color=use_color() and not to_file,
        width=terminal_width(),
        quiet=quiet,
        statistics=statistics,
    )
    write_output(output, pieces)
    for line in result.not_fixed:
        warn(visible(line, keep_newlines=False))
    if result.not_fixed:
        raise typer.Exit(2)
    if result.failed(strict=strict):
        raise typer.Exit(1)
