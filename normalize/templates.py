"""Learn each source's page template from its own pages, and strip it.

Extraction works one page at a time, so chrome that no per-page rule knows (a portal's
breadcrumb, a dateline with the portal name, a "Bài viết khác" link list, a footer)
can survive it. Across a source's pages that chrome repeats while article text does
not. A line (a paragraph, or one line of a multi-line paragraph) is *chrome* when it is
found on at least ``MIN_SHARE`` of a source's article pages and on at least
``MIN_PAGES`` of them. Pages are counted once per article (same title, or most of their
running text in common), so three copies of one article are one page, not a template.
Digits are masked in short lines (datelines, view counters: "08/01/2026 | 16:40 GMT+7"),
not in running text, whose figures are what tells a daily bulletin from yesterday's.

Chrome is stripped from the top and the bottom of every page of the source, never
from between two lines of the page's own text: a decree's "Căn cứ Luật ..." lines
repeat across a legal portal's pages and are still the decree. A chrome heading after
which a page holds only chrome and short title-like lines (a "Bài viết khác" heading
over links to other articles, whose titles differ from page to page) is a *tail
marker*: the page is cut there. A page that would be stripped to nothing is left as it
is (it is itself an instance of the template; the filters judge it). The same
evidence gives the affix a portal puts around ``<title>`` (" - Bản tin điện tử tổng
hợp"), stripped from titles that came from ``<title>``; such a page's headline, repeated
at the top of its text under the chrome, goes with it.

>>> pages = [dict(title=f"Tin {name}", head_title=f"Tin {name} - Cổng tin tỉnh",
...               text=f"Trang chủ | Tin tức\\n\\nNội dung riêng của bài {name}.\\n\\n"
...                    f"Bài viết khác\\n\\nTin khác sau {name}\\n\\nBản quyền © 2026 Cổng tin tỉnh")
...          for name in ("một", "hai", "ba", "bốn")]
>>> template = learn_template("tinh", [page_features(p["title"], p["text"]) | p for p in pages])
>>> template.title_suffixes
('Cổng tin tỉnh',)
>>> apply_template(template, "Tin năm - Cổng tin tỉnh", "Tin năm - Cổng tin tỉnh",
...                "Trang chủ | Tin tức\\n\\nBài mới, ngày 12/1.\\n\\nBài viết khác\\n\\nTin cũ")
('Tin năm', 'Bài mới, ngày 12/1.', 3)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable

import xxhash

from vicorpus.groups import DisjointSets

MIN_SHARE = 0.05  # of a source's article pages (distinct titles)
MIN_PAGES = 3
COPY_LINE_MAX_PAGES = 50  # a running-text line on more pages is no evidence that two are copies
TAIL_SHARE = 0.5  # a chrome heading is a tail marker when it heads a link list on half its pages
MASK_WORDS = 12  # digits are masked in lines of at most this many words
TITLE_LIKE_WORDS = 30
_DIGITS = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)\]»]*$")
# Separators between a headline and the portal's name in <title>.
_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—»]|::)\s+")
_SEPARATOR_AT_END = re.compile(r"\s+(?:[-|–—»]|::)\s*$")
_SEPARATOR_AT_START = re.compile(r"^\s*(?:[-|–—»]|::)\s+")


def line_key(line: str) -> int:
    """The key of a line: whitespace collapsed, digits masked in short lines, 64-bit hash.

    >>> line_key("08/01/2026 | 16:40 GMT+7") == line_key("09/02/2026  |  07:05 GMT+7")
    True
    >>> bulletin = "Tỷ giá trung tâm ngày {}/4/2026 là {} đồng/USD, tăng {} đồng so với phiên giao dịch trước."
    >>> line_key(bulletin.format(12, 25120, 5)) == line_key(bulletin.format(13, 25131, 11))
    False
    """
    words = line.split()
    text = " ".join(words)
    if len(words) <= MASK_WORDS:
        text = _DIGITS.sub("0", text)
    return xxhash.xxh64_intdigest(text.encode("utf-8"))


def _title_like(line: str) -> bool:
    """A short line without sentence punctuation at its end: a heading or a linked headline."""
    return len(line.split()) <= TITLE_LIKE_WORDS and not _SENTENCE_END.search(line.strip())


def _lines(text: str | None) -> list[tuple[int, str]]:
    """(paragraph number, line) of every non-empty line of ``text``, in order."""
    return [(n, line) for n, paragraph in enumerate((text or "").split("\n\n"))
            for line in paragraph.split("\n") if line.strip()]


def page_features(title: str | None, text: str | None) -> dict:
    """What template learning needs of one page (the extract stage stores it per page).

    >>> f = page_features("Khánh thành cầu", "Hà Nội, 12/1\\nNgày 12/1, cầu được khánh thành.")
    >>> len(f["line_keys"]), f["title_like"]
    (2, [True, False])
    """
    lines = [line for _, line in _lines(text)]
    return {"title_key": xxhash.xxh64_intdigest(" ".join((title or text or "").split()).encode("utf-8")),
            "line_keys": [line_key(line) for line in lines],
            "title_like": [_title_like(line) for line in lines]}


@dataclass(frozen=True)
class Template:
    """What one source's pages share: chrome line keys, tail markers, title affixes."""

    unit: str  # the source name (or "host:NAME" for pages of WARCs without a vicorpus source)
    pages: int  # distinct article pages it was learned from
    chrome: frozenset[int] = frozenset()
    tail_markers: frozenset[int] = frozenset()
    title_prefixes: tuple[str, ...] = ()
    title_suffixes: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"unit": self.unit, "pages": self.pages, "chrome": sorted(self.chrome),
                "tail_markers": sorted(self.tail_markers), "title_prefixes": list(self.title_prefixes),
                "title_suffixes": list(self.title_suffixes)}

    @classmethod
    def from_json(cls, data: dict) -> "Template":
        return cls(unit=data["unit"], pages=data["pages"], chrome=frozenset(data["chrome"]),
                   tail_markers=frozenset(data["tail_markers"]), title_prefixes=tuple(data["title_prefixes"]),
                   title_suffixes=tuple(data["title_suffixes"]))

    def effective(self, keys: set[int], affixes: set[str]) -> dict:
        """The part of this template that pages with line ``keys`` and <title> ``affixes`` meet
        (:func:`title_affixes` of their head titles).

        Two templates with the same effective part give those pages the same text, so a
        shard is redone only when the part it meets has changed.
        """
        return {"chrome": sorted(self.chrome & keys), "tail_markers": sorted(self.tail_markers & keys),
                "title_prefixes": [a for a in self.title_prefixes if "^" + a in affixes],
                "title_suffixes": [a for a in self.title_suffixes if "$" + a in affixes]}


