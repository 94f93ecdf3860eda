"""`roles browse` on a catalog, headless, for `make bench`: open, wait for the whole list, quit.

Usage::

    python bench/browse.py DIR                 # open at 80x24, wait until every row is listed
    python bench/browse.py DIR --type lead0    # then type a filter, one key at a time

The harness times the whole process (imports included), as for every other row. This script
also prints, for people, when the first rows and the last row were on screen and how long
the slowest key press of the filter took, all from its own start.

Run with the interpreter roledeck is installed in (`make bench` uses .venv's).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

STARTED = time.perf_counter()

from roledeck.cli.common import open_catalog  # noqa: E402  (timed from the very start)
from roledeck.tui.app import BrowseApp  # noqa: E402
from roledeck.tui.main_screen import MainScreen  # noqa: E402
from roledeck.tui.role_list import RoleList  # noqa: E402

LIMIT = 120.0
"""Seconds after which the script gives up waiting for the list (exit 1)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("catalog")
    parser.add_argument("--type", default="", help="a filter to type once the list is full")
    args = parser.parse_args(argv)
    config, catalog = open_catalog(args.catalog, None)
    app = BrowseApp(catalog, config)
    report: dict[str, float | int] = {}

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
            await pilot.press("slash")
            slowest = 0.0
            for key in args.type:
                began = time.perf_counter()
                await pilot.press(key)
                slowest = max(slowest, time.perf_counter() - began)
            report["slowest key"] = slowest
            report["rows after filter"] = len(rows.shown)
        app.exit(0)

    code = app.run(headless=True, size=(80, 24), auto_pilot=drive)
    for name, value in report.items():
        shown = f"{value:.3f} s" if isinstance(value, float) else f"{value:,}"
        print(f"{name}: {shown}")
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
