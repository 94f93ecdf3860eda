"""A table fitted to a terminal's width, laid out as plain lines: `roles list` on a terminal.

rich's `Table` measures and renders every cell as a renderable, which took ~12 s and 240 MiB
for 10,000 rows. Here the columns are measured once over all rows, their widths worked out
once, and each row is then a few padded strings. The widths are the ones rich's table gives
(`tests/test_fitted_table.py` checks it against rich on generated tables) for as long as
rich's layout keeps every column readable; where rich would shrink a column to nothing (a
52-character id on an 80-column terminal dropped the name and tags of every row), columns
stop at a floor instead, ids are cut with "…", and a cell holds at most `max_lines` lines.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len, set_cell_size

Justify = Literal["left", "right", "center"]

ELLIPSIS = "…"
GAP = "  "
"""Between two columns: rich's padding of one space on each side, edges unpadded."""


@dataclass(frozen=True)
class Col:
    """How one column is laid out."""

    header: str
    justify: Justify = "left"
    wrap: bool = True
    """Whether long cells wrap onto more lines; a column that does not is cut with "…"."""
    shrinks: bool = True
    """Whether the column may get narrower than its widest cell (counts and marks do not)."""
    floor: int = 8
    """The width it keeps before other columns are cut (its natural width if narrower)."""
    style: str = ""
    """SGR parameters for its cells when colouring ("36" is cyan)."""
    keep_end: bool = False
    """Cut in the middle ("engineering/…/lead-0042"), keeping the end that tells ids apart."""


def fitted_lines(
    columns: Sequence[Col],
    rows: Sequence[Sequence[str]],
    width: int,
    *,
    color: bool,
    max_lines: int = 2,
) -> Iterator[str]:
    """The header and every row as lines of at most `width` cells (when the columns' floors
    fit), no trailing spaces; cells must hold no newline, tab or control character.

    Rows are laid out a chunk at a time, column by column: a column's cell that repeats (a
    mark, a count) is fitted and padded once.
    """
    widths = column_widths(columns, rows, width)
    head = [
        _fit_cell(col.header, w, col, max_lines)[0] for col, w in zip(columns, widths, strict=True)
    ]
    header = GAP.join(
        _pad(text, w, col.justify) for text, w, col in zip(head, widths, columns, strict=True)
    )
    yield f"\x1b[1;4m{header.rstrip()}\x1b[0m" if color else header.rstrip()
    blanks = [" " * w for w in widths]
    memos: list[dict[str, tuple[str, ...]]] = [{} for _ in columns]
    for first in range(0, len(rows), _CHUNK):
        chunk = rows[first : first + _CHUNK]
        laid = [
            _column(
                col, w, [cells[i] for cells in chunk], color and bool(col.style), max_lines, memo
            )
            for i, (col, w, memo) in enumerate(zip(columns, widths, memos, strict=True))
        ]
        for row in zip(*laid, strict=True):
            height = max(map(len, row))
            if height == 1:
                yield GAP.join([lines[0] for lines in row]).rstrip()
                continue
            for index in range(height):
                parts = [
                    lines[index] if index < len(lines) else blank
                    for lines, blank in zip(row, blanks, strict=True)
                ]
                yield GAP.join(parts).rstrip()


_CHUNK = 512


def _column(
    col: Col,
    width: int,
    texts: list[str],
    styled: bool,
    max_lines: int,
    memo: dict[str, tuple[str, ...]],
) -> list[tuple[str, ...]]:
    """One column's cells of a chunk of rows, each as its padded (maybe styled) lines."""
    out: list[tuple[str, ...]] = []
    append = out.append
    for text in texts:
        done = memo.get(text)
        if done is None:
            lines = _fit_cell(text, width, col, max_lines)
            if styled:
                done = tuple(_styled(line, width, col) for line in lines)
            else:
                done = tuple(_pad(line, width, col.justify) for line in lines)
            if len(memo) < 4096:  # marks and counts repeat; ids and names do not
                memo[text] = done
        append(done)
    return out


