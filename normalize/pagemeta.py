"""What a page says about itself in its markup: the headline, the lead ("sapo"),
<meta> tags, author, section and canonical URL.

The headline is the page's <h1>, or, on templates without one, the element that
shows <title> (or a part of it) just above the body block: government bulletin
sub-sites put the headline in a <div> or <span> and the portal's name after it in
<title>.

>>> import lxml.html
>>> tree = lxml.html.document_fromstring(
...     "<html><head><title>Giá lúa tăng - Bản tin Nông nghiệp</title></head><body>"
...     "<div class='banner'>Bản tin Nông nghiệp</div><div class='tieude'>Giá lúa tăng</div>"
...     "<div class='nd'><p>Giá lúa tươi tăng 200 đồng/kg so với tuần trước.</p></div></body></html>")
>>> find_title(tree, meta_index(tree), "Giá lúa tăng - Bản tin Nông nghiệp")[0]
'Giá lúa tăng'
"""

from __future__ import annotations

import html as htmllib
import itertools
import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import lxml.etree

from normalize.blocks import INLINE_TAGS
from normalize.boilerplate import is_boilerplate_paragraph
from normalize.dates import SENTENCE_LINE, beside_other_headline, leading_text
from normalize.lid import reads_vietnamese
from normalize.pagetype import sapo_candidates
from normalize.text import normalize_text


def norm(text: str) -> str:
    """Entities unescaped, NFC, NBSP and zero-width characters out, whitespace collapsed."""
    text = htmllib.unescape(text or "")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return " ".join(text.split())  # = re.sub(r"\s+", " ", text).strip(): the same whitespace set


_META_ATTRS = ("property", "name", "itemprop")


def meta_index(tree) -> dict:
    """{(attr, value): contents in document order} of the page's <meta> tags."""
    index: dict = {}
    for node in tree.iter("meta"):
        content = node.get("content")
        if content is None:
            continue
        for attr in _META_ATTRS:
            value = node.get(attr)
            if value is not None:
                index.setdefault((attr, value), []).append(content)
    return index


def meta_value(index: dict, *keys: str) -> str | None:
    # = the first non-blank of //meta[@attr="key"]/@content, keys then attrs in order
    for key in keys:
        for attr in _META_ATTRS:
            for value in index.get((attr, key), ()):
                if value and value.strip():
                    return " ".join(value.split())
    return None


# Separators between a headline and the site's name in <title>.
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—»·:]{1,2}\s+|\s*\|\s*")
# Text nodes holding exactly $text (one C pass; an element's whole text is checked after).
_SAME_TEXT = lxml.etree.XPath("//body//text()[normalize-space(.) = $text]")


def title_parts(head_title: str) -> list[str]:
    """The candidate headlines inside <title>: every leading and trailing run of its
    separator-split parts, longest first, leading runs first ("Headline - Site")."""
    cuts = [m for m in _TITLE_SEPARATOR.finditer(head_title)]
    leading = [head_title[:m.start()] for m in reversed(cuts)]
    trailing = [head_title[m.end():] for m in cuts]
    return [part.strip() for part in leading + trailing if len(part.split()) >= 2]


def title_pieces(head_title: str) -> list[str]:
    """Every separator-split piece of <title>, one word or more ("RSS - Báo Gia Lai điện tử"):
    where a site's utility page says what it is.

    >>> title_pieces("RSS - Báo Gia Lai điện tử")
    ['RSS', 'Báo Gia Lai điện tử']
    """
    return [piece.strip() for piece in _TITLE_SEPARATOR.split(head_title) if piece.strip()]


def _showing_whole(tree, text: str) -> list:
    """The body's elements whose whole text is ``text``, outside links, headers, navs and footers."""
    nodes = []
    for string in _SAME_TEXT(tree, text=text):
        node = string.getparent()
        if string.is_tail:
            node = node.getparent()
        if (node is not None and node.tag not in ("a", "title", "option") and node not in nodes
                and norm(node.text_content()) == text and not _in_chrome(node)):
            nodes.append(node)
    return nodes


