"""`roles diff --format markdown`: the comparison as GitHub-flavoured Markdown for a pull request.

A profile's text is Markdown, and a pull-request comment renders Markdown: so role text is
shown as Markdown (bold stays bold, code stays code), with removed words in `<del>` and added
ones in `<ins>`. Three things are still escaped, outside code: `<` (raw HTML or JSX would be
rendered or swallowed by GitHub, not shown), `@` (a mention would notify someone) and `$`
(math). Where a word mark could break the Markdown around it (inside a code span or a link,
or cutting an emphasis in two), the edit is shown whole instead: the old text struck
through, the new one underlined. Code blocks and tables that changed are shown as a `diff`
block, line by line. Labels, headings and frontmatter values are escaped to show as written.
Every item stays inside its list item, so nothing in it can reach the rest of the comment.
"""

from __future__ import annotations

import re

from roledeck.blockdiff import BlockOp
from roledeck.diff import Change, RoleDiff
from roledeck.mdblocks import code_spans, outside_code
from roledeck.reporters.diff_parts import (
    MARKERS,
    Span,
    blocks_of,
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
"""Characters that could format, link, mention or break a table in a label."""
_PROSE_SPECIAL = re.compile(r"([<@$])")
"""What is escaped in role Markdown (outside code): HTML/JSX, mentions, math."""
_LABELLED = ("frontmatter.tags", "sub_roles", "extra_sections")
_PLAIN_SECTIONS = ("name", "notes")
"""Sections whose text is not Markdown the page renders (a comment is not rendered)."""
_DEL, _END_DEL, _INS, _END_INS = "\x01", "\x02", "\x03", "\x04"
"""Stand-ins for the word marks while checking where they fall: `safe()` has made every
control character of the role's text visible, so these can only be ours."""
_MARKS = {_DEL: "<del>", _END_DEL: "</del>", _INS: "<ins>", _END_INS: "</ins>"}
_UNSAFE_IN_EDIT = re.compile(r"[`*_~\[\]]")


def escape(text: str) -> str:
    """Text that Markdown shows literally, on one line (`<br>` for its line breaks)."""
    escaped = _SPECIAL.sub(r"\\\1", safe(text))
    return "<br>".join(escaped.split("\n"))


def markdown(text: str) -> str:
    """Role Markdown as a comment shows it: as written, HTML, mentions and math escaped."""
    return outside_code(safe(text), lambda part: _PROSE_SPECIAL.sub(r"\\\1", part))


def _is_markdown(change: Change) -> bool:
    return change.section not in _PLAIN_SECTIONS and not change.section.startswith("frontmatter.")


def _text(change: Change, text: str) -> str:
    return markdown(text) if _is_markdown(change) else escape(text)


# -- word marks ------------------------------------------------------------------------------


def marked(spans: list[Span]) -> str | None:
    """Spans as Markdown with `<del>`/`<ins>` marks, or None where a mark would break it."""
    raw: list[str] = []
    for span in spans:
        if span.kind == "delete":
            if _UNSAFE_IN_EDIT.search(span.text):
                return None
            raw.append(f"{_DEL}{span.text}{_END_DEL}")
        elif span.kind == "insert":
            if _UNSAFE_IN_EDIT.search(span.text):
                return None
            raw.append(f"{_INS}{span.text}{_END_INS}")
        else:
            raw.append("…" if span.kind == "elided" else span.text)
    text = " ".join("".join(raw).split("\n"))
    if any(any(c in _MARKS for c in text[a:b]) for a, b in code_spans(text)):
        return None  # a mark inside a code span would show as text
    for word in text.split():
        if any(c in _MARKS for c in word) and "](" in word:
            return None  # nor can a link's address (a URL is one word: never cut by one)
    text = outside_code(text, lambda part: _PROSE_SPECIAL.sub(r"\\\1", part))
    for mark, tag in _MARKS.items():
        text = text.replace(mark, tag)
    return text


def _whole(old: str, new: str) -> str:
    """An edit shown whole: the old text struck through, the new one underlined."""
    return "\n".join(
        [
            f"- <del>{' '.join(markdown(old).split())}</del>",
            f"- <ins>{' '.join(markdown(new).split())}</ins>",
        ]
    )


# -- the unified view ---------------------------------------------------------------------------


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
        lines += _item(diff, change)
    if current is not None:
        lines.append("")
    lines.append(f"**{escape(summary_line(diff))}**")
    return "\n".join(lines) + "\n"


def _item(diff: RoleDiff, change: Change) -> list[str]:
    """A change as a list item: a one-line item for words, nested blocks for the rest."""
    details = [d for d in (line_label(change),) if d]
    if change.kind == "changed" and change.moved:
        details.insert(0, "also moved")
    head = f"**{escape(MARKERS[change.kind])} {escape(item_label(change, diff.titles))}**"
    if details:
        head += f" ({escape(', '.join(details))})"
    head = f"- {head}"
    ops = blocks_of(diff, change)
    if ops is not None:
        return [f"{head}:", "", *_nested(_blocks(ops))]
    if change.kind == "changed":
        if not _is_markdown(change):
            return [f"{head}: {_escaped_spans(unified_spans(change.words))}"]
        words = marked(unified_spans(change.words))
        if words is not None:
            return [f"{head}: {words}"]
        return [f"{head}:", *_nested([_whole(change.old or "", change.new or "")])]
    if change.section in _LABELLED:
        if any("\n" in p for p in change.body):
            return [head, "", *_nested(_paragraphs([markdown(p) for p in change.body]))]
        body = "<br><br>".join(markdown(p) for p in change.body)
        return [head + (f": {body}" if body else "")]
    text = change.new if change.kind in ("added", "moved") else change.old
    shown = _text(change, text or "")
    if "\n" in shown and _is_markdown(change):
        return [f"{head}:", "", *_nested([shown])]
    return [f"{head}: {' '.join(shown.split(chr(10)))}"]


def _escaped_spans(spans: list[Span]) -> str:
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


def _nested(blocks: list[str]) -> list[str]:
    """Blocks inside the list item above: indented under it, a blank line between them."""
    lines: list[str] = []
    for index, block in enumerate(blocks):
        if index:
            lines.append("")
        lines += [f"  {line}" if line.strip() else "" for line in block.split("\n")]
    return lines


def _paragraphs(texts: list[str]) -> list[str]:
    return [text for text in texts if text.strip()]


def _blocks(ops: list[BlockOp]) -> list[str]:
    """A block-by-block change as Markdown blocks: shared ones as they are (those away from
    any edit left out), prose edited by words, code and tables as a `diff` block."""
    out: list[str] = []
    for index, op in enumerate(ops):
        if op.kind == "equal":
            near = any(0 <= k < len(ops) and ops[k].kind != "equal" for k in (index - 1, index + 1))
            if not near:
                if not out or out[-1] != "…":
                    out.append("…")
                continue
            out.append(markdown(_dedent(op.new)))
        elif op.segment != "prose":
            out.append(_diff_block(op))
        elif op.kind == "removed":
            out.append(f"<del>{' '.join(markdown(_dedent(op.old)).split())}</del>")
        elif op.kind == "added":
            out.append(f"<ins>{' '.join(markdown(_dedent(op.new)).split())}</ins>")
        else:
            words = marked(unified_spans(op.words))
            out.append(words if words is not None else _whole(_dedent(op.old), _dedent(op.new)))
    return out


def _dedent(lines: tuple[str, ...]) -> str:
    """A segment's lines without the indentation they share (a nested item's place is not
    what changed)."""
    widths = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return "\n".join(line[cut:] for line in lines)


def _diff_block(op: BlockOp) -> str:
    """A code block or table, its lines marked as in a unified diff, in a `diff` fence
    (GitHub colours it); a code block's own fences are left out, its lines shown as written."""
    if op.kind == "changed":
        marked_lines = [
            ({"equal": " ", "delete": "-", "insert": "+"}[o.op], o.text) for o in op.lines
        ]
    elif op.kind == "added":
        marked_lines = [("+", line) for line in op.new]
    elif op.kind == "removed":
        marked_lines = [("-", line) for line in op.old]
    else:
        marked_lines = [(" ", line) for line in op.new]
    if op.segment == "code":
        marked_lines = [(m, line) for m, line in marked_lines if not _is_fence(line)]
    widths = [len(t) - len(t.lstrip(" ")) for _, t in marked_lines if t.strip()]
    cut = min(widths, default=0)
    body = [f"{mark} {safe(text[cut:])}".rstrip() for mark, text in marked_lines]
    longest = max((len(run) for line in body for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}diff", *body, fence])


def _is_fence(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(("```", "~~~"))


# -- the side-by-side table ---------------------------------------------------------------------


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
            old_cell, new_cell = _cell(diff, entry, "old"), _cell(diff, entry, "new")
            lines.append(f"| {old_cell} | {mark} | {new_cell} |")
        lines.append("")
    lines.append(f"**{escape(summary_line(diff))}**")
    return "\n".join(lines) + "\n"


def _cell(diff: RoleDiff, entry: Change, side: str) -> str:
    text = entry.old if side == "old" else entry.new
    if text is None:
        return ""
    prefix = ""
    if entry.section.startswith("frontmatter."):
        key = entry.section.removeprefix("frontmatter.")
        prefix = f"{escape('tag' if key == 'tags' else key)}: "
    elif entry.section in ("notes", "blocks"):
        where = where_label(entry.old_where if side == "old" else entry.new_where, diff.titles)
        prefix = f"({escape(where)}) " if where else ""
    ops = blocks_of(diff, entry)
    if ops is not None:
        body = _cell_blocks(ops, side)
    elif entry.kind == "changed" and entry.words:
        spans = side_spans(entry.words, "old" if side == "old" else "new")
        words = marked(spans) if _is_markdown(entry) else _escaped_spans(spans)
        if words is None:
            tag = "del" if side == "old" else "ins"
            words = f"<{tag}>{_cell_markdown(text)}</{tag}>"
        body = _in_cell(words)
    elif _is_markdown(entry) and entry.section not in _LABELLED:
        body = _cell_markdown(text)
    else:
        body = escape(text)
    if entry.section in _LABELLED:
        body = f"**{body}**"
    extra = "".join(f"<br>{_cell_markdown(p)}" for p in entry.body)
    return prefix + body + extra


def _in_cell(text: str) -> str:
    """Markdown inside a table cell: one line, and a `|` does not end the cell."""
    return "<br>".join(text.replace("|", "\\|").split("\n"))


def _cell_markdown(text: str) -> str:
    return _in_cell(" ".join(markdown(text).split()) if "\n" not in text else markdown(text))


def _cell_blocks(ops: list[BlockOp], side: str) -> str:
    """One side of a block-by-block change in a cell: prose as Markdown, code and table
    lines as code (a cell holds no blocks), this side's edits struck or underlined."""
    tag = "del" if side == "old" else "ins"
    parts: list[str] = []
    for op in ops:
        lines = op.old if side == "old" else op.new
        if not lines:
            continue
        if op.segment == "prose":
            if op.kind == "changed":
                words = marked(side_spans(op.words, "old" if side == "old" else "new"))
                parts.append(
                    words if words is not None else f"<{tag}>{markdown(_dedent(lines))}</{tag}>"
                )
            elif op.kind == "equal":
                parts.append(" ".join(markdown(_dedent(lines)).split()))
            else:
                parts.append(f"<{tag}>{' '.join(markdown(_dedent(lines)).split())}</{tag}>")
            continue
        if op.kind == "changed":
            skip = "insert" if side == "old" else "delete"
            rows = [(o.op != "equal", o.text) for o in op.lines if o.op != skip]
        else:
            rows = [(op.kind != "equal", line) for line in lines]
        parts += [
            f"<{tag}>{_code(text)}</{tag}>" if edited else _code(text)
            for edited, text in rows
            if not (op.segment == "code" and _is_fence(text))
        ]
    return _in_cell("<br>".join(parts))


def _code(line: str) -> str:
    """A line of code in a cell: `<code>`, its characters shown as written (HTML escaped,
    Markdown punctuation escaped, since GitHub reads Markdown inside inline HTML)."""
    text = safe(line)
    indent = len(text) - len(text.lstrip(" "))
    body = text[indent:].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = re.sub(r"([\\`*_\[\]#!~$@])", r"\\\1", body)  # `|`: `_in_cell` escapes it
    return f"<code>{'&nbsp;' * indent}{body}</code>" if body else ""


def stat(diff: RoleDiff) -> str:
    """Only the summary line (`--stat`), under the usual header."""
    lines = _header(diff)
    lines.append(f"**{escape(summary_line(diff))}**")
    return "\n".join(lines) + "\n"
