"""A small threaded HTTP/1.1 server on loopback: the demo site, test sites and benchmarks.

One function answers every request: it gets the request as a :class:`Hit` and
returns a :class:`Reply`. The server logs every hit (arrival and end time, how
many requests were in flight), so a test can check from the server's side what
a crawler did, the way a real site would see it.

    >>> import urllib.request
    >>> with LocalServer(lambda hit: Reply(body=f"Xin chào {hit.path}")) as server:
    ...     urllib.request.urlopen(server.url("/tin")).read().decode(), server.paths()
    ('Xin chào /tin', ['/tin'])
"""

from __future__ import annotations

import http.server
import ssl
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

HTML = "text/html; charset=utf-8"


@dataclass
class Reply:
    """What the server answers. ``delay`` seconds pass before the status line is sent;
    ``content_length=False`` sends no Content-Length and closes the connection after the body."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": HTML})
    delay: float = 0.0
    content_length: bool = True

    def __post_init__(self):
        if isinstance(self.body, str):
            self.body = self.body.encode("utf-8")


@dataclass
class Hit:
    """One request as the server saw it."""

    method: str
    path: str          # without the query
    target: str        # the request target as sent (path?query, or an absolute URI via a proxy)
    host: str          # Host header
    headers: dict[str, str]
    started: float     # time.monotonic() when the request line was read
    ended: float | None = None
    in_flight: int = 1  # requests being served when this one started (itself included)
    n: int = 1          # 1 for the first request of this path, 2 for the second, ...
    status: int | None = None

    @property
    def query(self) -> str:
        return urlsplit(self.target).query


class RequestLog:
    """Every hit of one server, in arrival order (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.hits: list[Hit] = []
        self.counts: Counter = Counter()
        self.in_flight = 0
        self.max_in_flight = 0

    def begin(self, hit: Hit) -> None:
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            hit.in_flight = self.in_flight
            self.counts[hit.path] += 1
            hit.n = self.counts[hit.path]
            self.hits.append(hit)

    def end(self, hit: Hit) -> None:
        with self.lock:
            self.in_flight -= 1
            hit.ended = time.monotonic()


class _ThreadingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    tls: ssl.SSLContext | None = None

    def handle_error(self, request, client_address):  # a client hanging up is not our failure
        pass

    def finish_request(self, request, client_address):
        # The TLS handshake runs in the request's own thread, so a stalled client blocks no one.
        if self.tls is not None:
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        super().finish_request(request, client_address)


class AppHandler(http.server.BaseHTTPRequestHandler):
    """Hands each GET/HEAD to the server's answer function (keep-alive HTTP/1.1)."""

    protocol_version = "HTTP/1.1"
    owner: "LocalServer"

    def log_message(self, *args):  # keep test and demo output readable
        pass

    def new_hit(self, path: str | None = None, host: str | None = None) -> Hit:
        target = self.path
        return Hit(method=self.command, path=path or urlsplit(target).path or "/", target=target,
                   host=host if host is not None else self.headers.get("Host", ""),
                   headers=dict(self.headers.items()), started=time.monotonic())

    def do_GET(self):  # noqa: N802 (http.server API)
        hit = self.new_hit()
        log = self.owner.log
        log.begin(hit)
        try:
            reply = self.owner.app(hit)
            hit.status = reply.status
            self.send_reply(reply)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            log.end(hit)

    do_HEAD = do_GET

    def send_reply(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
        for key, value in reply.headers.items():
            self.send_header(key, value)
        if reply.content_length:
            self.send_header("Content-Length", str(len(reply.body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            for start in range(0, len(reply.body), 1 << 16):
                self.wfile.write(reply.body[start:start + (1 << 16)])
        self.wfile.flush()


class LocalServer:
    """``app(hit) -> Reply`` served on ``host`` (loopback) at ``port`` (0: a free one).

    Use it as a context manager, or ``start()``/``stop()``; ``serve_forever()`` blocks
    (a server in its own process). ``tls`` serves https with that server context.
    """

    handler: type[AppHandler] = AppHandler

    def __init__(self, app: Callable[[Hit], Reply] | None = None, *, host: str = "127.0.0.1",
                 port: int = 0, tls: ssl.SSLContext | None = None):
        if app is not None:
            self.app = app
        self.host = host
        self.log = RequestLog()
        self.tls = tls
        self._requested_port = port
        self._server: _ThreadingServer | None = None
        self._thread: threading.Thread | None = None

    def app(self, hit: Hit) -> Reply:  # subclasses answer here
        return Reply(status=404, body="Không tìm thấy trang")

    def bind(self) -> "LocalServer":
        """Open the listening socket (without serving yet)."""
        if self._server is None:
            owner = self

            class Handler(self.handler):
                pass

            Handler.owner = owner
            self._server = _ThreadingServer((self.host, self._requested_port), Handler)
            self._server.tls = self.tls
        return self

    def start(self) -> str:
        """Serve in a background thread; return the base URL."""
        self.bind()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self.base

    def serve_forever(self) -> None:
        self.bind()
        self._server.serve_forever()

    def stop(self) -> None:
        if self._server is not None:
            if self._thread is not None:
                self._server.shutdown()
            self._server.server_close()
            self._server = None
            self._thread = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    @property
    def port(self) -> int:
        return self.bind()._server.server_address[1]

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.netloc}"

    def url(self, path: str) -> str:
        return self.base + path

    # -- the log -------------------------------------------------------------------------
    def hits(self, path: str | None = None) -> list[Hit]:
        with self.log.lock:
            return [h for h in self.log.hits if path is None or h.path == path]

    def paths(self) -> list[str]:
        return [h.path for h in self.hits()]

    def count(self, path: str) -> int:
        return len(self.hits(path))

    @property
    def max_in_flight(self) -> int:
        return self.log.max_in_flight
