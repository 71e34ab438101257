"""Where a page's running text is: its body block, its teaser boxes, its link lists.

Page typing (normalize/pagetype.py) and pruning (normalize/boilerplate.py) read the
page's own structure through this one pass, so neither depends on class names or
URLs.

A *segment* is a stretch of inline text inside one block element, ended by a
``<br>`` or a child block. It is *running text* when it has 8+ words, less than
half of them in links, and does not open with a headline link; it is a *link
item* when it is a headline-like link (4+ words, 70%+ link words) or opens with
a 6+ word one (a teaser: "<a>headline</a> - summary").

Segments are grouped as a reader sees one block of text: the one segment of a leaf
block (a ``<p>``, a ``<div>`` of inline content) belongs to its parent, the
segments of a block that has several (``<br>``-separated text) or child blocks
belong to that block. The *body* is the group with the most running words that is
not a teaser list (link items at least 80% of its running paragraphs); a
paragraph with no sentence end (a menu line, an ad) weighs half, a heading and a
repeated paragraph nothing.

>>> import lxml.html
>>> paras = "".join(f"<p>Sáng {d}/1, Ủy ban nhân dân tỉnh họp tổng kết công tác năm 2025.</p>"
...                 for d in range(1, 5))
>>> teasers = "".join(f'<li><a href="/{n}">Tỉnh khởi công tuyến đường ven biển số {n}</a></li>'
...                   for n in range(6))
>>> layout = analyse(lxml.html.document_fromstring(
...     f"<html><body><div>{paras}</div><ul>{teasers}</ul></body></html>"))
>>> layout.body.paragraphs, layout.body.words, layout.headline_links
(4, 56, 6)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from normalize.lexicon import box_heading

INLINE_TAGS = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em",
    "font", "i", "img", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "del", "ins"})
# Boxes whose text is never the article's, whatever their shape.
NEVER_BODY_TAGS = frozenset({"head", "title", "nav", "footer", "aside", "select", "option", "button", "textarea",
                             "script", "style", "noscript", "template", "svg", "iframe"})
_COMMENT_TOKENS = r"comments?|binh-?luan"
NEVER_BODY_MARKER = re.compile(
    r"(?:^|[\s_\-])(?:popup|modal|overlay|newsletter|subscribe|" + _COMMENT_TOKENS + r"|"
    r"footer|cookie\w*|"
    # a post embedded from a social network (the platforms' own class names): its text is the
    # poster's, not the article's
    r"twitter-tweet|instagram-media|tiktok-embed|fb-post|fb-video|threads-post)(?:$|[\s_\-])", re.IGNORECASE)
_COMMENTS_MARKER = re.compile(r"(?:^|[\s_\-])(?:" + _COMMENT_TOKENS + r")(?:$|[\s_\-])", re.IGNORECASE)
CAPTION_MARKER = re.compile(r"caption", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…](?:[\"”»’)\]]*)(?=\s|$)")

_BOX_HEADING = box_heading()
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
RUNNING_MIN_WORDS = 8
LINK_ITEM_MIN_WORDS = 4
HEADLINE_LINK_MIN_WORDS = 5
# a segment opening with a link this long is a teaser ("<a>headline</a> - summary"); a
# paragraph opening with a linked name ("<a>Thủ tướng Phạm Minh Chính</a> vừa ký ...") is text
OPENING_LINK_MIN_WORDS = 6


@dataclass
class Group:
    """The segments a reader sees as one block of text."""

    element: object
    texts: list[str] = field(default_factory=list)  # running-text paragraphs
    words: int = 0  # running words
    sentences: int = 0
    weight: float = 0.0  # running words, half for paragraphs with no sentence end
    caption_paragraphs: int = 0  # of them, in photo captions (<figcaption>, class *caption*)
    link_items: int = 0
    headline_links: int = 0  # link items of HEADLINE_LINK_MIN_WORDS+ words
    related_items: int = 0  # of the link items, those under a related box's heading ("Các tin khác:")

    @property
    def paragraphs(self) -> int:
        return len(self.texts)

    @property
    def is_teaser_list(self) -> bool:
        """Are the block's paragraphs teasers: as many links as paragraphs? Links under a related
        box's heading in the same cell as the article (an old template's "Các tin khác:" lines
        after the story) are the box's, not the paragraphs' headlines."""
        teasers = self.link_items - self.related_items
        return teasers >= 3 and teasers >= 0.8 * len(self.texts)


@dataclass
class Layout:
    """What :func:`analyse` found on a page."""

    groups: dict
    body: Group | None
    # running paragraphs next to headline links outside the body: teaser summaries
    teaser_paragraphs: int = 0
    teaser_words: int = 0
    headline_links: int = 0  # headline-like links outside the body
    content: set = field(default_factory=set)  # body-like groups and their ancestors

    @property
    def body_words(self) -> int:
        return self.body.words if self.body else 0

    @property
    def body_paragraphs(self) -> int:
        return self.body.paragraphs if self.body else 0

    @property
    def captions_are_body(self) -> bool:
        """A photo story: most of the body block's paragraphs are photo captions."""
        return self.body is not None and self.body.caption_paragraphs * 2 >= self.body.paragraphs > 0

    def is_content(self, node) -> bool:
        """True for a block holding running body text (never pruned as a widget)."""
        return node in self.content


