"""Article or not: list, tag, search, category and home pages, and pages that are a table of
figures (``data_page``), are recognised, with a reason and a confidence.

Evidence, weighed in this order of trust:

1. the page's own structure (normalize/blocks.py): one body block of running text
   with several paragraphs under the headline, against many teaser blocks (headline
   link + summary) and headline links with no body (a text block below the teasers
   of a list page, a promotion or a pop-up, is no article body);
2. structured metadata when present: og:type, JSON-LD @type, a publication time
   in the metadata, a headline of several words;
3. how the crawler found the page (the WARC metadata fields of INTERFACES §2): a
   feed or sitemap item, a match of the source's ``article_url_pattern``, a link
   with headline-like anchor text from a page of many links;
4. URL habits only as tie-breakers worth half a point (a slug ending in a long
   numeric id, a /tag/ or search path); a URL never decides alone.

Each piece adds to a score (positive = article). A page is dropped only on clear
evidence (score <= DROP_AT); a page with conflicting evidence is kept with a low
``confidence``. Nothing here is keyed to a host name.

>>> v = classify_page({"og_type": "", "types": set(), "sapo_like": 0, "headline_words": 9,
...                    "body_paragraphs": 5, "body_words": 310, "body_sentences": 11,
...                    "teaser_paragraphs": 0, "teaser_words": 0, "headline_links": 8},
...                   "http://127.0.0.1:8799/tin/bai-viet.html",
...                   "Sáng 8/1, UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2025 với 300 đại biểu.", None)
>>> v.is_article, v.reason, v.article_shape, round(v.confidence, 2)
(True, None, True, 0.97)
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.etree

from normalize.dates import SENTENCE_LINE, UNPARSED, is_dateline, jsonld_scripts
from normalize.lexicon import (DOCUMENT_CODE, DOCUMENT_NUMBER, DOCUMENT_RECORD_FIELDS, LIST_HEADING_STARTS, LOGIN_WALL_LINES,
                               NATIONAL_MOTTO, PROCEDURE_CODE_FIELDS, PROCEDURE_FIELDS, SECTION_HEADINGS, UTILITY_HEADINGS,
                               ascii_words)

SAPO_MARKER = re.compile(
    r"(?:^|[\s_\-])(?:sapo\w*|\w*-sapo|sapo_detail|lead|article-?lead|lead-?text|chapeau|"
    r"description|summary|excerpt|article__sapo|singular-sapo|detail-sapo|intro|"
    r"tom[-_]?tat\w*|trich[-_]?yeu)(?:$|[\s_\-])",  # Vietnamese: "tóm tắt", "trích yếu" (summary)
    re.IGNORECASE)
# schema.org Article and the kinds of it a news page declares (lowercased)
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "backgroundnewsarticle", "report", "liveblogposting"}
_LIST_TYPES = {"collectionpage", "itemlist", "searchresultspage"}
# Tie-breakers only (see module docstring).
_LIST_URL = re.compile(
    r"/(?:tag|tags|tim-kiem|search|chu-de|topic|chuyen-muc|danh-muc|category|su-kien)(?:/|\.|-|$)"
    r"|[?&](?:q|query|keyword|tu-khoa|s)=|/(?:trang|page|p)-?\d+(?:/|\.htm|$)|/(?:trang|page)/\d{1,4}(?:/|$)"
    r"|[?&](?:page|trang)=\d", re.IGNORECASE)
# A list's later page: "/trang-3.html", "/page/2/", "?page=2" (a number after a page word)
_PAGED_URL = re.compile(r"/(?:trang|page)[-/]?\d{1,4}(?:/|\.htm|$)|[?&](?:page|trang|_cur)=\d", re.IGNORECASE)
_PAGE_SEGMENT = re.compile(r"(?:trang|page|p)[-_]?\d{1,4}|\d{1,3}", re.IGNORECASE)  # "trang-2", "page3", "2"
_ID_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}.*\d{5,}|[?&]id=\d+", re.IGNORECASE)
_HOME_PATH = re.compile(r"/?(?:(?:index|default|home|trang-chu)\.\w+)?", re.IGNORECASE)
# A query naming one item: the site's script serves that page, not the home page
# ("/index.php?option=com_content&task=view&id=12", WordPress's "/?p=4873").
_ITEM_QUERY = re.compile(r"(?:^|&)(?:id|p|page_id|newsid|news_id|articleid|article_id|cid|nid)=\d+",
                         re.IGNORECASE)

# an error page says sorry first ("Rất tiếc, trang bạn tìm không tồn tại")
_UTILITY_HEADING = re.compile(r"\s*(?:(?:rất\s+tiếc|xin\s+lỗi|oops)\s*[,!.:]?\s+)?(?:" + "|".join(UTILITY_HEADINGS)
                              + r")\s*[.!:]?\s*$", re.IGNORECASE)
_LOGIN_WALL = re.compile(r"^\s*(?:" + "|".join(LOGIN_WALL_LINES) + r")\s*$", re.IGNORECASE | re.MULTILINE)
# A Q&A portal's question still waiting for its answer (a whole line): the page holds no answer yet.
# (or the portal's promise of one: "Nội dung trả lời sẽ được đăng tải trong thời gian sớm nhất")
_UNANSWERED = re.compile(r"^\s*(?:câu\s+hỏi\s+)?(?:đang\s+chờ|chưa\s+có)\s+(?:câu\s+)?trả\s+lời\s*\.?\s*$"
                         r"|(?:nội\s+dung|câu)\s+trả\s+lời\s+sẽ\s+được\s+(?:đăng\s+tải|đăng|cập\s+nhật|công\s+bố)",
                         re.IGNORECASE | re.MULTILINE)
# Eight or more words ending a sentence, anywhere in a line (a story run into one line has many).
_WRITTEN_SENTENCE = re.compile(r"(?:[^\s|]+[ \t]+){7,}[^\s|]*[.!?…][\"”»’)\]]*(?=\s|$)")
_SECTION_HEADING = re.compile(r"\s*(?:" + "|".join(SECTION_HEADINGS) + r")\s*[.:]?\s*$", re.IGNORECASE)
_LIST_HEADING = re.compile(r"\s*(?:" + "|".join(LIST_HEADING_STARTS) + ")", re.IGNORECASE)
_MARKED = lxml.etree.XPath("//*[@class or @id or @data-role or @data-slot]")


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def sapo_candidates(tree) -> list:
    """Elements whose class/id/data-role marks a lead or summary (SAPO_MARKER), in
    document order; a camel-case name counts word by word ("ArticleSummary", DNN portals).

    >>> import lxml.html
    >>> [n.get("class") for n in sapo_candidates(lxml.html.fromstring(
    ...     '<div><div class="ArticleSummary">a</div><div class="summaryless">b</div><p class="tomtat">c</p></div>'))]
    ['ArticleSummary', 'tomtat']
    """
    found = []
    for node in _MARKED(tree):
        role = f"{node.get('data-role', '')} {node.get('data-slot', '')}".lower()
        if "sapo" in role or SAPO_MARKER.search(_CAMEL.sub(" ", f"{node.get('class', '')} {node.get('id', '')}")):
            found.append(node)
    return found


DROP_AT = -2.5  # a page is dropped only when the evidence sums to this or below
# A list's heading ("Thời sự - Chính trị", "Kết quả tìm kiếm cho: ngân sách") is shorter than an
# article's headline, which runs to 12-25 words.
LIST_HEADING_MAX_WORDS = 10
HEADLINE_ANCHOR_MIN_WORDS = 6


@dataclass(frozen=True)
class Verdict:
    """The page-type decision and what it rests on."""

    is_article: bool
    reason: str | None  # "not_article:<kind>" when dropped
    confidence: float  # in [0, 1]: how sure the verdict (either way) is
    article_shape: bool  # a headline and a body of several paragraphs
    evidence: tuple  # ((name, weight), ...), for logs and tests


def jsonld_types(tree, scripts: list[tuple[str, object]] | None = None) -> set[str]:
    """The lowercased @type values of the page's JSON-LD; ``scripts``:
    :func:`normalize.dates.jsonld_scripts` when already read."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            kind = node.get("@type")
            for k in kind if isinstance(kind, list) else [kind]:
                if isinstance(k, str):
                    found.add(k.lower())
            for child in node.values():
                if isinstance(child, (dict, list)):
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for text, data in jsonld_scripts(tree) if scripts is None else scripts:
        if data is UNPARSED:
            found.update(t.lower() for t in re.findall(r'"@type"\s*:\s*"(\w+)"', text))
        else:
            walk(data)
    return found


