"""Role documents for lint tests: one clean profile, and a way to break it for each rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

CLEAN = """\
---
title: {name}
sidebar_position: {position}
tags: [qa, role]
---
# The Role of {article} {name}

{article_cap} {name} keeps quality visible.

## Why {article} {name} is Needed

- Catching defects early.
- Keeping releases predictable.

## What {article} {name} Does

The tasks of {article} {name} center on testing.

- **Test Automation**
- **Exploratory Testing**

## How {article} {name} Works

{article_cap} {name} works as a developer and coach.

### The Developer

As a Developer, they write test code.

### The Coach

As a Coach, they teach testing.
"""


def clean(name: str = "QA Engineer", position: int = 1, article: str = "a") -> str:
    return CLEAN.format(
        name=name, position=position, article=article, article_cap=article.capitalize()
    )


@dataclass
class Case:
    """A rule code, and the files of a catalog that must trigger it (path -> text or bytes)."""

    code: str
    files: Callable[[], dict[str, str | bytes]]
    config: str = ""
    line: int | None = None
    extra: list[str] = field(default_factory=list)


def one(text: str) -> Callable[[], dict[str, str | bytes]]:
    return lambda: {"qa.md": text}


def replace(old: str, new: str, count: int = 1) -> Callable[[], dict[str, str | bytes]]:
    def make() -> dict[str, str | bytes]:
        base = clean()
        assert old in base, old
        return {"qa.md": base.replace(old, new, count)}

    return make


C = clean()
CASES = [
    Case("FM001", one(C.split("---\n", 2)[2]), line=1),
    Case("FM002", one(C.replace("---\n# The Role", "# The Role", 1)), line=1),
    Case("FM003", one(C.replace("---\n", "+++\n", 2)), line=1),
    Case("FM004", replace("title: QA Engineer", "title: [QA Engineer"), line=2),
    Case(
        "FM004",
        replace("title: QA Engineer", "title: !!python/object/apply:os.system ['true']"),
        line=2,
    ),
    Case("FM005", one("---\n- a\n- b\n---\n" + C.split("---\n", 2)[2]), line=2),
    Case("FM006", replace("title: QA Engineer", "title: [QA]"), line=2),
    Case("FM006", replace("tags: [qa, role]", "tags: qa"), line=4),
    Case("FM007", replace("title: QA Engineer", "id: team/qa\ntitle: QA Engineer"), line=2),
    Case("FM008", replace("title: QA Engineer", "draft: yes-please\ntitle: QA Engineer"), line=2),
    Case("FM008", replace("title: QA Engineer", "unlisted: yes\ntitle: QA Engineer"), line=2),
    Case("IO001", lambda: {"dangling.md": b"@symlink:nowhere.md"}),
    Case("IO002", one(C + "x" * 5000), config="max-file-size = 1000"),
    Case("IO003", lambda: {"qa.md": C.encode() + b"\xff\xfe bad"}),
    Case("IO003", lambda: {"qa.md": C.encode("utf-16")}),
    Case("ST001", replace("# The Role of a QA Engineer\n", ""), line=1),
    Case("ST002", replace("## What a QA Engineer Does", "## Tasks"), line=6),
    Case("ST003", lambda: {"qa.md": _swap_needs_duties()}),
    Case("ST004", replace("As a Coach, they teach testing.\n", ""), line=30),
    Case(
        "ST005", replace("## How a QA", "## Why a QA Engineer is Needed\n\n- Again.\n\n## How a QA")
    ),
    Case(
        "ST006",
        replace("## Why a QA Engineer is Needed", "## Why a QA Engineer is Neded"),
        line=10,
    ),
    Case("ST007", one(C + "\n# The Role of a QA Lead\n\nMore.\n"), line=34),
    Case("CO001", replace("## Why a QA Engineer is Needed", "## Why a QA Lead is Needed"), line=10),
    Case("CO002", replace("developer and coach", "developer, security expert and coach"), line=24),
    Case(
        "CO003", replace("### The Coach", "### The Manager\n\nManages.\n\n### The Coach"), line=30
    ),
    Case("CO004", replace("### The Coach", "### The Wizard"), line=30),
    Case(
        "CO005", replace("### The Coach", "### The Developer\n\nAgain.\n\n### The Coach"), line=30
    ),
    Case("CO006", replace("# The Role of a QA Engineer", "# The Role of an QA Engineer"), line=6),
    Case("CO006", replace("A QA Engineer keeps", "An QA Engineer keeps"), line=8),
    Case(
        "CT001",
        replace(
            "- Keeping releases predictable.",
            "- Keeping releases predictable.\n- catching DEFECTS early",
        ),
        line=14,
    ),
    Case(
        "CT002",
        replace(
            "- Keeping releases predictable.", "- Keeping releases predictable.\n- Reporting risks"
        ),
        line=14,
    ),
    Case("CT003", replace("## What a QA", "<!-- TODO: write more -->\n\n## What a QA"), line=15),
    Case("CT003", replace("## What a QA", "{/* FIXME: later */}\n\n## What a QA"), line=15),
    Case(
        "CT004",
        replace("- Keeping releases predictable.", "- Keeping releases predictable.\n-"),
        line=14,
    ),
    Case(
        "CT005",
        replace("- **Exploratory Testing**", "- **Test Automation**: of the user interface"),
        line=20,
    ),
    Case(
        "MDX001",
        replace("## What", "<!-- a note -->\n\n## What"),
        config="[docusaurus]\nmdx1-comments = false",
        line=15,
    ),
    Case("MDX002", replace("## What", "<!-- a note -->\n\n## What"), line=15),
    Case("MDX003", replace("keeps quality visible.", "keeps quality visible { always."), line=8),
    Case("MDX004", replace("keeps quality visible.", "keeps {quality} visible."), line=8),
    Case("MDX004", replace("keeps quality visible.", 'keeps {"key": 1} visible.'), line=8),
    Case("MDX004", replace("keeps quality visible.", "keeps {{level: 5}} visible."), line=8),
    Case("MDX013", replace("keeps quality visible.", "keeps quality {1 + 1} visible."), line=8),
    Case("MDX013", replace("keeps quality visible.", "keeps quality {} visible."), line=8),
    Case("MDX005", replace("keeps quality visible.", "keeps <Quality> visible."), line=8),
    Case(
        "MDX005",
        replace("## Why a QA Engineer is Needed", "## Why a QA<br>Engineer is Needed"),
        line=10,
    ),
    Case(
        "MDX006", replace("keeps quality visible.", "keeps <Quality>all</Quality> visible."), line=8
    ),
    Case(
        "MDX007", replace("keeps quality visible.", "keeps <https://example.com> visible."), line=8
    ),
    Case("MDX008", replace("keeps quality visible.", "keeps quality x<5 visible."), line=8),
    Case(
        "MDX010",
        replace("## Why a QA", "import of data is part of the job.\n\n## Why a QA"),
        line=10,
    ),
    Case(
        "MDX011",
        replace("keeps quality visible.", 'keeps <span style="color: red">quality</span> visible.'),
        line=8,
    ),
    Case(
        "MDX012",
        replace("### The Coach", "### The Coach {#coach}"),
        config="[docusaurus]\nmdx1-heading-ids = false",
        line=30,
    ),
    Case(
        "MDX009",
        replace("keeps quality visible.", "keeps <Quality> visible."),
        config="[docusaurus]\nmarkdown-format = 'detect'",
        line=8,
    ),
    # a comment on the line after an item is part of it (CommonMark's lazy continuation): only
    # one standing between blank lines, or an HTML comment (which ends a paragraph), splits
    Case(
        "DOC001", replace("- Keeping releases", "\n{/* between */}\n\n- Keeping releases"), line=14
    ),
    # Docusaurus strips the number prefix: both are the doc `qa` (in one folder)
    Case("CA001", lambda: {"qa.md": clean("QA One"), "01-qa.md": clean("QA Two", position=2)}),
    Case(
        "CA001",
        lambda: {
            "a/lead.md": clean("Lead One"),
            "a/other.md": clean("Lead Two", position=2).replace("---\n", "---\nid: lead\n", 1),
        },
    ),
    Case("CA002", lambda: {"qa.md": clean(), "qa2.md": clean(position=2)}),
    Case(
        "CA006",
        lambda: {
            "engineer.md": clean("DevOps Engineer"),
            "specialist.md": clean("DevOps Specialist", position=2).replace(
                "A DevOps Specialist keeps", "A DevOps Engineer keeps"
            ),
        },
        line=8,
    ),
    Case(
        "CA007",
        lambda: {
            "lead.md": clean("Team Lead").replace("---\n", "---\nslug: team/lead\n", 1),
            "team/lead.md": clean("Backend Lead"),
        },
        line=2,
    ),
    Case("CA003", lambda: {"qa.md": clean(), "qa2.md": clean("Test Lead")}, line=3),
    Case("CA004", lambda: {"qa.md": clean(), "tags.yml": "qa:\n  label: QA\n"}, line=4),
    Case("CA004", lambda: {"qa.md": clean()}, config='tags = ["qa"]', line=4),
    Case(
        "CA005",
        lambda: {
            "qa.md": clean(),
            "qa2.md": clean(position=2)
            .replace("title: QA Engineer", "title: QA Engineer\nsidebar_label: X")
            .replace("QA Engineer", "Test Lead")
            .replace("sidebar_label: X", "sidebar_label: QA Engineer"),
        },
    ),
]


def _swap_needs_duties() -> str:
    head, rest = C.split("## Why", 1)
    needs, rest = rest.split("## What", 1)
    duties, how = rest.split("## How", 1)
    return f"{head}## What{duties}## Why{needs}## How{how}"
