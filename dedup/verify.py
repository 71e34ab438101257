"""When a candidate pair is merged: exact evidence from both documents' shingles.

A candidate pair (two documents sharing an LSH band) is a near-duplicate when,
counting the distinct word 3-gram shingles they share exactly (not a MinHash
estimate):

- the numbers agree (:func:`numbers_agree`): copies of one article state the same
  figures and dates; same-template notices (exchange rates, schedules) differ mostly there;
- and the names agree: a short pair writes the same names (:func:`names_agree`: a power-cut
  notice for one province is not the same notice for another), a longer one does not swap
  one (:func:`names_swapped`);
- and either their Jaccard similarity reaches the threshold, or the smaller is
  contained in the larger (a truncated lead, a copy with an added paragraph) and
  still covers ``min_coverage`` of it.

Short documents need stronger evidence: one shared sentence is a large part of a
30-word notice, and two short items that reuse a sentence are different documents.
Below ``SHORT_SHINGLES`` shingles (about 100 words) the Jaccard, containment and
coverage bars rise with shortness (:func:`thresholds`) and every number must agree; a
short copy that corrects a word or two, every figure and name the same, meets the plain bars
(:func:`words_corrected`).

>>> a = np.arange(100, dtype=np.uint32); b = np.arange(10, 110, dtype=np.uint32)
>>> shared_shingles(a, b)
90
"""

from __future__ import annotations

import numpy as np

from dedup.canon import IDENTIFIER_TOP, NUMBER_PAD
from dedup.features import MEDIUM_SHINGLES, SHORT_SHINGLES, MatchParams
# Changed whenever a pair can be judged differently: a resumed dedup redoes its pairs.
MATCH_RULE = "rule-10"
# Short documents: the bars move up to this share of their distance to 1.
SHORT_STRICTNESS = 0.5
# Long pairs (the smaller of LONG_SHINGLES or more, about 200 words: an article, not a notice of
# a template): this share of the figures of the side stating fewer must appear in the other.
LONG_SHINGLES = 200
LONG_FIGURE_SHARE = 0.5
# A medium pair that swaps figures is still one article updated or corrected when this share
# of the figures of the side stating fewer appears in the other and the two share this share
# of the smaller one's shingles: the rest of the text is the same word for word.
UPDATE_FIGURE_SHARE = 0.6
UPDATE_SHARED = 0.92
# A long article updated with a new moment or deadline ("tính đến 17 giờ ngày 18/9") swaps an
# identifier, as two notices of one template do; it also grows by a sentence or more (this many
# shingles), which a notice of the template does not.
UPDATE_ADDED = 10
# A longer pair that writes one name another way (a misspelt official, the wrong province in a
# list) is one article corrected when every figure agrees and this share of the smaller one's
# shingles is shared; two notices of one template also change figures, dates or more text.
NAME_CORRECTED_SHARED = 0.95
# ... and when each writes at most this many name items the other lacks: one word of a name and
# the pair it makes with the word before ("Quảng Ngãi" / "Quảng Trị", "Thị Loan" / "Thị Lan"). A
# notice of one template for another commune swaps a whole name ("Tam Nông" / "Thanh Ba": three).
NAME_CORRECTED_LONE = 2
# A short notice republished with a few words corrected ("tần xuất" -> "tần suất", "Gía" ->
# "Giá"), dropped ("đã") or added ("tại đô thị") loses the shingles of those words only: each side
# lacks at most this many words' shingles of the other. With every figure and name the same
# (checked before), it is held to the Jaccard threshold of longer documents, not the raised bar
# of short ones.
CORRECTED_WORDS = 3


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


class _Compared:
    """Two batches of fingerprints (:func:`dedup.canon.number_fingerprint`) set side by side.

    The values compared are those below the smaller of the two sides' largest kept hash (all
    of them when both state at most 16: a bottom-k comparison otherwise).
    """

    def __init__(self, a: np.ndarray, b: np.ndarray):
        a, b = np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)
        self.ha, self.hb = a[:, 1:], b[:, 1:]
        slots = self.ha.shape[1]
        full_a, full_b = a[:, 0].astype(np.int64) > slots, b[:, 0].astype(np.int64) > slots
        # Compare only below the smaller "largest kept hash" of a side that had to drop some.
        top = np.full(len(a), NUMBER_PAD, dtype=np.uint32)
        top = np.where(full_a, np.minimum(top, self.ha[:, -1]), top)
        top = np.where(full_b, np.minimum(top, self.hb[:, -1]), top)
        self.keep_a = (self.ha != NUMBER_PAD) & (self.ha <= top[:, None])
        self.keep_b = (self.hb != NUMBER_PAD) & (self.hb <= top[:, None])
        # Hashes are distinct within a side: an equal pair of kept slots is one shared value.
        same = (self.ha[:, :, None] == self.hb[:, None, :]) & self.keep_a[:, :, None] & self.keep_b[:, None, :]
        self.both = same.sum(axis=(1, 2))
        self.lone_a, self.lone_b = self.keep_a & ~same.any(axis=2), self.keep_b & ~same.any(axis=1)
        self.small = np.minimum(self.keep_a.sum(axis=1), self.keep_b.sum(axis=1))
        self.exact = ~full_a & ~full_b

    def swapped(self, below: int = NUMBER_PAD) -> np.ndarray:
        """Does each side state a value (hashed below ``below``) that the other does not?"""
        return ((self.lone_a & (self.ha < below)).any(axis=1)) & ((self.lone_b & (self.hb < below)).any(axis=1))


