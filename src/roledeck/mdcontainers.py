"""What Docusaurus adds to CommonMark's blocks: admonitions, MDX comments, ESM lines.

CommonMark reads `:::tip … :::` as paragraphs (split at blank lines) and a `{/* … */}`
comment spanning blank lines as several; Docusaurus reads each as one block. They are
recognised on top of the parser's blocks, in bounded time whatever the input.
"""

from __future__ import annotations

import re

from roledeck.mdmodel import BlockKind, Body, MdBlock

_ADMONITION_OPEN = re.compile(r"(:{3,})[A-Za-z][\w-]*")
_ADMONITION_CLOSE = re.compile(r"[ \t]*(:{3,})[ \t]*")
_ESM = re.compile(r"(?:import|export)[ \t\n{*]")


def paragraph_kind(text: str) -> BlockKind:
    """What Docusaurus makes of a paragraph CommonMark sees as text."""
    head = text[:4]
    if head == "{/* " or text.startswith("{/*"):
        if text.endswith("*/}") and text.find("*/}", 3) == len(text) - 3:
            return "note"
        return "para"
    if head[:3] == ":::" and _ADMONITION_OPEN.match(text):
        return "admonition"
    if head[:1] in ("i", "e") and _ESM.match(text):
        return "esm"
    return "para"


MAX_CONTAINER = 256
"""Blocks an admonition may span: looking further for its end would make a file of many
unclosed `:::` quadratic."""


def merge_containers(blocks: list[MdBlock], text: str, body: Body) -> None:
    """Blocks CommonMark splits but Docusaurus reads as one: admonitions, MDX comments.

    An admonition runs from its `:::name` line to a line of at least as many colons, blank
    lines and nested admonitions included; a `{/*` comment to its `*/}`. Unclosed ones stay
    as CommonMark read them (the build reports them; lint does too).
    """
    if ":::" not in text and "{/*" not in text:
        return  # nothing to merge: most files
    closers = _next_closer(blocks, text)
    fences = [_fences(block, text) for block in blocks]
    merged: list[MdBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        last = _container_end(blocks, index, text, closers, fences)
        if last is None or last == index:
            merged.append(block)
            index += 1
            continue
        end = blocks[last].end
        source = text[block.begin : end].rstrip("\n")
        kind: BlockKind = "admonition" if block.kind == "admonition" else "note"
        new = MdBlock(kind, source, block.line, begin=block.begin, end=end)
        if kind == "note":
            new.text, new.syntax = source[3:-3].strip(), "mdx"
        merged.append(new)
        index = last + 1
    blocks[:] = merged


def _next_closer(blocks: list[MdBlock], text: str) -> list[int]:
    """For each block, the index of the first block at or after it holding `*/}` (or -1)."""
    found = [-1] * len(blocks)
    following = -1
    for index in range(len(blocks) - 1, -1, -1):
        if "*/}" in text[blocks[index].begin : blocks[index].end]:
            following = index
        found[index] = following
    return found


def _fences(block: MdBlock, text: str) -> list[int]:
    """A paragraph's colon fences, in order: +n opens with n colons, -n closes with n."""
    if block.kind not in ("para", "admonition"):
        return []
    source = text[block.begin : block.end]
    if ":::" not in source:
        return []
    found = []
    for line in source.rstrip("\n").split("\n"):
        if ":::" not in line[:8]:
            continue
        opened = _ADMONITION_OPEN.match(line)
        if opened:
            found.append(len(opened.group(1)))
        elif closing := _ADMONITION_CLOSE.fullmatch(line):
            found.append(-len(closing.group(1)))
    return found


def _container_end(
    blocks: list[MdBlock], index: int, text: str, closers: list[int], fences: list[list[int]]
) -> int | None:
    """Index of the block that closes a container opened by blocks[index], if one does."""
    block = blocks[index]
    if block.kind == "para" and block.text.startswith("{/*") and "*/}" not in block.text:
        later = closers[index + 1] if index + 1 < len(blocks) else -1
        if later < 0:
            return None
        return (
            later
            if text[blocks[later].begin : blocks[later].end].rstrip().endswith("*/}")
            else None
        )
    if block.kind != "admonition":
        return None
    own = fences[index]
    if not own or own[0] < 0:
        return None
    open_stack = [own[0]]
    for later in range(index, min(len(blocks), index + MAX_CONTAINER)):
        for fence in fences[later][1:] if later == index else fences[later]:
            if fence > 0:
                open_stack.append(fence)
            elif -fence >= open_stack[-1]:
                open_stack.pop()
                if not open_stack:
                    return later
    return None
