"""A crawl frontier in Redis shared by several crawler processes (possibly on other machines).

    vicorpus crawl SOURCE --workdir W1 --frontier redis://HOST:6379/0?crawl=jan
    vicorpus crawl SOURCE --workdir W2 --frontier redis://HOST:6379/0?crawl=jan   # elsewhere

Built on scrapy-redis: its FIFO request queue and its RFPDupeFilter (an atomic
SADD of the request fingerprint) are the shared queue and seen-set, so each URL
is scheduled once across all processes. Our :class:`SharedScheduler` adds what
scrapy-redis leaves out:

- **seeding once**: the first process to claim ``…:seeded`` yields the start
  URLs, sitemaps and feeds, then sets it to ``done``; the others only consume the
  queue. Should the seeder die before ``done`` (its busy mark expired), the next
  process to start or to find the crawl idle seeds again (harmless: the seen-set
  drops what was already queued);
- **termination**: every process marks itself busy (``…:busy:<worker>``, with a
  TTL so a killed process does not hold the crawl forever) from the moment it
  pops a request until its engine is idle again, i.e. until the links found in
  the page are in the queue. A process stops when the queue is empty and no
  process is busy for ``idle`` seconds in a row; a clean finish removes the keys,
  a killed crawl keeps them and resumes from Redis;
- **no lost requests**: a popped request stays in ``…:taken:<worker>`` until its page
  has been parsed (and archived); when a worker's busy mark expires (killed) its taken
  requests go back to the queue, and a worker stopped early (``--max-time``) hands its
  unfinished ones back itself. A kill therefore costs a refetch, not a missing page;
- retries and redirects of a request stay in the process that took it (its clock
  times the backoff, its host gate the politeness); they still pass the seen-set.
  The follow-up replaces the original in the taken list, so a kill mid-redirect
  hands back the redirect target (already "seen", it would otherwise be lost);
- per-process accounting: a request counts as queued in the ledger and the
  local crawl state of the process that takes it, so state and WARCs stay per workdir.

Keys: ``vicorpus:<crawl>:<source>:{requests,seen,seeded,busy:<worker>,taken:<worker>}``.
Robots.txt, the SSRF guard and URL admission run in each process as usual.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import socket
import time
import uuid
from collections import deque
from dataclasses import asdict, dataclass
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from crawler.deadline import deadline_passed
from vicorpus.errors import UsageError

log = logging.getLogger(__name__)

SCHEMES = ("redis", "rediss", "unix")
DEFAULT_CRAWL_ID = "default"
DEFAULT_IDLE_SECONDS = 5.0
DEFAULT_LEASE_SECONDS = 30.0  # how long a busy mark outlives a process that stopped refreshing it
BEAT_SECONDS = 0.5      # how often a process refreshes its busy mark and re-polls when idle
CONTINUATION_KEYS = frozenset({"retry_times", "redirect_times"})  # set by Scrapy's middlewares
_CRAWL_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# Pop one request, keep a copy in the worker's taken list and mark the worker busy, in
# one step: nobody may see the queue empty and this worker idle while it holds a request,
# and a worker killed while holding requests leaves them for the others to requeue.
_POP_AND_MARK = """
local data = redis.call('RPOP', KEYS[1])
if data then
  redis.call('LPUSH', KEYS[3], data)
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
end
return data
"""
# Claim the seeding of the crawl; a claimant is marked busy while it seeds, so nobody can
# find the crawl finished meanwhile. Returns 1 if nobody had claimed it, 2 if the claimant
# died before it finished (its busy mark is gone), 0 if seeding is done or another live
# worker is at it. KEYS: seeded, own busy mark; ARGV: worker, lease ms, namespace, '1' to
# take over only (an idle worker must not seed afresh a crawl another just finished), and
# the value that marks seeding done.
_CLAIM_SEEDING = """
local seeder = redis.call('GET', KEYS[1])
local claimed = 0
if not seeder then
  if ARGV[4] ~= '1' then claimed = 1 end
elseif seeder ~= ARGV[5] and seeder ~= ARGV[1]
    and redis.call('EXISTS', ARGV[3] .. ':busy:' .. seeder) == 0 then
  claimed = 2
