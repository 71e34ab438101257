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

import html as htmllib
import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura

import vicorpus
from normalize.blocks import analyse
from normalize.boilerplate import (is_boilerplate_paragraph, is_breadcrumb, prune_headed_boxes,
                                   prune_link_boxes, prune_related_links, prune_widgets)
from normalize.credit import read_credit
from normalize.dates import (date_spans, is_dateline, is_site_dateline, jsonld_dates, parse_dateline,
                             published_time)
from normalize.encoding import decode_html
from normalize.mojibake import repair_markup_mojibake
from normalize.pagetype import SAPO_MARKER, classify_page, layout_signals, metadata_signals
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


def _meta_index(tree) -> dict:
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


def _meta(index: dict, *keys: str) -> str | None:
    # = the first non-blank of //meta[@attr="key"]/@content, keys then attrs in order
    for key in keys:
        for attr in _META_ATTRS:
            for value in index.get((attr, key), ()):
                if value and value.strip():
                    return " ".join(value.split())
    return None


# Separators between a headline and the site's name in <title>.
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—»·:]{1,2}\s+|\s*\|\s*")
_SAME_TEXT = lxml.etree.XPath("//body//*[normalize-space(.) = $text]")


def _title_parts(head_title: str) -> list[str]:
    """The candidate headlines inside <title>: every leading and trailing run of its
    separator-split parts, longest first, leading runs first ("Headline - Site")."""
    cuts = [m for m in _TITLE_SEPARATOR.finditer(head_title)]
    leading = [head_title[:m.start()] for m in reversed(cuts)]
    trailing = [head_title[m.end():] for m in cuts]
    return [part.strip() for part in leading + trailing if len(part.split()) >= 2]


def _headline_in_body(tree, head_title: str, site_name: str | None, body, order: dict):
    """The headline of a template without <h1>: an element showing <title> or a part
    of it as its whole text, or a heading whose words are mostly those of <title>
    (other quote marks, a shortened form). Not inside a link, header, nav or footer.
    Of several, the last one before the body block: the site's name (also a part of
    <title>) shows in the banner at the top."""
    found = []
    for text in [head_title, *_title_parts(head_title)]:
        if not text or (site_name and text == site_name):
            continue
        found += [node for node in _SAME_TEXT(tree, text=text)
                  if node.tag not in ("a", "title", "option") and not _in_chrome(node)]
    found = [n for n in found if not any(c in found for c in n.iterdescendants())]
    body_at = order.get(body, -1) if body is not None else -1
    before = [n for n in found if order.get(n, -1) < body_at]
    similar = _headline_like(tree, head_title, body_at, order)
    if similar is not None:
        before.append(similar)
    if before:
        best = max(before, key=lambda n: order.get(n, -1))
    elif found:
        best = found[0]
    else:
        return None
    return _norm(best.text_content()), best


def _in_chrome(node) -> bool:
    return any(a.tag in ("a", "header", "nav", "footer", "title") for a in node.iterancestors())


_HEADINGS = lxml.etree.XPath("//body//*[self::h1 or self::h2 or self::h3 or self::h4 or "
                             "contains(@class, 'title') or contains(@class, 'tieude') or "
                             "contains(@class, 'tieu-de') or contains(@id, 'title') or contains(@id, 'TieuDe')]")


def _headline_like(tree, head_title: str, body_at: int, order: dict):
    """The heading nearest above the body block whose words are mostly those of <title>."""
    if body_at < 0 or not head_title:
        return None
    wanted = set(re.findall(r"\w+", _norm(head_title).lower()))
    best, best_at = None, -1
    for node in _HEADINGS(tree):
        at = order.get(node, -1)
        if at >= body_at or at <= best_at or node.tag == "a" or _in_chrome(node):
            continue
        words = re.findall(r"\w+", _norm(node.text_content()).lower())
        if 4 <= len(words) <= 40 and sum(w in wanted for w in words) >= 0.8 * len(words):
            best, best_at = node, at
    return best


