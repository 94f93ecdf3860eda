"""`roles changes` for people: an overview of the roles that differ, then each one's diff.

The overview is one line per role (a marker, the role, its file, what changed), so `--stat`
is the overview alone; each changed or renamed role's diff then follows as `roles diff`
would print it (`diff_text`), so the two commands read alike.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from roledeck.changes import STATUSES, Changes, RoleChange
from roledeck.reporters import diff_text
from roledeck.reporters.console import render
from roledeck.reporters.diff_parts import safe, summary_line
from roledeck.textsafe import visible

MARKERS = {"added": "+", "removed": "-", "renamed": "→", "changed": "~"}
STYLES = {"added": "green", "removed": "red", "renamed": "cyan", "changed": "yellow"}


def one_line(text: str) -> str:
    """User text on one line, every control character visible."""
    return visible(safe(text), keep_newlines=False)


def totals(changes: Changes) -> str:
    """'3 roles differ: 1 added, 1 renamed, 1 changed; 5 unchanged'."""
    counts = changes.counts()
    differ = sum(counts[status] for status in STATUSES)
    unchanged = f"{counts['unchanged']} unchanged"
    if differ:
        parts = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
        line = f"{differ} role{'s' if differ != 1 else ''} differ{'s' if differ == 1 else ''}: "
        line += f"{parts}; {unchanged}"
    else:
        line = f"no role changes; {unchanged}"
    if changes.problems:
        count = len(changes.problems)
        line += f"; {count} file{'s' if count != 1 else ''} could not be read"
    return line


def role_label(change: RoleChange) -> str:
    """'sre → site-reliability (Site Reliability Engineer)', or 'qa (QA Analyst)'."""
    old, new = change.old, change.new
    if old is not None and new is not None and old.id != new.id:
        ids = f"{old.id} → {new.id}"
    else:
        ids = change.id
    role = new or old
    name = role.name if role is not None else ""
    return one_line(f"{ids} ({name})" if name else ids)


def files_label(change: RoleChange) -> str:
    """The role's file on each side, as git names it: 'roles/sre.md → roles/sre-lead.md'."""
    old, new = change.old_path, change.new_path
    if old and new and old != new:
        return one_line(f"{old} → {new}")
    return one_line(new or old or "")


def what(change: RoleChange) -> str:
    """What changed inside the role, in a few words."""
    if change.status == "added":
        return "new role"
    if change.status == "removed":
        return "role removed"
    return summary_line(change.diff) if change.diff is not None else ""


def _side(label: str, changes: Changes) -> str:
    """The old side's label; for `A...B`, with what it is (their merge base)."""
    if changes.spec and "..." in changes.spec:
        return one_line(f"{label} (the merge base of {changes.spec})")
    return one_line(label)


def _overview(changes: Changes) -> list[tuple[str, RoleChange]]:
    return [(MARKERS[c.status], c) for c in changes.roles]


def plain(changes: Changes, *, stat: bool = False) -> str:
    """The overview and each role's diff as plain lines: no colour, no wrapping."""
    lines = [f"--- {_side(changes.old_label, changes)}", f"+++ {one_line(changes.new_label)}"]
    lines.append(totals(changes))
    if changes.roles:
        lines.append("")
    for marker, change in _overview(changes):
        lines.append(f"{marker} {change.status} {role_label(change)}: {what(change)}")
        lines.append(f"    {files_label(change)}")
    if not stat:
        for change in _detailed(changes):
            assert change.diff is not None
            lines += ["", f"=== {role_label(change)}", diff_text.plain_diff(change.diff).rstrip()]
    return "\n".join(lines) + "\n"


def rich(changes: Changes, *, color: bool, width: int = 80, stat: bool = False) -> str:
    """The same content for a terminal (ANSI styles only when `color`)."""
    head = Text()
    head.append(f"--- {_side(changes.old_label, changes)}\n", style="red")
    head.append(f"+++ {one_line(changes.new_label)}\n", style="green")
    head.append(totals(changes), style="bold")
    parts: list[RenderableType] = [head]
    if changes.roles:
        parts.append(Text(""))
    for marker, change in _overview(changes):
        style = STYLES[change.status]
        line = Text()
        line.append(f"{marker} ", style=f"bold {style}")
        line.append(role_label(change), style=style)
        line.append(f" · {what(change)}", style="dim")
        line.append(f"\n  {files_label(change)}", style="dim")
        parts.append(line)
    out = render(Group(*parts), color=color, width=width)
    if stat:
        return out
    pieces = [out.rstrip("\n")]
    for change in _detailed(changes):
        assert change.diff is not None
        rule = Rule(Text(role_label(change), style="bold"), align="left", style="dim")
        pieces.append("\n" + render(rule, color=color, width=width).rstrip("\n"))
        pieces.append(diff_text.rich_diff(change.diff, color=color, width=width).rstrip("\n"))
    return "\n".join(pieces) + "\n"


def _detailed(changes: Changes) -> list[RoleChange]:
    """The roles whose diff has something to show: changed ones, renamed ones with edits."""
    return [c for c in changes.roles if c.diff is not None and not c.diff.equal]
