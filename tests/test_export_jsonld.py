"""`roles export --format jsonld`: schema.org Occupations, checked for structure, offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roledeck.config import JsonLdConfig
from roledeck.docids import strip_number_prefix
from roledeck.jsonld import page_path, plain_text

from .helpers import run_roles, write
from .profiles import profile

OCCUPATION_PROPERTIES = {
    "@context",
    "@type",
    "@id",
    "identifier",
    "name",
    "description",
    "responsibilities",
    "skills",
    "occupationalCategory",
    "url",
}
"""What the exporter may write: JSON-LD keywords and schema.org properties of Occupation."""


def _check_node(node: dict[str, Any]) -> None:
    assert node["@type"] == "Occupation"
    assert set(node) <= OCCUPATION_PROPERTIES
    for key in ("name", "description", "identifier", "url", "@id"):
        assert key not in node or isinstance(node[key], str)
    for key in ("responsibilities", "skills"):
        assert key not in node or all(isinstance(v, str) and v for v in node[key])
    for category in node.get("occupationalCategory", []):
        assert category["@type"] == "CategoryCode"
        assert isinstance(category["codeValue"], str)
        assert category["inCodeSet"]["@type"] == "CategoryCodeSet"


def _roles_json(*args: str) -> list[dict[str, Any]]:
    ids = run_roles("list", "--format", "ids", *args).stdout.split()
    return [json.loads(run_roles("show", i, "--format", "json", *args).stdout) for i in ids]


def test_the_seeds_map_one_occupation_per_role() -> None:
    result = run_roles("export", "--format", "jsonld")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["@context"] == "https://schema.org"
    roles = _roles_json()
    assert [n["identifier"] for n in data["@graph"]] == [r["id"] for r in roles]
    for node, role in zip(data["@graph"], roles, strict=True):
        _check_node(node)
        assert "@context" not in node  # one context, for the whole graph
        assert node["name"] == role["name"]
        assert len(node["responsibilities"]) == len(role["duties"])
        assert node["skills"] == [n["text"] for n in role["needs"]]
        assert "url" not in node  # no site URL configured
    first = data["@graph"][0]["responsibilities"]
    assert first[0] == "Automating Infrastructure"  # the bold markup is gone


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Docusaurus-like site: docs/ with roles in nested, numbered folders."""
    root = tmp_path / "site"
    write(
        root / "roles.toml",
        'roles-dir = "docs/roles"\n'
        "[export.jsonld]\n"
        'site-url = "https://handbook.example.com/"\n'
        'base-url = "/handbook/"\n'
        'route-base-path = "docs"\n'
        'docs-dir = "docs"\n'
        "[export.jsonld.sub-role-skills]\n"
        'developer = ["Software development"]\n',
    )
    docs = root / "docs" / "roles"
    write(
        docs / "sre.md",
        profile(
            "SRE",
            article="an",
            frontmatter='onet: "15-1244.00"\nisco: [2522, "2523"]',
            duties=("**On-call**: carries the `pager` for [services](https://x.example)",),
        ),
    )
    write(
        docs / "01-engineering" / "index.md",
        profile("Engineering Manager", article="an", frontmatter="id: engineering-manager"),
    )
    write(docs / "01-engineering" / "02-lead.md", profile("Tech Lead"))
    write(
        docs / "coach.mdx",
        profile("Agile Coach", article="an", frontmatter="slug: /coaching/agile"),
    )
    write(docs / "développeuse.md", profile("Développeuse Référente"))
    write(docs / "qa.yaml", "name: QA Analyst\nduties:\n  - name: Testing\n")
    monkeypatch.chdir(root)
    return root


def test_urls_categories_and_skills(site: Path) -> None:
    result = run_roles("export", "--format", "jsonld")
    assert result.exit_code == 0, result.stderr
    graph = json.loads(result.stdout)["@graph"]
    nodes = {n["identifier"]: n for n in graph}
    assert len(graph) == len(_roles_json()) == 6
    for node in graph:
        _check_node(node)
    base = "https://handbook.example.com/handbook/docs/roles"
    assert nodes["sre"]["url"] == nodes["sre"]["@id"] == f"{base}/sre"
    assert nodes["engineering/engineering-manager"]["url"] == f"{base}/engineering/"
    assert nodes["engineering/lead"]["url"] == f"{base}/engineering/lead"
    assert nodes["coach"]["url"] == "https://handbook.example.com/handbook/docs/coaching/agile"
    assert nodes["développeuse"]["url"] == f"{base}/développeuse"
    assert "url" not in nodes["qa"]  # a YAML role file is not a page
    assert nodes["sre"]["responsibilities"] == ["On-call: carries the pager for services"]
    assert nodes["sre"]["skills"] == ["Someone has to do it.", "Software development"]
    assert [
        (c["codeValue"], c["inCodeSet"]["name"]) for c in nodes["sre"]["occupationalCategory"]
    ] == [
        ("15-1244.00", "O*NET-SOC"),
        ("2522", "ISCO-08"),
        ("2523", "ISCO-08"),
    ]
    assert "occupationalCategory" not in nodes["coach"]


