"""The dedup index on disk: what each document contributes to matching, in parts.

``WORKDIR/dedup/index/`` (copied into a release as ``dedup_index/``)::

    manifest.json   format, canonicalization, parameters (num_perm, shingle size, seed,
                    bands x rows of the body and lead LSH), counts, part names
    docs.parquet    id, cluster, keep of every document seen, in index-row order
    parts/NNNNN/    one per batch of documents, plain little-endian binary files:
        rows.u32        index rows of the part's documents
        exact.s16       16-byte key of the canonical body (zeros: no words)
        sizes.u32       distinct shingles of the body
        words.u32       words of the body
        numbers.u32    17 per document: count and smallest hashes of the numbers in the body
        names.u32      17 per document: the same for the names (capitalized words inside sentences)
        shingles.u32    each document's distinct shingle hashes, sorted, concatenated
        republished.u8  keeper rule 1 (the copy credits another outlet)
        published.i64   published_at in µs since the epoch (int64 max: unknown)
        bands/BBB.rec   LSH band BBB: (uint64 key, uint32 row) records sorted by key, row
                        (bands 0..B-1 of the body signature, then the lead bands)

A later run numbers the previous documents by their index rows and its new documents
after them, so a previous index's parts are reused as they are (their band runs are
recomputed from the shingles only if the threshold changed). The shingle hashes are
kept because merging is decided on exact shared shingles, also against old documents.

>>> PART_FILES["shingles"]
('shingles.u32', dtype('uint32'), 1)
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from dedup.canon import CANON_VERSION
from dedup.features import LEAD_PERM, LEAD_SHINGLES, MatchParams
from dedup.lsh import RECORD
from vicorpus.errors import UsageError

INDEX_FORMAT = 3
# name -> (file, dtype, values per document)
PART_FILES = {
    "rows": ("rows.u32", np.dtype("<u4"), 1),
    "exact": ("exact.s16", np.dtype("S16"), 1),
    "sizes": ("sizes.u32", np.dtype("<u4"), 1),
    "words": ("words.u32", np.dtype("<u4"), 1),
    "numbers": ("numbers.u32", np.dtype("<u4"), 17),
    "names": ("names.u32", np.dtype("<u4"), 17),
    "shingles": ("shingles.u32", np.dtype("<u4"), 1),
    "republished": ("republished.u8", np.dtype("u1"), 1),
    "published": ("published.i64", np.dtype("<i8"), 1),
}
DOCS_FILE_SCHEMA = pa.schema([("id", pa.string()), ("cluster", pa.string()), ("keep", pa.bool_())])


class PartWriter:
    """Appends batches of documents to one part directory."""

    def __init__(self, path: Path):
        self.path = path
        (path / "bands").mkdir(parents=True, exist_ok=True)
        self.docs = 0

    def append(self, **arrays: np.ndarray) -> None:
        for name, values in arrays.items():
            file, dtype, _ = PART_FILES[name]
            with open(self.path / file, "ab") as out:
                np.ascontiguousarray(values, dtype=dtype).tofile(out)
        self.docs += len(arrays["rows"])

    def append_runs(self, keys: np.ndarray, rows: np.ndarray, first_band: int = 0) -> None:
        """Sorted (key, row) runs of each band column of ``keys`` (n, bands)."""
        for b in range(keys.shape[1]):
            rec = np.empty(len(rows), dtype=RECORD)
            rec["key"], rec["row"] = keys[:, b], rows
            with open(self.path / "bands" / f"{first_band + b:03d}.rec", "ab") as out:
                rec[np.lexsort((rec["row"], rec["key"]))].tofile(out)


def read_part(path: Path, *names: str) -> dict[str, np.ndarray]:
    """Arrays of one part (numbers and names as (n, 17)); a part with no documents gives empty arrays."""
    out = {}
    for name in names:
        file, dtype, width = PART_FILES[name]
        values = np.fromfile(path / file, dtype=dtype) if (path / file).exists() else np.empty(0, dtype)
        out[name] = values.reshape(-1, width) if width > 1 else values
    return out


def part_offsets(sizes: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])


@dataclass
class StoredIndex:
    """A previous index: its documents in row order and where its parts are."""

    path: Path | None
    ids: pa.Array          # string
    clusters: pa.Array     # string
    keep: np.ndarray       # bool
    parts: list[Path]
    bands_rows: tuple[int, int] | None

    @classmethod
    def empty(cls) -> "StoredIndex":
        return cls(None, pa.array([], pa.string()), pa.array([], pa.string()), np.zeros(0, bool), [], None)

    def __len__(self) -> int:
        return len(self.ids)


def manifest(params: MatchParams, docs: int, parts: list[str]) -> dict:
    (bands, rows), (lead_bands, lead_rows) = params.bands_rows, params.lead_bands_rows
    return {
        "format": INDEX_FORMAT, "canonicalization": CANON_VERSION, "docs": docs,
        "threshold": params.threshold, "num_perm": params.num_perm, "shingle_size": params.shingle_size,
        "seed": params.seed, "bands": bands, "rows": rows, "lead_shingles": LEAD_SHINGLES,
        "lead_perm": LEAD_PERM, "lead_bands": lead_bands, "lead_rows": lead_rows,
        "containment": params.containment, "min_coverage": params.min_coverage,
        "hash": "xxh3_64 words; shingle = mixed word hashes, high 32 bits; MinHash a*x+b mod 2^32",
        "parts": parts,
    }


def save_index(path: Path, docs: pa.Table, old_parts: list[Path], new_parts: list[Path],
               params: MatchParams) -> None:
    """Write the index at ``path``, replacing any index there: a previous index's parts are
    linked (or copied), this run's parts moved in after them."""
    tmp = path.with_name(path.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "parts").mkdir(parents=True)
    names = [f"{number:05d}" for number in range(len(old_parts) + len(new_parts))]
    for part, name in zip(old_parts, names):
        shutil.copytree(part, tmp / "parts" / name, copy_function=link_or_copy)
    for part, name in zip(new_parts, names[len(old_parts):]):
        part.rename(tmp / "parts" / name)
    pq.write_table(docs.cast(DOCS_FILE_SCHEMA), tmp / "docs.parquet")
    (tmp / "manifest.json").write_text(json.dumps(manifest(params, docs.num_rows, names), indent=2),
                                       encoding="utf-8")
    if path.exists():
        shutil.rmtree(path)
    tmp.rename(path)


