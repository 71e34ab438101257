"""PII redaction for Vietnamese text: ID numbers, phones, emails, bank accounts.

What is redacted, with typed placeholders:
  CCCD (12 digits) and CMND (9 digits) next to an ID word ("CCCD số", "căn cước",
  "CMND", "chứng minh nhân dân", "định danh") -> <CCCD> / <CMND>;
  phone numbers 0xx… and +84… with spaces, dots, dashes or (0xx) -> <PHONE>;
  emails -> <EMAIL>; account numbers after "số tài khoản"/"STK"/"tài khoản số" -> <BANK_ACCOUNT>.
What is not: legal document numbers ("13/2023/NĐ-CP"), dates, money, 1900/1800
and 11x short numbers, and numbers presented as a public hotline
("đường dây nóng", "hotline", "tổng đài") — the government publishes those to be called.

>>> redact_pii("Liên hệ anh Nam, số điện thoại 0912.345.678, email nam.nv@gmail.com.")
('Liên hệ anh Nam, số điện thoại <PHONE>, email <EMAIL>.', 2)
"""

from __future__ import annotations

import re

# The local part may be masked by the site ("a***h@gmail.com"): the rest still identifies.
EMAIL = re.compile(r"(?<![\w.+*-])[\w.+*-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")

_ID_WORDS = (r"CCCD|CMND|CMT|CMTND|căn\s+cước(?:\s+công\s+dân)?|chứng\s+minh(?:\s+nhân\s+dân|\s+thư)?|"
             r"định\s+danh(?:\s+cá\s+nhân)?|thẻ\s+căn\s+cước|giấy\s+tờ\s+tùy\s+thân|hộ\s+chiếu")
# ID word, then up to ~40 chars without another number, then the digits.
ID_NUMBER = re.compile(
    rf"(?:{_ID_WORDS})(?:[^\d\n]{{0,40}}?)(?<![\d/.,])(\d{{12}}|\d{{9}}|\d{{3}}[ .]\d{{3}}[ .]\d{{3}}(?:[ .]\d{{3}})?)"
    r"(?![\d/]|[.,]\d)",
    re.IGNORECASE,
)
BANK = re.compile(
    r"(?:số\s+tài\s+khoản|STK|số\s+TK|tài\s+khoản\s+(?:số|ngân\s+hàng)|TK\s+số|tài\s+khoản)"
    r"(?:[^\d\n]{0,50}?)(?<![\d/.,])(\d(?:[ .\-]?\d){5,18})(?![\d/]|[.,]\d)",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"(?<![\w+/.,-])(?:(?:\(\+84\)|\+84|0084)[ .\-]?(?:\(0\)[ .\-]?)?\d{1,3}|\(0\d{1,3}\)|0\d{1,3})"
    r"(?:[ .\-]?\d){6,9}(?![\w/]|[.,]\d)"
)
# Words that make a number public: it is printed to be called.
HOTLINE_CONTEXT = re.compile(r"(đường\s+dây\s+nóng|hotline|tổng\s+đài|số\s+máy\s+lẻ|trực\s+ban)", re.IGNORECASE)
MONEY_AFTER = re.compile(r"^\s*(?:đồng|đ\b|vnđ|vnd|triệu|tỷ|nghìn|ngàn|usd|%)", re.IGNORECASE)


def _phone_digits_ok(span: str) -> bool:
    digits = re.sub(r"\D", "", span)
    if span.lstrip("(").startswith(("+84", "84")) or digits.startswith("0084"):
        national = digits[4:] if digits.startswith("0084") else digits[2:]
        national = national[1:] if national.startswith("0") else national
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return False
    if len(national) == 9 and national[0] in "35789":
        return True  # mobile
    return len(national) == 10 and national[0] == "2"  # landline 02x xxxx xxxx


