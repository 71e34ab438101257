"""Config models: strict keys, clear messages, stable hashes."""

from __future__ import annotations

import pytest

from vicorpus.config import SourceConfig, load_pipeline, load_source
from vicorpus.errors import UsageError

BASE = dict(name="baochinhphu", title="Báo điện tử Chính phủ", start_urls=["https://baochinhphu.vn/"],
            allowed_domains=["baochinhphu.vn"], licence="Ghi rõ nguồn khi phát hành lại",
            attribution="Nguồn: Báo điện tử Chính phủ")


def test_source_hash_is_stable_and_sensitive():
    a, b = SourceConfig(**BASE), SourceConfig(**BASE)
    assert a.sha256() == b.sha256()
    assert SourceConfig(**{**BASE, "licence": "Bản quyền thuộc Báo"}).sha256() != a.sha256()


def test_non_http_start_url_rejected(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: s\ntitle: T\nstart_urls: ['file:///etc/passwd']\nallowed_domains: [x.vn]\n"
                    "licence: l\nattribution: a\n", encoding="utf-8")
    with pytest.raises(UsageError, match="start_urls"):
        load_source(path)


def test_bad_regex_rejected(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: s\ntitle: T\nstart_urls: ['https://x.vn/']\nallowed_domains: [x.vn]\n"
                    "licence: l\nattribution: a\narticle_url_pattern: '(unclosed'\n", encoding="utf-8")
    with pytest.raises(UsageError, match=str(path)):
        load_source(path)


def test_not_yaml(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not valid YAML"):
        load_source(path)


def test_pipeline_defaults(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("workdir: w\nsources: [demo-site]\n", encoding="utf-8")
    cfg = load_pipeline(path)
    assert cfg.dedup.threshold == 0.7 and cfg.extract.workers == 1
    assert cfg.release.version == "0.1.0"


SOURCE_YAML = ("name: s\ntitle: T\nstart_urls: ['https://x.vn/']\nallowed_domains: [x.vn]\n"
               "licence: l\nattribution: a\n")


@pytest.mark.parametrize("extra, key, pattern", [
    ("article_url_pattern: '(unclosed'\n", "article_url_pattern", "(unclosed"),
    ("deny_url_patterns: ['/tag/', '[0-9']\n", "deny_url_patterns.1", "[0-9"),
    ("extract: {date_from_url: '-(?P<y>\\d{4}'}\n", "extract.date_from_url", "-(?P<y>\\d{4}"),
    ("extract: {drop_paragraph_patterns: ['^Ảnh:', '*Theo']}\n", "extract.drop_paragraph_patterns.1", "*Theo"),
    ("extract: {lead_selector: 'div..sapo'}\n", "extract.lead_selector", "div..sapo"),
])
def test_every_pattern_is_checked_at_load(tmp_path, extra, key, pattern):
    """One line: the file, the key (with the list index) and the pattern as written."""
    path = tmp_path / "s.yaml"
    path.write_text(SOURCE_YAML + extra, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_source(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: key '{key}': bad ") and f"'{pattern}'" in message, message  # as written


def test_exclusion_pattern_uses_the_same_check(tmp_path):
    from corpus_cards.exclusions import load_exclusions

    path = tmp_path / "exclusions.yaml"
    path.write_text("exclusions:\n  - {url_pattern: '/tag/(', reason: trang thẻ, date: 2026-03-01}\n",
                    encoding="utf-8")
    with pytest.raises(UsageError, match=r"key 'exclusions.0.url_pattern': bad regular expression '/tag/\('"):
        load_exclusions(path)


@pytest.mark.parametrize("extra, message", [
    ("start_urls: ['http://localhost:8765/']\nallowed_domains: [127.0.0.1]\n",
     "start_urls[0] http://localhost:8765/ is outside allowed_domains ['127.0.0.1']"),
    ("start_urls: ['https://sotttt.tinhxanh.gov.vn/']\nallowed_domains: [sotttt.tinhxanh.gov.vn]\n"
     "sitemaps: ['https://cdn.tinhxanh.vn/sitemap.xml']\n",
     "sitemaps[0] https://cdn.tinhxanh.vn/sitemap.xml is outside allowed_domains"),
    ("start_urls: ['https://x.vn/']\nallowed_domains: [x.vn]\narticle_url_pattern: '-\\d{14\\.html$'\n"
     "example_article_urls: ['https://x.vn/thoi-su/khoi-cong-cau-20260309112004.html']\n",
     "article_url_pattern '-\\\\d{14\\\\.html$' does not match the example article "
     "https://x.vn/thoi-su/khoi-cong-cau-20260309112004.html"),
])
def test_a_source_the_crawl_could_not_follow_is_refused_at_load(tmp_path, extra, message):
    """An off-site start URL would be skipped and a pattern matching none of the examples would
    miss every article, silently: both are one line naming the key, at load."""
    path = tmp_path / "s.yaml"
    path.write_text(f"name: s\ntitle: T\nlicence: l\nattribution: a\n{extra}", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_source(path)
    assert str(err.value).startswith(f"{path}: {message}")
