"""Boilerplate of Vietnamese news pages: DOM pruning before trafilatura, and
paragraph filters after it.

What trafilatura keeps on these sites: related-news boxes inside the content div
("Tin liên quan", "TIN MỚI", "Tham khảo thêm"), comment and share widgets
("Bình luận (0)", "Sao chép liên kết"), app-download and licence lines, photo
captions and reposting notices. Pruning works on class/id names and on the box
headings readers see; filters catch the lines that survive. Both are generic, and
per-source extras come from ``ExtractRules.drop_paragraph_patterns``.
"""

from __future__ import annotations

import re

import lxml.etree

# class/id tokens of widget boxes (matched on the joined "class id" string)
_WIDGET = re.compile(
    r"(?:^|[\s_\-])(?:"
    r"related|relate|relation|tin-?lien-?quan|lienquan|lien-?quan|same-?cat\w*|cung-?chuyen-?muc|"
    r"boxtinmoi|tin-?moi|newest|most-?read|doc-?nhieu|xem-?nhieu|readmore|read-?more|xem-?them|"
    r"share|sharing|social|socials|zalo-share|fb-share|toolbar|"
    r"comments?|binh-?luan|commentbox|box-?comment|"
    r"breadcrumbs?|menu|navbar|nav|footer|header|banner|ads|adv|advert\w*|qc|quang-?cao|sponsor\w*|"
    r"newsletter|subscribe|rating|vote|star|print|download-?app|app-?download|"
    r"tags?|keywords?|topic-?box|box-?topic|embed-?card|kbwscwl-relatedbox|"
    r"caption|photo-?caption|figcaption|image-?caption|PhotoCMS_Caption|"
    r"author-?box|author-?info|copyright|sticky|popup|modal"
    r")(?:$|[\s_\-])", re.IGNORECASE)
# Headings of boxes that are not article text (whole heading text, case-insensitive).
BOX_HEADINGS = re.compile(
    r"^\s*(?:tin\s+liên\s+quan|bài\s+liên\s+quan|tin\s+cùng\s+chuyên\s+mục|cùng\s+chuyên\s+mục|"
    r"xem\s+thêm(?:\s+trên\s+.{1,40})?|tham\s+khảo\s+thêm|đọc\s+thêm|tin\s+mới|tin\s+mới\s+nhất|"
    r"tin\s+nổi\s+bật|đọc\s+nhiều(?:\s+.{1,40})?|tin\s+khác|bài\s+viết\s+liên\s+quan|"
    r"có\s+thể\s+bạn\s+quan\s+tâm|bạn\s+có\s+thể\s+quan\s+tâm|tin\s+đọc\s+nhiều|"
    r"chủ\s+đề\s+liên\s+quan|tin\s+bài\s+liên\s+quan|xem\s+nhiều|mới\s+nhất)\s*:?\s*$",
    re.IGNORECASE)
# Paragraphs dropped after extraction (whole paragraph, stripped).
_DROP_PARAGRAPH = [re.compile(p, re.IGNORECASE) for p in (
    BOX_HEADINGS.pattern,
    r"^bình\s+luận\s*\(\d+\)\s*$", r"^(?:gửi|viết)\s+bình\s+luận\b.{0,80}$",
    r"^bình\s+luận\s+bài\s+viết\s+này\s*$",
    r"^hiện\s+chưa\s+có\s+bình\s+luận\s+nào.{0,80}$",
    r"^tải\s+ứng\s+dụng\s*:?.{0,80}$", r"^quét\s+mã\s+qr.{0,80}$",
    r"^(?:chia\s+sẻ|sao\s+chép\s+liên\s+kết|copy\s+link(?:\s+thành\s+công)?|link\s+bài\s+gốc|"
    r"lấy\s+link!?|in\s+bài|đọc\s+tiếp|về\s+trang\s+chủ\s+đề|trở\s+lại\s+.{1,30}|"
    r"theo\s+dõi\s+.{1,40}\s+trên\s+google\s+news)\s*$",
    r"^\(?\s*ảnh\s*(?:minh\s+họa)?\s*:.{0,160}$",
    r"^.{0,200}\(\s*ảnh\s*(?:minh\s+họa)?\s*:[^()]{1,80}\)\s*$",
    r"^.{0,120}ghi\s+rõ\s+nguồn.{0,120}phát\s+hành\s+lại.{0,80}$",
    r"^.{0,60}(?:bản\s+quyền\s+thuộc|giữ\s+bản\s+quyền|all\s+rights\s+reserved|©|copyright).{0,160}$",
    r"^giấy\s+phép\s+(?:số|hoạt\s+động).{0,160}$",
    r"^(?:theo|nguồn)\s*:?\s+[\wÀ-ỹ.\- ]{2,40}$",
    r"^(?:tổng\s+biên\s+tập|chịu\s+trách\s+nhiệm\s+nội\s+dung)\s*:.{0,80}$",
    r"^(?:tags?|từ\s+khóa|từ\s+khoá)\s*:.{0,300}$",
    # a line that is only the date shown under the headline
    r"^(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:cập\s+nhật\s*:?\s*)?\d{1,2}[/\-.]\d{1,2}[/\-.]\d{4}"
    r"\s*[,|\-–]?\s*(?:\d{1,2}[:h]\d{2}(?::\d{2})?)?\s*(?:\(?\s*GMT\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?)?$",
)]


