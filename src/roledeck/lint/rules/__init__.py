"""Every lint rule, listed explicitly: grep finds them all, no plugin magic.

Codes by family: IO (reading), FM (frontmatter), ST (structure), CO (consistency), CT
(content), CA (catalog). A code is never reused; a renamed rule keeps its code.
"""

from __future__ import annotations

from roledeck.lint.registry import Rule
from roledeck.lint.rules import catalog, consistency, content, frontmatter, io, structure

RULES: list[Rule] = [
    *io.RULES,
    *frontmatter.RULES,
    *structure.RULES,
    *consistency.RULES,
    *content.RULES,
    *catalog.RULES,
]
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
