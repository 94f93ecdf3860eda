"""Deterministic generator of synthetic role catalogs for the roledeck benchmark.

Usage::

    python bench/generate.py OUT_DIR -n 1000 [--seed 0]

Why a generator instead of checked-in fixtures: the benchmark needs catalogs of 1,000 and
10,000 files, which are too big to commit and must look like real role files (same headings,
same frontmatter, the same kinds of mistakes people make), so that `roles lint` does the work it
does on a real catalog.  Everything is derived from ``--seed`` with per-file ``random.Random``
instances seeded by strings, so the same seed gives byte-identical output on any machine and any
``PYTHONHASHSEED``; no timestamps or absolute paths are written.

Output layout::

    OUT_DIR/
      devops-engineer.md, devops-specialist.md   copies of the repository's seed roles
      engineering/platform/reliability/...md     N generated roles in 2–3 level family folders
      <each folder>/_category_.json              Docusaurus sidebar labels, as a real site has
      manifest.json                              which file carries which defect

About 5 % of generated files carry exactly one realistic defect (see ``DEFECT_KINDS``); the
manifest lists them so tests can check that the linter finds what was planted.  Stdlib only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Bump whenever the output for a given (seed, n) changes, so bench/run.py regenerates stale
#: catalogs instead of silently benchmarking an old shape.
GENERATOR_VERSION = 2

#: Marker in manifest.json that lets the generator recognise (and safely replace) its own output.
GENERATOR_NAME = "roledeck-bench-generate"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS_DIR = REPO_ROOT / "roles"
SEED_FILES = ("devops-engineer.md", "devops-specialist.md")

#: The sub-role vocabulary used by the seed files, in their canonical order.
SUBROLES = ("System Administrator", "Developer", "Security Expert", "Manager", "Coach")

#: Defect kinds, one per defective file.  The names are the manifest's vocabulary.
DEFECT_KINDS = (
    "frontmatter-unclosed",  # the closing `---` of the frontmatter is missing
    "frontmatter-invalid-yaml",  # the frontmatter is not valid YAML
    "tags-not-list",  # `tags:` is a plain string instead of a list
    "heading-names-other-role",  # "## Why a <Other Role> is Needed" (copy-paste leftover)
    "missing-section",  # one of the Why / What / How sections is absent
    "duplicate-need",  # the same bullet appears twice under "Why ... is Needed"
    "todo-note",  # a `<!-- TODO: ... -->` note is left in the text
    "unknown-subrole",  # "### The Wizard": a sub-role outside the vocabulary
    "intro-facet-without-section",  # the How intro names a facet that has no ### section
    "html-comment-in-list",  # an HTML comment between two duty list items
    "unbalanced-brace",  # a lone `{` in prose (breaks MDX)
    "less-than-in-text",  # `x<5` in prose (breaks MDX)
)

DEFECT_RATE = 0.05
LARGE_RATE = 0.01
NORMAL_SIZE = (2_000, 6_000, 3_000)  # triangular(low, high, mode) target bytes
LARGE_SIZE = (50_000, 200_000)

# --------------------------------------------------------------------------------------------
# Vocabulary.  Role names start with a consonant sound so "The Role of a <Name>" stays
# grammatical, exactly like the seeds ("a DevOps Engineer").
# --------------------------------------------------------------------------------------------

#: (family folder, tag, base role names).  Folders are 2–3 levels deep.
#:
#: No generated name contains the words in ``RESERVED_WORDS``: the CLI resolves a partial
#: name by whole words ("engineer" matches every role whose id or name has the word
#: "engineer"), and the benchmark runs ``roles diff engineer specialist`` against the
#: catalog, which must keep meaning devops-engineer vs devops-specialist.
FAMILIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("engineering/platform", "Platform", ("Platform Developer", "Platform Tooling Lead")),
    (
        "engineering/platform/reliability",
        "Reliability",
        ("Platform Reliability Lead", "Site Reliability Practitioner", "Reliability Architect"),
    ),
    ("engineering/backend/services", "Backend", ("Backend Developer", "Services Architect")),
    ("engineering/frontend", "Frontend", ("Frontend Developer", "Web Performance Analyst")),
    ("engineering/data/pipelines", "Data", ("Data Pipeline Developer", "Data Platform Operator")),
    ("engineering/data/analytics", "Analytics", ("Data Analyst", "Business Intelligence Lead")),
    ("engineering/mobile", "Mobile", ("Mobile Developer", "Mobile Release Manager")),
    (
        "operations/cloud",
        "Cloud",
        ("Cloud Administrator", "Cloud Cost Analyst", "Cloud Architect"),
    ),
    ("operations/network", "Network", ("Network Administrator", "Network Automation Developer")),
    (
        "operations/security/appsec",
        "Security",
        ("Security Champion", "Penetration Tester", "DevSecOps Practitioner"),
    ),
    ("operations/support/incident", "Support", ("Support Analyst", "Major Incident Commander")),
    ("delivery/release", "Release", ("Release Manager", "Build Master", "Change Coordinator")),
    ("delivery/agile", "Agile", ("Scrum Master", "Delivery Lead", "Team Coach")),
    ("product/management", "Product", ("Product Manager", "Product Owner", "Technical Writer")),
    ("product/design/research", "Design", ("Design Researcher", "Product Designer")),
    ("quality/testing", "Testing", ("Test Automation Developer", "QA Lead")),
    ("quality/testing/performance", "Performance", ("Performance Tester", "Load Test Architect")),
)

#: Words reserved for the seed roles (see ``FAMILIES``); checked at import time.
RESERVED_WORDS = frozenset({"devops", "engineer", "specialist"})
assert not any(
    RESERVED_WORDS & set(re.findall(r"[a-z0-9]+", f"{folder} {base}".lower()))
    for folder, _, bases in FAMILIES
    for base in bases
), "a generated role name uses a word reserved for the seeds"

AREAS = (
    "modern software development",
    "cloud-native delivery",
    "large-scale data processing",
    "customer-facing web products",
    "regulated financial services",
    "mobile application delivery",
    "internal developer platforms",
    "high-availability online services",
    "embedded and edge computing",
    "the public sector's digital services",
)

GOALS = (
    "shorten the development lifecycle",
    "provide continuous delivery",
    "ensure high software quality",
    "reduce the time from idea to production",
    "keep services reliable under load",
    "make operational work visible and measurable",
    "lower the cost of running software",
    "turn manual procedures into repeatable automation",
    "protect customer data without slowing teams down",
    "make releases boring and predictable",
)

PARTNERS = (
    "IT staff and software developers",
    "product managers and designers",
    "security and compliance teams",
    "data scientists and analysts",
    "support engineers and customers",
    "architects and team leads",
    "finance and procurement",
    "external vendors and auditors",
)

SUMMARY_SENTENCES = (
    "{A} {name} is a vital role in {area}, bridging the gap between the people who build "
    "software and the people who run it.",
    "Their primary goal is to {goal}, which should lead to increased efficiency and "
    "reliability in the delivery processes.",
    "Unlike traditional roles, {a} {name} collaborates closely with {partners} to facilitate "
    "better communication and streamline the process of software delivery.",
    "In day-to-day work the role balances short-term firefighting with long-term improvements "
    "that {goal2}.",
    "The role grew out of the need to {goal} in organisations where {area} is the core business.",
    "{A} {name} measures success by outcomes — lead time, change failure rate and time to "
    "restore — rather than by the number of tickets closed.",
    "Good practitioners write things down: runbooks, decision records and onboarding guides "
    "are part of the job, not an afterthought.",
    "The position usually reports to an engineering manager but works across team boundaries "
    "with {partners}.",
    "Most of the impact comes from small, reversible changes that are shipped often and "
    "observed carefully.",
    "{A} {name} is expected to understand the whole value stream, from a customer request to "
    "the running service and back.",
    "Experience with {area} helps, but curiosity and a habit of automating repetitive work "
    "matter more.",
    "Teams that work with {a} {name} typically see fewer late-night incidents and calmer "
    "release days.",
)

NEEDS = (
    "Enhancing collaboration and communication between software development and IT operations.",
    "Automating and streamlining software development and deployment processes.",
    "Implementing continuous integration and continuous delivery (CI/CD) pipelines to improve "
    "software quality, efficiency and responsiveness.",
    "Creation/optimization and accountability for end-to-end processes.",
    "Reducing the number of manual steps between a merged change and production.",
    "Making the cost of infrastructure visible to the teams that create it.",
    "Keeping service-level objectives realistic and agreed with the business.",
    "Shortening the time needed to detect and recover from incidents.",
    "Giving new team members a reliable path from laptop to first deployment.",
    "Bringing security checks into the pipeline instead of the end of the project.",
    "Standardising environments so that “works on my machine” stops being an excuse.",
    "Turning tribal knowledge into documented, reviewable procedures.",
    "Providing a single owner for cross-team technical decisions.",
    "Reducing the risk of large, infrequent releases.",
    "Meeting audit and compliance requirements without blocking delivery.",
    "Improving the signal-to-noise ratio of alerts and dashboards.",
    "Keeping third-party dependencies patched and supported.",
    "Planning capacity ahead of seasonal peaks.",
    "Coordinating releases across several teams and time zones.",
    "Making test results trustworthy enough to gate a release.",
    "Helping teams adopt new tools without losing productivity.",
    "Measuring delivery performance with agreed, comparable metrics.",
    "Keeping data pipelines correct, timely and explainable.",
    "Ensuring that backups are tested and restores are rehearsed.",
    "Decoupling teams so they can release independently.",
    "Reducing onboarding time for new services and new hires.",
    "Providing a clear escalation path during outages.",
    "Keeping the architecture understandable as the system grows.",
)

DUTY_TITLES = (
    "Automating Infrastructure",
    "Continuous Integration and Continuous Deployment",
    "Monitoring and Logging",
    "Monitoring and Managing Environments",
    "Incident Response",
    "Capacity Planning",
    "Release Coordination",
    "Configuration Management",
    "Cost Reporting",
    "Access Management",
    "Backup and Restore Drills",
    "Dependency Upgrades",
    "Service-Level Objectives",
    "Postmortem Facilitation",
    "Developer Onboarding",
    "Documentation and Runbooks",
    "Pipeline Maintenance",
    "Secrets Management",
    "Test Automation",
    "Performance Testing",
    "Vulnerability Triage",
    "Stakeholder Reporting",
    "Architecture Reviews",
    "Process Improvement",
    "Tool Evaluation",
    "Change Management",
    "Data Quality Checks",
    "On-Call Rotation",
)

# Combinatorial duty titles for the very long (50–200 KB) files, which need hundreds of
# distinct duties; the three factors give 20 × 24 × 12 = 5,760 unique titles.
DUTY_VERBS = (
    "Automating", "Reviewing", "Documenting", "Monitoring", "Planning", "Auditing",
    "Standardising", "Migrating", "Testing", "Hardening", "Measuring", "Scaling",
    "Simplifying", "Upgrading", "Designing", "Operating", "Benchmarking", "Securing",
    "Coordinating", "Retiring",
)  # fmt: skip
DUTY_OBJECTS = (
    "Build Agents", "Container Images", "DNS Records", "Feature Flags", "Load Balancers",
    "Message Queues", "Database Schemas", "TLS Certificates", "Log Pipelines", "Dashboards",
    "Alert Rules", "Cost Budgets", "Access Policies", "Service Catalogs", "Release Trains",
    "Test Suites", "Runbooks", "Backups", "Caches", "API Gateways", "Artifact Repositories",
    "Deployment Pipelines", "Secrets Stores", "Kubernetes Clusters",
)  # fmt: skip
DUTY_SCOPES = (
    "for Production", "for Staging", "across Regions", "for New Services", "for Legacy Systems",
    "for Partner Teams", "during Peak Season", "for Audits", "for Mobile Releases",
    "for Data Platforms", "for Internal Tools", "for Customer Onboarding",
)  # fmt: skip

DUTY_DESCRIPTIONS = (
    "keeping the process repeatable and reviewed like any other code.",
    "with clear owners, documented steps and a rollback plan.",
    "so that teams get feedback within minutes instead of days.",
    "measured against the service-level objectives agreed with the business.",
    "including the on-call handover and the follow-up actions.",
    "reported monthly to the engineering leadership.",
    "using the same tooling in every environment.",
    "prioritised by risk and customer impact.",
    "automated where possible and written down where not.",
    "in close cooperation with the security team.",
)

WHAT_INTROS = (
    "The tasks of {a} {name} are centered around building and maintaining the infrastructure "
    "and tools needed for rapid software development and deployment.",
    "{A} {name} spends most of their time on the following responsibilities.",
    "Day to day, the work of {a} {name} falls into a few recurring areas.",
    "The responsibilities of {a} {name} vary between teams, but usually include the following.",
)

HOW_INTROS = (
    "To achieve their goals, {a} {name} adopts a variety of roles and responsibilities, "
    "including {facets}.",
    "Depending on the situation, {a} {name} switches between several hats: {facets}.",
    "{A} {name} combines the perspectives of {facets}.",
)

SUBROLE_SENTENCES: dict[str, tuple[str, ...]] = {
    "System Administrator": (
        "As a System Administrator, they manage and optimize infrastructure, ensure system "
        "reliability and scalability, and work closely with IT to align with organizational "
        "goals.",
        "They keep servers, clusters and networks patched, monitored and documented.",
        "Routine maintenance is scheduled, announced and automated wherever possible.",
        "They own the inventory of environments and know what runs where.",
    ),
    "Developer": (
        "As a Developer, they write scripts to automate various processes, contribute to "
        "software development, and implement automation tools.",
        "They review pull requests for operability: logging, configuration and failure modes.",
        "Internal tools are treated as products with users, tests and a changelog.",
        "They pair with application developers to remove friction from the delivery pipeline.",
    ),
    "Security Expert": (
        "As a Security Expert, they integrate security practices into the development process, "
        "ensuring that security is a priority from the start of software development to "
        "deployment.",
        "They run dependency and container scans in every pipeline and triage the results.",
        "Access is granted by role, reviewed quarterly and revoked automatically.",
        "They rehearse incident response together with the security team.",
    ),
    "Manager": (
        "As a Manager, they plan the work, negotiate priorities with stakeholders and keep "
        "delivery predictable.",
        "They receive feedback in the form of metrics and feedback from teams and adjust "
        "processes accordingly.",
        "They are accountable to stakeholders for the reliability and cost of the platform.",
        "Budgets, vendor contracts and hiring plans are part of the role.",
    ),
    "Coach": (
        "As a Coach, they train colleagues and support them while they adopt new practices.",
        "They create documentation describing processes and instructions for developers and "
        "other interested parties.",
        "Workshops, pairing sessions and office hours spread knowledge across teams.",
        "They help teams run blameless retrospectives after incidents.",
    ),
}

UNKNOWN_SUBROLE = "Wizard"
UNKNOWN_SUBROLE_TEXT = (
    "As a Wizard, they make hard problems disappear, preferably before anyone notices them."
)

TODO_NOTES = (
    "<!-- TODO: add links to sections -->",
    "<!-- TODO: ask the team lead to review this section -->",
    "<!-- TODO: replace with the wording from the job ad -->",
)

# --------------------------------------------------------------------------------------------
# Model and rendering
# --------------------------------------------------------------------------------------------


@dataclass
class RoleDoc:
    """One role file before rendering; defects are applied by mutating this model."""

    name: str
    title: str
    tags: list[str]
    sidebar_position: int
    block_tags: bool  # `tags:` as a block list instead of a flow list (both are realistic)
    summary: list[str]  # paragraphs
    needs: list[str]
    what_intro: str
    duties: list[tuple[str, str]]  # (bold title, optional description)
    how_intro_facets: list[str]  # facet names as listed in the How intro
    how_intro_template: str
    subroles: list[tuple[str, list[str]]]  # (sub-role, sentences)
    why_heading_name: str = ""  # the name used in "## Why a X is Needed"; defaults to name
    omit_section: str = ""  # "why" | "what" | "how"
    frontmatter_override: list[str] | None = None  # replacement frontmatter lines
    close_frontmatter: bool = True
    list_comment: tuple[int, str] | None = None  # (after duty index, comment line)
    subrole_notes: dict[int, str] = field(default_factory=dict)  # subrole index -> note line


def article(word: str) -> str:
    """'a' or 'an' for the following word; role names avoid vowel sounds, prose may not."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def oxford_join(items: Sequence[str]) -> str:
    """Join facets as the seeds do: 'a, b, and c' (or 'a and b')."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def fill(template: str, name: str, rng: random.Random) -> str:
    """Fill a prose template; only the slots the template uses consume randomness."""
    values = {
        "name": name,
        "a": article(name),
        "A": article(name).capitalize(),
        "area": rng.choice(AREAS) if "{area}" in template else "",
        "goal": rng.choice(GOALS) if "{goal}" in template else "",
        "goal2": rng.choice(GOALS) if "{goal2}" in template else "",
        "partners": rng.choice(PARTNERS) if "{partners}" in template else "",
    }
    return template.format(**values)


def render_frontmatter(doc: RoleDoc) -> list[str]:
    """Frontmatter lines in the seeds' style (flow-list tags), sometimes with block tags."""
    if doc.frontmatter_override is not None:
        lines = list(doc.frontmatter_override)
    else:
        lines = ["---", f"sidebar_position: {doc.sidebar_position}", f"title: {doc.title}"]
        if doc.block_tags:
            lines.append("tags:")
            lines.extend(f"  - {tag}" for tag in doc.tags)
        else:
            lines.append(f"tags: [{', '.join(doc.tags)}]")
        lines.append("---")
    if not doc.close_frontmatter and lines[-1] == "---":
        lines.pop()
    return lines