def numbers_agree(a: np.ndarray, b: np.ndarray, short: np.ndarray, medium: np.ndarray | None = None,
                  long: np.ndarray | None = None) -> np.ndarray:
    """Do two documents state the same figures? ``a``, ``b``: (m, 17) number fingerprints
    (:func:`dedup.canon.number_fingerprint`: count, then the smallest hashes).

    With 4+ figures on both sides, 80% of the side stating fewer must appear in the other (a
    copy may round or drop a figure), half in a ``long`` pair (its smaller document of
    ``LONG_SHINGLES`` or more: an article updated with new figures, or re-led with its own,
    is still told by its prose; notices of one template are shorter, or swap an identifier);
    with fewer, or in a ``medium`` pair (its smaller
    document under ``MEDIUM_SHINGLES``), neither side may state a figure the other lacks while
    lacking one of the other's (a copy drops or adds a figure; two notices of one template
    swap one). A ``short`` pair (its smaller document under ``SHORT_SHINGLES``) must
    agree on every figure of the side stating fewer: two 30-word notices that differ only in
    a count or a date are two notices. At any length, two sides that each state an identifier
    (a full date, a document number) the other lacks are two notices of one template (but see
    :func:`identifiers_updated`).

    >>> from dedup.canon import number_fingerprint as fp
    >>> a, b = np.stack([fp(["9", "14", "3/2"])]), np.stack([fp(["9", "14", "3/1"])])
    >>> numbers_agree(a, b, np.array([True])).tolist(), numbers_agree(a, a, np.array([True])).tolist()
    ([False], [True])
    >>> c, d = np.stack([fp(["123", "7"], {"123"})]), np.stack([fp(["124", "7"], {"124"})])
    >>> numbers_agree(c, d, np.array([False])).tolist(), numbers_agree(c, np.stack([fp(["7"])]), np.array([False])).tolist()
    ([False], [True])
    """
    pair = _Compared(a, b)
    few = pair.small < 4
    strict = few if medium is None else few | medium
    share = np.where(long, LONG_FIGURE_SHARE, 0.8) if long is not None else 0.8
    agree = np.where(short, pair.both == pair.small, few | (pair.both >= share * pair.small))
    return agree & ~(strict & pair.exact & pair.swapped()) & ~pair.swapped(below=IDENTIFIER_TOP)


