"""URL canonicalization and the stable document id derived from it.

Both the crawler (fetch each article once) and extraction (the ``id`` and
``url`` columns) need the same answer, so it lives here, beside the record.

The work is w3lib's ``canonicalize_url`` (Scrapy's own: percent-encoding
normalized without changing the resource, ``%2F`` stays ``%2F``, bytes that are
not UTF-8 stay percent-escaped, query sorted, fragment dropped, dot segments
resolved, IDN hosts to punycode). On top of it, three rules of ours:

- the default port is dropped and the host's trailing dot removed;
- the query parameters in :data:`TRACKING_PARAMS` are removed: they say how a
  reader arrived (campaign tags, click ids, session ids), never which page;
- ``;jsessionid=`` style path parameters (Java and PHP session ids) are removed.

Everything else in a query is content (``?id=5``, ``?sid=12`` is an article id
on some portals): kept.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

# How a reader arrived, not what they read. Keep this list short and specific: a
# parameter dropped here that carries content merges distinct pages into one.
TRACKING_PARAMS = re.compile(
    r"^(?:"
    r"utm_\w+"                                          # Google Analytics campaign tags
    r"|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid"  # ad click ids (Facebook, Google, Bing, Yandex)
    r"|mc_cid|mc_eid|_hsenc|_hsmi"                      # Mailchimp, HubSpot newsletter links
    r"|igshid|zarsrc|zalo_\w+"                          # Instagram and Zalo share links
    r"|_ga|_gl"                                         # cross-domain analytics linker
    r"|jsessionid|phpsessid|aspsessionid\w*"            # server session ids in the query
    # Liferay portals (moh, sbv, hochiminhcity) append where the reader came from to every
    # article link: the same article under as many URLs as it has listings.
    r"|redirect|inheritredirect|backurl"
    r")$",
    re.IGNORECASE,
)
# ;jsessionid=... / ;phpsessid=... path parameters (servlet containers, old PHP).
_SESSION_PATH_PARAM = re.compile(r";(?:jsessionid|phpsessid)=[^/?#;]*", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}


def _drop_tracking(query: str) -> str:
    """The query without tracking parameters, the other parts byte for byte as they were."""
    kept = []
    for part in query.split("&"):
        if not part:
            continue
        key = unquote_plus(part.split("=", 1)[0])
        if not TRACKING_PARAMS.match(key):
            kept.append(part)
    return "&".join(kept)


def canonicalize_url(url: str) -> str:
    """Return the canonical form of ``url``: one article, one string.

    >>> canonicalize_url("HTTPS://BaoChinhPhu.vn:443/a-b.htm?utm_source=fb&b=2&a=1#top")
    'https://baochinhphu.vn/a-b.htm?a=1&b=2'
    >>> canonicalize_url("http://x.vn/van-ban/so%2F2026?sid=12&jsessionid=A1")
    'http://x.vn/van-ban/so%2F2026?sid=12'
    >>> canonicalize_url("http://bộ-y-tế.vn/tin;jsessionid=0F1E")
    'http://xn--b-y-t-s61b7g.vn/tin'
    """
    parts = urlsplit(url.strip())
    path = _SESSION_PATH_PARAM.sub("", parts.path) if ";" in parts.path else parts.path
    query = _drop_tracking(parts.query) if parts.query else ""
    canonical = _w3lib_canonicalize(urlunsplit((parts.scheme, parts.netloc, path, query, "")))
    out = urlsplit(canonical)
    scheme = out.scheme.lower()
    host = (out.hostname or "").rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = out.port
    except ValueError:  # a port that is not a number: leave the authority as w3lib wrote it
        return canonical
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if out.username or out.password:
        netloc = out.netloc.rpartition("@")[0] + "@" + netloc
    return urlunsplit((scheme, netloc, out.path or "/", out.query, ""))


def doc_id(url: str) -> str:
    """Stable document id: the first 16 hex digits of sha256(canonical URL).

    >>> doc_id("https://baochinhphu.vn/a.htm#x") == doc_id("https://baochinhphu.vn/a.htm")
    True
    """
    return hashlib.sha256(canonicalize_url(url).encode("utf-8")).hexdigest()[:16]


def host_of(url: str) -> str:
    """Host name of ``url`` without port, lower-cased (ports are ignored when matching)."""
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def host_allowed(host: str, allowed_domains: list[str]) -> bool:
    """True when ``host`` is one of ``allowed_domains`` or a subdomain of one.

    >>> host_allowed("www.baochinhphu.vn", ["baochinhphu.vn"])
    True
    >>> host_allowed("evilbaochinhphu.vn", ["baochinhphu.vn"])
    False
    """
    host = host.lower().rstrip(".")
    for domain in allowed_domains:
        domain = domain.lower().split(":")[0].rstrip(".")
        if host == domain or host.endswith("." + domain):
            return True
    return False
