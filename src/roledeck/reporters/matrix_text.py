"""`roles matrix --format text`: plain, aligned, one line per row, the label last.

No wrapping and no clipping of labels, so the output greps and diffs well; a needs or duties
matrix with more roles than `GRID_LIMIT` lists each row's roles instead of a mark per role.
"""

from __future__ import annotations

from roledeck.matrix import Matrix, Ranking, Row
from roledeck.reporters.matrix_parts import (
    GRID_LIMIT,
    ITEM,
    MARKS,
    MEASURE,
    SECTION_ITEM,
    column_labels,
    flag_legend,
    flags_text,
    kind_legend,
    mark_legend,
    missing_text,
    ranking_summary,
    role_legend,
    row_label,
    safe,
    summary,
)


def align(rows: list[list[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """Columns padded to their widest cell, two spaces apart; the last cell is not padded."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row[:-1])
        ]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines


def role_list(matrix: Matrix, row: Row) -> str:
    """The roles a row's item is in: abbreviations, `~` after one worded differently."""
    out = []
    for mark, role in zip(row.marks, matrix.roles, strict=True):
        if mark == "has":
            out.append(safe(role.short))
        elif mark == "variant":
            out.append(safe(role.short) + MARKS["variant"])
    return " ".join(out)


def matrix_text(matrix: Matrix) -> str:
    labels = column_labels(matrix)
    totals = [str(n) for n in matrix.column_totals]
    if matrix.by == "sub-roles":
        table = [[*labels, "total", "role"]]
        for row in matrix.rows:
            name = row_label(matrix, row)
            if row.missing:
                name += f": lacks {missing_text(matrix, row)}"
            table.append([*(MARKS[m] for m in row.marks), str(row.total), name])
        table.append([*totals, "", "total"])
        lines = align(table, frozenset({len(labels)}))
        legends = kind_legend(matrix)
    elif len(matrix.roles) <= GRID_LIMIT:
        table = [["", *labels, "roles", "flags", ITEM[matrix.by]]]
        for row in matrix.rows:
            marks = [MARKS[m] for m in row.marks]
            table.append(
                [row.head.key, *marks, str(row.total), flags_text(row), row_label(matrix, row)]
            )
        table.append(["", *totals, "", "", "total"])
        lines = align(table, frozenset({len(labels) + 1}))
        legends = role_legend(matrix)
    else:
        table = [["", "roles", "flags", ITEM[matrix.by]]]
        for row in matrix.rows:
            label = f"{row_label(matrix, row)} — {role_list(matrix, row)}"
            table.append([row.head.key, str(row.total), flags_text(row), label])
        lines = align(table, frozenset({1}))
        legends = role_legend(matrix)
    lines += ["", summary(matrix)]
    lines += align([[key, meaning] for key, meaning in legends])
    lines += align([[key, meaning] for key, meaning in mark_legend(matrix)])
    lines += [f"{key}: {meaning}" for key, meaning in flag_legend(matrix)]
    return "\n".join(lines) + "\n"


def ranking_text(ranking: Ranking) -> str:
    target = ranking.role
    lines = [f"Roles closest to {safe(target.name)} ({safe(target.id)}):"]
    for rank, match in enumerate(ranking.matches, start=1):
        role = match.role
        lines.append(
            f"{rank:>3}  {match.score:.2f}  {safe(role.name)} ({safe(role.id)}): "
            f"shares {len(match.shared)} of its {match.features}"
        )
        for item in match.shared:
            mark = "=" if item.verbatim else "~"
            text = safe(item.text)
            if not item.verbatim and item.other != item.text:
                text += f"  ~  {safe(item.other)}"
            lines.append(f"       {mark} {SECTION_ITEM[item.section]:<8}  {text}")
    if ranking.unrelated:
        shown = ", ".join(safe(r.id) for r in ranking.unrelated)
        lines.append(f"Sharing nothing: {shown}")
    lines += ["", ranking_summary(ranking), MEASURE + "."]
    return "\n".join(lines) + "\n"
