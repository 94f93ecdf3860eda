"""What lint produces: findings, as plain picklable data (they cross process boundaries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Edit:
    """A safe fix: replace `length` characters at line/column (1-based) with `text`."""

    line: int
    column: int
    length: int
    text: str


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule reports: where and what. The engine adds the file, code and severity."""

    line: int
    message: str
    column: int = 1
    fix: tuple[Edit, ...] = ()
    """Edits that fix the problem without changing what the page says (`lint --fix`)."""


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem in one file, as every reporter receives it (sorted by place, then code)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = "error"
    name: str = ""


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What catalog-wide rules need to know of a file: small, so 10,000 of them are cheap."""

    path: str
    folder: str
    id: str
    name: str
    name_line: int
    label: str | None
    """What the sidebar shows: `sidebar_label`, else `title`."""
    label_line: int
    sidebar_position: float | None
    position_line: int
    tags: tuple[str, ...]
    tags_line: int
    slug: str | None = None
    """The doc's URL below the docs route (`docids.doc_slug`)."""
    slug_line: int = 1
    slug_set: bool = False
    """The frontmatter sets `slug` (else the URL comes from the path)."""
    position_from_name: bool = False
    """The sidebar position is the file name's number prefix (`01-lead.md`), not a key."""
    own_names: tuple[str, ...] = ()
    """Every name the profile calls its role by (H1, title, sidebar label)."""
    self_refs: tuple[tuple[int, str], ...] = ()
    """(line, text) where the profile speaks of its own role: the text after "a"/"an" in a
    subject's place ("Unlike traditional roles, a DevOps Engineer collaborates…")."""


@dataclass(slots=True)
class FileReport:
    """Lint's result for one file: its findings, and its facts if it could be parsed."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    facts: FileFacts | None = None
    skipped: str | None = None
    """Why the file was not linted as a role profile (e.g. not selected), if it was not."""
    fixes: list[Edit] = field(default_factory=list)
    """Safe fixes for this file's findings, applied by `roles lint --fix`."""
    suppressed: tuple[str, ...] = ()
    """Codes the file disables for itself (`<!-- roles-lint disable=… -->`)."""


@dataclass
class LintResult:
    """Findings of a whole run, sorted, with counts for summaries."""

    findings: list[Finding]
    files: int
    skipped: list[FileReport] = field(default_factory=list)
    fixed: int = 0
    """How many problems `--fix` fixed (they are no longer in `findings`)."""
    not_fixed: list[str] = field(default_factory=list)
    """`path: message` for each file whose fixes could not be written (exit 2)."""

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def files_with_findings(self) -> int:
        return len({f.path for f in self.findings})

    def failed(self, *, strict: bool = False) -> bool:
        """Exit status 1: errors, or any finding at all with --strict."""
        return bool(self.errors or (strict and self.warnings))
