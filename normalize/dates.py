"""Publication time of a Vietnamese news page, as an aware datetime.

Sources in order of reliability: JSON-LD ``datePublished``, meta tags
(article:published_time, pubdate, itemprop=datePublished), the date shown on the
page, and a per-source regex on the URL (baochinhphu's 15-digit ids). A time with
no zone is Vietnam time. When the best source gives only a day, a lower source's
time on the same day is used, so the result has a time of day whenever the page
shows one.

Shown dates are read from elements whose class says date/time and from free-text
datelines next to the headline, in the common Vietnamese forms ("08/01/2026 |
16:40 GMT+7", "Thứ năm, 08/01/2026 - 16:40", "16:40 ngày 8/1/2026", "ngày 8 tháng
1 năm 2026", "Ngày đăng: ...", "Đăng lúc: ...", "Cập nhật: ..."). A labelled
publication time comes first, an update time ("Cập nhật", "Sửa lần cuối") last.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import lxml.etree

from normalize.blocks import INLINE_TAGS
from normalize.lexicon import ASKED_LABELS, DATELINE_LABELS, DATELINE_TOOLS, PUBLISHED_LABELS, UPDATED_LABELS
from vicorpus.timeutil import VIETNAM_TZ

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<z>Z|[+-]\d{2}:?\d{2})?")
# 12/01/2026 14:30, 12/1/2026 | 14:30 GMT+7, 07/03/2026 - 08:07, 2/11/2023, 19:20 (GMT+7)
# a 12-hour clock: "12:00 AM", "06:00 PM", Vietnamese "SA" (sáng) / "CH" (chiều)
_AMPM = r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?|SA|CH)(?!\w))?"
# minutes may carry the minute mark: "07h30'" (older portals)
_MINUTE_MARK = r"(?:['’′](?!\w))?"
# the time a written-out date may go on with: ", 16:40", " lúc 8h15"
_TIME_AFTER = r"(?:\s*(?:[,|\-–]|lúc)?\s*(?P<H>\d{1,2})[:h](?P<M>\d{2})(?!\d)" + _MINUTE_MARK + _AMPM + ")?"
_VISIBLE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})[/\-.](?P<y>\d{4})(?!\d)"
    r"(?:\s*(?:[,|\-–]|lúc)?\s*(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2}))?(?!\d)" + _MINUTE_MARK + _AMPM + ")?"
    r"(?:\s*\(?\s*(?:GMT|UTC)\s*(?P<z>[+-]\s*\d{1,2}(?::?\d{2})?)\)?)?")
# time first: 14:30 12/01/2026, 14:30 - 12/01/2026, 16h40 ngày 8/1/2026, 08:15 ngày 4-12-2011,
# 09:40 | thứ ba, 3/3/2026
_VISIBLE_TIME_FIRST = re.compile(
    r"(?<!\d)(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2}))?" + _MINUTE_MARK + _AMPM + r"\s*(?:[,|\-–]|ngày)?\s*"
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật),?\s*)?(?:[^\d\s]{0,12},?\s*)?(?P<d>\d{1,2})(?P<sep>[/\-.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)")
# English pages of Vietnamese sites: March 12, 2026 | 9:40 AM; 12 March 2026, 09:40
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH_NAME = r"(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
_VISIBLE_ENGLISH = re.compile(
    r"(?:" + _MONTH_NAME + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+" +
    _MONTH_NAME.replace("mon", "mon2") + r",?)\s+(?P<y>\d{4})(?!\d)"
    r"(?:\s*(?:[,|\-–]|at)?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?!\d)" + _AMPM + ")?", re.IGNORECASE)
# months in words, as WordPress writes them in Vietnamese: 25 Tháng Hai, 2026; or in figures
# without "năm", as Joomla's Vietnamese language pack does: Thứ hai, 09 Tháng 2 2026 15:32
_VI_MONTHS = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
              "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_VISIBLE_VI_MONTH_WORD = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+(?:(?P<vimon>mười\s+một|mười\s+hai|mười|một|giêng|hai|ba|tư|bốn|năm|sáu|bảy|"
    r"tám|chín|chạp)|(?P<m>\d{1,2})),?\s+(?:năm\s+)?(?P<y>\d{4})(?!\d)" + _TIME_AFTER, re.IGNORECASE)
# site builders' short form: 14 thg 3, 2026
_VISIBLE_THG = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+thg\s+(?P<m>\d{1,2}),?\s+(?P<y>\d{4})(?!\d)" + _TIME_AFTER,
                          re.IGNORECASE)
# year first, as CMSs print ISO dates: 2026-11-24, 2026-11-24 14:10
_VISIBLE_YEAR_FIRST = re.compile(
    r"(?<![\d/.\-])(?P<y>(?:19|20)\d{2})(?P<sep>[\-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/.\-]\d)"
    r"(?:(?:\s*[,|\-–]\s*|\s+|T)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?!\d))?")
# written out: ngày 8 tháng 1 năm 2026 [, 16:40]
_VISIBLE_LONG = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})" + _TIME_AFTER,
                           re.IGNORECASE)
_PUBLISHED_LABEL = re.compile("|".join(PUBLISHED_LABELS), re.IGNORECASE)
_UPDATED_LABEL = re.compile("|".join(UPDATED_LABELS), re.IGNORECASE)
_ASKED_LABEL = re.compile("|".join(ASKED_LABELS), re.IGNORECASE)
_LABELS = (("published", _PUBLISHED_LABEL), ("updated", _UPDATED_LABEL), ("asked", _ASKED_LABEL))
# what may stand next to a date in a dateline: labels, weekdays, zones, separators
_DATELINE_FILLER = re.compile(
    "|".join(DATELINE_LABELS)
    + r"|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|\b(?:t[2-7]|cn)\b|\b(?:am|pm|sa|ch)\b"
    r"|\(?\s*(?:gmt|utc)\s*[+-]?\s*\d{0,2}(?::?\d{2})?\s*\)?|\b(?:ngày|lúc|giờ|sáng|chiều|tối)\b"
    r"|[\d|/:,.()\[\]\-–—•·]+", re.IGNORECASE)
# reading tools closing a dateline ("... 3:41:12 PM | In trang | Gửi bài viết")
_TRAILING_TOOLS = re.compile(r"(?:[\s|•·\-–]*\b(?:" + "|".join(DATELINE_TOOLS) + r"))+[\s|•·\-–]*$", re.IGNORECASE)
_META_KEYS = ("article:published_time", "og:published_time", "pubdate", "publishdate",
              "publish-date", "datepublished", "dc.date.issued", "dc.date", "date",
              "sailthru.date", "parsely-pub-date", "article.published", "published_time")
_YEAR_DIGITS = re.compile(r"\d{4}")
# A field of a line of "|"-separated fields: a label of 1-4 words, a colon, a short value
# ("Lĩnh vực: Bảo hiểm xã hội bắt buộc | Ngày gửi: 15/01/2025 | Ngày trả lời: 21/01/2025").
_FIELD = re.compile(r"^\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s*:\s*[^\s:][^:]{0,59}$")
_DATE_CLASS = re.compile(r"date|time|publish|ngay|post-?time|datetime|meta", re.IGNORECASE)
# An element the markup names as today's date or a clock (DNN's "dnnCURRENTDATE", "today",
# "clock", "ngay-hien-tai"): the header shows when the page was served, never when it was written.
_CLOCK_MARK = re.compile(r"current_?-?date|curdate|today|clock|ngay-?hien-?tai|homnay|hom-nay|server-?time",
                         re.IGNORECASE)


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
        hour = int(hour or 0)
        ampm = (groups.get("ampm") or "").upper().replace(".", "")
        if ampm and 1 <= hour <= 12:  # 12:00 AM is midnight, 12:00 PM noon
            hour = hour % 12 + (12 if ampm in ("PM", "CH") else 0)
        name = groups.get("mon") or groups.get("mon2")
        if name:
            month = _MONTHS[name[:3].lower()]
        elif groups.get("vimon"):
            month = _VI_MONTHS[" ".join(groups["vimon"].lower().split())]
        else:
            month = int(groups["m"])
        day = int(groups.get("d") or groups["d2"])
        if month > 12 >= day and ampm:  # "7/16/2024 3:41:12 PM": an en-US server's M/D/YYYY
            day, month = month, day
        moment = datetime(year, month, day,
                          hour, int(minute or 0), int(groups.get("S") or 0),
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


def _date_matches(text: str) -> list[re.Match]:
    """Dates in a shown string, left to right (a time-first or written-out form wins
    over the bare day-first date it overlaps when it adds the time)."""
    found = list(_VISIBLE.finditer(text))
    for pattern in (_VISIBLE_TIME_FIRST, _VISIBLE_LONG, _VISIBLE_YEAR_FIRST, _VISIBLE_ENGLISH, _VISIBLE_VI_MONTH_WORD,
                    _VISIBLE_THG):
        for match in pattern.finditer(text):
            overlapping = [m for m in found if m.start() < match.end() and match.start() < m.end()]
            if not overlapping:
                found.append(match)
            elif all(m.group("H") is None for m in overlapping) and match.group("H") is not None:
                found = [m for m in found if m not in overlapping] + [match]
    return sorted(found, key=lambda m: m.start())


def date_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every date shown in ``text``, left to right.

    >>> date_spans("Hà Nội, 16:40 ngày 8/1/2026 - Sáng nay")
    [(8, 27)]
    """
    return [m.span() for m in _date_matches(text)]


