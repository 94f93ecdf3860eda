"""`roles matrix --format json`: the matrix as a stable, versioned structure.

Cells are sparse: each row lists the columns it is marked in (`has`, `variant`, or `missing`
for a canonical sub-role a role lacks), so a catalog of a thousand roles stays small.
`version` changes only when a field changes meaning or goes away.
"""

from __future__ import annotations

from typing import Any

from roledeck.matrix import Matrix, Ranking, RoleRef, Row
from roledeck.textsafe import safe_json

VERSION = 1


def _role(ref: RoleRef) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name, "short": ref.short, "source": ref.source}


def _row(matrix: Matrix, row: Row) -> dict[str, Any]:
    cells = [
        {"column": matrix.columns[i].key, "mark": mark, "count": row.counts[i]}
        for i, mark in enumerate(row.marks)
        if mark != "absent"
    ]
    data: dict[str, Any] = {
        "key": row.head.key,
        "label": row.head.label,
        "total": row.total,
        "flags": list(row.flags),
        "cells": cells,
    }
    if matrix.by == "sub-roles":
        data["missing"] = list(row.missing)
    else:
        data["wordings"] = [
            {
                "text": w.text,
                "normalized": w.key,
                "roles": [matrix.roles[i].id for i in w.roles],
                "count": w.count,
            }
            for w in row.wordings
        ]
    return data


def matrix_data(matrix: Matrix) -> dict[str, Any]:
    totals = matrix.column_totals
    return {
        "version": VERSION,
        "by": matrix.by,
        "similarity": matrix.similarity,
        "roles": [_role(r) for r in matrix.roles],
        "columns": [
            {"key": c.key, "label": c.label, "canonical": c.canonical, "total": totals[i]}
            for i, c in enumerate(matrix.columns)
        ],
        "rows": [_row(matrix, row) for row in matrix.rows],
    }


def matrix_json(matrix: Matrix) -> str:
    return safe_json(matrix_data(matrix))


def ranking_data(ranking: Ranking) -> dict[str, Any]:
    return {
        "version": VERSION,
        "similar": _role(ranking.role),
        "features": ranking.features,
        "similarity": ranking.similarity,
        "matches": [
            {
                "role": _role(m.role),
                "score": round(m.score, 4),
                "features": m.features,
                "shared": [
                    {"section": s.section, "verbatim": s.verbatim, "text": s.text, "other": s.other}
                    for s in m.shared
                ],
            }
            for m in ranking.matches
        ],
        "unrelated": [r.id for r in ranking.unrelated],
    }


def ranking_json(ranking: Ranking) -> str:
    return safe_json(ranking_data(ranking))
