"""One crawl, one extract per workdir: an advisory lock on ``WORKDIR/crawl/crawl.lock`` or
``WORKDIR/extract/extract.lock``.

The lock is a ``flock`` on an open file: the kernel drops it when the last process
holding the descriptor exits, however it ends (kill -9 included), so a lock left
by a dead crawl never blocks the next one. The crawl children inherit the
descriptor and hold the workdir until they have stopped; they stop by themselves
within a second when their parent is killed (crawler/__main__.py). The file's text (pid, start time) only serves the error message.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> with WorkdirLock(folder / "crawl" / "crawl.lock"):
    ...     WorkdirLock(folder / "crawl" / "crawl.lock").acquire()
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: workdir ... is in use by another crawl (pid ..., started ...); wait for it to finish or use another --workdir
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from vicorpus.errors import UsageError
from vicorpus.timeutil import utc_now

try:
    import fcntl
except ImportError:  # not on Windows: no lock there (documented in the README)
    fcntl = None


class WorkdirLock:
    """Hold ``path`` exclusively for the life of a crawl or an extract (a context manager);
    ``activity`` names it in the message another one gets."""

    def __init__(self, path: Path, activity: str = "crawl"):
        self.path = Path(path)
        self.activity = activity
        self.fd: int | None = None

    def acquire(self) -> "WorkdirLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = _read_holder(fd)
                os.close(fd)
                workdir = self.path.parent.parent
                raise UsageError(
                    f"workdir {workdir} is in use by another {self.activity} (pid {holder.get('pid', '?')}, started "
                    f"{holder.get('started', '?')}); wait for it to finish or use another --workdir") from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "started": utc_now().isoformat(timespec="seconds")})
                 .encode())
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # drops the flock (children that inherited it keep it until they exit)
            self.fd = None

    def __enter__(self) -> "WorkdirLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_holder(fd: int) -> dict:
    try:
        return json.loads(os.pread(fd, 4096, 0).decode() or "{}")
    except (OSError, ValueError):
        return {}


def try_lock_file(fh) -> bool:
    """Take an exclusive, non-blocking lock on an open file; False when someone holds it."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
