"""Bench pages in real sites' markup: a story put into a saved real article page in place of its own.

The generated pages of bench/workload.py carry little markup (a menu, one article, a sidebar):
our extractor spends about 7 ms on one, against 28-42 ms on a real news page, whose menus,
teaser boxes and footers hold thousands of elements. A crawl gives real pages, so a workload
meant to say what a user's run costs needs their markup. Each real article page of
tests/data/real_pages (and of ../shared/data/pages when present) becomes a template: its
annotated text (``must_contain``) locates the body, whose paragraphs are replaced by the
story's; the headline, the lead and the URL are the story's too, everything else (head,
menus, boxes, scripts, footer, date) stays as the site served it.

>>> from bench.workload import Story
>>> from datetime import datetime, timezone
>>> page = (b'<html><head><title>Cu | Bao</title></head><body><nav>Trang chu</nav><h1>Tin cu</h1>'
...         b'<p class="sapo">Doan mo dau cu cua bai.</p><div class="body"><p>Cau thu nhat cu.</p>'
...         b'<p>Cau cuoi cung cu.</p></div><footer>Ban quyen</footer></body></html>')
>>> t = RealTemplate.locate("http://bao.vn/tin-cu.htm", page, "Tin cu",
...                         ["Doan mo dau cu cua bai.", "Cau thu nhat cu.", "Cau cuoi cung cu."])
>>> story = Story("c1", "Tin mới", "Đoạn mở đầu mới.", ["Câu một.", "Câu hai."], "Lan",
...               datetime(2026, 1, 2, tzinfo=timezone.utc))
>>> out = t.fill(story, story.paragraphs, "http://bao.vn/tin-moi.htm").decode()
>>> "<h1>Tin mới</h1>" in out, "<p>Câu một.</p><p>Câu hai.</p>" in out, "Cau thu nhat" in out
(True, True, False)
>>> "<nav>Trang chu</nav>" in out and "Đoạn mở đầu mới." in out
True
"""

from __future__ import annotations

import copy
import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from bench.extraction import norm as _norm  # the annotations' normalization (entities, NFC, spaces)

REPO = Path(__file__).resolve().parent.parent




_UNSEEN = ("script", "style", "noscript", "template", "title")


def _visible(element) -> str:
    return _norm("".join(element.xpath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
                                       "or ancestor::template)]")))


def _deepest_holding(root, needle: str):
    """The deepest element of the body whose visible text holds ``needle`` (None when none does);
    a JSON-LD script holding the lead is no place to put a story."""
    found = None
    for element in root.body.iter():
        if isinstance(element.tag, str) and element.tag not in _UNSEEN and needle in _norm(element.text_content()):
            if needle in _visible(element):
                found = element  # iter() is document order: a later hit inside the last one is deeper
    return found


def _headline(doc, title: str):
    """The element showing the headline: an <h1>..<h3> whose text is the title (spaces aside: a
    headline split in two <span>s reads "Phường Hai Bà Trưng:Mong..."), else the first other
    element of the body whose text is (sites put it in a <div class="title">)."""
    wanted = _norm(title).replace(" ", "")
    shown = [e for e in doc.body.iter() if isinstance(e.tag, str) and e.tag not in ("a", "option") + _UNSEEN
             and _norm(e.text_content()).replace(" ", "") == wanted]
    shown = [e for e in shown if not any(c in shown for c in e.iterdescendants())]  # the innermost
    return next((e for e in shown if e.tag in ("h1", "h2", "h3")), shown[0] if shown else None)


def _ancestors(element) -> list:
    out = []
    while element is not None:
        out.append(element)
        element = element.getparent()
    return out


