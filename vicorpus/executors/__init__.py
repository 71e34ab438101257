"""Where stage work runs: local processes (the default) or a Ray cluster (``executor: ray``).

A stage is a set of pure functions over units of work (a range of WARC records, a
band partition, ...) that read and write files in the workdir. It hands them to
:func:`open_executor` and never imports Ray or multiprocessing itself:

>>> with open_executor("local", workers=1) as ex:
...     sorted(ex.map(pow, [(2, 3), (3, 2)]))
[(0, 8), (1, 9)]

``map`` yields ``(task index, result)`` as tasks finish (any order): a stage that
needs a deterministic output orders by the index. Open the executor before a
progress bar starts its refresh thread, so local workers can be forked.
"""

from __future__ import annotations

from vicorpus.errors import UsageError
from vicorpus.executors.local import LocalExecutor, aside

EXECUTORS = ("local", "ray")


def open_executor(kind: str = "local", *, workers: int = 1, ray_address: str | None = None):
    """A context manager with ``map(fn, tasks) -> iterator of (index, fn(*task))``.

    ``fn`` must be a module-level function (it is pickled to the workers); each task
    is a tuple of picklable arguments.
    """
    if workers < 1:
        raise UsageError(f"workers must be >= 1, got {workers}")
    if kind == "local":
        return LocalExecutor(workers)
    if kind == "ray":
        from vicorpus.executors.ray import RayExecutor  # Ray is imported only when asked for

        return RayExecutor(workers, ray_address)
    raise UsageError(f"unknown executor {kind!r} (choose from {', '.join(EXECUTORS)})")


__all__ = ["EXECUTORS", "open_executor", "LocalExecutor", "aside"]