# The hAtom microformat's entry title (Blogger, WordPress themes) and its common variant: a
# page showing two or more entries is a stream of posts (a label, archive or blog page).
_ENTRY_TITLES = lxml.etree.XPath('//*[contains(concat(" ", normalize-space(@class), " "), " entry-title ")'
                                 ' or contains(concat(" ", normalize-space(@class), " "), " post-title ")]')


def metadata_signals(tree, candidates: list | None = None, types: set | None = None) -> dict:
    """og:type, JSON-LD types, sapo-like blocks and entry titles. ``candidates``:
    :func:`sapo_candidates` and ``types``: :func:`jsonld_types` when known (the latter read
    before scripts go)."""
    sapo_like = 0
    for node in candidates if candidates is not None else sapo_candidates(tree):
        if node.tag not in ("meta", "script", "style") and len(node.text_content().split()) >= 8:
            sapo_like += 1
    titles = {" ".join(node.text_content().split()) for node in _ENTRY_TITLES(tree)}
    return {
        "og_type": (tree.xpath('string(//meta[@property="og:type"]/@content)') or "").strip().lower(),
        "types": jsonld_types(tree) if types is None else types,
        "sapo_like": sapo_like,
        "entry_titles": len(titles - {""}),
    }


def _body_under_headline(layout, title_node, elements: list | None, order: dict | None) -> bool:
    """False when the body block is not this page's article: it comes before the
    headline, or teasers lie between them (8+ headline links; an article has at most
    a related link or two there, a list page with a promo text at the bottom dozens)."""
    if title_node is None or layout.body is None or not order or elements is None:
        return True
    start, end = order.get(title_node, -1), order.get(layout.body.element, -1)
    if start < 0 or end < 0:
        return True
    if end < start:
        return False
    links = 0
    for node in elements[start:end]:
        if node.tag == "a" and len(node.text_content().split()) >= 5:
            links += 1
            if links >= 8:
                return False
    return True


