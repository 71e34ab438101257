"""Dedup at scale through the command a user runs: `vicorpus dedup` vs datasketch.

    python bench/dedup_bench.py             # 10k and 30k docs (a few minutes)
    python bench/dedup_bench.py --full      # 100k, 300k and 1M docs

1. A docs parquet as `vicorpus extract` writes it (the docs schema, one file per 10,000
   docs like one file per WARC shard, a few dropped rows) is generated once for the
   largest size by tests/data/dedup/newsgen.py (news-length Vietnamese stories, about
   30% syndicated copies, short items that reuse sentences of other stories, same-template
   notices, lead excerpts), seed 7 (the rule was tuned on seed 1). Smaller sizes use the
   first files of the same corpus.
2. For each size, `vicorpus dedup --workdir W --workers N` runs as a whole process; its
   wall time and the peak PSS of its process tree (every /proc/PID/smaps_rollup of the
   process and its descendants, sampled every 50 ms) are recorded.
3. In the same run, on the same texts, datasketch as its documentation recommends:
   ``MinHash.bulk`` over word 3-gram shingles, ``LeanMinHash``, ``MinHashLSH`` (threshold
   0.7, 128 permutations) filled in an ``insertion_session``, then every document queried
   and the results joined into clusters; one process (datasketch has no parallel mode),
   measured the same way.
4. Quality: pairwise precision/recall/F1 of both outputs against the generator's labels
   at the smallest size of 100k or more (else the largest), and of ``find_duplicates``
   (the same rule in memory) on the labelled sets.

Writes bench/results/dedup.md (both sections; `python -m bench.results` merges it into
bench/RESULTS.md). `python bench/dedup_quality.py` is the quick in-memory quality check.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "data" / "dedup"))
sys.path.insert(0, str(REPO))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

FILE_DOCS = 10_000
GENERATOR = "newsgen-1"
DEFAULT_DATA = Path(os.environ.get("VICORPUS_BENCH_DATA", "/tmp/vicorpus-dedup-bench"))


# --- the corpus ---------------------------------------------------------------------------

def build_corpus(data: Path, n_docs: int, seed: int) -> Path:
    """``data/corpus/docs/*.parquet`` (+ labels) for ``n_docs`` docs, reused when already built."""
    from newsgen import news_rows

    from vicorpus.schema import DOCS_SCHEMA

    corpus = data / "corpus"
    stamp = {"generator": GENERATOR, "seed": seed, "docs": n_docs, "file_docs": FILE_DOCS}
    done = corpus / "corpus.json"
    if done.is_file():  # a larger corpus of the same kind starts with the same files
        built = json.loads(done.read_text())
        if built.pop("docs") >= n_docs and built == {k: v for k, v in stamp.items() if k != "docs"}:
            return corpus
    for sub in ("docs", "labels"):
        (corpus / sub).mkdir(parents=True, exist_ok=True)
        for old in (corpus / sub).glob("*.parquet"):
            old.unlink()
    rows, labels, number = [], [], 0
    fetched = datetime(2026, 12, 1, tzinfo=timezone.utc)
    for k, r in enumerate(news_rows(n_docs, seed=seed)):
        dropped = k % 50 == 49  # 2% of rows dropped by extraction: not for dedup
        outlet = r["source"]
        rows.append({
            "id": r["id"], "text": r["text"], "text_segmented": _segmented(r["text"]), "title": r["title"],
            "url": r["url"], "source": outlet, "published_at": r["published_at"], "fetched_at": fetched,
            "language_score": 0.99, "n_words": len(r["text"].split()), "n_syllables": len(r["text"].split()),
            "licence": "Ghi rõ nguồn khi phát hành lại", "attribution": f"Nguồn: {outlet}",
            "warc_file": f"bench-{number:05d}.warc.gz", "warc_record_id": f"<urn:uuid:{r['id']}>",
            "warc_offset": k * 5000, "raw_sha256": None, "text_sha256": None, "extractor": "bench",
            "pipeline_version": "bench", "config_sha256": None, "dedup_cluster": None, "dedup_cluster_size": None,
            "duplicate_urls": [], "pii_redactions": 0, "credit": r["credit"],
            "drop_reason": "too_short" if dropped else None,
        })
        if not dropped:
            labels.append({"id": r["id"], "cluster": r["cluster"], "variant": r["variant"], "kind": r["kind"]})
        if len(rows) == FILE_DOCS:
            _write_file(corpus, number, rows, labels, DOCS_SCHEMA)
            rows, labels, number = [], [], number + 1
    if rows:
        _write_file(corpus, number, rows, labels, DOCS_SCHEMA)
    done.write_text(json.dumps(stamp))
    return corpus


_PAIR = re.compile(r"(\w+) (\w+)")


def _segmented(text: str) -> str:
    """A stand-in for word segmentation (same size as the real column): join word pairs."""
    return _PAIR.sub(r"\1_\2", text)


def _write_file(corpus: Path, number: int, rows: list, labels: list, schema: pa.Schema) -> None:
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), corpus / "docs" / f"bench-{number:05d}.parquet")
    pq.write_table(pa.Table.from_pylist(labels), corpus / "labels" / f"bench-{number:05d}.parquet")


def workdir_for(data: Path, corpus: Path, n_docs: int) -> Path:
    """A workdir whose docs are the first ``n_docs`` of the corpus (links to its files)."""
    work = data / f"work-{n_docs}"
    docs = work / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for old in docs.iterdir():
        old.unlink()
    for path in sorted((corpus / "docs").glob("*.parquet"))[: n_docs // FILE_DOCS]:
        (docs / path.name).symlink_to(path)
    return work


# --- measuring a whole process --------------------------------------------------------------

def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def measure(cmd: list[str], log: Path) -> dict:
    """Run ``cmd``; wall seconds, CPU seconds and peak PSS (MiB) of its whole process tree."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, sum(_pss_kib(pid) for pid in _tree(proc.pid)))
            time.sleep(0.05)
        wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {log.read_text()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the process and every descendant it waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall_s": wall, "cpu_s": cpu, "peak_pss_mib": peak / 1024}


# --- datasketch, as its docs recommend --------------------------------------------------------

def datasketch_side(docs: str, out: str, threshold: float = 0.7, num_perm: int = 128) -> None:
    """Cluster the kept docs of ``docs`` with datasketch; write (id, cluster) to ``out``."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    ids, sketches = [], []
    with lsh.insertion_session() as session:
        for path in sorted(Path(docs).glob("*.parquet")):
            for batch in pq.ParquetFile(path).iter_batches(batch_size=2000, columns=["id", "text", "drop_reason"]):
                kept = [(i, t) for i, t, d in zip(*(batch.column(c).to_pylist() for c in batch.schema.names))
                        if d is None]
                shingles = []
                for _, text in kept:
                    words = (text or "").lower().split()
                    shingles.append([" ".join(words[k : k + 3]).encode("utf-8")
                                     for k in range(max(1, len(words) - 2))])
                for (doc_id, _), m in zip(kept, MinHash.bulk(shingles, num_perm=num_perm)):
                    lean = LeanMinHash(m)
                    session.insert(doc_id, lean)
                    ids.append(doc_id)
                    sketches.append(lean)
    parent = {doc_id: doc_id for doc_id in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc_id, sketch in zip(ids, sketches):
        for other in lsh.query(sketch):
            a, b = find(doc_id), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    pq.write_table(pa.table({"id": ids, "cluster": [find(i) for i in ids]}), out)


# --- determinism ----------------------------------------------------------------------------------

def output_digest(work: Path) -> str:
    """sha256 over dedup.parquet and every file of the index (names and bytes)."""
    import hashlib

    h = hashlib.sha256()
    files = [work / "dedup" / "dedup.parquet"] + sorted(p for p in (work / "dedup" / "index").rglob("*") if p.is_file())
    for path in files:
        h.update(str(path.relative_to(work)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def determinism(data: Path, work: Path, workers: int, vicorpus: str) -> dict:
    """The same docs deduplicated again with 1 worker and on Ray: are the outputs the same bytes?"""
    want = output_digest(work)
    out = {}
    runs = [("1 worker (local)", ["--workers", "1"])]
    if _has_ray():
        runs.append((f"Ray, {workers} workers", ["--workers", str(workers), "--executor", "ray"]))
    for name, options in runs:
        again = data / "again"
        if again.exists():
            import shutil

            shutil.rmtree(again)
        (again).mkdir()
        (again / "docs").symlink_to(work / "docs")
        measure([vicorpus, "dedup", "--workdir", str(again), "--no-progress", *options], again.with_suffix(".log"))
        out[name] = output_digest(again) == want
    return out


def _has_ray() -> bool:
    import importlib.util

    return importlib.util.find_spec("ray") is not None


# --- quality ------------------------------------------------------------------------------------

def pair_scores(truth: dict[str, str], pred: dict[str, str]) -> dict:
    """Pairwise precision, recall, F1 (pairs of docs put together) from the contingency table."""
    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    ids = list(truth)
    tp = pairs(Counter((truth[i], pred[i]) for i in ids))
    predicted, true = pairs(Counter(pred[i] for i in ids)), pairs(Counter(truth[i] for i in ids))
    p = tp / predicted if predicted else 1.0
    r = tp / true if true else 1.0
    return {"docs": len(ids), "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "wrong_merges": predicted - tp, "missed_pairs": true - tp}


def labels_of(corpus: Path, n_docs: int) -> dict[str, str]:
    files = sorted((corpus / "labels").glob("*.parquet"))[: n_docs // FILE_DOCS]
    table = pa.concat_tables(pq.read_table(f) for f in files)
    return dict(zip(table.column("id").to_pylist(), table.column("cluster").to_pylist()))


def labelled_sets() -> list[tuple[str, dict]]:
    from dedup import find_duplicates
    from synth import labelled_set

    sets = []
    sample = Path(os.environ.get("VICORPUS_SHARED", REPO.parent / "shared")) / "data" / "neardup_sample.jsonl"
    if sample.is_file():
        sets.append(("shared/data/neardup_sample.jsonl", [json.loads(line) for line in
                                                         sample.read_text(encoding="utf-8").splitlines() if line]))
    sets.append(("tests/data/dedup synth.labelled_set(400, seed 7)", labelled_set(400, seed=7)))
    out = []
    for name, rows in sets:
        pred = find_duplicates((r["id"], r["text"]) for r in rows)
        scores = pair_scores({r["id"]: r["cluster"] for r in rows}, pred)
        # A hard negative: two clusters the set says are not duplicates of each other.
        scores["hard_negative_merges"] = sum(
            1 for r in rows for neg in r.get("not_dup_of", [])
            if any(pred[r["id"]] == pred[o["id"]] for o in rows if o["cluster"] == neg["cluster"]))
        out.append((name, scores))
    return out


# --- the run --------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="100k, 300k and 1M docs")
    ap.add_argument("--sizes", help="comma-separated doc counts (multiples of 10000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="where the generated corpus is kept")
    ap.add_argument("--no-peer", action="store_true", help="skip datasketch")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--datasketch-side", nargs=2, metavar=("DOCS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.datasketch_side:
        datasketch_side(*args.datasketch_side)
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else \
        ([100_000, 300_000, 1_000_000] if args.full else [10_000, 30_000])
    if any(s % FILE_DOCS for s in sizes):
        ap.error(f"sizes must be multiples of {FILE_DOCS}")
    t0 = time.perf_counter()
    corpus = build_corpus(args.data, max(sizes), args.seed)
    print(json.dumps({"corpus_docs": max(sizes), "seed": args.seed, "build_s": round(time.perf_counter() - t0, 1)}))
    quality_size = min([s for s in sizes if s >= 100_000] or [max(sizes)])
    vicorpus = str(Path(sys.executable).with_name("vicorpus"))
    scale, quality, same = [], {}, {}
    for n in sizes:
        work = workdir_for(args.data, corpus, n)
        ours = measure([vicorpus, "dedup", "--workdir", str(work), "--workers", str(args.workers), "--no-progress"],
                       work / "ours.log")
        summary = json.loads((work / "dedup" / "summary.json").read_text())
        row = {"docs": summary["docs"], "ours": ours, "candidate_pairs": summary["candidate_pairs"],
               "clusters": summary["clusters"], "removed": summary["removed"]}
        peer_out = work / "datasketch.parquet"
        if not args.no_peer:
            row["datasketch"] = measure([sys.executable, __file__, "--datasketch-side", str(work / "docs"),
                                         str(peer_out)], work / "datasketch.log")
        scale.append(row)
        print(json.dumps(row))
        if n == quality_size:
            truth = labels_of(corpus, n)
            table = pq.read_table(work / "dedup" / "dedup.parquet", columns=["id", "dedup_cluster"])
            quality["vicorpus dedup"] = pair_scores(truth, dict(zip(*(table.column(c).to_pylist()
                                                                     for c in ("id", "dedup_cluster")))))
            if not args.no_peer:
                peer = pq.read_table(peer_out)
                quality["datasketch (no verification)"] = pair_scores(
                    truth, dict(zip(peer.column("id").to_pylist(), peer.column("cluster").to_pylist())))
            print(json.dumps({"quality_docs": n, **quality}))
            same = determinism(args.data, work, args.workers, vicorpus)
            print(json.dumps({"byte_identical_to_workers_" + str(args.workers): same}))
    sets = labelled_sets()
    for name, scores in sets:
        print(json.dumps({"set": name, **scores}))
    text = _report(args, sizes, scale, quality, quality_size, sets, same)
    print(text)
    if not args.no_write:
        out = REPO / "bench" / "results" / "dedup.md"
        out.write_text("# Dedup benchmarks\n\n" + text, encoding="utf-8")
        print(f"wrote {out.relative_to(REPO)}")


def _report(args, sizes, scale, quality, quality_size, sets, same) -> str:
    from bench.results import stamp

    command = "python bench/dedup_bench.py" + (" --full" if args.full else f" --sizes {','.join(map(str, sizes))}")
    lines = ["## Dedup at scale, through `vicorpus dedup`", "", stamp(), "",
             f"`{command}` ({os.cpu_count()} cores); `vicorpus dedup --workers {args.workers}` and the "
             "datasketch script as whole processes, peak PSS of the process tree. Generated docs parquet "
             f"(seed {args.seed}), one file per {FILE_DOCS:,} docs.", "",
             "| docs | vicorpus dedup s (CPU s) | peak PSS MiB | datasketch s (CPU s) | peak PSS MiB | "
             "speed-up, wall (CPU) | candidate pairs | clusters |",
             "|---|---|---|---|---|---|---|---|"]
    for r in scale:
        o, d = r["ours"], r.get("datasketch")
        lines.append(f"| {r['docs']:,} | {o['wall_s']:.1f} ({o['cpu_s']:.0f}) | {o['peak_pss_mib']:.0f} | "
                     + (f"{d['wall_s']:.1f} ({d['cpu_s']:.0f}) | {d['peak_pss_mib']:.0f} | "
                        f"{d['wall_s'] / o['wall_s']:.2f}× ({d['cpu_s'] / o['cpu_s']:.2f}×) | " if d else "- | - | - | ")
                     + f"{r['candidate_pairs']:,} | {r['clusters']:,} |")
    if len(scale) >= 2:
        a, b = scale[0], scale[-1]
        slope = (b["ours"]["peak_pss_mib"] - a["ours"]["peak_pss_mib"]) * 1024 * 1024 / (b["docs"] - a["docs"])
        lines += ["", f"Memory slope of `vicorpus dedup` from {a['docs']:,} to {b['docs']:,} docs: "
                  f"{slope:.0f} bytes per document ({a['ours']['peak_pss_mib']:.0f} -> "
                  f"{b['ours']['peak_pss_mib']:.0f} MiB)."]
    if same:
        lines += ["", f"Determinism, {quality_size:,} docs: `dedup.parquet` and every index file compared with the "
                  f"`--workers {args.workers}` run: " + ", ".join(f"{k}: {'byte-identical' if v else 'DIFFERENT'}"
                                                              for k, v in same.items()) + "."]
    lines += ["", "## Dedup quality", "", stamp(), "", f"`{command}` ({os.cpu_count()} cores). Pairwise precision / recall / F1 against the "
              f"generator's labels on the {quality_size:,}-doc set (seed {args.seed}; the rule was tuned on "
              "seed 1), and of `find_duplicates` (the same rule in memory) on the labelled sets.", "",
              "| set | method | docs | precision | recall | F1 | wrong merges (pairs) | missed pairs | hard-negative merges |",
              "|---|---|---|---|---|---|---|---|---|"]
    for method, s in quality.items():
        lines.append(f"| generated {quality_size:,} | {method} | {s['docs']:,} | {s['precision']:.4f} | "
                     f"{s['recall']:.4f} | {s['f1']:.4f} | {s['wrong_merges']:,} | {s['missed_pairs']:,} | - |")
    for name, s in sets:
        lines.append(f"| {name} | find_duplicates | {s['docs']} | {s['precision']:.4f} | {s['recall']:.4f} | "
                     f"{s['f1']:.4f} | {s['wrong_merges']} | {s['missed_pairs']} | {s['hard_negative_merges']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
