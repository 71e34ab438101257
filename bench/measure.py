"""Run one bench step in a fresh child process and measure it.

Each step is a function ``module:function`` taking JSON keyword arguments and
returning a JSON-able dict. The child reports wall seconds, CPU seconds of itself
plus every waited-for descendant (worker pools, datatrove's extractor sandbox),
and peak RSS (the largest single process). A fresh process per step keeps peak
RSS and CPU time of one step apart from the others.

>>> out = run_step("bench.measure:_echo", {"x": 2})
>>> out["result"]["x"], out["cpu_s"] >= 0
(2, True)
"""

from __future__ import annotations

import importlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MARK = "BENCH-RESULT "


def _echo(x):
    return {"x": x}


def run_step(target: str, kwargs: dict, *, timeout: float = 3600) -> dict:
    """Run ``target`` (``module:function``) with ``kwargs`` in a child; return its measurement."""
    proc = subprocess.run([sys.executable, "-m", "bench.measure", target, json.dumps(kwargs)], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)
    lines = [line for line in proc.stdout.splitlines() if line.startswith(MARK)]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"bench step {target} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1][len(MARK):])


def _own_peak_kib() -> int:
    """Peak resident set of this process since its exec (VmHWM), in KiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # not Linux: the best there is


def _child(target: str, kwargs: dict) -> None:
    module, name = target.split(":")
    fn = getattr(importlib.import_module(module), name)
    before = resource.getrusage(resource.RUSAGE_SELF)  # after the module import: not counted
    start = time.perf_counter()
    result = fn(**kwargs)
    wall = time.perf_counter() - start
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(MARK + json.dumps({
        "result": result, "wall_s": wall,
        "cpu_s": me.ru_utime + me.ru_stime - before.ru_utime - before.ru_stime + kids.ru_utime + kids.ru_stime,
        # KiB. This process's own ru_maxrss would include the bench parent's high-water mark
        # (Linux keeps it across exec); VmHWM belongs to this process's own memory. The
        # descendants (forked from here) are the largest one's ru_maxrss, not a sum.
        "peak_rss_mib": max(_own_peak_kib(), kids.ru_maxrss) / 1024,
    }, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    _child(sys.argv[1], json.loads(sys.argv[2]))
