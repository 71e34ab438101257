"""URL canonicalization: one article, one URL, one id."""

import json
from pathlib import Path

import pytest
import yaml

from vicorpus.config import configs_dir
from vicorpus.urls import canonicalize_url, doc_id, host_allowed

# Canonical URLs of every configs/sources example_article_urls entry as main computed them
# (commit 7ad0a9d, before canonicalization moved to w3lib): doc ids derive from them.
FROZEN = Path(__file__).resolve().parent / "data" / "urls" / "example_article_canonical.json"


def test_tracking_fragment_port_case_removed():
    url = "HTTPS://BaoChinhPhu.VN:443/Chinh-sach-moi-102260228093004191.htm?utm_source=zalo&fbclid=abc#binh-luan"
    assert canonicalize_url(url) == "https://baochinhphu.vn/Chinh-sach-moi-102260228093004191.htm"


@pytest.mark.parametrize("param", ["utm_source=zalo", "UTM_Medium=social", "utm_campaign=tet-2026",
                                   "fbclid=IwAR0abc", "gclid=Cj0KCQ", "msclkid=9f1", "zarsrc=30",
                                   "_ga=2.1.2.3", "jsessionid=ABC", "PHPSESSID=x1", "ASPSESSIONIDQA=7"])
def test_each_tracking_or_session_parameter_is_dropped(param):
    assert canonicalize_url(f"https://x.gov.vn/tin/bai-1.htm?id=7&{param}") == "https://x.gov.vn/tin/bai-1.htm?id=7"


def test_session_ids_and_query_order():
    a = canonicalize_url("http://moh.gov.vn/tin-tuc;jsessionid=ABC123?id=5&page=2&PHPSESSID=x")
    b = canonicalize_url("http://moh.gov.vn/tin-tuc?page=2&id=5")
    assert a == b == "http://moh.gov.vn/tin-tuc?id=5&page=2"


def test_content_parameters_such_as_sid_are_kept():
    # sid= is an article id on some portals (?sid=12 is not ?sid=13): only known trackers go.
    a = canonicalize_url("https://portal.gov.vn/Pages/tin.aspx?sid=12")
    b = canonicalize_url("https://portal.gov.vn/Pages/tin.aspx?sid=13")
    assert a == "https://portal.gov.vn/Pages/tin.aspx?sid=12" and a != b
    assert canonicalize_url("https://x.vn/a?ItemID=5&ref=home") == "https://x.vn/a?ItemID=5&ref=home"


def test_liferay_back_links_do_not_split_one_article():
    article = "https://moh.gov.vn/tin-noi-bat/-/asset_publisher/3Yst7YhbkA5j/content/bo-y-te-huong-dan"
    from_listing = article + "?inheritRedirect=true&redirect=%2Ftin-noi-bat%3Fp_p_id%3D101"
    from_search = article + "?redirect=https%3A%2F%2Fmoh.gov.vn%2Ftim-kiem"
    assert canonicalize_url(from_listing) == canonicalize_url(from_search) == article
    # the portlet id is case-sensitive on Liferay: the path keeps its case
    assert "3Yst7YhbkA5j" in canonicalize_url(from_listing)


def test_percent_encoding_normalized_without_changing_the_resource():
    assert canonicalize_url("https://x.vn/ti%e1%ba%bfng-vi%E1%BB%87t") == \
        canonicalize_url("https://x.vn/tiếng-việt") == "https://x.vn/ti%E1%BA%BFng-vi%E1%BB%87t"
    # An encoded slash is part of a segment (a document number), not a path separator.
    assert canonicalize_url("https://x.vn/van-ban/15%2F2026%2FND-CP.htm") == \
        "https://x.vn/van-ban/15%2F2026%2FND-CP.htm"
    assert canonicalize_url("https://x.vn/tim?so=15%2F2026") == "https://x.vn/tim?so=15%2F2026"
    # A byte that is not UTF-8 (a windows-1258 site) stays that byte, not U+FFFD.
    latin = canonicalize_url("https://x.vn/tin/ba%ffi.htm?q=%ff")
    assert "%EF%BF%BD" not in latin
    assert latin.lower() == "https://x.vn/tin/ba%ffi.htm?q=%ff"


def test_internationalized_host_names_become_punycode():
    assert canonicalize_url("http://Bộ-Y-Tế.vn/tin-tuc") == "http://xn--b-y-t-s61b7g.vn/tin-tuc"
    assert canonicalize_url("http://xn--b-y-t-s61b7g.vn/tin-tuc") == "http://xn--b-y-t-s61b7g.vn/tin-tuc"


def test_non_default_port_kept_and_ids_differ():
    assert canonicalize_url("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/a"
    assert canonicalize_url("http://[::1]:80/a") == "http://[::1]/a"
    assert canonicalize_url("https://x.vn.:443") == "https://x.vn/"
    assert doc_id("https://x.vn/a") != doc_id("https://x.vn/b")
    assert len(doc_id("https://x.vn/a")) == 16


def test_example_article_urls_keep_the_canonical_form_main_gave_them():
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    examples = []
    for path in sorted((configs_dir() / "sources").glob("*.yaml")):
        examples += yaml.safe_load(path.read_text(encoding="utf-8")).get("example_article_urls") or []
    assert examples and set(examples) <= set(frozen), "a new example URL: add its canonical form"
    changed = {url: (frozen[url], canonicalize_url(url)) for url in examples
               if canonicalize_url(url) != frozen[url]}
    assert changed == {}


def test_host_allowed_ignores_ports_and_rejects_lookalikes():
    assert host_allowed("127.0.0.1", ["127.0.0.1:8765"])
    assert host_allowed("www.chinhphu.vn", ["chinhphu.vn"])
    assert not host_allowed("chinhphu.vn.evil.com", ["chinhphu.vn"])