def _marker(node) -> str:
    return f"{node.get('class', '')} {node.get('id', '')}"


def _blocks_inside_inline(root) -> set:
    """Inline elements holding a block (``<a><h3>..</h3><p>..</p></a>`` cards): these
    are walked as blocks."""
    holders = set()
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in INLINE_TAGS:
            continue
        parent = el.getparent()
        if tag == "br":  # a <font> of <br><br>-separated paragraphs (old portals) is a block too
            if parent is None or parent.tag not in INLINE_TAGS or parent in holders or el.getnext() is None \
                    or el.getnext().tag != "br":
                continue
        while parent is not None and parent.tag in INLINE_TAGS and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return holders


def _segments(el, holders: set, all_link: bool):
    """(text, words, link_words, opens_with_link_words) per segment of ``el``, and
    whether ``el`` has child blocks."""
    pieces = []  # (text, link words or -1 for all, is a link) or None for a break
    has_blocks = False
    text = el.text
    if text and not text.isspace():
        pieces.append((text, 0, False))
    for child in el:
        tag = child.tag
        if tag.__class__ is str:
            if tag == "br":
                pieces.append(None)
            elif tag in INLINE_TAGS and child not in holders:
                text = child.text_content()
                if text and not text.isspace():
                    if tag == "a":
                        pieces.append((text, -1, True))
                    else:
                        inner = sum(len(a.text_content().split()) for a in child.iter("a"))
                        pieces.append((text, inner, inner > 0 and inner >= len(text.split())))
            else:
                pieces.append(None)
                has_blocks = True
        tail = child.tail
        if tail and not tail.isspace():
            pieces.append((tail, 0, False))
    segments = []
    texts, words, link, opening = [], 0, 0, -1
    for piece in pieces + [None]:
        if piece is None:
            if words:
                segments.append((" ".join(" ".join(texts).split()), words, words if all_link else link,
                                 max(opening, 0)))
            texts, words, link, opening = [], 0, 0, -1
            continue
        text, link_words, is_link = piece
        n = len(text.split())
        if opening < 0:
            opening = n if is_link else 0
        texts.append(text)
        words += n
        link += n if link_words < 0 else link_words
    return segments, has_blocks


def _add_paragraph(group: Group, text: str, caption: bool = False) -> None:
    words, ends = len(text.split()), len(_SENTENCE_END.findall(text))
    group.texts.append(text)
    group.words += words
    group.sentences += max(1, ends)
    group.weight += words if ends else words / 2
    group.caption_paragraphs += caption


def block_of(texts: list[str]) -> Group:
    """``texts`` counted as one block of running text, as a page's body block is counted
    (the extract stage's figures for a body read from the page's scripts).

    >>> block = block_of(["Sáng 16/6, tỉnh khai trương trung tâm dữ liệu. Trung tâm có 120 tủ.", "Dự án xong."])
    >>> block.paragraphs, block.words, block.sentences
    (2, 17, 3)
    """
    group = Group(element=None)
    for text in texts:
        _add_paragraph(group, text)
    return group


