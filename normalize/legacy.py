"""VNI-Windows and TCVN3 (ABC) legacy font text, as it arrives: through windows-1252.

Pages styled with VNI-Times or .VnTime declare windows-1252, so their text is the
windows-1252 reading of the legacy bytes: `Vieät Nam` (VNI) or `ViÖt Nam` (TCVN3).

- VNI-Windows writes a base letter followed by modifier bytes (a + ù = á, a + â = â,
  a + á = ấ, a + ê = ă, ô = ơ, ö = ư, ñ = đ; the i and ỵ letters are single bytes).
- TCVN3 (TCVN 5712:1993, VN3) gives each lowercase letter and the capitals
  Ă Â Ê Ô Ơ Ư Đ one byte in A1-FE; the table below is glibc's TCVN5712-1 for A1-FF.
  Its bytes 80-9F (extra capitals in glibc) are left alone: in the windows-1252 view they
  are curly quotes and dashes, which legacy documents use as such.

Decoding is per line and needs evidence: the line must be pure windows-1252 (legacy
text cannot contain ư or ạ), and decoding must turn more tokens into well-formed
Vietnamese syllables. Correct text such as `Theo Tân Hoa Xã` is already well-formed
and so never changes.
"""

from __future__ import annotations

import re

import lxml.etree

from normalize.mojibake import CP1252_VIEW
from normalize.text_syllables import is_syllable_cached

__all__ = ["decode_vni", "encode_vni", "decode_tcvn3", "repair_legacy_lines", "TCVN3_TABLE"]

# --- TCVN3: byte -> letter (glibc TCVN5712-1, bytes A1-FF) -------------------------
_TCVN3_HIGH = ("ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # A1-BF
               "ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò"                            # C0-DF
               "ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ")                          # E0-FF
TCVN3_TABLE: dict[int, str] = {0xA1 + i: c for i, c in enumerate(_TCVN3_HIGH)}
assert len(TCVN3_TABLE) == 0xFF - 0xA1 + 1
# windows-1252 view character -> letter (for A1-FF the view character is chr(byte)).
_TCVN3_VIEW = str.maketrans({CP1252_VIEW[b]: c for b, c in TCVN3_TABLE.items()})


def decode_tcvn3(text: str) -> str:
    """Decode the windows-1252 view of TCVN3 bytes (no detection).

    >>> decode_tcvn3("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    'Cộng hoà xã hội chủ nghĩa Việt Nam'
    """
    return text.translate(_TCVN3_VIEW)


# --- VNI-Windows ----------------------------------------------------------------
# tone order: sắc, huyền, hỏi, ngã, nặng
_VNI_TONE = "ùøûõï"        # on a plain vowel, ơ and ư
_VNI_CIRC_TONE = "áàåãä"   # replaces the circumflex modifier â
_VNI_BREVE_TONE = "éèúüë"  # replaces the breve modifier ê
_VNI_I = "íìæóò"           # i with a tone: one byte
_VIET_TONED = {  # base letter -> its five toned forms (sắc, huyền, hỏi, ngã, nặng)
    "a": "áàảãạ", "ă": "ắằẳẵặ", "â": "ấầẩẫậ", "e": "éèẻẽẹ", "ê": "ếềểễệ",
    "i": "íìỉĩị", "o": "óòỏõọ", "ô": "ốồổỗộ", "ơ": "ớờởỡợ", "u": "úùủũụ",
    "ư": "ứừửữự", "y": "ýỳỷỹỵ",
}


def _vni_lower_table() -> dict[str, str]:
    """Unicode lowercase letter -> VNI (windows-1252 view)."""
    table = {"đ": "ñ", "ă": "aê", "â": "aâ", "ê": "eâ", "ô": "oâ", "ơ": "ô", "ư": "ö"}
    for base, toned in _VIET_TONED.items():
        for k, letter in enumerate(toned):
            if base == "i":
                table[letter] = _VNI_I[k]
            elif base == "y" and k == 4:
                table[letter] = "î"  # ỵ is its own byte in VNI
            elif base in "âêô":
                table[letter] = {"â": "a", "ê": "e", "ô": "o"}[base] + _VNI_CIRC_TONE[k]
            elif base == "ă":
                table[letter] = "a" + _VNI_BREVE_TONE[k]
            elif base in "ơư":
                table[letter] = table[base] + _VNI_TONE[k]
            else:
                table[letter] = base + _VNI_TONE[k]
    return table


