"""Side-by-side benchmark: our pipeline vs datatrove on the same generated WARC workload.

    python -m bench [--pages 1500] [--shards 4] [--seed 7] [--articles 400]

Builds the workload (bench/workload.py: Vietnamese article pages, planted
duplicates with known clusters), then runs every step in a fresh child process
(bench/measure.py: wall, CPU seconds incl. worker processes, peak RSS):
our extract without and with word segmentation, our dedup, datatrove's
WarcReader -> Trafilatura and its four MinHash stages, and both whole pipelines
at 1 and 2 workers. Dedup F1: on the workload's planted duplicates and on the
Vietnamese labelled sets (../shared/data/neardup_sample.jsonl when present, and
the generated set of tests/data/dedup/synth.py). Prints the tables and writes
bench/results/scale.md (``--out`` elsewhere); ``python -m bench.results`` merges it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

from bench import datatrove_side, ours_side
from bench.measure import run_step
from bench.workload import SHARED, build_workload
from vicorpus.urls import canonicalize_url

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "results" / "scale.md"
# (key, label) of the speed table, in order; the smoke test checks these labels.
ROWS = [
    ("ours_extract", "extract: ours, normalize + LID + filters + PII, no segmentation"),
    ("ours_extract_seg", "extract: ours, + word segmentation (underthesea)"),
    ("dt_extract", "extract: datatrove, WarcReader -> Trafilatura"),
    ("ours_dedup", "dedup: ours, MinHash-LSH + containment (run_dedup)"),
    ("dt_dedup", "dedup: datatrove, 4 MinHash stages"),
    ("ours_pipeline_1", "pipeline: ours, no segmentation, 1 worker"),
    ("ours_pipeline_2", "pipeline: ours, no segmentation, 2 workers"),
    ("ours_pipeline_seg_2", "pipeline: ours, with segmentation, 2 workers"),
    ("dt_pipeline_1", "pipeline: datatrove, 1 worker"),
    ("dt_pipeline_2", "pipeline: datatrove, 2 workers"),
]
RATIOS = [("extract (1 worker)", "ours_extract", "dt_extract"), ("dedup (1 worker)", "ours_dedup", "dt_dedup"),
          ("pipeline, 1 worker", "ours_pipeline_1", "dt_pipeline_1"),
          ("pipeline, 2 workers", "ours_pipeline_2", "dt_pipeline_2")]


def machine() -> dict:
    cpu, ram = "unknown", "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": cpu, "ram": ram,
            "python": platform.python_version(), "os": f"{platform.system()} {platform.release()}"}


QUICK = ("ours_extract", "dt_extract", "ours_dedup", "dt_dedup")  # --quick: the stage rows only


def run_speed(work, tmp: Path, with_datatrove: bool, log=print, keys=None) -> dict:
    """The rows of ROWS that can run (all, or ``keys``): {key: measurement}; no datatrove rows without it."""
    warc = str(work.root / "warc")
    steps = {
        "ours_extract": ("bench.ours_side:extract", {"workdir": str(tmp / "ours"), "segment": False, "workers": 1}),
        "ours_extract_seg": ("bench.ours_side:extract", {"workdir": str(tmp / "ours_seg"), "segment": True, "workers": 1}),
        "ours_dedup": ("bench.ours_side:dedup", {"workdir": str(tmp / "ours")}),
        "ours_pipeline_1": ("bench.ours_side:pipeline", {"workdir": str(tmp / "p1"), "segment": False, "workers": 1}),
        "ours_pipeline_2": ("bench.ours_side:pipeline", {"workdir": str(tmp / "p2"), "segment": False, "workers": 2}),
        "ours_pipeline_seg_2": ("bench.ours_side:pipeline", {"workdir": str(tmp / "ps2"), "segment": True, "workers": 2}),
    }
    for key in list(steps):
        steps[key][1]["warc_dir"] = warc
    if with_datatrove:
        steps.update({
            "dt_extract": ("bench.datatrove_side:extract", {"warc_dir": warc, "out": str(tmp / "dt"), "workers": 1}),
            "dt_dedup": ("bench.datatrove_side:dedup", {"out": str(tmp / "dt"), "workers": 1}),
            "dt_pipeline_1": ("bench.datatrove_side:pipeline", {"warc_dir": warc, "out": str(tmp / "dt1"), "workers": 1}),
            "dt_pipeline_2": ("bench.datatrove_side:pipeline", {"warc_dir": warc, "out": str(tmp / "dt2"), "workers": 2}),
        })
    order = ["ours_extract", "dt_extract", "ours_extract_seg", "ours_dedup", "dt_dedup", "ours_pipeline_1",
             "dt_pipeline_1", "ours_pipeline_2", "dt_pipeline_2", "ours_pipeline_seg_2"]  # interleaved: fair under drift
    out = {}
    for key in order:
        if key in steps and (keys is None or key in keys):
            out[key] = run_step(*steps[key])
            log(f"{key}: {out[key]['wall_s']:.1f} s wall, {out[key]['cpu_s']:.1f} s CPU")
    return out


def _docs_in(key: str, m: dict, work) -> int:
    result = m["result"]
    return result["docs"] if key.endswith("_dedup") else work.pages


def speed_rows(speed: dict, work) -> list[dict]:
    rows = []
    for key, label in ROWS:
        if key not in speed:
            continue
        m = speed[key]
        docs = _docs_in(key, m, work)
        html = not key.endswith("_dedup")
        rows.append({"key": key, "label": label, "docs": docs, "wall_s": m["wall_s"], "docs_s": docs / m["wall_s"],
                     "mb_s": work.html_bytes / 1e6 / m["wall_s"] if html else None,
                     "cpu_ms_doc": 1000 * m["cpu_s"] / docs, "peak_rss_mib": m["peak_rss_mib"]})
    return rows


def workload_f1(work, ours: dict[str, str], theirs: dict[str, str] | None) -> dict:
    """Pairwise F1 against the planted clusters, on the docs both sides kept."""
    from bench.dedup_bench import pair_scores

    ours = {canonicalize_url(u): c for u, c in ours.items()}
    common = set(ours) & set(work.truth)
    if theirs is not None:
        theirs = {canonicalize_url(u): c for u, c in theirs.items()}
        common &= set(theirs)
    truth = {u: work.truth[u] for u in common}
    out = {"docs": len(common), "ours": pair_scores(truth, {u: ours[u] for u in common})}
    if theirs is not None:
        out["datatrove"] = pair_scores(truth, {u: theirs[u] for u in common})
    return out


OURS_LABEL = "ours (threshold 0.7, 3-word shingles, 16x8)"
DT_CONFIGS = [("datatrove syllables 3-gram 16x8", {"tokenizer": "syllables"}),
              ("datatrove vi (pyvi) 5-gram 14x8 (its defaults)", {"tokenizer": "vi", "n_grams": 5, "buckets": 14, "hashes": 8})]


def labelled_f1(articles: int, with_datatrove: bool, tmp: Path, configs=DT_CONFIGS) -> dict:
    """{set name: {config: scores}} on the Vietnamese labelled sets."""
    from bench.dedup_bench import pair_scores
    from bench.workload import _synth

    sets = {}
    sample = SHARED / "data" / "neardup_sample.jsonl"
    if sample.is_file():
        sets["neardup_sample.jsonl"] = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines()
                                        if line.strip()]
    sets[f"generated ({articles} articles, seed 7)"] = _synth().labelled_set(articles)
    out = {}
    for k, (name, rows) in enumerate(sets.items()):
        truth = {r["id"]: r["cluster"] for r in rows}
        scores = {OURS_LABEL: pair_scores(truth, ours_side.find_clusters(rows))}
        if with_datatrove:
            for j, (label, kwargs) in enumerate(configs):
                pred = datatrove_side.find_clusters(rows, str(tmp / f"lab{k}-{j}"), **kwargs)
                scores[label] = pair_scores(truth, pred)
        out[name] = {"docs": len(rows), "scores": scores}
    return out


def _fmt(x, spec=".1f") -> str:
    return "—" if x is None else format(x, spec)


def report(work, rows: list[dict], wf1: dict, lab: dict, command: str, with_datatrove: bool) -> str:
    facts = machine()
    ours_version = version("vicorpus")
    dt = datatrove_side.versions() if with_datatrove else {}
    lines = ["## Scale: ours vs datatrove on one WARC workload (python -m bench)", "",
             f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; command: `{command}`",
             f"- machine: nproc {facts['nproc']}, {facts['cpu']}, RAM {facts['ram']}, Python {facts['python']}, "
             f"{facts['os']}; shared with other jobs, so wall times are noisy: compare the ratios and CPU s/doc",
             f"- versions: vicorpus {ours_version}" + "".join(f", {k} {v}" for k, v in dt.items()),
             f"- workload (seed {work.seed}): {work.pages} pages in {len(work.warc_files)} WARC shards, "
             f"{work.html_bytes / 1e6:.1f} MB of HTML; {work.duplicate_pages} planted copies ("
             + ", ".join(f"{v} {n}" for v, n in work.counts.items() if v != "original")
             + f"); {work.real_pages} of the pages are real shared pages",
             "- datatrove: `WarcReader -> Trafilatura(favour_precision=True, timeout=10) -> JsonlWriter`, then "
             "`MinhashDedupSignature/Buckets/Cluster/Filter` with `MinhashConfig(n_grams=3, num_buckets=16, "
             "hashes_per_bucket=8)` (our 3-word shingles; datatrove's 16 bands x 8 rows) and a syllable tokenizer "
             "(spaCy `vi` with `use_pyvi=False`: no segmentation, like ours); LocalPipelineExecutor, tasks = shards, "
             "`start_method=fork`. It does no normalization, LID, quality filter or PII step: ours does all four.",
             "- each row is one fresh process tree; CPU = user + system of the process and its workers; "
             "peak RSS = the largest single process; MB/s = MB of input HTML per wall second", "",
             "| step | docs | wall s | docs/s | MB/s | CPU ms/doc | peak RSS MiB |", "|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['label']} | {r['docs']} | {r['wall_s']:.1f} | {r['docs_s']:.1f} | {_fmt(r['mb_s'], '.2f')} | "
              f"{r['cpu_ms_doc']:.1f} | {r['peak_rss_mib']:.0f} |" for r in rows]
    by = {r["key"]: r for r in rows}
    if with_datatrove:
        lines += ["", "Ratios ours / datatrove, same run (> 1 = ours faster; CPU ratio = datatrove CPU per doc / ours):", "",
                  "| step | docs/s ratio | CPU-per-doc ratio |", "|---|---:|---:|"]
        for label, a, b in RATIOS:
            if a in by and b in by:
                lines.append(f"| {label} | {by[a]['docs_s'] / by[b]['docs_s']:.2f} | "
                             f"{by[b]['cpu_ms_doc'] / by[a]['cpu_ms_doc']:.2f} |")
    if with_datatrove and all(k in by for k in ("ours_extract", "dt_extract", "ours_dedup", "dt_dedup")):
        def verdict(ok: bool) -> str:
            return "met" if ok else "NOT met"
        ext = by["dt_extract"]["cpu_ms_doc"] / by["ours_extract"]["cpu_ms_doc"]
        ded = by["dt_dedup"]["cpu_ms_doc"] / by["ours_dedup"]["cpu_ms_doc"]
        f1s = [(e["scores"][OURS_LABEL]["f1"], max(v["f1"] for k, v in e["scores"].items() if k != OURS_LABEL))
               for e in lab.values() if len(e["scores"]) > 1]
        lines += ["", "Targets of issue 8 in this run:",
                  f"- extract + normalization + filters at least as fast per core as datatrove's WarcReader -> "
                  f"Trafilatura: {verdict(ext >= 1)} (datatrove CPU/doc over ours = {ext:.2f})",
                  f"- dedup at least as fast: {verdict(ded >= 1)} ({ded:.2f}x less CPU per doc)",
                  f"- higher dedup F1 on the Vietnamese labelled data: {verdict(all(o > t for o, t in f1s))} "
                  "(" + "; ".join(f"ours {o:.3f} vs best datatrove {t:.3f}" for o, t in f1s) + ")"]
    if "ours_extract" in by and "ours_extract_seg" in by:
        seg = by["ours_extract_seg"]["cpu_ms_doc"] - by["ours_extract"]["cpu_ms_doc"]
        lines += ["", f"Cost of Vietnamese word segmentation in our extract: +{seg:.1f} CPU ms/doc "
                  f"({by['ours_extract_seg']['cpu_ms_doc'] / by['ours_extract']['cpu_ms_doc']:.2f}x the stage without it)."]
    if "ours_pipeline_1" in by and "ours_pipeline_2" in by:
        lines.append(f"Our pipeline 1 -> 2 workers: {by['ours_pipeline_1']['wall_s'] / by['ours_pipeline_2']['wall_s']:.2f}x"
                     + (f"; datatrove: {by['dt_pipeline_1']['wall_s'] / by['dt_pipeline_2']['wall_s']:.2f}x"
                        if "dt_pipeline_2" in by else "") + " (2 cores shared with other jobs).")
    lines += ["", f"Dedup on the workload's planted duplicates ({wf1['docs']} docs kept by both sides' extraction), pairwise:",
              "", "| side | precision | recall | F1 | wrong merges | missed pairs |", "|---|---:|---:|---:|---:|---:|"]
    for side in ("ours", "datatrove"):
        if side in wf1:
            s = wf1[side]
            lines.append(f"| {side} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | {s['wrong_merges']} | {s['missed_pairs']} |")
    lines += ["", "Dedup F1 on the Vietnamese labelled sets (text in, no extraction):", "",
              "| set | docs | method | precision | recall | F1 |", "|---|---:|---|---:|---:|---:|"]
    for name, entry in lab.items():
        for method, s in entry["scores"].items():
            lines.append(f"| {name} | {entry['docs']} | {method} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} |")
    if not with_datatrove:
        lines += ["", "datatrove was not importable here (pip install -e '.[bench]'): its rows are missing."]
    return "\n".join(lines) + "\n"


def main(argv=None, log=print) -> dict:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1500)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--articles", type=int, default=400, help="articles of the generated labelled set")
    ap.add_argument("--no-datatrove", action="store_true", help="only our side")
    ap.add_argument("--quick", action="store_true", help="stage rows only, one datatrove dedup config (smoke test)")
    ap.add_argument("--out", type=Path, default=OUT, help="markdown output (default bench/results/scale.md)")
    ap.add_argument("--workdir", type=Path, help="keep the workload and outputs here (default: a temp dir)")
    args = ap.parse_args(argv)
    if args.pages < 10 or args.shards < 2:
        ap.error("--pages >= 10 and --shards >= 2 (the 2-worker rows need two shards)")
    with_dt = not args.no_datatrove and datatrove_side.available()
    command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="vicorpus-bench-") as tmpdir:
        tmp = args.workdir or Path(tmpdir)
        work = build_workload(tmp / "workload", args.pages, shards=args.shards, seed=args.seed)
        log(f"workload: {work.pages} pages, {work.html_bytes / 1e6:.1f} MB, {work.duplicate_pages} planted copies")
        speed = run_speed(work, tmp, with_dt, log, QUICK if args.quick else None)
        rows = speed_rows(speed, work)
        wf1 = workload_f1(work, speed["ours_dedup"]["result"]["clusters"],
                          speed["dt_dedup"]["result"]["clusters"] if with_dt else None)
        lab = labelled_f1(args.articles, with_dt, tmp, DT_CONFIGS[:1] if args.quick else DT_CONFIGS)
    text = report(work, rows, wf1, lab, command.strip(), with_dt)
    log(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return {"rows": rows, "workload": work, "workload_f1": wf1, "labelled_f1": lab, "text": text,
            "datatrove": with_dt}


if __name__ == "__main__":
    main()
