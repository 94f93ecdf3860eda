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

RULES = [frontmatter_missing, UNCLOSED, TOML, INVALID_YAML, NOT_MAPPING, WRONG_TYPE]