def parse_dateline(text: str) -> list[tuple[datetime, bool, str | None]]:
    """Every date shown in ``text`` as (moment, has_time, label), label being
    "published", "updated", "asked" (a Q&A page's question) or None by the label written
    before it.

    >>> [(m.isoformat(), label) for m, _, label in parse_dateline(
    ...     "Ngày đăng: 06/01/2026 08:15 | Cập nhật: 07/01/2026 14:02 | Lượt xem: 312")]
    [('2026-01-06T08:15:00+07:00', 'published'), ('2026-01-07T14:02:00+07:00', 'updated')]
    >>> parse_dateline("16:40 ngày 8/1/2026")[0][0].isoformat()
    '2026-01-08T16:40:00+07:00'
    """
    return _parse_matches(text, _date_matches(text))


def _parse_matches(text: str, matches: list[re.Match]) -> list[tuple[datetime, bool, str | None]]:
    """:func:`parse_dateline` over ``matches``, the ``_date_matches`` of ``text``."""
    results, previous_end = [], 0
    for match in matches:
        built = _build(match.groupdict())
        before = text[previous_end:match.start()]
        previous_end = match.end()
        if not built:
            continue
        # the label written last before the date is its label
        found = [(m.start(), label) for label, pattern in _LABELS for m in pattern.finditer(before)]
        results.append((*built, max(found)[1] if found else None))
    return results


