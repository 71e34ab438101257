"""run_dedup on a real workdir: docs parquet in, dedup parquet + summary + index out."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dedup import run_dedup
from vicorpus.config import DedupSettings
from vicorpus.schema import DEDUP_SCHEMA, DOCS_SCHEMA, empty_row
from vicorpus.workdir import Workdir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vi_articles import ARTICLES  # noqa: E402

ARTICLE = ARTICLES["dau-tu-cong"]
OTHER = ARTICLES["thien-tai"]


def _row(doc_id, text, published=None, drop=None):
    row = empty_row()
    row.update(id=doc_id, text=text, url=f"https://example.gov.vn/{doc_id}.htm", source="demo",
               fetched_at=datetime(2026, 3, 13, tzinfo=timezone.utc), published_at=published,
               warc_file="demo-00000.warc.gz", drop_reason=drop)
    return row


def _write_docs(root, rows, name="demo-00000"):
    wd = Workdir(root)
    wd.docs.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=DOCS_SCHEMA), wd.docs / f"{name}.parquet")
    return wd


def test_run_dedup_writes_schema_summary_and_index(tmp_path):
    early = datetime(2026, 3, 12, 8, tzinfo=timezone.utc)
    late = datetime(2026, 3, 12, 10, tzinfo=timezone.utc)
    wd = _write_docs(tmp_path, [
        _row("d3", ARTICLE + "\n\n(Theo Báo Chính phủ)", published=early),
        _row("d1", ARTICLE.replace("Thủ tướng yêu cầu", "Người đứng đầu Chính phủ yêu cầu"), published=late),
        _row("d2", ARTICLE, published=late),
        _row("d4", OTHER),
        _row("d5", "Trang lỗi", drop="too_short"),
    ])
    summary = run_dedup(wd, DedupSettings(), progress=False)
    table = pq.read_table(wd.dedup_file)
    assert table.schema.equals(DEDUP_SCHEMA)
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == ["d1", "d2", "d3", "d4"]  # kept docs only, sorted
    by_id = {r["id"]: r for r in rows}
    assert by_id["d1"]["dedup_cluster"] == by_id["d2"]["dedup_cluster"] == by_id["d3"]["dedup_cluster"] == "d1"
    assert by_id["d1"]["dedup_cluster_size"] == 3
    assert by_id["d4"] == {"id": "d4", "dedup_cluster": "d4", "dedup_cluster_size": 1, "keep": True}
    # d3 is earliest but credits another outlet; d1 and d2 tie on date, d1 has more body words.
    assert [by_id[i]["keep"] for i in ("d1", "d2", "d3")] == [True, False, False]
    assert summary["docs"] == 4 and summary["removed"] == 2 and summary["multi_doc_clusters"] == 1
    # d2 and d3 have the same canonical body (the credit line is not body text): exact duplicates.
    assert summary["clusters"] == 2 and summary["exact_duplicates"] == 1 and summary["near_duplicates"] == 1
    on_disk = json.loads((wd.dedup / "summary.json").read_text(encoding="utf-8"))
    for key in ("docs", "exact_duplicates", "near_duplicates", "clusters", "multi_doc_clusters",
                "removed", "threshold", "num_perm", "bands", "rows", "shingle_size", "method"):
        assert key in on_disk
    assert on_disk["bands"] * on_disk["rows"] <= on_disk["num_perm"]
    manifest = json.loads((wd.dedup / "index" / "manifest.json").read_text())
    assert manifest["docs"] == 4 and manifest["parts"] == ["00000"]
    assert pq.read_table(wd.dedup / "index" / "docs.parquet").column("id").to_pylist() == ["d1", "d2", "d3", "d4"]
    assert not (wd.dedup / "work").exists()  # the scratch folder is removed


def test_run_dedup_without_docs_is_a_usage_error_and_with_no_kept_doc_writes_nothing_to_keep(tmp_path):
    import pytest

    from vicorpus.errors import UsageError

    with pytest.raises(UsageError, match="run `vicorpus extract` first"):
        run_dedup(Workdir(tmp_path / "empty"), DedupSettings(), progress=False)
    wd = _write_docs(tmp_path / "dropped", [_row("d1", "Trang chuyên mục Thời sự", drop="not_article")])
    summary = run_dedup(wd, DedupSettings(), progress=False)
    assert summary["docs"] == 0 and pq.read_table(wd.dedup_file).num_rows == 0



def test_a_warc_crawled_since_the_last_extract_is_named_as_not_extracted_yet(tmp_path):
    """A WARC with no docs at all was never extracted: the refusal says so (not 'damaged')."""
    import pytest

    from vicorpus.errors import UsageError

    wd = _write_docs(tmp_path / "w", [_row("d1", "Hà Nội khởi công cầu Trần Hưng Đạo")])
    wd.warc.mkdir(parents=True, exist_ok=True)
    (wd.warc / "moi-thu-thap-00001.warc.gz").write_bytes(b"")
    with pytest.raises(UsageError, match=r"1 WARC file\(s\) not extracted yet \(moi-thu-thap-00001.warc.gz\): "
                                         "run `vicorpus extract` first") as caught:
        run_dedup(wd, DedupSettings(), progress=False)
    assert "damaged" not in str(caught.value)


def test_incremental_against_previous_release(tmp_path):
    import shutil

    first = _write_docs(tmp_path / "w1", [_row("m5", ARTICLE), _row("m7", OTHER)])
    run_dedup(first, DedupSettings(), progress=False)
    release = tmp_path / "releases" / "0.1.0"
    release.mkdir(parents=True)
    shutil.copytree(first.dedup / "index", release / "dedup_index")  # what the release stage does

    # New crawl: a syndicated copy with a smaller id, a new article, and a re-fetched released doc.
    copy = "Báo Tin tức\nNghe bài viết\n\n" + ARTICLE.replace("Thủ tướng yêu cầu", "Thủ tướng đề nghị")
    third = ("Bộ Giáo dục và Đào tạo vừa ban hành hướng dẫn tuyển sinh lớp 10 năm học 2026 - 2027, "
             "trong đó yêu cầu các địa phương công bố chỉ tiêu trước ngày 15/4.\n\n"
             "Thí sinh được đăng ký tối đa ba nguyện vọng và có thể điều chỉnh trực tuyến.")
    second = _write_docs(tmp_path / "w2", [_row("a1", copy), _row("z9", third), _row("m7", OTHER)])
    summary = run_dedup(second, DedupSettings(previous=release), progress=False)
    rows = {r["id"]: r for r in pq.read_table(second.dedup_file).to_pylist()}
    assert rows["a1"] == {"id": "a1", "dedup_cluster": "m5", "dedup_cluster_size": 2, "keep": False}
    assert rows["z9"]["dedup_cluster"] == "z9" and rows["z9"]["keep"] is True
    assert rows["m7"]["dedup_cluster"] == "m7" and rows["m7"]["keep"] is True
    assert summary["previous_docs"] == 2 and summary["matched_previous"] == 1
    manifest = json.loads((second.dedup / "index" / "manifest.json").read_text())
    assert manifest["docs"] == 4  # the new index carries the released docs too


def test_previous_release_without_index_is_a_usage_error(tmp_path):
    import pytest

    from vicorpus.errors import UsageError

    wd = _write_docs(tmp_path / "w", [_row("d1", ARTICLE)])
    (tmp_path / "rel").mkdir()
    with pytest.raises(UsageError, match="no dedup index"):
        run_dedup(wd, DedupSettings(previous=tmp_path / "rel"), progress=False)


# --- keeper policy: the original publisher's copy -------------------------------------------

def _outlet_row(doc_id, text, host, attribution, credit=None, published=None):
    row = _row(doc_id, text, published=published)
    row.update(url=f"https://{host}/{doc_id}.htm", source=host.split(".")[0], attribution=attribution,
               credit=credit)
    return row


def test_keeper_prefers_the_publisher_over_a_copy_crediting_it(tmp_path):
    early = datetime(2026, 3, 12, 8, tzinfo=timezone.utc)
    late = datetime(2026, 3, 12, 11, tzinfo=timezone.utc)
    rows = [
        # baotintuc republished the Báo Chính phủ article earlier and longer (chrome), crediting it.
        _outlet_row("a1", "Báo Tin tức\nNghe bài viết\n\n" + ARTICLE, "baotintuc.vn",
                    "Nguồn: Báo Tin tức (TTXVN)", credit="Báo Chính phủ", published=early),
        _outlet_row("b7", ARTICLE, "baochinhphu.vn", "Nguồn: Báo Điện tử Chính phủ (baochinhphu.vn)",
                    published=late),
        # A TTXVN story on baotintuc credits TTXVN, which its source lists as its own: not a copy.
        _outlet_row("c2", OTHER, "baotintuc.vn", "Nguồn: Báo Tin tức (TTXVN)", credit="TTXVN", published=late),
        _outlet_row("d5", OTHER + "\n\nTheo TTXVN", "hanoi.gov.vn", "Nguồn: Cổng thông tin Hà Nội",
                    credit="TTXVN", published=early),
    ]
    wd = Workdir(tmp_path)
    wd.docs.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=DOCS_SCHEMA), wd.docs / "demo-00000.parquet")
    run_dedup(wd, DedupSettings(), progress=False)
    out = {r["id"]: r for r in pq.read_table(wd.dedup_file).to_pylist()}
    assert out["a1"]["dedup_cluster"] == out["b7"]["dedup_cluster"]
    assert out["c2"]["dedup_cluster"] == out["d5"]["dedup_cluster"]
    assert {i for i, r in out.items() if r["keep"]} == {"b7", "c2"}


def test_keeper_is_the_page_not_its_print_view(tmp_path):
    """A print view with no canonical link is crawled as a page of its own, the same text with the
    same date: the article's own page is kept (the print view's id sorts first)."""
    when = datetime(2026, 6, 2, 9, tzinfo=timezone.utc)
    rows = [_row("a0", ARTICLE, published=when), _row("z9", ARTICLE, published=when)]
    rows[0]["url"] = "https://namlinh.gov.vn/print/chi-dao-dieu-hanh/chi-thi-05-102260602160512374.htm"
    rows[1]["url"] = "https://namlinh.gov.vn/chi-dao-dieu-hanh/chi-thi-05-102260602160512374.htm"
    run_dedup(_write_docs(tmp_path, rows), DedupSettings(), progress=False)
    out = {r["id"]: r for r in pq.read_table(Workdir(tmp_path).dedup_file).to_pylist()}
    assert out["a0"]["dedup_cluster"] == out["z9"]["dedup_cluster"]
    assert {i for i, r in out.items() if r["keep"]} == {"z9"}


@pytest.mark.parametrize("mobile", ["https://m.bokinhtebien.gov.vn/thoi-su/hoi-nghi-go-the-vang-post418233.html",
                                    "https://bokinhtebien.gov.vn/m/thoi-su/hoi-nghi-go-the-vang-post418233.html"])
def test_keeper_is_the_page_not_its_mobile_edition(tmp_path, mobile):
    """A mobile edition's copy ("m." host, "/m/" path) with no canonical link, the same text and
    date: the page itself is kept, whatever the ids' order."""
    when = datetime(2026, 4, 15, 9, tzinfo=timezone.utc)
    rows = [_row("a0", ARTICLE, published=when), _row("z9", ARTICLE, published=when)]
    rows[0]["url"] = mobile
    rows[1]["url"] = "https://bokinhtebien.gov.vn/thoi-su/hoi-nghi-go-the-vang-post418233.html"
    run_dedup(_write_docs(tmp_path, rows), DedupSettings(), progress=False)
    out = {r["id"]: r for r in pq.read_table(Workdir(tmp_path).dedup_file).to_pylist()}
    assert {i for i, r in out.items() if r["keep"]} == {"z9"}


