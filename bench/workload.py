"""A reproducible WARC workload of Vietnamese article pages with planted duplicates.

Stories are made of real-looking Vietnamese news sentences: the project's demo
articles (tools/demo_articles.py), the generated government-news templates of
tests/data/dedup/synth.py with their own facts, and, when ../shared/data/pages is
present, the sentences of its real article pages. Each story is rendered into one
of several site templates (portal, newspaper, finance site) with varied
boilerplate (menus, related links, share bars, inline scripts). Planted copies,
whose cluster is known, are:

- ``syndicated``: the same text on another site, other boilerplate, "(Theo TTXVN)";
- ``tone``: new-style tone marks (hoà, thuỷ, uỷ) on another site;
- ``truncated``: the first 70% of the paragraphs and "(Còn nữa)";
- ``edited``: two small word edits and a photo caption;
- ``mirror``: the same HTML bytes at another URL (exact copy).
Real shared pages (workloads of 100 pages or more) are added once each, with a mirror on another host.

>>> import tempfile
>>> w = build_workload(tempfile.mkdtemp(), n_pages=40, shards=2, seed=3)
>>> len(w.truth), len(w.warc_files), w.duplicate_pages > 0
(40, 2, True)
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from crawler.warc import WarcWriter
from vicorpus.config import SourceConfig
from vicorpus.urls import canonicalize_url

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VICORPUS_SHARED", REPO.parent / "shared"))
VARIANTS = ("syndicated", "tone", "truncated", "edited", "mirror")
SOURCE = SourceConfig(name="bench", title="Bộ dữ liệu đo hiệu năng", start_urls=["http://127.0.0.1:8000/"],
                      allowed_domains=["127.0.0.1"], licence="Ghi rõ nguồn khi phát hành lại",
                      attribution="Nguồn: bộ đo hiệu năng vicorpus", allow_private_network=True)


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _synth():
    return _load(REPO / "tests" / "data" / "dedup" / "synth.py", "bench_synth")


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ\"“(])")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of six words or more.

    >>> split_sentences("Sáng 12/1, Hà Nội có mưa rào. Chiều trời nắng. Nhiệt độ cao nhất đạt 25 độ C.")
    ['Sáng 12/1, Hà Nội có mưa rào.', 'Nhiệt độ cao nhất đạt 25 độ C.']
    """
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if len(s.split()) >= 6]


def shared_article_pages(shared: Path | None = SHARED) -> list[tuple[str, bytes]]:
    """(url, html bytes) of the real article pages in shared/data/pages, [] when absent."""
    folder = Path(shared) / "data" / "pages" if shared else None
    if folder is None or not (folder / "pages.json").is_file():
        return []
    import gzip

    out = []
    for entry in json.loads((folder / "pages.json").read_text(encoding="utf-8")):
        if not entry.get("is_article"):
            continue
        body = (folder / entry["file"]).read_bytes()
        if entry["file"].endswith(".gz"):
            body = gzip.decompress(body)
        out.append((entry["url"], body))
    return out


def sentence_pool(real_pages: list[tuple[str, bytes]]) -> list[str]:
    """Sentences of the demo articles and of the real pages' extracted text."""
    demo = _load(REPO / "tools" / "demo_articles.py", "bench_demo_articles")
    pool = []
    for article in demo.ARTICLES:
        for paragraph in [article[4], *article[5]]:
            pool += split_sentences(paragraph)
    if real_pages:
        import trafilatura

        for url, body in real_pages:
            text = trafilatura.extract(body.decode("utf-8", "replace"), url=url) or ""
            for paragraph in text.split("\n"):
                pool += split_sentences(paragraph)
    return sorted(set(pool))


@dataclass
class Story:
    cluster: str
    title: str
    lead: str
    paragraphs: list[str]
    author: str
    published: datetime


