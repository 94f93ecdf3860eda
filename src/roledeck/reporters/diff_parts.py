"""What every `roles diff` view says alike: section titles, item labels, word spans, summary.

The views differ only in how they draw these (styles, markers, Markdown), so a reader who
switches format finds the same words in the same places.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from roledeck.blockdiff import BlockOp, block_ops, by_blocks
from roledeck.diff import KINDS, Change, RoleDiff
from roledeck.diffpairs import WordOp
from roledeck.reporters.role_text import KIND_LABELS
from roledeck.textsafe import clip, visible

SpanKind = Literal["equal", "delete", "insert", "elided"]

MARKERS = {"same": "=", "added": "+", "removed": "-", "changed": "~", "moved": "↕"}
"""One character per kind of entry, in every view."""

STYLES = {"same": "dim", "added": "green", "removed": "red", "changed": "yellow", "moved": "cyan"}

CONTEXT = 6
"""Words of unchanged text kept on each side of an edit; longer runs are elided."""

_TITLES = {
    "name": "Name",
    "summary": "Summary",
    "needs": "Needs",
    "duties_intro": "Duties (introduction)",
    "duties": "Duties",
    "how_intro": "How it works (introduction)",
    "sub_roles": "Sub-roles",
    "extra_sections": "Other sections",
    "blocks": "Other text",
    "notes": "Notes",
}
_ITEMS = {
    "summary": "paragraph",
    "needs": "need",
    "duties": "duty",
    "sub_roles": "sub-role",
    "extra_sections": "section",
    "blocks": "text",
    "notes": "note",
    "frontmatter.tags": "tag",
}


def safe(text: str) -> str:
    """User text made printable and short enough to lay out quickly."""
    return visible(clip(text))


def group_of(section: str) -> str:
    """The heading a section is shown under: all frontmatter keys share one."""
    return "frontmatter" if section.startswith("frontmatter.") else section


def title_of(group: str, titles: dict[str, str] | None = None) -> str:
    """A section's heading for people; `titles` are sub-role headings as written."""
    if group == "frontmatter":
        return "Frontmatter"
    if group.startswith("sub_role:"):
        kind = group.removeprefix("sub_role:")
        base, _, number = kind.partition("#")
        label = KIND_LABELS.get(base)
        written = (titles or {}).get(group)
        if label is None or number:
            label = re.sub(r"^the\s+", "", written, flags=re.IGNORECASE) if written else base
        return f"Sub-role: {safe(label)}" + (f" ({number})" if number else "")
    if group.startswith("extra:"):
        return f"Section: {safe(group.removeprefix('extra:'))}"
    return _TITLES.get(group, group)


def where_label(where: str | None, titles: dict[str, str] | None = None) -> str:
    """Where a note or block sits, for people: 'duties', 'sub-role Developer'."""
    if where is None:
        return ""
    if where.startswith("sub_role:"):
        return title_of(where, titles).replace("Sub-role: ", "sub-role ")
    if where.startswith("extra:"):
        return f"section {safe(where.removeprefix('extra:'))}"
    return title_of(where).lower()


def item_label(change: Change, titles: dict[str, str] | None = None) -> str:
    """What the entry is: 'need 3', 'duty 2 → 4', 'tags', 'note in duties'."""
    section = change.section
    if section == "name":
        return "name"
    if section.startswith("frontmatter.") and section != "frontmatter.tags":
        return section.removeprefix("frontmatter.")
    noun = _ITEMS.get(section, "paragraph")
    if section in ("notes", "blocks"):
        old, new = where_label(change.old_where, titles), where_label(change.new_where, titles)
        if change.kind == "moved" and old != new:
            return f"{noun} in {old} → {new}"
        return f"{noun} in {new or old}" if (new or old) else noun
    if section in ("frontmatter.tags", "sub_roles", "extra_sections"):
        if change.kind == "changed":
            return noun
        return f"{noun}: {safe(change.new if change.new is not None else change.old or '')}"
    old_at = change.old_index + 1 if change.old_index is not None else None
    new_at = change.new_index + 1 if change.new_index is not None else None
    if old_at is not None and new_at is not None and old_at != new_at and change.kind != "same":
        return f"{noun} {old_at} → {new_at}"
    at = new_at if new_at is not None else old_at
    return f"{noun} {at}" if at is not None else noun