def link_or_copy(src: str, dst: str) -> None:
    """Parts never change once written: a hard link shares them (a copy across file systems)."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def load_index(path: Path, params: MatchParams) -> StoredIndex:
    """Open an index written by :func:`save_index`; its parameters must be comparable with this run's."""
    manifest_file = path / "manifest.json"
    if not manifest_file.is_file():
        raise UsageError(f"no dedup index at {path} (expected {manifest_file.name})")
    stored = json.loads(manifest_file.read_text(encoding="utf-8"))
    if stored.get("format") != INDEX_FORMAT:
        raise UsageError(f"dedup index {path} has format {stored.get('format')!r}, this vicorpus reads "
                         f"{INDEX_FORMAT}: rebuild it by running `vicorpus dedup` on that release's workdir")
    for key, want in (("canonicalization", CANON_VERSION), ("num_perm", params.num_perm),
                      ("shingle_size", params.shingle_size), ("seed", params.seed), ("lead_perm", LEAD_PERM),
                      ("lead_shingles", LEAD_SHINGLES), ("lead_bands", params.lead_bands_rows[0]),
                      ("lead_rows", params.lead_bands_rows[1])):
        if stored.get(key) != want:
            raise UsageError(f"dedup index {path} has {key}={stored.get(key)!r}, this run uses {want!r}: rebuild "
                             "it by running `vicorpus dedup` on that release's workdir, or use that run's settings")
    docs = pq.read_table(path / "docs.parquet")
    return StoredIndex(path, docs.column("id").combine_chunks(), docs.column("cluster").combine_chunks(),
                       docs.column("keep").to_numpy(zero_copy_only=False).astype(bool),
                       [path / "parts" / name for name in stored["parts"]], (stored["bands"], stored["rows"]))
