"""MDX rendering rules: what compiles, then fails or changes while the page renders.

An MDX page is a React component: `{expressions}` are evaluated and components looked up when
Docusaurus renders the page at build time. A name nothing defines stops the build there; a
valid expression of constants renders its value, silently. With `markdown-format = "detect"`,
`.md` docs are CommonMark, and raw HTML the browser does not know vanishes from the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from roledeck.lint.context import FileContext
from roledeck.lint.findings import Problem
from roledeck.lint.jsexpr import classify
from roledeck.lint.registry import file_rule
from roledeck.lint.rules.mdx import TAG_PARTS, escape, is_mdx, tag_balance

THEME_COMPONENTS = frozenset({"Head", "Details"})
"""Components Docusaurus's theme gives every MDX doc (theme-classic's MDXComponents; `make
docs-check` reads the installed theme and fails if this list is out of date)."""
JS_GLOBALS = frozenset(
    {
        "Array", "BigInt", "Boolean", "Date", "Error", "Infinity", "Intl", "JSON", "Map", "Math",
        "NaN", "Number", "Object", "Promise", "Proxy", "Reflect", "RegExp", "Set", "String",
        "Symbol", "WeakMap", "WeakSet", "console", "decodeURI", "decodeURIComponent",
        "encodeURI", "encodeURIComponent", "globalThis", "isFinite", "isNaN", "parseFloat",
        "parseInt", "undefined",
    }
)  # fmt: skip
"""Names JavaScript defines wherever the page renders (not `window`: the build renders on the
server, where it is undefined)."""
MDX_SCOPE = frozenset({"props", "frontMatter", "toc", "contentTitle", "assets"})
"""Names an MDX doc's expressions can use: the component's props, and what Docusaurus's MDX
loader exports from every doc."""


def _defined(ctx: FileContext) -> set[str] | frozenset[str]:
    return ctx.mdx.defined | JS_GLOBALS | MDX_SCOPE if ctx.mdx.defined else JS_GLOBALS | MDX_SCOPE


@file_rule("MDX004", "expression")
def expression(ctx: FileContext) -> Iterator[Problem]:
    """A `{…}` in text is a JavaScript expression: invalid, or naming what nothing defines.

    MDX hands the text between the braces to acorn. Valid expressions of constants build (see
    MDX013); an undefined name builds and then fails while the page renders; anything that is
    not a JavaScript expression fails to compile. Names the doc imports or exports, the
    component's `props`, Docusaurus's `frontMatter`/`toc` and JavaScript's globals are defined.

    **Why**: the build stops with `ReferenceError: environment is not defined` for
    `{environment}`, or `Could not parse expression with acorn` for `{{ .Values.tag }}` or
    `{"key": 1}` — placeholder and template syntax, or JSON, pasted into prose.

    **Fails**:
    ```markdown
    Deploys to {environment} every day.
    ```

    **Passes**:
    ```markdown
    Deploys to `{environment}` every day.
    ```

    **Fix**: escape the braces as `\\{environment\\}` (`roles lint --fix` does), or use
    inline code.
    """
    if not is_mdx(ctx):
        return
    defined = _defined(ctx)
    for spot in ctx.mdx.expressions:
        verdict = classify(spot.text[1:-1])
        if verdict.verdict == "syntax":
            failure = 'compilation fails with "Could not parse expression with acorn"'
        elif verdict.verdict == "object":
            failure = 'rendering fails with "Objects are not valid as a React child"'
        elif verdict.verdict == "names":
            missing = [name for name in verdict.names if name not in defined]
            if not missing:
                continue
            failure = f'rendering fails with "ReferenceError: {missing[0]} is not defined"'
        else:
            continue
        yield Problem(
            spot.line,
            f"{{…}} is a JavaScript expression in MDX: {failure}; escape the braces or use "
            "inline code",
            spot.column,
            escape(spot, 0, len(spot.text) - 1),
        )


@file_rule("MDX013", "expression-renders", "warning")
def expression_renders(ctx: FileContext) -> Iterator[Problem]:
    """A `{…}` in text that builds, but shows its value instead of the text: `{1 + 1}` is "2".

    A valid JavaScript expression of constants compiles and renders: `{1 + 1}` shows `2`,
    `{'x'}` shows `x`, and `{}` shows nothing at all. The page changes without a word.

    **Why**: "costs {1 + 1} days" renders as "costs 2 days"; "an empty set {}" loses its braces.

    **Fails**:
    ```markdown
    The range is {1 - 10}.
    ```

    **Passes**:
    ```markdown
    The range is \\{1 - 10\\}, or `{1 - 10}`.
    ```

    **Fix**: escape the braces (`roles lint --fix` does), or use inline code.
    """
    if not is_mdx(ctx):
        return
    for spot in ctx.mdx.expressions:
        verdict = classify(spot.text[1:-1]).verdict
        if verdict == "empty":
            shows = "renders as nothing: the braces vanish from the page"
        elif verdict == "constant":
            shows = "renders its value, not the text as written"
        else:
            continue
        yield Problem(
            spot.line,
            f"{spot.text} is a JavaScript expression in MDX: it {shows}; escape the braces",
            spot.column,
            escape(spot, 0, len(spot.text) - 1),
        )


@file_rule("MDX006", "undefined-component")
def undefined_component(ctx: FileContext) -> Iterator[Problem]:
    """A capitalised tag such as `<Runbook>…</Runbook>` is a React component no doc defines.

    **Why**: the page compiles, then rendering fails with `Expected component 'Runbook' to
    be defined: you likely forgot to import, pass, or provide it`.

    **Fails**:
    ```markdown
    Follows the <Runbook>incident runbook</Runbook>.
    ```

    **Passes**:
    ```markdown
    Follows the *incident runbook*.
    ```

    Components the doc imports (`import Tabs from '@theme/Tabs'`) or exports, and those
    Docusaurus's theme gives every doc (`<Details>`, `<Head>`), are defined.

    **Fix**: use Markdown instead, or import the component (`import X from '@site/src/…'`).
    """
    if not is_mdx(ctx):
        return
    defined = ctx.mdx.defined | THEME_COMPONENTS
    for spot in tag_balance(ctx.mdx.tags)[2]:
        name = TAG_PARTS.match(spot.text)
        tag = name.group(2) if name else spot.text
        if tag.split(".")[0] in defined:
            continue
        yield Problem(
            spot.line,
            f'rendering fails with "Expected component `{tag}` to be defined"; use Markdown '
            "instead of a component",
            spot.column,
        )


@file_rule("MDX009", "raw-tag-vanishes", "warning")
def raw_tag_vanishes(ctx: FileContext) -> Iterator[Problem]:
    """With `markdown-format = "detect"`, a raw `<Name>` that is not an HTML element vanishes.

    **Why**: CommonMark passes it to the browser as an unknown HTML tag, so the word silently
    disappears from the page.

    **Fails**:
    ```markdown
    Works with <Kubernetes> daily.
    ```

    **Passes**:
    ```markdown
    Works with `<Kubernetes>` daily.
    ```

    **Fix**: escape the `<` as `\\<`, or use inline code.
    """
    if is_mdx(ctx) or ctx.doc.body is None:
        return
    for spot in ctx.mdx.tags:
        if spot.kind != "html-tag":
            continue  # CommonMark shows what it does not take for HTML as text
        parts = TAG_PARTS.match(spot.text)
        if parts and parts.group(2).lower() not in HTML_ELEMENTS:
            yield Problem(
                spot.line,
                f"raw {spot.text} is an unknown HTML tag: the browser drops it and the text "
                "disappears from the page; escape the < as \\<",
                spot.column,
                escape(spot, 0),
            )


_ITEM = re.compile(r"^\s{0,3}([-*+]|\d{1,9}[.)])(\s|$)")


@file_rule("DOC001", "comment-splits-list", "warning")
def comment_splits_list(ctx: FileContext) -> Iterator[Problem]:
    """A comment between two list items splits the list in two on the page.

    **Why**: the comment ends the list, so Docusaurus renders two lists with a gap — the
    Specialist's duties show this — and no build warns about it.

    **Fails**:
    ```markdown
    - **Automating Infrastructure**
    <!-- TODO: add links to sections -->
    - **Continuous Integration and Continuous Deployment**
    ```

    **Passes**: the comment before or after the whole list.

    **Fix**: move the comment above or below the list.
    """
    lines = ctx.lines
    for note in ctx.role.notes:
        if note.line is None:
            continue
        start = note.line - 1
        end = start + note.text.count("\n")
        before = next((lines[i] for i in range(start - 1, -1, -1) if lines[i].strip()), "")
        after = next((lines[i] for i in range(end + 1, len(lines)) if lines[i].strip()), "")
        if _ITEM.match(before) and _ITEM.match(after):
            yield Problem(
                note.line,
                "comment between list items: the page shows two lists; move it above or "
                "below the list",
            )


_STYLE_STRING = re.compile(r"""\sstyle\s*=\s*["']""")


