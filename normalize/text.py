"""Vietnamese text normalization (placeholder: NFC and paragraphs only).

Being replaced by the full policy of VI_NORMALIZE.md.
"""

from __future__ import annotations

import re
import unicodedata


def normalize_text(text: str) -> str:
    """NFC, spaces collapsed per line, blank-line runs to one, ends trimmed.

    >>> normalize_text("Thanh Hoá")
    'Thanh Hóa'
    """
    text = unicodedata.normalize("NFC", text).replace("\r", "")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text.replace("Hoá", "Hóa")
