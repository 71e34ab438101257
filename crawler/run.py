"""``run_crawl``: crawl every source at once in child processes and write the crawl report.

Sources run concurrently: politeness is per host, so a crawl of many sources takes
about as long as its longest source, not the sum. The children (at most
``max_processes``, sources that share a host always in the same one) each run
their sources in one reactor; ``max_requests`` bounds the requests in flight over
the whole crawl. A source that fails is reported and the others go on; the crawl
then ends with :class:`CrawlFailed` (exit 1) once the report is written.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from crawler.job import CrawlJob, CrawlLimits, plan_processes
from crawler.ledger import merge_totals
from vicorpus.locking import WorkdirLock
from crawler.warc import recover_open_files
from vicorpus.config import SourceConfig
from vicorpus.progress import stage_progress
from vicorpus.timeutil import utc_now
from vicorpus.urls import canonicalize_url
from vicorpus.workdir import Workdir


class CrawlFailed(RuntimeError):
    """Some sources failed; the others finished and the report says which (crawl/report.json)."""


def run_crawl(sources: list[SourceConfig], workdir: Workdir, *, max_pages: int | None = None,
              max_time: float | None = None, since: date | None = None, frontier: str | None = None,
              processes: int | None = None, max_requests: int | None = None,
              progress: bool = True, limits: CrawlLimits | None = None) -> dict:
    """Crawl ``sources`` into ``workdir`` and return the crawl report (also in crawl/report.json).

    With ``frontier`` (``redis://HOST:PORT/DB[?crawl=ID&idle=S]``) several processes share one
    queue and seen-set in Redis (crawler/redis_frontier/); state and WARCs stay in ``workdir``.
    One crawl at a time per workdir: a second one is refused (a UsageError naming the first).
    """
    spec = None
    if frontier:
        from crawler.redis_frontier import FrontierSpec

        spec = FrontierSpec.parse(frontier)
        spec.check()  # unreachable server: one line, before anything is written
    if limits is None:
        extra = {k: v for k, v in (("max_processes", processes), ("max_requests", max_requests)) if v is not None}
        limits = CrawlLimits(max_pages=max_pages, max_time=max_time,
                             since=since.isoformat() if since else None, **extra)
    workdir.crawl.mkdir(parents=True, exist_ok=True)
    with WorkdirLock(workdir.crawl / "crawl.lock") as lock:
        return _crawl(sources, workdir, limits, spec, frontier, progress, lock)


def _crawl(sources, workdir: Workdir, limits: CrawlLimits, spec, frontier, progress: bool, lock) -> dict:
    recovered = recover_open_files(workdir.warc) if workdir.warc.exists() else []
    snapshots = workdir.crawl / "sources"
    snapshots.mkdir(exist_ok=True)
    for source in sources:
        (snapshots / f"{source.name}.json").write_text(
            json.dumps(source.model_dump(mode="json"), ensure_ascii=False, indent=1), encoding="utf-8")
    groups, caps = plan_processes(sources, limits)
    job = CrawlJob(workdir=str(workdir.root), sources=[s.model_dump(mode="json") for s in sources],
                   limits=limits, groups=groups, request_caps=caps)
    job_path = workdir.crawl / f"job-{os.getpid()}.json"
    job.write(job_path)
    started_at = utc_now().isoformat()
    runs = workdir.crawl / "runs"
    for source in sources:
        (runs / f"{source.name}.json").unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [
        str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")]))}
    per_source: dict[str, dict] = {}
    failed: dict[str, str] = {}
    interrupts = 0
    try:
        with stage_progress(progress) as bars:
            tasks = {s.name: bars.add_task(f"crawl {s.name}", total=None) for s in sources}
            # The children inherit the workdir lock: it stays held while any of them runs.
            children = [subprocess.Popen([sys.executable, "-m", "crawler", str(job_path), str(k)]
                                         + ([frontier] if spec else []), env=env,
                                         pass_fds=(lock.fd,) if os.name == "posix" else (),
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                        for k in range(len(groups))]
            errors = [_Drain(child.stderr) for child in children]
            while any(child.poll() is None for child in children):
                try:
                    for source in sources:
                        _show(bars, tasks[source.name], source.name, runs / f"{source.name}.json")
                    time.sleep(0.25)
                except KeyboardInterrupt:
                    interrupts += 1
                    _stop_children(children, interrupts)
            for child, group, drain in zip(children, groups, errors):
                stderr = drain.text()
                for index in group:
                    name = sources[index].name
                    snap = _read(runs / f"{name}.json")
                    if snap is None or not snap.get("final"):
                        reason = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit code {child.returncode}"
                        failed[name] = f"crawl process died: {reason}"[:500]
                        snap = snap or {}
                    elif snap.get("failed"):
                        failed[name] = snap["failed"]
                    _show(bars, tasks[name], name, runs / f"{name}.json")
                    bars.update(tasks[name], total=snap.get("fetched", 0), completed=snap.get("fetched", 0))
                    per_source[name] = snap
    finally:
        job_path.unlink(missing_ok=True)
    not_fetched: list[dict] = []
    for snap in per_source.values():
        not_fetched.extend(snap.pop("not_fetched", []))
        snap.pop("final", None)
        snap.pop("failed", None)
    report = {
        "started_at": started_at,
        "finished_at": utc_now().isoformat(),
        "sources": per_source,
        "totals": merge_totals(per_source),
        "failed": failed,
        "not_fetched": not_fetched,
        "recovered_warc_files": recovered,
        "frontier": {"url": spec.display, "crawl_id": spec.crawl_id} if spec else None,
        "processes": len(groups),
        "warc_files": [p.name for p in workdir.warc_files()],
    }
    tmp = workdir.crawl_report.with_suffix(".tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(workdir.crawl_report)
    for line in _blocked_sources(sources, per_source, not_fetched):
        print(f"vicorpus: warning: {line}", file=sys.stderr)
    if interrupts:
        left = report["totals"]["left_for_next_run"]
        print(f"vicorpus: crawl stopped: {report['totals']['archived']} archived, {left} found and not fetched yet; "
              f"report {workdir.crawl_report}; the same command resumes it", file=sys.stderr)
        raise KeyboardInterrupt
    if failed:
        listed = "; ".join(f"{name}: {why}" for name, why in sorted(failed.items()))
        ok = len(sources) - len(failed)
        raise CrawlFailed(f"{len(failed)} of {len(sources)} sources failed ({listed}); "
                          f"{ok} finished; see {workdir.crawl_report}")
    return report


def _blocked_sources(sources, per_source: dict, not_fetched: list[dict]) -> list[str]:
    """One line per source that fetched nothing because the SSRF guard refused its start URLs."""
    lines = []
    for source in sources:
        if per_source.get(source.name, {}).get("fetched", 1):
            continue
        starts = {canonicalize_url(u) for u in source.start_urls}
        refused = [i for i in not_fetched if i["source"] == source.name and i["reason"].startswith("ssrf")
                   and canonicalize_url(i["url"]) in starts]
        if refused:
            first = refused[0]
            lines.append(f"{source.name} fetched nothing: {first['url']} was refused ({first['reason']}: "
                         f"{first.get('detail', '')}); allow_private_network: true is for intranet and "
                         "local test sites")
    return lines


def _stop_children(children: list, interrupts: int) -> None:
    """Ctrl-C: the first asks each crawl process to stop gracefully (it closes its WARC files),
    the second to stop at once; the crawl processes ignore the terminal's own SIGINT."""
    how = "finishing the requests in flight and closing the WARC files (Ctrl-C again to stop at once)" \
        if interrupts == 1 else "stopping at once (the next crawl recovers any file left open)"
    print(f"vicorpus: stopping the crawl: {how}", file=sys.stderr)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)


class _Drain:
    """Read a child's stderr in a thread, so a chatty child never blocks on a full pipe."""

    def __init__(self, stream):
        import threading

        self.chunks: list[bytes] = []
        self.thread = threading.Thread(target=lambda: self.chunks.extend(iter(lambda: stream.read(4096), b"")),
                                       daemon=True)
        self.thread.start()

    def text(self) -> str:
        self.thread.join(timeout=10)
        return b"".join(self.chunks).decode("utf-8", "replace")[-4000:]


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _show(bars, task, name: str, live: Path) -> None:
    snap = _read(live)
    if snap is None:
        return
    bars.update(task, completed=snap.get("fetched", 0),
                description=f"crawl {name}: {snap.get('archived', 0)} archived, {snap.get('not_modified', 0)} "
                            f"not modified, {snap.get('queued', 0)} queued, {snap.get('errors', 0)} errors")
