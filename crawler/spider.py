"""The spider: one per source, discovery from start pages, sitemaps and feeds.

Every response is archived (WarcWriter) before its links are followed; the
crawl state records it after the WARC record is on disk, so a kill between the
two costs a refetch, never a lost record.
"""

from __future__ import annotations

import hashlib
import re
import resource
import time
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import scrapy
from lxml import etree
from scrapy.exceptions import CloseSpider, IgnoreRequest
# Scrapy 2.19 raises its own download errors, not Twisted's TimeoutError/DNSLookupError.
from scrapy.exceptions import CannotResolveHostError, DownloadCancelledError, DownloadTimeoutError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

from crawler.deadline import MAX_TIME_REASON, deadline_passed
from crawler.frontier import UrlAdmission, page_links
from crawler.job import CrawlLimits
from crawler.ledger import SourceLedger
from crawler.raw import RAW, header_pairs
from crawler.state import CrawlState
from crawler.warc import WarcWriter
from vicorpus.config import SourceConfig
from vicorpus.urls import canonicalize_url

HTML_TYPES = (b"text/html", b"application/xhtml")


def _item_date(text: str | None) -> date | None:
    """lastmod (ISO) or pubDate (RFC 822) as a date; None when absent or unreadable."""
    if not text:
        return None
    text = text.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        return None


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork+exec, so a crawler
    child started by a large parent (pytest, a notebook) would report the parent's size.

    >>> peak_rss_mb() > 0
    True
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class SourceSpider(scrapy.Spider):
    name = "vicorpus-source"
    shared_frontier = None  # set by crawler.redis_frontier.SharedScheduler (--frontier redis://…)

    def __init__(self, source: SourceConfig, limits: CrawlLimits, workdir: str, **kwargs):
        super().__init__(**kwargs)
        self.source = source
        self.limits = limits
        self.workdir = Path(workdir)
        self.ledger = SourceLedger(source.name)
        self.admission = UrlAdmission(source, limits)
        self.state = CrawlState(self.workdir / "crawl" / "state.sqlite")
        self.known = self.state.load(source.name)
        self.writer = WarcWriter(self.workdir / "warc", source, max_file_bytes=limits.max_file_bytes)
        self.article = re.compile(source.article_url_pattern) if source.article_url_pattern else None
        self.scheduled: set[str] = set()
        self.started = time.monotonic()
        self.fetches = 0

    # -- scheduling ----------------------------------------------------------------------
    async def start(self):
        frontier = self.shared_frontier
        if frontier is not None and not frontier.claim_seeding():
            return  # another process seeds this shared crawl: only consume its queue
        for request in self.start_requests():
            yield request
        if frontier is not None:  # runs once the engine has scheduled the last one
            frontier.seeding_done()

    def start_requests(self):
        for url in self.source.start_urls:
            yield from self._follow(url, "page", 0, check_depth=False)
        for url in self.source.sitemaps:
            yield from self._follow(url, "sitemap", 0, check_depth=False)
        for url in self.source.feeds:
            yield from self._follow(url, "feed", 0, check_depth=False)
        # Resume: what a killed run had discovered but not fetched.
        for url, record in self.known.items():
            if record.state == "queued":
                yield from self._follow(url, record.kind, record.depth, check_depth=False)

    def _follow(self, url: str, kind: str, depth: int, check_depth: bool = True):
        canonical, reason = self.admission.admit(url, depth, check_depth=check_depth)
        if canonical in self.scheduled:
            return
        if reason is None:
            reason = self.admission.within_trap_bounds(canonical)
        if reason is not None:
            if not reason.startswith("offsite") or kind != "page":
                self.ledger.refuse(canonical, reason)
            return
        if self.limits.max_pages is not None and len(self.scheduled) >= self.limits.max_pages:
            self.ledger.stopped_by = "max_pages"
            return
        self.scheduled.add(canonical)
        headers = {}
        previous = self.known.get(canonical)
        # Only articles are asked "changed since?": listing pages must be re-read for new links.
        if previous and previous.state == "done" and kind == "page" and self._is_article(canonical):
            if previous.etag:
                headers["If-None-Match"] = previous.etag
            if previous.last_modified:
                headers["If-Modified-Since"] = previous.last_modified
        shared = self.shared_frontier is not None
        if not shared:  # shared: the Redis seen-set filters, the process that takes it accounts
            self.state.enqueue(self.source.name, canonical, kind, depth)
            self.ledger.queued += 1
        yield scrapy.Request(canonical, callback=self.parse, errback=self.failed, headers=headers,
                             dont_filter=not shared, meta={"kind": kind, "depth": depth, "url": canonical})

    def _is_article(self, url: str) -> bool:
        return bool(self.article and self.article.search(url))

    def _check_time(self) -> None:
        if deadline_passed(self):
            raise CloseSpider(MAX_TIME_REASON)

    # -- responses -----------------------------------------------------------------------
    def parse(self, response):
        self._check_time()
        meta = response.meta
        kind, depth, asked = meta["kind"], meta["depth"], meta["url"]
        self.ledger.queued -= 1
        self.ledger.fetched += 1
        self.ledger.by_status[response.status] += 1
        final = canonicalize_url(response.url)
        if not self.admission.allowed_host(final):
            self.ledger.refuse(response.url, "offsite", detail=f"redirected from {asked}")
            self.state.mark_failed(self.source.name, asked, kind=kind, depth=depth, reason="offsite")
            return
        fetched_at = datetime.now(timezone.utc)
        if response.status == 304:
            self.ledger.not_modified += 1
            self._done(asked, kind, depth, response, None, fetched_at, None)
            return
        body = response.body  # decoded (Content-Encoding undone): links and the content hash
        # The WARC gets the body as sent (crawler/raw.py kept it before decompression).
        wire_body, wire_headers = meta.pop(RAW, None) or (body, header_pairs(response.headers))
        sha = hashlib.sha256(body).hexdigest()
        previous = self.known.get(asked)
        if previous and previous.sha256 == sha and previous.state == "done" and kind == "page" \
                and self._is_article(asked):
            self.ledger.unchanged += 1
        else:
            location = self.writer.write_exchange(
                url=response.url, fetched_at=fetched_at, method=response.request.method,
                request_headers=header_pairs(response.request.headers), status=response.status,
                response_headers=wire_headers, body=wire_body,
                metadata={"vicorpus-kind": kind, "vicorpus-depth": str(depth),
                          "vicorpus-requested-url": asked,
                          "vicorpus-encoding": getattr(response, "encoding", "") or ""})
            self.ledger.archived += 1
            self.ledger.bytes += len(wire_body)
            if hasattr(response, "encoding"):
                self.ledger.encodings[response.encoding] += 1
            self._done(asked, kind, depth, response, sha, fetched_at, location["warc_file"])
        if response.status >= 400:
            self.ledger.errors += 1
            return
        if kind == "sitemap":
            yield from self._sitemap(response, depth)
        elif kind == "feed":
            yield from self._feed(response, depth)
        elif response.headers.get("Content-Type", b"").split(b";")[0].strip().lower() in HTML_TYPES:
            for link in page_links(response):
                yield from self._follow(link, "page", depth + 1)

    def _done(self, url, kind, depth, response, sha, fetched_at, warc_file):
        self.state.mark_done(
            self.source.name, url, kind=kind, depth=depth, status=response.status,
            etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified"),
            sha256=sha, fetched_at=fetched_at.isoformat(), warc_file=warc_file)

    def _sitemap(self, response, depth):
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body, max_size=self.limits.max_page_bytes)
        try:
            sitemap = Sitemap(body)
        except Exception:
            self.ledger.refuse(response.url, "not_html:bad_sitemap")
            return
        since = self.limits.since_date
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                yield from self._follow(loc, "sitemap", depth, check_depth=False)
            else:
                modified = _item_date(entry.get("lastmod"))
                if since and modified and modified < since:
                    self.ledger.reasons["excluded:before_since"] += 1
                    continue
                yield from self._follow(loc, "page", depth + 1, check_depth=False)

    def _feed(self, response, depth):
        try:
            root = etree.fromstring(response.body, parser=etree.XMLParser(recover=True, resolve_entities=False))
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            self.ledger.refuse(response.url, "not_html:bad_feed")
            return
        since = self.limits.since_date
        for item in root.iter("{*}item", "{*}entry", "item", "entry"):
            link = item.findtext("{*}link") or item.findtext("link")
            if not link:
                node = item.find("{*}link")
                link = node.get("href") if node is not None else None
            when = (item.findtext("{*}pubDate") or item.findtext("pubDate")
                    or item.findtext("{*}updated") or item.findtext("{*}published"))
            modified = _item_date(when)
            if since and modified and modified < since:
                self.ledger.reasons["excluded:before_since"] += 1
                continue
            if link:
                yield from self._follow(link.strip(), "page", depth + 1, check_depth=False)

    def failed(self, failure):
        request = failure.request
        meta = request.meta
        self.ledger.queued -= 1
        error = failure.value
        if isinstance(error, IgnoreRequest) and str(error) == MAX_TIME_REASON:
            return  # stays queued in the crawl state: the next run fetches it
        if isinstance(error, IgnoreRequest):
            text = str(error)
            if "robots" in text.lower():
                reason = "robots"
                self.ledger.refuse(request.url, reason)
            elif text.startswith(("ssrf", "offsite", "excluded:duplicate_redirect")):
                reason = text.split(": ")[0]  # the guard has already told the ledger
            elif "maxsize" in text.lower() or "size" in text.lower():
                reason = "too_large"
                self.ledger.refuse(request.url, reason)
            else:
                reason = "excluded:ignored"
                self.ledger.refuse(request.url, reason, detail=text[:200])
        elif failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
            reason = "timeout"
            self.ledger.errors += 1
            self.ledger.refuse(request.url, reason)
        elif failure.check(DNSLookupError, CannotResolveHostError):
            reason = "http_error:dns"
            self.ledger.errors += 1
            self.ledger.refuse(request.url, reason)
        else:
            name = type(error).__name__
            # DOWNLOAD_MAXSIZE: by Content-Length up front, or mid-body for unannounced sizes.
            too_large = failure.check(DownloadCancelledError) or (
                "size" in str(error).lower() and "cancel" in str(error).lower())
            reason = "too_large" if too_large else f"http_error:{name}"
            self.ledger.errors += 1
            self.ledger.refuse(request.url, reason, detail=str(error)[:200])
        self.state.mark_failed(self.source.name, meta.get("url", request.url), kind=meta.get("kind", "page"),
                               depth=meta.get("depth", 0), reason=reason)

    def closed(self, reason):
        # Peak memory in the report: a gzip bomb must cost no more than the page limit.
        self.ledger.max_rss_mb = peak_rss_mb()
        self.writer.close()
        self.state.commit()
        self.state.close()


def _header(response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
