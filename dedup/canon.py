"""Text canonicalized for matching: the article body only, one spelling per word.

Two pages carrying the same wire story differ in site chrome (menus, "Tin liên
quan" link lists, footers), photo captions, tone-mark style and Unicode form.
Matching uses only the body paragraphs, NFC, one tone-mark placement, lowercase
and no punctuation — tone marks are kept, because stripping them merges
different words (ma/má/mà/mả/mã/mạ).

Texts from ``vicorpus extract`` are already normalized (mojibake repaired, one
tone convention); canonicalization still makes raw texts comparable (NFC,
invisible characters, Đ look-alikes, new-style tone marks) without repeating the
whole normalization, because this runs on every document of a corpus.

>>> matching_tokens("Trang chủ | Tin tức | Liên hệ\\n\\nUBND tỉnh Thanh Hoá vừa ban hành kế hoạch phòng, chống thiên tai năm 2026.")
['ubnd', 'tỉnh', 'thanh', 'hóa', 'vừa', 'ban', 'hành', 'kế', 'hoạch', 'phòng', 'chống', 'thiên', 'tai', 'năm', '2026']
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import xxhash

from normalize.lexicon import CAPTION_LINES, FOOTER_PHRASES, RELATED_HEADINGS, TOOL_STARTS

CANON_VERSION = "canon-10"

# --- tone placement (VI_NORMALIZE.md rule 6) --------------------------------------------
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


# --- body lines ------------------------------------------------------------------------
# Site chrome that is not article text: menus with separators, lines opening with a
# related-box heading or a share tool, footer/licence/contact phrases, view counters,
# URLs. The phrases live in normalize/lexicon.py (shared with extraction and quality);
# they are matched on the lowercased text, without re.IGNORECASE (several times faster),
# the footer phrases by one scan of the whole text rather than one per line.
_LINE_START = re.compile("|".join(f"(?:{p})" for p in RELATED_HEADINGS + TOOL_STARTS))
_ANYWHERE = re.compile("|".join(f"(?:{p})" for p in FOOTER_PHRASES + (r"lượt\s+xem", r"ngày\s+đăng\s*:",
                                                                        r"https?://")))
_CAPTION = re.compile("|".join(f"(?:{p})$" for p in CAPTION_LINES))
_DATE_AND_TIME = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}.{0,20}?\d{1,2}[:h]\d{2}|\d{1,2}[:h]\d{2}.{0,20}?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
_TIME_WINDOW = re.compile(r"\btừ\b.{0,40}?\bđến\b")
MENU_SEPARATORS = (" | ", " » ", " › ")
_PLAYER_TIME = re.compile(r"\s*\d\d:\d\d\s*/")
_SENTENCE_ENDS = tuple('.!?…;:"”»)')
_DATED = re.compile(r"\(\d{1,2}/\d{1,2}(/\d{2,4})?\)\s*$")


def _is_chrome(line: str, footer_marks: int, n_words: int) -> bool:
    if _LINE_START.match(line):
        return True
    if "ảnh" in line and _CAPTION.match(line) is not None:
        return True  # a photo caption a copy adds or drops ("... (Ảnh: TTXVN)")
    if n_words <= 10 and _DATE_AND_TIME.search(line) is not None and _TIME_WINDOW.search(line) is None:
        # a dateline a copy's site prints ("Kinh tế | Thứ Ba, 16/06/2026 06:17 (GMT+7)"); a notice's
        # time window ("Thời gian: từ 7h00 đến 11h30 ngày 24/3/2026.") is its content
        return True
    # Footer words also occur in prose ("... chịu trách nhiệm trước UBND tỉnh"): one of them
    # marks a short line as chrome; a long line needs two (a one-line footer).
    if footer_marks >= 2 or (footer_marks and n_words < 30):
        return True
    if sum(line.count(s) for s in MENU_SEPARATORS) >= 2:
        return True  # "Trang chủ | Tin tức | Liên hệ", breadcrumbs
    return line[:1].isdigit() and _PLAYER_TIME.match(line) is not None  # "00:00 / 03:12"


def _footer_marks(lines: list[str], folded_text: str) -> list[int]:
    """How many different footer phrases each line holds (``folded_text``: the lines joined
    by newlines)."""
    found = [(m.start(), " ".join(m.group().split())) for m in _ANYWHERE.finditer(folded_text)]
    if not found:
        return [0] * len(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    phrases: list[set] = [set() for _ in lines]
    for pos, which in found:
        phrases[bisect.bisect_right(starts, pos) - 1].add(which)
    return [len(p) for p in phrases]


def _body(folded: list[str]) -> list[int]:
    """Indexes of the lines that read as article sentences; ``folded``: the lines, stripped
    and lowercased (lowercasing moves no space, digit or punctuation mark the tests below look
    at, so the written lines would give the same answer)."""
    marks = _footer_marks(folded, "\n".join(folded))
    kept = []
    for i, line in enumerate(folded):
        if not line:
            continue
        n_words = line.count(" ") + 1
        # A body sentence ends like one; a long line without an end is still prose.
        if not ((n_words >= 6 and line.endswith(_SENTENCE_ENDS)) or n_words >= 25):
            continue
        if n_words < 25 and line.endswith(("...", "…")):
            continue  # truncated teaser headline
        if line.startswith(("- ", "• ")) and _DATED.search(line):
            continue  # dated link-list item
        if line.startswith("(") and line.endswith(")") and n_words < 25 and line.count("(") == 1:
            continue  # an editor's note on a line of its own: "(Trích báo cáo ...)", "(Còn nữa)"
        if _is_chrome(line, marks[i], n_words):
            continue
        kept.append(i)
    return kept or [i for i, line in enumerate(folded) if line]


def body_lines(text: str) -> list[str]:
    """Lines that read as article sentences (not headlines, captions, menus, footers).

    Falls back to every non-empty line when nothing qualifies, so a short or
    unusual text is still matched on what it has.

    >>> body_lines("Tin liên quan\\nGiá vàng tăng mạnh\\nGiá vàng trong nước sáng nay tăng thêm 300.000 đồng mỗi lượng.")
    ['Giá vàng trong nước sáng nay tăng thêm 300.000 đồng mỗi lượng.']
    """
    return body_parts(text)[0]


# --- characters ------------------------------------------------------------------------
# Invisible characters are deleted (they would split a word), Đ look-alikes mapped.
_CHAR_FIX = {0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None, 0xFEFF: None, 0x00AD: None,
             0x00D0: "\u0110", 0x00F0: "\u0111", 0x0189: "\u0110", 0x0256: "\u0111"}
_CHAR_FIX_ANY = re.compile("[" + "".join(chr(c) for c in _CHAR_FIX) + "]")
# Decomposed Vietnamese (NFD, or a precomposed letter + combining tone mark) carries
# combining marks; text without any is left as is (a cheaper scan than is_normalized).
_COMBINING = re.compile("[\u0300-\u036f]")


def _clean(text: str) -> str:
    if not text.isascii():
        if _COMBINING.search(text) is not None:
            text = unicodedata.normalize("NFC", text)
        if _CHAR_FIX_ANY.search(text) is not None:
            text = unicodedata.normalize("NFC", text.translate(_CHAR_FIX))
    return _unwrapped(text) if "\n" in text else text


# A line that closes a sentence or a clause: a break after it is the writer's.
_CLOSES = re.compile(r"[.!?…:;\"”’)\]»]$")


def _unwrapped(text: str) -> str:
    r"""``text`` with its hard-wrapped paragraphs joined back into lines: a paragraph most of
    whose line breaks fall inside a sentence (the line closes nothing, the next goes on in
    lowercase: "một khối đất đá lớn\ntừ taluy dương") was wrapped at a width (a plain-text copy,
    a PDF), and its short lines would otherwise read as chrome. Lists, table rows and verse
    keep their lines.

    >>> _unwrapped("Sạt lở đất vùi lấp\nba ngôi nhà ở xã\nBảo Hà.\n\n- Một\n- Hai")
    'Sạt lở đất vùi lấp ba ngôi nhà ở xã Bảo Hà.\n\n- Một\n- Hai'
    """
    blocks = text.split("\n\n")
    for k, block in enumerate(blocks):
        if "\n" not in block:
            continue  # (most paragraphs: one line)
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if len(lines) < 2:
            continue
        wraps = sum(1 for a, b in zip(lines, lines[1:]) if _CLOSES.search(a) is None and b[:1].islower())
        if 2 * wraps >= len(lines) - 1:
            blocks[k] = " ".join(lines)
    return "\n\n".join(blocks)


# --- words -------------------------------------------------------------------------------
# A word is a run of letters and digits (Python's [^\W_], RE2's [\p{L}\p{N}]): tone marks
# stay, punctuation and symbols separate words.
_SEPARATORS = r"[^\p{L}\p{N}]+"
_NUMBER = re.compile(r"\d+(?:[.,/:]\d+)*")
_HASH_OF: dict[str, int] = {}
_HASH_CACHE_MAX = 200_000  # distinct words seen by one worker (numbers are not cached); ~25 MB when full


def _word_hash(word: str) -> int:
    if not word.isalpha():  # figures, codes: no tone to place, too many distinct ones to cache
        return xxhash.xxh3_64_intdigest(word.encode("utf-8"))
    h = xxhash.xxh3_64_intdigest(fix_tone_placement(word).encode("utf-8"))
    if len(_HASH_OF) < _HASH_CACHE_MAX:
        _HASH_OF[word] = h
    return h


def body_parts(text: str) -> tuple[list[str], list[str]]:
    """The body lines of ``text`` as :func:`body_text` keeps them (site chrome, captions, link
    lists dropped): as written, and lowercased.

    >>> body_parts("Điện lực Vĩnh Long thông báo.\\nXem thêm")
    (['Điện lực Vĩnh Long thông báo.'], ['điện lực vĩnh long thông báo.'])
    """
    lines = [line.strip() for line in _clean(text).split("\n")]
    folded = [line.lower() for line in lines]
    kept = _body(folded)
    # (the city's name spelt out in the written lines too: their names are compared)
    return ([_HCMC_WRITTEN.sub("Thành phố Hồ Chí Minh", lines[i]) if "HCM" in lines[i] else lines[i] for i in kept],
            [_spelled_one_way(folded[i]) for i in kept])


# One spelling of what copies write two ways: an agency's name in full or abbreviated ("Ủy ban
# nhân dân" / "UBND", "thành phố" / "TP"), a unit glued to its figure or not ("3,42m" / "3,42 m"), an hour as "7h"
# or "7 giờ". Matched on lowercased body lines.
_AGENCIES = ((re.compile(r"\b(?:ủy|uỷ)\s+ban\s+nhân\s+dân\b"), "ubnd"),
             (re.compile(r"\bhội\s+đồng\s+nhân\s+dân\b"), "hđnd"))
_CITY = re.compile(r"\btp\b\.?(?=\s)")  # "TP Đà Nẵng", "TP. Huế": "thành phố"
_HCMC = re.compile(r"\b(?:tp\.?\s*hcm|tphcm)\b")  # "TP.HCM", "TP HCM", "TPHCM": "thành phố hồ chí minh"
_HCMC_WRITTEN = re.compile(r"\b(?:TP\.?\s*HCM|TPHCM)\b")
_TI = re.compile(r"\btỉ\b")  # "tỉ" / "tỷ": one word, two spellings
_QUARTER = re.compile(r"\bquý\s+(i{1,3}|iv)\b")  # "quý I/2026" / "quý 1/2026"
_QUARTERS = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
# "từ 6 đến 8 triệu": the magnitude word of the range's end is the start's too
_RANGE_MAGNITUDE = re.compile(r"(\d+(?:,\d+)?)(\s+(?:đến|tới|-|–)\s+\d+(?:,\d+)?\s+(nghìn|ngàn|triệu|tỷ|tỉ))(?!\w)")
_GLUED_UNIT = re.compile(r"(?<=\d)(?=(?:km|cm|mm|m|kg|ha|kw|mw|kv)\b)")
_DIGIT = re.compile(r"\d")
_HOUR = re.compile(r"\b(\d{1,2})h(?=\d{2}\b|\b)")


def _spelled_one_way(line: str) -> str:
    """``line`` (lowercased) with the spellings copies vary written one way.

    >>> _spelled_one_way("chủ tịch ủy ban nhân dân phường lúc 7h sáng, mực nước đạt 3,42m.")
    'chủ tịch ubnd phường lúc 7 giờ sáng, mực nước đạt 3,42 m.'
    >>> _spelled_one_way("sở xây dựng tp.hcm và tp hcm, tp. huế")
    'sở xây dựng thành phố hồ chí minh và thành phố hồ chí minh, thành phố huế'
    >>> _spelled_one_way("quý iv/2026 thu 12 tỉ đồng, lương từ 6 đến 8 triệu đồng")
    'quý 4/2026 thu 12 tỷ đồng, lương từ 6 triệu đến 8 triệu đồng'
    """
    if "nhân dân" in line:
        for pattern, short in _AGENCIES:
            line = pattern.sub(short, line)
    if "tp" in line:
        line = _CITY.sub("thành phố", _HCMC.sub("thành phố hồ chí minh", line))
    if "tỉ " in line or "tỉ," in line or "tỉ." in line:  # (not "tỉnh", which most lines hold)
        line = _TI.sub("tỷ", line)
    if "quý i" in line:
        line = _QUARTER.sub(lambda m: "quý " + _QUARTERS[m.group(1)], line)
    if _DIGIT.search(line) is not None:
        line = _HOUR.sub(r"\1 giờ ", _GLUED_UNIT.sub(" ", line)).replace("giờ  ", "giờ ")
        if ("đến" in line or "tới" in line or " - " in line or " – " in line) and (
                "triệu" in line or "tỷ" in line or "nghìn" in line or "ngàn" in line):
            line = _RANGE_MAGNITUDE.sub(r"\1 \3\2", line)
    return line


def names_of(lines: list[str]) -> list[str]:
    """The names written in ``lines``: canonical lowercased words that start with a capital
    inside a sentence ("Vĩnh Long", "Ninh Kiều", "UBND"), in order of first use, each
    followed by the pair it makes with the name before it, when only a space separates them
    ("vĩnh long": "Đắk Nông" and "Đắk Lắk" differ there even when "Nông" is written elsewhere).

    Two notices of one template differ mostly in their figures and their names.

    >>> names_of(["Điện lực Vĩnh Long tạm ngừng cung cấp điện tại phường Ninh Kiều. Khách hàng liên hệ tổng đài."])
    ['vĩnh', 'long', 'vĩnh long', 'ninh', 'kiều', 'ninh kiều']
    """
    names: dict[str, None] = {}
    for line in lines:
        previous, previous_end = None, -1
        for m in _CAPITALIZED.finditer(line):
            if _opens_sentence(line, m.start()):
                previous = None
                continue
            word = m.group()
            name = _NAME_FORM.get(word)
            if name is None:
                name = fix_tone_placement(word.lower())
                if len(_NAME_FORM) < _HASH_CACHE_MAX:
                    _NAME_FORM[word] = name
            names.setdefault(name, None)
            if previous is not None and line[previous_end:m.start()].isspace():
                names.setdefault(f"{previous} {name}", None)
            previous, previous_end = name, m.end()
    return list(names)


def _opens_sentence(line: str, at: int) -> bool:
    """Does the word at ``at`` open a sentence: first in its line, or after a mark that ends
    or opens one (". ", a quote, a bracket)? Other marks (",", "/", ")") are passed over. A
    dash opens a sentence as a bullet, a line of dialogue or after an outlet's dateline
    ("(Chinhphu.vn) - Sáng nay", "VOV.VN - Chiều 5/3"), not in "Hà Nội – Vinh"."""
    q = at - 1
    while q >= 0 and not line[q].isalnum() and line[q] not in _SENTENCE_STARTERS:
        if line[q] == ")" and _is_outlet_dateline(line[:q + 1]):
            return True  # "(laocai.gov.vn) Sáng 10/4, ..."
        q -= 1
    if q < 0:
        return True
    mark = line[q]
    if mark not in _SENTENCE_STARTERS:
        return False
    return mark not in _DASHES or _TOKEN_BEFORE.search(line, 0, q) is None or _is_outlet_dateline(line[:q])


def _is_outlet_dateline(prefix: str) -> bool:
    """What opens a syndicated copy before its dash: "(TTXVN)", "Lào Cai, 19/3 (TTXVN)",
    "VOV.VN", "SKĐS"."""
    word = prefix.strip()
    return _DATELINE.fullmatch(word) is not None or (2 <= len(word) <= 8 and word.isalpha() and word.isupper())


_UPPER = "".join(c for c in map(chr, range(0x41, 0x10000)) if c.isupper() and c.isalpha())
_CAPITALIZED = re.compile("(?<![^\\W_])[" + re.escape(_UPPER) + "][^\\W_]*")  # a word starting with a capital
_SENTENCE_STARTERS = set(".!?:;…\"“”'‘’([-–—•")
_TOKEN_BEFORE = re.compile("[^\\W_]|[" + re.escape("".join(_SENTENCE_STARTERS)) + "]")
_DASHES = set("-–—")
# An outlet's dateline before a dash: "(Chinhphu.vn)", "Lào Cai, 19/3 (TTXVN)", "VOV.VN"
_DATELINE = re.compile(r"[^\n()]{0,40}\([^()\n]{1,30}\)|[^\W\d_]+\.[^\W\d_]+(?:\.[^\W\d_]+)?")
_NAME_FORM: dict[str, str] = {}  # a capitalized word as written -> its name (most of names_of's time)


def body_text(text: str) -> str:
    """The body lines of ``text``, lowercased, joined by newlines."""
    return "\n".join(body_parts(text)[1])


def _split(bodies: list[str]) -> tuple[pa.Array, np.ndarray]:
    """(every word of every body, flat; words per body), split in Arrow (no Python string per word)."""
    words = pc.split_pattern_regex(pa.array(bodies, pa.string()), _SEPARATORS)
    parent = pc.list_parent_indices(words).to_numpy()
    flat = pc.list_flatten(words)
    nonempty = pc.not_equal(flat, "").to_numpy(zero_copy_only=False)  # edges of a body split to ""
    return flat.filter(pa.array(nonempty)), np.bincount(parent[nonempty], minlength=len(bodies))


def word_hashes(bodies: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(64-bit hash of each canonical word of each body, flat; words per body).

    The hash is of the canonical spelling (tone placement), computed once per distinct
    written form and cached: news text has a few tens of thousands of distinct words.
    """
    flat, counts = _split(bodies)
    encoded = pc.dictionary_encode(flat)
    get = _HASH_OF.get
    distinct = encoded.dictionary.to_pylist()
    table = np.array([get(w) or _word_hash(w) for w in distinct], dtype=np.uint64)
    return table[encoded.indices.to_numpy()], counts