@dataclass
class RealTemplate:
    """A real page, parsed, with the paths of its headline, lead and body paragraphs."""

    url: str
    doc: object  # lxml root
    headline: object | None
    lead: object | None
    body: object  # the element holding the body paragraphs
    first: int  # body children [first, last] are the article's paragraphs
    last: int

    @classmethod
    def locate(cls, url: str, page: bytes, title: str, must_contain: list[str]) -> "RealTemplate | None":
        """The template of one annotated page; None when its body cannot be told apart."""
        doc = lxml.html.document_fromstring(page.decode("utf-8", "replace"))
        body_needles = [_norm(s) for s in must_contain[1:]]
        holders = [_deepest_holding(doc, s) for s in body_needles]
        if len(holders) < 2 or any(h is None for h in holders):
            return None
        chains = [_ancestors(h) for h in holders]
        common = next((a for a in chains[0] if all(a in c for c in chains[1:])), None)
        if common is None:
            return None
        children = list(common)
        indexes = []
        for chain in chains:
            child = next((c for c in chain if c.getparent() is common), None)
            if child is None:
                return None
            indexes.append(children.index(child))
        first, last = min(indexes), max(indexes)
        if first == last:
            return None
        headline = _headline(doc, title)
        lead_holder = _deepest_holding(doc, _norm(must_contain[0])) if must_contain else None
        if lead_holder is not None and common in _ancestors(lead_holder) and lead_holder is not common:
            child = next(c for c in _ancestors(lead_holder) if c.getparent() is common)
            if first <= children.index(child) <= last:
                lead_holder = None  # the lead is one of the replaced paragraphs
        return cls(url, doc, headline, lead_holder, common, first, last)

    @property
    def host(self) -> str:
        """The real site's scheme and host: a crawl of it would give pages of this markup."""
        return re.match(r"https?://[^/]+", self.url).group(0)

    def page(self, story, paragraphs: list[str], url: str, rng=None, other_titles=None,
             credit: str | None = None, caption: str | None = None) -> bytes:
        """:meth:`fill`, with a caption after the second paragraph and a credit line last (the
        generated layouts' signature; the related titles are the real page's own)."""
        shown = list(paragraphs)
        if caption:
            shown.insert(min(2, len(shown)), caption)
        if credit:
            shown.append(credit)
        return self.fill(story, shown, url)

    def fill(self, story, paragraphs: list[str], url: str) -> bytes:
        """This page with the story's headline, lead, paragraphs and URL."""
        doc = copy.deepcopy(self.doc)
        path = self.doc.getroottree().getpath
        find = doc.getroottree().xpath
        body = find(path(self.body))[0]
        for child in list(body)[self.first:self.last + 1]:
            body.remove(child)  # with its tail text (whitespace between paragraphs)
        for k, text in enumerate(paragraphs):
            p = lxml.html.Element("p")
            p.text = text
            body.insert(self.first + k, p)
        if self.headline is not None:
            h1 = find(path(self.headline))[0]
            for child in list(h1):
                h1.remove(child)
            h1.text = story.title
        if self.lead is not None:
            lead = find(path(self.lead))
            if lead:
                for child in list(lead[0]):
                    lead[0].remove(child)
                lead[0].text = story.lead
        for title in doc.iter("title"):
            title.text = story.title
        for meta in doc.iter("meta"):
            if meta.get("property") in ("og:title", "twitter:title") or meta.get("name") == "twitter:title":
                meta.set("content", story.title)
            elif meta.get("property") == "og:url":
                meta.set("content", url)
            elif meta.get("name") == "description" or meta.get("property") == "og:description":
                meta.set("content", story.lead[:160])
        for link in doc.iter("link"):
            if link.get("rel") == "canonical":
                link.set("href", url)
        return b"<!DOCTYPE html>\n" + lxml.html.tostring(doc, encoding="utf-8")


def annotated_pages(shared: Path | None) -> list[tuple[str, bytes, str, list[str]]]:
    """(url, html, title, must_contain) of the real article pages: the repo's, then ../shared's."""
    folders = [REPO / "tests" / "data" / "real_pages"]
    if shared is not None:
        folders.append(Path(shared) / "data" / "pages")
    out = []
    for folder in folders:
        if not (folder / "pages.json").is_file():
            continue
        for entry in json.loads((folder / "pages.json").read_text(encoding="utf-8")):
            if not entry.get("is_article") or len(entry.get("must_contain", [])) < 3:
                continue
            page = (folder / entry["file"]).read_bytes()
            if entry["file"].endswith(".gz"):
                page = gzip.decompress(page)
            out.append((entry["url"], page, entry["title"], entry["must_contain"]))
    return out


def real_templates(shared: Path | None) -> list[RealTemplate]:
    """Every annotated real article page whose body could be located, in a fixed order."""
    located = [RealTemplate.locate(url, page, title, must) for url, page, title, must in annotated_pages(shared)]
    return [t for t in located if t is not None]
