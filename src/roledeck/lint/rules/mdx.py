"""MDX syntax rules: what stops a Docusaurus 3 build while it compiles a doc as MDX.

Docusaurus 3 compiles `.mdx` docs as MDX, and `.md` docs too unless `markdown.format` is
`detect`. Each rule names what the build would say. Their verdicts are checked against real
Docusaurus builds of the cases in `tests/fixtures/mdx/` (see `make docs-check`). What fails
or changes only while the page renders is in `mdx_render.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from roledeck.lint.context import FileContext
from roledeck.lint.findings import Edit, Problem
from roledeck.lint.mdxscan import Spot
from roledeck.lint.registry import file_rule


def is_mdx(ctx: FileContext) -> bool:
    """Whether Docusaurus compiles this file as MDX (`FileContext.compiled_as_mdx`)."""
    return ctx.compiled_as_mdx


@file_rule("MDX001", "html-comment")
def html_comment(ctx: FileContext) -> Iterator[Problem]:
    """An HTML comment, with the site's `mdx1-comments` off, stops the MDX build.

    Applies when `[tool.roles.docusaurus]` says `markdown-format = "mdx"` and
    `mdx1-comments = false` (a site with `future: {v4: true}`, as `create-docusaurus` 3.10
    makes, turns `markdown.mdx1Compat.comments` off).

    **Why**: the build stops with `MDX compilation failed … Unexpected character '!' (U+0021)
    before name … (note: to create a comment in MDX, use {/* text */})`.

    **Fails**:
    ```markdown
    <!-- TODO: add links to sections -->
    ```

    **Passes**:
    ```markdown
    {/* TODO: add links to sections */}
    ```

    **Fix**: `roles fmt --mdx-comments` rewrites every HTML comment as an MDX comment.
    """
    docusaurus = ctx.config.docusaurus
    if not is_mdx(ctx) or docusaurus.mdx1_comments:
        return
    for spot in ctx.mdx.comments:
        yield Problem(
            spot.line,
            'HTML comment: MDX compilation fails with "Unexpected character `!` (U+0021) '
            'before name"; write it as {/* … */} (roles fmt --mdx-comments)',
            spot.column,
        )


@file_rule("MDX002", "html-comment-v4", "warning")
def html_comment_v4(ctx: FileContext) -> Iterator[Problem]:
    """An HTML comment builds today only through `mdx1Compat.comments`, which v4 turns off.

    Applies with `markdown-format = "mdx"` and `mdx1-comments = true` (Docusaurus 3's
    default).

    **Why**: upgrading to Docusaurus v4 (or setting `future: {v4: true}`) makes every such
    comment a build error.

    **Fails**:
    ```markdown
    <!-- TODO: add links to sections -->
    ```

    **Passes**:
    ```markdown
    {/* TODO: add links to sections */}
    ```

    **Fix**: `roles fmt --mdx-comments` rewrites every HTML comment as an MDX comment.
    """
    if not is_mdx(ctx) or not ctx.config.docusaurus.mdx1_comments:
        return
    for spot in ctx.mdx.comments:
        yield Problem(
            spot.line,
            "HTML comment breaks the build under Docusaurus v4 (mdx1Compat.comments off); "
            "write it as {/* … */} (roles fmt --mdx-comments)",
            spot.column,
        )


def escape(spot: Spot, *offsets: int) -> tuple[Edit, ...]:
    """Edits that put a backslash before the characters at `offsets` within the spot."""
    edits = []
    for offset in offsets:
        before = spot.text[:offset]
        if "\n" in before:
            return ()
        edits.append(Edit(spot.line, spot.column + offset, 1, "\\" + spot.text[offset]))
    return tuple(edits)


@file_rule("MDX003", "unbalanced-brace")
def unbalanced_brace(ctx: FileContext) -> Iterator[Problem]:
    """A `{` is never closed: MDX reads it as the start of a JavaScript expression.

    A lone `}` is fine.

    **Why**: the build stops with `Unexpected end of file in expression, expected a
    corresponding closing brace for '{'`.

    **Fails**:
    ```markdown
    Uses {braces in prose.
    ```

    **Passes**:
    ```markdown
    Uses \\{braces in prose, or `{code}`.
    ```

    **Fix**: escape it as `\\{` (`roles lint --fix` does), or put it in inline code.
    """
    if not is_mdx(ctx):
        return
    for spot in ctx.mdx.unbalanced:
        yield Problem(
            spot.line,
            "'{' is never closed: MDX compilation fails with \"Unexpected end of file in "
            'expression"; escape it as \\{',
            spot.column,
            escape(spot, 0),
        )


TAG_PARTS = re.compile(r"<(/?)([A-Za-z][\w.:-]*)")


def tag_balance(spots: list[Spot]) -> tuple[list[Spot], list[Spot], list[Spot]]:
    """(opened but never closed, closed but never opened, closed component tags)."""
    open_tags: list[tuple[str, Spot]] = []
    unopened: list[Spot] = []
    components: list[Spot] = []
    for spot in sorted(spots, key=lambda s: (s.line, s.column)):
        parts = TAG_PARTS.match(spot.text)
        if parts is None or spot.text.endswith("/>"):
            if parts is not None and parts.group(2)[0].isupper():
                components.append(spot)
            continue
        closing, name = parts.group(1) == "/", parts.group(2)
        if not closing:
            open_tags.append((name, spot))
            continue
        for index in range(len(open_tags) - 1, -1, -1):
            if open_tags[index][0] == name:
                if name[0].isupper():
                    components.append(open_tags[index][1])
                del open_tags[index:]
                break
        else:
            unopened.append(spot)
    return [spot for _, spot in open_tags], unopened, components


@file_rule("MDX005", "unclosed-tag")
def unclosed_tag(ctx: FileContext) -> Iterator[Problem]:
    """A `<Name>` tag is never closed (or a `</name>` never opened): MDX reads tags as JSX.

    `<br>` and `<img …>` must be self-closed (`<br/>`) in MDX, in headings too.

    **Why**: the build stops with `Expected a closing tag for '<Kubernetes>'`.

    **Fails**:
    ```markdown
    Works with <Kubernetes> daily.
    ## Why a DevOps<br>Engineer is Needed
    ```

    **Passes**:
    ```markdown
    Works with Kubernetes daily, or with `<Kubernetes>`.
    ## Why a DevOps<br/>Engineer is Needed
    ```

    **Fix**: close or self-close the tag, or escape the `<` as `\\<` (`roles lint --fix`
    self-closes `<br>` and escapes the rest).
    """
    if not is_mdx(ctx):
        return
    unclosed, unopened, _ = tag_balance(ctx.mdx.tags)
    for spot in unclosed:
        name = TAG_PARTS.match(spot.text)
        tag = name.group(2) if name else spot.text
        if tag.lower() in ("br", "hr", "img", "wbr", "input", "col", "source"):
            fix: tuple[Edit, ...] = (
                Edit(spot.line, spot.column, len(spot.text), spot.text[:-1].rstrip() + "/>"),
            )
            hint = f"write <{tag}/>"
        else:
            # escaping a tag with attribute expressions would turn them into text expressions
            fix = escape(spot, 0) if "{" not in spot.text else ()
            hint = "close it, or escape the < as \\<"
        yield Problem(
            spot.line,
            f'MDX compilation fails with "Expected a closing tag for `<{tag}>`"; {hint}',
            spot.column,
            fix,
        )
    for spot in unopened:
        yield Problem(
            spot.line,
            f"MDX compilation fails: closing tag `{spot.text}` was never opened",
            spot.column,
        )


@file_rule("MDX007", "autolink")
def autolink(ctx: FileContext) -> Iterator[Problem]:
    """An autolink `<https://…>` (or `<user@example.com>`) is not valid MDX.

    **Why**: MDX reads `<https:` as a tag; the build stops with `Unexpected character '/'
    (U+002F) before local name`.

    **Fails**:
    ```markdown
    See <https://example.com>.
    ```

    **Passes**:
    ```markdown
    See https://example.com or [the site](https://example.com).
    ```

    **Fix**: write the URL bare (Docusaurus links it) or as a Markdown link.
    """
    if not is_mdx(ctx):
        return
    for spot in ctx.mdx.autolinks:
        yield Problem(
            spot.line,
            f"autolink {spot.text} is not valid MDX: compilation fails; write the URL bare or "
            "as [text](url)",
            spot.column,
        )


@file_rule("MDX008", "less-than")
def less_than(ctx: FileContext) -> Iterator[Problem]:
    """A `<` directly followed by anything but a space starts a JSX tag in MDX: `x<5`, `<=`.

    `a < b` with spaces is fine; so is `<` in code.

    **Why**: `x<5` stops the build with `Unexpected character '5' (U+0035) before name,
    expected a character that can start a name`; `a<b`, `</`, `<=` and `<->` fail alike.

    **Fails**:
    ```markdown
    Keeps latency x<5 ms.
    ```

    **Passes**:
    ```markdown
    Keeps latency below 5 ms (x < 5), or `x<5`.
    ```

    **Fix**: escape it as `\\<` (`roles lint --fix` does), add a space, or use inline code.
    """
    if not is_mdx(ctx):
        return
    for spot in ctx.mdx.less_than:
        yield Problem(
            spot.line,
            f"'{spot.text}' starts a JSX tag in MDX: compilation fails with \"Unexpected "
            f'character"; escape it as \\<',
            spot.column,
            escape(spot, 0),
        )


@file_rule("MDX010", "esm-line")
def esm_line(ctx: FileContext) -> Iterator[Problem]:
    """A paragraph starting with `import ` or `export ` is parsed as JavaScript by MDX.

    Real `import`/`export` statements are fine (an `.mdx` doc importing `Tabs` from
    `@theme/Tabs`); this is about prose that happens to start with the word.

    **Why**: "import of data from legacy systems is part of the job." stops the build with
    `Could not parse import/exports with acorn`.

    **Fails**:
    ```markdown
    import of data from legacy systems is part of the job.
    ```

    **Passes**:
    ```markdown
    The import of data from legacy systems is part of the job.
    ```

    **Fix**: reword the sentence so it does not start with "import" or "export".
    """
    if not is_mdx(ctx):
        return
    for spot in ctx.mdx.esm:
        yield Problem(
            spot.line,
            "a paragraph starting with import/export is JavaScript in MDX: compilation fails "
            'with "Could not parse import/exports with acorn"; reword its start',
            spot.column,
        )


@file_rule("MDX012", "heading-id")
def heading_id(ctx: FileContext) -> Iterator[Problem]:
    """A `{#custom-id}` heading id, with the site's `mdx1-heading-ids` off, stops the build.

    Docusaurus 3 keeps this MDX 1 syntax working through `markdown.mdx1Compat.headingIds`,
    which `future: {v4: true}` turns off.

    **Why**: the build then stops with `Could not parse expression with acorn`.

    **Fails**:
    ```markdown
    ### The Developer {#the-developer}
    ```

    **Passes**:
    ```markdown
    ### The Developer
    ```

    **Fix**: drop the custom id (Docusaurus derives one from the heading), or keep
    `mdx1Compat.headingIds` on.
    """
    if not is_mdx(ctx) or ctx.config.docusaurus.mdx1_heading_ids:
        return
    for spot in ctx.mdx.heading_ids:
        yield Problem(
            spot.line,
            f"heading id {spot.text}: with mdx1Compat.headingIds off, compilation fails with "
            '"Could not parse expression with acorn"; drop the custom id',
            spot.column,
        )


RULES = [
    html_comment,
    html_comment_v4,
    unbalanced_brace,
    unclosed_tag,
    autolink,
    less_than,
    esm_line,
    heading_id,
]