def is_dateline(text: str) -> bool:
    """A short line that is a date plus labels, weekday, zone, place or author.

    >>> is_dateline("08/01/2026 | 16:40 GMT+7"), is_dateline("Đăng lúc: 16:40 - 08/01/2026 | Bởi: Minh Anh")
    (True, True)
    >>> is_dateline("Ngày 8/1/2026, UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2025.")
    False
    >>> is_dateline("Cập nhật lần cuối: 7/16/2024 3:41:12 PM  In trang  Gửi bài viết")  # the tools close it
    True
    >>> is_dateline("Lĩnh vực: Bảo hiểm xã hội bắt buộc | Ngày gửi: 15/01/2025 | Ngày trả lời: 21/01/2025")
    True
    """
    return _dateline_matches(text) is not None


# An event's field in a notice ("Thời gian: 14 giờ 30 phút, thứ Năm, ngày 09/7/2026.", "Hạn nộp hồ
# sơ: từ ... đến ..."): the time spelled out, a span or a full stop; a CMS's terse "Thời gian:
# 15/03/2026 10:20" stamp stays a dateline.
_EVENT_FIELD = re.compile(r"^\s*(?:thời\s+(?:gian|điểm|hạn)|hạn\s+(?:chót|cuối|nộp)[^:\d]{0,30})\s*:.*"
                          r"(?:\b(?:giờ|phút|từ|đến|sáng|chiều|tối)\b|\.\s*$)", re.IGNORECASE)


