"""Extraction quality, vicorpus vs plain trafilatura, on annotated real pages, by split.

    python -m bench.extraction [--shared DIR] [--real DIR] [--rounds N] [--no-write] [--verbose]

Sets (each skipped with a printed reason when absent):
- shared: ../shared/data/pages (the pages extraction was built on);
- fixtures: tests/data/extract/pages.json (our own government templates);
- tune / heldout: tests/data/real_pages/pages.json, split by site ("split" key).
  Only shared, fixtures and tune were used to tune extraction; heldout is reported.

Both sides get the same bytes and URL, one call per page, no crawl discovery:
- ours: ``normalize.extract_article(html, url)``;
- trafilatura: ``trafilatura.bare_extraction(html, url=url, with_metadata=True)`` with
  its own defaults, date parameters as trafilatura sets them plus an output format
  with hour and minute (so htmldate can report a time when it finds one). Its page
  verdict is what it says: no document or no text, or an og:type ``pagetype`` other
  than "article", counts as "not an article".

Measures per split: recall of must_contain (articles), leak of must_not_contain (all
pages, whatever the verdict; articles only; and in what a release would hold, where a
page dropped as not an article adds nothing), exact titles, publication time to the minute (articles whose page shows a
time), and the page-type confusion (articles dropped, list pages kept); recall and
leak also averaged over sites, and the split without its largest site when one site
holds more than a third of its pages. Timing: CPU
seconds per side over all pages, rounds alternating between the sides, best round.
Matching uses the pages README's norm(). Writes bench/results/extraction.md.
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
from datetime import datetime, timezone
from pathlib import Path

import trafilatura

from bench.results import stamp
from normalize.extract import EXTRACTOR, extract_article
from normalize.text import normalize_text
from vicorpus.timeutil import VIETNAM_TZ

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("VICORPUS_SHARED", REPO.parent / "shared"))
DEFAULT_REAL = REPO / "tests" / "data" / "real_pages"
FIXTURES = REPO / "tests" / "data" / "extract"
RESULTS = REPO / "bench" / "results" / "extraction.md"
SPLITS = ("shared", "fixtures", "tune", "heldout")
TRAFILATURA = f"trafilatura {trafilatura.__version__} (plain)"


def norm(s):
    s = unicodedata.normalize("NFC", html.unescape(s or ""))
    s = s.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", s).strip()


def _read(folder: Path, entry: dict) -> bytes:
    raw = (folder / entry["file"]).read_bytes()
    return gzip.decompress(raw) if entry["file"].endswith(".gz") else raw


def load_sets(shared: Path, real: Path) -> tuple[dict[str, list], list[str]]:
    """{split: [(entry, raw bytes)]} and the reasons for the sets left out."""
    sets: dict[str, list] = {name: [] for name in SPLITS}
    skipped = []
    sources = [("shared", shared / "data" / "pages"), ("fixtures", FIXTURES), (None, real)]
    for split, folder in sources:
        index = folder / "pages.json"
        if not index.is_file():
            skipped.append(f"{split or 'tune and heldout'}: no {index}")
            continue
        for entry in json.loads(index.read_text(encoding="utf-8")):
            name = split or entry.get("split")
            if name not in sets:
                skipped.append(f"{entry['file']}: unknown split {name!r}")
                continue
            sets[name].append((entry, _read(folder, entry)))
    for name in SPLITS:
        if not sets[name] and not any(name in s.split(":")[0] for s in skipped):
            skipped.append(f"{name}: no pages")
    return {k: v for k, v in sets.items() if v}, skipped


_TRAFILATURA_DATES = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z",
                      "max_date": datetime.now().astimezone().strftime("%Y-%m-%d")}


def plain_trafilatura(raw: bytes, url: str) -> dict:
    document = trafilatura.bare_extraction(raw, url=url, with_metadata=True,
                                           date_extraction_params=dict(_TRAFILATURA_DATES))
    if document is None:
        return {"title": "", "text": "", "published_at": None, "is_article": False}
    published = None
    if document.date:
        moment = datetime.fromisoformat(document.date)
        published = moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM_TZ)
    text = document.text or ""
    pagetype = (document.pagetype or "").strip().lower()
    return {"title": document.title or "", "text": text, "published_at": published,
            "is_article": bool(text.strip()) and pagetype in ("", "article")}


def ours(raw: bytes, url: str) -> dict:
    return extract_article(raw, url) or {"title": "", "text": "", "published_at": None, "is_article": False}


SIDES = {TRAFILATURA: plain_trafilatura, EXTRACTOR: ours}


def score_page(entry: dict, result: dict) -> dict:
    text = norm(result["text"])
    # A string counts in its annotated form or in the form the normalization policy gives
    # it (one tone-mark convention: the page's "Uỷ ban" is released as "Ủy ban").
    found = [s in text or norm(normalize_text(s)) in text for s in entry["must_contain"]]
    leaked = [s for s in entry["must_not_contain"] if s in text]
    row = {"file": entry["file"], "domain": entry.get("domain"), "is_article": entry["is_article"],
           "verdict": bool(result["is_article"]),
           "contain": sum(found), "contain_of": len(entry["must_contain"]),
           "leaked": len(leaked), "leak_of": len(entry["must_not_contain"]), "leaked_strings": leaked,
           "missed": [s for s, ok in zip(entry["must_contain"], found) if not ok],
           "title_ok": None, "minute_ok": None}
    if entry["is_article"]:
        row["title_ok"] = norm(result["title"]) == entry["title"]
        got = result["published_at"]
        if entry.get("published") and "T" in entry["published"]:
            gold = datetime.fromisoformat(entry["published"])
            gold = gold if gold.tzinfo else gold.replace(tzinfo=VIETNAM_TZ)
            row["minute_ok"] = (got is not None and got.astimezone(timezone.utc).replace(second=0, microsecond=0)
                                == gold.astimezone(timezone.utc).replace(second=0, microsecond=0))
        row["got_title"], row["got_date"] = result["title"], str(got)
    return row


def summarize(rows: list[dict]) -> dict:
    arts = [r for r in rows if r["is_article"]]
    lists = [r for r in rows if not r["is_article"]]
    timed = [r for r in arts if r["minute_ok"] is not None]
    contain, contain_of = sum(r["contain"] for r in arts), sum(r["contain_of"] for r in arts)
    leaked, leak_of = sum(r["leaked"] for r in rows), sum(r["leak_of"] for r in rows)
    art_leaked, art_leak_of = sum(r["leaked"] for r in arts), sum(r["leak_of"] for r in arts)
    # what a release holds: a page the side drops as not an article releases no text
    out_leaked = sum(r["leaked"] for r in rows if r["verdict"])
    return {
        "leak_released": f"{out_leaked / leak_of:.3f} ({out_leaked}/{leak_of})" if leak_of else "-",
        "leak_articles": f"{art_leaked / art_leak_of:.3f} ({art_leaked}/{art_leak_of})" if art_leak_of else "-",
        "recall": f"{contain / contain_of:.3f} ({contain}/{contain_of})" if contain_of else "-",
        "leak": f"{leaked / leak_of:.3f} ({leaked}/{leak_of})" if leak_of else "-",
        "title": f'{sum(r["title_ok"] for r in arts)}/{len(arts)}',
        "minute": f'{sum(r["minute_ok"] for r in timed)}/{len(timed)}',
        "dropped": f'{sum(not r["verdict"] for r in arts)}/{len(arts)}',
        "kept": f'{sum(r["verdict"] for r in lists)}/{len(lists)}',
    }


def macro(rows: list[dict]) -> dict:
    """Recall and leak averaged over sites (each site weighs the same)."""
    by_site: dict = {}
    for r in rows:
        by_site.setdefault(r["domain"], []).append(r)
    recalls, leaks = [], []
    for site_rows in by_site.values():
        contain_of = sum(r["contain_of"] for r in site_rows if r["is_article"])
        if contain_of:
            recalls.append(sum(r["contain"] for r in site_rows if r["is_article"]) / contain_of)
        leak_of = sum(r["leak_of"] for r in site_rows)
        if leak_of:
            leaks.append(sum(r["leaked"] for r in site_rows) / leak_of)
    return {"recall": f"{sum(recalls) / len(recalls):.3f} ({len(recalls)} sites)" if recalls else "-",
            "leak": f"{sum(leaks) / len(leaks):.3f} ({len(leaks)} sites)" if leaks else "-"}


def largest_site(rows: list[dict]) -> tuple[str, int] | None:
    """The site holding more than a third of a split's pages (a skew to report apart)."""
    counts: dict = {}
    for r in rows:
        counts[r["domain"]] = counts.get(r["domain"], 0) + 1
    site, n = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    return (site, n) if len(counts) > 1 and n * 3 > len(rows) else None