@file_rule("MDX011", "style-string")
def style_string(ctx: FileContext) -> Iterator[Problem]:
    """An HTML tag with a `style="…"` string: MDX passes it to React, which wants an object.

    **Why**: the page compiles, then rendering fails with `The 'style' prop expects a mapping
    from style properties to values, not a string`.

    **Fails**:
    ```markdown
    <span style="color: red">breaking</span>
    ```

    **Passes**:
    ```markdown
    **breaking**
    ```

    **Fix**: use Markdown emphasis, or `style={{color: 'red'}}` in an `.mdx` doc.
    """
    if not is_mdx(ctx):
        return
    for spot in ctx.mdx.tags:
        if _STYLE_STRING.search(spot.text):
            yield Problem(
                spot.line,
                'style="…" is a string: rendering fails with "The `style` prop expects a '
                'mapping from style properties to values"; use Markdown emphasis instead',
                spot.column,
            )


HTML_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "address",
        "article",
        "aside",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "video",
        "audio",
        "source",
        "picture",
        "iframe",
    ]
)
"""Tags a browser renders; any other raw tag in CommonMark output makes its text vanish."""


RULES = [
    expression,
    expression_renders,
    undefined_component,
    style_string,
    raw_tag_vanishes,
    comment_splits_list,
]
