"""``max_time`` per source: when its deadline has passed.

It is enforced in one place, crawler.retry.PacingMiddleware: no request is sent
after the deadline (checked again after the politeness wait, the last step
before the download). Refused requests stay ``queued`` in the crawl state, so
the next run fetches them; responses already on their way are still archived.
"""

from __future__ import annotations

import time

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