def layout_signals(layout, title_node, elements: list | None = None, order: dict | None = None) -> dict:
    """Structure figures from :func:`normalize.blocks.analyse` and the headline
    (``elements``/``order``: the page's elements in document order and their index)."""
    body = layout.body if _body_under_headline(layout, title_node, elements, order) else None
    return {
        # words, not the dashes between them ("Tin tức - Sự kiện" is a 4-word section heading)
        "headline_words": len(_WORD.findall(title_node.text_content())) if title_node is not None else 0,
        "body_paragraphs": body.paragraphs if body else 0,
        "body_words": body.words if body else 0,
        "body_sentences": body.sentences if body else 0,
        "teaser_paragraphs": layout.teaser_paragraphs,
        "teaser_words": layout.teaser_words,
        "headline_links": layout.headline_links,
    }


def _field(discovery: dict, name: str) -> str:
    value = discovery.get(f"vicorpus-{name}", discovery.get(name))
    return "" if value is None else str(value).strip()


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 1}


_NAME_PARTS = re.compile(r"\s+[-–—|/&]\s+|,\s+")


def is_menu_name(text: str) -> bool:
    """Is ``text`` a menu's name of sections, two or more short parts joined by dashes or commas
    ("Kinh tế - Văn hóa - Xã hội", "Quốc phòng - An ninh"), where a headline says one thing?

    >>> is_menu_name("Kinh tế - Văn hóa - Xã hội"), is_menu_name("Hà Nội - Hải Phòng khởi công cao tốc 4 làn xe")
    (True, False)
    """
    parts = _NAME_PARTS.split(text.strip())
    return len(parts) >= 2 and all(0 < len(part.split()) <= 3 for part in parts)


def discovery_evidence(discovery: dict | None, title: str = "") -> list[tuple[str, float]]:
    """Evidence from how the crawler found the page (INTERFACES §2 field names, with or
    without the ``vicorpus-`` prefix).

    >>> discovery_evidence({"vicorpus-discovery": "feed", "vicorpus-article-pattern": "match"})
    [('article_url_pattern', 2.0), ('found_in_feed', 1.5)]
    """
    if not discovery:
        return []
    evidence = []
    pattern = _field(discovery, "article-pattern")
    if pattern == "match":
        evidence.append(("article_url_pattern", 2.0))
    elif pattern == "no-match":
        evidence.append(("not_article_url_pattern", -0.5))
    how = _field(discovery, "discovery")
    anchor = " ".join(_field(discovery, "link-text").split())
    if how == "feed":
        evidence.append(("found_in_feed", 1.5))
    elif how == "sitemap":
        evidence.append(("found_in_sitemap", 1.0 if _field(discovery, "listed-date") else 0.5))
    elif how == "start":
        evidence.append(("start_url", -0.5))
    elif how == "link" and anchor:
        n_words = len(anchor.split())
        if is_menu_name(anchor):
            n_words = 0  # a menu's item, however many words its parts add up to
        try:
            referrer_links = int(_field(discovery, "links-on-referrer") or 0)
        except ValueError:
            referrer_links = 0
        if n_words >= 6:  # a headline on a listing page says more than one among a home page's hundreds
            evidence.append(("headline_link", 1.5 if 10 <= referrer_links <= 200 else 1.0))
        elif n_words <= 3:
            evidence.append(("menu_link", -0.5))
    if anchor and title and how in ("link", "feed") and not is_menu_name(anchor):
        mine, theirs = _words(title), _words(anchor)
        # a headline's words, not a menu's ("Thời sự - Chính trị" names a section and its page)
        if len(theirs) >= HEADLINE_ANCHOR_MIN_WORDS and len(mine & theirs) >= 0.7 * len(theirs):
            evidence.append(("anchor_is_headline", 1.0))
    return evidence


_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\S*\w\S*")


def is_figure_table(text: str) -> bool:
    r"""Is ``text`` a table of figures rather than running text: at least 10 lines, half of
    them without a letter, and fewer than 3 lines of prose (8+ words ending a sentence)?
    A financial statement or a price board has a block of many short paragraphs too; an
    article with a table keeps its paragraphs of prose.

    >>> is_figure_table("Doanh thu thuần\n" + "11.807.610\n12.049.368\n" * 6)
    True
    >>> is_figure_table("Giá vàng SJC sáng nay giảm 300.000 đồng mỗi lượng so với hôm qua.\n" * 3 + "80,5\n" * 12)
    False
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 10:
        return False
    figures = sum(1 for line in lines if _LETTER.search(line) is None)
    # column labels ("STT", "Ngày ban hành") fill the rest of a register's cells
    labels = sum(1 for line in lines if _LETTER.search(line) is not None and len(line.split()) <= 3)
    figure_board = 2 * figures >= len(lines)  # half the lines are figures
    register = 10 * figures >= 3 * len(lines) and 5 * (figures + labels) >= 3 * len(lines)  # 30% + labels to 60%
    if not (figure_board or register):
        return False
    return sum(1 for line in lines if SENTENCE_LINE.match(line.strip())) < 3


def is_without_prose(text: str) -> bool:
    r"""Is ``text`` cells or entries rather than writing: 12 or more lines (or 6 table rows, a
    table of 4 rows alone or under a pager, or 8 lines of fewer than 20 words each), at most one of them a
    sentence (8+ words ending in a full stop; two beside a table of 8+ rows)? A weekly work
    schedule, a register of names, a table of petitions and their status or a photo album's
    captions read so; an article, a notice or a legal text has sentences.

    >>> is_without_prose("Thứ Hai\n15/4\nSáng\nGiám đốc chủ trì giao ban lãnh đạo Sở\nPhòng họp số 1\n" * 3)
    True
    >>> is_without_prose("Nghệ nhân người Ê Đê biểu diễn cồng chiêng tại lễ hội\n" * 8)
    True
    >>> is_without_prose("UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2025 với 300 đại biểu.\n" * 2 + "Sáng\n" * 11)
    False
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    rows = sum(1 for line in lines if " | " in line)  # a table's rows, cells joined by " | "
    captions = len(lines) >= 8 and all(len(line.split()) < 20 for line in lines)
    # a short table and nothing else (but a pager's "1 2", a heading of three words, one note)
    only_rows = rows >= 4 and sum(1 for line in lines if " | " not in line and len(line.split()) > 3) <= 1
    sentences = sum(1 for line in lines if SENTENCE_LINE.match(line))
    # (a register of 8+ rows may say how many it found and warn that it is for reference)
    return (len(lines) >= 12 or rows >= 6 or captions or only_rows) and (
        sentences <= 1 or (rows >= 8 and sentences <= 2))


