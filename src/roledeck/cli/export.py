"""`roles export`: the whole catalog for other tools, as one document or one file per role."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from roledeck.choices import ExportFormat
from roledeck.cli.common import ConfigPath, RolesDir, emit, open_catalog, warn
from roledeck.textsafe import visible

if TYPE_CHECKING:
    from roledeck.config import Config
    from roledeck.errors import RoleError
    from roledeck.model import Role


def command(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json or yaml: {schema_version, roles: [...]}, each role as its YAML role file "
            "holds it; markdown: Docusaurus docs, separated by '<!-- roles export: ID -->', "
            "notes in the comment syntax [tool.roles.docusaurus] says the site builds; "
            "jsonld: schema.org Occupations (docs/jsonld.md), one @graph document.",
        ),
    ] = ExportFormat.json,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write one file per role, <id>.json|yaml|md|jsonld (.mdx for an MDX doc), into "
            "this folder (created if missing; a nested id such as team/lead goes into team/) "
            "instead of one document to stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="With --out, replace files that already exist.")
    ] = False,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """Export every role of the catalog.

    Files that cannot be read are reported on stderr and make the exit code 2; the readable
    roles are still exported.
    """
    from roledeck import export
    from roledeck.reporters.catalog_doc import document, role_text

    settings, catalog = open_catalog(roles_dir, config)
    roles, errors = catalog.load_all()
    notes = export.site_note_syntax(settings.docusaurus)
    if format is ExportFormat.jsonld:
        errors += _jsonld(roles, settings, catalog.root, out, force=force)
    elif out is None:
        emit(document(roles, format, vocabulary=settings.vocab, notes=notes))
    else:
        names = export.file_names(roles, format)
        texts = [role_text(role, format, vocabulary=settings.vocab, notes=notes) for role in roles]
        written = export.write_files(out, list(zip(names, texts, strict=True)), force=force)
        emit("\n".join(visible(f"wrote {path}", keep_newlines=False) for path in written))
    for error in errors:
        warn(visible(error.located(), keep_newlines=False))
    if errors:
        raise typer.Exit(2)


def _jsonld(
    roles: list[Role], settings: Config, root: Path, out: Path | None, *, force: bool
) -> list[RoleError]:
    """schema.org JSON-LD: one @graph document, or one document per role with --out."""
    from roledeck import export, jsonld
    from roledeck.textsafe import safe_json

    mapping = settings.export.jsonld
    docs_root = root
    if mapping.docs_dir is not None:
        base = Path(settings.source).parent if settings.source else Path()
        docs_root = base / mapping.docs_dir
    if out is None:
        data, problems = jsonld.document(roles, mapping, docs_root)
        emit(safe_json(data))
        return problems
    problems = []
    texts = []
    for role in roles:
        node, found = jsonld.occupation(role, mapping, docs_root)
        texts.append(safe_json(node) + "\n")
        problems += found
    names = export.file_names(roles, ExportFormat.jsonld)
    written = export.write_files(out, list(zip(names, texts, strict=True)), force=force)
    emit("\n".join(visible(f"wrote {path}", keep_newlines=False) for path in written))
    return problems
