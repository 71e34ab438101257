"""Read WARC files in pieces: an index of record ranges, then the responses of one range.

:func:`index_warc` walks a WARC once (gzip members or, uncompressed, records) and
cuts it into :class:`RecordRange` s at fetch boundaries: a response and the request
and metadata records that belong to it (same target URI, or ``WARC-Concurrent-To``
it) are never split, and a range never crosses a ``warcinfo`` record, so each range
has one warcinfo (the source config) that applies. Workers then read ranges with
:func:`read_range`, so N workers share one big WARC as well as many small ones.

Files from the crawler, from ``wget --warc-file``, Common Crawl style files (request,
response, metadata) and uncompressed ``.warc`` files are read alike. A gzip file
that is not one member per record (the whole file compressed at once) cannot be cut
and is reported as such. Damage does not end the index: a corrupt gzip member or a
garbled record is skipped up to the next record that reads (the next gzip member that
inflates to a ``WARC/`` header, or the next ``WARC/1.`` line of an uncompressed file), and
every skipped byte span is reported with its offsets in ``damaged``; a truncated file is
indexed up to its last complete record.

>>> import io, tempfile
>>> from warcio.warcwriter import WARCWriter
>>> from warcio.statusandheaders import StatusAndHeaders
>>> path = Path(tempfile.mkdtemp()) / "mau.warc.gz"
>>> with open(path, "wb") as fh:
...     writer = WARCWriter(fh, gzip=True)
...     for k in range(3):
...         http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
...         writer.write_record(writer.create_warc_record(f"http://127.0.0.1/tin-{k}.htm", "response",
...             payload=io.BytesIO("<p>Tin thời sự</p>".encode()), http_headers=http))
>>> index = index_warc(path, range_responses=2)
>>> [r.responses for r in index.ranges], index.error
([2, 1], None)
>>> [response.url for response in read_range(path, index.ranges[1])]
['http://127.0.0.1/tin-2.htm']
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from vicorpus.imports import refused
from vicorpus.warc_io import read_all

with refused("fsspec"):  # warcio's way to open URLs; the files here are opened here
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import ChunkedDataReader

# A range holds about this many responses: small enough that two workers finish a big WARC
# together (the last range is the only wait), large enough that a task outweighs its set-up.
RANGE_RESPONSES = 48
# The last ranges of a file, about this many responses, are cut four times finer, so that the
# workers run out of work at nearly the same time (a 48-page range is about 0.4 s of one core;
# on a WARC of 500 pages, the other core's wait for it was a tenth of the run).
TAIL_RESPONSES = 2 * RANGE_RESPONSES
TAIL_RANGE_RESPONSES = RANGE_RESPONSES // 4
# Bumped when the index of the same bytes can come out different (cached indexes are redone).
INDEX_VERSION = 3
_READ = 1 << 16
_HEAD = 1 << 16  # decompressed bytes kept per member to parse its WARC headers
# A decoded body stops here (extraction reads the first 4 MB; the crawler caps bodies at 10 MB).
MAX_DECODED = 32 << 20


class WarcFormatError(Exception):
    """The file is not a WARC this reader can cut into ranges."""


@dataclass(frozen=True)
class RecordRange:
    """Bytes ``[start, end)`` of a WARC: whole fetches, one warcinfo (``warcinfo`` index or -1)."""

    start: int
    end: int
    warcinfo: int
    responses: int


@dataclass
class Warcinfo:
    """A warcinfo record: its offset and the vicorpus fields it carries (empty for foreign files)."""

    offset: int
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class WarcIndex:
    """What :func:`index_warc` found in one file."""

    warc_file: str
    size: int
    ranges: list[RecordRange]
    warcinfos: list[Warcinfo]
    responses: int
    error: str | None = None  # why the file could not be read on from some point, with the offset
    damaged: list[str] = field(default_factory=list)  # byte spans skipped, and why

    def problems(self) -> list[str]:
        """Everything that kept records of this file from being read, for people."""
        return self.damaged + ([self.error] if self.error else [])

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "WarcIndex":
        return cls(warc_file=data["warc_file"], size=data["size"], responses=data["responses"],
                   ranges=[RecordRange(**r) for r in data["ranges"]],
                   warcinfos=[Warcinfo(**w) for w in data["warcinfos"]], error=data.get("error"),
                   damaged=list(data.get("damaged", [])))


@dataclass(frozen=True)
class _Damage:
    """Bytes ``[start, end)`` that hold no readable record; reading goes on at ``end``."""

    start: int
    end: int
    why: str

    def describe(self, size: int) -> str:
        if self.end >= size:
            return f"damaged: bytes {self.start}-{self.end} (the end of the file) unreadable ({self.why})"
        return f"damaged: bytes {self.start}-{self.end} unreadable ({self.why}), read on from there"


@dataclass
class WarcResponse:
    """One archived HTTP response, payload already decoded (chunked and Content-Encoding undone)."""

    url: str
    fetched_at: datetime | None
    status: int
    content_type: str  # media type only, lower-cased ("text/html")
    charset: str | None
    payload: bytes  # the decoded HTTP body
    raw_sha256: str  # sha256 of ``payload`` (DESIGN.md: of the decoded body, not the archived bytes)
    record_id: str
    offset: int
    warcinfo_id: str | None
    # The vicorpus-* fields of the fetch's metadata record (how the crawler found the URL);
    # empty for WARCs written by other tools.
    discovery: dict[str, str] = field(default_factory=dict)


# -- the index -------------------------------------------------------------------------

def _parse_headers(block: bytes) -> dict[str, str]:
    """WARC header lines -> {lower-case name: value} (the first value of a repeated name)."""
    headers: dict[str, str] = {}
    for line in block.split(b"\r\n")[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            headers.setdefault(name.strip().decode("latin-1").lower(), value.strip().decode("utf-8", "replace"))
    return headers


def _head_of_record(data: bytes, offset: int) -> tuple[dict[str, str], int]:
    """(headers, bytes up to the end of the header block) of the record that ``data`` starts.

    Blank lines before the record (left by some writers) count in the length.
    """
    skipped = len(data) - len(data.lstrip(b"\r\n"))
    if not data.startswith(b"WARC/", skipped):
        if offset == 0:
            raise WarcFormatError("not a WARC file (it does not start with a WARC/1.x record)")
        raise WarcFormatError(f"no WARC record at offset {offset} (bytes {data[skipped:skipped + 16]!r})")
    end = data.find(b"\r\n\r\n", skipped)
    if end < 0:
        raise WarcFormatError(f"WARC headers at offset {offset} do not end")
    headers = _parse_headers(data[skipped:end])
    if not headers.get("content-length", "").isdigit():
        raise WarcFormatError(f"WARC record at offset {offset} has no Content-Length")
    if not headers.get("warc-type"):  # every record names its type: a garbled header block
        raise WarcFormatError(f"WARC record at offset {offset} has no WARC-Type")
    return headers, end + 4


def _gzip_records(fh, size: int) -> Iterator[tuple[int, int, dict[str, str], bytes] | _Damage]:
    """(start, end, headers, first bytes of the content) of each gzip member = one record, and a
    :class:`_Damage` for each span of the file that holds none (reading goes on after it)."""
    start, pending = 0, b""
    while start < size:
        try:
            record, pending = _gzip_member(fh, start, size, pending)
        except _Unreadable as exc:
            if start == 0 and exc.not_a_warc:
                raise WarcFormatError(str(exc)) from None
            resume = _next_gzip_record(fh, start + 1, size)
            yield _Damage(start, resume, str(exc))
            start, pending = resume, b""
            fh.seek(resume)
            continue
        yield record
        start = record[1]


class _Unreadable(Exception):
    """One record of a WARC cannot be read; ``not_a_warc``: what it holds is no WARC record."""

    def __init__(self, why: str, not_a_warc: bool = False):
        super().__init__(why)
        self.not_a_warc = not_a_warc


def _gzip_member(fh, start: int, size: int, pending: bytes) -> tuple[tuple[int, int, dict[str, str], bytes], bytes]:
    """((start, end, headers, first content bytes), the bytes read past its end) of the gzip
    member at ``start``; ``pending``: bytes of the file from ``start`` already read."""
    inflater = zlib.decompressobj(31)
    head, produced, fed = b"", 0, 0
    while True:
        if not pending:
            pending = fh.read(_READ)
            if not pending:
                raise _Unreadable(f"truncated: its gzip member ends early (file size {size})")
        try:
            out = inflater.decompress(pending)
        except zlib.error as exc:
            raise _Unreadable(f"corrupt gzip data: {exc}") from None
        if len(head) < _HEAD:
            head += out[:_HEAD - len(head)]
        produced += len(out)
        if inflater.eof:
            fed += len(pending) - len(inflater.unused_data)
            pending = inflater.unused_data
            break
        fed += len(pending)
        pending = b""
    try:
        headers, header_len = _head_of_record(head, start)
    except WarcFormatError as exc:
        raise _Unreadable(str(exc), not_a_warc=True) from None
    record_len = header_len + int(headers["content-length"])
    if produced < record_len:
        raise _Unreadable("the record is shorter than its Content-Length")
    if produced > record_len + 64:  # + the blank lines that end a record
        raise WarcFormatError("one gzip member holds several records (the whole file was gzipped at once); "
                              "recompress it with one member per record: warcio recompress IN OUT")
    return (start, start + fed, headers, head[header_len:]), pending


def _next_gzip_record(fh, pos: int, size: int) -> int:
    """Offset of the first gzip member at or after ``pos`` that inflates to a WARC record
    header (``size`` when none does)."""
    while pos < size:
        fh.seek(pos)
        chunk = fh.read(_READ + 2)
        at = chunk.find(b"\x1f\x8b\x08")
        if at < 0:
            pos += max(len(chunk) - 2, 1)
            continue
        fh.seek(pos + at)
        try:
            start = zlib.decompressobj(31).decompress(fh.read(4096), 64)
        except zlib.error:
            start = b""
        if start.lstrip(b"\r\n").startswith(b"WARC/"):
            return pos + at
        pos += at + 1
    return size


def _plain_records(fh, size: int) -> Iterator[tuple[int, int, dict[str, str], bytes] | _Damage]:
    """(start, end, headers, first bytes of the content) of each record of an uncompressed WARC,
    and a :class:`_Damage` for each span that holds no record (reading goes on after it).

    ``end`` includes the blank lines that close the record, so the next range starts at a record.
    """
    pos = 0
    while True:
        fh.seek(pos)
        data = fh.read(_HEAD)
        if not data.strip(b"\r\n"):
            return
        try:
            headers, header_len = _head_of_record(data, pos)
        except WarcFormatError as exc:
            if pos == 0:
                raise
            resume = _next_plain_record(fh, pos + 1, size)
            yield _Damage(pos, resume, str(exc))
            pos = resume
            continue
        content_end = pos + header_len + int(headers["content-length"])
        if content_end > size:
            yield _Damage(pos, size, "truncated: the record runs past the end of the file")
            return
        fh.seek(content_end)
        tail = fh.read(4)
        end = content_end + len(tail) - len(tail.lstrip(b"\r\n"))
        yield pos, end, headers, data[header_len:]
        pos = end


def _next_plain_record(fh, pos: int, size: int) -> int:
    """Offset of the first ``WARC/1.x`` header line at or after ``pos`` that starts a line
    (``size`` when there is none)."""
    while pos < size:
        fh.seek(pos - 1)
        chunk = fh.read(_READ + 16)
        at = chunk.find(b"\nWARC/1.")
        if at >= 0:
            return pos + at
        if len(chunk) < _READ + 16:
            return size
        pos += _READ
    return size


def _warc_fields(block: bytes) -> dict[str, str]:
    """application/warc-fields -> {name: value} (first value of a repeated name)."""
    fields: dict[str, str] = {}
    for line in block.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields.setdefault(name.strip(), value.strip())
    return fields


def index_warc(path: Path, range_responses: int = RANGE_RESPONSES) -> WarcIndex:
    """Cut ``path`` into ranges of about ``range_responses`` responses at fetch boundaries.

    Damaged spans are left out of every range and listed in ``damaged``; a file that cannot
    be read on from some point keeps the ranges of its complete fetches and says why in ``error``.
    """
    path = Path(path)
    size = path.stat().st_size
    index = WarcIndex(warc_file=path.name, size=size, ranges=[], warcinfos=[], responses=0)
    group_end = range_start = 0
    group_ids: set[str] = set()
    group_uri, group_responses, range_responses_so_far = None, 0, 0
    fetch_ends: list[tuple[int, int]] = []  # (end offset, responses so far) of each fetch of the open range
    recent: deque[list[tuple[int, int]]] = deque(maxlen=TAIL_RESPONSES)  # fetch_ends of the last ranges

    def close_group() -> None:
        nonlocal range_responses_so_far
        range_responses_so_far += group_responses
        fetch_ends.append((group_end, range_responses_so_far))
        if range_responses_so_far >= range_responses:
            close_range(group_end)

    def close_range(end: int) -> None:
        nonlocal range_start, range_responses_so_far, fetch_ends
        if range_responses_so_far:
            index.ranges.append(RecordRange(range_start, end, len(index.warcinfos) - 1, range_responses_so_far))
            recent.append(fetch_ends)
        range_start, range_responses_so_far, fetch_ends = end, 0, []

    with open(path, "rb") as fh:
        magic = fh.read(2)
        fh.seek(0)
        records = _gzip_records(fh, size) if magic == b"\x1f\x8b" else _plain_records(fh, size)
        try:
            for item in records:
                if isinstance(item, _Damage):  # no range spans it: close the fetch and range before
                    if group_ids:
                        close_group()
                    close_range(group_end)
                    index.damaged.append(item.describe(size))
                    range_start = group_end = item.end
                    group_ids, group_uri, group_responses = set(), None, 0
                    continue
                start, end, headers, head = item
                kind = headers.get("warc-type", "")
                record_id = headers.get("warc-record-id", "")
                if kind == "warcinfo":
                    if group_ids:
                        close_group()
                    close_range(start)
                    fields = _warc_fields(head[:int(headers["content-length"])])
                    index.warcinfos.append(Warcinfo(start, {k: v for k, v in fields.items()
                                                            if k.startswith("vicorpus-")}))
                    range_start, group_ids, group_uri, group_responses = end, set(), None, 0
                    group_end = end
                    continue
                uri = headers.get("warc-target-uri")
                same_fetch = group_ids and (headers.get("warc-concurrent-to") in group_ids
                                            or (uri is not None and uri == group_uri))
                if not same_fetch:
                    if group_ids:
                        close_group()
                    group_ids, group_uri, group_responses = set(), uri, 0
                group_ids.add(record_id)
                group_end = end
                if kind == "response":
                    group_responses += 1
                    index.responses += 1
        except WarcFormatError as exc:
            index.error = str(exc)
        except OSError as exc:
            index.error = f"cannot read: {exc}"
        if group_ids:
            close_group()
        close_range(group_end)
    if range_responses == RANGE_RESPONSES:
        _cut_tail_finer(index.ranges, list(recent))
    if index.error is None and not index.warcinfos and not index.ranges and size and not index.damaged:
        index.error = "no WARC record found"
    return index


def _cut_tail_finer(ranges: list[RecordRange], fetch_ends: list[list[tuple[int, int]]]) -> None:
    """Cut the last ranges of a file (at most :data:`TAIL_RESPONSES` responses, at least one
    range) into ranges of about :data:`TAIL_RANGE_RESPONSES`, at fetch boundaries (``fetch_ends`` of the last ranges,
    in file order). Only the bytes, never the worker count, decide the cut.

    >>> ranges = [RecordRange(0, 100, 0, 48), RecordRange(100, 190, 0, 30)]
    >>> ends = [[(k * 2 + 2, k + 1) for k in range(48)], [(100 + k * 3 + 3, k + 1) for k in range(30)]]
    >>> _cut_tail_finer(ranges, ends)
    >>> [(r.start, r.end, r.responses) for r in ranges]
    [(0, 24, 12), (24, 48, 12), (48, 72, 12), (72, 100, 12), (100, 136, 12), (136, 172, 12), (172, 190, 6)]
    """
    tail, responses = [], 0
    for rng, ends in zip(reversed(ranges), reversed(fetch_ends)):
        if tail and responses + rng.responses > TAIL_RESPONSES:
            break
        tail.append((rng, ends))
        responses += rng.responses
    if not tail:
        return
    finer = []
    for rng, ends in reversed(tail):
        start, before = rng.start, 0
        for end, so_far in ends:
            if so_far - before >= TAIL_RANGE_RESPONSES and rng.responses - so_far >= TAIL_RANGE_RESPONSES // 2:
                finer.append(RecordRange(start, end, rng.warcinfo, so_far - before))
                start, before = end, so_far
        finer.append(RecordRange(start, rng.end, rng.warcinfo, rng.responses - before))
    ranges[len(ranges) - len(tail):] = finer


# -- reading a range -------------------------------------------------------------------

class _Window(io.RawIOBase):
    """Bytes ``[start, end)`` of a file, with tell() in file offsets (what warcio reports)."""

    def __init__(self, fh, start: int, end: int):
        self._fh, self._pos, self._end = fh, start, end
        fh.seek(start)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = self._end - self._pos if size is None or size < 0 else min(size, self._end - self._pos)
        data = self._fh.read(size) if size > 0 else b""
        self._pos += len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def tell(self) -> int:
        return self._pos


def parse_warc_date(value: str | None) -> datetime | None:
    """'2026-01-12T07:30:00Z' -> aware UTC datetime (None when absent or unreadable).

    >>> parse_warc_date("2026-01-12T07:30:00.123456Z").isoformat()
    '2026-01-12T07:30:00.123456+00:00'
    """
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


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


def _inflate(raw: bytes, wbits: int) -> bytes:
    """zlib inflate, stopping at MAX_DECODED bytes (a decompression bomb in a foreign WARC)."""
    return zlib.decompressobj(wbits).decompress(raw, MAX_DECODED)


def _decoded(raw: bytes, encoding: str) -> bytes:
    """Undo one Content-Encoding; ValueError/zlib.error when the bytes are not what it says."""
    if encoding in ("gzip", "x-gzip"):
        return _inflate(raw, 47)  # gzip (or zlib) wrapper
    if encoding == "deflate":
        try:
            return _inflate(raw, 15)  # zlib-wrapped, as RFC 9110 says
        except zlib.error:
            return _inflate(raw, -15)  # raw deflate, as some servers send it
    if encoding == "br":
        import brotli  # Scrapy's dependency; Google's brotli and brotlicffi share decompress()

        return brotli.decompress(raw)
    raise ValueError(f"unknown Content-Encoding {encoding!r}")


def decode_body(raw: bytes, content_encoding: str | None, chunked: bool = False) -> bytes:
    """Undo chunked framing and Content-Encoding (gzip, deflate, br); what fails to decode stays raw.

    >>> import gzip, zlib
    >>> decode_body(gzip.compress("Hà Nội".encode()), "gzip").decode()
    'Hà Nội'
    >>> decode_body(zlib.compress("Đà Nẵng".encode())[2:-4], "deflate").decode()  # raw deflate
    'Đà Nẵng'
    """
    if chunked:
        try:
            raw = read_all(ChunkedDataReader(io.BytesIO(raw)))
        except Exception:  # noqa: BLE001 - broken framing: the page's problem, keep the bytes
            pass
    encodings = [e.strip().lower() for e in (content_encoding or "").split(",") if e.strip()]
    if not encodings or encodings == ["identity"]:
        return raw
    try:
        for encoding in reversed(encodings):  # applied in order, undone in reverse
            if encoding != "identity":
                raw = _decoded(raw, encoding)
    except Exception:  # noqa: BLE001 - a corrupt encoding is the page's problem, not ours
        return raw
    return raw


def read_range(path: Path, rng: RecordRange) -> Iterator[WarcResponse]:
    """The responses of one range in file order, each with its fetch's discovery fields."""
    responses, discovery = [], {}
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(_Window(fh, rng.start, rng.end))
        for record in iterator:
            kind = record.rec_type
            headers = record.rec_headers
            if kind == "metadata":
                fields = _warc_fields(read_all(record.raw_stream))
                found = {k: v for k, v in fields.items() if k.startswith("vicorpus-")}
                target = headers.get_header("WARC-Concurrent-To")
                if found and target:
                    discovery.setdefault(target, {}).update(found)
                continue
            if kind != "response" or record.http_headers is None:
                continue
            raw = read_all(record.raw_stream)
            offset = iterator.get_record_offset()  # after the read: it reads the record to its end
            http = record.http_headers
            media, charset = _media_type(http.get_header("Content-Type"))
            try:
                status = int(http.get_statuscode() or 0)
            except ValueError:
                status = 0
            chunked = (http.get_header("Transfer-Encoding") or "").strip().lower() == "chunked"
            payload = decode_body(raw, http.get_header("Content-Encoding"), chunked)
            responses.append(WarcResponse(
                url=headers.get_header("WARC-Target-URI") or "",
                fetched_at=parse_warc_date(headers.get_header("WARC-Date")),
                status=status, content_type=media, charset=charset, payload=payload,
                raw_sha256=hashlib.sha256(payload).hexdigest(),
                record_id=headers.get_header("WARC-Record-ID") or "",
                offset=offset,
                warcinfo_id=headers.get_header("WARC-Warcinfo-ID"),
            ))
    for response in responses:
        response.discovery = discovery.get(response.record_id, {})
        yield response


def read_warc(path: Path) -> Iterator[tuple[dict[str, str], WarcResponse]]:
    """``(warcinfo fields, response)`` for every response of a WARC, in file order (one process;
    the extract stage reads ranges in workers). The fields are the vicorpus-* ones of the warcinfo
    that applies (empty for foreign files).

    Raises :class:`WarcFormatError` after the last fetch of a damaged file.
    """
    index = index_warc(path)
    for rng in index.ranges:
        fields = index.warcinfos[rng.warcinfo].fields if rng.warcinfo >= 0 else {}
        for response in read_range(path, rng):
            yield fields, response
    if index.problems():
        raise WarcFormatError(f"{Path(path).name}: {'; '.join(index.problems())}")
