"""The units of work of the dedup stage: pure functions over files in the workdir.

Each function reads its inputs from files, writes its outputs to files and returns a
small summary, so any executor (local processes, Ray tasks on nodes sharing the
workdir) can run it; none of them holds more than its own unit in memory.

1. :func:`features_task` - one chunk of docs rows -> one part (per-document arrays,
   shingle hashes, a sorted run per LSH band);
2. :func:`band_task` - one LSH band of every part -> candidate pairs of that band;
3. (driver) connected components of the candidate pairs; each component is assigned
   to a verification partition;
4. :func:`route_task` - one part -> the data of its documents that are in a component,
   split by partition;
5. :func:`verify_task` - one partition -> exact verification of its candidate pairs,
   union-find, each document's cluster root.

>>> [f.__name__ for f in (features_task, band_task, route_task, verify_task)]
['features_task', 'band_task', 'route_task', 'verify_task']
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa

from dedup.cluster import link
from dedup.features import Features, MatchParams, compute_features
from dedup.index import PART_FILES, PartWriter, part_offsets, read_part
from dedup.keeper import NO_DATE, republished
from dedup.lsh import PAIR, RECORD, bucket_pairs
from dedup.minhash import MinHasher, band_keys
from vicorpus.docs_table import DocsChunk, read_chunk

DOC_COLUMNS = ["text", "published_at", "credit", "url", "attribution"]
ROUTED = ("rows", "exact", "sizes", "words", "numbers")


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
        flags = [republished(c, u, a, t) for c, u, a, t in zip(
            batch.column("credit").to_pylist(), batch.column("url").to_pylist(),
            batch.column("attribution").to_pylist(), texts)]
        del texts
        published = batch.column("published_at").cast(pa.int64()).fill_null(NO_DATE).to_numpy()
        writer.append(rows=rows, exact=f.exact, sizes=f.sizes, words=f.words, numbers=f.numbers,
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
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("bands"), copy_function=_link)
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


def _link(src: str, dst: str) -> None:
    try:
        Path(dst).hardlink_to(src)
    except OSError:
        shutil.copy2(src, dst)


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


def route_task(part: str, name: str, plan: str, out: str) -> int:
    """Split the data of the part's documents that have candidates by verification partition.

    ``plan``: .npy of each row's partition (-1: no candidate); writes ``out/QQQ/<name>.<file>``
    (``name`` unique among the run's parts). Returns the documents routed.
    """
    data = read_part(Path(part), *ROUTED, "shingles")
    rows = data["rows"]
    target = np.load(plan, mmap_mode="r")[rows.astype(np.int64)]
    offsets = part_offsets(data["sizes"])
    routed = 0
    for q in np.unique(target[target >= 0]):
        mine = np.nonzero(target == q)[0]
        folder = Path(out) / f"{int(q):03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for key in ROUTED:
            file, dtype, _ = PART_FILES[key]
            np.ascontiguousarray(data[key][mine], dtype=dtype).tofile(folder / f"{name}.{file}")
        pieces = [data["shingles"][offsets[i] : offsets[i + 1]] for i in mine.tolist()]
        np.concatenate(pieces).astype(np.uint32).tofile(folder / f"{name}.shingles.u32")
        routed += len(mine)
    return routed


def verify_task(folder: str, pairs_file: str, labels_file: str, n_old: int, params: MatchParams) -> tuple:
    """Verify one partition's candidate pairs; returns (rows, root rows, counts).

    ``labels_file``: .npy of each previous-release row's cluster number (released clusters
    are never joined to each other). The root of a cluster is its smallest row.
    """
    folder_path = Path(folder)
    names = sorted({p.name.split(".")[0] for p in folder_path.glob("*.rows.u32")})
    counts = {"exact_duplicates": 0, "near_duplicates": 0, "candidate_pairs": 0}
    if not names:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), counts
    cols: dict[str, list[np.ndarray]] = {key: [] for key in (*ROUTED, "shingles")}
    for name in names:
        for key in cols:
            file, dtype, width = PART_FILES[key]
            values = np.fromfile(folder_path / f"{name}.{file}", dtype=dtype)
            cols[key].append(values.reshape(-1, width) if width > 1 else values)
    data = {key: np.concatenate(values) for key, values in cols.items()}
    rows = data["rows"].astype(np.int64)
    # Local order = ascending rows, so the union-find root (smallest index) is the smallest row.
    order = np.argsort(rows, kind="stable")
    offsets = part_offsets(data["sizes"])
    shingles = np.concatenate([data["shingles"][offsets[i] : offsets[i + 1]] for i in order.tolist()]) \
        if len(order) else np.empty(0, np.uint32)
    rows = rows[order]
    n = len(rows)
    f = Features(exact=data["exact"][order], sizes=data["sizes"][order], words=data["words"][order],
                 numbers=data["numbers"][order], shingles=shingles, signatures=np.empty((n, 0), np.uint32),
                 leads=np.empty((n, 0), np.uint32))
    pairs = np.fromfile(pairs_file, dtype=PAIR).reshape(-1, 2).astype(np.int64)
    local = np.searchsorted(rows, pairs)
    labels = None
    if n_old and rows[0] < n_old:
        old_labels = np.load(labels_file, mmap_mode="r")
        labels = [int(old_labels[r]) if r < n_old else None for r in rows.tolist()]
    uf, counts = link(local, f, params, labels=labels, new=rows >= n_old)
    roots = np.array([uf.find(i) for i in range(n)], dtype=np.int64)
    return rows, rows[roots] if n else rows, counts
