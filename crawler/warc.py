"""WARC/1.1 gzip files, one gzip member per record, each written in one piece.

A record is built in memory and written with a single ``write`` + ``flush``, so a
SIGKILL leaves either the whole member or (rarely) a truncated tail. Files being
written are named ``*.warc.gz.open`` and renamed when closed, so extraction never
reads a file that is still growing; :func:`recover_open_files` repairs what a
killed crawl left behind (keeps every complete member, drops a partial tail).
A writer holds a ``flock`` on its open file, and recovery skips any file it
cannot lock: it never touches the file of a crawl that is still writing.
"""

from __future__ import annotations

import io
import json
import os
import re
import zlib
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import vicorpus
from vicorpus.locking import try_lock_file
from vicorpus.config import SourceConfig

SOFTWARE = f"vicorpus/{vicorpus.__version__} (scrapy, warcio)"
OPEN_SUFFIX = ".open"
GZIP_LEVEL = 6
# Hop-by-hop framing the body no longer has once Scrapy de-chunked it.
_DROP_HEADERS = {b"transfer-encoding", b"content-length"}


def _warc_date(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class WarcWriter:
    """Write request/response records for one source, rotating files by size. A file that
    holds no fetch when it is closed (a re-crawl that found nothing new) is removed.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> src = SourceConfig(name="demo", title="Mẫu", start_urls=["http://127.0.0.1/"],
    ...     allowed_domains=["127.0.0.1"], licence="Ghi rõ nguồn", attribution="Nguồn: mẫu")
    >>> w = WarcWriter(d, src); w.close(); len(list(d.glob("demo-*")))
    0
    """

    def __init__(self, directory: Path, source: SourceConfig, *, max_file_bytes: int = 1 << 30,
                 tag: str | None = None):
        if max_file_bytes < 1024:
            raise ValueError(f"max_file_bytes must be at least 1024, got {max_file_bytes}")
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.source = source
        self.max_file_bytes = max_file_bytes
        self.stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
        # Processes sharing one frontier each write their own files, on other machines maybe:
        # the tag (host and process) keeps their names apart when they are put together.
        self.tag = re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-") if tag else None
        self.seq = 0
        self.files: list[str] = []
        self.bytes_written = 0
        self._fh = None
        self._path: Path | None = None
        self._warcinfo_id: str | None = None
        self._open_next()

    # -- files ---------------------------------------------------------------------------
    def _final_name(self, seq: int) -> str:
        tagged = f"-{self.tag}" if self.tag else ""
        return f"{self.source.name}-{self.stamp}{tagged}-{seq:05d}.warc.gz"

    def _open_next(self) -> None:
        while True:
            name = self._final_name(self.seq)
            path = self.directory / (name + OPEN_SUFFIX)
            if not path.exists() and not (self.directory / name).exists():
                break
            self.seq += 1
        self._path = path
        self._exchanges = 0
        self._fh = open(path, "xb")
        try_lock_file(self._fh)  # released when the file is closed (or the process dies)
        self.files.append(name)
        info = {
            "software": SOFTWARE,
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "vicorpus-source": self.source.name,
            "vicorpus-config-sha256": self.source.sha256(),
            "vicorpus-source-config": json.dumps(self.source.model_dump(mode="json"), ensure_ascii=False),
        }
        builder = WARCWriter(io.BytesIO(), gzip=True, warc_version="1.1")
        record = builder.create_warcinfo_record(name, info)
        self._warcinfo_id = record.rec_headers.get_header("WARC-Record-ID")
        self._write_records([record])

    def _close_current(self) -> None:
        if self._fh is None:
            return
        if not self._exchanges:  # only its warcinfo: a re-crawl that found nothing new leaves no file
            self._fh.close()
            self._path.unlink()
            self._fh = None
            self.files.pop()
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        # Renamed while still locked: recovery never sees this file unlocked under its .open name.
        os.replace(self._path, self._path.with_name(self._path.name[: -len(OPEN_SUFFIX)]))
        self._fh.close()
        self._fh = None

    def close(self) -> None:
        """Flush, fsync and give the file its final ``.warc.gz`` name."""
        self._close_current()

    @property
    def current_file(self) -> str:
        return self.files[-1]

    # -- records -------------------------------------------------------------------------
    def _write_records(self, records) -> int:
        """Write records as consecutive gzip members in one write; return the start offset."""
        members = []
        for record in records:
            # One gzip member per record, compressed in one call at level 6: warcio's own
            # wrapper uses level 9 and many small calls (2x the CPU for ~2% smaller files).
            raw = io.BytesIO()
            WARCWriter(raw, gzip=False, warc_version="1.1").write_record(record)
            gz = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
            members.append(gz.compress(raw.getvalue()) + gz.flush())
        blob = b"".join(members)
        offset = self._fh.tell()
        self._fh.write(blob)
        self._fh.flush()  # in the OS after this: a SIGKILL can no longer lose it
        self.bytes_written += len(blob)
        return offset

    def write_exchange(self, *, url: str, fetched_at: datetime, method: str, request_headers: list,
                       status: int, response_headers: list, body: bytes, protocol: str = "HTTP/1.1",
                       metadata: dict[str, str] | None = None) -> dict:
        """Archive one fetch (response, request and an optional metadata record).

        ``body`` is the payload as received (Content-Encoding kept). Returns
        ``{"warc_file", "warc_offset", "warc_record_id", "payload_digest"}``.
        """
        if self._fh.tell() >= self.max_file_bytes:
            self._close_current()
            self.seq += 1
            self._open_next()
        builder = WARCWriter(io.BytesIO(), gzip=True, warc_version="1.1")
        date = _warc_date(fetched_at)
        common = {"WARC-Date": date, "WARC-Warcinfo-ID": self._warcinfo_id}
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        headers = [(k, v) for k, v in response_headers if k.lower().encode() not in _DROP_HEADERS]
        headers.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason}", headers, protocol=protocol)
        response = builder.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=http_headers, warc_headers_dict=dict(common))
        response_id = response.rec_headers.get_header("WARC-Record-ID")
        parts = _split_url(url)
        req_headers = StatusAndHeaders(f"{method} {parts[1]} HTTP/1.1",
                                       [("Host", parts[0])] + list(request_headers),
                                       protocol="", is_http_request=True)
        request = builder.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0, http_headers=req_headers,
            warc_headers_dict={**common, "WARC-Concurrent-To": response_id})
        records = [response, request]
        if metadata:
            blob = "".join(f"{k}: {v}\r\n" for k, v in metadata.items()).encode("utf-8")
            records.append(builder.create_warc_record(
                url, "metadata", payload=io.BytesIO(blob), length=len(blob),
                warc_content_type="application/warc-fields",
                warc_headers_dict={**common, "WARC-Concurrent-To": response_id}))
        offset = self._write_records(records)
        self._exchanges += 1
        return {
            "warc_file": self.current_file,
            "warc_offset": offset,
            "warc_record_id": response_id,
            "payload_digest": response.rec_headers.get_header("WARC-Payload-Digest"),
        }


