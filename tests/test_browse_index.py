"""`roles browse` reads its rows through the name index (issue 21): the second opening of a
catalog of `INDEX_FROM` files or more parses nothing and shows the very rows the first one
(which built the index) and a scan of every file show."""

from __future__ import annotations

from pathlib import Path

import pytest

from roledeck import catalog, nameindex
from roledeck.cli.common import open_catalog
from roledeck.tui.app import BrowseApp
from roledeck.tui.role_list import RoleList

from .browse_scenes import SIZE, screen_lines, settle
from .browsecases import make_catalog, profile
from .helpers import write


@pytest.fixture
def large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The varied catalog (broken files, accents, markup in names) and 40 more profiles:
    past the real `INDEX_FROM`, so the index is used as it is for a user."""
    root = make_catalog(tmp_path / "roles")
    for n in range(40):
        subs = ("The Developer", "The Coach") if n % 2 else ("The Manager",)
        write(root / "team" / f"role-{n:02d}.md", profile(f"Role {n}", tags="[role]", subs=subs))
    assert len(catalog.discover(root)) > catalog.INDEX_FROM
    monkeypatch.chdir(tmp_path)
    return Path("roles")


def _rows(app: BrowseApp) -> list[tuple[object, ...]]:
    """Every row of the list, in the order shown, as what it shows and stands for."""
    rl = app.screen_stack[0].query_one(RoleList)
    return [
        (e.path, e.name, e.id, e.tags, e.kinds, e.needs, e.duties, e.broken)
        for e in (rl.entries[i] for i in rl.shown)
    ]


async def _open(roles: Path, *, index: bool = True) -> tuple[list[tuple[object, ...]], list[str]]:
    config, cat = open_catalog(roles, None)
    cat.name_index = index
    app = BrowseApp(cat, config, watch_interval=60.0, environ={})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        return _rows(app), screen_lines(app)


async def test_a_warm_index_gives_the_rows_of_the_first_opening(
    large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = nameindex.read_row

    def counting(path: str, **options: object) -> object:
        parsed.append(path)
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(nameindex, "read_row", counting)
    monkeypatch.setattr(nameindex, "RACY_NS", 0)  # files just written: racy rows aside
    scanned = await _open(large, index=False)
    assert parsed == []  # a scan of every file: not through the index
    cold = await _open(large)
    assert len(parsed) == len(catalog.discover(large))  # the first opening builds the index
    parsed.clear()
    warm = await _open(large)
    assert parsed == []  # the second reads it
    assert scanned == cold == warm
    rows, lines = warm
    assert len(rows) > catalog.INDEX_FROM and sum(1 for row in rows if row[-1]) == 2
    assert rows_of(rows, "Role 7")[:3] == ("roles/team/role-07.md", "Role 7", "team/role-07")
    assert rows_of(rows, "Role 7")[4:7] == (("developer", "coach"), 1, 1)
    assert f"{len(rows) - 2} roles · 2 unreadable" in lines[-2]


def rows_of(rows: list[tuple[object, ...]], name: str) -> tuple[object, ...]:
    return next(row for row in rows if row[1] == name)
