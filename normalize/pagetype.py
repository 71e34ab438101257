"""Article or not: list, tag, search and category pages are recognised, with a reason.

Signals (none decisive alone): og:type / JSON-LD @type, a list/search URL, a
publication date, how much running (non-link) text the page has against how many
article links it lists.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

_LIST_URL = re.compile(
    r"/(?:tag|tags|tim-kiem|search|chu-de|topic|chuyen-muc|danh-muc|category|su-kien)(?:/|\.|-|$)"
    r"|[?&](?:q|query|keyword|tu-khoa|s)=|/(?:trang|page|p)-?\d+(?:/|\.htm|$)", re.IGNORECASE)
SAPO_MARKER = re.compile(
    r"(?:^|[\s_\-])(?:sapo\w*|\w*-sapo|sapo_detail|lead|article-?lead|lead-?text|chapeau|"
    r"description|summary|excerpt|article__sapo|singular-sapo|detail-sapo|intro)(?:$|[\s_\-])",
    re.IGNORECASE)
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "report", "liveblogposting"}
_LIST_TYPES = {"collectionpage", "itemlist", "searchresultspage", "website", "webpage",
               "profilepage"}


def _jsonld_types(tree) -> set[str]:
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

    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        try:
            walk(json.loads(script.text or "", strict=False))
        except ValueError:
            found.update(t.lower() for t in re.findall(r'"@type"\s*:\s*"(\w+)"', script.text or ""))
    return found


def _article_links(tree, host: str) -> int:
    """Links to same-site pages with article-like titles (4+ words)."""
    seen = set()
    for a in tree.iter("a"):
        href = a.get("href") or ""
        target = urlsplit(href)
        if target.netloc and host and not target.netloc.lower().endswith(host):
            continue
        if len(" ".join(a.text_content().split()).split()) >= 6:
            seen.add(href)
    return len(seen)


def page_signals(tree, url: str, title_node) -> dict:
    """Signals read from the whole page (call before scripts are stripped)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    sapo_like = 0
    for node in tree.iter():
        if isinstance(node.tag, str) and node.tag not in ("meta", "script", "style"):
            role = f"{node.get('data-role', '')} {node.get('data-slot', '')}".lower()
            marker = f"{node.get('class', '')} {node.get('id', '')}"
            if ("sapo" in role or SAPO_MARKER.search(marker)) and len(node.text_content().split()) >= 8:
                sapo_like += 1
    title_words = len(title_node.text_content().split()) if title_node is not None else 0
    return {
        "og_type": (tree.xpath('string(//meta[@property="og:type"]/@content)') or "").strip().lower(),
        "types": _jsonld_types(tree),
        "links": _article_links(tree, host),
        "sapo_like": sapo_like,
        "h1_words": title_words if title_node is not None and title_node.tag == "h1" else 0,
    }


def classify_page(signals: dict, url: str, text: str, published) -> tuple[bool, str | None]:
    """(is_article, not_article_reason) from :func:`page_signals` and the extracted text.

    ``text`` is the extracted article text; ``published`` the found date or None.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    types, og_type = signals["types"], signals["og_type"]
    words = len(text.split())
    links = signals["links"]
    paragraphs = [p for p in text.split("\n\n") if len(p.split()) >= 25]

    if not text.strip():
        return False, "not_article:no_text"
    if path in ("", "/") or re.fullmatch(r"/(?:index|default|home)\.\w+", path):
        return False, "not_article:home_page"
    if _LIST_URL.search(url) and not (types & _ARTICLE_TYPES):
        return False, "not_article:list_page"
    votes = 2 if types & _ARTICLE_TYPES else 0
    votes -= 1 if types & {"collectionpage", "itemlist", "searchresultspage"} else 0
    votes += 1 if og_type == "article" else 0
    votes -= 1 if og_type in ("website", "object") else 0
    votes += 1 if published is not None else -1
    # an article's <h1> is its headline; a section page's is a short section name
    votes += 2 if signals["h1_words"] >= 5 else -2
    # Vietnamese article URLs: a long slug ending in a numeric id
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    if re.search(r"[a-z0-9]+(?:-[a-z0-9]+){3,}.*\d{5,}", slug) or re.search(r"[?&]id=\d+", url):
        votes += 1
    elif slug.count("-") <= 4 and not re.search(r"\d{5,}", slug):
        votes -= 1
    # a list shows a summary under each teaser; an article has one lead
    votes -= 2 if signals["sapo_like"] >= 4 else 0
    votes += 1 if len(paragraphs) >= 3 else -1
    if links >= 25 and words < 12 * links and len(paragraphs) < 4:
        votes -= 2
    if words < 80:
        votes -= 2
    if votes >= 2:
        return True, None
    return False, "not_article:list_page"
