"""Crawl state in ``WORKDIR/crawl/state.sqlite``: what was seen, fetched and how it looked.

One row per (source, canonical URL). ``state`` is ``queued`` (discovered, not yet
fetched: the frontier that survives a kill), ``done`` (fetched and archived or
found unchanged) or ``failed``. Validators (ETag, Last-Modified) and the sha256 of
the decoded body make the next crawl incremental.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,            -- page | sitemap | feed
    depth INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,           -- queued | done | failed
    status INTEGER,
    etag TEXT,
    last_modified TEXT,
    sha256 TEXT,
    fetched_at TEXT,
    warc_file TEXT,
    reason TEXT,
    PRIMARY KEY (source, url)
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    sources TEXT NOT NULL
);
"""


@dataclass
class UrlRecord:
    url: str
    kind: str
    depth: int
    state: str
    etag: str | None
    last_modified: str | None
    sha256: str | None
    fetched_at: str | None


class CrawlState:
    """SQLite crawl state shared by every spider of one crawl process.

    >>> import tempfile; s = CrawlState(Path(tempfile.mkdtemp()) / "state.sqlite")
    >>> s.enqueue("demo", "http://127.0.0.1/a", "page", 1); s.get("demo", "http://127.0.0.1/a").state
    'queued'
    """

    def __init__(self, path: Path, *, commit_every: float = 0.5):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.execute("BEGIN")
        self.commit_every = commit_every
        self._last_commit = time.monotonic()

    def _maybe_commit(self, force: bool = False) -> None:
        if force or time.monotonic() - self._last_commit >= self.commit_every:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            self._last_commit = time.monotonic()

    def commit(self) -> None:
        self._maybe_commit(force=True)

    def close(self) -> None:
        self.db.execute("COMMIT")
        self.db.close()

    def get(self, source: str, url: str) -> UrlRecord | None:
        row = self.db.execute(
            "SELECT url, kind, depth, state, etag, last_modified, sha256, fetched_at FROM urls "
            "WHERE source=? AND url=?", (source, url)).fetchone()
        return UrlRecord(*row) if row else None

    def load(self, source: str) -> dict[str, UrlRecord]:
        """Every URL known for ``source`` (one query at spider start)."""
        rows = self.db.execute(
            "SELECT url, kind, depth, state, etag, last_modified, sha256, fetched_at FROM urls "
            "WHERE source=?", (source,))
        return {row[0]: UrlRecord(*row) for row in rows}

    def enqueue(self, source: str, url: str, kind: str, depth: int) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO urls (source, url, kind, depth, state) VALUES (?,?,?,?, 'queued')",
            (source, url, kind, depth))
        self._maybe_commit()

    def mark_done(self, source: str, url: str, *, kind: str, depth: int, status: int,
                  etag: str | None, last_modified: str | None, sha256: str | None,
                  fetched_at: str, warc_file: str | None) -> None:
        """Record a fetch (after its WARC record is on disk: a kill in between only means a refetch)."""
        self.db.execute(
            "INSERT INTO urls (source, url, kind, depth, state, status, etag, last_modified, sha256,"
            " fetched_at, warc_file) VALUES (?,?,?,?, 'done', ?,?,?,?,?,?) "
            "ON CONFLICT(source, url) DO UPDATE SET state='done', status=excluded.status,"
            " kind=excluded.kind,"
            " etag=COALESCE(excluded.etag, etag), last_modified=COALESCE(excluded.last_modified, last_modified),"
            " sha256=COALESCE(excluded.sha256, sha256), fetched_at=excluded.fetched_at,"
            " warc_file=COALESCE(excluded.warc_file, warc_file), reason=NULL",
            (source, url, kind, depth, status, etag, last_modified, sha256, fetched_at, warc_file))
        self._maybe_commit()

    def mark_failed(self, source: str, url: str, *, kind: str, depth: int, reason: str) -> None:
        self.db.execute(
            "INSERT INTO urls (source, url, kind, depth, state, reason) VALUES (?,?,?,?, 'failed', ?) "
            "ON CONFLICT(source, url) DO UPDATE SET state=CASE WHEN state='done' THEN 'done' "
            "ELSE 'failed' END, reason=excluded.reason",
            (source, url, kind, depth, reason))
        self._maybe_commit()

    def start_run(self, started_at: str, sources: list[str]) -> int:
        cur = self.db.execute("INSERT INTO runs (started_at, sources) VALUES (?, ?)",
                              (started_at, ",".join(sources)))
        self.commit()
        return cur.lastrowid

    def finish_run(self, run_id: int, finished_at: str) -> None:
        self.db.execute("UPDATE runs SET finished_at=? WHERE id=?", (finished_at, run_id))
        self.commit()
