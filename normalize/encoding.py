"""Bytes -> str for HTML pages: BOM, HTTP charset, <meta> charset, then detection.

Vietnamese sites add two traps to the usual ones: pages in windows-1258 (base letter
plus a combining tone mark; NFC later composes them) and UTF-8 pages mislabelled as
latin-1/windows-1252, which would turn every diacritic into mojibake.
"""

from __future__ import annotations

import codecs
import re

# WHATWG: these labels all mean windows-1252 in a browser.
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
                  "cp1252", "windows-1252", "x-cp1252", "cp819", "ibm819"}
_LABEL_ALIASES = {"windows-1258": "cp1258", "x-cp1258": "cp1258", "cp1258": "cp1258",
                  "utf8": "utf-8", "unicode": "utf-8", "x-unicode20utf8": "utf-8"}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def codec_name(label: str | None) -> str | None:
    """The Python codec for a charset label (WHATWG-style), or None if unknown.

    >>> codec_name("ISO-8859-1"), codec_name("windows-1258"), codec_name("bogus")
    ('cp1252', 'cp1258', None)
    """
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _LATIN1_LABELS:
        return "cp1252"
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _display_name(codec: str) -> str:
    return {"cp1258": "windows-1258", "cp1252": "windows-1252"}.get(codec, codec)


def _utf8(data: bytes) -> str | None:
    """Strict UTF-8, tolerating only a multibyte character cut at the very end."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start >= len(data) - 3 and err.reason in ("unexpected end of data",
                                                         "invalid continuation byte"):
            return data[: err.start].decode("utf-8", errors="replace")
        return None


def _has_multibyte_utf8(data: bytes) -> bool:
    return re.search(rb"[\xc2-\xf4][\x80-\xbf]", data) is not None


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return ``(text, encoding_used)``.

    Order: BOM, HTTP charset, ``<meta charset>`` (first 64 KB), strict UTF-8,
    charset-normalizer, windows-1258. A latin-1/windows-1252 label on bytes that
    are valid UTF-8 with multibyte sequences is taken as a mislabelled UTF-8 page.

    >>> decode_html("Việt Nam".encode("utf-8"), "iso-8859-1")
    ('Việt Nam', 'utf-8')
    """
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"decode_html wants bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), codec
    declared = [codec_name(http_charset)]
    match = _META_CHARSET.search(data[:65536])
    declared.append(codec_name(match.group(1).decode("ascii", "ignore")) if match else None)
    for codec in declared:
        if codec is None:
            continue
        if codec in ("utf-8",):
            text = _utf8(data)
            if text is not None:
                return text, "utf-8"
            continue  # declared UTF-8 but is not: fall through to the next clue
        if codec == "cp1252" and _has_multibyte_utf8(data):
            text = _utf8(data)
            if text is not None:
                return text, "utf-8"
        if codec.startswith("utf-16") or codec.startswith("utf-32"):
            continue  # a byte-oriented page cannot be UTF-16 without a BOM
        return data.decode(codec, errors="replace"), _display_name(codec)
    text = _utf8(data)
    if text is not None:
        return text, "utf-8"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:262144]).best()
    except Exception:  # detection is a hint only
        best = None
    if best is not None and best.encoding not in ("utf_16", "utf_32", "utf_8"):
        codec = codec_name(best.encoding) or "cp1258"
        if codec in ("cp1252", "cp1258") or not codec.startswith("utf"):
            # Vietnamese pages that are not UTF-8 are windows-1258 far more often
            # than the western code page a detector guesses from the same bytes.
            if codec == "cp1252" and re.search(rb"[\xcc\xd2\xde\xec\xf2]", data):
                codec = "cp1258"
            return data.decode(codec, errors="replace"), _display_name(codec)
    return data.decode("cp1258", errors="replace"), "windows-1258"
