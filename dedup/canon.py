"""Text canonicalized for matching: the article body only, one spelling per word.

Two pages carrying the same wire story differ in site chrome (menus, "Tin liên
quan" link lists, footers), photo captions, tone-mark style and Unicode form.
Matching uses only the body paragraphs, NFC, one tone-mark placement, lowercase
and no punctuation — tone marks are kept, because stripping them merges
different words (ma/má/mà/mả/mã/mạ).

>>> matching_tokens("Trang chủ | Tin tức\\n\\nUBND tỉnh Thanh Hoá vừa ban hành kế hoạch phòng, chống thiên tai năm 2026.")
['ubnd', 'tỉnh', 'thanh', 'hóa', 'vừa', 'ban', 'hành', 'kế', 'hoạch', 'phòng', 'chống', 'thiên', 'tai', 'năm', '2026']
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

import numpy as np
import xxhash

from normalize.lexicon import chrome_line

CANON_VERSION = "canon-1"


def _load_normalize_text() -> Callable[[str], str] | None:
    try:
        from normalize.text import normalize_text
    except Exception:
        return None
    return normalize_text


_NORMALIZE_TEXT = _load_normalize_text()

# --- tone placement (VI_NORMALIZE.md rule 6), used by the local fallback -----------
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?(.*)$", re.I)
_OPEN_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


def fix_tone_placement(word: str) -> str:
    """New-style tone on an open oa/oe/uy moves to the first vowel (hoà -> hòa).

    >>> [fix_tone_placement(w) for w in ("hoà", "thuỷ", "khoẻ", "hoàn", "Hoa")]
    ['hòa', 'thủy', 'khỏe', 'hoàn', 'Hoa']
    """
    match = _ONSET.match(word)
    onset, rest = match.group(1) or "", match.group(2)
    if len(rest) != 2:
        return word
    first, second = (unicodedata.normalize("NFD", ch) for ch in rest)
    base = (first[0].lower(), second[0].lower())
    tone = [m for m in second[1:] if m in _TONES]
    if base not in _OPEN_PAIRS or not tone or any(m in _TONES for m in first[1:]):
        return word
    second = second[0] + "".join(m for m in second[1:] if m not in _TONES)
    first = first + tone[0]
    return onset + unicodedata.normalize("NFC", first) + unicodedata.normalize("NFC", second)


# --- body paragraphs -----------------------------------------------------------------
# Site chrome that is not article text: menus with separators, lines opening with a
# related-box heading or a share tool, footer/licence/contact phrases, view counters,
# URLs (the phrases live in normalize/lexicon.py, shared with extraction and quality).
_CHROME = chrome_line()
_SENTENCE_END = re.compile(r"[.!?…;:\"”»)]\s*$")
_TEASER = re.compile(r"(\.\.\.|…)\s*$")
_DATED = re.compile(r"\(\d{1,2}/\d{1,2}(/\d{2,4})?\)\s*$")


def body_lines(text: str) -> list[str]:
    """Lines that read as article sentences (not headlines, captions, menus, footers).

    Falls back to every non-empty line when nothing qualifies, so a short or
    unusual text is still matched on what it has.

    >>> body_lines("Tin liên quan\\nGiá vàng tăng mạnh\\nGiá vàng trong nước sáng nay tăng thêm 300.000 đồng mỗi lượng.")
    ['Giá vàng trong nước sáng nay tăng thêm 300.000 đồng mỗi lượng.']
    """
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    kept = []
    for line in lines:
        if _CHROME.search(line):
            continue
        n_words = line.count(" ") + 1
        # A body sentence ends like one; a long line without an end is still prose.
        if (n_words >= 6 and _SENTENCE_END.search(line)) or n_words >= 25:
            if (_TEASER.search(line) and n_words < 25) or (line.startswith(("- ", "• ")) and _DATED.search(line)):
                continue  # truncated teaser headline / dated link-list item
            kept.append(line)
    return kept or lines


_TOKEN = re.compile(r"[^\W_]+")


_WORD_CACHE: dict[str, str] = {}


def _canon_word(word: str) -> str:
    canon = _WORD_CACHE.get(word)
    if canon is None:
        canon = fix_tone_placement(word) if len(word) <= 7 else word
        if len(_WORD_CACHE) < 2_000_000:
            _WORD_CACHE[word] = canon
    return canon


def matching_tokens(text: str) -> list[str]:
    """Canonical words of the body of ``text`` (see module docstring)."""
    return matching_body(text)[0]


_NUMBER = re.compile(r"\d+(?:[.,/:]\d+)*")


def matching_body(text: str) -> tuple[list[str], list[str]]:
    """(canonical body words, numbers written in the body such as '25.223' or '13/2023').

    >>> matching_body("Tỷ giá trung tâm hôm nay ở mức 25.223 đồng/USD, giảm 12 đồng.")[1]
    ['25.223', '12']
    """
    body = "\n".join(body_lines(unicodedata.normalize("NFC", text)))
    numbers = _NUMBER.findall(body)
    if _NORMALIZE_TEXT is not None:
        # = normalize.text.matching_text without its punctuation-to-space pass: _TOKEN
        # splits on that same character class, so the tokens are identical (2.5x faster).
        body = _NORMALIZE_TEXT(body)
    return [_canon_word(w) for w in _TOKEN.findall(body.lower())], numbers


def number_fingerprint(numbers: list[str]) -> np.ndarray:
    """256-bit set fingerprint (4 x uint64) of the distinct numbers of a text."""
    bits = np.zeros(4, dtype=np.uint64)
    for num in set(numbers):
        h = xxhash.xxh3_64_intdigest(num.encode()) & 255
        bits[h >> 6] |= np.uint64(1) << np.uint64(h & 63)
    return bits


_HASH_CACHE: dict[str, int] = {}


def token_hashes(tokens: list[str]) -> np.ndarray:
    """64-bit hash of each token (cached: news text has a few tens of thousands of words)."""
    cache = _HASH_CACHE
    hashes = [cache.get(tok) for tok in tokens]
    for i, h in enumerate(hashes):
        if h is None:
            tok = tokens[i]
            h = hashes[i] = xxhash.xxh3_64_intdigest(tok.encode("utf-8"))
            if len(cache) < 2_000_000:
                cache[tok] = h
    return np.array(hashes, dtype=np.uint64)


def exact_key(text: str) -> str:
    """Hash of the normalized whole text (NFC + normalize_text): equal keys are exact duplicates.

    Copies differing only in tone style or punctuation are left to the near-duplicate step.
    """
    text = unicodedata.normalize("NFC", text)
    if _NORMALIZE_TEXT is not None:
        text = _NORMALIZE_TEXT(text)
    return xxhash.xxh3_128_hexdigest(text.encode("utf-8"))
