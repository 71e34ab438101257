"""Per-document matching features of a batch of texts, as numpy arrays.

For each document: the exact key of its canonical body, its distinct word-shingle
hashes (the evidence pairs are verified on), a MinHash signature of the body and
one of its lead (the first ``LEAD_SHINGLES`` shingles: a truncated copy shares the
opening of the full article although their Jaccard is low), the number of body
words and the numbers and names it states (hashed). Nothing of the text is kept.

>>> f = compute_features(["Hà Nội công bố quy hoạch mới cho khu đô thị phía tây.", ""], MatchParams(num_perm=32))
>>> f.signatures.shape, f.sizes.tolist(), f.shingles_of(1).size
((2, 32), [11, 0], 0)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Iterable

import numpy as np

from dedup.canon import NUMBER_SLOTS, body_parts, exact_key, names_of, number_fingerprint, numbers_of, word_hashes
from dedup.minhash import MinHasher, band_keys, lsh_params, shingle_hashes

LEAD_SHINGLES = 48
LSH_MARGIN = 0.1
LEAD_PERM = 64
LEAD_THRESHOLD = 0.6
LEAD_BAND_SEED = 11
# A document is "short" below this many distinct shingles (about 100 words): pairs with a
# short side meet stricter bars and must agree on every figure and name (dedup/verify.py).
SHORT_SHINGLES = 100
# Below this many (about 200 words: a notice rather than an article) two documents that each
# state a figure the other lacks are two notices of one template, not a copy and its edit.
MEDIUM_SHINGLES = 200
# Names are compared for documents under this many (about 400 words); finding them is most of
# the time spent on features, and longer ones are articles rather than notices.
NAMES_BELOW = 2 * MEDIUM_SHINGLES


@dataclass(frozen=True)
class MatchParams:
    """What makes two documents near-duplicates (see dedup.verify for the rule)."""

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
        """The LSH shape, chosen for a Jaccard ``LSH_MARGIN`` below the threshold: a copy right
        at the threshold shares a band with 93% odds instead of 61% (every candidate is
        verified on its shingles, so a wider net costs time, never precision)."""
        return lsh_params(max(0.05, self.threshold - LSH_MARGIN), self.num_perm)

    @property
    def lead_bands_rows(self) -> tuple[int, int]:
        return lsh_params(LEAD_THRESHOLD, LEAD_PERM)


@dataclass
class Features:
    """Arrays aligned with the documents they were computed for."""

    exact: np.ndarray       # (n,) S16: key of the canonical body (b"" for a text without words)
    sizes: np.ndarray       # (n,) uint32: distinct shingles of the body
    words: np.ndarray       # (n,) uint32: words of the body (keeper policy: most complete text)
    numbers: np.ndarray     # (n, 17) uint32: count, then the smallest hashes of the body's numbers
    names: np.ndarray       # (n, 17) uint32: the same for the names it writes (short notices differ there)
    shingles: np.ndarray    # (sum of sizes,) uint32: each document's distinct shingle hashes, sorted
    signatures: np.ndarray  # (n, num_perm) uint32: MinHash of the body
    leads: np.ndarray       # (n, LEAD_PERM) uint32: MinHash of the lead

    def __len__(self) -> int:
        return len(self.exact)

    @property
    def offsets(self) -> np.ndarray:
        """(n + 1,) int64: the shingles of document i are ``shingles[offsets[i]:offsets[i+1]]``."""
        return np.concatenate([[0], np.cumsum(self.sizes, dtype=np.int64)])

    def shingles_of(self, i: int) -> np.ndarray:
        offsets = self.offsets
        return self.shingles[offsets[i] : offsets[i + 1]]

    def band_keys(self, params: MatchParams) -> tuple[np.ndarray, np.ndarray]:
        """LSH keys: (n, bands) of the body signature, (n, lead bands) of the lead signature."""
        (b, r), (lb, lr) = params.bands_rows, params.lead_bands_rows
        return band_keys(self.signatures, b, r), band_keys(self.leads, lb, lr, seed=LEAD_BAND_SEED)

    @classmethod
    def concat(cls, parts: list["Features"]) -> "Features":
        return cls(**{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)})


def compute_features(texts: Iterable[str | None], params: MatchParams) -> Features:
    """Features of a batch of texts (None counts as an empty text)."""
    k = params.shingle_size
    lines = [body_parts(text or "") for text in texts]
    bodies = ["\n".join(folded) for _, folded in lines]
    n = len(bodies)
    words, counts = word_hashes(bodies)
    starts = np.concatenate([[0], np.cumsum(counts)])
    ordered, first = _shingles(words, counts, starts, k)  # shingles in text order, flat
    exact, numbers, names, sets, leads = [], [], [], [], []
    for d in range(n):
        a, b = starts[d], starts[d + 1]
        exact.append(exact_key(words[a:b]))
        numbers.append(number_fingerprint(*numbers_of(bodies[d])))
        mine = ordered[first[d] : first[d + 1]]
        sets.append(np.unique(mine))
        # names decide between notices of one template; an article's copies are told by the rest
        names.append(number_fingerprint(names_of(lines[d][0]) if len(sets[d]) < NAMES_BELOW else []))
        leads.append(mine[:LEAD_SHINGLES])  # MinHash needs no distinct values
    sizes = np.array([len(x) for x in sets], dtype=np.uint32)
    offsets = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])
    flat = np.concatenate(sets) if n else np.empty(0, np.uint32)
    lead_offsets = np.concatenate([[0], np.cumsum([len(x) for x in leads], dtype=np.int64)])
    lead_flat = np.concatenate(leads) if n else np.empty(0, np.uint32)
    return Features(
        exact=np.array(exact, dtype="S16"),
        sizes=sizes,
        words=counts.astype(np.uint32),
        numbers=np.stack(numbers) if n else np.empty((0, NUMBER_SLOTS + 1), np.uint32),
        names=np.stack(names) if n else np.empty((0, NUMBER_SLOTS + 1), np.uint32),
        shingles=flat,
        signatures=MinHasher(params.num_perm, params.seed).signatures_flat(flat, offsets),
        leads=MinHasher(LEAD_PERM, params.seed + 1).signatures_flat(lead_flat, lead_offsets),
    )


def _shingles(words: np.ndarray, counts: np.ndarray, starts: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """High 32 bits of each document's k-word shingle hashes in text order, flat, and where
    each document's run begins. A document of fewer than k words has one shingle of all."""
    per_doc = np.where(counts >= k, counts - k + 1, np.minimum(counts, 1))
    first = np.concatenate([[0], np.cumsum(per_doc)])
    out = np.empty(first[-1], dtype=np.uint32)
    full = shingle_hashes(words, k, unique=False) if len(words) >= k else np.empty(0, np.uint64)
    # Windows starting in a document with >= k words lie inside it: take them in one go.
    big = np.nonzero(counts >= k)[0]
    if len(big):
        out[_ranges(first[big], per_doc[big])] = (full[_ranges(starts[big], per_doc[big])] >> np.uint64(32))
    for d in np.nonzero((counts > 0) & (counts < k))[0]:
        out[first[d]] = (shingle_hashes(words[starts[d] : starts[d + 1]], k, unique=False)[0] >> np.uint64(32))
    return out, first


def _ranges(begin: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Concatenated aranges [begin[i], begin[i] + length[i]).

    >>> _ranges(np.array([5, 10, 2]), np.array([3, 0, 2])).tolist()
    [5, 6, 7, 2, 3]
    """
    keep = length > 0
    begin, length = begin[keep].astype(np.int64), length[keep].astype(np.int64)
    total = int(length.sum())
    if not total:
        return np.empty(0, np.int64)
    steps = np.ones(total, dtype=np.int64)
    heads = np.concatenate([[0], np.cumsum(length)[:-1]])
    steps[heads[1:]] = begin[1:] - (begin[:-1] + length[:-1]) + 1
    steps[0] = begin[0]
    return np.cumsum(steps)