# Cheap necessary conditions, so that most texts skip the costly scans (the ID and bank
# patterns try a case-insensitive word list at every position). Every ID, bank or phone
# match holds 6 digits joined by at most single [ .-] separators; on the lowercased text
# every ID match holds one of ID_HINT's words and every bank match one of BANK_HINT's.
# The hints avoid "i" and "s", whose case folding differs between re and str.lower.
DIGIT_CHAIN = re.compile(r"\d(?:[ .\-]?\d){5}")
ID_HINT = re.compile(r"c(?:ccd|mnd|mt|ước|hứng\s+m)|định\s+danh|tùy\s+th|hộ\s+ch")
BANK_HINT = re.compile(r"tk|tài\s+khoản")


THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # "45.678.901": a count or an amount


# Between a hotline word and a number, one of these means the number is someone else's:
# another number (the hotline's own) or a person named by a title ("anh Nam", "bà Lê Thị Hoa").
# Titles in lower case only: capitalised they begin place names ("Bà Rịa", "Cô Tô").
_PERSON = re.compile(r"\b(?:ông|bà|anh|chị|cô|chú|em|đồng\s+chí|đ/c)\s+[A-ZĐ\u00C0-\u1EF8]")


def _is_hotline(text: str, start: int, end: int) -> bool:
    """A hotline word shortly before the number, nothing personal between them, or a hotline
    word right after it ("0243… – đường dây nóng của …").

    >>> _is_hotline("Đường dây nóng 0243.823.4567", 15, 28)
    True
    >>> text = "Đường dây nóng 0243.823.4567 hoặc anh Nam 0912.345.678"
    >>> _is_hotline(text, text.index("0912"), len(text))
    False
    """
    window = text[max(0, start - 60):start]
    words = list(HOTLINE_CONTEXT.finditer(window))
    if words:
        between = window[words[-1].end():]
        if not DIGIT_CHAIN.search(between) and not _PERSON.search(between):
            return True
    return bool(re.match(r"^\s*[–—\-(:,]\s*(?:là\s+)?" + HOTLINE_CONTEXT.pattern, text[end:end + 40], re.IGNORECASE))


def redact_pii(text: str) -> tuple[str, int]:
    """Return ``(redacted_text, number_of_spans_redacted)``.

    >>> redact_pii("Theo Nghị định 13/2023/NĐ-CP, phạt 1.234.567 đồng; đường dây nóng 0243.823.4567 của Bộ.")[1]
    0
    """
    if not text:
        return text, 0
    spans: list[tuple[int, int, str]] = []

    def taken(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e, _ in spans)

    digits_chain = DIGIT_CHAIN.search(text) is not None
    lowered = text.lower() if digits_chain else ""
    if "@" in text:
        for match in EMAIL.finditer(text):
            spans.append((match.start(), match.end(), "<EMAIL>"))
    if digits_chain and ID_HINT.search(lowered):
        for match in ID_NUMBER.finditer(text):
            start, end = match.span(1)
            digits = re.sub(r"\D", "", match.group(1))
            if not taken(start, end) and not MONEY_AFTER.match(text[end:]):
                spans.append((start, end, "<CCCD>" if len(digits) == 12 else "<CMND>"))
    if digits_chain and BANK_HINT.search(lowered):
        for match in BANK.finditer(text):
            start, end = match.span(1)
            number = match.group(1)
            if (not taken(start, end) and not MONEY_AFTER.match(text[end:]) and not _phone_digits_ok(number)
                    and not THOUSANDS.match(number)):
                spans.append((start, end, "<BANK_ACCOUNT>"))
    if not digits_chain:
        return _apply(text, spans)
    for match in PHONE.finditer(text):
        start, end = match.span()
        if taken(start, end) or not _phone_digits_ok(match.group()) or _is_hotline(text, start, end):
            continue
        spans.append((start, end, "<PHONE>"))
    return _apply(text, spans)


def _apply(text: str, spans: list[tuple[int, int, str]]) -> tuple[str, int]:
    if not spans:
        return text, 0
    spans.sort()
    out, last = [], 0
    for start, end, placeholder in spans:
        out.append(text[last:start])
        out.append(placeholder)
        last = end
    out.append(text[last:])
    return "".join(out), len(spans)