end
if claimed > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
  redis.call('SET', KEYS[1], ARGV[1])
end
return claimed
"""
SEEDING_DONE = "done"
# A retry or redirect replaces the request it continues in the worker's taken list.
_REPLACE_TAKEN = """
redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('LPUSH', KEYS[1], ARGV[2])
"""
# Give the taken requests of a worker back to the queue, unless that worker is still alive
# (KEYS[2] is its busy mark; pass a missing key to requeue one's own).
_REQUEUE_IF_DEAD = """
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local n = 0
while redis.call('RPOPLPUSH', KEYS[1], KEYS[3]) do n = n + 1 end
return n
"""


@dataclass(frozen=True)
class FrontierSpec:
    """A parsed ``--frontier`` value.

    ``crawl`` names the crawl (default ``default``), ``idle`` is how long the queue must stay
    empty with nobody busy before the processes stop, ``lease`` how long a silent (killed)
    process keeps its requests before the others take them back.

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
    lease_seconds: float = DEFAULT_LEASE_SECONDS

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
        crawl_id, seconds = DEFAULT_CRAWL_ID, {"idle": DEFAULT_IDLE_SECONDS, "lease": DEFAULT_LEASE_SECONDS}
        for key, val in parse_qsl(parts.query, keep_blank_values=True):
            if key == "crawl":
                if not _CRAWL_ID.match(val):
                    raise UsageError(f"--frontier crawl id must be letters, digits, '.', '_' or '-', not {val!r}")
                crawl_id = val
            elif key in seconds:
                try:
                    seconds[key] = float(val)
                except ValueError:
                    seconds[key] = -1.0
                low = 2.0 if key == "lease" else 0.0  # a lease must outlast a few heartbeats
                if not low < seconds[key] <= 3600:
                    raise UsageError(f"--frontier {key} must be seconds in ({low:g}, 3600], not {val!r}")
            else:
                raise UsageError(f"--frontier: unknown option {key!r} (known: crawl, idle, lease)")
        redis_url = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        host = parts.hostname or ""
        netloc = f"[{host}]" if ":" in host else host
        if port:
            netloc += f":{port}"
        shown = urlunsplit((parts.scheme, netloc, parts.path, f"crawl={crawl_id}", ""))
        return cls(redis_url=redis_url, crawl_id=crawl_id, idle_seconds=seconds["idle"], display=shown,
                   lease_seconds=seconds["lease"])

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


def frontier_settings(spec: FrontierSpec, source: str, base: dict | None = None) -> dict:
    """Scrapy settings that put one source's crawl on the shared frontier (merged into ``base``'s
    middleware dicts, so the crawler's own middlewares stay)."""
    ns = spec.namespace(source)
    spider_mw = {**(base or {}).get("SPIDER_MIDDLEWARES", {}), "crawler.redis_frontier.FrontierAckMiddleware": 10}
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
        "SPIDER_MIDDLEWARES": spider_mw,
    }


