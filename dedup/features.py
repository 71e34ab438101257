"""Per-document matching features: exact key, MinHash of the body, MinHash of its lead.

The lead signature (first ``LEAD_SHINGLES`` shingles of the body) finds truncated
copies ("lead-only" republications): their Jaccard with the full article is low,
but their opening is the same.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from dedup.canon import exact_key, matching_body, number_fingerprint, token_hashes
from dedup.minhash import MinHasher, shingle_hashes

LEAD_SHINGLES = 48
LEAD_PERM = 64
BATCH = 2000


@dataclass
class Features:
    """Arrays aligned with the documents they were computed for."""

    exact: list[str]          # exact-duplicate key ("" for a text with no words)
    signatures: np.ndarray    # (n, num_perm) uint32
    leads: np.ndarray         # (n, LEAD_PERM) uint32
    sizes: np.ndarray         # (n,) int64: distinct shingles in the body
    body_words: np.ndarray    # (n,) int64: words in the body (for the keeper policy)
    numbers: np.ndarray       # (n, 4) uint64: fingerprint of the numbers in the body

    @classmethod
    def empty(cls, num_perm: int) -> "Features":
        return cls([], np.empty((0, num_perm), np.uint32), np.empty((0, LEAD_PERM), np.uint32),
                   np.empty(0, np.int64), np.empty(0, np.int64), np.empty((0, 4), np.uint64))

    @classmethod
    def concat(cls, parts: list["Features"], num_perm: int) -> "Features":
        parts = [p for p in parts if len(p.exact)] or [cls.empty(num_perm)]
        return cls(
            [k for p in parts for k in p.exact],
            np.concatenate([p.signatures for p in parts]),
            np.concatenate([p.leads for p in parts]),
            np.concatenate([p.sizes for p in parts]),
            np.concatenate([p.body_words for p in parts]),
            np.concatenate([p.numbers for p in parts]),
        )


def _batch_features(args: tuple[list[str], int, int, int]) -> Features:
    texts, num_perm, shingle_size, seed = args
    hasher = MinHasher(num_perm, seed)
    lead_hasher = MinHasher(LEAD_PERM, seed + 1)
    full_sets, lead_sets, exact, words, numbers = [], [], [], [], []
    for text in texts:
        tokens, nums = matching_body(text or "")
        numbers.append(number_fingerprint(nums))
        words.append(len(tokens))
        exact.append(exact_key(text) if tokens else "")
        ordered = _ordered_shingles(token_hashes(tokens), shingle_size)
        full_sets.append(np.unique(ordered))
        lead_sets.append(np.unique(ordered[:LEAD_SHINGLES]))
    return Features(
        exact,
        hasher.signatures(full_sets),
        lead_hasher.signatures(lead_sets),
        np.array([len(s) for s in full_sets], dtype=np.int64),
        np.array(words, dtype=np.int64),
        np.array(numbers, dtype=np.uint64).reshape(-1, 4),
    )


def _ordered_shingles(word_hashes: np.ndarray, k: int) -> np.ndarray:
    return shingle_hashes(word_hashes, k, unique=False)


def compute_features(texts: Iterable[str], num_perm: int, shingle_size: int, seed: int = 1,
                     workers: int = 1, on_batch=None) -> Features:
    """Features of ``texts`` in batches, optionally in worker processes.

    ``texts`` is consumed lazily (at most ``2 * workers`` batches in flight), so a
    caller can stream texts without holding them all in memory.

    >>> f = compute_features(["Hà Nội công bố quy hoạch mới.", ""], 32, 3)
    >>> f.signatures.shape, int(f.sizes[1])
    ((2, 32), 0)
    """
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    jobs = ((batch, num_perm, shingle_size, seed) for batch in _batches(texts, BATCH))
    parts = []

    def done(job, part):
        parts.append(part)
        if on_batch:
            on_batch(len(job[0]))

    if workers == 1:
        for job in jobs:
            done(job, _batch_features(job))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pending: deque = deque()
            for job in jobs:
                pending.append((job, pool.submit(_batch_features, job)))
                if len(pending) >= 2 * workers:
                    first, future = pending.popleft()
                    done(first, future.result())
            while pending:
                first, future = pending.popleft()
                done(first, future.result())
    return Features.concat(parts, num_perm)


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