def _body_was_furniture(text: str, body_words: int) -> bool:
    r"""Is the text left after cleaning less than half the words of the layout's body block, and
    without a sentence or verse? A photo album's numbered captions ("Ảnh 3/8: ...") make a block
    of many paragraphs; they are not text, so no article is left.

    >>> _body_was_furniture("Lễ hội Huế mùa xuân 2026\nVideo nổi bật\nToàn cảnh lễ khai mạc Festival Huế 2026", 104)
    True
    """
    if len(text.split()) >= body_words / 2:
        return False  # (most articles: their lines need no reading)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return not any(SENTENCE_LINE.match(line) for line in lines) and not is_verse(text)


_PROCEDURE_CODE = re.compile(r"^\s*(?:" + "|".join(PROCEDURE_CODE_FIELDS) + r")\s*:?\s*$",
                             re.IGNORECASE | re.MULTILINE)
_PROCEDURE_FIELD = re.compile(r"^\s*(?:" + "|".join(PROCEDURE_FIELDS) + r")\s*:?\s*$",
                              re.IGNORECASE | re.MULTILINE)
PROCEDURE_MIN_FIELDS = 4  # besides its code: an explainer article may head two or three of its parts so
PROCEDURE_MIN_FIELDS_UNCODED = 7  # a portal's record without its code still lays out most of the template


def is_procedure_record(text: str) -> bool:
    r"""Is ``text`` an administrative procedure's record: its code's label and four or more of
    the record's other field labels ("Trình tự thực hiện", "Thành phần hồ sơ", "Căn cứ pháp lý"),
    each a line of its own, or seven of them where the portal shows no code? An article
    explaining a procedure heads a few parts so; it states no procedure code.

    >>> is_procedure_record("Mã thủ tục\n1.012871\nCấp thực hiện\nCấp xã\nTrình tự thực hiện\nBước 1: ...\n"
    ...                     "Thành phần hồ sơ\nĐơn đề nghị\nCăn cứ pháp lý\nLuật Xây dựng")
    True
    """
    fields = len({m.group(0).strip().lower() for m in _PROCEDURE_FIELD.finditer(text)})
    return fields >= (PROCEDURE_MIN_FIELDS if _PROCEDURE_CODE.search(text) else PROCEDURE_MIN_FIELDS_UNCODED)


_RECORD_FIELD = re.compile(r"(?:" + "|".join(DOCUMENT_RECORD_FIELDS) + r")\s*:?", re.IGNORECASE)
RECORD_MIN_FIELDS = 4  # an article's box of a document's particulars shows two or three
_LABEL_TAGS = frozenset({"td", "th", "dt", "dd", "div", "span", "p", "li", "label", "strong", "b"})
# (not a column's heading cell, a search form's control or a facet's list of links)
_VALUE_TAGS = frozenset({"td", "dd", "div", "span", "p", "strong", "b", "em", "i", "a"})


def document_record_fields(elements: list) -> int:
    """How many of a legal document's record fields ("Số ký hiệu", "Ngày ban hành", "Trích yếu")
    label a value beside them on the page: an element whose text is the label, and whose next
    sibling holds a value, not another label (a register's header row names its columns), a
    search form's field or a list of links to filter by.

    >>> import lxml.html
    >>> page = lxml.html.fromstring("<table><tr><th>Số ký hiệu</th><td>512/QĐ-UBND</td></tr>"
    ...     "<tr><th>Ngày ban hành</th><td>18/03/2026</td></tr><tr><td>Người ký:</td><td>Nguyễn Văn A</td></tr>"
    ...     "<tr><th>Trích yếu</th><th>Lĩnh vực</th><th>Tải về</th></tr></table>")
    >>> document_record_fields(list(page.iter()))
    3
    """
    found = set()
    for node in elements:
        if node.tag not in _LABEL_TAGS or len(node) > 1:
            continue
        label = " ".join((node.text_content() if len(node) else node.text or "").split())
        if not label or len(label) > 40 or not _RECORD_FIELD.fullmatch(label):
            continue
        value = node.getnext()
        while value is not None and not isinstance(value.tag, str):  # (a comment between them)
            value = value.getnext()
        shown = " ".join(value.text_content().split()) if value is not None else ""
        if shown and value.tag in _VALUE_TAGS and not _RECORD_FIELD.fullmatch(shown):
            found.add(label.rstrip(" :").lower())
    return len(found)


