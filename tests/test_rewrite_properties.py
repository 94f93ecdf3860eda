"""`roles fmt` and `roles lint --fix` on generated Markdown: idempotent, and the page kept.

The oracle is independent of `fmt`'s own check: whole bodies are rendered to HTML with the
CommonMark parser (comments dropped, whitespace outside `<pre>` collapsed) and compared as
one page, in order. For `--fix`, the only change allowed is the escape it inserts (`\\` before
`{`, `}` or `<`, `/` in `<br>`), never inside code or inside a tag.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from pathlib import Path

import pyromark
from hypothesis import HealthCheck, given, settings

from roledeck.config import Config
from roledeck.fmt import format_text
from roledeck.lint.engine import LintSettings, Target, apply_fixes, lint_file
from roledeck.lint.selection import Selection
from roledeck.markdown import OPTIONS, parse_body
from roledeck.source import decode, split_frontmatter

from .helpers import run_roles
from .markdown_strategies import documents

SETTINGS = settings(
    max_examples=int(os.environ.get("ROLES_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LINT = LintSettings(Config(), Selection.resolve(Config()))
_COMMENT = re.compile(r"<!--.*?-->|\{/\*.*?\*/\}", re.DOTALL)


def body_of(text: str) -> str:
    split = split_frontmatter(decode(Path("x.md"), text.encode()))
    return "\n".join(split.body)


def page(text: str) -> str:
    """The whole page's HTML, comments out, whitespace outside <pre> collapsed."""
    html = _COMMENT.sub("", str(pyromark.html(body_of(text), options=OPTIONS)))
    html = re.sub(r"<p>\s*</p>", "", html)
    parts = re.split(r"(<pre[\s>].*?</pre>)", html, flags=re.DOTALL)
    for index in range(0, len(parts), 2):
        parts[index] = re.sub(r"\s+", " ", re.sub(r">\s+<", "><", parts[index]))
    return "".join(parts).strip()


@SETTINGS
@given(documents())
def test_fmt_keeps_the_page_and_is_idempotent(text: str) -> None:
    first = format_text(text, "role.md")
    assert first.lost == [], text  # documents in the conventional order are never refused
    assert page(first.new_text) == page(text)
    second = format_text(first.new_text, "role.md")
    assert second.lost == [] and not second.changed, first.new_text


_TAG = re.compile(r"<(/?)([A-Za-z][\w.:-]*)(?:\s[^<>]*|/)?>|<!--.*?-->", re.DOTALL)


def _ranges(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Code as MDX reads it, and the HTML tags CommonMark found, as offsets into `text`.

    MDX has no HTML blocks: with the tags replaced by letters, what CommonMark swallowed after a
    `<br>` line is Markdown again, and its fences are code.
    """
    body_text = body_of(text)
    shift = text.index(body_text) if body_text else 0
    body = parse_body(body_text)
    tags = [
        (start + m.start(), start + m.end())
        for start, end in body.html
        for m in _TAG.finditer(body_text[start:end])
    ]
    blanked = list(body_text)
    for start, end in tags:
        blanked[start:end] = [c if c == "\n" else "x" for c in body_text[start:end]]
    code = parse_body("".join(blanked)).code
    return [(s + shift, e + shift) for s, e in code], [(s + shift, e + shift) for s, e in tags]


@SETTINGS
@given(documents())
def test_fix_only_inserts_escapes_outside_code_and_is_idempotent(text: str) -> None:
    fixed = fix(text)
    code, tags = _ranges(text)
    matcher = difflib.SequenceMatcher(a=text, b=fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), (tag, text[i1:i2], fixed[j1:j2])
        if tag != "insert":
            continue
        inserted = fixed[j1:j2]
        assert inserted in ("\\", "/"), inserted
        assert not any(start < i1 < end for start, end in code), (
            "inside code",
            text[i1 - 20 : i1 + 20],
        )
        for start, end in tags:  # in a tag: only <br/>'s slash (an escape goes before it)
            if start < i1 < end:
                assert inserted == "/" and text[start:end].lower().startswith("<br"), text[
                    start:end
                ]
    assert fix(fixed) == fixed  # fix∘fix = fix


def fix(text: str) -> str:
    """What `roles lint --fix` makes of the text (the engine's own steps, in a temp file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "role.md"
        path.write_text(text, encoding="utf-8")
        report = lint_file(Target(str(path)), LINT)
        if report.fixes:
            apply_fixes(path, report.fixes)
        return path.read_text(encoding="utf-8")


def test_the_property_runs_what_the_cli_runs(tmp_path: Path) -> None:
    text = "# The Role of a Tester\n\nUses {name} and x<5.\n"
    path = tmp_path / "role.md"
    path.write_text(text, encoding="utf-8")
    run_roles("lint", "--fix", "--no-cache", str(path))
    assert (
        path.read_text(encoding="utf-8")
        == fix(text)
        == ("# The Role of a Tester\n\nUses \\{name\\} and x\\<5.\n")
    )
