"""Our pipeline's bench steps (each runs inside a bench.measure child).

``extract``: run_extract over the workload's WARC shards (normalization, LID,
quality filters, PII; segmentation on or off). ``dedup``: run_dedup on the kept
docs. ``pipeline``: both, in one process tree. Each returns counts and the cluster
of every kept doc by canonical URL, for the F1 against the planted duplicates.

Use: ``run_step("bench.ours_side:extract", {"warc_dir": "w/warc", "workdir": "o", "segment": False, "workers": 1})``.
"""

from __future__ import annotations

import os
from pathlib import Path


def _workdir(warc_dir: str, workdir: str):
    from vicorpus.workdir import prepare_workdir

    work = prepare_workdir(workdir)
    if not work.warc.exists():
        os.symlink(Path(warc_dir).resolve(), work.warc)  # the same WARC bytes for every step
    return work


def extract(warc_dir: str, workdir: str, segment: bool, workers: int) -> dict:
    from normalize.stage import run_extract
    from vicorpus.config import ExtractSettings

    summary = run_extract(_workdir(warc_dir, workdir), ExtractSettings(workers=workers, segment=segment),
                          progress=False)
    return {"rows": summary["rows"], "kept": summary["kept"], "dropped": summary["dropped_by_reason"]}


def dedup(warc_dir: str, workdir: str) -> dict:
    import pyarrow.parquet as pq

    from dedup.stage import run_dedup
    from vicorpus.config import DedupSettings
    from vicorpus.docs_table import read_docs

    work = _workdir(warc_dir, workdir)
    summary = run_dedup(work, DedupSettings(), progress=False)
    urls = dict(zip(*[read_docs(work, kept_only=True, columns=["id", "url"]).column(c).to_pylist()
                      for c in ("id", "url")]))
    table = pq.read_table(work.dedup_file, columns=["id", "dedup_cluster"])
    clusters = {urls[i]: c for i, c in zip(table.column("id").to_pylist(), table.column("dedup_cluster").to_pylist())}
    return {"docs": summary["docs"], "removed": summary["removed"], "clusters": clusters,
            "params": {"threshold": summary["threshold"], "num_perm": summary["num_perm"],
                       "bands": summary["bands"], "rows": summary["rows"], "shingle_size": summary["shingle_size"]}}


def pipeline(warc_dir: str, workdir: str, segment: bool, workers: int) -> dict:
    out = extract(warc_dir, workdir, segment, workers)
    out["dedup"] = {k: v for k, v in dedup(warc_dir, workdir).items() if k != "clusters"}
    return out


def find_clusters(rows: list[dict]) -> dict[str, str]:
    """Our clusters on labelled text rows {id, text} (dedup.find_duplicates, default threshold)."""
    from dedup import find_duplicates

    return find_duplicates((r["id"], r["text"]) for r in rows)
