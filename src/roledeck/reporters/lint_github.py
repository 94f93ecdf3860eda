"""Lint findings as GitHub Actions workflow commands, shown as annotations on the diff.

`::error file=F,line=L,col=C,title=T::message`: data is escaped (%, CR, LF) and property
values additionally (`:` and `,`), as the runner expects, so a message or path can never
end the command early or inject another one.
"""

from __future__ import annotations

from roledeck.lint.findings import Finding, LintResult
from roledeck.textsafe import visible


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    props = ",".join(
        [
            f"file={_property(visible(finding.path))}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"title={_property(f'{finding.code} {finding.name}'.strip())}",
        ]
    )
    return f"::{finding.severity} {props}::{_data(visible(finding.message))}"


def report(result: LintResult) -> str:
    return "\n".join(command(f) for f in result.findings)
