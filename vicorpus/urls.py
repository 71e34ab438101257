"""URL canonicalization and the stable document id derived from it.

Both the crawler (fetch each article once) and extraction (the ``id`` and
``url`` columns) need the same answer, so it lives here, beside the record.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Parameters that say how a reader arrived, not what they read.
TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|"
    r"igshid|zarsrc|zalo_\w+|_ga|_gl|_hsenc|_hsmi|ref_src|cmpid|trk|"
    r"jsessionid|phpsessid|sessionid|sid|aspsessionid\w*|"
    # Liferay portals (moh, sbv, hochiminhcity) append where the reader came from to every
    # article link: the same article under as many URLs as it has listings.
    r"redirect|inheritredirect|backurl)$",
    re.IGNORECASE,
)
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonicalize_url(url: str) -> str:
    """Return the canonical form of ``url``: one article, one string.

    Lower-cases scheme and host, drops default ports, fragments, tracking and
    session parameters (``;jsessionid=`` path parameters too), sorts the
    remaining query and normalizes percent-encoding.

    >>> canonicalize_url("HTTPS://BaoChinhPhu.vn:443/a-b.htm?utm_source=fb&b=2&a=1#top")
    'https://baochinhphu.vn/a-b.htm?a=1&b=2'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = re.sub(r";(jsessionid|phpsessid|sid)=[^/?#]*", "", parts.path, flags=re.I)
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~") or "/"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMS.match(key)
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


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