# All of them in one scan (each is anchored at the start; one search instead of 20).
_DROP_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in _DROP_PARAGRAPH), re.IGNORECASE)

# Boxes that are never the article, however much text they hold.
_NEVER_CONTENT = re.compile(
    r"(?:^|[\s_\-])(?:popup|modal|overlay|newsletter|subscribe|comments?|binh-?luan|"
    r"footer|cookie\w*)(?:$|[\s_\-])", re.IGNORECASE)


def _marker(node) -> str:
    return f"{node.get('class', '')} {node.get('id', '')} {node.get('data-role', '')}"


def _text_len(node) -> int:
    return len(" ".join(node.text_content().split()))


def _link_len(node) -> int:
    return sum(_text_len(a) for a in node.iter("a"))


def _long_paragraphs(node) -> int:
    """Paragraphs of running text (not links) under node: article content guard."""
    count = 0
    for p in node.iter("p"):
        text = _text_len(p)
        if text >= 120 and _link_len(p) < 0.3 * text:
            count += 1
    return count


def _is_content_box(node) -> bool:
    return _long_paragraphs(node) >= 3


def _protected(keep: list) -> set:
    """``keep`` nodes and their ancestors, as element objects.

    Not id()s: an lxml proxy nobody holds is freed, and a later proxy of another
    element can get its id (so the wrong box was spared and the right one dropped).
    The set holds the proxies, so the tree walks meet these very objects.
    """
    return {n for k in keep if k is not None for n in [k, *k.iterancestors()]}


def prune_widgets(tree, keep: list) -> int:
    """Remove widget boxes by class/id in place; never an ancestor of ``keep`` nodes.

    Returns the number of removed elements.
    """
    protected = _protected(keep)
    removed = 0
    for node in list(tree.iter()):
        if not isinstance(node.tag, str) or node.getparent() is None:
            continue
        if node.tag in ("html", "body", "h1") or node in protected:
            continue
        if node.tag in ("figcaption", "nav", "footer", "aside", "form", "button", "iframe",
                        "noscript", "template", "svg", "select"):
            _drop(node)
            removed += 1
            continue
        marker = _marker(node)
        if not marker.strip() or not _WIDGET.search(marker):
            continue
        if _is_content_box(node) and not _NEVER_CONTENT.search(marker):
            continue  # a big box of running text is the article, whatever its class says
        _drop(node)
        removed += 1
    return removed


def prune_link_boxes(tree, keep: list) -> int:
    """Remove lists and boxes that are nothing but links (teasers, menus, "xem nhiều")."""
    protected = _protected(keep)
    removed = 0
    for node in list(tree.iter("ul", "ol", "div", "section", "aside", "table", "article")):
        if node.getparent() is None or node in protected:
            continue
        anchors = [a for a in node.iter("a") if a.text_content().strip()]
        if len(anchors) < 3:
            continue
        total = _text_len(node)
        if total and _link_len(node) >= 0.8 * total and not _is_content_box(node):
            _drop(node)
            removed += 1
    return removed


# Whitespace for str.split() that XPath's normalize-space() keeps as characters.
_NON_XML_SPACE = re.compile("[\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SHORT_TEXT = lxml.etree.XPath("descendant-or-self::*[string-length(normalize-space(.)) <= $limit]")


def _heading_candidates(tree) -> list:
    """The elements, in document order, whose text can be a 60-character heading.

    One C pass instead of text_content() of every element (the big containers cost
    most). Exact: a non-XML space (NBSP...) lets normalize-space() keep up to 2 more
    characters than " ".join(text.split()), so the limit grows by 2 per such character.
    """
    extra = len(_NON_XML_SPACE.findall(tree.text_content()))
    return _SHORT_TEXT(tree, limit=60 + 2 * extra)


def prune_headed_boxes(tree, keep: list) -> int:
    """Remove boxes introduced by a heading like "Tin liên quan" or "TIN MỚI"."""
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
        box = node
        # climb while the parent is still a small box: short, or mostly links
        while True:
            parent = box.getparent()
            if parent is None or parent.tag in ("body", "html") or parent in protected:
                break
            if _is_content_box(parent):
                break
            total = _text_len(parent)
            if total > 1500 or (total > 300 and _link_len(parent) < 0.5 * total):
                break
            box = parent
        if box in protected or box.getparent() is None:
            continue
        _drop(box)
        removed += 1
    return removed


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


def is_boilerplate_paragraph(paragraph: str, extra: list[re.Pattern] = ()) -> bool:
    """True for lines that are page furniture, not article text.

    >>> is_boilerplate_paragraph("Tin liên quan"), is_boilerplate_paragraph("Ảnh: TTXVN")
    (True, True)
    >>> is_boilerplate_paragraph("Theo Bộ Tài chính, thuế giảm 2%.")
    False
    """
    text = paragraph.strip()
    if not text:
        return True
    return _DROP_ANY.search(text) is not None or any(p.search(text) for p in extra)
