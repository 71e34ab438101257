"""Deterministic parquet shards of bounded size.

Same rows + same pyarrow version = the same bytes: every writer option that
could vary is fixed here, and the schema carries no pandas/creation metadata.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from vicorpus.schema import RELEASE_SCHEMA

# Everything that decides the bytes of a shard; recorded in the card.
WRITER_OPTIONS = {
    "compression": "zstd",
    "compression_level": 3,
    "row_group_size": 1000,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "write_page_index": False,
    "store_schema": True,
}

ROW_OVERHEAD = 256  # bytes per row beyond its strings: ids, ints, timestamps, hashes


def row_sizes(table: pa.Table) -> list[int]:
    """Estimated uncompressed bytes per row (an upper bound for the compressed shard)."""
    total = None
    for name in ("text", "text_segmented", "title", "url", "licence", "attribution"):
        lengths = pc.fill_null(pc.binary_length(table.column(name)), 0)
        total = lengths if total is None else pc.add(total, lengths)
    if total is None or table.num_rows == 0:
        return []
    urls = pc.fill_null(pc.list_value_length(table.column("duplicate_urls")), 0)
    return [int(v) + ROW_OVERHEAD + 100 * int(n)
            for v, n in zip(total.to_pylist(), urls.to_pylist())]


def plan_shards(sizes: list[int], max_bytes: int) -> list[tuple[int, int]]:
    """Contiguous (start, stop) row ranges each under ``max_bytes`` (a huge row gets its own).

    >>> plan_shards([4, 4, 4, 4], 9)
    [(0, 2), (2, 4)]
    >>> plan_shards([], 9)
    [(0, 0)]
    """
    if max_bytes <= 0:
        raise ValueError("max_bytes must be positive")
    ranges, start, used = [], 0, 0
    for index, size in enumerate(sizes):
        if index > start and used + size > max_bytes:
            ranges.append((start, index))
            start, used = index, 0
        used += size
    ranges.append((start, len(sizes)))
    return ranges


def shard_name(index: int, count: int) -> str:
    """``train-00000-of-00003.parquet`` as on the Hub."""
    return f"train-{index:05d}-of-{count:05d}.parquet"


def write_shards(table: pa.Table, data_dir: Path, shard_size_mb: int) -> list[Path]:
    """Write ``table`` (sorted) as shards into ``data_dir``; returns the paths in order."""
    data_dir.mkdir(parents=True, exist_ok=True)
    table = table.cast(RELEASE_SCHEMA).replace_schema_metadata(None)
    ranges = plan_shards(row_sizes(table), shard_size_mb * 1024 * 1024)
    paths = []
    for index, (start, stop) in enumerate(ranges):
        path = data_dir / shard_name(index, len(ranges))
        pq.write_table(table.slice(start, stop - start), path, **WRITER_OPTIONS)
        paths.append(path)
    return paths
