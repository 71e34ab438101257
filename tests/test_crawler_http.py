"""Real crawls of adversarial local sites: what the server sees, what the report and WARC say.

Each test starts a :class:`crawl_site.CrawlSite` on 127.0.0.1 and runs
``crawler.run_crawl`` (one ``python -m crawler`` child per source), then checks
the server's request log, ``crawl/report.json`` and the WARC files.
"""

from __future__ import annotations

import codecs
import inspect
import sys
import time
import unicodedata
from email.utils import formatdate
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl_site import (CrawlSite, ForwardProxy, Reply, article_page, gzip_bomb, html_reply,  # noqa: E402
                        listing_page, robots, to_cp1258)

from crawler import run_crawl  # noqa: E402
from crawler.job import CrawlLimits  # noqa: E402
from vicorpus.config import SourceConfig  # noqa: E402
from vicorpus.workdir import Workdir  # noqa: E402

EPS = 0.05  # clock granularity between the server's and the crawler's view


@pytest.fixture
def site():
    s = CrawlSite()
    s.start()
    yield s
    s.stop()


@pytest.fixture(autouse=True)
def no_proxy_env(monkeypatch):
    """A developer's own proxy settings must not leak into these crawls."""
    for name in ("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
                 "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def source_for(base: str, *, name: str = "thu-nghiem", private: bool = True, **kwargs) -> SourceConfig:
    fields = dict(name=name, title="Cổng thông tin thử nghiệm", start_urls=[base + "/"],
                  allowed_domains=["127.0.0.1"], licence="Ghi rõ nguồn khi phát hành lại",
                  attribution="Nguồn: Cổng thông tin thử nghiệm", allow_private_network=private)
    fields.update(kwargs)
    return SourceConfig(**fields)


def crawl(tmp_path: Path, source: SourceConfig, **limits) -> tuple[dict, dict, Workdir]:
    """Run one real crawl; return (report, this source's snapshot, workdir)."""
    workdir = Workdir(tmp_path / "work")
    limits.setdefault("max_time", 60)
    report = run_crawl([source], workdir, progress=False, limits=CrawlLimits(**limits))
    return report, report["sources"][source.name], workdir


def reasons(report: dict) -> dict[str, int]:
    return report["totals"]["not_fetched_by_reason"]


def refused(report: dict, reason: str) -> list[dict]:
    return [item for item in report["not_fetched"] if item["reason"] == reason]


def warc_records(workdir: Workdir) -> list[tuple[str, str, bytes, dict]]:
    """(type, target URI, payload as archived, http headers) of every response/metadata record."""
    out = []
    for path in workdir.warc_files():
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, no_record_parse=False):
                if record.rec_type not in ("response", "metadata"):
                    continue
                headers = dict(record.http_headers.headers) if record.http_headers else {}
                out.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                            record.content_stream().read(), headers))
    return out


def article(title: str, links=(), **kw) -> Reply:
    return html_reply(article_page(title, links=list(links)), **kw)


def gap_after(first, second) -> float:
    """Seconds between the end of ``first`` answer and the start of ``second`` request."""
    return second.started - first.ended


# -- Retry-After, backoff, retry cap -------------------------------------------------------
def test_retry_after_on_429_and_503_is_honoured(site, tmp_path):
    def once(status: int, after, title: str):
        def route(hit, n):
            if n == 1:
                value = after() if callable(after) else after
                return html_reply(article_page("Hệ thống đang bận"), status=status,
                                  headers={"Retry-After": value})
            return article(title)
        return route

    site.route("/", listing_page("Tin tức", ["/qua-tai-429.htm", "/bao-tri-503.htm", "/hen-gio.htm"]))
    site.route("/qua-tai-429.htm", once(429, "1", "Thủ tướng chủ trì phiên họp chuyên đề"))
    site.route("/bao-tri-503.htm", once(503, "2", "Bộ Tài chính công bố số liệu thu ngân sách"))
    # An HTTP date 3 s ahead: whole seconds, so at least 2 s are left when the crawler reads it.
    in_3s = lambda: formatdate(time.time() + 3, usegmt=True)  # noqa: E731
    site.route("/hen-gio.htm", once(503, in_3s, "Hà Nội công bố kế hoạch chỉnh trang đô thị"))
    report, snap, _ = crawl(tmp_path, source_for(site.base), retry_times=2, backoff_base=0.1)

    first, second = site.hits("/qua-tai-429.htm")
    assert gap_after(first, second) >= 1.0 - EPS
    first, second = site.hits("/bao-tri-503.htm")
    assert gap_after(first, second) >= 2.0 - EPS
    first, second = site.hits("/hen-gio.htm")
    assert gap_after(first, second) >= 2.0 - EPS
    assert snap["by_status"].get("200") == 4 and "429" not in snap["by_status"]
    assert snap["retries"] == 3 and snap["retry_wait_seconds"] >= 5.0 - EPS  # 1 + 2 + (2..3) s


