"""Downloader middleware that refuses requests to private networks (SSRF guard).

Redirects are new requests through the same middleware, so a public page that
redirects to 10.0.0.1 or 169.254.169.254 is refused too, and a redirect off the
source's domains is refused before it is sent (reason ``offsite``).

``allow_private_network: true`` (intranet and local test sites) lifts the
private/loopback refusal but never the metadata one: link-local addresses
(169.254.0.0/16, fe80::/10, where cloud metadata services live) and the known
metadata addresses are refused for every source.

Behind a proxy (``http_proxy``/``https_proxy``), the host is still resolved
locally and refused if private; a name that does not resolve locally passes (the
proxy resolves it: institutional proxies often are the only DNS for outside names).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from vicorpus.urls import canonicalize_url


DNS_TTL = 60.0  # seconds a host's addresses are reused (the check runs for every request)
_resolved: dict[str, tuple[float, list]] = {}


def resolve(host: str) -> list:
    """The addresses ``host`` resolves to (cached ``DNS_TTL`` s); [] when it does not resolve.

    >>> [str(a) for a in resolve("127.0.0.1")][:1]
    ['127.0.0.1']
    """
    now = time.monotonic()
    hit = _resolved.get(host)
    if hit is not None and now - hit[0] < DNS_TTL:
        return hit[1]
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        infos = []  # unresolvable: the download fails with a DNS error (or a proxy resolves it)
    addresses = [ipaddress.ip_address(i[4][0].split("%")[0]) for i in infos]
    # ::ffff:169.254.169.254 is 169.254.169.254 to the kernel: judge the IPv4 address.
    addresses = list(dict.fromkeys(getattr(a, "ipv4_mapped", None) or a for a in addresses))
    if len(_resolved) > 10000:
        _resolved.clear()
    _resolved[host] = (now, addresses)
    return addresses


def private_address(host: str) -> str | None:
    """The first private/loopback/link-local/reserved address ``host`` resolves to, else None.

    >>> private_address("127.0.0.1")
    '127.0.0.1'
    """
    for address in resolve(host):
        if (address.is_private or address.is_loopback or address.is_link_local
                or address.is_reserved or address.is_multicast or address.is_unspecified):
            return str(address)
    return None


# Cloud metadata endpoints outside link-local (Alibaba, AWS IPv6).
METADATA_ADDRESSES = {ipaddress.ip_address("100.100.100.200"), ipaddress.ip_address("fd00:ec2::254")}


def metadata_address(host: str) -> str | None:
    """The first link-local or metadata-service address ``host`` resolves to, else None.

    >>> metadata_address("169.254.169.254")
    '169.254.169.254'
    >>> metadata_address("::ffff:169.254.169.254")
    '169.254.169.254'
    >>> metadata_address("127.0.0.1") is None
    True
    """
    for address in resolve(host):
        if address.is_link_local or address in METADATA_ADDRESSES:
            return str(address)
    return None


class SsrfGuardMiddleware:
    """Refuse non-http(s) schemes, off-domain redirects, metadata and private addresses."""

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
        host = parts.hostname or ""
        redirected = request.meta.get("redirect_urls")
        if redirected and not spider.admission.allowed_host(request.url):
            spider.ledger.refuse(request.url, "offsite", detail=f"redirected from {redirected[0]}")
            raise IgnoreRequest(f"offsite: redirect to {host}")
        if redirected and not request.meta.get("dont_obey_robotstxt"):
            # A redirect to a page already scheduled would fetch that article twice.
            canonical = canonicalize_url(request.url)
            if canonical in spider.scheduled:
                spider.ledger.refuse(request.url, "excluded:duplicate_redirect",
                                     detail=f"redirected from {redirected[0]}")
                raise IgnoreRequest(f"excluded:duplicate_redirect: {canonical}")
            spider.scheduled.add(canonical)
        address = metadata_address(host)
        if address is not None:
            spider.ledger.refuse(request.url, "ssrf:metadata", detail=address)
            raise IgnoreRequest(f"ssrf: {host} resolves to {address}")
        if spider.source.allow_private_network:
            return None
        address = private_address(host)
        if address is not None:
            spider.ledger.refuse(request.url, "ssrf", detail=address)
            raise IgnoreRequest(f"ssrf: {host} resolves to {address}")
        return None
