"""The catalog as one row per role: `roles list`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

from rich.cells import cell_len

from roledeck.model import CANONICAL_KINDS
from roledeck.reporters.fitted_table import Col, Justify, fitted_lines, wrap
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


def _layout(
    rows: list[RoleSummary], kinds: list[str], *, whole_ids: bool = False
) -> tuple[list[Col], list[list[str]]]:
    """The columns (a sub-role kind each; "other" if a row has kinds beyond them) and cells.

    Both layouts, the fitted table and the plain one, are built from these: they show the
    same text, except that the fitted table takes ids whole (up to 2,000 characters: it cuts
    them to its column, keeping their end) where the plain one clips them at 80.
    """
    labels = {
        kind: visible(label, keep_newlines=False) for kind, label in short_labels(kinds).items()
    }
    columns = [
        Col("id", wrap=False, floor=16, style="36", keep_end=True),  # one line, cut in the middle
        Col("name", floor=12),
        Col("tags", floor=10),
        Col("needs", justify="right", wrap=False, shrinks=False),
        Col("duties", justify="right", wrap=False, shrinks=False),
        *(Col(labels[kind], justify="center", wrap=False, shrinks=False) for kind in kinds),
    ]
    show_other = any(k not in kinds for row in rows for k in row.sub_roles)
    if show_other:
        columns.append(Col("other", floor=8))
    cells: list[list[str]] = []
    for row in rows:
        marks = ["✓" if kind in row.sub_roles else "·" for kind in kinds]
        others = [k for k in row.sub_roles if k not in kinds]
        cells.append(
            [
                _safe(row.id, 2000 if whole_ids else 80),
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
    return "\n".join(table_lines(rows, color=color, width=width, kinds=kinds))


def table_lines(
    rows: list[RoleSummary], *, color: bool, width: int = 80, kinds: list[str] | None = None
) -> Iterator[str]:
    """`table_view` line by line (10,000 roles are paged as they are laid out).

    No column is ever dropped: an id too long for its column is cut with "…" and a name or
    tags take at most two lines, the second cut with "…" (`--format json|ids` has them
    whole); the legend wraps at the width.
    """
    kinds = list(kinds or CANONICAL_KINDS)
    columns, cells = _layout(rows, kinds, whole_ids=True)
    yield from fitted_lines(columns, cells, width, color=color)
    for line in wrap(_footer(rows, kinds), width):
        yield f"\x1b[2m{line}\x1b[0m" if color else line


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


def _padded(cells: list[str], how: Justify) -> list[str]:
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
