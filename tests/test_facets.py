"""Facets and sub-role headings as other teams write them (issue 17.1 and 17.4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roledeck.facets import mentions
from roledeck.normalize import facet_spans, normalize

from .helpers import ENGINEER, run_roles, write

PHRASES = {
    "sysadmin": "system administrator",
    "developer": "developer",
    "security": "security expert",
    "manager": "manager",
    "coach": "coach",
}


def profile(
    name: str,
    intro: str,
    subs: tuple[str, ...] = ("Developer", "Coach"),
    *,
    article: str = "a",
    title: str | None = None,
    h1: str | None = None,
) -> str:
    """A profile whose "how" introduction and sub-roles are given."""
    a = f"{article} {name}"
    body = "".join(f"### The {sub}\n\nAs a {sub.lower()}, they help.\n\n" for sub in subs)
    return (
        f"---\ntitle: {title or name}\ntags: [role]\n---\n"
        f"# {h1 or f'The Role of {a}'}\n\n{a.capitalize()} helps.\n\n"
        f"## Why {a} is Needed\n\n- Helping.\n\n"
        f"## What {a} Does\n\n- **Helping**\n\n"
        f"## How {a} Works\n\n{intro}\n\n{body}"
    )


def co_findings(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path / "docs" / "x.md", text)
    result = run_roles("lint", str(tmp_path / "docs"), "-f", "json")
    data = json.loads(result.stdout)
    return [f"{f['code']} {f['message']}" for f in data["findings"] if f["code"][:2] == "CO"]


@pytest.mark.parametrize(
    ("name", "article", "intro"),
    [
        ("Engineering Manager", "an", "An Engineering Manager adopts many roles, including "
         "developer and coach."),
        ("Agile Coach", "an", "To achieve their goals, an Agile Coach takes on these roles: "
         "developer and coach."),
        ("Developer Advocate", "a", "A Developer Advocate works as a developer and coach."),
        ("Security Expert Lead", "a", "Security Expert Leads wear two hats: developer and "
         "coach."),
        ("Frontend Developer", "a", "The frontend developer's roles include developer and "
         "coach."),
        ("Engineering Manager", "an", "An Engineering Manager works closely with the product "
         "manager, as a developer and coach."),
    ],
)  # fmt: skip
def test_the_role_s_own_name_is_no_facet(
    tmp_path: Path, name: str, article: str, intro: str
) -> None:
    assert co_findings(tmp_path, profile(name, intro, article=article)) == []


def test_the_frontmatter_title_is_the_role_s_name_too(tmp_path: Path) -> None:
    text = profile("Head of People", "The EM works as a developer and coach.", title="EM").replace(
        "The EM works", "The EM, an Engineering Manager, works"
    )
    text = text.replace("title: EM", "title: Engineering Manager")
    assert co_findings(tmp_path, text) == []


def test_a_listed_facet_without_a_section_is_still_an_error(tmp_path: Path) -> None:
    intro = "An Engineering Manager works as a developer, coach and manager."
    found = co_findings(tmp_path, profile("Engineering Manager", intro, article="an"))
    assert found == [
        "CO002 the introduction names 'manager', but there is no sub-role section for it"
    ]


def test_new_writes_a_lint_clean_profile_for_names_holding_facet_words(tmp_path: Path) -> None:
    for name in (
        "Engineering Manager",
        "Agile Coach",
        "Developer Advocate",
        "Security Expert Lead",
    ):
        folder = tmp_path / name.replace(" ", "")
        made = run_roles("new", name, "--sub-roles", "developer,coach", "--dir", str(folder))
        assert made.exit_code == 0, made.stderr
        result = run_roles("lint", str(folder), "-f", "json")
        codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
        assert result.exit_code == 0 and codes <= {"CT003"}, (name, result.stdout)


def test_mentions_read_the_list_not_every_word() -> None:
    text = (
        "To achieve their goals, a DevOps Engineer adopts a variety of roles and "
        "responsibilities, including system administrator, developer, and security expert."
    )
    assert [m.kind for m in mentions(text, PHRASES)] == ["sysadmin", "developer", "security"]
    passing = "She works with a team of developers and a manager."
    assert mentions(passing, PHRASES) == []
    aside = "They coach (and mentor) juniors: developer, coach (mostly), and manager."
    assert [m.kind for m in mentions(aside, PHRASES)] == ["developer", "coach", "manager"]


# -- headings ------------------------------------------------------------------------------


def test_sub_role_headings_without_the_mean_the_same(tmp_path: Path) -> None:
    text = profile("QA Lead", "A QA Lead works as a developer and coach.").replace(
        "### The Developer", "### Developer"
    )
    write(tmp_path / "docs" / "x.md", text)
    lint = json.loads(run_roles("lint", str(tmp_path / "docs"), "-f", "json").stdout)
    assert [f["code"] for f in lint["findings"]] == []
    listed = json.loads(
        run_roles("list", "--roles-dir", str(tmp_path / "docs"), "-f", "json").stdout
    )
    assert listed[0]["sub_roles"] == ["developer", "coach"]


def test_lint_and_list_agree_on_an_unrecognised_heading(tmp_path: Path) -> None:
    text = profile("QA Lead", "A QA Lead works as a developer and coach.").replace(
        "### The Developer", "### Developer --"
    )
    write(tmp_path / "docs" / "x.md", text)
    lint = json.loads(run_roles("lint", str(tmp_path / "docs"), "-f", "json").stdout)
    codes = [f["code"] for f in lint["findings"]]
    assert "CO004" in codes and "CO002" in codes  # lint sees no developer sub-role…
    listed = json.loads(
        run_roles("list", "--roles-dir", str(tmp_path / "docs"), "-f", "json").stdout
    )
    assert "developer" not in listed[0]["sub_roles"]  # …and neither does list


def test_an_h1_without_an_article_gives_the_plain_name(tmp_path: Path) -> None:
    text = profile(
        "Head of Product", "They work as a developer and coach.", h1="The Role of Head of Product"
    )
    text = text.replace("## Why a Head of Product is Needed", "## Why Head of Product is Needed")
    text = text.replace("## What a Head of Product Does", "## Wht Head of Product Does")
    write(tmp_path / "docs" / "x.md", text)
    shown = json.loads(run_roles("show", str(tmp_path / "docs" / "x.md"), "-f", "json").stdout)
    assert shown["name"] == "Head of Product"
    assert shown["headings"]["needs"]["name"] == "Head of Product"
    lint = json.loads(run_roles("lint", str(tmp_path / "docs"), "-f", "json").stdout)
    messages = [f["message"] for f in lint["findings"]]
    # the suggestion follows the H1's way of writing the name
    assert any("did you mean 'What Head of Product Does'?" in m for m in messages), messages
    assert not any("The Role of" in m for m in messages)


def test_an_other_heading_without_an_article_is_no_section(tmp_path: Path) -> None:
    text = ENGINEER.read_text(encoding="utf-8") + "\n## Why Kubernetes is Needed\n\nText.\n"
    write(tmp_path / "docs" / "x.md", text)
    lint = json.loads(run_roles("lint", str(tmp_path / "docs"), "-f", "json").stdout)
    assert "CO001" not in {f["code"] for f in lint["findings"]}


# -- names spelled like facets: diff and new --from -----------------------------------------


@pytest.fixture
def developers(tmp_path: Path) -> Path:
    base = ENGINEER.read_text(encoding="utf-8")
    write(tmp_path / "roles" / "developer.md", base.replace("DevOps Engineer", "Developer"))
    write(
        tmp_path / "roles" / "frontend-developer.md",
        base.replace("DevOps Engineer", "Frontend Developer"),
    )
    return tmp_path / "roles"


def test_diff_of_roles_differing_only_in_the_name(developers: Path) -> None:
    result = run_roles(
        "diff", "developer", "frontend-developer", "--roles-dir", str(developers), "--exit-code"
    )
    assert result.stdout.endswith("1 change: 1 changed\n"), result.stdout
    assert "The [-Developer-]" not in result.stdout and "{+Developer+}" not in result.stdout
    assert result.exit_code == 1  # the names differ


def test_normalize_keeps_a_listed_facet_spelled_like_the_name() -> None:
    text = "A Developer adopts roles, including system administrator, developer, and coach."
    keep = facet_spans(text, "Developer", PHRASES)
    assert normalize(text, "Developer", keep) == (
        "{role} adopts roles, including system administrator, developer, and coach."
    )
    assert facet_spans(text, "DevOps Engineer", PHRASES) == ()


def test_new_from_keeps_sub_role_headings(developers: Path, tmp_path: Path) -> None:
    result = run_roles(
        "new", "Frontend Lead", "--from", "developer", "--roles-dir", str(developers)
    )
    assert result.exit_code == 0, result.stderr
    text = (developers / "frontend-lead.md").read_text(encoding="utf-8")
    assert "### The Developer\n" in text and "### The Frontend Lead" not in text
    assert "As a Developer, they write scripts" in text
    assert "including system administrator, developer, and security expert." in text
    assert "\nA Frontend Lead is a vital role" in text


def test_sub_roles_written_one_level_deeper(tmp_path: Path) -> None:
    text = profile("Data Scientist", "A Data Scientist works as a developer and coach.")
    deeper = text.replace("### The ", "#### The ")
    write(tmp_path / "docs" / "x.md", deeper)
    lint = json.loads(run_roles("lint", str(tmp_path / "docs"), "-f", "json").stdout)
    assert [f["code"] for f in lint["findings"]] == []
    shown = json.loads(run_roles("show", str(tmp_path / "docs" / "x.md"), "-f", "json").stdout)
    assert [s["kind"] for s in shown["sub_roles"]] == ["developer", "coach"]
    inside = text.replace("As a coach, they help.", "As a coach, they help.\n\n#### Notes\n\nMore.")
    write(tmp_path / "docs" / "x.md", inside)
    shown = json.loads(run_roles("show", str(tmp_path / "docs" / "x.md"), "-f", "json").stdout)
    assert [s["kind"] for s in shown["sub_roles"]] == ["developer", "coach"]  # a heading in it


@pytest.mark.parametrize("suffix", ["?", ":", " 🛠️", " {#needs}", "!"])
def test_conventional_headings_with_punctuation_an_emoji_or_an_id(
    tmp_path: Path, suffix: str
) -> None:
    text = profile("QA Lead", "A QA Lead works as a developer and coach.")
    for heading in ("## Why a QA Lead is Needed", "## What a QA Lead Does", "### The Developer"):
        text = text.replace(heading, heading + suffix)
    write(tmp_path / "docs" / "x.md", text)
    lint = json.loads(run_roles("lint", str(tmp_path / "docs"), "-f", "json").stdout)
    assert [f["code"] for f in lint["findings"] if f["severity"] == "error"] == []
    assert "ST006" not in [f["code"] for f in lint["findings"]]
