"""Doc ids as Docusaurus computes them, and every command naming roles by them (issue 17.2)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roledeck.docids import (
    doc_id,
    doc_slug,
    folder_alias,
    is_category_index,
    strip_number_prefix,
    trailing_parts,
)

from .helpers import run_roles, write
from .lintcases import clean


@pytest.mark.parametrize(
    ("path", "front_id", "expected"),
    [
        ("lead.md", None, "lead"),
        ("engineering/backend/lead.md", None, "engineering/backend/lead"),
        ("engineering/backend/lead.md", "boss", "engineering/backend/boss"),  # last part only
        ("01-engineering/02-backend/03-lead.md", None, "engineering/backend/lead"),
        ("guides/index.md", None, "guides/index"),
        ("guides/README.md", None, "guides/README"),
        ("2024-05-notes.md", None, "2024-05-notes"),  # date-like: prefix kept
        ("1.2-intro.md", None, "1.2-intro"),  # version-like: kept
        ("003 - Lead.md", None, "Lead"),
        ("team/lead.yaml", None, "team/lead"),
        ("a/b.md", "x/y", "a/x/y"),  # a build error (FM007), joined all the same
    ],
)
def test_doc_ids_follow_docusaurus(path: str, front_id: str | None, expected: str) -> None:
    assert doc_id(path, front_id) == expected


def test_number_prefixes_can_be_kept_as_docusaurus_allows() -> None:
    assert doc_id("01-team/02-lead.md", None, number_prefixes=False) == "01-team/02-lead"
    assert strip_number_prefix("02-lead") == ("lead", 2)
    assert strip_number_prefix("lead") == ("lead", None)


def test_index_docs_are_known_by_their_folder() -> None:
    assert is_category_index("guides/index.md") and is_category_index("guides/ReadMe.md")
    assert is_category_index("guides/guides.md") and not is_category_index("guides/intro.md")
    assert folder_alias("team/backend/index.md") == "team/backend"
    assert folder_alias("index.md") is None  # the docs root is no name
    assert folder_alias("team/lead.md") is None


def test_slugs_as_docusaurus_computes_them() -> None:
    assert doc_slug("team/lead.md", None, None) == "/team/lead"
    assert doc_slug("team/index.md", None, None) == "/team"
    assert doc_slug("team/lead.md", None, "/people/lead") == "/people/lead"
    assert doc_slug("team/lead.md", None, "boss") == "/team/boss"
    assert doc_slug("team/lead.md", None, "../boss") == "/boss"
    assert doc_slug("team/lead.md", "chief", None) == "/team/chief"
    assert trailing_parts("a/b/c") == ["a/b/c", "b/c", "c"]


@pytest.fixture
def nested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A docs folder as a team with 50 profiles has it: nested folders, two `lead.md`."""
    docs = tmp_path / "docs"
    write(docs / "engineering" / "backend" / "lead.md", clean("Backend Lead"))
    write(docs / "engineering" / "frontend" / "lead.md", clean("Frontend Lead", position=2))
    write(docs / "engineering" / "index.md", clean("Head of Engineering", position=3))
    write(docs / "ops" / "README.md", clean("Ops Manager", position=4, article="an"))
    write(docs / "qa" / "01-tester.md", clean("Tester"))
    write(tmp_path / "roles.toml", 'roles-dir = "docs"\n')
    monkeypatch.chdir(tmp_path)
    return docs


def test_ids_are_folder_paths(nested: Path) -> None:
    assert run_roles("list", "-f", "ids").stdout.splitlines() == [
        "engineering/backend/lead",
        "engineering/frontend/lead",
        "engineering/index",
        "ops/README",
        "qa/tester",
    ]


