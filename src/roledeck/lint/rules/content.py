"""Content rules: the items of needs and duties, and notes left in the file."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from roledeck.lint.context import FileContext
from roledeck.lint.findings import Problem
from roledeck.lint.registry import file_rule
from roledeck.markdown import without_comments

_WORDISH = re.compile(r"[^\W_]+[+#]*")
"""A word, with the `+` and `#` that name languages ("C++", "C#", "F#") kept on it."""
_MARKUP = re.compile(r"\*\*|__|`")
_TODO = re.compile(r"\b(TODO|FIXME|XXX)\b")


@functools.lru_cache(maxsize=4096)
def item_key(text: str) -> str:
    """An item compared ignoring case, markup and punctuation (`*`, `_`, `` ` `` included).

    "C++" and "C#" stay apart: a `+` or `#` right after a word is part of it. Cached:
    several rules ask for the key of the same item.
    """
    return " ".join(_WORDISH.findall(text.casefold()))


@file_rule("CT001", "duplicate-item")
def duplicate_item(ctx: FileContext) -> Iterator[Problem]:
    """A need or duty appears twice (ignoring case, punctuation and bold).

    **Why**: duplicates creep in when lists are merged or copied from another role.

    **Fails**:
    ```markdown
    - Automating deployments.
    - automating deployments
    ```

    **Passes**: every item different ("Shipping engines written in C++." and "… in C#." are
    two items).

    **Fix**: remove one of the two.
    """
    for label, items in ctx.list_items:
        first: dict[str, int] = {}
        for line, text in items:
            key = item_key(text)
            if not key:
                continue
            if key in first:
                yield Problem(line, f"duplicate {label}: same as line {first[key]}")
            else:
                first[key] = line


_NESTED = re.compile(r"^\s*(?:[-*+]\s|\d{1,9}[.)]\s|```|~~~|>|\|)")
_SENTENCE = ".!?"


def _own_text(text: str) -> str:
    """The item's own text: its first paragraph, up to a nested list, code block, quote or
    table, or a paragraph after a blank line."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines[1:], start=1):
        if _NESTED.match(line) or not line.strip():
            return "\n".join(lines[:index])
    return text


def _ending(text: str) -> str:
    """The item's last punctuation mark as the page shows it (comments show nothing)."""
    own = without_comments(_own_text(text))
    stripped = _MARKUP.sub("", own).rstrip()
    return stripped[-1] if stripped and stripped[-1] in ".!?;:," else ""


def _kind(ending: str) -> str:
    """'.', '!' and '?' all end a sentence: one kind of ending."""
    return "." if ending in _SENTENCE and ending else ending


@file_rule("CT002", "inconsistent-punctuation", "warning")
def inconsistent_punctuation(ctx: FileContext) -> Iterator[Problem]:
    """Items of one list end differently: some with a period, others without.

    The list's majority sets the style; the other items are reported. `.`, `!` and `?` are
    one style (each ends a sentence), and an item ends where its first paragraph does: a
    nested list, code block, table or further paragraph inside it does not count.

    **Why**: mixed endings read as unfinished editing, e.g. the one duty of the Specialist
    that ends with a period.

    **Fails**:
    ```markdown
    - **Automating Infrastructure**
    - **Monitoring and Managing environments.**
    ```

    **Passes**: all items end the same way.

    **Fix**: add or remove the final punctuation as the message says.
    """
    for label, items in ctx.list_items:
        if len(items) < 2:
            continue
        endings = [_ending(text) for _, text in items]
        kinds = [_kind(e) for e in endings]
        counts = {k: kinds.count(k) for k in set(kinds)}
        majority = max(counts, key=lambda k: (counts[k], k == ""))
        if counts[majority] == len(items):
            continue
        written = [e for e, k in zip(endings, kinds, strict=True) if k == majority]
        shown_majority = max(set(written), key=lambda e: (written.count(e), e == "."))
        style = f"end with '{shown_majority}'" if majority else "have no final punctuation"
        for (line, _), ending, kind in zip(items, endings, kinds, strict=True):
            if kind != majority:
                shown = f"ends with '{ending}'" if ending else "has no final punctuation"
                yield Problem(
                    line, f"{label} {shown}, but {counts[majority]} of {len(items)} {style}"
                )


@file_rule("CT003", "todo-note", "warning")
def todo_note(ctx: FileContext) -> Iterator[Problem]:
    """A TODO, FIXME or XXX note is left in the file.

    Both comment syntaxes count: `<!-- TODO: … -->` and `{/* TODO: … */}`.

    **Why**: notes are invisible on the page, so unfinished work ships unnoticed.

    **Fails**:
    ```markdown
    <!-- TODO: add links to sections -->
    ```

    **Passes**: no such note (or the work done and the note removed).

    **Fix**: do what the note says, then remove it.
    """
    for note in ctx.role.notes:
        if _TODO.search(note.text):
            text = note.text if len(note.text) <= 60 else note.text[:57] + "..."
            yield Problem(note.line or 1, f"note left in: '{text}'")


@file_rule("CT004", "empty-item")
def empty_item(ctx: FileContext) -> Iterator[Problem]:
    """A list item of needs or duties is empty.

    **Why**: an empty bullet renders as a blank dot on the page.

    **Fails**:
    ```markdown
    - Automating deployments.
    -
    ```

    **Passes**: every item has text.

    **Fix**: write the item, or remove the bullet.
    """
    for label, items in ctx.list_items:
        for line, text in items:
            if not item_key(text):
                yield Problem(line, f"empty {label}")


@file_rule("CT005", "duplicate-duty-name", "warning")
def duplicate_duty_name(ctx: FileContext) -> Iterator[Problem]:
    """Two duties have the same name (the bold text), whatever their descriptions.

    **Why**: readers scan the bold names; two **Reviews** read as one duty written twice,
    and `roles matrix --by duties` and `roles diff` tell duties apart by their names.

    **Fails**:
    ```markdown
    - **Reviews**: of code
    - **Reviews**: of designs
    ```

    **Passes**:
    ```markdown
    - **Code Reviews**
    - **Design Reviews**
    ```

    **Fix**: name each duty for what sets it apart, or merge the two.
    """
    first: dict[str, tuple[int, str]] = {}
    for duty in ctx.role.duties:
        key = item_key(duty.name)
        if not duty.bold or not key:
            continue
        line = duty.line or 1
        whole = item_key(f"{duty.name} {duty.description or ''}")
        if key not in first:
            first[key] = (line, whole)
        elif first[key][1] != whole:  # the same duty twice is CT001's
            yield Problem(
                line,
                f"duty name '{duty.name}' is also the name of the duty of line {first[key][0]}",
            )


RULES = [duplicate_item, inconsistent_punctuation, todo_note, empty_item, duplicate_duty_name]
