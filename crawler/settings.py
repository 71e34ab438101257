"""Scrapy settings for one source: polite by default, fast only for local test sites."""

from __future__ import annotations

import os

import vicorpus
from crawler.guards import proxy_hosts
from crawler.job import CrawlLimits
from crawler.raw import ACCEPT_ENCODING
from crawler.raw import PRIORITY as RAW_PRIORITY
from vicorpus.config import SourceConfig

USER_AGENT = f"vicorpus/{vicorpus.__version__} (+https://github.com/vicorpus/vicorpus; corpus research crawler)"


def scrapy_settings(source: SourceConfig, limits: CrawlLimits) -> dict:
    """Settings dict for the crawler of ``source``.

    >>> from vicorpus.config import SourceConfig
    >>> s = SourceConfig(name="x", title="X", start_urls=["https://x.vn/"], allowed_domains=["x.vn"],
    ...                  licence="l", attribution="a")
    >>> scrapy_settings(s, CrawlLimits())["CONCURRENT_REQUESTS_PER_DOMAIN"]
    2
    """
    local = source.allow_private_network
    delay = limits.private_min_delay if local else limits.min_delay
    if not limits.politeness:
        delay = 0.0
    return {
        "USER_AGENT": USER_AGENT,
        "DEFAULT_REQUEST_HEADERS": {
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "vi,en;q=0.5",
            "Accept-Encoding": ACCEPT_ENCODING,  # what every WARC reader can decode (crawler/raw.py)
        },
        "ROBOTSTXT_OBEY": True,
        # One source is (nearly always) one host: more slots than per-host places only park
        # requests in the downloader's queue. The crawl-wide cap is the process's host gate.
        "CONCURRENT_REQUESTS": limits.concurrent_per_domain,
        # The spider yields requests, never items; Scrapy's default of 100 parallel item
        # slots costs 100 asyncio tasks per response (a third of the CPU at 300 pages/s).
        "CONCURRENT_ITEMS": 4,
        "CONCURRENT_REQUESTS_PER_DOMAIN": limits.concurrent_per_domain,
        # Scrapy re-parses the callback's source (inspect + ast) on every response to warn
        # about generators returning values: its cache misses on bound methods. Our
        # callbacks return nothing (tests/test_crawler_http.py checks), so skip it.
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        "DOWNLOAD_DELAY": delay,
        "RANDOMIZE_DOWNLOAD_DELAY": not local,
        "AUTOTHROTTLE_ENABLED": limits.politeness and not local,
        "AUTOTHROTTLE_START_DELAY": max(delay, 1.0),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": limits.download_timeout,
        # Applies to the decompressed body too (HttpCompressionMiddleware checks it).
        "DOWNLOAD_MAXSIZE": limits.max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "REDIRECT_MAX_TIMES": limits.redirect_max,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": limits.retry_times,
        "RETRY_HTTP_CODES": [429, 500, 502, 503, 504, 522, 524, 408],
        "HTTPERROR_ALLOW_ALL": True,
        "COOKIES_ENABLED": True,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": os.environ.get("VICORPUS_CRAWL_LOG", "ERROR"),
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        # Retry-After, backoff and Crawl-delay replace Scrapy's retry and robots middlewares
        # (crawler/retry.py); the pacing gate sits last, just before the download.
        "VICORPUS_MAX_PER_HOST": limits.concurrent_per_domain,
        "VICORPUS_RETRY_AFTER_CAP": limits.retry_after_cap,
        "VICORPUS_BACKOFF_BASE": limits.backoff_base,
        "VICORPUS_BACKOFF_CAP": limits.backoff_cap,
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.guards.SsrfGuardMiddleware": 50,
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "crawler.retry.CrawlDelayRobotsMiddleware": 100,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.retry.RetryAfterMiddleware": 550,
            "crawler.retry.PacingMiddleware": 960,  # also enforces max_time (crawler/deadline.py)
            # Keeps the body as sent for the WARC, just before HttpCompressionMiddleware (590).
            "crawler.raw.RawResponseMiddleware": RAW_PRIORITY,
        },
        # UrlAdmission already bounds depth and URL length; each spider middleware wraps
        # every callback's output in one more async generator.
        "SPIDER_MIDDLEWARES": {
            "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
            "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
            "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
        },
        "DEPTH_LIMIT": 0,  # depth is bounded by UrlAdmission (per source max_depth)
    }


def process_settings(sources: list[SourceConfig], limits: CrawlLimits) -> dict:
    """Settings of the crawl process itself (logging, reactor, DNS), shared by its sources' crawlers.

    The DNS resolver is the SSRF guard for host names (crawler/guards.py): only the
    domains of sources with ``allow_private_network`` and the proxies may resolve to
    private addresses.
    """
    return {
        "LOG_LEVEL": os.environ.get("VICORPUS_CRAWL_LOG", "ERROR"),
        "TELNETCONSOLE_ENABLED": False,
        "TWISTED_DNS_RESOLVER": "crawler.guards.GuardedResolver",
        "VICORPUS_PRIVATE_DOMAINS": sorted({d for s in sources if s.allow_private_network
                                            for d in s.allowed_domains + s.successor_domains}),
        "VICORPUS_PROXY_HOSTS": proxy_hosts(),
    }
