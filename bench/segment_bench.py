"""Word segmentation: the fast segmenter against underthesea, on the same sentences and WARC.

    python -m bench.segment_bench [--pages 1500] [--rounds 2] [--sentences 12000] [--fuzz 5000]
    python -m bench.segment_bench --identity-only [--fuzz 50000]
    python -m bench.segment_bench --pages 12 --rounds 1 --sentences 40 --fuzz 10 --own-every 100 \\
        --no-datatrove --no-ceiling  # smoke

1. Identity: every sentence of tests/data/segment/sentences.txt, the workload's
   sentences and ``--fuzz`` seeded random ones, through both
   ``underthesea.word_tokenize(s, format="text")`` and ours; mismatches are counted.
2. Builds the bench workload once (bench/workload.py, ``--pages`` pages in 4 WARC
   shards) and runs ``vicorpus extract --workers 1`` on it as whole commands, each in
   a fresh workdir and measured as a process tree (CPU seconds, peak RSS of the
   largest process): without segmentation, with underthesea
   (``VICORPUS_SEGMENTER=underthesea``) and with ours, the two segmenting sides
   alternating ``--rounds`` times; their text_segmented columns are compared.
   datatrove's WarcReader -> Trafilatura (bench/datatrove_side.py, no segmentation)
   runs on the same WARC when installed.
3. Sentence speed: the kept docs' sentences (as segment_text cuts them, first
   ``--sentences``) through both word_tokenize functions in one process, sides
   alternating, ours starting each round with empty caches; CPU seconds per side.
   Model load is measured in fresh child processes.

Prints what it measured and writes bench/results/segment.md (``python -m bench.results``
merges it into bench/RESULTS.md). On a shared machine, take the ratios, not the
absolute figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "segment"
OUT = REPO / "bench" / "results" / "segment.md"
ENGINE = "VICORPUS_SEGMENTER"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("segment_fuzz", DATA / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- steps run in child processes (bench.measure) ---------------------------------------
def load_engine(engine: str) -> dict:
    """Import and load one engine (run in a fresh child: CPU and RSS of the load alone)."""
    from normalize.segment import Segmenter

    start = time.process_time()
    seg = Segmenter(engine)
    return {"engine": seg.engine, "load_cpu_s": time.process_time() - start, "peak_rss_mib": _hwm_mib()}


def _rss_mib() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _hwm_mib() -> float:
    """Peak RSS of this process since its exec (VmHWM). getrusage's ru_maxrss is not used for
    the process itself: Linux carries the forking parent's high-water mark across exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cache_ceiling(seed: int = 3) -> dict:
    """Peak RSS a worker's segmenter can reach: model loaded, every cache filled to its cap.

    Starts as an extract worker without segmentation (its modules imported), then loads
    the segmenter and feeds it sentences of never-seen words until the caches are full.
    """
    import random

    import normalize.stage  # noqa: F401 - what a worker imports anyway
    from normalize.segment import Segmenter

    base = _rss_mib()
    seg = Segmenter("fast")
    loaded = _rss_mib()
    rng = random.Random(seed)
    words = own_sentences()[0].split() + (DATA / "base_sentences.txt").read_text(encoding="utf-8").split()
    tagger, tokenizer = seg.tagger, seg.tokenizer
    full = 0
    for i in range(1_000_000):
        seg.word_tokenize(" ".join(rng.choice(words) + rng.choice(["", ",", ".", str(rng.randint(0, 10**6))])
                                   for _ in range(40)))
        if i % 500 == 0:
            sizes = [(len(tagger._slots), tagger.max_slots), (len(tagger._tokens), tagger.max_parts),
                     (len(tagger._pairs), tagger.max_parts), (len(tokenizer._inside), tokenizer.max_entries)]
            full = sum(n >= 0.45 * cap for n, cap in sizes)  # each has filled (and halved) at least once
            if full == len(sizes) and i > 20_000:
                break
    return {"worker_mib": base, "model_mib": loaded - base, "peak_growth_mib": _hwm_mib() - base,
            "sentences": i + 1, "caches_full": full}