def test_one_file_per_role(site: Path) -> None:
    result = run_roles("export", "--format", "jsonld", "--out", "out")
    assert result.exit_code == 0, result.stderr
    files = sorted((site / "out").rglob("*.jsonld"))  # a nested id is a nested file
    names = [f.relative_to(site / "out").as_posix() for f in files]
    assert names == sorted(f"{r['id']}.jsonld" for r in _roles_json())
    for file in files:
        node = json.loads(file.read_text(encoding="utf-8"))
        assert node["@context"] == "https://schema.org"
        _check_node(node)
    again = run_roles("export", "--format", "jsonld", "--out", "out")
    assert again.exit_code == 2 and "--force" in again.stderr


def test_skills_from_the_frontmatter_and_bad_codes(site: Path) -> None:
    config = site / "roles.toml"
    config.write_text(
        config.read_text().replace("[export.jsonld]\n", '[export.jsonld]\nskills = "frontmatter"\n')
    )
    write(
        site / "docs" / "roles" / "mlops.md",
        profile(
            "MLOps Engineer", article="an", frontmatter="skills: [Python, Kubeflow]\nonet: 15-12"
        ),
    )
    write(
        site / "docs" / "roles" / "bad-skills.md",
        profile("Data Engineer", frontmatter="skills: {python: yes}"),
    )
    result = run_roles("export", "--format", "jsonld")
    assert result.exit_code == 2
    nodes = {n["identifier"]: n for n in json.loads(result.stdout)["@graph"]}
    assert nodes["mlops"]["skills"] == ["Python", "Kubeflow", "Software development"]
    assert "occupationalCategory" not in nodes["mlops"]
    assert nodes["bad-skills"]["name"] == "Data Engineer"  # still exported
    assert sorted(result.stderr.splitlines()) == [
        "docs/roles/bad-skills.md: frontmatter 'skills' must be a list of texts for skills",
        "docs/roles/mlops.md: frontmatter 'onet': '15-12' is not an O*NET-SOC code such as "
        "15-1252.00",
    ]


def test_the_config_schema_shows_the_mapping() -> None:
    schema = json.loads(run_roles("schema", "--part", "config").stdout)
    assert "export" in schema["properties"]
    text = json.dumps(schema)
    for key in ("site-url", "base-url", "route-base-path", "docs-dir", "sub-role-skills"):
        assert f'"{key}"' in text


def test_unknown_mapping_key_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "roles.toml", "[export.jsonld]\nsite_ur = 'x'\n")
    write(tmp_path / "roles" / "qa.md", profile("QA Analyst"))
    monkeypatch.chdir(tmp_path)
    result = run_roles("export", "-f", "jsonld")
    assert result.exit_code == 2
    assert "export.jsonld.site_ur" in result.stderr


@pytest.mark.parametrize(
    ("rel", "frontmatter", "slug"),
    [
        ("devops.md", {}, "/devops"),
        ("index.md", {}, "/"),
        ("team/README.md", {}, "/team/"),
        ("team/team.md", {}, "/team/"),
        ("01-team/02-lead.md", {}, "/team/lead"),
        ("01-team/02-lead.md", {"parse_number_prefixes": False}, "/01-team/02-lead"),
        ("2024-01-notes.md", {}, "/2024-01-notes"),
        ("team/x.md", {"id": "the-id"}, "/team/the-id"),
        ("team/x.md", {"slug": "/abs/path"}, "/abs/path"),
        ("team/x.md", {"slug": "relative"}, "/team/relative"),
        ("team/x.md", {"slug": "../up"}, "/up"),
        ("team/index.md", {"slug": "home"}, "/team/home"),
    ],
)
def test_doc_slug_as_docusaurus(rel: str, frontmatter: dict[str, Any], slug: str) -> None:
    assert page_path(rel, frontmatter) == slug


def test_helpers() -> None:
    assert strip_number_prefix("003 - intro") == ("intro", 3)
    assert strip_number_prefix("8.0-release") == ("8.0-release", None)
    assert plain_text(
        "**Bold** `code` [link](u) ![img](i.png) a\\*b {/* c */} <br/> snake_case"
    ) == ("Bold code link img a*b snake_case")
    assert JsonLdConfig().route_base_path == "docs"
