"""The local executor's re-fork: finishing workers start with what the driver loaded meanwhile.

Each check runs in a fresh interpreter: whether a fork is safe depends on the threads alive,
and a pytest process may hold some (test servers).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

REFORK = """
import json, threading
from vicorpus.executors.local import LocalExecutor

LOADED = []

def loaded(_):
    return len(LOADED)

with LocalExecutor(workers=2) as ex:
    LOADED.append("segmenter")  # loaded by the driver after the workers were forked
    before = sorted(r for _, r in ex.map(loaded, [(0,), (1,)]))
    ex.refork()
    after = sorted(r for _, r in ex.map(loaded, [(0,), (1,)]))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()  # a thread of the caller's: forking now could inherit a lock it holds
    pool = ex._pool
    ex.refork()
    kept = ex._pool is pool
    still = sorted(r for _, r in ex.map(divmod, [(7, 2), (9, 4)]))
    stop.set()
    other.join()
print(json.dumps({"before": before, "after": after, "kept": kept, "still": still}))
"""


def _run(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_refork_gives_the_workers_what_the_driver_loaded_since():
    out = _run(REFORK)
    assert out["before"] == [0, 0]  # forked before the driver loaded it
    assert out["after"] == [1, 1]
    assert out["kept"] is True  # another thread alive: the running workers carry on
    assert out["still"] == [[2, 1], [3, 1]]


STAGE = """
import json, sys
from pathlib import Path
from vicorpus.config import ExtractSettings
from vicorpus.executors import local
from vicorpus.workdir import prepare_workdir
from normalize import run_extract

methods = []
start = local.LocalExecutor._start
def recording(self, method):
    methods.append(method)
    start(self, method)
local.LocalExecutor._start = recording

sys.path.insert(0, "tests")
import importlib.util
spec = importlib.util.spec_from_file_location("stage_warcs", "tests/data/stage/warcs.py")
warcs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(warcs)
workdir = prepare_workdir(Path(sys.argv[1]))
items = [{"url": f"{warcs.BASE}/tin-tuc/bai-{k}.htm", "status": 200, "body": warcs.page("article.html")}
         for k in range(3)]
warcs.write_warc(workdir.warc / "mot-tep.warc.gz", items)
summary = run_extract(workdir, ExtractSettings(workers=2), progress=True)  # the bar drawn, to stderr
print(json.dumps({"methods": methods, "rows": summary["rows"]}))
"""


def test_extract_forks_its_finishing_workers_anew_with_the_progress_bar_on(tmp_path):
    """The progress bar runs no thread of its own, so the workers that finish pages are forked
    from the driver that loaded the segmenter, not spawned (a spawned worker imports everything
    again)."""
    out = _run(STAGE, str(tmp_path / "work"))
    assert out["rows"] == 3
    assert out["methods"] == ["fork", "fork"]
