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
TESTS_DATA = Path(__file__).parent / "data"


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


def test_raw_sha256_is_of_the_decoded_body(extracted):
    """The gzip-encoded article: raw_sha256 is of the body after decoding; the offset points at the record."""
    import gzip
    import hashlib

    from warcio.archiveiterator import ArchiveIterator

    workdir, _, rows = extracted
    row = rows[f"{BASE}/tin-tuc/chuyen-doi-so-thu-tuc-hanh-chinh.htm"]
    with open(workdir.warc / row["warc_file"], "rb") as stream:
        stream.seek(row["warc_offset"])
        record = next(iter(ArchiveIterator(stream)))
        assert record.rec_headers.get_header("WARC-Record-ID") == row["warc_record_id"]
        archived = record.raw_stream.read()
    assert hashlib.sha256(gzip.decompress(archived)).hexdigest() == row["raw_sha256"]
    assert hashlib.sha256(archived).hexdigest() != row["raw_sha256"]


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


# --- one WARC in record ranges ---------------------------------------------------------

def _one_warc(root: Path, n: int = 4):
    """One WARC of 2n responses (articles, a list page, a 404...)."""
    workdir = prepare_workdir(root)
    items = [dict(item, url=f"{item['url'].rstrip('/')}-{k}") for k in range(n)
             for item in (_shard_a()[:3] if k % 2 else _shard_b()[1:4])][:2 * n]
    warcs.write_warc(workdir.warc / "mot-tep-lon.warc.gz", items)
    return workdir


def test_one_warc_is_shared_by_workers_with_the_same_bytes(tmp_path, monkeypatch):
    """Ranges of 2 responses: 1 and 2 workers write the same docs and marker bytes, rows in WARC order."""
    from normalize import index_cache

    monkeypatch.setattr(index_cache, "RANGE_RESPONSES", 2)
    outputs = {}
    for workers in (1, 2):
        workdir = _one_warc(tmp_path / f"w{workers}")
        if workers == 2:  # the very same WARC bytes
            (workdir.warc / "mot-tep-lon.warc.gz").write_bytes((tmp_path / "w1/warc/mot-tep-lon.warc.gz").read_bytes())
        summary = run_extract(workdir, ExtractSettings(workers=workers, segment=False), progress=False)
        assert summary["processed"] == 1 and summary["rows"] == 8
        outputs[workers] = [(workdir.docs / name).read_bytes() for name in ("mot-tep-lon.parquet", "mot-tep-lon.done")]
    index = json.loads((tmp_path / "w2/extract/index/mot-tep-lon.json").read_text())
    assert len(index["index"]["ranges"]) == 4
    assert outputs[1] == outputs[2]
    offsets = pq.read_table(tmp_path / "w2/docs/mot-tep-lon.parquet").column("warc_offset").to_pylist()
    assert offsets == sorted(offsets)



def test_the_last_ranges_of_a_warc_are_finer(tmp_path):
    """130 fetches: ranges of 48, 48 and 34 responses, the last two cut at fetch boundaries into
    ranges of about 12, so workers run out of work together; every response in one range."""
    from normalize.warc_reader import RANGE_RESPONSES, TAIL_RANGE_RESPONSES, index_warc

    workdir = prepare_workdir(tmp_path / "w")
    items = [dict(item, url=f"{item['url'].rstrip('/')}-{k}") for k in range(44) for item in _shard_b()[1:4]][:130]
    path = workdir.warc / "duoi-min.warc.gz"
    warcs.write_warc(path, items)
    index = index_warc(path)
    sizes = [r.responses for r in index.ranges]
    assert sizes[0] == RANGE_RESPONSES and sum(sizes) == index.responses == 130
    assert sizes[1:] == [TAIL_RANGE_RESPONSES] * 6 + [10], sizes  # 48 -> 4 x 12, 34 -> 12, 12, 10
    assert all(a.end == b.start for a, b in zip(index.ranges, index.ranges[1:]))


# --- failures: a record that raises, damaged files -------------------------------------

FAULT = """
import sys
import normalize.pages as pages
real = pages._extract
def faulty(response, rules):
    if "hong-du-lieu" in response.url:
        raise RuntimeError("dữ liệu hỏng giữa chừng")
    return real(response, rules)
pages._extract = faulty
from vicorpus.cli import main
sys.argv = ["vicorpus"] + sys.argv[1:]
main()
"""


