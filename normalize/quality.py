"""Quality filters for Vietnamese article text, counted in syllables.

Each filter gives a drop reason from DESIGN.md ("too_short",
"low_quality:<filter>") or None; thresholds come from ExtractSettings.

>>> from vicorpus.config import ExtractSettings
>>> quality_reason("Chính phủ họp.", ExtractSettings())
'too_short'
"""

from __future__ import annotations

import re
from collections import Counter

from normalize.lexicon import line_start

# Lines that survive extraction on Vietnamese sites and start with a furniture phrase:
# share bars, related-news headers, copyright notices, prompts (normalize/lexicon.py).
BOILERPLATE_LINE = line_start()
# A token ending a sentence: ends in . ! ? … (quotes may follow); "PGS.TS.", "TP." do not.
SENTENCE_END = re.compile(r"[.!?…]+[\"”»)]*$")
ABBREVIATION = re.compile(r"^(?:(?:[A-ZĐ]{1,4}|[A-ZĐ][a-zđ])\.){2,}$|^[A-ZĐ]{1,2}\.$")


_END_CHARS = frozenset(".!?…\"”»)")  # a token SENTENCE_END can match ends in one of these
_PLAIN_PUNCT = frozenset(".,;:!?()\"'“”‘’-–…")


def count_sentences(text: str) -> int:
    """Sentences, counted by end punctuation; a paragraph without one counts once.

    >>> count_sentences("Sáng 12/1, PGS.TS. Nguyễn Văn A phát biểu. Hội nghị kết thúc.\\n\\nTiêu đề phụ")
    3
    """
    total = 0
    ends_with = _END_CHARS.__contains__
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            # the regexes only on tokens whose last character could end a sentence
            ends = sum(1 for token in paragraph.split()
                       if ends_with(token[-1]) and SENTENCE_END.search(token) and not ABBREVIATION.match(token))
            total += ends if ends else 1
    return total


def symbol_ratio(text: str) -> float:
    """Share of non-space characters that are neither letters nor ordinary punctuation."""
    # per distinct character (a page has a few hundred), counted by str.count in C
    spaces = symbols = 0
    for char in set(text):
        if char.isspace():
            spaces += text.count(char)
        elif not char.isalpha() and char not in _PLAIN_PUNCT:
            symbols += text.count(char)
    chars = len(text) - spaces
    return symbols / chars if chars else 0.0


def duplicate_line_ratio(text: str) -> float:
    """Share of characters in paragraphs/lines that repeat an earlier one."""
    lines = [line.strip().lower() for line in re.split(r"\n+", text) if line.strip()]
    if len(lines) < 2:
        return 0.0
    counts = Counter(lines)
    repeated = sum(len(line) * (n - 1) for line, n in counts.items() if n > 1)
    return repeated / sum(len(line) for line in lines)


def boilerplate_ratio(text: str) -> float:
    """Share of lines that are share bars, related-news headers, copyright notices."""
    lines = [line.strip() for line in re.split(r"\n+", text) if line.strip()]
    if not lines:
        return 0.0
    return sum(1 for line in lines if len(line) < 200 and BOILERPLATE_LINE.match(line)) / len(lines)


def quality_reason(text: str, settings, tokens: list[str] | None = None) -> str | None:
    """The first filter ``text`` fails, as a drop reason, or None when it passes.

    ``tokens``: ``text.split()`` when the caller has it already.
    """
    n_syllables = len(text.split() if tokens is None else tokens)
    if n_syllables < settings.min_syllables:
        return "too_short"
    if count_sentences(text) < settings.min_sentences:
        return "low_quality:few_sentences"
    if symbol_ratio(text) > settings.max_symbol_ratio:
        return "low_quality:symbol_ratio"
    if duplicate_line_ratio(text) > settings.max_duplicate_line_ratio:
        return "low_quality:repeated_lines"
    if boilerplate_ratio(text) > settings.max_boilerplate_ratio:
        return "low_quality:boilerplate"
    return None