class FrontierAckMiddleware:
    """Tell the frontier a page is done once the spider's output for it is fully consumed.

    By then the WARC record is written and the page's links are in the shared queue.
    A callback that raises (e.g. ``max_time``) does not ack: the request is handed back.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_output(self, response, result):
        yield from result
        self._ack(response)

    async def process_spider_output_async(self, response, result):
        async for item in result:
            yield item
        self._ack(response)

    def _ack(self, response) -> None:
        frontier = getattr(self.crawler.spider, "shared_frontier", None)
        if frontier is not None and response.request is not None:
            frontier.ack(response.request)


class SharedScheduler(RedisScheduler):
    """scrapy-redis's scheduler plus seeding-once, busy marks, taken lists and shared termination."""

    @classmethod
    def from_crawler(cls, crawler):
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        info = crawler.settings.getdict("VICORPUS_FRONTIER")
        instance.spec = FrontierSpec(**{k: info[k] for k in (
            "redis_url", "crawl_id", "idle_seconds", "display", "lease_seconds")})
        instance.lease_ms = int(instance.spec.lease_seconds * 1000)
        instance.ns = info["namespace"]
        instance.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        instance.busy_key = f"{instance.ns}:busy:{instance.worker}"
        instance.taken_key = f"{instance.ns}:taken:{instance.worker}"
        instance.taken = 0
        instance.requeued = 0
        instance.seeded_here = False
        instance.reseeded = False  # took over from a seeder that died mid-way
        instance.finished = False
        instance.max_pages: int | None = None
        instance.error: str | None = None
        instance._holding: dict[str, bytes] = {}  # asked URL -> its request's bytes in the taken list
        instance._idle_since: float | None = None
        instance._wake_call = None
        instance._beats = 0
        instance._local: deque = deque()  # retries and redirects of requests this process took
        return instance

    # -- lifecycle -------------------------------------------------------------------
    def open(self, spider):
        super().open(spider)
        spider.shared_frontier = self
        # --max-pages bounds what this process *takes* (see _at_max_pages), not what it
        # discovers: links it finds beyond that are for the other processes.
        limits = getattr(spider, "limits", None)
        self.max_pages = getattr(limits, "max_pages", None)
        if self.max_pages is not None:
            spider.limits = dataclasses.replace(limits, max_pages=None)
        self._pop = self.server.register_script(_POP_AND_MARK)
        self._requeue = self.server.register_script(_REQUEUE_IF_DEAD)
        self._claim = self.server.register_script(_CLAIM_SEEDING)
        self._replace = self.server.register_script(_REPLACE_TAKEN)
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
            if self.finished:
                # Everyone was idle with an empty queue: the crawl is complete, so the next
                # crawl with this id starts afresh instead of finding every URL "seen".
                self.server.delete(self.busy_key, self.taken_key, self.queue.key, self.df.key,
                                   f"{self.ns}:seeded")
            else:  # stopped early (max_time, max_pages, Ctrl-C): unfinished work goes back
                self.requeued += self._requeue(keys=[self.taken_key, f"{self.ns}:none", self.queue.key])
                self.server.delete(self.busy_key, self.taken_key)
        except redis.RedisError as exc:
            log.warning("frontier cleanup failed: %s", exc)

    def describe(self) -> dict:
        """What the crawl report says about the frontier of this process."""
        return {"url": self.spec.display, "crawl_id": self.spec.crawl_id, "worker": self.worker,
                "taken": self.taken, "requeued": self.requeued, "seeded": self.seeded_here,
                "reseeded": self.reseeded,
                "finished": self.finished, "error": self.error}

    # -- seeding ---------------------------------------------------------------------
    def claim_seeding(self, takeover_only: bool = False) -> bool:
        """True for the one process that yields the start requests of this crawl (and for a
        process that takes over from a seeder that died before :meth:`seeding_done`)."""
        claimed = self._claim(keys=[f"{self.ns}:seeded", self.busy_key],
                              args=[self.worker, self.lease_ms, self.ns, int(takeover_only), SEEDING_DONE])
        if claimed == 2:
            log.warning("frontier: the seeding process stopped before it finished; seeding again")
            self.reseeded = True
        self.seeded_here = self.seeded_here or bool(claimed)
        return bool(claimed)

    def seeding_done(self) -> None:
        """Every start request is in the shared queue: nobody needs to seed this crawl again."""
        try:
            self.server.set(f"{self.ns}:seeded", SEEDING_DONE)
        except redis.RedisError as exc:
            self._fail(exc)

    def _seed_if_abandoned(self) -> bool:
        """Seed here, straight into the queue, if the seeder died mid-way; True if it did."""
        if not self.claim_seeding(takeover_only=True):
            return False
        for request in self.spider.start_requests():
            self.enqueue_request(request)
        self.seeding_done()
        return True

    # -- queue -----------------------------------------------------------------------
    def enqueue_request(self, request):
        try:
            if CONTINUATION_KEYS & request.meta.keys():
                # A retry or redirect continues a request this process took (still in its taken
                # list): keep it here, so the retry waits (monotonic clock, host gate) stay local.
                if not request.dont_filter and self.df.request_seen(request):
                    return False
                self._hold_instead(request)
                self._local.append(request)
                return True
            return super().enqueue_request(request)
        except redis.RedisError as exc:
            self._fail(exc)
            return False

    def next_request(self):
        if self._local:
            return self._local.popleft()
        if self.error or self._at_max_pages():
            return None
        try:
            data = self._pop(keys=[self.queue.key, self.busy_key, self.taken_key], args=[self.lease_ms])
        except redis.RedisError as exc:
            self._fail(exc)
            return None
        if not data:
            return None
        request = self.queue._decode_request(data)
        asked = _asked(request)
        self._holding[asked] = data
        self.taken += 1
        spider = self.spider
        meta = request.meta
        # The process that fetches a URL accounts for it (ledger, local crawl state).
        if hasattr(spider, "ledger"):
            spider.ledger.queued += 1
            spider.state.enqueue(spider.source.name, asked, meta.get("kind", "page"), meta.get("depth", 0),
                                 meta.get("vicorpus_found"))
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis", spider=spider)
        return request

    def ack(self, request) -> None:
        """``request`` is fully handled: drop it from this worker's taken list."""
        data = self._holding.pop(_asked(request), None)
        if data is None or self.error:
            return
        try:
            self.server.lrem(self.taken_key, 1, data)
        except redis.RedisError as exc:
            self._fail(exc)

    def _hold_instead(self, follow_up) -> None:
        # Scrapy copies meta into retries and redirects, so the asked URL names the original.
        key = _asked(follow_up)
        old = self._holding.get(key)
        if old is None:
            return
        new = self.queue._encode_request(follow_up)
        self._replace(keys=[self.taken_key], args=[old, new])
        self._holding[key] = new

    def _at_max_pages(self) -> bool:
        # --max-pages and --max-time bound what each process takes from the shared queue.
        if self.max_pages is not None and self.taken >= self.max_pages:
            self.spider.ledger.stopped_by = "max_pages"
            return True
        return hasattr(self.spider, "limits") and deadline_passed(self.spider)

    def has_pending_requests(self):
        if self._local:
            return True
        if self.error or self._at_max_pages():
            return False
        try:
            return len(self) > 0
        except redis.RedisError as exc:
            self._fail(exc)
            return False

    # -- busy marks, dead workers and termination ------------------------------------
    def _mark_idle(self) -> None:
        # Engine idle: every request we took is handled (failures included) and its links queued.
        self._holding.clear()
        self.server.delete(self.busy_key, self.taken_key)

    def _heartbeat(self) -> None:
        if self.error:
            return
        try:
            engine = self.crawler.engine
            idle = engine.spider_is_idle()
            in_flight = len(engine.downloader.active)
        except Exception:  # engine closing
            return
        try:
            if idle:
                self._mark_idle()
            else:
                self.server.set(self.busy_key, max(1, in_flight), px=self.lease_ms)
            self._beats += 1
            if self._beats % 4 == 0:
                self._requeue_dead()
        except redis.RedisError as exc:
            self._fail(exc)

    def _requeue_dead(self) -> int:
        """Put back the taken requests of workers whose busy mark has expired."""
        prefix = f"{self.ns}:taken:"
        moved = 0
        for key in self.server.scan_iter(match=prefix + "*", count=100):
            worker = key.decode()[len(prefix):]
            if worker != self.worker:
                moved += self._requeue(keys=[key, f"{self.ns}:busy:{worker}", self.queue.key])
        if moved:
            log.warning("frontier: requeued %d requests of stopped workers", moved)
            self.requeued += moved
        return moved

    def _others_busy(self) -> bool:
        own = self.busy_key.encode()
        return any(key != own for key in self.server.scan_iter(match=f"{self.ns}:busy:*", count=100))

    def _on_idle(self, spider) -> None:
        """Keep the spider open until the whole shared crawl is done."""
        if self.error:
            return  # let it close: the frontier is gone
        try:
            self._mark_idle()
            if self._at_max_pages():
                return  # this process has taken its share; the others go on
            self._requeue_dead()
            done = len(self) == 0 and not self._others_busy() and not self._seed_if_abandoned()
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
            log.warning(self.error)  # the child's exit message says it once (crawler/__main__.py)
            if hasattr(self.spider, "ledger"):
                self.spider.ledger.stopped_by = "frontier_error"


def _asked(request) -> str:
    """The URL the spider asked for (kept in meta through retries and redirects)."""
    return request.meta.get("url", request.url)
