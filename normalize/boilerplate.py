"""Boilerplate of Vietnamese news pages: DOM pruning before trafilatura, and
paragraph filters after it.

What trafilatura keeps on these sites: related-news boxes inside the content div
("Tin liên quan", "TIN MỚI", "Bài viết khác"), comment and share widgets
("Bình luận (0)", "Sao chép liên kết"), breadcrumbs, datelines, app-download and
licence lines, photo captions, credit lines and ">> related headline" links.
Pruning works on the page's structure (normalize/blocks.py: the body block is
never pruned, a box of teasers is), on the box headings readers see and on
class/id names; filters catch the lines that survive. The phrases live in
normalize/lexicon.py; per-source extras come from
``ExtractRules.drop_paragraph_patterns``.

Text inside a sentence is never pruned: a link in running text ("(bao gồm <a
class="link-relate">kim cương và các sản phẩm nữ trang</a>)") is text.
"""

from __future__ import annotations

import re

import lxml.etree

from normalize.blocks import CAPTION_MARKER, INLINE_TAGS, NEVER_BODY_MARKER, _segments
from normalize.credit import is_credit_line
from normalize.dates import SENTENCE_LINE, is_site_dateline
from normalize.lexicon import DOCUMENT_NUMBER, NATIONAL_MOTTO, boilerplate_paragraph, box_heading, heading_initials
from normalize.lid import reads_vietnamese

# class/id tokens of widget boxes (matched on the joined "class id" string)
_WIDGET = re.compile(
    r"(?:^|[\s_\-])(?:"
    r"related|relate|relation|tin-?lien-?quan|lienquan|lien-?quan|same-?cat\w*|cung-?chuyen-?muc|"
    r"boxtinmoi|tin-?moi|newest|most-?read|doc-?nhieu|xem-?nhieu|readmore|read-?more|xem-?them|"
    r"share|sharing|social|socials|zalo-share|fb-share|toolbar|"
    r"twitter-tweet|instagram-media|tiktok-embed|fb-post|fb-video|threads-post|"
    r"comments?|binh-?luan|commentbox|box-?comment|"
    r"breadcrumbs?|menu|navbar|nav|footer|header|banner|ads|adv|advert\w*|qc|quang-?cao|sponsor\w*|"
    r"newsletter|subscribe|rating|vote|star|print|download-?app|app-?download|"
    r"tags?|keywords?|topic-?box|box-?topic|embed-?card|kbwscwl-relatedbox|"
    r"caption|photo-?caption|figcaption|image-?caption|PhotoCMS_Caption|"
    r"author-?box|author-?info|copyright|sticky|popup|modal|"
    r"cta|call-?to-?action|promo|dat-?lich|"  # a call to act ("Đặt lịch khám") set inside the body
    r"poll|polls|survey|tham-?do"  # a reader poll ("Thăm dò ý kiến") floated beside the paragraphs
    r")(?:$|[\s_\-])", re.IGNORECASE)
BOX_HEADINGS = box_heading()
_INITIALS = heading_initials()
_BOILERPLATE = boilerplate_paragraph()
# A breadcrumb or menu line: short names between separators ("Trang chủ › Kinh tế").
_CRUMB_SEPARATOR = re.compile(r"\s*(?:[›»>|/→]|\s-\s)\s*")
_CRUMB_LABEL = re.compile(r"^(?:bạn\s+đang\s+ở|vị\s+trí|đang\s+xem)\s*:?\s*", re.IGNORECASE)
# An official document's header block, which a CMS may class as a "header": its number and
# code ("Số: 146/TCBC-SYT", "Số 15/2025/QĐ-UBND") or the national motto over its date.
_DOCUMENT_HEADER = re.compile(rf"\b{DOCUMENT_NUMBER}|{NATIONAL_MOTTO}", re.IGNORECASE)
# The separators between the items of a toolbar line, and tool words the lexicon has no line for.
_TOOL_SEPARATOR = re.compile(r"\s+[·•|]\s+")
_TOOL_BRACKETS = re.compile(r"^(?:\s*\[[^\[\]]{1,40}\])+\s*$")  # "[In trang] [Gửi bạn bè] [Quay lại]"
_BETWEEN_BRACKETS = re.compile(r"\]\s*\[")
_TOOL_WORDS = re.compile(r"in\s+(?:bài(?:\s+viết)?|văn\s+bản|trang)|lưu\s+(?:tin|bài)|cỡ\s+chữ|a-|a\+|"
                         r"gửi\s+thư", re.IGNORECASE)  # ("Gửi email", "Gửi bạn bè": TOOL_LINES)