def run(sets: dict[str, list], rounds: int) -> tuple[dict, dict]:
    """Rows per (side, split) from the first round; best CPU seconds per side."""
    pages = [(split, entry, raw) for split, items in sets.items() for entry, raw in items]
    rows: dict = {}
    cpu: dict = {name: [] for name in SIDES}
    for round_no in range(rounds):
        order = list(SIDES) if round_no % 2 == 0 else list(reversed(SIDES))
        for name in order:
            fn = SIDES[name]
            start = time.process_time()
            results = [fn(raw, entry["url"]) for _, entry, raw in pages]
            cpu[name].append(time.process_time() - start)
            if round_no == 0:
                for (split, entry, _), result in zip(pages, results):
                    rows.setdefault((name, split), []).append(score_page(entry, result))
    return rows, {name: min(times) for name, times in cpu.items()}


_METRICS = (("must_contain recall (articles)", "recall"), ("must_not_contain leak (all pages)", "leak"),
            ("must_not_contain leak (articles)", "leak_articles"),
            ("must_not_contain leak in released text (all pages; a dropped page releases none)", "leak_released"),
            ("titles exact", "title"), ("publication time to the minute (pages showing one)", "minute"),
            ("articles dropped as not articles", "dropped"), ("list pages kept as articles", "kept"))


