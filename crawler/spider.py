"""The spider: one per source, discovery from start pages, sitemaps and feeds.

Every response is archived (WarcWriter) before its links are followed; the
crawl state records it after the WARC record is on disk, so a kill between the
two costs a refetch, never a lost record.

Resume and re-crawl (crawler/state.py has the rounds):

- a page already fetched in the current round (a killed or time-limited run) is
  not requested again: its links are read from its archived copy;
- a page fetched in an earlier round is asked "changed since?" when it has
  validators (ETag / Last-Modified) and an archived copy; on 304 its links are
  read from that copy, so what is new behind an unchanged page is still found;
- a page without validators is fetched and compared by the hash of its decoded
  body: the same body is counted ``unchanged`` and not archived again.
"""

from __future__ import annotations

import hashlib
import re
import resource
import time
from collections import deque
from datetime import datetime, timezone
from pathlib import Path

import scrapy
from lxml import etree
from scrapy.exceptions import IgnoreRequest
# Scrapy 2.19 raises its own download errors, not Twisted's TimeoutError/DNSLookupError.
from scrapy.exceptions import CannotResolveHostError, DownloadCancelledError, DownloadTimeoutError
from scrapy.utils.gz import gunzip
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

from crawler.archive import Archive
from crawler.deadline import MAX_TIME_REASON
from crawler.discovery import FOUND, START, Found, listed_date, metadata_fields
from crawler.frontier import UrlAdmission, page_links
from crawler.guards import resolver_refusal
from crawler.job import CrawlLimits
from crawler.ledger import SourceLedger
from crawler.raw import RAW, header_pairs
from crawler.state import CrawlState, UrlRecord
from crawler.warc import WarcWriter
from vicorpus.config import SourceConfig
from vicorpus.urls import canonicalize_url

HTML_TYPES = (b"text/html", b"application/xhtml")


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


