"""The units of work of the extract stage, as the executor runs them (module-level functions of
picklable arguments): extract the pages of one record range, finish one range (indexing a WARC
is normalize/index_cache.py's). They read and write files under WORKDIR/extract/
(:class:`WorkFiles`), always through a temp file and os.replace, so a killed worker leaves
nothing half-written.

>>> [name for name in PAGES_SCHEMA.names if name in ("url", "template_unit", "line_keys")]
['url', 'template_unit', 'line_keys']
"""

from __future__ import annotations

import gc
import json
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from vicorpus.config import ExtractSettings, SourceConfig
from vicorpus.imports import refused
from vicorpus.schema import DOCS_SCHEMA

from normalize.pages import PAGES_SCHEMA, error_row, failed_row, finish_row, page_row, uncertain
from normalize.templates import Template
from normalize.warc_reader import RecordRange, read_range
from normalize.work_files import write_atomic, write_json


def arrow_without_pandas() -> None:
    """Let pyarrow find no pandas when it first converts Python values (see
    :mod:`vicorpus.imports`); a use of pandas itself (``Table.to_pandas``) still imports it.

    >>> arrow_without_pandas()
    >>> pa.array(["phường", "xã"]).to_pylist()
    ['phường', 'xã']
    """
    with refused("pandas"):
        pa.array([0])


def read_table(path, columns: list[str] | None = None) -> pa.Table:
    """One parquet file as a table. Unlike ``pq.read_table``, this does not import
    pyarrow.dataset (70 ms of a short run, and paid again by every spawned worker).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.parquet"
    >>> write_table(path, [{"url": "https://hue.gov.vn/a"}], pa.schema([("url", pa.string())]))
    >>> read_table(path, ["url"]).to_pylist()
    [{'url': 'https://hue.gov.vn/a'}]
    """
    with pq.ParquetFile(path) as f:
        return f.read(columns=columns)


def write_table(path: Path, rows: list[dict], schema: pa.Schema) -> None:
    table = pa.Table.from_pylist(rows, schema=schema)
    write_atomic(path, lambda tmp: pq.write_table(table, tmp))


def pages_task(warc_path: str, start: int, end: int, source_json: dict | None, out_path: str) -> dict:
    """Extract the pages of one record range into ``out_path``.

    A record that raises is a row with ``error:<Type>``; a range that cannot be read
    to its end is written as ``<out_path>.partial`` (never taken for done).
    """
    warc = Path(warc_path)
    source = SourceConfig(**source_json) if source_json else None
    rows, read_error = [], None
    responses = read_range(warc, RecordRange(start, end, -1, 0))
    try:
        for response in responses:
            try:
                row = page_row(response, source, warc.name)
            except Exception as exc:  # noqa: BLE001 - one bad record must not stop the others
                row = error_row(response, source, warc.name, exc)
            if row is not None:
                rows.append(row)
    except Exception as exc:  # noqa: BLE001 - the range itself is unreadable past here
        read_error = f"{type(exc).__name__}: {exc}"
    out = Path(out_path) if read_error is None else Path(f"{out_path}.partial")
    write_table(out, rows, PAGES_SCHEMA)
    return {"read_error": read_error, "path": str(out)}


_TEMPLATES: dict = {}  # {templates file sha: {unit: Template}}, per worker process


def _templates(path: str, sha: str) -> dict[str, Template]:
    if sha not in _TEMPLATES:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        _TEMPLATES.clear()
        _TEMPLATES[sha] = {unit: Template.from_json(t) for unit, t in data["templates"].items()}
    return _TEMPLATES[sha]


_SEGMENTER_LOADED = False


def load_segmenter_once() -> None:
    """Load the word segmenter in this process (a part of a second), once; then freeze every
    object alive so far (:func:`gc.freeze`): the modules and the model live as long as the
    process, and leaving them out of the garbage collector's full collections saves about
    0.2 s when the process exits (collections run during shutdown) and some in every full
    collection before (and, in forked workers, copies of memory pages they only read)."""
    global _SEGMENTER_LOADED
    if not _SEGMENTER_LOADED:
        from normalize.segment import load_segmenter

        load_segmenter()
        gc.freeze()
        _SEGMENTER_LOADED = True


def warm_segmenter(pages_path: Path) -> None:
    """Segment the article texts of one pages file here, then freeze what is alive, so that
    workers forked from this process start with the segmenter's caches (its rows of the
    frequent syllable windows) filled: each would otherwise fill them from cold, about a
    third of a range's finishing time on its first ranges."""
    from normalize.segment import segment_text

    if not Path(pages_path).exists():
        return
    for page in read_table(pages_path, ["text", "drop_reason"]).to_pylist():
        if page["drop_reason"] is None and page["text"]:
            segment_text(page["text"])
    gc.freeze()


def finish_task(pages_path: str, templates_path: str, templates_sha: str, provenance: dict,
                settings_json: str, out_path: str) -> dict:
    """Finish the pages of one range into docs rows at ``out_path``; return its counts."""
    settings = ExtractSettings.model_validate_json(settings_json)
    if settings.segment:
        load_segmenter_once()
    templates = _templates(templates_path, templates_sha)
    rows, failures, uncertain_urls = [], [], []
    per_source: dict[str, Counter] = defaultdict(Counter)
    for page in read_table(pages_path).to_pylist():
        unit = page["template_unit"]
        message = page["error_message"]  # extraction raised on this record
        try:
            row = finish_row(page, templates.get(unit), settings, provenance.get(page["source"] or ""))
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the others
            row = failed_row(page, provenance.get(page["source"] or ""), exc)
            message = f"{type(exc).__name__}: {exc}"
        if message:
            failures.append({"warc_file": page["warc_file"], "offset": page["warc_offset"], "url": page["url"],
                             "error": message})
        rows.append(row)
        counts = per_source[unit]
        counts["fetched"] += 1
        if (row["drop_reason"] or "").startswith("not_article") and page["article_shape"]:
            counts["not_article_shaped"] += 1
        if uncertain(page, row):
            uncertain_urls.append(row["url"])
    write_table(Path(out_path), rows, DOCS_SCHEMA)
    reasons = Counter(row["drop_reason"] for row in rows if row["drop_reason"])
    result = {"rows": len(rows), "kept": sum(1 for r in rows if not r["drop_reason"]),
              "dropped_by_reason": dict(reasons), "failures": failures, "uncertain": uncertain_urls,
              "per_source": {unit: dict(c) for unit, c in per_source.items()}}
    write_json(Path(out_path).with_suffix(".json"), result)  # a killed run resumes from here
    return result
