"""executor: ray gives the local outputs: extract per WARC record range, dedup via the band shuffle.

One local Ray instance (2 CPUs, no dashboard, loopback node address) for the module.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ray = pytest.importorskip("ray", reason="ray not installed (pip install 'vicorpus[distributed]')")

from dedup import run_dedup  # noqa: E402
from normalize import run_extract  # noqa: E402
from vicorpus.config import DedupSettings, ExtractSettings, PipelineConfig  # noqa: E402
from vicorpus.docs_table import read_chunk, read_docs, select_docs  # noqa: E402
from vicorpus.errors import UsageError  # noqa: E402
from vicorpus.pipeline import dedup_stage, extract_stage  # noqa: E402
from vicorpus.schema import DOCS_SCHEMA, empty_row  # noqa: E402
from vicorpus.workdir import Workdir, prepare_workdir  # noqa: E402
from vi_articles import ARTICLES  # noqa: E402

_spec = importlib.util.spec_from_file_location("stage_warcs", Path(__file__).parent / "data" / "stage" / "warcs.py")
warcs = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("stage_warcs", warcs)
_spec.loader.exec_module(warcs)
BASE = warcs.BASE


@pytest.fixture(scope="module")
def local_ray():
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    if ray.is_initialized():
        ray.shutdown()
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)
    yield ray
    ray.shutdown()


# --- extract ------------------------------------------------------------------------

def _warc_workdir(root: Path) -> Workdir:
    workdir = prepare_workdir(root)
    warcs.write_warc(workdir.warc / "demo-20260112T073000Z-00000.warc.gz", [
        {"url": f"{BASE}/tin-tuc/chuyen-doi-so-thu-tuc-hanh-chinh.htm", "status": 200,
         "body": warcs.page("article.html"), "gzip": True},
        {"url": f"{BASE}/tin-tuc/", "status": 200, "body": warcs.page("list.html")},
        {"url": f"{BASE}/tin-tuc/khong-co.htm", "status": 404, "body": b"<html><body>Not found</body></html>"},
    ])
    warcs.write_warc(workdir.warc / "demo-20260112T073000Z-00001.warc.gz", [
        {"url": f"{BASE}/tin-tuc/tim-nguoi-than.htm", "status": 200, "body": warcs.page("article_pii.html")},
        {"url": f"{BASE}/tin-tuc/khong-dau.htm", "status": 200, "body": warcs.page("stripped.html")},
    ])
    return workdir


def test_extract_on_ray_writes_the_local_bytes_and_resumes_by_shard(tmp_path, local_ray, monkeypatch):
    from normalize import index_cache

    monkeypatch.setattr(index_cache, "RANGE_RESPONSES", 2)  # the first WARC in two record ranges
    local = _warc_workdir(tmp_path / "local")
    on_ray = prepare_workdir(tmp_path / "ray")
    shutil.copytree(local.warc, on_ray.warc)  # the same WARC bytes, so offsets and hashes compare
    want = run_extract(local, ExtractSettings(), progress=False)
    config = PipelineConfig(workdir=on_ray.root, sources=["demo"], extract=ExtractSettings(executor="ray", workers=2))
    got = extract_stage(on_ray, config, progress=False)
    assert got == want and got["processed"] == 2 and got["kept"] == 2
    names = sorted(p.name for p in local.docs.iterdir())
    assert names == sorted(p.name for p in on_ray.docs.iterdir())
    assert [n for n in names if n.endswith(".done")] == ["demo-20260112T073000Z-00000.done",
                                                        "demo-20260112T073000Z-00001.done"]
    for name in names:  # parquet and markers byte for byte
        assert (on_ray.docs / name).read_bytes() == (local.docs / name).read_bytes(), name
    rows = pq.read_table(on_ray.docs / "demo-20260112T073000Z-00000.parquet").to_pylist()
    assert any(r["drop_reason"] is None and "Chính_phủ" in r["text_segmented"] for r in rows)

    # A killed run: one shard lost its marker; Ray redoes only that shard.
    untouched = (on_ray.docs / "demo-20260112T073000Z-00000.parquet").stat().st_mtime_ns
    (on_ray.docs / "demo-20260112T073000Z-00001.done").unlink()
    again = extract_stage(on_ray, config, progress=False)
    assert again["processed"] == 1 and again["skipped_done"] == 1
    assert (on_ray.docs / "demo-20260112T073000Z-00000.parquet").stat().st_mtime_ns == untouched
    assert (on_ray.docs / "demo-20260112T073000Z-00001.done").read_bytes() == \
        (local.docs / "demo-20260112T073000Z-00001.done").read_bytes()


# --- dedup --------------------------------------------------------------------------

def _bulletin(day: int, rate: int) -> str:
    """Same-template notices: one topic and wording, different figures (different articles)."""
    return (f"Ngân hàng Nhà nước công bố tỷ giá trung tâm ngày {day}/4/2026 ở mức {rate} đồng/USD, "
            f"tăng {rate % 17} đồng so với phiên trước.\n\n"
            f"Với biên độ 5%, tỷ giá trần các ngân hàng thương mại được áp dụng là {rate * 105 // 100} đồng/USD "
            f"và tỷ giá sàn là {rate * 95 // 100} đồng/USD.\n\n"
            f"Tỷ giá bán ra tại Sở giao dịch Ngân hàng Nhà nước niêm yết ở mức {rate + 1200} đồng/USD.")


def _tone_variant(text: str) -> str:
    """Old-style tone placement and a reworded clause: a near-duplicate, not an exact one."""
    for new, old in (("hóa", "hoá"), ("Hóa", "Hoá"), ("thủy", "thuỷ"), ("hòa", "hoà"), ("khỏe", "khoẻ")):
        text = text.replace(new, old)
    return text.replace("Các ", "Những ", 1)


def _row(doc_id, text, published=None, fetched=None, drop=None, warc="demo-00000.warc.gz"):
    row = empty_row()
    row.update(id=doc_id, text=text, url=f"https://example.gov.vn/{doc_id}.htm", source="demo",
               fetched_at=fetched or datetime(2026, 4, 13, tzinfo=timezone.utc), published_at=published,
               warc_file=warc, drop_reason=drop)
    return row


def _docs_shards() -> list[list[dict]]:
    day = datetime(2026, 3, 12, 8, tzinfo=timezone.utc)
    a = ARTICLES
    shard0 = [
        _row("dt-goc", a["dau-tu-cong"], published=day),
        _row("tt-goc", a["thien-tai"], published=day),
        _row("ts-goc", a["tuyen-sinh"]),
        _row("loi", "Trang lỗi", drop="too_short"),
        _row("tl-cu", a["thuy-loi"] + "\n\nBản cũ trước khi sửa.", fetched=datetime(2026, 4, 1, tzinfo=timezone.utc)),
    ]
    shard1 = [
        # Syndicated copies: exact, credited and with site chrome.
        _row("dt-ban-sao", a["dau-tu-cong"], published=day + timedelta(hours=2)),
        _row("dt-ttxvn", a["dau-tu-cong"] + "\n\n(Theo TTXVN)", published=day - timedelta(hours=1)),
        _row("tt-chrome", "Trang chủ | Thời sự | Xã hội\n\n" + a["thien-tai"] + "\n\nLượt xem: 1.204",
             published=day + timedelta(days=1)),
        _row("ts-ban-sao", a["tuyen-sinh"], published=day),
        _row("yt-goc", a["y-te"], published=day),
        # Re-fetched page: this later row replaces the one in shard 0.
        _row("tl-cu", a["thuy-loi"], fetched=datetime(2026, 4, 12, tzinfo=timezone.utc), warc="demo-00001.warc.gz"),
    ]
    shard2 = [
        # Tone-variant near-duplicates.
        _row("tl-thanh-hoa", _tone_variant(a["thuy-loi"]), published=day),
        _row("yt-bien-the", _tone_variant(a["y-te"]).replace("khuyến cáo", "đề nghị")),
        _row("dt-rut-gon", a["dau-tu-cong"].rsplit("\n\n", 1)[0]),  # truncated copy
    ] + [_row(f"tg-{d:02d}", _bulletin(d, 24_950 + 37 * d)) for d in range(1, 9)]  # same topic, different
    return [shard0, shard1, shard2]


def _docs_workdir(root: Path) -> Workdir:
    wd = Workdir(root)
    wd.docs.mkdir(parents=True, exist_ok=True)
    for number, rows in enumerate(_docs_shards()):
        pq.write_table(pa.Table.from_pylist(rows, schema=DOCS_SCHEMA), wd.docs / f"demo-{number:05d}.parquet")
    return wd


def _same_outputs(a: Workdir, b: Workdir) -> None:
    """dedup.parquet and every file of the index, byte for byte."""
    assert pq.read_table(a.dedup_file).equals(pq.read_table(b.dedup_file))
    assert a.dedup_file.read_bytes() == b.dedup_file.read_bytes()
    files = sorted(p.relative_to(a.dedup / "index") for p in (a.dedup / "index").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b.dedup / "index") for p in (b.dedup / "index").rglob("*") if p.is_file())
    assert any(f.suffix == ".rec" for f in files)
    for name in files:
        assert (a.dedup / "index" / name).read_bytes() == (b.dedup / "index" / name).read_bytes(), name


def _without_run_facts(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k not in ("seconds", "executor", "workers", "shuffle")}


def test_streaming_selection_is_read_docs_choice(tmp_path):
    wd = _docs_workdir(tmp_path)
    selection = select_docs(wd, kept_only=True)
    table = read_docs(wd, kept_only=True)
    assert selection.ids.to_pylist() == table.column("id").to_pylist()
    i = selection.ids.to_pylist().index("tl-cu")
    assert selection.files[selection.file[i]].name == "demo-00001.parquet"  # the later fetch
    streamed = {}
    for chunk in selection.chunks(max_rows=4):
        for positions, batch in read_chunk(chunk, ["text", "published_at"]):
            streamed.update(zip(positions.tolist(), batch.column("text").to_pylist()))
    assert [streamed[k] for k in range(len(selection))] == table.column("text").to_pylist()


def test_dedup_on_ray_equals_local(tmp_path, local_ray):
    local, on_ray = _docs_workdir(tmp_path / "local"), _docs_workdir(tmp_path / "ray")
    want = run_dedup(local, DedupSettings(workers=1), progress=False)
    got = run_dedup(on_ray, DedupSettings(executor="ray", workers=2), progress=False)
    _same_outputs(local, on_ray)
    assert _without_run_facts(got) == _without_run_facts(want)

    rows = {r["id"]: r for r in pq.read_table(on_ray.dedup_file).to_pylist()}
    cluster = {i: r["dedup_cluster"] for i, r in rows.items()}
    keepers = {i for i, r in rows.items() if r["keep"]}
    assert len({cluster[i] for i in ("dt-goc", "dt-ban-sao", "dt-ttxvn", "dt-rut-gon")}) == 1
    assert cluster["tt-goc"] == cluster["tt-chrome"] and cluster["ts-goc"] == cluster["ts-ban-sao"]
    assert cluster["tl-cu"] == cluster["tl-thanh-hoa"] and cluster["yt-goc"] == cluster["yt-bien-the"]
    assert len({cluster[f"tg-{d:02d}"] for d in range(1, 9)}) == 8  # same template, different figures
    assert len({cluster[i] for i in ("dt-goc", "tt-goc", "ts-goc", "tl-cu", "yt-goc")}) == 5
    # Keeper policy: the credited copy is earliest but a republication; the original wins.
    assert {"dt-goc", "tt-goc", "yt-goc"} <= keepers and not keepers & {"dt-ttxvn", "dt-ban-sao", "tt-chrome"}
    assert rows["dt-goc"]["dedup_cluster_size"] == 4
    # 7 merges: copies with the same canonical body (chrome, credit line) are exact, edits near.
    assert got["exact_duplicates"] + got["near_duplicates"] == 7 and got["near_duplicates"] >= 2
    assert "loi" not in rows

    assert got["executor"] == "ray" and got["shuffle"]["partitions"] >= 2  # verification spread out


def test_dedup_on_ray_against_a_previous_release(tmp_path, local_ray):
    first = Workdir(tmp_path / "first")
    first.docs.mkdir(parents=True)
    rows = [_row("m5", ARTICLES["dau-tu-cong"]), _row("m7", ARTICLES["thien-tai"])]
    pq.write_table(pa.Table.from_pylist(rows, schema=DOCS_SCHEMA), first.docs / "demo-00000.parquet")
    run_dedup(first, DedupSettings(), progress=False)
    release = tmp_path / "releases" / "0.1.0"
    release.mkdir(parents=True)
    shutil.copytree(first.dedup / "index", release / "dedup_index")

    local, on_ray = _docs_workdir(tmp_path / "local"), _docs_workdir(tmp_path / "ray")
    want = run_dedup(local, DedupSettings(previous=release), progress=False)
    config = PipelineConfig(workdir=on_ray.root, sources=["demo"],
                            dedup=DedupSettings(previous=release, executor="ray"))
    got = dedup_stage(on_ray, config, progress=False)  # the pipeline's dispatch
    _same_outputs(local, on_ray)
    assert _without_run_facts(got) == _without_run_facts(want)
    out = {r["id"]: r for r in pq.read_table(on_ray.dedup_file).to_pylist()}
    assert out["dt-goc"]["dedup_cluster"] == "m5" and not out["dt-goc"]["keep"]
    assert got["previous_docs"] == 2 and got["matched_previous"] >= 4


def test_no_kept_docs_on_ray(tmp_path, local_ray):
    wd = Workdir(tmp_path)
    wd.docs.mkdir(parents=True)
    row = empty_row()
    row.update(id="d1", text="Trang chuyên mục", url="https://example.gov.vn/d1.htm", source="demo",
               warc_file="demo-00000.warc.gz", drop_reason="not_article")
    pq.write_table(pa.Table.from_pylist([row], schema=DOCS_SCHEMA), wd.docs / "demo-00000.parquet")
    summary = run_dedup(wd, DedupSettings(executor="ray"), progress=False)
    assert summary["docs"] == 0 and pq.read_table(wd.dedup_file).num_rows == 0


def test_missing_ray_is_one_line_usage_error(monkeypatch):
    from vicorpus.executors.ray import import_ray

    monkeypatch.setitem(sys.modules, "ray", None)  # what an install without the extra looks like
    with pytest.raises(UsageError, match=r"pip install 'vicorpus\[distributed\]'"):
        import_ray()


def test_cli_takes_executor_ray_from_the_pipeline_yaml(tmp_path, local_ray):
    from typer.testing import CliRunner

    from vicorpus.cli import app

    local, on_ray = _docs_workdir(tmp_path / "local"), _docs_workdir(tmp_path / "ray")
    run_dedup(local, DedupSettings(), progress=False)
    config = tmp_path / "pipeline.yaml"
    config.write_text(f"workdir: {on_ray.root}\nsources: [demo]\ndedup: {{executor: ray}}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["dedup", "--workdir", str(on_ray.root), "-c", str(config), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert json.loads((on_ray.dedup / "summary.json").read_text())["executor"] == "ray"  # not overridden
    _same_outputs(local, on_ray)
    bad = CliRunner().invoke(app, ["dedup", "--workdir", str(on_ray.root), "--executor", "spark"])
    assert isinstance(bad.exception, UsageError) and "--executor must be local or ray" in str(bad.exception)
