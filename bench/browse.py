"""`roles browse` on a catalog, headless, for `make bench`: open, wait for the whole list, quit.

Usage::

    python bench/browse.py DIR                 # open at 80x24, wait until every row is listed
    python bench/browse.py DIR --type lead0    # then type a filter, one key at a time
    python bench/browse.py DIR --type lead0 --repeat 5   # five times, cleared in between

The harness times the whole process (imports included), as for every other row. This script
also prints, for people, when the first rows and the last row were on screen and how long
each key of the filter took on average (keys sent as the terminal sends them, timed until
the list shows the result), all from its own start.

Run with the interpreter roledeck is installed in (`make bench` uses .venv's).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

STARTED = time.perf_counter()

from textual import events  # noqa: E402
from textual.widgets import Input  # noqa: E402

from roledeck.cli.common import open_catalog  # noqa: E402  (timed from the very start)
from roledeck.tui.app import BrowseApp  # noqa: E402
from roledeck.tui.main_screen import MainScreen  # noqa: E402
from roledeck.tui.role_list import RoleList  # noqa: E402

KEYS = {" ": "space"}
"""Characters whose key has a name of its own."""

LIMIT = 120.0
"""Seconds after which the script gives up waiting for the list (exit 1)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("catalog")
    parser.add_argument("--type", default="", help="a filter to type once the list is full")
    parser.add_argument("--repeat", type=int, default=1, help="type it this many times")
    args = parser.parse_args(argv)
    config, catalog = open_catalog(args.catalog, None)
    app = BrowseApp(catalog, config)
    report: dict[str, float | int] = {}

    async def until(check) -> None:  # type: ignore[no-untyped-def]
        while not check():
            if time.perf_counter() - STARTED > LIMIT:
                raise TimeoutError("the app did not answer")
            await asyncio.sleep(0.001)

    async def drive(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = app.screen
        assert isinstance(screen, MainScreen)
        rows = screen.query_one(RoleList)
        first = None
        while screen.reading or not rows.shown:
            if first is None and rows.shown:
                first = time.perf_counter() - STARTED
            if time.perf_counter() - STARTED > LIMIT:
                app.exit(1)
                return
            await asyncio.sleep(0.005)
        report["first rows"] = first if first is not None else time.perf_counter() - STARTED
        report["whole list"] = time.perf_counter() - STARTED
        report["rows"] = len(rows.shown)
        if args.type:
            # keys as the terminal driver sends them, back to back as a fast typist would,
            # each handled in turn (Input.Changed, the filter, the list redrawn); timed until
            # the list shows the last one, not through the pilot's own idle waits
            input_box = screen.query_one(Input)
            typed = 0.0
            for _ in range(args.repeat):
                await pilot.press("escape", "slash")  # untimed: a clear filter, focused
                await until(lambda: app.focused is input_box and screen.filtered_by == "")
                began = time.perf_counter()
                for key in args.type:
                    event = events.Key(KEYS.get(key, key), key)
                    event.set_sender(app)
                    app._driver.send_message(event)  # as the terminal driver hands keys over
                await until(lambda: screen.filtered_by == args.type)
                await asyncio.sleep(0)
                typed += time.perf_counter() - began
            report["mean key"] = typed / (args.repeat * len(args.type))
            report["rows after filter"] = len(rows.shown)
        app.exit(0)

    code = app.run(headless=True, size=(80, 24), auto_pilot=drive)
    for name, value in report.items():
        shown = f"{value:.3f} s" if isinstance(value, float) else f"{value:,}"
        print(f"{name}: {shown}")
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
