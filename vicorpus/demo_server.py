"""Serve the bundled sample site on 127.0.0.1 for `vicorpus demo` and tests.

The site's sitemap, feed and robots.txt name ``127.0.0.1:8765``; the server
rewrites that to the address it actually listens on, so any free port works.

    python -m vicorpus.demo_server --port 8765     # serve it by hand
"""

from __future__ import annotations

import argparse
import mimetypes
from pathlib import Path
from urllib.parse import unquote

from vicorpus.localserver import Hit, LocalServer, Reply

SITE_DIR = Path(__file__).resolve().parent / "demo_site"
PLACEHOLDER = b"127.0.0.1:8765"
CONTENT_TYPES = {
    ".htm": "text/html; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".rss": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}


class DemoSite(LocalServer):
    """The sample site served in a background thread.

    >>> with DemoSite() as site:
    ...     site.base_url.startswith("http://127.0.0.1:")
    True
    """

    def __init__(self, port: int = 0, directory: Path = SITE_DIR):
        super().__init__(port=port)
        self.directory = Path(directory).resolve()
        self.bind()  # the port is known from here on
        self.base_url = self.base

    def app(self, hit: Hit) -> Reply:
        path = (self.directory / unquote(hit.path).lstrip("/")).resolve()
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or not path.is_relative_to(self.directory):
            return Reply(status=404, body="Không tìm thấy trang", headers={"Content-Type": "text/plain; charset=utf-8"})
        body = path.read_bytes().replace(PLACEHOLDER, self.netloc.encode())
        kind = CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Reply(body=body, headers={"Content-Type": kind})

    def rewrite(self, text: str) -> str:
        """Point a URL (or a whole config text) at this server."""
        return text.replace(PLACEHOLDER.decode(), self.netloc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    site = DemoSite(port=args.port)
    print(f"serving {SITE_DIR} at {site.base_url}/ (Ctrl-C to stop)")
    try:
        site.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
