"""Runs at the start of every Python process the tests start (see offline_guard.py)."""

import os

if os.environ.get("VICORPUS_TEST_OFFLINE") == "1":
    import offline_guard

    offline_guard.install_in_process()


def _chain() -> None:
    """Run the sitecustomize this one shadows, if the Python installation has one."""
    import importlib
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    saved = sys.path[:]
    module = sys.modules.pop("sitecustomize", None)
    try:
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
        importlib.import_module("sitecustomize")
    except ImportError:
        pass
    finally:
        sys.path[:] = saved
        if module is not None:
            sys.modules["sitecustomize"] = module


_chain()
