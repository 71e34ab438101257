"""The dedup stage: kept docs -> WORKDIR/dedup/{dedup.parquet, summary.json, index/}.

Keeper policy (one doc per cluster goes into a release), in order:
1. the original publisher: a doc whose text credits another outlet ("Theo TTXVN",
   "(Theo Báo Chính phủ)") is a republication and loses to one that does not;
2. the earliest ``published_at`` (unknown dates last);
3. the most complete text: most body words;
4. the smallest id.
With a previous release, its docs keep their cluster and keep flag; a new copy of a
released article joins that cluster with keep=False.
"""

from __future__ import annotations

import json
import os
import re
import time
from datetime import datetime, timezone

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from dedup.cluster import MatchParams, UnionFind, cluster_ids, link
from dedup.features import Features, compute_features
from dedup.index import StoredIndex, load_index, save_index
from vicorpus.config import DedupSettings
from vicorpus.docs_table import read_docs
from vicorpus.errors import UsageError
from vicorpus.progress import stage_progress
from vicorpus.schema import DEDUP_SCHEMA
from vicorpus.workdir import Workdir

METHOD = "exact(xxh3 canonical text) + minhash-lsh(word shingles, body + lead) + containment; union-find"
_CREDIT = re.compile(r"^\(?\s*theo\s+[^,.;:]{2,60}\)?\s*\.?\s*$", re.I)
_FAR_FUTURE = datetime.max.replace(tzinfo=timezone.utc)


def credits_other_source(text: str) -> bool:
    """True when a short first or last line credits another outlet.

    >>> credits_other_source("Giá điện tăng 4,8% từ hôm nay.\\n\\n(Theo TTXVN)")
    True
    >>> credits_other_source("Theo kế hoạch, thành phố khởi công 2 dự án.")
    False
    """
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    edge = lines[:1] + lines[-2:]
    return any(_CREDIT.match(line) and len(line.split()) <= 10 for line in edge)


def keeper_key(text: str, published_at, body_words: int, doc_id: str) -> tuple:
    """Sort key of the keeper policy (smallest wins)."""
    published = published_at if published_at is not None else _FAR_FUTURE
    if published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return (credits_other_source(text), published_at is None, published, -int(body_words), doc_id)


def match_params(settings: DedupSettings) -> MatchParams:
    return MatchParams(threshold=settings.threshold, num_perm=settings.num_perm,
                       shingle_size=settings.shingle_size)


def load_previous(settings: DedupSettings, params: MatchParams) -> StoredIndex:
    """The previous release's index, or an empty one."""
    if settings.previous is None:
        return StoredIndex([], [], np.zeros(0, bool), Features.empty(params.num_perm))
    if not settings.previous.is_dir():
        raise UsageError(f"previous release not found: {settings.previous}")
    return load_index(settings.previous / "dedup_index", params)


def run_dedup(workdir: Workdir, settings: DedupSettings, *, progress: bool = True) -> dict:
    """Cluster the kept docs of ``workdir`` and write the dedup outputs; returns the summary.

    Example: ``run_dedup(Workdir(Path("work")), DedupSettings(threshold=0.7))``.
    """
    if settings.executor == "ray":
        from dedup.ray_dedup import run_dedup_ray  # ray imported only when asked for

        return run_dedup_ray(workdir, settings, progress=progress)
    started = time.monotonic()
    params = match_params(settings)
    old = load_previous(settings, params)

    table = read_docs(workdir, kept_only=True, columns=["id", "text", "published_at"])
    ids = table.column("id").to_pylist()
    text_column = table.column("text")  # read lazily: no second copy of every text in Python
    published = table.column("published_at").to_pylist()

    def text_at(i: int) -> str:
        return text_column[i].as_py() or ""

    old_pos = {doc_id: i for i, doc_id in enumerate(old.ids)}
    fresh = [i for i, doc_id in enumerate(ids) if doc_id not in old_pos]
    workers = max(1, min(2, (os.cpu_count() or 1))) if len(fresh) > 20_000 else 1
    with stage_progress(progress) as bar:
        task = bar.add_task("dedup signatures", total=len(fresh))
        new_f = compute_features((text_at(i) for i in fresh), params.num_perm, params.shingle_size,
                                 params.seed, workers, on_batch=lambda n: bar.advance(task, n))
    f = Features.concat([old.features, new_f], params.num_perm)
    all_ids = old.ids + [ids[i] for i in fresh]
    n_old = len(old.ids)
    is_new = np.arange(len(all_ids)) >= n_old
    uf, counts = link(f, params, labels=list(old.clusters) + [None] * len(fresh), new=is_new)
    source_row = {n_old + k: i for k, i in enumerate(fresh)}

    def keeper_of(r: int) -> tuple:
        return keeper_key(text_at(source_row[r]), published[source_row[r]], f.body_words[r], all_ids[r])

    return write_outputs(workdir, settings, params, started, ids, all_ids, old, f, uf, counts, keeper_of)


