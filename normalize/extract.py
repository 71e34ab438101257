"""HTML page -> article text and metadata, trafilatura plus what it misses on
Vietnamese news sites (the lead/"sapo", related-news boxes, widgets, exact times).

>>> page = ('<html><head><meta property="og:type" content="article"></head><body>'
...         '<h1>Giá xăng giảm</h1><h2 class="sapo">Giá xăng RON95 giảm 500 đồng/lít từ 15h chiều nay.</h2>'
...         '<span class="date">Thứ Hai, 12/01/2026 14:30</span><div class="detail-content">'
...         + "".join(f'<p>Kỳ điều hành thứ {i}: liên Bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng'
...                   ' dầu trong nước, xăng RON95 và E5 RON92 đều giảm, dầu diesel giữ nguyên.</p>' for i in range(4))
...         + '</div></body></html>')
>>> doc = extract_article(page, "https://baomau.vn/gia-xang-ron95-giam-manh-4051234.html")
>>> doc["title"], doc["published_at"].isoformat(), doc["text"].split("\\n\\n")[0]
('Giá xăng giảm', '2026-01-12T14:30:00+07:00', 'Giá xăng RON95 giảm 500 đồng/lít từ 15h chiều nay.')
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

import vicorpus
from normalize.blocks import analyse, block_of
from normalize.bodytext import (clean_paragraphs, credit_near_body, dateline_in_text, drop_kickers,
                                drop_next_articles, keep_article_column, run_trafilatura, unwrap_layout_tables)
from normalize.boilerplate import (prune_comment_forms, prune_headed_boxes, prune_link_boxes, prune_link_lines,
                                  prune_other_languages, prune_related_links, prune_widgets)
from normalize.credit import read_credit
from normalize.paragraph_repair import (body_paragraphs, covers, leads_above_body, missing_lead,
                                        restore_div_paragraphs, restore_headings, split_off_headline,
                                        split_run_together)
from normalize.dates import jsonld_dates, jsonld_scripts, parse_iso, published_time
from normalize.encoding import decode_html
from normalize.legacy import decode_abc_fonts
from normalize.mojibake import repair_markup_mojibake
from normalize.pagemeta import (author, canonical_url, category, display_title, find_sapo, find_title, meta_index,
                                norm, title_parts, title_pieces)
from normalize.pagetype import (classify_page, document_record_fields, has_article_body, is_utility_heading,
                                jsonld_types, layout_signals, metadata_signals, sapo_candidates)
from normalize.script_body import prefer_script_body, script_body
from normalize.text import normalize_text, repair_encodings

# Pages above this are cut before parsing (a news article is < 1 MB; 20 MB junk must
# not stall a worker). The dict says so in "input_truncated".
MAX_INPUT_BYTES = 4_000_000
EXTRACTOR = f"trafilatura-{trafilatura.__version__}+vicorpus-{vicorpus.__version__}"

# The payload of a base64 data: URI (an image pasted from Word into the CMS): megabytes
# that hold no text.
_INLINE_BLOB = re.compile(rb"(data:[\w.+-]+/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,)[A-Za-z0-9+/=\s]{256,}")


def drop_inline_blobs(data: bytes) -> bytes:
    """``data`` without the payloads of its base64 ``data:`` URIs, so that a page of pasted
    images is not cut before its text.

    >>> drop_inline_blobs(b'<img src="data:image/png;base64,' + b"iVBORw0KGgo" * 40 + b'"><p>Tin moi</p>')
    b'<img src="data:image/png;base64,"><p>Tin moi</p>'
    """
    return _INLINE_BLOB.sub(rb"\1", data)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BINARY_MAGIC = (b"\x1f\x8b", b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff",
                 b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"\x7fELF")


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with BOM
    if head.startswith(_BINARY_MAGIC):
        return True
    return head.count(b"\x00") > len(head) // 200


def _parse(text: str):
    text = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))
    if "<" not in text[:65536] or not text.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return None
    # = not tree.text_content().strip(), stopping at the first piece of visible text
    if tree is None or not any(piece.strip() for piece in tree.itertext()):
        return None
    return tree


def extract_article(html: bytes | str, url: str, *, http_charset: str | None = None,
                    rules=None, discovery: dict | None = None) -> dict | None:
    """Extract article text and metadata from one page, or None if nothing parses.

    ``rules`` is a :class:`vicorpus.config.ExtractRules` (per-source overrides);
    ``discovery`` the crawler's WARC metadata fields for this fetch (INTERFACES §2,
    e.g. ``{"vicorpus-discovery": "feed"}``), evidence for the page type.
    Non-articles still give a dict, with ``is_article`` False and a reason.
    """
    if not isinstance(url, str):
        raise TypeError(f"url must be a str, got {type(url).__name__}")
    if html is None:
        return None
    truncated = False
    if isinstance(html, str):
        if len(html) > MAX_INPUT_BYTES:
            html = drop_inline_blobs(html.encode("utf-8", "surrogatepass")).decode("utf-8", "surrogatepass")
        if len(html) > MAX_INPUT_BYTES:
            html, truncated = html[:MAX_INPUT_BYTES], True
        text, encoding = html, "unicode"
    elif isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if len(data) > MAX_INPUT_BYTES:
            data = drop_inline_blobs(data)
        if len(data) > MAX_INPUT_BYTES:
            data, truncated = data[:MAX_INPUT_BYTES], True
        if not data.strip() or _looks_binary(data):
            return None
        text, encoding = decode_html(data, http_charset)
    else:
        raise TypeError(f"html must be bytes or str, got {type(html).__name__}")
    # Before parsing: the parser and trafilatura destroy the NBSP/soft hyphen bytes of mojibake.
    text = repair_markup_mojibake(text)
    tree = _parse(text)
    if tree is None:
        return None
    return _extract_tree(tree, url, rules, encoding, truncated, discovery)


def _extract_tree(tree, url: str, rules, encoding: str, truncated: bool, discovery) -> dict:
    if encoding == "windows-1252":  # a page of the ABC-font era: its fonts name the encoding
        decode_abc_fonts(tree)
    # Holding every element's Python proxy for the whole extraction lets lxml reuse them:
    # each later tree walk would otherwise build them again through lxml.html's Python
    # class lookup (about a tenth of the extraction time).
    elements = list(tree.iter())
    meta = meta_index(tree)
    head_title = norm(tree.findtext(".//title") or "")
    scripts = jsonld_scripts(tree)  # JSON-LD parsed once for both
    types, jsonld = jsonld_types(tree, scripts), jsonld_dates(tree, scripts)
    shipped = script_body(tree, scripts)  # the body of a page rendered by its scripts
    # Comments too: trafilatura drops a paragraph that holds one (Word's <![if !supportLists]>
    # around a list number), and no comment is text.
    for node in tree.xpath("//script | //style | //noscript | //template | //comment()"):
        if node.getparent() is not None:  # (a comment after </html> is no part of the page)
            node.drop_tree()
    leads = sapo_candidates(tree)
    signals = metadata_signals(tree, leads, types)
    signals["utility_head_title"] = any(map(is_utility_heading, [head_title, *title_parts(head_title),
                                                                  *title_pieces(head_title)]))
    layout = analyse(tree)
    body_node = layout.body.element if layout.body is not None else None
    order = {el: i for i, el in enumerate(elements)}
    title, title_node = find_title(tree, meta, head_title, body_node, order)
    if drop_next_articles(title_node, layout):  # the page's own article only: read it again
        elements = list(tree.iter())
        layout = analyse(tree)
        body_node = layout.body.element if layout.body is not None else None
        order = {el: i for i, el in enumerate(elements)}
    sapo, sapo_node = find_sapo(tree, meta, rules, title_node, order, leads)
    published, published_from = published_time(tree, url, rules.date_from_url if rules else None, title_node,
                                                jsonld=jsonld, body_node=body_node, order=order)
    canonical = canonical_url(tree, url)
    byline, section = author(tree, meta), category(tree, meta)
    signals.update(layout_signals(layout, title_node, elements, order))
    if not has_article_body(signals):  # (only a page without an article's body can be a document's record)
        signals["record_fields"] = document_record_fields(elements)

    unwrap_layout_tables(layout)
    keep = [title_node, sapo_node]
    prune_headed_boxes(tree, keep, layout)
    prune_widgets(tree, keep, layout)
    prune_other_languages(tree, keep)
    prune_link_boxes(tree, keep, layout)
    prune_related_links(tree, keep, layout)
    prune_link_lines(tree, keep)
    prune_comment_forms(tree, keep, layout)
    credit_in_markup = credit_near_body(layout)  # before the side columns go
    keep_article_column(title_node, layout)
    drop_kickers(title_node, layout, keep)
    paragraphs = run_trafilatura(tree, url)
    if layout.body is not None and layout.body.paragraphs >= 3 and covers(paragraphs, layout.body.texts) < 0.5:
        # trafilatura took other boxes for the article: the body block alone, after its lead
        paragraphs = leads_above_body(paragraphs, title_node, layout, elements, order) + body_paragraphs(url, layout)
    paragraphs = missing_lead(paragraphs, title_node, layout, elements, order) + paragraphs
    paragraphs = restore_headings(restore_div_paragraphs(split_run_together(paragraphs, layout), layout), layout)
    paragraphs = split_off_headline(paragraphs, title, sapo)
    # Legacy text (TCVN3, VNI) is decoded before the paragraph filters read it: read as
    # windows-1252 it is symbols the filters take for furniture (TCVN3's "â" is "©").
    paragraphs = [repair_encodings(p) for p in paragraphs]
    credit = read_credit([norm(p) for p in paragraphs]) or credit_in_markup
    if published is None:  # a dateline that is no element of its own, only text at the top
        published = dateline_in_text(paragraphs)
    paragraphs = clean_paragraphs(paragraphs, title, rules)
    if prefer_script_body(shipped.paragraphs, paragraphs):  # the HTML is a skeleton around a placeholder
        paragraphs = clean_paragraphs(shipped.paragraphs, title, rules)
        dated = parse_iso(shipped.published)
        if published is None and dated:
            published, published_from = dated[0], "metadata"
        block = block_of(paragraphs)
        signals.update(body_paragraphs=block.paragraphs, body_words=block.words, body_sentences=block.sentences)
    # the whole lead, not its start: a lead whose first sentence opens the body too still has
    # its own ("688 ca bệnh" stated only there)
    if sapo and paragraphs and norm(sapo) not in norm(" ".join(paragraphs)):
        paragraphs.insert(0, sapo)
    body = normalize_text("\n\n".join(paragraphs)) if paragraphs else ""
    verdict = classify_page(signals, url, body, published, discovery, title=title,
                            published_in_metadata=published_from == "metadata")
    return {
        "title": display_title(title) if title else "",
        "text": body,
        "published_at": published if verdict.is_article else None,
        "author": byline,
        "category": section,
        "canonical_url": canonical,
        "is_article": verdict.is_article,
        "not_article_reason": verdict.reason,
        "page_type_confidence": round(verdict.confidence, 3),
        "article_shape": verdict.article_shape,
        "credit": credit,
        "head_title": head_title,
        "extractor": EXTRACTOR,
        "encoding": encoding,
        "input_truncated": truncated,
    }
