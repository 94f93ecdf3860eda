"""`roles matrix` on a terminal: a rich table that fits the width, then its legend.

Role names are abbreviated in column headers (the legend maps them back). When the role
columns of a needs or duties matrix cannot fit beside a readable label, each row lists its
roles instead (the first few lines of them; csv, json and html have the whole grid). Custom
sub-role kinds that do not fit are folded into one "other" column.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from roledeck.matrix import Matrix, Ranking, Row
from roledeck.reporters.console import render
from roledeck.reporters.matrix_parts import (
    FLAG_STYLES,
    ITEM,
    MARKS,
    MEASURE,
    SECTION_ITEM,
    STYLES,
    column_labels,
    flag_legend,
    grid_width,
    kind_legend,
    mark_legend,
    ranking_summary,
    role_legend,
    row_label,
    safe,
    summary,
)
from roledeck.reporters.matrix_text import role_list

LABEL_MIN = 20
"""The narrowest a wrapped label column gets before the grid gives way to role lists."""
LIST_LINES = 3
"""Lines of role abbreviations shown per row when rows list their roles."""


def _table() -> Table:
    return Table(box=None, header_style="bold underline", padding=(0, 1), pad_edge=False)


def _flags(row: Row) -> Text:
    text = Text()
    for index, flag in enumerate(row.flags):
        if index:
            text.append(", ")
        text.append(flag, style=FLAG_STYLES[flag])
    return text


def _legend(pairs: list[tuple[str, str]], between: str = " ") -> Text:
    """Pairs on wrapped lines, `;` apart (a `·` mark would read as a separator)."""
    text = Text(style="dim")
    for index, (key, meaning) in enumerate(pairs):
        if index:
            text.append("; ")
        text.append(key, style="bold")
        text.append(f"{between}{meaning}")
    return text


def matrix_rich(matrix: Matrix, *, color: bool, width: int = 80) -> str:
    if matrix.by == "sub-roles":
        table = _sub_roles(matrix, width)
        legends = [_legend(kind_legend(matrix))]
    else:
        key_width = max([len(r.head.key) for r in matrix.rows] or [1]) + 1
        flag_width = max([len(", ".join(r.flags)) for r in matrix.rows] or [5]) + 1
        fixed = key_width + LABEL_MIN + len("roles") + 1 + flag_width
        if fixed + grid_width(matrix) <= width:
            table = _grid(matrix)
        else:
            # the rest shared by the label and the list of roles, half each
            table = _listing(matrix, max(16, (width - fixed + LABEL_MIN) // 2))
        legends = [_legend(role_legend(matrix))]
    legends = [legend for legend in legends if legend.plain]
    legends.append(_legend(mark_legend(matrix)))
    legends += [_legend([pair], ": ") for pair in flag_legend(matrix)]
    return render(table, Text(summary(matrix)), *legends, color=color, width=width)


def _mark(row: Row, index: int) -> Text:
    mark = row.marks[index]
    return Text(MARKS[mark], style=STYLES[mark])


def _sub_roles(matrix: Matrix, width: int) -> Table:
    labels = column_labels(matrix)
    shown = list(range(len(labels)))
    folded: list[int] = []
    need = 16 + sum(len(label) + 1 for label in labels) + len("total") + 1
    if need > width:
        shown = [i for i, c in enumerate(matrix.columns) if c.canonical]
        folded = [i for i, c in enumerate(matrix.columns) if not c.canonical]
    table = _table()
    table.add_column("role", overflow="fold")
    for index in shown:
        table.add_column(labels[index], justify="center", no_wrap=True)
    table.add_column("total", justify="right", no_wrap=True)
    if folded:
        table.add_column("other", overflow="fold")
    for row in matrix.rows:
        style = "bold red" if row.missing else ""
        cells: list[Text | str] = [Text(row_label(matrix, row, 200), style=style)]
        cells += [_mark(row, i) for i in shown]
        cells.append(str(row.total))
        if folded:
            others = [labels[i] for i in folded if row.marks[i] == "has"]
            cells.append(Text(", ".join(others)))
        table.add_row(*cells)
    totals = matrix.column_totals
    footer: list[Text | str] = [Text("total", style="bold")]
    footer += [str(totals[i]) for i in shown]
    footer.append("")
    if folded:
        footer.append(", ".join(f"{labels[i]} {totals[i]}" for i in folded))
    table.add_row(*footer, style="dim")
    return table


def _grid(matrix: Matrix) -> Table:
    labels = column_labels(matrix)
    table = _table()
    table.add_column("", style="dim", no_wrap=True)
    table.add_column(ITEM[matrix.by], overflow="fold", min_width=LABEL_MIN)
    for label in labels:
        table.add_column(label, justify="center", no_wrap=True)
    table.add_column("roles", justify="right", no_wrap=True)
    table.add_column("flags", no_wrap=True)
    for row in matrix.rows:
        table.add_row(
            row.head.key,
            Text(row_label(matrix, row)),
            *(_mark(row, i) for i in range(len(labels))),
            str(row.total),
            _flags(row),
        )
    totals = [str(n) for n in matrix.column_totals]
    table.add_row("", Text("total", style="bold"), *totals, "", "", style="dim")
    return table


def _listing(matrix: Matrix, which: int) -> Table:
    table = _table()
    table.add_column("", style="dim", no_wrap=True)
    table.add_column(ITEM[matrix.by], overflow="fold", ratio=1)
    table.add_column("roles", justify="right", no_wrap=True)
    table.add_column("flags", no_wrap=True)
    table.add_column("which", overflow="fold", width=which)
    # words wrap with a ragged edge: a line holds about `which` minus half a word
    limit = (which - 4) * LIST_LINES
    for row in matrix.rows:
        table.add_row(
            row.head.key,
            Text(row_label(matrix, row)),
            str(row.total),
            _flags(row),
            Text(_clipped(role_list(matrix, row), limit), style="dim"),
        )
    return table


def _clipped(listing: str, limit: int) -> str:
    """At most `limit` characters of a space-separated list, saying how many were left."""
    if len(listing) <= limit:
        return listing
    cut = listing.rfind(" ", 0, limit - len(" … +9999 more"))
    shown = listing[: max(cut, 0)]
    left = len(listing.split()) - len(shown.split())
    return f"{shown} … +{left} more"


def ranking_rich(ranking: Ranking, *, color: bool, width: int = 80) -> str:
    table = _table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("role and shared items", overflow="fold")
    for rank, match in enumerate(ranking.matches, start=1):
        cell = Text()
        cell.append(safe(match.role.name, 200), style="bold")
        cell.append(f" ({safe(match.role.id, 200)})", style="cyan")
        cell.append(f" shares {len(match.shared)} of its {match.features}", style="dim")
        for item in match.shared:
            mark = "=" if item.verbatim else "~"
            cell.append(f"\n{mark} ", style="magenta" if item.verbatim else "yellow")
            cell.append(f"{SECTION_ITEM[item.section]}: ", style="dim")
            cell.append(safe(item.text, 300))
            if not item.verbatim and item.other != item.text:
                cell.append(" ~ ", style="yellow")
                cell.append(safe(item.other, 300))
        table.add_row(str(rank), f"{match.score:.2f}", cell)
    title = Text(f"Roles closest to {safe(ranking.role.name, 200)} ({safe(ranking.role.id)})")
    title.stylize("bold")
    parts: list[Text | Table] = [title, table]
    if ranking.unrelated:
        shown = ", ".join(safe(r.id, 200) for r in ranking.unrelated)
        parts.append(Text(f"Sharing nothing: {shown}", style="dim"))
    parts += [Text(ranking_summary(ranking)), Text(MEASURE + ".", style="dim")]
    return render(*parts, color=color, width=width)
