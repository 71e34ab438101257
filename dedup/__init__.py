"""Exact and MinHash-LSH near-duplicate detection over Vietnamese text.

``find_duplicates`` clusters texts in memory; ``run_dedup`` is the ``vicorpus dedup``
stage over a workdir (docs parquet in, dedup parquet and index out).
"""

from dedup.cluster import find_duplicates


def run_dedup(*args, **kwargs):
    """See :func:`dedup.stage.run_dedup` (imported on first use: it needs pyarrow)."""
    from dedup.stage import run_dedup as run

    return run(*args, **kwargs)


__all__ = ["find_duplicates", "run_dedup"]
