"""Content rules: the items of needs and duties, and notes left in the file."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from roledeck.lint.context import FileContext
from roledeck.lint.findings import Problem
from roledeck.lint.registry import file_rule

_NOT_WORD = re.compile(r"[\W_]+")
_MARKUP = re.compile(r"\*\*|__|`")
_TODO = re.compile(r"\b(TODO|FIXME|XXX)\b")


@functools.lru_cache(maxsize=4096)
def item_key(text: str) -> str:
    """An item compared ignoring case, markup and punctuation (`*`, `_`, `` ` `` included).

    Cached: several rules ask for the key of the same item.
    """
    return _NOT_WORD.sub(" ", text.casefold()).strip()


@file_rule("CT001", "duplicate-item")
def duplicate_item(ctx: FileContext) -> Iterator[Problem]:
    """A need or duty appears twice (ignoring case, punctuation and bold).

    **Why**: duplicates creep in when lists are merged or copied from another role.

    **Fails**:
    ```markdown
    - Automating deployments.
    - automating deployments
    ```

    **Passes**: every item different.

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


def _ending(text: str) -> str:
    stripped = _MARKUP.sub("", text).rstrip()
    return stripped[-1] if stripped and stripped[-1] in ".!?;:," else ""


@file_rule("CT002", "inconsistent-punctuation", "warning")
def inconsistent_punctuation(ctx: FileContext) -> Iterator[Problem]:
    """Items of one list end differently: some with a period, others without.

    The list's majority sets the style; the other items are reported.

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
        counts = {e: endings.count(e) for e in set(endings)}
        majority = max(counts, key=lambda e: (counts[e], e == ""))
        if counts[majority] == len(items):
            continue
        style = f"end with '{majority}'" if majority else "have no final punctuation"
        for (line, _), ending in zip(items, endings, strict=True):
            if ending != majority:
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


RULES = [duplicate_item, inconsistent_punctuation, todo_note, empty_item]
