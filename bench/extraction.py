"""Extraction quality on the shared annotated pages: vicorpus vs plain trafilatura.

    python -m bench.extraction [--shared DIR] [--no-write] [--verbose]

Prints a side-by-side table (recall of must_contain, leak of must_not_contain,
titles, dates to the day and to the minute, list pages flagged) and writes
bench/results/extraction.md. Matching uses the pages README's norm().
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import sys
import time
import unicodedata
from datetime import datetime
from pathlib import Path

import trafilatura

from normalize.extract import EXTRACTOR, extract_article
from normalize.text import normalize_text
from vicorpus.timeutil import VIETNAM_TZ

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("VICORPUS_SHARED", REPO.parent / "shared"))
RESULTS = REPO / "bench" / "results" / "extraction.md"


def norm(s):
    s = unicodedata.normalize("NFC", html.unescape(s or ""))
    s = s.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", s).strip()


def load_pages(shared: Path) -> list[tuple[dict, bytes]]:
    pages = shared / "data" / "pages"
    out = []
    for entry in json.loads((pages / "pages.json").read_text(encoding="utf-8")):
        raw = (pages / entry["file"]).read_bytes()
        out.append((entry, gzip.decompress(raw) if entry["file"].endswith(".gz") else raw))
    return out


def plain_trafilatura(raw: bytes, url: str) -> dict:
    text = trafilatura.extract(raw, url=url, favor_precision=False) or ""
    meta = trafilatura.extract(raw, url=url, favor_precision=False, output_format="json",
                               with_metadata=True)
    meta = json.loads(meta) if meta else {}
    published = None
    if meta.get("date"):
        published = datetime.fromisoformat(meta["date"]).replace(tzinfo=VIETNAM_TZ)
    # trafilatura has no article/list verdict and no time of day
    return {"title": meta.get("title") or "", "text": text, "published_at": published,
            "is_article": True, "has_time": False}


def ours(raw: bytes, url: str) -> dict:
    result = extract_article(raw, url) or {"title": "", "text": "", "published_at": None,
                                           "is_article": False}
    result["has_time"] = True
    return result


def score_page(entry: dict, result: dict) -> dict:
    text = norm(result["text"])
    # A string counts in its annotated form or in the form the normalization policy gives
    # it (one tone-mark convention: the page's "Uỷ ban" is released as "Ủy ban").
    found = [s in text or norm(normalize_text(s)) in text for s in entry["must_contain"]]
    contained = sum(found)
    leaked = [s for s in entry["must_not_contain"] if s in text]
    row = {"file": entry["file"], "is_article": entry["is_article"],
           "contain": contained, "contain_of": len(entry["must_contain"]),
           "leaked": len(leaked), "leak_of": len(entry["must_not_contain"]),
           "leaked_strings": leaked,
           "missed": [s for s, ok in zip(entry["must_contain"], found) if not ok]}
    if entry["is_article"]:
        row["title_ok"] = norm(result["title"]) == entry["title"]
        gold = datetime.fromisoformat(entry["published"])
        got = result["published_at"]
        row["day_ok"] = got is not None and str(got.astimezone(VIETNAM_TZ))[:10] == entry["published"][:10]
        has_time = "T" in entry["published"]
        row["minute_ok"] = (has_time and got is not None and result["has_time"]
                            and got.astimezone(VIETNAM_TZ).replace(second=0, tzinfo=None)
                            == gold.replace(second=0, tzinfo=None))
        row["got_title"], row["got_date"] = result["title"], str(got)
    else:
        row["flagged"] = not result["is_article"] or not text
    return row


def summarize(rows: list[dict]) -> dict:
    arts = [r for r in rows if r["is_article"]]
    lists = [r for r in rows if not r["is_article"]]
    return {
        "recall": sum(r["contain"] for r in arts) / max(1, sum(r["contain_of"] for r in arts)),
        "recall_n": f'{sum(r["contain"] for r in arts)}/{sum(r["contain_of"] for r in arts)}',
        "leak": sum(r["leaked"] for r in rows) / max(1, sum(r["leak_of"] for r in rows)),
        "leak_n": f'{sum(r["leaked"] for r in rows)}/{sum(r["leak_of"] for r in rows)}',
        "title": f'{sum(r["title_ok"] for r in arts)}/{len(arts)}',
        "day": f'{sum(r["day_ok"] for r in arts)}/{len(arts)}',
        "minute": f'{sum(r["minute_ok"] for r in arts)}/{len(arts)}',
        "flagged": f'{sum(r["flagged"] for r in lists)}/{len(lists)}',
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "pages" / "pages.json").is_file():
        print(f"shared pages not found under {args.shared}", file=sys.stderr)
        return 2
    pages = load_pages(args.shared)
    results, timings = {}, {}
    for name, fn in (("trafilatura 2.3.1 (plain)", plain_trafilatura), (EXTRACTOR, ours)):
        start = time.perf_counter()
        results[name] = [score_page(e, fn(raw, e["url"])) for e, raw in pages]
        timings[name] = time.perf_counter() - start
    names = list(results)
    sums = {n: summarize(results[n]) for n in names}
    lines = ["## Extraction quality (shared annotated pages)", "",
             f"{sum(e['is_article'] for e, _ in pages)} articles, "
             f"{sum(not e['is_article'] for e, _ in pages)} list pages; "
             "matching with the pages README's norm().", "",
             "| metric | " + " | ".join(names) + " |", "| --- | " + " | ".join("---" for _ in names) + " |"]
    for label, key in (("must_contain recall (articles)", "recall"), ("must_not_contain leak (all pages)", "leak")):
        lines.append(f"| {label} | " + " | ".join(
            f"{sums[n][key]:.3f} ({sums[n][key + '_n']})" for n in names) + " |")
    for label, key in (("titles exact", "title"), ("date, day", "day"),
                       ("date, to the minute", "minute"), ("list pages flagged", "flagged")):
        lines.append(f"| {label} | " + " | ".join(sums[n][key] for n in names) + " |")
    lines.append("| seconds for all pages | " + " | ".join(f"{timings[n]:.2f}" for n in names) + " |")
    lines += ["", "Per page (ours):", "", "| page | contain | leaked | title | minute / flagged |",
              "| --- | --- | --- | --- | --- |"]
    for r in results[names[1]]:
        last = (("ok" if r["minute_ok"] else "no") if r["is_article"]
                else ("flagged" if r["flagged"] else "NOT flagged"))
        lines.append(f"| {r['file']} | {r['contain']}/{r['contain_of']} | {r['leaked']}/{r['leak_of']} | "
                     f"{'ok' if r.get('title_ok', True) else 'no'} | {last} |")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.verbose:
        for r in results[names[1]]:
            if r["missed"] or r["leaked_strings"] or not r.get("title_ok", True) or not r.get("minute_ok", True) or not r.get("flagged", True):
                print(r["file"], "MISSED", r["missed"], "LEAKED", r["leaked_strings"],
                      r.get("got_title"), r.get("got_date"))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
