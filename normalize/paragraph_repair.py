"""trafilatura's paragraphs checked against the page's own block structure
(normalize/blocks.py): when trafilatura took other boxes for the article, the body block
is read on its own (after its lead); paragraphs it ran together are split at the block's
boundaries; subheadings of the body block it left out are put back.

>>> covers(["Sáng 3/12, sương mù phủ kín mặt hồ Tây."], ["Sáng 3/12, sương mù phủ kín mặt hồ Tây.", "Theo dự báo, trời rét."])
0.5
"""

from __future__ import annotations

import re
from itertools import islice

import lxml.html

from normalize.blocks import CAPTION_MARKER, HEADING_TAGS, INLINE_TAGS
from normalize.boilerplate import is_boilerplate_paragraph
from normalize.bodytext import ENDS_SENTENCE, joined_wrapped, run_trafilatura
from normalize.dates import SENTENCE_LINE, is_dateline
from normalize.pagemeta import norm


def covers(paragraphs: list[str], texts: list[str]) -> float:
    """Share of ``texts`` (the body block's running paragraphs) found in ``paragraphs``."""
    if not texts:
        return 1.0
    joined = norm(" ".join(paragraphs))
    return sum(norm(t)[:60] in joined for t in texts) / len(texts)


def body_paragraphs(url: str, layout) -> list[str]:
    """The paragraphs of the page's body block alone, when trafilatura took other boxes
    for the article (a teaser box that outweighs a short body): trafilatura's reading of
    the block when it covers the block's paragraphs and keeps them apart (it runs the
    captions of an <amp-carousel> together), else the block's own paragraphs."""
    body = layout.body.element
    page = lxml.html.document_fromstring("<html><body></body></html>")
    page.find("body").append(lxml.html.fromstring(lxml.html.tostring(body, encoding="unicode")))
    paragraphs = run_trafilatura(page, url)
    if covers(paragraphs, layout.body.texts) >= 0.8 and 2 * len(paragraphs) >= len(layout.body.texts):
        return paragraphs
    return list(layout.body.texts)


def split_run_together(paragraphs: list[str], layout) -> list[str]:
    """Split a paragraph that runs several of the body block's paragraphs together (trafilatura
    reads the captions of an <amp-carousel> as one) at their boundaries: a paragraph break of
    the page is never lost.

    >>> from types import SimpleNamespace
    >>> texts = ["Cánh đồng hoa cải trắng trải dài trên đồi chè.", "Mỗi lượt khách vào vườn chụp ảnh trả 20.000 đồng."]
    >>> layout = SimpleNamespace(body=SimpleNamespace(texts=texts))
    >>> split_run_together([" ".join(texts) + " Ảnh: Văn Tùng"], layout)
    ['Cánh đồng hoa cải trắng trải dài trên đồi chè.', 'Mỗi lượt khách vào vườn chụp ảnh trả 20.000 đồng.', 'Ảnh: Văn Tùng']
    """
    if layout.body is None or len(layout.body.texts) < 2:
        return paragraphs
    joined = joined_wrapped(layout.body.texts)  # (lines of a wrapped paragraph are no paragraphs)
    texts = [t for t in joined if len(t) >= 20]
    whole = set(layout.body.texts) | set(joined)
    out = []
    for paragraph in paragraphs:
        if paragraph in whole or "\n" in paragraph or len(paragraph) < 40:
            out.append(paragraph)
            continue
        cuts, at = [], 0
        for text in texts:
            found = paragraph.find(text, at)
            if found >= 0 and _word_edge(paragraph, found) and _word_edge(paragraph, found + len(text)):
                cuts.append((found, found + len(text)))
                at = found + len(text)
        if len(cuts) < 2 or sum(end - start for start, end in cuts) < 0.8 * len(paragraph):
            out.append(paragraph)
            continue
        pieces, at = [], 0
        for start, end in cuts:
            pieces += [paragraph[at:start], paragraph[start:end]]
            at = end
        pieces.append(paragraph[at:])
        out += [piece.strip() for piece in pieces if piece.strip()]
    return out