def is_catalogue(text: str) -> bool:
    r"""Is ``text`` a catalogue of entries: five or more lines of one make (the same first and
    last word, a figure in each, no full stop at the end) that are half its lines or more, with
    at most two sentences (8+ words ending in a full stop) besides? An archive of a bulletin's
    issues ("Số 46/2025 Phát hành ngày 28/11/2025 Chủ đề: ... Tải PDF") reads so; a list in an
    article sits among its sentences, and its items end as sentences do.

    >>> is_catalogue("Bản tin phát hành thứ Sáu hằng tuần.\n" + "".join(
    ...     f"Số {n}/2025 Phát hành ngày {n}/11/2025 Chủ đề: Hòa giải ở cơ sở Tải PDF\n" for n in range(40, 46)))
    True
    >>> is_catalogue("".join(f"Xã Tân {n} hỗ trợ {n} hộ dân sửa nhà sau bão số 3\n" for n in range(6)) +
    ...     "UBND tỉnh đã chi 12 tỷ đồng cho các hộ dân bị thiệt hại nặng.\n" * 3)
    False
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    makes = {}
    for line in lines:
        words = line.split()
        if len(words) >= 3 and any(ch.isdigit() for ch in line) and words[-1][-1].isalpha():
            key = (words[0].lower(), words[-1].lower())
            makes[key] = makes.get(key, 0) + 1
    if not makes:
        return False
    entries = max(makes.values())
    if entries < 5 or 2 * entries < len(lines):
        return False
    return sum(1 for line in lines if SENTENCE_LINE.match(line)) <= 2


# A register's entry: a document's number, then what the document is about after a dash or colon
# ("125/QĐ-STP - Ban hành Kế hoạch phổ biến Luật ...").
_REGISTER_ENTRY = re.compile(rf"(?:số\s*:?\s*)?{DOCUMENT_CODE}\s*[-–:]\s*\S", re.IGNORECASE)


def is_document_register(text: str) -> bool:
    r"""Is ``text`` a register of documents: three or more lines, half its lines or more, each a
    document's number and its summary, with at most one sentence besides? A portal's box of new
    documents reads so; an article cites a document inside its sentences.

    >>> is_document_register("125/QĐ-STP - Ban hành Kế hoạch phổ biến Luật Bảo vệ dữ liệu cá nhân ...\n"
    ...     "1187/QĐ-UBND - Về việc công bố Danh mục thủ tục hành chính mới ban hành\n"
    ...     "18/2026/QĐ-UBND - Ban hành Quy chế phối hợp trong công tác kiểm tra văn bản...")
    True
    >>> is_document_register("Ngày 5/1/2026, Sở Tư pháp ban hành Quyết định số 35/QĐ-STP phê duyệt kế hoạch kiểm tra.\n" * 3)
    False
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    entries = sum(1 for line in lines if _REGISTER_ENTRY.match(line))
    sentences = sum(1 for line in lines if SENTENCE_LINE.match(line) and not _REGISTER_ENTRY.match(line))
    return entries >= 3 and 2 * entries >= len(lines) and sentences <= 1


_PHOTO_COUNT = re.compile(r"\d{1,3}\s+(?:ảnh|hình|hình\s+ảnh|bức\s+ảnh|video|clip)", re.IGNORECASE)


