"""Benchmarks (not tests): each script prints its figures and writes bench/results/<area>.md;
``python -m bench.results`` merges them into bench/RESULTS.md."""
