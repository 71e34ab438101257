"""Two crawler processes on one Redis frontier fetch each URL once and together finish the site.

A real redis-server is started for the module (no mock); the site is served in
this process with a request log, the crawlers are real `vicorpus crawl`
subprocesses with separate workdirs.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator

from crawler.redis_frontier import FrontierSpec
from vicorpus.errors import UsageError
from vicorpus.localserver import Hit, LocalServer, Reply

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server not installed (.ci/run installs Debian redis-server)")

PROVINCES = ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Quảng Ninh", "Nghệ An", "Thừa Thiên Huế",
             "Khánh Hòa", "Lâm Đồng", "Đồng Nai"]
TOPICS = [
    ("day-manh-giai-ngan-von-dau-tu-cong", "đẩy mạnh giải ngân vốn đầu tư công",
     "Ủy ban nhân dân tỉnh yêu cầu các chủ đầu tư khẩn trương hoàn thiện hồ sơ thanh toán, "
     "phấn đấu giải ngân trên 95% kế hoạch vốn được giao trước ngày 31 tháng 12."),
    ("trien-khai-chuyen-doi-so-cap-xa", "triển khai chuyển đổi số cấp xã",
     "Mỗi xã, phường được bố trí ít nhất hai cán bộ phụ trách chuyển đổi số; 100% hồ sơ thủ tục "
     "hành chính được tiếp nhận và trả kết quả trên Cổng dịch vụ công quốc gia."),
    ("ho-tro-nguoi-dan-vung-thien-tai", "hỗ trợ người dân vùng thiên tai",
     "Ban Chỉ huy phòng, chống thiên tai đã cấp phát gạo, nước sạch và thuốc men cho các hộ gia "
     "đình bị ảnh hưởng, đồng thời khẩn trương sửa chữa trường học, trạm y tế bị hư hỏng."),
    ("nang-cao-chat-luong-kham-chua-benh", "nâng cao chất lượng khám chữa bệnh tuyến cơ sở",
     "Sở Y tế phối hợp với các bệnh viện tuyến trung ương chuyển giao kỹ thuật, đào tạo bác sĩ "
     "trẻ và mở rộng khám chữa bệnh bảo hiểm y tế tại trạm y tế xã."),
]
ARTICLES = [f"/{slug}-{p_i:02d}-1022601{p_i:02d}0800{t_i:02d}{p_i:03d}.htm"
            for t_i, (slug, _, _) in enumerate(TOPICS) for p_i in range(len(PROVINCES))]
PER_LISTING = 5
MOVED = "/tin-cu/bai-chuyen-trang.htm"   # 301 to an article the crawl also finds directly
FLAKY = "/thong-bao/lich-tiep-cong-dan.htm"  # 503 on the first try, then the page


def _article_html(path: str) -> str:
    t_i = next(i for i, (slug, _, _) in enumerate(TOPICS) if path.startswith(f"/{slug}-"))
    p_i = int(path[len(TOPICS[t_i][0]) + 2:][:2])
    _, title, body = TOPICS[t_i]
    province = PROVINCES[p_i]
    return (f"<html lang='vi'><head><meta charset='utf-8'><title>{province} {title}</title></head><body>"
            f"<h1>{province} {title}</h1><p>Sáng nay, lãnh đạo tỉnh {province} đã chủ trì hội nghị "
            f"về {title}. {body}</p><p>Phát biểu kết luận, đồng chí Chủ tịch Ủy ban nhân dân tỉnh đề nghị "
            f"các sở, ngành và địa phương nêu cao tinh thần trách nhiệm, báo cáo kết quả định kỳ hằng tháng.</p>"
            f"<a href='/'>Trang chủ</a> <a href='/tin-moi/trang-1.htm'>Tin mới</a></body></html>")


def _listing_html(page: int, pages: int) -> str:
    links = "".join(f"<li><a href='{a}'>Bài {a}</a></li>"
                    for a in ARTICLES[(page - 1) * PER_LISTING:page * PER_LISTING])
    nav = f"<a href='/tin-moi/trang-{page + 1}.htm'>Trang sau</a>" if page < pages else ""
    return (f"<html lang='vi'><head><meta charset='utf-8'><title>Tin mới - trang {page}</title></head>"
            f"<body><h1>Tin mới</h1><ul>{links}</ul>{nav}<a href='/noi-bo/bao-cao.htm'>Nội bộ</a>"
            f"<a href='{MOVED}'>Bài cũ</a><a href='{FLAKY}'>Thông báo</a>"
            f"</body></html>")


class LoggedSite(LocalServer):
    """The test site: home, 8 listing pages (5 articles each), 40 articles, a sitemap, robots.txt.

    Every request is logged (``paths()``). Answers wait for ``gate`` (opened once both crawlers
    are up, so a slow start of one cannot let the other finish alone) and are slowed a little so
    they overlap.
    """

    def __init__(self, delay: float = 0.2):
        super().__init__()
        self.lock = threading.Lock()
        self.delay = delay
        self.gate = threading.Event()
        self.stall: set[str] = set()      # paths held until ``release`` (a page "in flight")
        self.release = threading.Event()
        self.failed_once: set[str] = set()
        self.redirects = {MOVED: ARTICLES[1]}  # path -> where its 301 points
        self.extra: dict[str, str] = {}        # more pages (path -> HTML), linked from nowhere
        self.pages = len(ARTICLES) // PER_LISTING

    def app(self, hit: Hit) -> Reply:
        self.gate.wait(15)
        if hit.path in self.stall:
            self.release.wait(30)
        time.sleep(self.delay)
        status, ctype, body = self.answer(hit.path)
        headers = {"Content-Type": ctype}
        if status == 301:
            headers["Location"] = self.base + self.redirects[hit.path]
        return Reply(status=status, body=body, headers=headers)

    def answer(self, path: str) -> tuple[int, str, str]:
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return 200, "text/plain", "User-agent: *\nDisallow: /noi-bo/\n"
        if path == "/":
            return 200, html, ("<html lang='vi'><body><h1>Cổng thông tin điện tử tỉnh</h1>"
                               "<a href='/tin-moi/trang-1.htm'>Tin mới</a></body></html>")
        if path == "/sitemap.xml":  # the newest half of the articles, as a real site often does
            urls = "".join(f"<url><loc>{self.base}{a}</loc></url>" for a in ARTICLES[::2])
            return 200, "application/xml", (
                f"<?xml version='1.0' encoding='UTF-8'?><urlset "
                f"xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>")
        if path.startswith("/tin-moi/trang-"):
            page = int(path.rsplit("-", 1)[1].split(".")[0])
            if 1 <= page <= self.pages:
                return 200, html, _listing_html(page, self.pages)
        if path in ARTICLES:
            return 200, html, _article_html(path)
        if path in self.redirects:
            return 301, html, ""
        if path in self.extra:
            return 200, html, self.extra[path]
        if path == FLAKY:
            with self.lock:
                first = path not in self.failed_once
                self.failed_once.add(path)
            if first:
                return 503, html, "<html><body>Hệ thống đang bảo trì</body></html>"
            return 200, html, ("<html lang='vi'><body><h1>Lịch tiếp công dân tháng 1</h1><p>Chủ tịch "
                               "Ủy ban nhân dân tỉnh tiếp công dân định kỳ vào ngày 15 hằng tháng.</p>"
                               "</body></html>")
        return 404, html, "<html><body>Không tìm thấy trang</body></html>"

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory):
    import redis

    port = _free_port()
    proc = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--save", "", "--appendonly", "no",
                             "--bind", "127.0.0.1", "--dir", str(tmp_path_factory.mktemp("redis"))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"redis-server did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.05)
    yield port
    client.close()
    proc.terminate()
    proc.wait(timeout=10)


def _source_yaml(tmp_path: Path, base: str) -> Path:
    path = tmp_path / "tinh-mau.yaml"
    path.write_text(yaml.safe_dump({
        "name": "tinh-mau", "title": "Cổng thông tin điện tử tỉnh (mẫu)",
        "start_urls": [f"{base}/"], "sitemaps": [f"{base}/sitemap.xml"],
        "allowed_domains": ["127.0.0.1"], "article_url_pattern": r"-\d{18}\.htm$",
        "licence": "Ghi rõ nguồn khi phát hành lại", "attribution": "Nguồn: Cổng thông tin tỉnh (mẫu)",
        "allow_private_network": True,
    }, allow_unicode=True), encoding="utf-8")
    return path


def _crawl_cmd(source: Path, workdir: Path, frontier: str) -> list[str]:
    return [sys.executable, "-m", "vicorpus.cli", "crawl", str(source), "--workdir", str(workdir),
            "--frontier", frontier, "--no-progress"]


def _warc_responses(workdir: Path) -> list[str]:
    paths = []
    for warc in sorted((workdir / "warc").glob("*.warc.gz")):
        with warc.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    paths.append(urlsplit(record.rec_headers.get_header("WARC-Target-URI")).path)
    return paths


def test_two_processes_share_one_frontier(tmp_path, redis_port):
    import redis

    crawl_id = f"t{uuid.uuid4().hex[:8]}"
    frontier = f"redis://127.0.0.1:{redis_port}/0?crawl={crawl_id}&idle=2"
    with LoggedSite() as site:
        source = _source_yaml(tmp_path, site.base)
        workdirs = [tmp_path / "w1", tmp_path / "w2"]
        started = time.monotonic()
        procs = [subprocess.Popen(_crawl_cmd(source, w, frontier), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for w in workdirs]
        live = [w / "crawl" / "runs" / "tinh-mau.json" for w in workdirs]
        while not all(p.exists() for p in live) and time.monotonic() - started < 30 \
                and all(proc.poll() is None for proc in procs):
            time.sleep(0.1)
        site.gate.set()
        outputs = []
        for proc in procs:
            try:
                outputs.append(proc.communicate(timeout=60))
            except subprocess.TimeoutExpired:
                for p in procs:
                    p.kill()
                pytest.fail("a crawler on the shared frontier did not stop within 60 s")
        elapsed = time.monotonic() - started
        log = list(site.paths())
    for proc, (_, err) in zip(procs, outputs):
        assert proc.returncode == 0, err[-2000:]
    assert elapsed < 60

    requested = Counter(log)
    # Each URL once across both processes (robots.txt is per process: each obeys it itself).
    for article in ARTICLES:
        assert requested[article] == 1, (article, requested[article])
    dupes = {p: n for p, n in requested.items() if n > 1 and p not in ("/robots.txt", FLAKY)}
    assert not dupes, dupes
    assert requested[FLAKY] == 2 and requested[MOVED] == 1  # retried once; redirect target not refetched
    assert requested["/"] == 1 and requested["/sitemap.xml"] == 1  # seeded once
    assert all(f"/tin-moi/trang-{i}.htm" in requested for i in range(1, site.pages + 1))
    assert "/noi-bo/bao-cao.htm" not in requested  # robots.txt still applies in each process

    archived = [_warc_responses(w) for w in workdirs]
    assert all(archived), f"one process fetched nothing: {[len(a) for a in archived]}"
    assert set(ARTICLES) | {FLAKY} <= set(archived[0]) | set(archived[1])
    assert not set(archived[0]) & set(archived[1])  # nothing archived twice
    # Their WARC files can be put in one warc/ directory: no two have the same name.
    # (even when both start in the same second: the names differ beside their time stamp)
    names = [{re.sub(r"-\d{14}-", "-", p.name) for p in (w / "warc").glob("*.warc.gz")} for w in workdirs]
    assert names[0] and names[1] and not names[0] & names[1], names

    reports = [json.loads((w / "crawl" / "report.json").read_text(encoding="utf-8")) for w in workdirs]
    shown = f"redis://127.0.0.1:{redis_port}/0?crawl={crawl_id}"
    for report, pages in zip(reports, archived):
        assert report["frontier"] == {"url": shown, "crawl_id": crawl_id}
        per_source = report["sources"]["tinh-mau"]
        assert per_source["frontier"]["finished"] is True
        assert per_source["archived"] == len(pages)
    assert sorted(r["sources"]["tinh-mau"]["frontier"]["seeded"] for r in reports) == [False, True]

    # A clean finish leaves nothing behind: the same crawl id may start afresh.
    client = redis.Redis(host="127.0.0.1", port=redis_port)
    assert list(client.scan_iter(match=f"vicorpus:{crawl_id}:*")) == []


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def _kill_once_asked(cmd: list[str], site: LoggedSite, path: str) -> None:
    """Run a crawler until it has asked for ``path`` (held by ``site.stall``), then kill -9 it."""
    import os
    import signal

    crawler = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: path in site.paths(), 40, f"the crawler to ask for {path}")
        time.sleep(0.3)  # let it write and acknowledge what it already had
    finally:
        os.killpg(crawler.pid, signal.SIGKILL)
        crawler.wait(10)


def test_requests_of_a_killed_process_are_taken_over(tmp_path, redis_port):
    """kill -9 one crawler mid-page: after its lease the other requeues and fetches that page."""
    import redis

    from crawler.warc import recover_open_files

    crawl_id = f"k{uuid.uuid4().hex[:8]}"
    frontier = f"redis://127.0.0.1:{redis_port}/0?crawl={crawl_id}&idle=2&lease=3"
    client = redis.Redis(host="127.0.0.1", port=redis_port)
    held = ARTICLES[-1]  # linked from the last listing page only: asked for late
    with LoggedSite(delay=0.05) as site:
        site.gate.set()
        site.stall.add(held)
        source = _source_yaml(tmp_path, site.base)
        _kill_once_asked(_crawl_cmd(source, tmp_path / "w1", frontier), site, held)
        site.release.set()
        taken = [k for k in client.scan_iter(match=f"vicorpus:{crawl_id}:{source.stem}:taken:*")]
        assert taken and client.llen(taken[0]) >= 1  # the killed process still holds its pages
        second = subprocess.run(_crawl_cmd(source, tmp_path / "w2", frontier),
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr[-2000:]
        log = Counter(site.paths())
    assert log[held] == 2  # unanswered for the killed process, fetched again by the other
    # Pages the killed process had finished were acknowledged: only what was in flight is refetched
    # (the held page, at most one more: 2 requests per host).
    refetched = [a for a in ARTICLES if log[a] > 1]
    assert held in refetched and len(refetched) <= 2, refetched
    recover_open_files(tmp_path / "w1" / "warc")
    archived = set(_warc_responses(tmp_path / "w1")) | set(_warc_responses(tmp_path / "w2"))
    assert set(ARTICLES) <= archived
    report = json.loads((tmp_path / "w2" / "crawl" / "report.json").read_text(encoding="utf-8"))
    frontier_info = report["sources"]["tinh-mau"]["frontier"]
    assert frontier_info["requeued"] >= 1 and frontier_info["seeded"] is False
    assert list(client.scan_iter(match=f"vicorpus:{crawl_id}:*")) == []


def test_a_redirect_target_in_flight_when_killed_is_fetched_by_another(tmp_path, redis_port):
    """kill -9 while a redirect's target is in flight: the target is already in the seen-set, so
    handing back the original (which redirects to it again) would lose it; the target comes back."""
    from crawler.warc import recover_open_files

    crawl_id = f"r{uuid.uuid4().hex[:8]}"
    frontier = f"redis://127.0.0.1:{redis_port}/0?crawl={crawl_id}&idle=2&lease=3"
    target = "/tin-cu/bai-da-chuyen-sang-trang-moi.htm"  # reached only through the redirect
    with LoggedSite(delay=0.05) as site:
        site.gate.set()
        site.redirects[MOVED] = target
        site.extra[target] = ("<html lang='vi'><head><meta charset='utf-8'><title>Bài đã chuyển</title>"
                              "</head><body><h1>Công bố quy hoạch tỉnh thời kỳ 2021-2030</h1><p>Ủy ban "
                              "nhân dân tỉnh công bố Quyết định số 1234/QĐ-TTg phê duyệt quy hoạch.</p>"
                              "</body></html>")
        site.stall.add(target)
        source = _source_yaml(tmp_path, site.base)
        _kill_once_asked(_crawl_cmd(source, tmp_path / "w1", frontier), site, target)
        site.release.set()
        second = subprocess.run(_crawl_cmd(source, tmp_path / "w2", frontier),
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr[-2000:]
        log = Counter(site.paths())
    assert log[MOVED] == 1 and log[target] == 2  # the target itself was handed back, not MOVED
    assert target in _warc_responses(tmp_path / "w2")
    recover_open_files(tmp_path / "w1" / "warc")  # the killed process's open WARC file
    assert set(ARTICLES) <= set(_warc_responses(tmp_path / "w1")) | set(_warc_responses(tmp_path / "w2"))


@pytest.mark.parametrize("seeder_lease_ms", [None, 2500], ids=["seeder-gone", "seeder-dies-later"])
def test_a_seeder_killed_before_it_finished_seeding_is_replaced(tmp_path, redis_port, seeder_lease_ms):
    """The state a seeder killed mid-seeding leaves: ``seeded`` names it, the queue is empty.

    Gone already (its busy mark expired): the next process seeds at start. Still within
    its lease when the next process starts: that one waits, then seeds once the mark
    expires. Either way the whole site is crawled instead of the crawl ending empty.
    """
    import redis

    crawl_id = f"s{uuid.uuid4().hex[:8]}"
    frontier = f"redis://127.0.0.1:{redis_port}/0?crawl={crawl_id}&idle=2&lease=3"
    ns = FrontierSpec.parse(frontier).namespace("tinh-mau")
    client = redis.Redis(host="127.0.0.1", port=redis_port)
    dead = "may-chu-cu:4242:abcdef"
    client.set(f"{ns}:seeded", dead)
    if seeder_lease_ms:
        client.set(f"{ns}:busy:{dead}", "1", px=seeder_lease_ms)
    with LoggedSite(delay=0.01) as site:
        site.gate.set()
        source = _source_yaml(tmp_path, site.base)
        started = time.monotonic()
        run = subprocess.run(_crawl_cmd(source, tmp_path / "w", frontier),
                             capture_output=True, text=True, timeout=90)
        requested = Counter(site.paths())
    assert run.returncode == 0, run.stderr[-2000:]
    assert set(ARTICLES) <= set(_warc_responses(tmp_path / "w"))
    assert requested["/"] == 1 and requested["/sitemap.xml"] == 1
    if seeder_lease_ms:  # nothing was fetched before the dead seeder's lease ran out
        assert time.monotonic() - started >= seeder_lease_ms / 1000
    report = json.loads((tmp_path / "w" / "crawl" / "report.json").read_text(encoding="utf-8"))
    info = report["sources"]["tinh-mau"]["frontier"]
    assert info["seeded"] is True and info["reseeded"] is True and info["finished"] is True
    assert list(client.scan_iter(match=f"vicorpus:{crawl_id}:*")) == []


def test_a_seeder_marks_its_seeding_done(tmp_path, redis_port):
    """Once the start requests are queued ``seeded`` says ``done``, so a seeder killed later is
    never mistaken for one that died mid-seeding (and its start pages are not asked twice)."""
    import redis

    crawl_id = f"d{uuid.uuid4().hex[:8]}"
    frontier = f"redis://127.0.0.1:{redis_port}/0?crawl={crawl_id}&idle=30"
    ns = FrontierSpec.parse(frontier).namespace("tinh-mau")
    client = redis.Redis(host="127.0.0.1", port=redis_port)
    with LoggedSite(delay=0.05) as site:
        site.gate.set()
        source = _source_yaml(tmp_path, site.base)
        proc = subprocess.Popen(_crawl_cmd(source, tmp_path / "w", frontier),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for(lambda: client.get(f"{ns}:seeded") == b"done", 30, "seeding to be marked done")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    client.delete(*client.scan_iter(match=f"vicorpus:{crawl_id}:*"))


def test_max_pages_bounds_what_one_process_takes(tmp_path, redis_port):
    """--max-pages on a shared frontier: this process takes N, the rest stays queued for others."""
    import redis

    crawl_id = f"m{uuid.uuid4().hex[:8]}"
    frontier = f"redis://127.0.0.1:{redis_port}/0?crawl={crawl_id}&idle=1"
    with LoggedSite(delay=0.0) as site:
        site.gate.set()
        source = _source_yaml(tmp_path, site.base)
        result = subprocess.run(_crawl_cmd(source, tmp_path / "w", frontier) + ["--max-pages", "12"],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    snap = json.loads((tmp_path / "w" / "crawl" / "report.json").read_text(encoding="utf-8"))["sources"]["tinh-mau"]
    assert snap["frontier"]["taken"] == 12 and snap["stopped_by"] == "max_pages"
    assert snap["frontier"]["finished"] is False
    client = redis.Redis(host="127.0.0.1", port=redis_port)
    ns = f"vicorpus:{crawl_id}:tinh-mau"
    assert client.llen(f"{ns}:requests") > 0 and client.exists(f"{ns}:seeded")  # left for the others
    assert list(client.scan_iter(match=f"{ns}:taken:*")) == []  # nothing held by a stopped process
    client.delete(*client.keys(f"{ns}:*"))


def test_frontier_lost_mid_crawl_is_one_line_failure(tmp_path):
    """redis-server dies during the crawl: the crawl stops soon with one line, exit 1."""
    port = _free_port()
    server = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--save", "", "--appendonly", "no",
                               "--bind", "127.0.0.1", "--dir", str(tmp_path)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import redis

        _wait_for(lambda: _pings(redis.Redis(host="127.0.0.1", port=port)), 10, "redis-server")
        with LoggedSite(delay=0.3) as site:
            site.gate.set()
            source = _source_yaml(tmp_path, site.base)
            crawl = subprocess.Popen(_crawl_cmd(source, tmp_path / "w", f"redis://127.0.0.1:{port}/0"),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            _wait_for(lambda: len(site.paths()) >= 4 or crawl.poll() is not None, 40, "the crawl to start")
            server.kill()
            server.wait(10)
            _, err = crawl.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert crawl.returncode == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vicorpus: failed: "), err
    assert f"frontier redis://127.0.0.1:{port}/0?crawl=default failed" in lines[0]


def _pings(client) -> bool:
    import redis

    try:
        return client.ping()
    except redis.ConnectionError:
        return False


def _cli_error(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vicorpus.cli", *args, "--no-progress"],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("frontier, message", [
    ("http://127.0.0.1:6379/0", "--frontier must be a redis://HOST:PORT/DB URL"),
    ("redis://127.0.0.1:6379/0?queue=x", "unknown option 'queue'"),
    ("redis://127.0.0.1:{closed}/0", "cannot use frontier redis://127.0.0.1:{closed}/0?crawl=default"),
])
def test_bad_or_unreachable_frontier_is_one_line_exit_2(tmp_path, frontier, message):
    closed = _free_port()
    source = _source_yaml(tmp_path, "http://127.0.0.1:9")
    result = _cli_error("crawl", str(source), "--workdir", str(tmp_path / "w"),
                        "--frontier", frontier.format(closed=closed))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vicorpus: error: "), result.stderr
    assert message.format(closed=closed) in lines[0]
    assert not (tmp_path / "w" / "warc").exists() or not any((tmp_path / "w" / "warc").iterdir())


def test_frontier_spec_namespaces_by_crawl_and_source():
    spec = FrontierSpec.parse("redis://127.0.0.1:6379/3?crawl=thang-1")
    assert spec.namespace("baochinhphu") == "vicorpus:thang-1:baochinhphu"
    assert FrontierSpec.parse("redis://127.0.0.1:6379").crawl_id == "default"
    with pytest.raises(UsageError, match="idle must be seconds"):
        FrontierSpec.parse("redis://127.0.0.1:6379/0?idle=0")
    with pytest.raises(UsageError, match="database must be a number"):
        FrontierSpec.parse("redis://127.0.0.1:6379/abc")
