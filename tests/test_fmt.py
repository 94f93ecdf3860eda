"""`roles fmt`: the canonical layout, written only when nothing is lost, atomically."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roledeck import fmt
from roledeck.fmt import describe_loss, format_text
from roledeck.model import Role, content_of
from roledeck.parse import load_role, parse_text

from .faults import inject
from .helpers import ENGINEER, SPECIALIST, run_roles, write

MESSY = (
    "---\r\n"
    "# a comment the formatter keeps\r\n"
    "tags: [b, a]\r\n"
    'title: "Quoted: yes"\r\n'
    "---\r\n"
    "\r\n\r\n"
    "# The Role of an SRE Lead\r\n"
    "Keeps things up.\r\n"
    "## Why an SRE Lead is Needed\r\n"
    "* one\r\n"
    "*   two\r\n"
    "\r\n\r\n\r\n"
    "## What an SRE Lead Does\r\n"
    "1. **Build** - things\r\n"
    "## How an SRE Lead Works\r\n"
    "### The Developer\r\n"
    "Writes code.  \r\n"
    "Line after a hard break.   \r\n"
    "<!-- TODO: more -->\r\n"
    "### The Cloud Architect\r\n"
    "Draws the *big* picture.\r\n"
    "## Career Path\r\n"
    "+ Junior\r\n"
    "+ Senior"
)
CANONICAL = (
    "---\n"
    "# a comment the formatter keeps\n"
    "tags: [b, a]\n"
    'title: "Quoted: yes"\n'
    "---\n"
    "# The Role of an SRE Lead\n\n"
    "Keeps things up.\n\n"
    "## Why an SRE Lead is Needed\n\n"
    "- one\n"
    "- two\n\n"
    "## What an SRE Lead Does\n\n"
    "1. **Build** - things\n\n"  # a numbered list and its separator are the page
    "## How an SRE Lead Works\n\n"
    "### The Developer\n\n"
    "Writes code.  \n"
    "Line after a hard break.\n\n"
    "<!-- TODO: more -->\n\n"
    "### The Cloud Architect\n\n"
    "Draws the *big* picture.\n\n"
    "## Career Path\n\n"
    "+ Junior\n"
    "+ Senior\n"
)


def _content(text: str, name: str = "sre-lead.md") -> dict[str, object]:
    return content_of(parse_text(text, name).role)


def test_the_canonical_layout() -> None:
    result = format_text(MESSY, "sre-lead.md")
    assert result.lost == []
    assert result.changed
    assert result.new_text == CANONICAL
    assert _content(result.new_text) == _content(MESSY)
    role = parse_text(result.new_text, "sre-lead.md").role
    assert [(s.title, s.custom) for s in role.sub_roles] == [
        ("The Developer", False),
        ("The Cloud Architect", True),
    ]
    assert [(e.title, e.blocks[0].text) for e in role.extra_sections] == [
        ("Career Path", "+ Junior\n+ Senior")
    ]


def test_formatting_twice_changes_nothing() -> None:
    once = format_text(MESSY, "sre-lead.md").new_text
    again = format_text(once, "sre-lead.md")
    assert (again.new_text, again.changed, again.lost) == (once, False, [])


def test_specialist_blank_lines_after_h3_are_fixed_and_the_model_is_unchanged() -> None:
    original = SPECIALIST.read_text(encoding="utf-8")
    assert "### The Developer\nAs a Developer" in original
    result = format_text(original, SPECIALIST.name)
    assert result.changed and result.lost == []
    for title in ("System Administrator", "Developer", "Security Expert", "Manager", "Coach"):
        assert re.search(rf"### The {title}\n\n\S", result.new_text), title
    assert "-->\n\n### The Coach" in result.new_text
    assert result.new_text.endswith("<!-- TODO: add links to sections -->\n")
    assert _content(result.new_text, SPECIALIST.name) == content_of(load_role(SPECIALIST))
    assert format_text(result.new_text, SPECIALIST.name).changed is False


def test_engineer_only_gains_its_final_newline() -> None:
    original = ENGINEER.read_text(encoding="utf-8")
    result = format_text(original, ENGINEER.name)
    assert result.new_text == original + "\n"
    assert _content(result.new_text, ENGINEER.name) == content_of(load_role(ENGINEER))


def test_a_byte_order_mark_is_kept() -> None:
    text = "\ufeff---\ntitle: x\n---\n# The Role of a Tester\n\n\n\nText.\n"
    result = format_text(text, "tester.md")
    assert result.new_text == "\ufeff---\ntitle: x\n---\n# The Role of a Tester\n\nText.\n"


def test_mdx_comments_option_rewrites_notes() -> None:
    text = "# The Role of a Tester\n\n<!-- TODO: x -->\n\n<!-- has */ inside -->\n"
    result = format_text(text, "tester.md", mdx_comments=True)
    assert (
        result.new_text == "# The Role of a Tester\n\n{/* TODO: x */}\n\n<!-- has */ inside -->\n"
    )
    assert format_text(text, "tester.md").changed is False


def test_a_document_without_h1_is_refused() -> None:
    text = "Just a summary.\n\n## Why a Tester is Needed\n\n- a\n"
    result = format_text(text, "tester.md")
    assert result.lost == ["the H1 would be added: 'The Role of a tester'"]
    assert (result.new_text, result.changed) == (text, False)


def test_what_a_loss_is_called() -> None:
    before = {"needs": [{"text": "a"}, {"text": "b " * 40}, {"text": "c"}], "name": "X"}
    after = {"needs": [{"text": "a"}, {"text": "c"}], "name": "Y"}
    assert describe_loss(before, after) == [
        "would lose: needs[1] 'b b b b b b b b b b b b b b b b b b b b…'",
        "would change: name 'X' → 'Y'",
    ]
    assert describe_loss({"a": 1, "b": "x", "c": 3}, {}, limit=2) == [
        "would lose: a '1'",
        "would lose: b 'x'",
        "and 1 more difference(s)",
    ]


def test_a_renderer_that_drops_text_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    real = fmt.render_markdown

    def lossy(role: Role, **options: object) -> str:
        return real(role.model_copy(update={"needs": role.needs[:1]}), **options)  # type: ignore[arg-type]

    monkeypatch.setattr(fmt, "render_markdown", lossy)
    text = "# The Role of a Tester\n\n## Why a Tester is Needed\n\n- first\n- second need\n"
    result = format_text(text, "tester.md")
    assert result.lost == ["would lose: needs[1] 'second need'"]
    assert not result.changed


# -- through the CLI ----------------------------------------------------------------------


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    folder = tmp_path / "roles"
    folder.mkdir()
    for seed in (ENGINEER, SPECIALIST):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def test_check_lists_the_files_and_writes_nothing(catalog: Path) -> None:
    before = {p.name: p.read_bytes() for p in catalog.iterdir()}
    result = run_roles("fmt", "--check", str(catalog))
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"would reformat {catalog / 'devops-engineer.md'}",
        f"would reformat {catalog / 'devops-specialist.md'}",
        "2 files would be reformatted, 0 files already formatted.",
    ]
    assert {p.name: p.read_bytes() for p in catalog.iterdir()} == before


def test_diff_prints_a_unified_diff_and_writes_nothing(catalog: Path) -> None:
    before = (catalog / "devops-specialist.md").read_bytes()
    result = run_roles("fmt", "--diff", str(catalog / "devops-specialist.md"))
    assert result.exit_code == 0
    assert result.stdout.startswith(
        f"--- a/{catalog / 'devops-specialist.md'}\n+++ b/{catalog / 'devops-specialist.md'}\n"
    )
    assert "\n ### The Developer\n+\n As a Developer" in result.stdout
    assert "\\ No newline at end of file" in result.stdout
    assert result.stderr == "1 file would be reformatted, 0 files already formatted.\n"
    assert (catalog / "devops-specialist.md").read_bytes() == before
    assert run_roles("fmt", "--check", "--diff", str(catalog)).exit_code == 1


def test_fmt_writes_then_has_nothing_left_to_do(catalog: Path) -> None:
    (catalog / "devops-engineer.md").chmod(0o640)
    first = run_roles("fmt", "--roles-dir", str(catalog))
    assert first.exit_code == 0, first.stderr
    assert "2 files reformatted, 0 files left unchanged." in first.stdout
    assert (catalog / "devops-engineer.md").stat().st_mode & 0o777 == 0o640
    for seed in (ENGINEER, SPECIALIST):
        assert content_of(load_role(catalog / seed.name)) == content_of(load_role(seed))
    second = run_roles("fmt", str(catalog))
    assert second.stdout == "0 files reformatted, 2 files left unchanged.\n"
    assert run_roles("fmt", "--check", str(catalog)).exit_code == 0


def test_a_broken_file_is_reported_and_the_others_are_formatted(catalog: Path) -> None:
    broken = write(catalog / "broken.md", "---\ntitle: [unclosed\n---\n# The Role of a X\n\n\n")
    result = run_roles("fmt", str(catalog))
    assert result.exit_code == 2
    assert re.match(rf"{re.escape(str(broken))}:\d+: invalid YAML", result.stderr)
    assert len(result.stderr.splitlines()) == 1
    assert "2 files reformatted" in result.stdout
    assert broken.read_text() == "---\ntitle: [unclosed\n---\n# The Role of a X\n\n\n"


def test_a_lossy_file_is_refused_with_what_would_be_lost(catalog: Path) -> None:
    no_title = write(catalog / "notes.md", "Some notes.\n")
    result = run_roles("fmt", str(no_title), str(catalog / "devops-engineer.md"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{no_title}: not formatted, the result would differ: the H1 would be added: "
        "'The Role of a notes'\n"
    )
    assert no_title.read_text() == "Some notes.\n"
    assert f"reformatted {catalog / 'devops-engineer.md'}" in result.stdout


def test_yaml_role_files_are_skipped(catalog: Path) -> None:
    yaml_file = write(catalog / "qa.yaml", "# yaml-language-server: $schema=x\nname: QA\n")
    result = run_roles("fmt", str(yaml_file))
    assert result.exit_code == 0
    assert result.stdout == (
        f"skipped {yaml_file} (YAML role file: fmt only formats Markdown)\n"
        "0 files reformatted, 0 files left unchanged, 1 skipped.\n"
    )
    assert yaml_file.read_text().startswith("# yaml-language-server")


def test_missing_paths_and_other_files_are_usage_errors(tmp_path: Path) -> None:
    other = write(tmp_path / "notes.txt", "x")
    result = run_roles("fmt", str(tmp_path / "nope.md"), str(other))
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.md'}: no such file or folder" in result.stderr
    assert f"{other}: not a role file" in result.stderr


def test_the_bundled_catalog_is_never_formatted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_roles("fmt")
    assert result.exit_code == 2
    assert "no catalog here to format" in result.stderr


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("replace", "Input/output error"),  # the rename fails mid-write
        ("write", "No space left on device"),  # the disk fills up while writing
    ],
)
def test_a_failed_write_leaves_the_original(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, fault: str, message: str
) -> None:
    target = catalog / "devops-specialist.md"
    before = target.read_bytes()
    faulty = inject(monkeypatch)
    if fault == "write":
        faulty.disk_full(after=10)
    else:
        faulty.fail("replace")
    result = run_roles("fmt", str(target))
    assert faulty.fired.get(fault) == 1
    assert result.exit_code == 2
    assert result.stderr == f"{target}: cannot write: {message}\n"
    assert target.read_bytes() == before
    assert sorted(p.name for p in catalog.iterdir()) == [
        "devops-engineer.md",
        "devops-specialist.md",
    ]
