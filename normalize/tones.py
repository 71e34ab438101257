"""One tone-mark convention: the traditional ("old") placement on open oa / oe / uy.

`hoà` -> `hòa`, `khoẻ` -> `khỏe`, `thuỷ` -> `thủy`, `Uỷ` -> `Ủy`. A word is a maximal run
of letters; after its onset (`ngh ng nh ch gh gi kh ph qu th tr` or one consonant, or
none) exactly two letters must remain, o+a / o+e / u+y with the mark on the second.
Everything else (closed syllables, `quý`, `giữa`, `ngoài`, `Goa`) is left as written.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["traditional_tone_marks"]

_ONSETS = frozenset(["", "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
                     *"bcdđghklmnprstvx"])
_MARKS = "\u0301\u0300\u0309\u0303\u0323"


def _pairs() -> dict[str, str]:
    """'oà' -> 'òa' for every case combination of oa / oe / uy and every mark."""
    table = {}
    for first, second in ("oa", "oe", "uy"):
        for f in (first, first.upper()):
            for s in (second, second.upper()):
                for mark in _MARKS:
                    new = unicodedata.normalize("NFC", s + mark)
                    table[f + new] = unicodedata.normalize("NFC", f + mark) + s
    return table


_PAIR_FIX = _pairs()


def _pair_pattern() -> re.Pattern:
    """o/u + a marked vowel at the end of a word. One leading character class is
    scanned several times faster than an alternation; `_fix` rejects pairs such as
    "oý" that the class also lets through."""
    seconds = "".join(sorted({pair[1] for pair in _PAIR_FIX}))
    return re.compile(f"[oOuU][{seconds}]" + r"(?![^\W\d_])")


_PAIR = _pair_pattern()


def _fix(m: re.Match) -> str:
    if m.group() not in _PAIR_FIX:
        return m.group()
    text, start = m.string, m.start()
    i = start
    while i > 0 and start - i <= 3 and text[i - 1].isalpha():
        i -= 1
    if i > 0 and text[i - 1].isalpha():  # more than 3 letters before the pair: no onset
        return m.group()
    if text[i:start].lower() not in _ONSETS:
        return m.group()
    return _PAIR_FIX[m.group()]


def traditional_tone_marks(text: str) -> str:
    """Move new-style marks on open oa/oe/uy to the first vowel (text must be NFC).

    >>> traditional_tone_marks("Uỷ ban tỉnh Thanh Hoá, sức khoẻ, quý, hoàn")
    'Ủy ban tỉnh Thanh Hóa, sức khỏe, quý, hoàn'
    """
    return _PAIR.sub(_fix, text)