def test_backoff_is_exponential_and_retries_are_capped(site, tmp_path):
    import socket

    with socket.socket() as probe:  # a port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/khong-ket-noi.htm"
    site.route("/", listing_page("Tin tức", ["/luon-loi.htm", "/cho-rat-lau.htm", closed]))
    site.route("/luon-loi.htm", html_reply(article_page("Lỗi máy chủ"), status=503))

    def capped(hit, n):
        if n == 1:
            return html_reply("bận", status=429, headers={"Retry-After": "3600"})
        return article("Quốc hội thông qua Luật Dữ liệu")

    site.route("/cho-rat-lau.htm", capped)
    report, snap, _ = crawl(tmp_path, source_for(site.base), retry_times=2, backoff_base=0.4,
                            retry_after_cap=1.0)

    tries = site.hits("/luon-loi.htm")
    assert len(tries) == 3  # the first try + retry_times
    gaps = [gap_after(a, b) for a, b in zip(tries, tries[1:])]
    assert gaps[0] >= 0.4 - EPS and gaps[1] >= 0.8 - EPS  # base, then twice the base
    dropped = [i for i in report["not_fetched"] if i["url"].endswith("/luon-loi.htm")]
    assert [i["reason"] for i in dropped] == ["http_error:503"]
    assert "3 tries" in dropped[0]["detail"]
    # A Retry-After of an hour is obeyed up to the cap (1 s here, 120 s by default), and counted.
    first, second = site.hits("/cho-rat-lau.htm")
    assert 1.0 - EPS <= gap_after(first, second) < 10
    assert snap["retry_after_capped"] == 1
    assert CrawlLimits().retry_after_cap == 120.0
    # Connection errors are retried the same way, then reported.
    assert snap["retries"] == 2 + 1 + 2 + 2  # ... and that host's robots.txt too
    assert [i["reason"] for i in report["not_fetched"] if i["url"] == closed] == [
        "http_error:DownloadConnectionRefusedError"]


# -- politeness ---------------------------------------------------------------------------
def test_user_agent_identifies_and_per_domain_concurrency_stays_at_two(site, tmp_path):
    pages = [f"/tin-{i}.htm" for i in range(8)]
    site.route("/", listing_page("Thời sự", pages))
    for i, path in enumerate(pages):
        site.route(path, article(f"Tin thời sự số {i}", delay=0.4))
    report, snap, _ = crawl(tmp_path, source_for(site.base))

    assert snap["archived"] == 9
    agents = {hit.headers.get("User-Agent", "") for hit in site.hits()}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("vicorpus/") and "+https://" in agent  # name, version, contact URL
    assert site.max_in_flight <= 2
    assert site.max_in_flight == 2  # the limit, not a lack of work, is what bounds it


def test_robots_disallow_and_crawl_delay(site, tmp_path):
    site.route("/robots.txt", robots("User-agent: *\nDisallow: /noi-bo/\nCrawl-delay: 1\n"))
    site.route("/", listing_page("Văn bản", ["/van-ban-1.htm", "/van-ban-2.htm", "/noi-bo/du-thao.htm",
                                             "/noi-bo/bao-cao-mat.htm"]))
    site.route("/van-ban-1.htm", article("Nghị định về quản lý dữ liệu"))
    site.route("/van-ban-2.htm", article("Quyết định phê duyệt quy hoạch"))
    site.route("/noi-bo/du-thao.htm", article("Dự thảo nội bộ"))
    report, snap, _ = crawl(tmp_path, source_for(site.base))

    assert not [p for p in site.paths() if p.startswith("/noi-bo/")]
    assert reasons(report)["robots"] == 2
    pages = [h for h in site.hits() if h.path != "/robots.txt"]
    assert [h.path for h in pages][0] == "/" and len(pages) == 3
    starts = sorted(h.started for h in pages)
    assert min(b - a for a, b in zip(starts, starts[1:])) >= 1.0 - EPS
    assert snap["crawl_delay"] == {"127.0.0.1": 1.0}