# --- determinism, streaming units, index --------------------------------------------------------

def _docs_in_row_groups(root, rows, row_group_size):
    wd = Workdir(root)
    wd.docs.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=DOCS_SCHEMA)
    pq.write_table(table, wd.docs / "demo-00000.parquet", row_group_size=row_group_size)
    return wd


def _index_bytes(wd):
    index = wd.dedup / "index"
    return {str(p.relative_to(index)): p.read_bytes() for p in sorted(index.rglob("*")) if p.is_file()}


def test_outputs_do_not_depend_on_workers_or_reading_units(tmp_path, monkeypatch):
    import dedup.stage

    sys.path.insert(0, str(Path(__file__).parent / "data" / "dedup"))
    from newsgen import news_rows

    rows = [_row(r["id"], r["text"], published=r["published_at"]) for r in news_rows(400, seed=3)]
    one = _docs_in_row_groups(tmp_path / "one", rows, 10_000)
    many = _docs_in_row_groups(tmp_path / "many", rows, 37)
    want = run_dedup(one, DedupSettings(workers=1), progress=False)
    monkeypatch.setattr(dedup.stage, "CHUNK_ROWS", 50)  # several parts, each whole row groups
    got = run_dedup(many, DedupSettings(workers=2), progress=False)
    assert got["shuffle"]["parts"] > 1 and want["shuffle"]["parts"] == 1
    assert one.dedup_file.read_bytes() == many.dedup_file.read_bytes()
    assert pq.read_table(one.dedup / "index" / "docs.parquet").equals(pq.read_table(many.dedup / "index" / "docs.parquet"))
    assert want["removed"] > 50 and want["clusters"] == got["clusters"]


