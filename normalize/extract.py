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

import copy
import html as htmllib
import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura

import vicorpus
from normalize.boilerplate import (is_boilerplate_paragraph, prune_headed_boxes, prune_link_boxes,
                                   prune_widgets)
from normalize.dates import find_published
from normalize.encoding import decode_html
from normalize.mojibake import repair_markup_mojibake
from normalize.pagetype import SAPO_MARKER, classify_page, page_signals
from normalize.text import normalize_text

# Pages above this are cut before parsing (a news article is < 1 MB; 20 MB junk must
# not stall a worker). The dict says so in "input_truncated".
MAX_INPUT_BYTES = 4_000_000
EXTRACTOR = f"trafilatura-{trafilatura.__version__}+vicorpus-{vicorpus.__version__}"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BINARY_MAGIC = (b"\x1f\x8b", b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff",
                 b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"\x7fELF")


def _norm(text: str) -> str:
    text = htmllib.unescape(text or "")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return " ".join(text.split())  # = re.sub(r"\s+", " ", text).strip(): the same whitespace set


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


_META_ATTRS = ("property", "name", "itemprop")
_meta_cache: list = [None, None]  # [tree, {(attr, value): [content, ...]}]: the page being extracted


def _meta_index(tree) -> dict:
    """{(attr, value): contents in document order} of the page's <meta> tags, built once per tree."""
    if _meta_cache[0] is not tree:
        index: dict = {}
        for node in tree.iter("meta"):
            content = node.get("content")
            if content is None:
                continue
            for attr in _META_ATTRS:
                value = node.get(attr)
                if value is not None:
                    index.setdefault((attr, value), []).append(content)
        _meta_cache[:] = [tree, index]
    return _meta_cache[1]


def _meta(tree, *keys: str) -> str | None:
    # = the first non-blank of //meta[@attr="key"]/@content, keys then attrs in order
    index = _meta_index(tree)
    for key in keys:
        for attr in _META_ATTRS:
            for value in index.get((attr, key), ()):
                if value and value.strip():
                    return " ".join(value.split())
    return None


def _find_title(tree) -> tuple[str, object]:
    """The displayed headline: the <h1> (not a logo one; the one echoing <title> if
    several), else og:title, else <title>."""
    head_title = _norm(" ".join(filter(None, [_meta(tree, "og:title"), tree.findtext(".//title")])))
    candidates, in_header = [], []
    for h1 in tree.xpath("//body//h1"):
        text = _norm(h1.text_content())
        marker = f"{h1.get('class', '')} {h1.get('id', '')}".lower()
        if len(text) < 3 or "logo" in marker or h1.xpath(".//*[contains(@class,'logo')]"):
            continue  # the site's name in an <h1>, not a headline
        in_chrome = any(a.tag in ("header", "nav", "footer") for a in h1.iterancestors())
        (in_header if in_chrome else candidates).append((text, h1))
    candidates = candidates or in_header
    for text, h1 in candidates:
        if len(candidates) == 1 or text in head_title:
            return text, h1
    if candidates:
        return candidates[0]
    for value in (_meta(tree, "og:title", "twitter:title"),
                  tree.findtext(".//title")):
        if value and _norm(value):
            return _norm(value), None
    return "", None