def _headline_in_body(tree, head_title: str, site_name: str | None, body, order: dict):
    """The headline of a template without <h1>: an element showing <title> or a part
    of it as its whole text, or a heading whose words are mostly those of <title>
    (other quote marks, a shortened form). Not inside a link, header, nav or footer.
    Of several, the last one before the body block: the site's name (also a part of
    <title>) shows in the banner at the top."""
    found = []
    for text in [head_title, *title_parts(head_title)]:
        if not text or (site_name and text == site_name):
            continue
        found += [node for node in _showing_whole(tree, text) if node not in found]
    body_at = order.get(body, -1) if body is not None else -1
    before = [n for n in found if order.get(n, -1) < body_at]
    similar = _headline_like(body, head_title)
    if similar is not None:
        before.append(similar)
    if before:
        best = max(before, key=lambda n: order.get(n, -1))
    elif found:
        best = found[0]
    else:
        return None
    return norm(best.text_content()), best


def _spaced_as(text: str, echoes: list[str]) -> str | None:
    """The echo of ``text`` that differs from it only by whitespace: the headline as <title>
    spaces it when the <h1> runs its lines together.

    >>> _spaced_as("Phường Hai Bà Trưng:Mong sớm", ["Phường Hai Bà Trưng: Mong sớm | Hà Nội mới"])
    >>> _spaced_as("Phường Hai Bà Trưng:Mong sớm", ["Phường Hai Bà Trưng: Mong sớm"])
    'Phường Hai Bà Trưng: Mong sớm'
    """
    bare = "".join(text.split())
    return next((echo for echo in echoes if echo != text and "".join(echo.split()) == bare), None)


def _in_chrome(node) -> bool:
    return any(a.tag in ("a", "header", "nav", "footer", "title") for a in node.iterancestors())


_NEAR_ABOVE = lxml.etree.XPath("preceding::*[position() <= 40]")
_PRINT_TITLE = re.compile(r"\s*(?:in\s+(?:bài(?:\s+viết)?|tin|trang|văn\s+bản)|bản\s+in|print)\s*", re.IGNORECASE)
_HEADING_MARKER = re.compile(r"title|tieu-?de|headline|heading", re.IGNORECASE)


LOGO_BOX_LEVELS = 2  # a heading's parent and grandparent: the box beside the emblem, not the layout


def _is_logo(node) -> bool:
    """A heading that is (or holds, or sits in the box of) the site's logo: a class or id says so
    (``<div class="logo-portal"><img alt="Quốc huy"><h1>Cổng thông tin điện tử tỉnh ...</h1>``).

    >>> import lxml.html
    >>> box = lxml.html.fromstring('<div class="logo-box"><img src="/quochuy.png"><h1>Cổng thông tin tỉnh</h1></div>')
    >>> _is_logo(box.find("h1"))
    True
    """
    boxes = [node, *itertools.islice(node.iterancestors(), LOGO_BOX_LEVELS)]
    if any("logo" in f"{box.get('class', '')} {box.get('id', '')}".lower() for box in boxes):
        return True
    return bool(node.xpath(".//*[contains(@class,'logo')]"))


def _links_home(node) -> bool:
    """Is all the text of ``node`` one link to the home page (the site's banner,
    ``<h1 class="site-name"><a href="/">CỔNG THÔNG TIN ĐIỆN TỬ ...</a></h1>``)?

    >>> import lxml.html
    >>> _links_home(lxml.html.fromstring('<h1 class="site-name"><a href="/">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH</a></h1>'))
    True
    """
    links = node.findall(".//a")
    if len(links) != 1:
        return False
    href = (links[0].get("href") or "").strip()
    parts = urlsplit(href)
    return href not in ("", "#") and parts.path in ("", "/") and not parts.query \
        and norm(links[0].text_content()) == norm(node.text_content())


def _bold_line(node) -> bool:
    """A bold element that is all the text of its parent (an old portal's headline,
    ``<font size="3"><b>...</b></font>``), not a bold phrase inside a sentence nor a bold
    lead (a sentence, with its full stop)."""
    parent = node.getparent()
    if node.tag not in ("b", "strong") or parent is None:
        return False
    text = norm(node.text_content())
    if text.endswith("."):
        return False
    if norm(parent.text_content()) == text:
        return True
    before, after = node.getprevious(), node.getnext()
    if after is not None and isinstance(after.tag, str) and after.tag not in INLINE_TAGS and after.tag != "br" \
            and norm(leading_text(parent)) == text:
        return True  # all its parent says before a block: a line of its own (in a box left unclosed)
    # a line of its own, between line breaks (a print view's "<hr>...<b>headline</b><br>")
    return (after is not None and after.tag == "br" and not (node.tail or "").strip()
            and before is not None and before.tag in ("br", "hr", "div", "table") and not (before.tail or "").strip())