def figures_updated(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Could two documents be one text whose figures were updated or corrected? Each states a
    figure the other lacks, neither swaps an identifier (a full date, a document number, a
    moment), and ``UPDATE_FIGURE_SHARE`` of the figures of the side stating fewer are in the
    other. Only with nearly all their text shared (``UPDATE_SHARED``, :func:`dedup.cluster._screen`)
    does it make a medium pair a near-duplicate, which :func:`numbers_agree` refuses: two notices
    of one template also swap figures, but with their dates, names or most figures.

    >>> from dedup.canon import number_fingerprint as fp
    >>> a = np.stack([fp(["12", "9.000", "26", "45", "2025"])])
    >>> b, c = np.stack([fp(["14", "8.000", "26", "45", "2025"])]), np.stack([fp(["14", "8.000", "27", "46", "2025"])])
    >>> figures_updated(a, b).tolist(), figures_updated(a, c).tolist()
    ([True], [False])
    """
    pair = _Compared(a, b)
    return (pair.exact & pair.swapped() & ~pair.swapped(below=IDENTIFIER_TOP)
            & (pair.both >= UPDATE_FIGURE_SHARE * pair.small))


def identifiers_updated(a: np.ndarray, b: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Could two long documents be one article updated with a new moment, date or deadline?
    Each states an identifier the other lacks (which :func:`numbers_agree` refuses), their other
    figures agree as a long pair's must (``LONG_FIGURE_SHARE``), and one is ``UPDATE_ADDED``
    shingles longer: the update added a sentence. Only with nearly all the smaller one's text
    shared (``UPDATE_SHARED``, :func:`dedup.cluster._screen`) does it make them near-duplicates;
    two notices of one template that differ in their number or day are the same length.

    >>> from dedup.canon import number_fingerprint as fp
    >>> a = np.stack([fp(["14:00@18/9", "18/9", "3", "1400", "2026"], {"14:00@18/9"})])
    >>> b = np.stack([fp(["17:00@18/9", "18/9", "5", "1400", "2026"], {"17:00@18/9"})])
    >>> identifiers_updated(a, b, np.array([539]), np.array([569])).tolist()
    [True]
    >>> identifiers_updated(a, b, np.array([539]), np.array([541])).tolist()
    [False]
    """
    pair = _Compared(a, b)
    grown = np.abs(np.asarray(size_a, dtype=np.int64) - np.asarray(size_b, dtype=np.int64)) >= UPDATE_ADDED
    return pair.swapped(below=IDENTIFIER_TOP) & (pair.both >= LONG_FIGURE_SHARE * pair.small) & grown


def figures_same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Does every figure of the side stating fewer appear in the other? With a name swapped
    (:func:`names_swapped`), the mark of an article corrected in a name, when nearly all its text
    is shared (``NAME_CORRECTED_SHARED``, :func:`dedup.cluster._screen`).

    >>> from dedup.canon import number_fingerprint as fp
    >>> a = np.stack([fp(["12", "9.000", "26/10/2026"], {"26/10/2026"})])
    >>> figures_same(a, a).tolist(), figures_same(a, np.stack([fp(["12", "9.500", "26/10/2026"])])).tolist()
    ([True], [False])
    """
    pair = _Compared(a, b)
    return pair.both == pair.small


def name_corrected(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Does each of two documents write a name the other does not, by one word of it at most
    (``NAME_CORRECTED_LONE`` name items each)? With every figure the same (:func:`figures_same`)
    and nearly all the text shared, an article corrected in a name.

    >>> from dedup.canon import number_fingerprint as fp
    >>> a = np.stack([fp(["quảng", "ngãi", "quảng ngãi", "sơn", "tịnh", "sơn tịnh"])])
    >>> b = np.stack([fp(["quảng", "trị", "quảng trị", "sơn", "tịnh", "sơn tịnh"])])
    >>> c = np.stack([fp(["tam", "nông", "tam nông"])]), np.stack([fp(["thanh", "ba", "thanh ba"])])
    >>> name_corrected(a, b).tolist(), name_corrected(*c).tolist()
    ([True], [False])
    """
    pair = _Compared(a, b)
    return (pair.swapped() & (pair.lone_a.sum(axis=1) <= NAME_CORRECTED_LONE)
            & (pair.lone_b.sum(axis=1) <= NAME_CORRECTED_LONE))


def names_agree(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Do two short documents write the same names? Every name of the side writing fewer
    must appear in the other (a copy may drop a clause, not swap a province or a ward).

    >>> from dedup.canon import number_fingerprint as fp
    >>> a, b = np.stack([fp(["vĩnh", "long", "ninh", "kiều"])]), np.stack([fp(["cà", "mau", "ninh", "kiều"])])
    >>> names_agree(a, b).tolist(), names_agree(a, a).tolist()
    ([False], [True])
    """
    return numbers_agree(a, b, np.ones(len(a), dtype=bool))


def names_swapped(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Does each of two documents write a name the other does not? Checked for longer pairs,
    where a copy may drop a paragraph and its names, or add a line with a new one, but two
    notices of one template differ by a province, a ward or a street in the same places.

    >>> from dedup.canon import number_fingerprint as fp
    >>> a, b = np.stack([fp(["đắk", "nông", "gia", "nghĩa"])]), np.stack([fp(["đắk", "lắk", "gia", "nghĩa"])])
    >>> names_swapped(a, b).tolist(), names_swapped(a, np.stack([fp(["đắk", "nông"])])).tolist()
    ([True], [False])
    """
    return _Compared(a, b).swapped()


def words_corrected(size_a: np.ndarray, size_b: np.ndarray, params: MatchParams) -> np.ndarray:
    """Fewest shared shingles that make a short pair with every figure and name the same a
    near-duplicate when it differs by ``CORRECTED_WORDS`` words at most: each side lacks at
    most that many words' shingles of the other, and the pair meets the plain Jaccard threshold.

    >>> words_corrected(np.array([38, 38, 20]), np.array([38, 40, 20]), MatchParams()).round(1).tolist()
    [31.3, 32.1, 16.5]
    """
    a, b = np.asarray(size_a, dtype=float), np.asarray(size_b, dtype=float)
    lacking = CORRECTED_WORDS * params.shingle_size
    plain = params.threshold * (a + b) / (1 + params.threshold)
    return np.maximum(np.maximum(a, b) - lacking, plain) - 1e-9


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
