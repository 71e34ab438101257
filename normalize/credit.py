"""The outlet a page credits for its text ("Theo TTXVN", "Nguồn: Báo Chính phủ"),
read before the credit line leaves the text, and outlet names in one spelling.

Syndicated wire copy is everywhere in Vietnamese news: dedup keeps the original
publisher's copy, so the credit is data (the ``credit`` column), not boilerplate.

Forms read, in this order: a standalone credit paragraph near the end ("Theo
TTXVN", "Nguồn: Chi cục Thú y tỉnh", "(Theo VOV)", "TTXVN/Vietnam+", "Minh Hải/TTXVN"),
a credit in parentheses closing the last paragraph ("... năm 2026. (Theo VOV)"), then
a standalone credit paragraph anywhere. A sentence that starts with "Theo"
("Theo Bộ Tài chính, thuế giảm 2%.") is not a credit.

>>> read_credit(["Giá gạo xuất khẩu tăng 15 USD/tấn.", "Theo TTXVN"])
'TTXVN'
>>> read_credit(["Mưa lớn kéo dài đến hết tuần. (Theo VOV)"])
'VOV'
>>> read_credit(["Theo Bộ Tài chính, thuế giảm 2%."]) is None
True
>>> normalize_credit("Báo Điện tử Chính phủ"), normalize_credit("TTXVN/Vietnam+")
('Báo Chính phủ', 'TTXVN')
"""

from __future__ import annotations

import re
import unicodedata

from normalize.lexicon import CREDIT_PREFIXES, TOOL_LINES, TOOL_STARTS

# Outlets by their usual short name, with the spellings pages use for them.
OUTLETS: dict[str, tuple[str, ...]] = {
    "TTXVN": ("ttxvn", "thông tấn xã việt nam", "ttx việt nam", "vna"),
    "Vietnam+": ("vietnam+", "vietnamplus", "vietnamplus.vn", "vietnam plus", "báo điện tử vietnamplus"),
    "Báo Tin tức": ("báo tin tức", "baotintuc.vn", "tin tức ttxvn"),
    "Báo Chính phủ": ("báo chính phủ", "báo điện tử chính phủ", "chinhphu.vn", "baochinhphu.vn", "vgp",
                      "vgp news"),
    "Cổng TTĐT Chính phủ": ("cổng ttđt chính phủ", "cổng thông tin điện tử chính phủ"),
    "VOV": ("vov", "vov.vn", "đài tiếng nói việt nam", "đài tnvn", "báo điện tử vov"),
    "VTV": ("vtv", "vtv.vn", "vtv news", "đài truyền hình việt nam", "vtv24"),
    "Nhân Dân": ("nhân dân", "báo nhân dân", "nhandan.vn", "báo nhân dân điện tử"),
    "QĐND": ("qđnd", "quân đội nhân dân", "báo quân đội nhân dân", "qdnd.vn"),
    "CAND": ("cand", "công an nhân dân", "báo công an nhân dân", "cand.com.vn"),
    "Quốc hội": ("báo đại biểu nhân dân", "đại biểu nhân dân", "quochoi.vn", "cổng ttđt quốc hội"),
    "Tuổi Trẻ": ("tuổi trẻ", "báo tuổi trẻ", "tuoitre.vn", "tto"),
    "Thanh Niên": ("thanh niên", "báo thanh niên", "thanhnien.vn"),
    "VnExpress": ("vnexpress", "vnexpress.net", "vne"),
    "Dân trí": ("dân trí", "báo dân trí", "dantri.com.vn", "dantri"),
    "VietNamNet": ("vietnamnet", "vietnamnet.vn", "báo vietnamnet"),
    "Người Lao Động": ("người lao động", "báo người lao động", "nld", "nld.com.vn", "nlđ", "nlđo"),
    "Lao Động": ("lao động", "báo lao động", "laodong.vn"),
    "Tiền Phong": ("tiền phong", "báo tiền phong", "tienphong.vn"),
    "SGGP": ("sggp", "sài gòn giải phóng", "báo sài gòn giải phóng", "sggp.org.vn"),
    "Hà Nội Mới": ("hà nội mới", "báo hà nội mới", "hanoimoi.vn", "hnm"),
    "Pháp Luật TP.HCM": ("pháp luật tp.hcm", "báo pháp luật tp.hcm", "plo", "plo.vn"),
    "Đại Đoàn Kết": ("đại đoàn kết", "báo đại đoàn kết", "daidoanket.vn"),
    "Kinh tế & Đô thị": ("kinh tế & đô thị", "kinh tế và đô thị", "báo kinh tế & đô thị", "ktđt"),
    "Báo Đầu tư": ("báo đầu tư", "đầu tư", "baodautu.vn", "báo tài chính - đầu tư"),
    "CafeF": ("cafef", "cafef.vn"),
    "Znews": ("znews", "zing", "zingnews", "zing news", "znews.vn"),
    "VTC News": ("vtc news", "vtc", "vtc.vn"),
    "Reuters": ("reuters",), "AFP": ("afp",), "AP": ("ap", "associated press"),
    "Bloomberg": ("bloomberg",), "Xinhua": ("xinhua", "tân hoa xã", "thx"),
    "Kyodo": ("kyodo",), "Yonhap": ("yonhap",), "BBC": ("bbc",), "CNN": ("cnn",),
}
_ALIAS = {alias: name for name, aliases in OUTLETS.items() for alias in (name.lower(), *aliases)}

