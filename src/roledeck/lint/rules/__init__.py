"""Every lint rule, listed explicitly: grep finds them all, no plugin magic.

Codes by family: IO (reading), FM (frontmatter), ST (structure), CO (consistency), CT
(content), MDX (what breaks a Docusaurus MDX build), DOC (what renders badly), CA
(catalog). A code is never reused; a renamed rule keeps its code.
"""

from __future__ import annotations

from roledeck.lint.registry import Rule
from roledeck.lint.rules import (
    catalog,
    consistency,
    content,
    frontmatter,
    io,
    mdx,
    mdx_render,
    structure,
)

_MDX_ORDER = (
    *(f"MDX{n:03}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13)),
    "MDX009",  # the one for `markdown-format = "detect"`, after the MDX ones
    "DOC001",
)
"""The order `roles rules`, docs/rules.md and SARIF list the MDX and DOC rules in (two
modules hold them: what stops the compiler, and what goes wrong while rendering)."""

RULES: list[Rule] = [
    *io.RULES,
    *frontmatter.RULES,
    *structure.RULES,
    *consistency.RULES,
    *content.RULES,
    *sorted([*mdx.RULES, *mdx_render.RULES], key=lambda rule: _MDX_ORDER.index(rule.code)),
    *catalog.RULES,
]
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
