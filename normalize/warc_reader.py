"""Read the crawler's WARC files: the source config from warcinfo, then responses.

>>> from pathlib import Path
>>> # for info, response in read_warc(Path("WORKDIR/warc/demo-20260112T073000Z-00000.warc.gz")): ...
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader

from vicorpus.config import SourceConfig


@dataclass
class WarcResponse:
    """One archived HTTP response, payload already content-decoded."""

    url: str
    fetched_at: datetime | None
    status: int
    content_type: str  # media type only, lower-cased ("text/html")
    charset: str | None
    payload: bytes  # body after Content-Encoding decoding
    raw_sha256: str  # of the payload bytes as archived (before decoding)
    record_id: str
    offset: int
    warcinfo_id: str | None


def parse_warc_date(value: str | None) -> datetime | None:
    """'2026-01-12T07:30:00Z' -> aware UTC datetime (None when absent or unreadable)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def source_from_warcinfo(record) -> tuple[SourceConfig | None, str | None]:
    """The SourceConfig recorded in a warcinfo record, and its config sha256 field."""
    fields: dict[str, str] = {}
    for line in record.content_stream().read().decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    raw = fields.get("vicorpus-source-config")
    source = SourceConfig(**json.loads(raw)) if raw else None
    return source, fields.get("vicorpus-config-sha256")


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    parts = [part.strip() for part in header.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def _decode_body(raw: bytes, encoding: str | None) -> bytes:
    """Undo Content-Encoding (gzip, deflate, br); a body that fails to decode stays raw."""
    kind = (encoding or "").strip().lower()
    if kind not in ("gzip", "x-gzip", "deflate", "br"):
        return raw
    try:
        reader = BufferedReader(io.BytesIO(raw), decomp_type="gzip" if kind == "x-gzip" else kind)
        return reader.read()
    except Exception:  # noqa: BLE001 - a corrupt encoding is the page's problem, not ours
        return raw


def _read_all(stream) -> bytes:
    """Read to EOF: warcio's readers may return short reads (even b"" at a buffer edge)."""
    chunks = []
    while True:
        chunk = stream.read(1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def read_warc(path: Path) -> Iterator[tuple[dict, WarcResponse | None]]:
    """Yield ``(info, response)`` per record of interest.

    ``info`` is a dict with ``source`` (SourceConfig or None) and ``config_sha256``
    of the latest warcinfo; ``response`` is None for the warcinfo record itself.
    """
    info: dict = {"source": None, "config_sha256": None, "warcinfo_id": None}
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            kind = record.rec_type
            if kind == "warcinfo":
                source, sha = source_from_warcinfo(record)
                info = {"source": source, "config_sha256": sha or (source.sha256() if source else None),
                        "warcinfo_id": record.rec_headers.get_header("WARC-Record-ID")}
                yield info, None
                continue
            if kind != "response" or record.http_headers is None:
                continue
            raw = _read_all(record.raw_stream)
            offset = iterator.get_record_offset()  # after the read: it reads the record to its end
            headers = record.http_headers
            media, charset = _media_type(headers.get_header("Content-Type"))
            try:
                status = int(headers.get_statuscode() or 0)
            except ValueError:
                status = 0
            yield info, WarcResponse(
                url=record.rec_headers.get_header("WARC-Target-URI") or "",
                fetched_at=parse_warc_date(record.rec_headers.get_header("WARC-Date")),
                status=status,
                content_type=media,
                charset=charset,
                payload=_decode_body(raw, headers.get_header("Content-Encoding")),
                raw_sha256=hashlib.sha256(raw).hexdigest(),
                record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
                offset=offset,
                warcinfo_id=record.rec_headers.get_header("WARC-Warcinfo-ID"),
            )
