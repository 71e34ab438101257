"""A crawl frontier in Redis shared by several crawler processes (possibly on other machines).

    vicorpus crawl SOURCE --workdir W1 --frontier redis://HOST:6379/0?crawl=jan
    vicorpus crawl SOURCE --workdir W2 --frontier redis://HOST:6379/0?crawl=jan   # elsewhere

Built on scrapy-redis: its FIFO request queue and its RFPDupeFilter (an atomic
SADD of the request fingerprint) are the shared queue and seen-set, so each URL
is scheduled once across all processes. Our :class:`SharedScheduler` adds what
scrapy-redis leaves out:

- **seeding once**: the first process to ``SET …:seeded NX`` yields the start
  URLs, sitemaps and feeds; the others only consume the queue;
- **termination**: every process marks itself busy (``…:busy:<worker>``, with a
  TTL so a killed process does not hold the crawl forever) from the moment it
  pops a request until its engine is idle again, i.e. until the links found in
  the page are in the queue. A process stops when the queue is empty and no
  process is busy for ``idle`` seconds in a row; a clean finish removes the keys,
  a killed crawl keeps them and resumes from Redis;
- per-process accounting: a request counts as queued in the ledger and the
  local crawl state of the process that takes it, so state and WARCs stay per workdir.

Keys: ``vicorpus:<crawl>:<source>:{requests,seen,seeded,busy:<worker>}``.
Robots.txt, the SSRF guard and URL admission run in each process as usual.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import time
import uuid
from dataclasses import asdict, dataclass
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from vicorpus.errors import UsageError

log = logging.getLogger(__name__)

SCHEMES = ("redis", "rediss", "unix")
DEFAULT_CRAWL_ID = "default"
DEFAULT_IDLE_SECONDS = 5.0
BUSY_TTL = 30           # seconds a busy mark outlives a process that stopped refreshing it
BEAT_SECONDS = 0.5      # how often a process refreshes its busy mark and re-polls when idle
_CRAWL_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# Pop one request and mark the worker busy in one step: nobody may see the queue
# empty and this worker idle while it holds a request.
_POP_AND_MARK = """
local data = redis.call('RPOP', KEYS[1])
if data then redis.call('SET', KEYS[2], '1', 'EX', ARGV[1]) end
return data
"""


@dataclass(frozen=True)
class FrontierSpec:
    """A parsed ``--frontier`` value.

    >>> spec = FrontierSpec.parse("redis://:secret@10.0.0.5:6379/2?crawl=jan-2026&idle=3")
    >>> spec.redis_url, spec.crawl_id, spec.idle_seconds, spec.display
    ('redis://:secret@10.0.0.5:6379/2', 'jan-2026', 3.0, 'redis://10.0.0.5:6379/2?crawl=jan-2026')
    >>> FrontierSpec.parse("http://10.0.0.5/")
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: --frontier must be a redis://HOST:PORT/DB URL, not 'http://10.0.0.5/'
    """

    redis_url: str
    crawl_id: str = DEFAULT_CRAWL_ID
    idle_seconds: float = DEFAULT_IDLE_SECONDS
    display: str = ""

    @classmethod
    def parse(cls, value: str) -> "FrontierSpec":
        bad = UsageError(f"--frontier must be a redis://HOST:PORT/DB URL, not {value!r}")
        try:
            parts = urlsplit(value)
            port = parts.port
        except ValueError:
            raise bad from None
        if parts.scheme not in SCHEMES or (parts.scheme != "unix" and not parts.hostname):
            raise bad
        if parts.scheme != "unix" and parts.path not in ("", "/") \
                and not re.fullmatch(r"/\d{1,2}", parts.path):
            raise UsageError(f"--frontier database must be a number (redis://HOST:PORT/0), not {parts.path!r}")
        crawl_id, idle = DEFAULT_CRAWL_ID, DEFAULT_IDLE_SECONDS
        for key, val in parse_qsl(parts.query, keep_blank_values=True):
            if key == "crawl":
                if not _CRAWL_ID.match(val):
                    raise UsageError(f"--frontier crawl id must be letters, digits, '.', '_' or '-', not {val!r}")
                crawl_id = val
            elif key == "idle":
                try:
                    idle = float(val)
                except ValueError:
                    idle = -1.0
                if not 0 < idle <= 3600:
                    raise UsageError(f"--frontier idle must be seconds in (0, 3600], not {val!r}")
            else:
                raise UsageError(f"--frontier: unknown option {key!r} (known: crawl, idle)")
        redis_url = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        host = parts.hostname or ""
        netloc = f"[{host}]" if ":" in host else host
        if port:
            netloc += f":{port}"
        shown = urlunsplit((parts.scheme, netloc, parts.path, f"crawl={crawl_id}", ""))
        return cls(redis_url=redis_url, crawl_id=crawl_id, idle_seconds=idle, display=shown)

    def namespace(self, source: str) -> str:
        """Key prefix of one source in this crawl.

        >>> FrontierSpec("redis://h:6379/0").namespace("demo-site")
        'vicorpus:default:demo-site'
        """
        return f"vicorpus:{self.crawl_id}:{source}"

    def check(self) -> None:
        """Ping the server once; a one-line UsageError when it cannot be reached."""
        try:
            client = redis.Redis.from_url(self.redis_url, socket_connect_timeout=3, socket_timeout=5)
            client.ping()
            client.close()
        except (redis.RedisError, OSError, ValueError) as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise UsageError(f"cannot use frontier {self.display}: {first}") from None


def frontier_settings(spec: FrontierSpec, source: str) -> dict:
    """Scrapy settings that put one source's crawl on the shared frontier."""
    ns = spec.namespace(source)
    return {
        "SCHEDULER": "crawler.redis_frontier.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",  # breadth-first, like the local crawl
        "SCHEDULER_QUEUE_KEY": f"{ns}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{ns}:seen",
        "SCHEDULER_PERSIST": True,          # keys go only on a clean finish (see SharedScheduler.close)
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,   # never block the reactor in BRPOP
        "REDIS_URL": spec.redis_url,
        "REDIS_PARAMS": {"socket_timeout": 10, "socket_connect_timeout": 5, "retry_on_timeout": True},
        "VICORPUS_FRONTIER": {**asdict(spec), "namespace": ns},
    }


