"""Downloader middleware that enforces ``max_time`` on requests already queued.

Scrapy's CLOSESPIDER_TIMEOUT stops the scheduler, but requests already handed to
the downloader (up to CONCURRENT_REQUESTS of them) are still sent, seconds after
the limit on a slow site. This middleware refuses them; the spider leaves them
``queued`` in the crawl state so the next run fetches them.
"""

from __future__ import annotations

import time

from scrapy.exceptions import IgnoreRequest

MAX_TIME_REASON = "max_time"


class DeadlineMiddleware:
    """Refuse every request once the source's ``max_time`` has passed."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        spider = spider or self.crawler.spider
        max_time = spider.limits.max_time
        if max_time is not None and time.monotonic() - spider.started > max_time:
            spider.ledger.stopped_by = "max_time"
            raise IgnoreRequest(MAX_TIME_REASON)
        return None
