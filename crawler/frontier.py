"""Which discovered URLs a source may fetch: canonical form, domain, deny rules, traps.

Trap bounds keep infinite URL spaces finite without knowing the site:
- query explosion: at most ``max_query_variants`` distinct query strings per path;
- calendars and other generated paths: at most ``max_template_urls`` URLs per path
  shape, where every run of digits is folded (``/lich/2024/05`` -> ``/lich/#/#``);
- repeated path segments (``/a/b/a/b/a/b``) and over-long URLs are refused outright.

URLs matching the source's ``article_url_pattern`` are exempt from the path-shape
bound: a documents site (``/van-ban/12345.htm``) has thousands of URLs of one shape,
and the pattern is the config's word that they are real pages.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from scrapy.utils.response import get_base_url

from vicorpus.config import SourceConfig
from vicorpus.urls import canonicalize_url, host_allowed

from crawler.job import CrawlLimits

MAX_URL_LENGTH = 2000
_DIGITS = re.compile(r"\d+")
_SKIP_SCHEMES = ("mailto:", "javascript:", "tel:", "data:", "#")

# Menus and related-news boxes repeat the same links on every page: canonicalize each once.
_canonical = lru_cache(maxsize=1 << 16)(canonicalize_url)
_JUDGED_CACHE = 1 << 17


# <a ... href=...>text</a> in any quoting; comments, scripts and styles are cut first, as a parser
# would. The text runs to </a>, or to the next <a> or block end when the anchor is left open.
_A_HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^>]*>"""
                     r"""(.*?)(?=</a\s*>|<a[\s>]|</(?:li|p|div|td|ul|ol|section|article|body)\s*>|$)""",
                     re.IGNORECASE | re.DOTALL)
_NOT_MARKUP = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>",
                         re.IGNORECASE | re.DOTALL)


def page_links(response) -> list[tuple[str, str]]:
    """``(absolute URL, anchor text)`` of every ``<a href>`` of an HTML response (``<base href>`` honoured).

    A regular expression over the decoded page instead of an lxml tree: building the
    tree only to read hrefs was the crawler's hottest spot, and discovery needs no more
    (every link still goes through UrlAdmission). Entities in hrefs are unescaped; the
    text is raw markup (crawler.discovery.clean_text tidies it when it is recorded).

    >>> from scrapy.http import HtmlResponse
    >>> page = HtmlResponse("http://127.0.0.1:8000/tin/a.htm", encoding="utf-8", body=(
    ...     b'<a href="/b.htm">b</a><A class=x HREF=" c.htm ">c</A>'
    ...     b"<a href='//x.vn/d?a=1&amp;b=2'>d</a><li><a href=e.htm><b>e</b></li>"
    ...     b'<!-- <a href="/cu.htm">old</a> --><abbr href="/no">'))
    >>> [url for url, _ in page_links(page)]
    ['http://127.0.0.1:8000/b.htm', 'http://127.0.0.1:8000/tin/c.htm', 'http://x.vn/d?a=1&b=2', 'http://127.0.0.1:8000/tin/e.htm']
    >>> [text for _, text in page_links(page)]
    ['b', 'c', 'd', '<b>e</b>']
    """
    base = get_base_url(response)
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}"
    text = response.text
    if "<!--" in text or "<script" in text or "<style" in text or "<SCRIPT" in text:
        text = _NOT_MARKUP.sub("", text)
    out = []
    for m in _A_HREF.finditer(text):
        href = (m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None
                else m.group(3)).strip()
        if "&" in href:
            href = html.unescape(href)
        if href.startswith("/") and not href.startswith("//"):
            out.append((origin + href, m.group(4)))
        else:
            out.append((urljoin(base, href), m.group(4)))
    return out


