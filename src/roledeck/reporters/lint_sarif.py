"""Lint findings as SARIF 2.1.0, for code-scanning upload (e.g. GitHub's upload-sarif)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from roledeck import __version__
from roledeck.lint.findings import LintResult
from roledeck.lint.registry import Rule
from roledeck.lint.rules import RULES
from roledeck.textsafe import safe_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/roledeck/roledeck"


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"tags": [rule.family]},
    }


def _uri(path: str) -> str:
    return quote(Path(path).as_posix())


def report(result: LintResult) -> str:
    index = {rule.code: i for i, rule in enumerate(RULES)}
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": f.severity,
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
                    }
                }
            ],
        }
        for f in result.findings
        if f.code in index
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "roles",
                        "informationUri": INFO_URI,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(rule) for rule in RULES],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "results": results,
            }
        ],
    }
    return safe_json(log)
