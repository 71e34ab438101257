"""How the crawler found a URL, written to each fetch's WARC metadata record.

Extraction reads these fields as evidence that does not depend on a site's URL
style (INTERFACES.md §2): a URL listed in a news sitemap or a feed with a date is
very likely an article; one linked from a page with 300 same-site links is less
telling than one of 20 links on a listing page.

    >>> found = Found("link", referrer="http://x.vn/tin.htm", text="  Thủ tướng\\n chủ trì ",
    ...               links_on_referrer=24)
    >>> metadata_fields(found, article_match=None)
    {'vicorpus-discovery': 'link', 'vicorpus-discovered-from': 'http://x.vn/tin.htm', 'vicorpus-link-text': 'Thủ tướng chủ trì', 'vicorpus-links-on-referrer': '24'}
    >>> listed_date("Tue, 13 Jan 2026 08:30:00 +0700"), listed_date("2026-01-08")
    ('2026-01-13T08:30:00+07:00', '2026-01-08')
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MAX_TEXT = 300
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Found:
    """``how`` (start | sitemap | feed | link), the listing's URL, the anchor text or item
    title, the date the listing gave (ISO 8601) and, for links, the referring page's
    number of same-site links."""

    how: str
    referrer: str | None = None
    text: str | None = None
    listed: str | None = None
    links_on_referrer: int | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Found":
        data = dict(data or {})
        data.setdefault("how", "start")
        return cls(**{k: data[k] for k in ("how", "referrer", "text", "listed", "links_on_referrer") if k in data})


START = Found("start")
FOUND = "vicorpus_found"  # request meta key: a Found as a dict (to_dict)


def clean_text(text: str | None) -> str | None:
    """Markup-free, whitespace-collapsed, at most 300 characters; None when empty.

    >>> clean_text("<b>Bộ Y tế</b> &amp; <i>Bộ Tài chính</i>")
    'Bộ Y tế & Bộ Tài chính'
    """
    if not text:
        return None
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = _SPACE.sub(" ", text).strip()
    return text[:MAX_TEXT] or None


def listed_date(value: str | None) -> str | None:
    """An ISO 8601 date or datetime from a sitemap (ISO already) or a feed (RFC 822); None if unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:  # a plain date (sitemaps often give one) stays a date
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def metadata_fields(found: Found, article_match: bool | None) -> dict[str, str]:
    """The ``vicorpus-discovery*`` fields of the WARC metadata record (absent values left out).

    ``article_match`` is None when the source has no ``article_url_pattern``.
    """
    fields = {"vicorpus-discovery": found.how}
    if found.referrer:
        fields["vicorpus-discovered-from"] = found.referrer
    text = clean_text(found.text)
    if text:
        fields["vicorpus-link-text"] = text
    if found.listed:
        fields["vicorpus-listed-date"] = found.listed
    if found.how == "link" and found.links_on_referrer is not None:
        fields["vicorpus-links-on-referrer"] = str(found.links_on_referrer)
    if article_match is not None:
        fields["vicorpus-article-pattern"] = "match" if article_match else "no-match"
    return fields
