"""End to end on the bundled sample site: the demo, and stage-by-stage == run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import datasets
import pyarrow.parquet as pq
import pytest
import yaml

from vicorpus.config import load_source
from vicorpus.demo_server import SITE_DIR, DemoSite
from vicorpus.schema import RELEASE_COLUMNS

pytestmark = pytest.mark.slow
MANIFEST = json.loads((SITE_DIR / "MANIFEST.json").read_text(encoding="utf-8"))


def by_role(role: str) -> list[dict]:
    return [page for page in MANIFEST if page["role"] == role]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "vicorpus.cli", *args, "--no-progress"],
                            capture_output=True, text=True, cwd=cwd, timeout=600)
    assert result.returncode == 0, f"{args}: {result.stderr[-3000:]}"
    return result


def path_of(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("demo")
    result = cli("demo", "--workdir", str(workdir))
    release = workdir / "releases" / "0.1.0"
    loaded = datasets.load_dataset(str(release), split="train",
                                   cache_dir=str(tmp_path_factory.mktemp("hf")))
    docs = [
        row for f in sorted((workdir / "docs").glob("*.parquet")) for row in pq.read_table(f).to_pylist()]
    return {"workdir": workdir, "release": release, "rows": loaded.to_list(), "loaded": loaded,
            "docs": docs, "output": result.stdout + result.stderr}


def test_demo_prints_summary(demo):
    assert "rows released" in demo["output"]
    assert "duplicate clusters" in demo["output"]


def test_demo_crawl_fetches_every_linked_page_without_errors(demo):
    """The sample site has no dead links: every fetched page answers 200 (robots.txt aside)."""
    report = json.loads((demo["workdir"] / "crawl" / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["errors"] == 0 and set(report["totals"]["by_status"]) == {"200"}
    assert report["totals"]["fetched"] == report["totals"]["archived"] > len(by_role("article"))


def test_release_has_design_columns(demo):
    assert demo["loaded"].column_names == RELEASE_COLUMNS


def test_article_text_is_released(demo):
    released = {path_of(row["url"]): row for row in demo["rows"]}
    originals = by_role("article")
    found = [page for page in originals if page["path"] in released]
    # Every original article is released unless it lost its cluster to a copy.
    assert len(found) >= len(originals) - 1, sorted(set(p["path"] for p in originals) - set(released))
    for page in found:
        row = released[page["path"]]
        assert row["title"] == page["title"]
        assert len(row["text"].split()) > 100
        assert "\n\n" in row["text"]
        assert "Tin liên quan" not in row["text"]
        assert "_" in row["text_segmented"]
        assert row["n_words"] <= row["n_syllables"]
        assert row["licence"] and row["attribution"]


def test_english_page_dropped(demo):
    english = {page["path"] for page in by_role("english")}
    assert english
    dropped = {path_of(d["url"]): d["drop_reason"] for d in demo["docs"]}
    for path in english:
        assert dropped[path] and dropped[path].startswith("not_vietnamese"), dropped.get(path)
    assert not english & {path_of(r["url"]) for r in demo["rows"]}


def test_duplicates_share_a_cluster_and_one_is_released(demo):
    dedup = pq.read_table(demo["workdir"] / "dedup" / "dedup.parquet").to_pylist()
    cluster_of = {row["id"]: row["dedup_cluster"] for row in dedup}
    id_of = {path_of(d["url"]): d["id"] for d in demo["docs"]}
    released = {path_of(r["url"]): r for r in demo["rows"]}
    copies = by_role("syndicated_duplicate") + by_role("near_duplicate")
    assert len(copies) >= 2
    for copy in copies:
        a, b = id_of[copy["path"]], id_of[copy["duplicate_of"]]
        assert cluster_of[a] == cluster_of[b], copy
        in_release = [p for p in (copy["path"], copy["duplicate_of"]) if p in released]
        assert len(in_release) == 1, copy
        keeper = released[in_release[0]]
        assert keeper["dedup_cluster_size"] >= 2
        other = ({copy["path"], copy["duplicate_of"]} - {in_release[0]}).pop()
        assert any(path_of(u) == other for u in keeper["duplicate_urls"])


def test_robots_disallowed_never_fetched(demo):
    from warcio.archiveiterator import ArchiveIterator

    fetched = set()
    for warc in (demo["workdir"] / "warc").glob("*.warc.gz"):
        with warc.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "request":
                    fetched.add(path_of(record.rec_headers.get_header("WARC-Target-URI")))
    assert fetched, "no request records archived"
    for page in by_role("robots_disallowed"):
        assert page["path"] not in fetched


def test_card_counts_equal_parquet_rows(demo):
    card = (demo["release"] / "README.md").read_text(encoding="utf-8")
    header = yaml.safe_load(card.split("---")[1])
    info = header["dataset_info"]
    info = info[0] if isinstance(info, list) else info
    num_examples = sum(split["num_examples"] for split in info["splits"] if split["name"] == "train")
    parquet_rows = sum(pq.read_metadata(f).num_rows for f in (demo["release"] / "data").rglob("*.parquet"))
    assert num_examples == parquet_rows == len(demo["rows"])


def test_pii_redacted_in_release(demo):
    redacted = [r for r in demo["rows"] if r["pii_redactions"]]
    assert redacted, "the sample site has an article with a citizen's phone and CCCD"
    assert any("<PHONE>" in r["text"] or "<CCCD>" in r["text"] for r in redacted)


def _release_table(release: Path) -> list[dict]:
    # Columns that depend on when and in which order pages were fetched are left out.
    volatile = {"fetched_at", "warc_file", "warc_record_id", "warc_offset"}
    rows = [row for f in sorted((release / "data").rglob("*.parquet")) for row in pq.read_table(f).to_pylist()]
    return sorted(({k: v for k, v in row.items() if k not in volatile} for row in rows),
                  key=lambda r: r["id"])


def test_stage_by_stage_equals_run(tmp_path, monkeypatch):
    """`vicorpus run` (whose `publish:` section publishes to a Hub double) and the stages one by one."""
    from hub_server import HubServer

    for name, value in (("HF_HUB_OFFLINE", "0"), ("HF_HUB_DISABLE_XET", "1"), ("HF_HOME", str(tmp_path / "hf"))):
        monkeypatch.setenv(name, value)
    with DemoSite() as site, HubServer() as hub:
        monkeypatch.setenv("HF_TOKEN", hub.token)
        source = load_source("demo-site").model_dump(mode="json")
        source_file = tmp_path / "demo-site.yaml"
        source_file.write_text(site.rewrite(yaml.safe_dump(source, allow_unicode=True)), encoding="utf-8")
        pipeline = {"workdir": str(tmp_path / "run"), "sources": [str(source_file)],
                    "release": {"version": "0.1.0", "out": str(tmp_path / "run-releases")},
                    "publish": {"repo_id": "vicorpus/demo", "endpoint": hub.url}}
        pipeline_file = tmp_path / "pipeline.yaml"
        pipeline_file.write_text(yaml.safe_dump(pipeline), encoding="utf-8")
        ran = cli("run", str(pipeline_file))
        assert "published: vicorpus/demo v0.1.0" in ran.stdout + ran.stderr
        published = hub.files("vicorpus/demo", revision="v0.1.0")
        assert published["CHECKSUMS.sha256"] == (tmp_path / "run-releases" / "0.1.0" / "CHECKSUMS.sha256").read_bytes()

        stages = str(tmp_path / "stages")
        cli("crawl", str(source_file), "--workdir", stages)
        cli("extract", "--workdir", stages)
        cli("dedup", "--workdir", stages)
        cli("release", "--workdir", stages, "--version", "0.1.0", "--out", str(tmp_path / "st-releases"))
    ran = _release_table(tmp_path / "run-releases" / "0.1.0")
    staged = _release_table(tmp_path / "st-releases" / "0.1.0")
    assert ran, "the release is empty"
    assert ran == staged
