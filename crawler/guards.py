"""Downloader middleware that refuses requests to private networks (SSRF guard).

Redirects are new requests through the same middleware, so a public page that
redirects to 10.0.0.1 or 169.254.169.254 is refused too.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest


def private_address(host: str) -> str | None:
    """The first private/loopback/link-local/reserved address ``host`` resolves to, else None.

    >>> private_address("127.0.0.1")
    '127.0.0.1'
    """
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return None  # unresolvable: the download itself will fail with a DNS error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (address.is_private or address.is_loopback or address.is_link_local
                or address.is_reserved or address.is_multicast or address.is_unspecified):
            return str(address)
    return None


class SsrfGuardMiddleware:
    """Refuse non-http(s) schemes and private addresses unless the source allows them."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        spider = spider or self.crawler.spider
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https"):
            spider.ledger.refuse(request.url, "ssrf:scheme")
            raise IgnoreRequest(f"ssrf: scheme {parts.scheme}")
        if spider.source.allow_private_network:
            return None
        address = private_address(parts.hostname or "")
        if address is not None:
            spider.ledger.refuse(request.url, "ssrf", detail=address)
            raise IgnoreRequest(f"ssrf: {parts.hostname} resolves to {address}")
        return None
