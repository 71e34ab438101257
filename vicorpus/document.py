"""The record every stage shares: one fetched page, kept or dropped.

:class:`Document` is the docs parquet row with typed fields, in column order;
:mod:`vicorpus.schema` derives the parquet schemas from it, so the columns, their
types and their order are written down once. The extract stage builds a Document
per archived response; dedup and release read the parquet it becomes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime

# drop_reason values start with one of these, then ":detail" where useful (DESIGN.md).
DROP_REASONS = (
    "robots", "ssrf", "offsite", "too_large", "timeout", "http_error", "not_html",
    "not_article", "not_vietnamese", "too_short", "low_quality", "excluded", "error",
)


def drop_reason(kind: str, detail: str | None = None) -> str:
    """A drop_reason in the vocabulary of DESIGN.md, else a ValueError (a programming error).

    >>> drop_reason("http_error", "404"), drop_reason("not_vietnamese")
    ('http_error:404', 'not_vietnamese')
    >>> drop_reason("bad_luck")
    Traceback (most recent call last):
    ...
    ValueError: drop_reason 'bad_luck' is not one of robots, ssrf, offsite, ...
    """
    if kind not in DROP_REASONS:
        raise ValueError(f"drop_reason {kind!r} is not one of {', '.join(DROP_REASONS)}")
    return f"{kind}:{detail}" if detail else kind


def check_drop_reason(reason: str | None) -> str | None:
    """``reason`` unchanged when it is None or starts with a known kind, else a ValueError.

    >>> check_drop_reason("low_quality:symbol_ratio")
    'low_quality:symbol_ratio'
    """
    if reason is not None:
        drop_reason(reason.partition(":")[0])
    return reason


@dataclass(slots=True)
class Document:
    """One row of the docs parquet (DESIGN.md "Record schema"); the release drops ``drop_reason``.

    >>> doc = Document(id="3f9a0c1d2e4b5a6c", url="https://baochinhphu.vn/a-102260112.htm",
    ...                source="baochinhphu", drop_reason=drop_reason("http_error", "404"))
    >>> row = doc.as_row()
    >>> row["drop_reason"], row["duplicate_urls"], list(row)[:3]
    ('http_error:404', [], ['id', 'text', 'text_segmented'])
    """

    id: str
    text: str | None = None  # normalized, paragraphs separated by "\n\n", after PII redaction
    text_segmented: str | None = None  # underthesea words joined by "_"
    title: str | None = None  # the headline as shown
    url: str | None = None  # canonical URL
    source: str | None = None  # source config name
    published_at: datetime | None = None  # UTC
    fetched_at: datetime | None = None  # UTC
    language_score: float | None = None
    n_words: int | None = None
    n_syllables: int | None = None
    licence: str | None = None
    attribution: str | None = None
    warc_file: str | None = None
    warc_record_id: str | None = None
    warc_offset: int | None = None
    raw_sha256: str | None = None  # of the decoded HTTP body
    text_sha256: str | None = None  # of `text`
    extractor: str | None = None
    pipeline_version: str | None = None
    config_sha256: str | None = None
    dedup_cluster: str | None = None
    dedup_cluster_size: int | None = None
    duplicate_urls: list[str] = field(default_factory=list)
    pii_redactions: int | None = None
    credit: str | None = None  # the agency/outlet the page credits ("TTXVN"), before its line is removed
    drop_reason: str | None = None  # docs parquet only; None when kept

    def as_row(self) -> dict:
        """The row as a dict in column order (what ``pa.Table.from_pylist`` takes)."""
        check_drop_reason(self.drop_reason)
        return {name: getattr(self, name) for name in COLUMNS}


COLUMNS = tuple(f.name for f in fields(Document))
