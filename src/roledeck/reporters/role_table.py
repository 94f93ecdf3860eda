"""The catalog as one row per role: `roles list`."""

from __future__ import annotations

from dataclasses import asdict

from rich.cells import cell_len
from rich.console import JustifyMethod
from rich.table import Column, Table
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


def _safe(text: str, limit: int) -> str:
    """A cell's text: clipped, control characters made visible, on one line.

    Tabs become spaces: rich measures a tab as no width, then wraps the cell it under-sized,
    and in the plain layout a tab would undo the alignment.
    """
    return visible(clip(text, limit), keep_newlines=False).expandtabs()


def _layout(rows: list[RoleSummary], kinds: list[str]) -> tuple[list[Column], list[list[str]]]:
    """The columns (a sub-role kind each; "other" if a row has kinds beyond them) and cells.

    Both layouts, rich's fitted table and the plain one, are built from these: they show the
    same text.
    """
    labels = {
        kind: visible(label, keep_newlines=False) for kind, label in short_labels(kinds).items()
    }
    columns = [
        # rich mis-sizes tables whose columns set min_width; no_wrap keeps ids whole instead
        Column("id", style="cyan", no_wrap=True, overflow="fold"),
        Column("name", overflow="fold"),
        Column("tags", overflow="fold"),
        Column("needs", justify="right", no_wrap=True),
        Column("duties", justify="right", no_wrap=True),
        *(Column(labels[kind], justify="center", no_wrap=True) for kind in kinds),
    ]
    show_other = any(k not in kinds for row in rows for k in row.sub_roles)
    if show_other:
        columns.append(Column("other", overflow="fold"))
    cells: list[list[str]] = []
    for row in rows:
        marks = ["✓" if kind in row.sub_roles else "·" for kind in kinds]
        others = [k for k in row.sub_roles if k not in kinds]
        cells.append(
            [
                _safe(row.id, 80),
                _safe(row.name, 120),
                _safe(", ".join(row.tags), 200),
                str(row.needs),
                str(row.duties),
                *marks,
                *([_safe(", ".join(others), 200)] if show_other else []),
            ]
        )
    return columns, cells


def _footer(rows: list[RoleSummary], kinds: list[str]) -> str:
    legend = " · ".join(f"{label} {kind}" for kind, label in short_labels(kinds).items())
    return visible(f"{len(rows)} role(s). {legend}", keep_newlines=False)


def table_view(
    rows: list[RoleSummary], *, color: bool, width: int = 80, kinds: list[str] | None = None
) -> str:
    """One row per role, fitted to `width`; a column per sub-role kind (canonical by default)."""
    kinds = list(kinds or CANONICAL_KINDS)
    columns, cells = _layout(rows, kinds)
    table = Table(*columns, box=None, header_style="bold underline", padding=(0, 1), pad_edge=False)
    for line in cells:
        table.add_row(*(Text(cell) for cell in line))
    return render(table, Text(_footer(rows, kinds), style="dim"), color=color, width=width)


def plain_table(rows: list[RoleSummary], *, kinds: list[str] | None = None) -> str:
    """The same table for a pipe or a file: one line per role, however long, never wrapped.

    Lines stay whole for `grep` and `sort` (as `docker ps` and `kubectl get` do), and laying
    out text is far cheaper than rich's table, which takes seconds for thousands of rows. It
    is what rich renders given unlimited width: columns at their natural width in display
    cells (wide and combining characters counted as a terminal does), two spaces apart.
    """
    kinds = list(kinds or CANONICAL_KINDS)
    columns, cells = _layout(rows, kinds)
    lines = [[str(column.header) for column in columns], *cells]
    padded = [
        _padded(list(cells_of_column), column.justify)
        for cells_of_column, column in zip(zip(*lines, strict=True), columns, strict=True)
    ]
    text = ["  ".join(parts).rstrip() for parts in zip(*padded, strict=True)]
    return "\n".join([*text, _footer(rows, kinds).rstrip()])


def _padded(cells: list[str], how: JustifyMethod) -> list[str]:
    """A column's cells padded to its width as rich justifies a cell (centre: extra space right).

    Worked column by column, each cell measured once: a column of plain ASCII text (the usual
    case, checked in one pass) is as wide as its characters.
    """
    sizes = _sizes(cells)
    width = max(sizes)
    if how == "left":
        return [cell + " " * (width - size) for cell, size in zip(cells, sizes, strict=True)]
    cells = [cell.rstrip() for cell in cells]  # rich aligns a right or centred cell's text
    sizes = _sizes(cells)
    if how == "right":
        return [" " * (width - size) + cell for cell, size in zip(cells, sizes, strict=True)]
    return [
        " " * ((width - size) // 2) + cell + " " * (width - size - (width - size) // 2)
        for cell, size in zip(cells, sizes, strict=True)
    ]


def _sizes(cells: list[str]) -> list[int]:
    """Display widths: characters for ASCII text (cells hold no control characters)."""
    return list(map(len, cells)) if "".join(cells).isascii() else list(map(cell_len, cells))
