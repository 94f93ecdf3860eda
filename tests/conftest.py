"""Fixtures shared by every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .helpers import REPO


@pytest.fixture(autouse=True)
def _isolate(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Every test starts in the repository with no ROLES_DIR and an empty cache folder."""
    monkeypatch.chdir(REPO)
    for name in ("ROLES_DIR", "GITHUB_ACTIONS", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ROLES_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
