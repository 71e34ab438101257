"""The keeper of a syndicated pair is the original publisher's copy, end to end:
WARC -> `run_extract` (which reads the credit before removing its line) -> `run_dedup`.

On the demo site (its original article and the "Tin tổng hợp" copy crediting TTXVN) and on
a real baochinhphu.vn page (../shared/data/pages) republished on baotintuc.vn with
"Theo Báo Chính phủ", dated earlier and longer (chrome, a caption): the credit decides.
"""

from __future__ import annotations

import html
import importlib.util
import sys
from datetime import timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dedup import run_dedup
from normalize import extract_article, run_extract
from vicorpus.config import DedupSettings, ExtractSettings, load_source
from vicorpus.docs_table import read_docs
from vicorpus.workdir import prepare_workdir

_spec = importlib.util.spec_from_file_location("stage_warcs", Path(__file__).parent / "data" / "stage" / "warcs.py")
warcs = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("stage_warcs", warcs)
_spec.loader.exec_module(warcs)

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "vicorpus" / "demo_site"
ORIGINAL = "thu-tuong-chu-tri-phien-hop-ban-chi-dao-quoc-gia-ve-du-lieu-102260112143000125.htm"
COPY = "tin-tong-hop/thu-tuong-chu-tri-phien-hop-ban-chi-dao-quoc-gia-ve-du-lieu-102260113070812300.htm"
SETTINGS = ExtractSettings(segment=False)


def _outcome(workdir) -> dict[str, dict]:
    """url -> docs row fields and dedup row (cluster, keep) for every kept doc."""
    docs = read_docs(workdir, kept_only=True, columns=["id", "url", "credit", "published_at"]).to_pylist()
    dedup = {r["id"]: r for r in pq.read_table(workdir.dedup_file).to_pylist()}
    return {d["url"]: {**d, **dedup[d["id"]]} for d in docs}


def test_demo_site_copy_crediting_ttxvn_loses_even_when_dated_first(tmp_path):
    source = load_source(REPO / "configs" / "sources" / "demo-site.yaml")
    base = "http://127.0.0.1:8765"
    workdir = prepare_workdir(tmp_path)
    warcs.write_warc(workdir.warc / "demo-site-20260114T000000Z-00000.warc.gz", [
        {"url": f"{base}/{ORIGINAL}", "status": 200, "body": (DEMO / ORIGINAL).read_bytes()},
        {"url": f"{base}/{COPY}", "status": 200, "body": (DEMO / COPY).read_bytes()},
    ], source=source)
    run_extract(workdir, SETTINGS, progress=False)
    run_dedup(workdir, DedupSettings(workers=1), progress=False)
    out = _outcome(workdir)
    original, copy = out[f"{base}/{ORIGINAL}"], out[f"{base}/{COPY}"]
    assert copy["credit"] == "TTXVN" and original["credit"] is None
    assert original["dedup_cluster"] == copy["dedup_cluster"] and original["keep"] and not copy["keep"]

    # The same two pages, the copy dated a day before the original: the credit still decides.
    docs_file = next(workdir.docs.glob("*.parquet"))
    table = pq.read_table(docs_file)
    rows = table.to_pylist()
    for row in rows:
        if row["url"] == f"{base}/{COPY}":
            row["published_at"] = original["published_at"] - timedelta(days=1)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), docs_file)
    run_dedup(workdir, DedupSettings(workers=1), progress=False)
    out = _outcome(workdir)
    assert out[f"{base}/{COPY}"]["published_at"] < out[f"{base}/{ORIGINAL}"]["published_at"]
    assert out[f"{base}/{ORIGINAL}"]["keep"] and not out[f"{base}/{COPY}"]["keep"]


def _republished_page(title: str, paragraphs: list[str], published: str) -> bytes:
    """The article as another outlet republishes it: its own chrome, a caption, the credit line."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[:2])
    body += "\n<figure><img src='/anh.jpg'><figcaption>Ảnh minh họa: TTXVN</figcaption></figure>\n"
    body += "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[2:])
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{html.escape(title)} | Báo Tin tức</title>
<meta property="article:published_time" content="{published}">
</head><body>
<header><nav><a href="/">Trang chủ</a> | <a href="/thoi-su.htm">Thời sự</a> | <a href="/kinh-te.htm">Kinh tế</a></nav></header>
<main><article>
<h1 class="detail-title">{html.escape(title)}</h1>
<div class="date">{published}</div>
<div class="contents">
{body}
<p class="source">Theo Báo Chính phủ</p>
</div>
</article></main>
<footer><p>Cơ quan chủ quản: Thông tấn xã Việt Nam. Giấy phép số 1234/GP-BTTTT.</p></footer>
</body></html>""".encode("utf-8")


def test_real_baochinhphu_page_is_kept_over_a_baotintuc_copy_crediting_it(tmp_path, shared_dir):
    page = shared_dir / "data" / "pages" / "baochinhphu.vn_article_chinh-sach-moi-thang-3-2026.html"
    if not page.is_file():
        import pytest

        pytest.skip(f"{page.name} not in {page.parent}")
    url = "https://baochinhphu.vn/chinh-sach-moi-co-hieu-luc-tu-thang-3-2026-102260228093004191.htm"
    original_html = page.read_bytes()
    art = extract_article(original_html, url)
    paragraphs = [p for p in art["text"].split("\n\n") if p.strip()]
    assert len(paragraphs) >= 4, "the shared page's article text"
    copy_url = "https://baotintuc.vn/thoi-su/chinh-sach-moi-co-hieu-luc-tu-thang-3-2026-20260228061500123.htm"
    copy_html = _republished_page(art["title"], paragraphs, "2026-02-28T06:15:00+07:00")

    workdir = prepare_workdir(tmp_path)
    warcs.write_warc(workdir.warc / "baochinhphu-20260301T000000Z-00000.warc.gz",
                     [{"url": url, "status": 200, "body": original_html}],
                     source=load_source(REPO / "configs" / "sources" / "baochinhphu.yaml"))
    warcs.write_warc(workdir.warc / "baotintuc-20260301T000000Z-00000.warc.gz",
                     [{"url": copy_url, "status": 200, "body": copy_html}],
                     source=load_source(REPO / "configs" / "sources" / "baotintuc.yaml"))
    run_extract(workdir, SETTINGS, progress=False)
    run_dedup(workdir, DedupSettings(workers=1), progress=False)
    out = _outcome(workdir)
    original, copy = out[url], out[copy_url]
    assert copy["credit"] == "Báo Chính phủ"
    assert copy["published_at"] < original["published_at"]  # the copy is dated first ...
    assert original["dedup_cluster"] == copy["dedup_cluster"]
    assert original["keep"] and not copy["keep"]  # ... the original publisher's page is kept
