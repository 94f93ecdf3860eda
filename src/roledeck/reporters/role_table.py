"""The catalog as one row per role: `roles list`."""

from __future__ import annotations

from dataclasses import asdict

from rich.table import Table
from rich.text import Text

from roledeck.model import CANONICAL_KINDS
from roledeck.reporters.console import render
from roledeck.summary import RoleSummary
from roledeck.textsafe import clip, safe_json, visible

SHORT = {"sysadmin": "S", "developer": "D", "security": "Sec", "manager": "M", "coach": "C"}


def to_json(rows: list[RoleSummary]) -> str:
    return safe_json([asdict(row) for row in rows])


def short_labels(kinds: list[str]) -> dict[str, str]:
    """Column labels for sub-role kinds: the canonical five as S D Sec M C, others by prefix."""
    return {kind: SHORT.get(kind) or kind[:3].capitalize() for kind in kinds}


def table_view(
    rows: list[RoleSummary], *, color: bool, width: int = 80, kinds: list[str] | None = None
) -> str:
    """One row per role; a column per sub-role kind of the vocabulary (canonical by default)."""
    kinds = list(kinds or CANONICAL_KINDS)
    labels = short_labels(kinds)
    show_other = any(k not in kinds for row in rows for k in row.sub_roles)
    table = Table(box=None, header_style="bold underline", padding=(0, 1), pad_edge=False)
    # rich mis-sizes tables whose columns set min_width; no_wrap keeps ids whole instead
    table.add_column("id", style="cyan", no_wrap=True, overflow="fold")
    table.add_column("name", overflow="fold")
    table.add_column("tags", overflow="fold")
    table.add_column("needs", justify="right", no_wrap=True)
    table.add_column("duties", justify="right", no_wrap=True)
    for kind in kinds:
        table.add_column(labels[kind], justify="center", no_wrap=True)
    if show_other:
        table.add_column("other", overflow="fold")
    for row in rows:
        marks = ["✓" if kind in row.sub_roles else "·" for kind in kinds]
        others = [k for k in row.sub_roles if k not in kinds]
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
    legend = " · ".join(f"{labels[kind]} {kind}" for kind in kinds)
    footer = Text(f"{len(rows)} role(s). {legend}", style="dim")
    return render(table, footer, color=color, width=width)
