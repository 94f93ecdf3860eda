"""Driving `roles browse` headless, reading its screen, and the screenshots kept in docs/browse/.

`python -m tests.browse_scenes docs/browse` writes one SVG per scene (80×24) of the catalog in
`tests/browsecases.py`; tests/test_browse_snapshots.py checks that the app still draws the
same text in the same places. Look at them as pictures after a change to the UI (headless
Chromium turns an SVG into a PNG: see docs/browse/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerState

from roledeck.cli.common import open_catalog
from roledeck.tui.app import BrowseApp, EditorRunner
from roledeck.tui.main_screen import MainScreen

from .browsecases import make_catalog

SIZE = (80, 24)
CELL = 12.2
"""The width of a cell in Textual's SVG screenshots (rich's `export_svg`)."""

_TEXT = re.compile(
    r'<text class="[^"]*" x="(?P<x>[0-9.]+)" y="[0-9.]+" textLength="(?P<len>[0-9.]+)" '
    r'clip-path="url\(#terminal-[0-9]+-line-(?P<line>[0-9]+)\)">(?P<text>[^<]*)</text>'
)


def svg_lines(svg: str, height: int = SIZE[1]) -> list[str]:
    """The text of a screenshot, line by line, each character in its cell."""
    rows = [[" "] * SIZE[0] for _ in range(height)]
    for match in _TEXT.finditer(svg):
        line = int(match.group("line"))
        text = unescape(match.group("text")).replace("\xa0", " ")
        column = round(float(match.group("x")) / CELL)
        for offset, char in enumerate(text):
            if line < height and column + offset < SIZE[0]:
                rows[line][column + offset] = char
    return ["".join(row).rstrip() for row in rows]


def screen_lines(app: BrowseApp) -> list[str]:
    """What the app shows now, as text."""
    return svg_lines(app.export_screenshot())


def screen_text(app: BrowseApp) -> str:
    return "\n".join(screen_lines(app))


async def settle(pilot: Pilot[None], timeout: float = 20.0) -> None:
    """Wait until no worker is running (files read, reports laid out) and the screen is drawn."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    busy = (WorkerState.PENDING, WorkerState.RUNNING)
    while loop.time() < deadline:
        await pilot.pause(0.02)
        main = app.screen_stack[0] if app.screen_stack else None
        reading = isinstance(main, MainScreen) and main.reading
        if not reading and not any(w.state in busy for w in app.workers):
            await pilot.pause(0.05)
            if not any(w.state in busy for w in app.workers):
                return
    raise AssertionError("the app did not settle")


async def wait_until(pilot: Pilot[None], check: Callable[[], bool], timeout: float = 20.0) -> None:
    """Wait until `check()` holds (polling: no fixed sleep to get wrong on a busy machine)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if check():
            return
        await pilot.pause(0.02)
    assert check(), "timed out waiting"


def make_app(
    roles_dir: Path | str,
    *,
    color: bool = True,
    editor: EditorRunner | None = None,
    watch_interval: float = 0.05,
    environ: dict[str, str] | None = None,
    theme: str = "auto",
) -> BrowseApp:
    config, catalog = open_catalog(roles_dir, None)
    return BrowseApp(
        catalog,
        config,
        theme=theme,
        color=color,
        editor=editor,
        watch_interval=watch_interval,
        environ=environ or {},
    )


async def go_to(pilot: Pilot[None], name: str) -> None:
    """Put the list's cursor on the role called `name` (by typing nothing: moving)."""
    from roledeck.tui.role_list import RoleList

    rows = pilot.app.screen.query_one(RoleList)
    for position, index in enumerate(rows.shown):
        if rows.entries[index].name == name:
            rows.cursor = position
            await pilot.pause()
            return
    raise AssertionError(f"no row {name!r}")


Scene = Callable[[Pilot[None]], Awaitable[None]]


async def _list(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def _filter(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("slash", *"has:coach")
    await settle(pilot)


async def _role(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await go_to(pilot, "DevOps Specialist")
    await pilot.press("enter")
    await settle(pilot)


async def _lint(pilot: Pilot[None]) -> None:
    await _role(pilot)
    await pilot.press("2")
    await settle(pilot)


async def _similar(pilot: Pilot[None]) -> None:
    await _role(pilot)
    await pilot.press("3")
    await settle(pilot)


async def _diff(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await go_to(pilot, "DevOps Engineer")
    await pilot.press("space")
    await go_to(pilot, "DevOps Specialist")
    await pilot.press("d")
    await settle(pilot)


async def _side(pilot: Pilot[None]) -> None:
    await _diff(pilot)
    await pilot.press("s")
    await settle(pilot)


async def _matrix(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)


async def _help(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


SCENES: dict[str, Scene] = {
    "list": _list,
    "filter": _filter,
    "role": _role,
    "lint": _lint,
    "similar": _similar,
    "diff": _diff,
    "diff-side": _side,
    "matrix": _matrix,
    "help": _help,
}


@contextmanager
def scene_catalog() -> Iterator[Path]:
    """The screenshots' catalog, as `roles/` of a fresh folder that is the working directory
    (so the paths shown are the same on every machine)."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        make_catalog(Path(folder) / "roles", hostile=False)
        os.chdir(folder)
        try:
            yield Path("roles")
        finally:
            os.chdir(before)


async def shoot(name: str, roles_dir: Path) -> str:
    """The SVG of one scene."""
    app = make_app(roles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await SCENES[name](pilot)
        return app.export_screenshot(title=f"roles browse: {name}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="write docs/browse/*.svg")
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with scene_catalog() as roles:
        for name in SCENES:
            svg = asyncio.run(shoot(name, roles))
            (out / f"{name}.svg").write_text(svg, encoding="utf-8")
            print(f"wrote {out / name}.svg")


if __name__ == "__main__":
    main()