def _find_sapo(tree, rules, title_node) -> tuple[str, object]:
    """The lead paragraph under the headline, by selector, then by meta description."""
    if rules is not None and rules.lead_selector:
        try:
            for node in tree.cssselect(rules.lead_selector):
                text = _norm(node.text_content())
                if text:
                    return text, node
        except Exception as err:  # a bad selector in a source config is a config mistake
            raise ValueError(f"ExtractRules.lead_selector {rules.lead_selector!r}: {err}") from err
    description = _norm(_meta(tree, "description", "og:description") or "")
    after_title = title_node is None
    best, best_score = None, -1
    for node in tree.iter():
        if node is title_node:
            after_title = True
        if not isinstance(node.tag, str) or node.tag in ("meta", "script", "style", "a", "body",
                                                          "html", "section", "article"):
            continue
        marker = f"{node.get('class', '')} {node.get('id', '')}"
        role = f"{node.get('data-role', '')} {node.get('data-slot', '')}".lower()
        if "sapo" not in role and not SAPO_MARKER.search(marker):
            continue
        if any(a.tag in ("header", "nav", "footer") for a in node.iterancestors()):
            continue
        text = _norm(node.text_content())
        links = sum(len(_norm(a.text_content())) for a in node.iter("a"))
        if not (40 <= len(text) <= 1500 and links < 0.5 * len(text) and len(text.split()) >= 8):
            continue
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
            text = _norm(node.text_content())
            if text and (text == description or (len(text) < len(description) + 40
                                                 and text.endswith(description))):
                return text, node
    return "", None


def _letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _display_title(title: str) -> str:
    """The headline as shown: repaired only if it was mojibake/legacy-encoded.

    normalize_text may also move tone marks (Hoá -> Hóa); the title keeps the page's
    own spelling unless the repair changed letters, not just where a mark sits.
    """
    repaired = normalize_text(title)
    return repaired if _letters(repaired) != _letters(title) else title


def _canonical(tree, url: str) -> str | None:
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


def _author(tree) -> str | None:
    value = _meta(tree, "author", "article:author", "dc.creator")
    if value and not value.lower().startswith("http"):
        return value
    for node in tree.xpath('//*[contains(@class,"author") or contains(@class,"byline")]'):
        text = _norm(node.text_content())
        if 2 <= len(text) <= 80:
            return text
    return None


def _category(tree) -> str | None:
    value = _meta(tree, "article:section", "articleSection")
    if value:
        return value
    crumbs = tree.xpath('//*[contains(@class,"breadcrumb")]//a')
    names = [_norm(a.text_content()) for a in crumbs if _norm(a.text_content())]
    return names[-1] if names else None