def test_chunks_keep_row_groups_whole(tmp_path):
    from vicorpus.docs_table import read_chunk, select_docs

    rows = [_row(f"d{i:03d}", f"Văn bản số {i}.") for i in range(100)]
    rows[10]["drop_reason"] = "too_short"
    wd = _docs_in_row_groups(tmp_path, rows, 30)
    selection = select_docs(wd, kept_only=True)
    chunks = selection.chunks(max_rows=20)
    assert [c.row_groups for c in chunks] == [[0], [1], [2], [3]]
    seen = []
    for chunk in chunks:
        for positions, batch in read_chunk(chunk, ["text", "credit"]):
            assert batch.column("credit").null_count == batch.num_rows  # absent column: nulls
            seen += list(zip(positions.tolist(), batch.column("text").to_pylist()))
    assert sorted(seen) == [(k, r["text"]) for k, r in enumerate(r for r in rows if r["drop_reason"] is None)]


def test_previous_release_with_another_threshold_is_rebanded(tmp_path):
    import shutil

    first = _write_docs(tmp_path / "w1", [_row("m5", ARTICLE), _row("m7", OTHER)])
    earlier = run_dedup(first, DedupSettings(threshold=0.7), progress=False)
    release = tmp_path / "rel"
    shutil.copytree(first.dedup / "index", release / "dedup_index")
    copy = ARTICLE.replace("Thủ tướng yêu cầu", "Thủ tướng đề nghị")
    second = _write_docs(tmp_path / "w2", [_row("a1", copy)])
    summary = run_dedup(second, DedupSettings(threshold=0.8, previous=release), progress=False)
    assert pq.read_table(second.dedup_file).to_pylist() == [
        {"id": "a1", "dedup_cluster": "m5", "dedup_cluster_size": 2, "keep": False}]
    manifest = json.loads((second.dedup / "index" / "manifest.json").read_text())
    assert (manifest["bands"], manifest["rows"]) == (summary["bands"], summary["rows"]) != (
        earlier["bands"], earlier["rows"])