def _find_title(tree, meta: dict, head_title: str, body=None, order: dict | None = None) -> tuple[str, object]:
    """The displayed headline: the <h1> (not a logo one; the one echoing <title> if
    several), else a body element showing <title> or a part of it, else og:title,
    else <title> (without the site name when og:site_name says which part it is)."""
    echo = _norm(" ".join(filter(None, [_meta(meta, "og:title"), head_title])))
    candidates, in_header = [], []
    for h1 in tree.xpath("//body//h1"):
        text = _norm(h1.text_content())
        marker = f"{h1.get('class', '')} {h1.get('id', '')}".lower()
        if len(text) < 3 or "logo" in marker or h1.xpath(".//*[contains(@class,'logo')]"):
            continue  # the site's name in an <h1>, not a headline
        in_chrome = any(a.tag in ("header", "nav", "footer") for a in h1.iterancestors())
        (in_header if in_chrome else candidates).append((text, h1))
    site_name = _norm(_meta(meta, "og:site_name") or "") or None
    order = order or {}
    if len(candidates) == 1:
        text, h1 = candidates[0]
        # a lone <h1> far above may be the site's banner: an element echoing <title>
        # between it and the body block is the headline
        found = _headline_in_body(tree, head_title, site_name, body, order)
        if found and found[0] != text and len(found[0].split()) >= 4 and order.get(h1, -1) < order.get(found[1], -1):
            return found
        return text, h1
    for text, h1 in candidates:
        if text in echo:
            return text, h1
    if candidates:
        return candidates[0]
    found = _headline_in_body(tree, head_title, site_name, body, order)
    if found:
        return found
    if in_header:
        return in_header[0]
    og_title = _norm(_meta(meta, "og:title", "twitter:title") or "")
    if og_title:
        return og_title, None
    if site_name:
        parts = [p for p in _title_parts(head_title) if site_name not in p]
        if parts:
            return parts[0], None
    return head_title, None


def _find_sapo(tree, meta: dict, rules, title_node) -> tuple[str, object]:
    """The lead paragraph under the headline, by selector, then by meta description."""
    if rules is not None and rules.lead_selector:
        try:
            for node in tree.cssselect(rules.lead_selector):
                text = _norm(node.text_content())
                if text:
                    return text, node
        except Exception as err:  # a bad selector in a source config is a config mistake
            raise ValueError(f"ExtractRules.lead_selector {rules.lead_selector!r}: {err}") from err
    description = _norm(_meta(meta, "description", "og:description") or "")
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


def _author(tree, meta: dict) -> str | None:
    value = _meta(meta, "author", "article:author", "dc.creator")
    if value and not value.lower().startswith("http"):
        return value
    for node in tree.xpath('//*[contains(@class,"author") or contains(@class,"byline")]'):
        text = _norm(node.text_content())
        if 2 <= len(text) <= 80:
            return text
    return None


def _category(tree, meta: dict) -> str | None:
    value = _meta(meta, "article:section", "articleSection")
    if value:
        return value
    crumbs = tree.xpath('//*[contains(@class,"breadcrumb")]//a')
    names = [_norm(a.text_content()) for a in crumbs if _norm(a.text_content())]
    return names[-1] if names else None


_LINE_BREAK = "\n"
_SPACES = re.compile(r"\s+")
_NESTED_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "code"})
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"”»’)]*$")


def _element_text(node) -> str:
    """Text of a trafilatura output element: HTML whitespace collapsed, <lb> kept as
    a newline (source line wrapping is not a line break), a nested block set apart
    by a blank line."""
    parts = [_SPACES.sub(" ", node.text) if node.text else ""]
    for child in node:
        if child.tag == "lb":
            parts.append(_LINE_BREAK)
        elif child.tag in _NESTED_BLOCKS:  # a <p> inside a <p> (trafilatura keeps some): its own paragraph
            parts.append(f"\n\n{_element_text(child)}\n\n")
        elif child.tag != "graphic":
            parts.append(_element_text(child))
        if child.tail:
            parts.append(_SPACES.sub(" ", child.tail))
    return "".join(parts)


def _block_paragraphs(text: str) -> list[str]:
    """One output block as paragraphs. Lines broken by <br> are paragraphs when one
    of them is running text (a <br>-separated body, a credit line under the last
    sentence); short lines only (an address, a poem) stay lines of one paragraph.
    A blank line (<br><br>) always ends a paragraph."""
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if len(lines) > 1 and any(len(line) >= 60 and _ENDS_SENTENCE.search(line) for line in lines):
            paragraphs.extend(lines)
        else:
            paragraphs.append("\n".join(lines))
    return paragraphs


