"""From candidate pairs to clusters.

Candidate pairs (documents sharing an LSH band of the body or lead signature) are
grouped into connected components first (:func:`components`, vectorized); every pair
of a component is then checked on exact evidence (:mod:`dedup.verify`) and the
verified ones are merged with a union-find, in sorted pair order, so the result does
not depend on how the work was split. Cluster id = the smallest doc id of the cluster
(or the cluster id a previous release already gave it).

>>> docs = [("b", "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng cúm mùa trước mùa đông năm nay."),
...         ("a", "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng cúm mùa trước mùa đông năm nay!"),
...         ("c", "Giá lúa gạo xuất khẩu tại Đồng bằng sông Cửu Long tiếp tục tăng trong tuần qua.")]
>>> find_duplicates(docs)
{'a': 'a', 'b': 'a', 'c': 'c'}
"""

from __future__ import annotations

from typing import Iterable, Iterator

import numpy as np

from dedup.features import Features, MatchParams, compute_features
from dedup.lsh import bucket_pairs, unique_pairs
from dedup.verify import SHORT_SHINGLES, numbers_agree, required_shared, shared_shingles

BATCH = 2000


class UnionFind:
    """Union-find whose roots may carry a fixed label (a released cluster id).

    Two components with different labels are never merged: released clusters stay as
    they are. The root of a component is its smallest index.
    """

    def __init__(self, n: int, labels: list[str | None] | None = None):
        self.parent = list(range(n))
        self.label = list(labels) if labels is not None else [None] * n

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> bool:
        """Join the components of i and j; False when their labels differ (nothing joined)."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        li, lj = self.label[ri], self.label[rj]
        if li is not None and lj is not None and li != lj:
            return False
        if rj < ri:
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.label[ri] = li if li is not None else lj
        return True


def components(n: int, pair_batches: Iterable[np.ndarray]) -> np.ndarray:
    """(n,) int64: the smallest row of each row's connected component.

    Vectorized union-find: each round hooks every root to the smallest root it is
    paired with, then compresses the paths; a batch is done when all its pairs agree.

    >>> components(5, [np.array([[3, 4], [1, 3]])]).tolist()
    [0, 1, 2, 1, 1]
    """
    parent = np.arange(n, dtype=np.int64)
    for pairs in pair_batches:
        u, v = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
        while len(u):
            ru, rv = _roots(parent, u), _roots(parent, v)
            apart = ru != rv
            u, v, ru, rv = u[apart], v[apart], ru[apart], rv[apart]
            np.minimum.at(parent, np.maximum(ru, rv), np.minimum(ru, rv))
    return _roots(parent, np.arange(n, dtype=np.int64))


def _roots(parent: np.ndarray, x: np.ndarray) -> np.ndarray:
    r = parent[x]
    while True:
        up = parent[r]
        if np.array_equal(up, r):
            return r
        r = up


def link(pairs: np.ndarray, f: Features, params: MatchParams, labels: list[str | None] | None = None,
         new: np.ndarray | None = None) -> tuple[UnionFind, dict[str, int]]:
    """Verify candidate ``pairs`` (rows of ``f``, i < j) and merge the verified ones.

    Exact duplicates (same canonical body) are merged first, then near-duplicates,
    each in sorted pair order. Pairs between two rows with ``new=False`` (both from a
    previous release) are skipped; a pair already joined through others is not
    checked again (its verdict could not change the clusters).
    """
    n = len(f)
    uf = UnionFind(n, labels)
    counts = {"exact_duplicates": 0, "near_duplicates": 0, "candidate_pairs": 0}
    if new is not None and len(pairs):
        pairs = pairs[new[pairs[:, 0]] | new[pairs[:, 1]]]
    pairs = unique_pairs(pairs)
    counts["candidate_pairs"] = len(pairs)
    if not len(pairs):
        return uf, counts
    i, j = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    has_words = (f.words[i] > 0) & (f.words[j] > 0)
    exact = has_words & (f.exact[i] == f.exact[j])
    counts["exact_duplicates"] = _merge(uf, i[exact], j[exact])

    need = required_shared(f.sizes[i], f.sizes[j], params)
    short = np.minimum(f.sizes[i], f.sizes[j]) < SHORT_SHINGLES
    near = ~exact & has_words & np.isfinite(need) & numbers_agree(f.numbers[i], f.numbers[j], short)
    offsets = f.offsets
    shingles = f.shingles
    merged = 0
    find = uf.find
    for a, b, bar in zip(i[near].tolist(), j[near].tolist(), need[near].tolist()):
        if find(a) == find(b):
            continue
        shared = shared_shingles(shingles[offsets[a] : offsets[a + 1]], shingles[offsets[b] : offsets[b + 1]])
        if shared >= bar and uf.union(a, b):
            merged += 1
    counts["near_duplicates"] = merged
    return uf, counts


def _merge(uf: UnionFind, i: np.ndarray, j: np.ndarray) -> int:
    """Union pairs in order; how many joined two components."""
    merged = 0
    for a, b in zip(i.tolist(), j.tolist()):
        if uf.find(a) != uf.find(b) and uf.union(a, b):
            merged += 1
    return merged


def candidate_pairs(f: Features, params: MatchParams, rows: np.ndarray | None = None) -> np.ndarray:
    """Pairs of rows sharing a band of the body or lead signature (documents with shingles)."""
    rows = np.arange(len(f), dtype=np.uint32) if rows is None else rows
    active = f.sizes[rows] > 0
    body, lead = f.band_keys(params)
    found = [bucket_pairs(keys[rows[active], b], rows[active]) for keys in (body, lead)
             for b in range(keys.shape[1])]
    return unique_pairs(np.concatenate(found)) if found else np.empty((0, 2), np.uint32)


def cluster_ids(uf: UnionFind, ids: list[str]) -> list[str]:
    """Each row's cluster id: the component's label, else its smallest id (rows sorted by id)."""
    roots = [uf.find(i) for i in range(len(ids))]
    return [uf.label[root] or ids[root] for root in roots]


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def features_of(texts: Iterable[str | None], params: MatchParams, workers: int = 1) -> Features:
    """Features of many texts, in batches (in worker processes when ``workers`` > 1)."""
    from vicorpus.executors import open_executor

    batches = [(batch, params) for batch in _batches(texts, BATCH)]
    if not batches:
        return compute_features([], params)
    with open_executor("local", workers=workers) as ex:
        parts = dict(ex.map(compute_features, batches))
    return Features.concat([parts[k] for k in range(len(batches))])


def find_duplicates(docs: Iterable[tuple[str, str]], threshold: float = 0.7, *,
                    num_perm: int = 128, shingle_size: int = 3, workers: int = 1) -> dict[str, str]:
    """Map each id to its cluster id (the smallest id among its near-duplicates).

    The in-memory form of ``vicorpus dedup`` (same features, candidates and rule).
    Example: see the module docstring. Ids must be unique strings.
    """
    params = MatchParams(threshold=threshold, num_perm=num_perm, shingle_size=shingle_size)
    pairs = sorted(((str(i), t or "") for i, t in docs), key=lambda p: p[0])
    ids = [p[0] for p in pairs]
    if len(set(ids)) != len(ids):
        dup = next(a for a, b in zip(ids, ids[1:]) if a == b)
        raise ValueError(f"duplicate document id {dup!r}")
    f = features_of((p[1] for p in pairs), params, workers)
    uf, _ = link(candidate_pairs(f, params), f, params)
    return dict(zip(ids, cluster_ids(uf, ids)))
