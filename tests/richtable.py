"""The `roles list` table as rich's own `Table` lays it out: the reference the fitted layout
(`roledeck.reporters.fitted_table`) is checked against.

This is how `roles list` rendered its fitted table before issue 18 (seconds for 10,000 rows):
kept here, not in the package, because only the tests need rich's answer.
"""

from __future__ import annotations

from rich.table import Column, Table
from rich.text import Text

from roledeck.model import CANONICAL_KINDS
from roledeck.reporters.console import render
from roledeck.reporters.role_table import _footer, _layout
from roledeck.summary import RoleSummary


def rich_table(
    rows: list[RoleSummary], *, color: bool, width: int, kinds: list[str] | None = None
) -> str:
    """The table rendered by rich at `width`, as `roles list` printed it before issue 18."""
    kinds = list(kinds or CANONICAL_KINDS)
    cols, cells = _layout(rows, kinds, whole_ids=True)
    columns = [
        Column(
            col.header,
            style="cyan" if col.style else "",
            justify=col.justify,
            no_wrap=not col.wrap,
            overflow="fold",
        )
        for col in cols
    ]
    table = Table(*columns, box=None, header_style="bold underline", padding=(0, 1), pad_edge=False)
    for line in cells:
        table.add_row(*(Text(cell) for cell in line))
    return render(table, Text(_footer(rows, kinds), style="dim"), color=color, width=width)
