"""A changed text that holds code, a table or several blocks, compared block by block.

`diff` compares items by their words, which is right for prose: a reflowed sentence is the
same sentence. Code and tables are different: their lines are the unit, and indentation is
meaning. So a changed item whose text is more than one paragraph is cut into segments
(`mdblocks.segments`), the segments of both sides are aligned, and each pair is compared as
what it is: prose by words (`diff.word_ops`), code and tables by lines. The views show the
result; the comparison itself (`diff.diff_roles`) and its JSON are unchanged by it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Literal

from roledeck.diffpairs import WordOp, word_ops
from roledeck.mdblocks import Segment, SegmentKind, segments
from roledeck.normalize import normalize, tokenize, word_similarity

BlockOpKind = Literal["equal", "changed", "added", "removed"]
LineOpKind = Literal["equal", "delete", "insert"]

PROSE_SIMILARITY = 0.3
"""Two paragraphs less alike than this are shown as one removed and one added, not edited."""


class LineOp:
    """One line of a changed code block or table: shared, removed or added."""

    __slots__ = ("op", "text")

    def __init__(self, op: LineOpKind, text: str) -> None:
        self.op: LineOpKind = op
        self.text = text

    def __repr__(self) -> str:
        return f"LineOp({self.op!r}, {self.text!r})"


class BlockOp:
    """One segment of the comparison: the same on both sides, edited, or on one side only.

    `old`/`new` are the segment's lines on each side (empty on the side it is absent from);
    an edited prose segment has its `words`, an edited code block or table its `lines`.
    """

    __slots__ = ("kind", "lines", "new", "old", "segment", "words")

    def __init__(
        self,
        kind: BlockOpKind,
        segment: SegmentKind,
        old: tuple[str, ...] = (),
        new: tuple[str, ...] = (),
        words: tuple[WordOp, ...] = (),
        lines: tuple[LineOp, ...] = (),
    ) -> None:
        self.kind: BlockOpKind = kind
        self.segment: SegmentKind = segment
        self.old = old
        self.new = new
        self.words = words
        self.lines = lines

    def __repr__(self) -> str:
        return f"BlockOp({self.kind!r}, {self.segment!r}, {self.old!r}, {self.new!r})"

    @property
    def indent(self) -> str:
        """The indentation of the segment's first line (the new side's, if it has one)."""
        first = (self.new or self.old or ("",))[0]
        return first[: len(first) - len(first.lstrip(" \t"))]


def by_blocks(old: str | None, new: str | None) -> bool:
    """Whether a change between `old` and `new` reads better block by block than as one
    run of words: either side holds code, a table, or more than one paragraph or item."""
    for text in (old, new):
        if text and ("\n" in text or text.startswith("    ")):
            found = segments(text)
            if len(found) > 1 or any(s.kind != "prose" for s in found):
                return True
    return False


def block_ops(
    old: str, new: str, old_name: str | None = None, new_name: str | None = None
) -> list[BlockOp]:
    """The segments of `old` and `new`, aligned; `*_name` are the roles' names, read as one
    placeholder in prose as `diff` does (None: compare the text as written)."""
    a, b = segments(old), segments(new)
    keys_a = [_key(s, old_name) for s in a]
    keys_b = [_key(s, new_name) for s in b]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    out: list[BlockOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [
                BlockOp("equal", a[i].kind, a[i].lines, b[j].lines)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        out += _replaced(a[i1:i2], b[j1:j2], old_name, new_name)
    return out


def _key(segment: Segment, name: str | None) -> str:
    if segment.kind == "prose":
        return "p " + normalize(segment.text, name)
    if segment.kind == "table":
        return "t " + "\n".join(_row_key(line) for line in segment.lines)
    return "c " + "\n".join(line.rstrip() for line in segment.lines)


def _row_key(line: str) -> str:
    """A table row as compared: cells padded differently are the same cells."""
    return " ".join(line.strip().strip("|").replace("|", " | ").split())


def _replaced(
    olds: list[Segment], news: list[Segment], old_name: str | None, new_name: str | None
) -> list[BlockOp]:
    """Segments replaced by others: those of a kind paired in order, the rest one-sided."""
    out: list[BlockOp] = []
    start = 0
    for segment in olds:
        match = next(
            (
                j
                for j in range(start, len(news))
                if news[j].kind == segment.kind and _alike(segment, news[j], old_name, new_name)
            ),
            None,
        )
        if match is None:
            out.append(BlockOp("removed", segment.kind, old=segment.lines))
            continue
        out += [BlockOp("added", s.kind, new=s.lines) for s in news[start:match]]
        out.append(_edited(segment, news[match], old_name, new_name))
        start = match + 1
    out += [BlockOp("added", s.kind, new=s.lines) for s in news[start:]]
    return _removals_first(out)


def _alike(a: Segment, b: Segment, old_name: str | None, new_name: str | None) -> bool:
    if a.kind != "prose":
        return True  # a code block or table edited in place is still that block
    words_a = normalize(a.text, old_name).lower().split()
    words_b = normalize(b.text, new_name).lower().split()
    return word_similarity(words_a, words_b, PROSE_SIMILARITY) >= PROSE_SIMILARITY


def _edited(a: Segment, b: Segment, old_name: str | None, new_name: str | None) -> BlockOp:
    if a.kind == "prose":
        words = word_ops(tokenize(a.text, old_name), tokenize(b.text, new_name))
        return BlockOp("changed", "prose", a.lines, b.lines, words=words)
    key: Callable[[str], str] = _row_key if a.kind == "table" else str.rstrip
    return BlockOp("changed", a.kind, a.lines, b.lines, lines=line_ops(a.lines, b.lines, key))


def _removals_first(ops: list[BlockOp]) -> list[BlockOp]:
    """Within a run of one-sided segments, the removed ones before the added ones, as a
    line diff lists them."""
    out: list[BlockOp] = []
    run: list[BlockOp] = []
    for op in ops:
        if op.kind in ("added", "removed"):
            run.append(op)
            continue
        out += sorted(run, key=lambda o: o.kind != "removed")
        run = []
        out.append(op)
    out += sorted(run, key=lambda o: o.kind != "removed")
    return out


def line_ops(
    old: tuple[str, ...], new: tuple[str, ...], key: Callable[[str], str] = str.rstrip
) -> tuple[LineOp, ...]:
    """The lines of `old` and `new` as shared, removed and added ones (`key` says which
    lines are the same: trailing spaces never count)."""
    matcher = difflib.SequenceMatcher(
        None, [key(x) for x in old], [key(x) for x in new], autojunk=False
    )
    out: list[LineOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [LineOp("equal", line) for line in new[j1:j2]]
            continue
        out += [LineOp("delete", line) for line in old[i1:i2]]
        out += [LineOp("insert", line) for line in new[j1:j2]]
    return tuple(out)
