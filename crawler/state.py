"""Crawl state in ``WORKDIR/crawl/state.sqlite``: what was seen, fetched and where it is archived.

One row per (source, canonical URL). ``state`` is ``queued`` (discovered, not yet
fetched), ``done`` (fetched, and archived now or earlier) or ``failed``. A done
row keeps the validators (ETag, Last-Modified), the sha256 of the decoded body
and the WARC file and offset of the page's latest archived copy, so a later run
can ask "changed since?" and, on 304, read the page's links from that copy.

A *round* is one pass over a source, from its start URLs until nothing is left
to fetch; it may take several runs. A run killed or stopped by ``--max-time`` /
``--max-pages`` leaves its round open, and the next run continues it (pages done
in the round are not requested again). A run that ends with the frontier empty
closes the round, and the next run starts a new one: an incremental re-crawl.
"""

from __future__ import annotations

import json
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
    sha256 TEXT,                   -- of the decoded body
    fetched_at TEXT,
    warc_file TEXT,                -- latest archived copy: file name in WORKDIR/warc
    reason TEXT,
    warc_offset INTEGER,           -- ... and the offset of its response record
    round INTEGER,                 -- the round that last fetched (or replayed) it
    discovery TEXT,                -- JSON: how a queued URL was found (crawler/discovery.py)
    PRIMARY KEY (source, url)
);
CREATE TABLE IF NOT EXISTS rounds (
    source TEXT NOT NULL,
    round INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    PRIMARY KEY (source, round)
);
"""
# Columns added after the first release: an older state file gains them on open.
_ADDED_COLUMNS = {"warc_offset": "INTEGER", "round": "INTEGER", "discovery": "TEXT"}
_ENQUEUE = ("INSERT INTO urls (source, url, kind, depth, state, discovery) VALUES (?,?,?,?, 'queued', ?) "
            "ON CONFLICT(source, url) DO UPDATE SET discovery=COALESCE(discovery, excluded.discovery)")
_FIELDS = "url, kind, depth, state, status, etag, last_modified, sha256, fetched_at, warc_file, warc_offset, round, discovery"


@dataclass
class UrlRecord:
    url: str
    kind: str
    depth: int
    state: str
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    fetched_at: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    round: int | None = None
    discovery: str | None = None

    @property
    def archived(self) -> bool:
        """True when the state knows where the latest archived copy is."""
        return self.warc_file is not None and self.warc_offset is not None

    @property
    def found(self) -> dict:
        return json.loads(self.discovery) if self.discovery else {}


class CrawlState:
    """SQLite crawl state shared by every spider of one crawl process.

    >>> import tempfile; s = CrawlState(Path(tempfile.mkdtemp()) / "state.sqlite")
    >>> s.open_round("demo")
    (1, False)
    >>> s.enqueue("demo", "http://127.0.0.1/a", "page", 1); s.get("demo", "http://127.0.0.1/a").state
    'queued'
    >>> s.finish_round("demo", 1); s.open_round("demo")
    (2, False)
    """

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # Short transactions only (a WAL append, no fsync): spiders of one process and crawl
        # processes of one workdir write the same file, and a transaction held open between
        # writes would stall every other writer's reactor thread behind it.
        self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self._queued: list[tuple] = []  # enqueued URLs written with the next fetch's row
        _use_wal(self.db)
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        present = {row[1] for row in self.db.execute("PRAGMA table_info(urls)")}
        for column, kind in _ADDED_COLUMNS.items():
            if column not in present:
                self.db.execute(f"ALTER TABLE urls ADD COLUMN {column} {kind}")

    def close(self) -> None:
        self._write()
        self.db.close()

    def _write(self, statement: str | None = None, row: tuple = ()) -> None:
        """The pending enqueued URLs and ``statement``, in one short transaction."""
        if not self._queued:
            if statement is not None:
                self.db.execute(statement, row)
            return
        queued, self._queued = self._queued, []
        with self.db:  # BEGIN ... COMMIT
            self.db.execute("BEGIN")
            self.db.executemany(_ENQUEUE, queued)
            if statement is not None:
                self.db.execute(statement, row)

    # -- rounds --------------------------------------------------------------------------
    def open_round(self, source: str) -> tuple[int, bool]:
        """The round this run works in and whether it continues an unfinished one."""
        row = self.db.execute("SELECT round, finished_at FROM rounds WHERE source=? ORDER BY round DESC LIMIT 1",
                              (source,)).fetchone()
        if row is not None and row[1] is None:
            return row[0], True
        number = (row[0] if row else 0) + 1
        self.db.execute("INSERT INTO rounds (source, round, started_at) VALUES (?,?,?)",
                        (source, number, _now()))
        return number, False

    def finish_round(self, source: str, number: int) -> None:
        self.db.execute("UPDATE rounds SET finished_at=? WHERE source=? AND round=?", (_now(), source, number))

    # -- urls ----------------------------------------------------------------------------
    def get(self, source: str, url: str) -> UrlRecord | None:
        self._write()
        row = self.db.execute(f"SELECT {_FIELDS} FROM urls WHERE source=? AND url=?", (source, url)).fetchone()
        return UrlRecord(*row) if row else None

    def load(self, source: str) -> dict[str, UrlRecord]:
        """Every URL known for ``source`` (one query at spider start)."""
        self._write()
        rows = self.db.execute(f"SELECT {_FIELDS} FROM urls WHERE source=?", (source,))
        return {row[0]: UrlRecord(*row) for row in rows}

    def pending(self, source: str) -> int:
        """How many URLs of ``source`` are found and not fetched yet (what the next run of the
        round fetches first)."""
        self._write()
        return self.db.execute("SELECT COUNT(*) FROM urls WHERE source=? AND state='queued'", (source,)).fetchone()[0]

    def enqueue(self, source: str, url: str, kind: str, depth: int, discovery: dict | None = None) -> None:
        """Remember a discovered URL; written with the next fetch's row (a kill loses only what the
        archived pages list again: a resumed run reads their links back)."""
        self._queued.append((source, url, kind, depth,
                             json.dumps(discovery, ensure_ascii=False) if discovery else None))
        if len(self._queued) >= 1000:
            self._write()

    def mark_done(self, source: str, url: str, *, kind: str, depth: int, status: int,
                  etag: str | None, last_modified: str | None, sha256: str | None,
                  fetched_at: str, warc_file: str | None, warc_offset: int | None = None,
                  round: int | None = None) -> None:
        """Record a fetch, after its WARC record is on disk (a kill in between costs a refetch).
        Without a new ``warc_file`` (304, unchanged body) the row keeps pointing at the
        earlier archived copy."""
        self._write(
            "INSERT INTO urls (source, url, kind, depth, state, status, etag, last_modified, sha256,"
            " fetched_at, warc_file, warc_offset, round) VALUES (?,?,?,?, 'done', ?,?,?,?,?,?,?,?) "
            "ON CONFLICT(source, url) DO UPDATE SET state='done', status=excluded.status,"
            " kind=excluded.kind, round=excluded.round,"
            " etag=COALESCE(excluded.etag, etag), last_modified=COALESCE(excluded.last_modified, last_modified),"
            " sha256=COALESCE(excluded.sha256, sha256), fetched_at=excluded.fetched_at,"
            " warc_offset=CASE WHEN excluded.warc_file IS NULL THEN warc_offset ELSE excluded.warc_offset END,"
            " warc_file=COALESCE(excluded.warc_file, warc_file), reason=NULL",
            (source, url, kind, depth, status, etag, last_modified, sha256, fetched_at, warc_file,
             warc_offset, round))

    def mark_failed(self, source: str, url: str, *, kind: str, depth: int, reason: str) -> None:
        self._write(
            "INSERT INTO urls (source, url, kind, depth, state, reason) VALUES (?,?,?,?, 'failed', ?) "
            "ON CONFLICT(source, url) DO UPDATE SET state=CASE WHEN state='done' THEN 'done' "
            "ELSE 'failed' END, reason=excluded.reason",
            (source, url, kind, depth, reason))


def _use_wal(db: sqlite3.Connection, attempts: int = 100) -> None:
    """Switch the file to WAL. Switching needs the file to itself and, unlike other
    statements, does not wait on the busy timeout: spiders opening a new state file at
    the same moment get "database is locked" at once, so retry for a few seconds."""
    for attempt in range(attempts):
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def _now() -> str:
    from vicorpus.timeutil import utc_now

    return utc_now().isoformat()
