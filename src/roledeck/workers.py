"""Worker processes for commands that read a whole large catalog (`roles lint`, `roles list`).

Parsing a role file is pure Python, so one process uses one core; above a few hundred files
the cost of starting workers is repaid. Results come back in input order, so output stays
deterministic whatever the number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
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
    """`[func(item) for item in items]`, in worker processes when there are many items.

    `func` and the items must be picklable (a module-level function, or a `functools.partial`
    of one). Where processes cannot be had (some sandboxes) or the pool breaks, the work is
    done here instead.
    """
    workers = worker_count()
    threshold = PARALLEL_FROM if parallel_from is None else parallel_from
    if len(items) < threshold or workers < 2:
        return [func(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(16, len(items) // (workers * 8))
    try:
        with ProcessPoolExecutor(workers) as pool:
            return list(pool.map(func, items, chunksize=chunk))
    except RecursionError:  # raised by `func` in a worker (a RuntimeError): a bug, not the pool
        raise
    except (OSError, RuntimeError):  # no fork, no semaphores, a killed worker: do it here
        return [func(item) for item in items]
