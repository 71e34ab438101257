"""A tiny Chrome DevTools Protocol client over a stdlib WebSocket (tests only).

Why stdlib: the browser test needs only text frames to 127.0.0.1, and a
dependency for that would be heavier than these lines.

>>> frame = _encode(b"hi", mask=b"\\x00\\x00\\x00\\x00")
>>> frame[:2]
b'\\x81\\x82'
"""

from __future__ import annotations

import base64
import json
import os
import select
import socket
import struct
import time
from urllib.parse import urlsplit


def _encode(payload: bytes, opcode: int = 1, mask: bytes | None = None) -> bytes:
    """One final client frame (clients must mask, RFC 6455 5.3)."""
    mask = mask if mask is not None else os.urandom(4)
    n = len(payload)
    head = bytes([0x80 | opcode])
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 1 << 16:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


class WebSocket:
    """Blocking client: ``send_text`` and ``recv_text`` (fragments joined, pings answered)."""

    def __init__(self, url: str, timeout: float = 10.0):
        parts = urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        # No Origin header: Chromium only checks --remote-allow-origins when one is sent.
        self.sock.sendall((f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            self.buf += self._read()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError(f"websocket upgrade refused: {head[:200]!r}")

    def _read(self) -> bytes:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("websocket closed by the browser")
        return chunk

    def _take(self, n: int) -> bytes:
        while len(self.buf) < n:
            self.buf += self._read()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def send_text(self, text: str) -> None:
        self.sock.sendall(_encode(text.encode()))

    def recv_text(self) -> str:
        message = b""
        while True:
            b0, b1 = self._take(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._take(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._take(8))[0]
            mask = self._take(4) if b1 & 0x80 else None
            payload = self._take(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 8:
                raise ConnectionError("websocket closed by the browser")
            if opcode == 9:  # ping -> pong
                self.sock.sendall(_encode(payload, opcode=10))
                continue
            if opcode in (0, 1, 2):
                message += payload
                if b0 & 0x80:
                    return message.decode()

    def close(self) -> None:
        try:
            self.sock.sendall(_encode(b"", opcode=8))
        except OSError:
            pass
        self.sock.close()


class CDP:
    """Commands with ``call`` (waits for the reply); every event is kept in ``events``."""

    def __init__(self, ws_url: str):
        self.ws = WebSocket(ws_url)
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 10.0) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send_text(json.dumps(message))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.recv_text())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
        raise TimeoutError(f"no reply to {method} within {timeout}s")

    def wait_event(self, *methods: str, session: str | None = None, since: int = 0,
                   timeout: float = 10.0) -> dict:
        """The first event named one of ``methods`` (from ``events[since:]`` or arriving)."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events[since:]:
                if event["method"] in methods and (session is None
                                                   or event.get("sessionId") == session):
                    return event
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {' or '.join(methods)} event within {timeout}s")
            # Wait for bytes before reading, so a timeout never cuts a frame in half.
            if not self.ws.buf and not select.select([self.ws.sock], [], [], 0.2)[0]:
                continue
            reply = json.loads(self.ws.recv_text())
            if "method" in reply:
                self.events.append(reply)

    def close(self) -> None:
        self.ws.close()