class UrlAdmission:
    """Decide for one source whether a discovered link is crawled.

    ``admit`` returns ``(canonical_url, None)`` or ``(canonical_url_or_raw, reason)``.

    >>> src = SourceConfig(name="demo", title="Mẫu", start_urls=["http://127.0.0.1/"],
    ...     allowed_domains=["127.0.0.1"], deny_url_patterns=["/tim-kiem"],
    ...     licence="Ghi rõ nguồn", attribution="Nguồn: mẫu")
    >>> rules = UrlAdmission(src, CrawlLimits())
    >>> rules.admit("http://127.0.0.1:8080/tin/a.htm?utm_source=x#top", depth=1)
    ('http://127.0.0.1:8080/tin/a.htm', None)
    >>> rules.admit("http://127.0.0.1:8080/tim-kiem?q=a", depth=1)[1]
    'excluded:deny_pattern'
    """

    def __init__(self, source: SourceConfig, limits: CrawlLimits):
        self.source = source
        self.limits = limits
        self.domains = list(source.allowed_domains) + list(source.successor_domains)
        self.deny = [re.compile(p) for p in source.deny_url_patterns]
        self.max_depth = min(limits.max_depth, source.max_depth) if source.max_depth is not None \
            else limits.max_depth
        self.article = re.compile(source.article_url_pattern) if source.article_url_pattern else None
        self._queries: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._templates: Counter = Counter()
        self._judged: dict[str, tuple[str, str | None, str | None]] = {}
        self._hosts: dict[str, bool] = {}

    def allowed_host(self, url: str) -> bool:
        """Whether ``url``'s host is an allowed domain; memoized by host (menus repeat the same few)."""
        host = urlsplit(url).hostname or ""
        verdict = self._hosts.get(host)
        if verdict is None:
            if len(self._hosts) >= 4096:
                self._hosts.clear()
            verdict = self._hosts[host] = host_allowed(host, self.domains)
        return verdict

    def admit(self, url: str, depth: int, *, check_depth: bool = True) -> tuple[str, str | None]:
        judged = self._judged.get(url)
        if judged is None:
            judged = self._judge(url)
            if len(self._judged) >= _JUDGED_CACHE:  # menus repeat: a bounded memo is enough
                self._judged.clear()
            self._judged[url] = judged
        canonical, early, late = judged
        if early is not None:
            return canonical, early
        if check_depth and depth > self.max_depth:
            return canonical, "excluded:max_depth"
        return canonical, late

    def _judge(self, url: str) -> tuple[str, str | None, str | None]:
        """Depth-independent verdicts: (canonical, reason before the depth check, reason after)."""
        if url.startswith(_SKIP_SCHEMES):
            return url, "excluded:scheme", None
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return url, "ssrf:scheme", None
        try:
            canonical = _canonical(url)
        except ValueError:  # e.g. a port that is not a number
            return url, "excluded:bad_url", None
        if len(canonical) > MAX_URL_LENGTH:
            return canonical, "excluded:url_too_long", None
        if not self.allowed_host(canonical):
            return canonical, "offsite", None
        if any(p.search(canonical) for p in self.deny):
            return canonical, "excluded:deny_pattern", None
        segments = [s for s in urlsplit(canonical).path.split("/") if s]
        if segments and max(Counter(segments).values()) >= 3:
            return canonical, None, "excluded:trap_repeated_path"
        return canonical, None, None

    def within_trap_bounds(self, canonical: str) -> str | None:
        """Count ``canonical`` against the trap bounds; a reason when over them.

        Call once per URL about to be scheduled (not for URLs already seen).

        >>> src = SourceConfig(name="demo", title="Mẫu", start_urls=["http://127.0.0.1/"],
        ...     allowed_domains=["127.0.0.1"], article_url_pattern=r"/van-ban/\\d+\\.htm$",
        ...     licence="Ghi rõ nguồn", attribution="Nguồn: mẫu")
        >>> rules = UrlAdmission(src, CrawlLimits(max_template_urls=2))
        >>> [rules.within_trap_bounds(f"http://127.0.0.1/lich/2026/{m}") for m in (1, 2, 3)]
        [None, None, 'excluded:trap_calendar']
        >>> {rules.within_trap_bounds(f"http://127.0.0.1/van-ban/{n}.htm") for n in range(50)}
        {None}
        """
        parts = urlsplit(canonical)
        if parts.query:
            variants = self._queries[(parts.netloc, parts.path)]
            if parts.query not in variants:
                if len(variants) >= self.limits.max_query_variants:
                    return "excluded:trap_query_explosion"
                variants.add(parts.query)
        shape = (parts.netloc, _DIGITS.sub("#", parts.path), bool(parts.query))
        if self.article is not None and self.article.search(canonical):
            return None
        if _DIGITS.search(parts.path) or parts.query:
            if self._templates[shape] >= self.limits.max_template_urls:
                return "excluded:trap_calendar"
            self._templates[shape] += 1
        return None