def _dateline_matches(text: str) -> list[re.Match] | None:
    """The ``_date_matches`` of ``text`` when it is a dateline (:func:`is_dateline`), else None."""
    if len(text) > 200 or not _YEAR_DIGITS.search(text):  # every date form has a 4-digit year
        return None
    if _EVENT_FIELD.search(text):
        return None
    matches = _date_matches(text)
    if not matches:
        return None
    rest = text
    for match in reversed(matches):
        rest = rest[:match.start()] + " " + rest[match.end():]
    rest = _TRAILING_TOOLS.sub("", rest)
    if "|" in rest:  # a line of fields: another property's field is no sentence
        rest = "|".join(part for part in rest.split("|") if not _FIELD.match(part))
    rest = _DATELINE_FILLER.sub(" ", rest)
    return matches if len(rest.split()) <= 4 else None


_WEEKDAY_OR_ZONE = re.compile(r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|gmt|utc", re.IGNORECASE)


def is_site_dateline(text: str) -> bool:
    """A dateline a site prints, with a time, a label or a weekday ("08/01/2026 | 16:40
    GMT+7", "Ngày đăng: 08/01/2026"), not a bare date that closes a document or opens
    a sentence ("Hà Nội, ngày 8 tháng 1 năm 2026", "Sáng 08/01/2026,").

    >>> is_site_dateline("08/01/2026 | 16:40 GMT+7"), is_site_dateline("Sáng 08/01/2026,")
    (True, False)
    """
    matches = _dateline_matches(text)
    if matches is None:
        return False
    return bool(_WEEKDAY_OR_ZONE.search(text)) or any(
        timed or label for _, timed, label in _parse_matches(text, matches))


def parse_visible(text: str) -> tuple[datetime, bool] | None:
    """First day-first date (with its time if shown) in a visible string.

    >>> parse_visible("Thứ Hai, 12/01/2026 14:30")[0].isoformat()
    '2026-01-12T14:30:00+07:00'
    >>> parse_visible("12/1/2026 | 14:30 GMT+7")[0].isoformat()
    '2026-01-12T14:30:00+07:00'
    """
    for match in _date_matches(text):
        built = _build(match.groupdict())
        if built:
            return built
    return None


# A permalink's date path ("/2026/03/14/slug"), the last resort when a source names no pattern.
_URL_DATE_PATH = r"/(?P<y>20\d{2})/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/"


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
        types = node.get("@type")
        # a QAPage's Question was created when it was asked: its answer's date comes first
        asked = "Question" in (types if isinstance(types, list) else [types]) and "datePublished" not in node
        if isinstance(value, str) and not asked:
            found.append(value)
        for child in node.values():
            if isinstance(child, (dict, list)):
                _walk_jsonld(child, found)
        if isinstance(value, str) and asked:
            found.append(value)
    elif isinstance(node, list):
        for child in node:
            _walk_jsonld(child, found)


UNPARSED = object()  # a JSON-LD script json.loads refused


def jsonld_scripts(tree) -> list[tuple[str, object]]:
    """Each JSON-LD script of the page as (its text, ``json.loads`` of that text or
    :data:`UNPARSED`), so :func:`jsonld_dates` and :func:`normalize.pagetype.jsonld_types`
    share one parse."""
    scripts = []
    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        text = script.text or ""
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than any real page
            data = UNPARSED
        scripts.append((text, data))
    return scripts


def jsonld_dates(tree, scripts: list[tuple[str, object]] | None = None) -> list[str]:
    """datePublished/dateCreated values of the page's JSON-LD; ``scripts``:
    :func:`jsonld_scripts` when already read."""
    found: list[str] = []
    for text, data in jsonld_scripts(tree) if scripts is None else scripts:
        raw = text.strip()
        if not raw:
            continue
        if text.strip(" \t\n\r") != raw:
            # str.strip() took more than JSON whitespace (a no-break space...): parsing
            # what it left can succeed where the whole text failed, or the reverse
            try:
                data = json.loads(raw, strict=False)
            except ValueError:
                data = UNPARSED
        if data is UNPARSED:
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
    # An element marked datePublished, or an hAtom <abbr class="published" title="ISO"> (Blogger,
    # older WordPress themes), shows a short form and keeps the full time in an attribute.
    for node in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'
                           ' | //abbr[@title][contains(concat(" ", normalize-space(@class), " "), " published ")]'):
        found.append(node.get("datetime") or node.get("content")
                     or (node.get("title") if parse_iso(node.get("title")) else None) or node.text_content())
    for node in tree.xpath("//time[@datetime]"):
        found.append(node.get("datetime"))
    return [value for value in found if value]