def _paragraphs_from_body(body) -> list[str]:
    paragraphs = []
    for block in body:
        if not isinstance(block.tag, str):
            continue
        if block.tag == "list":
            for item in block.iter("item"):
                paragraphs.extend(_block_paragraphs(_element_text(item)))
        elif block.tag == "table":
            rows = [" | ".join(" ".join(_element_text(c).split()) for c in row)
                    for row in block.iter("row")]
            paragraphs.append("\n".join(r for r in rows if r.strip()))
        else:
            paragraphs.extend(_block_paragraphs(_element_text(block)))
    return [p for p in paragraphs if p.strip()]


# trafilatura's public entry point with the settings we rely on: tables in, links,
# images and comments out, recall favoured (the pruning above removes the chrome),
# no metadata (ours is read from the page), no cross-page dedup.
_TRAFILATURA_SETTINGS = dict(output_format="xml", include_comments=False, include_tables=True,
                             include_images=False, include_links=False, favor_recall=True,
                             deduplicate=False, with_metadata=False)


def _run_trafilatura(tree, url: str) -> list[str]:
    try:
        document = trafilatura.bare_extraction(tree, url=url or None, **_TRAFILATURA_SETTINGS)
    except Exception:  # trafilatura can trip on odd trees; the caller drops a row, never crashes
        return []
    body = getattr(document, "body", None)
    return _paragraphs_from_body(body) if body is not None else []


_TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")


def _unwrap_layout_tables(layout) -> None:
    """Tables that hold the article body are page layout (old portal templates): made
    divs, so the body is read as text, not as table cells joined by " | "."""
    for node in layout.content:
        if node.tag == "table":
            for part in node.iter(*_TABLE_PARTS):
                part.tag = "div"


def _keep_article_column(title_node, layout) -> None:
    """Remove what lies outside the smallest box holding both the headline and the body
    block (side columns, banners, footers of table-layout templates)."""
    if title_node is None or layout.body is None:
        return
    body = layout.body.element
    ancestors = {body, *body.iterancestors()}
    root = next((a for a in (title_node, *title_node.iterancestors()) if a in ancestors), None)
    if root is None or root.tag in ("html", "body"):
        return
    node = root
    while node.getparent() is not None and node.tag != "body":
        parent = node.getparent()
        for sibling in list(parent):
            if sibling is not node and isinstance(sibling.tag, str) and sibling.tag != "head":
                parent.remove(sibling)
        node = parent


def _credit_near_body(layout) -> str | None:
    """A credit line in the body block or just after it that trafilatura left out
    (it drops bylines such as <p class="author">TTXVN/Vietnam+</p>)."""
    if layout.body is None:
        return None
    body = layout.body.element
    texts = []
    for box in [body, *list(body.itersiblings())[:4]]:
        for node in box.iter():
            if node is not body and isinstance(node.tag, str):
                text = " ".join(node.text_content().split())
                if 2 <= len(text) <= 120:
                    texts.append(text)
    return read_credit(texts)


def _covers(paragraphs: list[str], texts: list[str]) -> float:
    """Share of ``texts`` (the body block's running paragraphs) found in ``paragraphs``."""
    if not texts:
        return 1.0
    joined = _norm(" ".join(paragraphs))
    return sum(_norm(t)[:60] in joined for t in texts) / len(texts)


def _body_paragraphs(tree, url: str, layout) -> list[str]:
    """The paragraphs of the page's body block alone, when trafilatura took other boxes
    for the article (a teaser box that outweighs a short body)."""
    body = layout.body.element
    page = lxml.html.document_fromstring("<html><body></body></html>")
    page.find("body").append(lxml.html.fromstring(lxml.html.tostring(body, encoding="unicode")))
    paragraphs = _run_trafilatura(page, url)
    if _covers(paragraphs, layout.body.texts) >= 0.8:
        return paragraphs
    return list(layout.body.texts)


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
    return _drop_leading_chrome(kept, norm_title)


def _drop_leading_chrome(paragraphs: list[str], norm_title: str) -> list[str]:
    """The text starts with the article, not with the breadcrumb, the dateline or the
    headline repeated with them ("Kinh tế | Headline | 08/01/2026 16:40"), whether
    they stand alone or open the first paragraph."""
    start = 0
    for paragraph in paragraphs[:4]:
        key = _norm(paragraph)
        if is_dateline(key) or is_breadcrumb(key) or (
                norm_title and norm_title in key and len(key) <= len(norm_title) + 60):
            start += 1
            continue
        break
    paragraphs = paragraphs[start:]
    if paragraphs:
        paragraphs[0] = _without_leading_dateline(paragraphs[0], norm_title)
    return paragraphs


