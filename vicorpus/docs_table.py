"""Reading the docs parquet the same way in every later stage.

A page crawled twice (it changed) has a row in two docs files; the row with
the latest ``fetched_at`` is the one that counts. :func:`select_docs` makes that
choice from the key columns only; :func:`read_docs` reads whole rows (release,
demo), :func:`read_chunk` streams chosen columns of chosen rows in record batches
(dedup, which must not hold a corpus's text in memory). Every reader goes through
the same selection, so all stages agree on which rows exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from vicorpus.schema import DOCS_SCHEMA
from vicorpus.workdir import Workdir

KEY_COLUMNS = ["id", "fetched_at", "warc_file", "drop_reason"]
# Streaming reads: a 1 MiB buffer and no pre-buffering keep memory flat even when a
# docs file is one huge row group (pre-buffering would load its whole column chunk).
_READ_BUFFER = 1 << 20


class DocsFileError(RuntimeError):
    """A docs parquet file that cannot be read: the message names it."""


def _read_table(path: Path, columns: list[str]) -> pa.Table:
    try:
        return pq.read_table(path, schema=DOCS_SCHEMA, columns=columns)
    except (OSError, pa.ArrowException) as exc:
        raise DocsFileError(f"cannot read docs file {path}: {exc}") from None


@dataclass
class DocsSelection:
    """One row per id (the latest fetch), sorted by id: which row of which docs file it is.

    >>> import tempfile
    >>> len(select_docs(Workdir(Path(tempfile.mkdtemp()))))
    0
    """

    files: list[Path]
    ids: pa.Array       # string, ascending
    file: np.ndarray    # (n,) int32: index into files
    row: np.ndarray     # (n,) int64: row inside that file

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, positions: np.ndarray) -> "DocsSelection":
        """The rows at ``positions`` (ascending positions keep the id order)."""
        positions = np.asarray(positions, dtype=np.int64)
        return DocsSelection(self.files, self.ids.take(pa.array(positions)), self.file[positions],
                             self.row[positions])

    def chunks(self, max_rows: int = 20_000) -> list["DocsChunk"]:
        """Units of reading: consecutive row groups of one file, about ``max_rows`` chosen rows each.

        A row group is never split (reading part of one decodes all of it), so a docs
        file written as one huge row group is one chunk.
        """
        out = []
        for number, path in enumerate(self.files):
            mine = np.nonzero(self.file == number)[0]
            if not len(mine):
                continue
            order = np.argsort(self.row[mine], kind="stable")
            mine = mine[order]
            rows = self.row[mine]
            meta = pq.ParquetFile(path).metadata
            bounds = np.cumsum([0] + [meta.row_group(g).num_rows for g in range(meta.num_row_groups)])
            group_of = np.searchsorted(bounds, rows, side="right") - 1
            start = 0
            while start < len(rows):
                first = group_of[start]
                stop = start
                while stop < len(rows) and (stop - start < max_rows or group_of[stop] == group_of[stop - 1]):
                    stop += 1
                groups = list(range(int(first), int(group_of[stop - 1]) + 1))
                out.append(DocsChunk(str(path), groups, int(bounds[first]), rows[start:stop], mine[start:stop]))
                start = stop
        return out


@dataclass
class DocsChunk:
    """Chosen rows of some row groups of one docs file (picklable: a unit of stage work)."""

    path: str
    row_groups: list[int]
    first_row: int          # file row number of the first row of row_groups[0]
    rows: np.ndarray        # (m,) int64: file rows to read, ascending
    positions: np.ndarray   # (m,) int64: their positions in the selection


def select_docs(workdir: Workdir, kept_only: bool = False) -> DocsSelection:
    """The latest fetch of every id (sorted by id), read from the key columns only.

    Per file only the id, the fetch time, the WARC file (as its rank among the WARC
    names: a few bytes per row) and the kept flag are held, so choosing among a million
    rows takes tens of megabytes.
    """
    files = workdir.docs_files()
    ids, fetched, warc, dropped, file_no = [], [], [], [], []
    for number, path in enumerate(files):
        table = _read_table(path, KEY_COLUMNS)
        ids.append(table.column("id").combine_chunks())
        fetched.append(table.column("fetched_at").combine_chunks())
        warc.append(pc.dictionary_encode(table.column("warc_file")).combine_chunks())
        dropped.append(table.column("drop_reason").is_valid().to_numpy(zero_copy_only=False))
        file_no.append(np.full(table.num_rows, number, dtype=np.int32))
        del table
    if not sum(len(a) for a in ids):
        return DocsSelection(files, pa.array([], pa.string()), np.zeros(0, np.int32), np.zeros(0, np.int64))
    # WARC names -> their rank in sorted order: sorting by rank is sorting by name.
    names = pc.unique(pa.chunked_array([w.dictionary for w in warc], pa.string()))
    names = names.take(pc.sort_indices(names))
    ranks = pa.chunked_array([pc.index_in(w.dictionary, value_set=names).take(w.indices) for w in warc], pa.int32())
    keys = pa.table({"id": pa.chunked_array(ids, pa.string()), "fetched_at": pa.chunked_array(fetched),
                     "warc": ranks})
    del warc, fetched
    # Latest fetch per id: sort by (id, fetched_at desc, warc_file desc), keep the first
    # (a stable sort: ties keep file order).
    order = pc.sort_indices(keys, [("id", "ascending"), ("fetched_at", "descending"), ("warc", "descending")])
    sorted_ids = keys.column("id").take(order).combine_chunks()
    del keys
    order = order.to_numpy()
    first = np.ones(len(order), dtype=bool)
    first[1:] = pc.not_equal(sorted_ids[1:], sorted_ids[:-1]).to_numpy(zero_copy_only=False)
    if kept_only:
        first &= ~np.concatenate(dropped)[order]
    chosen = np.nonzero(first)[0]
    rows = np.concatenate([np.arange(len(f), dtype=np.int64) for f in file_no])
    selection = DocsSelection(files, sorted_ids.take(pa.array(chosen)), np.concatenate(file_no)[order[chosen]],
                              rows[order[chosen]])
    pa.default_memory_pool().release_unused()
    return selection


def read_chunk(chunk: DocsChunk, columns: list[str], batch_rows: int = 2048
               ) -> Iterator[tuple[np.ndarray, pa.RecordBatch]]:
    """Stream ``columns`` of the chunk's rows: (selection positions, record batch) pairs.

    A column the file lacks (written before it existed) comes back as nulls (strings if the
    schema does not know it either).
    """
    try:
        parquet = pq.ParquetFile(chunk.path, buffer_size=_READ_BUFFER, pre_buffer=False)
        present = set(parquet.schema_arrow.names)
        wanted = [c for c in columns if c in present]
        batches = parquet.iter_batches(batch_size=batch_rows, row_groups=chunk.row_groups, columns=wanted)
    except (OSError, pa.ArrowException) as exc:
        raise DocsFileError(f"cannot read docs file {chunk.path}: {exc}") from None
    start = chunk.first_row
    for batch in _guarded(batches, chunk.path):
        lo, hi = np.searchsorted(chunk.rows, [start, start + batch.num_rows])
        if hi > lo:
            picked = batch.take(pa.array(chunk.rows[lo:hi] - start))
            arrays = [picked.column(c) if c in present else pa.nulls(picked.num_rows, _type(c)) for c in columns]
            yield chunk.positions[lo:hi], pa.RecordBatch.from_arrays(arrays, names=columns)
        start += batch.num_rows


def _guarded(batches: Iterator[pa.RecordBatch], path: str) -> Iterator[pa.RecordBatch]:
    try:
        yield from batches
    except (OSError, pa.ArrowException) as exc:
        raise DocsFileError(f"cannot read docs file {path}: {exc}") from None


def _type(column: str) -> pa.DataType:
    return DOCS_SCHEMA.field(column).type if column in DOCS_SCHEMA.names else pa.string()


def read_docs(workdir: Workdir, kept_only: bool = False, columns: list[str] | None = None) -> pa.Table:
    """All docs rows of a workdir, one per id (latest fetch wins), sorted by id.

    >>> import tempfile
    >>> read_docs(Workdir(Path(tempfile.mkdtemp()))).num_rows
    0
    """
    selection = select_docs(workdir, kept_only)
    names = columns if columns is not None else DOCS_SCHEMA.names
    schema = pa.schema([DOCS_SCHEMA.field(c) for c in names])
    parts, positions = [], []
    for number, path in enumerate(selection.files):
        mine = np.nonzero(selection.file == number)[0]
        if len(mine):
            table = _read_table(path, names)
            parts.append(table.take(pa.array(selection.row[mine])))
            positions.append(mine)
    if not parts:
        return schema.empty_table()
    table = pa.concat_tables(parts)
    return table.take(pa.array(np.argsort(np.concatenate(positions), kind="stable"))).select(names)