def sitemap_entries(body: bytes) -> tuple[str, list[dict]] | None:
    """``(type, entries)`` of a sitemap: type ``urlset`` or ``sitemapindex``; each entry has
    ``loc`` and, when given, ``lastmod``, ``published`` (news:publication_date), ``title``
    (news:title). None when the body is not XML.

    >>> sitemap_entries(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    ...   b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc> http://x.vn/a </loc>'
    ...   b'<news:news><news:publication_date>2026-01-08T16:40:00+07:00</news:publication_date>'
    ...   b'<news:title>Tin A</news:title></news:news></url></urlset>')
    ('urlset', [{'loc': 'http://x.vn/a', 'published': '2026-01-08T16:40:00+07:00', 'title': 'Tin A'}])
    """
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(
            recover=True, remove_comments=True, resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    kind = etree.QName(root).localname
    entries = []
    for item in root:
        if not isinstance(item.tag, str):
            continue
        entry = {}
        for child in item.iter():
            if not isinstance(child.tag, str) or child is item:
                continue
            name = etree.QName(child).localname
            text = (child.text or "").strip()
            if not text:
                continue
            if name == "loc" and etree.QName(child.getparent()).localname in ("url", "sitemap"):
                entry["loc"] = text
            elif name == "lastmod":
                entry["lastmod"] = text
            elif name == "publication_date":
                entry["published"] = text
            elif name == "title" and etree.QName(child.getparent()).localname == "news":
                entry["title"] = text
        if entry.get("loc"):
            entries.append(entry)
    return kind, entries


class SourceSpider(scrapy.Spider):
    name = "vicorpus-source"
    shared_frontier = None  # set by crawler.redis_frontier.scheduler.SharedScheduler (--frontier redis://…)

    def __init__(self, source: SourceConfig, limits: CrawlLimits, workdir: str, warc_tag: str | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        self.source = source
        self.limits = limits
        self.workdir = Path(workdir)
        self.ledger = SourceLedger(source.name)
        self.admission = UrlAdmission(source, limits)
        self.state = CrawlState(self.workdir / "crawl" / "state.sqlite")
        self.round, continued = self.state.open_round(source.name)
        self.ledger.round, self.ledger.round_continued = self.round, continued
        self.known = self.state.load(source.name)
        self.archive = Archive(self.workdir / "warc")
        self.writer = WarcWriter(self.workdir / "warc", source, max_file_bytes=limits.max_file_bytes, tag=warc_tag)
        self.article = re.compile(source.article_url_pattern) if source.article_url_pattern else None
        self.scheduled: set[str] = set()
        self.requested = 0  # requests made (max_pages bounds them; replayed pages are not requests)
        self.started = time.monotonic()

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
        seeds = [(url, "page", 0, START, False) for url in self.source.start_urls]
        seeds += [(url, "sitemap", 0, START, False) for url in self.source.sitemaps]
        seeds += [(url, "feed", 0, START, False) for url in self.source.feeds]
        # What earlier runs discovered but did not fetch. A queued row has no round: the
        # state gives a URL its round only when marking it done (crawler/state.py).
        seeds += [(url, record.kind, record.depth, Found.from_dict(record.found), False)
                  for url, record in self.known.items() if record.state == "queued"]
        yield from self._schedule(seeds)

    def _schedule(self, candidates):
        """Requests for ``candidates`` ``(url, kind, depth, found, check_depth)``.

        A page already fetched in this round is replayed instead: its links, read from
        the archived copy, are scheduled in turn (a loop, not recursion: listing chains
        can be thousands of pages long).
        """
        batches = deque([candidates])
        while batches:
            for url, kind, depth, found, check_depth in batches.popleft():
                canonical = self._admit(url, kind, depth, check_depth)
                if canonical is None:
                    continue
                previous = self.known.get(canonical)
                if self._done_this_round(previous):
                    response = self.archive.read(previous.warc_file, previous.warc_offset)
                    if response is not None:
                        self.ledger.resumed += 1
                        self.scheduled.add(canonicalize_url(response.url))  # a redirect's target too
                        batches.append(self._derive(response, previous.kind, previous.depth))
                        continue
                request = self._request(canonical, kind, depth, found, previous)
                if request is not None:
                    yield request

    def _admit(self, url: str, kind: str, depth: int, check_depth: bool) -> str | None:
        """The canonical URL when it is to be crawled and not yet scheduled in this run."""
        canonical, reason = self.admission.admit(url, depth, check_depth=check_depth)
        if canonical in self.scheduled:
            return None
        if reason is None:
            reason = self.admission.within_trap_bounds(canonical)
        if reason is not None:
            if not reason.startswith("offsite") or kind != "page":
                self.ledger.refuse(canonical, reason)
            return None
        self.scheduled.add(canonical)
        self.ledger.withdraw(canonical, "excluded:max_depth")  # a deeper path refused it before
        return canonical

    def _done_this_round(self, previous: UrlRecord | None) -> bool:
        return previous is not None and previous.round == self.round and self._has_copy(previous)

    def _has_copy(self, previous: UrlRecord) -> bool:
        """``previous`` was fetched and its response is in an archive that is still there."""
        return previous.state == "done" and previous.archived and self.archive.has(previous.warc_file)

    def _request(self, canonical: str, kind: str, depth: int, found: Found, previous: UrlRecord | None):
        if self.limits.max_pages is not None and self.requested >= self.limits.max_pages:
            self.ledger.stopped_by = "max_pages"
            return None
        self.requested += 1
        headers = {}
        # "Changed since?" only when a 304 can be answered from an archived copy.
        if previous is not None and self._has_copy(previous):
            if previous.etag:
                headers["If-None-Match"] = previous.etag
            if previous.last_modified:
                headers["If-Modified-Since"] = previous.last_modified
        shared = self.shared_frontier is not None
        found_dict = found.to_dict()
        if not shared:  # shared: the Redis seen-set filters, the process that takes it accounts
            self.state.enqueue(self.source.name, canonical, kind, depth, found_dict)
            self.ledger.queued += 1
        return scrapy.Request(canonical, callback=self.parse, errback=self.failed, headers=headers,
                              dont_filter=not shared,
                              meta={"kind": kind, "depth": depth, "url": canonical, FOUND: found_dict})

    def _article_match(self, url: str) -> bool | None:
        return bool(self.article.search(url)) if self.article is not None else None

    # -- responses -----------------------------------------------------------------------
    def parse(self, response):
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
        previous = self.known.get(asked)
        if response.status == 304:
            self.ledger.not_modified += 1
            self._done(asked, kind, depth, response, None, fetched_at, None)
            if previous is not None and previous.archived:  # the links of the copy we have
                copy = self.archive.read(previous.warc_file, previous.warc_offset)
                if copy is not None:
                    yield from self._schedule(self._derive(copy, kind, depth))
            return
        body = response.body  # decoded (Content-Encoding undone): links and the content hash
        # The WARC gets the body as sent (crawler/raw.py kept it before decompression).
        wire_body, wire_headers = meta.pop(RAW, None) or (body, header_pairs(response.headers))
        sha = hashlib.sha256(body).hexdigest()
        if previous and previous.state == "done" and previous.sha256 == sha and previous.archived:
            self.ledger.unchanged += 1
            self._done(asked, kind, depth, response, sha, fetched_at, None)
        else:
            found = Found.from_dict(meta.get(FOUND))
            metadata = {"vicorpus-kind": kind, "vicorpus-depth": str(depth), "vicorpus-requested-url": asked,
                        "vicorpus-encoding": getattr(response, "encoding", "") or "",
                        **metadata_fields(found, self._article_match(final))}
            location = self.writer.write_exchange(
                url=response.url, fetched_at=fetched_at, method=response.request.method,
                request_headers=header_pairs(response.request.headers), status=response.status,
                response_headers=wire_headers, body=wire_body, metadata=metadata)
            self.ledger.archived += 1
            if previous is not None and previous.state == "done" and previous.sha256 \
                    and (200 <= (previous.status or 0) < 300 or previous.status == 304):
                self.ledger.changed += 1
            else:  # first time, or first time with content (it was a 404 before)
                self.ledger.new += 1
            self.ledger.bytes += len(wire_body)
            if hasattr(response, "encoding"):
                self.ledger.encodings[response.encoding] += 1
            self._done(asked, kind, depth, response, sha, fetched_at, location)
        if response.status >= 400:
            self.ledger.errors += 1
            return
        yield from self._schedule(self._derive(response, kind, depth))

    def _done(self, url, kind, depth, response, sha, fetched_at, location: dict | None):
        self.state.mark_done(
            self.source.name, url, kind=kind, depth=depth, status=response.status,
            etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified"),
            sha256=sha, fetched_at=fetched_at.isoformat(),
            warc_file=location["warc_file"] if location else None,
            warc_offset=location["warc_offset"] if location else None, round=self.round)

    def _derive(self, response, kind: str, depth: int):
        """Candidates ``(url, kind, depth, found, check_depth)`` a response (fetched or archived) lists."""
        if response.status >= 400:
            return
        if kind == "sitemap":
            yield from self._sitemap(response, depth)
        elif kind == "feed":
            yield from self._feed(response, depth)
        elif response.headers.get("Content-Type", b"").split(b";")[0].strip().lower() in HTML_TYPES:
            links = page_links(response)
            same_site = len({url.split("#", 1)[0] for url, _ in links if self.admission.allowed_host(url)})
            referrer = response.url
            for url, text in links:
                yield url, "page", depth + 1, Found("link", referrer, text, None, same_site), True

    def _sitemap(self, response, depth):
        body = response.body
        if body[:2] == b"\x1f\x8b":  # a .xml.gz file (not a Content-Encoding)
            body = gunzip(body, max_size=self.limits.max_page_bytes)
        parsed = sitemap_entries(body)
        if parsed is None:
            self.ledger.refuse(response.url, "not_html:bad_sitemap")
            return
        kind, entries = parsed
        for entry in entries:
            if kind == "sitemapindex":
                yield entry["loc"], "sitemap", depth, Found("sitemap", response.url), False
                continue
            listed = listed_date(entry.get("published")) or listed_date(entry.get("lastmod"))
            if self._before_since(listed):
                continue
            yield (entry["loc"], "page", depth + 1,
                   Found("sitemap", response.url, entry.get("title"), listed), False)

    def _before_since(self, listed: str | None) -> bool:
        """The listing dates the entry before ``--since``: skip it (and count it)."""
        since = self.limits.since_date
        if since and listed and datetime.fromisoformat(listed).date() < since:
            self.ledger.reasons["excluded:before_since"] += 1
            return True
        return False

    def _feed(self, response, depth):
        try:
            root = etree.fromstring(response.body, parser=etree.XMLParser(
                recover=True, resolve_entities=False, no_network=True))
        except (etree.XMLSyntaxError, ValueError):
            root = None
        if root is None:
            self.ledger.refuse(response.url, "not_html:bad_feed")
            return
        for item in root.iter("{*}item", "{*}entry", "item", "entry"):
            link = item.findtext("{*}link") or item.findtext("link")
            if not link or not link.strip():
                node = item.find("{*}link")
                link = node.get("href") if node is not None else None
            when = (item.findtext("{*}pubDate") or item.findtext("pubDate") or item.findtext("{*}published")
                    or item.findtext("{*}updated"))
            listed = listed_date(when)
            if self._before_since(listed):
                continue
            if link:
                title = item.findtext("{*}title") or item.findtext("title")
                yield link.strip(), "page", depth + 1, Found("feed", response.url, title, listed), False

    def failed(self, failure):
        request = failure.request
        meta = request.meta
        self.ledger.queued -= 1
        error = failure.value
        if isinstance(error, IgnoreRequest) and str(error) == MAX_TIME_REASON:
            return  # stays queued in the crawl state: the next run fetches it
        refused = resolver_refusal(request.url) if failure.check(DNSLookupError, CannotResolveHostError) else None
        if refused is not None:  # the DNS answer the connection would have used
            reason = refused.reason
            self.ledger.refuse(request.url, reason, detail=refused.address)
        elif isinstance(error, IgnoreRequest):
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
        frontier = self.shared_frontier
        complete = reason == "finished" and self.ledger.stopped_by is None and not (
            frontier is not None and (frontier.error or not frontier.finished))
        if complete:  # nothing left to fetch: the next run is a re-crawl
            self.state.finish_round(self.source.name, self.round)
        self.ledger.round_finished = complete
        self.ledger.left_for_next_run = 0 if complete else self.state.pending(self.source.name)
        self.state.close()


def _header(response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