def split_off_headline(paragraphs: list[str], title: str, sapo: str) -> list[str]:
    """Split a paragraph that opens with the headline, then a dateline, then the lead (a portal's
    headline, dateline and lead set as sibling boxes, which trafilatura reads as one paragraph)
    into the three: the later filters drop the headline and the dateline as on their own lines.

    >>> split_off_headline(["Kiểm tra thu chi tại 18 trường Ngày đăng: 30/10/2026 | Lượt xem: 3.368 Sở kiểm tra "
    ...                     "việc thu chi đầu năm học."], "Kiểm tra thu chi tại 18 trường", "Sở kiểm tra việc thu chi đầu năm học.")
    ['Kiểm tra thu chi tại 18 trường', 'Ngày đăng: 30/10/2026 | Lượt xem: 3.368', 'Sở kiểm tra việc thu chi đầu năm học.']
    """
    if not title or len(title.split()) < 4:
        return paragraphs
    out = []
    for paragraph in paragraphs:
        if paragraph == title or not paragraph.startswith(title) or not _word_edge(paragraph, len(title)):
            out.append(paragraph)
            continue
        rest = paragraph[len(title):].strip()
        at = rest.find(sapo) if sapo and len(sapo) >= 20 else -1
        between = rest[:at] if at > 0 else ""
        # only a dateline between them (a date, a view count: short, with figures); a sentence that
        # opens with the headline's words ("Khoa Nội tim mạch là ...") is left whole
        if between and len(between.split()) <= 20 and any(ch.isdigit() for ch in between) \
                and _word_edge(rest, at) and _word_edge(rest, at + len(sapo)):
            out += [piece.strip() for piece in (title, between, rest[at:]) if piece.strip()]
        else:
            out.append(paragraph)
    return out


def _word_edge(text: str, at: int) -> bool:
    """Is ``at`` between two words, not inside one? (A page may set one word in two spans:
    "Đồng Ti</span><span>ến": never a paragraph break.)

    >>> _word_edge("Đồng Tiến và", 7), _word_edge("Đồng Tiến và", 9)
    (False, True)
    """
    return at <= 0 or at >= len(text) or not (text[at - 1].isalnum() and text[at].isalnum())


_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
HEADING_MAX_CHARS = 200


def _place_before(node, keys: list[str], texts: int = 1) -> int | None:
    """Where a paragraph the page shows as ``node`` goes among ``keys`` (the text's paragraphs,
    normalized): before the first of them that opens with one of the next ``texts`` texts
    after ``node``; None when none does."""
    return next((i for after in islice(_texts_after(node), texts) for i, key in enumerate(keys)
                 if key.startswith(after[:60])), None)


def _texts_after(node):
    """The texts that follow ``node`` in reading order (its next siblings', then its parent's
    next siblings'...), a sibling's whole text at a time."""
    while node is not None:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):
                text = norm(sibling.text_content())
                if text:
                    yield text
            elif sibling.tail and sibling.tail.strip():
                yield norm(sibling.tail)
        if node.tail and node.tail.strip():
            yield norm(node.tail)
        node = node.getparent()


def restore_headings(paragraphs: list[str], layout) -> list[str]:
    """Put back the subheadings of the body block that trafilatura left out, each before the
    paragraph it heads. (It drops the <h3> of every entry of a live blog, for one: the entry
    texts stay, their headlines go.) A heading that is a link or a box heading
    ("Tin liên quan") stays out, and so does one whose next paragraph is not in the text.

    >>> import lxml.html
    >>> from normalize.blocks import analyse
    >>> tree = lxml.html.fromstring("<div><h3>Bão suy yếu</h3><p>Sau khi vào đất liền, bão suy yếu nhanh "
    ...     "thành áp thấp nhiệt đới.</p><h3>Tin liên quan</h3><p>Khánh Hòa cấm biển</p></div>")
    >>> restore_headings(["Sau khi vào đất liền, bão suy yếu nhanh thành áp thấp nhiệt đới."], analyse(tree))
    ['Bão suy yếu', 'Sau khi vào đất liền, bão suy yếu nhanh thành áp thấp nhiệt đới.']
    """
    if layout.body is None or not paragraphs:
        return paragraphs
    keys = [norm(p) for p in paragraphs]
    joined = " ".join(keys)
    for heading in layout.body.element.iter(*_HEADINGS):
        text = norm(heading.text_content())
        if not text or len(text) > HEADING_MAX_CHARS or text in joined or is_boilerplate_paragraph(text):
            continue
        if heading.getparent() is not None and heading.getparent().tag == "a" or any(
                norm(a.text_content()) == text for a in heading.iter("a")):
            continue  # a teaser's headline
        at = _place_before(heading, keys)
        if at is None:
            continue
        paragraphs.insert(at, " ".join(heading.text_content().split()))
        keys.insert(at, text)
        joined = " ".join(keys)
    return paragraphs


