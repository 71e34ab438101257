"""Child process: crawl one source of a job file (Twisted's reactor runs once per process).

    python -m crawler JOB.json SOURCE_INDEX [FRONTIER_URL]
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

from scrapy.crawler import CrawlerProcess

from crawler.job import CrawlJob
from crawler.settings import scrapy_settings
from crawler.spider import SourceSpider


def main(job_path: str, index: str, frontier: str | None = None) -> None:
    job = CrawlJob.read(Path(job_path))
    source = job.source_configs()[int(index)]
    out = Path(job.workdir) / "crawl" / "runs" / f"{source.name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    settings = scrapy_settings(source, job.limits)
    if frontier:  # shared Redis frontier: see crawler/redis_frontier.py
        from crawler.redis_frontier import FrontierSpec, frontier_settings

        settings.update(frontier_settings(FrontierSpec.parse(frontier), source.name, settings))
    process = CrawlerProcess(settings=settings)
    crawler = process.create_crawler(SourceSpider)
    holder: dict = {}
    # The ticker thread and the final report write the same file: one at a time, and
    # never after the final one (a late tick must not turn "final" back into "running").
    lock = threading.Lock()

    def report_progress(final: bool = False) -> None:
        spider = holder.get("spider") or getattr(crawler, "spider", None)
        if spider is None:
            return
        with lock:
            if holder.get("final_written"):
                return
            snap = spider.ledger.snapshot()
            snap["not_fetched"] = list(spider.ledger.not_fetched)
            snap["final"] = final
            if spider.shared_frontier is not None:
                snap["frontier"] = spider.shared_frontier.describe()
            tmp = out.with_suffix(".tmp")
            tmp.write_text(json.dumps(snap, ensure_ascii=False), encoding="utf-8")
            tmp.replace(out)
            holder["final_written"] = final

    stop = threading.Event()

    def ticker() -> None:
        while not stop.wait(job.progress_interval):
            try:
                report_progress()
            except Exception:
                pass

    threading.Thread(target=ticker, daemon=True).start()
    process.crawl(crawler, source=source, limits=job.limits, workdir=job.workdir)
    holder["spider"] = None
    process.start()
    stop.set()
    holder["spider"] = crawler.spider
    report_progress(final=True)
    shared = crawler.spider.shared_frontier
    if shared is not None and shared.error:
        sys.exit(f"crawl stopped: {shared.error}")


if __name__ == "__main__":
    profile_to = os.environ.get("VICORPUS_CRAWL_PROFILE")  # bench/crawl_bench.py --profile
    if profile_to:
        import cProfile

        cProfile.run("main(*sys.argv[1:4])", profile_to)
    else:
        main(*sys.argv[1:4])