# Whole-box tags that are never article text.
_CHROME_TAGS = ("figcaption", "nav", "footer", "aside", "button", "iframe", "noscript", "template",
                "svg", "select")


def _marker(node) -> str:
    return f"{node.get('class', '')} {node.get('id', '')} {node.get('data-role', '')}"


def _text_len(node) -> int:
    return len(" ".join(node.text_content().split()))


def _link_len(node) -> int:
    return sum(_text_len(a) for a in node.iter("a"))


def _protected(keep: list) -> set:
    """``keep`` nodes and their ancestors, as element objects.

    Not id()s: an lxml proxy nobody holds is freed, and a later proxy of another
    element can get its id (so the wrong box was spared and the right one dropped).
    The set holds the proxies, so the tree walks meet these very objects.
    """
    return {n for k in keep if k is not None for n in [k, *k.iterancestors()]}


def _in_running_text(node) -> bool:
    """An inline element with words of its parent's own text around it (not another box's
    heading: Joomla sets "Những bài mới hơn:" and "Những bài cũ hơn:" in one <div>)."""
    parent = node.getparent()
    if parent is None:
        return False
    around = [parent.text or ""] + [child.tail or "" for child in parent]
    around += [text for text in (c.text_content() for c in parent if c is not node and isinstance(c.tag, str)
                                 and c.tag in INLINE_TAGS and c.tag != "a")
               if not BOX_HEADINGS.match(" ".join(text.split()))]
    return len(" ".join(around).split()) >= 3


def prune_widgets(tree, keep: list, layout) -> int:
    """Remove widget boxes by class/id and chrome tags in place; never an ancestor of
    ``keep`` nodes, never a block of the body (``layout.content``), never a link or
    span inside running text. Returns the number of removed elements."""
    protected = _protected(keep)
    removed = 0
    # a photo story's captions are its text: kept inside the body block
    body = set(layout.body.element.iter()) if layout.body is not None else set()
    story = body if layout.captions_are_body else set()
    for node in list(tree.iter()):
        if not isinstance(node.tag, str) or node.getparent() is None:
            continue
        if node.tag in ("html", "body", "h1") or node in protected:
            continue
        if node in story and (node.tag in ("figcaption", "figure") or CAPTION_MARKER.search(_marker(node))):
            continue
        never = False
        if node.tag in _CHROME_TAGS:
            never = node.tag != "aside"
        else:
            marker = _marker(node)
            if not marker.strip() or not _WIDGET.search(marker):
                continue
            never = bool(NEVER_BODY_MARKER.search(marker))
        if node.tag in INLINE_TAGS and _in_running_text(node):
            continue  # a link inside a sentence is part of the sentence
        if layout.is_content(node) and not never:
            continue  # a block of running body text is the article, whatever its class says
        if not never and node in body and _DOCUMENT_HEADER.search(node.text_content()):
            continue  # a decree's or a press release's own header ("Số: 146/TCBC-SYT"), not the page's
        if node.tag == "aside" and _has_sentence(node) and _between_body_blocks(node, layout):
            node.tag = "div"  # (trafilatura drops every <aside>)
            continue  # a box of running text set in the article ("Thông tin cần biết"), not a side column
        _drop(node)
        removed += 1
    return removed


