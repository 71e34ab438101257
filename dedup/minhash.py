"""Vectorized MinHash signatures and LSH band keys (numpy, uint64 arithmetic).

Each shingle (k consecutive canonical words) is one 64-bit hash x; permutation i
is ``a_i * x' + b_i mod 2**32`` on its high 32 bits x' (a_i odd: a bijection of
uint32). The inputs are already xxh3 hashes, so this cheap family gives unbiased
Jaccard estimates (checked in bench: bias < 0.003, sd at the 1/sqrt(num_perm) level)
at a third of the cost of 64-bit arithmetic. A whole batch of documents is one (shingles x num_perm) matrix and a
``minimum.reduceat`` per document — no Python loop per shingle.

>>> sig = MinHasher(num_perm=16).signatures([np.arange(5, dtype=np.uint64)])
>>> sig.shape, sig.dtype.name
((1, 16), 'uint32')
"""

from __future__ import annotations

import numpy as np
from datasketch.lsh import _optimal_param

EMPTY = np.uint32(0xFFFFFFFF)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
# Temporary matrix size per chunk (shingles x num_perm x 4 bytes ≈ 8 MiB, cache friendly).
CHUNK_CELLS = 2_000_000


def shingle_hashes(word_hashes: np.ndarray, k: int, unique: bool = True) -> np.ndarray:
    """Hashes of the k-word shingles, distinct and sorted unless ``unique=False``
    (then in text order). Fewer than k words: one shingle of all.

    >>> len(shingle_hashes(np.arange(10, dtype=np.uint64), 3))
    8
    """
    n = len(word_hashes)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    k = min(k, n)
    with np.errstate(over="ignore"):
        h = word_hashes[: n - k + 1].copy()
        for j in range(1, k):
            h = h * _MIX + word_hashes[j : n - k + 1 + j]
        h ^= h >> np.uint64(31)
        h *= _MIX2
        h ^= h >> np.uint64(29)
    return np.unique(h) if unique else h


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimizing the weighted false positive/negative integrals.

    False negatives weigh more (0.7) because every candidate is verified.

    >>> lsh_params(0.7, 128)
    (16, 8)
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    return _optimal_param(threshold, num_perm, 0.3, 0.7)


class MinHasher:
    """Permutations fixed by ``seed``: signatures from two runs are comparable."""

    def __init__(self, num_perm: int = 128, seed: int = 1):
        if not 16 <= num_perm <= 1024:
            raise ValueError(f"num_perm must be in [16, 1024], got {num_perm}")
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.seed = seed
        self.a = rng.integers(0, 2**32, size=num_perm, dtype=np.uint32) | np.uint32(1)
        self.b = rng.integers(0, 2**32, size=num_perm, dtype=np.uint32)

    def signatures(self, shingle_sets: list[np.ndarray]) -> np.ndarray:
        """(len(shingle_sets), num_perm) uint32; an empty set gives all 0xFFFFFFFF."""
        out = np.full((len(shingle_sets), self.num_perm), EMPTY, dtype=np.uint32)
        max_rows = max(1, CHUNK_CELLS // self.num_perm)
        start = 0
        while start < len(shingle_sets):
            # Group whole documents until the chunk is full.
            stop, rows = start, 0
            while stop < len(shingle_sets) and (rows == 0 or rows + len(shingle_sets[stop]) <= max_rows):
                rows += len(shingle_sets[stop])
                stop += 1
            self._fill(shingle_sets, start, stop, out)
            start = stop
        return out

    def _fill(self, sets: list[np.ndarray], start: int, stop: int, out: np.ndarray) -> None:
        lengths = np.array([len(s) for s in sets[start:stop]])
        nonempty = np.nonzero(lengths)[0]
        if not len(nonempty):
            return
        x = (np.concatenate([sets[start + i] for i in nonempty]) >> np.uint64(32)).astype(np.uint32)
        values = np.multiply(x[:, None], self.a[None, :])  # uint32, wraps mod 2**32
        values += self.b[None, :]
        offsets = np.concatenate([[0], np.cumsum(lengths[nonempty])[:-1]])
        out[start + nonempty] = np.minimum.reduceat(values, offsets, axis=0)


def band_keys(signatures: np.ndarray, bands: int, rows: int, seed: int = 7) -> np.ndarray:
    """(n, bands) uint64: one key per band; equal keys = candidate pair.

    >>> band_keys(np.zeros((2, 16), dtype=np.uint32), 4, 4).shape
    (2, 4)
    """
    n, num_perm = signatures.shape
    if bands * rows > num_perm:
        raise ValueError(f"bands*rows = {bands * rows} exceeds num_perm = {num_perm}")
    rng = np.random.default_rng(seed)
    mult = rng.integers(1, 2**63, size=(rows,), dtype=np.uint64) | np.uint64(1)
    view = signatures[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    with np.errstate(over="ignore"):
        keys = (view * mult[None, None, :]).sum(axis=2, dtype=np.uint64)
        keys ^= np.arange(bands, dtype=np.uint64)[None, :] * _MIX
        keys ^= keys >> np.uint64(33)
    return keys
