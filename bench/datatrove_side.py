"""datatrove's equivalent pipeline, on the same WARC files (runs inside a bench.measure child).

extract: ``WarcReader -> Trafilatura(favour_precision=True, timeout=10) -> JsonlWriter``
(datatrove's default favour_precision; timeout raised from 1 s so that a shared,
contended machine does not turn slow pages into drops).
dedup: ``MinhashDedupSignature -> MinhashDedupBuckets -> MinhashDedupCluster ->
MinhashDedupFilter`` with ``MinhashConfig(n_grams=3, num_buckets=16, hashes_per_bucket=8)``:
our shingle size and LSH bands x rows (128 hashes, threshold ~0.7). Tokenizer
``syllables`` (spaCy Vietnamese with ``use_pyvi=False``: no word segmentation, as
ours) or ``vi`` (datatrove's default for Vietnamese: spaCy + pyvi segmentation).
Executors: LocalPipelineExecutor, ``start_method="fork"`` so worker CPU time is
counted in RUSAGE_CHILDREN.

>>> available() in (True, False)
True
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

N_GRAMS, NUM_BUCKETS, HASHES_PER_BUCKET = 3, 16, 8


def available() -> bool:
    """True when datatrove and the packages its WARC reader and tokenizer need import."""
    try:
        import cchardet  # noqa: F401
        import datatrove  # noqa: F401
        import magic  # noqa: F401
        import orjson  # noqa: F401
        import pyvi  # noqa: F401
        import spacy  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return True


def versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("datatrove", "trafilatura", "spacy", "pyvi")}


def _patch_xxhash() -> None:
    """datatrove passes ``str`` to xxhash, which xxhash >= 4 refuses ("Strings must be encoded");
    xxhash 3 encoded it as UTF-8 itself, so doing that here keeps datatrove's default hash."""
    import xxhash
    from datatrove.utils.hashes import xxhash as dt_xxhash

    def encoded(fn):
        return lambda data: fn(data.encode("utf-8") if isinstance(data, str) else data)

    dt_xxhash.xxhash32, dt_xxhash.xxhash64 = encoded(xxhash.xxh32_intdigest), encoded(xxhash.xxh64_intdigest)


def _config(n_grams: int = N_GRAMS, buckets: int = NUM_BUCKETS, hashes: int = HASHES_PER_BUCKET):
    from datatrove.pipeline.dedup.minhash import MinhashConfig

    _patch_xxhash()

    return MinhashConfig(n_grams=n_grams, num_buckets=buckets, hashes_per_bucket=hashes)


def _tokenizer(name: str):
    from datatrove.utils.word_tokenizers import SpaCyTokenizer

    if name == "vi":
        return "vi"
    if name == "syllables":
        return SpaCyTokenizer("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    raise ValueError(f"tokenizer must be 'syllables' or 'vi', got {name!r}")


def _run(pipeline, tasks: int, workers: int, logs: Path) -> None:
    from datatrove.executor import LocalPipelineExecutor

    LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=min(workers, tasks), logging_dir=str(logs),
                          start_method="fork").run()


def extract(warc_dir: str, out: str, workers: int) -> dict:
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    out_path = Path(out)
    tasks = len(list(Path(warc_dir).glob("*.warc.gz")))
    _run([WarcReader(warc_dir, glob_pattern="*.warc.gz"),
          Trafilatura(favour_precision=True, timeout=10),
          JsonlWriter(str(out_path / "docs"))], tasks, workers, out_path / "logs" / "extract")
    return {"kept": len(_read_jsonl(out_path / "docs")), "tasks": tasks}


def _read_jsonl(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def dedup(out: str, workers: int, tokenizer: str = "syllables", n_grams: int = N_GRAMS,
          buckets: int = NUM_BUCKETS, hashes: int = HASHES_PER_BUCKET) -> dict:
    """The four MinHash stages over ``out/docs``; clusters by url (docs not in a cluster: own url)."""
    from datatrove.pipeline.dedup.minhash import (MinhashDedupBuckets, MinhashDedupCluster,
                                                  MinhashDedupFilter, MinhashDedupSignature)
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    root = Path(out)
    config, tok = _config(n_grams, buckets, hashes), _tokenizer(tokenizer)
    tasks = max(1, len(list((root / "docs").glob("*.jsonl.gz"))))
    m = root / f"minhash-{tokenizer}-{n_grams}g{buckets}x{hashes}"
    logs = m / "logs"
    _run([JsonlReader(str(root / "docs")), MinhashDedupSignature(str(m / "sigs"), config=config, language=tok)],
         tasks, workers, logs / "1")
    _run([MinhashDedupBuckets(str(m / "sigs"), str(m / "buckets"), config=config)], buckets, workers, logs / "2")
    _run([MinhashDedupCluster(str(m / "buckets"), str(m / "remove"), config=config, save_cluster_id=True)],
         1, 1, logs / "3")
    _run([JsonlReader(str(root / "docs")),
          MinhashDedupFilter(str(m / "remove"), load_cluster_ids=True,
                             exclusion_writer=JsonlWriter(str(m / "removed"), expand_metadata=False)),
          JsonlWriter(str(m / "kept"))], tasks, workers, logs / "4")
    kept, removed = _read_jsonl(m / "kept"), _read_jsonl(m / "removed")
    clusters = {}
    for row in kept + removed:
        meta = row.get("metadata") or {}
        url = meta.get("url") or row["id"]
        cid = meta.get("minhash_cluster_id", -1)
        clusters[url] = f"dt-{cid}" if cid is not None and cid >= 0 else url
    return {"docs": len(kept) + len(removed), "removed": len(removed), "clusters": clusters}


def pipeline(warc_dir: str, out: str, workers: int) -> dict:
    result = extract(warc_dir, out, workers)
    result["dedup"] = {k: v for k, v in dedup(out, workers).items() if k != "clusters"}
    return result


def find_clusters(rows: list[dict], out: str, tokenizer: str = "syllables", n_grams: int = N_GRAMS,
                  buckets: int = NUM_BUCKETS, hashes: int = HASHES_PER_BUCKET) -> dict[str, str]:
    """datatrove's MinHash clusters on labelled text rows {id, text}: id -> cluster."""
    from datatrove.data import Document
    from datatrove.pipeline.writers import JsonlWriter

    root = Path(out)
    with JsonlWriter(str(root / "docs")) as writer:
        for r in rows:
            writer.write(Document(text=r["text"], id=r["id"], metadata={"url": r["id"]}))
    return dedup(out, 1, tokenizer, n_grams, buckets, hashes)["clusters"]
