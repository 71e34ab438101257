"""Is a token a well-formed Vietnamese syllable? Used as evidence for legacy decoding.

The check is structural (onset + rhyme, at most one tone mark), not a dictionary: it
is there to tell `Coäng` / `Céng` (legacy bytes seen through windows-1252) from `Cộng`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["is_vietnamese_syllable", "is_syllable_cached", "strip_tone"]

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
# Rhymes that end in a vowel or a glide (no final consonant possible).
_OPEN = ("a|ă|â|e|ê|i|o|ô|ơ|u|ư|y|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oa|oe|oi|ôi|ơi|ua|uê|ui|"
         "uơ|uy|ưa|ưi|ưu|iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyu")
# The finals each nucleus takes: "ơ" never closes with ng/nh/c/ch, "nh"/"ch" follow only a, ê,
# i and the glides before them, so "Thông" read as VNI ("Thơng") is no syllable.
_CLOSED = {"a": "c ch m n ng nh p t", "ă": "c m n ng p t", "â": "c m n ng p t", "e": "c m n ng p t",
           "ê": "ch m n nh p t", "i": "ch m n nh p t", "o": "c m n ng p t", "ô": "c m n ng p t",
           "ơ": "m n p t", "u": "c m n ng p t", "ư": "c m n ng t", "oa": "c ch m n ng nh p t",
           "oă": "c m n ng t", "oe": "m n ng t", "oo": "c ng", "uâ": "n ng t", "uê": "ch n nh",
           "uô": "c m n ng t", "ươ": "c m n ng p t", "iê": "c m n ng p t", "yê": "m n ng t",
           "uyê": "n t", "uy": "ch n nh p t", "y": "ch n nh p t"}
_CLOSED_RHYMES = "|".join(f"{nucleus}(?:{'|'.join(finals.split())})" for nucleus, finals in _CLOSED.items())
_SYLLABLE = re.compile(f"{_ONSET}(?:{_CLOSED_RHYMES}|{_OPEN})")


def strip_tone(word: str) -> tuple[str, int]:
    """(word without tone marks, number of tone marks removed), NFC.

    >>> strip_tone("Việt")
    ('Viêt', 1)
    """
    decomposed = unicodedata.normalize("NFD", word)
    kept = [c for c in decomposed if c not in _TONES]
    return unicodedata.normalize("NFC", "".join(kept)), len(decomposed) - len(kept)


def is_vietnamese_syllable(token: str) -> bool:
    """True when `token` is onset + rhyme with at most one tone mark.

    >>> is_vietnamese_syllable("Nguyễn"), is_vietnamese_syllable("Coäng"), is_vietnamese_syllable("Thơng")
    (True, False, False)
    """
    base, tones = strip_tone(token.lower().replace("ð", "đ"))
    return tones <= 1 and _SYLLABLE.fullmatch(base) is not None


# The same answer, remembered: for loops over the words of a text (legacy and mojibake repair).
is_syllable_cached = functools.lru_cache(maxsize=65536)(is_vietnamese_syllable)
