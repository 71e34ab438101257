"""When a candidate pair is merged: exact evidence from both documents' shingles.

A candidate pair (two documents sharing an LSH band) is a near-duplicate when,
counting the distinct word 3-gram shingles they share exactly (not a MinHash
estimate):

- the numbers agree (:func:`numbers_agree`): copies of one article state the same
  figures and dates; same-template notices (exchange rates, schedules) differ mostly there;
- and either their Jaccard similarity reaches the threshold, or the smaller is
  contained in the larger (a truncated lead, a copy with an added paragraph) and
  still covers ``min_coverage`` of it.

Short documents need stronger evidence: one shared sentence is a large part of a
30-word notice, and two short items that reuse a sentence are different documents.
Below ``SHORT_SHINGLES`` shingles (about 100 words) the Jaccard, containment and
coverage bars rise with shortness (:func:`thresholds`) and every number must agree.

>>> a = np.arange(100, dtype=np.uint32); b = np.arange(10, 110, dtype=np.uint32)
>>> shared_shingles(a, b)
90
"""

from __future__ import annotations

import numpy as np

from dedup.features import MatchParams

# A document is "short" below this many distinct shingles (about 100 words).
SHORT_SHINGLES = 100
# Short documents: the bars move up to this share of their distance to 1.
SHORT_STRICTNESS = 0.5


def shared_shingles(a: np.ndarray, b: np.ndarray) -> int:
    """|a ∩ b| of two sorted arrays of distinct values."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return 0
    pos = np.searchsorted(b, a)
    pos[pos == len(b)] = 0
    return int(np.count_nonzero(b[pos] == a))


def thresholds(small: np.ndarray, params: MatchParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(Jaccard bar, containment bar, coverage bar) for pairs whose smaller document has
    ``small`` shingles.

    From ``SHORT_SHINGLES`` shingles down to none, the bars rise linearly by up to
    ``SHORT_STRICTNESS`` of their distance to 1: for a 30-word notice the threshold 0.7
    becomes 0.81, the containment 0.9 becomes 0.94 and the share of the longer copy it
    must cover 0.5 -> 0.68 (a copy may add a clause, not a sentence of its own).
    """
    shortness = np.clip(1 - np.asarray(small, dtype=float) / SHORT_SHINGLES, 0, 1) * SHORT_STRICTNESS
    return (params.threshold + (1 - params.threshold) * shortness,
            params.containment + (1 - params.containment) * shortness,
            params.min_coverage + (1 - params.min_coverage) * shortness)


def numbers_agree(a: np.ndarray, b: np.ndarray, short: np.ndarray) -> np.ndarray:
    """Do two documents state the same figures? ``a``, ``b``: number fingerprints.

    With 4+ distinct numbers on both sides, 80% of the smaller set must appear in the
    other (a copy may round or drop a figure). A ``short`` pair (its smaller document
    under ``SHORT_SHINGLES``) must agree on every number of the side stating fewer: two
    30-word notices that differ only in a count or a date are two notices.
    """
    na, nb, both = _popcount(a), _popcount(b), _popcount(a & b)
    small = np.minimum(na, nb)
    return np.where(short, both == small, (small < 4) | (both >= 0.8 * small))


_BITS = np.array([bin(v).count("1") for v in range(256)], dtype=np.uint8)


def _popcount(x: np.ndarray) -> np.ndarray:
    """Set bits of each row of a (m, 4) uint64 array (32 bytes per row, no wider temporaries)."""
    return _BITS[np.ascontiguousarray(x).view(np.uint8).reshape(len(x), -1)].sum(axis=1, dtype=np.int64)


def required_shared(size_a: np.ndarray, size_b: np.ndarray, params: MatchParams) -> np.ndarray:
    """Fewest shared shingles that make each pair a near-duplicate (inf: none can).

    Jaccard J = s / (a + b - s) >= bar  <=>  s >= bar (a + b) / (1 + bar); containment
    s / small >= bar_c, allowed when small >= the coverage bar x large.

    >>> required_shared(np.array([400, 30, 100, 100]), np.array([400, 30, 150, 500]), MatchParams()).round(1).tolist()
    [329.4, 26.8, 90.0, inf]
    """
    a, b = np.asarray(size_a, dtype=float), np.asarray(size_b, dtype=float)
    small, large = np.minimum(a, b), np.maximum(a, b)
    bar_j, bar_c, bar_cover = thresholds(small, params)
    need = np.minimum(bar_j * (a + b) / (1 + bar_j), np.where(small >= bar_cover * large, bar_c * small, np.inf))
    need[(small <= 0) | (need > small + 1e-9)] = np.inf
    return need - 1e-9  # shared >= need, robust to rounding