def _lift_wrapped_paragraphs(groups: dict) -> None:
    """Paragraphs wrapped one per box (``<div class="para"><p>..</p></div>`` x N, or a
    photo story's ``<figure><figcaption><p>..</p></figcaption></figure>`` x N) are one
    body: groups of a single plain paragraph merge into the nearest ancestor, parent or
    grandparent, that holds two or more of them."""
    for level in (1, 2):
        by_anchor: dict = {}
        for owner, group in groups.items():
            if group.paragraphs == 1 and not group.link_items:
                anchor = owner
                for _ in range(level):
                    anchor = anchor.getparent() if anchor is not None else None
                if anchor is not None:
                    by_anchor.setdefault(anchor, []).append(owner)
        for anchor, owners in by_anchor.items():
            if len(owners) < 2:
                continue
            target = groups.get(anchor)
            if target is None:
                target = groups[anchor] = Group(anchor)
            for owner in owners:
                group = groups.pop(owner)
                for text in group.texts:
                    if text not in target.texts:  # a repeated box (an ad) is one paragraph
                        _add_paragraph(target, text, group.caption_paragraphs > 0)
                # A box holding the paragraph and a headline link (a list's card: <h3><a>..</a></h3>
                # then the summary) brings its link along: the lifted group is read as teasers.
                box = groups.get(owner.getparent()) if level == 2 else None
                if box is not None and box is not target and box.link_items and not box.texts:
                    target.link_items += box.link_items
                    target.headline_links += box.headline_links
                    groups.pop(owner.getparent())


def analyse(root) -> Layout:
    """One pass over the page (scripts and styles already removed)."""
    holders = _blocks_inside_inline(root)
    link_context = set()
    for holder in holders:
        if holder.tag == "a":
            link_context.update(holder.iter())
    excluded, captions = set(), set()
    groups: dict = {}
    page_text = None
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag == "br":
            continue
        parent = el.getparent()
        never = tag in NEVER_BODY_TAGS
        if not never and (el.get("class") or el.get("id")) and NEVER_BODY_MARKER.search(_marker(el)):
            # A pop-up or a comment box, not a wrapper of the whole page that is so named
            # ("ms-core-overlay"): it holds half the page's text or less, or it is a thread of
            # comments (which may outweigh a short story) without an <h1>, <article> or <main>.
            page_text = len(root.text_content()) if page_text is None else page_text
            never = 2 * len(el.text_content()) <= page_text or (
                _COMMENTS_MARKER.search(_marker(el)) is not None
                and next(el.iter("h1", "article", "main"), None) is None)
        if parent in excluded or never:
            excluded.add(el)
            continue
        if parent in captions or tag == "figcaption" or CAPTION_MARKER.search(el.get("class") or ""):
            captions.add(el)
        if tag in INLINE_TAGS and el not in holders:
            continue
        segments, has_blocks = _segments(el, holders, el in link_context)
        if not segments:
            continue
        owner = el if has_blocks or len(segments) > 1 or parent is None else parent
        while owner is not el and owner in holders and owner.getparent() is not None:
            owner = owner.getparent()  # a card <li><a><h3>headline</h3></a><p>summary</p></li> is one group
        group = groups.get(owner)
        if group is None:
            group = groups[owner] = Group(owner)
        under_box_heading = False
        for text, words, link, opening in segments:
            if not link and _BOX_HEADING.match(text):
                under_box_heading = True
            if words >= LINK_ITEM_MIN_WORDS and (link >= 0.7 * words or opening >= OPENING_LINK_MIN_WORDS):
                group.link_items += 1
                group.related_items += under_box_heading
                if link >= HEADLINE_LINK_MIN_WORDS or opening >= HEADLINE_LINK_MIN_WORDS:
                    group.headline_links += 1
            elif (words >= RUNNING_MIN_WORDS and link < 0.5 * words and tag not in HEADING_TAGS
                  and text not in group.texts):
                _add_paragraph(group, text, el in captions)
    _lift_wrapped_paragraphs(groups)
    candidates = [g for g in groups.values() if g.texts and not g.is_teaser_list]
    body = max(candidates, key=lambda g: g.weight, default=None)
    layout = Layout(groups=groups, body=body)
    for group in groups.values():
        if group is body:
            continue
        layout.headline_links += group.headline_links
        if group.link_items and group.texts:
            layout.teaser_paragraphs += group.paragraphs
            layout.teaser_words += group.words
    for group in candidates:
        if group is body or (group.paragraphs >= 3 and group.words >= 60):
            node = group.element
            while node is not None and node not in layout.content:
                layout.content.add(node)
                node = node.getparent()
    return layout
