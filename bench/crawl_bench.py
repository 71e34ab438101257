"""Crawl throughput against a local site of 50 KB Vietnamese pages, politeness off.

    python bench/crawl_bench.py                 # 3 x 3000 pages (about 1 min on 2 shared cores)
    python bench/crawl_bench.py --pages 2000 --profile   # one run under cProfile of the crawl child

The site runs in its own process (a threaded HTTP/1.1 keep-alive server started
with ``subprocess``), so its CPU is not counted. The crawl is the real ``run_crawl``
(one ``python -m crawler`` child: Scrapy, SSRF guard, admission, SQLite state, WARC
gzip writer). Measured: pages/s (wall), CPU seconds per page of the crawl child
(``RUSAGE_CHILDREN`` delta: the server is not reaped until afterwards, so it is not
in it), and WARC bytes/s. On a shared machine the wall rate depends on the
neighbours; CPU per page is the robust figure (1 / CPU-per-page = pages/s on one
free core). Results go to bench/results/crawl.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAS = [
    "Theo báo cáo của Bộ Tài chính, trong năm qua cả nước đã có {n} nghìn hồ sơ được tiếp nhận và "
    "giải quyết trực tuyến, tăng {p}% so với cùng kỳ năm trước, góp phần giảm thời gian và chi phí.",
    "Phát biểu tại hội nghị, Phó Thủ tướng Chính phủ đề nghị các bộ, ngành và địa phương tiếp tục "
    "rà soát, cắt giảm thủ tục không cần thiết, công khai minh bạch quy trình giải quyết.",
    "Tại Thành phố Hồ Chí Minh, Ủy ban nhân dân đã ban hành kế hoạch với {n} nhiệm vụ cụ thể, phân "
    "công rõ người, rõ việc, rõ thời gian hoàn thành và rõ kết quả.",
    "Số liệu của Tổng cục Thống kê cho thấy tổng vốn đầu tư toàn xã hội ước đạt {n} nghìn tỷ đồng, "
    "tăng {p}% so với cùng kỳ; vốn khu vực ngoài nhà nước chiếm gần 56%.",
]


def article(i: int, size: int) -> bytes:
    """One ~``size``-byte article page (text + the markup weight of a real portal page)."""
    head = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin số {i}: '
            f"đẩy mạnh chuyển đổi số</title></head><body><nav>"
            + "".join(f'<a href="/#muc-{k}">Chuyên mục {k}</a>' for k in range(30))
            + f"</nav><article><h1>Tin số {i}: đẩy mạnh chuyển đổi số trong giải quyết thủ tục</h1>")
    parts, k = [head], 0
    total = len(head.encode())
    while total < size - 200:
        para = "<p>" + PARAS[(i + k) % len(PARAS)].format(n=(i * 7 + k) % 900, p=k % 17) + "</p>"
        parts.append(para)
        total += len(para.encode())
        k += 1
    parts.append("</article><footer>Cổng thông tin điện tử thử nghiệm</footer></body></html>")
    return "".join(parts).encode("utf-8")


def serve(n_pages: int, size: int, port_file: str) -> None:
    """The site process: sitemap of every article, home page, robots.txt."""
    from vicorpus.localserver import LocalServer, Reply

    pages = {f"/tin-tuc/bai-viet-{i}-102260101{i:09d}.htm": article(i, size) for i in range(n_pages)}
    server = LocalServer().bind()
    urls = "".join(f"<url><loc>{server.base}{p}</loc></url>" for p in pages)
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
               f'schemas/sitemap/0.9">{urls}</urlset>').encode()
    fixed = {
        "/sitemap.xml": Reply(body=sitemap, headers={"Content-Type": "application/xml"}),
        "/robots.txt": Reply(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}),
        "/": Reply(body="<html><body><p>Trang chủ</p></body></html>"),
    }

    def app(hit):
        body = pages.get(hit.path)
        if body is not None:
            return Reply(body=body)
        return fixed.get(hit.path) or Reply(status=404, body=b"")

    server.app = app
    Path(port_file).write_text(str(server.port))
    server.serve_forever()


def run(n_pages: int, size: int, profile: bool) -> dict:
    from crawler import run_crawl
    from crawler.job import CrawlLimits
    from vicorpus.config import SourceConfig
    from vicorpus.workdir import prepare_workdir

    tmp = Path(tempfile.mkdtemp(prefix="crawl-bench-"))
    port_file = tmp / "port"
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(n_pages), "--size", str(size),
                               "--port-file", str(port_file)])
    try:
        while not port_file.exists() or not port_file.read_text():
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port_file.read_text()}"
        source = SourceConfig(
            name="bench", title="Trang thử tốc độ", start_urls=[base + "/"], allowed_domains=["127.0.0.1"],
            sitemaps=[base + "/sitemap.xml"], article_url_pattern=r"-\d{15,}\.htm$",
            licence="Ghi rõ nguồn khi phát hành lại", attribution="Nguồn: thử nghiệm",
            allow_private_network=True)
        workdir = prepare_workdir(tmp / "work")
        limits = CrawlLimits(politeness=False, concurrent_per_domain=16, retry_times=0)
        env_before = os.environ.get("VICORPUS_CRAWL_PROFILE")
        if profile:
            os.environ["VICORPUS_CRAWL_PROFILE"] = str(tmp / "crawl.prof")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        report = run_crawl([source], workdir, progress=False, limits=limits)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if env_before is None:
            os.environ.pop("VICORPUS_CRAWL_PROFILE", None)
    finally:
        server.terminate()
        server.wait()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    warc_bytes = sum(p.stat().st_size for p in workdir.warc_files())
    fetched = report["totals"]["fetched"]
    result = {"pages": n_pages, "page_bytes": size, "fetched": fetched,
              "archived": report["totals"]["archived"], "errors": report["totals"]["errors"],
              "wall_s": wall, "pages_per_s": fetched / wall, "cpu_s": cpu,
              "cpu_ms_per_page": 1000 * cpu / fetched, "one_core_pages_per_s": fetched / cpu,
              "warc_bytes": warc_bytes, "warc_mb_per_s": warc_bytes / wall / 1e6,
              "payload_mb_per_s": report["totals"]["bytes"] / wall / 1e6}
    if profile and (tmp / "crawl.prof").exists():
        stats = pstats.Stats(str(tmp / "crawl.prof"))
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(20)
    return result


def write_results(runs: list[dict], startup: dict, command: str) -> str:
    rows = []
    for k, r in enumerate(runs, 1):
        marginal = (r["cpu_s"] - startup["cpu_s"]) / (r["fetched"] - startup["fetched"])
        r["marginal_cpu_ms_per_page"] = 1000 * marginal
        rows.append(
            f"| {k} | {r['fetched']} | {r['wall_s']:.1f} | {r['pages_per_s']:.0f} | {r['cpu_s']:.2f} | "
            f"{r['cpu_ms_per_page']:.2f} | {r['one_core_pages_per_s']:.0f} | {1 / marginal:.0f} | "
            f"{r['warc_mb_per_s']:.2f} | {r['payload_mb_per_s']:.1f} |")
    best = min(runs, key=lambda r: r["cpu_s"])
    median = sorted(runs, key=lambda r: r["cpu_s"])[len(runs) // 2]
    table = (
        "| run | pages | wall s | pages/s (wall) | crawl-child CPU s | CPU ms/page | pages/s per core "
        "(1/CPU, start-up included) | pages/s per core (start-up excluded) | WARC MB/s | payload MB/s |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n" + "\n".join(rows) + "\n")
    text = (
        "## Crawl throughput (bench/crawl_bench.py)\n\n"
        f"`{command}` — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other jobs (load average at start "
        f"{os.getloadavg()[0]:.1f}), Python {platform.python_version()}.\n\n"
        f"Local site of {runs[0]['page_bytes'] // 1024} KB Vietnamese article pages in its own process "
        "(threaded HTTP/1.1 server, sitemap of every page; its CPU is not counted), politeness off "
        "(`CrawlLimits(politeness=False)`: no delay, no AutoThrottle, 16 connections), full crawler path: "
        "Scrapy, SSRF guard, URL admission, link extraction, SQLite state, WARC/1.1 gzip "
        "response+request+metadata records with digests. Same workload run "
        f"{len(runs)} times; a {startup['fetched']}-page run measures the child's start-up "
        f"(Scrapy import, reactor, robots.txt): {startup['cpu_s']:.2f} CPU s.\n\n" + table +
        f"\nTarget: >= 300 pages/s on one core for 50 KB pages. CPU per page is the robust figure on "
        f"a shared machine (wall rates depend on the neighbours): median {median['cpu_ms_per_page']:.2f} "
        f"ms/page = {median['one_core_pages_per_s']:.0f} pages/s per core with start-up, "
        f"{1000 / median['marginal_cpu_ms_per_page']:.0f} without; best run "
        f"{best['one_core_pages_per_s']:.0f} / {1000 / best['marginal_cpu_ms_per_page']:.0f}. "
        f"WARC bytes are small because gzip compresses these repetitive pages ~15x.\n\n"
        "Hot spots fixed after `--profile` (cProfile of the crawl child), in order: Scrapy's 100 "
        "parallel item slots (100 asyncio tasks per response; CONCURRENT_ITEMS=4 since the spider "
        "yields no items), one parsel Selector per link (a regular expression over the page now), "
        "canonicalizing the same menu links on every page (memoized admission), warcio's level-9 "
        "many-call gzip (one level-6 call per record), spider middlewares duplicating UrlAdmission, "
        "and Scrapy's generator-return check, which re-read and re-parsed `parse()` with "
        "`inspect`/`ast` on every response because its cache misses on bound methods "
        "(WARN_ON_GENERATOR_RETURN_VALUE off; a test runs the check once). Measured along the way on "
        "this machine: 9.5 -> 3.6-4.4 ms/page before the last fix, 2.8-3.0 after it (alternating "
        "old/new runs of 2000 pages: 4.29/2.76 and 3.38/2.80). What remains is mostly Scrapy/Twisted "
        "itself (downloader, middleware chains, asyncio scheduling), WARC gzip and SHA digests.\n")
    out = Path(__file__).resolve().parent / "results" / "crawl.md"
    out.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--size", type=int, default=50 * 1024)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile the crawl child (one run)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--port-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, args.size, args.port_file)
        return
    if args.profile:
        print(json.dumps(run(args.pages, args.size, True), indent=1))
        return
    startup = run(50, args.size, False)
    runs = [run(args.pages, args.size, False) for _ in range(args.repeat)]
    command = "python bench/crawl_bench.py" + (f" --pages {args.pages}" if args.pages != 3000 else "")
    for r in runs:
        print(json.dumps(r))
    print(write_results(runs, startup, command))


if __name__ == "__main__":
    main()
