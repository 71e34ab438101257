"""One look for long work: a rich progress bar with counts and rate."""

from __future__ import annotations

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
)

# Progress and summaries go to stderr so stdout stays clean for pipes.
console = Console(stderr=True)


@contextmanager
def stage_progress(enabled: bool = True) -> Iterator[Progress]:
    """A Progress for one stage; disabled (but still usable) when ``enabled`` is False.

    >>> with stage_progress(enabled=False) as progress:
    ...     task = progress.add_task("extract", total=2)
    ...     progress.advance(task)
    """
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not enabled,
        transient=False,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    with progress:
        yield progress
