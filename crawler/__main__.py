"""Child process: crawl one group of a job's sources at once (Twisted's reactor runs once per process).

    python -m crawler JOB.json GROUP_INDEX [FRONTIER_URL]

One Scrapy crawler per source, all in one reactor, sharing one host gate (per-host
politeness across sources, and this process's share of the crawl's request cap).
Each source's progress goes to ``crawl/runs/NAME.json``; a source that fails is
recorded there (``failed``) and the others go on. Exit 1 when a source failed.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading
from pathlib import Path

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.reactor import install_reactor

from crawler.job import CrawlJob
from crawler.retry import HostGate
from crawler.settings import process_settings, scrapy_settings
from crawler.spider import SourceSpider


class Progress:
    """Writes each source's snapshot; the ticker thread and the final report take turns, and
    nothing is written after a source's final one (a late tick must not undo "final")."""

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.final: set[str] = set()

    def write(self, name: str, crawler, final: bool = False, failed: str | None = None) -> None:
        spider = getattr(crawler, "spider", None)
        with self.lock:
            if name in self.final:
                return
            if spider is not None and hasattr(spider, "ledger"):
                snap = spider.ledger.snapshot()
                snap["not_fetched"] = list(spider.ledger.not_fetched)
                if spider.shared_frontier is not None:
                    snap["frontier"] = spider.shared_frontier.describe()
                    failed = failed or spider.shared_frontier.error
            elif final:
                snap = {"fetched": 0, "archived": 0, "errors": 0, "not_fetched": []}
            else:
                return
            snap["final"] = final
            snap["failed"] = failed
            out = self.directory / f"{name}.json"
            tmp = out.with_suffix(".tmp")
            tmp.write_text(json.dumps(snap, ensure_ascii=False), encoding="utf-8")
            tmp.replace(out)
            if final:
                self.final.add(name)


def main(job_path: str, group: str, frontier: str | None = None) -> int:
    job = CrawlJob.read(Path(job_path))
    configs = job.source_configs()
    indices = job.groups[int(group)] if job.groups else list(range(len(configs)))
    sources = [configs[i] for i in indices]
    cap = job.request_caps[int(group)] if job.request_caps else job.limits.max_requests
    progress = Progress(Path(job.workdir) / "crawl" / "runs")
    shared = Settings(process_settings(sources, job.limits))
    process = CrawlerProcess(settings=shared)
    # One reactor for every crawler of the process, installed before any is created.
    install_reactor(shared["TWISTED_REACTOR"], shared["ASYNCIO_EVENT_LOOP"])
    gate = HostGate(max_in_flight=job.limits.concurrent_per_domain, max_total=cap)
    crawlers: dict[str, Crawler] = {}
    failures: dict[str, str] = {}
    spec = None
    if frontier:  # shared Redis frontier: see crawler/redis_frontier/
        from crawler.redis_frontier import FrontierSpec, frontier_settings

        spec = FrontierSpec.parse(frontier)
    for source in sources:
        settings = scrapy_settings(source, job.limits)
        if spec is not None:
            settings.update(frontier_settings(spec, source.name, settings))
        crawler = Crawler(SourceSpider, settings)
        crawler.vicorpus_gate = gate
        crawlers[source.name] = crawler
        # with a shared frontier, other processes (other machines) write this source's WARCs too
        tag = f"{socket.gethostname()}-{os.getpid()}" if spec is not None else None
        done = process.crawl(crawler, source=source, limits=job.limits, workdir=job.workdir, warc_tag=tag)
        done.addErrback(_record_failure, source.name, failures)

    stop = threading.Event()
    parent = os.getppid()

    def ticker() -> None:
        orphaned = False
        while not stop.wait(job.progress_interval):
            if not orphaned and os.getppid() != parent:
                # The `vicorpus crawl` process is gone (kill -9): stop as on Ctrl-C, closing the
                # WARC cleanly, instead of crawling on unseen and holding the workdir lock.
                orphaned = True
                os.kill(os.getpid(), signal.SIGTERM)
            for name, crawler in crawlers.items():
                try:
                    progress.write(name, crawler)
                except Exception:  # noqa: BLE001 - a missed tick is only a stale progress bar
                    pass

    threading.Thread(target=ticker, daemon=True).start()
    _stop_on_sigterm(process)
    process.start(install_signal_handlers=False)
    stop.set()
    for name, crawler in crawlers.items():
        progress.write(name, crawler, final=True, failed=failures.get(name))
    return 1 if failures or any(_frontier_error(c) for c in crawlers.values()) else 0


def _stop_on_sigterm(process: CrawlerProcess) -> None:
    """The `vicorpus crawl` process decides when its crawl stops: a terminal's Ctrl-C (SIGINT to
    the whole process group) is ignored here; the parent sends SIGTERM instead, once for a
    graceful stop (requests in flight finish, WARC files are closed), again to stop at once."""
    from twisted.internet import reactor

    stopping: list[int] = []

    def on_term(signum, frame) -> None:
        if stopping:
            reactor.callFromThread(reactor.stop)
            return
        stopping.append(signum)
        reactor.callFromThread(process.stop)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, on_term)


def _record_failure(failure, name: str, failures: dict) -> None:
    error = failure.value
    first = (str(error).strip().splitlines() or [""])[0]
    failures[name] = f"{type(error).__name__}: {first}"[:500]


def _frontier_error(crawler) -> str | None:
    frontier = getattr(getattr(crawler, "spider", None), "shared_frontier", None)
    return frontier.error if frontier is not None else None


if __name__ == "__main__":
    profile_to = os.environ.get("VICORPUS_CRAWL_PROFILE")  # bench/crawl_bench.py --profile
    if profile_to:
        import cProfile

        cProfile.run("code = main(*sys.argv[1:4])", profile_to)
        sys.exit(0)
    sys.exit(main(*sys.argv[1:4]))