_FOLLOWING = lxml.etree.XPath("following::*[position() <= 60]")
_PRECEDING = lxml.etree.XPath("preceding::*[position() <= 12]")


_MARKED = lxml.etree.XPath("//body//*[@class or @id]")


# Markup that says which moment an element shows: schema.org's itemprop, hAtom's classes
# (WordPress prints "<time class="updated">16/02</time><time class="entry-date published">14/02</time>").
_UPDATE_CLASS = re.compile(r"(?:^|\s)(?:updated|modified|date-?modified|entry-?modified)(?=\s|$)", re.IGNORECASE)
_PUBLISH_CLASS = re.compile(r"(?:^|\s)(?:published|date-?published|entry-?published)(?=\s|$)", re.IGNORECASE)


def _marked_moment(node) -> str | None:
    """"published" or "updated" when the markup says which moment ``node`` shows, else None."""
    prop = node.get("itemprop")
    if prop in ("datePublished", "dateModified"):
        return "published" if prop == "datePublished" else "updated"
    marker = node.get("class")
    if not marker:
        return None
    if _PUBLISH_CLASS.search(marker):
        return "published"  # (an unchanged WordPress post is "entry-date published updated")
    return "updated" if _UPDATE_CLASS.search(marker) else None


def _labelled_by_markup(node) -> str | None:
    """The text of ``node`` with "Cập nhật:" / "Ngày đăng:" written before each element the markup
    marks as the update or the publication, when one is marked as the update; else None.

    >>> import lxml.html
    >>> node = lxml.html.fromstring('<span><time class="updated">16/02/2026</time> '
    ...                             '<time class="entry-date published">14/02/2026</time></span>')
    >>> _labelled_by_markup(node)
    'Cập nhật: 16/02/2026 Ngày đăng: 14/02/2026'
    """
    marks = [(element, _marked_moment(element)) for element in node.iter() if isinstance(element.tag, str)]
    if not any(mark == "updated" for _, mark in marks):
        return None
    label = {element: mark for element, mark in marks if mark}
    parts: list[str] = []

    def walk(element) -> None:
        if element in label:
            parts.append("Cập nhật:" if label[element] == "updated" else "Ngày đăng:")
        parts.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(node)
    return " ".join(" ".join(parts).split())