def test_failures_are_rows_and_named_files_and_exit_1(tmp_path):
    """A record that raises mid-shard, a truncated WARC, a file that is no WARC: all written that can
    be, each failure named, exit 1 with one summary line; the next run reports the damaged files again."""
    import subprocess

    workdir = prepare_workdir(tmp_path / "work")
    items = _shard_a()[:3]
    items.insert(1, dict(items[0], url=f"{BASE}/tin-tuc/hong-du-lieu.htm"))
    warcs.write_warc(workdir.warc / "demo-a.warc.gz", items)
    full = warcs.write_warc(tmp_path / "full.warc.gz", _shard_b()[1:4])
    data = full.read_bytes()
    (workdir.warc / "demo-b.warc.gz").write_bytes(data[: len(data) * 3 // 4])  # a killed copy
    (workdir.warc / "ghi-chu.warc").write_text("Đây không phải tệp WARC.\n", encoding="utf-8")

    def run() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", FAULT, "extract", "--workdir", str(workdir.root),
                               "--no-progress"], capture_output=True, text=True, timeout=300)

    result = run()
    assert result.returncode == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("vicorpus: failed: extract: 1 record failed (error:RuntimeError 1), "
                           "2 WARC files not read whole (demo-b.warc.gz: damaged: bytes "), last
    assert "(the end of the file) unreadable (truncated" in last
    assert "ghi-chu.warc: not a WARC file" in last and "Traceback" not in result.stderr
    assert "dữ liệu hỏng giữa chừng" in result.stderr  # the message is in the log
    rows = {r["url"].removeprefix(BASE): r for r in _rows(workdir).values()}
    assert rows["/tin-tuc/hong-du-lieu.htm"]["drop_reason"] == "error:RuntimeError"
    assert rows["/tin-tuc/hong-du-lieu.htm"]["warc_record_id"] and rows["/tin-tuc/hong-du-lieu.htm"]["raw_sha256"]
    assert rows["/tin-tuc/chuyen-doi-so-thu-tuc-hanh-chinh.htm"]["drop_reason"] is None
    assert "/tin-tuc/" in rows and rows["/tin-tuc/"]["drop_reason"].startswith("not_article")  # after the failure
    from_b = [r for r in rows.values() if r["warc_file"] == "demo-b.warc.gz"]
    assert 1 <= len(from_b) < 3  # the complete records before the cut
    marker = json.loads((workdir.docs / "demo-a.done").read_text())
    assert [f["url"] for f in marker["record_errors"]] == [f"{BASE}/tin-tuc/hong-du-lieu.htm"]
    assert not (workdir.docs / "demo-b.done").exists() and not (workdir.docs / "ghi-chu.done").exists()

    again = run()
    assert again.returncode == 1
    assert "2 WARC files not read whole" in again.stderr.strip().splitlines()[-1]
    assert "record failed" not in again.stderr  # demo-a is done; its failure was reported when it happened

    # the next stage does not go on without the unread WARCs: one line, exit 2, nothing written
    dedup = subprocess.run([sys.executable, "-m", "vicorpus.cli", "dedup", "--workdir", str(workdir.root),
                            "--no-progress"], capture_output=True, text=True, timeout=300)
    assert dedup.returncode == 2 and "Traceback" not in dedup.stderr
    assert dedup.stderr.strip().splitlines()[-1].startswith(
        "vicorpus: error: dedup: 2 WARC file(s) not extracted to the end (demo-b.warc.gz, ghi-chu.warc): "
        "run `vicorpus extract` again"), dedup.stderr
    assert not workdir.dedup.exists()

    # moved out, as the message says: dedup goes on with what could be read of demo-b
    for name in ("demo-b.warc.gz", "ghi-chu.warc"):
        (workdir.warc / name).rename(tmp_path / name)
    dedup = subprocess.run([sys.executable, "-m", "vicorpus.cli", "dedup", "--workdir", str(workdir.root),
                            "--no-progress"], capture_output=True, text=True, timeout=300)
    assert dedup.returncode == 0, dedup.stderr
    readable = {r["id"] for r in from_b if r["drop_reason"] is None}
    assert readable and readable <= set(pq.read_table(workdir.dedup / "dedup.parquet").column("id").to_pylist())


