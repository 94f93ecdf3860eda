"""Which rules run, at which severity, where: config and command line merged into one answer."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import PurePosixPath

from roledeck.config import Config
from roledeck.errors import RoleError
from roledeck.lint.findings import Severity
from roledeck.lint.rules import BY_CODE


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


def check_codes(selectors: Iterable[str], where: str) -> list[str]:
    """Upper-cased selectors, each a rule code, a code prefix (`ST`) or ALL; else RoleError."""
    checked = []
    for raw in selectors:
        code = raw.strip().upper()
        if not code:
            continue
        if code != "ALL" and not any(c.startswith(code) for c in BY_CODE):
            close = difflib.get_close_matches(code, list(BY_CODE), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise RoleError(f"unknown rule code '{raw}' in {where}{hint}; see 'roles rules'")
        checked.append(code)
    return checked


@dataclass(frozen=True)
class Selection:
    """Rule selection and severities in force for a run (picklable for worker processes)."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def resolve(
        cls,
        config: Config,
        *,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        extend_select: list[str] | None = None,
    ) -> Selection:
        """Command line over config over defaults (`--select` replaces, `--ignore` adds)."""
        chosen = select if select else config.select
        base = check_codes(chosen, "select") if chosen else ["ALL"]
        extra = check_codes([*config.extend_select, *(extend_select or [])], "extend-select")
        ignored = check_codes([*config.ignore, *(ignore or [])], "ignore")
        for code in config.severity:
            check_codes([code], "severity")
        per_file = {
            pattern: tuple(check_codes(codes, f"per-file-ignores '{pattern}'"))
            for pattern, codes in config.per_file_ignores.items()
        }
        return cls(tuple(base + extra), tuple(ignored), dict(config.severity), per_file)

    def enabled(self, code: str) -> bool:
        return _matches(code, self.select) and not _matches(code, self.ignore)

    def severity_of(self, code: str) -> Severity:
        return self.severity.get(code, BY_CODE[code].severity if code in BY_CODE else "error")

    def ignored_in(self, path: str) -> tuple[str, ...]:
        """Codes ignored for a file by `per-file-ignores` (globs match the path or its name)."""
        if not self.per_file_ignores:
            return ()
        posix = PurePosixPath(path.replace("\\", "/"))
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores.items():
            if fnmatch(str(posix), pattern) or fnmatch(posix.name, pattern) or posix.match(pattern):
                codes.extend(ignored)
        return tuple(codes)


_DIRECTIVE = re.compile(
    r"^\s*(?:<!--|\{/\*)\s*roles-lint\s+(disable|disable-next-line)\s*=\s*"
    r"([A-Za-z0-9_, ]+?)\s*(?:-->|\*/\})\s*$"
)


@dataclass
class Suppressions:
    """Inline `<!-- roles-lint disable=CODE -->` and `disable-next-line=CODE` comments."""

    file: list[str] = field(default_factory=list)
    lines: dict[int, list[str]] = field(default_factory=dict)

    MARK = "roles-lint"
    """Every directive holds it: a file without it (nearly all) needs no line-by-line scan."""

    @classmethod
    def scan(cls, lines: list[str]) -> Suppressions:
        found = cls()
        for index, line in enumerate(lines):
            if cls.MARK not in line:
                continue
            match = _DIRECTIVE.match(line)
            if not match:
                continue
            codes = [c.strip().upper() for c in match.group(2).split(",") if c.strip()]
            if match.group(1) == "disable":
                found.file.extend(codes)
            else:
                found.lines.setdefault(index + 2, []).extend(codes)
        return found

    def hides(self, code: str, line: int) -> bool:
        return _matches(code, self.file) or _matches(code, self.lines.get(line, ()))
