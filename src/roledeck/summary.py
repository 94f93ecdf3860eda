"""What `roles list` keeps of a role: a few fields, small enough to send between processes.

Core, not a reporter: worker processes build summaries (`Catalog.summaries`) so that only
these rows, not whole parsed roles, come back to the main process.
"""

from __future__ import annotations

from dataclasses import dataclass

from roledeck.model import Role


@dataclass(frozen=True)
class RoleSummary:
    """What `roles list` shows of a role (also its JSON record)."""

    id: str
    name: str
    tags: list[str]
    needs: int
    duties: int
    sub_roles: list[str]
    source: str | None


def summary(role: Role) -> RoleSummary:
    """The row of one role."""
    return RoleSummary(
        id=role.id,
        name=role.name,
        tags=role.frontmatter.tag_labels,
        needs=len(role.needs),
        duties=len(role.duties),
        sub_roles=role.kinds,
        source=role.source,
    )
