"""`roles diff`: the comparison on the two real profiles, its pieces, and every output format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from roledeck.diff import Change, RoleDiff, diff_roles
from roledeck.diffpairs import WordOp, in_order
from roledeck.model import (
    Duty,
    ExtraSection,
    Frontmatter,
    Need,
    Note,
    Paragraph,
    Role,
    SubRole,
)
from roledeck.normalize import PLACEHOLDER, comparable, normalize, tokenize
from roledeck.parse import load_role, parse_text

from .helpers import ENGINEER, REPO, SPECIALIST, run_roles, write

TODO = "TODO: add links to sections"


def _edits(change: Change) -> list[tuple[str, str, str]]:
    return [(w.op, w.old, w.new) for w in change.words if w.op != "equal"]


def _seed_diff() -> RoleDiff:
    return diff_roles(load_role(ENGINEER), load_role(SPECIALIST))


# -- the seed pair: exactly its real differences ----------------------------------------------


def test_seed_pair_reports_exactly_its_real_differences() -> None:
    changes = _seed_diff().changes
    summary = (
        "A DevOps Specialist is a vital role in modern software development. Their primary "
        "goal is to shorten the development lifecycle, provide continuous delivery, and ensure "
        "high software quality, which should lead to increased efficiency and reliability in "
        "the delivery processes."
    )
    got = [(c.section, c.kind, c.old, c.new, c.old_line, c.new_line, _edits(c)) for c in changes]
    assert got == [
        ("name", "changed", "DevOps Engineer", "DevOps Specialist", 6, 6,
         [("replace", " Engineer", " Specialist")]),
        ("summary", "changed", load_role(ENGINEER).summary[0].text, summary, 8, 8,
         [("delete", ", bridging the gap between software development and IT operations", "")]),
        ("needs", "changed",
         "Implementing continuous integration and continuous delivery (CI/CD) pipelines to "
         "improve software quality, efficiency and responsiveness.",
         "Implementing continuous integration and continuous delivery (CI/CD) pipelines to "
         "improve delivery quality, efficiency and responsiveness.",
         16, 16, [("replace", " software", " delivery")]),
        ("needs", "added", None,
         "Creation/optimization and accountability for end-to-end processes", None, 17, []),
        ("duties", "changed", "**Monitoring and Logging**",
         "**Monitoring and Managing environments.**", 24, 26,
         [("replace", " Logging", " Managing environments.")]),
        ("how_intro", "changed",
         "To achieve their goals, a DevOps Engineer adopts a variety of roles and "
         "responsibilities, including system administrator, developer, and security expert.",
         "To achieve their goals, a DevOps Specialist adopts a variety of roles and "
         "responsibilities, including system administrator, developer, security expert, "
         "manager, and coach.",
         28, 30, [("delete", " and", ""), ("insert", "", ", manager, and coach")]),
        ("sub_roles", "added", None, "The Manager", None, 43, []),
        ("sub_roles", "added", None, "The Coach", None, 46, []),
        ("notes", "added", None, TODO, None, 24, []),
        ("notes", "added", None, TODO, None, 37, []),
        ("notes", "added", None, TODO, None, 41, []),
        ("notes", "added", None, TODO, None, 45, []),
        ("notes", "added", None, TODO, None, 48, []),
    ]  # fmt: skip
    notes = [c.new_where for c in changes if c.section == "notes"]
    assert notes == [
        "duties",
        "sub_role:developer",
        "sub_role:security",
        "sub_role:manager",
        "sub_role:coach",
    ]
    manager = next(c for c in changes if c.new == "The Manager")
    assert manager.body[0].startswith("A DevOps specialist manages delivery processes")
    assert [c.new_index for c in changes if c.section == "sub_roles"] == [3, 4]
    assert _seed_diff().counts() == {"added": 8, "removed": 0, "changed": 5, "moved": 0}


def test_seed_pair_shares_everything_else() -> None:
    same = [(e.section, e.new_index) for e in _seed_diff().entries if e.kind == "same"]
    assert same == [
        ("frontmatter.title", None),
        ("frontmatter.tags", 0),
        ("frontmatter.tags", 1),
        ("frontmatter.tags", 2),
        ("frontmatter.sidebar_position", None),
        ("summary", 1),  # "Unlike traditional roles, a DevOps … collaborates": names normalised
        ("needs", 0),
        ("needs", 1),
        ("duties_intro", 0),
        ("duties", 0),
        ("duties", 1),
        ("sub_roles", 0),
        ("sub_roles", 1),
        ("sub_roles", 2),
        ("sub_role:sysadmin", 0),
        ("sub_role:developer", 0),
        ("sub_role:security", 0),
    ]


def test_literal_compares_the_names_in_the_text_too() -> None:
    literal = diff_roles(load_role(ENGINEER), load_role(SPECIALIST), literal=True)
    sections = [c.section for c in literal.changes if c.kind == "changed"]
    assert sections == [
        "name",
        "summary",
        "summary",
        "needs",
        "duties_intro",
        "duties",
        "how_intro",
    ]
    second = [c for c in literal.changes if c.section == "summary"][1]
    assert _edits(second) == [("replace", " Engineer", " Specialist")]


def test_a_role_against_itself_is_empty() -> None:
    role = load_role(SPECIALIST)
    result = diff_roles(role, role)
    assert result.equal and result.changes == []
    assert all(e.kind == "same" for e in result.entries)


def _mirror(change: Change) -> tuple[object, ...]:
    kind = {"added": "removed", "removed": "added"}.get(change.kind, change.kind)
    ops = {"delete": "insert", "insert": "delete"}
    words = tuple(WordOp(ops.get(w.op, w.op), w.new, w.old) for w in change.words)  # type: ignore[arg-type]
    return (
        change.section,
        kind,
        change.new,
        change.old,
        change.new_line,
        change.old_line,
        change.new_index,
        change.old_index,
        words,
        change.new_where,
        change.old_where,
        change.body,
    )


def _key(change: Change) -> tuple[object, ...]:
    return (
        change.section,
        change.kind,
        change.old,
        change.new,
        change.old_line,
        change.new_line,
        change.old_index,
        change.new_index,
        change.words,
        change.old_where,
        change.new_where,
        change.body,
    )


def test_b_against_a_mirrors_a_against_b() -> None:
    forward = diff_roles(load_role(ENGINEER), load_role(SPECIALIST))
    backward = diff_roles(load_role(SPECIALIST), load_role(ENGINEER))
    assert sorted(map(repr, map(_mirror, forward.changes))) == sorted(
        map(repr, map(_key, backward.changes))
    )
    assert backward.counts() == {"added": 0, "removed": 8, "changed": 5, "moved": 0}


def test_word_operations_rebuild_both_texts() -> None:
    for change in _seed_diff().changes:
        if change.kind != "changed":
            continue
        assert "".join(w.old for w in change.words) == " ".join((change.old or "").split())
        assert "".join(w.new for w in change.words) == " ".join((change.new or "").split())


# -- name normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A DevOps Engineer collaborates", "{role} collaborates"),
        ("Unlike others, a DevOps Engineer works", "Unlike others, {role} works"),
        ("the DevOps Engineer", "the {role}"),
        ("As a DevOps engineer, they", "As {role}, they"),
        ("A DEVOPS\n  ENGINEER", "{role}"),
        ("DevOps Engineers plural", "DevOps Engineers plural"),
        ("Lead-DevOps Engineer", "Lead-DevOps Engineer"),
        ("a DevOps Engineer's duty", "{role}'s duty"),
        ("banana DevOps Engineer", "banana {role}"),
    ],
)
def test_normalize_reads_the_name_and_its_article_as_one_placeholder(
    text: str, expected: str
) -> None:
    assert normalize(text, "DevOps Engineer") == expected


def test_normalize_handles_an_and_odd_names() -> None:
    assert normalize("Hire an SRE Lead today", "SRE Lead") == f"Hire {PLACEHOLDER} today"
    assert normalize("a C++ (dev) here", "C++ (dev)") == f"{PLACEHOLDER} here"
    assert normalize("nothing", "") == "nothing"
    assert normalize("spaced   out\ntext", None) == "spaced out text"


def test_comparable_ignores_case_punctuation_and_spacing() -> None:
    assert comparable("  Monitoring, and\nLOGGING! ") == "monitoring and logging"
    assert comparable("**CI/CD**") == "ci cd"


def test_tokens_keep_punctuation_apart_and_words_whole() -> None:
    tokens = tokenize("end-to-end (CI/CD) **bold**, a DevOps Engineer.", "DevOps Engineer")
    assert [t.key for t in tokens] == [
        "end-to-end", "(", "CI/CD", ")", "**", "bold", "**", ",", PLACEHOLDER, ".",
    ]  # fmt: skip
    assert tokens[8].text == "a DevOps Engineer"


# -- pairing, moves, notes, frontmatter, sub-roles ------------------------------------------------


def _role(name: str = "Tester", **fields: object) -> Role:
    return Role.model_validate({"id": "r", "name": name, **fields})


def _needs(*texts: str) -> list[Need]:
    return [Need(text=t) for t in texts]


ITEMS = [
    "Writing clear acceptance criteria for every story the team plans",
    "Keeping the regression suite fast and green on every branch",
    "Reviewing test plans with developers before any code is written",
    "Reporting defects with steps, logs and the environment they occur in",
]


def test_a_reordered_item_is_one_move_not_a_shift() -> None:
    old = _role(needs=_needs(*ITEMS))
    new = _role(needs=_needs(ITEMS[1], ITEMS[2], ITEMS[3], ITEMS[0]))
    changes = diff_roles(old, new).changes
    assert [(c.kind, c.old_index, c.new_index, c.new) for c in changes] == [
        ("moved", 0, 3, ITEMS[0])
    ]


def test_an_edited_item_is_changed_even_when_it_moved() -> None:
    edited = ITEMS[0].replace("clear", "testable")
    old = _role(needs=_needs(*ITEMS))
    new = _role(needs=_needs(ITEMS[1], ITEMS[2], edited, ITEMS[3]))
    (change,) = diff_roles(old, new).changes
    assert (change.kind, change.moved, change.old_index, change.new_index) == (
        "changed",
        True,
        0,
        2,
    )
    assert _edits(change) == [("replace", " clear", " testable")]


def test_unrelated_items_are_added_and_removed_not_paired() -> None:
    old = _role(needs=_needs(ITEMS[0], "Budgeting the quarterly hardware refresh"))
    new = _role(needs=_needs(ITEMS[0], "Mentoring juniors on exploratory testing"))
    kinds = [(c.kind, c.old or c.new) for c in diff_roles(old, new).changes]
    assert kinds == [
        ("removed", "Budgeting the quarterly hardware refresh"),
        ("added", "Mentoring juniors on exploratory testing"),
    ]


def test_removed_items_are_listed_where_they_were() -> None:
    old = _role(needs=_needs(*ITEMS))
    new = _role(needs=_needs(ITEMS[0], ITEMS[2], ITEMS[3]))
    result = diff_roles(old, new)
    assert [(e.kind, e.old_index) for e in result.entries if e.section == "needs"] == [
        ("same", 0),
        ("removed", 1),
        ("same", 2),
        ("same", 3),
    ]


def test_reflowed_text_is_equal() -> None:
    old = _role(summary=[Paragraph(text="One two three\nfour five.")])
    new = _role(summary=[Paragraph(text="One two\nthree four   five.")])
    assert diff_roles(old, new).equal


def test_case_only_edits_are_changes() -> None:
    old = _role(needs=_needs("Automating the deployment pipeline"))
    new = _role(needs=_needs("automating the Deployment pipeline"))
    (change,) = diff_roles(old, new).changes
    assert change.kind == "changed"


def test_in_order_keeps_a_longest_agreeing_run() -> None:
    assert in_order({0: 0, 1: 1, 2: 2}) == {0, 1, 2}
    assert in_order({0: 3, 1: 0, 2: 1, 3: 2}) == {1, 2, 3}
    assert in_order({}) == set()


def test_identical_notes_count_as_many_and_moves_between_sections_are_moves() -> None:
    subs = [SubRole(kind="developer", title="The Developer")]
    old = _role(
        sub_roles=subs,
        notes=[Note(text="TODO", section="needs"), Note(text="check", section="duties")],
    )
    new = _role(
        sub_roles=subs,
        notes=[
            Note(text="TODO", section="needs"),
            Note(text="TODO", section="needs"),
            Note(text="TODO", section="sub_role:0"),
            Note(text="check", section="needs"),
        ],
    )
    changes = diff_roles(old, new).changes
    assert [(c.kind, c.new, c.old_where, c.new_where) for c in changes] == [
        ("added", "TODO", None, "needs"),
        ("added", "TODO", None, "sub_role:developer"),
        ("moved", "check", "duties", "needs"),
    ]


def test_frontmatter_keys_and_tags() -> None:
    old = _role(
        frontmatter=Frontmatter.model_validate(
            {"title": "QA", "tags": ["qa", "role"], "sidebar_position": 2, "draft": True}
        )
    )
    new = _role(
        frontmatter=Frontmatter.model_validate(
            {"title": "QA team", "tags": ["role", "QA", "testing"], "sidebar_position": 3}
        )
    )
    got = [(c.section, c.kind, c.old, c.new) for c in diff_roles(old, new).changes]
    assert got == [
        ("frontmatter.title", "changed", "QA", "QA team"),
        ("frontmatter.tags", "changed", "qa", "QA"),
        ("frontmatter.tags", "added", None, "testing"),
        ("frontmatter.sidebar_position", "changed", "2", "3"),
        ("frontmatter.draft", "removed", "true", None),
    ]


def test_sub_roles_pair_by_kind_and_custom_ones_by_title() -> None:
    old = _role(
        sub_roles=[
            SubRole(
                kind="developer", title="The Developer", description=[Paragraph(text="Codes.")]
            ),
            SubRole(kind="cloud-architect", title="The Cloud Architect", custom=True),
            SubRole(kind="manager", title="The Manager"),
        ]
    )
    new = _role(
        sub_roles=[
            SubRole(kind="manager", title="The Manager"),
            SubRole(
                kind="developer",
                title="The Software Developer",
                description=[Paragraph(text="Codes and reviews.")],
            ),
            SubRole(kind="cloud-architect-lead", title="The Cloud Architect Lead", custom=True),
        ]
    )
    got = [(c.section, c.kind, c.moved, c.old, c.new) for c in diff_roles(old, new).changes]
    assert got == [
        ("sub_roles", "moved", False, "The Manager", "The Manager"),
        ("sub_roles", "changed", False, "The Developer", "The Software Developer"),
        ("sub_roles", "changed", False, "The Cloud Architect", "The Cloud Architect Lead"),
        ("sub_role:developer", "changed", False, "Codes.", "Codes and reviews."),
    ]


def test_extra_sections_are_compared_by_title_and_content() -> None:
    old = _role(
        extra_sections=[
            ExtraSection(title="Career Path", blocks=[Paragraph(text="Junior, then senior.")]),
            ExtraSection(title="Salary", blocks=[Paragraph(text="Depends.")]),
        ]
    )
    new = _role(
        extra_sections=[
            ExtraSection(
                title="Career Path", blocks=[Paragraph(text="Junior, then senior, then lead.")]
            ),
            ExtraSection(title="Tools", blocks=[Paragraph(text="Terraform.")]),
        ]
    )
    got = [(c.section, c.kind, c.old, c.new, c.body) for c in diff_roles(old, new).changes]
    assert got == [
        ("extra_sections", "removed", "Salary", None, ("Depends.",)),
        ("extra_sections", "added", None, "Tools", ("Terraform.",)),
        (
            "extra:Career Path",
            "changed",
            "Junior, then senior.",
            "Junior, then senior, then lead.",
            (),
        ),
    ]


def test_duties_compare_name_and_description() -> None:
    old = _role(duties=[Duty(name="Automating", description="with Terraform")])
    new = _role(duties=[Duty(name="Automating", description="with Terraform and Ansible")])
    (change,) = diff_roles(old, new).changes
    assert change.old == "**Automating**: with Terraform"
    assert _edits(change) == [("insert", "", " and Ansible")]


def test_a_rename_alone_is_one_change() -> None:
    old = parse_text(
        "# The Role of a QA Analyst\n\nA QA Analyst tests. Ask a qa analyst.\n", "qa.md"
    ).role
    new = parse_text("# The Role of an SRE Lead\n\nAn SRE Lead tests. Ask an sre lead.\n").role
    changes = diff_roles(old, new).changes
    assert [(c.section, c.old, c.new) for c in changes] == [("name", "QA Analyst", "SRE Lead")]


# -- the command ----------------------------------------------------------------------------------


def test_cli_rich_piped_is_plain_readable_and_fits_80_columns() -> None:
    result = run_roles("diff", "devops-engineer", "devops-specialist")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "name: DevOps Engineer → DevOps Specialist" in out.splitlines()[2]
    assert "to improve [-software-]{+delivery+} quality" in out
    assert "**Monitoring and [-Logging-]{+Managing environments.+}**" in out
    assert "developer, [-and-]" in out and "security expert{+, manager, and coach+}." in out
    assert "+ sub-role: The Manager · line 43" in out
    assert out.count("+ note in ") == 5
    assert out.rstrip().endswith("13 changes: 8 added, 5 changed")


def test_cli_colour_highlights_words_without_markers() -> None:
    out = run_roles("--color", "always", "diff", "engineer", "specialist").stdout
    assert "\x1b[" in out
    assert "[-" not in out and "{+" not in out


def test_cli_text_format_is_one_line_per_item() -> None:
    out = run_roles("diff", "engineer", "specialist", "-f", "text").stdout
    lines = out.splitlines()
    assert lines[:3] == [
        "--- devops-engineer (roles/devops-engineer.md)",
        "+++ devops-specialist (roles/devops-specialist.md)",
        "name: DevOps Engineer → DevOps Specialist",
    ]
    assert "~ need 3 (line 16)" in lines
    assert (
        "    Implementing continuous integration and continuous delivery (CI/CD) pipelines "
        "to improve [-software-]{+delivery+} quality, efficiency and responsiveness." in lines
    )
    assert "+ note in sub-role Coach (line 48)" in lines
    assert "─" not in out and "\x1b" not in out


def test_cli_exit_code() -> None:
    same = run_roles("diff", "specialist", "devops-specialist", "--exit-code")
    assert (same.exit_code, same.stdout.splitlines()[-1]) == (0, "no differences")
    different = run_roles("diff", "engineer", "specialist", "--exit-code", "--stat")
    assert different.exit_code == 1
    assert run_roles("diff", "engineer", "specialist").exit_code == 0


def test_cli_stat_prints_only_the_summary() -> None:
    out = run_roles("diff", "engineer", "specialist", "--stat").stdout
    assert out.splitlines() == [
        "13 changes: 8 added, 5 changed",
    ]


def test_cli_side_by_side_pairs_rows_and_marks_shared_ones() -> None:
    out = run_roles("diff", "engineer", "specialist", "--side-by-side").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    lines = out.splitlines()
    assert re.match(r"DevOps Engineer +DevOps Specialist$", lines[0])
    assert re.search(r"^DevOps \[-Engineer-\] +~ DevOps \{\+Specialist\+\}$", out, re.MULTILINE)
    assert re.search(r"^tag: DevOps +\= tag: DevOps$", out, re.MULTILINE)
    assert re.search(r"^The Developer +\= The Developer$", out, re.MULTILINE)
    assert re.search(r"^ +\+ The Manager$", out, re.MULTILINE)
    assert re.search(r"^Unlike traditional roles, a DevOps +\= Unlike", out, re.MULTILINE)
    text = run_roles("diff", "engineer", "specialist", "-y", "-f", "text").stdout
    assert "─" not in text and "Needs:" in text.splitlines()


def test_cli_markdown_for_a_pull_request() -> None:
    out = run_roles("diff", "engineer", "specialist", "-f", "markdown").stdout
    assert out.startswith("### Role diff: devops-engineer → devops-specialist\n")
    assert "**Name:** DevOps Engineer → DevOps Specialist" in out
    assert "improve <del>software</del><ins>delivery</ins> quality" in out
    # role text is Markdown: bold stays bold around the word marks (issue 16)
    assert (
        "- **\\~ duty 3** (line 24 → 26): "
        "**Monitoring and <del>Logging</del><ins>Managing environments.</ins>**\n" in out
    )
    assert "#### Notes" in out and out.rstrip().endswith("**13 changes: 8 added, 5 changed**")
    table = run_roles("diff", "engineer", "specialist", "-f", "markdown", "-y").stdout
    assert "| DevOps Engineer | | DevOps Specialist |" in table
    assert "| The Developer | = | The Developer |" in table.replace("**", "")


def test_cli_json_is_documented_and_stable() -> None:
    import jsonschema

    result = run_roles("diff", "engineer", "specialist", "-f", "json")
    data = json.loads(result.stdout)
    schema = json.loads((REPO / "docs" / "diff-json.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["version"] == 1 and data["equal"] is False and data["literal"] is False
    assert data["summary"] == {"changes": 13, "added": 8, "removed": 0, "changed": 5, "moved": 0}
    need = data["changes"][2]
    assert {k: need[k] for k in ("section", "kind", "old_line", "new_line", "old_index")} == {
        "section": "needs",
        "kind": "changed",
        "old_line": 16,
        "new_line": 16,
        "old_index": 2,
    }
    assert {"op": "replace", "old": " software", "new": " delivery"} in need["words"]
    stat = json.loads(run_roles("diff", "engineer", "specialist", "-f", "json", "--stat").stdout)
    jsonschema.validate(stat, schema)
    assert "changes" not in stat and stat["summary"] == data["summary"]
    documented = (REPO / "docs" / "diff-json.md").read_text(encoding="utf-8")
    for key in [*data, *need, *data["old"], *data["sections"][0]]:
        assert f"`{key}`" in documented, key
    example = documented.split("```json\n")[1].split("```")[0]
    assert json.loads(example) == need


def test_cli_literal_flag() -> None:
    out = run_roles("diff", "engineer", "specialist", "--literal", "--stat").stdout
    assert out.splitlines()[-1] == "15 changes: 8 added, 7 changed"


def test_cli_paths_and_roles_dir(tmp_path: Path) -> None:
    a = write(
        tmp_path / "cat" / "qa.md", "# The Role of a QA Analyst\n\n- x\n\nA QA Analyst tests.\n"
    )
    b = write(tmp_path / "other.md", "# The Role of a QA Lead\n\nA QA Lead tests.\n")
    result = run_roles("diff", str(a), str(b), "-f", "json")
    assert json.loads(result.stdout)["summary"]["changes"] == 2  # the name, the summary list
    by_name = run_roles("diff", "qa", str(b), "--roles-dir", str(tmp_path / "cat"), "--stat")
    assert (
        by_name.exit_code == 0
        and by_name.stdout.splitlines()[-1] == "2 changes: 1 removed, 1 changed"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "specialist"], "roles: no such role: 'nope'\n"),
        (["specialist", "devops"], "is ambiguous"),
        (["engineer", "specialist", "-y", "-f", "json"], "not with --format json"),
        (["engineer", "specialist", "-y", "--stat"], "do not go together"),
    ],
)
def test_cli_errors_are_one_line_exit_2(args: list[str], message: str) -> None:
    result = run_roles("diff", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_cli_unreadable_file_is_path_line_message(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.md", "---\ntitle: [x\n---\n")
    result = run_roles("diff", str(broken), "specialist")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}:") and "invalid YAML" in result.stderr


def test_control_characters_never_reach_the_output(tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", "# The Role of a Tester\n\n- Checks \x1b[31mred\x1b[0m things\n")
    b = write(tmp_path / "b.md", "# The Role of a Tester\n\n- Checks \x1b]8;;x\x07all things\n")
    for fmt in ("rich", "text", "markdown", "json"):
        for extra in ([], ["-y"]) if fmt != "json" else ([],):
            out = run_roles("diff", str(a), str(b), "-f", fmt, *extra, "--literal").stdout
            assert "\x1b" not in out and "\x07" not in out, (fmt, extra)
            assert "\\x1b" in out or "\\u001b" in out
