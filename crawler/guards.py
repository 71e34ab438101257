"""The SSRF guard: no connection to private networks or cloud metadata services.

The address checked is the address connected to. Host names are judged by
:class:`GuardedResolver`, the crawl's DNS resolver (Scrapy's TWISTED_DNS_RESOLVER):
the answer it refuses is the one the connection would have used, so a name that
resolves to a public address when checked and to 127.0.0.1 when connected (DNS
rebinding) has no window. IP literals never reach a resolver: the middleware
judges them, as it judges the scheme and redirects.

- Refused for every source (``ssrf:metadata``): link-local addresses
  (169.254.0.0/16, fe80::/10, where cloud metadata services live) and the known
  metadata addresses outside them.
- Refused unless the host is one of a source's ``allowed_domains`` with
  ``allow_private_network: true`` (intranet and local test sites) (``ssrf``):
  private, loopback, reserved, multicast and unspecified addresses.
- Redirects are new requests through the same checks; a redirect off the
  source's domains is refused before it is sent (``offsite``).

Behind a proxy (``http_proxy``/``https_proxy``) the crawler connects to the proxy,
which resolves the target itself: the target's name is then resolved here only to
refuse one that resolves to a private address; a name that does not resolve
locally passes (institutional proxies often are the only DNS for outside names).
The proxy's own host may be private.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections import OrderedDict
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver

from vicorpus.urls import canonicalize_url, host_allowed

# Cloud metadata endpoints outside link-local (Alibaba, AWS IPv6).
METADATA_ADDRESSES = {ipaddress.ip_address("100.100.100.200"), ipaddress.ip_address("fd00:ec2::254")}


class SsrfRefused(Exception):
    """A host resolved to an address the crawl must not connect to (not retried)."""

    def __init__(self, host: str, address: str, reason: str):
        super().__init__(f"{reason}: {host} resolves to {address}")
        self.host, self.address, self.reason = host, address, reason


def _ip(text: str):
    address = ipaddress.ip_address(text.split("%")[0])
    # ::ffff:169.254.169.254 is 169.254.169.254 to the kernel: judge the IPv4 address.
    return getattr(address, "ipv4_mapped", None) or address


def address_verdict(address: str, private_ok: bool) -> str | None:
    """``ssrf:metadata``, ``ssrf`` or None (allowed) for one IP address.

    >>> address_verdict("169.254.169.254", True), address_verdict("::ffff:169.254.169.254", True)
    ('ssrf:metadata', 'ssrf:metadata')
    >>> address_verdict("10.0.0.1", False), address_verdict("10.0.0.1", True), address_verdict("8.8.8.8", False)
    ('ssrf', None, None)
    """
    ip = _ip(address)
    if ip.is_link_local or ip in METADATA_ADDRESSES:
        return "ssrf:metadata"
    if not private_ok and (ip.is_private or ip.is_loopback or ip.is_reserved or ip.is_multicast
                           or ip.is_unspecified):
        return "ssrf"
    return None


def ip_literal(host: str) -> str | None:
    """``host`` when it is an IP address, else None.

    >>> ip_literal("127.0.0.1"), ip_literal("::1"), ip_literal("baochinhphu.vn")
    ('127.0.0.1', '::1', None)
    """
    try:
        _ip(host)
        return host
    except ValueError:
        return None


def proxy_hosts() -> list[str]:
    """Host names of the proxies set in the environment (they may be on a private network)."""
    hosts = []
    for url in getproxies().values():
        if "://" not in url:
            url = "http://" + url
        host = urlsplit(url).hostname
        if host and host not in hosts:
            hosts.append(host)
    return hosts


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing answers the crawl must not connect to.

    ``VICORPUS_PRIVATE_DOMAINS`` (the ``allowed_domains`` of this process's sources with
    ``allow_private_network``) and ``VICORPUS_PROXY_HOSTS`` may resolve to private addresses.
    """

    REMEMBERED = 1024  # refusals kept for the spider's report (Twisted turns them into DNS errors)

    def __init__(self, reactor, cache_size: int, timeout: float, private_domains=(), proxies=()):
        super().__init__(reactor, cache_size, timeout)
        self.private_domains = list(private_domains)
        self.proxies = {p.lower() for p in proxies}
        self.refused: OrderedDict[str, SsrfRefused] = OrderedDict()

    @classmethod
    def from_crawler(cls, crawler, reactor):
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"),
                   settings.getlist("VICORPUS_PRIVATE_DOMAINS"), settings.getlist("VICORPUS_PROXY_HOSTS"))

    def getHostByName(self, name: str, timeout=()):  # noqa: N802 (Twisted's interface)
        answer = super().getHostByName(name, timeout)
        answer.addCallback(self.check, name)
        return answer

    def check(self, address: str, name: str) -> str:
        """``address`` when ``name`` may connect to it, else raise :class:`SsrfRefused`."""
        host = name.lower().rstrip(".")
        private_ok = host in self.proxies or host_allowed(host, self.private_domains)
        verdict = address_verdict(address, private_ok)
        if verdict is not None:
            refusal = self.refused[host] = SsrfRefused(name, address, verdict)
            while len(self.refused) > self.REMEMBERED:
                self.refused.popitem(last=False)
            raise refusal
        self.refused.pop(host, None)
        return address


