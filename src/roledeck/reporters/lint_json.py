"""Lint findings as JSON: a stable, versioned structure for scripts.

{"version": 1, "files": N, "errors": N, "warnings": N,
 "findings": [{"path", "line", "column", "code", "name", "severity", "message"}]}
With --all, also "skipped": [{"path", "reason"}] for files that are not role profiles.
"""

from __future__ import annotations

from roledeck.lint.findings import LintResult
from roledeck.textsafe import safe_json

VERSION = 1


def report(result: LintResult) -> str:
    skipped = [{"path": r.path, "reason": r.skipped} for r in result.skipped]
    return safe_json(
        {
            "version": VERSION,
            **({"skipped": skipped} if skipped else {}),
            "files": result.files,
            "errors": result.errors,
            "warnings": result.warnings,
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "column": f.column,
                    "code": f.code,
                    "name": f.name,
                    "severity": f.severity,
                    "message": f.message,
                }
                for f in result.findings
            ],
        }
    )
