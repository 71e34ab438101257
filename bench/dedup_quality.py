"""Dedup quality: pairwise P/R/F1 and adjusted Rand index against labelled sets.

    /work/venv/bin/python bench/dedup_quality.py [--articles 400] [--threshold 0.7]

Sets: ../shared/data/neardup_sample.jsonl (hand-built) and a generated set
(tests/data/dedup/synth.py: same-topic different articles + syndicated variants).
"Wrong merges" counts pairs of different articles put in one cluster.
Writes the "Quality" section of bench/results/dedup.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "data" / "dedup"))
sys.path.insert(0, str(REPO))

from dedup import find_duplicates  # noqa: E402
from synth import labelled_set  # noqa: E402


def adjusted_rand(truth: list[str], pred: list[str]) -> float:
    """Adjusted Rand index (Hubert & Arabie) from the contingency table."""
    def c2(n: int) -> float:
        return n * (n - 1) / 2
    n = len(truth)
    cells = Counter(zip(truth, pred))
    index = sum(c2(v) for v in cells.values())
    a = sum(c2(v) for v in Counter(truth).values())
    b = sum(c2(v) for v in Counter(pred).values())
    expected = a * b / c2(n) if n > 1 else 0.0
    top = (a + b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def pair_scores(truth: dict[str, str], pred: dict[str, str]) -> dict:
    tp = fp = fn = 0
    ids = sorted(truth)
    for a, b in combinations(ids, 2):
        same_t, same_p = truth[a] == truth[b], pred[a] == pred[b]
        tp += same_t and same_p
        fp += same_p and not same_t
        fn += same_t and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "wrong_merges": fp, "missed_pairs": fn,
            "ari": adjusted_rand([truth[i] for i in ids], [pred[i] for i in ids])}


def evaluate(rows: list[dict], threshold: float) -> dict:
    pred = find_duplicates(((r["id"], r["text"]) for r in rows), threshold=threshold)
    truth = {r["id"]: r["cluster"] for r in rows}
    scores = pair_scores(truth, pred)
    scores["docs"] = len(rows)
    scores["clusters"] = len(set(truth.values()))
    # Recall per variant: is the variant in the same predicted cluster as its original?
    originals = {r["cluster"]: r["id"] for r in rows if r["variant"] == "original"}
    hit, total = Counter(), Counter()
    for r in rows:
        if r["variant"] != "original" and r["cluster"] in originals:
            total[r["variant"]] += 1
            hit[r["variant"]] += pred[r["id"]] == pred[originals[r["cluster"]]]
    scores["variant_recall"] = {v: f"{hit[v]}/{total[v]}" for v in sorted(total)}
    return scores


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    results = {}
    sample = REPO.parent / "shared" / "data" / "neardup_sample.jsonl"
    if sample.is_file():
        results["neardup_sample.jsonl"] = evaluate(
            [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()],
            args.threshold)
    results[f"generated ({args.articles} articles, seed 7)"] = evaluate(labelled_set(args.articles), args.threshold)
    lines = ["## Quality", "", f"`/work/venv/bin/python bench/dedup_quality.py --articles {args.articles} "
             f"--threshold {args.threshold}`", "",
             "| set | docs | clusters | precision | recall | F1 | ARI | wrong merges | missed pairs |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, s in results.items():
        lines.append(f"| {name} | {s['docs']} | {s['clusters']} | {s['precision']:.4f} | {s['recall']:.4f} | "
                     f"{s['f1']:.4f} | {s['ari']:.4f} | {s['wrong_merges']} | {s['missed_pairs']} |")
    lines.append("")
    for name, s in results.items():
        lines.append(f"Variant recall, {name}: " + ", ".join(f"{k} {v}" for k, v in s["variant_recall"].items()))
        lines.append("")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section(text, "## Quality")


def write_section(text: str, header: str) -> None:
    """Replace (or append) one '## ' section of bench/results/dedup.md."""
    out = REPO / "bench" / "results" / "dedup.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    old = out.read_text(encoding="utf-8") if out.exists() else "# Dedup benchmarks\n\n"
    parts = old.split("\n## ")
    kept = [parts[0].rstrip() + "\n"] + ["## " + p.rstrip() + "\n" for p in parts[1:]
                                          if not ("## " + p).startswith(header)]
    out.write_text("\n".join(kept + [text.rstrip() + "\n"]), encoding="utf-8")


if __name__ == "__main__":
    main()