def resolver_refusal(url: str) -> SsrfRefused | None:
    """Why the crawl's resolver refused the host of ``url``, if it did.

    Twisted reports a resolver's refusal as a plain DNS lookup failure; the resolver
    keeps the reason so the crawl can report ``ssrf`` (and not retry) instead.
    """
    from twisted.internet import reactor

    refused = getattr(getattr(reactor, "resolver", None), "refused", None)
    if not refused:
        return None
    return refused.get((urlsplit(url).hostname or "").lower().rstrip("."))


class SsrfGuardMiddleware:
    """Refuse non-http(s) schemes, off-domain and duplicate redirects, metadata/private IP
    literals and, behind a proxy, names that resolve locally to such addresses.

    Host name lookups are cached ``DNS_TTL`` seconds, at most ``CACHE_SIZE`` names (only
    for requests that go through a proxy; direct ones are judged by GuardedResolver).
    """

    DNS_TTL = 60.0
    CACHE_SIZE = 4096

    def __init__(self, crawler=None):
        self.crawler = crawler
        self.proxies = getproxies()  # what Scrapy's HttpProxyMiddleware will use
        self._cache: OrderedDict[str, tuple[float, list[str]]] = OrderedDict()

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
        literal = ip_literal(host)
        addresses = [literal] if literal is not None else self.lookup(host) if self._proxied(request, host) else []
        for address in addresses:
            verdict = address_verdict(address, spider.source.allow_private_network)
            if verdict is not None:
                spider.ledger.refuse(request.url, verdict, detail=str(_ip(address)))
                raise IgnoreRequest(f"{verdict}: {host} resolves to {address}")
        return None

    def _proxied(self, request, host: str) -> bool:
        """Whether HttpProxyMiddleware will send ``request`` through a proxy."""
        if "proxy" in request.meta:
            return bool(request.meta["proxy"])
        return urlsplit(request.url).scheme in self.proxies and not proxy_bypass(host)

    def lookup(self, host: str) -> list[str]:
        now = time.monotonic()
        hit = self._cache.get(host)
        if hit is not None and now - hit[0] < self.DNS_TTL:
            return hit[1]
        try:
            addresses = list(dict.fromkeys(info[4][0] for info in socket.getaddrinfo(host, None)))
        except OSError:
            addresses = []  # does not resolve here: the proxy resolves it
        self._cache[host] = (now, addresses)
        self._cache.move_to_end(host)
        while len(self._cache) > self.CACHE_SIZE:
            self._cache.popitem(last=False)
        return addresses