_VNI_ENCODE: dict[str, str] = {}
for _u, _v in _vni_lower_table().items():
    _VNI_ENCODE[_u] = _v
    _VNI_ENCODE[_u.upper()] = _v.upper()
_VNI_DECODE: dict[str, str] = {v: u for u, v in _VNI_ENCODE.items()}
# Typists mix a capital base with a lowercase modifier ("Aâ"): accept it too.
for _u, _v in list(_VNI_ENCODE.items()):
    if len(_v) == 2 and _u.isupper():
        _VNI_DECODE.setdefault(_v[0] + _v[1].lower(), _u)
_VNI_PATTERN = re.compile(  # the lookahead lets the engine skip most characters quickly
    "(?=[" + re.escape("".join(sorted({k[0] for k in _VNI_DECODE}))) + "])(?:"
    + "|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)) + ")")


def encode_vni(text: str) -> str:
    """Unicode (NFC) -> the windows-1252 view of VNI-Windows bytes.

    >>> encode_vni("Việt Nam")
    'Vieät Nam'
    """
    return "".join(_VNI_ENCODE.get(c, c) for c in text)


def decode_vni(text: str) -> str:
    """Decode the windows-1252 view of VNI-Windows text (no detection).

    >>> decode_vni("Thuû töôùng Chính phuû")
    'Thủ tướng Chính phủ'
    """
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group()], text)


# --- detection ------------------------------------------------------------------
_CP1252_CHARS = "".join(CP1252_VIEW.values())
# A character legacy text cannot hold: neither ASCII nor windows-1252, nor one that step 4
# deletes and a CMS leaves in legacy text too (BOM, zero-width, U+FFFD: the decoders pass
# them through).
_NOT_LEGACY = re.compile("[^\x00-\x7f\u200b-\u200d\ufeff\ufffd" + re.escape(_CP1252_CHARS) + "]")
# A token: a run of characters that are not spaces, ASCII punctuation/digits or the
# windows-1252 quotes/dashes (legacy letters include ©, §, «, ¸ ... so \w is too narrow).
_TOKEN = re.compile("[^\\s!-@\\[-`{-~" + re.escape("".join(CP1252_VIEW[b] for b in range(0x80, 0xA0))) + "]+")


def _valid_count(tokens: list[str], cased: bool = False) -> int:
    """Well-formed syllables among ``tokens``; ``cased``: only those written as a decoder's
    words are, in lower case, capitalised or all capitals ("ÐT" read as TCVN3 gives "éT", a
    syllable in no writer's case: no evidence for the reading)."""
    return sum(1 for t in tokens if is_syllable_cached(t) and (not cased or t.islower() or t.isupper() or t.istitle()))


def _reading(line: str, decode) -> tuple[str, int, int]:
    """(``line`` decoded, syllables gained, tokens changed): decoding maps letters to letters,
    so tokens line up one to one; English words, numbers and correct Unicode words are
    untouched or not counted."""
    candidate = decode(line)
    if candidate == line:
        return line, 0, 0
    pairs = [(a, b) for a, b in zip(_TOKEN.findall(line), _TOKEN.findall(candidate)) if a != b]
    return candidate, _valid_count([b for _, b in pairs], cased=True) - _valid_count([a for a, _ in pairs]), len(pairs)


def _is_clear(gain: int, changed_tokens: int) -> bool:
    """Clear evidence: decoding gains syllables, in at least half of the tokens it changes."""
    return gain >= 1 and gain * 2 >= changed_tokens


def _legacy_line(line: str) -> bool:
    """Could ``line`` be legacy text: not ASCII, and every character has a windows-1252 byte
    (the invisible characters step 4 deletes set aside)?"""
    return not line.isascii() and _NOT_LEGACY.search(line) is None


