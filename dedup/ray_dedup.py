"""Dedup on Ray: the band-keyed MinHash shuffle, with no single-node LSH index.

1. plan (driver, key columns only): which row of which docs file is each kept doc,
   exactly as :func:`vicorpus.docs_table.read_docs` chooses (latest fetch wins, sorted by id);
2. map, one Ray task per docs file: features (the same ``compute_features`` as local mode),
   the keeper-policy key of each doc, and records ``(table, band, band key) -> row`` and
   ``exact key -> row``, split into P partitions by the key;
3. exact reduce, one task per partition: exact-duplicate groups -> union edges and the
   rows that leave LSH (every copy but the first);
4. band reduce, one task per partition: each bucket of one (table, band, key) yields the
   same chain + star candidate pairs as local mode; the pairs are verified there
   (estimated Jaccard, containment, number agreement — ``dedup.cluster.verify``);
5. driver: union-find over the exact edges then the verified pairs in sorted order, the
   same keeper policy and the same outputs (``dedup.stage.write_outputs``).

Rows are numbered as in local mode (previous release first, then new docs by id), so the
clusters, keepers and sizes are the local ones. Workers read docs files by path: every node
must see the workdir at the same path. The driver still gathers the signatures at the end,
because the release carries one ``dedup_index/`` (written by the same ``save_index``).

>>> # run_dedup(workdir, DedupSettings(executor="ray"))
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dedup.cluster import MatchParams, UnionFind, _band_pairs, lsh_tables, merge_pairs, verify
from dedup.features import Features, compute_features
from dedup.stage import keeper_key, load_previous, match_params, write_outputs
from vicorpus.config import DedupSettings
from vicorpus.executors.ray import connect_ray
from vicorpus.progress import stage_progress
from vicorpus.schema import DOCS_SCHEMA
from vicorpus.workdir import Workdir

BAND_RECORD = np.dtype([("table", np.uint8), ("band", np.uint16), ("key", np.uint64), ("row", np.int64)])


@dataclass
class DocsPlan:
    ids: list[str]          # kept docs, sorted by id (read_docs order)
    files: list[str]        # docs parquet paths
    file_of: np.ndarray     # (n,) index into files
    row_of: np.ndarray      # (n,) row inside that file


def plan_docs(workdir: Workdir) -> DocsPlan:
    """read_docs(kept_only=True)'s choice of rows, from the key columns only.

    >>> import tempfile
    >>> plan_docs(Workdir(__import__("pathlib").Path(tempfile.mkdtemp()))).ids
    []
    """
    files = workdir.docs_files()
    keys = ["id", "fetched_at", "warc_file", "drop_reason"]
    parts = []
    for number, path in enumerate(files):
        table = pq.read_table(path, schema=DOCS_SCHEMA, columns=keys)
        parts.append(table.append_column("_file", pa.array(np.full(table.num_rows, number, np.int32)))
                     .append_column("_row", pa.array(np.arange(table.num_rows, dtype=np.int64))))
    if not parts:
        return DocsPlan([], [], np.zeros(0, np.int32), np.zeros(0, np.int64))
    table = pa.concat_tables(parts)
    if table.num_rows:
        # The same sort and first-per-id as read_docs, so ties resolve the same way.
        table = table.sort_by([("id", "ascending"), ("fetched_at", "descending"), ("warc_file", "descending")])
        ids = table.column("id").to_pylist()
        first = [i for i in range(len(ids)) if i == 0 or ids[i] != ids[i - 1]]
        table = table.take(pa.array(first, type=pa.int64()))
    table = table.filter(pc.is_null(table.column("drop_reason")))
    return DocsPlan(table.column("id").to_pylist(), [str(f) for f in files],
                    table.column("_file").to_numpy(), table.column("_row").to_numpy())


def emit_records(f: Features, rows: np.ndarray, params: MatchParams, partitions: int) -> list:
    """Split a shard's records by key: ``[exact_0..exact_P-1, band_0..band_P-1]``.

    exact_p: (keys S32, rows int64) for docs with words; band_p: BAND_RECORD array for
    docs with shingles (the two LSH tables: 0 body, 1 lead).
    """
    exact = np.array([k.encode() for k in f.exact], dtype="S32")
    has_words = np.array([bool(k) for k in f.exact], dtype=bool)
    ekeys, erows = exact[has_words], rows[has_words]
    # Partition by the key's own bits (a hex hash): stable across processes, unlike hash().
    epart = np.array([int(k[:8], 16) % partitions for k in ekeys], dtype=np.int64)
    local = np.nonzero(f.sizes > 0)[0]
    tables = []
    for table, keys in enumerate(lsh_tables(f, params, local)):
        n, bands = keys.shape
        rec = np.empty(n * bands, dtype=BAND_RECORD)
        rec["table"] = table
        rec["band"] = np.tile(np.arange(bands, dtype=np.uint16), n)
        rec["key"] = keys.ravel()
        rec["row"] = np.repeat(rows[local], bands)
        tables.append(rec)
    records = np.concatenate(tables) if tables else np.empty(0, BAND_RECORD)
    bpart = (records["key"] % np.uint64(partitions)).astype(np.int64)
    return ([(ekeys[epart == p], erows[epart == p]) for p in range(partitions)]
            + [records[bpart == p] for p in range(partitions)])


def shard_features(path: str, file_rows: np.ndarray, rows: np.ndarray, params: MatchParams,
                   partitions: int) -> tuple:
    """Map task body: (features, keeper keys, *emit_records(...)) for some rows of one docs file."""
    table = pq.read_table(path, schema=DOCS_SCHEMA, columns=["id", "text", "published_at"])
    table = table.take(pa.array(file_rows, type=pa.int64()))
    texts = [t or "" for t in table.column("text").to_pylist()]
    f = compute_features(texts, params.num_perm, params.shingle_size, params.seed, 1)
    keeper = [keeper_key(text, published, f.body_words[k], doc_id) for k, (text, published, doc_id) in
              enumerate(zip(texts, table.column("published_at").to_pylist(), table.column("id").to_pylist()))]
    return (f, keeper, *emit_records(f, rows, params, partitions))


def exact_reduce(n_old: int, *parts: tuple) -> tuple[np.ndarray, np.ndarray]:
    """(edges (first, copy) for new copies, rows that are not their group's first) of one partition."""
    keys = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, "S32")
    rows = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, np.int64)
    order = np.lexsort((rows, keys))
    keys, rows = keys[order], rows[order]
    same = np.concatenate([[False], keys[1:] == keys[:-1]]) if len(keys) else np.zeros(0, bool)
    starts = np.where(~same, np.arange(len(keys)), 0)
    first = rows[np.maximum.accumulate(starts)] if len(keys) else rows
    copies = rows[same]
    new = copies >= n_old
    return np.stack([first[same][new], copies[new]], axis=1), np.sort(copies)


