"""`roles fmt [PATHS]`: rewrite role files to the canonical layout, never losing a word."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roledeck.cli.common import ConfigPath, RolesDir, emit, open_catalog, warn
from roledeck.errors import RoleError
from roledeck.textsafe import visible


def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Role files or folders to format. Default: the whole catalog.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list the files that would change, exit 1."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Write nothing; print the changes as a unified diff."),
    ] = False,
    mdx_comments: Annotated[
        bool,
        typer.Option(
            "--mdx-comments",
            help="Also rewrite notes written as HTML comments as MDX comments {/* … */}, "
            "which Docusaurus builds without mdx1Compat (v4).",
        ),
    ] = False,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """Format role files: a blank line around headings, '-' bullets for needs and duties, one
    blank line between blocks, LF line endings, a final newline; frontmatter kept as written.

    A file is written only if reading it back gives the same role; otherwise it is left
    alone and the message says what would differ. YAML role files are skipped.

    Exit codes: 0 done (or nothing to change), 1 with --check when a file would change,
    2 when a file could not be read or formatted (the others are still processed).
    """
    from roledeck.fmt import Status, format_files, role_files
    from roledeck.reporters import fmt_report

    settings, catalog = open_catalog(roles_dir, config)
    if not paths and catalog.origin == "bundled":
        raise RoleError(
            "no catalog here to format: pass role files or folders, or --roles-dir", code="USAGE"
        )
    # the catalog is walked as any folder is: only its role profiles are formatted
    files, missing = role_files(
        paths or [catalog.root], profiles=settings.profiles, catalog=catalog.root
    )
    outcomes = format_files(
        files,
        write=not (check or diff),
        vocabulary=settings.vocab,
        max_bytes=settings.max_file_size,
        mdx_comments=mdx_comments,
        profiles=settings.profiles,
    )
    for error in missing:
        warn(visible(error.located(), keep_newlines=False))
    for line in fmt_report.problem_lines(outcomes):
        warn(line)
    if diff:
        emit(fmt_report.unified_diffs(outcomes))
        warn(fmt_report.summary(outcomes, check=True))
    else:
        emit(fmt_report.status_report(outcomes, check=check))
    if missing or any(o.status in (Status.failed, Status.refused) for o in outcomes):
        raise typer.Exit(2)
    if check and any(o.status is Status.reformatted for o in outcomes):
        raise typer.Exit(1)
