"""A generated catalog for `roles matrix` tests, with the sharing it plants written down.

Each role takes needs and duties from shared pools; some items are planted on purpose and
recorded in the `Plan`: a need that names its own role ("… a Cloud Architect …"), which is a
verbatim copy once names are normalised; a reworded copy of a pooled need (one word changed:
similar); and an item unique to its role. Sub-roles are a random subset of the five kinds,
and one role has a custom one. Deterministic for a seed.

`python -m tests.matrixcases OUT -n 12` writes one (tools/matrix_screenshot.sh uses it).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ("Cloud", "Data", "Platform", "Release", "Network", "Quality", "Product", "Security")
SECOND = ("Architect", "Analyst", "Lead", "Operator", "Steward", "Planner", "Mentor")

NEEDS = (
    "Keeping the delivery pipeline fast and trustworthy.",
    "Making the cost of infrastructure visible to the teams that create it.",
    "Shortening the time needed to detect and recover from incidents.",
    "Turning tribal knowledge into documented, reviewable procedures.",
    "Planning capacity ahead of seasonal peaks.",
    "Coordinating releases across several teams and time zones.",
    "Keeping third-party dependencies patched and supported.",
    "Reducing onboarding time for new services and new hires.",
)
REWORD = {
    "fast": "quick",
    "visible": "transparent",
    "documented": "written",
    "seasonal": "yearly",
    "several": "many",
    "patched": "updated",
    "new": "fresh",
    "time": "delay",
}
NAMED_NEED = "Giving every team access to {article} {name} when it needs one."
DUTIES = (
    "Automating Infrastructure",
    "Incident Response",
    "Capacity Planning",
    "Release Coordination",
    "Cost Reporting",
    "Access Management",
    "Postmortem Facilitation",
    "Dependency Upgrades",
)
DESCRIPTIONS = (
    "with clear owners and a rollback plan.",
    "reported monthly to the leadership.",
)
KINDS = (
    ("sysadmin", "The System Administrator"),
    ("developer", "The Developer"),
    ("security", "The Security Expert"),
    ("manager", "The Manager"),
    ("coach", "The Coach"),
)


@dataclass
class Planned:
    """What one generated role holds."""

    id: str
    name: str
    needs: list[str]
    duties: list[str]
    kinds: list[str]
    custom: bool = False


@dataclass
class Plan:
    """Every role, and the items planted to be verbatim, similar or unique."""

    roles: list[Planned] = field(default_factory=list)
    named_need_roles: list[str] = field(default_factory=list)
    """Roles whose `NAMED_NEED` names themselves: verbatim after name normalisation."""
    reworded: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Role id -> (pooled need, its reworded copy in that role)."""
    unique: dict[str, str] = field(default_factory=dict)
    """Role id -> a need no other role has."""


def _word(rng: random.Random) -> str:
    """A made-up word: items built of them share no word with anything else."""
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))


def _article(name: str) -> str:
    return "an" if name[0].lower() in "aeiou" else "a"


def generate(out: Path, n: int = 12, seed: int = 7) -> Plan:
    """Write `n` role files into `out` and say what they share."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    plan = Plan()
    names = [f"{a} {b}" for a in FIRST for b in SECOND]
    rng.shuffle(names)
    for index in range(n):
        name = names[index % len(names)] + ("" if index < len(names) else f" {index}")
        role_id = name.lower().replace(" ", "-")
        article = _article(name)
        needs = rng.sample(NEEDS, rng.randint(2, 4))
        if index % 3 == 0:
            needs.append(NAMED_NEED.format(article=article, name=name))
            plan.named_need_roles.append(role_id)
        if index % 4 == 1:
            base = next(x for x in NEEDS if x not in needs)
            word = next(w for w in REWORD if f" {w} " in f" {base} ")
            copy = f" {base} ".replace(f" {word} ", f" {REWORD[word]} ", 1).strip()
            needs.append(copy)
            plan.reworded[role_id] = (base, copy)
        if index % 5 == 2:
            made_up = " ".join(_word(rng) for _ in range(4))
            unique = f"Tending {made_up}."
            needs.append(unique)
            plan.unique[role_id] = unique
        duties = []
        for duty in rng.sample(DUTIES, rng.randint(2, 5)):
            described = rng.random() < 0.3
            duties.append(f"{duty}: {rng.choice(DESCRIPTIONS)}" if described else duty)
        kinds = [k for k in KINDS if rng.random() < 0.85] or [KINDS[0]]
        custom = index == 1
        planned = Planned(role_id, name, needs, duties, [k for k, _ in kinds], custom)
        plan.roles.append(planned)
        (out / f"{role_id}.md").write_text(_document(planned, article, kinds), encoding="utf-8")
    return plan


def _document(role: Planned, article: str, kinds: list[tuple[str, str]]) -> str:
    name = role.name
    lines = [
        "---",
        f"title: {name}",
        f"tags: [role, {name.split()[0]}]",
        "---",
        f"# The Role of {article} {name}",
        "",
        f"{article.capitalize()} {name} keeps things running.",
        "",
        f"## Why {article} {name} is Needed",
        "",
        *(f"- {need}" for need in role.needs),
        "",
        f"## What {article} {name} Does",
        "",
    ]
    for duty in role.duties:
        title, _, description = duty.partition(": ")
        lines.append(f"- **{title}**: {description}" if description else f"- **{title}**")
    lines += ["", f"## How {article} {name} Works", ""]
    for _, heading in kinds:
        lines += [f"### {heading}", "", f"As {heading[4:]}, they help.", ""]
    if role.custom:
        lines += ["### The Wizard", "", "They make problems disappear.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    plan = generate(args.out, args.n, args.seed)
    print(f"{len(plan.roles)} roles in {args.out}")


if __name__ == "__main__":
    main()
