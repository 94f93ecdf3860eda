"""The worker-process map that lint and list use for large catalogs."""

from __future__ import annotations

import os
from functools import partial

import pytest

from roledeck import workers


def _pid_and_square(offset: int, value: int) -> tuple[int, int]:
    return os.getpid(), value * value + offset


def test_small_inputs_stay_in_this_process() -> None:
    results = workers.ordered_map(partial(_pid_and_square, 0), [1, 2, 3])
    assert results == [(os.getpid(), 1), (os.getpid(), 4), (os.getpid(), 9)]


@pytest.mark.skipif(workers.worker_count() < 2, reason="needs two usable processors")
def test_large_inputs_go_to_workers_and_keep_their_order() -> None:
    items = list(range(200))
    results = workers.ordered_map(partial(_pid_and_square, 1), items, parallel_from=10)
    assert [value for _, value in results] == [i * i + 1 for i in items]
    assert os.getpid() not in {pid for pid, _ in results}


def test_no_processes_to_be_had_means_doing_it_here(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(workers, "worker_count", lambda: 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    results = workers.ordered_map(partial(_pid_and_square, 0), [5, 6], parallel_from=1)
    assert results == [(os.getpid(), 25), (os.getpid(), 36)]


def _recurse_in_a_worker(parent: int, value: int) -> int:
    if os.getpid() != parent:
        raise RecursionError("maximum recursion depth exceeded")
    return value


@pytest.mark.skipif(workers.worker_count() < 2, reason="needs two usable processors")
def test_a_recursion_error_in_a_worker_is_not_taken_for_a_broken_pool() -> None:
    # were it taken for one, the map would quietly run again here, where it succeeds
    with pytest.raises(RecursionError):
        workers.ordered_map(
            partial(_recurse_in_a_worker, os.getpid()), list(range(20)), parallel_from=1
        )
