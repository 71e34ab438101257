"""Crawl benchmarks: throughput of one source, and many sources at once.

    python bench/crawl_bench.py                 # both parts (about 2 min on 2 shared cores)
    python bench/crawl_bench.py --part throughput --pages 2000 --profile   # cProfile of the crawl child
    python bench/crawl_bench.py --part concurrency

Throughput: a local site of 50 KB Vietnamese pages in its own process (a threaded
HTTP/1.1 keep-alive server started with ``subprocess``), politeness off, crawled by
the real ``run_crawl`` (one ``python -m crawler`` child: Scrapy, SSRF guard,
admission, SQLite state, WARC gzip writer). Measured: wall time, CPU seconds of the
crawl child (``RUSAGE_CHILDREN`` delta; the site is reaped afterwards and measured
apart from /proc), WARC bytes. The headline is pages per second per core with the
child's start-up included (pages / child CPU s): on a shared machine the wall rate
depends on the neighbours and on the site's own CPU.

Concurrency: three sites on 127.0.0.1, 127.0.0.2 and 127.0.0.3, each asking
``Crawl-delay: 1`` in robots.txt, crawled with ``vicorpus crawl`` (the whole command,
timed from outside): each source alone, then all three in one command. Measured:
the wall times, their ratios, and the smallest gap each host saw between requests.

A whole run (no ``--part``) writes bench/results/crawl.md; a partial one only prints.
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


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a live process (from /proc), in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


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
        site_before = _cpu_seconds(server.pid)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        report = run_crawl([source], workdir, progress=False, limits=limits)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        site_cpu = _cpu_seconds(server.pid) - site_before
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
              "wall_s": wall, "pages_per_s": fetched / wall, "cpu_s": cpu, "site_cpu_s": site_cpu,
              "cpu_ms_per_page": 1000 * cpu / fetched, "one_core_pages_per_s": fetched / cpu,
              "warc_bytes": warc_bytes, "payload_bytes": report["totals"]["bytes"]}
    if profile and (tmp / "crawl.prof").exists():
        stats = pstats.Stats(str(tmp / "crawl.prof"))
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(20)
    return result


def throughput_section(runs: list[dict], startup: dict) -> str:
    rows = []
    for k, r in enumerate(runs, 1):
        marginal = (r["cpu_s"] - startup["cpu_s"]) / (r["fetched"] - startup["fetched"])
        r["marginal_pages_per_s"] = 1 / marginal
        rows.append(
            f"| {k} | {r['fetched']} | {r['wall_s']:.1f} | {r['pages_per_s']:.0f} | {r['site_cpu_s']:.1f} | "
            f"{r['cpu_s']:.2f} | {r['cpu_ms_per_page']:.2f} | **{r['one_core_pages_per_s']:.0f}** | "
            f"{r['marginal_pages_per_s']:.0f} | {r['warc_bytes'] / 1e6:.1f} | {r['payload_bytes'] / 1e6:.1f} |")
    median = sorted(runs, key=lambda r: r["cpu_s"])[len(runs) // 2]
    return (
        f"### Throughput of one source\n\n"
        f"**{median['one_core_pages_per_s']:.0f} pages/s per core, start-up included** (median of "
        f"{len(runs)} runs of {runs[0]['pages']} pages of {runs[0]['page_bytes'] // 1024} KB; "
        f"{median['cpu_ms_per_page']:.2f} CPU ms per page of the crawl child). A {startup['fetched']}-page run "
        f"costs {startup['cpu_s']:.2f} CPU s (the child's start-up: imports, reactor, robots.txt).\n\n"
        "| run | pages | wall s | pages/s (wall) | site CPU s | crawl-child CPU s | CPU ms/page "
        "| pages/s per core, start-up included | pages/s per core, start-up excluded | WARC MB | payload MB |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n" + "\n".join(rows) + "\n")


# -- many sources at once ------------------------------------------------------------------
HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")


def _delay_site(host: str, n_articles: int):
    from vicorpus.localserver import LocalServer, Reply

    pages = {f"/tin/bai-{i}.htm": article(i, 20 * 1024) for i in range(n_articles)}
    listing = "".join(f'<a href="{p}">Bài {i}</a>' for i, p in enumerate(pages)).encode()
    fixed = {"/robots.txt": Reply(body=b"User-agent: *\nCrawl-delay: 1\n", headers={"Content-Type": "text/plain"}),
             "/": Reply(body=b"<html><body>" + listing + b"</body></html>")}
    server = LocalServer(lambda hit: Reply(body=pages[hit.path]) if hit.path in pages
                         else fixed.get(hit.path) or Reply(status=404), host=host)
    server.start()
    return server


def _timed_crawl(configs: list[Path], workdir: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vicorpus.cli", "crawl", *map(str, configs), "--workdir", str(workdir),
                    "--no-progress"], check=True, capture_output=True)
    return time.perf_counter() - started


def concurrency(n_articles: int) -> dict:
    import yaml

    tmp = Path(tempfile.mkdtemp(prefix="crawl-bench-many-"))
    sites = [_delay_site(host, n_articles) for host in HOSTS]
    try:
        configs = []
        for k, site in enumerate(sites):
            path = tmp / f"tinh-{k}.yaml"
            path.write_text(yaml.safe_dump({
                "name": f"tinh-{k}", "title": f"Tỉnh {k}", "start_urls": [site.base + "/"],
                "allowed_domains": [site.host], "licence": "Ghi rõ nguồn", "attribution": "Nguồn",
                "allow_private_network": True}, allow_unicode=True), encoding="utf-8")
            configs.append(path)
        alone = [_timed_crawl([config], tmp / f"alone-{k}") for k, config in enumerate(configs)]
        marks = [len(site.hits()) for site in sites]
        together = _timed_crawl(configs, tmp / "together")
        gaps = []
        for site, mark in zip(sites, marks):
            starts = sorted(h.started for h in site.hits()[mark:] if h.path != "/robots.txt")
            gaps.append(min(b - a for a, b in zip(starts, starts[1:])))
    finally:
        for site in sites:
            site.stop()
    return {"articles": n_articles, "alone_s": alone, "together_s": together, "min_gap_s": gaps}


def concurrency_section(result: dict) -> str:
    alone = result["alone_s"]
    return (
        "### Many sources at once\n\n"
        f"Three sources on three hosts, each `Crawl-delay: 1` and {result['articles']} articles, "
        "`vicorpus crawl` timed as a whole process.\n\n"
        "| | wall s |\n|---|---:|\n"
        + "".join(f"| source {k} alone | {t:.1f} |\n" for k, t in enumerate(alone))
        + f"| the three alone, one after another (sum) | {sum(alone):.1f} |\n"
        + f"| the three in one command | {result['together_s']:.1f} |\n\n"
        f"All three in one command: **{result['together_s'] / max(alone):.2f}x** the slowest source alone, "
        f"{result['together_s'] / sum(alone):.2f}x the sum. Smallest gap between two requests per host in "
        f"the joint run: {', '.join(f'{g:.2f} s' for g in result['min_gap_s'])}.\n")


def write_results(parts: list[str], command: str) -> str:
    from bench.results import stamp

    text = (
        f"## Crawl (bench/crawl_bench.py)\n\n{stamp()}\n\n"
        f"`{command}` on {platform.machine()}, "
        f"{os.cpu_count()} cores (load average at start {os.getloadavg()[0]:.1f}), Python "
        f"{platform.python_version()}.\n\n" + _SETTINGS_NOTE + "\n\n" + "\n".join(parts))
    out = Path(__file__).resolve().parent / "results" / "crawl.md"
    out.write_text(text, encoding="utf-8")
    return text


_SETTINGS_NOTE = ("What the crawler can do, not what `vicorpus crawl` does by default: the throughput runs turn "
                  "politeness off and allow 16 requests at once to the one host (`CrawlLimits(politeness=False, "
                  "concurrent_per_domain=16)`); the command keeps robots.txt delays and 2 requests per host, "
                  "which on a local site answering in 1 ms gave an acceptance run about 40 pages/s.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["all", "throughput", "concurrency"], default="all")
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--size", type=int, default=50 * 1024)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--articles", type=int, default=12, help="articles per site in the concurrency part")
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
    parts = []
    if args.part in ("all", "throughput"):
        startup = run(50, args.size, False)
        runs = [run(args.pages, args.size, False) for _ in range(args.repeat)]
        for r in runs:
            print(json.dumps(r))
        parts.append(throughput_section(runs, startup))
    if args.part in ("all", "concurrency"):
        result = concurrency(args.articles)
        print(json.dumps(result))
        parts.append(concurrency_section(result))
    if args.part != "all":  # a partial run prints; only a whole run rewrites bench/results/crawl.md
        print("\n".join(parts))
        return
    command = "python bench/crawl_bench.py" + "".join(
        f" --{k} {v}" for k, v in (("pages", args.pages), ("articles", args.articles))
        if v != parser.get_default(k))
    print(write_results(parts, command))


if __name__ == "__main__":
    main()
