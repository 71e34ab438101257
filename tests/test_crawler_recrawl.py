"""Resume and incremental re-crawl of a source WITHOUT ``article_url_pattern``.

The site (tests/crawl_gov_site.py) is a province portal whose article URLs carry no id:
nothing tells the crawler which page is an article, so whatever holds here holds because
of validators, content hashes and the archived copies, not because of a URL habit.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from crawler import run_crawl
from crawler.job import CrawlLimits
from vicorpus.config import load_source
from vicorpus.workdir import prepare_workdir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl_gov_site import GovSite  # noqa: E402

pytestmark = pytest.mark.slow
WARCIO = str(Path(sys.executable).with_name("warcio"))
ENV = {**os.environ, "NO_COLOR": "1"}
NO_VALIDATORS = {"/", "/lien-he.html"}  # the site's pages that send neither ETag nor Last-Modified


def _cmd(config: Path, workdir: Path) -> list[str]:
    return [sys.executable, "-m", "vicorpus.cli", "crawl", str(config), "--workdir", str(workdir), "--no-progress"]


def _archived_in_state(workdir: Path) -> dict[str, str]:
    db = sqlite3.connect(str(workdir / "crawl" / "state.sqlite"))
    try:
        return dict(db.execute("SELECT url, warc_file FROM urls WHERE state='done' AND warc_file IS NOT NULL"))
    finally:
        db.close()


def test_killed_crawl_resumes_from_its_archive_without_refetching(tmp_path):
    with GovSite(article_delay=0.15) as site:
        config = site.write_config(tmp_path / "cong-tinh.yaml")
        workdir = tmp_path / "work"
        crawl = subprocess.Popen(_cmd(config, workdir), start_new_session=True, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, env=ENV)
        deadline = time.monotonic() + 60
        while len(site.article_hits(status=200)) < 8 and time.monotonic() < deadline:
            assert crawl.poll() is None, crawl.stderr.read().decode()[-2000:]
            time.sleep(0.02)
        os.killpg(crawl.pid, signal.SIGKILL)  # the CLI and its crawl child, mid-crawl
        crawl.wait(timeout=30)
        time.sleep(0.2)
        assert len(site.article_hits(status=200)) < len(site.articles), "the crawl finished before the kill"
        archived_before = _archived_in_state(workdir)
        mark = len(site.hits())

        rerun = subprocess.run(_cmd(config, workdir), capture_output=True, text=True, timeout=120, env=ENV)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        after = site.hits()[mark:]

    counts = Counter(h.path for h in site.article_hits(status=200))
    assert set(counts) == {a.path for a in site.articles}, "the resumed run finished the site"
    twice = sorted(p for p, n in counts.items() if n > 1)
    assert len(twice) <= 3, twice
    # Nothing the killed run had archived was asked again, not even "changed since?":
    # its links came from the archived copy.
    asked_again = {site.url(h.target) for h in after} & set(archived_before)
    assert asked_again == set(), sorted(asked_again)[:5]
    assert not [h for h in after if "If-None-Match" in h.headers or "If-Modified-Since" in h.headers]
    import json

    report = json.loads((workdir / "crawl" / "report.json").read_text(encoding="utf-8"))
    snap = report["sources"]["cong-tinh"]
    assert snap["resumed"] >= len(archived_before) - 2
    assert snap["round"] == 1 and snap["round_continued"] and snap["round_finished"]
    assert snap["new"] == snap["archived"] and snap["not_modified"] == 0
    files = sorted((workdir / "warc").glob("*.warc.gz"))
    check = subprocess.run([WARCIO, "check", *map(str, files)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-2000:]


def test_children_stop_when_the_crawl_command_is_killed_alone(tmp_path):
    """kill -9 of `vicorpus crawl` only (not its process group): its crawl children notice,
    stop as on Ctrl-C (WARC closed, no .open file left) and free the workdir for the resume."""
    with GovSite(article_delay=0.15) as site:
        config = site.write_config(tmp_path / "cong-tinh.yaml")
        workdir = tmp_path / "work"
        crawl = subprocess.Popen(_cmd(config, workdir), start_new_session=True, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=ENV)
        deadline = time.monotonic() + 60
        while len(site.article_hits(status=200)) < 4 and time.monotonic() < deadline:
            assert crawl.poll() is None
            time.sleep(0.02)
        os.kill(crawl.pid, signal.SIGKILL)  # the CLI alone; its children are orphaned
        crawl.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _group_alive(crawl.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _group_alive(crawl.pid), "crawl children went on after their parent was killed"
        assert len(site.article_hits(status=200)) < len(site.articles), "the crawl finished before the kill"
        assert not list((workdir / "warc").glob("*.open")), "the children closed their WARC files"
        rerun = subprocess.run(_cmd(config, workdir), capture_output=True, text=True, timeout=120, env=ENV)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
    counts = Counter(h.path for h in site.article_hits(status=200))
    assert set(counts) == {a.path for a in site.articles}


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_recrawl_asks_every_page_conditionally_and_finds_what_is_new(tmp_path):
    with GovSite() as site:
        source = load_source(site.write_config(tmp_path / "cong-tinh.yaml"))
        workdir = prepare_workdir(tmp_path / "work")
        # Listed on an unchanged listing page, not published yet at the first crawl (404).
        late = site.in_category("chinh-sach")[1]
        site.withheld.add(late.path)
        first = run_crawl([source], workdir, progress=False, limits=CrawlLimits(max_time=60))
        assert first["totals"]["new"] == first["totals"]["archived"] >= len(site.articles)

        # 1. The site has not changed: validators everywhere, no article body comes back.
        mark = len(site.hits())
        second = run_crawl([source], workdir, progress=False, limits=CrawlLimits(max_time=60))
        log = site.hits()[mark:]
        bodies = [h.path for h in log if site.is_article(h.path) and h.status == 200]
        assert len(bodies) <= 2, bodies
        with_validators = [h for h in log if h.path not in NO_VALIDATORS and h.status != 404
                           and h.path != "/robots.txt"]
        assert with_validators and all(h.headers.get("If-None-Match") and h.headers.get("If-Modified-Since")
                                       for h in with_validators)
        assert {h.status for h in with_validators} == {304}
        assert {h.target for h in with_validators} >= set(site.listing_urls())  # listings included
        totals = second["totals"]
        assert totals["not_modified"] == len(with_validators)
        assert totals["new"] == totals["changed"] == totals["archived"] == 0
        assert totals["unchanged"] >= len(NO_VALIDATORS)  # compared by content hash, not archived again
        assert second["sources"]["cong-tinh"]["round"] == 2

        # 2. A new article, reached through unchanged pages (home, the hub: 304) and its changed
        #    listing; and the late article, linked only from an unchanged listing page (304).
        new = site.publish("dia-phuong")
        site.withheld.clear()
        mark = len(site.hits())
        third = run_crawl([source], workdir, progress=False, limits=CrawlLimits(max_time=60))
        log = site.hits()[mark:]

    status = {h.target: h.status for h in log}
    assert status[new.path] == 200 and status[late.path] == 200
    assert status["/tin-tuc.html"] == 304 and status["/tin-tuc/chinh-sach.html"] == 304
    assert status["/tin-tuc/dia-phuong.html"] == 200
    assert {h.path for h in log if site.is_article(h.path) and h.status == 200} == {new.path, late.path}
    assert third["totals"]["new"] == 2, third["totals"]
    archived = {u.split("/", 3)[3] for u in _archived_in_state(workdir.root)}
    assert {new.path[1:], late.path[1:]} <= archived


def test_spiders_opening_one_new_state_file_at_once_all_get_it(tmp_path):
    """Several spiders of one crawl open a new crawl/state.sqlite at the same moment; switching
    it to WAL does not wait on SQLite's busy timeout, so it must not fail a source."""
    import threading

    from crawler.state import CrawlState

    errors = []

    def open_state(path, name):
        try:
            state = CrawlState(path)
            state.open_round(name)
            state.close()
        except Exception as err:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(err))

    for attempt in range(150):
        path = tmp_path / f"{attempt}" / "state.sqlite"
        threads = [threading.Thread(target=open_state, args=(path, name)) for name in "abcd"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
