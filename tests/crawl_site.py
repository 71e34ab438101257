"""An adversarial local web site for crawler tests, and a forwarding proxy.

``CrawlSite`` serves configurable routes on 127.0.0.1 (random port) with
:class:`vicorpus.localserver.LocalServer`, whose log keeps every request with its
start/end time, headers and how many requests were in flight, so tests can check
politeness (delays, concurrency, Retry-After) from the server's side, the way a
real site would see the crawler.

    >>> site = CrawlSite({"/": Reply(body=article_page("Trang chủ", ["Xin chào."]))})
    >>> base = site.start()
    >>> import urllib.request; urllib.request.urlopen(base + "/").status
    200
    >>> [hit.path for hit in site.hits()]
    ['/']
    >>> site.stop()

A route is a :class:`Reply` or a callable ``(hit, n) -> Reply`` where ``n`` is
1 for the first request of that path, 2 for the second, ... (for pages that
answer 429 once, then 200). ``ForwardProxy`` is a plain HTTP proxy that logs
absolute-URI requests and forwards the ones for known host names to a site
(``CONNECT`` tunnels too, for https sites: ``CrawlSite(tls=True)``).
"""

from __future__ import annotations

import datetime
import http.client
import select
import socket
import ssl
import tempfile
import unicodedata
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from vicorpus.localserver import AppHandler, Hit, LocalServer, Reply

__all__ = ["CrawlSite", "ForwardProxy", "Hit", "Reply", "article_page", "gzip_bomb", "html_reply",
           "listing_page", "robots", "to_cp1258", "tls_context"]


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """A server context with a self-signed certificate for ``*.test``, localhost and 127.0.0.1."""
    from ipaddress import ip_address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vicorpus test site")])
    now = datetime.datetime.now(datetime.timezone.utc)
    sans = [x509.DNSName("*.test"), x509.DNSName("baotin.test"), x509.DNSName("localhost"),
            x509.IPAddress(ip_address("127.0.0.1"))]
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(sans), critical=False).sign(key, hashes.SHA256()))
    folder = Path(tempfile.mkdtemp(prefix="vicorpus-tls-"))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


Route = Reply | Callable[[Hit, int], Reply]


class CrawlSite(LocalServer):
    """A local site whose routes tests set: ``CrawlSite({"/": Reply(...)})``; ``tls=True`` serves
    https with a self-signed certificate; ``host`` is any loopback address (127.0.0.2, ...)."""

    def __init__(self, routes: dict[str, Route] | None = None, tls: bool = False, host: str = "127.0.0.1"):
        super().__init__(host=host, tls=tls_context() if tls else None)
        self.routes: dict[str, Route] = dict(routes or {})

    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def app(self, hit: Hit) -> Reply:
        route = self.routes.get(hit.path)
        if route is None:
            return Reply(status=404, body=article_page("Không tìm thấy trang", ["Trang không tồn tại."]))
        return route(hit, hit.n) if callable(route) else route


class _ProxyHandler(AppHandler):
    owner: "ForwardProxy"

    def do_GET(self):
        parts = urlsplit(self.path)
        hit = self.new_hit(path=parts.path or "/", host=parts.hostname or self.headers.get("Host", ""))
        self.owner.log.begin(hit)
        try:
            upstream = self.owner.upstreams.get((parts.hostname or "").lower())
            if upstream is None:
                body = b"proxy: no route to this host in the test"
                self.send_response(502)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            conn = http.client.HTTPConnection(*upstream, timeout=30)
            path = parts.path + ("?" + parts.query if parts.query else "")
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection",)}
            conn.request(self.command, path or "/", headers=headers)
            answer = conn.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.owner.log.end(hit)

    do_HEAD = do_GET

    def do_CONNECT(self):  # noqa: N802 - https through the proxy: a byte tunnel to the upstream
        host, _, port = self.path.rpartition(":")
        hit = self.new_hit(path=self.path, host=host)
        self.owner.log.begin(hit)
        try:
            upstream = self.owner.upstreams.get(host.lower())
            if upstream is None:
                self.send_response(502)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            with socket.create_connection(upstream, timeout=30) as remote:
                self.send_response(200, "Connection established")
                self.end_headers()
                self.wfile.flush()
                _relay(self.connection, remote)
            self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.owner.log.end(hit)


def _relay(a: socket.socket, b: socket.socket) -> None:
    """Copy bytes both ways until either side closes."""
    while True:
        ready, _, _ = select.select([a, b], [], [], 30)
        if not ready:
            return
        for sock in ready:
            data = sock.recv(1 << 16)
            if not data:
                return
            (b if sock is a else a).sendall(data)


class ForwardProxy(LocalServer):
    """An HTTP proxy on loopback: ``ForwardProxy({"baotin.test": site})`` forwards that host to ``site``.

    Requests for any other host get 502 and are logged, never sent anywhere: a
    guard that failed shows up in the log instead of on the network.
    """

    handler = _ProxyHandler

    def __init__(self, upstreams: dict[str, "CrawlSite"] | None = None):
        super().__init__()
        self.upstreams: dict[str, tuple[str, int]] = {
            host.lower(): ("127.0.0.1", site.port) for host, site in (upstreams or {}).items()}

    def hosts(self) -> list[str]:
        return [h.host for h in self.hits()]


