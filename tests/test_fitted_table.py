"""`roles list` on a terminal: the fitted table, laid out as lines instead of one rich Table.

It must be what rich's table renders whenever rich keeps every column readable, and, where
rich would not (a long id at 80 columns), keep every column all the same: ids cut in the
middle with "…", names and tags at most two lines.
"""

from __future__ import annotations

import io
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from roledeck.model import CANONICAL_KINDS
from roledeck.reporters.fitted_table import ELLIPSIS, Col, cut_middle, layout, wrap
from roledeck.reporters.role_table import _layout, table_view
from roledeck.summary import RoleSummary

from .richtable import rich_table

ANSI = re.compile(r"\x1b\[[0-9;]*m")
WORDS = ["DevOps", "SRE", "Platform", "Reliability", "Lead", "Engineer", "QA", "Data"]
WIDE_WORDS = ["Zürich", "naïve", "日本語", "中文字符", "Café", "🚀", "x²", "Ünit"]
HEADER = ["id", "name", "tags", "needs", "duties", "S", "D", "Sec", "M", "C"]


def _console() -> Console:
    return Console(file=io.StringIO(), width=1000, color_system=None, legacy_windows=False)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab xyz-/.,"), max_size=60)
    | st.lists(st.sampled_from([*WORDS, "", " ", "  "]), max_size=12).map(" ".join),
    width=st.integers(1, 30),
)
def test_ascii_wrapping_is_riches(text: str, width: int) -> None:
    expected = [
        line.plain.rstrip()
        for line in Text(text).wrap(_console(), width, justify="left", overflow="fold")
    ]
    assert wrap(text, width) == expected


def _summary(draw: st.DrawFn, index: int, wide: bool) -> RoleSummary:
    words = st.sampled_from(WORDS + (WIDE_WORDS if wide else []))
    name = " ".join(draw(st.lists(words, min_size=1, max_size=6)))
    parts = draw(st.lists(st.sampled_from(["eng", "platform", "ops", "x"]), max_size=3))
    stem = "-".join(name.lower().split()) + f"-{index}"
    tags = draw(st.lists(words, max_size=5))
    kinds = draw(st.lists(st.sampled_from([*CANONICAL_KINDS, "wizard"]), unique=True))
    needs, duties = draw(st.integers(0, 120)), draw(st.integers(0, 9))
    return RoleSummary("/".join([*parts, stem]), name, tags, needs, duties, kinds, None)


@st.composite
def catalogs(draw: st.DrawFn) -> list[RoleSummary]:
    wide = draw(st.booleans())
    return [_summary(draw, i, wide) for i in range(draw(st.integers(0, 6)))]


def _cells_fit(rows: list[RoleSummary], width: int) -> tuple[bool, list[Col], list[int]]:
    """Whether this table is laid out as rich lays it out, and nothing is cut."""
    columns, cells = _layout(rows, list(CANONICAL_KINDS), whole_ids=True)
    widths, riches = layout(columns, cells, width)
    whole = all(
        len(wrap(cell, w)) <= 2 if col.wrap else len(Text(cell)) <= w
        for line in cells
        for cell, col, w in zip(line, columns, widths, strict=True)
    )
    return riches and whole, columns, widths


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(rows=catalogs(), width=st.integers(40, 220))
def test_the_fitted_table_is_riches_while_rich_keeps_every_column(
    rows: list[RoleSummary], width: int
) -> None:
    same, _, _ = _cells_fit(rows, width)
    assume(same)
    assert table_view(rows, color=False, width=width) + "\n" == rich_table(
        rows, color=False, width=width
    )


@settings(max_examples=300, deadline=None)
@given(rows=catalogs(), width=st.integers(62, 220), color=st.booleans())
def test_no_column_is_ever_dropped(rows: list[RoleSummary], width: int, color: bool) -> None:
    text = table_view(rows, color=color, width=width)
    plain = ANSI.sub("", text)
    lines = plain.split("\n")
    header = lines[0].split()
    assert header[:10] == HEADER
    assert all(Text(line).cell_len <= width for line in lines), plain
    _, columns, widths = _cells_fit(rows, width)
    assert all(w >= min(len(col.header), 1) for col, w in zip(columns, widths, strict=True))
    starts = [line for line in lines[1:-1] if line[:1] != " "]
    if len(lines) > 2:
        assert len(starts) >= len(rows)  # every role starts a line of its own
    cells = _layout(rows, list(CANONICAL_KINDS), whole_ids=True)[1]
    for row, shown in zip(rows, cells, strict=True):  # counts and marks on the first line
        (first,) = [line for line in starts if line.startswith(_id_shown(shown[0], widths[0]))]
        assert re.search(rf"\b{row.needs}\s+{row.duties}\b", first)
    if color:
        assert ("\x1b[1;4m" in text and "\x1b[36m" in text) or not rows