def band_reduce(n_old: int, n: int, params: MatchParams, not_first: np.ndarray, shard_rows: list,
                shard_refs: list, *parts: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """(candidate pair codes, verified pair codes, records seen) of one partition; code = i * n + j."""
    records = np.concatenate(parts) if parts else np.empty(0, BAND_RECORD)
    records = records[~np.isin(records["row"], not_first)]
    records = records[np.lexsort((records["row"], records["band"], records["table"]))]
    found = [np.empty((0, 2), np.int64)]
    group = records["table"].astype(np.int64) * 65536 + records["band"]
    bounds = np.flatnonzero(np.diff(group)) + 1
    for chunk in np.split(records, bounds) if len(records) else []:
        # Rows ascend inside each (table, band): _band_pairs then pairs them exactly as local mode.
        found.append(_band_pairs(chunk["key"][:, None], chunk["row"]))
    pairs = np.unique(np.concatenate(found), axis=0)
    pairs = pairs[(pairs[:, 0] >= n_old) | (pairs[:, 1] >= n_old)]
    ok = verify(_gather(pairs, shard_rows, shard_refs, params), _compact(pairs), params) if len(pairs) \
        else np.zeros(0, bool)
    codes = pairs[:, 0] * n + pairs[:, 1]
    return codes, codes[ok], len(records)


def _compact(pairs: np.ndarray) -> np.ndarray:
    needed = np.unique(pairs)
    return np.searchsorted(needed, pairs)


def _gather(pairs: np.ndarray, shard_rows: list, shard_refs: list, params: MatchParams) -> Features:
    """The verification features of the rows in ``pairs`` (sorted), fetched only from the shards holding them."""
    import ray

    needed = np.unique(pairs)
    m = len(needed)
    f = Features([""] * m, np.empty((m, params.num_perm), np.uint32), np.empty((m, 0), np.uint32),
                 np.zeros(m, np.int64), np.zeros(m, np.int64), np.zeros((m, 4), np.uint64))
    for rows, ref in zip(shard_rows, shard_refs):
        hit = np.isin(needed, rows)
        if not hit.any():
            continue
        part = ray.get(ref)
        order = np.argsort(rows)
        local = order[np.searchsorted(rows, needed[hit], sorter=order)]
        f.signatures[hit] = part.signatures[local]
        f.sizes[hit] = part.sizes[local]
        f.numbers[hit] = part.numbers[local]
    return f


def _take(f: Features, idx: np.ndarray) -> Features:
    return Features([f.exact[i] for i in idx], f.signatures[idx], f.leads[idx], f.sizes[idx],
                    f.body_words[idx], f.numbers[idx])


def run_dedup_ray(workdir: Workdir, settings: DedupSettings, *, progress: bool = True,
                  partitions: int | None = None) -> dict:
    """Same outputs as :func:`dedup.stage.run_dedup`, computed by Ray tasks; summary adds ``shuffle``."""
    started = time.monotonic()
    params = match_params(settings)
    old = load_previous(settings, params)
    plan = plan_docs(workdir)
    ray = connect_ray(settings.ray_address)
    P = partitions or max(2, 2 * int(ray.cluster_resources().get("CPU", 1)))

    old_pos = {doc_id: i for i, doc_id in enumerate(old.ids)}
    fresh = [k for k, doc_id in enumerate(plan.ids) if doc_id not in old_pos]
    n_old, n = len(old.ids), len(old.ids) + len(fresh)
    all_ids = old.ids + [plan.ids[k] for k in fresh]
    fresh_arr = np.array(fresh, dtype=np.int64)
    global_rows = n_old + np.arange(len(fresh), dtype=np.int64)

    map_task = ray.remote(num_returns=2 + 2 * P)(shard_features)
    emit_task = ray.remote(num_returns=2 * P)(emit_records)
    shard_rows, feature_refs, keeper_refs, outs = [], [], [], []
    if n_old:
        old_ref = ray.put(old.features)
        shard_rows.append(np.arange(n_old, dtype=np.int64))
        feature_refs.append(old_ref)
        outs.append(emit_task.remote(old_ref, shard_rows[-1], params, P))
    file_of = plan.file_of[fresh_arr] if len(fresh_arr) else np.zeros(0, np.int32)
    for number, path in enumerate(plan.files):
        mine = np.nonzero(file_of == number)[0]
        if not len(mine):
            continue
        refs = map_task.remote(path, plan.row_of[fresh_arr[mine]], global_rows[mine], params, P)
        shard_rows.append(global_rows[mine])
        feature_refs.append(refs[0])
        keeper_refs.append((global_rows[mine], refs[1]))
        outs.append(refs[2:])
    with stage_progress(progress) as bar:
        task = bar.add_task("dedup shuffle", total=2 * P)
        exact_task, band_task = ray.remote(exact_reduce), ray.remote(band_reduce)
        exact = [exact_task.remote(n_old, *[o[p] for o in outs]) for p in range(P)]
        edges, not_first = [np.empty((0, 2), np.int64)], [np.empty(0, np.int64)]
        for e, nf in ray.get(exact):
            edges.append(e)
            not_first.append(nf)
            bar.advance(task)
        not_first_ref = ray.put(np.sort(np.concatenate(not_first)))
        rows_ref = ray.put(shard_rows)
        bands = [band_task.remote(n_old, n, params, not_first_ref, rows_ref, feature_refs,
                                  *[o[P + p] for o in outs]) for p in range(P)]
        candidates, verified, records = [np.empty(0, np.int64)], [np.empty(0, np.int64)], []
        for codes, ok, seen in ray.get(bands):
            candidates.append(codes)
            verified.append(ok)
            records.append(int(seen))
            bar.advance(task)

    uf = UnionFind(n, list(old.clusters) + [None] * len(fresh))
    edges = np.concatenate(edges)
    for first, copy in edges:
        uf.union(int(first), int(copy))
    codes = np.unique(np.concatenate(verified))
    counts = {"exact_duplicates": int(len(edges)),
              "candidate_pairs": int(len(np.unique(np.concatenate(candidates)))),
              "near_duplicates": merge_pairs(uf, np.stack([codes // max(n, 1), codes % max(n, 1)], axis=1))}

    parts = [ray.get(ref) for ref in feature_refs]
    if parts:
        f = Features.concat(parts, params.num_perm)
        f = _take(f, np.argsort(np.concatenate(shard_rows)))
    else:
        f = Features.empty(params.num_perm)
    keeper: dict[int, tuple] = {}
    for rows, ref in keeper_refs:
        keeper.update(zip(rows.tolist(), ray.get(ref)))
    shuffle = {"executor": "ray", "shuffle": {"partitions": P, "band_records_per_partition": records}}
    return write_outputs(workdir, settings, params, started, plan.ids, all_ids, old, f, uf, counts,
                         keeper.__getitem__, extra=shuffle)