def prune_other_languages(tree, keep: list) -> int:
    """Remove the blocks the page marks as written in another language (``lang="rad"``: the
    same news in Ê Đê under the Vietnamese; ``lang="en"``) whose text does not read as
    Vietnamese (a site may mark its Vietnamese wrongly); never an inline element (an English
    term in a sentence) nor an ancestor of ``keep`` nodes. Returns how many were removed.

    >>> import lxml.html
    >>> page = lxml.html.fromstring("<div><p>Xã Ea Kiết trao 120 con bò giống cho hộ nghèo.</p>"
    ...     "<section lang='rad'><p>Xã Ea Kiết brei 120 drei êmô ana kơ sang ƀun ƀin.</p></section></div>")
    >>> prune_other_languages(page, []), page.text_content()
    (1, 'Xã Ea Kiết trao 120 con bò giống cho hộ nghèo.')
    """
    protected = _protected(keep)
    removed = 0
    for node in tree.xpath("//*[@lang or @xml:lang]"):
        lang = (node.get("lang") or node.get("xml:lang") or "").strip().lower()
        if not lang or lang.startswith("vi") or node.tag in INLINE_TAGS or node.tag in ("html", "body"):
            continue
        if node in protected or node.getparent() is None or reads_vietnamese(" ".join(node.text_content().split())):
            continue
        _drop(node)
        removed += 1
    return removed


def _between_body_blocks(node, layout) -> bool:
    """Is ``node`` set between two blocks of the article's running text (a box in the middle of
    the story), rather than beside or after them (a side column, a footer)?"""
    child, parent = node, node.getparent()
    while parent is not None and not layout.is_content(parent):
        child, parent = parent, parent.getparent()
    if parent is None or parent.tag in ("html", "body"):
        return False
    siblings = [n for n in parent if isinstance(n.tag, str)]
    at = siblings.index(child)
    return any(map(_has_sentence, siblings[:at])) and any(map(_has_sentence, siblings[at + 1:]))


def _has_sentence(node) -> bool:
    """Does ``node`` hold a line of running text (a sentence of 8+ words), not only links?
    (A paragraph or list item is read whole, a div by its own text: one pass over the box.)"""
    links = sum(len(a.text_content()) for a in node.iter("a"))
    if links * 2 >= len(node.text_content()):
        return False
    for block in node.iter("p", "li", "div"):
        text = block.text_content() if block.tag != "div" else \
            (block.text or "") + " ".join(child.tail or "" for child in block)
        if SENTENCE_LINE.search(" ".join(text.split())):
            return True
    return False


def _is_crumb_text(text: str, anchors: int) -> bool:
    text = _CRUMB_LABEL.sub("", text)
    parts = [p for p in _CRUMB_SEPARATOR.split(text) if p.strip()]
    return 2 <= len(parts) <= 8 and anchors >= 2 and all(len(p.split()) <= 8 for p in parts)


def prune_link_boxes(tree, keep: list, layout) -> int:
    """Remove lists and boxes that are nothing but links (teasers, menus, "xem nhiều")
    and breadcrumbs ("Trang chủ » Kinh tế")."""
    protected = _protected(keep)
    removed = 0
    for node in list(tree.iter("ul", "ol", "div", "section", "aside", "table", "article", "p", "span",
                               "nav", "td", "li")):
        if node.getparent() is None or node in protected or layout.is_content(node):
            continue
        # each link's length once: non-empty after strip() is exactly a length above 0
        lengths = [_text_len(a) for a in node.iter("a")]
        anchors = sum(1 for length in lengths if length)
        if anchors < 2:
            continue
        text = " ".join(node.text_content().split())
        total, links = len(text), sum(lengths)
        if not total or links < 0.5 * total:
            continue
        if node.tag in ("p", "span", "li", "td"):
            if len(text) <= 200 and _is_crumb_text(text, anchors):
                _drop(node)
                removed += 1
            continue
        if (anchors >= 3 and links >= 0.8 * total) or (len(text) <= 200 and _is_crumb_text(text, anchors)):
            _drop(node)
            removed += 1
    return removed


