"""Small role profiles for tests, written in the conventional layout."""

from __future__ import annotations


def profile(
    name: str,
    *,
    article: str = "a",
    needs: tuple[str, ...] = ("Someone has to do it.",),
    duties: tuple[str, ...] = ("**Planning**: plans the work",),
    frontmatter: str = "tags: [role]",
    duties_heading: str | None = None,
) -> str:
    """A small role profile in the conventional layout."""
    heading = duties_heading or f"What {article} {name} Does"
    return "\n".join(
        [
            "---",
            frontmatter,
            "---",
            f"# The Role of {article} {name}",
            "",
            f"{article.capitalize()} {name} makes things work.",
            "",
            f"## Why {article} {name} is Needed",
            "",
            *(f"- {n}" for n in needs),
            "",
            f"## {heading}",
            "",
            *(f"- {d}" for d in duties),
            "",
            f"## How {article} {name} Works",
            "",
            "### The Developer",
            "",
            f"{article.capitalize()} {name} writes code.",
            "",
        ]
    )


SRE_DUTIES = (
    "**On-call**: carries the pager for the services the team runs in production",
    "**Postmortems**: writes them after every incident and follows up on the actions",
    "**Capacity**: plans the capacity of every service a quarter ahead",
)
