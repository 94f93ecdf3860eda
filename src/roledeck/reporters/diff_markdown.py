"""`roles diff --format markdown`: the comparison as GitHub-flavoured Markdown for a pull request.

Role text is escaped so it shows as written (a `**` or `<` in a profile is not formatting
here); removed words are `<del>`, added ones `<ins>`, which GitHub renders as struck through
and underlined. Line breaks inside an item become `<br>`, so every item is one line and no
text can start a list, a heading or a table row of its own.
"""

from __future__ import annotations

import re

from roledeck.diff import Change, RoleDiff
from roledeck.reporters.diff_parts import (
    MARKERS,
    Span,
    group_of,
    item_label,
    line_label,
    safe,
    side_spans,
    summary_line,
    title_of,
    unified_spans,
    where_label,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&$@])")
"""Characters that could format, link, mention or break a table; role text never starts a
line here (it always follows our own marker), so list and heading starts need no escape."""
_LABELLED = ("frontmatter.tags", "sub_roles", "extra_sections")


def escape(text: str) -> str:
    """Text that Markdown shows literally, on one line (`<br>` for its line breaks)."""
    escaped = _SPECIAL.sub(r"\\\1", safe(text))
    return "<br>".join(escaped.split("\n"))


def _spans(spans: list[Span]) -> str:
    out: list[str] = []
    for span in spans:
        text = escape(span.text) if span.kind != "elided" else "…"
        if span.kind == "delete":
            out.append(f"<del>{text}</del>")
        elif span.kind == "insert":
            out.append(f"<ins>{text}</ins>")
        else:
            out.append(text)
    return "".join(out)


def _header(diff: RoleDiff) -> list[str]:
    old, new = diff.old, diff.new
    lines = [f"### Role diff: {escape(old.id)} → {escape(new.id)}", ""]
    if old.source or new.source:
        lines += [f"{escape(old.source or old.id)} → {escape(new.source or new.id)}", ""]
    rename = next((c for c in diff.changes if c.section == "name"), None)
    if rename is not None:
        lines += [f"**Name:** {escape(rename.old or '')} → {escape(rename.new or '')}", ""]
    return lines


def unified(diff: RoleDiff) -> str:
    """The changes as lists under a heading per section, and the summary line."""
    lines = _header(diff)
    current = None
    for change in diff.changes:
        if change.section == "name":
            continue
        group = group_of(change.section)
        if group != current:
            if current is not None:
                lines.append("")
            lines += [f"#### {escape(title_of(group, diff.titles))}", ""]
            current = group
        lines.append(_item(change, diff.titles))
    if current is not None:
        lines.append("")
    lines.append(f"**{escape(summary_line(diff))}**")
    return "\n".join(lines) + "\n"


def _item(change: Change, titles: dict[str, str]) -> str:
    details = [d for d in (line_label(change),) if d]
    if change.kind == "changed" and change.moved:
        details.insert(0, "also moved")
    head = f"**{escape(MARKERS[change.kind])} {escape(item_label(change, titles))}**"
    if details:
        head += f" ({escape(', '.join(details))})"
    if change.kind == "changed":
        return f"- {head}: {_spans(unified_spans(change.words))}"
    if change.section in _LABELLED:
        body = "<br><br>".join(escape(p) for p in change.body)
        return f"- {head}" + (f": {body}" if body else "")
    text = change.new if change.kind in ("added", "moved") else change.old
    return f"- {head}: {escape(text or '')}"


def side_by_side(diff: RoleDiff) -> str:
    """A table per section: the old role, the gutter mark, the new role."""
    lines = _header(diff)
    old, new = escape(diff.old.name), escape(diff.new.name)
    grouped: dict[str, list[Change]] = {}
    for entry in diff.entries:
        grouped.setdefault(group_of(entry.section), []).append(entry)
    for group, entries in grouped.items():
        lines += [f"#### {escape(title_of(group, diff.titles))}", ""]
        lines += [f"| {old} | | {new} |", "| --- | :-: | --- |"]
        for entry in entries:
            mark = escape(MARKERS[entry.kind])
            old_cell, new_cell = _cell(entry, "old", diff.titles), _cell(entry, "new", diff.titles)
            lines.append(f"| {old_cell} | {mark} | {new_cell} |")
        lines.append("")
    lines.append(f"**{escape(summary_line(diff))}**")
    return "\n".join(lines) + "\n"


def _cell(entry: Change, side: str, titles: dict[str, str]) -> str:
    text = entry.old if side == "old" else entry.new
    if text is None:
        return ""
    prefix = ""
    if entry.section.startswith("frontmatter."):
        key = entry.section.removeprefix("frontmatter.")
        prefix = f"{escape('tag' if key == 'tags' else key)}: "
    elif entry.section in ("notes", "blocks"):
        where = where_label(entry.old_where if side == "old" else entry.new_where, titles)
        prefix = f"({escape(where)}) " if where else ""
    if entry.kind == "changed" and entry.words:
        body = _spans(side_spans(entry.words, "old" if side == "old" else "new"))
    else:
        body = escape(text)
    if entry.section in _LABELLED:
        body = f"**{body}**"
    extra = "".join(f"<br>{escape(p)}" for p in entry.body)
    return prefix + body + extra


def stat(diff: RoleDiff) -> str:
    """Only the summary line (`--stat`), under the usual header."""
    lines = _header(diff)
    lines.append(f"**{escape(summary_line(diff))}**")
    return "\n".join(lines) + "\n"
