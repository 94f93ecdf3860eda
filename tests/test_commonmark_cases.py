"""Issue 16's cases through the CLI: Markdown read as CommonMark (and MDX) reads it.

Each test is one case from the issue's "Why": what `lint`, `--fix`, `show`, `fmt` and
`diff` did to ordinary Markdown when a hand-written scanner approximated it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import run_roles, write

HEAD = "---\ntitle: Release\ntags: [role]\n---\n"


def profile(summary: str = "A Release Manager ships.", *, duties: str = "", how: str = "") -> str:
    return (
        f"{HEAD}# The Role of a Release Manager\n\n{summary}\n\n"
        "## Why a Release Manager is Needed\n\n- Releases must be boring.\n\n"
        f"## What a Release Manager Does\n\n{duties or '- **Shipping**: weekly'}\n\n"
        f"## How a Release Manager Works\n\n{how or 'As a developer.'}\n"
    )


def lint(path: Path, *args: str) -> list[dict[str, object]]:
    result = run_roles("lint", "--no-cache", "-f", "json", *args, str(path))
    assert result.exit_code in (0, 1), result.stderr
    return list(json.loads(result.stdout)["findings"])


def codes(path: Path, *args: str) -> list[str]:
    return [str(f["code"]) for f in lint(path, *args)]


HELM = (
    "- **Deploying**: ships every release\n"
    "    ```bash\n"
    "    helm upgrade {release} --set tag=<tag>\n"
    "    ```\n"
    "- **Reviewing**: reads the diff"
)


def test_code_fenced_under_a_list_item_is_code_and_fix_leaves_it(tmp_path: Path) -> None:
    path = write(tmp_path / "release.md", profile(duties=HELM))
    before = path.read_text()
    assert not [c for c in codes(path) if c.startswith("MDX")]
    run_roles("lint", "--fix", "--no-cache", str(path))
    assert path.read_text() == before


def test_an_escaped_less_than_is_text(tmp_path: Path) -> None:
    path = write(tmp_path / "release.md", profile("They write \\<React> components."))
    before = path.read_text()
    assert "MDX005" not in codes(path)
    run_roles("lint", "--fix", "--no-cache", str(path))
    assert path.read_text() == before  # never `\\<React>`, which is a tag again


def test_an_escaped_backslash_before_a_tag_is_fixed_once(tmp_path: Path) -> None:
    path = write(tmp_path / "release.md", profile("They write \\\\<React> components."))
    assert "MDX005" in codes(path)
    run_roles("lint", "--fix", "--no-cache", str(path))
    fixed = path.read_text()
    assert "\\\\\\<React>" in fixed and "MDX005" not in codes(path)
    run_roles("lint", "--fix", "--no-cache", str(path))
    assert path.read_text() == fixed  # fix∘fix = fix


def test_a_jsx_attribute_expression_is_not_text_and_never_escaped(tmp_path: Path) -> None:
    span = "Changes marked <span style={{color: 'red'}}>breaking</span> get a second review."
    path = write(tmp_path / "release.md", profile(span))
    before = path.read_text()
    assert not [c for c in codes(path) if c.startswith("MDX")]
    run_roles("lint", "--fix", "--no-cache", str(path))
    assert path.read_text() == before


def test_json_in_text_is_an_acorn_error(tmp_path: Path) -> None:
    path = write(tmp_path / "release.md", profile('Reads {"key": 1} at start-up.'))
    (finding,) = [f for f in lint(path) if f["code"] == "MDX004"]
    assert "Could not parse expression with acorn" in str(finding["message"])
    assert (finding["line"], finding["column"]) == (7, 7)


@pytest.mark.parametrize(("text", "shows"), [("{1 + 1}", "its value"), ("{}", "nothing")])
def test_an_expression_that_builds_but_changes_the_page_is_a_warning(
    tmp_path: Path, text: str, shows: str
) -> None:
    path = write(tmp_path / "release.md", profile(f"Takes {text} days."))
    findings = [f for f in lint(path) if f["code"] == "MDX013"]
    assert [f["severity"] for f in findings] == ["warning"]
    assert shows in str(findings[0]["message"])


SETEXT = (
    f"{HEAD}The Role of a Release Manager\n=============================\n\n"
    "A Release Manager ships.\n\nWhy a Release Manager is Needed\n"
    "-------------------------------\n\n- Releases must be boring.\n\n"
    "What a Release Manager Does\n---------------------------\n\n- **Shipping**: weekly\n\n"
    "## How a Release Manager Works\n\nAs a developer.\n"
)


def test_setext_headings_are_headings_for_lint_show_and_fmt(tmp_path: Path) -> None:
    path = write(tmp_path / "release.md", SETEXT)
    assert not {"ST001", "ST002"} & set(codes(path))
    shown = json.loads(run_roles("show", str(path), "-f", "json").stdout)
    assert shown["name"] == "Release Manager"
    assert [p["text"] for p in shown["summary"]] == ["A Release Manager ships."]
    result = run_roles("fmt", str(path))
    assert result.exit_code == 0, result.stderr
    assert path.read_text().startswith(f"{HEAD}# The Role of a Release Manager\n")


@pytest.mark.parametrize(
    "needs",
    [
        "## Why a Release<br/>Manager is Needed",
        "## Why a Release Manager is Needed {#why}",
        "## Why a Release Manager is Needed?",
        "## Why a Release Manager is Needed:",
        "## Why a Release Manager is Needed 🚀",
    ],
)
def test_decorated_section_headings_are_recognised(tmp_path: Path, needs: str) -> None:
    path = write(
        tmp_path / "release.md", profile().replace("## Why a Release Manager is Needed", needs)
    )
    assert "ST002" not in codes(path)
    shown = json.loads(run_roles("show", str(path), "-f", "json").stdout)
    assert [n["text"] for n in shown["needs"]] == ["Releases must be boring."]


def test_show_leaves_no_block_out(tmp_path: Path) -> None:
    how = (
        "As a developer.\n\n| tool | use |\n|---|---|\n| helm | ships |\n\n"
        ":::tip[Release day]\n\nFreeze on **Fridays**.\n\n:::\n\n> Quoted wisdom.\n\n"
        "- a list\n\nAfter the list."
    )
    path = write(tmp_path / "release.md", profile(how=how))
    for fmt in ("rich", "text"):
        shown = run_roles("show", str(path), "-f", fmt).stdout
        for piece in (
            "helm",
            "Release day",
            "Fridays",
            "Quoted wisdom",
            "a list",
            "After the list",
        ):
            assert piece in shown, (fmt, piece, shown)


def test_fmt_keeps_loose_lists_loose_and_notes_as_written(tmp_path: Path) -> None:
    how = (
        "As a developer.\n\n### The Developer\n\n- one\n\n- two\n\n"
        "<!-- TODO: a note\n     indented inside -->\n\n## Career Path\n\n* junior\n\n* senior"
    )
    path = write(tmp_path / "release.md", profile(how=how))
    result = run_roles("fmt", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert "- one\n\n- two" in text and "* junior\n\n* senior" in text
    assert "<!-- TODO: a note\n     indented inside -->" in text


def test_a_skipped_level_sub_role_is_a_sub_role(tmp_path: Path) -> None:
    how = "As a developer and a coach.\n\n#### The Developer\n\nWrites code.\n\n#### The Coach\n\nTeaches."
    path = write(tmp_path / "release.md", profile(how=how))
    shown = json.loads(run_roles("show", str(path), "-f", "json").stdout)
    assert [s["kind"] for s in shown["sub_roles"]] == ["developer", "coach"]
    assert [p["text"] for p in shown["how_intro"]] == ["As a developer and a coach."]


def test_an_mdx_file_is_mdx_even_when_the_site_detects(tmp_path: Path) -> None:
    write(tmp_path / "roles.toml", '[docusaurus]\nmarkdown-format = "detect"\n')
    md = write(tmp_path / "docs" / "a.md", profile("Deploys to {environment} daily."))
    mdx = write(tmp_path / "docs" / "b.mdx", profile("Deploys to {environment} daily."))
    config = ("--config", str(tmp_path / "roles.toml"))
    assert "MDX004" not in codes(md, *config)
    assert "MDX004" in codes(mdx, *config)


def test_imports_and_theme_components_are_defined(tmp_path: Path) -> None:
    text = profile(
        'A Release Manager ships.\n\n<Tabs><TabItem value="a">A</TabItem></Tabs>\n\n'
        "<Details><summary>More</summary>Hidden.</Details>"
    ).replace(
        "---\n# The",
        "---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n# The",
    )
    path = write(tmp_path / "release.mdx", text)
    assert not [c for c in codes(path) if c in ("MDX004", "MDX006", "MDX010")]
