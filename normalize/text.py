"""Vietnamese text normalization: the policy of shared/data/VI_NORMALIZE.md.

Steps, in the policy's order: repair broken encodings (mojibake, VNI/TCVN3 per line),
NFC, Đ look-alikes, delete invisible characters, map spaces and fullwidth ASCII,
traditional tone placement, whitespace and paragraphs. Each step starts with a cheap
check so that clean text (the usual case) costs a few regex scans.
"""

from __future__ import annotations

import re
import unicodedata

from normalize.legacy import repair_legacy_lines
from normalize.mojibake import has_mojibake_pair, repair_mojibake
from normalize.text_syllables import is_syllable_cached
from normalize.tones import traditional_tone_marks

__all__ = ["normalize_text", "matching_text"]


def _char_map() -> dict[str, str]:
    """Steps 3-5 as one character -> replacement table."""
    table = {"\u00d0": "\u0110", "\u0189": "\u0110"}  # Ð (eth), Ɖ -> Đ
    for cp in (0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD, 0xFFFD):
        table[chr(cp)] = ""
    for cp in [*range(0x00, 0x20), *range(0x7F, 0xA0)]:  # Cc, except \n; TAB is a space
        if chr(cp) not in "\n\t":
            table[chr(cp)] = ""
    for cp in [0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]:
        table[chr(cp)] = " "
    for cp in range(0xFF01, 0xFF5F):  # fullwidth ASCII
        table[chr(cp)] = chr(cp - 0xFEE0)
    return table


_CHAR_MAP = _char_map()


def _char_class(chars) -> str:
    """A regex class written as ranges (a short class is scanned much faster)."""
    cps, parts = sorted(map(ord, chars)), []
    start = prev = cps[0]
    for cp in [*cps[1:], None]:
        if cp is not None and cp == prev + 1:
            prev = cp
            continue
        parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        if cp is not None:
            start = prev = cp
    return "[" + "".join(parts) + "]"


_CHAR_TO_FIX_ONE = re.compile(_char_class(_CHAR_MAP))  # for the check: 3x faster than with "+"
_CHAR_TO_FIX = re.compile(_char_class(_CHAR_MAP) + "+")
_SPACE_RUN = re.compile(" {2,}")
_LINE_EDGE = re.compile(" ?\n ?")
_BLANK_RUN = re.compile("\n{3,}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _map_chars(m: re.Match) -> str:
    return "".join(_CHAR_MAP[c] for c in m.group())


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _whitespace(text: str) -> str:
    """Collapse spaces, strip lines, one blank line between paragraphs, trim ends."""
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip(" \n")


def repair_encodings(text: str) -> str:
    """Step 1. A line that reads both as mojibake and as legacy text (VNI capitals before a
    quote, "ÑOÄ”", look like UTF-8 sequences too) takes the reading with more Vietnamese
    syllables; on a tie, the legacy one, which changes less. A mojibake reading is then
    decoded as legacy text if it is one (legacy text saved as UTF-8, read as windows-1252).

    >>> repair_encodings("PHIM “AÁN ÑOÄ” TAÏI HAØ NOÄI\\nThá»§ tÆ°á»›ng")
    'PHIM “ẤN ĐỘ” TẠI HÀ NỘI\\nThủ tướng'
    """
    if not has_mojibake_pair(text):
        return repair_legacy_lines(text)
    repaired = repair_mojibake(text)  # judged line by line
    lines, fixed = text.split("\n"), repaired.split("\n")
    doubtful = {i for i, (line, mojibake) in enumerate(zip(lines, fixed)) if mojibake != line and not _reads_well(mojibake)}
    if not doubtful:
        return repair_legacy_lines(repaired)
    # Legacy decoding weighs its evidence per paragraph: both readings are decoded whole.
    as_legacy = repair_legacy_lines(text).split("\n")
    repaired_then_legacy = repair_legacy_lines(repaired).split("\n")
    for i, line in enumerate(lines):
        if i in doubtful and as_legacy[i] != line:
            lines[i] = max((as_legacy[i], repaired_then_legacy[i]), key=_syllables)
        else:
            lines[i] = repaired_then_legacy[i] if fixed[i] != line else as_legacy[i]
    return "\n".join(lines)


def _reads_well(line: str) -> bool:
    """Is a repaired line Vietnamese text: no Latin-1 symbols left, and 80% of its runs of
    letters syllables? (The repair of a line that was legacy text leaves neither.)"""
    if _STRAY.search(line) is not None:
        return False
    runs = _LETTER_RUN.findall(line)
    return sum(1 for word in runs if is_syllable_cached(word)) >= 0.8 * len(runs)


def _syllables(line: str) -> int:
    """Runs of letters that are Vietnamese syllables, less those that are not and less the
    Latin-1 symbols left over (a broken reading splits words into fragments, some of which
    are syllables, around symbols such as "»", "§", "°")."""
    runs = _LETTER_RUN.findall(line)
    return 2 * sum(1 for word in runs if is_syllable_cached(word)) - len(runs) - len(_STRAY.findall(line))


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_STRAY = re.compile("[\x80-\x9f\xa1-\xbf]")


def normalize_text(text: str) -> str:
    """Normalize Vietnamese text to the corpus form; idempotent, clean text unchanged.

    >>> normalize_text("Thá»§ tÆ°á»›ng  thÄƒm Thanh Hoá\\r\\n\\r\\n\\r\\nUyû ban")
    'Thủ tướng thăm Thanh Hóa\\n\\nỦy ban'
    >>> normalize_text("Nghị định 13/2023/NĐ-CP, 1.234,5 tỷ đồng")
    'Nghị định 13/2023/NĐ-CP, 1.234,5 tỷ đồng'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize_text expects str, got {type(text).__name__}")
    if _NON_ASCII.search(text) is not None:
        # 1. broken encodings, before step 4 deletes the NBSP/SHY/C1 bytes they rely on
        text = repair_encodings(text)
        # 2. NFC
        text = _nfc(text)
    # 3-5. Đ look-alikes, invisible characters, spaces and fullwidth ASCII
    if _CHAR_TO_FIX_ONE.search(text) is not None:
        text = _nfc(_CHAR_TO_FIX.sub(_map_chars, text))  # a deletion can expose a+U+0301
    # 6. tone marks
    text = traditional_tone_marks(text)
    # 7. whitespace and paragraphs
    return _whitespace(text)


_PUNCT_OR_SPACE = re.compile(r"[\W_]+")


def matching_text(text: str) -> str:
    """The form dedup shingles: normalized, lowercased, punctuation -> space, spaces
    collapsed; tone marks and letters kept.

    >>> matching_text("Thủ tướng:  “Phải lấy người dân làm trung tâm…”\\n\\nHoà!")
    'thủ tướng phải lấy người dân làm trung tâm hòa'
    """
    return _PUNCT_OR_SPACE.sub(" ", normalize_text(text).lower()).strip()
