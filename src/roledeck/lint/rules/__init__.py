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

RULES: list[Rule] = [
    *io.RULES,
    *frontmatter.RULES,
    *structure.RULES,
    *consistency.RULES,
    *content.RULES,
    *mdx.RULES,
    *mdx_render.RULES,
    *catalog.RULES,
]
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