def _headings_above(body, atop: bool = False):
    """(node, its words) of the headings nearest above the body block (within 40 elements),
    nearest first, or with ``atop`` of those atop it (in the body block's own box, before its
    first sentence: a table cell holding headline, dateline and paragraphs): h1-h4, an element
    whose class/id says title or a bold line, of 4-40 words, outside links, header, nav and
    footer."""
    if body is None:
        return
    for node in _atop(body) if atop else _NEAR_ABOVE(body)[::-1]:
        if not isinstance(node.tag, str) or node.tag == "a" or not (
                node.tag in ("h1", "h2", "h3", "h4") or _bold_line(node)
                or _HEADING_MARKER.search(f"{node.get('class', '')} {node.get('id', '')}")):
            continue
        words = re.findall(r"\w+", norm(node.text_content()).lower())
        if 4 <= len(words) <= 40 and not _in_chrome(node) and not _is_logo(node):
            yield node, words


def _atop(body) -> list:
    """The elements inside ``body`` before the first one that holds a sentence of its own."""
    found = []
    for node in body.iterdescendants():
        if isinstance(node.tag, str) and SENTENCE_LINE.search(norm(node.text_content())):
            if not _bold_line(node) and node.tag not in ("h1", "h2", "h3", "h4"):
                break
        found.append(node)
    return found


def _headline_like(body, head_title: str):
    """The heading nearest above the body block whose words are mostly those of <title>."""
    if not head_title:
        return None
    wanted = set(re.findall(r"\w+", norm(head_title).lower()))
    return next((node for node, words in _headings_above(body) if sum(w in wanted for w in words) >= 0.8 * len(words)),
                None)


def _headline_above(body, atop: bool = False):
    """The heading nearest above the body block that holds no link: the headline of a page
    whose <title> names only the site and that has no <h1> and no og:title (a table layout
    with <font class="title">, a WebForms <span id="..._lblTitle" class="tieude">); with
    ``atop``, the first one inside the body block's box before its first sentence. A nearest one
    not in Vietnamese under a Vietnamese one is its translation: the one above is the headline."""
    headings = (node for node, _ in _headings_above(body, atop) if not node.xpath(".//a"))
    nearest = next(headings, None)
    if nearest is not None and not reads_vietnamese(norm(nearest.text_content())):
        over = next(headings, None)  # a translation under the Vietnamese headline (a bilingual site)
        if over is not None and reads_vietnamese(norm(over.text_content())):
            return over
    return nearest


def _names_other_than(headline: str, head_title: str) -> bool:
    """Is ``headline`` (atop the body's cell) a headline of six words or more, not a lead (no full
    stop), naming something other than <title> does: <title> then names the site or a section
    ("Thư viện huyện Kỳ Lâm - Tin hoạt động"); a <title> the heading echoes ("Chức năng nhiệm vụ"
    over "CHỨC NĂNG, NHIỆM VỤ CỦA SỞ") is the page's own name and keeps its place.

    >>> _names_other_than("Thư viện huyện tổng kết chương trình Hè đọc sách", "Thư viện huyện Kỳ Lâm - Tin hoạt động")
    True
    >>> _names_other_than("CHỨC NĂNG, NHIỆM VỤ CỦA SỞ", "Chức năng nhiệm vụ")
    False
    """
    if len(headline.split()) < 6 or headline.endswith("."):
        return False
    theirs = set(re.findall(r"\w+", head_title.lower()))
    return not theirs or sum(w in theirs for w in set(re.findall(r"\w+", headline.lower()))) < 0.8 * len(theirs)


def _names_the_site(text: str, meta: dict, head_title: str) -> bool:
    """Is ``text`` (an <h1>'s) the site's name, in any case: og:site_name, og:title, <title> or
    a part of it ("CỔNG THÔNG TIN ĐIỆN TỬ XÃ TÂN THẠNH" on a page titled "Cổng thông tin điện tử
    xã Tân Thạnh")?

    >>> _names_the_site("SỞ Y TẾ TỈNH BÌNH AN", {}, "Sở Y tế tỉnh Bình An - Tin tức")
    True
    >>> _names_the_site("Sở Y tế tỉnh Bình An tổ chức hội nghị", {}, "Sở Y tế tỉnh Bình An - Tin tức")
    False
    """
    names = [meta_value(meta, "og:site_name"), meta_value(meta, "og:title"), head_title, *title_parts(head_title)]
    return _unabbreviated(text) in {_unabbreviated(norm(name)) for name in names if name}


