"""Read one archived response back from the WARC files, as a Scrapy response.

Resume and re-crawl use it: a page archived earlier is not requested again (or
answers 304), and its out-links are read from the archived copy the crawl state
points to (file + offset of its response record), so discovery goes on as if the
page had just been fetched.
"""

from __future__ import annotations

import os
from pathlib import Path

from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator

from vicorpus.warcio_brotli import install as _install_br
from vicorpus.warc_io import read_all

_install_br()  # a br page the server sent unasked is read back like any other
# Framing and encoding of the archived bytes: the body handed back is already decoded.
_NOT_KEPT = {b"content-encoding", b"transfer-encoding", b"content-length"}


class Archive:
    """The WARC directory of a workdir, read one record at a time.

    >>> Archive(Path("/nonexistent")).read("x.warc.gz", 0) is None
    True
    """

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._exists: dict[str, bool] = {}

    def has(self, warc_file: str | None) -> bool:
        """True when ``warc_file`` is there to read (checked once per file and run)."""
        if not warc_file:
            return False
        known = self._exists.get(warc_file)
        if known is None:
            known = self._exists[warc_file] = os.path.isfile(self.directory / warc_file)
        return known

    def read(self, warc_file: str, offset: int):
        """The response record at ``offset`` of ``warc_file`` (body decoded), or None when
        the file or the record cannot be read (moved away, damaged)."""
        try:
            with open(self.directory / warc_file, "rb") as fh:
                fh.seek(offset)
                record = next(iter(ArchiveIterator(fh)), None)
                if record is None or record.rec_type != "response" or record.http_headers is None:
                    return None
                body = read_all(record.content_stream())
                url = record.rec_headers.get_header("WARC-Target-URI")
                status = int(record.http_headers.get_statuscode() or 200)
                headers = Headers()
                for name, value in record.http_headers.headers:
                    if name.lower().encode("latin-1") not in _NOT_KEPT:
                        headers.appendlist(name, value)
        except Exception:  # noqa: BLE001 - a copy we cannot read means: fetch the page again
            return None
        cls = responsetypes.from_args(headers=headers, url=url, body=body)
        return cls(url=url, status=status, headers=headers, body=body)
