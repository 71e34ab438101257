"""Smoke test of bench/segment_bench.py on a tiny workload (no timing assertions: the machine is shared).

The run is real: the same WARC through `vicorpus extract` with underthesea and with our
segmenter as whole commands, whose text_segmented columns must be identical.
"""

from __future__ import annotations

from bench.segment_bench import main


def test_tiny_segment_bench_run(tmp_path):
    out = tmp_path / "segment.md"
    res = main(["--pages", "12", "--shards", "1", "--rounds", "1", "--sentences", "40", "--fuzz", "10",
                "--own-every", "100", "--no-datatrove", "--no-ceiling", "--out", str(out)])
    assert all(r["mismatches"] == 0 and r["sentences"] > 0 for r in res["identity"].values())
    ex = res["extract"]
    assert ex["kept"] > 0 and ex["same_segmented"] == ex["kept"]
    assert all(m["cpu_s"] > 0 and m["peak_rss_mib"] > 10 for side in ("none", "fast", "underthesea")
               for m in ex[side])
    assert res["load"]["fast"]["cpu_s"] > 0 and all(sp["syllables"] > 0 for sp in res["speed"].values())
    text = out.read_text(encoding="utf-8")
    for label in ("segmentation: underthesea (VICORPUS_SEGMENTER=underthesea)", "segmentation: ours (default)",
                  "no segmentation", "underthesea.word_tokenize", "ours (normalize/segment.py)"):
        assert f"| {label} | " in text