def _element_text(node) -> str:
    parts = [node.text or ""]
    for child in node:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in ("graphic",):
            parts.append(_element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraphs_from_xml(xml: str) -> list[str]:
    root = lxml.etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        return []
    paragraphs = []
    for block in main:
        if block.tag == "list":
            items = [_element_text(i) for i in block.iter("item")]
            paragraphs.extend(items)
        elif block.tag == "table":
            rows = [" | ".join(" ".join(_element_text(c).split()) for c in row)
                    for row in block.iter("row")]
            paragraphs.append("\n".join(r for r in rows if r.strip()))
        else:
            paragraphs.append(_element_text(block))
    return [p.strip() for p in paragraphs if p and p.strip()]


_TRAFILATURA_ARGS = dict(output_format="xml", include_comments=False, include_tables=True, include_images=False,
                         include_links=False, favor_recall=True, deduplicate=False, with_metadata=False)
try:  # trafilatura.extract minus its content fingerprint (a hash of the text we never read)
    from trafilatura.core import determine_returnstring as _returnstring
    from trafilatura.settings import Document as _Document
    from trafilatura.settings import Extractor as _Extractor

    _OPTIONS = _Extractor(output_format="xml", comments=False, tables=True, images=False, links=False,
                          recall=True, dedup=False, with_metadata=False)
except ImportError:  # another trafilatura layout: the public call, same output
    _returnstring = _OPTIONS = None


def _trafilatura_xml(tree, url: str) -> str | None:
    if _OPTIONS is None:
        return trafilatura.extract(tree, url=url, **_TRAFILATURA_ARGS)
    # what trafilatura.extract(tree, url=url, **_TRAFILATURA_ARGS) does, with one shared
    # Extractor (trafilatura copies it before changing it) instead of one built per page
    options = copy.copy(_OPTIONS)
    options.url = url
    options.source = url.encode("utf-8", "replace").decode("utf-8") if url else None
    document = trafilatura.bare_extraction(tree, options=options)
    if not document or not isinstance(document, _Document):
        return None
    return _returnstring(document, options)


def _run_trafilatura(tree, url: str) -> list[str]:
    try:
        xml = _trafilatura_xml(tree, url)
    except Exception:  # trafilatura can trip on odd trees; the caller drops a row, never crashes
        return []
    return _paragraphs_from_xml(xml) if xml else []


def _clean_paragraphs(paragraphs: list[str], title: str, rules) -> list[str]:
    extra = [re.compile(p, re.IGNORECASE) for p in (rules.drop_paragraph_patterns if rules else [])]
    kept, seen = [], set()
    norm_title = _norm(title)
    for paragraph in paragraphs:
        key = _norm(paragraph)
        if not key or key == norm_title or key in seen:
            continue  # the headline repeated, or a second copy of the same block
        if is_boilerplate_paragraph(key, extra):
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


def extract_article(html: bytes | str, url: str, *, http_charset: str | None = None,
                    rules=None) -> dict | None:
    """Extract article text and metadata from one page, or None if nothing parses.

    ``rules`` is a :class:`vicorpus.config.ExtractRules` (per-source overrides).
    Non-articles still give a dict, with ``is_article`` False and a reason.
    """
    if not isinstance(url, str):
        raise TypeError(f"url must be a str, got {type(url).__name__}")
    if html is None:
        return None
    truncated = False
    if isinstance(html, str):
        if len(html) > MAX_INPUT_BYTES:
            html, truncated = html[:MAX_INPUT_BYTES], True
        text, encoding = html, "unicode"
    elif isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
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
    try:
        return _extract_tree(tree, url, rules, encoding, truncated)
    finally:
        _meta_cache[:] = [None, None]  # the next page has its own <meta> tags


def _extract_tree(tree, url: str, rules, encoding: str, truncated: bool) -> dict:
    # Holding every element's Python proxy for the whole extraction lets lxml reuse them:
    # each later tree walk would otherwise build them again through lxml.html's Python
    # class lookup (about a tenth of the extraction time).
    elements = list(tree.iter())  # noqa: F841 - kept alive on purpose
    title, title_node = _find_title(tree)
    sapo, sapo_node = _find_sapo(tree, rules, title_node)
    published = find_published(tree, url, rules.date_from_url if rules else None, title_node)
    canonical = _canonical(tree, url)
    author, category = _author(tree), _category(tree)

    signals = page_signals(tree, url, title_node)
    for node in tree.xpath("//script | //style | //noscript | //template"):
        node.drop_tree()
    keep = [title_node, sapo_node]
    prune_headed_boxes(tree, keep)
    # classify on the page as a reader sees it minus related boxes, before widget pruning
    paragraphs = _clean_paragraphs(_run_trafilatura(_prune_for_trafilatura(tree, keep), url), title, rules)
    if sapo and paragraphs and _norm(sapo)[:80] not in _norm(" ".join(paragraphs)):
        paragraphs.insert(0, sapo)
    body = normalize_text("\n\n".join(paragraphs)) if paragraphs else ""
    is_article, reason = classify_page(signals, url, body, published)
    return {
        "title": _display_title(title) if title else "",
        "text": body,
        "published_at": published if is_article else None,
        "author": author,
        "category": category,
        "canonical_url": canonical,
        "is_article": is_article,
        "not_article_reason": reason,
        "extractor": EXTRACTOR,
        "encoding": encoding,
        "input_truncated": truncated,
    }


def _prune_for_trafilatura(tree, keep):
    """Prune widgets and link boxes in place, never ``keep`` nodes or their ancestors.

    In place, not on a copy: page classification already has its signals, and
    trafilatura copies the tree it is given.
    """
    keep = [node for node in keep if node is not None]
    prune_widgets(tree, keep)
    prune_link_boxes(tree, keep)
    return tree