# Abbreviations of an agency's name that a <title> uses and a banner spells out ("Cổng TTĐT
# phường Thạnh Mỹ Đông" under "CỔNG THÔNG TIN ĐIỆN TỬ PHƯỜNG THẠNH MỸ ĐÔNG").
_AGENCY_ABBREVIATIONS = {"ttđt": "thông tin điện tử", "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân",
                         "uỷ": "ủy"}
_ABBREVIATION = re.compile(r"\b(?:" + "|".join(_AGENCY_ABBREVIATIONS) + r")\b")


def _unabbreviated(name: str) -> str:
    """``name`` case-folded, its agency abbreviations spelt out.

    >>> _unabbreviated("Cổng TTĐT UBND xã Tân Thạnh")
    'cổng thông tin điện tử ủy ban nhân dân xã tân thạnh'
    """
    return _ABBREVIATION.sub(lambda m: _AGENCY_ABBREVIATIONS[m.group()], name.casefold())


SECTION_NAME_MAX_WORDS = 7  # "Thông tin chỉ đạo điều hành", "Hoạt động của lãnh đạo tỉnh"


def _tail_of(text: str, head_title: str) -> bool:
    """Is ``text`` the last part of <title>, after others: the site's name ("Tin tức - Sự kiện -
    Cổng thông tin điện tử huyện Krông Pắc"), not a headline?

    >>> _tail_of("Cổng thông tin điện tử huyện Krông Pắc", "Tin tức - Sự kiện - Cổng thông tin điện tử huyện Krông Pắc")
    True
    """
    return text != head_title and any(head_title[m.end():] == text for m in _TITLE_SEPARATOR.finditer(head_title))


def _names_a_section(tree, text: str) -> bool:
    """Is ``text`` (a heading echoing <title>) a short name that is also the text of a link on the
    page, a menu's or the breadcrumb's: a section's name ("TIN TỨC - SỰ KIỆN" over a page titled
    "Tin tức - Sự kiện - Cổng thông tin điện tử huyện ..."), not a headline? (A headline runs
    longer, and a "Tin mới" list may link the page's own article by it.)

    >>> import lxml.html
    >>> _names_a_section(lxml.html.fromstring('<div><a href="/tin-tuc">Tin tức - Sự kiện</a></div>'), "TIN TỨC - SỰ KIỆN")
    True
    """
    if len(re.findall(r"\w+", text)) > SECTION_NAME_MAX_WORDS:
        return False
    wanted = text.casefold()
    return any(norm(link.text_content()).casefold() == wanted for link in tree.iter("a"))