def run_command(argv: list[str], env: dict[str, str]) -> dict:
    """Run a whole command as a child; bench.measure counts the CPU of its process tree.

    Its peak RSS (largest process of the tree) comes from this small process's
    RUSAGE_CHILDREN: a command forked from here inherits no large high-water mark.
    """
    proc = subprocess.run(argv, env={**os.environ, **env}, capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return {"peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


# -- helpers in this process ------------------------------------------------------------
def vicorpus_command() -> list[str]:
    script = Path(sys.executable).with_name("vicorpus")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from vicorpus.cli import main; main()"]


def fresh_workdir(tmp: Path, name: str, warc_dir: Path, segment: bool) -> tuple[Path, list[str]]:
    work = tmp / name
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    os.symlink(warc_dir.resolve(), work / "warc")
    args = []
    if not segment:
        config = tmp / f"{name}.yaml"
        config.write_text(json.dumps({"workdir": str(work), "sources": ["(from workdir)"],
                                      "extract": {"segment": False}}), encoding="utf-8")
        args = ["--config", str(config)]
    return work, args


def extract_command(tmp: Path, name: str, warc_dir: Path, engine: str | None) -> tuple[dict, Path]:
    work, args = fresh_workdir(tmp, name, warc_dir, segment=engine is not None)
    argv = vicorpus_command() + ["extract", "--workdir", str(work), "--workers", "1", "--no-progress", *args]
    env = {ENGINE: engine} if engine else {}
    return _measured(argv, env), work


def _measured(argv: list[str], env: dict[str, str]) -> dict:
    from bench.measure import run_step

    m = run_step("bench.segment_bench:run_command", {"argv": argv, "env": env})
    m["peak_rss_mib"] = m["result"]["peak_rss_mib"]
    return m


def segmented_column(work: Path) -> dict[str, str]:
    from vicorpus.docs_table import read_docs
    from vicorpus.workdir import Workdir

    table = read_docs(Workdir(work), kept_only=True, columns=["id", "text_segmented"])
    return dict(zip(table.column("id").to_pylist(), table.column("text_segmented").to_pylist()))


def kept_texts(work: Path) -> list[str]:
    from vicorpus.docs_table import read_docs
    from vicorpus.workdir import Workdir

    return read_docs(Workdir(work), kept_only=True, columns=["text"]).column("text").to_pylist()


def identity(sentences: list[str], fast) -> dict:
    """Mismatches of ours against underthesea; sentences where underthesea raises are counted apart."""
    from underthesea import word_tokenize

    out = {"sentences": len(sentences), "mismatches": 0, "underthesea_raised": 0, "examples": []}
    for s in sentences:
        got = fast.word_tokenize(s)
        try:
            expected = word_tokenize(s, format="text")
        except BaseException:  # noqa: BLE001 - a Rust panic in underthesea_core is a BaseException
            out["underthesea_raised"] += 1
            continue
        if got != expected:
            out["mismatches"] += 1
            if len(out["examples"]) < 5:
                out["examples"].append({"sentence": s, "underthesea": expected, "ours": got})
    return out


def sentence_speed(sentences: list[str], rounds: int) -> dict:
    """CPU seconds per side, alternating; ours starts every round with empty caches."""
    from underthesea import word_tokenize

    from normalize.segment import Segmenter

    word_tokenize("Khởi động.", format="text")  # underthesea's model loaded before timing
    syllables = sum(len(s.split()) for s in sentences)
    fast_s, uts_s = [], []
    for _ in range(rounds):
        fast = Segmenter("fast")  # load not timed; caches empty
        start = time.process_time()
        for s in sentences:
            fast.word_tokenize(s)
        fast_s.append(time.process_time() - start)
        caches = fast.tokenizer.cache_entries() + fast.tagger.cache_entries()
        start = time.process_time()
        for s in sentences:
            word_tokenize(s, format="text")
        uts_s.append(time.process_time() - start)
    return {"sentences": len(sentences), "syllables": syllables, "fast_s": fast_s, "underthesea_s": uts_s,
            "cache_entries": caches}


def workload_sentences(texts: list[str], limit: int) -> list[str]:
    from underthesea import sent_tokenize

    out = []
    for text in texts:
        for line in text.split("\n"):
            if line.strip():
                out += sent_tokenize(line) or [line]
        if len(out) >= limit:
            break
    return out[:limit]


def own_sentences() -> list[str]:
    return [s for s in (DATA / "sentences.txt").read_text(encoding="utf-8").split("\n") if s]


# -- report -----------------------------------------------------------------------------
def report(res: dict) -> str:
    from bench.results import stamp

    lines = ["## Word segmentation (fast segmenter vs underthesea)", "", stamp(), "",
             f"`{res['command']}` — underthesea {res['versions']['underthesea']}, underthesea_core "
             f"{res['versions']['underthesea_core']}; one process per side, 1 worker; sides alternate."
             + (f" Load average at start / end: {res['load_average'][0]:.1f} / {res['load_average'][1]:.1f} "
                f"on {os.cpu_count()} cores." if "load_average" in res else ""), ""]
    idn = res["identity"]
    lines += ["Identity with `underthesea.word_tokenize(s, format=\"text\")`:", "",
              "| sentences | count | mismatches | underthesea raised |", "|---|---|---|---|"]
    for name, r in idn.items():
        lines.append(f"| {name} | {r['sentences']} | {r['mismatches']} | {r['underthesea_raised']} |")
    for name, r in idn.items():
        for ex in r["examples"]:
            lines.append(f"- mismatch ({name}): `{ex['sentence']!r}`")
    if "speed" not in res:
        return "\n".join(lines) + "\n"
    ld = res["load"]
    lines += ["", "Sentence speed, one core, one process; ours starts every round with empty caches; "
              "model load measured apart, in fresh processes:", "",
              "| sentences | side | syllables/s (best round) | CPU s per round | speed-up (best; per round) |",
              "|---|---|---|---|---|"]
    for name, sp in res["speed"].items():
        f_best, u_best = min(sp["fast_s"]), min(sp["underthesea_s"])
        pairs = ", ".join(f"{u / f:.1f}x" for f, u in zip(sp["fast_s"], sp["underthesea_s"]))
        what = f"{name}: {sp['sentences']} / {sp['syllables']} syllables"
        lines += [f"| {what} | underthesea.word_tokenize | {sp['syllables'] / u_best:,.0f} | "
                  f"{', '.join(f'{x:.2f}' for x in sp['underthesea_s'])} | |",
                  f"| {what} | ours (normalize/segment.py) | {sp['syllables'] / f_best:,.0f} | "
                  f"{', '.join(f'{x:.2f}' for x in sp['fast_s'])} | **{u_best / f_best:.1f}x**; {pairs} |"]
    lines += ["", f"- target >= 4x; cache entries after one pass: "
              + ", ".join(f"{name} {sp['cache_entries']:,}" for name, sp in res["speed"].items()),
              f"- model load (CPU s, peak RSS of the loading process): underthesea {ld['underthesea']['cpu_s']:.2f} s, "
              f"{ld['underthesea']['peak_rss_mib']:.0f} MiB; ours {ld['fast']['cpu_s']:.2f} s, "
              f"{ld['fast']['peak_rss_mib']:.0f} MiB (both include importing underthesea)"]
    ex = res["extract"]
    pages = ex["pages"]

    def row(label, runs):
        cpu = [r["cpu_s"] for r in runs]
        best = min(cpu)
        return (f"| {label} | {pages / best:.1f} | {1000 * best / pages:.2f} | "
                f"{', '.join(f'{c:.1f}' for c in cpu)} | {max(r['peak_rss_mib'] for r in runs):.0f} |")

    lines += ["", f"`vicorpus extract --workers 1` as whole commands on the same WARC ({pages} pages, "
              f"{ex['shards']} shards, bench/workload.py seed {ex['seed']}); CPU of the process tree:", "",
              "| run | docs/s per core (best) | CPU ms/doc (best) | CPU s per round | peak RSS MiB |",
              "|---|---|---|---|---|", row("no segmentation", ex["none"]),
              row("segmentation: underthesea (VICORPUS_SEGMENTER=underthesea)", ex["underthesea"]),
              row("segmentation: ours (default)", ex["fast"])]
    if ex.get("datatrove"):
        lines.append(row("datatrove WarcReader -> Trafilatura (no segmentation)", ex["datatrove"]))
    old, new = min(r["cpu_s"] for r in ex["underthesea"]), min(r["cpu_s"] for r in ex["fast"])
    per_round = [o["cpu_s"] / n["cpu_s"] for o, n in zip(ex["underthesea"], ex["fast"])]
    none = min(r["cpu_s"] for r in ex["none"])
    lines += ["", f"- extract with segmentation, ours vs underthesea: **{old / new:.2f}x** docs/s per core "
              f"(per round {', '.join(f'{r:.2f}x' for r in per_round)}); target >= 2x",
              f"- segmentation's own cost: underthesea {1000 * (old - none) / pages:.2f} CPU ms/doc, "
              f"ours {1000 * (new - none) / pages:.2f} ({(old - none) / max(new - none, 1e-9):.1f}x less)"]
    if ex.get("datatrove"):
        dt = min(r["cpu_s"] for r in ex["datatrove"])
        lines.append(f"- stretch: ours with segmentation {1000 * new / pages:.2f} CPU ms/doc vs datatrove "
                     f"without {1000 * dt / pages:.2f} ({'met' if new <= dt else 'not met'})")
    grow = max(r["peak_rss_mib"] for r in ex["fast"]) - max(r["peak_rss_mib"] for r in ex["none"])
    lines.append(f"- peak RSS of the extract worker with our segmenter: +{grow:.0f} MiB over no segmentation "
                 f"on this WARC; target < 200 MiB")
    if res.get("ceiling"):
        ce = res["ceiling"]
        lines.append(f"- worst case, every cache at its cap (normalize/segment_tokens.py, segment_crf.py; "
                     f"{ce['sentences']:,} sentences of unseen words): peak RSS +{ce['peak_growth_mib']:.0f} MiB "
                     f"over a worker without segmentation (model and underthesea import {ce['model_mib']:.0f} MiB)")
    lines.append(f"- text_segmented of the two segmenting runs: {ex['same_segmented']}/{ex['kept']} kept docs identical")
    return "\n".join(lines) + "\n"


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=1500)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--sentences", type=int, default=12000)
    ap.add_argument("--fuzz", type=int, default=5000)
    ap.add_argument("--own-every", type=int, default=1, help="check every Nth sentence of sentences.txt")
    ap.add_argument("--no-datatrove", action="store_true", help="skip datatrove's extract even if installed")
    ap.add_argument("--no-ceiling", action="store_true", help="skip filling every cache to its cap (30 s)")
    ap.add_argument("--identity-only", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from importlib.metadata import version

    from normalize.segment import Segmenter

    res = {"command": " ".join(["python -m bench.segment_bench", *(argv if argv is not None else sys.argv[1:])]),
           "versions": {n: version(n) for n in ("underthesea", "underthesea_core")}}
    load_start = os.getloadavg()[0]
    fast = Segmenter("fast")
    if fast.engine != "fast":
        sys.exit("the installed underthesea is not the verified one: the fast segmenter is off")
    own = own_sentences()[::args.own_every]
    res["identity"] = {"tests/data/segment/sentences.txt" + (f" (every {args.own_every})" if args.own_every > 1 else ""):
                       identity(own, fast),
                       f"fuzz ({args.fuzz}, seed 1)": identity(_fuzz_module().fuzz_sentences(args.fuzz, seed=1), fast)}
    for name, r in res["identity"].items():
        print(f"identity {name}: {r['mismatches']} mismatches / {r['sentences']} "
              f"(underthesea raised on {r['underthesea_raised']})")
    if args.identity_only:
        print(report(res))
        return res

    from bench.datatrove_side import available as datatrove_available
    from bench.measure import run_step
    from bench.workload import build_workload

    with tempfile.TemporaryDirectory(prefix="segbench-") as tmp_name:
        tmp = Path(tmp_name)
        work = build_workload(tmp / "workload", n_pages=args.pages, shards=args.shards, seed=args.seed)
        warc = work.root / "warc"
        ex = {"pages": work.pages, "shards": args.shards, "seed": args.seed, "none": [], "underthesea": [],
              "fast": [], "datatrove": []}
        m, none_work = extract_command(tmp, "none", warc, None)
        ex["none"].append(m)
        print(f"extract, no segmentation: {m['cpu_s']:.1f} s CPU, peak {m['peak_rss_mib']:.0f} MiB")
        texts = kept_texts(none_work)
        sentences = workload_sentences(texts, args.sentences)
        res["identity"]["workload sentences"] = identity(sentences, fast)
        r = res["identity"]["workload sentences"]
        print(f"identity workload sentences: {r['mismatches']} mismatches / {r['sentences']}")
        del fast
        runs = {}
        for i in range(args.rounds):
            for engine in ("fast", "underthesea"):
                m, runs[engine] = extract_command(tmp, f"{engine}{i}", warc, engine)
                ex[engine].append(m)
                print(f"extract, segmentation {engine} (round {i + 1}): {m['cpu_s']:.1f} s CPU, "
                      f"peak {m['peak_rss_mib']:.0f} MiB")
            if datatrove_available() and not args.no_datatrove:
                kwargs = {"warc_dir": str(warc), "out": str(tmp / f"dt{i}"), "workers": 1}
                m = _measured([sys.executable, "-m", "bench.measure", "bench.datatrove_side:extract",
                               json.dumps(kwargs)], {})
                ex["datatrove"].append(m)
                print(f"datatrove WarcReader -> Trafilatura (round {i + 1}): {m['cpu_s']:.1f} s CPU")
        ours, theirs = segmented_column(runs["fast"]), segmented_column(runs["underthesea"])
        ex["kept"] = len(theirs)
        ex["same_segmented"] = sum(1 for k, v in theirs.items() if ours.get(k) == v)
        res["extract"] = ex
        if not args.no_ceiling:
            res["ceiling"] = run_step("bench.segment_bench:cache_ceiling", {})["result"]
        res["load"] = {}
        for engine in ("fast", "underthesea"):
            m = run_step("bench.segment_bench:load_engine", {"engine": engine})["result"]
            res["load"][engine] = {"cpu_s": m["load_cpu_s"], "peak_rss_mib": m["peak_rss_mib"]}
        res["speed"] = {"workload kept docs": sentence_speed(sentences, args.rounds),
                        "tests/data/segment/sentences.txt": sentence_speed(own, args.rounds)}
    res["load_average"] = (load_start, os.getloadavg()[0])
    text = report(res)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return res


if __name__ == "__main__":
    main()