def render(doc: RoleDoc) -> bytes:
    """Render the model to the exact bytes written to disk (UTF-8, LF, final newline)."""
    out = render_frontmatter(doc)
    out.append(f"# The Role of {article(doc.name)} {doc.name}")
    for paragraph in doc.summary:
        out += ["", paragraph]
    if doc.omit_section != "why":
        why_name = doc.why_heading_name or doc.name
        out += ["", f"## Why {article(why_name)} {why_name} is Needed", ""]
        out += [f"- {need}" for need in doc.needs]
    if doc.omit_section != "what":
        out += ["", f"## What {article(doc.name)} {doc.name} Does", "", doc.what_intro, ""]
        for i, (title, desc) in enumerate(doc.duties):
            out.append(f"- **{title}**" + (f": {desc}" if desc else ""))
            if doc.list_comment is not None and doc.list_comment[0] == i:
                out.append(doc.list_comment[1])
    if doc.omit_section != "how":
        intro = doc.how_intro_template.format(
            a=article(doc.name),
            A=article(doc.name).capitalize(),
            name=doc.name,
            facets=oxford_join([f.lower() for f in doc.how_intro_facets]),
        )
        out += ["", f"## How {article(doc.name)} {doc.name} Works", "", intro]
        for i, (subrole, sentences) in enumerate(doc.subroles):
            out += ["", f"### The {subrole}", "", " ".join(sentences)]
            if i in doc.subrole_notes:
                out.append(doc.subrole_notes[i])
    return ("\n".join(out) + "\n").encode("utf-8")