def report(sets: dict, skipped: list[str], rows: dict, cpu: dict, rounds: int) -> str:
    names = list(SIDES)
    lines = ["## Extraction quality (bench/extraction.py)", "", stamp(), "",
             "`python -m bench.extraction`. Both sides: one call per page, same bytes and "
             "URL, no crawl discovery; trafilatura with `with_metadata=True` and its own date settings "
             "(output format with the time of day); its page verdict is its own (no text, or og:type "
             "other than article = not an article). Tuned on shared, fixtures and tune only.", ""]
    for split in sets:
        items = sets[split]
        sites = len({e.get("domain") for e, _ in items})
        arts = sum(e["is_article"] for e, _ in items)
        lines += [f"### {split}: {arts} articles, {len(items) - arts} list pages, {sites} sites", "",
                  "| metric | " + " | ".join(names) + " |", "| --- | " + " | ".join("---" for _ in names) + " |"]
        sums = {n: summarize(rows[(n, split)]) for n in names}
        for label, key in _METRICS:
            lines.append(f"| {label} | " + " | ".join(sums[n][key] for n in names) + " |")
        means = {n: macro(rows[(n, split)]) for n in names}
        for label, key in (("must_contain recall, mean over sites", "recall"),
                           ("must_not_contain leak, mean over sites", "leak")):
            lines.append(f"| {label} | " + " | ".join(means[n][key] for n in names) + " |")
        skew = largest_site(rows[(names[0], split)])
        if skew:
            site, n_pages = skew
            rest = {n: summarize([r for r in rows[(n, split)] if r["domain"] != site]) for n in names}
            lines += ["", f"{split} without {site} ({n_pages} of its {len(items)} pages):", "",
                      "| metric | " + " | ".join(names) + " |", "| --- | " + " | ".join("---" for _ in names) + " |"]
            for label, key in _METRICS:
                lines.append(f"| {label} | " + " | ".join(rest[n][key] for n in names) + " |")
        lines.append("")
    lines.append(f"CPU seconds for all {sum(len(v) for v in sets.values())} pages, best of {rounds} "
                 "alternating rounds: " + ", ".join(f"{n} {cpu[n]:.2f}" for n in names) + ".")
    if skipped:
        lines += ["", "Left out: " + "; ".join(skipped) + "."]
    lines += ["", "Per page (ours): contain, leaked, title, minute, verdict (A = article kept, "
              "L = dropped as not an article).", "", "| split | page | contain | leaked | title | minute | verdict |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    mark = {True: "ok", False: "no", None: "-"}
    for split in sets:
        for r in rows[(names[1], split)]:
            wrong = r["verdict"] != r["is_article"]
            lines.append(f"| {split} | {r['file']} | {r['contain']}/{r['contain_of']} | {r['leaked']}/{r['leak_of']} | "
                         f"{mark[r['title_ok']]} | {mark[r['minute_ok']]} | "
                         f"{'A' if r['verdict'] else 'L'}{' (wrong)' if wrong else ''} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    sets, skipped = load_sets(args.shared, args.real)
    for reason in skipped:
        print(f"skipped: {reason}", file=sys.stderr)
    if not sets:
        print("no annotated pages found", file=sys.stderr)
        return 2
    rows, cpu = run(sets, max(1, args.rounds))
    text = report(sets, skipped, rows, cpu, max(1, args.rounds))
    print(text)
    if args.verbose:
        for (name, split), side_rows in rows.items():
            if name != EXTRACTOR:
                continue
            for r in side_rows:
                if r["missed"] or r["leaked_strings"] or r["title_ok"] is False or r["minute_ok"] is False \
                        or r["verdict"] != r["is_article"]:
                    print(split, r["file"], "MISSED", r["missed"], "LEAKED", r["leaked_strings"],
                          r.get("got_title"), r.get("got_date"), "verdict", r["verdict"])
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
