"""Adversarial inputs for the segmenter: random mixes of syllables, punctuation and symbols.

Each call of :func:`fuzz_sentences` is seeded, so a mismatch found once can be
replayed. Kinds: Vietnamese syllables in any case glued to punctuation, symbols
and digits; characters from other scripts (Greek final sigma, Cyrillic, CJK,
Arabic digits, Unicode-16 letters whose case differs between Python and Rust);
control and invisible characters; URL, e-mail and number shapes cut in odd places.

>>> len(fuzz_sentences(5, seed=1))
5
"""

from __future__ import annotations

import random
import unicodedata

SYLLABLES = ("người dân chính phủ thủ tướng nghị định quyết định ủy ban nhân dân tỉnh thành phố hà nội "
             "việt nam đồng tỷ triệu năm tháng ngày giờ phút bộ y tế giáo dục đào tạo kinh tế xã hội "
             "công an giao thông xe máy ô tô học sinh sinh viên trường đại học bệnh viện bác sĩ giá vàng "
             "xăng dầu xuất khẩu nhập khẩu doanh nghiệp ngân hàng lãi suất thị trường chứng khoán cổ phiếu "
             "hòa hoà thủy thuỷ khỏe khoẻ quý quí mỹ mĩ ngoằn nghèo khuyến khích nguyễn trần lê phạm "
             "đ Đ ð Ð a b c the of and covid ai app online").split()
PUNCT = list(".,;:!?…()[]{}\"'“”‘’«»-–—‐‑−/\\|@#$%^&*_+=<>~`·•°×÷§¶")
SYMBOLS = ["=>", "==>", "->", ">>", "...", "--", "v.v", "v.v...", ":)", ":))", ":D", "<3", "=))", "♥‿♥",
           "°C", "°F", "3x4", "H&M", "T.Ư", "NĐ-CP", "e-mail", "Tp.", "Mr.", "Dr.", "ThS.", "Th.S", "TP.HCM",
           "PGS.TS.", "30A-123.45", "43H-0530", "03-5730-2357", "1.600m-2.000m", "4K", "5G", "COVID-19",
           "http://", "https://a.vn/", "www.", ".com", "@gmail.com", "a@b", "x.y@z.vn", "1/2", "02/2014",
           "10:20:50", "4.123,2", "100,000,000", "60.542.000", "1_000", "H'Mông", "N’Thôn", "I-W", "BOS", "EOS",
           "0000000000007", "-00000000000000002147483648", "+0", "2147483647", "2147483648", "9" * 40]
OTHER = ["ΟΔΟΣ", "Σ", "ΣΑΣ", "Москва", "北京市", "東京", "서울", "ภาษาไทย", "١٢٣", "٣", "𝟘𝟙", "Ⅻ", "ⅻ", "ß", "ﬁ",
         "İstanbul", "ǅ", "ǈ", "ƛ", "ɤ", "\ua7cb", "\ua7dc", "\U00010d50", "\U00016ea0", "😀", "👍🏽", "🇻🇳",
         "\u200b", "\u200d", "\ufeff", "\u00ad", "\u0301", "\u0303a", "e\u0302\u0301", "\x00", "\x07", "\x1c",
         "\x1f", "\x85", "\u2028", "\u3000", "\xa0", "\t", "\r", "\n", "\u202e", "\ufffd", "\U0010ffff", "\ue000"]


def _syllable(rng: random.Random) -> str:
    s = rng.choice(SYLLABLES)
    r = rng.random()
    if r < 0.15:
        s = s.upper()
    elif r < 0.35:
        s = s.capitalize()
    elif r < 0.40:
        s = unicodedata.normalize("NFD", s)
    return s


def _piece(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        return _syllable(rng)
    if r < 0.60:
        return rng.choice(PUNCT) * rng.choice([1, 1, 1, 2, 3])
    if r < 0.72:
        return rng.choice(SYMBOLS)
    if r < 0.82:
        return str(rng.choice([rng.randint(0, 9), rng.randint(10, 99999), 2147483647, 2147483648, -5]))
    if r < 0.94:
        return rng.choice(OTHER)
    return chr(rng.randint(0x20, 0x2FFF))


def fuzz_sentences(n: int, seed: int = 0) -> list[str]:
    """``n`` random sentences of 1-40 pieces, glued or spaced at random."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 40)):
            parts.append(_piece(rng))
            parts.append(rng.choice([" ", " ", " ", " ", "", "", "  ", "\t"]))
        out.append("".join(parts))
    return out
