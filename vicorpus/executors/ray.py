"""Ray: a running cluster, or a local instance bound to 127.0.0.1.

Order: an already initialized Ray (a test fixture, a notebook) is reused; else
``ray_address`` from the settings; else the ``RAY_ADDRESS`` environment variable
(``ray start --head`` prints it); else a local instance with ``workers`` CPUs that
listens on loopback only (a run that needs no cluster opens no ports to the network).
Use: ``with RayExecutor(workers=2) as ex: list(ex.map(pow, [(2, 3)]))`` gives ``[(0, 8)]``
(tests/test_ray_executor.py runs the stages on a local Ray through it).
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Iterator

from vicorpus.errors import UsageError

INSTALL_HINT = "executor 'ray' needs Ray: pip install 'vicorpus[distributed]'"


def import_ray() -> Any:
    """The ``ray`` module, or a one-line UsageError saying how to install it."""
    try:
        import ray
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return ray


def connect_ray(address: str | None = None, num_cpus: int | None = None) -> Any:
    """Initialize Ray once per process and return the module."""
    ray = import_ray()
    if ray.is_initialized():
        return ray
    address = address or os.environ.get("RAY_ADDRESS") or None
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home from a corpus run
    try:
        if address:
            # A real cluster: its nodes need vicorpus installed (or a runtime_env) and the workdir mounted.
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False,
                     _node_ip_address="127.0.0.1")
    except ConnectionError as exc:
        raise UsageError(f"cannot connect to Ray at {address}: {exc}") from None
    return ray


class RayExecutor:
    """One Ray task per unit of work; the same functions as the local executor."""

    def __init__(self, workers: int = 1, address: str | None = None):
        self.workers = workers
        self.address = address
        self._ray = None

    def __enter__(self) -> "RayExecutor":
        self._ray = connect_ray(self.address, num_cpus=self.workers)
        return self

    def map(self, fn: Callable, tasks: Iterable[tuple]) -> Iterator[tuple[int, Any]]:
        """Yield ``(index, fn(*task))`` for every task, in order of completion."""
        ray = self._ray
        remote = ray.remote(num_cpus=1, max_retries=2)(fn)
        pending = {remote.remote(*task): index for index, task in enumerate(tasks)}
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            yield pending.pop(done[0]), ray.get(done[0])

    def __exit__(self, *exc) -> None:
        self._ray = None  # Ray stays up for the process: later stages reuse it
