"""The extract stage: WORKDIR/warc/*.warc.gz -> WORKDIR/docs/<warc-stem>.parquet.

One row per archived response with status < 300 or >= 400, kept or dropped
(``drop_reason``). Each WARC is a shard: its parquet is written through a temp
file and os.replace, then a ``.done`` marker; a shard with a marker is not
redone, so a killed run resumes by shard.

>>> # run_extract(prepare_workdir("work"), ExtractSettings(workers=2))
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import vicorpus
from vicorpus.config import ExtractSettings
from vicorpus.errors import UsageError
from vicorpus.progress import stage_progress
from vicorpus.schema import DOCS_SCHEMA, empty_row
from vicorpus.timeutil import to_utc
from vicorpus.urls import canonicalize_url, doc_id, host_of
from vicorpus.workdir import Workdir

from normalize.lid import language_score
from normalize.pii import redact_pii
from normalize.quality import quality_reason
from normalize.segment import count_words, load_segmenter, segment_text
from normalize.warc_reader import WarcResponse, read_warc

log = logging.getLogger(__name__)
HTML_TYPES = ("text/html", "application/xhtml+xml", "")  # "" : no Content-Type, sniffed by extract


def _extract(payload: bytes, url: str, charset, rules):
    from normalize.extract import extract_article  # imported late: owned by the extraction work

    return extract_article(payload, url, http_charset=charset, rules=rules)


def _base_row(info: dict, response: WarcResponse, warc_name: str) -> dict:
    row = empty_row()
    source = info["source"]
    url = canonicalize_url(response.url) if response.url else ""
    row.update(
        id=doc_id(url) if url else hashlib.sha256(response.record_id.encode()).hexdigest()[:16],
        url=url,
        source=source.name if source else None,
        fetched_at=response.fetched_at,
        licence=source.licence if source else None,
        attribution=source.attribution if source else None,
        config_sha256=info["config_sha256"],
        warc_file=warc_name,
        warc_record_id=response.record_id,
        warc_offset=response.offset,
        raw_sha256=response.raw_sha256,
        pipeline_version=vicorpus.PIPELINE_VERSION,
    )
    return row


def build_row(info: dict, response: WarcResponse, warc_name: str, settings: ExtractSettings) -> dict | None:
    """The docs row for one response (None for 3xx, which extract ignores)."""
    if 300 <= response.status < 400:
        return None
    row = _base_row(info, response, warc_name)
    if response.status >= 400 or response.status < 100:
        row["drop_reason"] = f"http_error:{response.status}"
        return row
    if response.content_type not in HTML_TYPES:
        row["drop_reason"] = f"not_html:{response.content_type}"
        return row
    source = info["source"]
    article = _extract(response.payload, response.url, response.charset, source.extract if source else None)
    if article is None:
        row["drop_reason"] = "not_html:unparseable"
        return row
    canonical = article.get("canonical_url")
    if canonical and host_of(canonical) == host_of(response.url):
        row["url"] = canonicalize_url(canonical)
        row["id"] = doc_id(row["url"])
    published = article.get("published_at")
    text, title = article.get("text") or "", article.get("title") or ""
    row.update(extractor=article.get("extractor"), published_at=to_utc(published) if published else None)
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
    if not article.get("is_article", True):
        reason = article.get("not_article_reason") or "not_article"
        row["drop_reason"] = reason if reason.startswith("not_article") else f"not_article:{reason}"
        return row
    # Filters look at the text before redaction: placeholders are not the author's symbols.
    if not tokens:
        row["drop_reason"] = "too_short"
    elif score < settings.min_language_score:
        row["drop_reason"] = "not_vietnamese"
    else:
        row["drop_reason"] = quality_reason(text, settings, tokens)
    if row["drop_reason"] is None and settings.segment:
        row["text_segmented"] = segment_text(text_out)
        row["n_words"] = count_words(row["text_segmented"])
    return row


def _write_atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def extract_shard(warc_path: str, docs_dir: str, settings_json: str) -> dict:
    """Extract one WARC into ``docs_dir/<stem>.parquet`` + ``<stem>.done``; return its counts."""
    settings = ExtractSettings.model_validate_json(settings_json)
    warc, docs = Path(warc_path), Path(docs_dir)
    stem = warc.name.removesuffix(".gz").removesuffix(".warc")
    if settings.segment:  # the model load is seconds of start-up per worker
        load_segmenter()
    rows, error = [], None
    try:
        for info, response in read_warc(warc):
            if response is not None:
                row = build_row(info, response, warc.name, settings)
                if row is not None:
                    rows.append(row)
    except Exception as exc:  # noqa: BLE001 - a truncated WARC (killed crawl) keeps what was read
        error = f"{type(exc).__name__}: {exc}"
        log.warning("%s: stopped reading after %d rows: %s", warc.name, len(rows), error)
    table = pa.Table.from_pylist(rows, schema=DOCS_SCHEMA)
    _write_atomic(docs / f"{stem}.parquet", lambda tmp: pq.write_table(table, tmp))
    reasons = Counter(row["drop_reason"] for row in rows if row["drop_reason"])
    counts = {"warc_file": warc.name, "rows": len(rows), "kept": sum(1 for r in rows if not r["drop_reason"]),
              "dropped_by_reason": dict(sorted(reasons.items())), "error": error,
              "pipeline_version": vicorpus.PIPELINE_VERSION}
    if error is None:  # an unreadable tail is retried next run
        _write_atomic(docs / f"{stem}.done",
                      lambda tmp: tmp.write_text(json.dumps(counts, ensure_ascii=False, indent=1), encoding="utf-8"))
    return counts


def _marker(docs: Path, warc: Path) -> Path:
    return docs / (warc.name.removesuffix(".gz").removesuffix(".warc") + ".done")


def run_extract(workdir: Workdir, settings: ExtractSettings, *, progress: bool = True) -> dict:
    """Extract every WARC shard without a ``.done`` marker; return a summary.

    Summary keys: warc_files, processed, skipped_done, rows, kept (this run's
    shards), dropped_by_reason, errors (shards whose WARC could not be read to the end).

    >>> # run_extract(Workdir(Path("work")), ExtractSettings())["kept"]
    """
    if not isinstance(settings, ExtractSettings):
        raise UsageError(f"settings must be ExtractSettings, not {type(settings).__name__}")
    if not workdir.warc.is_dir():
        raise UsageError(f"no WARC directory in the workdir: {workdir.warc} (run crawl first)")
    workdir.docs.mkdir(parents=True, exist_ok=True)
    warcs = workdir.warc_files()
    todo = [w for w in warcs if not _marker(workdir.docs, w).exists()]
    summary = {"warc_files": len(warcs), "processed": 0, "skipped_done": len(warcs) - len(todo),
               "rows": 0, "kept": 0, "dropped_by_reason": {}, "errors": []}
    reasons: Counter = Counter()
    jobs = [(str(w), str(workdir.docs), settings.model_dump_json()) for w in todo]
    local_pool = settings.executor != "ray" and settings.workers > 1 and len(jobs) > 1
    # The pool starts before the progress bar, whose refresh thread would make fork unsafe.
    pool = _worker_pool(min(settings.workers, len(jobs))) if local_pool else None
    with stage_progress(progress) as bar, (pool if pool is not None else contextlib.nullcontext()):
        task = bar.add_task("extract", total=len(jobs))

        def add(counts: dict) -> None:
            summary["processed"] += 1
            summary["rows"] += counts["rows"]
            summary["kept"] += counts["kept"]
            reasons.update(counts["dropped_by_reason"])
            if counts["error"]:
                summary["errors"].append({"warc_file": counts["warc_file"], "error": counts["error"]})
            bar.advance(task)

        if settings.executor == "ray":
            from normalize.ray_extract import map_shards_on_ray  # ray imported only when asked for

            for counts in map_shards_on_ray(jobs, settings):
                add(counts)
        elif pool is None:
            for job in jobs:
                add(extract_shard(*job))
        else:
            for counts in pool.imap_unordered(_extract_shard_star, jobs):
                add(counts)
    summary["dropped_by_reason"] = dict(sorted(reasons.items()))
    return summary


def _worker_pool(processes: int):
    """Extract workers: forked when this process runs a single thread, else spawned.

    A forked worker starts with this process's imports (a spawned one spends about a
    second of CPU importing trafilatura, lxml, pyarrow... before its first page); with
    other threads alive a fork could inherit a held lock, so those get spawn. Either
    way each worker loads underthesea at most once.
    """
    import threading

    method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method).Pool(processes)


def _extract_shard_star(job: tuple) -> dict:
    return extract_shard(*job)
