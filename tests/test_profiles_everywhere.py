"""`[tool.roles.profiles]` honoured the same way by every command that walks the catalog.

One docs folder holds role profiles, a guide, an FAQ and two decoys (a page under roles/
tagged `note`, a page tagged `role` outside roles/); selected by tags, by paths, or both, each
command must see exactly the profiles. The guide and the FAQ are written so that `fmt` would
change them and `new "QA Guide"` would clash with the guide, were they taken for profiles.
Before, `fmt` and `fmt --check` rewrote the guide, and `roles lint docs/roles` applied the
path globs relative to docs/roles instead of the catalog folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import run_roles, write
from .lintcases import clean

GUIDE = "---\ntitle: QA Guide\ntags: [guide]\n---\n# QA Guide\nRead this first.\n* Step one\n"
FAQ = "# FAQ\n## Why?\nBecause.\n"
SELECTIONS = {  # ids as Docusaurus computes them: the folder below docs/, then the stem
    "tags": ('tags = ["role"]', {"roles/lead", "roles/qa", "other/sre"}),
    "paths": ('paths = ["roles/**"]', {"roles/lead", "roles/qa", "roles/release-notes"}),
    "both": ('tags = ["role"]\npaths = ["roles/**"]', {"roles/lead", "roles/qa"}),
}
NOT_PROFILES = {"docs/guides/testing.md", "docs/faq.md"}


@pytest.fixture(params=sorted(SELECTIONS))
def mixed(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> set[str]:
    """The mixed folder, with the selection of the test's parameter; the expected profile ids."""
    selection, expected = SELECTIONS[request.param]
    write(
        tmp_path / "pyproject.toml",
        f'[tool.roles]\nroles-dir = "docs"\n\n[tool.roles.profiles]\n{selection}\n',
    )
    write(tmp_path / "docs" / "roles" / "qa.md", clean())
    write(tmp_path / "docs" / "roles" / "lead.md", clean("Test Lead", position=2))
    note = clean("Release Lead", position=3).replace("tags: [qa, role]", "tags: [note]")
    write(tmp_path / "docs" / "roles" / "release-notes.md", note)
    write(tmp_path / "docs" / "other" / "sre.md", clean("Site Reliability Engineer", position=4))
    write(tmp_path / "docs" / "guides" / "testing.md", GUIDE)
    write(tmp_path / "docs" / "faq.md", FAQ)
    monkeypatch.chdir(tmp_path)
    return expected


def _texts(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*.md"))}


def test_list(mixed: set[str]) -> None:
    result = run_roles("list", "-f", "ids")
    assert (result.exit_code, set(result.stdout.split())) == (0, mixed)


@pytest.mark.parametrize("args", [(), ("docs",), ("docs/roles", "docs/other", "docs/guides")])
def test_lint_the_catalog_or_folders_of_it(mixed: set[str], args: tuple[str, ...]) -> None:
    result = run_roles("lint", *args, "--all", "-f", "json")
    data = json.loads(result.stdout)
    assert (result.exit_code, data["findings"]) == (0, [])
    assert data["files"] == len(mixed)
    skipped = {s["path"] for s in data["skipped"]}
    assert NOT_PROFILES - {"docs/faq.md"} <= skipped
    assert ("docs/faq.md" in skipped) == (args != ("docs/roles", "docs/other", "docs/guides"))


def test_export(mixed: set[str]) -> None:
    result = run_roles("export", "-f", "json")
    ids = {role["id"] for role in json.loads(result.stdout)["roles"]}
    assert (result.exit_code, ids) == (0, mixed)


def test_fmt_check_and_fmt_leave_the_other_pages_alone(mixed: set[str], tmp_path: Path) -> None:
    before = _texts(tmp_path)
    check = run_roles("fmt", "--check")
    assert check.exit_code == 0, check.stdout + check.stderr
    assert check.stdout == f"0 files would be reformatted, {len(mixed)} files already formatted.\n"
    for args in ((), ("docs",), ("docs/guides",)):
        done = run_roles("fmt", *args)
        assert done.exit_code == 0, done.stderr
        assert "guide" not in done.stdout + done.stderr and "faq" not in done.stdout
    assert _texts(tmp_path) == before


def test_a_page_named_explicitly_is_formatted_as_documented(mixed: set[str]) -> None:
    """README, "mixed docs folders": a file named on the command line is always taken."""
    result = run_roles("fmt", "--check", "docs/guides/testing.md")
    assert "docs/guides/testing.md" in result.stdout + result.stderr


def test_matrix(mixed: set[str]) -> None:
    result = run_roles("matrix", "-f", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert {role["id"] for role in data["roles"]} == mixed


def test_show_and_diff_resolve_only_profiles(mixed: set[str]) -> None:
    assert run_roles("show", "qa guide").exit_code == 2
    assert run_roles("show", "faq").exit_code == 2
    assert run_roles("diff", "qa", "faq").exit_code == 2
    for role_id in mixed:
        assert run_roles("show", role_id, "-f", "json").exit_code == 0, role_id
    assert run_roles("diff", "qa", "lead").exit_code == 0
    # a path is always taken, as documented
    assert run_roles("show", "docs/guides/testing.md", "-f", "json").exit_code == 0


def test_new_checks_duplicates_among_profiles_only(mixed: set[str], tmp_path: Path) -> None:
    """The guide beside it is titled "QA Guide": not a profile, so not a duplicate."""
    created = run_roles("new", "QA Guide", "--dir", "docs/guides")
    assert created.exit_code == 0, created.stderr
    assert (tmp_path / "docs" / "guides" / "qa-guide.md").is_file()


def test_new_refuses_a_duplicate_of_a_profile(mixed: set[str]) -> None:
    result = run_roles("new", "QA Engineer")
    assert result.exit_code == 2
    assert "a role with the name 'QA Engineer' already exists" in result.stderr


def test_completion(mixed: set[str]) -> None:
    result = run_roles(
        "show",
        env={"_ROLES_COMPLETE": "complete_bash", "COMP_WORDS": "roles show ", "COMP_CWORD": "2"},
    )
    assert set(result.stdout.split()) == mixed