_WORD = re.compile(r"\w+")


def restore_div_paragraphs(paragraphs: list[str], layout) -> list[str]:
    """Put back the paragraphs of the body block written as <div>s (inline content only, a
    sentence of 8+ words) that trafilatura left out, each before the text that follows it.
    trafilatura reads a <div>'s text only when the <p>s of the page hold little (about 1,250
    characters with ``favor_recall``), so a body that mixes the two (an editor's pasted
    ``<div align="justify">`` paragraphs among <p>s) lost every <div> one. A <div> in a box
    with a headline link (a teaser's summary) stays out, and so do a pull quote (most of its
    words in one paragraph of the text) and one none of whose next three texts is in the text.

    >>> from normalize.blocks import analyse
    >>> tree = lxml.html.fromstring("<div class='content'><p>Sáng 3/12, sương mù dày đặc phủ kín mặt hồ Tây.</p>"
    ...     "<div>Ngay sau đó, Sở Xây dựng đã cho dừng các chuyến buýt qua đê Yên Phụ.</div>"
    ...     "<p>Theo dự báo, trời rét đậm kéo dài đến hết tuần sau.</p></div>")
    >>> restore_div_paragraphs(["Sáng 3/12, sương mù dày đặc phủ kín mặt hồ Tây.",
    ...                         "Theo dự báo, trời rét đậm kéo dài đến hết tuần sau."], analyse(tree))[1]
    'Ngay sau đó, Sở Xây dựng đã cho dừng các chuyến buýt qua đê Yên Phụ.'
    """
    if layout.body is None or not paragraphs:
        return paragraphs
    keys = [norm(p) for p in paragraphs]
    joined = " ".join(keys)
    # last first: a run of them is put back from its end, each before the one after it
    for div in reversed(list(layout.body.element.iterdescendants("div"))):
        if any(isinstance(child.tag, str) and child.tag not in INLINE_TAGS and child.tag != "br" for child in div):
            continue
        text = " ".join(div.text_content().split())
        key = norm(text)
        if not SENTENCE_LINE.match(text) or key[:60] in joined or is_boilerplate_paragraph(text):
            continue
        box = div.getparent()
        if box is not None and any(len(a.text_content().split()) >= 5 for a in box.iter("a")):
            continue  # a teaser: a headline link and its summary
        if _repeats_a_paragraph(key, keys):
            continue  # a pull quote
        at = _place_before(div, keys, texts=3)  # (a pull quote may come between it and the next paragraph)
        if at is None:
            continue
        paragraphs.insert(at, text)
        keys.insert(at, key)
        joined = " ".join(keys)
    return paragraphs


def _repeats_a_paragraph(key: str, keys: list[str]) -> bool:
    """Are 80% or more of the words of ``key`` in one of ``keys``?"""
    words = set(_WORD.findall(key.lower()))
    return any(len(words & set(_WORD.findall(other.lower()))) >= 0.8 * len(words) for other in keys)


def _between_headline_and_body(title_node, layout, elements: list, order: dict) -> list:
    """The elements after the headline and before the body block, in document order (not the
    body's ancestors); none when either is missing or the body comes first."""
    if title_node is None or layout.body is None:
        return []
    start, end = order.get(title_node), order.get(layout.body.element)
    if start is None or end is None or start >= end:
        return []
    ancestors = set(layout.body.element.iterancestors())
    return [el for el in elements[start + 1:end] if el not in ancestors and isinstance(el.tag, str)]


_NOT_LEAD_BOXES = frozenset({"figure", "figcaption", "audio", "video", "object", "picture"})


