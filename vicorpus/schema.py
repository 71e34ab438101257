"""The record schema of DESIGN.md as pyarrow schemas.

``DOCS_SCHEMA`` is the docs parquet (every page, kept or dropped);
``RELEASE_SCHEMA`` is the same without ``drop_reason``; ``DEDUP_SCHEMA`` is
what the dedup stage writes for every kept doc.
"""

from __future__ import annotations

import pyarrow as pa

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")

RELEASE_FIELDS = [
    pa.field("id", pa.string(), nullable=False),
    pa.field("text", pa.string()),
    pa.field("text_segmented", pa.string()),
    pa.field("title", pa.string()),
    pa.field("url", pa.string()),
    pa.field("source", pa.string()),
    pa.field("published_at", UTC_TIMESTAMP),
    pa.field("fetched_at", UTC_TIMESTAMP),
    pa.field("language_score", pa.float64()),
    pa.field("n_words", pa.int64()),
    pa.field("n_syllables", pa.int64()),
    pa.field("licence", pa.string()),
    pa.field("attribution", pa.string()),
    pa.field("warc_file", pa.string()),
    pa.field("warc_record_id", pa.string()),
    pa.field("warc_offset", pa.int64()),
    pa.field("raw_sha256", pa.string()),
    pa.field("text_sha256", pa.string()),
    pa.field("extractor", pa.string()),
    pa.field("pipeline_version", pa.string()),
    pa.field("config_sha256", pa.string()),
    pa.field("dedup_cluster", pa.string()),
    pa.field("dedup_cluster_size", pa.int64()),
    pa.field("duplicate_urls", pa.list_(pa.string())),
    pa.field("pii_redactions", pa.int64()),
]

RELEASE_SCHEMA = pa.schema(RELEASE_FIELDS)
DOCS_SCHEMA = pa.schema(RELEASE_FIELDS + [pa.field("drop_reason", pa.string())])
RELEASE_COLUMNS = [f.name for f in RELEASE_FIELDS]
DOCS_COLUMNS = RELEASE_COLUMNS + ["drop_reason"]

DEDUP_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("dedup_cluster", pa.string()),
        pa.field("dedup_cluster_size", pa.int64()),
        pa.field("keep", pa.bool_()),
    ]
)

# drop_reason values start with one of these (then ":detail" where useful).
DROP_REASONS = (
    "robots", "ssrf", "offsite", "too_large", "timeout", "http_error", "not_html",
    "not_article", "not_vietnamese", "too_short", "low_quality", "excluded",
)


def empty_row() -> dict:
    """A docs row with every column present and null (stages fill what they know)."""
    row = {name: None for name in DOCS_COLUMNS}
    row["duplicate_urls"] = []
    return row
