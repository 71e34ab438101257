"""Exact and MinHash-LSH near-duplicate detection over Vietnamese text."""

from dedup.cluster import find_duplicates
from dedup.stage import run_dedup

__all__ = ["find_duplicates", "run_dedup"]
