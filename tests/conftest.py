"""Shared test fixtures: offline guard (this process and its children), the shared data folder, a local web server."""

from __future__ import annotations

import functools
import http.server
import os
import signal
import socket
import sys
import threading
from pathlib import Path

import pytest

# A suite started in the background of a script (`cmd &`, nohup) inherits SIGINT ignored, and so
# would every command the tests start: the Ctrl-C tests then send a signal nobody hears. The
# tests stand for a user at a terminal, where Ctrl-C is heard: restore it here (a handler is
# reset to the default in each child, an ignored signal would stay ignored).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

REPO = Path(__file__).resolve().parent.parent
TESTS_DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(os.environ.get("VICORPUS_SHARED", REPO.parent / "shared"))


# Every Python process the tests start (crawl children, CLI runs) loads tests/offline/
# sitecustomize.py, which installs the same guard there: nothing leaves loopback anywhere.
OFFLINE = Path(__file__).resolve().parent / "offline"
sys.path.insert(0, str(OFFLINE))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(OFFLINE), os.environ.get("PYTHONPATH")]))
os.environ["VICORPUS_TEST_OFFLINE"] = "1"

from offline_guard import guarded_connect, guarded_connect_ex  # noqa: E402


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Fail any socket to a non-loopback address (in this process)."""
    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setenv("HF_HUB_OFFLINE", os.environ.get("HF_HUB_OFFLINE", "1"))
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    yield


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, or skip: the real pages are not redistributed with the repo."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set VICORPUS_SHARED); "
                    "real pages are not part of the repository")
    return SHARED


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".htm": "text/html; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".xml": "application/xml",
        ".rss": "application/rss+xml",
        ".txt": "text/plain; charset=utf-8",
    }

    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture
def static_server():
    """Start a static HTTP server on 127.0.0.1 for a directory: ``static_server(path)`` -> base URL."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
