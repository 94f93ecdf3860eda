"""`roles diff` on profiles with code, tables, long URLs, paths and bold text: code and tables
compared and shown as blocks, side by side without a URL or path broken mid-word, and
Markdown shown as Markdown for a pull request."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from roledeck.blockdiff import block_ops, by_blocks, line_ops
from roledeck.diff import diff_roles
from roledeck.parse import parse_text

from .helpers import REPO, run_roles, write

URL = "https://example.com/docs/platform/internal-developer-platform/getting-started.html"
PATH = "/etc/platform/values/production/override.yaml"
SHORT_URL = "https://example.com/runbooks/deploy"

OLD = f"""---
title: Platform Engineer
---
# The Role of a Platform Engineer

A Platform Engineer builds the **internal developer platform**, documented at {URL}.

| Tool | Purpose |
| --- | --- |
| Helm | Packaging |
| Argo CD | GitOps delivery |

## Why a Platform Engineer is Needed

- **Self-service** infrastructure for every team.
- Run `make test` before each release.
- Read the [runbook]({SHORT_URL}) first.

## What a Platform Engineer Does

- **Deploying**: ships releases with the values in {PATH}
- **Scripting**: automates the platform

## How a Platform Engineer Works

### The Developer

Writes the deploy script:

```python
def deploy(release: str) -> None:
    run("helm", "upgrade", release)
    notify(release)
```
"""

NEW = (
    OLD.replace("| Helm | Packaging |", "| Helm | Packaging charts |")
    .replace("**Self-service** infrastructure", "**Self-service** infrastructure and pipelines")
    .replace("`make test`", "`make check`")
    .replace(f"({SHORT_URL})", f"({SHORT_URL}-v2)")
    .replace(PATH, PATH.replace("production", "staging"))
    .replace(
        '    run("helm", "upgrade", release)', '    run("helm", "upgrade", "--atomic", release)'
    )
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path / "old" / "platform.md", OLD), write(
        tmp_path / "new" / "platform.md", NEW
    )


def _diff(pair: tuple[Path, Path], *args: str, width: int = 80) -> str:
    result = run_roles("diff", str(pair[0]), str(pair[1]), *args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_text_diff_shows_a_changed_table_by_rows_and_code_by_lines(pair: tuple[Path, Path]) -> None:
    out = _diff(pair, "-f", "text")
    assert (
        "~ paragraph 2 (line 8)\n"
        "      | Tool | Purpose |\n"
        "      | --- | --- |\n"
        "    - | Helm | Packaging |\n"
        "    + | Helm | Packaging charts |\n"
        "      | Argo CD | GitOps delivery |\n"
    ) in out
    assert (
        "~ paragraph 2 (line 30)\n"
        "      ```python\n"
        "      def deploy(release: str) -> None:\n"
        '    -     run("helm", "upgrade", release)\n'
        '    +     run("helm", "upgrade", "--atomic", release)\n'
        "          notify(release)\n"
        "      ```\n"
    ) in out
    # prose is still compared by words, a path as one word
    assert (
        f"    **Deploying**: ships releases with the values in [-{PATH}-]"
        f"{{+{PATH.replace('production', 'staging')}+}}\n"
    ) in out
    assert "    **Self-service** infrastructure {+and pipelines+} for every team.\n" in out


@pytest.mark.parametrize("width", [40, 80, 120])
def test_rich_diff_never_collapses_code_onto_one_line(pair: tuple[Path, Path], width: int) -> None:
    out = _diff(pair, width=width)
    assert max(len(line) for line in out.splitlines()) <= width
    assert "```python def" not in out and "| | Helm" not in out  # the old collapsed form
    assert re.search(r"^  - +\| Helm \| Packaging \|$", out, re.MULTILINE)
    assert re.search(r"^  \+ +\| Helm \| Packaging charts \|$", out, re.MULTILINE)
    assert re.search(r'^  -     run\("helm", "upgrade", release\)$', out, re.MULTILINE)


def test_colour_marks_lines_in_red_and_green_without_word_markers(pair: tuple[Path, Path]) -> None:
    out = run_roles("--color", "always", "diff", str(pair[0]), str(pair[1])).stdout
    assert "\x1b[31m| Helm | Packaging |" in out and "\x1b[32m| Helm | Packaging charts |" in out
    assert "[-" not in out and "{+" not in out


def test_an_indentation_change_in_code_is_a_change(tmp_path: Path) -> None:
    code = "# The Role of a Dev\n\nIntro:\n\n```python\nif x:\n    y()\n```\n"
    moved = code.replace("    y()", "y()")
    a, b = write(tmp_path / "a.md", code), write(tmp_path / "b.md", moved)
    result = run_roles("diff", str(a), str(b), "-f", "text", "--exit-code")
    assert result.exit_code == 1
    assert "    -     y()\n    + y()\n" in result.stdout
    # while a reflowed paragraph is still the same paragraph
    prose = write(tmp_path / "c.md", "# The Role of a Dev\n\nOne\ntwo three.\n")
    again = write(tmp_path / "d.md", "# The Role of a Dev\n\nOne two\nthree.\n")
    assert run_roles("diff", str(prose), str(again), "--exit-code").exit_code == 0


@pytest.mark.parametrize("width", [60, 80, 120, 160])
def test_side_by_side_never_breaks_a_url_or_path_mid_word(
    pair: tuple[Path, Path], width: int
) -> None:
    out = _diff(pair, "--side-by-side", width=width)
    assert max(len(line) for line in out.splitlines()) <= width
    column = (width - 1) // 2 - 1
    lines = out.splitlines()
    gutter = (
        lines[lines.index(next(x for x in lines if x.startswith("Name "))) + 1].index(" = ") + 1
    )
    columns = list(zip(*(_cells(line, gutter) for line in lines), strict=True))
    for token in (PATH, SHORT_URL, URL):
        if len(token) <= column:
            # a token that fits its column is on one line, whole
            assert any(token in cell for cells in columns for cell in cells), (token, width)
        else:
            # one too long for it starts its own line and is folded after a '/', '-' or '.'
            pieces = next(p for p in (_pieces(list(cells), token) for cells in columns) if p)
            assert all(piece[-1] in "/-._" for piece in pieces[:-1]), pieces


def _cells(line: str, gutter: int) -> tuple[str, str]:
    """A side-by-side line's two cells, either side of the gutter column, without the
    word-diff markers."""
    line = re.sub(r"\[-|-\]|\{\+|\+\}", lambda m: " " * len(m.group()), line)
    return line[:gutter].strip(), line[gutter + 1 :].strip()


def _pieces(cells: list[str], token: str) -> list[str]:
    """The words on consecutive lines of one column that spell `token`, if any."""
    for start, cell in enumerate(cells):
        words = cell.split()
        if not words or not token.startswith(words[-1]) or words[-1] == token:
            continue
        pieces = [words[-1]]
        for following in cells[start + 1 :]:
            spelt = "".join(pieces)
            first = following.split()[0] if following.split() else ""
            piece = next(
                (p for p in (first, first.rstrip(".,;)")) if p and token.startswith(spelt + p)),
                None,
            )
            if piece is None:
                break
            pieces.append(piece)
            if "".join(pieces) == token:
                return pieces
    return []


def test_markdown_shows_markdown_as_markdown(pair: tuple[Path, Path]) -> None:
    out = _diff(pair, "-f", "markdown")
    assert "\\*\\*" not in out
    assert (
        "- **\\~ need 1** (line 15): **Self-service** infrastructure <ins>and pipelines</ins> "
        "for every team.\n"
    ) in out
    html = MarkdownIt().enable("table").enable("strikethrough").render(out)
    assert "<strong>Self-service</strong> infrastructure <ins>and pipelines</ins>" in html
    # a table or code block that changed is a diff block, line by line
    assert '<pre><code class="language-diff">  | Tool | Purpose |\n' in html
    assert "- | Helm | Packaging |\n+ | Helm | Packaging charts |\n" in html
    assert "-     run(&quot;helm&quot;, &quot;upgrade&quot;, release)\n" in html
    # an edit inside a code span or a link's address is shown whole, not marked inside it
    assert "<code>make <del>" not in html and "<code>make <ins>" not in html
    assert "<del>Run <code>make test</code> before each release.</del>" in html
    assert "<ins>Run <code>make check</code> before each release.</ins>" in html
    assert f'<del>Read the <a href="{SHORT_URL}">runbook</a> first.</del>' in html
    # a URL or a path is replaced whole, and each item stays inside its list item
    assert f"<del>{PATH}</del>" in html
    assert html.count("<ul>") == html.count("</ul>")


def test_markdown_still_escapes_html_mentions_and_math(tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", "# The Role of a Dev\n\n- Asks @platform-team for $5.\n")
    text = "- Asks @platform-team for $5 <span>now</span>, `<kbd>` stays.\n"
    b = write(tmp_path / "b.md", "# The Role of a Dev\n\n" + text)
    out = run_roles("diff", str(a), str(b), "-f", "markdown").stdout
    assert "\\@platform-team" in out and "\\$5" in out and "\\<span>" in out
    assert "`<kbd>`" in out  # code is left as written


def test_markdown_side_by_side_keeps_every_row_three_cells(pair: tuple[Path, Path]) -> None:
    out = _diff(pair, "-f", "markdown", "--side-by-side")
    html = MarkdownIt().enable("table").enable("strikethrough").render(out)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    assert rows and all(row.count("<td") in (0, 3) for row in rows)
    assert "<ins><code>| Helm | Packaging charts |</code></ins>" in html
    assert "<strong>Self-service</strong>" in html


def test_json_is_unchanged_by_block_kinds(pair: tuple[Path, Path]) -> None:
    import jsonschema

    data = json.loads(_diff(pair, "-f", "json"))
    schema = json.loads((REPO / "docs" / "diff-json.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["version"] == 1
    table = next(c for c in data["changes"] if c["old"] and c["old"].startswith("| Tool"))
    assert {"op": "insert", "old": "", "new": " charts"} in table["words"]


# -- the core: blocks of a changed text ---------------------------------------------------------


def test_block_ops_pair_segments_by_kind_and_compare_each_as_what_it_is() -> None:
    old = "Intro text here.\n```\na\nb\n```\n- item one\n- item two"
    new = "Intro text here, edited.\n```\na\nc\n```\n- item two\n- item three"
    ops = block_ops(old, new)
    assert [(op.kind, op.segment) for op in ops] == [
        ("changed", "prose"),
        ("changed", "code"),
        ("removed", "prose"),
        ("equal", "prose"),
        ("added", "prose"),
    ]
    assert [(o.op, o.text) for o in ops[1].lines] == [
        ("equal", "```"),
        ("equal", "a"),
        ("delete", "b"),
        ("insert", "c"),
        ("equal", "```"),
    ]


def test_by_blocks_only_when_a_text_is_more_than_words() -> None:
    assert not by_blocks("One paragraph\nover two lines.", "One paragraph.")
    assert by_blocks("Intro:\n```\nx\n```", "Intro.")
    assert by_blocks(None, "- a\n- b")


def test_table_rows_padded_differently_are_the_same_rows() -> None:
    ops = line_ops(("| a | b |",), ("|a|   b|",), key=lambda r: " ".join(r.strip("|").split()))
    assert [o.op for o in ops] == ["delete", "insert"]  # the key decides, here literally
    same = block_ops("| a | b |\n| - | - |\n| 1 | 2 |", "|a|b|\n|-|-|\n|1|  2 |")
    assert [op.kind for op in same] == ["equal"]


def test_a_renamed_copy_with_code_differs_only_in_its_name() -> None:
    text = "# The Role of a {n}\n\nA {n} runs:\n\n```\nrun --as '{n}'\n```\n"
    old = parse_text(text.format(n="QA Lead"), "a.md").role
    new = parse_text(text.format(n="SRE Lead"), "b.md").role
    assert [c.section for c in diff_roles(old, new).changes] == ["name"]


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown", "json"])
@pytest.mark.parametrize("side", [False, True])
@pytest.mark.parametrize("colour", ["never", "always"])
def test_code_and_tables_never_pass_controls(
    tmp_path: Path, fmt: str, side: bool, colour: str
) -> None:
    from .hostile_corpus import raw_controls
    from .test_terminal_safety import PAYLOADS, RICH_SGR, TEXT

    if fmt == "json" and side:
        return
    old = f"# The Role of a Dev\n\nIntro {TEXT}:\n\n```\n{TEXT}\nsame\n```\n\n| {TEXT} |\n| - |\n| x |\n"
    new = old.replace("same", f"other {TEXT}").replace("| x |", f"| y {TEXT} |")
    a, b = write(tmp_path / "a.md", old), write(tmp_path / "b.md", new)
    args = ["--color", colour, "diff", str(a), str(b), "-f", fmt, *(["-y"] if side else [])]
    out = run_roles(*args, env={"COLUMNS": "100"}).stdout
    # in colour, rich's own red is "\x1b[31m": what matters is that nothing is left once
    # rich's styles are taken out, and that the file's ESC shows as text
    for payload in PAYLOADS[1:] if colour == "always" else PAYLOADS:
        assert payload not in out, repr(payload)
    assert raw_controls(RICH_SGR.sub("", out)) == []
    assert "other" in out and ("\\x1b[31mred" in out or "\\u001b[31mred" in out)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (f"see {URL}.", ["see", URL, "."]),
        (f"values in {PATH}, then", ["values", "in", PATH, ",", "then"]),
        ("roles/devops-engineer.md and ~/.config/roles or ./x/y", ["roles/devops-engineer.md",
         "and", "~/.config/roles", "or", "./x/y"]),
        (f"[runbook]({SHORT_URL})", ["[", "runbook", "]", "(", SHORT_URL, ")"]),
        ("end-to-end (CI/CD) and/or a / b", ["end-to-end", "(", "CI/CD", ")", "and/or", "a", "/",
         "b"]),
    ],
)  # fmt: skip
def test_a_url_or_a_path_is_one_word_of_a_word_diff(text: str, words: list[str]) -> None:
    from roledeck.normalize import key_of, normalize, tokenize

    tokens = tokenize(text)
    assert [t.text for t in tokens] == words
    assert key_of(tokens) == normalize(text, None)
