"""Keep the response body as the server sent it, for the WARC record.

Scrapy's HttpCompressionMiddleware replaces a gzip/deflate/br body by its
decoded bytes and drops ``Content-Encoding``; the spider reads that decoded body.
The archive must hold what crossed the wire instead (the WARC payload digest is
over it, and a reader decodes it again), so :class:`RawResponseMiddleware` sits
just before decompression on the response path (priority 595, between the
redirect middleware at 600 and decompression at 590) and keeps the encoded body
and the headers in ``request.meta[RAW]``. Decompression keeps enforcing
``DOWNLOAD_MAXSIZE`` on the decoded size (a gzip bomb is still refused).

Only encoded responses are kept twice in memory; for the others the body the
spider sees is the body that was sent.
"""

from __future__ import annotations

RAW = "vicorpus_raw"  # request meta: (encoded body, [(header, value), ...]) of the last response
PRIORITY = 595


# What the crawler asks for: only encodings every WARC reader decodes. Scrapy would also offer
# br and zstd; warcio cannot undo zstd at all, and undoes br only with brotlipy, not with the
# brotli package Scrapy requires (vicorpus/warcio_brotli.py). A server that sends br or zstd
# unasked still has its bytes archived as sent.
ACCEPT_ENCODING = "gzip, deflate"


def header_pairs(headers) -> list[tuple[str, str]]:
    """Scrapy ``Headers`` as (name, value) text pairs, repeated headers kept."""
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, values in headers.items() for v in values]


class RawResponseMiddleware:
    """Record the still-encoded body and headers of responses that have a Content-Encoding."""

    def process_request(self, request, spider=None):
        request.meta.pop(RAW, None)  # a retry copies the meta of the try before it
        return None

    def process_response(self, request, response, spider=None):
        if response.headers.get(b"Content-Encoding"):
            request.meta[RAW] = (response.body, header_pairs(response.headers))
        return response
