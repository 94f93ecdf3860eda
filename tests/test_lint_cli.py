"""`roles lint` as CI uses it: formats, configuration, suppressions, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from roledeck.lint.rules import RULES
from roledeck.reporters.rules_doc import markdown_page

from .helpers import REPO, SHARED, needs_shared, run_roles, write
from .lintcases import CASES, clean
from .test_lint_rules import make_catalog

BROKEN = clean().replace("## What a QA Engineer Does", "## Tasks")  # ST002 error at line 6


def test_text_format_is_sorted_path_line_col_code_message(tmp_path: Path) -> None:
    write(tmp_path / "b.md", BROKEN)
    a = clean("Test Lead", position=2).replace(
        "- Catching defects early.", "- Catching defects early\n- Reporting risks."
    )
    write(tmp_path / "a.md", a.replace("## How", "{/* TODO: x */}\n\n## How"))
    result = run_roles("lint", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"{tmp_path}/a.md:12:1: CT002 need has no final punctuation, but 2 of 3 end with '.' (warning)"
    )
    assert lines[1] == f"{tmp_path}/a.md:23:1: CT003 note left in: 'TODO: x' (warning)"
    assert (
        lines[2] == f"{tmp_path}/b.md:6:1: ST002 missing section 'What a QA Engineer Does' (duties)"
    )
    assert lines[-1] == "Found 1 error and 2 warnings in 2 of 2 files."


def test_clean_catalog_summary_and_quiet(tmp_path: Path) -> None:
    write(tmp_path / "qa.md", clean())
    assert run_roles("lint", str(tmp_path)).stdout == "All 1 file passed.\n"
    assert run_roles("lint", str(tmp_path), "--quiet").stdout == ""


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    write(tmp_path / "qa.md", clean().replace("## What", "<!-- TODO: x -->\n\n## What"))
    assert run_roles("lint", str(tmp_path)).exit_code == 0
    assert run_roles("lint", str(tmp_path), "--strict").exit_code == 1


def test_select_and_ignore(tmp_path: Path) -> None:
    write(tmp_path / "qa.md", BROKEN.replace("## How", "{/* TODO: x */}\n\n## How"))
    only = json.loads(run_roles("lint", str(tmp_path), "-f", "json", "--select", "CT").stdout)
    assert {f["code"] for f in only["findings"]} == {"CT003"}
    skipped = run_roles("lint", str(tmp_path), "-f", "json", "--ignore", "ST002,CT003")
    assert json.loads(skipped.stdout)["findings"] == [] and skipped.exit_code == 0


def test_unknown_code_is_a_usage_error() -> None:
    result = run_roles("lint", "--select", "ST02")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "roles: unknown rule code 'ST02' in select (did you mean 'ST002'?); see 'roles rules'\n"
    )


def test_config_from_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.roles]\nroles-dir = "docs"\nignore = ["CT003"]\nrequired-sections = ["needs"]\n'
        '[tool.roles.severity]\nCT002 = "error"\n[tool.roles.per-file-ignores]\n"legacy/*" = ["ST"]\n',
    )
    write(
        tmp_path / "docs" / "qa.md",
        BROKEN.replace("- Catching defects early.", "- Catching defects early").replace(
            "## How", "{/* TODO: x */}\n\n## How"
        ),
    )
    write(
        tmp_path / "docs" / "legacy" / "old.md",
        clean("Legacy One", position=7).replace("## Why a Legacy One", "## Reasons"),
    )
    result = run_roles("lint", "-f", "json", "--config", str(tmp_path / "pyproject.toml"))
    findings = json.loads(result.stdout)["findings"]
    assert {(Path(f["path"]).name, f["code"], f["severity"]) for f in findings} == {
        ("qa.md", "CT002", "error")
    }
    assert result.exit_code == 1


def test_config_found_by_walking_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "roles.toml", 'roles-dir = "team/roles"\nselect = ["ST"]\n')
    write(tmp_path / "team" / "roles" / "qa.md", BROKEN)
    (tmp_path / "team" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "team" / "sub")
    result = run_roles("lint", "-f", "json")
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["ST002"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("selct = []\n", ":1: unknown key 'selct' in roles.toml (did you mean 'select'?)"),
        (
            "ignore = []\nrequired-sections = ['everything']\n",
            ":2: bad value for 'required-sections.0' in roles.toml",
        ),
        ("select = [\n", ":1: invalid TOML"),
        (
            "[docusaurus]\n# the site\nmarkdown-format = 'html'\n",
            ":3: bad value for 'docusaurus.markdown-format'",
        ),
    ],
)
def test_bad_config_is_one_line_exit_2(tmp_path: Path, toml: str, message: str) -> None:
    write(tmp_path / "roles.toml", toml)
    result = run_roles("lint", "--config", str(tmp_path / "roles.toml"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'roles.toml'}{message}")
    assert len(result.stderr.splitlines()) == 1


def test_inline_suppressions(tmp_path: Path) -> None:
    text = clean().replace(
        "## What",
        "<!-- roles-lint disable-next-line=CT003 -->\n<!-- TODO: hidden -->\n\n<!-- TODO: shown -->\n\n## What",
    )
    write(tmp_path / "a.md", text)
    findings = json.loads(run_roles("lint", str(tmp_path), "-f", "json", "--ignore", "MDX").stdout)[
        "findings"
    ]
    assert [f["message"] for f in findings] == ["note left in: 'TODO: shown'"]
    write(
        tmp_path / "a.md",
        "<!-- roles-lint disable=CT003, FM, MDX -->\n" + text.split("---\n", 2)[2],
    )
    assert json.loads(run_roles("lint", str(tmp_path), "-f", "json").stdout)["findings"] == []


def test_unparsable_file_is_a_finding_and_others_are_still_linted(tmp_path: Path) -> None:
    write(tmp_path / "bad.md", "---\ntitle: [x\n---\n")
    write(tmp_path / "good.md", BROKEN)
    result = run_roles("lint", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path}/bad.md:2:1: FM004 invalid YAML" in result.stdout
    assert f"{tmp_path}/good.md:6:1: ST002" in result.stdout


def test_missing_path_is_usage_error(tmp_path: Path) -> None:
    result = run_roles("lint", str(tmp_path / "nope.md"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"roles: no such file or directory: {tmp_path / 'nope.md'}\n",
    )


def test_github_format_and_default_under_actions(tmp_path: Path) -> None:
    write(tmp_path / "qa, 1.md", BROKEN.replace("QA Engineer keeps", "QA Engineer keeps\n\nx%y"))
    result = run_roles("lint", str(tmp_path), env={"GITHUB_ACTIONS": "true"})
    line = result.stdout.strip().splitlines()[0]
    assert re.fullmatch(
        r"::error file=[^:,]+%2C 1\.md,line=6,col=1,title=ST002 missing-section::missing section .*",
        line,
    ), line
    assert result.exit_code == 1


def test_github_escapes_newlines_and_percent() -> None:
    from roledeck.lint.findings import Finding
    from roledeck.reporters.lint_github import command

    cmd = command(
        Finding("a:b,c.md", 3, 1, "CT003", "50% done\n::error::x", "warning", "todo-note")
    )
    assert (
        cmd
        == "::warning file=a%3Ab%2Cc.md,line=3,col=1,title=CT003 todo-note::50%25 done%0A::error::x"
    )


def test_statistics(tmp_path: Path) -> None:
    write(
        tmp_path / "qa.md",
        clean().replace("## What", "<!-- TODO: a -->\n\n<!-- TODO: b -->\n\n## What"),
    )
    result = run_roles("lint", str(tmp_path), "--statistics")
    assert result.stdout.splitlines()[0].split() == ["2", "CT003", "todo-note", "warning"]


def test_output_file(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "qa.md", BROKEN)
    out = tmp_path / "report.json"
    result = run_roles("lint", str(tmp_path / "docs"), "-f", "json", "-o", str(out))
    assert result.stdout == "" and result.exit_code == 1
    assert json.loads(out.read_text())["errors"] == 1


@needs_shared
def test_sarif_is_valid_against_the_official_schema(tmp_path: Path) -> None:
    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text())
    write(tmp_path / "docs" / "my role.md", BROKEN.replace("## How", "{/* TODO: x */}\n\n## How"))
    result = run_roles("lint", str(tmp_path / "docs"), "-f", "sarif")
    log = json.loads(result.stdout)
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.code for r in RULES]
    codes = {r["ruleId"]: r for r in run["results"]}
    assert codes["ST002"]["level"] == "error" and codes["CT003"]["level"] == "warning"
    location = codes["ST002"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("docs/my%20role.md")
    assert location["region"] == {"startLine": 6, "startColumn": 1}


def test_generated_catalog_every_defect_found_and_clean_files_silent(tmp_path: Path) -> None:
    """One folder per injected defect, next to clean files: lint finds exactly the defects."""
    root = tmp_path / "catalog"
    expected: dict[str, str] = {}
    for index, case in enumerate(c for c in CASES if not c.config):
        folder = root / f"case{index:02d}"
        files = case.files()
        renamed = {name.replace("qa", f"qa{index}"): text for name, text in files.items()}
        make_catalog(folder, renamed)
        expected[folder.name] = case.code
    for index in range(30):
        write(root / "clean" / f"role{index}.md", clean(f"Clean Role {index}", position=index))
    data = json.loads(run_roles("lint", str(root), "-f", "json").stdout)
    by_folder: dict[str, set[str]] = {}
    for finding in data["findings"]:
        folder = Path(finding["path"]).relative_to(root).parts[0]
        by_folder.setdefault(folder, set()).add(finding["code"])
    assert "clean" not in by_folder, by_folder.get("clean")
    for folder, code in expected.items():
        assert code in by_folder.get(folder, set()), (folder, code, by_folder.get(folder))


def test_rules_list_and_one_rule() -> None:
    listing = run_roles("rules")
    assert listing.exit_code == 0
    assert all(rule.code in listing.stdout for rule in RULES)
    one = run_roles("rules", "CT003")
    assert one.stdout.startswith("# CT003 todo-note (warning)")
    assert "**Fails**" in one.stdout and "**Fix**" in one.stdout
    assert run_roles("rules", "missing-section").stdout.startswith("# ST002")
    missing = run_roles("rules", "CT03")
    assert missing.exit_code == 2 and "did you mean" in missing.stderr


def test_docs_rules_md_is_current() -> None:
    """docs/rules.md is generated: regenerate with `make rules-doc` when a rule changes."""
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == markdown_page()
