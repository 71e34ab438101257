"""Scrapy crawl of configured sources into WARC files."""

from crawler.run import CrawlFailed, run_crawl

__all__ = ["CrawlFailed", "run_crawl"]
