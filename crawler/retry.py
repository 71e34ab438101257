"""Politeness in time: Retry-After, exponential backoff and robots.txt Crawl-delay.

Scrapy's RetryMiddleware retries at once and ignores ``Retry-After``; its
RobotsTxtMiddleware ignores ``Crawl-delay``. Both are honoured here through one
per-host :class:`HostGate` that every request passes just before it is sent:

- ``Retry-After`` on 429/503 (seconds or an HTTP date, capped at
  ``retry_after_cap``) closes the gate of that host for everyone: the server
  asked the client, not one URL, to wait;
- without ``Retry-After``, a failed request waits ``backoff_base * 2**(try-1)``
  seconds (capped at ``backoff_cap``) before its own retry;
- ``Crawl-delay`` sets the minimum gap between two requests to the host;
- at most ``concurrent_per_domain`` requests per host are in flight (and at
  most the process's share of ``max_requests`` over all hosts). Scrapy
  2.19's own CONCURRENT_REQUESTS_PER_DOMAIN lets a burst through when no
  download delay is set (its slot queue hands out every waiting request before
  any is counted as transferring: 6 in flight with a limit of 2, measured), so
  the gate enforces the limit itself around the download.

After ``retry_times`` retries the last answer goes to the spider and the URL is
recorded as dropped (``http_error:<status>``) in the source's ledger.

    >>> retry_after_seconds(b"2")
    2.0
    >>> backoff_seconds(3, base=1.0, cap=60.0)
    4.0
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter, deque
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.asyncio import is_asyncio_available, sleep
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from scrapy.utils.response import response_status_message

from crawler.deadline import MAX_TIME_REASON, deadline_passed
from crawler.guards import resolver_refusal

NOT_BEFORE = "vicorpus_not_before"  # request meta: monotonic time before which it is not sent
HELD = "vicorpus_host_slot"  # request meta: this request holds one of its host's in-flight places
MAX_CRAWL_DELAY = 60.0  # a robots.txt asking for more is obeyed at this pace
# A page that did not answer within download_timeout is tried once more, not
# retry_times more: with a 20 s timeout, 3 retries would hold a slot for 80 s.
TIMEOUT_RETRIES = 1


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` value asks for (delta seconds or HTTP date); None if absent/bad.

    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=datetime(2015, 10, 21, 7, 27, 30,
    ...                     tzinfo=timezone.utc))
    30.0
    """
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def backoff_seconds(attempt: int, *, base: float, cap: float) -> float:
    """Wait before retry number ``attempt`` (1-based): base, 2*base, 4*base, ... at most ``cap``."""
    return min(cap, base * (2 ** (attempt - 1)))


class HostGate:
    """When each host may next be sent a request (monotonic clock), shared by every spider of
    one crawl process: two sources on one host are paced together.

    ``max_in_flight`` bounds the requests in flight per host, ``max_total`` over all hosts
    (the crawl's global cap, shared out between its processes); 0: no bound.

    >>> gate = HostGate(); gate.set_min_gap("x.vn", 2.0)
    >>> [round(gate.reserve("x.vn", now=10.0, min_gap=g), 2) for g in (0.0, 0.0, 3.0)]
    [0.0, 2.05, 4.1]
    """

    # Added to every nonzero gap: the time from the gate to the wire varies by a few
    # milliseconds, and the site must never see two requests closer than it asked.
    SLACK = 0.05

    def __init__(self, max_in_flight: int = 0, max_total: int = 0):
        self.next_free: dict[str, float] = {}
        self.min_gap: dict[str, float] = {}
        self.max_in_flight = max_in_flight
        self.max_total = max_total
        self.in_flight: Counter = Counter()
        self.total = 0
        self._waiters: deque = deque()

    def _full(self, host: str) -> bool:
        return bool(self.max_in_flight and self.in_flight[host] >= self.max_in_flight
                    or self.max_total and self.total >= self.max_total)

    async def enter(self, host: str) -> None:
        """Wait for one of ``host``'s in-flight places (and one of the crawl's) and take it."""
        while self._full(host):
            if is_asyncio_available():
                waiter = asyncio.get_running_loop().create_future()
                self._waiters.append(waiter)
                await waiter
            else:
                await sleep(0.01)
        self.in_flight[host] += 1
        self.total += 1

    def leave(self, host: str) -> None:
        self.in_flight[host] -= 1
        self.total -= 1
        waiters, self._waiters = self._waiters, deque()
        for waiter in waiters:  # few at a time: each checks again whether its host has room
            if not waiter.done():
                waiter.set_result(None)

    def set_min_gap(self, host: str, seconds: float) -> None:
        self.min_gap[host] = seconds

    def block(self, host: str, until: float) -> None:
        self.next_free[host] = max(self.next_free.get(host, 0.0), until)

    def reserve(self, host: str, not_before: float = 0.0, now: float | None = None, min_gap: float = 0.0) -> float:
        """Take the next send time of ``host``; return how long to wait for it. The gap to the
        next request is the larger of the host's Crawl-delay and ``min_gap`` (the source's delay)."""
        now = time.monotonic() if now is None else now
        start = max(now, not_before, self.next_free.get(host, 0.0))
        gap = max(self.min_gap.get(host, 0.0), min_gap)
        self.next_free[host] = start + gap + (self.SLACK if gap else 0.0)
        return start - now