def missing_lead(paragraphs: list[str], title_node, layout, elements: list, order: dict) -> list[str]:
    """The lead trafilatura left out: the first block of running text between the headline
    and the body block (a sentence of 8+ words, not a caption, mostly not links), when its
    text is in none of ``paragraphs``. An old portal sets its lead in a box of its own
    (``<div class="tomtat"><i>..</i></div>``) beside the body's; trafilatura reads the body's
    box alone.

    >>> import lxml.html
    >>> from normalize.blocks import analyse
    >>> page = lxml.html.fromstring("<div><div class='t'><b>Hà Nội đầu đông</b></div><div class='x'><i>Không khí "
    ...     "lạnh tràn về khiến nhiệt độ ở Hà Nội giảm sâu.</i></div><div><p>Sáng 4/12, nhiệt độ xuống còn 13 độ "
    ...     "C, thấp nhất kể từ đầu mùa.</p><p>Tại cầu Long Biên, người dân vẫn tập thể dục từ sáng sớm dù trời "
    ...     "lạnh.</p><p>Trung tâm Dự báo cho biết đợt lạnh kéo dài đến hết tuần sau.</p></div></div>")
    >>> elements = list(page.iter())
    >>> missing_lead(["Sáng 4/12, nhiệt độ xuống còn 13 độ C, thấp nhất kể từ đầu mùa."], page.find(".//b"),
    ...              analyse(page), elements, {el: i for i, el in enumerate(elements)})
    ['Không khí lạnh tràn về khiến nhiệt độ ở Hà Nội giảm sâu.']
    """
    headline = set(title_node.iter()) if title_node is not None else set()
    for el in _between_headline_and_body(title_node, layout, elements, order):
        if el in headline or el.tag in INLINE_TAGS or el.tag in HEADING_TAGS:
            continue
        if any(isinstance(child.tag, str) and child.tag not in INLINE_TAGS for child in el):
            continue  # not a leaf block: its leaves come next
        text = norm(el.text_content())
        words = len(text.split())
        if words < 8 or is_dateline(text):
            continue  # a dateline, a kicker, a byline: the lead is further down, if any
        links = sum(len(norm(a.text_content()).split()) for a in el.iter("a"))
        if links * 2 >= words:
            continue  # a line of tools or tags under the dateline ("A- A+ In bài viết"): the lead comes after
        # a caption, or a player's fallback text ("Trình duyệt của bạn không hỗ trợ ...")
        captioned = any(a.tag in _NOT_LEAD_BOXES or CAPTION_MARKER.search(a.get("class") or "")
                        for a in (el, *el.iterancestors()))
        if (captioned or not ENDS_SENTENCE.search(text) or is_boilerplate_paragraph(text)
                or text in norm(" ".join(paragraphs))):
            return []
        return [text]
    return []


def leads_above_body(paragraphs: list[str], title_node, layout, elements: list, order: dict) -> list[str]:
    """Running-text paragraphs of ``paragraphs`` that stand between the headline and the
    body block (a lead in a box of its own), at most two: what the text keeps of
    trafilatura's reading when the body block is read alone (:func:`body_paragraphs`).

    >>> import lxml.html
    >>> from normalize.blocks import analyse
    >>> page = lxml.html.fromstring("<div><h1>Hà Nội đầu đông</h1><div><p>Không khí lạnh tràn về khiến nhiệt "
    ...     "độ ở Hà Nội giảm sâu.</p></div><div><p>Sáng 4/12, nhiệt độ xuống còn 13 độ C, thấp nhất kể từ đầu "
    ...     "mùa.</p><p>Tại cầu Long Biên, người dân vẫn tập thể dục từ sáng sớm dù trời lạnh.</p></div></div>")
    >>> elements = list(page.iter())
    >>> leads_above_body(["Không khí lạnh tràn về khiến nhiệt độ ở Hà Nội giảm sâu."], page.find("h1"),
    ...                  analyse(page), elements, {el: i for i, el in enumerate(elements)})
    ['Không khí lạnh tràn về khiến nhiệt độ ở Hà Nội giảm sâu.']
    """
    between = [norm(el.text_content()) for el in _between_headline_and_body(title_node, layout, elements, order)]
    leads = []
    for paragraph in paragraphs:
        key = norm(paragraph)
        if len(key.split()) >= 8 and ENDS_SENTENCE.search(key) and any(key[:60] in text for text in between):
            leads.append(paragraph)
            if len(leads) == 2:
                break
    return leads
