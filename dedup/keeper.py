"""Which copy of a cluster goes into a release: the keeper policy.

In order (the first difference decides):

1. the original publisher: a copy that credits another outlet is a republication and
   loses. The ``credit`` column (the outlet a page credits, read by extraction before
   it removes the credit line) names another outlet when it matches neither the page's
   own host nor its source's ``attribution`` line (source YAML: where a site lists the
   names it publishes under, e.g. "Nguồn: Báo Tin tức (TTXVN)"). Docs without a credit
   fall back to a credit line left in the text ("(Theo TTXVN)");
2. the page itself, not its print, AMP or mobile rendering ("/print/...", "?print=1", "/amp/...",
   "m." hosts, "/m/" paths: conventions of many CMSs, read from the URL when the rendering names
   no canonical page);
3. the earliest ``published_at`` (unknown dates last);
4. the most complete text: most body words;
5. the smallest id.

>>> credit_is_other("Báo Chính phủ", "https://baotintuc.vn/a.htm", "Nguồn: Báo Tin tức (TTXVN)")
True
>>> credit_is_other("Báo Chính phủ", "https://baochinhphu.vn/a.htm", "Nguồn: Báo Điện tử Chính phủ (baochinhphu.vn)")
False
>>> credit_is_other("TTXVN", "https://baotintuc.vn/a.htm", "Nguồn: Báo Tin tức (TTXVN)")
False
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import numpy as np

from normalize.credit import known_outlet  # extraction's one spelling per outlet
from normalize.lexicon import ascii_words

_CREDIT_LINE = re.compile(r"^\(?\s*(theo|nguồn)\s*:?\s+[^,.;:]{2,60}\)?\s*\.?\s*$", re.I)
# Words that name a kind of outlet, not which one ("Báo điện tử", "Cổng thông tin").
_GENERIC = {"bao", "dien", "tu", "tap", "chi", "cong", "thong", "tin", "trang", "dai", "online", "nguon", "theo",
            "www", "vn", "com", "gov", "org", "net", "http", "https"}


_PIECES = re.compile(r"[/,;:()|–-]+|\s+-\s+")


def own_outlets(url: str | None, attribution: str | None) -> set[str]:
    """The page's own outlet under extraction's one spelling per outlet: from its host and
    the pieces of its source's attribution ("Nguồn: Báo Tin tức/TTXVN" -> Báo Tin tức, TTXVN)."""
    host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    pieces = [host, *(p.strip() for p in _PIECES.split(attribution or "") if p.strip())]
    return {name for name in map(known_outlet, pieces) if name}


def credit_is_other(credit: str | None, url: str | None, attribution: str | None) -> bool:
    """Does ``credit`` name an outlet other than the page's own (host, attribution line)?"""
    if not credit:
        return False
    if (known_outlet(credit) or credit) in own_outlets(url, attribution):
        return False
    words = ascii_words(credit)
    if not words:
        return False
    joined = "".join(words)
    host = [w for w in ascii_words(urlsplit(url or "").hostname or "") if w not in _GENERIC]
    if any(len(joined) >= 3 and (joined in label or label in joined) and len(label) >= 3 for label in host):
        return False  # "VOV" on vov.vn, "Báo Chính phủ" (baochinhphu) on baochinhphu.vn
    own = set(ascii_words(attribution or ""))
    specific = [w for w in words if w not in _GENERIC] or words
    return not (own and all(w in own for w in specific))


def credits_other_source(text: str) -> bool:
    """True when a short first or last line credits an outlet (a credit line left in the text).

    >>> credits_other_source("Giá điện tăng 4,8% từ hôm nay.\\n\\n(Theo TTXVN)")
    True
    >>> credits_other_source("Theo kế hoạch, thành phố khởi công 2 dự án.")
    False
    """
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    edge = lines[:1] + lines[-2:]
    return any(_CREDIT_LINE.match(line) and len(line.split()) <= 10 for line in edge)


def republished(credit: str | None, url: str | None, attribution: str | None, text: str | None) -> bool:
    """Rule 1 of the policy for one doc (``credit`` None: look for a credit line in the text)."""
    if credit:
        return credit_is_other(credit, url, attribution)
    return credits_other_source(text or "")


_RENDERING = re.compile(r"/(?:print|in-?bai|ban-?in|amp)(?:/|$)|[?&](?:print|amp)(?:=[^&]*)?(?:&|$)"
                        r"|[?&](?:view|layout|format)=(?:print|amp)\b|[./]amp(?:\.html?)?$"
                        # a mobile edition: "https://m.site.vn/...", "https://site.vn/m/...", ".../mobile/..."
                        r"|^[a-z]+://m\.|^[a-z]+://[^/]+/(?:m|mobile)/", re.IGNORECASE)
KEEPER_RULE = "keeper-2"  # (the work files store each doc's copy rank: a change redoes them)


def is_rendering(url: str | None) -> bool:
    """Rule 2: is ``url`` a print, AMP or mobile rendering of a page?

    >>> is_rendering("https://namlinh.gov.vn/print/tin-tuc/so-ket-10654.html"), is_rendering("https://a.vn/tin/77/print/")
    (True, True)
    >>> is_rendering("https://a.vn/tin.htm?print=1"), is_rendering("https://a.vn/amp/tin-123.html")
    (True, True)
    >>> is_rendering("https://m.baohalam.vn/thoi-su/a-123.html"), is_rendering("https://bo.gov.vn/m/thoi-su/a-123.html")
    (True, True)
    >>> is_rendering("https://a.vn/tin-tuc/in-an-sach-giao-khoa-2026.html"), is_rendering("https://am.vn/m-lon/a.html")
    (False, False)
    """
    return bool(url) and _RENDERING.search(url) is not None


def copy_rank(credit: str | None, url: str | None, attribution: str | None, text: str | None) -> int:
    """Rules 1 and 2 as one number, lower kept first: 2 for a republication, plus 1 for a rendering."""
    return 2 * republished(credit, url, attribution, text) + is_rendering(url)


NO_DATE = np.iinfo(np.int64).max


def keepers(cluster: np.ndarray, republished_: np.ndarray, published: np.ndarray, words: np.ndarray,
            row: np.ndarray) -> np.ndarray:
    """Boolean mask: the keeper of each cluster among the given rows (``republished_``: :func:`copy_rank`,
    or a bool; ``published``: int64 µs, NO_DATE if unknown).

    >>> keepers(np.array([7, 7, 7]), np.array([True, False, False]), np.array([1, 5, 5]),
    ...         np.array([300, 250, 280]), np.array([0, 1, 2])).tolist()
    [False, False, True]
    """
    if not len(cluster):
        return np.zeros(0, dtype=bool)
    order = np.lexsort((row, -np.asarray(words, dtype=np.int64), published, republished_, cluster))
    first = np.ones(len(order), dtype=bool)
    first[1:] = cluster[order][1:] != cluster[order][:-1]
    keep = np.zeros(len(cluster), dtype=bool)
    keep[order[first]] = True
    return keep