def is_album_index(text: str) -> bool:
    r"""Is ``text`` an album index: three or more lines that count an album's photos or clips
    ("5 ảnh", "12 video"), a line of count for every three or fewer of its other lines?

    >>> is_album_index("Ruộng bậc thang Mù Cang Chải vào mùa nước đổ.\n5 ảnh\n" * 4)
    True
    >>> is_album_index("Sáng 3/2, tỉnh khánh thành cầu mới.\n4 ảnh\n" + "Cầu dài 320 m, vốn 214 tỷ đồng.\n" * 4)
    False
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    counts = sum(1 for line in lines if _PHOTO_COUNT.fullmatch(line))
    return counts >= 3 and 3 * counts >= len(lines) - counts


_MOTTO = re.compile(NATIONAL_MOTTO, re.IGNORECASE)
_DOCUMENT_NUMBER = re.compile(rf"^\s*{DOCUMENT_NUMBER}\s*$", re.IGNORECASE | re.MULTILINE)


CAPTION_MAX_WORDS = 14  # a photo's caption; a paragraph of a brief runs longer


def is_captions_only(text: str) -> bool:
    r"""Is ``text`` five or more lines, none of more than ``CAPTION_MAX_WORDS`` words: an album's
    captions ("Trao quà cho các hộ có hoàn cảnh khó khăn."), no paragraph? A brief, a photo
    story or a notice has at least one line written at length.

    >>> is_captions_only("Đại biểu dự Ngày hội tại Nhà văn hóa khu phố 5.\nTrao quà cho các hộ khó khăn.\n" * 3)
    True
    >>> is_captions_only("Đại biểu dự Ngày hội.\n" * 4 + "Sáng 10/11, Ban Công tác Mặt trận khu phố 5 tổ chức Ngày hội "
    ...                  "Đại đoàn kết toàn dân tộc với sự tham gia của hơn 300 hộ dân trên địa bàn.")
    False
    """
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 5 and all(len(line.split()) <= CAPTION_MAX_WORDS for line in lines)


def is_official_document(text: str) -> bool:
    r"""Is ``text`` an official document's own text: the national motto, its number on a line of its
    own ("Số: 215/TB-SNV") and a paragraph of prose (30+ words ending in a full stop)? A notice
    published whole reads so (its header and signature lines are not a register's entries); a
    document system's record gives the number as a field beside other fields, without the motto.

    >>> is_official_document("UBND TỈNH CÀ MAU\nSố: 215/TB-SNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÔNG BÁO\n"
    ...                      + "Sở Nội vụ tỉnh thông báo tuyển dụng 412 viên chức giáo dục cho các trường mầm non, "
    ...                      + "tiểu học và trung học cơ sở, nhận hồ sơ từ ngày 10/4 đến hết ngày 9/5/2026 tại "
    ...                      + "Trung tâm Phục vụ hành chính công tỉnh.\nKT. GIÁM ĐỐC")
    True
    """
    if _MOTTO.search(text) is None or _DOCUMENT_NUMBER.search(text) is None:
        return False
    return any(SENTENCE_LINE.match(line) and len(line.split()) >= 30 for line in text.split("\n"))


def is_verse(text: str) -> bool:
    r"""Is ``text`` a poem: two or more stanzas (paragraphs) of three or more lines, the lines
    made of 4-12 words with no figure, and such lines the bulk of the text? Verse has no
    sentences, like a schedule or a register, but its lines are all words, in stanzas.

    >>> is_verse("Mẹ gánh nắng qua bờ đê cũ\nLúa chín vàng như tóc mẹ ngày xưa\nCon đi xa mấy mùa mưa gió\n\n"
    ...          "Sân gạch đỏ phơi đầy hạt thóc\nCha ngồi bên điếu thuốc lào cay\nTiếng chim sẻ gọi nhau về tổ")
    True
    >>> is_verse("Thứ Hai\n15/4\nSáng\nGiám đốc chủ trì giao ban\n\nThứ Ba\n16/4\nChiều\nHọp Ban Thường vụ")
    False
    """
    stanzas = [[line.strip() for line in block.split("\n") if line.strip()] for block in text.split("\n\n")]
    lines = [line for stanza in stanzas for line in stanza]

    def verse_line(line: str) -> bool:
        return 4 <= len(line.split()) <= 12 and not any(ch.isdigit() for ch in line) and " | " not in line

    verses = [s for s in stanzas if len(s) >= 3 and sum(map(verse_line, s)) >= len(s) - 1]
    verse_lines = sum(len(s) for s in verses)
    return len(verses) >= 2 and 3 * verse_lines >= 2 * len(lines)


def is_dated_stream(text: str) -> bool:
    r"""Is ``text`` a stream of teasers read as text: three or more datelines, at least a
    quarter of its lines, and fewer than 2 lines of prose? A blog index whose cards hold
    no links reads so ("Ban Truyền thông · 19 thg 3, 2026" above each headline); an
    article, even a short one, has sentences.

    >>> is_dated_stream("Tin tức\n" + "Ban Truyền thông · 19 thg 3, 2026\nKết nạp 27 hội viên mới quý I/2026\n" * 3)
    True
    >>> is_dated_stream("Ngày 19/3/2026\n" * 3 + "UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2025 với hơn 300 đại biểu.\n" * 2)
    False
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    datelines = sum(1 for line in lines if is_dateline(line))
    prose = sum(1 for line in lines if SENTENCE_LINE.match(line))
    return datelines >= 3 and 4 * datelines >= len(lines) and prose < 2


def is_section_slug(path: str, title: str) -> bool:
    """Is the URL's last segment the page's short heading written as a slug, with no number: a
    section's address ("/an-ninh-trat-tu" under "An ninh trật tự"), where an article's slug is
    its whole headline, or carries an id?

    >>> is_section_slug("/an-ninh-trat-tu", "An ninh trật tự"), is_section_slug("/gia-vang-tang-123.html", "Giá vàng tăng")
    (True, False)
    >>> is_section_slug("/chi-dao-dieu-hanh/trang-2/", "Chỉ đạo điều hành")
    True
    """
    segments = [segment.rsplit(".", 1)[0].lower() for segment in path.split("/") if segment]
    while segments and _PAGE_SEGMENT.fullmatch(segments[-1]):
        segments.pop()  # a section's next page: "/chi-dao-dieu-hanh/trang-2/"
    last = segments[-1] if segments else ""
    return (bool(last) and not any(ch.isdigit() for ch in last) and 0 < len(title.split()) <= 6
            and last == "-".join(ascii_words(title)))


def is_utility_heading(text: str) -> bool:
    """Does ``text`` name a page of the site's own (contact, sitemap, sign-in, not found)?

    >>> is_utility_heading("Đăng nhập hệ thống"), is_utility_heading("Đăng nhập VNeID trên cổng dịch vụ công")
    (True, False)
    """
    return bool(_UTILITY_HEADING.match(text))


def _is_listing(signals: dict, body: str, headline: int) -> bool:
    """Do the page's teasers and headline links make it a list? ``body``: "strong", "some" or
    "none" (no body block at all); ``headline``: words of the page's heading."""
    paragraphs, words = signals["body_paragraphs"], signals["body_words"]
    teasers, teaser_words, links = signals["teaser_paragraphs"], signals["teaser_words"], signals["headline_links"]
    if (teasers >= 5 and teaser_words > 1.5 * words) or (links >= 15 and (words < 60 or body == "none")):
        return True
    if body != "none":
        return False
    # A short list: teasers outweighing the biggest block (which may be a teaser too) beside
    # four or more headline links, under no headline of an article's length; or under a
    # section heading, a few headline links or teasers.
    outweighed = teasers >= 2 and teaser_words > words
    if outweighed and links >= 4 and headline <= LIST_HEADING_MAX_WORDS:
        return True
    return headline <= 4 and (links >= 4 or (outweighed and teasers + paragraphs >= 3))


def has_article_body(signals: dict) -> bool:
    """Does the layout's body block have an article's length: 3+ paragraphs, 80+ words?

    >>> has_article_body({"body_paragraphs": 3, "body_words": 80})
    True
    >>> has_article_body({"body_paragraphs": 1, "body_words": 200})
    False
    """
    return signals["body_paragraphs"] >= 3 and signals["body_words"] >= 80


def classify_page(signals: dict, url: str, text: str, published, discovery: dict | None = None,
                  title: str = "", published_in_metadata: bool | None = None) -> Verdict:
    """The verdict from :func:`metadata_signals` + :func:`layout_signals` (merged in
    ``signals``), the extracted ``text``, the found ``published`` time and ``discovery``.
    """
    paragraphs, words = signals["body_paragraphs"], signals["body_words"]
    headline = signals["headline_words"]
    shape = headline >= 3 and has_article_body(signals)
    if not text.strip():
        return Verdict(False, "not_article:no_text", 1.0, shape, (("no_text", -math.inf),))
    evidence: list[tuple[str, float]] = []
    verse = functools.cache(lambda: is_verse(text))  # (asked by several branches below, read once)
    # 1. structure
    if is_figure_table(text):
        evidence.append(("figure_table", -4.0))
        body = "none"
    elif is_official_document(text):
        evidence.append(("official_document", 2.0))  # a notice published whole: header, prose, signature
        body = "some"
    elif is_album_index(text):
        evidence.append(("album_index", -4.0))  # captions of albums, each with its count of photos
        body = "none"
    elif is_captions_only(text) and not verse():
        evidence.append(("captions_only", -4.0))  # an album's photos, a line each: no paragraph written
        body = "none"
    elif is_without_prose(text) and not verse():
        evidence.append(("no_prose", -6.0))  # a schedule, a register: entries, no sentence
        body = "none"
    elif is_catalogue(text):
        evidence.append(("catalogue", -4.0))  # an archive of issues, a list of files to download
        body = "none"
    elif is_document_register(text):
        evidence.append(("document_register", -6.0))  # a box of new documents: numbers and summaries, no prose
        body = "none"
    elif is_procedure_record(text):
        evidence.append(("procedure_record", -8.0))  # a public-service portal's procedure: steps, fees, files
        body = "none"
    elif words >= 80 and _body_was_furniture(text, words):
        body = "none"  # the layout's body block was captions or tools: no sentence of it is left
    elif has_article_body(signals):
        evidence.append(("body_block", 3.0))
        body = "strong"
    elif (paragraphs >= 2 and words >= 60) or (words >= 120 and signals["body_sentences"] >= 3) or (
            words >= 80 and signals["body_sentences"] >= 3 and headline >= 8):
        # (a brief: one paragraph of a few sentences under a headline of a sentence's length)
        evidence.append(("short_body_block", 1.0))
        body = "some"
    else:
        body = "none"
    if body != "strong" and signals.get("record_fields", 0) >= RECORD_MIN_FIELDS:
        # a document system's record ("Số ký hiệu", "Ngày ban hành", "Người ký"...) with at most a
        # summary: the document is the file it links to; a news story about it has a body of its own
        evidence.append(("document_record", -8.0))
    if _is_listing(signals, body, headline) and body != "strong":
        # a full page of them (five teasers or more, ten headline links) outweighs a link to the page
        # that reads as a headline (a topic's name on the home page: "Nỗ lực gỡ thẻ vàng IUU")
        full = signals["teaser_paragraphs"] >= 5 and signals["headline_links"] >= 10
        evidence.append(("teaser_list", (-6.0 if full else -4.0) if body == "none" else -2.0))
    elif body != "strong" and is_dated_stream(text):
        evidence.append(("dated_teasers", -2.0))
    elif body == "none" and _WRITTEN_SENTENCE.search(text) is None and not verse():
        evidence.append(("no_sentence", -4.0))  # a day of a calendar: a ticker, a row; no line is written
    elif body == "none":
        evidence.append(("no_body_block", -0.5))
    if body != "strong" and _LOGIN_WALL.search(text):
        evidence.append(("login_wall", -4.0))  # "Bạn cần đăng nhập để xem nội dung này."
    if body != "strong" and _UNANSWERED.search(text):
        evidence.append(("unanswered_question", -6.0))  # "Câu hỏi đang chờ trả lời"
    if signals["sapo_like"] >= 4:
        evidence.append(("many_summaries", -1.0))
    if signals.get("entry_titles", 0) >= 2:
        evidence.append(("entry_titles", -3.0))  # several posts' titles: a blog's label or archive page
    # 2. metadata and headline
    types, og_type = signals["types"], signals["og_type"]
    if types & ARTICLE_TYPES:
        evidence.append(("jsonld_article", 1.5))
    elif types & _LIST_TYPES:
        evidence.append(("jsonld_list", -1.5))
    if og_type == "article":
        evidence.append(("og_article", 1.0))
    elif og_type in ("website", "object"):
        evidence.append(("og_website", -0.5))
    if _LIST_HEADING.match(title or ""):
        evidence.append(("list_heading", -2.5))  # "Từ khóa: Chuyển đổi số", "Kết quả tìm kiếm cho: ..."
    elif is_utility_heading(title or ""):
        evidence.append(("utility_heading", -6.0))  # "Liên hệ", "Sơ đồ cổng", "Không tìm thấy trang"
    elif _SECTION_HEADING.match(title or ""):
        evidence.append(("section_name", -6.0))  # "Hỏi đáp" over its entries, "Thư viện video": a list
    elif signals.get("utility_head_title"):
        # <title> says so under a heading of the system's name ("eOffice - Đăng nhập hệ thống" over
        # "HỆ THỐNG QUẢN LÝ VĂN BẢN VÀ ĐIỀU HÀNH")
        evidence.append(("utility_title", -6.0))
    elif headline >= 5:
        evidence.append(("headline", 1.0))
    elif 0 < headline <= 3:
        evidence.append(("section_heading", -1.0))
    if published is not None:
        evidence.append(("published_time", 1.0 if published_in_metadata else 0.5))
    else:
        evidence.append(("no_published_time", -0.5))
    # 3. discovery
    # (a list's name echoes the link to it as an article's headline does: no evidence then)
    listed = any(name == "teaser_list" for name, _ in evidence)
    evidence.extend(e for e in discovery_evidence(discovery, title) if not (listed and e[0] == "anchor_is_headline"))
    # 4. URL: the site root is a home page; habits only break ties
    parts = urlsplit(url)
    path = parts.path or "/"
    at_root = _HOME_PATH.fullmatch(path) is not None and _ITEM_QUERY.search(parts.query) is None
    if at_root:
        evidence.append(("site_root", -3.0))
    elif _LIST_URL.search(url):
        evidence.append(("list_like_url", -0.5))
        if body == "none" and not verse() and (is_section_slug(path, title) or (
                _PAGED_URL.search(url) and signals["teaser_paragraphs"] + signals["headline_links"] >= 2)):
            # a section's next page, "/chi-dao-dieu-hanh/trang-2/", "/tin-tuc/trang/3/": what teasers are left
            evidence.append(("section_url", -2.0))
    elif _ID_SLUG.search(path.rstrip("/").rsplit("/", 1)[-1]) or re.search(r"[?&]id=\d+", url):
        evidence.append(("id_slug_url", 0.5))
    elif is_section_slug(path, title) and not verse():
        # teasers or headline links under a heading that is the URL's last segment ("/an-ninh-trat-tu",
        # "An ninh trật tự"; "/video", "Video" over a featured clip and cards): a section's page, whatever
        # its JSON-LD says (a poem's short title is often its slug too)
        if any(name in ("teaser_list", "dated_teasers") for name, _ in evidence):
            evidence.append(("section_url", -2.0))  # (a menu link to it reads as its headline)
        elif signals["headline_links"] >= 4 and body != "strong":
            evidence.append(("section_url", -1.5))  # (no teaser counted: the featured item is the "body")
        elif body == "none":
            evidence.append(("section_url", -2.0))  # a section of two or three teasers
    score = sum(weight for _, weight in evidence)
    p_article = 1.0 / (1.0 + math.exp(-score))
    # a utility page's or a named section's heading decides alone: no article, however much text it
    # holds (an about page's prose under "Giới thiệu chung" and a date "Ngày cập nhật"); so does a
    # text of captions alone or of no sentence at all, however the crawler's link to it read
    if score <= DROP_AT or any(name in ("utility_heading", "section_name", "captions_only", "no_sentence") for name, _ in evidence):
        kind = ("home_page" if at_root else
                "utility_page" if any(name in ("utility_heading", "login_wall", "unanswered_question")
                                      for name, _ in evidence) else
                "data_page" if evidence[0][0] in ("figure_table", "procedure_record") or any(
                    name == "document_record" for name, _ in evidence) or (
                    evidence[0][0] == "no_prose" and not any(name == "teaser_list" for name, _ in evidence))
                else "utility_page" if any(name == "utility_title" for name, _ in evidence)  # (a schedule: data)
                else "list_page")  # teasers without a sentence are a list, not a table of data
        return Verdict(False, f"not_article:{kind}", 1.0 - p_article, shape, tuple(evidence))
    return Verdict(True, None, p_article, shape, tuple(evidence))
