"""LSH buckets: band records and the candidate pairs of one band.

A band record is (band key, row): two documents whose keys are equal in some band
of the body or lead signature are a candidate pair. As in datatrove's bucket stage,
each batch of documents writes one sorted run per band (``dedup.index.PartWriter``);
a band is then read on its own (all runs of that band, ``n_docs x 12`` bytes) and
turned into pairs, so no step holds every band of every document.

Inside a bucket (one band, one key, rows ascending) the pairs are a chain (each row
with the next) plus a star (the first row with every other): linear in the bucket
size, and a near-duplicate pair split by an unrelated document in the chain is still
compared through the star.

>>> keys = np.array([5, 5, 5, 9], dtype=np.uint64)
>>> bucket_pairs(keys, np.array([1, 4, 7, 2], dtype=np.uint32)).tolist()
[[1, 4], [1, 7], [4, 7]]
"""

from __future__ import annotations

import numpy as np

RECORD = np.dtype([("key", "<u8"), ("row", "<u4")])
PAIR = np.dtype("<u4")  # pairs are (m, 2) arrays of rows, i < j


def bucket_pairs(keys: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Candidate pairs (i < j, unique, sorted) of rows sharing a key: chain + star per bucket.

    ``keys``/``rows``: one band's records in any order.
    """
    order = np.lexsort((rows, keys))
    sk, so = keys[order], rows[order].astype(np.int64)
    same = sk[1:] == sk[:-1]
    if not same.any():
        return np.empty((0, 2), dtype=PAIR)
    starts = np.where(np.concatenate([[True], ~same]), np.arange(len(sk)), 0)
    first = so[np.maximum.accumulate(starts)]
    idx = np.nonzero(same)[0] + 1
    pairs = np.concatenate([np.stack([so[idx - 1], so[idx]], axis=1), np.stack([first[idx], so[idx]], axis=1)])
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return unique_pairs(pairs)


def unique_pairs(pairs: np.ndarray) -> np.ndarray:
    """Distinct (i, j) rows, sorted, as uint32."""
    if not len(pairs):
        return np.empty((0, 2), dtype=PAIR)
    codes = np.unique(pairs[:, 0].astype(np.uint64) << np.uint64(32) | pairs[:, 1].astype(np.uint64))
    return np.stack([codes >> np.uint64(32), codes & np.uint64(0xFFFFFFFF)], axis=1).astype(PAIR)
