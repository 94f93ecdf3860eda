"""`roles new NAME`: write a new profile, blank (with TODO notes) or copied from another role."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roledeck.cli.common import ConfigPath, RolesDir, emit, open_catalog
from roledeck.errors import RoleError
from roledeck.textsafe import visible


def command(
    name: Annotated[
        str,
        typer.Argument(
            help="The new role's name as headings write it, e.g. 'SRE Lead'. The file is "
            "its slug: sre-lead.md. Markup characters (<, {, *, …) are escaped in the text.",
            show_default=False,
        ),
    ],
    from_role: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Copy this role (id, name or path), replacing its name everywhere but in "
            "sub-role headings; the copy gets its own title, no id, slug or description of "
            "the source, and a sidebar_position free in the folder.",
            show_default=False,
        ),
    ] = None,
    sub_roles: Annotated[
        str | None,
        typer.Option(
            "--sub-roles",
            help="Comma-separated sub-role kinds, in order (default: all of the vocabulary's: "
            "sysadmin,developer,security,manager,coach).",
            show_default=False,
        ),
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            help="Folder to write to (created if missing). Default: the catalog folder.",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    roles_dir: RolesDir = None,
    config: ConfigPath = None,
) -> None:
    """Create a role profile with the conventional headings and TODO notes saying what to
    write; it passes `roles lint` (the notes are warnings). Never overwrites a file.

    Example: roles new "SRE Lead" --sub-roles sysadmin,developer
    """
    from roledeck import scaffold
    from roledeck.export import with_note_syntax

    settings, catalog = open_catalog(roles_dir, config)
    role_name = scaffold.check_name(name)
    # MDX comments build under Docusaurus 3 and 4 alike; HTML ones need mdx1Compat.comments
    mdx = settings.docusaurus.markdown_format == "mdx"
    if folder is None:
        if catalog.origin == "bundled":
            raise RoleError("no catalog folder here: pass --dir or --roles-dir", code="USAGE")
        folder = catalog.root
    if from_role is not None:
        if sub_roles is not None:
            raise RoleError(
                "--sub-roles cannot be combined with --from: the copy keeps the source's sub-roles",
                code="USAGE",
            )
        copied = scaffold.copied_role(
            catalog.resolve(from_role), role_name, vocabulary=settings.vocab
        )
        role = with_note_syntax(copied, "mdx" if mdx else "html")  # the source's notes too
    else:
        kinds = (
            None if sub_roles is None else [k.strip() for k in sub_roles.split(",") if k.strip()]
        )
        role = scaffold.blank_role(
            role_name,
            sub_roles=kinds,
            vocabulary=settings.vocab,
            note_syntax="mdx" if mdx else "html",
        )
    path = scaffold.create_role_file(folder, role, vocabulary=settings.vocab, catalog=catalog)
    emit(visible(f"created {path}", keep_newlines=False))