def host_gate(crawler) -> HostGate:
    """The gate of ``crawler``: the one its process installed (crawler/__main__.py), else its own."""
    gate = getattr(crawler, "vicorpus_gate", None)
    if gate is None:
        gate = crawler.vicorpus_gate = HostGate(crawler.settings.getint("VICORPUS_MAX_PER_HOST", 0))
    return gate


def _is_timeout(exception) -> bool:
    from scrapy.exceptions import DownloadTimeoutError
    from twisted.internet.error import TCPTimedOutError, TimeoutError

    return isinstance(exception, (DownloadTimeoutError, TimeoutError, TCPTimedOutError, asyncio.TimeoutError))


def _host(request) -> str:
    return (urlparse_cached(request).hostname or "").lower()


class PacingMiddleware:
    """Hold each request until its host's gate opens (register last before the download).

    It is also where ``max_time`` is enforced, the one place: a request is refused when
    the source's deadline has passed by the time it may be sent (after any politeness
    wait), and stays queued in the crawl state for the next run. With nothing sent any
    more the spider runs out of work and closes.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.gate = host_gate(crawler)
        self.min_gap = crawler.settings.getfloat("DOWNLOAD_DELAY", 0.0)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request, spider=None):
        spider = spider or self.crawler.spider
        if deadline_passed(spider):
            raise IgnoreRequest(MAX_TIME_REASON)
        host = _host(request)
        await self.gate.enter(host)
        request.meta[HELD] = True
        wait = self.gate.reserve(host, request.meta.get(NOT_BEFORE, 0.0), min_gap=self.min_gap)
        if wait > 0:
            await sleep(wait)
        if deadline_passed(spider):
            self._release(request)
            raise IgnoreRequest(MAX_TIME_REASON)
        return None

    def _release(self, request) -> None:
        if request.meta.pop(HELD, False):
            self.gate.leave(_host(request))

    def process_response(self, request, response, spider=None):
        self._release(request)
        return response

    def process_exception(self, request, exception, spider=None):
        self._release(request)
        return None


class RetryAfterMiddleware:
    """Replacement for Scrapy's RetryMiddleware: Retry-After, backoff, a retry cap, a ledger entry."""

    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.gate = host_gate(crawler)
        self.max_retry_times = settings.getint("RETRY_TIMES")
        self.codes = {int(x) for x in settings.getlist("RETRY_HTTP_CODES")}
        self.exceptions = tuple(load_object(x) if isinstance(x, str) else x
                                for x in settings.getlist("RETRY_EXCEPTIONS"))
        self.retry_after_cap = settings.getfloat("VICORPUS_RETRY_AFTER_CAP", 120.0)
        self.backoff_base = settings.getfloat("VICORPUS_BACKOFF_BASE", 1.0)
        self.backoff_cap = settings.getfloat("VICORPUS_BACKOFF_CAP", 60.0)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _ledger(self):
        return getattr(self.crawler.spider, "ledger", None)

    def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry") or response.status not in self.codes:
            return response
        after = retry_after_seconds(response.headers.get(b"Retry-After"))
        retry = self._retry(request, response_status_message(response.status), after)
        if retry is None:
            ledger = self._ledger()
            if ledger is not None:
                ledger.refuse(request.url, f"http_error:{response.status}",
                              detail=f"gave up after {request.meta.get('retry_times', 0) + 1} tries")
            return response
        return retry

    def process_exception(self, request, exception, spider=None):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions):
            return None
        if resolver_refusal(request.url) is not None:
            return None  # the SSRF guard refused the address: asking again changes nothing
        if _is_timeout(exception):
            request.meta["max_retry_times"] = min(
                request.meta.get("max_retry_times", self.max_retry_times), TIMEOUT_RETRIES)
        return self._retry(request, exception, None)

    def _retry(self, request, reason, after: float | None):
        attempt = request.meta.get("retry_times", 0) + 1
        retry = get_retry_request(request, spider=self.crawler.spider, reason=reason,
                                  max_retry_times=request.meta.get("max_retry_times", self.max_retry_times))
        if retry is None:
            return None
        now = time.monotonic()
        ledger = self._ledger()
        if after is not None:
            wait = min(after, self.retry_after_cap)
            self.gate.block(_host(request), now + wait)  # the whole host waits, as asked
            if ledger is not None and after > self.retry_after_cap:
                ledger.retry_after_capped += 1
        else:
            wait = backoff_seconds(attempt, base=self.backoff_base, cap=self.backoff_cap)
        retry.meta[NOT_BEFORE] = now + wait
        if ledger is not None:
            ledger.retries += 1
            ledger.retry_wait_seconds += wait
        return retry


class CrawlDelayRobotsMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware that also applies the host's ``Crawl-delay`` to the gate."""

    def process_request_2(self, rp, request) -> None:
        if rp is not None and hasattr(rp, "crawl_delay"):
            agent = self._robotstxt_useragent or self._default_useragent
            delay = rp.crawl_delay(agent)
            if delay:
                gate = host_gate(self.crawler)
                host = _host(request)
                if host not in gate.min_gap:
                    gate.set_min_gap(host, min(float(delay), MAX_CRAWL_DELAY))
                    ledger = getattr(self.crawler.spider, "ledger", None)
                    if ledger is not None:
                        ledger.crawl_delay[host] = gate.min_gap[host]
        super().process_request_2(rp, request)
