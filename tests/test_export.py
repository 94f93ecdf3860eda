"""`roles export` and YAML role files: the catalog handed to other tools, and read back."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from roledeck.choices import SchemaPart
from roledeck.model import content_of
from roledeck.parse import load_role, parse_text
from roledeck.reporters.serial import role_data
from roledeck.schema import json_schema

from .helpers import ENGINEER, SPECIALIST, run_roles, write

SEEDS = [ENGINEER, SPECIALIST]


def _valid_role(data: object) -> None:
    jsonschema.Draft202012Validator(json_schema(SchemaPart.role)).validate(data)


# -- export -----------------------------------------------------------------------------------


def test_export_json_is_one_versioned_document() -> None:
    result = run_roles("export", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert [r["id"] for r in data["roles"]] == ["devops-engineer", "devops-specialist"]
    for exported, seed in zip(data["roles"], SEEDS, strict=True):
        assert exported == role_data(load_role(seed))
        _valid_role(exported)


def test_export_yaml_is_the_same_document() -> None:
    result = run_roles("export", "-f", "yaml")
    assert yaml.safe_load(result.stdout) == json.loads(run_roles("export").stdout)


def test_export_markdown_separates_the_roles() -> None:
    result = run_roles("export", "-f", "markdown")
    assert result.exit_code == 0
    parts = result.stdout.split("<!-- roles export: ")
    assert parts[0] == ""
    for part, seed in zip(parts[1:], SEEDS, strict=True):
        header, _, body = part.partition(" -->\n")
        assert header == seed.stem
        assert content_of(parse_text(body.rstrip("\n") + "\n", seed.name).role) == content_of(
            load_role(seed)
        )


@pytest.mark.parametrize(("form", "ext"), [("json", "json"), ("yaml", "yaml"), ("markdown", "md")])
def test_export_out_writes_one_file_per_role(tmp_path: Path, form: str, ext: str) -> None:
    out = tmp_path / "out"
    result = run_roles("export", "-f", form, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        f"devops-engineer.{ext}",
        f"devops-specialist.{ext}",
    ]
    assert result.stdout == "".join(f"wrote {out / p.stem}.{ext}\n" for p in SEEDS)
    if ext != "json":
        for seed in SEEDS:
            assert content_of(load_role(out / f"{seed.stem}.{ext}")) == content_of(load_role(seed))


def test_export_out_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    existing = write(tmp_path / "devops-engineer.yaml", "mine\n")
    result = run_roles("export", "-f", "yaml", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "1 file(s) already exist" in result.stderr and "--force" in result.stderr
    assert existing.read_text() == "mine\n"
    assert not (tmp_path / "devops-specialist.yaml").exists()  # nothing half-exported
    forced = run_roles("export", "-f", "yaml", "--out", str(tmp_path), "--force")
    assert forced.exit_code == 0
    assert existing.read_text().startswith("id: devops-engineer\n")


def test_an_mdx_role_stays_mdx_in_a_markdown_export(tmp_path: Path) -> None:
    from .lintcases import clean

    catalog = tmp_path / "docs"
    write(
        catalog / "qa.mdx",
        clean().replace("keeps quality visible.", "keeps <b>quality</b> visible."),
    )
    write(catalog / "lead.md", clean("Test Lead", position=2))
    write(catalog / "sre.yaml", "name: SRE\n")
    out = tmp_path / "site"
    result = run_roles("export", "-f", "markdown", "--out", str(out), "--roles-dir", str(catalog))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["lead.md", "qa.mdx", "sre.md"]
    assert "<b>quality</b>" in (out / "qa.mdx").read_text()
    as_json = run_roles("export", "--out", str(tmp_path / "json"), "--roles-dir", str(catalog))
    assert as_json.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "json").iterdir()) == [
        "lead.json",
        "qa.json",
        "sre.json",
    ]


def test_export_into_something_that_is_not_a_folder_is_one_line(tmp_path: Path) -> None:
    target = write(tmp_path / "site", "a file\n")
    result = run_roles("export", "--out", str(target))
    assert (result.exit_code, result.stderr) == (2, f"{target}: exists and is not a folder\n")
    assert target.read_text() == "a file\n"


def test_export_force_never_replaces_what_is_not_a_regular_file(tmp_path: Path) -> None:
    import os

    out = tmp_path / "site"
    out.mkdir()
    os.mkfifo(out / "devops-engineer.json")
    result = run_roles("export", "--out", str(out), "--force")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{out / 'devops-engineer.json'}: cannot write: a FIFO, not a regular file: not replaced\n"
    )
    assert (out / "devops-engineer.json").is_fifo()


def test_export_refuses_ids_that_are_not_file_names(tmp_path: Path) -> None:
    catalog = tmp_path / "cat"
    write(catalog / "evil.md", "---\nid: ../../escape\n---\n# The Role of a X\n")
    result = run_roles("export", "--roles-dir", str(catalog), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "role id '../../escape' cannot be a file path" in result.stderr
    assert not (tmp_path / "escape.json").exists() and not (tmp_path / "out").exists()


def test_export_refuses_two_roles_with_one_file_name(tmp_path: Path) -> None:
    catalog = tmp_path / "cat"
    write(catalog / "a.md", "---\nid: Same\n---\n# The Role of a X\n")
    write(catalog / "b.md", "---\nid: same\n---\n# The Role of a Y\n")
    result = run_roles("export", "--roles-dir", str(catalog), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "two roles would both be written to same.json" in result.stderr


def test_export_reports_unreadable_files_and_exports_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "good.md", "# The Role of a Good One\n")
    write(tmp_path / "bad.md", "---\ntitle: x\n")
    result = run_roles("export", "--roles-dir", str(tmp_path))
    assert result.exit_code == 2
    assert [r["id"] for r in json.loads(result.stdout)["roles"]] == ["good"]
    assert result.stderr.startswith(f"{tmp_path / 'bad.md'}:1: frontmatter is not closed")


# -- YAML role files in the catalog -----------------------------------------------------------


def test_yaml_role_files_load_like_markdown_ones(tmp_path: Path) -> None:
    catalog = tmp_path / "roles"
    write(catalog / "devops-engineer.md", ENGINEER.read_text())
    specialist_yaml = run_roles("show", "devops-specialist", "-f", "yaml").stdout
    write(catalog / "devops-specialist.yml", specialist_yaml)
    listed = run_roles("list", "--roles-dir", str(catalog), "-f", "json")
    assert [(r["id"], r["needs"]) for r in json.loads(listed.stdout)] == [
        ("devops-engineer", 3),
        ("devops-specialist", 4),
    ]
    shown = run_roles("show", "specialist", "--roles-dir", str(catalog), "-f", "text")
    assert shown.exit_code == 0
    assert shown.stdout.startswith("DevOps Specialist (devops-specialist)\n")
    assert "Creation/optimization and accountability for end-to-end processes" in shown.stdout
    as_json = json.loads(
        run_roles("show", "specialist", "--roles-dir", str(catalog), "-f", "json").stdout
    )
    assert as_json["source"] == str(catalog / "devops-specialist.yml")
    assert content_of(load_role(catalog / "devops-specialist.yml")) == content_of(
        load_role(SPECIALIST)
    )


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_markdown_to_yaml_to_markdown_keeps_every_field(tmp_path: Path, seed: Path) -> None:
    as_yaml = write(
        tmp_path / f"{seed.stem}.yaml", run_roles("show", str(seed), "-f", "yaml").stdout
    )
    as_markdown = run_roles("show", str(as_yaml), "-f", "markdown").stdout
    again = parse_text(as_markdown, seed.name).role
    assert content_of(again) == content_of(load_role(seed))
    assert [(n.section, n.position) for n in again.notes] == [
        (n.section, n.position) for n in load_role(seed).notes
    ]
