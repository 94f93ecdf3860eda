"""Rule identity and the decorator that declares a rule.

A rule is a function plus a stable code (`ST002`), a human name (`missing-section`), a default
severity, and its documentation: the function's docstring, whose first line is the summary.
Declaring a rule without a docstring, or with a malformed or reused code, fails at import, so
the rule list and `docs/rules.md` cannot drift apart.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from roledeck.lint.findings import Problem, Severity

if TYPE_CHECKING:
    from roledeck.lint.context import CatalogContext, FileContext

Scope = Literal["load", "file", "catalog"]
_CODE = re.compile(r"^[A-Z]{2,3}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]+$")
_SECTIONS = ("**Why**", "**Fails**", "**Passes**", "**Fix**")

FileCheck = Callable[["FileContext"], Iterable[Problem]]
CatalogCheck = Callable[["CatalogContext"], Iterable[tuple[str, Problem]]]


@dataclass(frozen=True)
class Rule:
    """A lint rule and its documentation."""

    code: str
    name: str
    severity: Severity
    scope: Scope
    doc: str
    check: Callable[..., Iterable[Any]] | None = None

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    @property
    def family(self) -> str:
        return re.sub(r"\d+$", "", self.code)


_DECLARED: dict[str, Rule] = {}


def _declare(
    code: str, name: str, severity: Severity, scope: Scope, doc: str | None, check: Any
) -> Rule:
    if not _CODE.match(code) or not _NAME.match(name):
        raise ValueError(f"malformed rule code or name: {code} {name}")
    if code in _DECLARED:
        raise ValueError(f"rule code {code} declared twice")
    text = inspect.cleandoc(doc or "")
    missing = [s for s in _SECTIONS if s not in text]
    if not text or missing:
        raise ValueError(
            f"rule {code} must be documented with {', '.join(missing) or 'a docstring'}"
        )
    rule = Rule(code, name, severity, scope, text, check)
    _DECLARED[code] = rule
    return rule


def file_rule(code: str, name: str, severity: Severity = "error") -> Callable[[FileCheck], Rule]:
    """Declare a rule that looks at one parsed file."""

    def wrap(check: FileCheck) -> Rule:
        return _declare(code, name, severity, "file", check.__doc__, check)

    return wrap


def catalog_rule(
    code: str, name: str, severity: Severity = "error"
) -> Callable[[CatalogCheck], Rule]:
    """Declare a rule that compares files of the catalog (ids, names, sidebar, tags)."""

    def wrap(check: CatalogCheck) -> Rule:
        return _declare(code, name, severity, "catalog", check.__doc__, check)

    return wrap


def load_rule(code: str, name: str, doc: str, severity: Severity = "error") -> Rule:
    """Declare a rule reported when a file cannot be read or parsed (the loader raises it)."""
    return _declare(code, name, severity, "load", doc, None)
