"""Word segmentation with underthesea: compounds joined by "_", paragraphs kept.

Sentences are split per paragraph (underthesea.sent_tokenize) so a line break
never joins two paragraphs and "PGS.TS." stays inside its sentence. The
underthesea model is imported and loaded once per process, on first use.

>>> segment_text("Chính phủ ban hành nghị định.\\n\\nNgười dân đồng tình.")  # doctest: +SKIP
'Chính_phủ ban_hành nghị_định .\\n\\nNgười_dân đồng_tình .'
"""

from __future__ import annotations

import re
from functools import lru_cache

_PUNCT_ONLY = re.compile(r"^[\W_]+$", re.UNICODE)
# Punctuation underthesea may detach from the start or end of a written token.
# "<" and ">" are absent on purpose: "<PHONE>" placeholders stay whole.
DETACHABLE = set(".,;:!?…()[]{}\"'“”‘’«»-–—")


@lru_cache(maxsize=1)
def _underthesea():
    from underthesea import sent_tokenize, word_tokenize

    word_tokenize("Khởi động mô hình.", format="text")  # load the CRF model now, once
    return sent_tokenize, word_tokenize


def load_segmenter() -> None:
    """Load underthesea's model in this process (call once per worker)."""
    _underthesea()


def segment_text(text: str) -> str:
    """Word-segmented ``text``: one line per paragraph joined by "\\n\\n"."""
    sent_tokenize, word_tokenize = _underthesea()
    paragraphs = []
    for paragraph in text.split("\n\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        lines = []
        for line in paragraph.split("\n"):
            if line.strip():
                sentences = sent_tokenize(line) or [line]
                joined = " ".join(word_tokenize(s, format="text") for s in sentences)
                lines.append(keep_written_tokens(" ".join(line.split()), joined))
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def keep_written_tokens(original: str, segmented: str) -> str:
    """Undo underthesea's splits inside a written token, except detached end punctuation.

    underthesea writes "13/2023/NĐ-CP." as "13/2023 / NĐ-CP ."; a legal document
    number must stay whole, so only leading/trailing punctuation keeps its space.

    >>> keep_written_tokens("theo 13/2023/NĐ-CP.", "theo 13/2023 / NĐ-CP .")
    'theo 13/2023/NĐ-CP .'
    """
    out: list[str] = []
    i = j = 0
    token_start = 0
    while j < len(segmented):
        a, b = (original[i] if i < len(original) else ""), segmented[j]
        if a == b:
            if a == " ":
                token_start = i + 1
            out.append(b)
            i, j = i + 1, j + 1
        elif b == "_" and a == " ":
            token_start = i + 1
            out.append("_")
            i, j = i + 1, j + 1
        elif b in " _" and a and a != " ":  # a split (or join) inside a written token
            end = original.find(" ", i)
            end = len(original) if end < 0 else end
            lead, rest = original[token_start:i], original[i:end]
            if all(c in DETACHABLE for c in lead) or all(c in DETACHABLE for c in rest):
                out.append(" ")
            j += 1
        else:
            return segmented  # underthesea changed a character: keep its output as is
    return "".join(out) if i == len(original) else segmented


def count_words(segmented: str) -> int:
    """Words in segmented text, punctuation tokens excluded.

    >>> count_words("Chính_phủ ban_hành nghị_định , ngày 12/1 .")
    5
    """
    return sum(1 for token in segmented.split() if not _PUNCT_ONLY.match(token))