def matching_body(text: str) -> tuple[list[str], list[str]]:
    """(canonical body words, numbers written in the body such as '25.223' or '13/2023').

    >>> matching_body("Tỷ giá trung tâm hôm nay ở mức 25.223 đồng/USD, giảm 12 đồng.")[1]
    ['25.223', '12']
    """
    body = body_text(text or "")
    return [fix_tone_placement(w) for w in _split([body])[0].to_pylist()], _NUMBER.findall(body)


def matching_tokens(text: str) -> list[str]:
    """Canonical words of the body of ``text`` (see module docstring)."""
    return matching_body(text)[0]


def numbers_of(body: str) -> tuple[list[str], set[str]]:
    """The figures of ``body`` (lowercased), and which of them identify: a full date, the
    number of a document code or a moment (an hour on a day). A copy rounds or drops a figure;
    it does not change the day of a notice, the number of a decision ("Quyết định 123/QĐ-UBND"
    is not 124) or the hour of a bulletin. Figures are written as :func:`_plain_number` writes
    them; a moment is written "hour:minute@day/month" however the text writes it.

    >>> numbers, identifiers = numbers_of("quyết định số 123/qđ-ubnd ngày 05/03/2026 giao 2.340 tấn cho 12 xã.")
    >>> numbers, sorted(identifiers)
    (['123', '5/3', '5/3/2026', '2340', '12'], ['123', '5/3/2026'])
    >>> sorted(numbers_of("hồi 07 giờ ngày 07/11, tin tiếp theo lúc 10h sáng 7/11.")[1])
    ['10:00@7/11', '7:00@7/11']
    """
    numbers, identifiers = [], set()
    for number, code, magnitude in _NUMBER_OR_CODE.findall(body):
        if magnitude or "." in number or "/" in number:  # (a bare integer is written one way)
            number = _plain_number(number, magnitude)
        if _FULL_DATE.fullmatch(number):
            number = "/".join(str(int(part)) for part in number.split("/"))
            identifiers.add(number)
            numbers.append(number.rsplit("/", 1)[0])  # the day as a copy may write it: "9/4"
        elif code:
            identifiers.add(number)
        numbers.append(number)
    for hour, minute, day, month in _TIME_OF_DAY.findall(body):
        moment = f"{int(hour)}:{int(minute or 0):02d}@{int(day)}/{int(month)}"
        identifiers.add(moment)
        numbers.append(moment)
    return numbers, identifiers


