"""Extract-stage throughput: per step, 1 vs 2 workers, overhead over plain trafilatura+underthesea.

    python -m bench.extract_speed [--repeat 3] [--shards 4]

Reads the article pages of ../shared/data/pages (falls back to tests/data/stage/pages),
writes bench/results/extract_speed.md. The default run takes about a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_PAGES = Path(os.environ.get("VICORPUS_SHARED", REPO.parent / "shared")) / "data" / "pages"
OUT = REPO / "bench" / "results" / "extract_speed.md"


def _pages() -> list[tuple[str, bytes]]:
    folder = SHARED_PAGES if SHARED_PAGES.is_dir() else REPO / "tests" / "data" / "stage" / "pages"
    files = sorted(p for p in folder.glob("*.html") if "_list_" not in p.name)
    return [(f"http://127.0.0.1:8000/{p.stem}-{i:05d}.htm", p.read_bytes()) for i, p in enumerate(files)]


def _timed(fn, items) -> tuple[float, list]:
    start = time.perf_counter()
    out = [fn(item) for item in items]
    return time.perf_counter() - start, out


def step_rates(pages, repeat: int) -> tuple[list[tuple[str, float, float]], float, float]:
    from normalize.extract import extract_article
    from normalize.lid import language_score
    from normalize.pii import redact_pii
    from normalize.quality import quality_reason
    from normalize.segment import load_segmenter, segment_text
    from normalize.text import normalize_text
    from vicorpus.config import ExtractSettings

    load_segmenter()
    work = pages * repeat
    mb = sum(len(body) for _, body in work) / 1e6
    settings = ExtractSettings()
    rows = []
    t_extract, articles = _timed(lambda p: extract_article(p[1], p[0]), work)
    texts = [a["text"] for a in articles if a and a["text"]]
    text_mb = sum(len(t.encode()) for t in texts) / 1e6
    rows.append(("extraction (incl. normalize_text)", len(work) / t_extract, mb / t_extract))
    for name, fn in [("normalize_text (again, idempotent pass)", normalize_text), ("LID", language_score),
                     ("quality filters", lambda t: quality_reason(t, settings)), ("PII", redact_pii),
                     ("segmentation", segment_text)]:
        seconds, _ = _timed(fn, texts)
        rows.append((name, len(texts) / seconds, text_mb / seconds))

    # The same pages through plain trafilatura + underthesea (no sapo, no filters, no PII)
    # and through our whole per-doc path, in alternating rounds; the fastest round of each
    # side counts (noise on a shared machine only ever adds time).
    import trafilatura
    from underthesea import word_tokenize

    def plain_path():
        for url, body in pages:
            text = trafilatura.extract(body.decode("utf-8", "replace"), url=url) or ""
            word_tokenize(text, format="text")

    def our_path():
        for url, body in pages:
            article = extract_article(body, url)
            text = article["text"] if article else ""
            if text:
                language_score(text), quality_reason(text, settings), redact_pii(text), segment_text(text)

    plain = ours = float("inf")
    for _ in range(repeat):
        for fn in (our_path, plain_path):
            start = time.perf_counter()
            fn()
            took = time.perf_counter() - start
            if fn is our_path:
                ours = min(ours, took)
            else:
                plain = min(plain, took)
    return rows, plain, ours


def stage_scaling(pages, shards: int, per_shard: int) -> dict[int, float]:
    spec = importlib.util.spec_from_file_location("stage_warcs", REPO / "tests" / "data" / "stage" / "warcs.py")
    warcs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(warcs)
    from normalize.stage import run_extract
    from vicorpus.config import ExtractSettings
    from vicorpus.workdir import prepare_workdir

    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        items = [{"url": url, "status": 200, "body": body} for url, body in pages]
        for workers in (1, 2):
            workdir = prepare_workdir(Path(tmp) / f"w{workers}")
            for shard in range(shards):
                chunk = [dict(item, url=f"{item['url']}?s={shard}&k={k}") for k in range(per_shard) for item in items]
                warcs.write_warc(workdir.warc / f"bench-20260101T000000Z-{shard:05d}.warc.gz", chunk)
            start = time.perf_counter()
            summary = run_extract(workdir, ExtractSettings(workers=workers), progress=False)
            seconds[workers] = time.perf_counter() - start
            seconds[f"docs{workers}"] = summary["rows"]
    return seconds


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the pages for per-step rates")
    parser.add_argument("--shards", type=int, default=4, help="WARC shards for the worker scaling run")
    parser.add_argument("--per-shard", type=int, default=6, help="copies of the pages per shard")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.shards < 2 or args.per_shard < 1:
        parser.error("--repeat >= 1, --shards >= 2, --per-shard >= 1")
    pages = _pages()
    rows, plain, ours = step_rates(pages, args.repeat)
    scaling = stage_scaling(pages, args.shards, args.per_shard)
    docs = scaling["docs1"]
    lines = ["## Extract stage speed (bench/extract_speed.py)", "",
             f"{len(pages)} article pages x {args.repeat} passes, one process (rates per core).", "",
             "| step | docs/s | MB/s |", "|---|---:|---:|"]
    lines += [f"| {name} | {rate:.1f} | {mbps:.2f} |" for name, rate, mbps in rows]
    speedup = scaling[1] / scaling[2]
    lines += ["", f"Whole stage (`run_extract`, {args.shards} shards, {docs} docs, process pool (fork when single-threaded, else spawn); worker start-up"
              " and model load included):", "",
              f"- 1 worker: {scaling[1]:.2f} s ({docs / scaling[1]:.1f} docs/s)",
              f"- 2 workers: {scaling[2]:.2f} s ({docs / scaling[2]:.1f} docs/s), speed-up {speedup:.2f}x (target >= 1.8x)",
              "", f"Overhead over plain trafilatura.extract + underthesea.word_tokenize on the same {len(pages)} pages "
              f"(fastest of {args.repeat} alternating rounds each; ours = extract_article + LID + filters + PII + "
              f"segment_text): ours {ours:.2f} s vs plain {plain:.2f} s = {100 * (ours / plain - 1):+.0f}% (target <= +15%).",
              "", f"Machine: {os.cpu_count()} CPUs shared with other work; numbers are noisy.", ""]
    text = "\n".join(lines)
    print(text)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
