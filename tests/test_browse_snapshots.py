"""The screenshots in docs/browse/ (the README shows them) are what the app draws today.

Each scene is driven again at 80×24 and its text compared, cell by cell, with the committed
SVG: the structure of the screen, not its pixels (colours and fonts are the SVG renderer's).
After a deliberate change to the UI: `python -m tests.browse_scenes docs/browse`, then look
at the pictures (docs/browse/README.md).
"""

from __future__ import annotations

import pytest

from .browse_scenes import SCENES, SIZE, scene_catalog, shoot, svg_lines
from .helpers import REPO

SHOTS = REPO / "docs" / "browse"


def test_every_scene_has_a_screenshot_and_no_other_is_kept() -> None:
    assert sorted(p.stem for p in SHOTS.glob("*.svg")) == sorted(SCENES)


@pytest.mark.parametrize("name", list(SCENES))
async def test_the_screen_matches_its_screenshot(name: str) -> None:
    kept = svg_lines((SHOTS / f"{name}.svg").read_text(encoding="utf-8"))
    assert len(kept) == SIZE[1] and any(kept)
    with scene_catalog() as roles:
        now = svg_lines(await shoot(name, roles))
    assert now == kept, "\n".join(now)