def make_story(k: int, rng: random.Random, pool: list[str], synth) -> Story:
    """One article: synth topic sentences with fresh facts, event sentences and pool sentences."""
    topic = sorted(synth.TOPICS)[k % len(synth.TOPICS)]
    facts = synth._facts(rng)
    templated = [s.format(**facts) for s in rng.sample(synth.TOPICS[topic], 4)]
    events = [synth._event(rng, facts) for _ in range(3)]
    borrowed = rng.sample(pool, min(len(pool), rng.randint(8, 14)))
    sentences = templated[1:] + events[1:] + borrowed
    rng.shuffle(sentences)
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.randint(2, 3)
        paragraphs.append(" ".join(sentences[i:i + size]))
        i += size
    lead = f"{templated[0]} {events[0]}"
    title = f"{facts['p']}: {' '.join(templated[0].split()[:rng.randint(9, 13)]).rstrip(',.')}"
    published = datetime(2026, 1, 1, 7, tzinfo=timezone.utc) + timedelta(minutes=rng.randint(0, 60 * 24 * 300))
    author = rng.choice(["Minh Anh", "Thu Hà", "Hải Minh", "Trần Hoài", "Lan Phương", "Ngọc Trâm", "Đức Thành"])
    return Story(f"c{k:05d}", title, lead, paragraphs, author, published)


@dataclass(frozen=True)
class Site:
    host: str
    name: str
    sections: tuple[str, ...]
    body_class: str
    lead_class: str

    def page(self, story: "Story", paragraphs: list[str], url: str, rng: random.Random, other_titles: list[str],
             credit: str | None = None, caption: str | None = None) -> bytes:
        return render(story, paragraphs, self, url, rng, other_titles, credit=credit, caption=caption)


SITES = [
    Site("http://baochinhphu.bench.vn", "Báo Điện tử Chính phủ",
         ("Thời sự", "Chính sách mới", "Kinh tế", "Xã hội", "Quốc tế", "Văn hóa"), "detail-content afcbc-body", "detail-sapo"),
    Site("http://tintuc.bench.vn", "Báo điện tử Tin tức",
         ("Thời sự", "Thế giới", "Kinh doanh", "Pháp luật", "Giáo dục", "Sức khỏe", "Đời sống"), "fck_detail", "description"),
    Site("http://taichinh.bench.vn", "Tài chính Đầu tư",
         ("Chứng khoán", "Ngân hàng", "Bất động sản", "Doanh nghiệp", "Vĩ mô"), "contentdetail", "sapo"),
    Site("http://congthongtin.bench.gov.vn", "Cổng Thông tin điện tử tỉnh",
         ("Giới thiệu", "Tin tức - Sự kiện", "Văn bản", "Thủ tục hành chính", "Liên hệ"), "news-content", "news-summary"),
]


def _slug(text: str, k: int) -> str:
    import unicodedata

    ascii_ = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d")).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-").split("-")[:10]
    return "-".join(words) + f"-{k:06d}.htm"


