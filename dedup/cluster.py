"""From candidate pairs to clusters.

Candidate pairs (documents sharing an LSH band of the body or lead signature) are
each checked on exact evidence (:func:`verify_candidates`, rule in :mod:`dedup.verify`);
the verified pairs are joined into connected components (:func:`merge`, vectorized),
so the result does not depend on how the work was split. Cluster id = the smallest doc
id of the cluster (or the cluster id a previous release already gave it).

>>> docs = [("b", "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng cúm mùa trước mùa đông năm nay."),
...         ("a", "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng cúm mùa trước mùa đông năm nay!"),
...         ("c", "Giá lúa gạo xuất khẩu tại Đồng bằng sông Cửu Long tiếp tục tăng trong tuần qua.")]
>>> find_duplicates(docs)
{'a': 'a', 'b': 'a', 'c': 'c'}
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

import numpy as np

from dedup.features import Features, MatchParams, compute_features
from dedup.lsh import bucket_pairs, unique_pairs
from dedup.verify import (LONG_SHINGLES, MEDIUM_SHINGLES, NAME_CORRECTED_SHARED, SHORT_SHINGLES, UPDATE_SHARED,
                          figures_same, figures_updated, identifiers_updated, name_corrected, names_agree,
                          names_swapped, numbers_agree, required_shared, shared_shingles, words_corrected)

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


def verify_candidates(pairs: np.ndarray, meta: Features, params: MatchParams,
                      shingles_of: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
                      ) -> tuple[np.ndarray, np.ndarray]:
    """(exact duplicate pairs, verified near-duplicate pairs) among candidate ``pairs``: distinct
    (i, j) rows, sorted, as :func:`dedup.lsh.unique_pairs` gives them.

    ``meta``: exact keys, sizes, words, numbers and names of the rows the pairs refer to;
    ``shingles_of(rows)``: the shingle hashes of the given sorted rows as (flat, offsets),
    asked only for the rows of pairs that pass the cheap checks. Every pair is judged on
    its own (no order, no clusters), so the work can be split any way.
    """
    pairs = pairs.astype(np.int64)
    i, j = pairs[:, 0], pairs[:, 1]
    exact, near, need = _screen(i, j, meta, params)
    i, j, need = i[near], j[near], need[near]
    rows = np.unique(np.concatenate([i, j]))
    flat, offsets = shingles_of(rows)
    a, b = np.searchsorted(rows, i), np.searchsorted(rows, j)
    verified = np.zeros(len(i), dtype=bool)
    for k, (x, y, bar) in enumerate(zip(a.tolist(), b.tolist(), need.tolist())):
        verified[k] = shared_shingles(flat[offsets[x] : offsets[x + 1]], flat[offsets[y] : offsets[y + 1]]) >= bar
    return pairs[exact], np.stack([i[verified], j[verified]], axis=1)


def merge(n: int, exact: np.ndarray, near: np.ndarray, labels: np.ndarray | None = None
          ) -> tuple[np.ndarray, dict[str, int]]:
    """Each row's cluster root (its smallest row) from verified pairs; merge counts.

    ``labels``: a released cluster number per row (-1: none). Components holding a
    labelled row are merged again one pair at a time in sorted order, exact pairs first,
    never joining two released clusters; all others are plain connected components.
    """
    everyone = np.arange(n, dtype=np.int64)
    by_exact = components(n, [exact])
    root = components(n, [exact, near])
    counts = {"exact_duplicates": int(np.count_nonzero(by_exact != everyone)),
              "near_duplicates": int(np.count_nonzero(root != everyone) - np.count_nonzero(by_exact != everyone))}
    if labels is None or not len(labels) or not (labels >= 0).any():
        return root, counts
    labelled = np.zeros(n, dtype=bool)
    labelled[np.unique(root[np.nonzero(labels >= 0)[0]])] = True
    touched = labelled[root] & (np.bincount(root, minlength=n)[root] > 1)
    if not touched.any():
        return root, counts
    rows = np.nonzero(touched)[0]
    counts["exact_duplicates"] -= int(np.count_nonzero(by_exact[rows] != rows))
    counts["near_duplicates"] -= int(np.count_nonzero(root[rows] != rows) - np.count_nonzero(by_exact[rows] != rows))
    uf = UnionFind(len(rows), [int(x) if x >= 0 else None for x in labels[rows].tolist()])
    for key, found in (("exact_duplicates", exact), ("near_duplicates", near)):
        mine = found[touched[found[:, 0]]] if len(found) else found
        local = np.searchsorted(rows, mine)
        counts[key] += _merge(uf, local[:, 0], local[:, 1]) if len(local) else 0
    root = root.copy()
    root[rows] = rows[[uf.find(k) for k in range(len(rows))]]
    return root, counts


def _screen(i: np.ndarray, j: np.ndarray, f: Features, params: MatchParams, step: int = 200_000):
    """Vectorized checks of pairs, in slices (a few bytes per pair at a time): (exact
    duplicates, near-duplicate candidates worth a shingle count, shingles they must share)."""
    exact = np.zeros(len(i), dtype=bool)
    near = np.zeros(len(i), dtype=bool)
    need = np.full(len(i), np.inf)
    for s in range(0, len(i), step):
        a, b = i[s : s + step], j[s : s + step]
        has_words = (f.words[a] > 0) & (f.words[b] > 0)
        exact[s : s + step] = has_words & (f.exact[a] == f.exact[b])
        need[s : s + step] = required_shared(f.sizes[a], f.sizes[b], params)
        # the figure and name checks (16 x 16 comparisons a pair) only where they decide
        maybe = np.flatnonzero(~exact[s : s + step] & has_words & np.isfinite(need[s : s + step]))
        a, b = a[maybe], b[maybe]
        smaller = np.minimum(f.sizes[a], f.sizes[b])
        short = smaller < SHORT_SHINGLES
        medium = ~short & (smaller < MEDIUM_SHINGLES)
        long = smaller >= LONG_SHINGLES
        agree = numbers_agree(f.numbers[a], f.numbers[b], short, smaller < MEDIUM_SHINGLES, long)
        # a medium article whose update changed a few figures, a long one whose update gave it a
        # new moment or deadline and a sentence: only if nearly all its text is shared
        check = np.flatnonzero(~agree & medium)
        updated = check[figures_updated(f.numbers[a[check]], f.numbers[b[check]])]
        check = np.flatnonzero(~agree & long)
        updated = np.concatenate([updated, check[identifiers_updated(f.numbers[a[check]], f.numbers[b[check]],
                                                                     f.sizes[a[check]], f.sizes[b[check]])]])
        agree[updated] = True
        _require_shared(need, s + maybe[updated], UPDATE_SHARED * smaller[updated])
        check = np.flatnonzero(agree & short)
        agree[check] = names_agree(f.names[a[check]], f.names[b[check]])
        # a short notice with a word or two corrected: held to the plain bar when the rest is equal
        check = check[agree[check]]
        rows = s + maybe[check]
        need[rows] = np.minimum(need[rows], words_corrected(f.sizes[a[check]], f.sizes[b[check]], params))
        check = np.flatnonzero(agree & ~short)
        swapped = names_swapped(f.names[a[check]], f.names[b[check]])
        agree[check] = ~swapped
        # an article corrected in a name: every figure the same, one word of a name changed, nearly
        # all its text shared (checked on the swapped pairs only: the few the rule can let through)
        check = check[swapped]
        corrected = check[figures_same(f.numbers[a[check]], f.numbers[b[check]])
                          & name_corrected(f.names[a[check]], f.names[b[check]])]
        agree[corrected] = True
        _require_shared(need, s + maybe[corrected], NAME_CORRECTED_SHARED * smaller[corrected])
        near[s + maybe] = agree
    return exact, near, need


def _require_shared(need: np.ndarray, rows: np.ndarray, shared: np.ndarray) -> None:
    """Raise the shingles the pairs ``rows`` must share to ``shared`` at least: a rule that lets
    a pair through only with nearly all its text in common (an update, a correction)."""
    need[rows] = np.maximum(need[rows], shared - 1e-9)


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
    offsets = f.offsets

    def shingles_of(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        parts = [f.shingles[offsets[r] : offsets[r + 1]] for r in rows.tolist()]
        sizes = np.array([len(x) for x in parts], dtype=np.int64)
        flat = np.concatenate(parts) if parts else np.empty(0, np.uint32)
        return flat, np.concatenate([[0], np.cumsum(sizes)])

    exact, near = verify_candidates(candidate_pairs(f, params), f, params, shingles_of)
    root, _ = merge(len(ids), exact, near)
    return {doc_id: ids[r] for doc_id, r in zip(ids, root.tolist())}
