"""The shared scheduler: scrapy-redis's queue and seen-set plus seeding once, busy marks,
taken lists and shared termination (the package docstring tells the whole protocol)."""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import time
import uuid
from collections import deque

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from crawler.deadline import deadline_passed
from crawler.discovery import FOUND
from crawler.redis_frontier.scripts import (CLAIM_SEEDING, POP_AND_MARK, REPLACE_TAKEN, REQUEUE_IF_DEAD,
                                            SEEDING_DONE)
from crawler.redis_frontier.spec import FrontierSpec

log = logging.getLogger(__name__)

BEAT_SECONDS = 0.5      # how often a process refreshes its busy mark and re-polls when idle
CONTINUATION_KEYS = frozenset({"retry_times", "redirect_times"})  # set by Scrapy's middlewares


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
        self._pop = self.server.register_script(POP_AND_MARK)
        self._requeue = self.server.register_script(REQUEUE_IF_DEAD)
        self._claim = self.server.register_script(CLAIM_SEEDING)
        self._replace = self.server.register_script(REPLACE_TAKEN)
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
                                 meta.get(FOUND))
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