def find_title(tree, meta: dict, head_title: str, body=None, order: dict | None = None) -> tuple[str, object]:
    """The displayed headline: the <h1> (not a logo one, nor the site's name over a heading
    above the body; the one echoing <title> if several), else a body element showing <title>
    or a part of it (four words or more and no menu's link, or with no heading above the body),
    else og:title (when the page shows it and it does not close <title> as the site's name, or has
    no heading above the body), else that heading, else <title> (without the site name when
    og:site_name says which part it is)."""
    og = norm(meta_value(meta, "og:title") or "")  # (og:title alone; twitter:title is a last resort below)
    echo = norm(" ".join(filter(None, [meta_value(meta, "og:title"), head_title])))
    candidates, in_header = [], []
    for h1 in tree.xpath("//body//h1"):
        text = norm(h1.text_content())
        if len(text) < 3 or _is_logo(h1):
            continue  # the site's name in an <h1>, not a headline
        # a banner: in the page's header, or the site's name as a link home (a fallback only)
        in_chrome = any(a.tag in ("header", "nav", "footer") for a in h1.iterancestors()) or _links_home(h1)
        (in_header if in_chrome else candidates).append((text, h1))
    site_name = norm(meta_value(meta, "og:site_name") or "") or None
    order = order or {}
    if len(candidates) == 1:
        text, h1 = candidates[0]
        if text == og or head_title.startswith(text):
            return text, h1
        spaced = _spaced_as(text, [og, head_title, *title_parts(head_title)])
        if spaced:  # the <h1>'s lines are spans with no space between them
            return spaced, h1
        # a lone <h1> that is not the start of <title> may be the site's banner: an
        # element echoing <title> between it and the body block is the headline
        found = _headline_in_body(tree, head_title, site_name, body, order)
        if found and found[0] != text and len(found[0].split()) >= 4 and order.get(h1, -1) < order.get(found[1], -1) \
                and (body is None or order.get(found[1], -1) < order.get(body, -1)) \
                and not _translated(found[0], text):
            return found
        if _names_the_site(text, meta, head_title):  # a banner; <title> names only the site too
            above = _headline_above(body)
            if above is not None and order.get(h1, -1) < order.get(above, -1):
                return norm(above.text_content()), above
        return text, h1
    for text, h1 in candidates:
        if text in echo:
            return text, h1
    if candidates:
        return candidates[0]
    found = _headline_in_body(tree, head_title, site_name, body, order)
    long_echo = found is not None and len(found[0].split()) >= 4 and not _names_a_section(tree, found[0])
    above = None if long_echo else _headline_above(body)
    if found and (long_echo or above is None):
        if found[0] != head_title and og not in (found[0], head_title, site_name) \
                and len(og.split()) >= 4 and og not in title_parts(head_title):
            # a part of <title> (the site's name: "Bộ đội Biên phòng tỉnh Điện Biên - Tin tức sự kiện")
            # against an og:title the page shows whole: the page's own headline
            shown = _showing_whole(tree, og)
            if shown:
                return og, shown[0]
        return found  # (a <title> of a section's name echoes the breadcrumb, not a headline)
    if in_header and not (above is not None and _names_the_site(in_header[0][0], meta, head_title)):
        return in_header[0]  # (a banner naming the site gives way to a heading above the body)
    og_title = norm(meta_value(meta, "og:title", "twitter:title") or "")
    if og_title and og_title == site_name:
        og_title = ""  # (a CMS that fills og:title with the site's name: no headline)
    if og_title and (above is None or (og_title in _shown_text(tree) and not _tail_of(og_title, head_title))):
        return og_title, _showing(tree, og_title, above)
    if above is not None:  # (an og:title the page never shows names a section: "Hỏi đáp chính sách")
        shown = norm(above.text_content())
        # a side box's short or capitalised title ("THỐNG KÊ TRUY CẬP", "GIÁ NÔNG SẢN HÔM NAY") before a
        # headline atop the body
        atop = _headline_above(body, atop=True) if len(shown.split()) <= 4 or shown.isupper() else None
        if atop is not None and len(norm(atop.text_content()).split()) >= 6:
            above = atop
        return norm(above.text_content()), above
    atop = _headline_above(body, atop=True)
    if atop is not None and _names_other_than(norm(atop.text_content()), head_title):
        return norm(atop.text_content()), atop  # no heading above the body: a headline atop its cell
    if head_title.isascii() or _PRINT_TITLE.fullmatch(head_title):
        # an unaccented placeholder ("UBND HUYEN DUC MINH - Tin tuc su kien"), a print view's "In bài viết"
        atop = _headline_above(body, atop=True)
        if atop is not None:
            return norm(atop.text_content()), atop
    if site_name:
        parts = [p for p in title_parts(head_title) if site_name not in p]
        if parts:
            return parts[0], None
    return head_title, None


def _showing(tree, text: str, above=None):
    """The element that shows ``text`` whole: the heading above the body, else the first of
    <h1>-<h6>; None when none does. (The dates beside the headline are read from its place.)"""
    if above is not None and norm(above.text_content()) == text:
        return above
    return next((node for node in tree.iter("h1", "h2", "h3", "h4", "h5", "h6") if norm(node.text_content()) == text),
                None)


def _shown_text(tree) -> str:
    """The text the page shows: its <body>'s (not <title>'s, which an og:title often repeats)."""
    body = tree.find(".//body")
    return norm((body if body is not None else tree).text_content())


def _translated(echo: str, h1: str) -> bool:
    """Is the <title> echoed under a Vietnamese <h1> not Vietnamese (an ethnic-language edition
    whose <title> and og:title are Hmong, its <h1> Vietnamese)? Then the <h1> is the headline.

    >>> _translated("Cov neeg Hmoob nyob Y Tý ua haujlwm ncig tebchaws", "Đồng bào Mông ở Y Tý làm du lịch")
    True
    """
    return reads_vietnamese(h1) and not reads_vietnamese(echo)


_TEASER_CHARS = 800  # a teaser: another article's headline, date and summary


