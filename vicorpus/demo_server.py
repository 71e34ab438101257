"""Serve the bundled sample site on 127.0.0.1 for `vicorpus demo` and tests.

The site's sitemap, feed and robots.txt name ``127.0.0.1:8765``; the server
rewrites that to the address it actually listens on, so any free port works.

    python -m vicorpus.demo_server --port 8765     # serve it by hand
"""

from __future__ import annotations

import argparse
import http.server
import io
import threading
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent / "demo_site"
PLACEHOLDER = b"127.0.0.1:8765"


class DemoSiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".htm": "text/html; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".xml": "application/xml",
        ".rss": "application/rss+xml; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".json": "application/json",
    }

    def __init__(self, *args, netloc: bytes, **kwargs):
        self.netloc = netloc
        super().__init__(*args, **kwargs)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # 404 or directory redirect as usual
        body = path.read_bytes().replace(PLACEHOLDER, self.netloc)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):  # the demo shows its own progress
        pass


class DemoSite:
    """The sample site served in a background thread.

    >>> with DemoSite() as site:
    ...     site.base_url.startswith("http://127.0.0.1:")
    True
    """

    def __init__(self, port: int = 0, directory: Path = SITE_DIR):
        self.directory = directory
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), self._handler)
        self.port = self.server.server_address[1]
        self.netloc = f"127.0.0.1:{self.port}"
        self.base_url = f"http://{self.netloc}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self, *args, **kwargs):
        return DemoSiteHandler(*args, directory=str(self.directory),
                               netloc=self.netloc.encode(), **kwargs)

    def rewrite(self, text: str) -> str:
        """Point a URL (or a whole config text) at this server."""
        return text.replace(PLACEHOLDER.decode(), self.netloc)

    def __enter__(self) -> "DemoSite":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    site = DemoSite(port=args.port)
    print(f"serving {SITE_DIR} at {site.base_url}/ (Ctrl-C to stop)")
    try:
        site.server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
