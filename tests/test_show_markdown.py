"""`roles show` shows every block of a profile: Markdown rendered in the rich view, as written
(with its indentation) in the text view, at any width, and never a control sequence."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledeck.mdblocks import is_plain
from roledeck.reporters.console import render
from roledeck.reporters.role_view import THEME, md

from .helpers import REPO, run_roles, write
from .hostile_corpus import raw_controls
from .test_terminal_safety import MARKUP, PAYLOADS, RICH_SGR, TEXT

LONG_URL = "https://example.com/docs/platform/internal-developer-platform/getting-started.html"
PROFILE = f"""---
title: Platform Engineer
tags: [role]
---
# The Role of a Platform Engineer

A Platform Engineer builds the **internal developer platform**. See [the docs]({LONG_URL}) and `kubectl`.

Entities &amp; more &copy; and an image ![the logo](https://example.com/logo.png).

| Tool | Purpose |
| --- | --- |
| Helm | Packaging charts |
| Argo CD | GitOps delivery from {LONG_URL} |

:::tip[Good to know]
Platform teams treat the platform **as a product**.
:::

> A quote from someone
> over two lines.

## Why a Platform Engineer is Needed

- Teams need **self-service** infrastructure.
- Deployments must be repeatable:
  ```bash
  helm upgrade release ./chart --set tag=v1
  ```
- Nested list:
  - first nested
  - second nested

A paragraph after the needs list.

## What a Platform Engineer Does

- **Deploying**: ships releases
- **Documenting**: writes docs at {LONG_URL}

:::warning
Never deploy on Fridays.
:::

## How a Platform Engineer Works

Intro paragraph.

### The Developer

First paragraph of the developer.

Second paragraph of the developer.

```python
def main() -> None:
    print("hello")
```

| Step | Command |
|---|---|
| test | `make test` |

### The Coach

Coaches teams.

## Further reading

- [Team Topologies](https://teamtopologies.com/book)
"""
WIDTHS = [40, 80, 120, 200]
BORDERS = re.compile(r"[\s│╭╮╰╯─▌•┃━]+")


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return write(tmp_path / "platform-engineer.md", PROFILE)


def _squash(text: str) -> str:
    """The output without spaces, line breaks and box drawing: what is left is the words,
    in order, however the width folded them."""
    return BORDERS.sub("", text)


@pytest.mark.parametrize("width", WIDTHS)
def test_rich_view_shows_every_block_rendered_at_any_width(profile: Path, width: int) -> None:
    result = run_roles("show", str(profile), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert max(len(line) for line in out.splitlines()) <= width
    squashed = _squash(out)
    for shown in [
        "A Platform Engineer builds the internal developer platform.",
        f"See the docs ({LONG_URL}) and kubectl.",  # a link shows its URL, whole
        "Entities & more © and an image the logo (image: https://example.com/logo.png).",
        "Tool", "Purpose", "Helm", "Packaging charts", "Argo CD",  # the table, as a table
        f"GitOps delivery from {LONG_URL}",
        "TIP: Good to know", "Platform teams treat the platform as a product.",
        "A quote from someone over two lines.",
        "Teams need self-service infrastructure.",
        "Deployments must be repeatable:", "helm upgrade release ./chart --set tag=v1",
        "Nested list:", "first nested", "second nested",
        "A paragraph after the needs list.",  # a block after a list, in its place
        "Deploying — ships releases",
        f"Documenting — writes docs at {LONG_URL}",
        "WARNING", "Never deploy on Fridays.",
        "First paragraph of the developer.", "Second paragraph of the developer.",
        "def main() -> None:", 'print("hello")',
        "Step", "Command", "make test",
        "Team Topologies (https://teamtopologies.com/book)",
    ]:  # fmt: skip
        assert _squash(shown) in squashed, shown
    for raw in ("``", "**", "](", "&amp;", "&copy;", ":::", "| --- |", "…"):
        assert raw not in out, raw  # rendered, never raw Markdown, and nothing cut short


def test_rich_view_keeps_blocks_in_their_place_and_paragraphs_apart(profile: Path) -> None:
    out = run_roles("show", str(profile), env={"COLUMNS": "100"}).stdout
    order = [
        "Argo CD",
        "TIP: Good to know",
        "A quote from someone",
        "Why a Platform Engineer is Needed",
        "second nested",
        "A paragraph after the needs list.",
        "What a Platform Engineer Does",
        "Documenting",
        "WARNING",
        "How a Platform Engineer Works",
        "Second paragraph of the developer.",
        'print("hello")',
        "make test",
        "Coach",
        "Further reading",
    ]
    positions = [out.index(text) for text in order]
    assert positions == sorted(positions)
    # a sub-role's paragraphs are not run together
    assert "First paragraph of the developer.\n\n    Second paragraph" in out
    # nested content stays inside its item: the code under its bullet, the list indented
    assert "  • Deployments must be repeatable:\n      helm upgrade" in out
    assert "  • Nested list:\n    • first nested\n    • second nested\n" in out


def test_rich_view_in_colour_renders_styles_not_markup(profile: Path) -> None:
    out = run_roles("--color", "always", "show", str(profile), env={"COLUMNS": "80"}).stdout
    assert "\x1b[1mself-service\x1b[0m" in out  # bold is bold
    assert "\x1b[36mkubectl" in out  # inline code in the profile's cyan, no background
    assert not re.search(r"\x1b\[[0-9;]*4[0-7]m", out)  # no background fills anywhere
    assert "\x1b]8;" not in out  # links are written out, never OSC 8 hyperlinks


def test_text_view_is_plain_and_keeps_indentation(profile: Path) -> None:
    result = run_roles("show", str(profile), "--format", "text")
    assert result.exit_code == 0
    out = result.stdout
    assert (
        "Needs:\n"
        "  - Teams need **self-service** infrastructure.\n"
        "  - Deployments must be repeatable:\n"
        "    ```bash\n"
        "    helm upgrade release ./chart --set tag=v1\n"
        "    ```\n"
        "  - Nested list:\n"
        "    - first nested\n"
        "    - second nested\n"
        "  A paragraph after the needs list.\n"
    ) in out
    assert "Duties:\n  - Deploying: ships releases\n" in out
    assert "  :::warning\n  Never deploy on Fridays.\n  :::\n" in out
    assert (
        '    ```python\n    def main() -> None:\n        print("hello")\n    ```\n'
        "    | Step | Command |\n    |---|---|\n    | test | `make test` |\n"
    ) in out
    assert "| Tool | Purpose |\n| --- | --- |\n| Helm | Packaging charts |\n" in out
    assert "\x1b" not in out and "╭" not in out


def test_json_and_yaml_are_the_schema_serialization_still(profile: Path) -> None:
    data = json.loads(run_roles("show", str(profile), "-f", "json").stdout)
    assert data["blocks"][0]["text"] == "A paragraph after the needs list."
    assert data["summary"][2]["text"].startswith("| Tool | Purpose |\n| --- | --- |\n")


def test_blocks_of_a_yaml_role_are_shown_wherever_they_are_anchored(tmp_path: Path) -> None:
    role = {
        "name": "QA Lead",
        "summary": [{"text": "Summary one."}],
        "needs": [{"text": "Need one."}, {"text": "Need two."}],
        "duties": [{"name": "Testing"}],
        "sub_roles": [{"kind": "coach", "title": "The Coach", "description": [{"text": "C."}]}],
        "extra_sections": [{"title": "Extra", "blocks": [{"text": "E."}], "after": "needs"}],
        "blocks": [
            {"text": "Before the H1.", "section": "preamble"},
            {"text": "Between the needs.", "section": "needs", "position": 1},
            {"text": "After the duties.", "section": "duties", "position": 9},
            {"text": "In the coach.", "section": "sub_role:0", "position": 0},
            {"text": "In the extra.", "section": "extra:0", "position": 1},
            {"text": "Anchored nowhere.", "section": "sub_role:7"},
        ],
    }
    path = write(tmp_path / "qa-lead.yaml", json.dumps(role))
    expected = [
        "Before the H1.",
        "Summary one.",
        "Need one.",
        "Between the needs.",
        "Need two.",
        "Extra",
        "E.",
        "In the extra.",
        "Testing",
        "After the duties.",
        "In the coach.",
        "C.",
        "Anchored nowhere.",
    ]
    for fmt in ("rich", "text"):
        out = run_roles("show", str(path), "-f", fmt).stdout
        positions = [out.index(text) for text in expected]
        assert positions == sorted(positions), fmt
    assert "Other text:\n  Anchored nowhere." in run_roles("show", str(path), "-f", "text").stdout


HOSTILE_MARKDOWN = f"""# The Role of a Tester

{TEXT} **{TEXT}** [{TEXT}](https://x.org/{TEXT}) `{TEXT}` <{TEXT}>

Entities: &#x202e; &#27; &#13; &rlm; &#x9b; &#133; &#x2028; &NewLine;end

| {TEXT} | b |
| --- | --- |
| `{TEXT}` | &#x202e;x |

:::tip[{TEXT}]
{TEXT}
:::

```{TEXT}
{TEXT}
```

> {TEXT}

<div>{TEXT}</div>

## Why a Tester is Needed

- {TEXT} ![{TEXT}]({TEXT}) <br/> &#x2028;
  ```
  {TEXT}
  ```

## What a Tester Does

- **{TEXT}**: `{TEXT}` &#x202e;
"""


@pytest.mark.parametrize("colour", ["never", "always"])
@pytest.mark.parametrize("fmt", ["rich", "text"])
@pytest.mark.parametrize("width", ["40", "120"])
def test_markdown_never_passes_controls_or_markup(
    tmp_path: Path, fmt: str, colour: str, width: str
) -> None:
    path = write(tmp_path / "tester.md", HOSTILE_MARKDOWN)
    result = run_roles("--color", colour, "show", str(path), "-f", fmt, env={"COLUMNS": width})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for payload in PAYLOADS:
        assert payload not in out, repr(payload)
    assert raw_controls(RICH_SGR.sub("", out)) == []
    if colour == "never" or fmt == "text":
        assert "\x1b" not in out
    plain = _squash(RICH_SGR.sub("", out))
    assert _squash(MARKUP) in plain  # printed literally: not bold, not a link
    if fmt == "rich":
        # entities decoded by the renderer are made visible too, not passed through
        assert "\\u202e" in plain and "\\x0d" in plain and "\\u200f" in plain


def test_plain_profiles_do_not_import_the_markdown_renderer() -> None:
    """The seeds are plain prose: `roles show` skips markdown-it and pygments (startup)."""
    script = (
        "import sys\n"
        "from roledeck.__main__ import main\n"
        "sys.argv = ['roles', 'show', 'devops-specialist']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('markdown_it', 'pygments', 'rich.markdown') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÉé0123456789 ,.;()'\"/?%\n\u00a0", max_size=200)


@settings(max_examples=150, deadline=None)
@given(WORDS, st.sampled_from([20, 40, 80]))
def test_plain_words_render_as_the_markdown_renderer_would(text: str, width: int) -> None:
    """The shortcut for plain prose draws exactly what rich's Markdown draws."""
    if not is_plain(text) or not text.strip():
        return
    from roledeck.reporters.markdown_view import markdown

    fast = render(md(text), color=False, width=width, theme=THEME)
    full = render(markdown(text), color=False, width=width, theme=THEME)
    assert fast.rstrip("\n") == full.rstrip("\n")


def _rendered(text: str, width: int = 60) -> str:
    from roledeck.reporters.markdown_view import markdown

    return render(markdown(text), color=False, width=width, theme=THEME)


def test_nested_admonitions_are_panels_in_panels() -> None:
    out = _rendered(":::note[Outer *title*]\nOuter text.\n\n::::danger\nInner **text**.\n::::\n:::")
    lines = out.splitlines()
    assert lines[0].startswith("╭─ NOTE: Outer title ─")
    assert any(line.startswith("│ ╭─ DANGER ─") for line in lines)
    assert any("│ │ Inner text." in line for line in lines)
    assert lines[-1].startswith("╰─")


def test_html_blocks_are_shown_dimmed_and_br_breaks_the_line() -> None:
    out = _rendered("<details>\n<summary>More</summary>\n</details>\n\nOne<br/>two")
    assert "<details>\n<summary>More</summary>\n</details>" in out
    assert "One\ntwo" in out


def test_a_long_url_in_a_table_cell_folds_and_is_never_cut() -> None:
    out = _rendered(f"| a | b |\n| - | - |\n| x | {LONG_URL} |", width=40)
    assert "…" not in out
    assert _squash(LONG_URL) in _squash(out)
