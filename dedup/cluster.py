"""Exact + MinHash-LSH near-duplicate clustering.

Steps: exact duplicates share the hash of the canonical text; LSH over the body
signature (bands/rows chosen for the threshold) and over the lead signature
give candidate pairs; a candidate is merged when its estimated Jaccard reaches
the threshold, or when the smaller doc is contained in the larger one
(truncated copy) and still covers at least ``min_coverage`` of it; union-find
makes the clusters. Cluster id = the smallest doc id of the cluster (or the
cluster id a previous release already gave it), so ids do not depend on input order.

>>> docs = [("b", "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng cúm mùa trước mùa đông năm nay."),
...         ("a", "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng cúm mùa trước mùa đông năm nay!"),
...         ("c", "Giá lúa gạo xuất khẩu tại Đồng bằng sông Cửu Long tiếp tục tăng trong tuần qua.")]
>>> find_duplicates(docs)
{'a': 'a', 'b': 'a', 'c': 'c'}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np

from dedup.features import LEAD_PERM, Features, compute_features
from dedup.minhash import band_keys, lsh_params

LEAD_THRESHOLD = 0.6


@dataclass(frozen=True)
class MatchParams:
    threshold: float = 0.7
    num_perm: int = 128
    shingle_size: int = 3
    containment: float = 0.9
    min_coverage: float = 0.5
    seed: int = 1

    def __post_init__(self):
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if not 16 <= self.num_perm <= 1024:
            raise ValueError(f"num_perm must be in [16, 1024], got {self.num_perm}")
        if not 1 <= self.shingle_size <= 10:
            raise ValueError(f"shingle_size must be in [1, 10], got {self.shingle_size}")
        if not 0 < self.containment <= 1 or not 0 < self.min_coverage <= 1:
            raise ValueError("containment and min_coverage must be in (0, 1]")

    @property
    def bands_rows(self) -> tuple[int, int]:
        return lsh_params(self.threshold, self.num_perm)


class UnionFind:
    """Union-find whose roots may carry a fixed label (a released cluster id).

    Two components with different labels are never merged: released clusters stay as they are.
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


