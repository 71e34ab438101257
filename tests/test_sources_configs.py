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
    "dangcongsan": ["https://dangcongsan.vn/xay-dung-dang", "https://dangcongsan.vn/thoi-su",
                    "https://dangcongsan.vn/tu-tuong-van-hoa/p/1", "https://www.dangcongsan.vn/thoi-su.html?page=1099"],
    "dangcongsan-org": ["https://dangcongsan.org.vn/tin-hoat-dong", "https://dangcongsan.org.vn/"],
    "tapchicongsan": ["https://www.tapchicongsan.org.vn/web/guest/chinh-tri-xay-dung-dang",
                      "https://www.tapchicongsan.org.vn/web/guest/kinh-te"],
    "vov": ["https://vov.vn/rss/tin-moi-nhat.rss", "https://vov.vn/"],
    "moh": ["https://moh.gov.vn/tin-tong-hop", "https://moh.gov.vn/tin-noi-bat",
            "https://moh.gov.vn/rss/-/asset_publisher/7ng11fEWgASC/rss"],
    "moet": ["https://moet.gov.vn/tin-tuc-cot-trai/thong-tin-bao-chi-ve-giao-duc",
             "https://moet.gov.vn/tintuc/Pages/tin-tong-hop.aspx",
             "https://moet.gov.vn/tintuc/Pages/Thongbao.aspx?date=&EventID=0&page="],
    "mst": ["https://mst.gov.vn/tin-tuc-su-kien/khoa-hoc-va-cong-nghe.htm",
            "https://mst.gov.vn/tin-tuc-su-kien/nang-luong-nguyen-tu.htm", "https://mst.gov.vn/van-ban-phap-luat/du-thao",
            "https://mst.gov.vn/van-ban-phap-luat/du-thao/2256.htm"],
    "mic": ["https://mic.gov.vn/khoa-hoc-va-cong-nghe.htm", "https://mic.gov.vn/van-ban-phap-luat/25099.htm",
            "https://mic.gov.vn/Pages/VanBan/13436/Nghi-dinh-15-2020-ND-CP.html"],
    "mof": ["https://mof.gov.vn/tin-tuc-tai-chinh", "https://mof.gov.vn/bo-tai-chinh/danh-sach-tham-dinh-ve-gia"],
    "sbv": ["https://sbv.gov.vn/vi/tin-tuc-su-kien", "https://sbv.gov.vn/vi/web/sbv_portal/tin-tuc-su-kien",
            "https://sbv.gov.vn/vi/thong-ke-mot-so-chi-tieu-co-ban"],
    "moit": ["https://moit.gov.vn/tin-tuc", "https://moit.gov.vn/tin-tuc/thi-truong-trong-nuoc",
             "https://moit.gov.vn/tin-tuc/phat-trien-nang-luong"],
    "moj": ["https://moj.gov.vn/portal/tin-tuc/chuyen-muc/chi-dao-dieu-hanh-cua-lanh-dao-bo.html",
            "https://moj.gov.vn/portal/tin-tuc/chuyen-muc/van-ban-chinh-sach-moi.html",
            "https://moj.gov.vn/qt/tintuc/Pages/van-ban-chinh-sach-moi.aspx?Date=&Page="],
    "mps": ["https://mps.gov.vn/chinh-sach-phap-luat", "https://www.mps.gov.vn/lien-he"],
    "mofa": ["https://mofa.gov.vn/hop-bao", "https://mofa.gov.vn/nguoi-phat-ngon",
             "https://mofa.gov.vn/hoat-dong-doi-ngoai-cap-cao"],
    "mae": ["https://mae.gov.vn/tin-tuc--su-kien", "https://mae.gov.vn/"],
    "mard": ["https://www.mard.gov.vn/Pages/tin-hoat-dong.aspx",
             "https://www.mard.gov.vn/Pages/tin-tuc-tin-quan-ly-chat-luong-va-ve-sinh-attp.aspx",
             "https://www.mard.gov.vn/Pages/danh-sach-tin-dia-phuong.aspx",
             "https://www.mard.gov.vn/Pages/phong-chong-thien-tai.aspx"],
    "hanoi": ["https://hanoi.gov.vn/tin-tuc-su-kien-noi-bat", "https://hanoi.gov.vn/chi-dao-cua-ubnd-thanh-pho-ha-noi",
              "https://hanoi.gov.vn/chi-dao-dieu-hanh"],
    "hochiminhcity": ["https://hochiminhcity.gov.vn/tin-t%E1%BB%A9c-s%E1%BB%B1-ki%E1%BB%87n-all-",
                      "https://hochiminhcity.gov.vn/"],
    "vtv": ["https://vtv.vn/rss/home.rss", "https://vtv.vn/rss/kinh-te.rss", "https://vtv.vn/sitemap.xml"],
    "baophapluat": ["https://baophapluat.vn/chuyen-muc/phap-luat.html", "https://baophapluat.vn/da-lat-tag285.html",
                    "https://baophapluat.vn/ong-truong-minh-tuan-tag101728.html",
                    "https://baophapluat.vn/rss/home.rss"],
    "phapluatplus": ["https://phapluatplus.baophapluat.vn/"],
}
# Deny patterns must catch these (they would otherwise be crawled as pages).
DENIED = {
    "vietnamplus": ["https://www.vietnamplus.vn/hoi-nghi-bo-truong-tpp-ket-thuc-ma-khong-dat-thoa-thuan-post234366.amp",
                    "https://www.vietnamplus.vn/tags/%e1%ba%a8m-th%e1%bb%b1c-Hu%e1%ba%bf.vnp"],
    "baochinhphu": ["https://en.baochinhphu.vn/", "https://baochinhphu.vn/tim-kiem?keywords=ngh%E1%BB%8B+%C4%91%E1%BB%8Bnh"],
    "bnews": ["https://bnews.vn/photo/trang-1.html"],
    "vov": ["https://vov.vn/api/comments.json?v=1591595725167&action=get&id=711714&page=1"],
    "quochoi": ["https://thuvienso.quochoi.vn/"],
    "moj": ["https://dgts.moj.gov.vn/thong-bao-cong-khai-viec-dau-gia.html"],
    "mofa": ["https://mofa.gov.vn/tt_baochi/pbnfn/ns240608114321/newsitem_print_preview",
             "https://mofa.gov.vn/web/ministry-of-foreign-affairs/detail/chi-tiet/developing-ties-with-china-a-strategic-"
             "priority-in-vietnam-s-foreign-policy-deputy-pm-58405-591.html"],
    "mae": ["https://mae.gov.vn/SMPT_Publishing_UC/KhaiThac/TinTuc/pInTinTuc.aspx?ItemID=22238",
            "https://vasi.mae.gov.vn/tin-tuc--su-kien/bao-ve-da-dang-sinh-hoc-nhan-len-su-song-trong-long-bien-1883.htm"],
    "hanoi": ["https://cmshn.hanoi.gov.vn/tin-tuc-su-kien-noi-bat/chu-tich-ubnd-thanh-pho-ha-noi-vu-dai-thang-kiem-tra-"
              "cong-tac-to-chuc-le-hoi-du-lich-chua-huong-nam-2026-4260219135434839.htm"],
    "vtv": ["https://english.vtv.vn/news/vietnam-now-has-34-provincial-level-administrative-units-20250612122748074.htm"],
    "baophapluat": ["https://m.baophapluat.vn/hoa-giai-o-co-so-kip-thoi-giai-quyet-cac-mau-thuan-tranh-chap-nho-post376408.amp",
                    "https://phapluatplus.baophapluat.vn/hose-cong-bo-danh-muc-vn30-ky-thang-7-2026.html"],
    "dangcongsan": ["https://cn.dangcongsan.vn/cate-3085",
                    "https://file1.dangcongsan.vn/data/0/images/2024/04/26/upload_35/11.jpg?dpi=150&quality=100&w=800"],
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
    ("mst", "https://mst.gov.vn/quoc-hoi-thong-qua-luat-tri-tue-nhan-tao-hoan-thien-hanh-lang-phap-ly-cho-ky-nguyen-so-197251210165544671.htm",
     date(2025, 12, 10)),
    ("hanoi", "https://hanoi.gov.vn/tin-tuc-su-kien-noi-bat/hanoi-metro-phuc-vu-478-trieu-luot-hanh-khach-trong-quy-i-2025-4250410182811455.htm",
     date(2025, 4, 10)),
    ("vtv", "https://vtv.vn/chinh-tri/xe-tang-tien-vao-dinh-doc-lap-thoi-khac-hoa-binh-sau-21-nam-dat-nuoc-chia-cat-20250426221314741.htm",
     date(2025, 4, 26)),
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
