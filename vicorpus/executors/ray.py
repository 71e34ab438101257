"""Connecting to Ray for ``executor: ray``: a running cluster, or a local instance.

Order: an already initialized Ray (a test fixture, a notebook) is reused; else
``ray_address`` from the settings; else the ``RAY_ADDRESS`` environment variable
(``ray start --head`` prints it); else a local instance with ``num_cpus`` CPUs.

>>> # ray = connect_ray(None, num_cpus=2); ray.get(ray.put(1))
"""

from __future__ import annotations

import os
from typing import Any

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
            ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
    except ConnectionError as exc:
        raise UsageError(f"cannot connect to Ray at {address}: {exc}") from None
    return ray