def test_index_of_an_older_format_is_one_line_usage_error(tmp_path):
    import pytest

    from vicorpus.errors import UsageError

    (tmp_path / "rel" / "dedup_index").mkdir(parents=True)
    (tmp_path / "rel" / "dedup_index" / "manifest.json").write_text('{"format": 1}')
    wd = _write_docs(tmp_path / "w", [_row("d1", ARTICLE)])
    with pytest.raises(UsageError, match="format 1.*rebuild"):
        run_dedup(wd, DedupSettings(previous=tmp_path / "rel"), progress=False)


def test_damaged_docs_file_is_named_and_nothing_is_written(tmp_path):
    from typer.testing import CliRunner

    from vicorpus.cli import app
    from vicorpus.docs_table import DocsFileError

    wd = _write_docs(tmp_path, [_row("d1", ARTICLE), _row("d2", OTHER)])
    _write_docs(tmp_path, [_row("d9", ARTICLE)], name="demo-00001")
    damaged = wd.docs / "demo-00001.parquet"
    damaged.write_bytes(damaged.read_bytes()[:200])
    import pytest

    with pytest.raises(DocsFileError, match="demo-00001.parquet"):
        run_dedup(wd, DedupSettings(workers=1), progress=False)
    assert not wd.dedup_file.exists()
    result = CliRunner().invoke(app, ["dedup", "--workdir", str(tmp_path), "--no-progress"])
    assert result.exit_code != 0 and "demo-00001.parquet" in str(result.exception)


