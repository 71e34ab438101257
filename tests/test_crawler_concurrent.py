"""Many sources in one crawl: at the same time, each host still paced, one failure isolated.

Three sites on three loopback addresses (127.0.0.1, .2, .3), one source each, crawled by
one real `vicorpus crawl` command. How much faster than one after another is measured in
bench/crawl_bench.py; here the server logs show that the sources overlapped while each
host saw no more than its Crawl-delay.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from crawler import run_crawl
from crawler.job import CrawlLimits

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl_site import CrawlSite, article_page, html_reply, listing_page, robots  # noqa: E402

from vicorpus.config import SourceConfig  # noqa: E402
from vicorpus.workdir import Workdir  # noqa: E402

pytestmark = pytest.mark.slow
EPS = 0.05
HOSTS = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
TOPICS = ["Hà Nội khởi công tuyến đường vành đai", "Đà Nẵng đón khách du lịch quốc tế",
          "Cần Thơ phát triển vùng lúa chất lượng cao"]


def _site(host: str, topic: str, n: int, *, crawl_delay: float | None = 1.0, delay: float = 0.0) -> CrawlSite:
    site = CrawlSite(host=host)
    pages = [f"/tin/bai-{i}.htm" for i in range(n)]
    site.route("/robots.txt", robots("User-agent: *\n" + (f"Crawl-delay: {crawl_delay:g}\n" if crawl_delay else "")))
    site.route("/", listing_page(f"Tin {topic}", pages))
    for i, path in enumerate(pages):
        site.route(path, html_reply(article_page(f"{topic} (bài {i + 1})"), delay=delay))
    site.start()
    return site


def _config(tmp_path: Path, name: str, site: CrawlSite) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump({
        "name": name, "title": f"Cổng thông tin {name}", "start_urls": [site.base + "/"],
        "allowed_domains": [site.host], "licence": "Ghi rõ nguồn khi phát hành lại",
        "attribution": f"Nguồn: {name}", "allow_private_network": True}, allow_unicode=True), encoding="utf-8")
    return path


def _crawl_cmd(configs: list[Path], workdir: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "vicorpus.cli", "crawl", *map(str, configs), "--workdir", str(workdir),
            "--no-progress", *extra]


def test_sources_crawl_at_once_and_each_host_keeps_its_crawl_delay(tmp_path):
    sites = [_site(host, topic, 4) for host, topic in zip(HOSTS, TOPICS)]
    try:
        configs = [_config(tmp_path, f"tinh-{k}", site) for k, site in enumerate(sites)]
        result = subprocess.run(_crawl_cmd(configs, tmp_path / "work"), capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
    finally:
        for site in sites:
            site.stop()
    report = json.loads((tmp_path / "work" / "crawl" / "report.json").read_text(encoding="utf-8"))
    for k, site in enumerate(sites):
        snap = report["sources"][f"tinh-{k}"]
        assert snap["archived"] == 5 and snap["crawl_delay"] == {site.host: 1.0}
        pages = sorted(h.started for h in site.hits() if h.path != "/robots.txt")
        assert len(pages) == 5
        assert min(b - a for a, b in zip(pages, pages[1:])) >= 1.0 - EPS, site.host  # its delay, no less
    # They ran at the same time: every site was being crawled while each of the others was.
    spans = [(min(h.started for h in s.hits()), max(h.ended for h in s.hits())) for s in sites]
    assert max(start for start, _ in spans) < min(end for _, end in spans), spans


def test_requests_in_flight_stay_under_the_crawl_wide_cap(tmp_path):
    sites = [_site(host, topic, 6, crawl_delay=None, delay=0.3) for host, topic in zip(HOSTS, TOPICS)]
    try:
        sources = [SourceConfig(name=f"tinh-{k}", title="Tỉnh", start_urls=[s.base + "/"], allowed_domains=[s.host],
                                licence="Ghi rõ nguồn", attribution="Nguồn", allow_private_network=True)
                   for k, s in enumerate(sites)]
        report = run_crawl(sources, Workdir(tmp_path / "work"), progress=False,
                           limits=CrawlLimits(max_time=60, max_requests=2, max_processes=1))
    finally:
        for site in sites:
            site.stop()
    assert report["totals"]["archived"] == 21 and report["processes"] == 1
    # A request is in flight from its arrival to its answer, less EPS: the server notes the end only
    # after the client may already have its answer and sent the next request.
    events = sorted([(h.started, 1) for s in sites for h in s.hits()]
                    + [(h.ended - EPS, -1) for s in sites for h in s.hits()])
    in_flight, most = 0, 0
    for _, step in events:
        in_flight += step
        most = max(most, in_flight)
    assert most == 2  # the cap, and reached: it is what bounds the crawl


def _children_of(job: Path) -> dict[int, int]:
    """pid of each crawl child of ``job`` by its group index (read from /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(job).encode() in argv:
            found[int(argv[argv.index(str(job).encode()) + 1])] = int(entry.name)
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="finds the crawl children through /proc")
def test_a_failing_source_is_reported_and_the_others_finish(tmp_path):
    """One crawl process dies (as under the OOM killer): its source is reported failed, exit 1,
    one line; the sources of the other process finish their sites."""
    sites = [_site(host, topic, 6, crawl_delay=None, delay=0.4 if k == 1 else 0.05)
             for k, (host, topic) in enumerate(zip(HOSTS, TOPICS))]
    workdir = tmp_path / "work"
    try:
        configs = [_config(tmp_path, f"tinh-{k}", site) for k, site in enumerate(sites)]
        crawl = subprocess.Popen(_crawl_cmd(configs, workdir, "--processes", "2"), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        victim = None
        while victim is None and time.monotonic() < deadline and crawl.poll() is None:
            for job in (workdir / "crawl").glob("job-*.json"):
                groups = json.loads(job.read_text(encoding="utf-8"))["groups"]
                group = next(k for k, g in enumerate(groups) if 1 in g)
                assert groups[group] == [1], groups  # tinh-1 runs alone in its process
                if sites[1].count("/") and group in _children_of(job):
                    victim = _children_of(job)[group]
            time.sleep(0.05)
        assert victim is not None, "tinh-1's crawl process was not seen running"
        os.kill(victim, signal.SIGKILL)
        _, err = crawl.communicate(timeout=120)
    finally:
        for site in sites:
            site.stop()
    assert crawl.returncode == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vicorpus: failed: "), err
    assert "1 of 3 sources failed (tinh-1: crawl process died" in lines[0]
    report = json.loads((workdir / "crawl" / "report.json").read_text(encoding="utf-8"))
    assert list(report["failed"]) == ["tinh-1"]
    for k in (0, 2):
        assert report["sources"][f"tinh-{k}"]["archived"] == 7  # the others finished their sites


def test_one_crawl_per_workdir_and_a_dead_crawls_lock_does_not_block(tmp_path):
    import threading

    site = _site("127.0.0.1", TOPICS[0], 4, crawl_delay=None)
    held = threading.Event()  # the articles wait for it: the first crawl is busy until released
    page = site.routes["/tin/bai-0.htm"]
    for k in range(4):
        site.route(f"/tin/bai-{k}.htm", lambda hit, n: (held.wait(60), page)[1])
    workdir = tmp_path / "work"
    try:
        config = _config(tmp_path, "tinh-0", site)
        first = subprocess.Popen(_crawl_cmd([config], workdir), start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not any(p.startswith("/tin/") for p in site.paths()) and time.monotonic() < deadline:
            time.sleep(0.05)
        second = subprocess.run(_crawl_cmd([config], workdir), capture_output=True, text=True, timeout=60)
        assert first.poll() is None, "the first crawl ended before the second was tried"
        os.killpg(first.pid, signal.SIGKILL)  # leaves its lock file and an open WARC file behind
        first.wait(timeout=30)
        held.set()
        assert list((workdir / "warc").glob("*.warc.gz.open"))
        third = subprocess.run(_crawl_cmd([config], workdir), capture_output=True, text=True, timeout=120)
    finally:
        held.set()
        site.stop()
    assert second.returncode == 2, second.stderr
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vicorpus: error: workdir ") \
        and f"in use by another crawl (pid {first.pid}" in lines[0], second.stderr
    assert third.returncode == 0, third.stderr[-2000:]
    report = json.loads((workdir / "crawl" / "report.json").read_text(encoding="utf-8"))
    assert report["recovered_warc_files"] and not list((workdir / "warc").glob("*.open"))
    assert report["sources"]["tinh-0"]["round_finished"]


def test_recovery_leaves_the_file_of_a_live_writer_alone(tmp_path):
    from datetime import datetime, timezone

    from crawler.warc import WarcWriter, recover_open_files

    source = SourceConfig(name="tinh-0", title="Tỉnh", start_urls=["http://127.0.0.1/"],
                          allowed_domains=["127.0.0.1"], licence="Ghi rõ nguồn", attribution="Nguồn")
    writer = WarcWriter(tmp_path, source)
    writer.write_exchange(url="http://127.0.0.1/tin/bai-1.htm", fetched_at=datetime.now(timezone.utc),
                          method="GET", request_headers=[], status=200, response_headers=[],
                          body="<p>Ủy ban nhân dân tỉnh họp phiên thường kỳ.</p>".encode())
    live = tmp_path / (writer.current_file + ".open")
    size = live.stat().st_size
    assert recover_open_files(tmp_path) == []  # its writer holds it
    assert live.exists() and live.stat().st_size == size
    writer.close()
    assert (tmp_path / writer.current_file).exists() and recover_open_files(tmp_path) == []
