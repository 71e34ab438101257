"""The dedup stage: kept docs -> WORKDIR/dedup/{dedup.parquet, summary.json, index/}.

The stage streams: it reads only the columns it needs, in record batches, keeps per
document only a few numbers in numpy arrays, and spills everything else to
``WORKDIR/dedup/work/`` (removed at the end), so its memory stays flat as the corpus
grows; a killed run resumes from the units it finished (:class:`WorkState`). The work is
split into units (:mod:`dedup.tasks`) mapped by the configured executor (local processes
or Ray); outputs are byte-identical for any executor and worker count, because every unit is
defined by the input files, never by the workers.

Keeper policy: see :mod:`dedup.keeper`. With a previous release, its docs keep their
cluster and keep flag; a new copy of a released article joins that cluster with
keep=False.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import vicorpus
from dedup.canon import CANON_VERSION
from dedup.cluster import merge
from dedup.features import MatchParams
from dedup.index import StoredIndex, load_index, read_part, save_index
from dedup.keeper import KEEPER_RULE, keepers
from dedup.lsh import PAIR
from dedup.tasks import band_task, features_task, reband_task, verify_task
from dedup.verify import MATCH_RULE
from vicorpus.config import DedupSettings
from vicorpus.docs_table import select_docs
from vicorpus.errors import UsageError
from vicorpus.executors import open_executor
from vicorpus.progress import stage_progress
from vicorpus.schema import DEDUP_SCHEMA
from vicorpus.workdir import Workdir

METHOD = ("exact(xxh3 canonical body) + minhash-lsh(word 3-gram shingles, body + lead) candidates; "
          "verified on exact shared shingles (Jaccard or containment, stricter for short docs) and numbers; "
          "union-find")
CHUNK_ROWS = 20_000                # docs per features task
PARTITION_BYTES = 32 << 20         # shingle data of the rows of one verification block
PARTITION_PAIRS = 400_000          # candidate pairs (as found, all bands) of one verification block


def match_params(settings: DedupSettings) -> MatchParams:
    return MatchParams(threshold=settings.threshold, num_perm=settings.num_perm,
                       shingle_size=settings.shingle_size)


def load_previous(settings: DedupSettings, params: MatchParams) -> StoredIndex:
    """The previous release's index, or an empty one."""
    if settings.previous is None:
        return StoredIndex.empty()
    if not settings.previous.is_dir():
        raise UsageError(f"previous release not found: {settings.previous}")
    return load_index(settings.previous / "dedup_index", params)


class WorkState:
    """What the work files under WORKDIR/dedup/work/ hold, unit by unit ("features/3", "band/7",
    "verify/12"...), so a killed run resumes where it stopped. A unit is marked done (with
    its count) only once its task has returned, so its files are whole; anything else is
    redone. Work of other inputs or settings (another ``key``) is removed first.

    >>> import tempfile
    >>> work = Path(tempfile.mkdtemp()) / "work"
    >>> state = WorkState(work, "k1"); state.put("band/0", 12)
    >>> WorkState(work, "k1").get("band/0"), WorkState(work, "k2").get("band/0")
    (12, None)
    """

    def __init__(self, work: Path, key: str):
        self.path = work / "state.json"
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        if saved.get("key") != key:
            shutil.rmtree(work, ignore_errors=True)
            saved = {"key": key, "done": {}}
        work.mkdir(parents=True, exist_ok=True)
        self.key, self.done = key, saved["done"]
        self.resumed = bool(self.done)

    def get(self, unit: str):
        return self.done.get(unit)

    def todo(self, kind: str, count: int) -> list[int]:
        """The numbers k < ``count`` of the units "kind/k" not done yet."""
        return [k for k in range(count) if f"{kind}/{k}" not in self.done]

    def total(self, kind: str, count: int) -> int:
        """The sum of the counts the done units "kind/k" (k < ``count``) recorded."""
        return sum(self.done.get(f"{kind}/{k}", 0) for k in range(count))

    def put(self, unit: str, value) -> None:
        self.done[unit] = value
        self._save()

    def forget(self, kind: str) -> None:
        """Mark every unit "kind/k" as not done."""
        self.done = {unit: value for unit, value in self.done.items() if not unit.startswith(f"{kind}/")}
        self._save()

    def _save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"key": self.key, "done": self.done}), encoding="utf-8")
        os.replace(tmp, self.path)


