"""URL canonicalization: one article, one URL, one id."""

from vicorpus.urls import canonicalize_url, doc_id, host_allowed


def test_tracking_fragment_port_case_removed():
    url = "HTTPS://BaoChinhPhu.VN:443/Chinh-sach-moi-102260228093004191.htm?utm_source=zalo&fbclid=abc#binh-luan"
    assert canonicalize_url(url) == "https://baochinhphu.vn/Chinh-sach-moi-102260228093004191.htm"


def test_session_ids_and_query_order():
    a = canonicalize_url("http://moh.gov.vn/tin-tuc;jsessionid=ABC123?id=5&page=2&PHPSESSID=x")
    b = canonicalize_url("http://moh.gov.vn/tin-tuc?page=2&id=5")
    assert a == b == "http://moh.gov.vn/tin-tuc?id=5&page=2"


def test_liferay_back_links_do_not_split_one_article():
    article = "https://moh.gov.vn/tin-noi-bat/-/asset_publisher/3Yst7YhbkA5j/content/bo-y-te-huong-dan"
    from_listing = article + "?inheritRedirect=true&redirect=%2Ftin-noi-bat%3Fp_p_id%3D101"
    from_search = article + "?redirect=https%3A%2F%2Fmoh.gov.vn%2Ftim-kiem"
    assert canonicalize_url(from_listing) == canonicalize_url(from_search) == article
    # the portlet id is case-sensitive on Liferay: the path keeps its case
    assert "3Yst7YhbkA5j" in canonicalize_url(from_listing)


def test_percent_encoding_normalized():
    assert canonicalize_url("https://x.vn/ti%E1%BA%BFng-vi%E1%BB%87t") == \
        canonicalize_url("https://x.vn/tiếng-việt")


def test_non_default_port_kept_and_ids_differ():
    assert canonicalize_url("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/a"
    assert doc_id("https://x.vn/a") != doc_id("https://x.vn/b")
    assert len(doc_id("https://x.vn/a")) == 16


def test_host_allowed_ignores_ports_and_rejects_lookalikes():
    assert host_allowed("127.0.0.1", ["127.0.0.1:8765"])
    assert host_allowed("www.chinhphu.vn", ["chinhphu.vn"])
    assert not host_allowed("chinhphu.vn.evil.com", ["chinhphu.vn"])