def title_affixes(head_title: str | None) -> set[str]:
    """The candidate prefix ("^...") and suffix ("$...") of a <title>.

    >>> sorted(title_affixes("Lúa được mùa - Bản tin điện tử tổng hợp"))
    ['$Bản tin điện tử tổng hợp', '^Lúa được mùa']
    """
    prefix, suffix = _affix(head_title or "", 0), _affix(head_title or "", -1)
    return {"^" + prefix, "$" + suffix} if prefix and suffix else set()


def _affix(title: str, end: int) -> str | None:
    """The first (``end`` 0) or last (-1) separator-delimited part of a <title>, if it has parts."""
    parts = _TITLE_SEPARATORS.split(" ".join(title.split()))
    return parts[end] if len(parts) >= 2 else None


def learn_template(unit: str, pages: list[dict]) -> Template:
    """Learn from a source's article pages (dicts of :func:`page_features` plus ``head_title``)."""
    distinct = _one_per_article(pages)  # copies of an article are not a template
    need = max(MIN_PAGES, math.ceil(MIN_SHARE * len(distinct)))
    support: dict[int, int] = {}
    for page in distinct:
        for key in set(page["line_keys"]):
            support[key] = support.get(key, 0) + 1
    chrome = frozenset(k for k, n in support.items() if n >= need)
    tail_hits: dict[int, int] = {}
    for page in distinct:
        cut = _tail_cut(page["line_keys"], page["title_like"], chrome, None)
        if cut is not None:
            key = page["line_keys"][cut]
            tail_hits[key] = tail_hits.get(key, 0) + 1
    tail = frozenset(k for k, n in tail_hits.items() if n >= need and n >= TAIL_SHARE * support[k])
    affixes: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
    for page in distinct:
        for end, found in zip((0, -1), affixes):
            part = _affix(page.get("head_title") or "", end)
            if part:
                found.setdefault(part, set()).add(page["title_key"])
    prefixes, suffixes = (tuple(sorted(a for a, keys in found.items() if len(keys) >= need))
                          for found in affixes)
    return Template(unit, len(distinct), chrome, tail, prefixes, suffixes)


