"""Lint findings as JSON: a stable, versioned structure for scripts.

{"version": 1, "files": N, "errors": N, "warnings": N,
 "findings": [{"path", "line", "column", "code", "name", "severity", "message"}]}
"""

from __future__ import annotations

from roledeck.lint.findings import LintResult
from roledeck.textsafe import safe_json

VERSION = 1


def report(result: LintResult) -> str:
    return safe_json(
        {
            "version": VERSION,
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
