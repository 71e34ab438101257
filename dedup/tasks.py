"""The units of work of the dedup stage: pure functions over files in the workdir.

Each function reads its inputs from files, writes its outputs to files and returns a
small summary, so any executor (local processes, Ray tasks on nodes sharing the
workdir) can run it; none of them holds more than its own unit in memory.

1. :func:`features_task` - one chunk of docs rows -> one part (per-document arrays,
   shingle hashes, a sorted run per LSH band);
2. :func:`band_task` - one LSH band of every part -> candidate pairs of that band;
3. (driver) the pairs split by blocks of rows (of their first row), and the per-row
   arrays the checks need gathered into row-indexed files;
4. :func:`verify_task` - one block's pairs -> the exact duplicates and the verified
   near-duplicates (shingles read only for pairs that pass the cheap checks);
5. (driver) connected components of the verified pairs: the clusters.

>>> [f.__name__ for f in (features_task, band_task, verify_task)]
['features_task', 'band_task', 'verify_task']
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa

from dedup.cluster import verify_candidates
from dedup.features import Features, MatchParams, compute_features
from dedup.index import PART_FILES, PartWriter, link_or_copy, part_offsets, read_part
from dedup.keeper import NO_DATE, copy_rank
from dedup.lsh import PAIR, RECORD, bucket_pairs, unique_pairs
from dedup.minhash import MinHasher, band_keys
from vicorpus.docs_table import DocsChunk, read_chunk

DOC_COLUMNS = ["text", "published_at", "credit", "url", "attribution"]


def features_task(part: str, chunk: DocsChunk, row_base: int, params: MatchParams) -> tuple[int, int]:
    """Features of the chunk's docs into the part directory ``part``; (docs, shingles) written.

    A doc's row is ``row_base`` + its position in the selection of new docs.
    """
    writer = PartWriter(Path(part))
    shingles = 0
    for positions, batch in read_chunk(chunk, DOC_COLUMNS):
        texts = batch.column("text").to_pylist()
        f = compute_features(texts, params)
        rows = (row_base + positions).astype(np.uint32)
        flags = [copy_rank(c, u, a, t) for c, u, a, t in zip(
            batch.column("credit").to_pylist(), batch.column("url").to_pylist(),
            batch.column("attribution").to_pylist(), texts)]
        del texts
        published = batch.column("published_at").cast(pa.int64()).fill_null(NO_DATE).to_numpy()
        writer.append(rows=rows, exact=f.exact, sizes=f.sizes, words=f.words, numbers=f.numbers, names=f.names,
                      shingles=f.shingles, republished=np.array(flags, dtype=np.uint8), published=published)
        has = f.sizes > 0  # a text without shingles is never anyone's duplicate
        body, lead = f.band_keys(params)
        writer.append_runs(body[has], rows[has])
        writer.append_runs(lead[has], rows[has], first_band=body.shape[1])
        shingles += len(f.shingles)
    return writer.docs, shingles


def reband_task(part: str, out: str, params: MatchParams) -> int:
    """A previous index's part with body band runs for this run's bands x rows (threshold changed).

    The signatures are recomputed from the stored shingles (the same MinHash input), the
    other files are linked. Returns the number of docs.
    """
    src, dst = Path(part), Path(out)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("bands"), copy_function=link_or_copy)
    data = read_part(src, "rows", "sizes", "shingles")
    bands, _ = params.bands_rows
    writer = PartWriter(dst)
    has = data["sizes"] > 0
    sig = MinHasher(params.num_perm, params.seed).signatures_flat(data["shingles"], part_offsets(data["sizes"]))
    writer.append_runs(band_keys(sig, *params.bands_rows)[has], data["rows"][has])
    lead_bands = params.lead_bands_rows[0]
    for b in range(lead_bands):  # the lead LSH does not depend on the threshold
        shutil.copy2(src / "bands" / f"{_old_bands(src, lead_bands) + b:03d}.rec",
                     dst / "bands" / f"{bands + b:03d}.rec")
    return len(data["rows"])


def _old_bands(part: Path, lead_bands: int) -> int:
    return len(list((part / "bands").glob("*.rec"))) - lead_bands


def band_task(band: int, parts: list[str], out: str, n_old: int) -> int:
    """Candidate pairs of one LSH band over all parts -> ``out`` ((m, 2) uint32); returns m.

    Pairs of two documents from a previous release (rows < ``n_old``) were settled then.
    """
    runs = [np.fromfile(p, dtype=RECORD) for p in (Path(part) / "bands" / f"{band:03d}.rec" for part in parts)
            if p.exists()]
    records = np.concatenate(runs) if runs else np.empty(0, RECORD)
    pairs = bucket_pairs(records["key"], records["row"])
    del records, runs
    pairs = pairs[pairs[:, 1] >= n_old]  # i < j: j old means both old
    pairs.astype(PAIR).tofile(out)
    return len(pairs)


def verify_task(pairs_file: str, meta: str, parts: list[str], params: MatchParams) -> tuple:
    """Verify the candidate pairs of one block of rows; (exact pairs, verified near pairs, candidates).

    ``meta``: folder of row-indexed .npy arrays (exact, sizes, words, numbers, names, part, start:
    which part holds each row's shingles and where). Shingles are read only for the rows
    of pairs that pass the cheap checks, one part file at a time.
    """
    pairs = unique_pairs(np.fromfile(pairs_file, dtype=PAIR).reshape(-1, 2))
    rows = np.unique(pairs)
    if not len(rows):
        return np.empty((0, 2), np.int64), np.empty((0, 2), np.int64), 0
    folder = Path(meta)
    local = {name: np.load(folder / f"{name}.npy", mmap_mode="r")[rows] for name in META}
    f = Features(exact=local["exact"], sizes=local["sizes"], words=local["words"], numbers=local["numbers"],
                 names=local["names"],
                 shingles=np.empty(0, np.uint32), signatures=np.empty((len(rows), 0), np.uint32),
                 leads=np.empty((len(rows), 0), np.uint32))

    def shingles_of(wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        part, start, size = local["part"][wanted], local["start"][wanted], local["sizes"][wanted].astype(np.int64)
        out = np.empty(int(size.sum()), dtype=np.uint32)
        offsets = np.concatenate([[0], np.cumsum(size)])
        for p in np.unique(part):
            # Mapped only while its documents are copied: only the pages read are touched.
            data = np.memmap(Path(parts[p]) / PART_FILES["shingles"][0], dtype="<u4", mode="r")
            for k in np.nonzero(part == p)[0].tolist():
                out[offsets[k] : offsets[k + 1]] = data[start[k] : start[k] + size[k]]
            del data
        return out, offsets

    exact, near = verify_candidates(np.searchsorted(rows, pairs), f, params, shingles_of)  # still distinct, sorted
    return rows[exact], rows[near], len(pairs)


META = ("exact", "sizes", "words", "numbers", "names", "part", "start")