def repair_legacy_lines(text: str) -> str:
    """Decode each paragraph (run of non-blank lines) that is clearly VNI or TCVN3 text; leave
    every other paragraph, and every line of it that decoding would make worse, alone.

    Evidence is counted over the paragraph: decoded words that are well-formed where the
    originals were not. A short header line ("Soá: 45/KH-UBND", where "Soá" is itself a
    syllable) is decoded with the paragraph it heads.

    >>> repair_legacy_lines("Tin mới\\nCéng hoµ x· héi")
    'Tin mới\\nCộng hoà xã hội'
    >>> repair_legacy_lines("Soá: 45/KH-UBND\\nÑoàng Nai, ngaøy 2 thaùng 4 naêm 2026")
    'Số: 45/KH-UBND\\nĐồng Nai, ngày 2 tháng 4 năm 2026'
    >>> repair_legacy_lines("Theo Tân Hoa Xã, Yonhap và AFP")
    'Theo Tân Hoa Xã, Yonhap và AFP'
    """
    lines = text.split("\n")
    changed = False
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        for i, decoded in _decode_paragraph(lines, [i for i in range(start, end) if _legacy_line(lines[i])]):
            lines[i] = decoded
            changed = True
        start = end + 1
    return "\n".join(lines) if changed else text


def _decode_paragraph(lines: list[str], legacy: list[int]):
    """(index, decoded line) for the lines of one paragraph (``legacy``: those that could be
    legacy text) that decoding repairs."""
    if not legacy:
        return
    readings = [{i: _reading(lines[i], decode) for i in legacy} for decode in _DECODERS]
    # The paragraph's encoding: the decoder that gains the most syllables, if clearly, over the
    # lines it does not make worse (a Unicode line among legacy ones loses some).
    totals = [(sum(g for _, g, _ in r.values() if g >= 0), sum(n for _, g, n in r.values() if g >= 0))
              for r in readings]
    clear = [k for k, total in enumerate(totals) if _is_clear(*total)]
    paragraph = max(clear, key=lambda k: totals[k][0], default=None)
    for i in legacy:
        # A line clear on its own takes its own decoder; any other the paragraph's, unless that
        # reading loses syllables (a Unicode line of windows-1252 letters).
        own = [k for k in range(len(_DECODERS)) if _is_clear(*readings[k][i][1:])]
        k = max(own, key=lambda k: readings[k][i][1]) if own else paragraph
        if k is not None and readings[k][i][1] >= 0 and readings[k][i][0] != lines[i]:
            yield i, readings[k][i][0]


_DECODERS = (decode_vni, decode_tcvn3)


# --- text set in the ABC (TCVN3) fonts ----------------------------------------------
# A page of the early 2000s names the encoding in its fonts: ".VnTime", ".VnArial"... show
# TCVN3 bytes, and their capital sets (".VnTimeH", ".VnArialH") show the lowercase codes as
# capitals, so a headline typed "méc ch©u" reads "MỘC CHÂU".
_ABC_FONT = re.compile(r"\.vn[\w\- ]*", re.IGNORECASE)
_STYLE_FONT = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)
OTHER_FONT = "other"
_FONTED = lxml.etree.XPath('//*[@face or contains(@style, "font-family")]')


def _font(node) -> str | None:
    """The font ``node`` sets: "H" (an ABC capitals font), "" (another ABC font), OTHER_FONT,
    or None when it sets none (its first font family is the one that shows)."""
    face = node.get("face")
    if face is None:
        style = _STYLE_FONT.search(node.get("style") or "")
        if style is None:
            return None
        face = style.group(1)
    first = face.split(",")[0].strip().strip("'\"")
    if not _ABC_FONT.fullmatch(first):
        return OTHER_FONT
    return "H" if first.endswith("H") else ""


def decode_abc_fonts(tree) -> None:
    """Decode, in place, the text a windows-1252 page sets in ABC fonts (TCVN3), in capitals
    under a capitals font.

    >>> import lxml.html
    >>> page = lxml.html.fromstring('<div><font face=".VnTimeH"><b>méc ch©u</b></font> '
    ...                             '<font face=".VnTime">n«ng d©n <font face="Arial">Moc Chau</font></font></div>')
    >>> decode_abc_fonts(page); page.text_content()
    'MỘC CHÂU nông dân Moc Chau'
    """
    if not any(_font(node) not in (None, OTHER_FONT) for node in _FONTED(tree)):
        return
    _decode_under(tree, None)


def _decode_under(node, font: str | None) -> None:
    """Decode the text of ``node`` and its descendants, ``font`` being the one in effect."""
    own = _font(node)
    font = font if own is None else own

    def fix(text: str | None, font: str | None) -> str | None:
        if not text or font in (None, OTHER_FONT):
            return text
        decoded = text if text.isascii() else decode_tcvn3(text)
        return decoded.upper() if font == "H" else decoded

    node.text = fix(node.text, font)
    for child in node:
        if isinstance(child.tag, str):
            _decode_under(child, font)
        child.tail = fix(child.tail, font)