# A figure, the start of a document code after it ("15/2020/nđ-cp", "123/qđ-ubnd"), and the
# word of magnitude a figure may be written with ("1,2 triệu").
_NUMBER_OR_CODE = re.compile(r"(\d+(?:[.,/:]\d+)*)(/[^\W\d_])?(?:\s+(nghìn|ngàn|triệu|tỷ|tỉ)(?!\w))?")
_MAGNITUDE = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}")


def _plain_number(number: str, magnitude: str = "") -> str:
    """A figure as any copy writes it: thousands without their dots ("2.500" = "2500"), a
    magnitude word multiplied out ("1,2 triệu" = "1.200.000" = "1200000"), a day and month
    without zero padding ("25/05" = "25/5").

    >>> [_plain_number(n, m) for n, m in [("2.500", ""), ("1,2", "triệu"), ("640", "tỷ"), ("25/05", ""), ("3,5", "")]]
    ['2500', '1200000', '640000000000', '25/5', '3,5']
    """
    if _DAY_MONTH.fullmatch(number):
        day, month = number.split("/")
        return f"{int(day)}/{int(month)}"
    if _THOUSANDS.fullmatch(number):
        number = number.replace(".", "")
    if magnitude and re.fullmatch(r"\d+(?:,\d+)?", number):
        whole, _, fraction = number.partition(",")
        scale = _MAGNITUDE[magnitude]
        if len(fraction) <= len(str(scale)) - 1:  # "1,25 triệu": an exact count of units
            return str(int(whole) * scale + int(fraction or 0) * scale // 10 ** len(fraction))
    return number
_FULL_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
# A moment in the text ("hồi 07 giờ ngày 07/11", "lúc 10h30 sáng 7/11"): what tells the storm
# bulletin of 7 a.m. from that of 10 a.m. when every other line reads the same.
_TIME_OF_DAY = re.compile(r"(?<![\d/.,:])(\d{1,2})\s*(?:giờ|h|:)\s*(\d{2})?\s*(?:phút\s*)?,?\s*"
                          r"(?:(?:sáng|trưa|chiều|tối|đêm)\s+)?(?:(?:ngày|hôm)\s+)?(\d{1,2})/(\d{1,2})(?!\d|[.,]\d|/\d{1,3}\b)")


NUMBER_SLOTS = 16  # hashes kept per document: every number of a short notice, a sample of a long table
NUMBER_PAD = 0xFFFFFFFF  # an empty slot (sorts after every hash)
IDENTIFIER_TOP = 0x80000000  # hashes of identifiers (full dates, document numbers) are below it


def number_fingerprint(numbers: list[str], identifiers: set[str] = frozenset()) -> np.ndarray:
    """The numbers of a text as ``[count, h1, ..., h16]`` (uint32): how many distinct numbers
    it states, then the smallest 32-bit hashes of them, ascending (a bottom-k set: all of them
    when there are at most 16), padded with ``NUMBER_PAD``. The hash of an identifier is
    below ``IDENTIFIER_TOP``, of any other number above it, so identifiers are kept first.

    Exact for the few figures of a notice (a lossy bit set made "3/2" and "3/1" look the same
    when one of them shared a bit with another figure), a fair sample of a long table.

    >>> fp = number_fingerprint(["25.223", "12", "12", "5/3/2026"], {"5/3/2026"})
    >>> int(fp[0]), int((fp[1:] != NUMBER_PAD).sum()), bool(fp[1] < IDENTIFIER_TOP < fp[2]), fp.shape
    (3, 3, True, (17,))
    """
    hashes = sorted({min((xxhash.xxh3_64_intdigest(num.encode()) & 0x7FFFFFFF)
                         | (0 if num in identifiers else IDENTIFIER_TOP), NUMBER_PAD - 1) for num in numbers})
    out = np.full(NUMBER_SLOTS + 1, NUMBER_PAD, dtype=np.uint32)
    out[0] = min(len(hashes), NUMBER_PAD - 1)
    kept = hashes[:NUMBER_SLOTS]
    out[1 : 1 + len(kept)] = kept
    return out


def exact_key(word_hashes: np.ndarray) -> bytes:
    """16-byte key of the canonical body: equal keys are exact duplicates (b"" for no words).

    Copies that differ only in chrome, Unicode form, tone style or punctuation share it.
    """
    if not len(word_hashes):
        return b""
    return xxhash.xxh3_128_digest(word_hashes.tobytes())