# -- realistic pages ---------------------------------------------------------------------
PARAGRAPHS = [
    "Chiều 12/3, tại Trụ sở Chính phủ, Thủ tướng Chính phủ chủ trì phiên họp chuyên đề về xây dựng "
    "pháp luật tháng 3, cho ý kiến vào 5 dự án luật và đề nghị xây dựng luật quan trọng.",
    "Phát biểu kết luận, Thủ tướng yêu cầu các bộ, ngành tiếp tục rà soát, cắt giảm thủ tục hành chính, "
    "bảo đảm quy định pháp luật rõ ràng, minh bạch, dễ thực hiện, tạo thuận lợi cho người dân và doanh nghiệp.",
    "Theo Bộ Tư pháp, trong quý I, các cơ quan đã trình Quốc hội, Ủy ban Thường vụ Quốc hội 12 dự án luật, "
    "nghị quyết; ban hành theo thẩm quyền 47 nghị định và 15 quyết định của Thủ tướng Chính phủ.",
    "Bộ trưởng Bộ Tài chính cho biết, tổng thu ngân sách nhà nước hai tháng đầu năm ước đạt 25,1% dự toán, "
    "tăng 9,7% so với cùng kỳ năm trước; giải ngân vốn đầu tư công tiếp tục được đẩy mạnh.",
    "Ủy ban nhân dân thành phố Hà Nội đề nghị các sở, ngành và quận, huyện khẩn trương hoàn thành công tác "
    "giải phóng mặt bằng, bảo đảm tiến độ khởi công các công trình giao thông trọng điểm trong năm nay.",
]


def article_page(title: str, paragraphs: list[str] | None = None, links: list[str] = (),
                 charset: str | None = "utf-8", published: str = "2026-03-12T16:30:00+07:00") -> str:
    """An article page in the style of a government news portal (HTML text, not bytes)."""
    paragraphs = PARAGRAPHS if paragraphs is None else paragraphs
    meta = f'<meta charset="{charset}">' if charset else ""
    items = "".join(f'<li><a href="{href}">Tin liên quan {i + 1}</a></li>' for i, href in enumerate(links))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"vi\"><head>{meta}<title>{title} - Cổng thông tin điện tử</title>"
            f'<meta property="article:published_time" content="{published}"></head>'
            f"<body><header><a href=\"/\">Trang chủ</a></header><article><h1>{title}</h1>"
            f'<div class="sapo">{paragraphs[0] if paragraphs else ""}</div>{body}</article>'
            f"<aside><h3>Tin liên quan</h3><ul>{items}</ul></aside>"
            f"<footer>Cơ quan chủ quản: Văn phòng Chính phủ. Ghi rõ nguồn khi phát hành lại.</footer>"
            f"</body></html>")


def html_reply(text: str, *, charset: str = "utf-8", header_charset: str | None = "utf-8",
               status: int = 200, delay: float = 0.0, headers: dict[str, str] | None = None) -> Reply:
    """A Reply with ``text`` encoded in ``charset``; ``header_charset`` None sends no charset header."""
    content_type = "text/html" + (f"; charset={header_charset}" if header_charset else "")
    return Reply(status=status, body=text.encode(charset), delay=delay,
                 headers={"Content-Type": content_type, **(headers or {})})


def listing_page(title: str, links: list[str]) -> Reply:
    """A section page linking to ``links``."""
    items = "".join(f'<li><a href="{href}">Bài {i + 1}</a></li>' for i, href in enumerate(links))
    return html_reply(f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title>"
                      f"</head><body><h1>{title}</h1><ul>{items}</ul></body></html>")


def robots(text: str) -> Reply:
    return Reply(body=text.encode(), headers={"Content-Type": "text/plain"})


def gzip_bomb(decompressed_bytes: int) -> bytes:
    """Small gzip bytes that decompress to ``decompressed_bytes`` of spaces."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
    chunk, parts, left = b" " * (1 << 20), [], decompressed_bytes
    while left > 0:
        parts.append(packer.compress(chunk[:min(left, len(chunk))]))
        left -= len(chunk)
    parts.append(packer.flush())
    return b"".join(parts)


_CP1258_TONES = "\u0300\u0301\u0303\u0309\u0323"  # the five tone marks windows-1258 has as combining


def to_cp1258(text: str) -> bytes:
    """Encode Vietnamese in windows-1258 the way its pages do: base letter + combining tone mark.

    >>> to_cp1258("Thủ tướng").decode("cp1258") == unicodedata.normalize("NFD", "Thủ tướng")
    False
    >>> unicodedata.normalize("NFC", to_cp1258("Thủ tướng").decode("cp1258"))
    'Thủ tướng'
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        marks = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in marks if m in _CP1258_TONES)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _CP1258_TONES))
        out.append(base.encode("cp1258") + tones.encode("cp1258"))
    return b"".join(out)