def column_widths(columns: Sequence[Col], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Each column's width (without the gaps), measured once over the header and all rows."""
    return layout(columns, rows, width)[0]


def layout(
    columns: Sequence[Col], rows: Sequence[Sequence[str]], width: int
) -> tuple[list[int], bool]:
    """`column_widths`, and whether they are the widths rich's table would give."""
    natural = [
        max(_size(col.header), _widest([cells[i] for cells in rows]))
        for i, col in enumerate(columns)
    ]
    padding = [_padding(i, len(columns)) for i in range(len(columns))]
    collapsed = _collapse(
        [(n + p) or 1 for n, p in zip(natural, padding, strict=True)],
        [col.wrap and col.shrinks for col in columns],
        width,
    )
    widths = [w - p for w, p in zip(collapsed, padding, strict=True)]
    readable = all(
        w >= min(n, col.floor) for w, n, col in zip(widths, natural, columns, strict=True)
    )
    if sum(collapsed) <= width and readable:
        return widths, True
    return _squeeze(columns, natural, width - len(GAP) * (len(columns) - 1)), False


def _padding(index: int, count: int) -> int:
    """rich's padding of a column: one space each side, none at the table's edges."""
    return (index > 0) + (index < count - 1)


def _collapse(widths: list[int], wrapping: list[bool], width: int) -> list[int]:
    """Narrow the widest wrapping columns, together, toward the next widest until the table
    fits, as rich's table does (including how it rounds the excess it shares out)."""
    widths = list(widths)
    excess = sum(widths) - width
    while excess > 0 and any(wrapping):
        widest = max(w for w, wraps in zip(widths, wrapping, strict=True) if wraps)
        next_widest = max(
            (w for w, wraps in zip(widths, wrapping, strict=True) if wraps and w != widest),
            default=0,
        )
        step = min(excess, widest - next_widest)
        if not step:
            break
        sharing = sum(1 for w, wraps in zip(widths, wrapping, strict=True) if wraps and w == widest)
        remaining = excess
        for i, (w, wraps) in enumerate(zip(widths, wrapping, strict=True)):
            if wraps and w == widest:
                cut = min(step, round(remaining / sharing))
                widths[i] = w - cut
                remaining -= cut
                sharing -= 1
        excess = sum(widths) - width
    return widths


def _squeeze(columns: Sequence[Col], natural: list[int], room: int) -> list[int]:
    """Widths that keep every column when rich's would not: wrapping columns narrow to their
    floor first, then columns that are cut ("…") to theirs, then both to their header's width
    (at least one cell). Columns that must not shrink never do; if even that is too wide, the
    lines are longer than `room` and the terminal wraps them: no column is ever dropped."""
    widths = list(natural)
    floors = [min(n, col.floor) for n, col in zip(natural, columns, strict=True)]
    least = [min(n, max(1, _size(col.header))) for n, col in zip(natural, columns, strict=True)]
    for allowed, lower in (
        ([col.shrinks and col.wrap for col in columns], floors),
        ([col.shrinks for col in columns], floors),
        ([col.shrinks for col in columns], least),
    ):
        excess = sum(widths) - room
        while excess > 0:
            candidates = [i for i, ok in enumerate(allowed) if ok and widths[i] > lower[i]]
            if not candidates:
                break
            top = max(widths[i] for i in candidates)
            widest = [i for i in candidates if widths[i] == top]
            below = [widths[i] for i in candidates if widths[i] < top]
            level = max([*below, *(lower[i] for i in widest)])
            step = min(top - level, max(1, excess // len(widest)))
            for i in widest:  # the widest together, a step at most, down to the next width
                cut = min(step, excess, widths[i] - lower[i])
                widths[i] -= cut
                excess -= cut
    return widths


def _fit_cell(text: str, width: int, col: Col, max_lines: int) -> list[str]:
    """A cell's lines within `width`: whole, wrapped (at most `max_lines`), or cut."""
    if _size(text) <= width:
        return [text]
    if not col.wrap:
        return [cut_middle(text, width) if col.keep_end else cut(text, width)]
    lines = wrap(text, width)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = cut(lines[-1], width, more=True)
    return lines


def cut(text: str, width: int, *, more: bool = False) -> str:
    """`text` in at most `width` cells, ending in "…" when it is longer (or, with `more`,
    when text follows that is not shown)."""
    if _size(text) <= width and not more:
        return text
    if more and _size(text) < width:
        return text + ELLIPSIS
    if width <= 1:
        return ELLIPSIS[:width]
    if text.isascii():
        return text[: width - 1].rstrip() + ELLIPSIS
    return set_cell_size(text, width - 1).rstrip() + ELLIPSIS


def cut_middle(text: str, width: int) -> str:
    """`text` in at most `width` cells, its middle replaced by "…" when it is longer: the
    start and the end, which is what tells nested ids apart, stay."""
    if _size(text) <= width:
        return text
    if width <= 2:
        return cut(text, width)
    tail = (width - 1) // 2
    head = width - 1 - tail
    if text.isascii():
        return text[:head] + ELLIPSIS + text[-tail:]
    return set_cell_size(text, head).rstrip() + ELLIPSIS + _tail(text, tail)


def _tail(text: str, cells: int) -> str:
    """The end of `text` that fits in `cells`, not starting with a mark of a character cut."""
    start, used = len(text), 0
    while start > 0 and used + cell_len(text[start - 1]) <= cells:
        start -= 1
        used += cell_len(text[start])
    while start < len(text) and cell_len(text[start]) == 0:
        start += 1
    return text[start:]


def wrap(text: str, width: int) -> list[str]:
    """`text` wrapped at spaces into lines of at most `width` cells, words longer than a line
    folded, trailing spaces dropped: rich's wrapping of a left-justified cell that folds.

    ASCII text is wrapped here (rich's `Text.wrap` costs ~33 µs a cell, too much for 10,000
    rows); other text by rich itself, which knows the width of every character.
    """
    width = max(1, width)
    if not text.isascii():
        return _rich_wrap(text, width)
    lines: list[str] = []
    line = ""
    for word in _words(text):
        bare = len(word.rstrip())
        if width - len(line) >= bare:
            line += word
        elif bare > width:
            if line:
                lines.append(line)
            pieces = [word[i : i + width] for i in range(0, len(word), width)]
            lines.extend(pieces[:-1])
            line = pieces[-1]
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return [part.rstrip() for part in lines]


def _words(text: str) -> Iterator[str]:
    """Each word with the spaces after it; the text's leading spaces go with its first word."""
    start = 0
    length = len(text)
    while start < length:
        end = start
        while end < length and text[end].isspace():
            end += 1
        if end == length:
            return  # only spaces left: they belong to the word before
        while end < length and not text[end].isspace():
            end += 1
        while end < length and text[end].isspace():
            end += 1
        yield text[start:end]
        start = end


_CONSOLE = None


def _rich_wrap(text: str, width: int) -> list[str]:
    global _CONSOLE  # one console for the whole table: creating one costs ~1 ms
    from rich.console import Console
    from rich.text import Text

    if _CONSOLE is None:
        _CONSOLE = Console(file=io.StringIO(), width=1000, color_system=None, legacy_windows=False)
    wrapped = Text(text).wrap(_CONSOLE, width, justify="left", overflow="fold")
    return [line.plain.rstrip() for line in wrapped]


def _widest(texts: list[str]) -> int:
    """The widest of a column's cells, measured in one pass when they are all ASCII."""
    if not texts:
        return 0
    return max(map(len, texts)) if "".join(texts).isascii() else max(map(cell_len, texts))


def _size(text: str) -> int:
    """Display width: characters for ASCII text (cells hold no control characters)."""
    return len(text) if text.isascii() else cell_len(text)


def _pad(text: str, width: int, how: Justify) -> str:
    """`text` padded to `width` cells, as rich justifies a cell (centre: extra space right)."""
    left, core, right = _placed(text, width, how)
    return f"{left}{core}{right}"


def _styled(text: str, width: int, col: Col) -> str:
    """A padded cell with its text in the column's style (the padding left plain)."""
    left, core, right = _placed(text, width, col.justify)
    return f"{left}\x1b[{col.style}m{core}\x1b[0m{right}" if core else left + right


def _placed(text: str, width: int, how: Justify) -> tuple[str, str, str]:
    """The spaces before `text`, the text, and the spaces after it in a cell of `width`.

    A right or centred cell's text loses its trailing spaces first, as in rich.
    """
    if how != "left":
        text = text.rstrip()
    room = max(0, width - _size(text))
    if how == "left":
        return "", text, " " * room
    if how == "right":
        return " " * room, text, ""
    return " " * (room // 2), text, " " * (room - room // 2)
