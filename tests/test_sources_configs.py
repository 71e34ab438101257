"""The real source configs in configs/sources/: they load strictly, and their URL rules fit real URLs.

Patterns are applied with ``re.search`` (as the crawler does): an example article
must match ``article_url_pattern``, stay inside ``allowed_domains`` and match no
deny pattern; a known listing/feed URL of the same site must not look like an article.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from vicorpus.config import configs_dir, list_sources, load_source
from vicorpus.errors import UsageError
from vicorpus.urls import canonicalize_url, host_allowed, host_of

LOCAL_ONLY = {"demo-site"}  # the bundled offline demo, not a real source
SOURCE_FILES = [p for p in list_sources() if p.stem not in LOCAL_ONLY]

# Real list, section, tag and feed URLs of each site (seen in saved pages or public code).
NON_ARTICLES = {
    "baochinhphu": ["https://baochinhphu.vn/chinh-sach-va-cuoc-song/chinh-sach-moi.htm",
                    "https://baochinhphu.vn/chu-de/51-luat-duoc-quoc-hoi-thong-qua-tai-ky-hop-thu-10-274.htm",
                    "https://baochinhphu.vn/kinh-te/chung-khoan.htm"],
    "xaydungchinhsach": ["https://xaydungchinhsach.chinhphu.vn/"],
    "vanban-chinhphu": ["https://vanban.chinhphu.vn/"],
    "quochoi": ["https://quochoi.vn/tintuc/Pages/tin-hoat-dong-cua-quoc-hoi.aspx",
                "https://quochoi.vn/rss/default.aspx"],
    "nhandan": ["https://nhandan.vn/kinhte", "https://nhandan.vn/tieu-diem", "https://nhandan.vn/rss/home.rss"],
    "vietnamplus": ["https://www.vietnamplus.vn/tags/%e1%ba%a8m-th%e1%bb%b1c-Hu%e1%ba%bf.vnp",
                    "https://www.vietnamplus.vn/rss/kinh-te.rss"],
    "baotintuc": ["https://baotintuc.vn/thoi-su.rss", "https://baotintuc.vn/tin-moi-nhat.rss"],
    "bnews": ["https://bnews.vn/photo/trang-1.html", "https://bnews.vn/video/trang-1.html",
              "https://bnews.vn/sitemap/categories.xml"],
    "qdnd": ["https://www.qdnd.vn/chinh-tri", "https://www.qdnd.vn/quoc-phong-an-ninh",
             "https://www.qdnd.vn/rss/tin-moi-nhat.rss"],
    "dangcongsan": ["https://dangcongsan.vn/xay-dung-dang"],
    "dangcongsan-org": ["https://dangcongsan.org.vn/tin-hoat-dong"],
    "tapchicongsan": ["https://www.tapchicongsan.org.vn/web/guest/chinh-tri-xay-dung-dang",
                      "https://www.tapchicongsan.org.vn/web/guest/kinh-te"],
    "vov": ["https://vov.vn/rss/tin-moi-nhat.rss", "https://vov.vn/"],
}
# Deny patterns must catch these (they would otherwise be crawled as pages).
DENIED = {
    "vietnamplus": ["https://www.vietnamplus.vn/hoi-nghi-bo-truong-tpp-ket-thuc-ma-khong-dat-thoa-thuan-post234366.amp",
                    "https://www.vietnamplus.vn/tags/%e1%ba%a8m-th%e1%bb%b1c-Hu%e1%ba%bf.vnp"],
    "baochinhphu": ["https://en.baochinhphu.vn/", "https://baochinhphu.vn/tim-kiem?keywords=ngh%E1%BB%8B+%C4%91%E1%BB%8Bnh"],
    "bnews": ["https://bnews.vn/photo/trang-1.html"],
    "vov": ["https://vov.vn/api/comments.json?v=1591595725167&action=get&id=711714&page=1"],
    "quochoi": ["https://thuvienso.quochoi.vn/"],
}
REQUIRED = ["baochinhphu", "xaydungchinhsach", "vanban-chinhphu", "quochoi", "nhandan", "vietnamplus",
            "baotintuc", "bnews", "qdnd", "dangcongsan", "tapchicongsan", "vov", "mps", "mof", "moh", "moet",
            "mst", "moit", "mae", "moj", "phapluatplus", "hanoi", "hochiminhcity"]


@pytest.fixture(scope="module")
def sources():
    return {path.stem: load_source(path) for path in SOURCE_FILES}


def test_configs_dir_is_the_checkout():
    assert (configs_dir() / "sources").is_dir()


def test_enough_real_sources_and_the_required_ones(sources):
    assert len(sources) >= 25, sorted(sources)
    assert not set(REQUIRED) - set(sources)


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_source_file_is_complete(path):
    source = load_source(path)  # strict: unknown keys raise
    assert source.name == path.stem
    assert source.start_urls or source.sitemaps or source.feeds
    assert source.licence.strip() and source.attribution.strip().startswith("Nguồn:")
    assert not source.allow_private_network
    for url in source.start_urls + source.sitemaps + source.feeds:
        assert url.startswith("https://") and host_allowed(host_of(url), source.allowed_domains), url
    if source.status == "active":  # an active source has a verified article shape
        assert source.article_url_pattern and len(source.example_article_urls) >= 1
    else:
        assert source.notes, "an unverified or moved source says what is unknown"
    if source.example_article_urls:
        assert source.article_url_pattern


def test_names_unique(sources):
    names = [s.name for s in sources.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_examples_are_articles_inside_the_site(path):
    source = load_source(path)
    for url in source.example_article_urls:
        assert re.search(source.article_url_pattern, url), url
        # the crawler sees canonical URLs (query sorted, fragments dropped): still an article
        assert re.search(source.article_url_pattern, canonicalize_url(url)), canonicalize_url(url)
        assert host_allowed(host_of(url), source.allowed_domains), url
        hits = [p for p in source.deny_url_patterns if re.search(p, url)]
        assert not hits, (url, hits)


@pytest.mark.parametrize("name", sorted(NON_ARTICLES))
def test_listing_urls_are_not_articles(sources, name):
    pattern = sources[name].article_url_pattern
    for url in NON_ARTICLES[name]:
        assert not re.search(pattern, url), url


@pytest.mark.parametrize("name", sorted(DENIED))
def test_deny_patterns_catch_known_junk(sources, name):
    source = sources[name]
    for url in DENIED[name]:
        assert any(re.search(p, url) for p in source.deny_url_patterns), url


def test_merged_ministries_name_their_successors(sources):
    assert sources["mic"].successor_domains == ["mst.gov.vn"]
    assert sources["monre"].successor_domains == ["mae.gov.vn"]
    assert sources["mard"].successor_domains == ["mae.gov.vn"]


def _date_from_url(pattern: str, url: str) -> date:
    groups = re.search(pattern, url).groupdict()
    year = int(groups["y"])
    return date(year + 2000 if year < 100 else year, int(groups["m"]), int(groups["d"]))


def test_baochinhphu_date_from_url_decodes_the_saved_article(shared_dir, sources):
    pages = json.loads((Path(shared_dir) / "data" / "pages" / "pages.json").read_text(encoding="utf-8"))
    url = next(p["url"] for p in pages if p["domain"] == "baochinhphu.vn" and p["is_article"])
    rule = sources["baochinhphu"].extract.date_from_url
    assert _date_from_url(rule, url) == date(2026, 2, 28)
    groups = re.search(rule, url).groupdict()
    assert (groups["H"], groups["M"], groups["S"]) == ("09", "30", "04")


@pytest.mark.parametrize("name, url, expected", [
    ("baochinhphu", "https://baochinhphu.vn/danh-gia-dien-rong-cap-quoc-gia-chat-luong-giao-duc-pho-thong-10226030416274747.htm",
     date(2026, 3, 4)),
    ("xaydungchinhsach", "https://xaydungchinhsach.chinhphu.vn/chi-tiet-34-don-vi-hanh-chinh-cap-tinh-tu-12-6-2025-119250612141845533.htm",
     date(2025, 6, 12)),
    ("baotintuc", "https://baotintuc.vn/thoi-su/hon-1066-ty-dong-ho-tro-dong-bao-gap-thien-tai-bao-lu-20251021200854276.htm",
     date(2025, 10, 21)),
])
def test_date_from_url_rules(sources, name, url, expected):
    assert _date_from_url(sources[name].extract.date_from_url, url) == expected


def test_date_rule_ignores_listing_pages(sources):
    rule = sources["baochinhphu"].extract.date_from_url
    assert re.search(rule, "https://baochinhphu.vn/chu-de/51-luat-duoc-quoc-hoi-thong-qua-tai-ky-hop-thu-10-274.htm") is None


def test_unknown_key_names_key_and_file(tmp_path):
    text = (SOURCE_FILES[0].read_text(encoding="utf-8") + "\nsitemap_url: https://baochinhphu.vn/sitemap.xml\n")
    path = tmp_path / "typo.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_source(path)
    assert "sitemap_url" in str(caught.value) and str(path) in str(caught.value)


def test_unknown_nested_extract_key_is_rejected(tmp_path):
    path = tmp_path / "nested.yaml"
    path.write_text("name: nested\ntitle: Cổng thử\nstart_urls: ['https://x.gov.vn/']\nallowed_domains: [x.gov.vn]\n"
                    "licence: Ghi rõ nguồn khi phát hành lại\nattribution: 'Nguồn: thử'\n"
                    "extract: {date_from_url: '-(?P<y>\\d{2})(?P<m>\\d{2})(?P<d>\\d{2})', lead_css: '.sapo'}\n",
                    encoding="utf-8")
    with pytest.raises(UsageError, match=r"lead_css"):
        load_source(path)
