"""A varied catalog for `roles browse` tests: names holding sub-role words, acronyms, accents,
digits, nested folders with index.md, tables, code, admonitions, MDX, text that looks like
Textual or rich markup, escape and C1 control characters, and files that cannot be read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .helpers import ENGINEER, SPECIALIST, write

HOSTILE_NAME = "[bold]Chaos[/] \x1b[31mMonkey\x1b]8;;http://x\x07 \x9b Lead"
"""A name that is Textual markup, a colour escape, an OSC 8 link and a C1 CSI at once."""


def profile(
    name: str,
    *,
    article: str = "a",
    tags: str = "[role]",
    needs: tuple[str, ...] = ("Keeping the lights on.",),
    duties: tuple[str, ...] = ("**On-call**: carries the pager",),
    subs: tuple[str, ...] = ("The Developer",),
    extra: str = "",
    front: str = "",
) -> str:
    """A Markdown profile in the seeds' shape."""
    lines = ["---", f"tags: {tags}", *([front] if front else []), "---"]
    lines += [f"# The Role of {article} {name}", "", f"{article.capitalize()} {name} helps.", ""]
    lines += [f"## Why {article} {name} is Needed", "", *(f"- {n}" for n in needs), ""]
    lines += [f"## What {article} {name} Does", "", *(f"- {d}" for d in duties), ""]
    lines += [f"## How {article} {name} Works", ""]
    for sub in subs:
        lines += [f"### {sub}", "", f"Works as {sub.lower()}.", ""]
    if extra:
        lines += [extra, ""]
    return "\n".join(lines)


def make_catalog(root: Path, *, hostile: bool = True, broken: bool = True) -> Path:
    """Write the catalog under `root` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ENGINEER, root / ENGINEER.name)
    shutil.copy(SPECIALIST, root / SPECIALIST.name)
    write(
        root / "engineering-manager.md",
        profile(
            "Engineering Manager",
            article="an",
            tags="[management, role]",
            subs=("The Manager", "The Coach"),
            needs=("Growing the team.", "Hiring well."),
        ),
    )
    write(
        root / "agile-coach.md",
        profile("Agile Coach", article="an", tags="[agile]", subs=("The Coach",)),
    )
    write(
        root / "advocacy" / "developer-advocate.md",
        profile(
            "Developer Advocate",
            tags="[community, role]",
            subs=("The Developer",),
            extra="| channel | audience |\n| --- | --- |\n| blog | users |",
        ),
    )
    write(
        root / "platform" / "mlops" / "index.md",
        profile(
            "MLOps Engineer",
            article="an",
            tags="[ml, ops]",
            subs=("The System Administrator", "The Developer", "The Security Expert"),
            extra="```python\nprint('models')\n```\n\n:::tip\nVersion the data.\n:::",
        ),
    )
    write(root / "sre.md", profile("SRE", article="an", tags="[ops, sre]", subs=()))
    write(
        root / "quality" / "qa-lead-0042.md",
        profile("QA Lead 0042", tags="[qa]", subs=("The Manager", "The Wizard")),
    )
    write(
        root / "securite.mdx",
        profile(
            "Responsable Sécurité",
            tags="[sécurité]",
            subs=("The Security Expert",),
            extra="<Admonition type='note'>Stay safe.</Admonition>",
        ),
    )
    if hostile:
        write(
            root / "chaos.md",
            profile(HOSTILE_NAME, tags='["[red]x[/red]", ops]', front="title: '[b]x[/b]'"),
        )
    if broken:
        write(root / "broken.md", "---\ntitle: [unclosed\n---\n# The Role of a Broken\n")
        write(root / "unclosed.md", "---\ntitle: x\n\n# The Role of an Unclosed\n")
    return root
