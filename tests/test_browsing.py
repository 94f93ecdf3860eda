"""The core of `roles browse` (`roledeck.browsing`): rows, the filter, the order, a role's
table of contents and the editor command line, without a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from roledeck.browsing import (
    SORT_KEYS,
    Entry,
    Term,
    editor_command,
    entry_of,
    filter_order,
    kind_phrases,
    locate_sections,
    parse_query,
    sort_order,
    table_of_contents,
)
from roledeck.catalog import Catalog
from roledeck.errors import RoleError
from roledeck.parse import load_document
from roledeck.reporters.role_view import rich_view
from roledeck.summary import RoleSummary
from roledeck.vocabulary import DEFAULT_VOCABULARY

from .browsecases import HOSTILE_NAME, make_catalog
from .helpers import ROLES, SPECIALIST


@pytest.fixture
def entries(tmp_path: Path) -> list[Entry]:
    catalog = Catalog(make_catalog(tmp_path / "roles"))
    phrases = kind_phrases(catalog.vocabulary)
    return [entry_of(item, phrases) for item in catalog.summaries()]


def names(entries: list[Entry], text: str) -> list[str]:
    order = sort_order(entries, "name")
    return [entries[i].id or "<broken>" for i in filter_order(entries, order, text)]


def test_kind_phrases_name_each_kind_in_words() -> None:
    phrases = kind_phrases(DEFAULT_VOCABULARY)
    assert phrases["security"] == "security expert"
    assert phrases["sysadmin"] == "system administrator"


def test_parse_query_fields_negation_and_quotes() -> None:
    assert parse_query("  Ops  lead ") == (Term("any", "ops"), Term("any", "lead"))
    assert parse_query("tag:FAQ -id:devops !coach") == (
        Term("tag", "faq"),
        Term("id", "devops", negate=True),
        Term("any", "coach", negate=True),
    )
    assert parse_query('no:coach has:sec name:"qa lead"') == (
        Term("has", "coach", negate=True),
        Term("has", "sec"),
        Term("name", "qa lead"),
    )
    # an unknown prefix is text, and a bare prefix or a lone '-' is no term at all
    assert parse_query("http://x tag: -") == (Term("any", "http://x"),)
    assert parse_query("is:broken sub:dev path:eng/") == (
        Term("is", "broken"),
        Term("has", "dev"),
        Term("path", "eng/"),
    )


def test_filter_by_name_id_tag_and_sub_role(entries: list[Entry]) -> None:
    assert names(entries, "") == names(entries, "   ")
    assert len(names(entries, "")) == 12  # 10 roles and 2 unreadable files
    # a bare word looks in names, ids, tags, paths and sub-roles: 'manager' is the
    # Engineering Manager by name and every role with a Manager facet
    assert names(entries, "manager") == [
        "devops-specialist",
        "engineering-manager",
        "quality/qa-lead-0042",
    ]
    assert names(entries, "name:manager") == ["engineering-manager"]
    assert names(entries, "id:lead") == ["quality/qa-lead-0042"]
    assert names(entries, "tag:ops") == ["chaos", "platform/mlops/index", "sre"]
    assert names(entries, "tag:ops -tag:sre") == ["chaos", "platform/mlops/index"]
    assert names(entries, "tag:dev") == ["devops-engineer", "devops-specialist"]  # a tag's start
    assert names(entries, "has:sec") == [
        "devops-engineer",
        "devops-specialist",
        "platform/mlops/index",
        "securite",
    ]
    assert names(entries, "has:expert") == names(entries, "has:security")
    assert names(entries, "has:wizard") == ["quality/qa-lead-0042"]
    assert names(entries, "mlops") == ["platform/mlops/index"]
    assert names(entries, "path:platform/") == ["platform/mlops/index"]
    assert names(entries, "sécurité") == ["securite"]
    assert names(entries, "0042") == ["quality/qa-lead-0042"]
    assert names(entries, "devops no:coach") == ["devops-engineer"]
    assert names(entries, "[bold]chaos[/]") == ["chaos"]  # markup-looking text is just text
    assert names(entries, "is:broken") == ["<broken>", "<broken>"]
    assert names(entries, "-is:broken devops") == ["devops-engineer", "devops-specialist"]
    assert names(entries, "nothing-matches-this") == []


def test_a_broken_file_is_found_by_its_path_and_message(entries: list[Entry]) -> None:
    broken = [e for e in entries if e.broken]
    assert sorted(Path(e.path).name for e in broken) == ["broken.md", "unclosed.md"]
    assert all(e.error is not None and e.summary is None for e in broken)
    assert names(entries, "yaml") == ["<broken>"]
    assert names(entries, "unclosed.md") == ["<broken>"]


def test_sort_order_every_key_both_ways_broken_first(entries: list[Entry]) -> None:
    for key in SORT_KEYS:
        order = sort_order(entries, key)
        assert sorted(order) == list(range(len(entries)))
        assert [entries[i].broken for i in order[:2]] == [True, True]
        backwards = sort_order(entries, key, reverse=True)
        assert backwards[:2] == order[:2]
        if key in ("needs", "duties", "sub-roles"):
            continue  # ties are broken by name in both directions
        assert backwards[2:] == order[2:][::-1]
    by_needs = [entries[i].needs for i in sort_order(entries, "needs")[2:]]
    assert by_needs == sorted(by_needs)
    by_kinds = [len(entries[i].kinds) for i in sort_order(entries, "sub-roles", reverse=True)[2:]]
    assert by_kinds == sorted(by_kinds, reverse=True)
    by_name = [entries[i].name.casefold() for i in sort_order(entries, "name")[2:]]
    assert by_name == sorted(by_name)


def test_entry_keeps_user_text_as_written() -> None:
    row = RoleSummary("x", HOSTILE_NAME, ["[b]"], 1, 2, ["coach"], "roles/x.md")
    entry = entry_of(row, {"coach": "coach"})
    assert entry.name == HOSTILE_NAME  # made visible when drawn, not here
    assert entry.kind_words == ("coach", "coach")
    error = entry_of(RoleError("bad", path="roles/y.md", line=3))
    assert error.broken and error.path == "roles/y.md" and error.name == "bad"


def test_table_of_contents_is_found_in_the_rendered_view() -> None:
    role = load_document(SPECIALIST).role
    sections = table_of_contents(role)
    assert [s.title for s in sections] == [
        "DevOps Specialist",
        "Needs",
        "Duties",
        "How it works",
        "System Administrator",
        "Developer",
        "Security Expert",
        "Manager",
        "Coach",
        "Notes",
    ]
    assert [s.depth for s in sections].count(1) == 5
    lines = rich_view(role, color=False, width=60).split("\n")
    found = locate_sections(lines, sections)
    assert None not in found
    assert found == sorted(found)  # type: ignore[type-var]
    for section, at in zip(sections, found, strict=True):
        assert any(label.casefold() in lines[at].casefold() for label in section.labels)  # type: ignore[index]
    # each section points at its heading in the file, for the editor
    source = SPECIALIST.read_text(encoding="utf-8").split("\n")
    needs = sections[1]
    assert needs.line is not None and source[needs.line - 1].startswith("## Why")
    assert sections[4].line is not None
    assert source[sections[4].line - 1] == "### The System Administrator"


def test_locate_sections_in_order_and_missing_ones() -> None:
    role = load_document(ROLES / "devops-engineer.md").role
    sections = table_of_contents(role)
    lines = [
        "╭─ DevOps Engineer ──╮",
        "│ a developer writes │",
        "Why a DevOps Engineer is Needed ───",
        "• The Developer text",
        "x",
    ]
    found = locate_sections(lines, sections)
    assert found[:3] == [0, 2, None]  # the name, the needs; no duties line
    # sections are looked for in order: the Developer after the needs, at the line that
    # starts with it (bullets aside) rather than the earlier one that mentions it
    titles = [s.title for s in sections]
    assert found[titles.index("Developer")] == 3
    assert found[titles.index("How it works")] is None
    assert locate_sections([], sections) == [None] * len(sections)


@pytest.mark.parametrize(
    ("environ", "line", "argv", "fallback"),
    [
        ({"VISUAL": "nvim", "EDITOR": "nano"}, 17, ["nvim", "+17", "r.md"], False),
        ({"EDITOR": "emacs -nw"}, 3, ["emacs", "-nw", "+3", "r.md"], False),
        ({"EDITOR": "code --wait"}, 9, ["code", "--wait", "--goto", "r.md:9"], False),
        ({"VISUAL": "/opt/bin/hx"}, 2, ["/opt/bin/hx", "r.md:2"], False),
        ({"VISUAL": " ", "EDITOR": ""}, 5, ["vi", "+5", "r.md"], True),
        ({}, None, ["vi", "r.md"], True),
        ({"EDITOR": "vim"}, 0, ["vim", "r.md"], False),
        ({"EDITOR": "'my editor"}, 4, ["'my editor", "+4", "r.md"], False),
    ],
)
def test_editor_command(
    environ: dict[str, str], line: int | None, argv: list[str], fallback: bool
) -> None:
    call = editor_command("r.md", line, environ)
    assert call.argv == argv
    assert call.fallback is fallback


def test_iter_summaries_is_summaries_one_at_a_time(tmp_path: Path) -> None:
    catalog = Catalog(make_catalog(tmp_path / "roles"))
    listed = catalog.summaries()
    streamed = list(catalog.iter_summaries())
    assert [str(i) if isinstance(i, RoleError) else i for i in streamed] == [
        str(i) if isinstance(i, RoleError) else i for i in listed
    ]