def _split_url(url: str) -> tuple[str, str]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.netloc, path


def complete_members_end(path: Path) -> int:
    """Byte offset just after the last complete gzip member of ``path``."""
    good = 0
    member_start, fed = 0, 0
    inflater = zlib.decompressobj(31)
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            buf = chunk
            while buf:
                try:
                    inflater.decompress(buf)
                except zlib.error:
                    return good
                fed += len(buf)
                if not inflater.eof:
                    break
                member_end = member_start + fed - len(inflater.unused_data)
                good, member_start, fed = member_end, member_end, 0
                buf = inflater.unused_data
                inflater = zlib.decompressobj(31)
    return good


def recover_open_files(directory: Path) -> list[dict]:
    """Repair ``*.warc.gz.open`` files a killed crawl left: keep complete members, rename.

    A file whose writer is alive (it holds the file's lock) is left alone.
    Returns one entry per file repaired: ``{"file", "kept_bytes", "dropped_bytes"}``.
    """
    repaired = []
    for path in sorted(Path(directory).glob("*.warc.gz" + OPEN_SUFFIX)):
        try:
            fh = open(path, "r+b")
        except FileNotFoundError:  # its writer closed it meanwhile
            continue
        with fh:
            if not try_lock_file(fh):
                continue  # a live crawl is writing it
            size = os.fstat(fh.fileno()).st_size
            end = complete_members_end(path)
            final = path.with_name(path.name[: -len(OPEN_SUFFIX)])
            if end == 0:
                path.rename(path.with_name(path.name + ".empty"))
            else:
                if end < size:
                    fh.truncate(end)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(path, final)
        repaired.append({"file": final.name, "kept_bytes": end, "dropped_bytes": size - end})
    return repaired
