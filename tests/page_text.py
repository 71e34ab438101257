"""How the extraction tests compare texts: one spelling of the same words, whatever the page's markup.

Independent of normalize/ (the code under test): HTML entities unescaped, NFC, no-break
spaces as spaces, zero-width characters dropped, whitespace runs collapsed.

    >>> norm("  Ha&#768; N\\u00f4\\u0323i\\u00a0h\\u00f4m\\u200b nay\\n")
    'Hà Nội hôm nay'
"""

from __future__ import annotations

import html
import re
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFC", html.unescape(s or ""))
    s = s.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", s).strip()