# --------------------------------------------------------------------------------------------
# Composition
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedFile:
    """Where a generated role goes and what it should look like, decided up front."""

    index: int
    folder: str
    family_tag: str
    name: str
    stem: str
    target_bytes: int
    defect: str | None


def slugify(text: str) -> str:
    """File stem from a role name: lowercase, ASCII, hyphen-separated."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plan_catalog(n: int, seed: int) -> list[PlannedFile]:
    """Decide names, folders, sizes and defects for all N files from one seeded RNG.

    Defective and large files are chosen by sampling indices, and defect kinds are dealt
    round-robin over a shuffled kind order, so every kind appears once the catalog has at
    least ``len(DEFECT_KINDS)`` defective files (N ≥ 240).
    """
    rng = random.Random(f"plan:{seed}:{n}")
    width = max(4, len(str(n - 1)))
    bases = [(folder, tag, base) for folder, tag, names in FAMILIES for base in names]

    n_defects = max(1, round(n * DEFECT_RATE)) if n else 0
    n_large = max(1, n // int(1 / LARGE_RATE)) if n else 0
    defect_indices = sorted(rng.sample(range(n), min(n, n_defects)))
    kinds = list(DEFECT_KINDS)
    rng.shuffle(kinds)
    defect_of = {idx: kinds[j % len(kinds)] for j, idx in enumerate(defect_indices)}
    large = set(rng.sample(range(n), min(n, n_large)))

    planned = []
    for i in range(n):
        folder, tag, base = bases[rng.randrange(len(bases))]
        name = f"{base} {i:0{width}d}"
        if i in large:
            target = rng.randint(*LARGE_SIZE)
        else:
            low, high, mode = NORMAL_SIZE
            target = int(rng.triangular(low, high, mode))
        planned.append(PlannedFile(i, folder, tag, name, slugify(name), target, defect_of.get(i)))
    return planned


def compose(plan: PlannedFile, other_name: str, seed: int) -> RoleDoc:
    """Build one role document, grow it to its target size, then plant its defect (if any).

    A per-file RNG keyed by (seed, index) keeps each file independent of the others, so
    changing one file's recipe does not reshuffle the whole catalog.
    """
    rng = random.Random(f"file:{seed}:{plan.index}")
    name = plan.name
    short_title = name.rsplit(" ", 1)[0]
    tags = [plan.family_tag, "role"] + (["FAQ"] if rng.random() < 0.5 else [])
    facets = sorted(rng.sample(SUBROLES, rng.randint(2, len(SUBROLES))), key=SUBROLES.index)
    doc = RoleDoc(
        name=name,
        title=short_title if rng.random() < 0.8 else f'"{short_title}"',
        tags=tags,
        sidebar_position=rng.randint(1, 40),
        block_tags=rng.random() < 0.25,
        summary=[
            " ".join(fill(t, name, rng) for t in SUMMARY_SENTENCES[:2]),
            fill(SUMMARY_SENTENCES[2], name, rng),
        ],
        needs=rng.sample(NEEDS, rng.randint(3, 5)),
        what_intro=fill(rng.choice(WHAT_INTROS), name, rng),
        duties=[(t, "") for t in rng.sample(DUTY_TITLES, 3)],
        how_intro_facets=list(facets),
        how_intro_template=rng.choice(HOW_INTROS),
        subroles=[(f, [rng.choice(SUBROLE_SENTENCES[f])]) for f in facets],
    )
    grow(doc, plan.target_bytes, rng)
    if plan.defect:
        plant_defect(doc, plan.defect, other_name, rng)
    return doc


def grow(doc: RoleDoc, target: int, rng: random.Random) -> None:
    """Add prose, needs, duties and sub-role sentences until the file reaches ``target`` bytes.

    Sizes are tracked incrementally (rendering a 200 KB file after every addition would be
    quadratic); the estimate is exact up to a few separator bytes, which is good enough.
    """
    size = len(render(doc))
    used_titles = {t for t, _ in doc.duties}
    long_file = target > NORMAL_SIZE[1]
    deck: list[str] = []  # summary sentences are dealt from a shuffled deck to avoid repeats
    while size < target:
        choice = rng.random()
        if choice < 0.35:
            sentences = []
            for _ in range(rng.randint(2, 6 if long_file else 4)):
                if not deck:
                    deck = list(SUMMARY_SENTENCES[3:])
                    rng.shuffle(deck)
                sentences.append(fill(deck.pop(), doc.name, rng))
            paragraph = " ".join(sentences)
            doc.summary.append(paragraph)
            size += len(paragraph.encode()) + 2
        elif choice < 0.45 and len(doc.needs) < 8:
            need = rng.choice([x for x in NEEDS if x not in doc.needs])
            doc.needs.append(need)
            size += len(need.encode()) + 3
        elif choice < 0.80:
            if len(used_titles) < len(DUTY_TITLES) and not long_file:
                title = rng.choice([t for t in DUTY_TITLES if t not in used_titles])
            else:
                title = " ".join(
                    (rng.choice(DUTY_VERBS), rng.choice(DUTY_OBJECTS), rng.choice(DUTY_SCOPES))
                )
                if title in used_titles:
                    continue
            used_titles.add(title)
            desc = rng.choice(DUTY_DESCRIPTIONS) if rng.random() < 0.7 else ""
            doc.duties.append((title, desc))
            size += len(title) + len(desc) + 8
        else:
            facet, sentences = doc.subroles[rng.randrange(len(doc.subroles))]
            extra = [s for s in SUBROLE_SENTENCES[facet] if s not in sentences]
            sentence = rng.choice(extra) if extra else rng.choice(DUTY_DESCRIPTIONS).capitalize()
            sentences.append(sentence)
            size += len(sentence.encode()) + 1


def plant_defect(doc: RoleDoc, kind: str, other_name: str, rng: random.Random) -> None:
    """Mutate ``doc`` so that it carries exactly one defect of ``kind``."""
    if kind == "frontmatter-unclosed":
        doc.close_frontmatter = False
    elif kind == "frontmatter-invalid-yaml":
        variants = (
            # unterminated flow sequence
            ["---", f"sidebar_position: {doc.sidebar_position}", f"title: {doc.title}",
             f"tags: [{', '.join(doc.tags)}", "---"],
            # a colon in an unquoted title: "mapping values are not allowed here"
            ["---", f"sidebar_position: {doc.sidebar_position}",
             f"title: {doc.title}: the role", f"tags: [{', '.join(doc.tags)}]", "---"],
            # a tab used for indentation
            ["---", f"sidebar_position: {doc.sidebar_position}", f"title: {doc.title}",
             "tags:", *(f"\t- {t}" for t in doc.tags), "---"],
        )  # fmt: skip
        doc.frontmatter_override = list(rng.choice(variants))
    elif kind == "tags-not-list":
        doc.frontmatter_override = [
            "---",
            f"sidebar_position: {doc.sidebar_position}",
            f"title: {doc.title}",
            f"tags: {', '.join(doc.tags)}",
            "---",
        ]
    elif kind == "heading-names-other-role":
        doc.why_heading_name = other_name
    elif kind == "missing-section":
        doc.omit_section = rng.choice(("why", "what", "how"))
    elif kind == "duplicate-need":
        doc.needs.insert(rng.randint(1, len(doc.needs)), rng.choice(doc.needs))
    elif kind == "todo-note":
        doc.subrole_notes[rng.randrange(len(doc.subroles))] = rng.choice(TODO_NOTES)
    elif kind == "unknown-subrole":
        # The intro names the wizard too, so the only problem is the vocabulary.
        doc.subroles.append((UNKNOWN_SUBROLE, [UNKNOWN_SUBROLE_TEXT]))
        doc.how_intro_facets.append(UNKNOWN_SUBROLE)
    elif kind == "intro-facet-without-section":
        present = {facet for facet, _ in doc.subroles}
        missing = [f for f in SUBROLES if f not in present]
        if missing:
            doc.how_intro_facets = sorted(
                [*doc.how_intro_facets, rng.choice(missing)], key=SUBROLES.index
            )
        else:  # all five present: drop a section but keep it in the intro
            doc.subroles.pop(rng.randrange(len(doc.subroles)))
    elif kind == "html-comment-in-list":
        if len(doc.duties) < 2:
            doc.duties.append((rng.choice(DUTY_TITLES), ""))
        doc.list_comment = (
            rng.randrange(len(doc.duties) - 1),
            "<!-- keep this list in sync with the job advert -->",
        )
    elif kind == "unbalanced-brace":
        doc.summary.append(
            "Environment settings follow the template {team.environment and are reviewed by "
            f"the {doc.name} before each release."
        )
    elif kind == "less-than-in-text":
        doc.summary.append(
            "A healthy team keeps the change failure rate at x<5 percent and restores service "
            "within an hour."
        )
    else:  # pragma: no cover - guarded by DEFECT_KINDS
        raise ValueError(f"unknown defect kind {kind!r}")


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    """Hex digest; used to tie a catalog to the exact seed files it was built from."""
    return hashlib.sha256(data).hexdigest()


def seed_fingerprint(seeds_dir: Path) -> dict[str, str]:
    """Hashes of the seed files, so edits to roles/ invalidate cached catalogs."""
    return {name: sha256((seeds_dir / name).read_bytes()) for name in SEED_FILES}


#: Defects the two seed files already have, in the manifest's vocabulary (checked by hand).
SEED_DEFECTS = {
    "devops-engineer.md": [],
    "devops-specialist.md": ["html-comment-in-list", "todo-note"],
}


def is_current(out_dir: Path, n: int, seed: int, seeds_dir: Path = DEFAULT_SEEDS_DIR) -> bool:
    """True if ``out_dir`` holds a complete catalog from this generator version, seed and N."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(
        manifest.get("generator") == GENERATOR_NAME
        and manifest.get("generator_version") == GENERATOR_VERSION
        and manifest.get("seed") == seed
        and manifest.get("generated") == n
        and manifest.get("seed_files") == seed_fingerprint(seeds_dir)
    )


