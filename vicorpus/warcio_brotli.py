"""Let warcio decode ``Content-Encoding: br`` with the ``brotli`` module Scrapy installs.

warcio (1.8) registers a ``br`` decoder written for brotlipy: it sets an attribute
on ``brotli.Decompressor()`` and calls ``.decompress()``. Google's ``brotli``
package, which Scrapy requires (>= 1.2), has neither, so without this module
warcio fails on every br record: ``content_stream()``, ``warcio check`` and
``warcio extract --payload`` raise AttributeError (webrecorder/warcio#73).
:func:`install` registers a decoder that works with Google's and brotlicffi's API.

The crawler does not ask for br (crawler/raw.py), so br records only appear when
a server sends br unasked. To check such a WARC from the shell:

    python -m vicorpus.warcio_brotli check -v FILE.warc.gz   # same as `warcio check -v`, br included

    >>> install()
    True
    >>> from warcio.bufferedreaders import BufferedReader
    >>> import brotli, io
    >>> BufferedReader(io.BytesIO(brotli.compress("Tiếng Việt".encode())), decomp_type="br").read().decode()
    'Tiếng Việt'
"""

from __future__ import annotations

import sys


class _BrotliDecoder:
    """The decompressor interface warcio's BufferedReader uses: ``decompress`` and ``unused_data``."""

    unused_data = None  # brotli streams have no trailing members

    def __init__(self, module):
        self._decompressor = module.Decompressor()
        self._step = getattr(self._decompressor, "process", None) or self._decompressor.decompress

    def decompress(self, data: bytes) -> bytes:
        return self._step(data)


def install() -> bool:
    """Register the br decoder in warcio (idempotent); False when no brotli module is installed."""
    try:
        import brotli as module
    except ImportError:
        try:
            import brotlicffi as module
        except ImportError:
            return False
    from warcio.bufferedreaders import BufferedReader

    BufferedReader.DECOMPRESSORS["br"] = lambda: _BrotliDecoder(module)
    return True


def main(argv: list[str] | None = None) -> int:
    """``warcio`` with the br decoder installed (same arguments)."""
    install()
    from warcio.cli import main as warcio_main

    return warcio_main(argv if argv is not None else sys.argv[1:]) or 0


if __name__ == "__main__":
    sys.exit(main())