def _record_offsets(path: Path) -> list[tuple[int, str, str]]:
    """(offset, WARC-Type, target URI) of every record of a WARC, read by warcio."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        return [(iterator.get_record_offset(), r.rec_type, r.rec_headers.get_header("WARC-Target-URI") or "")
                for r in iterator]


@pytest.mark.parametrize("compress", [True, False])
def test_damage_mid_warc_loses_only_the_damaged_records(tmp_path, compress):
    """Garbage in the middle of a WARC (a disk error, a bad copy): the records after it are
    still extracted, the damaged byte span is named, and the command says it failed."""
    name = "demo-hong.warc.gz" if compress else "demo-hong.warc"
    workdir = prepare_workdir(tmp_path / "work")
    items = _shard_a()[:3] + _shard_b()[1:4]
    path = warcs.write_warc(workdir.warc / name, items)  if compress else \
        warcs.write_warc(workdir.warc / name, items, compress=False)
    records = _record_offsets(path)
    damaged_url = items[2]["url"]  # the list page: its response record gets overwritten in the middle
    at = next(offset for offset, kind, uri in records if kind == "response" and uri == damaged_url)
    assert run_extract(workdir, ExtractSettings(segment=False), progress=False)["errors"] == []
    assert damaged_url in {r["url"] for r in _rows(workdir).values()}  # read while the file was whole
    data = bytearray(path.read_bytes())
    data[at + 20: at + 220] = bytes(range(200))  # gzip data or the WARC header line itself garbled
    path.write_bytes(bytes(data))

    summary = run_extract(workdir, ExtractSettings(segment=False), progress=False)
    urls = {r["url"] for r in _rows(workdir).values()}
    after = [item["url"] for item in items[3:]]
    assert set(after) <= urls, "records after the damage are extracted"
    assert items[0]["url"].split("?")[0] in {u.split("?")[0] for u in urls} and damaged_url not in urls
    assert [e["warc_file"] for e in summary["errors"]] == [name, name]
    problem, gone = summary["errors"][0]["error"], summary["errors"][1]["error"]
    assert problem.startswith(f"damaged: bytes {at}-") and "read on from there" in problem, problem
    assert gone == f"1 row extracted before is gone with the damage ({damaged_url}); restore the WARC file to keep it"
    assert not (workdir.docs / f"{name.split('.')[0]}.done").exists()  # not taken for a whole file


def test_a_second_extract_on_the_same_workdir_is_refused_while_one_runs(tmp_path):
    """Two extracts with other settings on one workdir would each report its own counts over
    files the other wrote: the second is one line, exit 2, and writes nothing."""
    import subprocess

    from vicorpus.locking import WorkdirLock

    workdir = _workdir(tmp_path)
    with WorkdirLock(workdir.root / "extract" / "extract.lock", activity="extract"):  # the first, running
        second = subprocess.run([sys.executable, "-m", "vicorpus.cli", "extract", "--workdir", str(workdir.root),
                                 "--no-progress"], capture_output=True, text=True, timeout=300)
    assert second.returncode == 2 and "Traceback" not in second.stderr
    assert "is in use by another extract (pid" in second.stderr.strip().splitlines()[-1]
    assert not workdir.docs.exists() or not list(workdir.docs.iterdir())


# --- WARCs written by other tools ------------------------------------------------------

FOREIGN = TESTS_DATA / "stage" / "foreign"


def test_foreign_and_uncompressed_warcs(tmp_path):
    """warcio's own files, a Common Crawl style uncompressed .warc without vicorpus fields."""
    workdir = prepare_workdir(tmp_path / "work")
    workdir.warc.mkdir()
    for name in ("warcio-example.warc.gz", "warcio-example-iana.org-chunked.warc",
                 "warcio-example-bad-non-chunked.warc.gz"):
        (workdir.warc / name).write_bytes((FOREIGN / name).read_bytes())
    warcs.write_warc(workdir.warc / "cc-style.warc", _shard_a()[:1], source=None, compress=False)
    summary = run_extract(workdir, ExtractSettings(segment=False), progress=False)
    rows = _rows(workdir)
    assert rows["http://example.com/"]["drop_reason"].startswith("not_")  # English home page
    iana = rows["http://www.iana.org/"]  # chunked transfer encoding undone
    assert iana["drop_reason"] and iana["raw_sha256"] and iana["warc_file"] == "warcio-example-iana.org-chunked.warc"
    ours = rows[f"{BASE}/tin-tuc/chuyen-doi-so-thu-tuc-hanh-chinh.htm"]
    assert ours["drop_reason"] is None and ours["source"] == "host:127.0.0.1" and "13/2023/NĐ-CP" in ours["text"]
    assert [e["warc_file"] for e in summary["errors"]] == ["warcio-example-bad-non-chunked.warc.gz"]
    assert "one member per record" in summary["errors"][0]["error"]


