"""The `roles list` table: the plain layout for pipes is rich's table given unlimited width
(and so is the fitted one, when it has the room: tests/test_fitted_table.py)."""

from __future__ import annotations

import pytest

from roledeck.model import CANONICAL_KINDS
from roledeck.reporters.role_table import plain_table, table_view
from roledeck.summary import RoleSummary

from .richtable import rich_table


def _row(
    id: str,
    name: str = "",
    tags: tuple[str, ...] = (),
    counts: tuple[int, int] = (1, 2),
    *kinds: str,
) -> RoleSummary:
    return RoleSummary(id, name or id, list(tags), counts[0], counts[1], list(kinds), None)


SEEDS = [
    _row(
        "devops-engineer",
        "DevOps Engineer",
        ("DevOps", "role", "FAQ"),
        (3, 3),
        *CANONICAL_KINDS[:3],
    ),
    _row(
        "devops-specialist",
        "DevOps Specialist",
        ("DevOps", "role", "FAQ"),
        (4, 3),
        *CANONICAL_KINDS,
    ),
]
WIDE = [
    _row("cjk", "中文字符的角色", ("标签", "タグ"), (12, 7), "sysadmin", "manager"),
    _row("emoji", "Rocket 🚀 Heart ❤️ Family 👨‍👩‍👧", ("🏷️",), (0, 100), "coach"),
    _row("combining", "Zoe\u0308 Cafe\u0301 a\u0323\u0302", ("ñ", "n\u0303"), (1000, 0)),
    _row("x", "", (), (1, 1), "developer", "wizard", "night-watch"),  # kinds beyond the columns
    _row("long", "N" * 130, tuple(f"tag{i}" for i in range(40)), (5, 5), "oracle" * 50),
    _row("spaces", "  lead and trail  ", (" padded ", "x "), (2, 2), "security"),
]


@pytest.mark.parametrize(
    ("rows", "kinds"),
    [
        (SEEDS, None),
        (WIDE, None),
        (WIDE[:3], None),  # no "other" column
        (
            SEEDS + WIDE,
            ["developer", "qa", "wizard", "architect"],
        ),  # custom kinds; Qa: odd centring
        (WIDE, ["x", "ünïcode", "漢字", "ops "]),  # labels narrower and wider than the marks
        ([], None),  # the header alone
    ],
    ids=["seeds", "wide", "no-other", "custom-kinds", "odd-labels", "empty"],
)
def test_plain_is_what_rich_renders_with_unlimited_width(
    rows: list[RoleSummary], kinds: list[str] | None
) -> None:
    plain = plain_table(rows, kinds=kinds)
    assert plain + "\n" == rich_table(rows, color=False, width=100_000, kinds=kinds)
    assert plain == table_view(rows, color=False, width=100_000, kinds=kinds)
    assert not any(line.endswith(" ") for line in plain.splitlines())


def test_plain_is_one_line_per_role_whatever_its_length() -> None:
    rows = [*SEEDS, *WIDE, _row("tabbed\tid", "a\tname", ("t\tag",))]
    lines = plain_table(rows).splitlines()
    assert len(lines) == 1 + len(rows) + 1  # header, rows, legend
    assert lines[0].split() == [
        "id",
        "name",
        "tags",
        "needs",
        "duties",
        "S",
        "D",
        "Sec",
        "M",
        "C",
        "other",
    ]
    assert lines[-1].startswith(f"{len(rows)} role(s). S sysadmin")
    long = next(line for line in lines if line.startswith("long "))
    assert "N" * 120 + "… (10 more characters)" in long
    assert "tag0, tag1" in long and "tag39" not in long  # clipped at 200 characters, as before
    tabbed = lines[-2]  # tabs expanded: a tab would undo the alignment
    assert "\t" not in tabbed and "tabbed  id " in tabbed and " a       name " in tabbed
    # right-justified counts line up under their header's end
    header_end = lines[0].index("needs") + len("needs")
    assert all(line[header_end - 1].isdigit() for line in lines[1:-1] if line.isascii())


def test_cell_text_is_made_safe_in_both_layouts() -> None:
    rows = [_row("evil\x1b[31m", "bell\x07\u202ename", ("a\nb",), (1, 1), "\x9bkind")]
    for text in (plain_table(rows), table_view(rows, color=False, width=200)):
        assert "evil\\x1b[31m" in text and "bell\\x07\\u202ename" in text and "a\\nb" in text
        assert "\\x9bkind" in text
        assert not any(c in text for c in "\x1b\x07\u202e\x9b")
