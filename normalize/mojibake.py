"""Repair of UTF-8 text that was decoded as windows-1252 or latin-1 ("mojibake").

`Thá»§ tÆ°á»›ng` is the windows-1252 reading of the UTF-8 bytes of `Thủ tướng`.
Browsers decode windows-1252 the WHATWG way: the five undefined bytes 81 8D 8F 90 9D
become the C1 controls U+0081... instead of an error, so `Đ` arrives as `Ä` + U+0090.
A latin-1 reading turns every byte 80-9F into a C1 control. Both views are handled by
one table from a character back to its byte.

Only sequences that decode to valid UTF-8 *and* give a Latin/Vietnamese letter or
common punctuation are repaired. Correct Vietnamese capitals followed by punctuation
(`XÃ”` = "XÃ" + closing quote, `XÃ<NBSP>HỘI`) look exactly like a 2-byte sequence, so
those "weak" matches are repaired only when the same text also holds unmistakable
mojibake (a 3-byte sequence such as `á»§`, or a lead byte like `Ä`/`Æ` that Vietnamese
never uses).
"""

from __future__ import annotations

import functools
import re

__all__ = ["repair_mojibake", "repair_markup_mojibake", "whatwg_cp1252_decode", "whatwg_cp1252_encode", "CP1252_VIEW"]


def _whatwg_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 81 8D 8F 90 9D: WHATWG maps them to C1 controls
        return chr(byte)


# byte -> character of the windows-1252 (WHATWG) view, for bytes 80-FF.
CP1252_VIEW: dict[int, str] = {b: _whatwg_char(b) for b in range(0x80, 0x100)}
# character -> byte, accepting both the windows-1252 and the latin-1 reading.
_CHAR_TO_BYTE: dict[str, int] = {}
for _b, _c in CP1252_VIEW.items():
    _CHAR_TO_BYTE[_c] = _b
    _CHAR_TO_BYTE.setdefault(chr(_b), _b)


def whatwg_cp1252_decode(data: bytes) -> str:
    """Decode bytes as a browser decodes windows-1252.

    >>> whatwg_cp1252_decode("Đ".encode("utf-8")) == "Ä\\x90"
    True
    """
    return "".join(chr(b) if b < 0x80 else CP1252_VIEW[b] for b in data)


def whatwg_cp1252_encode(text: str) -> bytes:
    """Inverse of `whatwg_cp1252_decode` (also accepts latin-1 C1 characters).

    >>> whatwg_cp1252_encode("Ä\\x90").decode("utf-8")
    'Đ'
    """
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            try:
                out.append(_CHAR_TO_BYTE[ch])
            except KeyError:
                raise UnicodeEncodeError("cp1252-whatwg", text, 0, len(text),
                                         f"{ch!r} has no windows-1252 byte") from None
    return bytes(out)


def _chars(lo: int, hi: int) -> str:
    chars = sorted({c for c, b in _CHAR_TO_BYTE.items() if lo <= b <= hi})
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_CONT = _chars(0x80, 0xBF)
_MOJIBAKE = re.compile(
    f"{_chars(0xF0, 0xF4)}{_CONT}{{3}}|{_chars(0xE0, 0xEF)}{_CONT}{{2}}|{_chars(0xC2, 0xDF)}{_CONT}")

# Continuation characters that also follow a correct capital letter in real text.
# Cheap first scan: any UTF-8 lead byte character followed by a continuation character.
_ANY_PAIR = re.compile(_chars(0xC2, 0xF4) + _CONT)
_WEAK_CONT = set("\u00a0\u00ad”“’‘–—…•›‹»™ˆ˜")
_QUOTE_CONT = _WEAK_CONT - {"\u00a0", "\u00ad"}
# Capital letters Vietnamese uses whose windows-1252 byte is also a UTF-8 lead byte.
_VIET_LEADS = set("ÂÃÌ")
# The combining marks of decomposed (NFD) Vietnamese: the five tones, circumflex, breve, horn.
_VIET_COMBINING = {0x300, 0x301, 0x303, 0x309, 0x323, 0x302, 0x306, 0x31B}