@pytest.mark.parametrize("resume_workers", [2, 1])
def test_a_killed_run_resumes_from_the_units_it_finished(tmp_path, monkeypatch, resume_workers):
    """Killed while verifying: the next run reuses the features and LSH bands already written,
    redoes the block that was half done (all blocks, when another worker count splits them
    otherwise), and writes the same bytes as an uninterrupted run."""
    import dedup.stage

    sys.path.insert(0, str(Path(__file__).parent / "data" / "dedup"))
    from newsgen import news_rows

    rows = [_row(r["id"], r["text"], published=r["published_at"]) for r in news_rows(300, seed=5)]
    clean = _docs_in_row_groups(tmp_path / "clean", rows, 10_000)
    run_dedup(clean, DedupSettings(workers=2), progress=False)

    wd = _docs_in_row_groups(tmp_path / "killed", rows, 10_000)
    real_save = dedup.stage._save_verified
    saved = []

    def dies_at_the_second_block(path, exact, near):
        real_save(path, exact, near)
        saved.append(path)
        if len(saved) == 2:  # block 2's file is written but the run dies before marking it done
            raise KeyboardInterrupt

    monkeypatch.setattr(dedup.stage, "_save_verified", dies_at_the_second_block)
    with pytest.raises(KeyboardInterrupt):
        run_dedup(wd, DedupSettings(workers=2), progress=False)
    done = json.loads((wd.dedup / "work" / "state.json").read_text(encoding="utf-8"))["done"]
    assert "features/0" in done and "meta" in done
    assert [unit for unit in done if unit.startswith("verify/")] == [f"verify/{int(saved[0].stem)}"]

    monkeypatch.setattr(dedup.stage, "_save_verified", real_save)
    features_calls = []
    real_features = dedup.stage.features_task
    monkeypatch.setattr(dedup.stage, "features_task", lambda *a: features_calls.append(a) or real_features(*a))
    summary = run_dedup(wd, DedupSettings(workers=resume_workers), progress=False)
    assert summary["resumed"] is True and features_calls == []
    assert wd.dedup_file.read_bytes() == clean.dedup_file.read_bytes()
    assert not (wd.dedup / "work").exists()
