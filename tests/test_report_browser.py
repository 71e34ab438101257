"""report.html in a real headless Chromium, driven over the DevTools Protocol.

One release (dropped pages, a duplicate cluster, hostile titles and licence)
is built and opened from file:// once; the tests then read the live DOM:
figures drawn from stats.json, samples per drop reason, duplicate pairs,
links back to the pages, no console errors and no network request.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "release"))
sys.path.insert(0, str(Path(__file__).parent))
from cdp import CDP  # noqa: E402
from factory import default_rows, doc_row, make_workdir  # noqa: E402

from corpus_cards import build_release  # noqa: E402
from vicorpus.config import ReleaseSettings  # noqa: E402

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium")
                                        else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="chromium not installed; .ci/run installs Debian chromium")

HOSTILE_TITLE = 'Thông báo <script>alert(1)</script> "khẩn" <img src=x onerror=alert(2)>'
HOSTILE_LICENCE = 'Ghi rõ nguồn "mic.gov.vn" <script>alert(3)</script>'
HOSTILE_URL = "javascript:alert(4)"
MAX_BAR = 420  # report.bar_chart: width of the longest bar


def hostile_rows() -> list[dict]:
    rows = default_rows()
    for row in rows:
        if row["source"] == "mic":
            row["licence"] = HOSTILE_LICENCE
        if row["url"] == "https://mic.gov.vn/tin-tuc/sao-chep-10223000002.htm":
            row["title"] = HOSTILE_TITLE  # one member of the duplicate cluster
    rows.append(doc_row(43, "baochinhphu", text="Đăng nhập | Quên mật khẩu",
                        drop_reason="too_short", title=HOSTILE_TITLE))
    rows.append(doc_row(44, "mic", text="Trang chủ", drop_reason="not_article",
                        url=HOSTILE_URL, title="Liên kết lạ"))
    return rows


class Browser:
    """Headless Chromium with its own profile; the DevTools port is picked by Chromium."""

    def __init__(self, profile: Path):
        self.log = open(profile.parent / "chromium.log", "wb")
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 15
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                log = (profile.parent / "chromium.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"chromium did not open its DevTools port:\n{log}")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self.cdp = CDP(f"ws://127.0.0.1:{port}{path}")

    def open(self, url: str, *, bypass_csp: bool = False) -> dict:
        """Load ``url`` in a new tab; returns its session id and the events seen until load."""
        target = self.cdp.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.cdp.call("Target.attachToTarget",
                                {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.cdp.call(f"{domain}.enable", session=session)
        if bypass_csp:
            self.cdp.call("Page.setBypassCSP", {"enabled": True}, session=session)
        start = len(self.cdp.events)
        self.cdp.call("Page.navigate", {"url": url}, session=session)
        event = self.cdp.wait_event("Page.loadEventFired", "Page.javascriptDialogOpening",
                                    session=session, since=start)
        if event["method"] == "Page.javascriptDialogOpening":
            self.cdp.call("Page.handleJavaScriptDialog", {"accept": False}, session=session)
        else:
            # Late console messages (after load) still land in the event list.
            self.eval(session, "new Promise(r => setTimeout(r, 100))")
        return {"session": session, "target": target}

    def eval(self, session: str, expression: str):
        result = self.cdp.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                    "awaitPromise": True}, session=session)
        if "exceptionDetails" in result:
            raise AssertionError(f"page JS failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def events(self, session: str, *methods: str) -> list[dict]:
        return [e for e in self.cdp.events if e.get("sessionId") == session
                and e["method"] in methods]

    def close(self) -> None:
        if getattr(self, "cdp", None) is not None:
            try:
                self.cdp.call("Browser.close", timeout=3)
            except (OSError, RuntimeError, TimeoutError, ConnectionError):
                pass
            self.cdp.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # our own process group only
            self.proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    workdir = make_workdir(tmp / "w", hostile_rows())
    return build_release(workdir, ReleaseSettings(version="0.1.0", out=tmp / "releases"),
                         progress=False)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium") / "profile"
    profile.mkdir()
    b = Browser(profile)
    yield b
    b.close()


@pytest.fixture(scope="module")
def page(browser, release):
    url = (release / "report.html").as_uri()
    return {**browser.open(url), "url": url}


@pytest.fixture(scope="module")
def stats(release) -> dict:
    return json.loads((release / "stats.json").read_text(encoding="utf-8"))


def js(browser, page, expression):
    return browser.eval(page["session"], expression)


def test_page_renders_without_console_errors(browser, page, release):
    assert not browser.events(page["session"], "Page.javascriptDialogOpening")
    assert js(browser, page, "document.title") == "vicorpus 0.1.0: curator report"
    heading = js(browser, page, "document.querySelector('h1').textContent")
    assert heading == "vicorpus 0.1.0: curator report"
    assert js(browser, page, "document.readyState") == "complete"
    assert len(js(browser, page, "document.body.innerText")) > 500
    assert js(browser, page, "document.body.getBoundingClientRect().height") > 800
    errors = [e["params"] for e in browser.events(page["session"], "Runtime.exceptionThrown")]
    errors += [e["params"] for e in browser.events(page["session"], "Runtime.consoleAPICalled")
               if e["params"]["type"] in ("error", "assert", "warning")]
    errors += [e["params"]["entry"] for e in browser.events(page["session"], "Log.entryAdded")
               if e["params"]["entry"]["level"] in ("error", "warning")]
    assert errors == []


def test_offline_single_file(browser, page):
    requests = [e["params"]["request"]["url"]
                for e in browser.events(page["session"], "Network.requestWillBeSent")]
    assert requests == [page["url"]]
    assert js(browser, page, "performance.getEntriesByType('resource').length") == 0
    # Nothing in the DOM points elsewhere: no scripts, stylesheets, images or frames.
    assert js(browser, page, "document.querySelectorAll('script,link,img,iframe,object,embed,"
                             "[src]').length") == 0


FIGURES_JS = """(() => {
  const out = {};
  for (const fig of document.querySelectorAll('#figures figure')) {
    const svg = fig.querySelector('svg');
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')];
    out[fig.id] = {
      caption: fig.querySelector('figcaption').textContent,
      width: box.width, height: box.height,
      labels: texts.filter(t => t.getAttribute('text-anchor') === 'end').map(t => t.textContent),
      values: texts.filter(t => t.getAttribute('text-anchor') !== 'end').map(t => +t.textContent),
      bars: [...svg.querySelectorAll('rect')].map(r => r.getBBox().width),
      tips: [...svg.querySelectorAll('rect > title')].map(t => t.textContent),
    };
  }
  return out;
})()"""


def expected_figures(stats: dict) -> dict[str, list[tuple[str, int]]]:
    lengths = [(f"{b['lo']}–{b['hi'] if b['hi'] is not None else '∞'}", b["count"])
               for b in stats["length"]["histogram"]]
    return {
        "fig-source": [(s, v["released"]) for s, v in stats["per_source"].items()],
        "fig-month": list(stats["per_month"].items()),
        "fig-length": lengths,
        "fig-drops": list(stats["drop_reasons"].items()),
        "fig-clusters": list(stats["dedup"]["cluster_sizes"].items()),
    }


def test_figures_match_stats(browser, page, stats):
    figures = js(browser, page, FIGURES_JS)
    expected = expected_figures(stats)
    assert list(figures) == list(expected)
    for fig_id, items in expected.items():
        fig = figures[fig_id]
        assert items, f"{fig_id}: stats.json has nothing to draw"
        assert fig["width"] > 300 and fig["height"] >= 20 * len(items), fig_id
        assert fig["labels"] == [label for label, _ in items], fig_id
        assert fig["values"] == [value for _, value in items], fig_id
        assert fig["tips"] == [f"{label}: {value}" for label, value in items], fig_id
        top = max(value for _, value in items)
        assert fig["bars"] == [int(MAX_BAR * value / top) for _, value in items], fig_id
        assert max(fig["bars"]) == MAX_BAR, fig_id
    # The numbers this release was built to show.
    assert dict(expected["fig-drops"]) == {"duplicate": 2, "low_quality:symbol_ratio": 1,
                                           "not_article": 2, "too_short": 2}
    assert dict(expected["fig-clusters"]) == {"1": 11, "3": 1}
    assert sum(v for _, v in expected["fig-source"]) == stats["stages"]["released"] == 12


SAMPLES_JS = """(() => ({
  reasons: Object.fromEntries([...document.querySelectorAll('#dropped .drop-reason')].map(d =>
    [d.dataset.reason, [...d.querySelectorAll('tr')].slice(1).map(tr => ({
      href: tr.querySelector('a') ? tr.querySelector('a').getAttribute('href') : null,
      label: tr.cells[0].textContent, text: tr.cells[1].textContent}))])),
  clusters: [...document.querySelectorAll('#clusters .cluster')].map(c => {
    const sides = [...c.querySelectorAll('.pair > div')];
    const boxes = sides.map(d => d.getBoundingClientRect());
    const link = d => d.querySelector('a').getAttribute('href');
    return {sides: sides.map(d => ({kind: d.className, href: link(d), text: d.textContent})),
            side_by_side: boxes.every((b, i) => i === 0 || (b.top === boxes[0].top
                                                             && boxes[i - 1].right <= b.left))};
  }),
  links: [...document.querySelectorAll('a')].map(a => a.getAttribute('href')),
}))()"""


def test_dropped_samples_and_clusters_side_by_side(browser, page, release):
    found = js(browser, page, SAMPLES_JS)
    docs = pq.read_table(release.parent.parent / "w" / "docs").to_pylist()
    dropped = {}
    for row in docs:
        if row["drop_reason"]:
            dropped.setdefault(row["drop_reason"], set()).add(row["url"])
    assert set(found["reasons"]) == set(dropped)
    for reason, samples in found["reasons"].items():
        shown = {s["href"] or next(u for u in dropped[reason] if u in s["label"]) for s in samples}
        assert shown == dropped[reason], reason
        assert all(s["text"].strip() for s in samples), reason
    assert "Liên hệ | Sơ đồ cổng" in [s["text"] for s in found["reasons"]["too_short"]]

    cluster_urls = {"https://baochinhphu.vn/ban-in-10223000002.htm",
                    "https://baochinhphu.vn/tin-tuc-0002-10223000002.htm",
                    "https://mic.gov.vn/tin-tuc/sao-chep-10223000002.htm"}
    assert len(found["clusters"]) == 1  # the cluster of 3: one kept, two removed
    (cluster,) = found["clusters"]
    assert [side["kind"] for side in cluster["sides"]] == ["kept", "removed", "removed"]
    assert {side["href"] for side in cluster["sides"]} == cluster_urls
    assert cluster["side_by_side"], cluster
    # Same text on every side (the copies are identical): the excerpts start alike.
    starts = {side["text"].split("\n", 1)[1][:80] for side in cluster["sides"]}
    assert len(starts) == 1 and starts.pop().startswith("Bộ Công an")

    # Every link goes back to a page the corpus holds, as a plain http(s) URL.
    doc_urls = {row["url"] for row in docs}
    assert found["links"] and set(found["links"]) <= doc_urls
    assert all(link.startswith("https://") for link in found["links"])


def test_hostile_strings_are_text(browser, release):
    # CSP off, so only the escaping stands between the page strings and the DOM.
    page = browser.open((release / "report.html").as_uri(), bypass_csp=True)
    assert not browser.events(page["session"], "Page.javascriptDialogOpening")
    check = browser.eval(page["session"], """(() => ({
      scripts: document.querySelectorAll('script').length,
      imgs: document.querySelectorAll('img').length,
      handlers: [...document.querySelectorAll('*')].filter(e =>
        [...e.attributes].some(a => a.name.startsWith('on'))).length,
      js_links: [...document.querySelectorAll('a')].filter(a =>
        !a.getAttribute('href').startsWith('https://')).length,
      text: document.body.innerText,
    }))()""")
    assert check["scripts"] == check["imgs"] == check["handlers"] == check["js_links"] == 0
    assert HOSTILE_TITLE in check["text"]  # shown literally, quotes and tags included
    assert HOSTILE_LICENCE in check["text"]
    assert HOSTILE_URL in check["text"]  # the odd URL is shown, not linked
    browser.cdp.call("Target.closeTarget", {"targetId": page["target"]})