def _teaser_item(node) -> bool:
    """A child of a related box: a headline link with or without a summary, a
    picture, a "more" link."""
    if not isinstance(node.tag, str):
        return True
    text = " ".join(node.text_content().split())
    if not text:
        return True
    if len(text) > 700:
        return False
    if _link_len(node) >= 0.5 * len(text):
        return True
    for el in node.iter():
        if isinstance(el.tag, str) and (el.tag not in INLINE_TAGS or el is node):
            segments, _ = _segments(el, set(), False)
            if any(words >= 4 and (link >= 0.7 * words or opening >= 4)
                   for _, words, link, opening in segments):
                return True
    return False


def prune_headed_boxes(tree, keep: list, layout) -> int:
    """Remove boxes introduced by a heading like "Tin liên quan" or "TIN MỚI": the
    heading and every enclosing box that holds only teasers or links."""
    protected = _protected(keep)
    removed = 0
    # Document order, as tree.iter(); a drop changes no text of an element after it
    # (it takes a subtree of an earlier element, and its tail goes to an earlier one).
    for node in _heading_candidates(tree):
        if not isinstance(node.tag, str) or node.getparent() is None:
            continue
        if node.tag in ("html", "body", "script", "style"):
            continue
        text = " ".join(node.text_content().split())
        if not text or len(text) > 60 or not BOX_HEADINGS.match(text):
            continue
        if any(BOX_HEADINGS.match(" ".join(c.text_content().split()) or "x")
               for c in node if isinstance(c.tag, str)):
            continue  # the innermost element carrying the heading does the work
        if node.tag in INLINE_TAGS and _in_running_text(node):
            continue
        box = node
        while True:
            parent = box.getparent()
            if parent is None or parent.tag in ("body", "html") or parent in protected:
                break
            if layout.is_content(parent):
                break
            total = _text_len(parent)
            small = total <= 300 or (total <= 1500 and _link_len(parent) >= 0.5 * total)
            # climb while the parent is still a small box, or a box of teasers
            if not small and (total > 6000 or not all(
                    _teaser_item(child) for child in parent if child is not box)):
                break
            box = parent
        if box in protected or box.getparent() is None:
            continue
        _drop(box)
        removed += 1
    return removed


def prune_comment_forms(tree, keep: list, layout) -> int:
    """Remove comment and sign-up boxes: around each <textarea> or e-mail field, the largest box
    that holds neither the headline, the lead nor the body block (the form and the comments
    listed with it, or a newsletter's pitch around its field, whatever their class names:
    hashed ones say nothing). Done only when the body block is known.
    """
    if layout.body is None:
        return 0
    protected = _protected([*keep, layout.body.element])
    removed = 0
    for area in tree.xpath("//textarea | //input[@type='email']"):
        box = area
        while box.getparent() is not None and box.getparent() not in protected and box.getparent().tag != "html":
            box = box.getparent()
        if box in protected or box.tag in ("body", "html") or box.getparent() is None:
            continue
        _drop(box)
        removed += 1
    return removed


def prune_related_links(tree, keep: list, layout) -> int:
    """Remove paragraphs inside the body that are one headline-like link (a related
    article: "<p><a>>> Năm 2025, ... thu hút thêm 12 dự án</a></p>")."""
    protected = _protected(keep)
    removed = 0
    body = layout.body.element if layout.body is not None else None
    if body is None or body.getparent() is None:
        return 0
    for node in list(body.iter("p", "div", "li", "h3", "h4", "strong", "b")):
        if node is body or node in protected or node.getparent() is None or layout.is_content(node):
            continue
        text = " ".join(node.text_content().split())
        words = len(text.split())
        if not 6 <= words <= 40 or text.endswith((".", ":", ";")) and not text.startswith((">", "»")):
            continue
        if node.tag in ("strong", "b") and _in_running_text(node):
            continue
        anchors = list(node.iter("a"))
        if len(anchors) != 1 or _text_len(anchors[0]) < 0.9 * len(text):
            continue
        _drop(node)
        removed += 1
    return removed


# "(02/12/2011)" after a headline link in an old portal's list of other news
_TRAILING_DATE = re.compile(r"\s*[(\[]\s*\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?\s*[)\]]\s*$")
LINK_LINE_MIN_WORDS = 4
_HOLDS_BR = lxml.etree.XPath("//*[br]")