def visible_dates(tree, title_node=None, body_node=None, order: dict | None = None) -> list[list[str]]:
    """Short texts that show a date, by zone of trust: [between the headline and the
    body block, elsewhere after the headline, before the headline (nearest first), beside
    another article's headline].

    A text qualifies when its element's class/id says date/time, or when it is a
    free-text dateline (see :func:`is_dateline`) among the 60 elements after the
    headline or the 12 before it, whatever its class. A header clock shows today and
    a "Bài viết khác" list under the body shows other articles' dates: they rank last.
    ``order`` maps elements to their document position (built here when not given).
    """
    near = set()
    if title_node is not None:
        near.update(_FOLLOWING(title_node))
        near.update(_PRECEDING(title_node))
    classed = [n for n in _MARKED(tree) if _DATE_CLASS.search(f"{n.get('class', '')} {n.get('id', '')}")]
    if order is None:
        order = {node: i for i, node in enumerate(tree.iter())}
    title_at = order.get(title_node, -1) if title_node is not None else -1
    body_at = order.get(body_node, len(order)) if body_node is not None else len(order)
    if title_node is not None and body_node is not None and body_at < title_at:
        body_at = _first_sentence_after(title_node, body_node, order, default=len(order))
    head, late, before, others = [], [], [], []
    own = set(title_node.iter()) if title_node is not None else set()
    above_own = set(title_node.iterancestors()) if title_node is not None else set()
    is_classed = set(classed)
    for node in sorted(is_classed | near, key=lambda n: order.get(n, -1)):
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "meta", "option"):
            continue
        if node in is_classed and _CLOCK_MARK.search(f"{node.get('class', '')} {node.get('id', '')}"):
            continue  # the header's clock
        text = " ".join(node.text_content().split())
        if node in is_classed and len(text) > 120:
            text = leading_text(node)  # an unclosed element holding the rest of the page
        if (node in is_classed and 6 <= len(text) <= 120) or (
                node in near and node.tag != "a" and 6 <= len(text) <= 160 and is_dateline(text)
                and not _another_field(node)):
            label = _label_before(node)
            if label and not any(pattern.search(text) for _, pattern in _LABELS):
                text = f"{label} {text}"
            elif len(text) <= 160 and not any(pattern.search(text) for _, pattern in _LABELS):
                text = _labelled_by_markup(node) or text
            at = order.get(node, -1)
            if beside_other_headline(node, own, above_own):
                others.append(text)
            elif 0 <= at < title_at and node not in near:
                others.append(text)  # a date far above the headline, known by its class only: the header's clock
            else:
                (before if at < title_at else late if at >= body_at else head).append(text)
    before.reverse()  # nearest the headline first: the header's today is further up
    if not head and any(map(is_site_dateline, before)) and not any(map(is_site_dateline, late)):
        return [before, late, [], others]  # a dateline above the headline, other articles' dates below
    return [head, late, before, others]