def test_wget_warc(tmp_path, static_server):
    """`wget --warc-file` against a local server: its request/response records are read like ours."""
    import shutil
    import subprocess

    if shutil.which("wget") is None:
        pytest.skip("wget is not installed")
    site = tmp_path / "site"
    (site / "tin-tuc").mkdir(parents=True)
    (site / "tin-tuc" / "chuyen-doi-so.html").write_bytes(warcs.page("article.html"))
    (site / "tin-tuc" / "tim-nguoi-than.html").write_bytes(warcs.page("article_pii.html"))
    (site / "index.html").write_text('<html><body><a href="tin-tuc/chuyen-doi-so.html">1</a>'
                                     '<a href="tin-tuc/tim-nguoi-than.html">2</a></body></html>', encoding="utf-8")
    base = static_server(site)
    workdir = prepare_workdir(tmp_path / "work")
    workdir.warc.mkdir()
    subprocess.run(["wget", "-q", "-r", "-l", "1", "-e", "robots=off", "--no-proxy", "-P", str(tmp_path / "mirror"),
                    f"--warc-file={workdir.warc / 'wget-crawl'}", f"{base}/"], check=False, timeout=60)
    assert (workdir.warc / "wget-crawl.warc.gz").is_file()
    summary = run_extract(workdir, ExtractSettings(segment=False), progress=False)
    rows = {r["warc_record_id"]: r for r in _rows(workdir).values()}
    from warcio.archiveiterator import ArchiveIterator

    with open(workdir.warc / "wget-crawl.warc.gz", "rb") as stream:  # what wget archived, by warcio
        archived = {r.rec_headers.get_header("WARC-Target-URI"): r.rec_headers.get_header("WARC-Record-ID")
                    for r in ArchiveIterator(stream) if r.rec_type == "response"}
    article = rows[archived[f"{base}/tin-tuc/chuyen-doi-so.html"]]
    assert article["drop_reason"] is None and "13/2023/NĐ-CP" in article["text"]
    assert rows[archived[f"{base}/tin-tuc/tim-nguoi-than.html"]]["pii_redactions"] == 4
    assert summary["errors"] == [] and summary["record_errors"] == 0
    # ... and released: the pages of a WARC with no vicorpus source are their host's
    from corpus_cards.release import build_release
    from dedup.stage import run_dedup
    from vicorpus.config import DedupSettings, ReleaseSettings

    run_dedup(workdir, DedupSettings(), progress=False)
    release = build_release(workdir, ReleaseSettings(version="1.0.0", out=tmp_path / "releases"), progress=False)
    released = pq.read_table(release / "data").to_pylist()
    assert {r["source"] for r in released} == {"host:127.0.0.1"} and len(released) == 2


def test_discovery_fields_reach_the_page(tmp_path):
    """The crawler's metadata record (WARC-Concurrent-To the response) gives WarcResponse.discovery."""
    from normalize.warc_reader import index_warc, read_range

    fields = {"vicorpus-discovery": "sitemap", "vicorpus-discovered-from": f"{BASE}/sitemap.xml",
              "vicorpus-listed-date": "2026-01-12T14:30:00+07:00", "vicorpus-article-pattern": "match"}
    path = warcs.write_warc(tmp_path / "d.warc.gz", [dict(_shard_a()[0], discovery=fields), _shard_a()[2]])
    index = index_warc(path)
    responses = [r for rng in index.ranges for r in read_range(path, rng)]
    assert [r.discovery for r in responses] == [fields, {}]


# --- config problems and what a changed setting redoes ----------------------------------