def _work_key(workdir: Workdir, params: MatchParams, old: StoredIndex, fresh) -> str:
    """What the work files depend on: the code, its match rule, canonicalization and copy ranks, the
    match parameters, the previous release's docs, the new docs (ids, and each docs file as it is now)."""
    digest = hashlib.sha256()
    docs = [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in workdir.docs_files()]
    digest.update(json.dumps([vicorpus.__version__, MATCH_RULE, CANON_VERSION, KEEPER_RULE, repr(params), CHUNK_ROWS,
                              len(old), docs]).encode())
    for ids in (old.ids, fresh.ids):
        for buffer in ids.buffers():
            if buffer is not None:
                digest.update(buffer)
    return digest.hexdigest()


def _save_verified(path: Path, exact: np.ndarray, near: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as out:
        np.savez(out, exact=exact, near=near)
    os.replace(tmp, path)


def _workers(settings: DedupSettings) -> int:
    return settings.workers or max(1, os.cpu_count() or 1)


def run_dedup(workdir: Workdir, settings: DedupSettings, *, progress: bool = True) -> dict:
    """Cluster the kept docs of ``workdir`` and write the dedup outputs; returns the summary.

    Example: ``run_dedup(Workdir(Path("work")), DedupSettings(threshold=0.7))``.
    """
    started = time.monotonic()
    if not workdir.docs_files():
        raise UsageError(f"no docs files in {workdir.docs}: run `vicorpus extract` first")
    workdir.require_extracted("dedup")
    params = match_params(settings)
    old = load_previous(settings, params)
    n_old = len(old)
    selection = select_docs(workdir, kept_only=True)
    known = pc.is_in(selection.ids, value_set=old.ids).to_numpy(zero_copy_only=False) if n_old \
        else np.zeros(len(selection), bool)
    fresh = selection.take(np.nonzero(~known)[0]) if known.any() else selection
    n = n_old + len(fresh)
    if n >= 2**32 - 1:
        raise UsageError(f"{n} documents: dedup numbers rows with 32 bits")

    work = workdir.dedup / "work"
    state = WorkState(work, _work_key(workdir, params, old, fresh))
    (work / "parts").mkdir(parents=True, exist_ok=True)
    chunks = fresh.chunks(CHUNK_ROWS)
    new_parts = [work / "parts" / f"{k:05d}" for k in range(len(chunks))]
    bands = params.bands_rows[0] + params.lead_bands_rows[0]
    workers = _workers(settings)
    with open_executor(settings.executor, workers=workers, ray_address=settings.ray_address) as ex, \
            stage_progress(progress) as bar:
        # 1. features of the new docs; previous parts re-banded if the threshold changed
        task = bar.add_task("dedup: features", total=len(fresh))
        bar.advance(task, state.total("features", len(chunks)))
        todo = state.todo("features", len(chunks))
        for k in todo:
            shutil.rmtree(new_parts[k], ignore_errors=True)  # half written by a killed run
        for i, (docs, _) in ex.map(features_task, [(str(new_parts[k]), chunks[k], n_old, params) for k in todo]):
            state.put(f"features/{todo[i]}", docs)
            bar.advance(task, docs)
        old_parts, rebanded = list(old.parts), []
        if old.parts and old.bands_rows != params.bands_rows:
            rebanded = [work / "rebanded" / p.name for p in old.parts]
            todo = state.todo("rebanded", len(rebanded))
            for k in todo:
                shutil.rmtree(rebanded[k], ignore_errors=True)
            for i, _ in ex.map(reband_task, [(str(old.parts[k]), str(rebanded[k]), params) for k in todo]):
                state.put(f"rebanded/{todo[i]}", True)
            old_parts = []
        parts = [str(p) for p in old_parts + rebanded + new_parts]

        # 2. candidate pairs, band by band
        (work / "pairs").mkdir(exist_ok=True)
        task = bar.add_task("dedup: LSH buckets", total=bands)
        pair_files = [work / "pairs" / f"{b:03d}.u32" for b in range(bands)]
        todo = state.todo("band", bands)
        bar.advance(task, bands - len(todo))
        for i, count in ex.map(band_task, [(b, parts, str(pair_files[b]), n_old) for b in todo]):
            state.put(f"band/{todo[i]}", count)
            bar.advance(task)
        raw_pairs = state.total("band", bands)

        # 3. what the checks need, row-indexed; the pairs split into blocks by their first row
        if state.get("meta") is None:
            shutil.rmtree(work / "meta", ignore_errors=True)
            _write_meta(parts, n, work / "meta")
            state.put("meta", True)
        # Candidates per doc grow with the corpus (more look-alike docs): bound both.
        shingles = int(np.load(work / "meta" / "sizes.npy", mmap_mode="r").sum())
        partitions = max(workers, int(np.ceil(4 * shingles / PARTITION_BYTES)),
                         int(np.ceil(raw_pairs / PARTITION_PAIRS)))
        if state.get("blocks") != partitions:  # (another worker count may split them otherwise)
            state.forget("verify")
            shutil.rmtree(work / "verified", ignore_errors=True)
            shutil.rmtree(work / "blocks", ignore_errors=True)
            (work / "blocks").mkdir()
            _route_pairs(pair_files, work / "blocks", partitions)
            state.put("blocks", partitions)

        # 4. verify each block's candidates; 5. clusters of the verified pairs
        task = bar.add_task("dedup: verify", total=partitions)
        (work / "verified").mkdir(exist_ok=True)
        todo = state.todo("verify", partitions)
        bar.advance(task, partitions - len(todo))
        verify = [(str(work / "blocks" / f"{q:03d}.u32"), str(work / "meta"), parts, params) for q in todo]
        for i, (found_exact, found_near, count) in ex.map(verify_task, verify):
            _save_verified(work / "verified" / f"{todo[i]:03d}.npz", found_exact, found_near)
            state.put(f"verify/{todo[i]}", count)
            bar.advance(task)
    exact, near = [np.empty((0, 2), np.int64)], [np.empty((0, 2), np.int64)]
    for q in range(partitions):
        with np.load(work / "verified" / f"{q:03d}.npz") as found:
            exact.append(found["exact"])
            near.append(found["near"])
    candidates = state.total("verify", partitions)
    names_old, old_labels = _old_clusters(old)
    labels = np.full(n, -1, dtype=np.int64)
    labels[:n_old] = old_labels
    rep, counts = merge(n, np.concatenate(exact), np.concatenate(near), labels)
    counts["candidate_pairs"] = candidates
    del exact, near, labels

    summary = _write_outputs(workdir, settings, params, old, (names_old, old_labels), fresh, selection, known, rep,
                             parts, work / "meta", counts, new_parts=rebanded + new_parts, old_parts=old_parts)
    if not os.environ.get("VICORPUS_KEEP_WORK"):  # kept for a look at the intermediate files
        shutil.rmtree(work, ignore_errors=True)
    summary.update(seconds=round(time.monotonic() - started, 3), executor=settings.executor, workers=workers,
                   resumed=state.resumed,
                   shuffle={"parts": len(parts), "bands": bands, "band_pairs": raw_pairs,
                            "partitions": partitions})
    (workdir.dedup / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return summary


def _load_pairs(path: Path) -> np.ndarray:
    return np.fromfile(path, dtype=PAIR).reshape(-1, 2)


def _gather(parts: list[str], name: str, n: int) -> np.ndarray:
    """One per-document array over all rows (rows without a value stay 0)."""
    out = None
    for part in parts:
        data = read_part(Path(part), "rows", name)
        if out is None:
            out = np.zeros(n, dtype=data[name].dtype)
        out[data["rows"].astype(np.int64)] = data[name]
    return out if out is not None else np.zeros(n, np.int64)


def _old_clusters(old: StoredIndex) -> tuple[pa.Array, np.ndarray]:
    """The previous release's cluster names, and each previous row's cluster as its number in
    them (released clusters stay apart)."""
    if not len(old):
        return pa.array([], pa.string()), np.zeros(0, np.int64)
    names = pc.unique(old.clusters)
    return names, pc.index_in(old.clusters, value_set=names).to_numpy(zero_copy_only=False)


def _route_pairs(pair_files: list[Path], out: Path, partitions: int) -> None:
    """Append every band's pairs to the file of their first row's block (rows spread by a
    hash: the smallest row of a pair is more often a low one, so plain ranges are uneven)."""
    files = [open(out / f"{q:03d}.u32", "wb") for q in range(partitions)]
    try:
        for path in pair_files:
            pairs = _load_pairs(path)
            if not len(pairs):
                continue
            with np.errstate(over="ignore"):
                mixed = pairs[:, 0].astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
            target = ((mixed >> np.uint64(32)) % np.uint64(partitions)).astype(np.int64)
            order = np.argsort(target, kind="stable")
            bounds = np.searchsorted(target[order], np.arange(partitions + 1))
            for q in range(partitions):
                pairs[order[bounds[q] : bounds[q + 1]]].tofile(files[q])
    finally:
        for f in files:
            f.close()


def _write_meta(parts: list[str], n: int, folder: Path) -> np.ndarray:
    """Row-indexed .npy files of what the pair checks read (one array in memory at a time);
    returns the shingle counts."""
    folder.mkdir()
    for name in ("exact", "words", "numbers", "names", "part", "start", "sizes"):
        out = None
        for number, part in enumerate(parts):
            data = read_part(Path(part), "rows", "sizes" if name in ("start", "part") else name)
            rows = data["rows"].astype(np.int64)
            if name == "part":
                values = np.full(len(rows), number, dtype=np.int32)
            elif name == "start":
                values = np.concatenate([[0], np.cumsum(data["sizes"], dtype=np.int64)[:-1]])
            else:
                values = data[name]
            if out is None:
                out = np.zeros((n,) + values.shape[1:], dtype=values.dtype)
            out[rows] = values
        if out is None:
            out = np.zeros(n, dtype=np.int64)
        np.save(folder / f"{name}.npy", out)
    return out


def _write_outputs(workdir: Workdir, settings: DedupSettings, params: MatchParams, old: StoredIndex,
                   old_clusters: tuple[pa.Array, np.ndarray], fresh, selection, known: np.ndarray, rep: np.ndarray,
                   parts: list[str], meta: Path, counts: dict, new_parts: list[Path], old_parts: list[Path]) -> dict:
    """Cluster ids, sizes and keepers from each row's root; dedup.parquet, index, summary.
    ``old_clusters``: :func:`_old_clusters` of ``old``; ``meta``: :func:`_write_meta`'s folder."""
    n_old, n = len(old), len(rep)
    names_old, labels = old_clusters
    n_labels = len(names_old)
    # Cluster key: a released cluster's number, else n_labels + the cluster's smallest row.
    key = n_labels + rep
    labelled = rep < n_old
    key[labelled] = labels[rep[labelled]]
    size = np.bincount(key, minlength=n_labels + n)

    keep = np.zeros(n, dtype=bool)
    keep[:n_old] = old.keep
    new_rows = np.arange(n_old, n)
    open_cluster = key[new_rows] >= n_labels  # not joined to a released cluster
    candidates = new_rows[open_cluster]
    published = _gather(parts, "published", n)
    flags = _gather(parts, "republished", n)
    words = np.load(meta / "words.npy")
    keep[candidates] = keepers(key[candidates], flags[candidates], published[candidates],
                               words[candidates], candidates)

    all_ids = pa.concat_arrays([old.ids, fresh.ids]) if n_old else fresh.ids
    names = pa.concat_arrays([names_old.cast(pa.string()), all_ids.cast(pa.string())])
    clusters = names.take(pa.array(key))

    # This run's docs (the released ones among them keep their row), in id order.
    row_of = np.empty(len(selection), dtype=np.int64)
    row_of[~known] = n_old + np.arange(len(fresh))
    if n_old:
        row_of[known] = pc.index_in(selection.ids.filter(pa.array(known)), value_set=old.ids).to_numpy()
    out = pa.table({
        "id": selection.ids,
        "dedup_cluster": clusters.take(pa.array(row_of)),
        "dedup_cluster_size": pa.array(size[key[row_of]].astype(np.int64)),
        "keep": pa.array(keep[row_of]),
    }, schema=DEDUP_SCHEMA)
    workdir.dedup.mkdir(parents=True, exist_ok=True)
    tmp = workdir.dedup_file.with_suffix(".parquet.tmp")
    pq.write_table(out, tmp)
    os.replace(tmp, workdir.dedup_file)
    docs = pa.table({"id": all_ids, "cluster": clusters, "keep": pa.array(keep)})
    save_index(workdir.dedup / "index", docs, old_parts, new_parts, params)

    here = np.unique(key[row_of])
    bands, rows = params.bands_rows
    return {
        "docs": len(selection),
        "exact_duplicates": counts["exact_duplicates"],
        "near_duplicates": counts["near_duplicates"],
        "clusters": int(len(here)),
        "multi_doc_clusters": int(np.count_nonzero(size[here] > 1)),
        "removed": int(np.count_nonzero(~keep[row_of])),
        "threshold": params.threshold, "num_perm": params.num_perm, "bands": bands, "rows": rows,
        "shingle_size": params.shingle_size, "method": METHOD,
        "candidate_pairs": counts["candidate_pairs"],
        "previous_release": str(settings.previous) if settings.previous else None,
        "previous_docs": n_old,
        "matched_previous": int(np.count_nonzero((row_of >= n_old) & ~keep[row_of] & (key[row_of] < n_labels))),
    }
