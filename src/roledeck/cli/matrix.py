"""`roles matrix`: the catalog as a matrix of roles × sub-roles, duties or needs."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from roledeck import fsio
from roledeck.cli.common import (
    ConfigPath,
    OutputPath,
    RolesDir,
    complete_role,
    open_catalog,
    terminal_width,
    use_color,
    warn,
    write_output,
)
from roledeck.errors import RoleError
from roledeck.textsafe import visible

if TYPE_CHECKING:
    from roledeck.matrix import Matrix, Ranking


class MatrixBy(StrEnum):
    sub_roles = "sub-roles"
    duties = "duties"
    needs = "needs"


class MatrixFormat(StrEnum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    html = "html"


def command(
    roles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ROLES",
            help="Roles to include (ids, names, unique words or paths). Default: the whole "
            "catalog.",
            autocompletion=complete_role,
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", "-t", help="Include the roles with this tag (repeat for any of several)."
        ),
    ] = None,
    by: Annotated[
        MatrixBy | None,
        typer.Option(
            "--by",
            help="sub-roles (default): roles × sub-role kinds, a role lacking a canonical one "
            "flagged. duties, needs: the items of all roles grouped by similarity, one row "
            "per group; 'verbatim' = identical once each role's name reads as one "
            "placeholder, 'similar' = grouped at the roles diff threshold (word similarity "
            ">= 0.5), 'unique' = one role only.",
            show_default=False,
        ),
    ] = None,
    similar: Annotated[
        str | None,
        typer.Option(
            "--similar",
            metavar="ROLE",
            help="Rank the other roles by what they share with ROLE: score = 2 × shared / "
            "(features of both), features being the need and duty groups a role is in and "
            "its sub-role kinds; each with the shared items.",
            autocompletion=complete_role,
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        MatrixFormat,
        typer.Option(
            "--format",
            "-f",
            help="rich (a terminal table; no colour when piped), text (plain, one line per "
            "row), markdown (a Docusaurus page), csv, json, or html (one self-contained page).",
        ),
    ] = MatrixFormat.rich,
    output: OutputPath = None,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """The catalog as a matrix: roles × sub-roles (default), duties or needs.

    Examples: roles matrix; roles matrix --by duties --format html -o duties.html;
    roles matrix --similar devops-engineer

    Exit code 0: the matrix is information, not findings (2 for bad usage, or when files
    of the catalog cannot be read; the readable roles are still shown).
    """
    from roledeck import matrix

    if similar is not None and by is not None:
        raise RoleError("--similar ranks on needs, duties and sub-roles together; not with --by")
    _, catalog = open_catalog(roles_dir, config)
    to_file = output is not None and not fsio.output_is_stdout(output)
    if similar is not None:
        target = catalog.resolve(similar)
        chosen, errors = matrix.select(catalog, roles or [], tag or [])
        text = _render(matrix.rank_similar(target, chosen), format, to_file=to_file)
    else:
        chosen, errors = matrix.select(catalog, roles or [], tag or [])
        built = matrix.build(chosen, (by or MatrixBy.sub_roles).value, catalog.vocabulary)
        text = _render(built, format, to_file=to_file)
    write_output(output, (text,))
    for error in errors:
        warn(visible(error.located(), keep_newlines=False))
    if errors:
        raise typer.Exit(2)


def _render(subject: Matrix | Ranking, format: MatrixFormat, *, to_file: bool) -> str:
    """The matrix or the similarity ranking in one format (each reporter returns a string)."""
    from roledeck.matrix import Matrix
    from roledeck.reporters import (
        matrix_csv,
        matrix_html,
        matrix_json,
        matrix_markdown,
        matrix_rich,
        matrix_text,
    )

    is_matrix = isinstance(subject, Matrix)
    if format is MatrixFormat.rich:
        color, width = use_color() and not to_file, terminal_width()
        if isinstance(subject, Matrix):
            return matrix_rich.matrix_rich(subject, color=color, width=width)
        return matrix_rich.ranking_rich(subject, color=color, width=width)
    module = {
        MatrixFormat.text: matrix_text,
        MatrixFormat.markdown: matrix_markdown,
        MatrixFormat.csv: matrix_csv,
        MatrixFormat.json: matrix_json,
        MatrixFormat.html: matrix_html,
    }[format]
    reporter = getattr(module, f"{'matrix' if is_matrix else 'ranking'}_{format.value}")
    return str(reporter(subject))
