"""Scrapy crawl of configured sources into WARC files."""

from crawler.run import run_crawl

__all__ = ["run_crawl"]
