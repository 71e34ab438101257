"""Tests are offline: refuse every socket connection that does not stay on loopback.

Installed in the pytest process (tests/conftest.py) and, through
``sitecustomize.py`` in this folder, in every Python process the tests start
(crawl children, CLI subprocesses): conftest puts this folder first on
``PYTHONPATH`` and sets ``VICORPUS_TEST_OFFLINE=1``.

``VICORPUS_TEST_DNS`` (JSON ``{"name": [["1.2.3.4"], ["127.0.0.1"]]}``) scripts the
answers of successive lookups of a name in each process (the last one repeats): a
resolver hook for DNS-rebinding tests.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import socket
import threading

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
_real_gethostbyname = socket.gethostbyname


def is_loopback(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        try:
            return all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback
                       for info in _real_getaddrinfo(host, None))
        except OSError:
            return False


def guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address):
        raise OSError(errno.ENETUNREACH, f"tests are offline: connection to {address!r} refused by the test guard")
    return _real_connect(self, address)


def guarded_connect_ex(self, address):
    """connect_ex reports errors by number (Twisted connects this way): the network is unreachable."""
    if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address):
        return errno.ENETUNREACH
    return _real_connect_ex(self, address)


class ScriptedDns:
    """Answers for scripted names, in order per name; other names resolve as usual."""

    def __init__(self, script: dict[str, list[list[str]]]):
        self.script = {name.lower(): answers for name, answers in script.items()}
        self.asked: dict[str, int] = {}
        self.lock = threading.Lock()

    def answer(self, name) -> list[str] | None:
        key = name.decode() if isinstance(name, bytes) else str(name)
        answers = self.script.get(key.lower().rstrip("."))
        if not answers:
            return None
        with self.lock:
            n = self.asked.get(key, 0)
            self.asked[key] = n + 1
        return answers[min(n, len(answers) - 1)]

    def getaddrinfo(self, host, port, family=0, type=0, proto=0, flags=0):
        answer = self.answer(host) if host is not None else None
        if answer is None:
            return _real_getaddrinfo(host, port, family, type, proto, flags)
        kind = type or socket.SOCK_STREAM
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, kind, proto, "",
                 (a, port or 0, 0, 0) if ":" in a else (a, port or 0)) for a in answer]

    def gethostbyname(self, name):
        answer = self.answer(name)
        return answer[0] if answer is not None else _real_gethostbyname(name)


def install_in_process() -> None:
    """For a child process: the connection guard, and scripted DNS if the test asked for it."""
    socket.socket.connect = guarded_connect
    socket.socket.connect_ex = guarded_connect_ex
    script = os.environ.get("VICORPUS_TEST_DNS")
    if script:
        dns = ScriptedDns(json.loads(script))
        socket.getaddrinfo = dns.getaddrinfo
        socket.gethostbyname = dns.gethostbyname
