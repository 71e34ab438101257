"""Dedup speed and memory.

    /work/venv/bin/python bench/dedup_bench.py            # signatures vs datasketch, 10k and 100k scale (< 2 min)
    /work/venv/bin/python bench/dedup_bench.py --full     # adds the 1,000,000-document run

1. Signatures: docs/s of our batched numpy MinHash vs a plain per-document
   ``datasketch.MinHash.update`` loop, on the same texts and the same shingles
   (both start from the same canonical words, so only hashing is compared), and
   our full feature pass (canonicalization + exact key + body and lead signatures).
2. Scale: generated news-length docs (tests/data/dedup/synth.py), each size in a
   fresh child process: time per phase and peak RSS of that process.
Writes the "Speed" section of bench/results/dedup.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "data" / "dedup"))
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from datasketch import MinHash  # noqa: E402

from dedup.canon import matching_tokens, token_hashes  # noqa: E402
from dedup.cluster import MatchParams, link  # noqa: E402
from dedup.features import compute_features  # noqa: E402
from dedup.minhash import MinHasher, shingle_hashes  # noqa: E402
from synth import article, labelled_set  # noqa: E402


def texts_for(n_docs: int, seed: int = 7) -> list[str]:
    return list(iter_texts(n_docs, seed))


def iter_texts(n_docs: int, seed: int = 7):
    """News-length docs (~450 words): each labelled row plus two more paragraphs groups
    drawn from its cluster's seed, so copies of one article stay copies."""
    made, part = 0, 0
    while made < n_docs:  # generated in parts of ~30k docs: the full set never sits in memory
        for r in labelled_set(min(10_000, (n_docs - made) // 3 + 1), seed=seed * 1000 + part):
            if made == n_docs:
                break
            rng = random.Random(f"{seed}-{part}-{r['cluster']}")
            body = [article(r["kind"], rng).split("\n\n", 1)[1] for _ in range(2)]
            made += 1
            yield "\n\n".join([r["text"]] + body)
        part += 1


def signature_comparison(n_docs: int, num_perm: int = 128, k: int = 3) -> dict:
    texts = texts_for(n_docs)
    tokens = [matching_tokens(t) for t in texts]
    t0 = time.perf_counter()
    for toks in tokens:
        m = MinHash(num_perm=num_perm, seed=1)
        for i in range(max(1, len(toks) - k + 1)):
            m.update(" ".join(toks[i : i + k]).encode("utf-8"))
    t_ds = time.perf_counter() - t0
    t0 = time.perf_counter()
    hasher = MinHasher(num_perm)
    sets = [shingle_hashes(token_hashes(toks), k) for toks in tokens]
    hasher.signatures(sets)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    compute_features(texts, num_perm, k)
    t_full = time.perf_counter() - t0
    return {"docs": n_docs, "datasketch_docs_s": n_docs / t_ds, "ours_docs_s": n_docs / t_ours,
            "ours_full_docs_s": n_docs / t_full, "speedup": t_ds / t_ours,
            "mean_words": float(np.mean([len(t) for t in tokens]))}


def scale_child(n_docs: int, workers: int) -> None:
    """Run in a child process: prints one JSON line of timings and peak RSS."""
    params = MatchParams()
    t0 = time.perf_counter()
    # Texts are generated while signatures are computed (streamed, as run_dedup could read
    # parquet row groups); the time includes generation, so it overstates dedup time.
    features = compute_features(iter_texts(n_docs, seed=n_docs), params.num_perm, params.shingle_size,
                                params.seed, workers)
    t_sig = time.perf_counter() - t0
    t_gen = 0.0
    t0 = time.perf_counter()
    uf, counts = link(features, params)
    t_link = time.perf_counter() - t0
    roots = len({uf.find(i) for i in range(n_docs)})
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB (Linux)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"docs": n_docs, "workers": workers, "generate_s": t_gen, "signatures_s": t_sig,
                      "cluster_s": t_link, "dedup_s": t_sig + t_link, "clusters": roots,
                      "candidate_pairs": counts["candidate_pairs"], "peak_rss_mib": rss,
                      "worker_peak_rss_mib": kids}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="also run 1,000,000 documents")
    ap.add_argument("--compare-docs", type=int, default=1000)
    ap.add_argument("--sizes", type=str, default="10000,100000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if args.child:
        scale_child(args.child, args.workers)
        return
    cmp_ = signature_comparison(args.compare_docs)
    print(json.dumps(cmp_))
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([1_000_000] if args.full else [])
    scale = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(n), "--workers", str(args.workers)],
                             capture_output=True, text=True, check=True)
        scale.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(scale[-1]))
    command = "/work/venv/bin/python bench/dedup_bench.py" + (" --full" if args.full else "")
    lines = ["## Speed", "", f"`{command}` on {os.cpu_count()} cores (shared machine).", "",
             f"Signatures, {cmp_['docs']} generated news docs ({cmp_['mean_words']:.0f} body words on average), "
             "num_perm 128, 3-word shingles, same canonical words for both:", "",
             "| method | docs/s |", "|---|---|",
             f"| datasketch MinHash.update loop | {cmp_['datasketch_docs_s']:.0f} |",
             f"| ours, batched numpy (shingle hashing + signatures) | {cmp_['ours_docs_s']:.0f} "
             f"(**{cmp_['speedup']:.1f}×**) |",
             f"| ours, full feature pass (canonicalize + exact key + body & lead signatures + numbers) | "
             f"{cmp_['ours_full_docs_s']:.0f} |", "",
             f"Scale (each size in a fresh process, {args.workers} worker processes for signatures):", "",
             "| docs | generate + signatures s | cluster s | dedup total s | candidate pairs | clusters | peak RSS MiB (main) | peak RSS MiB (largest worker) |",
             "|---|---|---|---|---|---|---|---|"]
    for s in scale:
        lines.append(f"| {s['docs']:,} | {s['signatures_s']:.1f} | {s['cluster_s']:.1f} | {s['dedup_s']:.1f} | "
                     f"{s['candidate_pairs']:,} | {s['clusters']:,} | {s['peak_rss_mib']:.0f} | {s['worker_peak_rss_mib']:.0f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        from dedup_quality import write_section

        write_section(text, "## Speed")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
