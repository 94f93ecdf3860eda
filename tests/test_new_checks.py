"""The checks issue 17 adds or corrects, passing and failing, through `roles lint` (17.6–17.8)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from .helpers import ENGINEER, ROLES, SPECIALIST, run_roles, write
from .lintcases import clean


def lint(root: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = run_roles("lint", str(root), "-f", "json", *args)
    assert result.stderr == "", result.stderr
    return result.exit_code, json.loads(result.stdout)["findings"]


def codes_of(findings: list[dict[str, Any]]) -> list[str]:
    return [f["code"] for f in findings]


# -- the copy-and-edit slip (CA006) ----------------------------------------------------------


def test_the_specialist_keeping_the_engineer_s_name_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "devops-engineer.md", ENGINEER.read_text(encoding="utf-8"))
    slipped = SPECIALIST.read_text(encoding="utf-8").replace(
        "Unlike traditional roles, a DevOps Specialist",
        "Unlike traditional roles, a DevOps Engineer",
    )
    write(tmp_path / "devops-specialist.md", slipped)
    code, findings = lint(tmp_path)
    found = [f for f in findings if f["code"] == "CA006"]
    assert [(Path(f["path"]).name, f["line"], f["severity"]) for f in found] == [
        ("devops-specialist.md", 10, "warning")
    ]
    assert "'DevOps Engineer' is the role of" in found[0]["message"]
    assert code == 0


def test_the_seeds_have_no_slip() -> None:
    _, findings = lint(ROLES)
    assert "CA006" not in codes_of(findings)


@pytest.mark.parametrize(
    "sentence",
    [
        "A QA Engineer works closely with the QA Lead.",
        "A QA Engineer reports to a QA Lead.",
        "The QA Lead and a QA Engineer pair on releases.",
    ],
)
def test_a_cross_reference_is_no_slip(tmp_path: Path, sentence: str) -> None:
    write(tmp_path / "lead.md", clean("QA Lead", position=2))
    write(tmp_path / "qa.md", clean().replace("A QA Engineer keeps quality visible.", sentence))
    _, findings = lint(tmp_path)
    assert "CA006" not in codes_of(findings)


# -- frontmatter: id with a slash, booleans, object tags -------------------------------------


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("draft: true", True),
        ("draft: False", True),
        ("draft: 'true'", True),  # Docusaurus's schema converts the text
        ("hide_title: yes", False),  # YAML 1.1 says true; Docusaurus (YAML 1.2) says text
        ("draft: yes-please", False),
        ("parse_number_prefixes: off", False),
        ("unlisted: 1", False),
        ("draft:", False),
    ],
)
def test_docusaurus_booleans(tmp_path: Path, line: str, ok: bool) -> None:
    write(tmp_path / "qa.md", clean().replace("---\n", f"---\n{line}\n", 1))
    code, findings = lint(tmp_path)
    assert ("FM008" not in codes_of(findings)) is ok, findings
    assert code == (0 if ok else 1)


def test_draft_and_unlisted_together(tmp_path: Path) -> None:
    write(tmp_path / "qa.md", clean().replace("---\n", "---\ndraft: true\nunlisted: true\n", 1))
    _, findings = lint(tmp_path)
    assert [f["message"] for f in findings if f["code"] == "FM008"] == [
        "a doc cannot be draft and unlisted at the same time"
    ]


def test_an_id_without_a_slash_passes(tmp_path: Path) -> None:
    write(tmp_path / "team" / "qa.md", clean().replace("---\n", "---\nid: tester\n", 1))
    _, findings = lint(tmp_path)
    assert "FM007" not in codes_of(findings)
    assert run_roles("show", "team/tester", "--roles-dir", str(tmp_path)).exit_code == 0


TAGGED = clean().replace("tags: [qa, role]", "tags: [{label: Role, permalink: /role}, qa, 2024]")


def test_object_tags_are_accepted_everywhere(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "qa.md", TAGGED)
    code, findings = lint(tmp_path / "docs")
    assert code == 0 and "FM006" not in codes_of(findings)
    listed = json.loads(
        run_roles("list", "--roles-dir", str(tmp_path / "docs"), "-f", "json").stdout
    )
    assert listed[0]["tags"] == ["Role", "qa", "2024"]
    tagged = run_roles("list", "--roles-dir", str(tmp_path / "docs"), "--tag", "role", "-f", "ids")
    assert tagged.stdout == "qa\n"
    matrix = run_roles("matrix", "--roles-dir", str(tmp_path / "docs"), "--tag", "Role")
    assert matrix.exit_code == 0, matrix.stderr
    exported = json.loads(run_roles("export", "--roles-dir", str(tmp_path / "docs")).stdout)
    assert exported["roles"][0]["frontmatter"]["tags"][0] == {"label": "Role", "permalink": "/role"}
    shown = run_roles("show", "qa", "--roles-dir", str(tmp_path / "docs"), "-f", "text")
    assert "tags: Role, qa, 2024" in shown.stdout


def test_profiles_are_selected_by_an_object_tag_s_label(tmp_path: Path) -> None:
    write(tmp_path / "roles.toml", 'roles-dir = "docs"\n[profiles]\ntags = ["role"]\n')
    write(tmp_path / "docs" / "qa.md", TAGGED)
    write(tmp_path / "docs" / "faq.md", "---\ntags: [faq]\n---\n# FAQ\n")
    result = run_roles("list", "-f", "ids", "--config", str(tmp_path / "roles.toml"))
    assert result.stdout == "qa\n"


def test_tags_yml_checks_an_object_tag_by_its_label(tmp_path: Path) -> None:
    write(tmp_path / "qa.md", TAGGED)
    write(tmp_path / "tags.yml", "qa:\n  label: QA\n")
    _, findings = lint(tmp_path)
    messages = [f["message"] for f in findings if f["code"] == "CA004"]
    assert messages == ["Tags [Role, 2024] used in qa.md are not defined in tags.yml"]


def test_a_malformed_object_tag_is_still_an_error(tmp_path: Path) -> None:
    write(tmp_path / "qa.md", clean().replace("tags: [qa, role]", "tags: [{label: Role}]"))
    code, findings = lint(tmp_path)
    assert code == 1 and "FM006" in codes_of(findings)


# -- structure: a second H1 ------------------------------------------------------------------


def test_one_h1_passes_and_a_second_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "qa.md", clean())
    assert "ST007" not in codes_of(lint(tmp_path)[1])
    write(tmp_path / "qa.md", clean() + "\n# The Role of a QA Lead\n\nPasted.\n")
    found = [f for f in lint(tmp_path)[1] if f["code"] == "ST007"]
    assert [(f["line"], f["severity"]) for f in found] == [(34, "warning")]


# -- duplicate slugs (CA007) -----------------------------------------------------------------


def test_index_docs_share_their_folder_s_url(tmp_path: Path) -> None:
    write(tmp_path / "team" / "index.md", clean("Team Lead"))
    write(tmp_path / "lead.md", clean("Other Lead").replace("---\n", "---\nslug: /team\n", 1))
    write(tmp_path / "team" / "qa.md", clean(position=2))
    found = [f for f in lint(tmp_path)[1] if f["code"] == "CA007"]
    assert [(Path(f["path"]).name, f["message"]) for f in found] == [
        ("lead.md", f"URL /team is also {tmp_path / 'team' / 'index.md'}'s")
    ]


def test_distinct_urls_pass(tmp_path: Path) -> None:
    write(tmp_path / "a" / "lead.md", clean("Team Lead"))
    write(tmp_path / "b" / "lead.md", clean("Backend Lead"))
    assert "CA007" not in codes_of(lint(tmp_path)[1])


# -- catalog rules when pre-commit passes only the changed files ------------------------------


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    roles = tmp_path / "roles"
    for index in range(5):
        write(roles / "team" / f"role{index}.md", clean(f"Role {index}", position=index + 1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ROLES_CACHE_DIR", str(tmp_path / "cache"))
    return roles


@pytest.mark.parametrize("warm", [False, True])
def test_a_changed_file_is_compared_with_the_whole_catalog(catalog: Path, warm: bool) -> None:
    env = {"ROLES_CACHE_DIR": os.environ["ROLES_CACHE_DIR"]}
    if warm:
        assert run_roles("lint", env=env).exit_code == 0  # the whole catalog, cached
    changed = write(catalog / "team" / "new.md", clean("Role 3", position=2))
    result = run_roles("lint", "roles/team/new.md", "-f", "json", env=env)
    findings = json.loads(result.stdout)["findings"]
    located = {(f["code"], Path(f["path"]).name) for f in findings}
    assert located == {("CA002", "new.md"), ("CA003", "new.md"), ("CA005", "new.md")}, findings
    assert result.exit_code == 1
    other = next(f for f in findings if f["code"] == "CA002")
    assert "role3.md" in other["message"]
    assert changed.is_file()


def test_a_partial_run_reports_nothing_about_other_files(catalog: Path) -> None:
    write(catalog / "team" / "dup-a.md", clean("Same", position=20))
    write(catalog / "team" / "dup-b.md", clean("Same", position=21))
    result = run_roles("lint", "roles/team/role0.md", "-f", "json")
    assert json.loads(result.stdout)["findings"] == [] and result.exit_code == 0


def test_a_partial_run_leaves_the_cache_of_the_whole_catalog_alone(catalog: Path) -> None:
    cache = Path(os.environ["ROLES_CACHE_DIR"])
    env = {"ROLES_CACHE_DIR": str(cache)}
    assert run_roles("lint", env=env).exit_code == 0
    before = {p.name: p.read_bytes() for p in cache.iterdir()}
    run_roles("lint", "roles/team/role1.md", env=env)
    after = {p.name: p.read_bytes() for p in cache.iterdir()}
    assert {k: v for k, v in after.items() if k in before} == before


# -- content rules ---------------------------------------------------------------------------


def test_languages_are_not_duplicates(tmp_path: Path) -> None:
    text = clean().replace(
        "- Catching defects early.",
        "- Shipping engines written in C++.\n- Shipping engines written in C#.",
    )
    write(tmp_path / "qa.md", text)
    assert "CT001" not in codes_of(lint(tmp_path)[1])
    write(tmp_path / "qa.md", text.replace("in C#.", "in c++!"))
    assert "CT001" in codes_of(lint(tmp_path)[1])


def test_final_punctuation_of_one_kind(tmp_path: Path) -> None:
    text = clean().replace(
        "- Catching defects early.", "- Catching defects early!\n- Is it predictable?"
    )
    write(tmp_path / "qa.md", text)
    assert "CT002" not in codes_of(lint(tmp_path)[1])


def test_nested_blocks_do_not_end_an_item(tmp_path: Path) -> None:
    text = clean().replace(
        "- Catching defects early.",
        "- Catching defects early.\n  - in unit tests\n  - in review\n"
        "- Keeping builds green.\n\n  ```sh\n  make test\n  ```\n",
    )
    write(tmp_path / "qa.md", text)
    assert "CT002" not in codes_of(lint(tmp_path)[1])


def test_two_duties_of_one_name(tmp_path: Path) -> None:
    text = clean().replace(
        "- **Test Automation**\n- **Exploratory Testing**",
        "- **Reviews**: of code\n- **Reviews**: of test plans",
    )
    write(tmp_path / "qa.md", text)
    found = [f for f in lint(tmp_path)[1] if f["code"] in ("CT001", "CT005")]
    assert [(f["code"], f["line"]) for f in found] == [("CT005", 20)]


# -- export: notes in the syntax the site builds ---------------------------------------------


@pytest.mark.parametrize(
    ("config", "present", "absent"),
    [
        ("[docusaurus]\nmdx1-comments = false\n", "{/* TODO: add links", "<!--"),
        ('[docusaurus]\nmarkdown-format = "detect"\n', "<!-- TODO: add links", "{/*"),
    ],
)
def test_export_writes_notes_the_site_builds(
    tmp_path: Path, config: str, present: str, absent: str
) -> None:
    path = write(tmp_path / "roles.toml", config)
    result = run_roles(
        "export", "--format", "markdown", "--config", str(path), "--roles-dir", str(ROLES)
    )
    assert result.exit_code == 0, result.stderr
    assert present in result.stdout and absent not in result.stdout
    out = tmp_path / "site"
    args = ["--config", str(path), "--roles-dir", str(ROLES), "--out", str(out)]
    assert run_roles("export", "--format", "markdown", *args).exit_code == 0
    assert absent not in (out / "devops-specialist.md").read_text(encoding="utf-8")


def test_export_keeps_notes_as_written_where_either_builds() -> None:
    result = run_roles("export", "--format", "markdown", "--roles-dir", str(ROLES))
    assert "<!-- roles export: devops-engineer -->" in result.stdout
    assert "<!-- TODO: add links to sections -->" in result.stdout
