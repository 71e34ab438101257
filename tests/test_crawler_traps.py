"""A held-out-style site with every trap at once (tests/crawl_traps_site.py::TrapSite).

The right pages are kept (every real article archived once), the wrong ones are
never requested (robots-disallowed, off-domain, links inside PDFs/images, session
and tracking duplicates), and infinite spaces stay within stated bounds.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler import run_crawl
from crawler.frontier import UrlAdmission
from crawler.job import CrawlLimits
from vicorpus.config import SourceConfig, load_source
from vicorpus.workdir import prepare_workdir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl_traps_site import OffsiteServer, TrapSite  # noqa: E402

pytestmark = pytest.mark.slow
MAX_DEPTH = 6
QUERY_VARIANTS = 20


@pytest.fixture
def offsite():
    server = OffsiteServer()
    yield server
    server.close()


def crawl(site: TrapSite, tmp_path: Path, limits: CrawlLimits, **config) -> tuple[dict, Path]:
    source = load_source(site.write_config(tmp_path / "bay.yaml", "bay", max_depth=MAX_DEPTH, **config))
    workdir = prepare_workdir(tmp_path / "work")
    return run_crawl([source], workdir, progress=False, limits=limits), workdir.root


def archived_responses(workdir: Path) -> Counter:
    counts: Counter = Counter()
    for path in sorted((workdir / "warc").glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    counts[urlsplit(record.rec_headers.get_header("WARC-Target-URI")).path] += 1
    return counts


def test_a_link_that_merely_mentions_a_url_does_not_spoil_the_host_verdict():
    # A share link carries another URL in its query: the memo must key on the real host
    # (a mailto: link has none), not on whatever follows the first "://".
    src = SourceConfig(name="x", title="X", start_urls=["http://x.vn/"], allowed_domains=["x.vn"],
                       licence="Ghi rõ nguồn", attribution="Nguồn: X")
    rules = UrlAdmission(src, CrawlLimits())
    assert not rules.allowed_host("mailto:a@b.vn?body=http://x.vn/a")
    assert rules.allowed_host("http://x.vn/b")
    assert rules.allowed_host("https://www.x.vn:8443/c")
    assert not rules.allowed_host("http://evilx.vn/d")


def test_trap_site_keeps_articles_and_bounds_traps(tmp_path, offsite):
    with TrapSite(20, offsite_base=offsite.base) as site:
        report, workdir = crawl(site, tmp_path, CrawlLimits(max_query_variants=QUERY_VARIANTS))
        log = site.requests()

    paths = [e.path for e in log]
    plain = [urlsplit(p).path for p in paths]
    articles = {a.path for a in site.articles}
    # Every real article (sitemap-only, feed-only, listing-only) fetched exactly once and archived.
    per_article = Counter(p for p in plain if p in articles)
    assert set(per_article) == articles and set(per_article.values()) == {1}
    archived = archived_responses(workdir)
    assert all(archived[a] == 1 for a in articles)
    # Session ids and tracking parameters never reach the server.
    assert not [p for p in paths if any(k in p.lower() for k in ("jsessionid", "phpsessid", "utm_", "fbclid"))]
    # Robots-disallowed, off-domain and links found inside non-HTML bodies: never requested.
    assert not [p for p in plain if p.startswith(("/noi-bo/", "/tai-khoan"))]
    assert offsite.hits == []
    assert {e.host for e in log} == {f"127.0.0.1:{site.port}"}
    assert "/bay-trong-pdf.htm" not in plain and "/bay-trong-anh.htm" not in plain
    # Non-HTML responses are recorded (archived), just not parsed.
    assert archived["/tai-lieu/bao-cao-kinh-te-xa-hoi-2025.pdf"] == 1
    assert archived["/anh/hoi-nghi-truc-tuyen.jpg"] == 1

    # Infinite spaces stay bounded.
    calendar = [p for p in plain if p.startswith("/lich/")]
    chain = [int(p.rsplit("/", 1)[1]) for p in plain if p.startswith("/chuoi/")]
    queries = {p for p in paths if p.startswith("/van-ban/tra-cuu")}
    assert 0 < len(calendar) <= 1 + 2 * (MAX_DEPTH - 1)   # home -> /lich at depth 1, +-1 month a hop
    assert chain and max(chain) <= MAX_DEPTH
    assert 0 < len(queries) <= QUERY_VARIANTS
    assert len(paths) == len(set(paths)), "no URL requested twice"
    # Stated bound: robots + home + 3 listing + 4 sitemap/feed + 20 articles + 2 non-HTML
    #               + calendar 11 + chain 6 + query variants 20 = 68.
    assert len(log) <= 68
    reasons = report["totals"]["not_fetched_by_reason"]
    assert reasons.get("robots", 0) >= 2
    assert reasons.get("excluded:trap_query_explosion", 0) > 0
    assert reasons.get("excluded:max_depth", 0) > 0
    # A URL refused on one path and fetched on another is not reported as not fetched.
    listed = {urlsplit(item["url"]).path + (f"?{urlsplit(item['url']).query}" if urlsplit(item["url"]).query else "")
              for item in report["not_fetched"]}
    assert not listed & set(archived), sorted(listed & set(archived))[:5]


def test_path_shape_bound_holds_calendar_when_depth_is_generous(tmp_path, offsite):
    with TrapSite(20, offsite_base=offsite.base) as site:
        limits = CrawlLimits(max_depth=60, max_template_urls=8)
        source = load_source(site.write_config(tmp_path / "bay.yaml", "bay"))
        report = run_crawl([source], prepare_workdir(tmp_path / "work"), progress=False, limits=limits)
        plain = [urlsplit(e.path).path for e in site.requests()]

    assert 0 < len([p for p in plain if p.startswith("/lich/")]) <= 8
    assert 0 < len([p for p in plain if p.startswith("/chuoi/")]) <= 8
    # Articles share path shapes too, but the article pattern exempts them from this bound.
    assert {a.path for a in site.articles} <= set(plain)
    assert report["totals"]["not_fetched_by_reason"]["excluded:trap_calendar"] > 0


def test_max_pages_is_respected(tmp_path, offsite):
    with TrapSite(20, offsite_base=offsite.base) as site:
        report, _ = crawl(site, tmp_path, CrawlLimits(max_pages=15))
        log = [e for e in site.requests() if e.path != "/robots.txt"]

    assert 0 < len(log) <= 15
    assert report["sources"]["bay"]["stopped_by"] == "max_pages"
    assert report["sources"]["bay"]["fetched"] <= 15


def test_max_time_is_respected(tmp_path, offsite):
    with TrapSite(20, offsite_base=offsite.base, article_delay=0.6) as site:
        started = time.monotonic()
        report, _ = crawl(site, tmp_path, CrawlLimits(max_time=2.0))
        elapsed = time.monotonic() - started
        log = site.requests()

    articles = {a.path for a in site.articles}
    fetched_articles = [e for e in log if e.path in articles]
    assert len(fetched_articles) < len(articles), "a 2 s limit stops a 0.6 s/article site early"
    # No request is sent later than max_time after the first one (1 s slack: shared cores).
    assert max(e.arrived for e in log) - min(e.arrived for e in log) <= 2.0 + 1.0
    assert elapsed < 30
    assert report["sources"]["bay"]["stopped_by"] == "max_time"
    # what the next run fetches is counted (the in-flight "queued" is 0 once the run is over)
    left = report["sources"]["bay"]["left_for_next_run"]
    assert 0 < left and report["totals"]["left_for_next_run"] == left
