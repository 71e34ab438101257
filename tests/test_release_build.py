"""Release layout, loading with datasets, determinism, immutability, version order, shard size."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "release"))
from factory import article, default_rows, doc_row, make_workdir  # noqa: E402

from corpus_cards import build_release, verify_release  # noqa: E402
from vicorpus.config import ReleaseSettings  # noqa: E402
from vicorpus.errors import UsageError  # noqa: E402
from vicorpus.schema import RELEASE_COLUMNS  # noqa: E402

KEPT_UNIQUE = 12  # default_rows: 12 articles + 2 copies of article 2 + 3 dropped pages


def build(tmp: Path, workdir, version="0.1.0", out="releases", **kw) -> Path:
    return build_release(workdir, ReleaseSettings(version=version, out=tmp / out, **kw),
                         progress=False)


def test_layout_and_row_contents(tmp_path):
    workdir = make_workdir(tmp_path / "w")
    release = build(tmp_path, workdir)
    assert release == tmp_path / "releases" / "0.1.0"
    names = sorted(p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file())
    assert names == ["CHANGELOG.md", "CHECKSUMS.sha256", "README.md", "changes.json",
                     "croissant.json", "data/train-00000-of-00001.parquet", "report.html",
                     "stats.json"]
    assert not [p for p in (tmp_path / "releases").iterdir() if p.name != "0.1.0"], "temp dir left"
    table = pq.read_table(release / "data" / "train-00000-of-00001.parquet")
    assert table.column_names == RELEASE_COLUMNS
    ids = table.column("id").to_pylist()
    assert ids == sorted(ids) and len(ids) == KEPT_UNIQUE
    rows = {r["url"]: r for r in table.to_pylist()}
    # The cluster of article 2 (3 URLs) is released once, with the two other URLs.
    cluster = [r for r in rows.values() if r["dedup_cluster_size"] == 3]
    assert len(cluster) == 1
    copies = {"https://baochinhphu.vn/ban-in-10223000002.htm",
              "https://baochinhphu.vn/tin-tuc-0002-10223000002.htm",
              "https://mic.gov.vn/tin-tuc/sao-chep-10223000002.htm"}
    assert set(cluster[0]["duplicate_urls"]) | {cluster[0]["url"]} == copies
    assert cluster[0]["duplicate_urls"] == sorted(cluster[0]["duplicate_urls"])
    assert all(r["duplicate_urls"] == [] for r in rows.values() if r["dedup_cluster_size"] == 1)
    # Text is carried byte for byte: diacritics, paragraph breaks, document numbers.
    assert any("Nghị định 13/2023/NĐ-CP" in r["text"] and "\n\n" in r["text"] for r in rows.values())
    assert verify_release(release) == []


def test_a_page_fetched_again_counts_once_by_its_latest_fetch(tmp_path):
    """A later crawl fetched article 5 again (its text changed): the release has the new text
    once, and the stage table says one earlier fetch was superseded."""
    import pyarrow as pa

    from vicorpus.schema import DOCS_SCHEMA

    workdir = make_workdir(tmp_path / "w")
    newer = doc_row(5, "baochinhphu", text=article(5) + "\n\nCập nhật: bổ sung số liệu quý IV.", fetched_shift=7)
    pq.write_table(pa.Table.from_pylist([newer], schema=DOCS_SCHEMA),
                   workdir.docs / "all-20241012T000000Z-00000.parquet")
    release = build(tmp_path, workdir)
    stats = json.loads((release / "stats.json").read_text(encoding="utf-8"))
    assert stats["stages"]["earlier_fetches_superseded"] == 1 and stats["stages"]["extracted"] == 17
    rows = [r for r in pq.read_table(release / "data").to_pylist() if r["id"] == newer["id"]]
    assert len(rows) == 1 and rows[0]["text"].endswith("bổ sung số liệu quý IV.")
    card = (release / "README.md").read_text(encoding="utf-8")
    assert "| earlier\\_fetches\\_superseded | 1 |" in card and "(earlier fetches superseded: 1)" in card


def test_stats_per_stage_and_reasons(tmp_path):
    release = build(tmp_path, make_workdir(tmp_path / "w"))
    stats = json.loads((release / "stats.json").read_text(encoding="utf-8"))
    assert stats["stages"] == {"crawl_fetched": 17, "crawl_not_fetched": 1, "earlier_fetches_superseded": 0,
                               "extracted": 17,
                               "kept_after_filters": 14, "deduplicated_away": 2, "excluded": 0,
                               "released": 12}
    assert stats["drop_reasons"] == {"duplicate": 2, "low_quality:symbol_ratio": 1,
                                     "not_article": 1, "too_short": 1}
    assert stats["per_source"]["mic"]["released"] + stats["per_source"]["baochinhphu"]["released"] == 12
    assert sum(stats["per_month"].values()) == 12
    assert sum(b["count"] for b in stats["length"]["histogram"]) == 12
    assert stats["dedup"]["cluster_sizes"] == {"1": 11, "3": 1}
    assert stats["pii"]["redactions"] == sum(
        r["pii_redactions"] for r in pq.read_table(release / "data").to_pylist())
    assert stats["crawl"]["not_fetched_reasons"] == {"robots": 1}
    assert stats["writer"]["pyarrow"]


def test_missing_crawl_report_is_stated(tmp_path):
    release = build(tmp_path, make_workdir(tmp_path / "w", crawl_report=False))
    stats = json.loads((release / "stats.json").read_text(encoding="utf-8"))
    assert stats["crawl"]["report"] == "missing"
    assert "no crawl report" in (release / "README.md").read_text(encoding="utf-8")


def test_load_dataset_default_and_per_source(tmp_path):
    release = build(tmp_path, make_workdir(tmp_path / "w"))
    cache = str(tmp_path / "hf-cache")
    full = datasets.load_dataset(str(release), cache_dir=cache)["train"]
    assert full.column_names == RELEASE_COLUMNS
    assert full.num_rows == KEPT_UNIQUE
    per_source = {}
    for source in ("baochinhphu", "mic"):
        part = datasets.load_dataset(str(release), source, cache_dir=cache)["train"]
        assert set(part["source"]) == {source}
        assert part.column_names == RELEASE_COLUMNS
        per_source[source] = part.num_rows
    assert sum(per_source.values()) == KEPT_UNIQUE
    assert per_source["mic"] == sum(1 for s in full["source"] if s == "mic")


def test_two_builds_are_byte_identical(tmp_path):
    workdir = make_workdir(tmp_path / "w")
    first = build(tmp_path, workdir, out="a")
    second = build(tmp_path, workdir, out="b")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_refuses_existing_version(tmp_path):
    workdir = make_workdir(tmp_path / "w")
    release = build(tmp_path, workdir)
    before = (release / "CHECKSUMS.sha256").read_bytes()
    with pytest.raises(UsageError, match="already exists"):
        build(tmp_path, workdir)
    assert (release / "CHECKSUMS.sha256").read_bytes() == before


def test_version_must_increase(tmp_path):
    workdir = make_workdir(tmp_path / "w")
    old = build(tmp_path, workdir, version="0.2.0")
    with pytest.raises(UsageError, match="must be greater than the previous release 0.2.0"):
        build(tmp_path, workdir, version="0.1.9", previous=old)
    with pytest.raises(UsageError, match="version must be X.Y.Z"):
        build_release(workdir, ReleaseSettings.model_construct(version="1.2", out=tmp_path),
                      progress=False)
    assert build(tmp_path, workdir, version="0.10.0", previous=old).name == "0.10.0"


def test_a_version_below_a_release_already_written_is_refused(tmp_path):
    workdir = make_workdir(tmp_path / "w")
    build(tmp_path, workdir, version="1.1.0")
    with pytest.raises(UsageError, match=r"1\.1\.0 is newer than 1\.0\.5"):
        build(tmp_path, workdir, version="1.0.5")
    assert not (tmp_path / "releases" / "1.0.5").exists()
    assert build(tmp_path, workdir, version="1.2.0").name == "1.2.0"


def test_policy_change_needs_major_bump(tmp_path):
    old = build(tmp_path, make_workdir(tmp_path / "w1"), version="1.0.0")
    rows = default_rows()
    for row in rows:
        row["pipeline_version"] = "0.2.0"
    workdir = make_workdir(tmp_path / "w2", rows)
    with pytest.raises(UsageError, match="bump the major version"):
        build(tmp_path, workdir, version="1.1.0", previous=old)
    new = build(tmp_path, workdir, version="2.0.0", previous=old)
    changes = json.loads((new / "changes.json").read_text(encoding="utf-8"))
    assert any("pipeline_versions" in line for line in changes["policy_changes"])
    assert "pipeline_versions" in (new / "CHANGELOG.md").read_text(encoding="utf-8")


def test_tiny_shard_size_splits_and_loads(tmp_path):
    rows = [doc_row(i, "baochinhphu" if i % 2 else "mic", text=article(i, paragraphs=8, repeat=30))
            for i in range(1, 41)]
    release = build(tmp_path, make_workdir(tmp_path / "w", rows), shard_size_mb=1)
    shards = sorted((release / "data").glob("*.parquet"))
    assert len(shards) >= 2
    assert [s.name for s in shards] == [f"train-{i:05d}-of-{len(shards):05d}.parquet"
                                        for i in range(len(shards))]
    assert all(s.stat().st_size <= 1024 * 1024 for s in shards)
    ids = [i for s in shards for i in pq.read_table(s).column("id").to_pylist()]
    assert ids == sorted(ids) and len(ids) == 40
    ds = datasets.load_dataset(str(release), cache_dir=str(tmp_path / "c"))["train"]
    assert ds.num_rows == 40
    assert verify_release(release) == []


def test_dedup_index_is_copied(tmp_path):
    workdir = make_workdir(tmp_path / "w")
    (workdir.dedup / "index").mkdir()
    (workdir.dedup / "index" / "bands.bin").write_bytes(b"\x00\x01minhash")
    release = build(tmp_path, workdir)
    assert (release / "dedup_index" / "bands.bin").read_bytes() == b"\x00\x01minhash"
    assert "dedup_index/bands.bin" in (release / "CHECKSUMS.sha256").read_text()


def test_no_dedup_is_a_usage_error(tmp_path):
    workdir = make_workdir(tmp_path / "w")
    workdir.dedup_file.unlink()
    with pytest.raises(UsageError, match="run `vicorpus dedup` first"):
        build(tmp_path, workdir)


def test_a_release_of_nothing_is_refused(tmp_path):
    # An interrupted crawl or a crawl that archived no article: the version is not spent on nothing.
    rows = [row for row in default_rows() if row["drop_reason"]]
    workdir = make_workdir(tmp_path / "w", rows)
    with pytest.raises(UsageError, match="nothing to release"):
        build(tmp_path, workdir)
    assert not (tmp_path / "releases" / "0.1.0").exists()


def test_the_card_counts_duplicates_removed_in_plain_words(tmp_path):
    card = (build(tmp_path, make_workdir(tmp_path / "w")) / "README.md").read_text(encoding="utf-8")
    assert "2 duplicates removed (exact or near)" in card  # article 2 and its 2 copies: one kept


def test_the_card_s_code_spans_render_as_written_and_counts_agree_in_number(tmp_path):
    """Backslash escapes are not undone inside a Markdown code span: the writer options must be
    shown as plain JSON; and "1 span in 1 doc", not "1 spans in 1 docs"."""
    card = (build(tmp_path, make_workdir(tmp_path / "w")) / "README.md").read_text(encoding="utf-8")
    options = next(line for line in card.splitlines() if "fixed options" in line)
    assert '`{"compression": "zstd", "compression_level": 3' in options and "\\" not in options
    pii = next(line for line in card.splitlines() if "placeholders before release" in line)
    assert not re.search(r"\b1 spans\b|\b1 docs\b", pii), pii
    assert "government news corpus" not in card  # a card describes the sources it lists


def test_vicorpus_run_refuses_a_released_version_before_it_crawls(tmp_path, monkeypatch):
    """Running a pipeline file a second time: the release version is already there, and that is
    said at once, not after a crawl, an extract and a dedup."""
    from vicorpus import pipeline
    from vicorpus.config import PipelineConfig

    (tmp_path / "releases" / "0.1.0").mkdir(parents=True)
    crawled = []
    monkeypatch.setattr(pipeline, "crawl_stage", lambda *a, **k: crawled.append(1) or {})
    config = PipelineConfig(workdir=tmp_path / "w", sources=["demo"],
                            release=ReleaseSettings(version="0.1.0", out=tmp_path / "releases"))
    with pytest.raises(UsageError, match="already exists"):
        pipeline.run_pipeline(config, progress=False, sources=[])
    assert crawled == [] and not (tmp_path / "w").exists()


@pytest.mark.parametrize("version", ["00.3.0", "0.03.0", "1.0.00"])
def test_a_version_with_leading_zeros_is_refused(tmp_path, version):
    with pytest.raises(UsageError, match="no leading zeros"):
        build(tmp_path, make_workdir(tmp_path / "w"), version=version)


def test_how_dedup_ran_does_not_change_the_release(tmp_path):
    """Stage by stage or `vicorpus run`, one worker or two: the same docs, the same release bytes."""
    checksums = []
    for k, run in enumerate([{"seconds": 0.18, "workers": 1, "executor": "local", "resumed": False},
                             {"seconds": 0.362, "workers": 2, "executor": "ray", "resumed": True}]):
        workdir = make_workdir(tmp_path / f"w{k}")
        summary = json.loads((workdir.dedup / "summary.json").read_text()) | run
        (workdir.dedup / "summary.json").write_text(json.dumps(summary))
        checksums.append((build(tmp_path, workdir, out=f"r{k}") / "CHECKSUMS.sha256").read_text())
    assert checksums[0] == checksums[1]
