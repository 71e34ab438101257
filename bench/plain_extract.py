"""The peer of `vicorpus extract` in bench/extract_speed.py: plain trafilatura + underthesea over a WARC.

    python -m bench.plain_extract WARC_DIR OUT.jsonl

Each tool used as its own documentation shows: warcio's ArchiveIterator and
``record.content_stream()`` for the decoded body, ``trafilatura.extract(html, url=url)``
with its defaults, ``underthesea.word_tokenize(text, format="text")``; one JSON line per
HTML response (url, text, segmented text). One process, like ``--workers 1``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(warc_dir: str, out: str) -> int:
    import trafilatura
    from underthesea import word_tokenize
    from warcio.archiveiterator import ArchiveIterator

    docs = 0
    with open(out, "w", encoding="utf-8") as sink:
        for path in sorted(Path(warc_dir).glob("*.warc.gz")):
            with open(path, "rb") as stream:
                for record in ArchiveIterator(stream):
                    if record.rec_type != "response" or record.http_headers is None:
                        continue
                    if not (record.http_headers.get_header("Content-Type") or "").startswith("text/html"):
                        continue
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    text = trafilatura.extract(record.content_stream().read(), url=url) or ""
                    segmented = word_tokenize(text, format="text") if text else ""
                    sink.write(json.dumps({"url": url, "text": text, "segmented": segmented}, ensure_ascii=False) + "\n")
                    docs += 1
    print(json.dumps({"docs": docs}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