def test_bad_pattern_in_the_crawled_config_is_a_usage_error(tmp_path):
    from vicorpus.errors import UsageError

    workdir = _workdir(tmp_path)
    snapshot = warcs.SOURCE.model_dump(mode="json")
    snapshot["extract"]["drop_paragraph_patterns"] = ["^Ảnh:", "(Theo TTXVN"]
    (workdir.crawl / "sources").mkdir(parents=True)
    (workdir.crawl / "sources" / "demo.json").write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UsageError, match=r"demo.json: key 'extract.drop_paragraph_patterns.1': "
                                         r"bad regular expression '\(Theo TTXVN'"):
        run_extract(workdir, ExtractSettings(), progress=False)
    assert not list(workdir.docs.glob("*.parquet"))  # refused before any page


def test_a_changed_setting_redoes_the_shards_and_says_why(tmp_path):
    workdir = _workdir(tmp_path)
    run_extract(workdir, ExtractSettings(segment=False), progress=False)
    pages = {p: p.stat().st_mtime_ns for p in (workdir.root / "extract" / "pages").rglob("*.parquet")}
    same = run_extract(workdir, ExtractSettings(segment=False, workers=2), progress=False)
    assert same["processed"] == 0 and same["skipped_done"] == 2  # workers change no row
    changed = run_extract(workdir, ExtractSettings(segment=False, min_syllables=400), progress=False)
    assert changed["processed"] == 2 and changed["redone"] == {"settings changed: min_syllables": 2}
    assert {p: p.stat().st_mtime_ns for p in pages} == pages  # pages not extracted again
    assert _rows(workdir)[f"{BASE}/tin-tuc/tim-nguoi-than.htm"]["drop_reason"] == "too_short"
    marker = json.loads((workdir.docs / "demo-20260112T073000Z-00000.done").read_text())
    assert marker["settings"]["min_syllables"] == 400 and marker["versions"]["pipeline"] == vicorpus.PIPELINE_VERSION


def test_a_changed_source_config_redoes_its_shards_only(tmp_path):
    other = warcs.SOURCE.model_copy(update={"name": "tinh-khac"})
    workdir = _workdir(tmp_path)
    warcs.write_warc(workdir.warc / "tinh-khac-00000.warc.gz", _shard_a()[:1], source=other)
    run_extract(workdir, ExtractSettings(segment=False), progress=False)
    snapshot = other.model_dump(mode="json")
    snapshot["licence"] = "Bản quyền thuộc Cổng thông tin tỉnh khác"
    (workdir.crawl / "sources").mkdir(parents=True)
    (workdir.crawl / "sources" / "tinh-khac.json").write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
    again = run_extract(workdir, ExtractSettings(segment=False), progress=False)
    assert again["processed"] == 1 and again["redone"] == {"source config of tinh-khac changed": 1}
    row = next(r for r in _rows(workdir).values() if r["source"] == "tinh-khac")
    assert row["licence"] == snapshot["licence"]


def test_what_extraction_reports_is_passed_on_and_counted(tmp_path, monkeypatch):
    """discovery= reaches extract_article; credit lands in its column; an unsure verdict kept is
    counted; a source whose article-shaped pages are dropped as non-articles gets a warning."""
    import normalize.extract

    real, seen = normalize.extract.extract_article, {}

    def reporting(html, url, *, http_charset=None, rules=None, discovery=None):
        seen[url] = discovery
        doc = real(html, url, http_charset=http_charset, rules=rules)
        if "khong-chac" in url:
            doc.update(page_type_confidence=0.35)
        if "bi-loai" in url:
            doc.update(is_article=False, not_article_reason="not_article:list_page", article_shape=True)
        return {**doc, "credit": "TTXVN"}

    monkeypatch.setattr(normalize.extract, "extract_article", reporting)
    article = {"status": 200, "body": warcs.page("article.html")}
    items = [dict(article, url=f"{BASE}/tin/khong-chac.htm", discovery={"vicorpus-discovery": "feed"})]
    items += [dict(article, url=f"{BASE}/tin/bi-loai-{k}.htm") for k in range(3)]
    workdir = prepare_workdir(tmp_path / "work")
    warcs.write_warc(workdir.warc / "demo-00000.warc.gz", items)
    summary = run_extract(workdir, ExtractSettings(segment=False), progress=False)
    assert seen[f"{BASE}/tin/khong-chac.htm"] == {"vicorpus-discovery": "feed"}
    assert seen[f"{BASE}/tin/bi-loai-0.htm"] == {}
    assert summary["kept_uncertain_page_type"] == 1
    assert summary["dropped_by_reason"] == {"not_article:list_page": 3}
    assert summary["warnings"] and summary["warnings"][0].startswith("source demo: 3 of its 4 fetched pages (75%)")
    assert {r["credit"] for r in _rows(workdir).values()} == {"TTXVN"}