def prepare_out_dir(out_dir: Path) -> None:
    """Create an empty ``out_dir``; only ever deletes a previous catalog of ours."""
    if out_dir.exists() and any(out_dir.iterdir()):
        manifest = out_dir / "manifest.json"
        try:
            ours = json.loads(manifest.read_text(encoding="utf-8")).get("generator")
        except (OSError, ValueError):
            ours = None
        if ours != GENERATOR_NAME:
            raise SystemExit(
                f"generate.py: {out_dir} is not empty and is not a generated catalog; "
                "refusing to overwrite it"
            )
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)


def generate(
    out_dir: Path, n: int, seed: int = 0, seeds_dir: Path = DEFAULT_SEEDS_DIR
) -> dict[str, Any]:
    """Write the catalog and its manifest; returns the manifest."""
    prepare_out_dir(out_dir)
    plans = plan_catalog(n, seed)
    files: list[dict[str, Any]] = []

    for name in SEED_FILES:
        data = (seeds_dir / name).read_bytes()
        (out_dir / name).write_bytes(data)
        files.append(
            {"path": name, "source": "seed", "bytes": len(data), "defects": SEED_DEFECTS[name]}
        )

    folders: set[str] = set()
    for plan in plans:
        # "heading-names-other-role" names the next role in the catalog: a plausible
        # copy-paste source, and deterministic.
        other = plans[(plan.index + 1) % len(plans)].name if len(plans) > 1 else "DevOps Engineer"
        data = render(compose(plan, other, seed))
        rel = f"{plan.folder}/{plan.stem}.md"
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        folders.update("/".join(plan.folder.split("/")[: k + 1]) for k in range(3))
        files.append(
            {
                "path": rel,
                "source": "generated",
                "name": plan.name,
                "bytes": len(data),
                "defects": [plan.defect] if plan.defect else [],
            }
        )

    for position, folder in enumerate(sorted(f for f in folders if f), start=1):
        label = folder.rsplit("/", 1)[-1].replace("-", " ").title()
        category = {"label": label, "position": position}
        (out_dir / folder / "_category_.json").write_text(
            json.dumps(category, indent=2) + "\n", encoding="utf-8"
        )

    files.sort(key=lambda f: str(f["path"]))
    by_kind: dict[str, list[str]] = {kind: [] for kind in DEFECT_KINDS}
    for f in files:
        for kind in f["defects"]:
            by_kind[kind].append(str(f["path"]))
    manifest = {
        "generator": GENERATOR_NAME,
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "generated": n,
        "total_md_files": len(files),
        "seed_files": seed_fingerprint(seeds_dir),
        "defect_kinds": list(DEFECT_KINDS),
        "defects": by_kind,
        "files": files,
    }
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point: ``generate.py OUT_DIR -n N [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="output folder (created; replaced if ours)")
    parser.add_argument("-n", type=int, default=1000, help="number of generated role files")
    parser.add_argument("--seed", type=int, default=0, help="RNG seed (default 0)")
    parser.add_argument(
        "--seeds-dir", type=Path, default=DEFAULT_SEEDS_DIR, help="where the seed roles live"
    )
    parser.add_argument(
        "--if-stale",
        action="store_true",
        help="do nothing if OUT_DIR already holds this exact catalog (used by run.py)",
    )
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("-n must be >= 0")
    if args.if_stale and is_current(args.out_dir, args.n, args.seed, args.seeds_dir):
        print(f"{args.out_dir}: up to date")
        return 0
    manifest = generate(args.out_dir, args.n, args.seed, args.seeds_dir)
    n_defective = sum(len(v) for v in manifest["defects"].values())
    print(
        f"{args.out_dir}: {manifest['total_md_files']} role files "
        f"({args.n} generated + {len(SEED_FILES)} seeds), {n_defective} planted/known defects"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