class SharedScheduler(RedisScheduler):
    """scrapy-redis's scheduler plus seeding-once, busy marks and shared termination."""

    @classmethod
    def from_crawler(cls, crawler):
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        info = crawler.settings.getdict("VICORPUS_FRONTIER")
        instance.spec = FrontierSpec(**{k: info[k] for k in ("redis_url", "crawl_id", "idle_seconds", "display")})
        instance.ns = info["namespace"]
        instance.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        instance.busy_key = f"{instance.ns}:busy:{instance.worker}"
        instance.taken = 0
        instance.seeded_here = False
        instance.finished = False
        instance.error: str | None = None
        instance._idle_since: float | None = None
        instance._wake_call = None
        return instance

    # -- lifecycle -------------------------------------------------------------------
    def open(self, spider):
        super().open(spider)
        spider.shared_frontier = self
        self._pop = self.server.register_script(_POP_AND_MARK)
        self.crawler.signals.connect(self._on_idle, signal=signals.spider_idle)
        from twisted.internet.task import LoopingCall

        self._beat = LoopingCall(self._heartbeat)
        self._beat.start(BEAT_SECONDS, now=False)

    def close(self, reason):
        if self._beat.running:
            self._beat.stop()
        if self._wake_call is not None and self._wake_call.active():
            self._wake_call.cancel()
        try:
            self.server.delete(self.busy_key)
            if self.finished:
                # Everyone was idle with an empty queue: the crawl is complete, so the next
                # crawl with this id starts afresh instead of finding every URL "seen".
                self.server.delete(self.queue.key, self.df.key, f"{self.ns}:seeded")
        except redis.RedisError as exc:
            log.error("frontier cleanup failed: %s", exc)

    def describe(self) -> dict:
        """What the crawl report says about the frontier of this process."""
        return {"url": self.spec.display, "crawl_id": self.spec.crawl_id, "worker": self.worker,
                "taken": self.taken, "seeded": self.seeded_here, "finished": self.finished,
                "error": self.error}

    # -- seeding ---------------------------------------------------------------------
    def claim_seeding(self) -> bool:
        """True for the one process that yields the start requests of this crawl."""
        pipe = self.server.pipeline(transaction=True)
        pipe.set(self.busy_key, "1", ex=BUSY_TTL)   # busy while seeding: nobody may finish meanwhile
        pipe.set(f"{self.ns}:seeded", self.worker, nx=True)
        self.seeded_here = bool(pipe.execute()[1])
        return self.seeded_here

    # -- queue -----------------------------------------------------------------------
    def enqueue_request(self, request):
        try:
            return super().enqueue_request(request)
        except redis.RedisError as exc:
            self._fail(exc)
            return False

    def next_request(self):
        if self.error:
            return None
        try:
            data = self._pop(keys=[self.queue.key, self.busy_key], args=[BUSY_TTL])
        except redis.RedisError as exc:
            self._fail(exc)
            return None
        if not data:
            return None
        request = self.queue._decode_request(data)
        self.taken += 1
        spider = self.spider
        meta = request.meta
        # The process that fetches a URL accounts for it (ledger, local crawl state).
        if hasattr(spider, "ledger"):
            spider.ledger.queued += 1
            spider.state.enqueue(spider.source.name, meta.get("url", request.url),
                                 meta.get("kind", "page"), meta.get("depth", 0))
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis", spider=spider)
        return request

    def has_pending_requests(self):
        if self.error:
            return False
        try:
            return len(self) > 0
        except redis.RedisError as exc:
            self._fail(exc)
            return False

    # -- busy marks and termination --------------------------------------------------
    def _heartbeat(self) -> None:
        if self.error:
            return
        try:
            idle = self.crawler.engine.spider_is_idle()
        except Exception:  # engine closing
            return
        try:
            if idle:
                self.server.delete(self.busy_key)
            else:
                self.server.set(self.busy_key, "1", ex=BUSY_TTL)
        except redis.RedisError as exc:
            self._fail(exc)

    def _others_busy(self) -> bool:
        own = self.busy_key.encode()
        return any(key != own for key in self.server.scan_iter(match=f"{self.ns}:busy:*", count=100))

    def _on_idle(self, spider) -> None:
        """Keep the spider open until the whole shared crawl is done."""
        if self.error:
            return  # let it close: the frontier is gone
        try:
            self.server.delete(self.busy_key)  # our engine is idle: every link we found is queued
            done = len(self) == 0 and not self._others_busy()
        except redis.RedisError as exc:
            self._fail(exc)
            return
        now = time.monotonic()
        if not done:
            self._idle_since = None
        else:
            self._idle_since = self._idle_since or now
            if now - self._idle_since >= self.spec.idle_seconds:
                self.finished = True
                return
        self._wake_soon()
        raise DontCloseSpider

    def _wake_soon(self) -> None:
        # Without this the engine re-polls an idle scheduler only every 5 s (its heartbeat).
        if self._wake_call is not None and self._wake_call.active():
            return
        from twisted.internet import reactor

        def wake():
            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None:
                slot.nextcall.schedule()

        self._wake_call = reactor.callLater(BEAT_SECONDS, wake)

    def _fail(self, exc: Exception) -> None:
        if self.error is None:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            self.error = f"frontier {self.spec.display} failed: {first}"
            log.error(self.error)
            if hasattr(self.spider, "ledger"):
                self.spider.ledger.stopped_by = "frontier_error"