def test_a_killed_run_redoes_only_what_it_had_not_finished(tmp_path, monkeypatch):
    """Killed after 2 of 4 ranges were finished: the next run extracts no page again and finishes
    the other 2 ranges only; the docs equal those of an uninterrupted run."""
    from normalize import index_cache, stage

    monkeypatch.setattr(index_cache, "RANGE_RESPONSES", 2)
    clean = _one_warc(tmp_path / "clean")
    run_extract(clean, ExtractSettings(segment=False), progress=False)
    workdir = _one_warc(tmp_path / "killed")
    (workdir.warc / "mot-tep-lon.warc.gz").write_bytes((clean.warc / "mot-tep-lon.warc.gz").read_bytes())
    real_pages, real_finish, calls = stage.pages_task, stage.finish_task, []

    def dying(*args):
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(args)
        return real_finish(*args)

    monkeypatch.setattr(stage, "finish_task", dying)
    with pytest.raises(KeyboardInterrupt):
        run_extract(workdir, ExtractSettings(segment=False), progress=False)
    assert not (workdir.docs / "mot-tep-lon.done").exists()
    calls.clear()
    monkeypatch.setattr(stage, "pages_task", lambda *a: calls.append(("pages", a)) or real_pages(*a))
    monkeypatch.setattr(stage, "finish_task", lambda *a: calls.append(("finish", a)) or real_finish(*a))
    summary = run_extract(workdir, ExtractSettings(segment=False), progress=False)
    assert [kind for kind, _ in calls] == ["finish", "finish"] and summary["rows"] == 8
    assert (workdir.docs / "mot-tep-lon.parquet").read_bytes() == (clean.docs / "mot-tep-lon.parquet").read_bytes()
    assert not list((workdir.root / "extract" / "rows").rglob("*.*"))


def test_bodies_archived_compressed_are_decoded(tmp_path):
    """The crawler archives bodies as sent: br, raw deflate and gzip all give the same row."""
    import hashlib

    workdir = prepare_workdir(tmp_path / "work")
    warcs.write_warc(workdir.warc / "demo-00000.warc.gz", [
        {"url": f"{BASE}/tin/{kind}.htm", "status": 200, "body": warcs.page("article_pii.html"), "encoding": kind}
        for kind in ("br", "deflate", "gzip")])
    run_extract(workdir, ExtractSettings(segment=False), progress=False)
    rows = list(_rows(workdir).values())
    assert len(rows) == 3 and {r["raw_sha256"] for r in rows} == {hashlib.sha256(warcs.page("article_pii.html")).hexdigest()}
    assert len({r["text"] for r in rows}) == 1 and all(r["drop_reason"] is None for r in rows)


