"""Check tests/data/real_pages/pages.json against the saved pages, mechanically.

Every page is read from its file (gunzipped when the name ends in .gz), its
visible text is built the way the shared pages README describes (body text
without script/style/noscript/template/svg/iframe, block elements separated by
whitespace, then normalised: HTML entities unescaped, NFC, U+00A0 -> space,
zero-width characters removed, whitespace collapsed), and each annotation is
checked against it:

- every must_contain / must_not_contain string and every article title occurs
  in the visible text, and each must_contain string lies inside one block;
- no string is in both lists; strings are NFC and already normalised;
- published parses as ISO 8601 (date, or date-time with an offset);
- files exist and gunzip; required keys are present; split is "tune" or
  "heldout", the same for every page of one domain, and the one the split rule
  below gives; list pages carry no must_contain and no published date.

Split rule (fixed before any extraction was run on these pages; see the README):
a domain that is also in ../shared/data/pages is "tune"; every other domain has
a kind in KIND ("state": government portals and media owned by a state body or
a Party committee; "other": mass-organisation, association and commercial
media); within each kind, domains sorted by name take heldout, heldout, tune,
heldout, heldout, tune, ...

Usage::

    python tools/check_real_pages.py                 # check, exit 1 on any problem
    python tools/check_real_pages.py --dump FILE     # print the visible blocks of one page

Example (as a library)::

    >>> norm("a&nbsp;\u00a0b\u200b  c")
    'a b c'

Needs only the standard library and lxml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

PAGES_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "real_pages"

# Subtrees whose text a reader never sees.
INVISIBLE = {"script", "style", "noscript", "template", "svg", "iframe", "head", "title"}
# Elements that start a new block of text (HTML block and table/list elements).
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li",
    "main", "menu", "nav", "ol", "option", "p", "pre", "section", "select", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
# Domains of ../shared/data/pages: extraction was tuned on them, so they are always "tune".
SHARED_DOMAINS = {
    "baochinhphu.vn", "baodautu.vn", "cafef.vn", "dantri.com.vn", "nld.com.vn", "tuoitre.vn",
    "vietnamnet.vn", "vnexpress.net",
}
# Kind of every other domain (who owns the outlet, per its own masthead/footer).
KIND = {
    "hanoimoi.vn": "state",            # Báo Hànộimới, Thành ủy Hà Nội
    "nhandan.vn": "state",             # Báo Nhân Dân, Ban Chấp hành Trung ương Đảng
    "plo.vn": "state",                 # Báo Pháp Luật TP.HCM, UBND TP.HCM
    "sotttt.hanoi.gov.vn": "state",    # Cổng TTĐT Sở Thông tin và Truyền thông Hà Nội
    "tinnhanhchungkhoan.vn": "state",  # Báo Đầu tư (state ministry newspaper)
    "vietnamplus.vn": "state",         # Thông tấn xã Việt Nam
    "bongdaplus.vn": "other",          # Tạp chí Bóng đá
    "genk.vn": "other",                # VCCorp
    "laodong.vn": "other",             # Tổng Liên đoàn Lao động Việt Nam
    "nguoiquansat.vn": "other",        # INTECH
    "soha.vn": "other",                # VCCorp
    "thanhnien.vn": "other",           # Hội Liên hiệp Thanh niên Việt Nam
    "tienphong.vn": "other",           # Trung ương Đoàn TNCS Hồ Chí Minh
    "vietnambiz.vn": "other",          # VietNewsCorp
    "znews.vn": "other",               # Tạp chí Tri Thức, Hội Xuất bản Việt Nam
}
SPLIT_PATTERN = ("heldout", "heldout", "tune")


def expected_splits() -> dict[str, str]:
    """Split of every known domain under the rule above."""
    out = dict.fromkeys(SHARED_DOMAINS, "tune")
    for kind in sorted(set(KIND.values())):
        for i, domain in enumerate(sorted(d for d, k in KIND.items() if k == kind)):
            out[domain] = SPLIT_PATTERN[i % len(SPLIT_PATTERN)]
    return out


KEYS = {
    "file", "url", "domain", "origin_repo", "origin_path", "origin_commit", "origin_licence",
    "is_article", "title", "published", "must_contain", "must_not_contain", "notes", "split",
}


def norm(text: str | None) -> str:
    """Normalise like the shared pages README: unescape, NFC, nbsp/zero-width, collapse spaces."""
    text = unicodedata.normalize("NFC", html.unescape(text or ""))
    text = text.replace("\u00a0", " ").translate(ZERO_WIDTH)
    return re.sub(r"\s+", " ", text).strip()


def load(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.name.endswith(".gz") else raw


CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def decode(page: bytes) -> str:
    """Decode with a BOM, else the first meta charset anywhere in the first 64 KiB, else UTF-8.

    Looking further than a browser's 1 KiB sniff window is deliberate: one saved
    dantri.com.vn page declares its charset only at byte 5760, and the text the
    reader sees is UTF-8.
    """
    if page.startswith(b"\xef\xbb\xbf"):
        return page[3:].decode("utf-8", "replace")
    found = CHARSET.search(page[:65536])
    encoding = found.group(1).decode("ascii").lower() if found else "utf-8"
    try:
        return page.decode(encoding, "replace")
    except LookupError:
        return page.decode("utf-8", "replace")


def visible_blocks(page: bytes) -> list[str]:
    """Visible text of the page body as a list of normalised blocks (empty ones dropped)."""
    text = re.sub(r"^\s*<\?xml[^>]*>", "", decode(page))  # lxml refuses str with an XML declaration
    root = lxml_html.document_fromstring(text)
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = norm("".join(current))
        if text:
            blocks.append(text)
        current.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is None:  # comment or processing instruction: skip itself, keep its tail
            if el.tail:
                current.append(el.tail)
            return
        if tag in INVISIBLE:
            if el.tail:
                current.append(el.tail)
            return
        is_block = tag in BLOCK
        if is_block:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if is_block:
            flush()
        if el.tail:
            current.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return blocks


def check_entry(entry: dict, problems: list[str]) -> None:
    name = entry.get("file", "?")

    def bad(msg: str) -> None:
        problems.append(f"{name}: {msg}")

    missing = KEYS - entry.keys()
    if missing:
        bad(f"missing keys {sorted(missing)}")
        return
    path = PAGES_DIR / entry["file"]
    if not path.exists():
        bad("file does not exist")
        return
    try:
        page = load(path)
    except OSError as err:
        bad(f"cannot read/gunzip: {err}")
        return
    blocks = visible_blocks(page)
    whole = " ".join(blocks)

    strings = [("title", entry["title"])] if entry["is_article"] else []
    strings += [("must_contain", s) for s in entry["must_contain"]]
    strings += [("must_not_contain", s) for s in entry["must_not_contain"]]
    for kind, s in strings:
        if s != norm(s):
            bad(f"{kind} string is not NFC/normalised: {s!r}")
        if kind == "must_contain":
            if not any(s in block for block in blocks):
                where = "only across blocks" if s in whole else "not in the visible text"
                bad(f"must_contain {where}: {s!r}")
        elif s not in whole:
            bad(f"{kind} not in the visible text: {s!r}")
    both = set(entry["must_contain"]) & set(entry["must_not_contain"])
    if both:
        bad(f"strings in both lists: {sorted(both)}")

    if entry["is_article"]:
        if not 3 <= len(entry["must_contain"]) <= 6:
            bad("an article needs 3-6 must_contain strings")
    elif entry["must_contain"] or entry["published"]:
        bad("a list page has no must_contain and no published date")
    if not 3 <= len(entry["must_not_contain"]) <= 6:
        bad("needs 3-6 must_not_contain strings")

    published = entry["published"]
    if published is not None:
        try:
            if "T" in published:
                when = dt.datetime.fromisoformat(published)
                if when.tzinfo is None:
                    bad(f"published time has no offset: {published}")
            else:
                dt.date.fromisoformat(published)
        except ValueError:
            bad(f"published does not parse: {published!r}")
    if entry["split"] not in ("tune", "heldout"):
        bad(f"split must be tune or heldout, not {entry['split']!r}")
    if not re.fullmatch(r"[0-9a-f]{40}", entry["origin_commit"]):
        bad("origin_commit is not a 40-hex commit id")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", metavar="FILE", help="print the visible blocks of one page file")
    args = parser.parse_args(argv)
    if args.dump:
        path = Path(args.dump)
        if not path.exists():
            path = PAGES_DIR / args.dump
        for i, block in enumerate(visible_blocks(load(path))):
            print(f"{i:4d}  {block}")
        return 0

    entries = json.loads((PAGES_DIR / "pages.json").read_text(encoding="utf-8"))
    problems: list[str] = []
    splits: dict[str, set[str]] = defaultdict(set)
    seen_files: set[str] = set()
    for entry in entries:
        check_entry(entry, problems)
        splits[entry.get("domain", "?")].add(entry.get("split"))
        if entry.get("file") in seen_files:
            problems.append(f"{entry.get('file')}: listed twice")
        seen_files.add(entry.get("file"))
    rule = expected_splits()
    for domain, values in sorted(splits.items()):
        if len(values) > 1:
            problems.append(f"{domain}: pages are split across {sorted(map(str, values))}")
        elif domain not in rule:
            problems.append(f"{domain}: no kind in KIND (add it before placing the site)")
        elif values != {rule[domain]}:
            problems.append(f"{domain}: split {sorted(map(str, values))[0]}, the rule gives {rule[domain]}")
    on_disk = {p.name for p in PAGES_DIR.iterdir() if ".htm" in p.name}
    for orphan in sorted(on_disk - seen_files):
        problems.append(f"{orphan}: file has no entry in pages.json")

    for line in problems:
        print(line)
    articles = sum(e.get("is_article", False) for e in entries)
    for split in ("tune", "heldout"):
        part = [e for e in entries if e.get("split") == split]
        arts = sum(e.get("is_article", False) for e in part)
        doms = {e.get("domain") for e in part}
        print(f"  {split}: {len(part)} pages ({arts} articles, {len(part) - arts} list pages), "
              f"{len(doms)} domains")
    print(f"{len(entries)} pages ({articles} articles, {len(entries) - articles} list pages), "
          f"{len(splits)} domains, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