def leading_text(node) -> str:
    """The text of ``node`` before its first block child: what a dateline or heading element left
    unclosed says itself ("<div class=date>Ngày đăng: 09/06/2025<div class=sapo>..." in an old
    portal without closing tags, where the parser nests the rest of the page inside it).

    >>> import lxml.html
    >>> leading_text(lxml.html.fromstring('<div>Ngày đăng: <b>09/06/2025</b><div>Sáng 07/6, ...</div></div>'))
    'Ngày đăng: 09/06/2025'
    """
    parts = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag not in INLINE_TAGS:
            break
        parts.append(child.text_content() if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


_ITEM_CHARS = 300  # a line or a list item, not a block holding the article


def beside_other_headline(node, own: set, above_own: set, item_chars: int = _ITEM_CHARS) -> bool:
    """Is the date (or summary) printed beside a link to another article ("<li><a>headline</a>
    <span>05/10/2025 - 16:05</span></li>" in a "Tin cùng chuyên mục" list)? A link of 5+ words to
    another page in the same line or list item (of at most ``item_chars``), outside the page's own
    headline block and outside ``node``. ``own``: the headline's elements; ``above_own``: its
    ancestors.

    >>> import lxml.html
    >>> item = lxml.html.fromstring('<div><h3><a href="/tin/2">Kiểm tra tiến độ thi công đường ven biển</a></h3>'
    ...                             '<div class="summary">Đoàn công tác đã kiểm tra thực địa.</div></div>')
    >>> beside_other_headline(item.find("div"), set(), set())
    True
    >>> card = lxml.html.fromstring('<a href="/tin/3"><span>Mạng xã hội: tấn công quên phòng thủ<br>'
    ...                             '<label class="date">03-04-2014 09:28</label></span></a>')
    >>> beside_other_headline(card.find(".//label"), set(), set())
    True
    """
    card = next(node.iterancestors("a"), None)
    if card is not None and card not in own and card not in above_own and _links_away(card) and len(
            card.text_content().split()) - len(node.text_content().split()) >= 5:
        return True  # in a card that links to another article: its headline, image and date in one <a>
    inside = set(node.iterancestors()) | set(node.iter())  # a link around or inside it is not beside it
    for holder in (node.getparent(), next(node.iterancestors("li"), None)):
        if holder is None or holder in own or holder in above_own or len(holder.text_content()) > item_chars:
            continue  # (the page's own header block: its headline, dateline and tools)
        for link in holder.iter("a"):
            if link not in own and link not in inside and len(link.text_content().split()) >= 5 and _links_away(link):
                return True
    return False


def _links_away(link) -> bool:
    """Does ``link`` lead to another page (not an anchor on this one, not a script)?"""
    href = (link.get("href") or "").strip()
    return href[:1] not in ("", "#") and not href.lower().startswith("javascript:")


# A sentence closing a line: 8+ words, the last ending with a full stop (``match`` for a
# whole line, ``search`` for its close). Page typing and headline finding read it too.
SENTENCE_LINE = re.compile(r"(?:\S+\s+){7,}\S*[.!?…][\"”»’)\]]*$")


def _first_sentence_after(title_node, body_node, order: dict, default: int) -> int:
    """Where the body starts when the headline stands inside the body block's own box (a
    table cell holding headline, dateline and paragraphs): the first element after the
    headline whose text is a sentence."""
    title_at = order.get(title_node, -1)
    headline = set(title_node.iter())
    for node in body_node.iterdescendants():
        at = order.get(node, -1)
        if at > title_at and isinstance(node.tag, str) and node not in headline and \
                SENTENCE_LINE.search(" ".join(node.text_content().split())):
            return at
    return default


def _another_field(node) -> bool:
    """Is ``node`` the value cell of a record's row labelled with another property than the
    page's dates ("<td>Ngày vào Đảng</td><td>19/5/1995</td>" in a biography's table)?

    >>> import lxml.html
    >>> row = lxml.html.fromstring("<table><tr><td>Ngày sinh</td><td>12/5/1971</td></tr></table>")
    >>> _another_field(row.xpath("//td")[1]), _another_field(row.xpath("//tr")[0])
    (True, True)
    """
    if node.tag == "tr":  # the row itself: its value cell
        cells = [cell for cell in node if cell.tag in ("td", "th")]
        return len(cells) == 2 and _another_field(cells[1])
    previous = node.getprevious()
    if node.tag not in ("td", "dd") or previous is None or previous.tag not in ("td", "th", "dt"):
        return False
    label = " ".join(previous.text_content().split())
    return 0 < len(label) <= 40 and not any(ch.isdigit() for ch in label) and _label_before(node) is None


def _label_before(node) -> str | None:
    """The label written just before a date element that carries none: the label cell of
    its row ("<td>Ngày gửi:</td><td>02/04/2026</td>") or the words before it in its line
    ("Ngày trả lời: <span>08:30 ngày 10/04/2026</span>"); None when no label is there.

    >>> import lxml.html
    >>> row = lxml.html.fromstring("<table><tr><td>Ngày gửi:</td><td>02/04/2026</td></tr></table>")
    >>> _label_before(row.xpath("//td")[1])
    'Ngày gửi:'
    """
    previous, parent = node.getprevious(), node.getparent()
    if node.tag in ("td", "th", "dd"):
        before = previous.text_content() if previous is not None else ""
    elif previous is not None:
        before = previous.tail or ""
    else:
        before = (parent.text if parent is not None else None) or ""
    before = " ".join(before.split())[-40:]
    found = [m.end() for _, pattern in _LABELS for m in pattern.finditer(before)]
    # the label must end the text before the date (nothing but a colon or a dash after it)
    return before if found and not before[max(found):].strip(" :-–—|") else None


def published_time(tree, url: str = "", url_pattern: str | None = None, title_node=None,
                   jsonld: list[str] | None = None, body_node=None,
                   order: dict | None = None) -> tuple[datetime | None, str | None]:
    """(best publication time, where it came from: "metadata", "page" or "url").

    ``jsonld``: the page's JSON-LD dates when its scripts are already gone
    (:func:`jsonld_dates` before stripping); ``body_node``: the body block, which
    bounds the dateline zone under the headline; ``order``: document positions.
    """
    candidates: list[tuple[datetime, bool, str]] = []
    for value in (jsonld_dates(tree) if jsonld is None else jsonld) + meta_dates(tree):
        parsed = parse_iso(value)
        if parsed:
            candidates.append((*parsed, "metadata"))
    # The publication time the page shows beside its headline: between the headline and the
    # body, else just before the headline (a dateline above the <h1>); never the zone under
    # the body, where other articles' dates are.
    shown_in, shown_day_in = {}, {}
    asked_above: list = []  # when a question was sent: a "Ngày trả lời" under the answer comes first
    shown_published, shown_updated = [], set()  # labelled "Ngày đăng" / "Cập nhật" on the page
    for zone_no, zone in enumerate(visible_dates(tree, title_node, body_node, order)):
        labelled, plain, updated, asked = [], [], [], []
        for text in zone:
            for moment, timed, label in parse_dateline(text):
                target = {"published": labelled, "updated": updated, "asked": asked}.get(label, plain)
                target.append((moment, timed, "page"))
                if label is None:
                    break  # an unlabelled string: its first date
        shown_in[zone_no] = next((moment for moment, timed, _ in labelled + plain if timed), None)
        shown_day_in[zone_no] = next(((moment, timed) for moment, timed, _ in labelled + plain), None)
        shown_published += labelled
        shown_updated.update(moment for moment, timed, _ in updated if timed)
        if zone_no == 0:
            candidates += labelled + plain + updated
            asked_above = asked
        else:
            candidates += labelled + asked_above + plain + updated + asked
            asked_above = []
    candidates += asked_above
    shown = shown_in.get(0) or shown_in.get(2)
    parsed = date_from_url(url, url_pattern or _URL_DATE_PATH)
    if parsed:
        candidates.append((*parsed, "url"))
    if not candidates:
        return None, None
    best, has_time, source = candidates[0]
    if source == "metadata" and has_time and best.replace(second=0, microsecond=0) in shown_updated:
        # the metadata's "published" time is the one the page labels as the update ("Ngày đăng:
        # 18/11/2026 | Cập nhật: 20/11/2026 17:30"): the labelled publication date wins
        earlier = [c for c in shown_published if (c[0] < best if c[1] else
                                                  c[0].astimezone(VIETNAM_TZ).date() < best.astimezone(VIETNAM_TZ).date())]
        if earlier:
            best, has_time, source = earlier[0]
    if source == "metadata" and has_time and shown is not None:
        # metadata that disagree (JSON-LD of an earlier version, article:published_time of this
        # one): the one the page shows beside its headline
        best = next((c[0] for c in candidates if c[2] == "metadata" and c[1]
                     and c[0].replace(second=0, microsecond=0) == shown), best)
        # metadata an hour or more off the time shown beside the headline is another moment
        # (a wrong or missing zone, "16:40:00Z" for 16:40 in Hà Nội; the record's creation; a
        # scheduled slot): the page's own time wins. Minutes apart, the metadata is kept.
        gap = abs((best.replace(second=0, microsecond=0) - shown).total_seconds())
        if gap >= 3600:
            return shown, "page"
    if source == "metadata" and not has_time and shown is not None and (
            shown.astimezone(VIETNAM_TZ).date() != best.astimezone(VIETNAM_TZ).date()):
        return shown, "page"  # a day-only field (dc.date: the record's day) against the time shown by the headline
    day = shown_day_in.get(0) or shown_day_in.get(2)
    if source == "metadata" and shown is None and day is not None and not day[1]:
        # the day shown under the headline, not the metadata's (an upload the night before, a CMS's
        # record); one above the headline only a day off (further off: the header's today)
        days_off = abs((day[0].date() - best.astimezone(VIETNAM_TZ).date()).days)
        if days_off and (day is shown_day_in.get(0) or days_off <= 1):
            return day[0], "page"
    if not has_time:
        day = best.date()
        for moment, timed, _ in candidates[1:]:
            if timed and moment.astimezone(VIETNAM_TZ).date() == day:
                return moment, source
    return best, source

