"""``max_time`` per source: one deadline test, used at the two places Scrapy's timer misses.

Scrapy's CLOSESPIDER_TIMEOUT (set from max_time) stops the scheduler, but requests
already handed to the downloader (up to CONCURRENT_REQUESTS of them) are still
sent, seconds after the limit on a slow site: :class:`DeadlineMiddleware` refuses
them, and the spider drops responses that arrive after the deadline. Both leave
the URL ``queued`` in the crawl state, so the next run fetches it.
"""

from __future__ import annotations

import time

from scrapy.exceptions import IgnoreRequest

MAX_TIME_REASON = "max_time"


def deadline_passed(spider) -> bool:
    """True once the spider's ``max_time`` is over (and the ledger says why it stopped).

    >>> from types import SimpleNamespace
    >>> spider = SimpleNamespace(limits=SimpleNamespace(max_time=5), started=time.monotonic() - 6,
    ...                          ledger=SimpleNamespace(stopped_by=None))
    >>> deadline_passed(spider), spider.ledger.stopped_by
    (True, 'max_time')
    """
    max_time = spider.limits.max_time
    if max_time is not None and time.monotonic() - spider.started > max_time:
        spider.ledger.stopped_by = MAX_TIME_REASON
        return True
    return False


class DeadlineMiddleware:
    """Refuse every request once the source's ``max_time`` has passed."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        if deadline_passed(spider or self.crawler.spider):
            raise IgnoreRequest(MAX_TIME_REASON)
        return None
