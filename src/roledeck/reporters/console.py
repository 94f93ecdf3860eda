"""Rendering rich renderables to a string, the one way every rich reporter does it."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.theme import Theme


def render(
    *renderables: RenderableType,
    color: bool,
    width: int = 80,
    soft_wrap: bool = False,
    theme: Theme | None = None,
) -> str:
    """Render to a string: ANSI styles only when `color`; markup and emoji never parsed.

    Without colour, the padding rich adds at line ends is dropped (it only bloats pipes).
    `soft_wrap` keeps each line whole (one finding per line, whatever the width); `theme`
    restyles rich's named styles (the Markdown ones, for `roles show`).
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        theme=theme,
    )
    for renderable in renderables:
        console.print(renderable, soft_wrap=soft_wrap)
    output = buffer.getvalue()
    if color:
        return output
    return "\n".join(line.rstrip() for line in output.split("\n"))
