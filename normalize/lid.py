"""Is this Vietnamese? A score from Vietnamese syllable grammar and diacritics.

Two signals, both cheap and offline:

* the share of word tokens that are valid Vietnamese syllables: onset + rhyme
  (with vowel qualities â ê ô ơ ư ă) + a tone allowed with that rhyme (a rhyme
  closed by c/ch/p/t takes only sắc or nặng);
* the share of tokens carrying a Vietnamese diacritic. English text has almost
  none; diacritic-stripped Vietnamese ("Chinh phu ban hanh nghi dinh") has none
  and fails the grammar on most closed syllables.

``language_score = valid_share * min(1, diacritic_share / DIACRITIC_FULL)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# Well-formed Vietnamese has diacritics on ~70-85% of syllables; 40% already
# means "clearly written with diacritics" (mixed text and names pull it down).
DIACRITIC_FULL = 0.4

TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}

ONSETS = (
    "ngh", "ng", "gh", "gi", "kh", "ph", "th", "tr", "ch", "nh", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)

_OPEN = """a e ê i o ô ơ u ư y ai ao au âu ay ây eo êu ia iu oa oe oi ôi ơi ua ưa ui ưi uy ưu
uê uơ iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu uâu"""
_CLOSED_NUCLEI = """a ă â e ê i o ô ơ u ư iê yê uô ươ oa oă oe uâ uy uyê uê oo"""
_CODAS = ("c", "ch", "m", "n", "ng", "nh", "p", "t")
# Nucleus + coda pairs that Vietnamese does not have (keeps the grammar honest).
_FORBIDDEN = re.compile(r"^(?:[ăâ](?:ch|nh)|[ơư](?:ch|nh)|ê(?:c|ng)|e(?:ch|nh)|[oôu](?:ch|nh)|"
                        r"i(?:c|ng)|iê(?:ch|nh)|yê(?:c|ch|nh|ng|p)|uô(?:ch|nh|p)|ươ(?:ch|nh)|"
                        r"oă(?:ch|nh|p)|uâ(?:c|ch|nh|m|p)|uyê(?:c|ch|m|ng|nh|p)|oo(?:ch|nh|m|n|p|t))$")
STOP_CODAS = ("c", "ch", "p", "t")


def _build_rhymes() -> frozenset[str]:
    rhymes = set(_OPEN.split())
    for nucleus in _CLOSED_NUCLEI.split():
        for coda in _CODAS:
            rhyme = nucleus + coda
            if not _FORBIDDEN.match(rhyme):
                rhymes.add(rhyme)
    rhymes.update({"ach", "anh", "êch", "ênh", "ich", "inh", "oach", "oanh", "uych", "uynh", "uêch", "uênh"})
    return frozenset(rhymes)


RHYMES = _build_rhymes()
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def _split_tone(token: str) -> tuple[str, str | None]:
    """'nước' -> ('nươc', 'sac'): the toneless syllable and its tone mark."""
    tone = None
    kept = []
    for char in unicodedata.normalize("NFD", token):
        if char in TONE_MARKS:
            if tone is not None:
                return token, "double"
            tone = TONE_MARKS[char]
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)), tone


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(token: str) -> bool:
    """True when ``token`` is a well-formed Vietnamese syllable (case-insensitive).

    >>> [is_vietnamese_syllable(w) for w in ("nghị", "định", "Chính", "phủ", "government", "nuoc")]
    [True, True, True, True, False, False]
    """
    base, tone = _split_tone(token.lower())
    if tone == "double" or not base:
        return False
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset):]
        if onset == "gi" and rhyme == "":
            rhyme = "i"  # "gì": the i is the nucleus
        if onset == "qu" and rhyme[:1] in ("u", "o", ""):
            continue
        if rhyme not in RHYMES and not (onset == "qu" and "u" + rhyme in RHYMES):
            continue
        if rhyme.endswith(STOP_CODAS) and tone not in ("sac", "nang"):
            continue
        if onset in ("k", "gh", "ngh") and rhyme[:1] not in ("i", "e", "ê", "y"):
            continue
        return True
    return False


def has_vietnamese_diacritic(token: str) -> bool:
    """True when ``token`` carries a tone mark or one of ă â đ ê ô ơ ư."""
    if any(char in _VI_LETTERS for char in token):
        return True
    return any(char in TONE_MARKS for char in unicodedata.normalize("NFD", token))


# Whitespace chunk ("định,", "13/2023/NĐ-CP") -> (counted, valid, marked) over its
# letter runs. Whitespace is never part of a letter run, so summing over chunks is
# _WORD.findall(text); Vietnamese has a few thousand distinct syllables, so after the
# first pages almost every chunk is a dict hit.
_CHUNKS: dict[str, tuple[int, int, int]] = {}
_CHUNKS_MAX = 200_000  # bound the memory on odd input (random strings, many languages)


def _chunk_counts(chunk: str) -> tuple[int, int, int]:
    counted = valid = marked = 0
    for token in _WORD.findall(chunk):
        # Acronyms (NĐ, CP, UBND, WTO) say nothing about the language around them.
        if len(token) > 1 and token.isupper():
            continue
        counted += 1
        valid += is_vietnamese_syllable(token)
        marked += has_vietnamese_diacritic(token)
    if len(_CHUNKS) >= _CHUNKS_MAX:
        _CHUNKS.clear()
    _CHUNKS[chunk] = counts = (counted, valid, marked)
    return counts


def reads_vietnamese(text: str) -> bool:
    """Does a short text (a heading, a line) read as Vietnamese: a language score of one half or
    more? A translated headline, an unaccented placeholder does not.

    >>> reads_vietnamese("Khu công nghiệp Đình Vũ đón thêm ba dự án")
    True
    >>> reads_vietnamese("Dinh Vu industrial park welcomes three projects")
    False
    """
    return language_score(text) >= 0.5


def language_score(text: str, tokens: list[str] | None = None) -> float:
    """Confidence in [0, 1] that ``text`` is Vietnamese written with diacritics.

    >>> language_score("Thủ tướng Chính phủ ban hành quyết định về phát triển kinh tế") > 0.9
    True
    >>> language_score("The Prime Minister issued a decision on economic development") < 0.1
    True
    >>> language_score("Thu tuong Chinh phu ban hanh quyet dinh ve phat trien kinh te") < 0.1
    True

    ``tokens``: ``text.split()`` when the caller has it already.
    """
    counted = valid = marked = 0
    cache = _CHUNKS
    for chunk, n in Counter(text.split() if tokens is None else tokens).items():
        counts = cache.get(chunk) or _chunk_counts(chunk)
        if counts[0]:
            counted += n * counts[0]
            valid += n * counts[1]
            marked += n * counts[2]
    if not counted:
        return 0.0
    valid_share = valid / counted
    diacritic_share = marked / counted
    return round(valid_share * min(1.0, diacritic_share / DIACRITIC_FULL), 4)
