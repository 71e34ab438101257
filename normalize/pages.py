"""One page through the extract stage, in its two halves.

:func:`page_row` (per archived response): what the HTML gives: text, title, dates,
credit, the page-type verdict and the features template learning counts.
:func:`finish_row` (per page, once the source's template is known): template
stripped, then LID, quality filters, PII redaction and word segmentation, giving
the docs row (:class:`vicorpus.document.Document`).

A page whose processing raises becomes a row with ``drop_reason`` ``error:<Type>``;
the caller logs the message (:func:`error_row`).

>>> from datetime import datetime, timezone
>>> response = WarcResponse(url="http://127.0.0.1/loi.htm", fetched_at=datetime(2026, 1, 12, tzinfo=timezone.utc),
...     status=404, content_type="text/html", charset=None, payload=b"", raw_sha256="0" * 64,
...     record_id="<urn:uuid:1>", offset=0, warcinfo_id=None)
>>> page_row(response, None, "mau.warc.gz")["drop_reason"]
'http_error:404'
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging

import pyarrow as pa

import vicorpus
from vicorpus.config import ExtractSettings, SourceConfig
from vicorpus.document import Document, check_drop_reason, drop_reason
from vicorpus.schema import DOCS_COLUMNS, DOCS_FIELDS
from vicorpus.timeutil import to_utc
from vicorpus.urls import canonicalize_url, doc_id, host_of

from normalize.templates import Template, apply_template, page_features
from normalize.warc_reader import WarcResponse

log = logging.getLogger(__name__)
HTML_TYPES = ("text/html", "application/xhtml+xml", "")  # "" : no Content-Type, sniffed by extract
# A page kept as an article with a verdict less sure than this is counted (kept_uncertain_page_type).
UNCERTAIN_PAGE_TYPE = 0.6

# The pages file: the docs columns known after extraction, plus what finishing needs.
PAGES_SCHEMA = pa.schema(DOCS_FIELDS + [
    pa.field("head_title", pa.string()),
    pa.field("is_article", pa.bool_()),
    pa.field("not_article_reason", pa.string()),
    pa.field("page_type_confidence", pa.float64()),
    pa.field("article_shape", pa.bool_()),
    pa.field("template_unit", pa.string()),  # the source name, else "host:NAME"
    pa.field("error_message", pa.string()),  # "Type: message" when extracting the record raised
    pa.field("title_key", pa.uint64()),
    pa.field("line_keys", pa.list_(pa.uint64())),
    pa.field("title_like", pa.list_(pa.bool_())),
])
_EXTRA = [name for name in PAGES_SCHEMA.names if name not in DOCS_COLUMNS]


@functools.lru_cache(maxsize=4)
def _takes_discovery(extract) -> bool:
    """Whether this extract_article has a ``discovery`` parameter (INTERFACES §2)."""
    return "discovery" in inspect.signature(extract).parameters


def _extract(response: WarcResponse, rules) -> dict | None:
    from normalize.extract import extract_article  # owned by the extraction work

    kwargs = {"http_charset": response.charset, "rules": rules}
    if _takes_discovery(extract_article):
        kwargs["discovery"] = response.discovery
    return extract_article(response.payload, response.url, **kwargs)


def template_unit(source: SourceConfig | None, url: str) -> str:
    """Whose template a page shares: its source's, or (foreign WARCs) its host's.

    >>> template_unit(None, "https://www.chinhphu.vn/tin/a.htm")
    'host:chinhphu.vn'
    """
    return source.name if source is not None else f"host:{(host_of(url) or '-').removeprefix('www.')}"


def _base(response: WarcResponse, source: SourceConfig | None, warc_file: str) -> dict:
    """The row's provenance; licence, attribution and config_sha256 come when it is finished."""
    url = canonicalize_url(response.url) if response.url else ""
    doc = Document(
        id=doc_id(url) if url else hashlib.sha256(response.record_id.encode()).hexdigest()[:16],
        # a WARC crawled by another tool names no source: its pages are their host's ("host:x.vn")
        url=url, source=template_unit(source, response.url), fetched_at=response.fetched_at,
        warc_file=warc_file, warc_record_id=response.record_id,
        warc_offset=response.offset, raw_sha256=response.raw_sha256,
        pipeline_version=vicorpus.PIPELINE_VERSION)
    row = doc.as_row()
    row.update({name: None for name in _EXTRA})
    row["template_unit"] = template_unit(source, response.url)
    return row