@pytest.mark.slow
def test_ctrl_c_during_extract_with_workers_is_one_line_and_the_rerun_matches(tmp_path):
    """A terminal's Ctrl-C (SIGINT to the whole process group) mid-extract with 2 workers: exit
    130, one line and no worker tracebacks; the same command again writes the same docs bytes."""
    import os
    import signal
    import subprocess
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.workload import build_workload

    build_workload(tmp_path / "load", 400, shards=1, seed=3, shared=None)
    runs = {}
    for name in ("stopped", "straight"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "warc").symlink_to(tmp_path / "load" / "warc")
        runs[name] = [sys.executable, "-m", "vicorpus.cli", "extract", "--workdir", str(tmp_path / name),
                      "--workers", "2", "--no-progress"]
    proc = subprocess.Popen(runs["stopped"], start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    pages = tmp_path / "stopped" / "extract" / "pages"
    deadline = time.monotonic() + 120
    while not (pages.is_dir() and any(pages.rglob("*.parquet"))) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()[-2000:]
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    stderr = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr, stderr
    assert not (tmp_path / "stopped" / "docs").is_dir() or not any((tmp_path / "stopped" / "docs").glob("*.done"))
    for name in ("stopped", "straight"):
        assert subprocess.run(runs[name], capture_output=True, timeout=300).returncode == 0
    docs = {name: [p.read_bytes() for p in sorted((tmp_path / name / "docs").glob("*.parquet"))] for name in runs}
    assert docs["stopped"] == docs["straight"] and docs["straight"]


def test_arrow_skips_pandas_but_pandas_still_works_when_asked():
    """The stage spares pyarrow's look at pandas (0.2 s of import per command); a later use of
    pandas itself must still import it and convert its values as usual."""
    import subprocess

    code = (
        "import sys\n"
        "from normalize.stage_work import arrow_without_pandas\n"
        "arrow_without_pandas()\n"
        "import pyarrow as pa\n"
        "t = pa.Table.from_pylist([{'text': 'Nghị định 13/2023/NĐ-CP', 'n': 1}])\n"
        "assert 'pandas' not in sys.modules, 'pyarrow imported pandas'\n"
        "frame = t.to_pandas()\n"
        "assert frame['text'][0] == 'Nghị định 13/2023/NĐ-CP'\n"
        "import pandas as pd\n"
        "assert pa.array(pd.Series([1.5, None])).null_count == 1\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_a_run_stops_after_extract_when_a_warc_was_not_read_to_its_end(tmp_path, monkeypatch):
    """`vicorpus run` writes no release that would quietly lack a damaged WARC's pages."""
    import vicorpus.pipeline as pipeline
    from vicorpus.config import PipelineConfig, ReleaseSettings

    workdir = prepare_workdir(tmp_path / "work")
    warcs.write_warc(workdir.warc / "demo-a.warc.gz", _shard_a()[:3])
    data = warcs.write_warc(tmp_path / "full.warc.gz", _shard_b()[1:4]).read_bytes()
    (workdir.warc / "demo-b.warc.gz").write_bytes(data[: len(data) * 3 // 4])
    monkeypatch.setattr(pipeline, "crawl_stage", lambda *args, **kwargs: {})  # the WARCs are the crawl
    config = PipelineConfig(workdir=workdir.root, sources=["demo"],
                            release=ReleaseSettings(version="1.0.0", out=tmp_path / "releases"))
    result = pipeline.run_pipeline(config, progress=False, sources=[])
    assert [e["warc_file"] for e in result.extract["errors"]] == ["demo-b.warc.gz"]
    assert not result.dedup and result.release is None
    assert not (tmp_path / "releases").exists() and not workdir.dedup.exists()


def test_a_source_yaml_edited_since_the_crawl_applies_its_rules_or_is_named(tmp_path, monkeypatch):
    """An edit of what extract reads (rules, licence) applies at the next extract; an edit of
    what the crawl fetches waits for the next crawl, and the warnings say which."""
    import yaml

    from normalize.stage import _with_current_rules
    from vicorpus.config import SourceConfig

    crawled = SourceConfig(name="tinhxanh", title="Cổng tin tỉnh Xanh", start_urls=["https://tinhxanh.gov.vn/"],
                           allowed_domains=["tinhxanh.gov.vn"], licence="Ghi rõ nguồn", attribution="Nguồn: tỉnh Xanh")
    (tmp_path / "sources").mkdir()
    path = tmp_path / "sources" / "tinhxanh.yaml"
    monkeypatch.setenv("VICORPUS_CONFIGS", str(tmp_path))
    path.write_text(yaml.safe_dump(crawled.model_dump(mode="json"), allow_unicode=True), encoding="utf-8")
    assert _with_current_rules({"tinhxanh": crawled}) == ({"tinhxanh": crawled}, [])
    rules = crawled.model_dump(mode="json") | {"extract": {"lead_selector": "div.tomtat"}}
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    configs, lines = _with_current_rules({"tinhxanh": crawled})
    assert configs["tinhxanh"].extract.lead_selector == "div.tomtat"
    assert lines == [f"{path} edited since the crawl of tinhxanh: its extraction rules, licence and attribution "
                     "apply now"]
    fetched = rules | {"start_urls": ["https://tinhxanh.gov.vn/tin-tuc/"]}
    path.write_text(yaml.safe_dump(fetched, allow_unicode=True), encoding="utf-8")
    configs, lines = _with_current_rules({"tinhxanh": crawled})
    assert configs["tinhxanh"] is crawled
    assert lines == [f"{path} differs from the config tinhxanh was crawled with in what a crawl fetches; extract used "
                     "the crawled one: run `vicorpus crawl` again to apply the edit"]
