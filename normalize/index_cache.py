"""The record index of every WARC (normalize/warc_reader.py), cached in WORKDIR/extract/index/.

Light to import (warcio and the standard library), so that ``vicorpus extract --workers N``
can index the WARCs in forked processes while the command is still importing the extractor,
pyarrow and the rest (about half a second that would otherwise leave the other cores idle).
An index file is written atomically and holds the same bytes whoever writes it.

>>> import tempfile
>>> from vicorpus.workdir import prepare_workdir
>>> work = prepare_workdir(tempfile.mkdtemp())
>>> with indexing_ahead(work, workers=2):
...     pass  # nothing to index: the workdir has no WARC files
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from vicorpus.executors import aside
from vicorpus.workdir import Workdir, warc_stem

from normalize.warc_reader import INDEX_VERSION, RANGE_RESPONSES, WarcIndex, index_warc
from normalize.work_files import WorkFiles, write_json


def index_task(warc_path: str, index_path: str, range_responses: int) -> dict:
    """Index one WARC and cache the index next to the stage's other work files."""
    warc = Path(warc_path)
    stat = warc.stat()
    index = index_warc(warc, range_responses)
    entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "range_responses": range_responses,
             "index_version": INDEX_VERSION, "index": index.to_json()}
    write_json(Path(index_path), entry)
    return entry


def _fresh_entry(files: WorkFiles, warc: Path) -> dict | None:
    """The cached index file of ``warc`` as read, or None when it is missing or was made of
    other bytes (or by another version of the index)."""
    try:
        entry = json.loads(files.index(warc_stem(warc)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    stat = warc.stat()
    if (entry.get("size"), entry.get("mtime_ns"), entry.get("range_responses"), entry.get("index_version")) != (
            stat.st_size, stat.st_mtime_ns, RANGE_RESPONSES, INDEX_VERSION):
        return None
    return entry


def cached_index(files: WorkFiles, warc: Path) -> WarcIndex | None:
    """The cached index of ``warc``, or None when it is missing or was made of other bytes."""
    entry = _fresh_entry(files, warc)
    return WarcIndex.from_json(entry["index"]) if entry is not None else None


def largest_first(warcs: list[Path]) -> list[Path]:
    return sorted(warcs, key=lambda w: -w.stat().st_size)


def index_tasks(warcs: list[Path], files: WorkFiles) -> list[tuple]:
    """index_task's arguments for ``warcs``, in their order."""
    return [(str(w), str(files.index(warc_stem(w))), RANGE_RESPONSES) for w in warcs]


def unindexed(files: WorkFiles, warcs: list[Path]) -> list[Path]:
    """The WARCs whose cached index is missing or stale."""
    return [warc for warc in warcs if _fresh_entry(files, warc) is None]


@contextmanager
def indexing_ahead(workdir: Workdir, workers: int) -> Iterator[None]:
    """Index the workdir's unindexed WARCs in up to ``workers`` forked processes while the
    ``with`` block runs here; the block's end waits for them. With one worker nothing runs aside
    (``--workers 1`` uses one core). A WARC they could not index is indexed again by the stage,
    which then says why.
    """
    files = WorkFiles(workdir)
    todo = largest_first(unindexed(files, workdir.warc_files())) if workers > 1 and workdir.warc.is_dir() else []
    with aside(index_task, index_tasks(todo, files), workers):
        yield
