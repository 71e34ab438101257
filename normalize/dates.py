"""Publication time of a Vietnamese news page, as an aware datetime.

Sources in order of reliability: JSON-LD ``datePublished``, meta tags
(article:published_time, pubdate, itemprop=datePublished), the date shown on the
page ("Thứ Hai, 12/01/2026 14:30", "12/1/2026 | 14:30 GMT+7"), and a per-source
regex on the URL (baochinhphu's 15-digit ids). A time with no zone is Vietnam
time. When the best source gives only a day, a lower source's time on the same
day is used, so the result has a time of day whenever the page shows one.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

from vicorpus.timeutil import VIETNAM_TZ

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<z>Z|[+-]\d{2}:?\d{2})?")
# 12/01/2026 14:30, 12/1/2026 | 14:30 GMT+7, 07/03/2026 - 08:07, 2/11/2023, 19:20 (GMT+7)
_VISIBLE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})[/\-.](?P<y>\d{4})(?!\d)"
    r"(?:\s*(?:[,|\-–]|lúc)?\s*(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2}))?(?!\d))?"
    r"(?:\s*\(?\s*(?:GMT|UTC)\s*(?P<z>[+-]\s*\d{1,2}(?::?\d{2})?)\)?)?")
# time first: 14:30 12/01/2026, 14:30 - 12/01/2026
_VISIBLE_TIME_FIRST = re.compile(
    r"(?<!\d)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?:[,|\-–]|ngày)?\s*"
    r"(?:[^\d\s]{0,12},?\s*)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?!\d)")
_META_KEYS = ("article:published_time", "og:published_time", "pubdate", "publishdate",
              "publish-date", "datepublished", "dc.date.issued", "dc.date", "date",
              "sailthru.date", "parsely-pub-date", "article.published", "published_time")
_DATE_CLASS = re.compile(r"date|time|publish|ngay|post-?time|datetime", re.IGNORECASE)


def _zone(text: str | None):
    if not text:
        return VIETNAM_TZ
    text = text.replace(" ", "")
    if text in ("Z", "z"):
        return timezone.utc
    match = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", text)
    if not match:
        return VIETNAM_TZ
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if minutes > 14 * 60:
        return VIETNAM_TZ
    return timezone(timedelta(minutes=minutes if match.group(1) == "+" else -minutes))


def _build(groups: dict, two_digit_year: bool = False) -> tuple[datetime, bool] | None:
    """(aware datetime, has_time) from regex groups, or None if not a real date."""
    try:
        year = int(groups["y"])
        if two_digit_year or year < 100:
            year += 2000
        hour, minute = groups.get("H"), groups.get("M")
        has_time = hour is not None and minute is not None
        moment = datetime(year, int(groups["m"]), int(groups["d"]),
                          int(hour or 0), int(minute or 0), int(groups.get("S") or 0),
                          tzinfo=_zone(groups.get("z")))
    except (TypeError, ValueError):
        return None
    if not 1990 <= moment.year <= datetime.now().year + 1:
        return None
    return moment, has_time


def parse_iso(text: str | None) -> tuple[datetime, bool] | None:
    """Parse an ISO-like timestamp; naive means Vietnam time.

    >>> parse_iso("2026-03-07T08:52:11.000 +07:00")[0].isoformat()
    '2026-03-07T08:52:11+07:00'
    """
    if not text:
        return None
    match = _ISO.search(text.strip())
    return _build(match.groupdict()) if match else None


def parse_visible(text: str) -> tuple[datetime, bool] | None:
    """First day-first date (with its time if shown) in a visible string.

    >>> parse_visible("Thứ Hai, 12/01/2026 14:30")[0].isoformat()
    '2026-01-12T14:30:00+07:00'
    >>> parse_visible("12/1/2026 | 14:30 GMT+7")[0].isoformat()
    '2026-01-12T14:30:00+07:00'
    """
    match = _VISIBLE.search(text)
    first = _VISIBLE_TIME_FIRST.search(text)
    if first and (not match or match.group("H") is None) and (
            not match or first.start() <= match.start()):
        return _build(first.groupdict())
    return _build(match.groupdict()) if match else None


def date_from_url(url: str, pattern: str | None) -> tuple[datetime, bool] | None:
    """Date encoded in the URL by a per-source regex with groups y m d [H M S].

    >>> date_from_url("https://baochinhphu.vn/x-102260301095116474.htm",
    ...     r"-102(?P<y>\\d{2})(?P<m>\\d{2})(?P<d>\\d{2})(?P<H>\\d{2})(?P<M>\\d{2})")[0].isoformat()
    '2026-03-01T09:51:00+07:00'
    """
    if not pattern:
        return None
    match = re.search(pattern, url)
    if not match:
        return None
    groups = match.groupdict()
    return _build(groups, two_digit_year=len(groups.get("y") or "") == 2)


def _walk_jsonld(node, found: list[str]) -> None:
    if isinstance(node, dict):
        value = node.get("datePublished") or node.get("dateCreated")
        if isinstance(value, str):
            found.append(value)
        for child in node.values():
            if isinstance(child, (dict, list)):
                _walk_jsonld(child, found)
    elif isinstance(node, list):
        for child in node:
            _walk_jsonld(child, found)


def jsonld_dates(tree) -> list[str]:
    found: list[str] = []
    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            # sites often leave a trailing comma or control characters in JSON-LD
            found.extend(re.findall(r'"datePublished"\s*:\s*"([^"]+)"', raw))
            continue
        _walk_jsonld(data, found)
    return found


def meta_dates(tree) -> list[str]:
    found = []
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_KEYS:
            found.append(meta.get("content"))
    for node in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        found.append(node.get("datetime") or node.get("content") or node.text_content())
    for node in tree.xpath("//time[@datetime]"):
        found.append(node.get("datetime"))
    return [value for value in found if value]


def visible_dates(tree, title_node=None) -> list[str]:
    """Short texts of elements whose class/id says date/time: those after the
    headline first (a header clock shows today, not the article's date)."""
    found, before = [], []
    seen_title = title_node is None
    for node in tree.iter():
        if node is title_node:
            seen_title = True
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "meta", "option"):
            continue
        marker = f"{node.get('class', '')} {node.get('id', '')}"
        if _DATE_CLASS.search(marker):
            text = " ".join(node.text_content().split())
            if 6 <= len(text) <= 120:
                (found if seen_title else before).append(text)
    return found + before


def find_published(tree, url: str = "", url_pattern: str | None = None,
                   title_node=None) -> datetime | None:
    """Best publication time of a parsed page (aware datetime) or None.

    ``tree`` is an lxml HTML tree; ``url_pattern`` is ``ExtractRules.date_from_url``;
    ``title_node`` the headline element (dates shown after it are preferred).
    """
    candidates: list[tuple[datetime, bool]] = []
    for value in jsonld_dates(tree) + meta_dates(tree):
        parsed = parse_iso(value)
        if parsed:
            candidates.append(parsed)
    for value in visible_dates(tree, title_node):
        parsed = parse_visible(value)
        if parsed:
            candidates.append(parsed)
    parsed = date_from_url(url, url_pattern)
    if parsed:
        candidates.append(parsed)
    if not candidates:
        return None
    best, has_time = candidates[0]
    if not has_time:
        day = best.date()
        for moment, timed in candidates[1:]:
            if timed and moment.astimezone(VIETNAM_TZ).date() == day:
                return moment
    return best