def _band_pairs(keys: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Candidate pairs (i < j) of ``rows`` sharing a key in some band: chain + star per bucket."""
    out = []
    for band in range(keys.shape[1]):
        col = keys[:, band]
        order = np.argsort(col, kind="stable")
        sk, so = col[order], rows[order]
        same = sk[1:] == sk[:-1]
        if not same.any():
            continue
        starts = np.where(np.concatenate([[True], ~same]), np.arange(len(sk)), 0)
        first = so[np.maximum.accumulate(starts)]
        idx = np.nonzero(same)[0] + 1
        out.append(np.stack([so[idx - 1], so[idx]], axis=1))
        out.append(np.stack([first[idx], so[idx]], axis=1))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(out).astype(np.int64)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs = np.sort(pairs, axis=1)
    return np.unique(pairs, axis=0)


def candidate_pairs(f: Features, params: MatchParams, active: np.ndarray) -> np.ndarray:
    """Pairs from body-signature and lead-signature LSH among ``active`` rows."""
    rows = np.nonzero(active)[0]
    if len(rows) < 2:
        return np.empty((0, 2), dtype=np.int64)
    body, lead = (_band_pairs(keys, rows) for keys in lsh_tables(f, params, rows))
    return np.unique(np.concatenate([body, lead]), axis=0)


def lsh_tables(f: Features, params: MatchParams, rows: np.ndarray) -> list[np.ndarray]:
    """Band keys of ``rows`` in each LSH table: [body signature (n, bands), lead signature (n, lead bands)].

    Shared with the Ray executor, which buckets these keys across partitions.
    """
    bands, r = params.bands_rows
    lb, lr = lsh_params(LEAD_THRESHOLD, LEAD_PERM)
    return [band_keys(f.signatures[rows], bands, r), band_keys(f.leads[rows], lb, lr, seed=11)]


def verify(f: Features, pairs: np.ndarray, params: MatchParams) -> np.ndarray:
    """Boolean mask of pairs that are near-duplicates (Jaccard or containment)."""
    keep = np.zeros(len(pairs), dtype=bool)
    for s in range(0, len(pairs), 100_000):
        p = pairs[s : s + 100_000]
        j = (f.signatures[p[:, 0]] == f.signatures[p[:, 1]]).mean(axis=1)
        na, nb = f.sizes[p[:, 0]].astype(float), f.sizes[p[:, 1]].astype(float)
        small, large = np.minimum(na, nb), np.maximum(na, nb)
        # |A∩B| = J(|A|+|B|)/(1+J); containment of the smaller in the larger.
        contained = j * (na + nb) / ((1 + j) * np.maximum(small, 1))
        ok = (j >= params.threshold) | (
            (contained >= params.containment) & (small >= params.min_coverage * large)
        )
        keep[s : s + len(p)] = ok & (small > 0) & _numbers_agree(f.numbers[p[:, 0]], f.numbers[p[:, 1]])
    return keep


def _popcount(x: np.ndarray) -> np.ndarray:
    return np.unpackbits(x.view(np.uint8), axis=1).sum(axis=1)


def _numbers_agree(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Copies of one article carry the same figures and dates; same-template notices
    (exchange-rate bulletins, monthly schedules) differ mostly there. With 4+ numbers
    on both sides, at least 80% of the smaller set must appear in the other."""
    na, nb, both = _popcount(a), _popcount(b), _popcount(a & b)
    small = np.minimum(na, nb)
    return (small < 4) | (both >= 0.8 * small)


def link(f: Features, params: MatchParams, labels: list[str | None] | None = None,
         new: np.ndarray | None = None) -> tuple[UnionFind, dict[str, int]]:
    """Union-find over all rows of ``f``; pairs between two ``new=False`` rows are skipped."""
    n = len(f.exact)
    uf = UnionFind(n, labels)
    new = np.ones(n, dtype=bool) if new is None else new
    counts = {"exact_duplicates": 0, "near_duplicates": 0, "candidate_pairs": 0}
    first_by_key: dict[str, int] = {}
    representative = np.ones(n, dtype=bool)
    for i, key in enumerate(f.exact):
        if not key:
            continue  # no words: never a duplicate of anything
        if key in first_by_key:
            representative[i] = False
            if new[i] and uf.union(first_by_key[key], i):
                counts["exact_duplicates"] += 1
        else:
            first_by_key[key] = i
    active = representative & (f.sizes > 0)
    pairs = candidate_pairs(f, params, active)
    pairs = pairs[new[pairs[:, 0]] | new[pairs[:, 1]]] if len(pairs) else pairs
    counts["candidate_pairs"] = int(len(pairs))
    counts["near_duplicates"] = merge_pairs(uf, pairs[verify(f, pairs, params)])
    return uf, counts


def merge_pairs(uf: UnionFind, pairs: np.ndarray) -> int:
    """Union verified ``pairs`` in order; return how many joined two components."""
    merged = 0
    for i, j in pairs:
        before = uf.find(int(i)) == uf.find(int(j))
        if uf.union(int(i), int(j)) and not before:
            merged += 1
    return merged


def cluster_ids(uf: UnionFind, ids: list[str]) -> list[str]:
    """Each row's cluster id: the component's label, else its smallest id (rows sorted by id)."""
    roots = [uf.find(i) for i in range(len(ids))]
    smallest: dict[int, str] = {}
    for i, root in enumerate(roots):
        if root not in smallest or ids[i] < smallest[root]:
            smallest[root] = ids[i]
    return [uf.label[root] or smallest[root] for root in roots]


def find_duplicates(docs: Iterable[tuple[str, str]], threshold: float = 0.7, *,
                    num_perm: int = 128, shingle_size: int = 3, workers: int = 1) -> dict[str, str]:
    """Map each id to its cluster id (the smallest id among its near-duplicates).

    Example: see the module docstring. Ids must be unique strings.
    """
    params = MatchParams(threshold=threshold, num_perm=num_perm, shingle_size=shingle_size)
    pairs = sorted(((str(i), t or "") for i, t in docs), key=lambda p: p[0])
    ids = [p[0] for p in pairs]
    if len(set(ids)) != len(ids):
        dup = next(a for a, b in zip(ids, ids[1:]) if a == b)
        raise ValueError(f"duplicate document id {dup!r}")
    f = compute_features([p[1] for p in pairs], num_perm, shingle_size, params.seed, workers)
    uf, _ = link(f, params)
    return dict(zip(ids, cluster_ids(uf, ids)))