def _br_lines(parent) -> list[tuple[str, list, object]]:
    """The lines of ``parent``'s inline children: (the text opening the line, its nodes, the
    <br> ending it or None). A block child ends a line and belongs to none; a comment's
    tail is text of its line."""
    lines, lead, nodes = [], parent.text or "", []
    for child in parent:
        if child.tag == "br" or (isinstance(child.tag, str) and child.tag not in INLINE_TAGS):
            lines.append((lead, nodes, child if child.tag == "br" else None))
            lead, nodes = child.tail or "", []
        elif isinstance(child.tag, str):
            nodes.append(child)
        elif child.tail and child.tail.strip():
            lead += child.tail  # text after a comment: no link, so the line is no link line
    lines.append((lead, nodes, None))
    return lines


def _is_link_line(lead: str, nodes: list) -> bool:
    """One headline link and little else: "<img> <a>Hội Nông dân ... đua tài</a> (02/12/2011)"."""
    if not nodes or lead.strip():
        return False
    text = " ".join("".join(n.text_content() + (n.tail or "") for n in nodes).split())
    anchors = [a for n in nodes for a in n.iter("a") if _text_len(a)]
    if len(anchors) != 1 or len(text) > 200:
        return False
    link = " ".join(anchors[0].text_content().split())
    return len(link.split()) >= LINK_LINE_MIN_WORDS and len(link) >= 0.8 * len(_TRAILING_DATE.sub("", text))


def prune_link_lines(tree, keep: list) -> int:
    """Remove runs of two or more <br>-separated lines that are each one headline link (with
    its date): the "Các tin khác" list an old table-layout portal prints in the body's own
    cell, with no box around it. Returns the lines removed."""
    protected = _protected(keep)
    removed = 0
    for parent in _HOLDS_BR(tree):
        if parent.getparent() is None:
            continue
        lines = _br_lines(parent)
        flags = [_is_link_line(lead, nodes) for lead, nodes, _ in lines]
        for k, (_, nodes, br) in enumerate(lines):
            in_run = flags[k] and ((k > 0 and flags[k - 1]) or (k + 1 < len(flags) and flags[k + 1]))
            if not in_run or any(n in protected for n in nodes):
                continue
            for node in nodes:
                parent.remove(node)  # with its tail: the rest of the line
            if br is not None:
                _drop(br)  # its tail opens the next line
            removed += 1
    return removed


