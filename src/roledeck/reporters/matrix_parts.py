"""What every `roles matrix` format says alike: labels, marks, legends, summaries.

The formats differ only in how they draw these, so a reader who switches format finds the same
abbreviations, marks and words.
"""

from __future__ import annotations

from roledeck.matrix import Flag, Mark, Matrix, Ranking, Row
from roledeck.reporters.role_table import short_labels
from roledeck.textsafe import clip, visible

MARKS: dict[Mark, str] = {"has": "✓", "variant": "~", "missing": "✗", "absent": "·"}
STYLES: dict[Mark, str] = {
    "has": "green",
    "variant": "yellow",
    "missing": "bold red",
    "absent": "dim",
}
FLAG_STYLES: dict[Flag, str] = {
    "verbatim": "magenta",
    "similar": "yellow",
    "unique": "cyan",
    "missing": "red",
}

TITLES = {"sub-roles": "Sub-roles", "duties": "Duties", "needs": "Needs"}
ITEM = {"sub-roles": "sub-role kind", "duties": "duty", "needs": "need"}
SECTION_ITEM = {"needs": "need", "duties": "duty", "sub-roles": "sub-role"}

GRID_LIMIT = 40
"""Most role columns in a grid of needs or duties in the page formats (one mark per role);
beyond, each row lists its roles instead."""


def safe(text: str, limit: int = 2000) -> str:
    """User text on one line, printable and short enough to lay out quickly."""
    return visible(clip(" ".join(text.split()), limit), keep_newlines=False)


def column_labels(matrix: Matrix) -> list[str]:
    """Narrow column headers: S D Sec M C (and prefixes) for kinds, abbreviations for roles."""
    if matrix.by != "sub-roles":
        return [
            safe(matrix.roles[c.role].short) if c.role is not None else "" for c in matrix.columns
        ]
    labels = short_labels([c.key for c in matrix.columns])
    out: list[str] = []
    used: set[str] = set()
    for column in matrix.columns:
        base = label = safe(labels[column.key], 12)
        n = 2
        while label.casefold() in used:
            label, n = f"{base}{n}", n + 1
        used.add(label.casefold())
        out.append(label)
    return out


def row_label(matrix: Matrix, row: Row, limit: int = 2000) -> str:
    return safe(row.head.label, limit)


def flags_text(row: Row) -> str:
    return ", ".join(row.flags)


def summary(matrix: Matrix) -> str:
    """One sentence: what the matrix covers and what stands out."""
    roles = _count(len(matrix.roles), "role")
    if matrix.by == "sub-roles":
        kinds = _count(len(matrix.columns), "sub-role kind")
        lacking = len(matrix.flagged("missing"))
        verb = "lacks" if lacking == 1 else "lack"
        return f"{roles} × {kinds}; {lacking} {verb} a canonical sub-role."
    item = ITEM[matrix.by]
    groups = _count(len(matrix.rows), f"{item} group")
    counts = [f"{len(matrix.flagged(f))} {f}" for f in ("verbatim", "similar", "unique")]
    return f"{roles}, {groups}: {', '.join(counts)}."


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def mark_legend(matrix: Matrix) -> list[tuple[str, str]]:
    """What each mark means, in this view."""
    if matrix.by == "sub-roles":
        return [
            (MARKS["has"], "has the sub-role"),
            (MARKS["missing"], "lacks a canonical sub-role"),
            (MARKS["absent"], "lacks it"),
        ]
    return [
        (MARKS["has"], "has it, in the group's most common wording"),
        (MARKS["variant"], "has it, worded differently"),
        (MARKS["absent"], "lacks it"),
    ]


def flag_legend(matrix: Matrix) -> list[tuple[str, str]]:
    """What each flag means, with the thresholds in force."""
    if matrix.by == "sub-roles":
        return [("missing", "the role lacks one of the canonical sub-roles")]
    return [
        (
            "verbatim",
            "two or more roles write it identically (each role's own name read as one "
            "placeholder, whitespace collapsed)",
        ),
        (
            "similar",
            "roles word it differently; grouped because the words are at least "
            f"{matrix.similarity:.0%} similar (the threshold of roles diff)",
        ),
        ("unique", "only one role has it"),
    ]


def kind_legend(matrix: Matrix) -> list[tuple[str, str]]:
    """Column label -> kind and heading, for the sub-roles view."""
    labels = column_labels(matrix)
    out = []
    for label, column in zip(labels, matrix.columns, strict=True):
        canonical = "" if column.canonical else ", custom"
        out.append((label, f"{safe(column.key, 80)} ({safe(column.label, 80)}{canonical})"))
    return out


def role_legend(matrix: Matrix) -> list[tuple[str, str]]:
    """Abbreviation -> name (id), for the views with a column per role."""
    return [(safe(r.short), f"{safe(r.name, 200)} ({safe(r.id, 200)})") for r in matrix.roles]


def missing_text(matrix: Matrix, row: Row) -> str:
    return ", ".join(safe(k, 80) for k in row.missing)


def grid_width(matrix: Matrix) -> int:
    """Characters the role (or kind) columns take side by side, one space apart."""
    return sum(len(label) + 1 for label in column_labels(matrix))


def ranking_summary(ranking: Ranking) -> str:
    shared = _count(len(ranking.matches), "role")
    verb = "shares" if len(ranking.matches) == 1 else "share"
    none = len(ranking.unrelated)
    tail = f"; {none} share nothing" if none else ""
    return (
        f"{shared} {verb} something with {safe(ranking.role.name, 200)} "
        f"(of its {ranking.features} needs, duties and sub-roles){tail}."
    )


MEASURE = (
    "score = 2 × shared / (features of both roles), where the features are the need and "
    "duty groups a role is in and its sub-role kinds; = verbatim, ~ similar"
)