# -- limits -------------------------------------------------------------------------------
def test_huge_bodies_and_gzip_bomb_are_dropped_without_being_stored(site, tmp_path):
    limit = 256 * 1024
    big = ("<p>" + "Nội dung rất dài. " * 80000 + "</p>").encode("utf-8")  # ~1.7 MB
    site.route("/", listing_page("Tin", ["/rat-lon.htm", "/rat-lon-khong-do-dai.htm", "/bom.htm",
                                         "/binh-thuong.htm"]))
    site.route("/rat-lon.htm", Reply(body=big))
    site.route("/rat-lon-khong-do-dai.htm", Reply(body=big, content_length=False))
    bomb = gzip_bomb(200 * 1024 * 1024)  # 200 MB of spaces in ~200 KB
    assert len(bomb) < limit
    site.route("/bom.htm", Reply(body=bomb, headers={"Content-Type": "text/html; charset=utf-8",
                                                     "Content-Encoding": "gzip"}))
    site.route("/binh-thuong.htm", article("Hà Nội khởi công tuyến đường sắt đô thị"))
    report, snap, workdir = crawl(tmp_path, source_for(site.base), max_page_bytes=limit, retry_times=0)

    too_large = {i["url"].rsplit("/", 1)[1] for i in refused(report, "too_large")}
    assert too_large == {"rat-lon.htm", "rat-lon-khong-do-dai.htm", "bom.htm"}
    archived = {uri.rsplit("/", 1)[1] for kind, uri, _, _ in warc_records(workdir) if kind == "response"}
    assert archived == {"", "binh-thuong.htm"}
    # Nothing of the 200 MB (nor of the 1.7 MB pages) reached the WARC files or the crawler's memory.
    assert sum(p.stat().st_size for p in workdir.warc_files()) < limit
    assert snap["max_rss_mb"] < 200, snap["max_rss_mb"]


def test_slow_page_is_dropped_with_reason_timeout(site, tmp_path):
    site.route("/", listing_page("Tin", ["/cham.htm", "/nhanh.htm"]))
    site.route("/cham.htm", article("Trang trả lời chậm", delay=4.0))
    site.route("/nhanh.htm", article("Trang trả lời nhanh"))
    report, snap, _ = crawl(tmp_path, source_for(site.base), download_timeout=1.0, retry_times=0)

    assert [i["url"].rsplit("/", 1)[1] for i in refused(report, "timeout")] == ["cham.htm"]
    assert snap["by_status"] == {"200": 2}


def test_a_timed_out_page_is_tried_once_more_not_retry_times_more(site, tmp_path):
    site.route("/", listing_page("Tin", ["/cham.htm"]))
    site.route("/cham.htm", article("Trang trả lời chậm", delay=3.0))
    report, _, _ = crawl(tmp_path, source_for(site.base), download_timeout=1.0, retry_times=3)

    assert site.paths().count("/cham.htm") == 2
    assert [i["url"].rsplit("/", 1)[1] for i in refused(report, "timeout")] == ["cham.htm"]


def test_default_download_timeout_is_at_most_20_seconds():
    assert 0 < CrawlLimits().download_timeout <= 20
    with pytest.raises(ValueError):
        CrawlLimits(download_timeout=60)


def test_spider_callbacks_never_return_a_value():
    """The settings turn off Scrapy's per-response source check for generator return values
    (it re-parsed parse() with ast on every page); this test does that check once instead."""
    from scrapy.utils.misc import is_generator_with_return_value

    from crawler.spider import SourceSpider

    callbacks = [SourceSpider.parse, SourceSpider._sitemap, SourceSpider._feed, SourceSpider._schedule,
                 SourceSpider._derive, SourceSpider.start_requests]
    assert all(inspect.isgeneratorfunction(f) for f in callbacks)
    assert [f.__name__ for f in callbacks if is_generator_with_return_value(f)] == []


def test_non_html_is_archived_but_not_parsed(site, tmp_path):
    pdf = b"%PDF-1.4\n1 0 obj << /URI (/tu-pdf.htm) >> endobj\n<a href=\"/tu-pdf.htm\">x</a>\n%%EOF\n"
    png = b"\x89PNG\r\n\x1a\n" + b"<a href='/tu-anh.htm'>" + b"\x00" * 64
    site.route("/", html_reply(article_page("Văn bản mới", links=["/van-ban.pdf", "/anh.png"])))
    site.route("/van-ban.pdf", Reply(body=pdf, headers={"Content-Type": "application/pdf"}))
    site.route("/anh.png", Reply(body=png, headers={"Content-Type": "image/png"}))
    report, snap, workdir = crawl(tmp_path, source_for(site.base))

    assert "/tu-pdf.htm" not in site.paths() and "/tu-anh.htm" not in site.paths()
    bodies = {uri.rsplit("/", 1)[1]: (body, headers) for kind, uri, body, headers in warc_records(workdir)
              if kind == "response"}
    assert bodies["van-ban.pdf"][0] == pdf and bodies["van-ban.pdf"][1]["Content-Type"] == "application/pdf"
    assert bodies["anh.png"][0] == png


# -- discovery ----------------------------------------------------------------------------
def _metadata_by_path(workdir: Workdir) -> dict[str, dict[str, str]]:
    out = {}
    for kind, uri, body, _ in warc_records(workdir):
        if kind == "metadata":
            fields = dict(line.split(": ", 1) for line in body.decode("utf-8").splitlines() if ": " in line)
            out[uri.split("/", 3)[3]] = fields
    return out