def write_outputs(workdir: Workdir, settings: DedupSettings, params: MatchParams, started: float,
                  ids: list[str], all_ids: list[str], old: StoredIndex, f: Features, uf: UnionFind,
                  counts: dict, keeper_of, extra: dict | None = None) -> dict:
    """Clusters, keepers, dedup.parquet, index/ and summary.json from a finished union-find.

    ``all_ids``: the previous release's ids, then this run's new ids (the rows of ``f`` and ``uf``);
    ``keeper_of(row)``: the keeper-policy sort key of a new row. Shared by the local and Ray executors.
    """
    n_old = len(old.ids)
    is_new = np.arange(len(all_ids)) >= n_old
    clusters = cluster_ids(uf, all_ids)

    keep = np.concatenate([np.asarray(old.keep, bool), np.zeros(len(all_ids) - n_old, bool)])
    members: dict[str, list[int]] = {}
    for row, cluster in enumerate(clusters):
        members.setdefault(cluster, []).append(row)
    for cluster, rows in members.items():
        if any(not is_new[r] for r in rows):
            continue  # released cluster: its keeper stays, new copies are dropped
        if len(rows) == 1:
            keep[rows[0]] = True
            continue
        best = min(rows, key=keeper_of)
        keep[best] = True

    row_of = {doc_id: i for i, doc_id in enumerate(all_ids)}
    rows = [row_of[doc_id] for doc_id in ids]
    out = pa.table({
        "id": ids,
        "dedup_cluster": [clusters[r] for r in rows],
        "dedup_cluster_size": [len(members[clusters[r]]) for r in rows],
        "keep": [bool(keep[r]) for r in rows],
    }, schema=DEDUP_SCHEMA)
    workdir.dedup.mkdir(parents=True, exist_ok=True)
    tmp = workdir.dedup_file.with_suffix(".parquet.tmp")
    pq.write_table(out, tmp)
    os.replace(tmp, workdir.dedup_file)
    save_index(workdir.dedup / "index", StoredIndex(all_ids, clusters, keep, f), params)

    here = {clusters[r] for r in rows}
    bands, r_ = params.bands_rows
    summary = {
        "docs": len(ids),
        "exact_duplicates": counts["exact_duplicates"],
        "near_duplicates": counts["near_duplicates"],
        "clusters": len(here),
        "multi_doc_clusters": sum(1 for c in here if len(members[c]) > 1),
        "removed": int(sum(1 for r in rows if not keep[r])),
        "threshold": params.threshold, "num_perm": params.num_perm, "bands": bands, "rows": r_,
        "shingle_size": params.shingle_size, "method": METHOD,
        "candidate_pairs": counts["candidate_pairs"],
        "previous_release": str(settings.previous) if settings.previous else None,
        "previous_docs": n_old,
        "matched_previous": int(sum(1 for r in rows if is_new[r] and not keep[r]
                                    and any(not is_new[m] for m in members[clusters[r]]))),
        "seconds": round(time.monotonic() - started, 3),
        **(extra or {}),
    }
    (workdir.dedup / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False),
                                                encoding="utf-8")
    return summary
