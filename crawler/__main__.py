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
    if job.limits.max_time:
        settings["CLOSESPIDER_TIMEOUT"] = job.limits.max_time
    # The spider yields requests, never items; Scrapy's default of 100 parallel item
    # slots costs 100 asyncio tasks per response (a third of the CPU at 300 pages/s).
    settings.setdefault("CONCURRENT_ITEMS", 4)
    # One source is (nearly always) one host: more global slots than per-host slots only
    # park requests in the downloader's queue, where max_time can no longer stop them.
    settings["CONCURRENT_REQUESTS"] = settings.get("CONCURRENT_REQUESTS_PER_DOMAIN", 2)
    # UrlAdmission already bounds depth and URL length; each spider middleware wraps
    # every callback's output in one more async generator.
    settings["SPIDER_MIDDLEWARES"] = {**settings.get("SPIDER_MIDDLEWARES", {}),
                                      "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
                                      "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
                                      "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None}
    settings["DOWNLOADER_MIDDLEWARES"] = {**settings.get("DOWNLOADER_MIDDLEWARES", {}),
                                          "crawler.deadline.DeadlineMiddleware": 40}
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
