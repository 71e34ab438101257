"""Reading warcio's record streams, shared by the crawler (its archived copies) and extraction.

>>> import io
>>> read_all(io.BytesIO(b"x" * 70_000)) == b"x" * 70_000
True
"""

from __future__ import annotations


def read_all(stream) -> bytes:
    """Read to EOF: warcio's readers may return short reads (even b"" at a buffer edge)."""
    chunks = []
    while True:
        chunk = stream.read(1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
