"""The extract stage end to end: real warcio WARCs -> docs parquet + .done markers."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import vicorpus
from vicorpus.config import ExtractSettings
from vicorpus.schema import DOCS_SCHEMA
from vicorpus.urls import doc_id
from vicorpus.workdir import prepare_workdir

from normalize import run_extract

_spec = importlib.util.spec_from_file_location("stage_warcs", Path(__file__).parent / "data" / "stage" / "warcs.py")
warcs = importlib.util.module_from_spec(_spec)
sys.modules["stage_warcs"] = warcs
_spec.loader.exec_module(warcs)
BASE = warcs.BASE


def _shard_a():
    return [
        {"url": f"{BASE}/tin-tuc/chuyen-doi-so-thu-tuc-hanh-chinh.htm?utm_source=fb", "status": 200,
         "body": warcs.page("article.html"), "gzip": True},
        {"url": f"{BASE}/en/province-speeds-up-digital-transformation-20260112150000.htm", "status": 200, "body": warcs.page("english.html")},
        {"url": f"{BASE}/tin-tuc/", "status": 200, "body": warcs.page("list.html")},
        {"url": f"{BASE}/tin-tuc/khong-co.htm", "status": 404, "body": b"<html><body>Not found</body></html>"},
        {"url": f"{BASE}/cu.htm", "status": 301, "body": b""},
    ]


def _shard_b():
    return [
        {"url": f"{BASE}/van-ban/bao-cao.pdf", "status": 200, "body": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
         "content_type": "application/pdf"},
        {"url": f"{BASE}/tin-tuc/thong-bao-lich-tiep-cong-dan-thang-1-2026-20260105080000.htm", "status": 200, "body": warcs.page("short.html")},
        {"url": f"{BASE}/tin-tuc/tim-nguoi-than.htm", "status": 200, "body": warcs.page("article_pii.html"),
         "date": "2026-01-10T03:00:05Z"},
        {"url": f"{BASE}/tin-tuc/khong-dau.htm", "status": 200, "body": warcs.page("stripped.html")},
        {"url": f"{BASE}/empty.htm", "status": 200, "body": b""},
    ]


def _workdir(tmp_path: Path):
    workdir = prepare_workdir(tmp_path / "work")
    warcs.write_warc(workdir.warc / "demo-20260112T073000Z-00000.warc.gz", _shard_a())
    warcs.write_warc(workdir.warc / "demo-20260112T073000Z-00001.warc.gz", _shard_b())
    return workdir


def _rows(workdir) -> dict[str, dict]:
    rows = {}
    for path in workdir.docs_files():
        table = pq.read_table(path)
        assert table.schema.equals(DOCS_SCHEMA, check_metadata=False), path
        for row in table.to_pylist():
            rows[row["url"]] = row
    return rows


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    workdir = _workdir(tmp_path_factory.mktemp("stage"))
    summary = run_extract(workdir, ExtractSettings(), progress=False)
    return workdir, summary, _rows(workdir)


def test_rows_and_drop_reasons(extracted):
    workdir, summary, rows = extracted
    reasons = {url.removeprefix(BASE): row["drop_reason"] for url, row in rows.items()}
    print(json.dumps(reasons, indent=1, ensure_ascii=False))
    assert reasons["/tin-tuc/chuyen-doi-so-thu-tuc-hanh-chinh.htm"] is None
    assert reasons["/tin-tuc/tim-nguoi-than.htm"] is None
    assert reasons["/en/province-speeds-up-digital-transformation-20260112150000.htm"] == "not_vietnamese"
    assert reasons["/tin-tuc/khong-dau.htm"] == "not_vietnamese"
    assert reasons["/tin-tuc/"].startswith("not_article")
    assert reasons["/tin-tuc/khong-co.htm"] == "http_error:404"
    assert reasons["/van-ban/bao-cao.pdf"] == "not_html:application/pdf"
    assert reasons["/tin-tuc/thong-bao-lich-tiep-cong-dan-thang-1-2026-20260105080000.htm"] == "too_short"
    assert reasons["/empty.htm"] == "not_html:unparseable"
    assert "/cu.htm" not in reasons  # 3xx: ignored
    assert summary["rows"] == len(rows) == 9 and summary["kept"] == 2
    assert summary["processed"] == summary["warc_files"] == 2 and summary["skipped_done"] == 0
    assert sum(summary["dropped_by_reason"].values()) == 7


def test_kept_article_columns(extracted):
    workdir, _, rows = extracted
    row = rows[f"{BASE}/tin-tuc/chuyen-doi-so-thu-tuc-hanh-chinh.htm"]
    assert row["id"] == doc_id(row["url"])
    assert row["title"] == "Tỉnh mẫu triển khai chuyển đổi số trong giải quyết thủ tục hành chính"
    assert "13/2023/NĐ-CP" in row["text"] and "Ngày 12/1, Ủy ban nhân dân tỉnh" in row["text"]
    assert "\n\n" in row["text"] and "Tin liên quan" not in row["text"]
    assert "0243.823.4567" in row["text"]  # an agency hotline is not PII
    assert row["published_at"] == datetime(2026, 1, 12, 7, 30, tzinfo=timezone.utc)
    assert row["fetched_at"] == datetime(2026, 1, 12, 7, 30, tzinfo=timezone.utc)
    assert row["source"] == "demo" and row["licence"] == warcs.SOURCE.licence
    assert row["attribution"] == warcs.SOURCE.attribution and row["config_sha256"] == warcs.SOURCE.sha256()
    assert row["warc_file"] == "demo-20260112T073000Z-00000.warc.gz"
    assert row["warc_record_id"].startswith("<urn:uuid:") and row["warc_offset"] > 0
    assert len(row["raw_sha256"]) == 64 and len(row["text_sha256"]) == 64
    assert row["language_score"] > 0.8
    assert row["n_syllables"] == len(row["text"].split())
    assert 0 < row["n_words"] <= row["n_syllables"]
    assert "Chính_phủ" in row["text_segmented"] and "13/2023/NĐ-CP" in row["text_segmented"]
    assert row["text_segmented"].count("\n\n") == row["text"].count("\n\n")
    assert row["pipeline_version"] == vicorpus.PIPELINE_VERSION and row["extractor"]
    assert row["dedup_cluster"] is None and row["duplicate_urls"] == [] and row["pii_redactions"] == 0


def test_raw_sha256_is_of_archived_bytes(extracted):
    """The gzip-encoded article: the hash is of the payload as archived, offset points at the record."""
    import hashlib

    from warcio.archiveiterator import ArchiveIterator

    workdir, _, rows = extracted
    row = rows[f"{BASE}/tin-tuc/chuyen-doi-so-thu-tuc-hanh-chinh.htm"]
    with open(workdir.warc / row["warc_file"], "rb") as stream:
        stream.seek(row["warc_offset"])
        record = next(iter(ArchiveIterator(stream)))
        assert record.rec_headers.get_header("WARC-Record-ID") == row["warc_record_id"]
        assert hashlib.sha256(record.raw_stream.read()).hexdigest() == row["raw_sha256"]


def test_pii_redacted_in_stage(extracted):
    _, _, rows = extracted
    row = rows[f"{BASE}/tin-tuc/tim-nguoi-than.htm"]
    text = row["text"]
    for secret in ("001089012345", "0912.345.678", "lan.nt.conganhuyen@gmail.com", "0011004123456"):
        assert secret not in text and secret not in row["text_segmented"]
    for placeholder in ("<CCCD>", "<PHONE>", "<EMAIL>", "<BANK_ACCOUNT>"):
        assert placeholder in text and placeholder in row["text_segmented"]
    assert "069.234.5678" in text and "113" in text  # police hotline kept
    assert row["pii_redactions"] == 4
    assert row["fetched_at"] == datetime(2026, 1, 10, 3, 0, 5, tzinfo=timezone.utc)


def test_dropped_rows_carry_provenance(extracted):
    _, _, rows = extracted
    for row in rows.values():
        assert row["id"] and row["url"].startswith(BASE) and row["source"] == "demo"
        assert row["fetched_at"] is not None and row["warc_file"] and row["warc_record_id"]
        assert row["warc_offset"] is not None and len(row["raw_sha256"]) == 64
        if row["drop_reason"]:
            assert row["text_segmented"] is None


def test_markers_and_resume_by_shard(tmp_path):
    workdir = _workdir(tmp_path)
    first = run_extract(workdir, ExtractSettings(), progress=False)
    markers = sorted(workdir.docs.glob("*.done"))
    assert [m.name for m in markers] == ["demo-20260112T073000Z-00000.done", "demo-20260112T073000Z-00001.done"]
    marker = json.loads(markers[1].read_text())
    assert marker["rows"] == 5 and marker["kept"] == 1
    again = run_extract(workdir, ExtractSettings(), progress=False)
    assert again["processed"] == 0 and again["skipped_done"] == 2
    untouched = (workdir.docs / "demo-20260112T073000Z-00000.parquet").stat().st_mtime_ns
    markers[1].unlink()
    redo = run_extract(workdir, ExtractSettings(), progress=False)
    assert redo["processed"] == 1 and redo["skipped_done"] == 1 and redo["rows"] == 5
    assert (workdir.docs / "demo-20260112T073000Z-00000.parquet").stat().st_mtime_ns == untouched
    assert first["rows"] == 9
    assert not list(workdir.docs.glob(".*tmp"))


def test_redact_pii_off(tmp_path):
    workdir = _workdir(tmp_path)
    run_extract(workdir, ExtractSettings(redact_pii=False), progress=False)
    row = _rows(workdir)[f"{BASE}/tin-tuc/tim-nguoi-than.htm"]
    assert "0912.345.678" in row["text"] and row["pii_redactions"] == 0


def test_two_workers_same_rows(tmp_path, extracted):
    import shutil

    source_workdir, _, rows_one = extracted
    workdir = prepare_workdir(tmp_path / "work")
    shutil.copytree(source_workdir.warc, workdir.warc)  # the same WARC bytes, so offsets compare
    summary = run_extract(workdir, ExtractSettings(workers=2), progress=False)
    assert summary["processed"] == 2
    rows_two = _rows(workdir)
    assert rows_two.keys() == rows_one.keys()
    for url, row in rows_two.items():
        other = rows_one[url]
        for column in ("id", "text", "text_segmented", "title", "drop_reason", "n_words", "n_syllables",
                       "language_score", "pii_redactions", "text_sha256", "raw_sha256", "warc_offset"):
            assert row[column] == other[column], (url, column)


def test_missing_warc_dir_is_usage_error(tmp_path):
    from vicorpus.errors import UsageError

    workdir = prepare_workdir(tmp_path / "empty")
    with pytest.raises(UsageError, match="no WARC directory"):
        run_extract(workdir, ExtractSettings(), progress=False)
