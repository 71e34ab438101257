"""Escaping for every string that comes from a config or a page.

Titles, licences and attributions are written by sites we do not control;
none of them may break the card's YAML, its Markdown or the report's HTML.
"""

from __future__ import annotations

import html
import re

_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


def one_line(text: object, limit: int | None = None) -> str:
    """Collapse every run of whitespace (newlines too) to one space.

    >>> one_line("a\\n---\\n  b")
    'a --- b'
    """
    flat = " ".join(str(text if text is not None else "").split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def md(text: object, limit: int | None = None) -> str:
    """Inline Markdown text that renders literally (also safe inside a table cell).

    >>> md("<script>x</script> | *a*")
    '&lt;script&gt;x&lt;/script&gt; \\\\| \\\\*a\\\\*'
    """
    flat = one_line(text, limit)
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{}|#!~])", r"\\\1", flat)


def md_code(text: object, limit: int | None = None) -> str:
    """An inline code span (backticks inside become quotes, so the span cannot break out).

    >>> md_code("a `b` <c>")
    "`a 'b' <c>`"
    """
    return "`" + one_line(text, limit).replace("`", "'") + "`"


def safe_url(url: object) -> str | None:
    """The URL when it is a plain http(s) URL safe to link to, else None.

    >>> safe_url("javascript:alert(1)") is None
    True
    """
    text = str(url or "")
    return text if _SAFE_URL.match(text) else None


def md_link(label: object, url: object) -> str:
    """A Markdown link to an http(s) URL, or the escaped label/URL as plain text."""
    target = safe_url(url)
    if target is None:
        return md(label or url)
    return f"[{md(label or target)}](<{target}>)"


def h(text: object) -> str:
    """HTML text/attribute escaping (quotes included)."""
    return html.escape(str(text if text is not None else ""), quote=True)
