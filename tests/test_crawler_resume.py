"""Crawler durability: kill -9 and resume, incremental re-crawl, --since, WARC properties.

Real Scrapy crawls (``vicorpus crawl`` or ``run_crawl``, both run a child process)
against :mod:`tests.crawl_traps_site` servers on 127.0.0.1; the WARC files are
checked with the real ``warcio check`` / ``warcio index`` commands.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

import vicorpus
from crawler import run_crawl
from crawler.job import CrawlLimits
from vicorpus.config import load_source
from vicorpus.workdir import prepare_workdir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl_traps_site import NewsSite  # noqa: E402

pytestmark = pytest.mark.slow
WARCIO = str(Path(sys.executable).with_name("warcio"))
ENV = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1"}


def cli(*args: str, check: bool = True, **popen) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "vicorpus.cli", *args], capture_output=True,
                            text=True, timeout=300, env=ENV)
    if check:
        assert result.returncode == 0, f"{args}: {result.stderr[-3000:]}"
    return result


def sources_output(workdir: Path) -> str:
    result = cli("sources", "--workdir", str(workdir))
    return result.stdout + result.stderr  # the table goes to the console (stderr)


def warc_records(path: Path) -> list[dict]:
    """Every record of one WARC file, with its raw payload."""
    out = []
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        for record in iterator:
            out.append({
                "type": record.rec_type,
                "version": record.rec_headers.protocol,
                "uri": record.rec_headers.get_header("WARC-Target-URI"),
                "id": record.rec_headers.get_header("WARC-Record-ID"),
                "concurrent_to": record.rec_headers.get_header("WARC-Concurrent-To"),
                "payload_digest": record.rec_headers.get_header("WARC-Payload-Digest"),
                "status": int(record.http_headers.get_statuscode())
                if record.rec_type == "response" and record.http_headers else None,
                "http_line": (f"{record.http_headers.protocol} {record.http_headers.statusline}"
                              if record.http_headers else None),
                "payload": record.raw_stream.read(),
                "file": path.name,
            })
    return out


def all_records(workdir: Path) -> list[dict]:
    return [r for f in sorted((workdir / "warc").glob("*.warc.gz")) for r in warc_records(f)]


def assert_warcio_valid(files: list[Path]) -> None:
    """``warcio check`` exits 0 and ``warcio index`` lists every record of every file."""
    assert files
    check = subprocess.run([WARCIO, "check", "-v", *map(str, files)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    for path in files:
        index = subprocess.run([WARCIO, "index", str(path)], capture_output=True, text=True)
        assert index.returncode == 0, index.stderr
        lines = [json.loads(line) for line in index.stdout.splitlines() if line.strip()]
        assert len(lines) == len(warc_records(path))


def article_responses(records: list[dict], site: NewsSite) -> Counter:
    paths = {a.path for a in site.articles}
    return Counter(urlsplit(r["uri"]).path for r in records
                   if r["type"] == "response" and r["status"] == 200 and urlsplit(r["uri"]).path in paths)


def test_sigkill_then_resume_loses_nothing_and_leaves_valid_warcs(tmp_path):
    with NewsSite(60, article_delay=0.12) as site:
        config = site.write_config(tmp_path / "thu-nghiem.yaml")
        workdir = tmp_path / "work"
        cmd = [sys.executable, "-m", "vicorpus.cli", "crawl", str(config), "--workdir", str(workdir),
               "--no-progress"]
        crawl = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, env=ENV)
        deadline = time.monotonic() + 90
        while len(site.article_hits(status=200)) < 20 and time.monotonic() < deadline:
            assert crawl.poll() is None, crawl.stderr.read().decode()[-2000:]
            time.sleep(0.05)
        assert len(site.article_hits(status=200)) >= 20, "crawl too slow to reach 20 articles"
        os.killpg(crawl.pid, signal.SIGKILL)  # the CLI and its crawl child, mid-write
        crawl.wait(timeout=30)
        time.sleep(0.3)
        assert len(site.article_hits(status=200)) < 60, "crawl finished before the kill"

        left_open = sorted((workdir / "warc").glob("*.warc.gz.open"))
        assert left_open, "a killed crawl leaves its current file *.open"
        db = sqlite3.connect(str(workdir / "crawl" / "state.sqlite"))
        acknowledged = dict(db.execute(
            "SELECT url, warc_file FROM urls WHERE state='done' AND warc_file IS NOT NULL"))
        db.close()
        article_urls = {site.url(a.path) for a in site.articles}
        acked_articles = set(acknowledged) & article_urls
        assert acked_articles, "some articles were acknowledged before the kill"

        # `vicorpus sources` tells the crawl was interrupted.
        shown = sources_output(workdir)
        assert "thu-nghiem" in shown and "interrupted" in shown

        cli(*cmd[3:])  # the same command again: recovers, resumes, finishes
        recovered = json.loads((workdir / "crawl" / "report.json").read_text())["recovered_warc_files"]

    assert not list((workdir / "warc").glob("*.open")), "recovery renamed every open file"
    assert {r["file"] for r in recovered} == {p.name[: -len(".open")] for p in left_open}
    files = sorted((workdir / "warc").glob("*.warc.gz"))
    assert_warcio_valid(files)

    # No acknowledged record lost: each one is in the very file the state names.
    by_file: dict[str, set] = {}
    for path in files:
        by_file[path.name] = {r["uri"] for r in warc_records(path) if r["type"] == "response"}
    for url, warc_file in acknowledged.items():
        assert url in by_file.get(warc_file, set()), f"acknowledged {url} missing from {warc_file}"

    # The restart finished the site: every article archived, and twice only if unacknowledged.
    records = all_records(workdir)
    counts = article_responses(records, site)
    assert set(counts) == {a.path for a in site.articles}
    twice = {path for path, n in counts.items() if n > 1}
    assert not twice & {urlsplit(u).path for u in acked_articles}
    # Acknowledged articles were asked "changed since?" on the restart, not fetched again.
    assert all(n == 1 for path, n in counts.items() if site.url(path) in acked_articles)


def _crawl_until_ten_articles(site, tmp_path: Path) -> tuple[subprocess.Popen, list[str], Path]:
    """`vicorpus crawl` of ``site`` in its own session, once it has fetched 10 articles; the site
    holds the next ones until the test releases them (after its signal is sent)."""
    site.hold_after(10)
    config = site.write_config(tmp_path / "thu-nghiem.yaml")
    workdir = tmp_path / "work"
    cmd = [sys.executable, "-m", "vicorpus.cli", "crawl", str(config), "--workdir", str(workdir), "--no-progress"]
    crawl = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, env=ENV)
    deadline = time.monotonic() + 90
    while len(site.article_hits(status=200)) < 10 and time.monotonic() < deadline:
        assert crawl.poll() is None, crawl.stderr.read()[-2000:]
        time.sleep(0.05)
    return crawl, cmd, workdir


def _release_once_stopping(site, crawl: subprocess.Popen) -> str:
    """Release the site's held answers once the command says it is stopping the crawl (so the
    crawl cannot run to its end before the signal is handled); its stderr when it has exited."""
    lines: list[str] = []
    stopping = threading.Event()

    def read() -> None:
        for line in crawl.stderr:
            lines.append(line)
            if "stopping the crawl" in line:
                stopping.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    stopping.wait(timeout=60)
    site.release()
    crawl.wait(timeout=60)
    reader.join(timeout=10)
    return "".join(lines)


def test_ctrl_c_stops_the_crawl_gracefully_and_the_same_command_resumes(tmp_path):
    # A terminal's Ctrl-C: SIGINT to the whole process group (the CLI and its crawl process).
    with NewsSite(40, article_delay=0.12) as site:
        crawl, cmd, workdir = _crawl_until_ten_articles(site, tmp_path)
        os.killpg(crawl.pid, signal.SIGINT)
        stderr = _release_once_stopping(site, crawl)
        assert crawl.returncode == 130, stderr
        assert "Traceback" not in stderr and "crawl stopped:" in stderr and "resume" in stderr, stderr
        assert len(site.article_hits(status=200)) < 40, "crawl finished before the Ctrl-C"
        assert not list((workdir / "warc").glob("*.open")), "the WARC files were closed"
        assert json.loads((workdir / "crawl" / "report.json").read_text())["totals"]["archived"] >= 10
        cli(*cmd[3:])  # the same command again finishes the site
        assert set(article_responses(all_records(workdir), site)) == {a.path for a in site.articles}
    assert_warcio_valid(sorted((workdir / "warc").glob("*.warc.gz")))


def test_sigterm_to_the_command_stops_the_crawl_as_ctrl_c_does(tmp_path):
    """`timeout`, systemd and `docker stop` send SIGTERM to the command alone: the crawl closes
    its WARC files, writes its report and says how to resume, and the lock is free at once."""
    with NewsSite(40, article_delay=0.12) as site:
        crawl, cmd, workdir = _crawl_until_ten_articles(site, tmp_path)
        crawl.send_signal(signal.SIGTERM)  # the command's own process, not its group
        stderr = _release_once_stopping(site, crawl)
        assert crawl.returncode == 130, stderr
        assert "Traceback" not in stderr and "crawl stopped:" in stderr, stderr
        assert len(site.article_hits(status=200)) < 40, "crawl finished before the SIGTERM"
        assert not list((workdir / "warc").glob("*.open")), "the WARC files were closed"
        assert json.loads((workdir / "crawl" / "report.json").read_text())["totals"]["archived"] >= 10
        cli(*cmd[3:])  # the same command at once: no "in use by another crawl"
        assert set(article_responses(all_records(workdir), site)) == {a.path for a in site.articles}


def test_ctrl_c_with_its_reader_gone_still_closes_the_warc_and_writes_the_report(tmp_path):
    """`vicorpus crawl ... 2>&1 | tee log`: the same Ctrl-C kills tee, so every later message
    meets a broken pipe; the crawl must still stop cleanly."""
    with NewsSite(40, article_delay=0.12) as site:
        site.hold_after(10)
        config = site.write_config(tmp_path / "thu-nghiem.yaml")
        workdir = tmp_path / "work"
        cmd = [sys.executable, "-m", "vicorpus.cli", "crawl", str(config), "--workdir", str(workdir)]
        crawl = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 env=ENV)
        deadline = time.monotonic() + 90
        while len(site.article_hits(status=200)) < 10 and time.monotonic() < deadline:
            assert crawl.poll() is None
            time.sleep(0.05)
        crawl.stderr.close()  # the reader (tee) is gone
        os.killpg(crawl.pid, signal.SIGINT)
        time.sleep(1.0)  # (no message to wait for: the command's stderr has no reader)
        site.release()
        assert crawl.wait(timeout=60) == 130
        assert len(site.article_hits(status=200)) < 40, "crawl finished before the Ctrl-C"
    assert not list((workdir / "warc").glob("*.open")), "the WARC files were closed"
    assert json.loads((workdir / "crawl" / "report.json").read_text())["totals"]["archived"] >= 10


def test_incremental_recrawl_fetches_only_new_and_changed(tmp_path):
    with NewsSite(30) as site:
        source = load_source(site.write_config(tmp_path / "thu-nghiem.yaml"))
        workdir = prepare_workdir(tmp_path / "work")
        first = run_crawl([source], workdir, progress=False)
        assert first["totals"]["archived"] >= 30
        before = {p.name for p in workdir.warc_files()}
        mark = len(site.log)

        edited = [site.articles[4], site.articles[11]]
        for article in edited:
            site.edit(article)
        added = site.add_articles(3)
        second = run_crawl([source], workdir, progress=False)
        log = site.requests(mark)
        after_second = {p.name for p in workdir.warc_files()}
        third = run_crawl([source], workdir, progress=False)  # nothing new on the site
        # a crawl that archived nothing leaves no WARC file behind (it would wait for an extract)
        assert third["totals"]["archived"] == 0 and {p.name for p in workdir.warc_files()} == after_second
        assert not list(workdir.warc.glob("*.open"))

    changed = {a.path for a in edited} | {a.path for a in added}
    old = {a.path for a in site.articles} - {a.path for a in added}
    article_log = [e for e in log if e.path in old | {a.path for a in added}]
    # Every known article is asked conditionally, once; the unchanged answer 304.
    assert sorted(e.path for e in article_log if e.path in old) == sorted(old)
    assert all(e.if_none_match and e.if_modified_since for e in article_log if e.path in old)
    assert not any(e.if_none_match for e in article_log if e.path not in old)
    assert {e.path for e in article_log if e.status == 200} == changed
    assert {e.path for e in article_log if e.status == 304} == old - changed
    assert second["totals"]["not_modified"] == len(old - changed)

    new_files = [p for p in workdir.warc_files() if p.name not in before]
    records = [r for f in new_files for r in warc_records(f)]
    assert set(article_responses(records, site)) == changed
    # What was archived is the new text.
    for article in edited:
        payload = next(r["payload"] for r in records if r["type"] == "response"
                       and urlsplit(r["uri"]).path == article.path)
        assert payload == article.html and "Cập nhật lần 1".encode() in payload
    assert_warcio_valid(workdir.warc_files())


def test_since_skips_old_sitemap_and_feed_items_without_requesting_them(tmp_path):
    with NewsSite(40, first_day=__import__("datetime").date(2025, 12, 10)) as site:
        site.feed_articles = lambda: site.newest_first()[:25]  # the feed reaches back into 2025
        config = site.write_config(tmp_path / "thu-nghiem.yaml",
                                   deny_url_patterns=["/chuyen-muc/"])  # sitemap + feed only
        workdir = tmp_path / "work"
        cli("crawl", str(config), "--workdir", str(workdir), "--since", "2026-01-01", "--no-progress")
        hits = set(site.article_hits())

    new = {a.path for a in site.articles if a.last_modified.date() >= __import__("datetime").date(2026, 1, 1)}
    old = {a.path for a in site.articles} - new
    assert len(new) == 18 and len(old) == 22
    assert hits == new, f"old requested: {sorted(hits & old)[:3]}, new missed: {sorted(new - hits)[:3]}"
    report = json.loads((workdir / "crawl" / "report.json").read_text())
    n_old_items = len(old) + sum(1 for a in site.newest_first()[:25] if a.path in old)
    assert report["totals"]["not_fetched_by_reason"]["excluded:before_since"] == n_old_items


def test_warc_records_digests_warcinfo_and_rotation(tmp_path):
    with NewsSite(40) as site:
        source = load_source(site.write_config(tmp_path / "thu-nghiem.yaml"))
        workdir = prepare_workdir(tmp_path / "work")
        run_crawl([source], workdir, progress=False, limits=CrawlLimits(max_file_bytes=20_000))
        bodies = {site.url(a.path): a.html for a in site.articles}

    files = workdir.warc_files()
    assert len(files) >= 4, "a 20 KB rotation size splits the crawl into several files"
    assert_warcio_valid(files)
    for path in files[:-1]:
        assert path.stat().st_size >= 20_000
    seen_responses = 0
    for path in files:
        raw = path.read_bytes()
        records = warc_records(path)
        # gzip: one member per record, so each record can be read on its own from its offset.
        assert raw[:2] == b"\x1f\x8b" and count_gzip_members(raw) == len(records)
        assert all(r["version"] == "WARC/1.1" for r in records)
        info = records[0]
        assert info["type"] == "warcinfo"
        fields = dict(line.split(": ", 1) for line in info["payload"].decode().splitlines() if ": " in line)
        assert fields["software"].startswith(f"vicorpus/{vicorpus.__version__}")
        assert fields["vicorpus-config-sha256"] == source.sha256()
        assert sum(r["type"] == "warcinfo" for r in records) == 1
        by_id = {r["id"]: r for r in records}
        for record in records:
            if record["type"] == "response":
                seen_responses += 1
                digest = "sha1:" + base64.b32encode(hashlib.sha1(record["payload"]).digest()).decode()
                assert record["payload_digest"] == digest
                if record["uri"] in bodies:
                    assert record["payload"] == bodies[record["uri"]]
            if record["type"] == "request":
                pair = by_id[record["concurrent_to"]]
                assert pair["type"] == "response" and pair["uri"] == record["uri"]
                assert record["http_line"].startswith("GET /")
        responses = [r for r in records if r["type"] == "response"]
        requests = {r["concurrent_to"] for r in records if r["type"] == "request"}
        assert {r["id"] for r in responses} == requests, "every response has its request"
    assert seen_responses >= 40


def count_gzip_members(raw: bytes) -> int:
    import zlib

    members, data = 0, raw
    while data:
        inflater = zlib.decompressobj(31)
        inflater.decompress(data)
        assert inflater.eof
        members += 1
        data = inflater.unused_data
    return members


def test_sources_shows_last_crawl_status(tmp_path):
    with NewsSite(8) as site:
        config = site.write_config(tmp_path / "thu-nghiem.yaml")
        workdir = tmp_path / "work"
        never = sources_output(workdir)
        assert "thu-nghiem" not in never and "baochinhphu" in never
        cli("crawl", str(config), "--workdir", str(workdir), "--no-progress")
    report = json.loads((workdir / "crawl" / "report.json").read_text())
    fetched = report["sources"]["thu-nghiem"]["fetched"]
    shown = sources_output(workdir)
    line = next(line for line in shown.splitlines() if "thu-nghiem" in line)
    assert f"{fetched} fetched" in line and "0 errors" in line and "finished" in line
    assert report["finished_at"][:10] in line


def test_recovery_drops_a_torn_tail_and_keeps_every_complete_record(tmp_path):
    """What SIGKILL mid-write can leave: a half-written gzip member after complete ones."""
    from datetime import datetime, timezone

    from crawler.warc import WarcWriter, recover_open_files
    from vicorpus.config import SourceConfig

    source = SourceConfig(name="thu-nghiem", title="Thử nghiệm", start_urls=["http://127.0.0.1/"],
                          allowed_domains=["127.0.0.1"], licence="Ghi rõ nguồn",
                          attribution="Nguồn: thử nghiệm")
    writer = WarcWriter(tmp_path, source)
    bodies = [f"<p>Bài số {i}: Chính phủ ban hành nghị định mới.</p>".encode() * 50 for i in range(5)]
    for i, body in enumerate(bodies):
        writer.write_exchange(url=f"http://127.0.0.1/tin-tuc/bai-{i}.htm", fetched_at=datetime.now(timezone.utc),
                              method="GET", request_headers=[], status=200,
                              response_headers=[("Content-Type", "text/html; charset=utf-8")], body=body)
    open_path = tmp_path / (writer.current_file + ".open")
    complete = open_path.stat().st_size
    torn = tmp_path / "torn"
    extra = WarcWriter(torn, source)
    extra.write_exchange(url="http://127.0.0.1/tin-tuc/bai-cuoi.htm", fetched_at=datetime.now(timezone.utc),
                         method="GET", request_headers=[], status=200, response_headers=[], body=bodies[0])
    tail = (torn / (extra.current_file + ".open")).read_bytes()
    with open(open_path, "ab") as fh:  # the kill came in the middle of the next record
        fh.write(tail[len(tail) // 2: len(tail) // 2 + 700])
    writer._fh.close()

    repaired = recover_open_files(tmp_path)
    assert repaired == [{"file": writer.current_file, "kept_bytes": complete, "dropped_bytes": 700}]
    final = tmp_path / writer.current_file
    assert final.exists() and not open_path.exists()
    assert_warcio_valid([final])
    payloads = [r["payload"] for r in warc_records(final) if r["type"] == "response"]
    assert payloads == bodies
