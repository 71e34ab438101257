"""The persistent dedup index: signatures and LSH band keys of every doc seen.

Layout of ``WORKDIR/dedup/index/`` (copied into a release as ``dedup_index/``)::

    manifest.json       parameters (num_perm, shingle_size, seed, bands, rows, ...) and counts
    ids.npy             doc ids (unicode), sorted as stored
    clusters.npy        cluster id of each doc
    keep.npy            bool: the doc is its cluster's keeper
    exact.npy           exact-duplicate key (32 hex chars, b"" for a text with no words)
    signatures.npy      (n, num_perm) uint32 body MinHash
    leads.npy           (n, 64) uint32 lead MinHash
    sizes.npy, body_words.npy   int64
    numbers.npy         (n, 4) uint64 fingerprint of the numbers in the body
    band_keys.npy, lead_band_keys.npy   uint64 LSH keys (for readers that bucket without numpy MinHash)

Plain .npy files (no pickle) so any later run, or another tool, loads them with numpy.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dedup.canon import CANON_VERSION
from dedup.cluster import LEAD_THRESHOLD, MatchParams
from dedup.features import LEAD_PERM, Features
from dedup.minhash import band_keys, lsh_params
from vicorpus.errors import UsageError

INDEX_FORMAT = 1


@dataclass
class StoredIndex:
    ids: list[str]
    clusters: list[str]
    keep: np.ndarray
    features: Features


def save_index(path: Path, index: StoredIndex, params: MatchParams) -> None:
    """Write ``path`` atomically (a temp folder renamed over the old one)."""
    tmp = path.with_name(path.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    f = index.features
    bands, rows = params.bands_rows
    lb, lr = lsh_params(LEAD_THRESHOLD, LEAD_PERM)
    np.save(tmp / "ids.npy", np.array(index.ids, dtype=str))
    np.save(tmp / "clusters.npy", np.array(index.clusters, dtype=str))
    np.save(tmp / "keep.npy", np.asarray(index.keep, dtype=bool))
    np.save(tmp / "exact.npy", np.array([k.encode() for k in f.exact], dtype="S32"))
    np.save(tmp / "signatures.npy", f.signatures)
    np.save(tmp / "leads.npy", f.leads)
    np.save(tmp / "sizes.npy", f.sizes)
    np.save(tmp / "body_words.npy", f.body_words)
    np.save(tmp / "numbers.npy", f.numbers)
    np.save(tmp / "band_keys.npy", band_keys(f.signatures, bands, rows))
    np.save(tmp / "lead_band_keys.npy", band_keys(f.leads, lb, lr, seed=11))
    manifest = {
        "format": INDEX_FORMAT, "canonicalization": CANON_VERSION, "docs": len(index.ids),
        "threshold": params.threshold, "num_perm": params.num_perm, "shingle_size": params.shingle_size,
        "seed": params.seed, "bands": bands, "rows": rows, "lead_perm": LEAD_PERM,
        "lead_bands": lb, "lead_rows": lr, "containment": params.containment,
        "min_coverage": params.min_coverage, "hash": "xxh3_64 words, multiply-shift uint64 permutations",
        "files": sorted(p.name for p in tmp.glob("*.npy")),
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    if path.exists():
        shutil.rmtree(path)
    tmp.rename(path)


def load_index(path: Path, params: MatchParams) -> StoredIndex:
    """Load an index written by :func:`save_index`; parameters must match this run."""
    manifest_file = path / "manifest.json"
    if not manifest_file.is_file():
        raise UsageError(f"no dedup index at {path} (expected {manifest_file.name})")
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    for key, want in (("format", INDEX_FORMAT), ("canonicalization", CANON_VERSION),
                      ("num_perm", params.num_perm), ("shingle_size", params.shingle_size),
                      ("seed", params.seed), ("lead_perm", LEAD_PERM)):
        if manifest.get(key) != want:
            raise UsageError(f"dedup index {path} has {key}={manifest.get(key)!r}, this run uses {want!r}")

    def load(name: str) -> np.ndarray:
        return np.load(path / name, allow_pickle=False)

    features = Features(
        [k.decode() for k in load("exact.npy")], load("signatures.npy"), load("leads.npy"),
        load("sizes.npy"), load("body_words.npy"), load("numbers.npy"),
    )
    return StoredIndex([str(i) for i in load("ids.npy")], [str(c) for c in load("clusters.npy")],
                       load("keep.npy"), features)
