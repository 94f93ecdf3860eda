"""Frontmatter rules: the YAML block Docusaurus reads for title, tags and sidebar order."""

from __future__ import annotations

from collections.abc import Iterator

from roledeck.lint.context import FileContext
from roledeck.lint.findings import Problem
from roledeck.lint.registry import file_rule, load_rule


@file_rule("FM001", "frontmatter-missing", "warning")
def frontmatter_missing(ctx: FileContext) -> Iterator[Problem]:
    """The file has no frontmatter block.

    **Why**: without frontmatter the page has no title, tags or sidebar position of its own,
    so Docusaurus falls back to the H1 and the file name and the role drops out of tag pages.

    **Fails**:
    ```markdown
    # The Role of a DevOps Engineer
    ```

    **Passes**:
    ```markdown
    ---
    title: DevOps Engineer
    tags: [DevOps, role]
    ---
    # The Role of a DevOps Engineer
    ```

    **Fix**: add a `---` block with at least `title` and `tags`.
    """
    if ctx.doc.split is not None and ctx.doc.split.frontmatter is None:
        yield Problem(1, "no frontmatter: add a --- block with title and tags")


UNCLOSED = load_rule(
    "FM002",
    "frontmatter-unclosed",
    """The frontmatter's opening `---` has no closing `---`.

    **Why**: Docusaurus (and python-frontmatter) then treat the whole file differently: the
    YAML becomes page text, or the build fails.

    **Fails**:
    ```markdown
    ---
    title: DevOps
    # The Role of a DevOps Engineer
    ```

    **Passes**: the same with a `---` line after `title: DevOps`.

    **Fix**: close the block with a line holding only `---`.
    """,
)

TOML = load_rule(
    "FM003",
    "frontmatter-toml",
    """The file uses TOML frontmatter (`+++`), which Docusaurus does not read.

    **Why**: Docusaurus only parses YAML frontmatter; `+++` blocks show up as page text.

    **Fails**:
    ```markdown
    +++
    title = "DevOps"
    +++
    ```

    **Passes**: the same keys as YAML between `---` lines.

    **Fix**: convert the block to YAML.
    """,
)

INVALID_YAML = load_rule(
    "FM004",
    "frontmatter-invalid-yaml",
    """The frontmatter is not valid YAML, or uses what safe loading refuses.

    Refused as well: tags such as `!!python/object`, nesting deeper than 64 levels, and
    aliases that expand to more than 100,000 values (an "alias bomb").

    **Why**: the Docusaurus build fails on invalid frontmatter, and unsafe YAML is an attack.

    **Fails**:
    ```yaml
    title: [DevOps
    ```

    **Passes**:
    ```yaml
    title: DevOps
    ```

    **Fix**: correct the YAML at the line given (quote values that contain `: ` or `#`).
    """,
)

NOT_MAPPING = load_rule(
    "FM005",
    "frontmatter-not-mapping",
    """The frontmatter is valid YAML but not a mapping of keys to values.

    **Why**: Docusaurus expects keys such as `title` and `tags`; a list or a string is
    silently ignored by some tools and rejected by others.

    **Fails**:
    ```yaml
    - DevOps
    - role
    ```

    **Passes**:
    ```yaml
    tags: [DevOps, role]
    ```

    **Fix**: write `key: value` lines.
    """,
)

WRONG_TYPE = load_rule(
    "FM006",
    "frontmatter-wrong-type",
    """A known frontmatter key has a value of the wrong type.

    `title`, `sidebar_label` and `id` must be strings, `tags` a list of strings,
    `sidebar_position` a number or a string holding one (`"3"`, as Docusaurus reads it; not
    true/false, infinity or NaN). Unknown keys are fine.

    **Why**: Docusaurus validates these keys and stops the build on a wrong type.

    **Fails**:
    ```yaml
    title: [DevOps]
    tags: DevOps
    ```

    **Passes**:
    ```yaml
    title: DevOps
    tags: [DevOps]
    ```

    **Fix**: change the value to the type named in the message.
    """,
)


@file_rule("FM007", "id-with-slash")
def id_with_slash(ctx: FileContext) -> Iterator[Problem]:
    """The frontmatter `id` holds a `/`.

    A doc's id is its folder path plus its `id` (or file name), so an `id` names the last
    part only.

    **Why**: Docusaurus stops the build: `Document id "team/lead" cannot include slash.`

    **Fails**:
    ```yaml
    id: engineering/lead
    ```

    **Passes**: the file at `engineering/lead.md`, with no `id` (or `id: lead`).

    **Fix**: move the file into the folder, and keep the last part as the `id`.
    """
    doc_id = ctx.role.frontmatter.id
    if doc_id is not None and "/" in doc_id:
        yield Problem(
            ctx.key_line("id"),
            f"id '{doc_id}' holds a '/': Docusaurus refuses it (an id names the last part; "
            "the folder gives the rest)",
        )


BOOLEAN_KEYS = (
    "draft",
    "unlisted",
    "hide_title",
    "hide_table_of_contents",
    "parse_number_prefixes",
)
"""Docusaurus doc frontmatter keys that must be true or false."""
_JS_YAML_BOOLEANS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
"""What Docusaurus's YAML (js-yaml, YAML 1.2) reads as true/false: not `yes`, `on`, `y`."""


@file_rule("FM008", "frontmatter-not-boolean")
def not_boolean(ctx: FileContext) -> Iterator[Problem]:
    """A Docusaurus true/false key (`draft`, `unlisted`, `hide_title`,
    `hide_table_of_contents`, `parse_number_prefixes`) holds something else.

    Docusaurus reads YAML 1.2: `yes`, `no`, `on` and `off` are text there (YAML 1.1, which
    Python reads, takes them for true/false). `draft` and `unlisted` cannot both be true.

    **Why**: Docusaurus validates these keys and stops the build ("draft" must be a boolean).

    **Fails**:
    ```yaml
    draft: yes-please
    unlisted: yes
    ```

    **Passes**:
    ```yaml
    draft: true
    ```

    **Fix**: write `true` or `false`.
    """
    meta = ctx.doc.meta
    for key in BOOLEAN_KEYS:
        if key not in meta:
            continue
        value = meta[key]
        raw = _raw_value(ctx, key)
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            continue  # Docusaurus's schema converts the text "true"
        if isinstance(value, bool) and (raw is None or raw in _JS_YAML_BOOLEANS):
            continue
        shown = raw if raw is not None else str(value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        yield Problem(
            ctx.key_line(key),
            f"{key}: '{shown}' is not true or false as Docusaurus reads it; write true or false",
        )
    if meta.get("draft") is True and meta.get("unlisted") is True:
        yield Problem(
            ctx.key_line("unlisted"), "a doc cannot be draft and unlisted at the same time"
        )


def _raw_value(ctx: FileContext, key: str) -> str | None:
    """The value of a top-level key as written on its line, if it is a plain one-line value."""
    split = ctx.doc.split
    if split is None or split.frontmatter is None:
        return None
    line = ctx.key_line(key) - split.frontmatter_line
    lines = split.frontmatter.split("\n")
    if not 0 <= line < len(lines):
        return None
    value = lines[line].partition(":")[2]
    if " #" in value or "\t#" in value:
        value = value[: min(i for i in (value.find(" #"), value.find("\t#")) if i >= 0)]
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value or None


RULES = [
    frontmatter_missing,
    UNCLOSED,
    TOML,
    INVALID_YAML,
    NOT_MAPPING,
    WRONG_TYPE,
    id_with_slash,
    not_boolean,
]