def test_two_lead_files_in_two_folders_are_no_duplicate(nested: Path) -> None:
    result = run_roles("lint", "-f", "json")
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert "CA001" not in codes and result.exit_code == 0, result.stdout


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("engineering/backend/lead", "Backend Lead"),  # the full id
        ("backend/lead", "Backend Lead"),  # a unique trailing part
        ("docs/engineering/frontend/lead.md", "Frontend Lead"),  # the path
        ("engineering/frontend/lead.md", "Frontend Lead"),  # the path from the catalog
        ("engineering", "Head of Engineering"),  # index.md: its folder
        ("ops", "Ops Manager"),  # README.md
        ("tester", "Tester"),  # the number prefix is not part of the id
        ("frontend lead", "Frontend Lead"),  # the name
        ("frontend", "Frontend Lead"),  # a word
    ],
)
def test_names_resolve_to_nested_roles(nested: Path, name: str, expected: str) -> None:
    result = run_roles("show", name, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == expected


def test_an_ambiguous_trailing_part_lists_every_match(nested: Path) -> None:
    result = run_roles("show", "lead")
    assert result.exit_code == 2
    assert result.stderr == (
        "roles: 'lead' is ambiguous: it matches engineering/backend/lead (Backend Lead), "
        "engineering/frontend/lead (Frontend Lead)\n"
    )
    wrong_pair = run_roles("diff", "lead", "frontend lead")
    assert wrong_pair.exit_code == 2 and "ambiguous" in wrong_pair.stderr


def test_diff_matrix_and_export_work_with_nested_ids(nested: Path, tmp_path: Path) -> None:
    diff = run_roles("diff", "backend/lead", "frontend/lead", "-f", "json")
    assert diff.exit_code == 0, diff.stderr
    data = json.loads(diff.stdout)
    assert (data["old"]["id"], data["new"]["id"]) == (
        "engineering/backend/lead",
        "engineering/frontend/lead",
    )
    similar = run_roles("matrix", "--similar", "index", "-f", "json")
    assert similar.exit_code == 0, similar.stderr
    assert json.loads(similar.stdout)["similar"]["id"] == "engineering/index"
    out = tmp_path / "site"
    export = run_roles("export", "--format", "markdown", "--out", str(out))
    assert export.exit_code == 0, export.stderr
    assert (out / "engineering" / "backend" / "lead.md").is_file()
    assert (out / "ops" / "README.md").is_file()
    back = run_roles("list", "-f", "ids", "--roles-dir", str(out))
    assert back.stdout == run_roles("list", "-f", "ids").stdout  # the same ids read back
    yaml_out = tmp_path / "yaml"
    assert run_roles("export", "--format", "yaml", "--out", str(yaml_out)).exit_code == 0
    again = run_roles("list", "-f", "ids", "--roles-dir", str(yaml_out))
    assert again.stdout == run_roles("list", "-f", "ids").stdout  # YAML role files too


def test_export_refuses_ids_leaving_the_folder(tmp_path: Path) -> None:
    for bad in ("../escape", "/abs", "a//b", ".hidden"):
        catalog = tmp_path / "cat"
        shutil.rmtree(catalog, ignore_errors=True)
        write(catalog / "x.md", f"---\nid: '{bad}'\n---\n# The Role of a X\n")
        result = run_roles("export", "--roles-dir", str(catalog), "--out", str(tmp_path / "o"))
        assert result.exit_code == 2, bad
        assert "cannot be a file path" in result.stderr
        assert not (tmp_path / "o").exists() and not (tmp_path / "escape.json").exists()


def test_completion_offers_nested_ids(nested: Path) -> None:
    from types import SimpleNamespace

    from roledeck.cli.common import complete_role

    ctx = SimpleNamespace(params={"roles_dir": None, "config": None})
    assert complete_role(ctx, "engineering/b") == ["engineering/backend/lead"]  # type: ignore[arg-type]
    assert complete_role(ctx, "test") == ["qa/tester"]  # type: ignore[arg-type]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_name_at_revision_with_a_nested_id(nested: Path) -> None:
    root = nested.parent
    env = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    subprocess.run(["git", "-C", str(root), *env, "commit", "-qm", "x"], check=True)
    lead = nested / "engineering" / "backend" / "lead.md"
    lead.write_text(lead.read_text().replace("releases predictable", "releases very predictable"))
    result = run_roles("diff", "backend/lead@HEAD", "backend/lead", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["old"]["id"] == data["new"]["id"] == "engineering/backend/lead"
    assert data["summary"]["changed"] == 1


ROLES_BIN = Path(sys.executable).with_name("roles")


@pytest.mark.skipif(not ROLES_BIN.exists(), reason="the roles console script is not installed")
def test_the_installed_roles_names_nested_roles_and_lints_a_pre_commit_subset(
    nested: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ROLES_DIR"}
    env["ROLES_CACHE_DIR"] = str(nested.parent / "cache")

    def roles(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ROLES_BIN), *args],
            cwd=nested.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    ambiguous = roles("show", "lead")
    assert ambiguous.returncode == 2 and ambiguous.stdout == ""
    assert "engineering/backend/lead (Backend Lead)" in ambiguous.stderr
    assert roles("show", "backend/lead", "-f", "json").returncode == 0
    copy = nested / "engineering" / "backend" / "copy.md"
    copy.write_text(clean("Frontend Lead", position=9), encoding="utf-8")
    result = roles("lint", str(copy.relative_to(nested.parent)))  # as pre-commit runs it
    assert result.returncode == 1
    assert "CA002 role name 'Frontend Lead' is also used by" in result.stdout