# Whitespace for str.split() that XPath's normalize-space() keeps as characters.
_NON_XML_SPACE = re.compile("[\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# Elements whose text is short and starts like a box heading (one C pass).
_SHORT_TEXT = lxml.etree.XPath(
    "descendant-or-self::*[string-length(normalize-space(.)) <= $limit"
    " and string-length(normalize-space(.)) > 0 and contains($initials, substring(normalize-space(.), 1, 1))]")


def _heading_candidates(tree) -> list:
    """The elements, in document order, whose text can be a 60-character box heading.

    One C pass instead of text_content() of every element (the big containers cost
    most). Exact: a non-XML space (NBSP...) lets normalize-space() keep up to 2 more
    characters than " ".join(text.split()), so the limit grows by 2 per such character.
    """
    extra = len(_NON_XML_SPACE.findall(tree.text_content()))
    return _SHORT_TEXT(tree, limit=60 + 2 * extra, initials=_INITIALS)


def _drop(node) -> None:
    """Remove node but keep its tail text (which belongs to the parent)."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    previous = node.getprevious()
    if tail and tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def is_breadcrumb(text: str) -> bool:
    """A line of short names between separators: "Trang chủ › Tin tức › Kinh tế".

    >>> is_breadcrumb("Chuyên trang Nông nghiệp » [Bản tin] Chăn nuôi - Thú y")
    True
    >>> is_breadcrumb("Tin hoạt động / Hoạt động của Tòa án địa phương")
    True
    >>> is_breadcrumb("Giá xăng giảm 500 đồng/lít từ 15h chiều nay.")
    False
    """
    if len(text) > 200 or text.rstrip().endswith((".", "?", "!")):
        return False
    labelled = _CRUMB_LABEL.match(text) is not None and len(_CRUMB_LABEL.sub("", text)) < len(text)
    return _is_crumb_text(text, 2) and (labelled or bool(re.search(r"[›»>|→]| / ", text)))


# The labels of a portal's table of a legal document's properties, shown above or below its text.
_PROPERTY_LABEL = re.compile(
    r"(?:thuộc tính văn bản|số(?:,)? ký hiệu|số hiệu(?: văn bản)?|ký hiệu|ngày ban hành|ngày (?:có )?hiệu lực|"
    r"ngày hết hiệu lực|ngày đăng(?: công báo)?|loại văn bản|cơ quan ban hành|cấp ban hành|người ký|"
    r"chức vụ(?: người ký)?|trích yếu(?: nội dung)?|lĩnh vực|tình trạng(?: hiệu lực)?|tệp đính kèm|"
    r"văn bản gốc|nguồn thu thập)\s*:?", re.IGNORECASE)


def is_document_properties(paragraph: str) -> bool:
    r"""Is ``paragraph`` (a table: a row a line, cells joined by " | ") a portal's card of a legal
    document's properties: three or more rows, most of them opening with a property's label
    ("Số ký hiệu | 215/TB-UBND", "Người ký | Lê Thị Hồng Nhung")? The record of the document,
    not its text (whose own header keeps its number); a register of many documents, a row
    per document, is no such card.

    >>> is_document_properties("Số ký hiệu | 215/TB-UBND\nNgày ban hành | 04/12/2026\nNgười ký | Lê Thị Hồng Nhung")
    True
    >>> is_document_properties("STT | Số ký hiệu | Ngày ban hành\n1 | 215/TB-UBND | 04/12/2026\n2 | 16/QĐ-UBND | 03/12/2026")
    False
    """
    rows = [row.strip() for row in paragraph.split("\n") if row.strip()]
    labelled = sum(1 for row in rows if _PROPERTY_LABEL.fullmatch(row.split(" | ")[0].strip()))
    return len(rows) >= 3 and labelled >= 3 and 5 * labelled >= 3 * len(rows)


def is_boilerplate_paragraph(paragraph: str, extra: list[re.Pattern] = ()) -> bool:
    """True for lines that are page furniture, not article text.

    >>> is_boilerplate_paragraph("Tin liên quan"), is_boilerplate_paragraph("Ảnh: TTXVN")
    (True, True)
    >>> is_boilerplate_paragraph("Theo TTXVN"), is_boilerplate_paragraph("08/01/2026 | 16:40 GMT+7")
    (True, True)
    >>> is_boilerplate_paragraph("Theo Bộ Tài chính, thuế giảm 2%.")
    False
    >>> is_boilerplate_paragraph("In văn bản · Gửi ý kiến góp ý · Lượt xem: 2.415")
    True
    >>> is_boilerplate_paragraph("[In trang] [Gửi bạn bè] [Quay lại]"), is_boilerplate_paragraph("[1] Điều 5 Luật Đất đai.")
    (True, False)
    """
    text = paragraph.strip()
    if not text:
        return True
    if _BOILERPLATE.search(text) is not None or any(p.search(text) for p in extra):
        return True
    if len(text) <= 200 and (is_credit_line(text) or is_site_dateline(text)):
        return True
    bracketed = len(text) <= 200 and _TOOL_BRACKETS.match(text) is not None
    if len(text) <= 200 and (bracketed or _TOOL_SEPARATOR.search(text) is not None):
        # a toolbar of several items ("In văn bản · Gửi ý kiến góp ý · Lượt xem: 2.415", "[In trang] [Quay lại]")
        parts = [part.strip(" []") for part in _TOOL_SEPARATOR.split(_BETWEEN_BRACKETS.sub("] · [", text))]
        parts = [part for part in parts if part]
        return (len(parts) >= 2 or bracketed) and all(_BOILERPLATE.search(part) or _TOOL_WORDS.fullmatch(part)
                                                      for part in parts)
    return False