def page_row(response: WarcResponse, source: SourceConfig | None, warc_file: str) -> dict | None:
    """The pages row of one response (None for 3xx, which extract ignores)."""
    if 300 <= response.status < 400:
        return None
    row = _base(response, source, warc_file)
    if response.status >= 400 or response.status < 100:
        row["drop_reason"] = drop_reason("http_error", str(response.status))
        return row
    if response.content_type not in HTML_TYPES:
        row["drop_reason"] = drop_reason("not_html", response.content_type)
        return row
    article = _extract(response, source.extract if source else None)
    if article is None:
        row["drop_reason"] = drop_reason("not_html", "unparseable")
        return row
    canonical = article.get("canonical_url")
    if canonical and host_of(canonical) == host_of(response.url):
        row["url"] = canonicalize_url(canonical)
        row["id"] = doc_id(row["url"])
    published = article.get("published_at")
    reason = article.get("not_article_reason") or "not_article"
    row.update(
        title=article.get("title") or "", text=article.get("text") or "",
        extractor=article.get("extractor"), published_at=to_utc(published) if published else None,
        credit=article.get("credit"), head_title=article.get("head_title"),
        is_article=bool(article.get("is_article", True)),
        not_article_reason=reason.removeprefix("not_article:").removeprefix("not_article") or None,
        page_type_confidence=article.get("page_type_confidence"),
        article_shape=article.get("article_shape"))
    row.update(page_features(row["title"], row["text"]))
    return row


def error_row(response: WarcResponse, source: SourceConfig | None, warc_file: str,
              error: BaseException) -> dict:
    """The pages row of a response whose extraction raised: ``error:<ExceptionType>``."""
    row = _base(response, source, warc_file)
    row["drop_reason"] = drop_reason("error", type(error).__name__)
    row["error_message"] = f"{type(error).__name__}: {error}"
    return row


def failed_row(page: dict, provenance: dict | None, error: BaseException) -> dict:
    """The docs row of a page whose finishing raised: provenance kept, text dropped."""
    row = {name: page[name] for name in DOCS_COLUMNS}
    row.update(provenance or {})
    row.update(text=None, title=None, text_segmented=None, n_words=None, n_syllables=None,
               language_score=None, text_sha256=None, pii_redactions=None,
               drop_reason=drop_reason("error", type(error).__name__))
    return row


def finish_row(page: dict, template: Template | None, settings: ExtractSettings,
               provenance: dict | None = None) -> dict:
    """The docs row of a pages row: template stripped, LID, filters, PII, segmentation.

    ``provenance``: licence, attribution and config_sha256 of the page's source config.
    """
    from normalize.lid import language_score
    from normalize.pii import redact_pii
    from normalize.quality import quality_reason
    from normalize.segment import count_words, segment_text

    row = {name: page[name] for name in DOCS_COLUMNS}
    row.update(provenance or {})
    if row["drop_reason"] is not None:
        return row
    title, text = page["title"] or "", page["text"] or ""
    if template is not None:
        title, text, _ = apply_template(template, title, page["head_title"], text)
        title, text = title or "", text or ""
    if settings.redact_pii:
        text_out, n_text = redact_pii(text)
        title_out, n_title = redact_pii(title)
    else:
        text_out, title_out, n_text, n_title = text, title, 0, 0
    tokens = text.split()  # one split for the syllable count, LID and the filters
    row.update(text=text_out, title=title_out, pii_redactions=n_text + n_title,
               n_syllables=len(tokens) if text_out is text else len(text_out.split()),
               text_sha256=hashlib.sha256(text_out.encode("utf-8")).hexdigest())
    row["language_score"] = score = language_score(text, tokens)
    if not page["is_article"]:
        row["drop_reason"] = drop_reason("not_article", page["not_article_reason"])
        return row
    # Filters look at the text before redaction: placeholders are not the author's symbols.
    if not tokens:
        row["drop_reason"] = drop_reason("too_short")
    elif score < settings.min_language_score:
        row["drop_reason"] = drop_reason("not_vietnamese")
    else:
        row["drop_reason"] = check_drop_reason(quality_reason(text, settings, tokens))
    if row["drop_reason"] is None and settings.segment:
        row["text_segmented"] = segment_text(text_out)
        row["n_words"] = count_words(row["text_segmented"])
    return row


def uncertain(page: dict, row: dict) -> bool:
    """A page kept although its page-type verdict was unsure."""
    confidence = page.get("page_type_confidence")
    return row["drop_reason"] is None and confidence is not None and confidence < UNCERTAIN_PAGE_TYPE