def _id_shown(role_id: str, width: int) -> str:
    return cut_middle(role_id, width) + " "


LONG = "Senior Staff Principal Platform Reliability Engineer"


def _issue_catalog(long_id: str) -> list[RoleSummary]:
    seeds = [
        RoleSummary("devops-engineer", "DevOps Engineer", ["DevOps", "role", "FAQ"], 3, 3,
                    list(CANONICAL_KINDS[:3]), None),
        RoleSummary("devops-specialist", "DevOps Specialist", ["DevOps", "role", "FAQ"], 4, 3,
                    list(CANONICAL_KINDS), None),
    ]  # fmt: skip
    return [*seeds, RoleSummary(long_id, LONG, ["role"], 0, 0, list(CANONICAL_KINDS), None)]


def test_a_52_character_id_at_80_columns_keeps_every_column() -> None:
    long_id = "senior-staff-principal-platform-reliability-engineer"
    assert len(long_id) == 52
    before = rich_table(_issue_catalog(long_id), color=False, width=80)
    assert "name" not in before.split("\n")[0]  # what issue 18 reported: rich drops columns
    assert table_view(_issue_catalog(long_id), color=False, width=80) == (
        "id                      name          tags        needs  duties  S  D  Sec  M  C\n"
        "devops-engineer         DevOps        DevOps,         3       3  ✓  ✓   ✓   ·  ·\n"
        "                        Engineer      role, FAQ\n"
        "devops-specialist       DevOps        DevOps,         4       3  ✓  ✓   ✓   ✓  ✓\n"
        "                        Specialist    role, FAQ\n"
        "senior-staf…y-engineer  Senior Staff  role            0       0  ✓  ✓   ✓   ✓  ✓\n"
        "                        Principal…\n"
        "3 role(s). S sysadmin · D developer · Sec security · M manager · C coach"
    )


def test_a_77_character_id_is_cut_in_the_middle_and_the_header_stays_readable() -> None:
    long_id = "senior-staff-principal-platform-reliability-engineer-for-global-infrastructure"
    assert len(long_id) == 78
    lines = table_view(_issue_catalog(long_id[:77]), color=False, width=80).split("\n")
    assert lines[0].split() == HEADER
    assert all(len(line) <= 80 for line in lines)
    (row,) = [line for line in lines if line.startswith("senior")]
    shown = row.split()[0]
    assert ELLIPSIS in shown and shown.endswith("rastructur") and len(shown) == 22


def test_colour_styles_the_header_ids_and_legend_only() -> None:
    rows = _issue_catalog("senior-staff-principal-platform-reliability-engineer")
    text = table_view(rows, color=True, width=80)
    lines = text.split("\n")
    assert lines[0].startswith("\x1b[1;4mid ") and lines[0].endswith("\x1b[0m")
    assert lines[1].startswith("\x1b[36mdevops-engineer\x1b[0m ")
    assert lines[-1].startswith("\x1b[2m3 role(s).")
    assert ANSI.sub("", text) == table_view(rows, color=False, width=80)


def test_cut_middle_keeps_both_ends_in_display_cells() -> None:
    assert cut_middle("engineering/platform/reliability/lead-0042", 21) == ("engineerin…/lead-0042")
    assert cut_middle("short", 10) == "short"
    wide = cut_middle("日本語日本語日本語-lead", 11)
    assert Text(wide).cell_len <= 11 and wide.endswith("-lead") and ELLIPSIS in wide
    marks = cut_middle("abcdef" + "e\u0301" * 6, 6)  # the tail never starts with a lone mark
    assert marks.split(ELLIPSIS)[1][:1] not in ("", "\u0301") and Text(marks).cell_len <= 6


def test_huge_cells_are_cut_to_the_terminal_at_once() -> None:
    rows = [RoleSummary("x" * 5000, "N" * 100_000, ["t" * 50_000], 0, 0, ["k" * 10_000], None)]
    lines = table_view(rows, color=False, width=80).split("\n")
    assert len(lines) == 4 and all(len(line) <= 80 for line in lines)
    assert lines[1].startswith("xxxxxx…") and lines[2].split()[0].endswith(ELLIPSIS)
