"""Quick dedup quality check in memory (prints only; the reported figures come from dedup_bench.py).

    python bench/dedup_quality.py                      # labelled sets + 20,000 generated docs, seed 1
    python bench/dedup_quality.py --docs 100000 --seed 7

Scores ``find_duplicates`` (the rule of ``vicorpus dedup``, in memory) with pairwise
precision / recall / F1 on shared/data/neardup_sample.jsonl, on synth.labelled_set and
on a tests/data/dedup/newsgen.py corpus, and lists what it got wrong by kind of
document and variant, for tuning on one seed and checking on another.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "data" / "dedup"))
sys.path.insert(0, str(REPO))

from bench.dedup_bench import labelled_sets, pair_scores  # noqa: E402
from dedup import find_duplicates  # noqa: E402


def errors_by_kind(rows: list[dict], pred: dict[str, str]) -> dict:
    """Wrong merges (kinds of the originals joined) and missed copies (kind, variant)."""
    members = defaultdict(set)
    for r in rows:
        members[pred[r["id"]]].add((r["cluster"], r["kind"]))
    wrong = Counter(" + ".join(sorted(k for _, k in group)) for group in members.values()
                    if len({c for c, _ in group}) > 1)
    original = {r["cluster"]: r["id"] for r in rows if r["variant"] == "original"}
    missed = Counter(f"{r['kind']}/{r['variant']}" for r in rows if r["variant"] != "original"
                     and r["cluster"] in original and pred[r["id"]] != pred[original[r["cluster"]]])
    return {"wrong_merges_by_kind": dict(wrong.most_common(10)), "missed_copies": dict(missed.most_common(10))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    for name, scores in labelled_sets():
        print(json.dumps({"set": name, **scores}))
    from newsgen import news_rows

    rows = list(news_rows(args.docs, seed=args.seed))
    pred = find_duplicates(((r["id"], r["text"]) for r in rows), workers=args.workers)
    scores = pair_scores({r["id"]: r["cluster"] for r in rows}, pred)
    print(json.dumps({"set": f"newsgen {args.docs} seed {args.seed}", **scores, **errors_by_kind(rows, pred)},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
