"""`roles matrix --format csv`: one row per matrix row, a column per role or sub-role kind.

Cells are `x` (has it), `~` (has it, worded differently) or empty. Text from role files is
made printable, and a cell that a spreadsheet would run as a formula (starting with `=`, `+`,
`-`, `@`, a tab or a carriage return) gets a leading `'`: role files come from pull requests.
"""

from __future__ import annotations

import csv
import io

from roledeck.matrix import Mark, Matrix, Ranking
from roledeck.reporters.matrix_parts import SECTION_ITEM
from roledeck.textsafe import visible

CELLS: dict[Mark, str] = {"has": "x", "variant": "~", "missing": "", "absent": ""}


def cell(text: str) -> str:
    """A text cell that is printable and never a formula."""
    value = visible(text, keep_newlines=False)
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def _write(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def matrix_csv(matrix: Matrix) -> str:
    columns = [cell(c.key) for c in matrix.columns]
    if matrix.by == "sub-roles":
        rows = [["id", "name", *columns, "total", "missing"]]
        for row in matrix.rows:
            marks = [CELLS[m] for m in row.marks]
            rows.append(
                [
                    cell(row.head.key),
                    cell(row.head.label),
                    *marks,
                    str(row.total),
                    ";".join(row.missing),
                ]
            )
        return _write(rows)
    rows = [["group", "text", "roles", "flags", *columns]]
    for row in matrix.rows:
        marks = [CELLS[m] for m in row.marks]
        flags = ";".join(row.flags)
        rows.append([row.head.key, cell(row.head.label), str(row.total), flags, *marks])
    return _write(rows)


def ranking_csv(ranking: Ranking) -> str:
    """One row per role that shares something: its score, counts, and the shared items."""
    rows = [["rank", "id", "name", "score", "shared", "needs", "duties", "sub_roles", "items"]]
    for rank, match in enumerate(ranking.matches, start=1):
        counts = {
            s: sum(1 for i in match.shared if i.section == s)
            for s in ("needs", "duties", "sub-roles")
        }
        items = " | ".join(
            f"{'verbatim' if i.verbatim else 'similar'} {SECTION_ITEM[i.section]}: {i.text}"
            for i in match.shared
        )
        rows.append(
            [
                str(rank),
                cell(match.role.id),
                cell(match.role.name),
                f"{match.score:.4f}",
                str(len(match.shared)),
                str(counts["needs"]),
                str(counts["duties"]),
                str(counts["sub-roles"]),
                cell(items),
            ]
        )
    return _write(rows)