_NAME = r"[\w&+.'’\-/ ]{2,80}?"
_PREFIX = rf"(?:{'|'.join(f'(?:{p})' for p in CREDIT_PREFIXES)})"
# "Theo TTXVN", "Nguồn: Báo Chính phủ", "(Theo VOV)", "- Theo Reuters, AFP -"
_CREDIT_LINE = re.compile(rf"^[\s(\[\-–]*{_PREFIX}\s*:?\s+(?P<name>{_NAME}(?:\s*,\s*{_NAME})*)[\s.)\]\-–]*$",
                          re.IGNORECASE)
# "TTXVN/Vietnam+", "Minh Hải/TTXVN", "PV (TTXVN)", "TTXVN" alone
_AGENCY_LINE = re.compile(r"^(?P<who>[\w.' ]{1,40}?)\s*(?:/|\(\s*)(?P<name>[\w.+ ]{2,30}?)\s*\)?\.?$"
                          r"|^(?P<alone>[\w.+ ]{2,30}?)\.?$")
# "... năm 2026. (Theo VOV)", "... (TTXVN)"
_TRAILING = re.compile(rf"\(\s*(?:(?P<prefixed>{_PREFIX})\s*:?\s+)?(?P<name>{_NAME})\s*\)\s*\.?\s*$",
                       re.IGNORECASE)
# share/copy buttons written after the outlet's name ("Đại Đoàn kết Copy link")
_TRAILING_TOOLS = re.compile(r"(?:\s*(?:%s))+\s*$" % "|".join(f"(?:{p})" for p in TOOL_STARTS + TOOL_LINES),
                             re.IGNORECASE)
_ORG_WORDS = re.compile(r"^(?:báo|tạp\s+chí|đài|cổng|trang|thông\s+tấn|sở|bộ|ban|cục|chi\s+cục|"
                        r"ủy\s+ban|ubnd|văn\s+phòng|trung\s+tâm|viện|hội|tổng\s+cục|kênh)\b", re.IGNORECASE)


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).lower().split()).strip(" .,:;-–")


def known_outlet(name: str) -> str | None:
    """The short name of a known outlet spelling, else None.

    >>> known_outlet("Thông tấn xã Việt Nam"), known_outlet("Sở Y tế") is None
    ('TTXVN', True)
    """
    return _ALIAS.get(_key(name))


