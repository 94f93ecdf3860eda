"""The catalog as one row per role: `roles list`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from rich.table import Table
from rich.text import Text

from roledeck.model import CANONICAL_KINDS, Role
from roledeck.reporters.console import render
from roledeck.textsafe import clip, safe_json, visible

SHORT = {"sysadmin": "S", "developer": "D", "security": "Sec", "manager": "M", "coach": "C"}


@dataclass(frozen=True)
class RoleSummary:
    """What `roles list` shows of a role (also its JSON record)."""

    id: str
    name: str
    tags: list[str]
    needs: int
    duties: int
    sub_roles: list[str]
    source: str | None


def summaries(roles: list[Role]) -> list[RoleSummary]:
    return [
        RoleSummary(
            id=r.id,
            name=r.name,
            tags=list(r.frontmatter.tags or []),
            needs=len(r.needs),
            duties=len(r.duties),
            sub_roles=r.kinds,
            source=r.source,
        )
        for r in sorted(roles, key=lambda r: r.id)
    ]


def to_json(rows: list[RoleSummary]) -> str:
    return safe_json([asdict(row) for row in rows])


def table_view(rows: list[RoleSummary], *, color: bool, width: int = 80) -> str:
    show_other = any(k not in CANONICAL_KINDS for row in rows for k in row.sub_roles)
    table = Table(box=None, header_style="bold underline", padding=(0, 1), pad_edge=False)
    # rich mis-sizes tables whose columns set min_width; no_wrap keeps ids whole instead
    table.add_column("id", style="cyan", no_wrap=True, overflow="fold")
    table.add_column("name", overflow="fold")
    table.add_column("tags", overflow="fold")
    table.add_column("needs", justify="right", no_wrap=True)
    table.add_column("duties", justify="right", no_wrap=True)
    for kind in CANONICAL_KINDS:
        table.add_column(SHORT[kind], justify="center", no_wrap=True)
    if show_other:
        table.add_column("other", overflow="fold")
    for row in rows:
        marks = ["✓" if kind in row.sub_roles else "·" for kind in CANONICAL_KINDS]
        others = [k for k in row.sub_roles if k not in CANONICAL_KINDS]
        table.add_row(
            Text(visible(clip(row.id, 80), keep_newlines=False)),
            Text(visible(clip(row.name, 120), keep_newlines=False)),
            Text(visible(clip(", ".join(row.tags), 200), keep_newlines=False)),
            str(row.needs),
            str(row.duties),
            *marks,
            *(
                [Text(visible(clip(", ".join(others), 200), keep_newlines=False))]
                if show_other
                else []
            ),
        )
    legend = "S sysadmin · D developer · Sec security · M manager · C coach"
    footer = Text(f"{len(rows)} role(s). {legend}", style="dim")
    return render(table, footer, color=color, width=width)
