"""The heading vocabulary as a table, JSON, or a TOML table to paste into pyproject.toml."""

from __future__ import annotations

import json

from rich.table import Table
from rich.text import Text

from roledeck.reporters.console import render
from roledeck.textsafe import safe_json, visible
from roledeck.vocabulary import Vocabulary

_SECTIONS = ("title", "summary", "needs", "duties", "how")


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def report(fmt: str, vocabulary: Vocabulary, origin: str, *, color: bool, width: int) -> str:
    if fmt == "json":
        return safe_json({"source": origin, **vocabulary.model_dump()})
    if fmt == "toml":
        lines = [f"# vocabulary in force ({origin})", "[tool.roles.vocabulary]", "replace = true"]
        lines += [f"{key} = {_toml_list(getattr(vocabulary, key))}" for key in _SECTIONS]
        lines.append("\n[tool.roles.vocabulary.sub-roles]")
        lines += [
            f"{kind} = {_toml_list(patterns)}" for kind, patterns in vocabulary.sub_roles.items()
        ]
        return "\n".join(lines) + "\n"
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("section")
    table.add_column("heading patterns (the first is written by fmt and new)")
    for key in _SECTIONS:
        table.add_row(key, Text(visible(" | ".join(getattr(vocabulary, key)) or "—")))
    for kind, patterns in vocabulary.sub_roles.items():
        table.add_row(f"sub-role {kind}", Text(visible(" | ".join(patterns))))
    header = render(
        Text(f"Vocabulary: {visible(origin)}", style="bold"), color=color, soft_wrap=True
    )
    return header + render(table, color=color, width=width)