def _acceptable(decoded: str) -> bool:
    """Is this a character a Vietnamese/Latin text plausibly contains?"""
    cp = ord(decoded)
    return (0xA0 <= cp <= 0x17F or cp in (0x1A0, 0x1A1, 0x1AF, 0x1B0)
            or cp in _VIET_COMBINING or 0x1EA0 <= cp <= 0x1EF9
            or 0x2010 <= cp <= 0x206F or cp in (0x20AB, 0x20AC, 0x2122)
            # ƒ ˆ ˜ and the C1 controls WHATWG gives bytes 81 8D 8F 90 9D: windows-1252
            # characters of an inner layer (text read wrongly twice)
            or cp in (0x192, 0x2C6, 0x2DC, 0x81, 0x8D, 0x8F, 0x90, 0x9D)
            or 0x1F300 <= cp <= 0x1FAFF)  # emoji


def _is_strong(text: str, m: re.Match) -> bool:
    seq = m.group()
    if len(seq) > 2 or seq[0] not in _VIET_LEADS or seq[1] not in _WEAK_CONT:
        return True
    start, end = m.span()
    if start > 0 and text[start - 1].islower():  # "ngÃ<NBSP>nh": capital inside a word
        return True
    # "Ã”ng": a closing quote or dash glued to the next letter is not punctuation.
    return seq[1] in _QUOTE_CONT and end < len(text) and text[end].isalpha()


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-windows-1252/latin-1 in `text`; clean text is returned as is.
    Each line is judged on its own: a correct title above a broken body stays as written.

    >>> repair_mojibake("Thá»§ tÆ°á»›ng ChÃ\\u00adnh phá»§")
    'Thủ tướng Chính phủ'
    >>> repair_mojibake("ĐỀ ÁN “CHỢ QUÊ”")
    'ĐỀ ÁN “CHỢ QUÊ”'
    """
    if _ANY_PAIR.search(text) is None:
        return text
    return "\n".join(_repair_layers(line) for line in text.split("\n"))


# Text encoded twice ("GiÃƒÂ¡" is the windows-1252 reading of the UTF-8 bytes of "GiÃ¡") comes
# back one layer per pass; a third layer is not seen in practice.
MAX_LAYERS = 3


def _repair_layers(line: str) -> str:
    """Repair ``line`` layer by layer until it no longer changes (idempotence: a text read
    wrongly twice must not keep changing each time it is normalized).

    >>> _repair_layers("GiÃƒÂ¡ cÃƒÂ\u00a0 phÃƒÂª tÃ„Æ’ng")
    'Giá cà phê tăng'
    """
    for _ in range(MAX_LAYERS):
        repaired = _repair_line(line)
        if repaired == line:
            break
        line = repaired
    return line


def has_mojibake_pair(text: str) -> bool:
    """Could ``text`` hold mojibake at all (a UTF-8 lead character before a continuation one)?"""
    return _ANY_PAIR.search(text) is not None


def _repair_line(line: str) -> str:
    if _ANY_PAIR.search(line) is None:
        return line
    if not any(_decode_sequence(m.group()) is not None and _is_strong(line, m) for m in _MOJIBAKE.finditer(line)):
        return line
    # One pass over the raw line: whole sequences first, then the two shapes a lost last
    # byte leaves (see _REPAIRABLE). Looking for those in the decoded text would also catch a
    # correct "Ä" or "á»" the repair has just produced.
    if _LOST_BB.search(line) is None:
        return _REPAIRABLE.sub(_replace, line)
    # An "á»" short of its byte is resolved by its neighbours, once they are repaired.
    pieces, lost = [], []
    at = 0
    for m in _REPAIRABLE.finditer(line):
        pieces.append(line[at:m.start()])
        if m.lastgroup == "lost_bb":
            lost.append(len(pieces))
            pieces.append(m.group())
        else:
            pieces.append(_replace(m))
        at = m.end()
    pieces.append(line[at:])
    for i in lost:
        pieces[i] = _lost_bb_vowel("".join(pieces[:i]), "".join(pieces[i + 1:])) or pieces[i]
    return "".join(pieces)


# A lossy windows-1252 encoder drops the five bytes it has no character for
# (81 8D 8F 90 9D), leaving a sequence one byte short. Two shapes matter for
# Vietnamese: "Ä" + lost byte can only be "Đ" (C4 90), and "á»" + lost byte is one
# of ề ọ ỏ Ố ờ (E1 BB 81/8D/8F/90/9D), chosen by the syllable it must make. They are
# alternatives after the whole sequences, so they match only where no sequence starts.
_REPAIRABLE = re.compile(f"{_MOJIBAKE.pattern}|(?P<lost_d>\u00c4)|(?P<lost_bb>\u00e1\u00bb)")
_LOST_BB = re.compile(f"\u00e1\u00bb(?!{_CONT})")
_WORD_BEFORE = re.compile("\\w*$")
_WORD_AFTER = re.compile("\\w*")
_BB_CANDIDATES = "ờềọỏỐ"  # most frequent first: người, về, học, nhỏ
_STOP_FINAL = re.compile("(c|ch|p|t)$")


def _lost_bb_vowel(before: str, after: str) -> str | None:
    """The vowel a lost-byte "á»" stands for between ``before`` and ``after`` (repaired text),
    or None when none makes a syllable.

    >>> _lost_bb_vowel("sông Hồng d", "c đê")
    'ọ'
    """
    from normalize.text_syllables import is_vietnamese_syllable, strip_tone

    head = _WORD_BEFORE.search(before).group()
    after = after.removeprefix("\ufffd")  # a decoder that replaced the lost byte left its mark
    tail = _WORD_AFTER.match(after).group()
    prev_word = _neighbour(before[:len(before) - len(head)], last=True)
    next_word = _neighbour(after[len(tail):], last=False)
    best, best_score = None, None
    for rank, vowel in enumerate(_BB_CANDIDATES):
        word = head + vowel + tail
        if not is_vietnamese_syllable(word):
            continue
        base, tones = strip_tone(word.lower())
        # c/ch/p/t finals take only the sắc or nặng tone: "dờc" is not a syllable.
        if _STOP_FINAL.search(base) and vowel not in "ọỐ":
            continue
        if vowel.isupper() != (head[-1:].isupper() or (not head and tail[:1].isupper())):
            continue
        words = _dictionary()
        score = (int(f"{prev_word} {word.lower()}" in words) + int(f"{word.lower()} {next_word}" in words),
                 int(word.lower() in words), _syllable_uses().get(word.lower(), 0), -rank)
        if best_score is None or score > best_score:
            best, best_score = vowel, score
    return best


@functools.lru_cache(maxsize=1)
def _syllable_uses() -> dict[str, int]:
    """How many dictionary words each syllable is part of: a frequency for choosing between
    two readings ("về" is in 78 words, "vờ" in 11)."""
    uses: dict[str, int] = {}
    for word in _dictionary():
        for syllable in word.split():
            uses[syllable] = uses.get(syllable, 0) + 1
    return uses


def _neighbour(text: str, last: bool) -> str:
    words = re.findall(r"\w+", text[-40:] if last else text[:40])
    return (words[-1] if last else words[0]).lower() if words else ""


@functools.lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """underthesea's Viet74K word list (one word or compound per line), or nothing."""
    try:
        from importlib.resources import files

        data = files("underthesea").joinpath("corpus/data/Viet74K.txt").read_text(encoding="utf-8")
    except Exception:  # underthesea absent or laid out differently: syllable rules alone
        return frozenset()
    return frozenset(line.strip().lower() for line in data.splitlines() if line.strip())


