"""The article body a page ships in its scripts, for pages whose HTML is only a skeleton.

A page rendered in the browser (Next.js, Nuxt, a single-page app) may send an empty
``<div id="root">`` and a "Đang tải nội dung…" placeholder, with the article itself in
JSON: the ``articleBody`` of its JSON-LD ``NewsArticle``, or a field of the data blob the
app renders from (``<script id="__NEXT_DATA__" type="application/json">``). A reader
sees that text once the page renders, so it is the page's text.

Only read when the visible body is much shorter (see :func:`prefer_script_body`): on an
ordinary page the scripts hold the same text or a cut of it.

>>> _paragraphs("<p>Sáng 16/6, UBND tỉnh khai trương trung tâm dữ liệu.</p><p>Trung tâm có 120 tủ rack.</p>")
['Sáng 16/6, UBND tỉnh khai trương trung tâm dữ liệu.', 'Trung tâm có 120 tủ rack.']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

from normalize.pagemeta import norm
from normalize.pagetype import ARTICLE_TYPES

# A data blob larger than this is not read (a whole product catalogue, not one article).
MAX_JSON_CHARS = 4_000_000
# A script body counts only from this many words, and replaces the visible one only when it
# has this many times its words.
MIN_WORDS = 80
MIN_RATIO = 1.5
CANDIDATES_READ = 4
# The key of a data blob's publication time ("publishedAt", "publish_date", "pubDate"...).
_PUBLISHED_KEY = re.compile(r"date_?published|published(?:_?(?:at|date|time|on))?|publish_?(?:date|time|at)|pub_?date",
                            re.IGNORECASE)
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
_TAG = re.compile(r"<(?:p|br|div|h[2-6]|li)\b", re.IGNORECASE)
_DATA_SCRIPTS = lxml.etree.XPath('//script[contains(translate(@type,"JSON","json"),"json")'
                                 ' and not(contains(translate(@type,"LD","ld"),"ld+json"))]')


@dataclass
class ScriptBody:
    """An article body found in the page's scripts: its paragraphs and, from a data blob,
    the publication time written beside it (JSON-LD dates are read with the page's metadata)."""

    paragraphs: list[str] = field(default_factory=list)
    published: str | None = None


def script_body(tree, jsonld: list[tuple[str, object]]) -> ScriptBody:
    """The longest article body in the page's scripts (no paragraphs when none).

    ``jsonld``: the page's parsed JSON-LD (:func:`normalize.dates.jsonld_scripts`). Call
    before the scripts are dropped from ``tree``.
    """
    candidates: list[tuple[str, dict]] = []
    try:  # (a blob nested deeper than the recursion limit is no article's data)
        for _, data in jsonld:
            _article_bodies(data, candidates)
        from_jsonld = len(candidates)
        for script in _DATA_SCRIPTS(tree):
            text = script.text or ""
            if len(text) > MAX_JSON_CHARS:
                continue
            try:
                data = json.loads(text)
            except ValueError:
                continue
            _long_strings(data, {}, candidates)
    except RecursionError:
        return ScriptBody()
    best = ScriptBody()
    # the few longest strings only: a data blob may hold many (teasers, comments)
    longest = sorted(range(len(candidates)), key=lambda i: -len(candidates[i][0]))[:CANDIDATES_READ]
    for number in sorted(longest):
        value, holder = candidates[number]
        paragraphs = _paragraphs(value)
        if _words(paragraphs) > _words(best.paragraphs):
            date = None if number < from_jsonld else next(
                (v for k, v in holder.items() if isinstance(v, str) and _PUBLISHED_KEY.fullmatch(k)), None)
            best = ScriptBody(paragraphs, date)
    return best if _words(best.paragraphs) >= MIN_WORDS else ScriptBody()


def prefer_script_body(script: list[str], visible: list[str]) -> bool:
    """Does the script body hold the article where the visible one holds a skeleton?

    >>> prefer_script_body(["một hai ba bốn năm sáu bảy tám chín mười"] * 10, ["Đang tải nội dung…"])
    True
    >>> prefer_script_body(["một hai ba bốn năm sáu bảy tám chín mười"] * 10, ["một hai ba bốn năm"] * 20)
    False
    """
    return bool(script) and _words(script) >= MIN_RATIO * _words(visible)


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _article_bodies(node, found: list[tuple[str, dict]]) -> None:
    """articleBody strings of article-typed JSON-LD objects, at any depth (@graph, lists)."""
    if isinstance(node, list):
        for item in node:
            _article_bodies(item, found)
    elif isinstance(node, dict):
        kinds = node.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        body = node.get("articleBody")
        if isinstance(body, str) and any(isinstance(k, str) and k.lower() in ARTICLE_TYPES for k in kinds):
            found.append((body, node))
        for value in node.values():
            if isinstance(value, (dict, list)):
                _article_bodies(value, found)


def _long_strings(node, holder: dict, found: list[tuple[str, dict]]) -> None:
    """String values of a data blob long enough to be an article body, with the object
    holding each (where its publication time may be)."""
    if isinstance(node, list):
        for item in node:
            _long_strings(item, holder, found)
    elif isinstance(node, dict):
        for value in node.values():
            _long_strings(value, node, found)
    elif isinstance(node, str) and len(node) >= 400 and node.count(" ") >= MIN_WORDS:
        found.append((node, holder))


def _paragraphs(value: str) -> list[str]:
    """Paragraphs of a body given as HTML (its blocks) or as plain text (its lines)."""
    if _TAG.search(value):
        try:
            fragment = lxml.html.fragment_fromstring(value, create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            return []
        for node in fragment.xpath(".//script | .//style | .//figcaption | .//figure"):
            node.drop_tree()
        blocks = [node for node in fragment.iter(*_BLOCKS)
                  if not any(a.tag in _BLOCKS for a in node.iterancestors())]
        texts = [norm(node.text_content()) for node in blocks] or [norm(fragment.text_content())]
    else:
        texts = [norm(line) for line in value.split("\n")]
    return [text for text in texts if text]