def find_sapo(tree, meta: dict, rules, title_node, order: dict | None = None,
              candidates: list | None = None) -> tuple[str, object]:
    """The lead paragraph under the headline, by selector, then by meta description.

    ``candidates``: :func:`normalize.pagetype.sapo_candidates` of the page, when known."""
    if rules is not None and rules.lead_selector:
        try:
            for node in tree.cssselect(rules.lead_selector):
                text = norm(node.text_content())
                if text:
                    return text, node
        except Exception as err:  # a bad selector in a source config is a config mistake
            raise ValueError(f"ExtractRules.lead_selector {rules.lead_selector!r}: {err}") from err
    description = norm(meta_value(meta, "description", "og:description") or "")
    title_at = -1 if title_node is None else (order or {}).get(title_node)
    if title_at is None:  # no document order given: the headline's position among all elements
        title_at = next(i for i, node in enumerate(tree.iter()) if node is title_node)
        order = {node: i for i, node in enumerate(tree.iter())}
    best, best_score = None, -1
    own = set(title_node.iter()) if title_node is not None else set()
    above_own = set(title_node.iterancestors()) if title_node is not None else set()
    for node in candidates if candidates is not None else sapo_candidates(tree):
        # under the headline, or beside it in its own box (a lead set just above the <h1>)
        after_title = (order.get(node, -1) > title_at or node.getparent() is title_node.getparent()) \
            if title_node is not None else True
        if node.tag in ("meta", "script", "style", "a", "body", "html", "section", "article"):
            continue
        if any(a.tag in ("header", "nav", "footer", "aside") for a in node.iterancestors()):
            continue  # (an <aside>: the side column's "Giới thiệu" box)
        text = norm(node.text_content())
        links = sum(len(norm(a.text_content())) for a in node.iter("a"))
        if not (40 <= len(text) <= 1500 and links < 0.5 * len(text) and len(text.split()) >= 8):
            continue
        if beside_other_headline(node, own, above_own, _TEASER_CHARS):
            continue  # a teaser's summary under another article's headline ("Tin cùng chuyên mục")
        # a teaser's summary in a box above the headline is not this article's lead
        score = (2 if after_title else 0) + (3 if description and (
            description[:60] in text or text[:60] in description) else 0)
        if score > best_score:
            best, best_score = (text, node), score
        if score >= 5:
            break
    if best is not None and (best_score >= 2 or title_node is None):
        return best
    if len(description) >= 40:
        for node in tree.xpath("//body//p | //body//h2 | //body//div[not(*)]"):
            text = norm(node.text_content())
            if text and (text == description or (len(text) < len(description) + 40
                                                 and text.endswith(description))) \
                    and not is_boilerplate_paragraph(text):  # ("Bản quyền thuộc" + the site's name)
                return text, node
    return "", None


def _letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def display_title(title: str) -> str:
    """The headline as shown: repaired only if it was mojibake/legacy-encoded.

    normalize_text may also move tone marks (Hoá -> Hóa); the title keeps the page's
    own spelling unless the repair changed letters, not just where a mark sits.
    """
    repaired = normalize_text(title)
    return repaired if _letters(repaired) != _letters(title) else title


def canonical_url(tree, url: str) -> str | None:
    href = tree.xpath('string(//link[translate(@rel,"CANONICAL","canonical")="canonical"]/@href)')
    href = (href or "").strip()
    if not href:
        return None
    absolute = urljoin(url, href)
    page_host = (urlsplit(url).hostname or "").removeprefix("www.")
    host = (urlsplit(absolute).hostname or "").removeprefix("www.")
    if not host or not page_host:
        return None
    same = host == page_host or host.endswith("." + page_host) or page_host.endswith("." + host)
    return absolute if same else None


def author(tree, meta: dict) -> str | None:
    value = meta_value(meta, "author", "article:author", "dc.creator")
    if value and not value.lower().startswith("http"):
        return value
    for node in tree.xpath('//*[contains(@class,"author") or contains(@class,"byline")]'):
        text = norm(node.text_content())
        if 2 <= len(text) <= 80:
            return text
    return None


def category(tree, meta: dict) -> str | None:
    value = meta_value(meta, "article:section", "articleSection")
    if value:
        return value
    crumbs = tree.xpath('//*[contains(@class,"breadcrumb")]//a')
    names = [norm(a.text_content()) for a in crumbs if norm(a.text_content())]
    return names[-1] if names else None