_TAG = re.compile(r"(<[^>]*>)")


def repair_markup_mojibake(html: str) -> str:
    """Repair mojibake in the text between the tags of a decoded page, before parsing.

    Must run before the HTML parser and trafilatura: they turn the NBSP and drop the
    soft hyphen and C1 controls that carry the bytes A0, AD, 81-9F of a double-encoded
    page (`Ã<NBSP>` is "à", `Ã<SHY>` is "í", `Ä<U+0090>` is "Đ"), after which the
    repair is impossible. Each run of text is judged on its own, as a paragraph would be.

    >>> repair_markup_mojibake("<p class=x>HÃ\u00a0 Ná»™i</p><p>Hà Nội</p>")
    '<p class=x>Hà Nội</p><p>Hà Nội</p>'
    """
    if _ANY_PAIR.search(html) is None:
        return html
    return "".join(part if part.startswith("<") else repair_mojibake(part) for part in _TAG.split(html))


@functools.lru_cache(maxsize=8192)
def _decode_sequence(seq: str) -> str | None:
    """The character a mojibake sequence stands for, or None if it is not one."""
    try:
        decoded = whatwg_cp1252_encode(seq).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return decoded if _acceptable(decoded) else None


def _replace(m: re.Match) -> str:
    if m.lastgroup == "lost_d":
        return "Đ"
    return _decode_sequence(m.group()) or m.group()