def _one_per_article(pages: list[dict]) -> list[dict]:
    """One page of each article: pages with the same title, or sharing at least half the
    running-text lines of the one with fewer (an article reposted in several sections under
    an edited title), count once. Lines on more than ``COPY_LINE_MAX_PAGES`` pages are left
    out of that comparison: a disclaimer on every page makes no two pages copies.

    >>> story = ["Sáng 9/3, thành phố khởi công cầu Tứ Liên dài 4,8 km.", "Cầu có 6 làn xe."]
    >>> pages = [page_features(t, "\\n\\n".join(story)) for t in ("Khởi công cầu", "Khởi công cầu Tứ Liên")]
    >>> len(_one_per_article(pages + [page_features("Khác", "Một bài khác hẳn.")]))
    2
    """
    groups = DisjointSets(len(pages))
    first_of_title: dict[int, int] = {}
    carriers: dict[int, list[int]] = {}
    prose: list[set[int]] = []
    for i, page in enumerate(pages):
        groups.join(i, first_of_title.setdefault(page["title_key"], i))
        keys = {k for k, short in zip(page["line_keys"], page["title_like"]) if not short}
        prose.append(keys)
        for key in keys:
            carriers.setdefault(key, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    for found in carriers.values():
        if 2 <= len(found) <= COPY_LINE_MAX_PAGES:
            for x, a in enumerate(found):
                for b in found[x + 1:]:
                    shared[a, b] = shared.get((a, b), 0) + 1
    for (a, b), n in shared.items():
        if n >= 2 and 2 * n >= min(len(prose[a]), len(prose[b])):
            groups.join(a, b)
    seen: set[int] = set()
    return [page for i, page in enumerate(pages) if not (groups.root(i) in seen or seen.add(groups.root(i)))]


def _tail_cut(keys: list[int], title_like: list[bool], chrome: frozenset[int],
              markers: frozenset[int] | None) -> int | None:
    """Index of the first chrome heading (a marker, when ``markers`` is given) after which the page
    holds only chrome and title-like lines, at least one of them not chrome; else None."""
    for i, key in enumerate(keys):
        if key not in chrome or not title_like[i] or (markers is not None and key not in markers):
            continue
        rest = range(i + 1, len(keys))
        if any(keys[j] not in chrome for j in rest) and \
                all(keys[j] in chrome or title_like[j] for j in rest):
            return i
    return None


def _strip_title(title: str, template: Template) -> str:
    shown = " ".join(title.split())
    suffix, prefix = _affix(shown, -1), _affix(shown, 0)
    if suffix in template.title_suffixes:
        shown = _SEPARATOR_AT_END.sub("", shown[:len(shown) - len(suffix)])
    if prefix in template.title_prefixes and _affix(shown, 0) == prefix:
        shown = _SEPARATOR_AT_START.sub("", shown[len(prefix):])
    return shown.strip() or title


def apply_template(template: Template, title: str | None, head_title: str | None,
                   text: str | None) -> tuple[str | None, str | None, int]:
    """(title, text, lines removed) of one page of the template's source."""
    headline = None
    if title and head_title and " ".join(title.split()) == " ".join(head_title.split()):
        stripped = _strip_title(title, template)
        headline, title = (stripped if stripped != title else None), stripped
    lines = _lines(text)
    if not lines or not (template.chrome or headline):
        return title, text, 0
    keys = [line_key(line) for _, line in lines]
    end = _tail_cut(keys, [_title_like(line) for _, line in lines], template.chrome, template.tail_markers)
    end = len(lines) if end is None else end
    while end > 0 and keys[end - 1] in template.chrome:
        end -= 1
    start = 0
    # the chrome on top, and the headline the page repeats under it (its <title> had the affix)
    while start < end and (keys[start] in template.chrome or
                           (headline and " ".join(lines[start][1].split()) == headline)):
        start += 1
    if start == end or (start == 0 and end == len(lines)):
        return title, text, 0  # nothing of the template, or nothing but the template
    paragraphs: dict[int, list[str]] = {}
    for number, line in lines[start:end]:
        paragraphs.setdefault(number, []).append(line)
    return title, "\n\n".join("\n".join(p) for p in paragraphs.values()), len(lines) - (end - start)


def chrome_samples(template: Template, texts: Iterable[str], limit: int = 8) -> list[str]:
    """Up to ``limit`` chrome lines as they read in ``texts`` (for the log and for people)."""
    found: list[str] = []
    for text in texts:
        for _, line in _lines(text):
            if line not in found and line_key(line) in template.chrome:
                found.append(line)
                if len(found) >= limit:
                    return found
    return found