def line_label(change: Change) -> str:
    """Where to look: 'line 16', 'line 24 → 26' (old file → new file)."""
    old, new = change.old_line, change.new_line
    if old is not None and new is not None:
        return f"line {old}" if old == new else f"line {old} → {new}"
    line = new if new is not None else old
    return f"line {line}" if line is not None else ""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text and what it is: shared, removed, added, or elided shared words."""

    kind: SpanKind
    text: str


def unified_spans(words: tuple[WordOp, ...], *, elide: bool = True) -> list[Span]:
    """A changed text as one run: shared words (the new side's), removed ones, added ones.

    A leading space moves out of a removed or added run, so markers hug the words. Long runs
    of shared words keep `CONTEXT` words next to each edit.
    """
    spans: list[Span] = []
    last = len(words) - 1
    for index, op in enumerate(words):
        if op.op == "equal":
            text = safe(op.new)
            if elide:
                spans.extend(_elided(text, first=index == 0, last=index == last))
            else:
                spans.append(Span("equal", text))
            continue
        old, new = safe(op.old), safe(op.new)
        if (not old or old.startswith(" ")) and (not new or new.startswith(" ")):
            spans.append(Span("equal", " "))
            old, new = old[1:], new[1:]
        if old:
            spans.append(Span("delete", old))
        if new:
            spans.append(Span("insert", new))
    return [s for s in spans if s.text]


def side_spans(words: tuple[WordOp, ...], side: Literal["old", "new"]) -> list[Span]:
    """One side of a changed text, whole: its shared words and its own edits."""
    spans: list[Span] = []
    mark: SpanKind = "delete" if side == "old" else "insert"
    for op in words:
        text = safe(op.old if side == "old" else op.new)
        if not text:
            continue
        if op.op == "equal":
            spans.append(Span("equal", text))
            continue
        if text.startswith(" "):
            spans.append(Span("equal", " "))
            text = text[1:]
        spans.append(Span(mark, text))
    return spans


def _elided(text: str, *, first: bool, last: bool) -> Iterator[Span]:
    words = text.split(" ")
    lead = " " if words and words[0] == "" else ""
    body = words[1:] if lead else words
    trail = " " if body and body[-1] == "" else ""
    body = body[:-1] if trail else body
    keep_head = 0 if first else CONTEXT
    keep_tail = 0 if last else CONTEXT
    if len(body) <= keep_head + keep_tail + 6:  # eliding fewer words saves nothing
        yield Span("equal", text)
        return
    head = " ".join(body[:keep_head])
    tail = " ".join(body[len(body) - keep_tail :]) if keep_tail else ""
    yield Span("equal", lead + head + (" " if head else ""))
    yield Span("elided", "…")
    yield Span("equal", (" " if tail else "") + tail + trail)


def summary_line(diff: RoleDiff) -> str:
    """'13 changes: 8 added, 5 changed', or 'no differences'."""
    counts = diff.counts()
    total = sum(counts.values())
    if not total:
        return "no differences"
    parts = ", ".join(f"{counts[kind]} {kind}" for kind in KINDS if counts[kind])
    return f"{total} change{'s' if total != 1 else ''}: {parts}"


def side_title(diff: RoleDiff, side: Literal["old", "new"]) -> str:
    """'devops-engineer (roles/devops-engineer.md)' for the header lines."""
    info = diff.old if side == "old" else diff.new
    source = f" ({info.source})" if info.source and info.source != info.id else ""
    return safe(f"{info.id}{source}")


# -- changes shown block by block: code and tables by lines, prose by words -----------------

CONTEXT_LINES = 3
"""Unchanged lines of a code block or table kept on each side of an edit."""

LineMark = Literal[" ", "-", "+", "~", "…"]


class Line:
    """One line of a change shown block by block: a mark (' ' shared, '-' removed, '+' added,
    '~' prose edited in place, '…' lines left out) and its text as spans."""

    __slots__ = ("mark", "spans")

    def __init__(self, mark: LineMark, spans: list[Span]) -> None:
        self.mark: LineMark = mark
        self.spans = spans


def names(diff: RoleDiff) -> tuple[str | None, str | None]:
    """The names read as one placeholder in each role's text (none with `--literal`)."""
    return (None, None) if diff.literal else (diff.old.name, diff.new.name)


def blocks_of(diff: RoleDiff, change: Change) -> list[BlockOp] | None:
    """The change block by block, when it is an edit of text that holds code, a table or
    more than one block; None when its words say it best."""
    if change.kind != "changed" or not by_blocks(change.old, change.new):
        return None
    old_name, new_name = names(diff)
    return block_ops(change.old or "", change.new or "", old_name, new_name)


def line_spans(kind: SpanKind, line: str) -> list[Span]:
    """A whole line as one span of `kind`, its indentation kept outside the mark."""
    text = safe(line)
    body = text.lstrip(" \t")
    indent = text[: len(text) - len(body)]
    return [s for s in (Span("equal", indent), Span(kind, body)) if s.text]


def block_lines(ops: list[BlockOp], *, elide: bool = True) -> list[Line]:
    """A block-by-block change as marked lines, for the unified views. With `elide`, shared
    segments away from any edit and long runs of shared code lines are left out ('…')."""
    out: list[Line] = []
    for index, op in enumerate(ops):
        if op.kind == "equal":
            near = any(0 <= k < len(ops) and ops[k].kind != "equal" for k in (index - 1, index + 1))
            if elide and not near:
                if not out or out[-1].mark != "…":
                    out.append(Line("…", [Span("elided", "…")]))
                continue
            out += [Line(" ", line_spans("equal", line)) for line in op.new]
        elif op.kind == "removed":
            out += [Line("-", line_spans("delete", line)) for line in op.old]
        elif op.kind == "added":
            out += [Line("+", line_spans("insert", line)) for line in op.new]
        elif op.segment == "prose":
            indent = Span("equal", op.indent)
            out.append(Line("~", [indent, *unified_spans(op.words, elide=elide)]))
        else:
            out += _code_lines(op, elide=elide)
    return out


def _code_lines(op: BlockOp, *, elide: bool) -> list[Line]:
    marks: dict[str, tuple[LineMark, SpanKind]] = {
        "equal": (" ", "equal"),
        "delete": ("-", "delete"),
        "insert": ("+", "insert"),
    }
    lines = [Line(marks[o.op][0], line_spans(marks[o.op][1], o.text)) for o in op.lines]
    if not elide:
        return lines
    changed = [i for i, o in enumerate(op.lines) if o.op != "equal"]
    keep = {
        i
        for c in changed
        for i in range(c - CONTEXT_LINES, c + CONTEXT_LINES + 1)
        if 0 <= i < len(lines)
    }
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i in keep:
            out.append(line)
        elif not out or out[-1].mark != "…":
            out.append(Line("…", [Span("elided", "…")]))
    return out


def side_lines(ops: list[BlockOp], side: Literal["old", "new"]) -> list[list[Span]]:
    """One side of a block-by-block change, whole: its lines with its own edits marked."""
    mine: SpanKind = "delete" if side == "old" else "insert"
    out: list[list[Span]] = []
    for op in ops:
        lines = op.old if side == "old" else op.new
        if op.kind == "equal":
            out += [line_spans("equal", line) for line in lines]
        elif op.kind in ("added", "removed"):
            out += [line_spans(mine, line) for line in lines]
        elif op.segment == "prose":
            out.append([Span("equal", op.indent), *side_spans(op.words, side)])
        else:
            skip = "insert" if side == "old" else "delete"
            out += [
                line_spans("equal" if o.op == "equal" else mine, o.text)
                for o in op.lines
                if o.op != skip
            ]
    return [[s for s in line if s.text] for line in out]
