"""``run_crawl``: crawl each source in a child process and write the crawl report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from crawler.job import CrawlJob, CrawlLimits
from crawler.ledger import merge_totals
from crawler.warc import recover_open_files
from vicorpus.config import SourceConfig
from vicorpus.progress import stage_progress
from vicorpus.timeutil import utc_now
from vicorpus.workdir import Workdir


def run_crawl(sources: list[SourceConfig], workdir: Workdir, *, max_pages: int | None = None,
              max_time: float | None = None, since: date | None = None, frontier: str | None = None,
              progress: bool = True, limits: CrawlLimits | None = None) -> dict:
    """Crawl ``sources`` into ``workdir`` and return the crawl report (also in crawl/report.json).

    With ``frontier`` (``redis://HOST:PORT/DB[?crawl=ID&idle=S]``) several processes share one
    queue and seen-set in Redis (crawler/redis_frontier.py); state and WARCs stay in ``workdir``.
    """
    spec = None
    if frontier:
        from crawler.redis_frontier import FrontierSpec

        spec = FrontierSpec.parse(frontier)
        spec.check()  # unreachable server: one line, before anything is written
    limits = limits or CrawlLimits(max_pages=max_pages, max_time=max_time,
                                   since=since.isoformat() if since else None)
    workdir.crawl.mkdir(parents=True, exist_ok=True)
    recovered = recover_open_files(workdir.warc) if workdir.warc.exists() else []
    snapshots = workdir.crawl / "sources"
    snapshots.mkdir(exist_ok=True)
    for source in sources:
        (snapshots / f"{source.name}.json").write_text(
            json.dumps(source.model_dump(mode="json"), ensure_ascii=False, indent=1), encoding="utf-8")
    job = CrawlJob(workdir=str(workdir.root), sources=[s.model_dump(mode="json") for s in sources],
                   limits=limits)
    job_path = workdir.crawl / f"job-{os.getpid()}.json"
    job.write(job_path)
    started_at = utc_now().isoformat()
    per_source: dict[str, dict] = {}
    not_fetched: list[dict] = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [
        str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")]))}
    try:
        with stage_progress(progress) as bars:
            for index, source in enumerate(sources):
                task = bars.add_task(f"crawl {source.name}", total=None)
                live = workdir.crawl / "runs" / f"{source.name}.json"
                live.unlink(missing_ok=True)
                child = subprocess.Popen([sys.executable, "-m", "crawler", str(job_path), str(index)]
                                         + ([frontier] if spec else []),
                                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                while child.poll() is None:
                    _show(bars, task, source.name, live)
                    time.sleep(0.25)
                stderr = child.stderr.read().decode("utf-8", "replace")
                if child.returncode != 0 or not live.exists():
                    raise RuntimeError(f"crawl of {source.name} failed: {stderr.strip()[-500:]}")
                snap = json.loads(live.read_text(encoding="utf-8"))
                _show(bars, task, source.name, live)
                bars.update(task, total=snap["fetched"], completed=snap["fetched"])
                not_fetched.extend(snap.pop("not_fetched", []))
                snap.pop("final", None)
                per_source[source.name] = snap
    finally:
        job_path.unlink(missing_ok=True)
    report = {
        "started_at": started_at,
        "finished_at": utc_now().isoformat(),
        "sources": per_source,
        "totals": merge_totals(per_source),
        "not_fetched": not_fetched,
        "recovered_warc_files": recovered,
        "frontier": {"url": spec.display, "crawl_id": spec.crawl_id} if spec else None,
        "warc_files": [p.name for p in workdir.warc_files()],
    }
    tmp = workdir.crawl_report.with_suffix(".tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(workdir.crawl_report)
    return report


def _show(bars, task, name: str, live: Path) -> None:
    try:
        snap = json.loads(live.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    bars.update(task, completed=snap.get("fetched", 0),
                description=f"crawl {name}: {snap.get('archived', 0)} archived, "
                            f"{snap.get('queued', 0)} queued, {snap.get('errors', 0)} errors")
