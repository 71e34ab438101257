"""Local processes: the default executor, and work run aside while the caller prepares.

>>> with LocalExecutor(workers=2) as ex:
...     sorted(result for _, result in ex.map(divmod, [(7, 2), (9, 4)]))
[(2, 1), (3, 1)]
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

log = logging.getLogger(__name__)


def _call(job: tuple) -> tuple[int, Any]:
    index, fn, args = job
    return index, fn(*args)


def can_fork() -> bool:
    """Whether a child can be forked safely now: fork exists and no other thread is alive (a
    thread could hold a lock that the child would inherit held)."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _ignore_ctrl_c() -> None:
    """In a worker: a terminal's Ctrl-C reaches the whole process group, and the caller alone
    handles it (it stops the workers and says so in one line, with no traceback from each).
    SIGTERM ends a worker at once again (the command's own handler, inherited by the fork,
    turns it into a graceful stop; the caller terminates its workers with it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_quietly(fn: Callable, tasks: list[tuple]) -> None:
    _ignore_ctrl_c()
    try:
        for args in tasks:
            fn(*args)
    except Exception:  # noqa: BLE001 - the caller redoes what is missing and reports it then
        log.debug("work aside failed", exc_info=True)
        raise SystemExit(1) from None


@contextmanager
def aside(fn: Callable, tasks: list[tuple], workers: int) -> Iterator[None]:
    """Run ``fn(*task)`` for every task in up to ``workers`` forked processes while the ``with``
    block runs in this one; the block's end waits for them.

    For work whose results are files the caller can do without: what they return is
    dropped and a failure only logged, so the caller must redo whatever is missing. They are
    plain processes, not a pool (whose threads would make the caller's next fork unsafe).
    Where a fork is not safe (see :func:`can_fork`) nothing runs aside.

    >>> import os, tempfile
    >>> flag = os.path.join(tempfile.mkdtemp(), "done")
    >>> forked = can_fork()  # False while another thread is alive: then nothing runs aside
    >>> with aside(os.mkdir, [(flag,)], workers=2):
    ...     pass  # the caller's own work
    >>> os.path.isdir(flag) == forked
    True
    """
    children = []
    if tasks and can_fork():
        context = multiprocessing.get_context("fork")
        for k in range(min(workers, len(tasks))):
            child = context.Process(target=_run_quietly, args=(fn, tasks[k::workers]), daemon=True)
            child.start()
            children.append(child)
    try:
        yield
    except BaseException:
        for child in children:
            child.terminate()
        raise
    finally:
        for child in children:
            child.join()
            if child.exitcode:
                log.debug("work aside ended with exit code %s", child.exitcode)


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
        self._pool_threads: set[threading.Thread] = set()  # the pool's own (result, task handlers...)

    def __enter__(self) -> "LocalExecutor":
        if self.workers > 1:
            method = "fork" if can_fork() else "spawn"
            self._start(method)
        return self

    def _start(self, method: str) -> None:
        before = set(threading.enumerate())
        self._pool = multiprocessing.get_context(method).Pool(self.workers, initializer=_ignore_ctrl_c)
        self._pool_threads = set(threading.enumerate()) - before

    def refork(self) -> None:
        """Replace the workers by fresh forks of this process, so they start with what it has
        loaded since they were forked (the extract stage loads its segmenter while the workers
        extract pages, for the workers that finish them). Nothing changes when a fork would not
        be safe (a thread other than the pool's is alive): the workers then load what they need
        themselves.

        >>> with LocalExecutor(workers=2) as ex:
        ...     ex.refork()
        ...     sorted(result for _, result in ex.map(divmod, [(7, 2), (9, 4)]))
        [(2, 1), (3, 1)]
        """
        if self._pool is None or set(threading.enumerate()) - self._pool_threads != {threading.main_thread()}:
            return
        self._pool.close()
        self._pool.join()
        self._start("fork")

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
