"""Start-up imports made cheaper: imports a dependency makes that a command never uses,
refused while it is imported (:func:`refused`), and imports made with the garbage collector
paused (:func:`collector_paused`).

pyarrow imports pandas (0.2 s) the first time it turns Python values into an array, only to
ask whether they are pandas objects; warcio imports fsspec (with asyncio, about 0.1 s) to open
files by URL, and vicorpus opens its WARC files itself. On a short ``vicorpus extract`` that
is start-up every worker waits for.

>>> import sys
>>> with refused("a_module_nobody_has"):
...     try:
...         import a_module_nobody_has
...     except ImportError as exc:
...         print(exc)
a_module_nobody_has is not imported here
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator


class _Refuse:
    """An import finder that refuses one module (and its submodules)."""

    def __init__(self, name: str):
        self.name = name

    def find_spec(self, name, path=None, target=None):
        if name == self.name or name.startswith(self.name + "."):
            raise ImportError(f"{self.name} is not imported here")
        return None


@contextmanager
def refused(name: str) -> Iterator[None]:
    """Inside the block, an import of ``name`` fails, unless it is loaded already; after it,
    ``name`` imports as usual (a library that tried it inside goes on without it)."""
    if name in sys.modules:
        yield
        return
    finder = _Refuse(name)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Import inside the block with the garbage collector paused, then freeze what is alive.

    A command's imports (typer, pydantic, pyarrow, trafilatura...) allocate tens of thousands of
    objects that live as long as the process; the collector's passes over them while they load
    free nothing and cost about 0.05 s of start-up that no worker can share. Frozen, they stay
    out of later full collections too.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()