def _written_as_outlet(name: str) -> str | None:
    """A known outlet written so that it cannot be a common word: an acronym
    ("TTXVN", "VOV"), a domain or brand ("VOV.VN", "Vietnam+"), or "Báo/Đài ..."."""
    known = known_outlet(name)
    if not known:
        return None
    letters = [c for c in name if c.isalpha()]
    if (letters and all(c.isupper() for c in letters)) or re.search(r"[.+]", name) or _ORG_WORDS.match(name):
        return known
    return None


def normalize_credit(name: str) -> str | None:
    """One spelling per outlet: known outlets by their short name; for an "A/B" credit
    the first known outlet part; otherwise the name as written, tidied.

    Dedup compares a copy's credit with its own source through this same function.
    """
    name = " ".join(unicodedata.normalize("NFC", name or "").split()).strip(" .,:;-–()[]")
    name = _TRAILING_TOOLS.sub("", name).strip(" .,:;-–()[]") if name else name
    if not name:
        return None
    known = known_outlet(name)
    if known:
        return known
    parts = [p for p in re.split(r"\s*/\s*|\s*,\s*", name) if p]
    for part in parts:
        known = known_outlet(part)
        if known:
            return known
    return name


def _credit_line(paragraph: str) -> str | None:
    text = " ".join(paragraph.split())
    if not text or len(text) > 120:
        return None
    match = _CREDIT_LINE.match(text)
    if match:
        name = match.group("name").strip()
        # "Theo Bộ Tài chính, thuế giảm 2%": a list after "Theo" must be outlets
        parts = [p.strip() for p in name.split(",")]
        if len(parts) > 1 and not all(known_outlet(p) for p in parts):
            return None
        if len(parts[0].split()) > 10 or re.search(r"\d{3,}|%", name):
            return None
        if not (parts[0][:1].isupper() or parts[0][:1].isdigit() or known_outlet(parts[0])):
            return None  # "Theo quy định", "Theo ông ...": a phrase, not an outlet's name
        if _person_name(parts[0]):
            return None  # "Theo Hồ Hương": the reporter, not an outlet
        return normalize_credit(parts[0])
    match = _AGENCY_LINE.match(text)
    if match:
        name = match.group("name") or match.group("alone")
        known = _written_as_outlet(name.strip())
        if known and (match.group("alone") or len(match.group("who").split()) <= 4):
            # "TTXVN/Vietnam+": the agency first; "Minh Hải/TTXVN": the author's agency
            first = _written_as_outlet(match.group("who").strip()) if match.group("who") else None
            return first or known
    return None


def _person_name(name: str) -> bool:
    """2-4 words, each capitalized, no outlet or organisation word: a person ("Hồ Hương",
    "Nguyễn Văn Hùng"), where an outlet reads "Đại Đoàn kết", "Báo Bắc Giang"."""
    words = name.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() and w[1:].islower() for w in words)
            and not known_outlet(name) and not _ORG_WORDS.match(name))


def is_credit_line(paragraph: str) -> bool:
    """A paragraph that only credits an outlet (it leaves the text)."""
    return _credit_line(paragraph) is not None


def _trailing_credit(paragraph: str) -> str | None:
    match = _TRAILING.search(paragraph)
    if not match:
        return None
    name = match.group("name").strip()
    if match.group("prefixed"):
        if len(name.split()) > 10 or name.lower().startswith(("ảnh", "video")):
            return None
        return normalize_credit(name)
    return _written_as_outlet(name)


def read_credit(paragraphs: list[str]) -> str | None:
    """The outlet the text credits, normalized (see module docstring), or None."""
    tail = paragraphs[-5:]
    for paragraph in reversed(tail):
        credit = _credit_line(paragraph)
        if credit:
            return credit
    if paragraphs:
        credit = _trailing_credit(paragraphs[-1])
        if credit:
            return credit
    for paragraph in paragraphs[:-5]:
        credit = _credit_line(paragraph)
        if credit:
            return credit
    return None