def render(story: Story, paragraphs: list[str], site: Site, url: str, rng: random.Random,
           other_titles: list[str], credit: str | None = None, caption: str | None = None) -> bytes:
    """A full page: head with inline CSS/JS, menu, breadcrumb, article, related, sidebar, footer."""
    e = html.escape
    nav = list(site.sections) + rng.sample(["Video", "Podcast", "Ảnh", "Infographic", "Tòa soạn", "Đặt báo"], 3)
    rng.shuffle(nav)
    style = "".join(f".c{i}{{margin:{i % 7}px;color:#{rng.randrange(16**6):06x}}}" for i in range(rng.randint(400, 800)))
    tracking = json.dumps({"site": site.name, "ads": [f"{rng.randrange(16**12):012x}" for _ in range(rng.randint(200, 400))]})
    related = rng.sample(other_titles, min(len(other_titles), rng.randint(3, 6)))
    popular = rng.sample(other_titles, min(len(other_titles), rng.randint(6, 10)))
    body = [f"<p>{e(p)}</p>" for p in paragraphs]
    if caption:
        body.insert(min(2, len(body)), f'<figure><img src="/img/{rng.randrange(10**6)}.jpg" alt="">'
                                       f"<figcaption>{e(caption)}</figcaption></figure>")
    if rng.random() < 0.5:
        body.insert(len(body) // 2, f'<p class="related-inline"><a href="/x.htm">Xem thêm: {e(rng.choice(other_titles))}</a></p>')
    if credit:
        body.append(f"<p><em>{e(credit)}</em></p>")
    body.append(f'<p class="author"><strong>{e(story.author)}</strong></p>')
    when = story.published.strftime("%d/%m/%Y %H:%M")
    page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{e(story.title)} | {e(site.name)}</title>
<link rel="canonical" href="{e(url)}"><meta property="og:title" content="{e(story.title)}">
<meta name="description" content="{e(story.lead[:160])}">
<meta property="article:published_time" content="{story.published.isoformat()}">
<style>{style}</style><script>window.__cfg={tracking};</script></head><body>
<header><div class="logo"><a href="/">{e(site.name)}</a></div><nav><ul>{''.join(f'<li><a href="/{i}.htm">{e(n)}</a></li>' for i, n in enumerate(nav))}</ul></nav>
<form class="search"><input placeholder="Tìm kiếm"></form></header>
<main><div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/s.htm">{e(rng.choice(site.sections))}</a></div>
<article><h1 class="title">{e(story.title)}</h1><div class="meta"><span class="date">{when}</span></div>
<div class="share">Chia sẻ: Facebook | Zalo | In bài</div>
<p class="{site.lead_class}"><strong>{e(story.lead)}</strong></p>
<div class="{site.body_class}">{''.join(body)}</div>
<div class="tags">Từ khóa: {' '.join(f'<a href="/tag/{i}">{e(t.split(":")[0])}</a>' for i, t in enumerate(related[:3]))}</div>
</article><section class="related"><h3>Tin liên quan</h3><ul>{''.join(f'<li><a href="/r{i}.htm">{e(t)}</a></li>' for i, t in enumerate(related))}</ul></section>
<section class="comments"><h3>Ý kiến bạn đọc</h3><p>Chưa có bình luận nào. Hãy là người đầu tiên bình luận.</p></section></main>
<aside><h3>Đọc nhiều</h3><ol>{''.join(f'<li><a href="/p{i}.htm">{e(t)}</a></li>' for i, t in enumerate(popular))}</ol>
<div class="ads">Quảng cáo</div></aside>
<footer><p>{e(site.name)} - Cơ quan chủ quản: Văn phòng Chính phủ. Giấy phép số {rng.randint(10, 999)}/GP-BTTTT.</p>
<p>Địa chỉ: 16 Lê Hồng Phong, Ba Đình, Hà Nội. Email: toasoan@bench.vn</p>
<p>© 2026 Bản quyền thuộc về {e(site.name)}. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></footer>
<script>(function(){{var s=document.createElement('script');s.src='/analytics.js?v={rng.randrange(10**8)}';document.body.appendChild(s);}})();</script>
</body></html>"""
    return page.encode("utf-8")


@dataclass
class Page:
    url: str
    body: bytes
    cluster: str
    variant: str


@dataclass
class Workload:
    """The built workload: WARC shards and the ground truth by canonical URL."""

    root: Path
    warc_files: list[Path]
    truth: dict[str, str]  # canonical url -> cluster
    variant: dict[str, str]  # canonical url -> original | syndicated | ...
    html_bytes: int
    real_pages: int
    seed: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return len(self.truth)

    @property
    def duplicate_pages(self) -> int:
        return sum(1 for v in self.variant.values() if v != "original")


def _tone(text: str, synth) -> str:
    for old, new in synth.NEW_TONES.items():
        text = text.replace(old, new)
    return text


def layouts(markup: str, shared: Path | None) -> list:
    """The page layouts stories are rendered into: ``generated`` (:data:`SITES`, light pages) or
    ``real`` (saved real article pages, see bench/real_markup.py)."""
    if markup == "generated":
        return list(SITES)
    if markup == "real":
        from bench.real_markup import real_templates

        return real_templates(shared)
    raise ValueError(f"markup must be 'generated' or 'real', not {markup!r}")


def plan_pages(n_pages: int, seed: int, shared: Path | None = SHARED, markup: str = "generated") -> list[Page]:
    """The pages in WARC order (shuffled, seeded): originals, planted copies, real pages."""
    if n_pages < 10:
        raise ValueError(f"n_pages must be at least 10, got {n_pages}")
    sites = layouts(markup, shared)
    synth = _synth()
    real = shared_article_pages(shared) if n_pages >= 100 else []
    pool = sentence_pool(real)
    rng = random.Random(seed)
    pages: list[Page] = []
    for i, (url, body) in enumerate(real):
        pages += [Page(url, body, f"real{i:02d}", "original"),
                  Page(re.sub(r"^https?://[^/]+", "http://mirror.bench.vn", url), body, f"real{i:02d}", "mirror")]
    n_stories = int((n_pages - len(pages)) * 0.72)
    stories = [make_story(k, random.Random(f"{seed}-story-{k}"), pool, synth) for k in range(n_stories)]
    titles = [s.title for s in stories]
    originals = []
    for k, story in enumerate(stories):
        site = sites[k % len(sites)]
        url = f"{site.host}/{_slug(story.title, k)}"
        page = Page(url, site.page(story, story.paragraphs, url, rng, titles), story.cluster, "original")
        originals.append((story, site, page))
    pages += [p for _, _, p in originals]
    copy = 0
    while len(pages) < n_pages:
        story, site, original = originals[rng.randrange(len(originals))]
        variant = VARIANTS[copy % len(VARIANTS)]
        other = sites[(sites.index(site) + 1 + rng.randrange(len(sites) - 1)) % len(sites)]
        url = f"{other.host}/{_slug(story.title, 100_000 + copy)}"
        paragraphs, credit, caption = story.paragraphs, None, None
        if variant == "mirror":
            url = f"{site.host}/amp/{_slug(story.title, 200_000 + copy)}"
            body = original.body.replace(original.url.encode(), url.encode())
        else:
            if variant == "syndicated":
                credit = rng.choice(["(Theo TTXVN)", "Theo Báo Chính phủ", "(Theo Cổng TTĐT tỉnh)"])
            elif variant == "tone":
                paragraphs = [_tone(p, synth) for p in paragraphs]
            elif variant == "truncated":
                paragraphs = paragraphs[: max(2, round(len(paragraphs) * 0.7))] + ["(Còn nữa)"]
            elif variant == "edited":
                edits = rng.sample(synth.EDITS, 2)
                for old, new in edits:
                    paragraphs = [p.replace(old, new, 1) for p in paragraphs]
                caption = rng.choice(synth.CAPTIONS)
            lead = _tone(story.lead, synth) if variant == "tone" else story.lead
            shown = Story(story.cluster, story.title, lead, paragraphs, story.author, story.published)
            body = other.page(shown, paragraphs, url, rng, titles, credit=credit, caption=caption)
        pages.append(Page(url, body, story.cluster, variant))
        copy += 1
    rng.shuffle(pages)
    return pages[:n_pages]


def build_workload(root: str | Path, n_pages: int = 1500, *, shards: int = 4, seed: int = 7,
                   shared: Path | None = SHARED, markup: str = "generated") -> Workload:
    """Write ``root/warc/bench-*.warc.gz`` (``shards`` files) and ``root/truth.json``;
    ``markup``: see :func:`layouts`."""
    if shards < 1:
        raise ValueError(f"shards must be >= 1, got {shards}")
    root = Path(root)
    warc_dir = root / "warc"
    pages = plan_pages(n_pages, seed, shared, markup)
    fetched = datetime(2026, 3, 1, tzinfo=timezone.utc)
    per_shard = -(-len(pages) // shards)
    files: list[Path] = []
    for s in range(shards):
        writer = WarcWriter(warc_dir, SOURCE)  # one file per shard (bench-<now>-0000s.warc.gz)
        for page in pages[s * per_shard:(s + 1) * per_shard]:
            writer.write_exchange(url=page.url, fetched_at=fetched, method="GET", request_headers=[],
                                  status=200, response_headers=[("Content-Type", "text/html; charset=utf-8")],
                                  body=page.body)
        writer.close()
        files += [warc_dir / name for name in writer.files]
    truth = {canonicalize_url(p.url): p.cluster for p in pages}
    variant = {canonicalize_url(p.url): p.variant for p in pages}
    if len(truth) != len(pages):
        raise RuntimeError("two workload pages share a canonical URL")
    counts = {v: sum(1 for p in pages if p.variant == v) for v in ("original",) + VARIANTS}
    work = Workload(root, sorted(set(files)), truth, variant, sum(len(p.body) for p in pages),
                    sum(1 for p in pages if p.cluster.startswith("real")), seed, counts)
    (root / "truth.json").write_text(json.dumps({"seed": seed, "pages": work.pages, "truth": truth,
                                                 "variant": variant}, ensure_ascii=False), encoding="utf-8")
    return work


if __name__ == "__main__":  # python -m bench.workload DIR N
    w = build_workload(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200)
    print(json.dumps({"pages": w.pages, "warcs": len(w.warc_files), "mb": w.html_bytes / 1e6, **w.counts}))
