"""Throughput of normalize_text on ~5 MB of mixed Vietnamese text.

    python -m bench.normalize_bench [--mb 5] [--repeat 3]

The mix imitates a crawl: mostly clean traditional-style Unicode, some new-style tone
marks, NFD and windows-1258 combining text, CMS invisibles and NBSPs, and a small share
of mojibake, VNI and TCVN3 documents. Prints MB/s (UTF-8 input bytes) overall and per
kind of document, and writes bench/results/normalize.md.
"""

from __future__ import annotations

import argparse
import random
import time
import unicodedata
from pathlib import Path

from normalize.legacy import TCVN3_TABLE, encode_vni
from normalize.mojibake import whatwg_cp1252_decode
from normalize.text import normalize_text

HERE = Path(__file__).resolve().parent
SENTENCES = Path(__file__).resolve().parent.parent / "tests" / "data" / "normalize" / "sentences.txt"
_TCVN3_ENCODE = {c: b for b, c in TCVN3_TABLE.items()}

# (kind, share of documents)
MIX = [("clean", 0.70), ("new_style", 0.12), ("nfd", 0.04), ("cp1258", 0.02), ("invisibles", 0.05),
       ("mojibake", 0.03), ("vni", 0.02), ("tcvn3", 0.02)]


def _sentences() -> tuple[list[str], list[str]]:
    all_, vn3 = [], []
    for line in SENTENCES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            all_.append(line.removeprefix("VN3: "))
            if line.startswith("VN3: "):
                vn3.append(line.removeprefix("VN3: "))
    return all_, vn3


def _new_style(s: str) -> str:
    return s.replace("hòa", "hoà").replace("thủy", "thuỷ").replace("khỏe", "khoẻ").replace("Ủy", "Uỷ")


def _cp1258(s: str) -> str:
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tone)) + tone)
    return "".join(out)


def _tcvn3(s: str) -> str:
    return "".join(chr(_TCVN3_ENCODE[c]) if c in _TCVN3_ENCODE else c for c in s)


ENCODERS = {
    "clean": lambda s: s,
    "new_style": _new_style,
    "nfd": lambda s: unicodedata.normalize("NFD", s),
    "cp1258": _cp1258,
    "invisibles": lambda s: s.replace(" ", "\u00a0", 2).replace("ng ", "ng\u200b ", 1) + "\r",
    "mojibake": lambda s: whatwg_cp1252_decode(s.encode("utf-8")),
    "vni": encode_vni,
}


def make_corpus(target_mb: float, seed: int = 5) -> list[tuple[str, str]]:
    """(kind, document) pairs, about target_mb of UTF-8, documents of ~15 paragraphs."""
    rng = random.Random(seed)
    sentences, vn3 = _sentences()
    kinds, weights = zip(*MIX)
    docs, size = [], 0
    while size < target_mb * 1e6:
        kind = rng.choices(kinds, weights)[0]
        pool = vn3 if kind == "tcvn3" else sentences
        encode = _tcvn3 if kind == "tcvn3" else ENCODERS[kind]
        paragraphs = [" ".join(encode(rng.choice(pool)) for _ in range(rng.randint(1, 4)))
                      for _ in range(15)]
        doc = "\n\n".join(paragraphs)
        docs.append((kind, doc))
        size += len(doc.encode("utf-8"))
    return docs


def run(target_mb: float, repeat: int) -> dict:
    docs = make_corpus(target_mb)
    total = sum(len(d.encode("utf-8")) for _, d in docs)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _, doc in docs:
            normalize_text(doc)
        best = min(best, time.perf_counter() - t0)
    per_kind = {}
    for kind, _ in MIX:
        subset = [d for k, d in docs if k == kind]
        nbytes = sum(len(d.encode("utf-8")) for d in subset)
        t0 = time.perf_counter()
        for doc in subset:
            normalize_text(doc)
        per_kind[kind] = (len(subset), nbytes / 1e6, nbytes / 1e6 / (time.perf_counter() - t0))
    return {"docs": len(docs), "mb": total / 1e6, "seconds": best, "mb_s": total / 1e6 / best,
            "docs_s": len(docs) / best, "per_kind": per_kind}


def write_markdown(r: dict, path: Path) -> None:
    lines = ["## Normalization (normalize_text)\n",
             f"`python -m bench.normalize_bench`: {r['docs']} documents, {r['mb']:.2f} MB UTF-8, "
             "one core, best of the repeats.\n",
             f"- overall: **{r['mb_s']:.1f} MB/s**, {r['docs_s']:.0f} docs/s "
             f"({r['seconds']:.2f} s)\n",
             "| kind | docs | MB | MB/s |", "|---|---|---|---|"]
    for kind, (n, mb, mbs) in r["per_kind"].items():
        lines.append(f"| {kind} | {n} | {mb:.2f} | {mbs:.1f} |")
    lines.append("\nClean traditional-style Unicode takes the fast path (a few regex scans); "
                 "repair work is paid only by documents that need it.\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes, best is kept (default 3)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "normalize.md")
    args = ap.parse_args()
    if args.mb <= 0 or args.repeat < 1:
        ap.error("--mb must be > 0 and --repeat >= 1")
    r = run(args.mb, args.repeat)
    print(f"{r['docs']} docs, {r['mb']:.2f} MB: {r['mb_s']:.1f} MB/s, {r['docs_s']:.0f} docs/s")
    for kind, (n, mb, mbs) in r["per_kind"].items():
        print(f"  {kind:<11} {n:>5} docs {mb:6.2f} MB {mbs:8.1f} MB/s")
    write_markdown(r, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
