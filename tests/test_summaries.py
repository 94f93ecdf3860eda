"""`Catalog.summaries`: what `roles list` shows, parsed in worker processes for large catalogs."""

from __future__ import annotations

import pickle
from functools import partial
from pathlib import Path

import pytest

from roledeck import workers
from roledeck.catalog import Catalog, summarize_profile
from roledeck.config import ProfilesConfig
from roledeck.errors import RoleError
from roledeck.summary import RoleSummary, summary
from roledeck.vocabulary import Vocabulary

from .helpers import write
from .lintcases import clean

Item = RoleSummary | RoleError


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    """Profiles in nested folders, a page that is not a profile, and three unreadable files."""
    root = tmp_path / "docs"
    for index in range(6):
        write(root / f"team{index % 2}" / f"r{index}.md", clean(f"Role {index}", position=index))
    write(root / "a-guide.md", "---\ntags: [guide]\n---\n# A Guide\n")
    write(root / "b-unclosed.md", "---\ntitle: x\n")
    write(root / "team1" / "c-bad-yaml.md", "---\ntitle: [oops\n---\n# X\n")
    write(root / "z-too-big.md", clean("Big One") + "x" * 5000)
    write(
        root / "ops.md",
        clean("Operator")
        .replace("### The Coach", "### The Wizard")
        .replace("tags: [qa", "tags: [x"),
    )
    vocabulary = Vocabulary(sub_roles={"developer": ["The Developer"], "wizard": ["The Wizard"]})
    profiles = ProfilesConfig(tags=["role"])
    return Catalog(root, vocabulary=vocabulary, max_bytes=4000, profiles=profiles)


def _comparable(items: list[Item]) -> list[object]:
    """Errors do not compare equal by value: compare what `roles list` prints of them."""
    return [(i.located(), i.code) if isinstance(i, RoleError) else i for i in items]


def _serial(catalog: Catalog) -> list[Item]:
    return [i if isinstance(i, RoleError) else summary(i) for i in catalog.each()]


def test_same_results_as_each_in_path_order_errors_included(catalog: Catalog) -> None:
    items = catalog.summaries()
    assert _comparable(items) == _comparable(_serial(catalog))
    shown = [
        Path(i.path or "").name if isinstance(i, RoleError) else Path(i.source or "").name
        for i in items
    ]
    # a-guide.md is not a profile (no `role` tag); every other file is there, in path order
    assert shown == [
        "b-unclosed.md",
        "ops.md",
        "r0.md",
        "r2.md",
        "r4.md",
        "c-bad-yaml.md",
        "r1.md",
        "r3.md",
        "r5.md",
        "z-too-big.md",
    ]
    assert [i.code for i in items if isinstance(i, RoleError)] == ["FM002", "FM004", "IO002"]
    ops = next(i for i in items if isinstance(i, RoleSummary) and i.id == "ops")
    assert ops.sub_roles == ["developer", "wizard"]  # read with the catalog's vocabulary


def test_worker_processes_give_the_same_results(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    serial = catalog.summaries()
    pools: list[int] = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, workers: int) -> None:
            pools.append(workers)
            super().__init__(workers)

    monkeypatch.setattr(workers, "worker_count", lambda: 2)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    assert _comparable(catalog.summaries()) == _comparable(serial)
    assert pools == [2]


def test_the_worker_function_and_its_results_pickle(catalog: Catalog) -> None:
    catalog.vocabulary.matcher  # noqa: B018 - a used vocabulary caches compiled patterns
    summarize = partial(
        summarize_profile,
        vocabulary=catalog.vocabulary,
        max_bytes=catalog.max_bytes,
        profiles=catalog.profiles,
    )
    again = pickle.loads(pickle.dumps(summarize))
    paths = catalog.files()
    assert _comparable([again(p) for p in paths]) == _comparable([summarize(p) for p in paths])
    error = next(e for e in catalog.summaries() if isinstance(e, RoleError))
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.located(), copy.code, copy.line) == (error.located(), error.code, error.line)