_AFTER_DATE = re.compile(r"[\s)\]|,\-–]*(?:\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?)?[\s)\]|,\-–]*",
                         re.IGNORECASE)


def _dateline_in_text(paragraphs: list[str]):
    """The time of a site dateline among the first lines of the text, else None."""
    for paragraph in paragraphs[:4]:
        head = _norm(paragraph)[:300]
        for start, end in date_spans(head)[:1]:
            shown = head[start:_AFTER_DATE.match(head, end).end()]
            labelled = head[max(0, start - 30):start] + shown
            if is_site_dateline(labelled) or is_site_dateline(shown):
                found = parse_dateline(labelled)
                return found[-1][0] if found else None
    return None


def _without_leading_dateline(paragraph: str, norm_title: str) -> str:
    """ "(Cập nhật lúc 09:30 ngày 09/01/2026) UBND tỉnh vừa ban hành ..." -> "UBND tỉnh ...":
    a paragraph opening with a dateline (after the headline or a breadcrumb, if any)."""
    spans = date_spans(paragraph[:300])
    if not spans:
        return paragraph
    start, end = spans[0]
    end += _AFTER_DATE.match(paragraph, end).end() - end
    prefix, rest = paragraph[:end], paragraph[end:].lstrip()
    if len(rest.split()) < 8:
        return paragraph
    before = _norm(paragraph[:start].replace(norm_title, " ") if norm_title else paragraph[:start])
    head = _norm(prefix.replace(norm_title, " ") if norm_title else prefix)
    if not is_site_dateline(_norm(paragraph[start:end])):
        return paragraph  # "Sáng 08/01/2026, UBND tỉnh ...": the date is part of the sentence
    if is_dateline(head) or (len(before.split()) <= 20 and is_breadcrumb(before.strip(" |-–"))):
        return rest
    return paragraph


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
    return _extract_tree(tree, url, rules, encoding, truncated, discovery)


def _extract_tree(tree, url: str, rules, encoding: str, truncated: bool, discovery) -> dict:
    # Holding every element's Python proxy for the whole extraction lets lxml reuse them:
    # each later tree walk would otherwise build them again through lxml.html's Python
    # class lookup (about a tenth of the extraction time).
    elements = list(tree.iter())
    meta = _meta_index(tree)
    head_title = _norm(tree.findtext(".//title") or "")
    signals = metadata_signals(tree)
    jsonld = jsonld_dates(tree)
    for node in tree.xpath("//script | //style | //noscript | //template"):
        node.drop_tree()
    layout = analyse(tree)
    body_node = layout.body.element if layout.body is not None else None
    order = {el: i for i, el in enumerate(elements)}
    title, title_node = _find_title(tree, meta, head_title, body_node, order)
    sapo, sapo_node = _find_sapo(tree, meta, rules, title_node)
    published, published_from = published_time(tree, url, rules.date_from_url if rules else None, title_node,
                                                jsonld=jsonld, body_node=body_node)
    canonical = _canonical(tree, url)
    author, category = _author(tree, meta), _category(tree, meta)
    signals.update(layout_signals(layout, title_node))
    _unwrap_layout_tables(layout)
    keep = [title_node, sapo_node]
    prune_headed_boxes(tree, keep, layout)
    prune_widgets(tree, keep, layout)
    prune_link_boxes(tree, keep, layout)
    prune_related_links(tree, keep, layout)
    _keep_article_column(title_node, layout)
    paragraphs = _run_trafilatura(tree, url)
    if layout.body is not None and layout.body.paragraphs >= 3 and _covers(paragraphs, layout.body.texts) < 0.5:
        paragraphs = _body_paragraphs(tree, url, layout)
    credit = read_credit([_norm(p) for p in paragraphs]) or _credit_near_body(layout)
    if published is None:  # a dateline that is no element of its own, only text at the top
        published = _dateline_in_text(paragraphs)
    paragraphs = _clean_paragraphs(paragraphs, title, rules)
    if sapo and paragraphs and _norm(sapo)[:80] not in _norm(" ".join(paragraphs)):
        paragraphs.insert(0, sapo)
    body = normalize_text("\n\n".join(paragraphs)) if paragraphs else ""
    verdict = classify_page(signals, url, body, published, discovery, title=title,
                            published_in_metadata=published_from == "metadata")
    return {
        "title": _display_title(title) if title else "",
        "text": body,
        "published_at": published if verdict.is_article else None,
        "author": author,
        "category": category,
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
