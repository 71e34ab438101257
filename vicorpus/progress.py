"""One look for long work: a rich progress bar with counts, share done, time spent and time left."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

# Progress and summaries go to stderr so stdout stays clean for pipes.
console = Console(stderr=True)


class _RedrawnOnAdvance(Progress):
    """A Progress redrawn by its own advances (at most ``per_second`` times a second) instead of
    by a refresh thread, for a stage that forks workers mid-way (a fork is only safe while
    this process runs a single thread)."""

    per_second = 10

    def __init__(self, *columns, **kwargs):
        super().__init__(*columns, auto_refresh=False, **kwargs)
        self._drawn = 0.0

    def advance(self, task_id, advance: float = 1) -> None:
        super().advance(task_id, advance)
        now = time.monotonic()
        if now - self._drawn >= 1 / self.per_second:
            self._drawn = now
            self.refresh()


@contextmanager
def stage_progress(enabled: bool = True, *, refresh_thread: bool = True) -> Iterator[Progress]:
    """A Progress for one stage; disabled (but still usable) when ``enabled`` is False.
    ``refresh_thread=False``: redrawn as it advances, by no thread of its own.

    >>> with stage_progress(enabled=False) as progress:
    ...     task = progress.add_task("extract", total=2)
    ...     progress.advance(task)
    """
    kind = Progress if refresh_thread else _RedrawnOnAdvance
    progress = kind(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),  # an estimate where the total is known ("-:--:--" for a crawl's open count)
        console=console,
        disable=not enabled,
        transient=False,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    with progress:
        yield progress
