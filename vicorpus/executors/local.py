"""Local processes: the default executor.

>>> with LocalExecutor(workers=2) as ex:
...     sorted(result for _, result in ex.map(divmod, [(7, 2), (9, 4)]))
[(2, 1), (3, 1)]
"""

from __future__ import annotations

import multiprocessing
import threading
from typing import Any, Callable, Iterable, Iterator


def _call(job: tuple) -> tuple[int, Any]:
    index, fn, args = job
    return index, fn(*args)


class LocalExecutor:
    """Run tasks in this process (``workers=1``) or in a pool of worker processes.

    Workers are forked when this process runs a single thread, so they start with
    its imports (a spawned worker spends about a second of CPU importing trafilatura,
    lxml, pyarrow... before its first task); with other threads alive a fork could
    inherit a held lock, so then they are spawned.
    """

    def __init__(self, workers: int = 1):
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        self._pool = None

    def __enter__(self) -> "LocalExecutor":
        if self.workers > 1:
            single = threading.active_count() == 1
            method = "fork" if single and "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self._pool = multiprocessing.get_context(method).Pool(self.workers)
        return self

    def map(self, fn: Callable, tasks: Iterable[tuple]) -> Iterator[tuple[int, Any]]:
        """Yield ``(index, fn(*task))`` for every task, in order of completion."""
        jobs = [(index, fn, tuple(task)) for index, task in enumerate(tasks)]
        if self._pool is None or len(jobs) <= 1:
            for job in jobs:
                yield _call(job)
            return
        yield from self._pool.imap_unordered(_call, jobs)

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            if exc[0] is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None
