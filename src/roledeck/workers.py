"""Worker processes for commands that read a whole large catalog (`roles lint`, `roles list`).

Parsing a role file is pure Python, so one process uses one core; above a few hundred files
the cost of starting workers is repaid. Results come back in input order, so output stays
deterministic whatever the number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 400
"""Below this many items, worker processes cost more than they save."""

MAX_WORKERS = 8


def worker_count() -> int:
    """The processors this process may use (the affinity mask, not the machine's count)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        usable = os.cpu_count() or 1
    return min(usable, MAX_WORKERS)


def ordered_map(
    func: Callable[[Item], Result], items: Sequence[Item], *, parallel_from: int | None = None
) -> list[Result]:
    """`[func(item) for item in items]`, in worker processes when there are many items."""
    return list(ordered_results(func, items, parallel_from=parallel_from))


def ordered_results(
    func: Callable[[Item], Result], items: Sequence[Item], *, parallel_from: int | None = None
) -> Iterator[Result]:
    """`func(item)` for each item, in input order, as each becomes ready.

    Large inputs go to worker processes, so the caller can do its own part of the work
    (caching, collecting) while they run instead of after. `func` and the items must be
    picklable (a module-level function, or a `functools.partial` of one). Where processes
    cannot be had (some sandboxes) or the pool breaks, the items not yet answered are done
    here instead.
    """
    workers = worker_count()
    threshold = PARALLEL_FROM if parallel_from is None else parallel_from
    done = 0
    if len(items) >= threshold and workers >= 2:
        from concurrent.futures import ProcessPoolExecutor

        try:
            pool = ProcessPoolExecutor(workers)
            try:
                for result in pool.map(func, items, chunksize=chunk_size(len(items), workers)):
                    yield result
                    done += 1
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
        except RecursionError:  # raised by `func` in a worker (a RuntimeError): a bug
            raise
        except (OSError, RuntimeError):  # no fork, no semaphores, a killed worker
            pass
    for item in items[done:]:
        yield func(item)


def chunk_size(count: int, workers: int) -> int:
    """Items sent to a worker at a time.

    Small enough that the workers finish together (one worker still busy with a big last
    batch while the other waits was a twentieth of a 10,000-file lint), large enough that
    sending batches costs little.
    """
    return max(8, min(64, count // (workers * 16)))
