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


def _die_in_a_worker_at(parent: int, fatal: int, value: int) -> tuple[int, int]:
    if value == fatal and os.getpid() != parent:
        os._exit(1)  # a worker killed mid-run (out of memory, a signal)
    return os.getpid(), value


@pytest.mark.skipif(workers.worker_count() < 2, reason="needs two usable processors")
def test_a_pool_that_breaks_midway_leaves_the_rest_to_this_process() -> None:
    items = list(range(300))
    func = partial(_die_in_a_worker_at, os.getpid(), 250)
    results = list(workers.ordered_results(func, items, parallel_from=1))
    assert [value for _, value in results] == items
    here = [value for pid, value in results if pid == os.getpid()]
    assert 250 in here  # the item the pool died on was answered here
    assert len(here) < len(items)  # the ones answered before the break were kept, not redone


def test_results_come_as_they_are_ready_not_all_at_the_end() -> None:
    seen: list[int] = []

    def record(value: int) -> int:
        seen.append(value)
        return value

    stream = workers.ordered_results(record, [1, 2, 3])
    assert next(stream) == 1
    assert seen == [1]  # the second item is not worked on before the first is taken


@pytest.mark.parametrize(("count", "expected"), [(10, 8), (1_000, 31), (10_000, 64)])
def test_batches_stay_small_enough_for_workers_to_finish_together(
    count: int, expected: int
) -> None:
    assert workers.chunk_size(count, 2) == expected