def test_every_fetch_records_how_its_url_was_found(site, tmp_path):
    b = site.base
    site.route("/", html_reply(
        '<html><body><a href="/tin/a.htm">  Thủ tướng\n chủ trì <b>phiên họp</b> </a>'
        '<a href="/chuyen-muc.htm">Chuyên mục</a><a href="/chuyen-muc.htm#dau">Chuyên mục</a>'
        '<a href="http://trang-khac.test/x.htm">Báo bạn</a></body></html>'))
    site.route("/chuyen-muc.htm", listing_page("Chuyên mục", []))
    site.route("/sitemap.xml", Reply(body=(
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{b}/sitemap-tin.xml</loc></sitemap></sitemapindex>"), headers={"Content-Type": "application/xml"}))
    site.route("/sitemap-tin.xml", Reply(body=(
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{b}/tin/s.htm</loc><lastmod>2026-01-08</lastmod></url>"
        f"<url><loc>{b}/tin/n.htm</loc><news:news><news:publication_date>2026-01-09T16:40:00+07:00"
        "</news:publication_date><news:title>Bộ Y tế hướng dẫn phòng bệnh mùa đông</news:title></news:news>"
        "</url></urlset>"), headers={"Content-Type": "application/xml"}))
    site.route("/rss.xml", Reply(body=(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin mới</title>'
        f"<item><title>Quốc hội thông qua Luật Dữ liệu</title><link>{b}/tin/f.htm</link>"
        "<pubDate>Tue, 13 Jan 2026 08:30:00 +0700</pubDate></item></channel></rss>"),
        headers={"Content-Type": "application/rss+xml"}))
    for name in "asnf":
        site.route(f"/tin/{name}.htm", article(f"Bài {name}"))
    source = source_for(b, sitemaps=[b + "/sitemap.xml"], feeds=[b + "/rss.xml"],
                        article_url_pattern=r"/tin/[a-z]\.htm$")
    report, snap, workdir = crawl(tmp_path, source)
    meta = _metadata_by_path(workdir)

    def discovery(path):
        return {k.removeprefix("vicorpus-"): v for k, v in meta[path].items()
                if k not in ("vicorpus-kind", "vicorpus-depth", "vicorpus-requested-url", "vicorpus-encoding")}

    assert discovery("") == {"discovery": "start", "article-pattern": "no-match"}
    assert discovery("sitemap.xml") == {"discovery": "start", "article-pattern": "no-match"}
    assert discovery("sitemap-tin.xml") == {"discovery": "sitemap", "discovered-from": b + "/sitemap.xml",
                                            "article-pattern": "no-match"}
    # Two same-site links on the home page (the fragment variant is the same page; offsite not counted).
    assert discovery("tin/a.htm") == {"discovery": "link", "discovered-from": b + "/",
                                      "link-text": "Thủ tướng chủ trì phiên họp", "links-on-referrer": "2",
                                      "article-pattern": "match"}
    assert discovery("chuyen-muc.htm")["article-pattern"] == "no-match"
    assert discovery("tin/s.htm") == {"discovery": "sitemap", "discovered-from": b + "/sitemap-tin.xml",
                                      "listed-date": "2026-01-08", "article-pattern": "match"}
    assert discovery("tin/n.htm") == {"discovery": "sitemap", "discovered-from": b + "/sitemap-tin.xml",
                                      "link-text": "Bộ Y tế hướng dẫn phòng bệnh mùa đông",
                                      "listed-date": "2026-01-09T16:40:00+07:00", "article-pattern": "match"}
    assert discovery("tin/f.htm") == {"discovery": "feed", "discovered-from": b + "/rss.xml",
                                      "link-text": "Quốc hội thông qua Luật Dữ liệu",
                                      "listed-date": "2026-01-13T08:30:00+07:00", "article-pattern": "match"}
    # A source without article_url_pattern writes no article-pattern field.
    again, _, workdir2 = crawl(tmp_path / "2", source_for(b))
    assert all("vicorpus-article-pattern" not in fields for fields in _metadata_by_path(workdir2).values())


# -- the response as sent ------------------------------------------------------------------
WARCIO = str(Path(sys.executable).with_name("warcio"))


def test_compressed_responses_are_archived_as_sent_and_still_read(site, tmp_path):
    """gzip, deflate (zlib and raw) and br bodies: the WARC holds the encoded bytes with their
    Content-Encoding, its digest is over them, warcio checks and extracts them, extraction reads them.

    br is never asked for (warcio decodes it only through vicorpus.warcio_brotli); a server that
    sends it anyway gets its bytes archived as sent. It is a second source, so its WARC is separate.
    """
    import base64
    import gzip
    import hashlib
    import subprocess
    import zlib

    import brotli
    from warcio.archiveiterator import ArchiveIterator

    from normalize.extract import extract_article
    from normalize.warc_reader import read_warc
    from vicorpus.warcio_brotli import install

    titles = {"gzip": "Chính phủ ban hành Nghị định số 15/2026/NĐ-CP về quản lý dữ liệu",
              "deflate": "Bộ Tài chính hướng dẫn quyết toán thuế thu nhập cá nhân năm 2025",
              "raw-deflate": "Hà Nội công bố kế hoạch tổ chức kỳ thi tuyển sinh lớp 10",
              "br": "Quốc hội thông qua Luật Dữ liệu với tỷ lệ tán thành cao"}
    pages = {kind: article_page(title).encode("utf-8") for kind, title in titles.items()}
    raw_deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    sent = {"gzip": gzip.compress(pages["gzip"]), "deflate": zlib.compress(pages["deflate"]),
            "raw-deflate": raw_deflate.compress(pages["raw-deflate"]) + raw_deflate.flush(),
            "br": brotli.compress(pages["br"])}
    header = {"raw-deflate": "deflate"}
    site.route("/", listing_page("Tin nén", ["/gzip.htm", "/deflate.htm", "/raw-deflate.htm"]))
    site.route("/br/", listing_page("Tin nén br", ["/br.htm"]))
    for kind, body in sent.items():
        site.route(f"/{kind}.htm", Reply(body=body, headers={"Content-Type": "text/html; charset=utf-8",
                                                            "Content-Encoding": header.get(kind, kind)}))
    plain, with_br = source_for(site.base), source_for(site.base, name="thu-nghiem-br",
                                                         start_urls=[site.base + "/br/"])
    workdir = Workdir(tmp_path / "work")
    report = run_crawl([plain, with_br], workdir, progress=False, limits=CrawlLimits(max_time=60))

    assert {hit.headers.get("Accept-Encoding") for hit in site.hits()} == {"gzip, deflate"}
    files = {name: [p for p in workdir.warc_files() if p.name.startswith(name + "-2")]
             for name in (plain.name, with_br.name)}
    check = subprocess.run([WARCIO, "check", "-v", *map(str, files[plain.name])], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    check = subprocess.run([sys.executable, "-m", "vicorpus.warcio_brotli", "check", "-v",
                            *map(str, files[with_br.name])], capture_output=True, text=True)
    assert check.returncode == 0 and "digest pass" in check.stdout, check.stdout[-2000:] + check.stderr[-2000:]
    found = {}
    for path in files[plain.name] + files[with_br.name]:
        with open(path, "rb") as fh:
            iterator = ArchiveIterator(fh)
            for record in iterator:
                if record.rec_type != "response":
                    continue
                kind = record.rec_headers.get_header("WARC-Target-URI").rsplit("/", 1)[1].removesuffix(".htm")
                if kind not in sent:
                    continue
                payload = record.raw_stream.read()
                found[kind] = (path, iterator.get_record_offset(), payload, record.http_headers,
                               record.rec_headers.get_header("WARC-Payload-Digest"))
    assert set(found) == set(sent)
    for kind, (path, offset, payload, headers, digest) in found.items():
        assert payload == sent[kind], kind
        assert headers.get_header("Content-Encoding") == header.get(kind, kind)
        assert headers.get_header("Content-Length") == str(len(sent[kind]))
        assert digest == "sha1:" + base64.b32encode(hashlib.sha1(sent[kind]).digest()).decode()
        warcio = [WARCIO] if kind != "br" else [sys.executable, "-m", "vicorpus.warcio_brotli"]
        whole = subprocess.run(warcio + ["extract", str(path), str(offset)], capture_output=True)
        assert whole.returncode == 0 and whole.stdout.endswith(sent[kind]), kind
        decoded = subprocess.run(warcio + ["extract", "--payload", str(path), str(offset)], capture_output=True)
        assert decoded.stdout == pages[kind], kind
    assert report["sources"][plain.name]["bytes"] >= sum(len(sent[k]) for k in ("gzip", "deflate", "raw-deflate"))

    install()  # br: the reader decodes it through warcio, which needs the br decoder registered
    read = {}
    for path in workdir.warc_files():
        for _, response in read_warc(path):
            kind = response.url.rsplit("/", 1)[1].removesuffix(".htm") if response else None
            if kind in sent:
                read[kind] = response
    assert set(read) == set(sent)
    for kind, response in read.items():
        assert response.payload == pages[kind], kind
        doc = extract_article(response.payload, response.url, http_charset=response.charset)
        assert doc["title"] == titles[kind], kind


# -- encodings ----------------------------------------------------------------------------
TITLE_1258 = "Thủ tướng yêu cầu đẩy nhanh tiến độ giải ngân vốn đầu tư công"


def test_windows_1258_and_bom_pages_are_decoded_and_recorded(site, tmp_path):
    from normalize.extract import extract_article
    from normalize.warc_reader import read_warc

    def page_1258(meta: bool) -> bytes:
        return to_cp1258(article_page(TITLE_1258, charset="windows-1258" if meta else None))

    site.route("/", listing_page("Tin", ["/header-1258.htm", "/meta-1258.htm", "/bom-utf8.htm"]))
    site.route("/header-1258.htm", Reply(body=page_1258(False),
                                         headers={"Content-Type": "text/html; charset=windows-1258"}))
    site.route("/meta-1258.htm", Reply(body=page_1258(True), headers={"Content-Type": "text/html"}))
    site.route("/bom-utf8.htm", Reply(body=codecs.BOM_UTF8 + article_page(TITLE_1258, charset=None)
                                      .encode("utf-8"), headers={"Content-Type": "text/html"}))
    report, snap, workdir = crawl(tmp_path, source_for(site.base))

    recorded = {}
    for kind, uri, body, _ in warc_records(workdir):
        if kind == "metadata":
            fields = dict(line.split(": ", 1) for line in body.decode("utf-8").splitlines() if ": " in line)
            recorded[uri.rsplit("/", 1)[1]] = codecs.lookup(fields["vicorpus-encoding"]).name
    assert recorded["header-1258.htm"] == "cp1258"
    assert recorded["meta-1258.htm"] == "cp1258"
    assert recorded["bom-utf8.htm"] == "utf-8"
    assert snap["encodings"].get("cp1258") == 2

    titles = {}
    for path in workdir.warc_files():
        for _, response in read_warc(path):
            if response is not None and response.url.endswith("8.htm"):
                doc = extract_article(response.payload, response.url, http_charset=response.charset)
                titles[response.url.rsplit("/", 1)[1]] = (doc["title"], doc["text"], doc["encoding"])
    assert set(titles) == {"header-1258.htm", "meta-1258.htm", "bom-utf8.htm"}
    for name, (title, text, encoding) in titles.items():
        assert codecs.lookup(encoding).name == recorded[name], name  # extraction agrees with the crawl
        assert title == TITLE_1258, name
        assert unicodedata.is_normalized("NFC", text) and "Thủ tướng Chính phủ" in text, name


# -- security -----------------------------------------------------------------------------
def test_only_http_links_followed_and_variants_fetched_once(site, tmp_path):
    port = site.port
    variants = ["/bai-viet.htm", "/bai-viet.htm?utm_source=facebook&utm_medium=social",
                "/bai-viet.htm?fbclid=IwAR0abc", "/bai-viet.htm;jsessionid=0F1E2D3C", "/bai-viet.htm?PHPSESSID=77",
                "/bai-viet.htm#binh-luan", f"HTTP://127.0.0.1:{port}/bai-viet.htm?utm_campaign=x#top"]
    others = ["mailto:toasoan@baochinhphu.vn", "javascript:void(0)", "ftp://127.0.0.1/van-ban.zip",
              "tel:0804", "/tim-kiem?q=ngan-sach"]
    site.route("/", listing_page("Trang chủ", variants + others + ["/chuyen-muc.htm"]))
    site.route("/chuyen-muc.htm", listing_page("Chuyên mục", variants + others))
    site.route("/bai-viet.htm", article("Chính phủ ban hành nghị quyết về chuyển đổi số", links=others))
    report, snap, _ = crawl(tmp_path, source_for(site.base, deny_url_patterns=["/tim-kiem"]))

    assert site.count("/bai-viet.htm") == 1
    assert set(site.paths()) == {"/robots.txt", "/", "/chuyen-muc.htm", "/bai-viet.htm"}
    found = reasons(report)
    # The same refused link on three pages is counted once.
    assert found["excluded:deny_pattern"] == 1
    assert found["ssrf:scheme"] == 1  # ftp:
    assert found["excluded:scheme"] == 3  # mailto:, javascript:, tel:
    assert len(refused(report, "excluded:deny_pattern")) == 1


def test_private_address_refused_without_allow_private_network(site, tmp_path, capsys):
    site.route("/", listing_page("Trang chủ", ["/bai.htm"]))
    report, snap, _ = crawl(tmp_path, source_for(site.base, private=False))

    assert site.hits() == []  # not even robots.txt
    items = refused(report, "ssrf")
    assert [i["url"] for i in items] == [site.base + "/"]
    assert items[0]["detail"] == "127.0.0.1"
    # The user hears why in one line, not only in the report.
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("vicorpus: warning:")]
    assert warnings == [f"vicorpus: warning: thu-nghiem fetched nothing: {site.base}/ was refused (ssrf: 127.0.0.1); "
                        "allow_private_network: true is for intranet and local test sites"]


def test_the_address_connected_to_is_the_one_checked(site, tmp_path, monkeypatch):
    """DNS rebinding: ``doi-ip.test`` answers a public address to its first lookup and 127.0.0.1
    to later ones. A guard that looks the name up itself and lets Scrapy look it up again to
    connect would reach the local site; the crawl's resolver judges the one answer the
    connection uses. The public answer is then refused by the crawl child's own offline guard
    (tests/offline), so nothing leaves the machine either. ``noi-bo.test`` resolves to 127.0.0.1
    at once: refused as ssrf, with the address, and not retried."""
    import json

    site.route("/", listing_page("Tin", ["/bai.htm"]))
    site.route("/bai.htm", article("Trang nội bộ không được thu thập"))
    monkeypatch.setenv("VICORPUS_TEST_DNS", json.dumps(
        {"doi-ip.test": [["93.184.216.34"], ["127.0.0.1"]], "noi-bo.test": [["127.0.0.1"]]}))
    sources = [source_for(f"http://{name}:{site.port}", name=name.split(".")[0], private=False,
                          allowed_domains=[name]) for name in ("doi-ip.test", "noi-bo.test")]
    report = run_crawl(sources, Workdir(tmp_path / "work"), progress=False,
                       limits=CrawlLimits(max_time=60, politeness=False, retry_times=1, backoff_base=0.1))

    assert site.hits() == []
    assert [(i["url"], i["detail"]) for i in refused(report, "ssrf")] == [
        (f"http://noi-bo.test:{site.port}/", "127.0.0.1")]
    assert report["sources"]["noi-bo"]["retries"] == 0
    public = [i for i in report["not_fetched"] if i["source"] == "doi-ip"]
    assert [i["url"] for i in public] == [f"http://doi-ip.test:{site.port}/"]
    assert public[0]["reason"].startswith("http_error:") and "unreachable" in public[0]["detail"]  # the child guard


def test_redirects_to_private_metadata_and_offsite_are_refused(tmp_path, monkeypatch):
    """A public-looking source behind a proxy: the guard works on the redirect targets.

    ``baotin.test`` does not resolve locally, so the loopback proxy (as an
    institutional proxy would) serves it; the redirect targets are literal or
    resolvable private addresses, which the guard refuses before they reach the
    proxy. The proxy answers 502 for any host but baotin.test, so a guard that
    failed shows in its log and nothing leaves the machine.
    """
    with CrawlSite() as site, ForwardProxy() as proxy:
        proxy.upstreams["baotin.test"] = ("127.0.0.1", site.port)
        site.route("/", listing_page("Tin", ["/r-meta.htm", "/r-noibo.htm", "/r-localhost.htm",
                                             "/r-khac.htm", "/r-dung.htm", "http://baotin.test:80/bai-that.htm",
                                             "http://BAOTIN.test/bai-that.htm?utm_source=zalo#dau-trang"]))
        moved = lambda to: Reply(status=302, headers={"Location": to})  # noqa: E731
        site.route("/r-meta.htm", moved("http://169.254.169.254/latest/meta-data/"))
        site.route("/r-noibo.htm", moved("http://10.0.0.1/quan-tri"))
        site.route("/r-localhost.htm", moved(f"http://localhost:{site.port}/bi-mat.htm"))
        site.route("/r-khac.htm", moved("http://trang-khac.test/bai.htm"))
        site.route("/r-dung.htm", moved("/bai-that.htm"))
        site.route("/bai-that.htm", article("Bộ Y tế hướng dẫn phòng chống dịch"))
        monkeypatch.setenv("http_proxy", proxy.base)
        source = source_for("http://baotin.test", private=False,
                            allowed_domains=["baotin.test", "169.254.169.254", "10.0.0.1", "localhost"])
        report, snap, _ = crawl(tmp_path, source, politeness=False)  # no 1 s public-site delay here

    assert set(proxy.hosts()) == {"baotin.test"}  # the proxy saw the crawl, and only the public host
    # The default port, host case, tracking and fragment variants and the redirect: one fetch.
    assert site.count("/bai-that.htm") == 1 and "/bi-mat.htm" not in site.paths()
    found = reasons(report)
    assert found["ssrf:metadata"] == 1
    assert found["ssrf"] == 2  # 10.0.0.1 and localhost
    assert [i["detail"] for i in refused(report, "offsite")] == ["redirected from http://baotin.test/r-khac.htm"]
    assert all(h.target.startswith("http://baotin.test/") for h in proxy.hits())


def test_metadata_refused_even_when_private_network_allowed(tmp_path, monkeypatch):
    with CrawlSite() as site, ForwardProxy() as proxy:
        # Safety net: should the guard fail, the request goes to the proxy, never to the address.
        proxy.upstreams["127.0.0.1"] = ("127.0.0.1", site.port)
        monkeypatch.setenv("http_proxy", proxy.base)
        site.route("/", listing_page("Tin", ["/r-meta.htm", "/r-ngoai.htm", "/lam-moi.htm"]))
        refresh = '<meta http-equiv="refresh" content="0;url=http://169.254.169.254/computeMetadata/v1/">'
        site.route("/lam-moi.htm", html_reply(f"<html><head>{refresh}</head><body>Đang chuyển</body></html>"))
        site.route("/r-meta.htm", Reply(status=301, headers={"Location": "http://169.254.169.254/latest/"}))
        site.route("/r-ngoai.htm", Reply(status=302, headers={"Location": "http://10.0.0.1/"}))
        report, snap, _ = crawl(tmp_path, source_for(site.base, allowed_domains=["127.0.0.1", "169.254.169.254"]))

    assert {h.host for h in proxy.hits()} == {"127.0.0.1"}
    found = reasons(report)
    assert found["ssrf:metadata"] == 2  # the 301 and the meta refresh
    assert found["offsite"] == 1  # 10.0.0.1 is not one of the source's domains


def test_https_source_goes_through_https_proxy_with_connect(tmp_path, monkeypatch):
    """``https_proxy`` carries https pages as CONNECT tunnels; ``http_proxy`` sees none of them.

    The https site (self-signed certificate) is only reachable as ``baotin.test`` through
    the proxy, as outside sites are behind an institutional proxy.
    """
    with CrawlSite(tls=True) as site, ForwardProxy() as https_proxy, ForwardProxy() as http_proxy:
        https_proxy.upstreams["baotin.test"] = ("127.0.0.1", site.port)
        site.route("/", listing_page("Tin tức", ["/tin/bai-mot.htm", "https://baotin.test/tin/bai-hai.htm"]))
        site.route("/tin/bai-mot.htm", article("Chính phủ ban hành Nghị định số 15/2026/NĐ-CP"))
        site.route("/tin/bai-hai.htm", article("Bộ Giáo dục và Đào tạo công bố lịch thi"))
        monkeypatch.setenv("https_proxy", https_proxy.base)
        monkeypatch.setenv("http_proxy", http_proxy.base)
        source = source_for("https://baotin.test", private=False, allowed_domains=["baotin.test"])
        report, snap, workdir = crawl(tmp_path, source, politeness=False)

    assert http_proxy.hits() == []
    assert {h.method for h in https_proxy.hits()} == {"CONNECT"}
    assert {h.target for h in https_proxy.hits()} == {"baotin.test:443"}
    assert {"/robots.txt", "/", "/tin/bai-mot.htm", "/tin/bai-hai.htm"} <= set(site.paths())
    assert all(h.host == "baotin.test" for h in site.hits())  # the Host header inside the tunnel
    archived = {uri for kind, uri, _, _ in warc_records(workdir) if kind == "response"}
    assert {"https://baotin.test/tin/bai-mot.htm", "https://baotin.test/tin/bai-hai.htm"} <= archived
    assert snap["errors"] == 0


def test_no_proxy_bypasses_the_proxy(site, tmp_path, monkeypatch):
    with ForwardProxy() as proxy:
        proxy.upstreams["127.0.0.1"] = ("127.0.0.1", site.port)
        monkeypatch.setenv("http_proxy", proxy.base)
        monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
        site.route("/", listing_page("Tin", ["/bai.htm"]))
        site.route("/bai.htm", article("Ủy ban nhân dân thành phố họp báo"))
        report, snap, _ = crawl(tmp_path, source_for(site.base))
    assert proxy.hits() == []
    assert "/bai.htm" in site.paths()


def test_a_page_refused_for_its_depth_then_found_shallower_is_not_reported_unfetched(site, tmp_path):
    """/tin/a.htm is first seen at depth 3 (refused, max_depth 2), then listed in a slow sitemap:
    it is fetched, so the report must not count it as not fetched (the card's figure)."""
    b = site.base
    site.route("/", listing_page("Trang chủ", ["/muc-1.htm"]))
    site.route("/muc-1.htm", listing_page("Mục 1", ["/muc-2.htm"]))
    site.route("/muc-2.htm", listing_page("Mục 2", ["/tin/a.htm"]))
    site.route("/sitemap.xml", Reply(body=(
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{b}/tin/a.htm</loc></url></urlset>"), headers={"Content-Type": "application/xml"}, delay=2.0))
    site.route("/tin/a.htm", article("Khánh thành cầu Tứ Liên"))
    report, snap, _ = crawl(tmp_path, source_for(b, sitemaps=[f"{b}/sitemap.xml"], max_depth=2))
    assert [hit.path for hit in site.hits("/tin/a.htm")] == ["/tin/a.htm"]
    assert not [i for i in report["not_fetched"] if i["url"].endswith("/tin/a.htm")]
    assert "excluded:max_depth" not in snap["not_fetched_by_reason"]
