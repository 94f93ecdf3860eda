"""`roledeck.matrix` and `roledeck.grouping`: the seeds, a generated catalog, and the algorithm."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledeck import grouping
from roledeck.catalog import Catalog
from roledeck.errors import RoleError
from roledeck.grouping import Entry, group_entries
from roledeck.matrix import (
    Matrix,
    abbreviations,
    build,
    canonical_kinds,
    item_matrix,
    rank_similar,
    select,
    sub_role_matrix,
)
from roledeck.model import CANONICAL_KINDS, Duty, Need, Paragraph, Role, SubRole
from roledeck.normalize import normalize
from roledeck.parse import load_role
from roledeck.vocabulary import DEFAULT_VOCABULARY, Vocabulary

from .helpers import ENGINEER, ROLES, SPECIALIST
from .matrixcases import generate


@pytest.fixture(scope="module")
def seeds() -> list[Role]:
    return [load_role(ENGINEER), load_role(SPECIALIST)]


def _row(matrix: Matrix, key: str):  # type: ignore[no-untyped-def]
    return next(r for r in matrix.rows if r.head.key == key)


# -- the seeds -------------------------------------------------------------------------------


def test_seeds_sub_roles_engineer_lacks_manager_and_coach(seeds: list[Role]) -> None:
    matrix = sub_role_matrix(seeds, DEFAULT_VOCABULARY)
    assert [c.key for c in matrix.columns] == list(CANONICAL_KINDS)
    engineer, specialist = matrix.rows
    assert engineer.marks == ("has", "has", "has", "missing", "missing")
    assert engineer.missing == ("manager", "coach")
    assert engineer.flags == ("missing",)
    assert engineer.total == 3
    assert specialist.marks == ("has",) * 5
    assert specialist.flags == ()
    assert specialist.total == 5
    assert matrix.column_totals == (2, 2, 2, 1, 1)
    assert [c.label for c in matrix.columns][2] == "The Security Expert"


def test_seeds_needs_two_verbatim_one_reworded_one_unique(seeds: list[Role]) -> None:
    matrix = item_matrix(seeds, "needs")
    assert [(r.head.key, r.total, r.flags) for r in matrix.rows] == [
        ("N1", 2, ("verbatim",)),
        ("N2", 2, ("verbatim",)),
        ("N3", 2, ("similar",)),
        ("N4", 1, ("unique",)),
    ]
    assert _row(matrix, "N1").head.label.startswith("Enhancing collaboration")
    reworded = _row(matrix, "N3")
    assert reworded.marks == ("has", "variant")  # the Engineer's wording came first
    assert [w.roles for w in reworded.wordings] == [(0,), (1,)]
    assert "delivery quality" in reworded.wordings[1].text
    assert _row(matrix, "N4").marks == ("absent", "has")
    assert matrix.column_totals == (3, 4)


def test_seeds_duties_grouped_as_diff_pairs_them(seeds: list[Role]) -> None:
    matrix = item_matrix(seeds, "duties")
    assert [(r.head.label, r.flags) for r in matrix.rows] == [
        ("Automating Infrastructure", ("verbatim",)),
        ("Continuous Integration and Continuous Deployment", ("verbatim",)),
        ("Monitoring and Logging", ("similar",)),
    ]
    assert [w.text for w in matrix.rows[2].wordings] == [
        "Monitoring and Logging",
        "Monitoring and Managing environments.",
    ]


def test_seeds_similar_ranks_the_specialist_with_what_it_shares(seeds: list[Role]) -> None:
    ranking = rank_similar(seeds[0], seeds)
    assert ranking.role.id == "devops-engineer"
    assert ranking.features == 9  # 3 needs + 3 duties + 3 sub-roles
    (match,) = ranking.matches
    assert match.role.id == "devops-specialist"
    assert match.features == 12  # 4 needs + 3 duties + 5 sub-roles
    assert match.score == pytest.approx(2 * 9 / (9 + 12))
    verbatim = [(s.section, s.text) for s in match.shared if s.verbatim]
    similar = [(s.section, s.text, s.other) for s in match.shared if not s.verbatim]
    assert [s for s, _ in verbatim] == ["needs", "needs", "duties", "duties", *["sub-roles"] * 3]
    assert similar == [
        (
            "needs",
            "Implementing continuous integration and continuous delivery (CI/CD) pipelines to "
            "improve software quality, efficiency and responsiveness.",
            "Implementing continuous integration and continuous delivery (CI/CD) pipelines to "
            "improve delivery quality, efficiency and responsiveness.",
        ),
        ("duties", "Monitoring and Logging", "Monitoring and Managing environments."),
    ]
    assert ranking.unrelated == ()


# -- built in memory -------------------------------------------------------------------------


def _role(name: str, needs: list[str] = [], duties: list[Duty] = [], kinds: str = "") -> Role:  # noqa: B006
    return Role(
        id=name.lower().replace(" ", "-"),
        name=name,
        needs=[Need(text=t) for t in needs],
        duties=list(duties),
        sub_roles=[
            SubRole(kind=k, title=k.title(), description=[Paragraph(text=f"As {k}.")])
            for k in kinds.split()
        ],
    )


def test_a_need_naming_its_own_role_is_a_verbatim_copy() -> None:
    roles = [
        _role("Cloud Architect", ["Giving every team a Cloud Architect when it needs one."]),
        _role("SRE Lead", ["Giving every team an SRE Lead when it needs one."]),
        _role("Data Analyst", ["Giving every team a Cloud Architect when it needs one."]),
    ]
    (row,) = item_matrix(roles, "needs").rows
    assert row.wordings[0].key == normalize(roles[0].needs[0].text, "Cloud Architect")
    assert row.wordings[0].roles == (0, 1)
    # the Analyst names another role: its text differs from its peers' by that name
    assert row.marks == ("has", "has", "variant")
    assert row.flags == ("verbatim", "similar")


def test_duties_group_by_name_and_descriptions_tell_copies_from_rewordings() -> None:
    roles = [
        _role("A Lead", duties=[Duty(name="Incident Response", description="on call.")]),
        _role("B Lead", duties=[Duty(name="Incident Response", description="on call.")]),
        _role("C Lead", duties=[Duty(name="Incident Response", description="reviews only.")]),
        _role("D Lead", duties=[Duty(name="Incident Response")]),
    ]
    (row,) = item_matrix(roles, "duties").rows
    assert row.total == 4
    assert row.flags == ("verbatim", "similar")
    assert row.marks == ("has", "has", "variant", "variant")
    assert row.head.label == "Incident Response: on call."


def test_two_items_of_one_role_are_never_one_row() -> None:
    roles = [
        _role("A Lead", ["Monitoring and logging services.", "Monitoring and alerting services."]),
        _role("B Lead", ["Monitoring and logging services."]),
    ]
    matrix = item_matrix(roles, "needs")
    assert len(matrix.rows) == 2
    assert matrix.rows[0].marks == ("has", "has")
    assert matrix.rows[1].marks == ("has", "absent")
    assert matrix.rows[1].flags == ("unique",)


def test_case_and_punctuation_only_differences_are_one_group_but_not_verbatim() -> None:
    roles = [_role("A Lead", ["Keeping CI fast."]), _role("B Lead", ["keeping ci fast"])]
    (row,) = item_matrix(roles, "needs").rows
    assert row.flags == ("similar",)
    assert row.marks == ("has", "variant")


def test_a_repeated_item_counts_twice_in_its_cell_once_in_totals() -> None:
    roles = [_role("A Lead", ["Same thing.", "Same thing."]), _role("B Lead", ["Same thing."])]
    matrix = item_matrix(roles, "needs")
    (row,) = matrix.rows
    assert row.counts == (2, 1)
    assert row.total == 2
    assert matrix.column_totals == (1, 1)


def test_rows_are_ordered_most_shared_first() -> None:
    roles = [_role("A Lead", ["Alpha one.", "Beta two."]), _role("B Lead", ["Beta two."])]
    assert [r.head.label for r in item_matrix(roles, "needs").rows] == ["Beta two.", "Alpha one."]


def test_custom_and_configured_kinds_follow_the_canonical_ones() -> None:
    vocabulary = Vocabulary(sub_roles={**DEFAULT_VOCABULARY.sub_roles, "architect": ["Architect"]})
    role = _role("A Lead", kinds="developer wizard")
    matrix = sub_role_matrix([role], vocabulary)
    assert [c.key for c in matrix.columns] == [*CANONICAL_KINDS, "architect", "wizard"]
    assert [c.canonical for c in matrix.columns] == [True] * 5 + [False, False]
    assert matrix.rows[0].marks[5:] == ("absent", "has")
    assert matrix.rows[0].missing == ("sysadmin", "security", "manager", "coach")


def test_a_vocabulary_that_replaces_the_kinds_flags_its_own() -> None:
    vocabulary = Vocabulary(sub_roles={"architect": ["Architect"], "operator": ["Operator"]})
    assert canonical_kinds(vocabulary) == ("architect", "operator")
    matrix = sub_role_matrix([_role("A Lead", kinds="architect")], vocabulary)
    assert matrix.rows[0].missing == ("operator",)


def test_build_dispatches_each_view(seeds: list[Role]) -> None:
    assert build(seeds, "sub-roles", DEFAULT_VOCABULARY).by == "sub-roles"
    assert len(build(seeds, "needs", DEFAULT_VOCABULARY).rows) == 4
    assert len(build([], "duties", DEFAULT_VOCABULARY).rows) == 0


# -- abbreviations and selection -------------------------------------------------------------


def test_abbreviations_are_initials_with_numbers_and_unique() -> None:
    assert abbreviations(["DevOps Engineer", "DevOps Specialist"]) == ["DE", "DS"]
    assert abbreviations(["Data Lead 0042", "Data Lead 0007", "Data Lead 0042"]) == [
        "DL42",
        "DL7",
        "DL42-2",
    ]
    assert abbreviations(["Data Analyst", "Delivery Architect", "data analyst"]) == [
        "DA",
        "DA2",
        "DA3",
    ]
    assert abbreviations(["???", "<script>", "Ünïcode rôle"]) == ["R", "S", "ÜR"]
    many = abbreviations([f"Role {i}" for i in range(500)] + ["Role 1"])
    assert len(set(many)) == 501


def test_select_names_tags_and_the_whole_catalog() -> None:
    catalog = Catalog(ROLES)
    roles, errors = select(catalog, [], [])
    assert [r.id for r in roles] == ["devops-engineer", "devops-specialist"]
    assert errors == []
    roles, _ = select(catalog, ["specialist", "engineer", "devops-specialist"], [])
    assert [r.id for r in roles] == ["devops-specialist", "devops-engineer"]
    roles, _ = select(catalog, ["engineer"], ["faq"])
    assert [r.id for r in roles] == ["devops-engineer", "devops-specialist"]
    with pytest.raises(RoleError, match="no role has the tag 'nope'"):
        select(catalog, [], ["nope"])
    with pytest.raises(RoleError, match="no such role"):
        select(catalog, ["nobody"], [])


def test_select_reports_unreadable_files_of_the_catalog(tmp_path: Path) -> None:
    plan = generate(tmp_path, 3)
    (tmp_path / "broken.md").write_text("---\ntitle: [x\n---\n# The Role of a X\n", "utf-8")
    roles, errors = select(Catalog(tmp_path), [], [])
    assert len(roles) == 3
    assert [Path(e.path or "").name for e in errors] == ["broken.md"]
    named = [p.id for p in plan.roles[:2]]
    roles, errors = select(Catalog(tmp_path), named, [])
    assert [r.id for r in roles] == named
    assert errors == []  # the roles named do not depend on the broken file
    with pytest.raises(RoleError, match=r"no such role: 'nobody'.*1 file\(s\) could not be read"):
        select(Catalog(tmp_path), [*named, "nobody"], [])


# -- a generated catalog ---------------------------------------------------------------------


def test_generated_catalog_groups_what_was_planted(tmp_path: Path) -> None:
    plan = generate(tmp_path, 30)
    roles, errors = select(Catalog(tmp_path), [], [])
    assert errors == []
    ids = [r.id for r in roles]
    needs = item_matrix(roles, "needs")
    # every need of every role is in exactly one row
    for index, role in enumerate(roles):
        assert sum(row.counts[index] for row in needs.rows) == len(role.needs)
    # the need naming its own role: one row, every planting role, verbatim
    named = [row for row in needs.rows if row.head.label.startswith("Giving every team access to")]
    assert len(named) == 1
    assert {ids[i] for i, m in enumerate(named[0].marks) if m == "has"} == set(
        plan.named_need_roles
    )
    assert named[0].flags == ("verbatim",)
    # a reworded copy joins its original (when another role has it) as a variant
    checked = 0
    for role_id, (base, copy) in plan.reworded.items():
        row = next(r for r in needs.rows if any(w.text == copy for w in r.wordings))
        others = [p.id for p in plan.roles if base in p.needs]
        if others:
            checked += 1
            assert any(w.text == base for w in row.wordings)
            assert "similar" in row.flags
            assert row.marks[ids.index(role_id)] == "variant"
    assert checked >= 3
    # an item no other role has is unique
    for role_id, text in plan.unique.items():
        row = next(r for r in needs.rows if r.head.label == text)
        assert row.flags == ("unique",)
        assert row.total == 1
        assert row.marks[ids.index(role_id)] == "has"
    # totals agree with the marks
    for row in needs.rows:
        assert row.total == sum(1 for m in row.marks if m != "absent")


def test_generated_catalog_sub_roles_match_the_plan(tmp_path: Path) -> None:
    plan = generate(tmp_path, 20)
    roles, _ = select(Catalog(tmp_path), [], [])
    matrix = sub_role_matrix(roles, DEFAULT_VOCABULARY)
    assert [c.key for c in matrix.columns] == [*CANONICAL_KINDS, "wizard"]
    planned = {p.id: p for p in plan.roles}
    for row in matrix.rows:
        expected = planned[row.head.key]
        assert row.missing == tuple(k for k in CANONICAL_KINDS if k not in expected.kinds)
        assert (row.marks[-1] == "has") is expected.custom
    assert matrix.column_totals[-1] == 1


def test_generated_catalog_similarity_is_symmetric_in_score(tmp_path: Path) -> None:
    generate(tmp_path, 12)
    roles, _ = select(Catalog(tmp_path), [], [])
    a, b = roles[0], roles[1]
    ab = next(m for m in rank_similar(a, roles).matches if m.role.id == b.id)
    ba = next(m for m in rank_similar(b, roles).matches if m.role.id == a.id)
    assert ab.score == pytest.approx(ba.score)
    ranking = rank_similar(a, roles)
    scores = [m.score for m in ranking.matches]
    assert scores == sorted(scores, reverse=True)
    assert a.id not in [m.role.id for m in ranking.matches]
    assert len(ranking.matches) + len(ranking.unrelated) == len(roles) - 1


# -- the grouping algorithm ------------------------------------------------------------------

WORDS = [f"w{i}" for i in range(12)]


def _entries(texts: list[tuple[int, str]]) -> list[Entry]:
    return [Entry(owner, text, text, text) for owner, text in texts]


def _shape(groups: list[grouping.Group]) -> list[list[str]]:
    return [[w.key for w in g.wordings] for g in groups]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.lists(st.sampled_from(WORDS), min_size=1, max_size=7)),
        max_size=25,
    )
)
def test_the_prefix_index_never_misses_a_group(items: list[tuple[int, list[str]]]) -> None:
    """Indexing every word (no prefix filtering) gives the same groups: the filter is exact."""
    entries = _entries([(owner, " ".join(words)) for owner, words in items])
    filtered = group_entries(entries, 0.5)
    original = grouping._prefix
    try:
        grouping._prefix = lambda tokens, frequency, share: list(tokens)  # type: ignore[assignment]
        unfiltered = group_entries(entries, 0.5)
    finally:
        grouping._prefix = original
    assert _shape(filtered) == _shape(unfiltered)


def test_grouping_compares_few_pairs_of_unrelated_items(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not quadratic: 3,000 items of a large vocabulary need a few comparisons each."""
    rng = random.Random(3)
    vocabulary = [f"word{i}" for i in range(5000)]
    texts = [(i % 300, " ".join(rng.sample(vocabulary, 8))) for i in range(3000)]
    calls = 0
    real = grouping.word_similarity

    def counting(*args: object, **kwargs: object) -> float:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(grouping, "word_similarity", counting)
    groups = group_entries(_entries(texts), 0.5)
    assert len(groups) == 3000
    assert calls < 20 * len(texts)  # all pairs would be 4.5 million


def test_grouping_puts_the_most_shared_wording_first() -> None:
    entries = _entries([(0, "keep ci fast"), (1, "keep ci quick"), (2, "keep ci quick")])
    (group,) = group_entries(entries, 0.5)
    assert [w.key for w in group.wordings] == ["keep ci quick", "keep ci fast"]
    assert group.owners == (0, 1, 2)
    assert group.first == 0
